"""sskit.pdf.volume, .order and .front: the documents bound in filing order behind a cover and a
总目录, one bookmark each holding the document's own outline, the same bytes every time."""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

import pytest
from pypdf import PdfReader, PdfWriter

from sskit.diagnostics import ExitCode, SskitError
from sskit.documents import document_specs
from sskit.markup import parse_markdown
from sskit.markup.ir import DocumentMeta, Heading, PageBreak, Paragraph, Span, Table
from sskit.pdf.front import Entry, Front, front_markdown, front_meta, front_pdf, starts_after
from sskit.documents import FILING_LEVELS as LEVELS, filing_order
from sskit.pdf.volume import FRONT_BOOKMARK, compose_volume, volume_title
from sskit.view.crossref import GROUP_LABELS


def _document(pages: int, chapters: list[str]) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    for i, chapter in enumerate(chapters):
        writer.add_outline_item(title=chapter, page_number=min(i, pages - 1))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _outline(reader: PdfReader) -> list:
    """[(title, first page, [child titles])] of the top level."""
    items, found = reader.outline, []
    for i, item in enumerate(items):
        if isinstance(item, list):
            continue
        children = items[i + 1] if i + 1 < len(items) and isinstance(items[i + 1], list) else []
        found.append((item.title, reader.get_destination_page_number(item), [c.title for c in children]))
    return found


def test_one_bookmark_per_document_in_order_with_its_chapters():
    parts = [("QH/SS-QD-01 文件清单", _document(2, ["1 文件清单"])),
             ("QH/SS-SC-01 售后服务手册", _document(3, ["1 总则", "2 服务承诺"])),
             ("QH/SS-CX-01 维修服务控制程序", _document(1, []))]
    data = compose_volume(parts, volume_title("杭州青禾电器有限公司"), "杭州青禾电器有限公司")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 6
    assert _outline(reader) == [("QH/SS-QD-01 文件清单", 0, ["1 文件清单"]),
                                ("QH/SS-SC-01 售后服务手册", 2, ["1 总则", "2 服务承诺"]),
                                ("QH/SS-CX-01 维修服务控制程序", 5, [])]
    assert reader.metadata["/Title"] == "杭州青禾电器有限公司售后服务体系文件汇编"
    assert "/CreationDate" not in reader.metadata and "/ID" not in reader.trailer
    assert compose_volume(parts, "T", "A") == compose_volume(parts, "T", "A")


def test_the_front_pages_come_first_under_their_own_bookmark():
    parts = [("QH/SS-QD-01 文件清单", _document(2, ["1 文件清单"])),
             ("QH/SS-CX-01 维修服务控制程序", _document(1, []))]
    data = compose_volume(parts, "T", "A", front=_document(3, ["目录"]))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 6
    # the front's own outline is not imported: the 总目录 is the one navigation it offers
    assert _outline(reader) == [(FRONT_BOOKMARK, 0, []), ("QH/SS-QD-01 文件清单", 3, ["1 文件清单"]),
                                ("QH/SS-CX-01 维修服务控制程序", 5, [])]
    assert compose_volume(parts, "T", "A", front=_document(3, [])) == \
        compose_volume(parts, "T", "A", front=_document(3, []))


# -- the filing order ------------------------------------------------------------------------

def _codes(specs) -> list[str]:
    return [s.code for s in specs]


def test_the_set_files_by_level_then_number():
    codes = _codes(filing_order(document_specs()))
    assert codes[:2] == ["QD-01", "SC-01"]  # the register, then the manual
    assert codes[-1] == "ZP-01"  # the 自评报告, a record, last
    procedures = [c for c in codes if c.startswith("CX-")]
    forms = [c for c in codes if c.startswith("BD-")]
    # each series in one block, by number: CX-13 (added to the registry after BD-14) follows CX-12
    assert procedures == [f"CX-{n:02d}" for n in range(1, len(procedures) + 1)]
    assert forms == [f"BD-{n:02d}" for n in range(1, len(forms) + 1)]
    first, last = codes.index(procedures[0]), codes.index(procedures[-1])
    assert codes[first:last + 1] == procedures
    first, last = codes.index(forms[0]), codes.index(forms[-1])
    assert codes[first:last + 1] == forms
    assert codes.index("CX-13") == codes.index("CX-12") + 1 < codes.index("BD-01")
    # third-level documents between the procedures and the forms
    for code in ("PX-01", "GW-01", "YA-01", "WB-01", "WD-01"):
        assert codes.index("CX-17") < codes.index(code) < codes.index("BD-01"), code
    for code in ("ZZ-01", "DZ-01"):  # the manual's companions before the procedures
        assert codes.index("SC-01") < codes.index(code) < codes.index("CX-01"), code


def test_a_company_set_files_the_same_way_whatever_order_it_comes_in():
    specs = [s for s in document_specs() if s.code in ("BD-14", "CX-13", "CX-12", "SC-01", "YA-01", "ZP-01")]
    assert _codes(filing_order(reversed(specs))) == ["SC-01", "CX-12", "CX-13", "YA-01", "BD-14", "ZP-01"]

    class Rendered:  # a rendered document carries its spec
        def __init__(self, spec):
            self.spec = spec

    assert [r.spec.code for r in filing_order([Rendered(s) for s in specs])] == \
        ["SC-01", "CX-12", "CX-13", "YA-01", "BD-14", "ZP-01"]


def test_every_group_of_the_registry_has_a_level():
    assert {s.group for s in document_specs()} <= set(LEVELS)
    assert set(GROUP_LABELS) == set(LEVELS)


# -- the cover and the 总目录 ----------------------------------------------------------------

META = DocumentMeta(title="售后服务体系文件汇编", number="", version="A/0", company_name="杭州青禾电器有限公司",
                    company_short="青禾电器", issue_date="2026-01-01", effective_date="2026-01-01")


def _front(n: int = 3) -> Front:
    entries = tuple(Entry(f"QH/SS-CX-{i:02d}", f"程序{i}", "A/1" if i == 2 else "A/0") for i in range(1, n + 1))
    return Front("杭州青禾电器有限公司", "GB/T 27922-2011", "商品售后服务评价体系", "A/0", "2026年1月1日",
                 entries, front_meta(META, "售后服务体系文件汇编"))


def _texts(blocks, kind):
    return [b for b in blocks if isinstance(b, kind)]


def _plain(paragraph: Paragraph) -> str:
    return "".join(i.text for i in paragraph.inlines if isinstance(i, Span))


def test_the_cover_names_the_company_the_standard_the_version_and_the_date():
    blocks = parse_markdown(front_markdown(_front(), [5, 9, 12]))
    cover = [_plain(p) for p in _texts(blocks[:blocks.index(PageBreak())], Paragraph)]
    assert [t for t in cover if t] == ["杭州青禾电器有限公司", "依据GB/T 27922-2011《商品售后服务评价体系》",
                                       "版本：A/0", "实施日期：2026年1月1日", "共3份文件"]


def _cells(row) -> list[str]:
    return ["".join(i.text for i in cell if isinstance(i, Span)) for cell in row]


def test_the_contents_has_one_row_per_document_with_its_first_page():
    blocks = parse_markdown(front_markdown(_front(), [5, 9, 12]))
    (table,) = _texts(blocks, Table)
    assert _cells(table.header) == ["序号", "文件编号", "文件名称", "版本", "起始页"]
    assert [_cells(r) for r in table.rows] == [["1", "QH/SS-CX-01", "程序1", "A/0", "5"],
                                              ["2", "QH/SS-CX-02", "程序2", "A/1", "9"],
                                              ["3", "QH/SS-CX-03", "程序3", "A/0", "12"]]
    assert any(isinstance(b, Heading) and _plain(b) == "总目录" for b in blocks)


def test_a_value_with_markup_is_printed_as_written():
    front = replace(_front(1), company="*星号*公司|甲", entries=(Entry("QH/SS-CX-01", "程序|一", "A/0"),))
    blocks = parse_markdown(front_markdown(front, [3]))
    assert "*星号*公司|甲" in [_plain(p) for p in _texts(blocks, Paragraph)]
    (table,) = _texts(blocks, Table)
    assert "".join(i.text for i in table.rows[0][2] if isinstance(i, Span)) == "程序|一"


def test_first_pages_follow_the_front_and_each_length():
    assert starts_after(2, [3, 1, 4]) == [3, 6, 7]
    assert starts_after(4, []) == []


def _page_numbers(docx: bytes) -> list[str]:
    """The 起始页 column of the 总目录 in a front Word file."""
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8")
    rows = re.findall(r"<w:tr[ >].*?</w:tr>", xml)
    return ["".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", re.findall(r"<w:tc>.*?</w:tc>", row)[-1]))
            for row in rows]


class FakeConvert:
    """The build's converter: a PDF of the next of `pages` for each call, the Word files kept."""

    def __init__(self, *pages: int):
        self.pages, self.seen = list(pages), []

    def __call__(self, sources: dict) -> dict:
        (name, docx), = sources.items()
        self.seen.append(docx)
        return {name: _document(self.pages.pop(0), [])}


def test_the_front_is_converted_again_when_it_takes_other_than_the_guessed_pages():
    convert = FakeConvert(3, 3)
    data = front_pdf(_front(), [2, 3, 1], convert)
    assert len(PdfReader(io.BytesIO(data)).pages) == 3
    assert [_page_numbers(d) for d in convert.seen] == [["起始页", "3", "5", "8"], ["起始页", "4", "6", "9"]]


def test_a_front_that_takes_the_guessed_pages_is_converted_once():
    convert = FakeConvert(2)
    front_pdf(_front(), [2, 3, 1], convert)
    assert len(convert.seen) == 1 and _page_numbers(convert.seen[0]) == ["起始页", "3", "5", "8"]


def test_a_front_that_does_not_settle_is_an_error_not_a_wrong_contents():
    with pytest.raises(SskitError) as caught:
        front_pdf(_front(), [2, 3, 1], FakeConvert(3, 4))
    assert caught.value.exit_code == ExitCode.OUTPUT
    assert "does not settle: 4 pages, numbered for 3" in str(caught.value.diagnostics[0])


def test_the_front_meta_has_no_cover_contents_or_revisions_and_keeps_the_sets_look():
    meta = front_meta(replace(META, number="QH/SS-QD-01", toc=True, cover=True, layout="book",
                              revisions=(object(),), landscape=True), "售后服务体系文件汇编")
    assert (meta.title, meta.number, meta.cover, meta.toc, meta.revisions, meta.landscape, meta.layout) == \
        ("售后服务体系文件汇编", "", False, False, (), False, "form")
    assert (meta.company_name, meta.effective_date, meta.version) == ("杭州青禾电器有限公司", "2026-01-01", "A/0")
