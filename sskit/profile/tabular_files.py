"""Stage 1 (tables): rows of a CSV file or a worksheet -> profile entries with located cells.

`read_grid_csv` / `read_grid_xlsx` turn a file into a `Grid` (values plus the location of
each cell); `read_table` matches its columns by header to a `Table` of the profile and
converts every row; `expand_from_lists` replaces `outlets: {from: outlets.csv}` in a loaded
YAML profile by those rows, each value still located in its own file.
"""
from __future__ import annotations

import csv
from collections import ChainMap
import io
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from sskit.diagnostics import Diagnostic, SskitError
from sskit.profile.tabular import (
    ROW_KEY, LocatedSource, Table, cell_name, cell_to_value, is_blank, table_for,
)
from sskit.profile.yamlsource import MAX_BYTES, Source

Location = tuple  # (file, line, col)


@dataclass
class Grid:
    """The rows of one sheet or CSV file; `where` takes 1-based positions in `rows` and names
    the cell where the value was written."""
    label: str  # how messages name it: outlets.csv, client.xlsx:服务网点
    rows: list  # list of lists of values
    lines: list = field(default_factory=list)  # of each row: its line (CSV), its row number (sheet)
    sheet: str = ""

    def where(self, row: int, col: int) -> Location:
        line = self.lines[row - 1] if 0 < row <= len(self.lines) else row
        if self.sheet:
            return (f"{self.label}!{cell_name(line, col)}", 0, 0)
        return (self.label, line, col)


# --- reading files ---------------------------------------------------------------------------

def decode_csv(raw: bytes, label: str) -> str:
    """UTF-8 (with or without a BOM) or GB18030 (what Chinese Excel saves as CSV)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as utf8:
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError as gb:
            at = max(utf8.start, gb.start)
            line = raw[:at].count(b"\n") + 1
            raise SskitError([Diagnostic(label, line, 0, f"undecodable bytes at byte {at}: the file is neither "
                                                         "UTF-8 nor GB18030 text",
                                         hint="save the list again as CSV UTF-8 (Excel: 另存为 → CSV UTF-8)")]) from None


def read_grid_csv(raw: bytes, label: str) -> Grid:
    text = decode_csv(raw, label)
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, lines = [], []
    start = 1
    try:
        for row in reader:
            rows.append(row)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise SskitError([Diagnostic(label, reader.line_num, 0, f"unreadable CSV: {exc}",
                                     hint="check the quotes on this line")]) from None
    return Grid(label, rows, lines)


# A sheet is read up to these bounds, each row without its empty end. openpyxl makes every row as
# wide as the sheet's widest: one cell in column XFD per row made a 190 kB workbook take 2.6 GB.
# No profile table has more than a few dozen columns, nor a 16 MB profile millions of cells.
MAX_SHEET_COLUMNS = 256
MAX_SHEET_CELLS = 4_000_000
MAX_SHEET_ROWS = 1_048_576  # Excel's own limit: a row number beyond it is no workbook Excel or WPS saved
# all parts unpacked: openpyxl reads the shared strings whole, and a few MB can inflate to GB
MAX_WORKBOOK_UNPACKED = 256 * 1024 * 1024


# What openpyxl raises on a damaged package: a bad zip or member, a part that is not XML
# (lxml's and ElementTree's parse errors are SyntaxErrors), a cell reference or value it cannot
# read. The sheets of a read-only workbook are parsed only as their rows are read, so reading
# the rows can fail as opening can.
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, IndexError, ValueError, TypeError, AttributeError,
            OSError, SyntaxError)


def _unreadable(label: str, exc: BaseException, part: str = "workbook") -> SskitError:
    if isinstance(exc, zlib.error):
        reason = "its compressed data is damaged"
    elif isinstance(exc, SyntaxError):
        reason = "a part of it is not well-formed XML"
    else:
        reason = exc.__class__.__name__
    return SskitError([Diagnostic(label, 0, 0, f"not a readable .xlsx {part} ({reason})",
                                  hint="save it again from Excel or WPS as an Excel workbook (.xlsx)")])


def open_workbook(raw: bytes, label: str):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:  # the sizes it declares bound what it unpacks
            unpacked = sum(item.file_size for item in package.infolist())
        if unpacked > MAX_WORKBOOK_UNPACKED:
            raise SskitError([Diagnostic(label, 0, 0, f"the workbook unpacks to {unpacked:,} bytes, more than "
                                                      f"{MAX_WORKBOOK_UNPACKED:,}",
                                         hint="a profile's workbook unpacks to a few MB; save the sheets' "
                                              "values again in a new workbook")])
        with warnings.catch_warnings():  # openpyxl's notes on what it skips name its own source lines
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except _DAMAGED as exc:
        raise _unreadable(label, exc) from None


def sheet_grid(book, sheet: str, label: str) -> Grid:
    """The rows of a sheet that hold a value, each up to its last value, with their row numbers.
    Only the cells the sheet's XML holds are visited: one stray cell in row 1,048,576 is one more
    row to read, not a million empty ones (openpyxl's rows fill every gap up to the declared
    dimension, and took 35 s for that cell). The stray value is then read as any cell is: a row
    of the table if it sits in one of its columns, ignored if it does not."""
    rows, numbers, cells = [], [], 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for number, row in _stored_rows(book[sheet]):
                if number > MAX_SHEET_ROWS:
                    raise _too_large(label)
                if not row or (numbers and number <= numbers[-1]):
                    continue  # no value, or a row out of order (openpyxl skips those too)
                rows.append(row)
                numbers.append(number)
                cells += len(row)
                if cells > MAX_SHEET_CELLS:
                    raise _too_large(label)
    except _DAMAGED as exc:
        raise _unreadable(label, exc, "sheet") from None
    return Grid(label, rows, numbers, sheet=sheet)


def _stored_rows(ws):
    """(row number, values up to the last one) of each row element of a read-only sheet, the
    values placed by their column, none beyond MAX_SHEET_COLUMNS. openpyxl's own sheet parser,
    which its `iter_rows` wraps, minus the filling of missing rows and cells."""
    from openpyxl.worksheet._reader import WorkSheetParser

    book = ws.parent
    with ws._get_source() as source:
        parser = WorkSheetParser(source, ws._shared_strings, data_only=book.data_only, epoch=book.epoch,
                                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        for number, found in parser.parse():
            placed = {c["column"]: c["value"] for c in found
                      if c["value"] is not None and c["column"] <= MAX_SHEET_COLUMNS}
            row = [None] * max(placed, default=0)
            for column, value in placed.items():
                row[column - 1] = value
            yield number, row


def _too_large(label: str) -> SskitError:
    return SskitError([Diagnostic(label, 0, 0, f"the sheet has more than {MAX_SHEET_ROWS:,} rows or "
                                              f"{MAX_SHEET_CELLS:,} cells (up to column "
                                              f"{cell_name(1, MAX_SHEET_COLUMNS)[:-1]})",
                                  hint="Excel and WPS save at most 1,048,576 rows; save the sheet again from "
                                       "them, or delete the cells below and beside the table")])


def read_file_bytes(path: Path, label: str, at: Optional[Diagnostic] = None) -> bytes:
    try:
        if path.exists() and not path.is_file():
            kind = "a folder" if path.is_dir() else "not a regular file"
            raise SskitError([Diagnostic(*(at.file, at.line, at.col) if at else (label, 0, 0),
                                         f"cannot read '{label}': it is {kind}", at.path if at else "",
                                         hint="give the path of a .csv or .xlsx file, relative to the profile's "
                                              "folder")])
        if not path.is_file():
            raise FileNotFoundError
        if path.stat().st_size > MAX_BYTES:
            raise SskitError([Diagnostic(label, 0, 0, f"larger than {MAX_BYTES:,} bytes")])
        return path.read_bytes()
    except OSError as exc:
        where = at or Diagnostic(label, 0, 0, "")
        reason = "no such file" if isinstance(exc, FileNotFoundError) else (exc.strerror or str(exc))
        raise SskitError([Diagnostic(where.file, where.line, where.col, f"cannot read '{label}': {reason}",
                                     where.path, hint="the path is relative to the profile's folder")]) from None


# --- matching columns and reading rows -------------------------------------------------------------

def normalise_header(text) -> str:
    text = str(text or "").strip().lstrip("*＊").strip()
    return re.sub(r"\s+", "", text.replace("(", "（").replace(")", "）"))


def header_lookup(table: Table) -> dict:
    names: dict = {}
    for column in table.columns:
        for name in (column.header, column.dotted, re.sub(r"（[^）]*）$", "", column.header)):
            names.setdefault(normalise_header(name), column)
    return names


@dataclass
class Row:
    number: int  # 1-based row of the grid
    values: dict  # Column -> converted value (non-blank cells only)
    cells: dict  # Column -> location


@dataclass
class TableRows:
    rows: list
    columns: dict  # Column -> grid column index (1-based)
    warnings: list
    header_row: int


def read_table(grid: Grid, table: Table) -> TableRows:
    """Match the grid's columns to the table's by header (or by a row of field keys) and
    convert every non-blank row; unknown or repeated columns are warnings."""
    names = header_lookup(table)
    by_key = {c.dotted: c for c in table.columns}
    header_row, keys, data_start = _header(grid, names, by_key)
    header = grid.rows[header_row - 1] if grid.rows else []
    columns: dict = {}
    warnings: list = []
    for c, title in enumerate(header, start=1):
        key = keys[c - 1] if c - 1 < len(keys) else None
        column = (by_key.get(str(key).strip()) if not is_blank(key) else None) or names.get(normalise_header(title))
        where = grid.where(header_row, c)
        if column is None:
            if not is_blank(title):
                warnings.append(Diagnostic(*where, f"unknown column '{str(title).strip()}' is ignored", table.sheet,
                                           hint="known columns: " + "、".join(x.header for x in table.columns),
                                           severity="warning"))
        elif column in columns.values():
            warnings.append(Diagnostic(*where, f"column '{column.header}' appears twice; the first is read",
                                       table.sheet, severity="warning"))
        else:
            columns[c] = column
    rows = []
    for r in range(data_start, len(grid.rows) + 1):
        raw = grid.rows[r - 1]
        values, cells = {}, {}
        for c, column in columns.items():
            value = raw[c - 1] if c - 1 < len(raw) else None
            cells[column] = grid.where(r, c)
            if not is_blank(value):
                values[column] = cell_to_value(column, value)
        if values:
            rows.append(Row(r, values, cells))
    return TableRows(rows, {column: c for c, column in columns.items()}, warnings, header_row)


def _header(grid: Grid, names: dict, by_key: dict) -> tuple[int, list, int]:
    """(header row, the row of field keys or [], first data row). The header is the row among
    the first ten that names most columns; the workbook's hidden row of keys sits above it
    (an older layout or another tool may put it below)."""
    def key_row(number: int) -> list:
        row = grid.rows[number - 1] if 0 < number <= len(grid.rows) else []
        hits = [v for v in row if not is_blank(v)]
        return row if hits and all(str(v).strip() in by_key for v in hits) else []

    best, header_row = -1, 1
    for r, row in enumerate(grid.rows[:10], start=1):
        hits = sum(1 for v in row if normalise_header(v) in names)
        if hits > best:
            best, header_row = hits, r
    below = grid.rows[header_row] if len(grid.rows) > header_row else []
    if key_row(header_row) and any(normalise_header(v) in names and str(v).strip() not in by_key for v in below):
        header_row += 1  # the best row was the row of keys; the Chinese headers follow it
    keys = key_row(header_row - 1)
    if keys:
        return header_row, keys, header_row + 1
    keys = key_row(header_row + 1)
    return header_row, keys, header_row + (2 if keys else 1)


def row_entry(table: Table, row: Row, path: tuple, marks: dict, first: Location) -> dict:
    """A row as a profile entry at `path`, recording where each value came from."""
    entry: dict = {}
    marks[path] = first
    for column in table.columns:
        if column.key[0].startswith("<") or column.key[0] == ROW_KEY:
            continue
        where = row.cells.get(column)
        if where is not None:
            marks[path + column.key] = where
        if column in row.values:
            node = entry
            for part in column.key[:-1]:
                node = node.setdefault(part, {})
            node[column.key[-1]] = row.values[column]
    return entry


# --- `from:` lists inside a YAML profile -------------------------------------------------------

FROM_KEYS = ("departments", "outlets")


def expand_from_lists(src: Source, base: Path) -> Source:
    """Replace each `KEY: {from: FILE, sheet: NAME}` of the profile by the rows of FILE."""
    data = src.data
    if not isinstance(data, dict) or not any(isinstance(data.get(k), dict) and "from" in data[k] for k in data):
        return src
    marks = ChainMap({}, src.marks)  # the YAML's own marks are not copied, only added to
    out = LocatedSource(src.file, dict(data), marks)
    errors: list[Diagnostic] = []
    for key, value in data.items():
        if not (isinstance(value, dict) and "from" in value):
            continue
        if key not in FROM_KEYS:
            errors.append(src.diag((key,), f"'{key}' cannot be read from a file",
                                   f"only {', '.join(FROM_KEYS)} can be given as {{from: FILE}}", key=True))
            continue
        try:
            out.data[key] = _import_list(src, out, key, value, base)
        except SskitError as exc:
            errors += exc.diagnostics
    if errors:
        raise SskitError(errors + out.warnings)
    return out


def _import_list(src: Source, out: LocatedSource, key: str, spec: dict, base: Path) -> list:
    extra = sorted(set(spec) - {"from", "sheet"})
    if extra:
        raise SskitError([src.diag((key, extra[0]), f"unknown key '{extra[0]}'", "write {from: FILE, sheet: NAME}",
                                   key=True)])
    name = spec.get("from")
    if not isinstance(name, str) or not name.strip():
        raise SskitError([src.diag((key, "from"), "expected a file name", "e.g. from: outlets.xlsx")])
    table = table_for(key)
    path = Path(name) if Path(name).is_absolute() else base / name
    label = name
    raw = read_file_bytes(path, label, src.diag((key, "from"), ""))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        book = open_workbook(raw, label)
        sheet = spec.get("sheet")
        if sheet is None:
            sheet = table.sheet if table.sheet in book.sheetnames else book.sheetnames[0]
        if sheet not in book.sheetnames:
            raise SskitError([src.diag((key, "sheet"), f"'{label}' has no sheet '{sheet}'",
                                       "its sheets: " + "、".join(book.sheetnames))])
        grid = sheet_grid(book, str(sheet), label + ":" + str(sheet))
        book.close()
    elif suffix in (".csv", ".txt", ".tsv"):
        if "sheet" in spec:
            raise SskitError([src.diag((key, "sheet"), "a CSV file has no sheets", "remove 'sheet:'", key=True)])
        grid = read_grid_csv(raw, label)
    else:
        raise SskitError([src.diag((key, "from"), f"'{label}' is neither .csv nor .xlsx",
                                   "give a .csv (UTF-8 or GB18030) or an .xlsx file")])
    rows = read_table(grid, table)
    out.warnings += rows.warnings
    missing = [c.header for c in table.columns if c.required and c not in rows.columns]
    if missing and not rows.rows:
        raise SskitError([Diagnostic(*grid.where(rows.header_row, 1), f"no rows of {table.sheet}", key,
                                     hint="the first row names the columns: " + "、".join(
                                         c.header for c in table.columns))])
    out.order.setdefault(grid.label, len(out.order))
    return [row_entry(table, row, (key, i), out.marks, grid.where(row.number, 1))
            for i, row in enumerate(rows.rows)]


def list_files(profile: Path) -> list[Path]:
    """The files the `from:` lists of a YAML profile read, in the order of FROM_KEYS: they are
    inputs of the build as much as the profile (a refreshed outlet list must rebuild). Empty
    when the profile cannot be read: the build reports that."""
    from sskit.profile.yamlsource import load_yaml

    profile = Path(profile)
    if profile.suffix.lower() in (".xlsx", ".xlsm"):
        return []
    try:
        data = load_yaml(profile.read_bytes(), str(profile)).data
    except (OSError, SskitError):
        return []
    found = []
    for key in FROM_KEYS:
        spec = data.get(key) if isinstance(data, dict) else None
        if isinstance(spec, dict) and isinstance(spec.get("from"), str):
            name = Path(spec["from"])
            found.append(name if name.is_absolute() else profile.parent / name)
    return found
