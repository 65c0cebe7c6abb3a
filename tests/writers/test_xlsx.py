"""`--format xlsx`: the tabular documents as workbooks, from the IR tables."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from sskit.cli import main
from sskit.markup import parse_markdown
from sskit.markup.ir import DocumentMeta
from sskit.writers.xlsx import is_tabular, write_xlsx

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "profiles" / "huaxia-appliance.yaml"

META = DocumentMeta(title="服务网点清单", number="HX/SS-WD-01", version="A/1", company_name="浙江华夏澄远电器股份有限公司",
                    company_short="华夏澄远电器", issue_date="2026-03-15", effective_date="2026-04-01")
MARKDOWN = """# 服务网点分布

| 省级行政区 | 网点 | 技术人员 | 备注 |
|---|---|--:|---|
| 浙江省 | 慈溪服务中心 | 12 | 直营 |
| ^^ | 宁波特约站 | 5 | 特约<br>含救援 |
| 上海市 | 浦东网点 | 007 | — |
"""


@pytest.fixture(scope="module")
def sheet():
    book = load_workbook(io.BytesIO(write_xlsx(META, parse_markdown(MARKDOWN))))
    return book, book.worksheets[0]


def test_header_frozen_filtered_and_printed(sheet):
    _, ws = sheet
    assert ws.title == "服务网点分布"
    assert [c.value for c in ws[3]] == ["省级行政区", "网点", "技术人员", "备注"]
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:D6"
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert "HX/SS-WD-01" in ws.oddHeader.right.text and "A/1" in ws.oddHeader.right.text
    assert "HX/SS-WD-01" in ws["A2"].value and "A/1" in ws["A2"].value


def test_cells(sheet):
    _, ws = sheet
    assert ws["A5"].value == "浙江省"  # a vertical merge repeats its value, so a filter keeps the row
    assert ws["C4"].value == 12 and ws["C6"].value == "007"  # numbers as numbers, codes kept as text
    assert ws["D5"].value == "特约\n含救援"
    assert ws.column_dimensions["B"].width >= 12  # fitted to 慈溪服务中心


def test_properties_come_from_the_document_and_bytes_repeat(sheet):
    book, _ = sheet
    assert book.properties.created.date().isoformat() == "2026-03-15"
    assert book.properties.modified == book.properties.created
    one = write_xlsx(META, parse_markdown(MARKDOWN))
    assert one == write_xlsx(META, parse_markdown(MARKDOWN))
    with zipfile.ZipFile(io.BytesIO(one)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_which_documents_are_tabular():
    assert is_tabular("matrix", META) and is_tabular("outlet-list", META)
    assert not is_tabular("manual", META)
    register = DocumentMeta(**{**META.__dict__, "landscape": True, "compact": True})
    assert is_tabular("form-complaint-log", register) and not is_tabular("form-x", META)


def test_build_writes_the_tabular_documents_identically_twice(tmp_path):
    runner = CliRunner()
    for out in ("a", "b"):
        result = runner.invoke(main, ["build", str(EXAMPLE), "-o", str(tmp_path / out), "--format", "docx,xlsx", "-q"])
        assert result.exit_code == 0, result.output
    books = sorted(p.name for p in (tmp_path / "a").glob("*.xlsx"))
    titles = "".join(books)
    for title in ("部门职责分配表", "年度培训计划", "条款对照表", "服务网点清单", "投诉台账"):
        assert title in titles
    assert not any("售后服务手册" in name for name in books)
    for name in books:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    matrix = next(n for n in books if "部门职责分配表" in n)
    ws = load_workbook(tmp_path / "a" / matrix).worksheets[0]
    assert ws.freeze_panes == "A4" and ws.auto_filter.ref.startswith("A3:")


def _calc() -> str:
    import shutil

    soffice = shutil.which("soffice")
    return soffice if soffice and list(Path("/usr/lib/libreoffice/program").glob("libsclo.so")) else ""


@pytest.mark.skipif(not _calc(), reason="LibreOffice Calc (soffice with libsclo) is not installed")
def test_libreoffice_opens_it_and_keeps_the_filter_and_print_settings(tmp_path):
    """LibreOffice reads the workbook and keeps what the writer set when it saves it again."""
    import subprocess

    source = tmp_path / "in" / "list.xlsx"
    source.parent.mkdir()
    source.write_bytes(write_xlsx(META, parse_markdown(MARKDOWN)))
    subprocess.run([_calc(), f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(tmp_path / "out"), str(source)],
                   check=True, capture_output=True, timeout=240)
    ws = load_workbook(tmp_path / "out" / "list.xlsx").worksheets[0]
    # (a headless LibreOffice has no view, so it saves no frozen panes: those are checked above)
    assert ws.auto_filter.ref == "A3:D6"
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape"
    assert ws["B4"].value == "慈溪服务中心"
