"""Writer: the tables of a document's IR -> an .xlsx workbook (`--format xlsx`).

Only the tabular documents get one (`TABULAR_KEYS` and the register-style forms): a
sheet per IR table, the title and the document number/version above the header row,
the header frozen and filtered, columns fitted, printed A4 landscape with the header
repeated on every page. Bytes are deterministic: the document properties carry the
document's issue date, never the clock.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from sskit.markup.ir import Block, Break, DocumentMeta, Heading, Inline, Span, Table
from sskit.markup.merges import LEFT, UP
from sskit.profile.xlsx_package import workbook_bytes

# 部门职责分配表, 年度培训计划, 条款对照表, 服务网点清单 (keys of sskit/documents.py)
TABULAR_KEYS = frozenset({"matrix", "training", "crossref", "outlet-list"})
HEADER_ROW = 3  # rows 1-2: title, document number and version
_NUMBER = re.compile(r"^-?\d{1,15}(\.\d+)?$")


def is_tabular(key: str, meta: DocumentMeta) -> bool:
    """The documents written as workbooks: the lists above and the register-style forms
    (登记表、台账: a form laid out landscape and compact)."""
    return key in TABULAR_KEYS or (key.startswith("form-") and meta.landscape and meta.compact)


def write_xlsx(meta: DocumentMeta, blocks: Sequence[Block]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    heading = meta.title
    for block in blocks:
        if isinstance(block, Heading):
            heading = _text(block.inlines)
        elif isinstance(block, Table):
            name = _sheet_name(block.caption or heading, used)
            _write_table(book.create_sheet(name), meta, block, block.caption or heading)
    if not book.sheetnames:
        book.create_sheet(_sheet_name(meta.title, used)).cell(1, 1, meta.title)
    return workbook_bytes(book, dt.date.fromisoformat(meta.issue_date), meta.title, meta.company_name)


def _text(inlines: Sequence[Inline]) -> str:
    return "".join("\n" if isinstance(i, Break) else i.text for i in inlines if isinstance(i, (Span, Break))).strip()


def _sheet_name(text: str, used: set) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "", text).strip()[:28] or "表"
    name, n = base, 2
    while name in used:
        name, n = f"{base[:26]}-{n}", n + 1
    used.add(name)
    return name


def _width(text: str) -> int:
    line = max(text.split("\n"), key=len) if text else ""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in line)


def _value(text: str):
    if _NUMBER.match(text) and not (len(text) > 1 and text.startswith("0") and "." not in text):
        return float(text) if "." in text else int(text)
    return text or None


def _write_table(ws, meta: DocumentMeta, table: Table, title: str) -> None:
    columns = max([len(table.header)] + [len(r) for r in table.rows])
    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.cell(1, 1, f"{meta.company_name} {meta.title}" + (f" — {title}" if title != meta.title else ""))
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.cell(2, 1, f"文件编号：{meta.number}    版本：{meta.version}    实施日期：{meta.effective_date}")
    widths = [0] * columns
    for c, cell in enumerate(table.header, start=1):
        text = _text(cell)
        target = ws.cell(HEADER_ROW, c, text or None)
        target.font = Font(bold=True)
        target.fill = PatternFill("solid", fgColor="DDEBF7")
        target.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        target.border = box
        widths[c - 1] = max(widths[c - 1], _width(text))
    previous: list = [None] * columns
    for r, row in enumerate(table.rows, start=HEADER_ROW + 1):
        for c in range(1, columns + 1):
            cell = row[c - 1] if c - 1 < len(row) else ()
            text = _text(cell)
            if text == UP:  # a vertical merge of the form: the value again, so a filter keeps the row
                value = previous[c - 1]
            elif text == LEFT:
                value = None
            else:
                value = _value(text)
            previous[c - 1] = value
            target = ws.cell(r, c, value)
            target.alignment = Alignment(wrap_text=True, vertical="top",
                                         horizontal=_align(table.align, c - 1))
            target.border = box
            if isinstance(value, str):
                widths[c - 1] = max(widths[c - 1], _width(value))
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(max(width + 2, 6), 60)
    last = HEADER_ROW + len(table.rows)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1).coordinate
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(columns)}{max(last, HEADER_ROW)}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddHeader.left.text = _escape(meta.company_short)
    ws.oddHeader.center.text = _escape(meta.title)
    ws.oddHeader.right.text = _escape(f"{meta.number}  {meta.version}")
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"


def _escape(text: str) -> str:
    return text.replace("&", "&&")


def _align(aligns, index: int) -> str:
    value = aligns[index] if index < len(aligns) else None
    return value if value in ("left", "center", "right") else "left"
