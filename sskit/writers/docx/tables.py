"""Tables: IR `Table` -> `w:tbl`, built in one pass with content-fitted fixed column widths.

Widths go into `w:tblGrid` and every `w:tcW` with `w:tblLayout w:type="fixed"`, which both
Word and LibreOffice honour (auto layout renders differently in each).  Each column's cell
opening (`w:tc`, `w:tcPr`, `w:p`, `w:pPr`) is formatted once and reused for every row.
"""

from __future__ import annotations

from collections import OrderedDict

import re
from itertools import repeat
from typing import Optional, Sequence

from sskit.markup.ir import Inline, Span, Table
from sskit.markup.merges import content, has_merges, merge_plan

from .inline import paragraph_properties, runs
from .styles import TABLE_GRID, TABLE_HEADING, TABLE_TEXT
from .wml import text

HEADER_FILL = "D9D9D9"  # light grey header row

# Width model at 五号 (10.5 pt): one unit is half an em, a CJK character is two units.
UNIT = 105  # twips
CELL_PADDING = 216 + 24  # left + right cell margin (108 each) plus a little air
MAX_NATURAL_UNITS = 80  # a long paragraph in one cell should not claim the whole table
HEADER_MIN_UNITS = 8  # keep short headers (4 CJK characters) on one line when possible
WORD_MIN_UNITS = 14  # keep short Latin words / numbers unbroken when possible
BLANK_MIN_UNITS = 10  # a column left blank for handwriting (forms) still needs room
BLANK_EXTRA_UNITS = 6  # ... and a little more than its header
_LATIN_WORD = re.compile(r"[!-~]+")
KEEP_WHOLE_ROWS = 5  # a table of at most this many body rows is kept on one page (a short gap at most)
KEEP_FIRST_ROWS = 2  # a longer one keeps its header with its first rows (and these with the next)


def display_units(value: str) -> int:
    """Approximate width in half-em units: UTF-8 length tells CJK (3 bytes) from ASCII (1).

    Mixed lines get one unit more: Word and LibreOffice put a quarter-em between Chinese
    characters and Latin letters or digits (autoSpaceDE / autoSpaceDN).
    """
    chars, size = len(value), len(value.encode("utf-8"))
    wide = (size - chars) >> 1
    return chars + wide + (0 < wide < chars)


def _cell_lines(inlines: Sequence[Inline]) -> list[str]:
    if len(inlines) == 1 and type(inlines[0]) is Span:
        return [inlines[0].text]
    lines = [""]
    for inline in inlines:
        if isinstance(inline, Span):
            lines[-1] += inline.text
        else:
            lines.append("")
    return lines


_WIDTHS: "OrderedDict[tuple[int, int], tuple[Table, list[int]]]" = OrderedDict()


def column_widths(table: Table, text_width: int) -> list[int]:
    """`fit_columns`, remembered for the last few tables: a redline lays out the same table
    object as the document it accompanies (a 5,000-row outlet table costs a second or so)."""
    key = (id(table), text_width)
    hit = _WIDTHS.get(key)
    if hit is not None and hit[0] is table:
        return list(hit[1])
    widths = fit_columns(table, text_width)
    _WIDTHS[key] = (table, widths)  # the table is held, so its id cannot be reused meanwhile
    while len(_WIDTHS) > 16:
        _WIDTHS.popitem(last=False)
    return list(widths)


def fit_columns(table: Table, text_width: int) -> list[int]:
    """Fit columns to their contents, then fill the text width (twips, summing exactly).

    A column wants its longest body line, and its header on one line only up to
    HEADER_MIN_UNITS (a long department name in a matrix header wraps rather than widening a
    column of "主责" cells).  When the wants do not fit, a few candidate layouts are compared
    by the table height they give on a sample of rows.
    """
    columns = max(len(table.header), max((len(r) for r in table.rows), default=0), 1)
    natural = [0] * columns  # body units
    minimum = [4] * columns  # two CJK characters
    filled = [False] * columns  # any text in the column at all
    measured: list[dict[str, int]] = []  # per column: each distinct body line's units
    body = _body_columns(table.rows, columns)
    for column, cells in enumerate(body):
        lines, filled[column] = _column_lines(cells)
        measured.append({line: display_units(line) for line in lines})
        if lines:
            natural[column] = max(measured[column].values())
            # the longest Latin word (not wider than its line), kept whole up to WORD_MIN_UNITS
            longest = max(map(len, _LATIN_WORD.findall("\n".join(lines))), default=0)
            minimum[column] = max(minimum[column], min(longest, WORD_MIN_UNITS))
    headers = [max(display_units(line) for line in _cell_lines(cell)) for cell in table.header[:columns]]
    for column, header in enumerate(headers):
        natural[column] = max(natural[column], min(header, max(natural[column], HEADER_MIN_UNITS)))
    for column in range(columns):
        if not filled[column]:
            # left blank for handwriting: room for more than its (possibly wrapped) header
            header = min(headers[column], 2 * HEADER_MIN_UNITS) if column < len(headers) else 0
            natural[column] = max(natural[column], header + BLANK_EXTRA_UNITS, BLANK_MIN_UNITS)
    want = [min(max(n, 4), MAX_NATURAL_UNITS) * UNIT + CELL_PADDING for n in natural]
    need = [min(m, n) for m, n in zip((min(m, MAX_NATURAL_UNITS) * UNIT + CELL_PADDING for m in minimum), want)]
    if sum(want) <= text_width:  # everything fits on one line: share the spare in proportion
        return _whole([w * text_width / sum(want) for w in want], text_width)
    if sum(need) > text_width:  # too many columns: shrink the minimums (landscape avoids this)
        return _whole([n * text_width / sum(need) for n in need], text_width)
    cost = _Cost(_sample_units(table.header, body, measured))
    candidates = [_whole(c, text_width) for c in _candidates(want, need, text_width)]
    return min(candidates, key=cost)


def _body_columns(rows, columns: int) -> list[tuple]:
    """The body's cells column by column; a short row's missing cells are empty."""
    if not rows:
        return [()] * columns
    if any(len(row) != columns for row in rows):
        rows = [(*row, *((),) * (columns - len(row))) for row in rows]
    return list(zip(*rows))


def _column_lines(cells: Sequence[Sequence[Inline]]) -> tuple[set, bool]:
    """The distinct lines of a column's cells, and whether any cell holds text (a cell of
    several lines counts even when they are empty). Only the widest line and the longest
    word count, so each distinct line is measured once (a directory repeats most values)."""
    plain = [cell[0].text for cell in cells if len(cell) == 1 and type(cell[0]) is Span]
    lines = set(plain)
    filled = bool(len(lines) > 1 or (lines and "" not in lines))
    if len(plain) < len(cells):  # empty cells, and cells with breaks or several spans
        for cell in cells:
            if len(cell) == 1 and type(cell[0]) is Span:
                continue
            parts = _cell_lines(cell)
            lines.update(parts)
            filled = filled or parts != [""]
    return lines, filled


def _candidates(want: list[int], need: list[int], total: int) -> list[list[float]]:
    # 1. HTML auto layout: minimums, then the spare in proportion to how much more each wants.
    spare = total - sum(need)
    extra = [w - n for w, n in zip(want, need)]
    proportional = [n + spare * e / sum(extra) for n, e in zip(need, extra)]
    # 2. Water-filling: short columns get all they want, long ones share the rest equally.
    cap = _water_level(want, need, total)
    level = [max(n, min(w, cap)) for w, n in zip(want, need)]
    candidates = [proportional, [w * total / sum(level) for w in level]]
    # 3. Proportional, with the columns that fall shortest topped up at the others' cost.
    missing = [w - x for w, x in zip(want, proportional)]
    short = sorted((c for c in range(len(want)) if missing[c] > 1), key=lambda c: missing[c])
    for count in range(1, len(short)):
        chosen, donors = short[:count], short[count:]
        if missing[donors[0]] - missing[chosen[-1]] < 1:
            continue  # never split columns that fall short equally: a matrix keeps equal columns
        cost = sum(missing[c] for c in chosen)
        pool = sum(proportional[d] for d in donors)
        if any(proportional[d] * (1 - cost / pool) < need[d] for d in donors):
            break
        widths = list(proportional)
        for d in donors:
            widths[d] *= 1 - cost / pool
        for c in chosen:
            widths[c] = float(want[c])
        candidates.append(widths)
    return candidates


def _water_level(want: list[int], need: list[int], total: int) -> float:
    low, high = 0.0, float(max(want))
    for _ in range(40):
        cap = (low + high) / 2
        if sum(max(n, min(w, cap)) for w, n in zip(want, need)) > total:
            high = cap
        else:
            low = cap
    return low


def _sample_units(header, body: list[tuple], measured: list[dict[str, int]],
                  limit: int = 300) -> list[list[list[int]]]:
    """Per column: the line widths (units) of each cell of the header and of up to `limit`
    evenly spaced rows (`body`: the cells column by column; `measured`: per column, the units
    of each distinct body line)."""
    rows = len(body[0]) if body else 0
    step = max(1, rows // limit)
    sample = []
    for column, cells in enumerate(body):
        widths = measured[column]
        cells = cells[::step]
        if header:
            cells = (header[column] if column < len(header) else (), *cells)
        sample.append([[widths[cell[0].text]] if len(cell) == 1 and type(cell[0]) is Span and cell[0].text in widths
                       else [widths[line] if line in widths else display_units(line) for line in _cell_lines(cell)]
                       for cell in cells])
    return sample


class _Cost:
    """(estimated table height in lines, wrapped cells) of a layout on the sample: lower is
    better. Candidate layouts share most column widths, so each column's line counts at a given
    width are worked out once."""

    def __init__(self, sample: list[list[list[int]]]) -> None:
        self.columns = sample  # per column: each sampled row's line widths
        # per column: the single line's width of each sampled cell, when every cell has one line
        self._single = [[cell[0] for cell in cells] if all(len(cell) == 1 for cell in cells) else None
                        for cells in self.columns]
        self._known: dict[tuple[int, int], tuple[list[int], int]] = {}

    def _column(self, column: int, units: int) -> tuple[list[int], int]:
        known = self._known.get((column, units))
        if known is None:
            single = self._single[column]
            if single is not None:  # a line of u units takes ceil(u / units) lines, at least one
                lines = [-(-u // units) or 1 for u in single]
                known = (lines, sum(n > 1 for n in lines))
            else:
                cells = self.columns[column]
                lines = [sum(max(1, -(-u // units)) for u in cell) for cell in cells]
                known = (lines, sum(n > len(cell) for n, cell in zip(lines, cells)))
            self._known[column, units] = known
        return known

    def __call__(self, widths: list[int]) -> tuple[int, int]:
        counted = [self._column(c, max(1, (w - CELL_PADDING) // UNIT))  # units per line
                   for c, w in enumerate(widths[:len(self.columns)])]
        if not counted:
            return 0, 0
        height = sum(max(1, *row) for row in zip(*(lines for lines, _ in counted)))
        return height, sum(wrapped for _, wrapped in counted)


def _whole(widths: list[float], total: int) -> list[int]:
    result = [int(w) for w in widths]
    result[result.index(max(result))] += total - sum(result)
    return result


_BORDERS = "".join(
    f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
)
_NO_BORDERS = "".join(f'<w:{edge} w:val="nil"/>' for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
_JC = {"left": "left", "center": "center", "right": "right"}


def _table_start(widths: list[int], borders: str, look: str) -> list[str]:
    """`w:tbl` up to its grid: fixed layout at `widths`, centred, 108-twip cell margins."""
    return [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{TABLE_GRID}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="{look}" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" '
        'w:noVBand="1"/></w:tblPr>',
        "<w:tblGrid>", *(f'<w:gridCol w:w="{w}"/>' for w in widths), "</w:tblGrid>",
    ]


def build_table(table: Table, widths: list[int], *, header_row: bool = True, borders: bool = True,
                body_style: str = TABLE_TEXT, row_height: Optional[int] = None,
                row_changes: Sequence[Optional[str]] = (), header_change: Optional[str] = None) -> str:
    """`row_changes` (a redline): per body row None, "ins" or "del", marked in the row's `w:trPr`;
    `header_change` the same for the header row."""
    columns = len(widths)
    parts = _table_start(widths, _BORDERS if borders else _NO_BORDERS, '04A0" w:firstRow="1')
    height = f'<w:trHeight w:val="{row_height}" w:hRule="atLeast"/>' if row_height else ""
    # Every row is cantSplit; the header row also repeats on each page (tblHeader).
    body_row = f"<w:tr><w:trPr><w:cantSplit/>{height}</w:trPr>"
    # rows kept with the next (keepNext in their paragraphs): a short table stays on one page, a
    # long one never leaves its header and first rows alone at the foot of a page
    kept = len(table.rows) - 1 if len(table.rows) <= KEEP_WHOLE_ROWS else KEEP_FIRST_ROWS
    if header_row and table.header:
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>'
        heads = [_cell_open(w, TABLE_HEADING, None, shading, keep_next=bool(table.rows)) for w in widths]
        mark = f"<w:{header_change}/>" if header_change else ""
        parts.append(f"<w:tr><w:trPr><w:cantSplit/>{height}<w:tblHeader/>{mark}</w:trPr>")
        parts.extend(_row_cells(table.header, heads))
        parts.append("</w:tr>")
    aligns = list(table.align) + [None] * (columns - len(table.align))
    opens = [_cell_open(w, body_style, a) for w, a in zip(widths, aligns)]
    keeping = [_cell_open(w, body_style, a, keep_next=True) for w, a in zip(widths, aligns)]
    starts = _row_starts(body_row, row_changes) if row_changes else repeat(body_row)
    if has_merges(table.rows):
        for index, (row, plan, start) in enumerate(zip(table.rows, merge_plan(table.rows, columns), starts)):
            parts.append(start)
            parts.extend(_merged_cells(row, plan, widths, aligns, body_style, keep_next=index < kept))
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        return "".join(parts)
    _body_rows(parts, table.rows, starts, opens, keeping, kept)
    parts.append("</w:tbl>")
    return "".join(parts)


_RUN_OPEN, _RUN_CLOSE, _CELL_CLOSE = '<w:r><w:t xml:space="preserve">', "</w:t></w:r></w:p></w:tc>", "</w:p></w:tc>"


def _body_rows(parts: list[str], rows, starts, opens: list[str], keeping: list[str], kept: int) -> None:
    """The body rows without merged cells, appended to `parts`: the same XML as `_row_cells`
    row by row, with a plain cell (one unformatted span, nothing to escape) written inline."""
    columns = len(opens)
    cells_of = [(opening + _RUN_OPEN, opening + _CELL_CLOSE, opening) for opening in opens]
    append, not_plain = parts.append, _NOT_PLAIN.search
    for index, (row, start) in enumerate(zip(rows, starts)):
        append(start)
        if index < kept or len(row) != columns:
            parts.extend(_row_cells(row, keeping if index < kept else opens))
            append("</w:tr>")
            continue
        for (with_run, empty, opening), cell in zip(cells_of, row):
            if len(cell) == 1:
                span = cell[0]
                if type(span) is Span and not (span.bold or span.italic or span.code):
                    value = span.text
                    if not value:
                        append(empty)
                        continue
                    if not not_plain(value):
                        append(with_run)
                        append(value)
                        append(_RUN_CLOSE)
                        continue
            parts.extend(_row_cells((cell,), [opening]))
        append("</w:tr>")


def _row_starts(body_row: str, changes: Sequence[Optional[str]]) -> list[str]:
    """Each row's opening with its tracked change (`w:ins` / `w:del` end the `w:trPr`)."""
    return [body_row.replace("</w:trPr>", f"<w:{kind}/></w:trPr>") if kind else body_row for kind in changes]


def _merged_cells(row, plan, widths: list[int], aligns, style: str, keep_next: bool = False) -> list[str]:
    """A row with merged cells: a cell spanning columns is one w:tc with w:gridSpan; a cell
    of a vertical merge starts it (w:vMerge restart) or continues it (an empty w:vMerge)."""
    out = []
    for column, step in enumerate(plan):
        if step is None:
            continue
        kind, rows, cols = step
        width = sum(widths[column:column + cols])
        props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
        if cols > 1:
            props += f'<w:gridSpan w:val="{cols}"/>'
        if rows > 1:
            props += '<w:vMerge w:val="restart"/>' if kind == 0 else "<w:vMerge/>"
        cell = content(row[column]) if column < len(row) and kind == 0 else ()
        out.append(f'<w:tc><w:tcPr>{props}<w:vAlign w:val="center"/></w:tcPr>'
                   f"<w:p>{paragraph_properties(style, keep_next=keep_next, jc=_JC.get(aligns[column] or ''))}"
                   f"{runs(cell)}</w:p></w:tc>")
    return out


def _cell_open(width: int, style: str, align: Optional[str], shading: str = "", keep_next: bool = False) -> str:
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}<w:vAlign w:val="center"/></w:tcPr>'
            f"<w:p>{paragraph_properties(style, keep_next=keep_next, jc=_JC.get(align or ''))}")


# what `text()` would change in a cell's value, and what a plain run cannot hold (tabs, breaks)
_NOT_PLAIN = re.compile("[&<>\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _row_cells(cells: Sequence[Sequence[Inline]], opens: list[str]) -> list[str]:
    out = []
    count = len(cells)
    for column, opening in enumerate(opens):
        cell = cells[column] if column < count else ()
        # Fast path: one plain span without tabs or newlines (almost every cell).
        if len(cell) == 1:
            span = cell[0]
            if type(span) is Span and not (span.bold or span.italic or span.code):
                value = span.text
                if not _NOT_PLAIN.search(value):  # nothing to escape or drop
                    out.append(f'{opening}<w:r><w:t xml:space="preserve">{value}</w:t></w:r></w:p></w:tc>'
                               if value else f"{opening}</w:p></w:tc>")
                    continue
                if "\t" not in value and "\n" not in value and "\r" not in value:
                    escaped = text(value)
                    content = f'<w:r><w:t xml:space="preserve">{escaped}</w:t></w:r>' if escaped else ""
                    out.append(f"{opening}{content}</w:p></w:tc>")
                    continue
        out.append(f"{opening}{runs(cell)}</w:p></w:tc>")
    return out


def grid_table(widths: list[int], rows: Sequence[Sequence[tuple[str, int, str, Optional[str], bool]]],
               row_height: Optional[int] = None) -> str:
    """A bordered table of ready-made cells: each cell is (runs XML, columns spanned, paragraph
    style, alignment, shaded).  For blocks whose cells hold fields (a procedure's header block)."""
    parts = _table_start(widths, _BORDERS, '0000" w:firstRow="0')
    height = f'<w:trHeight w:val="{row_height}" w:hRule="atLeast"/>' if row_height else ""
    for row in rows:
        parts.append(f"<w:tr><w:trPr><w:cantSplit/>{height}</w:trPr>")
        column = 0
        for content_xml, span, style, align, shaded in row:
            props = f'<w:tcW w:w="{sum(widths[column:column + span])}" w:type="dxa"/>'
            if span > 1:
                props += f'<w:gridSpan w:val="{span}"/>'
            if shaded:
                props += f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>'
            parts.append(f'<w:tc><w:tcPr>{props}<w:vAlign w:val="center"/></w:tcPr>'
                         f"<w:p>{paragraph_properties(style, jc=_JC.get(align or ''))}{content_xml}</w:p></w:tc>")
            column += span
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)
