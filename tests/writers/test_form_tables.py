"""Form grids: a table whose header cells are all empty has no header row,
and columns left blank for handwriting still get room."""
from __future__ import annotations

import io
import zipfile

from lxml import etree

from sskit.markup import DocumentMeta, parse_markdown
from sskit.writers.docx import write_docx
from sskit.writers.docx.tables import column_widths
from sskit.writers.html import write_html

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
GRID = "| | | | |\n|---|---|---|---|\n| 顾客姓名 | | 联系电话 | |\n| 地址 | | 报修日期 | |\n"
META = DocumentMeta("叫修登记表", "QH/SS-BD-01", "A/0", "杭州青禾电器有限公司", "青禾电器",
                    "2026-01-01", "2026-01-01", cover=False, toc=False)


def test_empty_header_row_is_dropped_in_the_ir():
    [table] = parse_markdown(GRID)
    assert table.header == ()
    assert len(table.rows) == 2


def test_docx_grid_has_no_header_row():
    blob = write_docx(META, parse_markdown(GRID))
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(blob)).read("word/document.xml"))
    rows = body.findall(f".//{W}tbl/{W}tr")
    assert len(rows) == 2
    assert not body.findall(f".//{W}tblHeader")
    assert "".join(rows[0].itertext()) == "顾客姓名联系电话"


def test_html_grid_has_no_thead():
    html = write_html(META, parse_markdown(GRID)).decode()
    assert "<thead>" not in html.split("<main>")[1]


def test_blank_columns_are_wider_than_their_header():
    table = parse_markdown("| 序号 | 顾客姓名 | 故障现象 |\n|---|---|---|\n| 1 | | |\n")[0]
    widths = column_widths(table, 8000)
    assert widths[0] < widths[1] and widths[0] < widths[2]
    assert abs(widths[1] - widths[2]) <= 5  # equal headers, equal blank columns
    assert sum(widths) == 8000
    grid = parse_markdown(GRID)[0]
    value, label = column_widths(grid, 8000)[1], column_widths(grid, 8000)[0]
    assert value >= label * 0.9  # the blank value cell is not squeezed next to its label


def test_blank_column_with_a_long_header_is_not_squeezed():
    table = parse_markdown("| 序号 | 更换配件名称 | 数量 |\n|---|---|---|\n| 1 | | |\n")[0]
    number, name, quantity = column_widths(table, 8300)
    assert name > quantity > number
