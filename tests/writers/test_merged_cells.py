"""Merged cells: `<<` joins the cell to its left, `^^` the cell above; DOCX gets
w:gridSpan / w:vMerge, HTML colspan / rowspan, and the package stays schema-valid."""
from __future__ import annotations

import io
import zipfile

from lxml import etree

from sskit.markup import parse_markdown
from sskit.writers.html import write_html

from test_docx_schema import problems, schemas  # noqa: F401  (fixture)
from writer_samples import META

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FORM = """| | | | |
|---|---|---|---|
| **姓名** | | **电话** | |
| **地址** | 杭州市西湖区 | << | << |
| **说明** | 一 | 二 | 三 |
| ^^ | 四 | 五 | 六 |
| << | ^^ | 七 | 八 |
"""


def _rows(docx: bytes):
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")
    table = etree.fromstring(xml).findall(f".//{W}tbl")[-1]  # the cover's tables come first
    return table.findall(f"{W}tr")


def test_docx_spans_columns_and_rows(write):
    rows = _rows(write(FORM).data)
    assert [len(r.findall(f"{W}tc")) for r in rows] == [4, 2, 4, 4, 4]
    address = rows[1].findall(f"{W}tc")[1]
    assert address.find(f"{W}tcPr/{W}gridSpan").get(f"{W}val") == "3"
    assert "".join(address.itertext()) == "杭州市西湖区"
    start, cont = rows[2].findall(f"{W}tc")[0], rows[3].findall(f"{W}tc")[0]
    assert start.find(f"{W}tcPr/{W}vMerge").get(f"{W}val") == "restart"
    assert cont.find(f"{W}tcPr/{W}vMerge").get(f"{W}val") is None and "".join(cont.itertext()) == ""
    # a marker with nothing to join (first column) is an empty cell, not a crash
    assert "".join(rows[4].findall(f"{W}tc")[0].itertext()) == ""
    four, below = rows[3].findall(f"{W}tc")[1], rows[4].findall(f"{W}tc")[1]
    assert four.find(f"{W}tcPr/{W}vMerge").get(f"{W}val") == "restart" and "".join(four.itertext()) == "四"
    assert below.find(f"{W}tcPr/{W}vMerge") is not None and "".join(below.itertext()) == ""
    grid = sum(int(c.get(f"{W}w")) for c in _rows_grid(write(FORM).data))
    widths = [sum(int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for tc in r.findall(f"{W}tc")) for r in rows]
    assert set(widths) == {grid}  # every row fills the grid


def _rows_grid(docx: bytes):
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")
    return etree.fromstring(xml).findall(f".//{W}tbl")[-1].findall(f"{W}tblGrid/{W}gridCol")


def test_docx_with_merges_is_schema_valid(write, schemas):  # noqa: F811
    assert problems(write(FORM).data, schemas) == []


def test_html_rowspan_and_colspan():
    html = write_html(META, parse_markdown(FORM)).decode("utf-8")
    assert '<td colspan="3">杭州市西湖区</td>' in html
    assert '<td rowspan="2"><strong>说明</strong></td>' in html
    assert "&lt;&lt;" not in html and "^^" not in html


def test_tables_without_markers_are_written_as_before(write):
    plain = FORM.replace("<<", "x").replace("^^", "y")
    rows = _rows(write(plain).data)
    assert [len(r.findall(f"{W}tc")) for r in rows] == [4, 4, 4, 4, 4]


def test_the_fee_notice_names_each_product_line_once_over_its_parts():
    """The 收费标准公示表 merges a product line's cell over the rows of its parts."""
    from pathlib import Path

    from sskit.facts import derive_facts
    from sskit.pipeline import render_document_set
    from sskit.profile import read_profile
    from sskit.render import TemplateSet
    from sskit.standard import load_catalogue

    root = Path(__file__).resolve().parents[2]
    profile = read_profile(root / "profiles" / "huaxia-appliance.yaml")
    catalogue = load_catalogue()
    docs = render_document_set(profile, catalogue, TemplateSet(), formats=("docx", "html"),
                               facts=derive_facts(profile, catalogue))
    fees = next(d for d in docs if d.spec.key == "form-fees")
    docx = next(v for k, v in fees.files.items() if k.endswith(".docx"))
    html = next(v for k, v in fees.files.items() if k.endswith(".html")).decode("utf-8")
    rows = _rows(docx)
    first = next(p for p in profile.products if len(p.parts) >= 2)
    starts = [r for r in rows if "".join(r.itertext()).startswith(first.name)]
    assert len(starts) == 1
    assert starts[0].find(f"{W}tc/{W}tcPr/{W}vMerge").get(f"{W}val") == "restart"
    assert f'<td rowspan="{len(first.parts)}">{first.name}</td>' in html
