"""Stage 1 (tables): the data-collection workbook (资料收集表), both ways.

`profile_workbook` writes a profile as the workbook a consultant e-mails to a client:
a 说明 sheet, then one sheet per table of `tabular.profile_tables()` (Chinese headers with
the field key in a hidden row, required columns marked, a comment per header with the
field's meaning and an example, dropdowns for every closed vocabulary).
`read_workbook` reads such a workbook back (also one saved by WPS or LibreOffice, with
reordered or added columns) into profile data whose every value is located in its cell.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from sskit.diagnostics import Diagnostic
from sskit.profile.model import Profile
from sskit.profile.tabular import (
    ROW_KEY, Column, LocatedSource, Table, as_text, cell_name, cell_to_value, get_in, is_blank, profile_tables,
    value_to_cell,
)
from sskit.profile.tabular_files import (
    Grid, header_lookup, normalise_header, open_workbook, read_table, row_entry, sheet_grid,
)
from sskit.profile.xlsx_package import workbook_bytes

GUIDE_SHEET = "说明"
VOCAB_SHEET = "词表"
FORM_HEADERS = ("字段", "项目", "填写内容", "说明")

_GUIDE = (
    "售后服务体系资料收集表 填写说明",
    "",
    "1. 本表用于收集编制 GB/T 27922-2011 售后服务体系文件所需的企业资料，请按工作表逐项填写，填好后发回顾问。",
    "2. 标有 * 的项目必须填写；其余项目如实填写，不适用的留空。",
    "3. 各项的说明和示例见列标题的批注（鼠标停在标题上即可看到）或“说明”列；带下拉箭头的单元格请从下拉列表中选择。",
    "4. 一格填写多项时（如部门职能、网点服务的商品类别），用顿号“、”分隔，如：维修服务、安装调试。",
    "   逐条填写的内容（如部门的补充职责、保养内容）每条占一行（单元格内按 Alt+Enter 换行）。",
    "5. 日期写成 2026-01-01；电话写区号，如 0571-88881234、13812345678、400-123-4567。",
    "6. 组织机构、产品、服务项目等表的“编号”由英文字母开头（如 svc、p1），供其他表引用："
    "上级部门、兼任负责人的部门、讲师所在部门等处填写部门编号；“所属……编号”一列填写所属行的编号或序号。",
    "7. 请勿修改第一行（隐藏行）的字段代码和工作表名称；可以调整列的顺序，也可以增加自用的列（读取时会提示并忽略）。",
    "8. 顾问用 sskit check 检查本表：每个问题都指出工作表和单元格，如 服务网点!F12。",
)


# --- writing ------------------------------------------------------------------------------------

def profile_workbook(profile: Profile) -> bytes:
    """The workbook of a profile (what `sskit convert p.yaml p.xlsx` and `init --xlsx` write)."""
    data = profile.model_dump(mode="python", exclude_unset=True)
    book = Workbook()
    guide = book.active
    guide.title = GUIDE_SHEET
    _write_guide(guide, profile)
    vocab_sheet = book.create_sheet(VOCAB_SHEET)
    lists = _VocabLists(vocab_sheet)
    for table in profile_tables():
        if not table.columns:
            continue
        ws = book.create_sheet(table.sheet)
        if table.shape == "form":
            _write_form(ws, table, get_in(data, table.path) or {}, lists)
        else:
            _write_rows(ws, table, list(_rows_of(table, data)), lists)
    book.move_sheet(vocab_sheet, offset=len(book.sheetnames))
    vocab_sheet.sheet_state = "hidden"
    for ws in book.worksheets:
        _print_setup(ws)
    when = profile.document_control.issued
    return workbook_bytes(book, when, f"{profile.company.short_name} 售后服务体系资料收集表")


def _print_setup(ws) -> None:
    """Printable as well: A4 landscape, as wide as the page, the header row on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if ws.title not in (GUIDE_SHEET, VOCAB_SHEET):
        ws.print_title_rows = "1:1" if ws.cell(1, 1).value == FORM_HEADERS[0] else "2:2"


def _write_guide(ws, profile: Profile) -> None:
    for r, line in enumerate(_GUIDE, start=1):
        cell = ws.cell(r, 1, line or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if r == 1:
            cell.font = Font(bold=True, size=14)
    ws.cell(len(_GUIDE) + 2, 1, f"企业：{profile.company.name}")
    ws.column_dimensions["A"].width = 120


class _VocabLists:
    """Each closed vocabulary once, as a column of labels on the hidden 词表 sheet."""

    def __init__(self, ws):
        self.ws = ws
        self.ranges: dict = {}

    def formula(self, column: Column) -> str:
        labels = tuple(label for _, label in column.codes) if column.kind != "bool" else ("是", "否")
        if labels not in self.ranges:
            col = len(self.ranges) + 1
            self.ws.cell(1, col, column.header)
            for r, label in enumerate(labels, start=2):
                self.ws.cell(r, col, label)
            letters = cell_name(1, col)[:-1]
            self.ranges[labels] = f"{VOCAB_SHEET}!${letters}$2:${letters}${len(labels) + 1}"
        return self.ranges[labels]


def _validation(ws, column: Column, cells: str, lists: _VocabLists) -> None:
    if not (column.codes or column.kind == "bool"):
        return
    many = column.kind == "codes"
    dv = DataValidation(type="list", formula1=lists.formula(column), allow_blank=True,
                        showErrorMessage=not many)
    if many:
        dv.promptTitle = column.header[:32]
        dv.prompt = "可选多项，用顿号“、”分隔"
        dv.showInputMessage = True
    else:
        dv.errorTitle = "请从列表中选择"
        dv.error = f"{column.header}只能取下拉列表中的值"
    ws.add_data_validation(dv)
    dv.add(cells)


def _note(column: Column, example) -> str:
    text = column.note or column.header
    if column.codes and "|" in text:  # a description that lists the codes: the labels say it for the client
        text = column.header
    if column.codes and column.kind in ("code", "codes"):
        text += "\n可选：" + "、".join(label for _, label in column.codes[:12]) + (
            " 等" if len(column.codes) > 12 else "")
    if example not in (None, ""):
        shown = example.isoformat() if isinstance(example, dt.date) else str(example)
        text += "\n例：" + shown.split("\n")[0][:60]
    if column.required:
        text += "\n（必填）"
    return text


def _style_header(cell, required: bool) -> None:
    cell.font = Font(bold=True, color="C00000" if required else "000000")
    cell.fill = PatternFill("solid", fgColor="DDEBF7")
    cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _comment(text: str):
    comment = Comment(text, "sskit")
    comment.width, comment.height = 320, 160
    return comment


def _write_form(ws, table: Table, entry: dict, lists: _VocabLists) -> None:
    for c, title in enumerate(FORM_HEADERS, start=1):
        _style_header(ws.cell(1, c, title), False)
    for r, column in enumerate(table.columns, start=2):
        value = value_to_cell(column, get_in(entry, column.key))
        ws.cell(r, 1, column.dotted)
        label = ws.cell(r, 2, ("* " if column.required else "") + column.header)
        _style_header(label, column.required)
        label.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        cell = ws.cell(r, 3, value)
        _format_cell(cell, column)
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        ws.cell(r, 4, _note(column, None)).alignment = Alignment(wrap_text=True, vertical="top")
        _validation(ws, column, cell.coordinate, lists)
    ws.column_dimensions["A"].hidden = True
    ws.column_dimensions["B"].width = 30
    ws.column_dimensions["C"].width = 56
    ws.column_dimensions["D"].width = 60
    ws.freeze_panes = "C2"


def _format_cell(cell, column: Column) -> None:
    if column.kind == "date":
        cell.number_format = "yyyy-mm-dd"
    elif column.kind in ("text", "texts", "ids", "code", "codes"):
        cell.number_format = "@"  # a phone number or a post code typed in stays text
    if isinstance(cell.value, str) and "\n" in cell.value or column.kind == "texts":
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _write_rows(ws, table: Table, rows: list[dict], lists: _VocabLists) -> None:
    for c, column in enumerate(table.columns, start=1):
        example = next((row[column] for row in rows if row.get(column) not in (None, "")), None)
        head = ws.cell(2, c, ("* " if column.required else "") + column.header)
        _style_header(head, column.required)
        head.comment = _comment(_note(column, example))
        ws.cell(1, c, column.dotted)
        for r, row in enumerate(rows, start=3):
            cell = ws.cell(r, c, row.get(column))
            _format_cell(cell, column)
        letters = cell_name(1, c)[:-1]
        _validation(ws, column, f"{letters}3:{letters}{max(len(rows) + 2, 1000)}", lists)
        width = max([_width(column.header) + 4] + [_width(str(row.get(column) or "")) for row in rows[:200]])
        ws.column_dimensions[letters].width = min(max(width, 8), 50)
    ws.row_dimensions[1].hidden = True  # the field keys, above the header: sorting the list never moves them
    ws.freeze_panes = "B3" if table.parent_ref is None else "C3"
    if rows:
        ws.auto_filter.ref = f"A2:{cell_name(len(rows) + 2, len(table.columns))}"


def _width(text: str) -> int:
    line = max(text.split("\n"), key=len) if text else ""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in line) + 1


def _rows_of(table: Table, data: dict):
    """Each row of a list or mapping table, as Column -> cell value."""
    for ref, value in _walk(data, table.path, None):
        if table.shape == "list":
            for i, item in enumerate(value or []):
                row = {c: value_to_cell(c, get_in(item, c.key)) for c in table.columns
                       if not c.key[0].startswith("<") and c.key[0] != ROW_KEY}
                if table.ref_by == ROW_KEY:
                    row[table.columns[1 if table.parent_ref else 0]] = i + 1
                if table.parent_ref is not None:
                    row[table.parent_ref] = ref
                yield row
        else:
            for key, item in (value or {}).items():
                row = {}
                for c in table.columns:
                    if c.key == ("<key>",):
                        row[c] = value_to_cell(c, key)
                    elif c.key == ("<value>",):
                        row[c] = value_to_cell(c, item)
                    elif c.key != ("<parent>",):
                        row[c] = value_to_cell(c, get_in(item, c.key))
                if table.parent_ref is not None:
                    row[table.parent_ref] = ref
                yield row


def _walk(node, path: tuple, ref):
    if not path:
        yield ref, node
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for i, item in enumerate(node or []):
            yield from _walk(item, rest, item.get("id") if "id" in item else i + 1)
        return
    yield from _walk(node.get(head) if isinstance(node, dict) else None, rest, ref)


# --- reading ------------------------------------------------------------------------------------

def read_workbook(raw: bytes, file: str) -> LocatedSource:
    """A workbook's profile data, every value located in its cell; problems of the workbook
    itself (a row that names an unknown parent) are kept in `problems` for the validation."""
    book = open_workbook(raw, file)
    src = LocatedSource(file, {}, {})
    src.problems = []
    known = {t.sheet for t in profile_tables() if t.columns} | {GUIDE_SHEET, VOCAB_SHEET}
    for i, name in enumerate(book.sheetnames):
        src.order[f"{file}:{name}"] = i
        if name not in known:
            src.warnings.append(Diagnostic(f"{file}:{name}", 0, 0, f"sheet '{name}' is not part of the profile "
                                           "and is ignored", severity="warning",
                                           hint="the sheets are: " + "、".join(t.sheet for t in profile_tables()
                                                                             if t.columns)))
    refs: dict = {}
    for table in profile_tables():
        if len(table.path) == 1 and table.columns:  # a missing part is reported at its sheet's name
            src.marks.setdefault(table.path, (f"{file}:{table.sheet}", 0, 0))
        if not table.columns or table.sheet not in book.sheetnames:
            continue
        grid = sheet_grid(book, table.sheet, f"{file}:{table.sheet}")
        if table.shape == "form":
            _read_form(src, grid, table)
        else:
            _read_rows(src, grid, table, refs)
    book.close()
    return src


def _read_form(src: LocatedSource, grid: Grid, table: Table) -> None:
    by_key = {c.dotted: c for c in table.columns}
    names = header_lookup(table)
    entry: dict = {}
    src.marks.setdefault(table.path, grid.where(1, 1))
    for r, row in enumerate(grid.rows, start=1):
        row = list(row) + [None] * 4
        key, label, value = row[0], row[1], row[2]
        if normalise_header(label) == FORM_HEADERS[1] or (is_blank(key) and is_blank(label)):
            continue
        column = by_key.get(str(key).strip()) if not is_blank(key) else None
        column = column or names.get(normalise_header(label))
        if column is None:
            src.warnings.append(Diagnostic(*grid.where(r, 2), f"unknown item '{as_text(label or key)}' is ignored",
                                           table.sheet, severity="warning",
                                           hint="the items are: " + "、".join(c.header for c in table.columns)))
            continue
        src.marks[table.path + column.key] = grid.where(r, 3)
        if not is_blank(value):
            node = entry
            for part in column.key[:-1]:
                node = node.setdefault(part, {})
            node[column.key[-1]] = cell_to_value(column, value)
    if entry:
        _container(src.data, table.path[:-1])[table.path[-1]] = entry


def _container(data: dict, path: tuple):
    node = data
    for part in path:
        if isinstance(node, list):
            node = node[part]
        else:
            node = node.setdefault(part, {})
    return node


def _read_rows(src: LocatedSource, grid: Grid, table: Table, refs: dict) -> None:
    rows = read_table(grid, table)
    src.warnings += rows.warnings
    own: dict = refs.setdefault(table.sheet, {})
    star = len(table.path) - 1 - table.path[::-1].index("*") if "*" in table.path else None
    if star is None:
        src.marks.setdefault(table.path, grid.where(1, 1))
    for row in rows.rows:
        if star is None:
            base = table.path
        else:
            parent_path = _parent_of(src, grid, table, row, refs)
            if parent_path is None:
                continue
            base = parent_path + table.path[star + 1:]
        holder = _container(src.data, base[:-1])
        if table.shape == "list":
            items = holder.setdefault(base[-1], [])
            path = base + (len(items),)
            entry = row_entry(table, row, path, src.marks, grid.where(row.number, 1))
            items.append(entry)
            if table.ref_by:
                ref_col = next((c for c in table.columns if c.key == (ROW_KEY,)), None)
                ref = entry.get("id") if table.ref_by == "id" else row.values.get(ref_col)
                if not is_blank(ref):
                    own.setdefault(as_text(ref), path)
        else:
            _dict_row(src, grid, table, row, holder.setdefault(base[-1], {}), base)


def _parent_of(src, grid, table: Table, row, refs: dict) -> Optional[tuple]:
    column = table.parent_ref
    value = row.values.get(column)
    where = row.cells.get(column) or grid.where(row.number, 1)
    if is_blank(value):
        src.problems.append(Diagnostic(*where, f"'{column.header}' is empty: the row belongs to no "
                                               f"{table.parent} row", table.sheet,
                                       hint=f"write the 编号 (or 序号) of a row of the sheet {table.parent}"))
        return None
    known = refs.get(table.parent, {})
    found = known.get(as_text(value))
    if found is None:
        src.problems.append(Diagnostic(*where, f"no row of {table.parent} has '{as_text(value)}'", table.sheet,
                                       hint="known: " + ("、".join(list(known)[:12]) or f"the sheet {table.parent} "
                                                                                        "has no rows")))
    return found


def _dict_row(src, grid, table: Table, row, mapping: dict, base: tuple) -> None:
    key_col = next(c for c in table.columns if c.key == ("<key>",))
    key = row.values.get(key_col)
    key_where = row.cells.get(key_col) or grid.where(row.number, 1)
    if is_blank(key):
        src.problems.append(Diagnostic(*key_where, f"'{key_col.header}' is empty", table.sheet,
                                       hint=f"every row of {table.sheet} names its {key_col.header}"))
        return
    key = as_text(key)
    if key in mapping:
        src.problems.append(Diagnostic(*key_where, f"'{key}' appears twice", table.sheet,
                                       hint="keep one row per " + key_col.header))
        return
    value_col = next((c for c in table.columns if c.key == ("<value>",)), None)
    path = base + (key,)
    src.marks[path + ("<key>",)] = key_where
    if value_col is not None:
        src.marks[path] = row.cells.get(value_col) or key_where
        mapping[key] = row.values.get(value_col)
    else:
        mapping[key] = row_entry(table, row, path, src.marks, key_where)


def profile_yaml(profile: Profile, origin: str) -> str:
    """A profile as YAML text, the fields in the model's order (`sskit convert client.xlsx p.yaml`)."""
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    def _text(dumper, value: str):
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, _text)
    data = profile.model_dump(mode="python", exclude_unset=True)
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)
    return f"# 由 sskit convert 从 {origin} 转换生成\n" + body
