"""Tables: IR `Table` -> `w:tbl`, built in one pass with content-fitted fixed column widths.

Widths go into `w:tblGrid` and every `w:tcW` with `w:tblLayout w:type="fixed"`, which both
Word and LibreOffice honour (auto layout renders differently in each).  Each column's cell
opening (`w:tc`, `w:tcPr`, `w:p`, `w:pPr`) is formatted once and reused for every row.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

from sskit.markup.ir import Inline, Span, Table

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
_LATIN_WORD = re.compile(r"[!-~]+")


def display_units(value: str) -> int:
    """Approximate width in half-em units: UTF-8 length tells CJK (3 bytes) from ASCII (1)."""
    return (len(value) + len(value.encode("utf-8"))) // 2


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


def column_widths(table: Table, text_width: int) -> list[int]:
    """Fit columns to their contents, then fill the text width (twips, summing exactly)."""
    columns = max(len(table.header), max((len(r) for r in table.rows), default=0), 1)
    natural = [4] * columns  # units
    minimum = [4] * columns
    for column, cell in enumerate(table.header):
        units = max(display_units(line) for line in _cell_lines(cell))
        natural[column] = max(natural[column], units)
        minimum[column] = max(minimum[column], min(units, HEADER_MIN_UNITS))
    for row in table.rows:
        for column, cell in enumerate(row[:columns]):
            lines = (cell[0].text,) if len(cell) == 1 and type(cell[0]) is Span else _cell_lines(cell)
            for line in lines:
                units = (len(line) + len(line.encode("utf-8"))) >> 1  # display_units, inlined
                if units > natural[column]:
                    natural[column] = units
                if units > minimum[column] and minimum[column] < WORD_MIN_UNITS:
                    longest = max(map(len, _LATIN_WORD.findall(line)), default=0)
                    if longest > minimum[column]:
                        minimum[column] = min(longest, WORD_MIN_UNITS)
    want = [min(n, MAX_NATURAL_UNITS) * UNIT + CELL_PADDING for n in natural]
    need = [min(m, MAX_NATURAL_UNITS) * UNIT + CELL_PADDING for m in minimum]
    return _distribute(want, need, text_width)


def _distribute(want: list[int], need: list[int], total: int) -> list[int]:
    if sum(want) <= total:  # everything fits: share the spare width in proportion
        widths = [w * total / sum(want) for w in want]
    elif sum(need) <= total:
        # Water-filling: short columns get all they want (one line each), the long ones share
        # what is left equally, never below their minimum.
        cap = _water_level(want, need, total)
        widths = [max(n, min(w, cap)) for w, n in zip(want, need)]
        widths = [w * total / sum(widths) for w in widths]  # absorb the search's rounding
        _finish_nearly_fitting(widths, want, need)
    else:  # too many columns: shrink the minimums (landscape documents avoid this)
        widths = [n * total / sum(need) for n in need]
    result = [int(w) for w in widths]
    result[result.index(max(result))] += total - sum(result)
    return result


def _finish_nearly_fitting(widths: list[float], want: list[int], need: list[int]) -> None:
    """Let a column that misses one line by a little have it, at the other long columns' cost.

    Water-filling leaves every long column at the same width; a name column 5% short of one
    line then wraps a single character on every row.  Columns are topped up in order of the
    smallest shortfall while the remaining long columns keep at least 80% of their width.
    """
    short = [c for c in range(len(widths)) if want[c] > widths[c] + 1]
    for column in sorted(short, key=lambda c: want[c] - widths[c]):
        others = [c for c in short if c != column and want[c] > widths[c] + 1]
        if not others:
            break
        missing = want[column] - widths[column]
        share = sum(widths[c] for c in others)
        if any((widths[c] - missing * widths[c] / share) < max(need[c], 0.8 * widths[c]) for c in others):
            continue
        for c in others:
            widths[c] -= missing * widths[c] / share
        widths[column] = float(want[column])


def _water_level(want: list[int], need: list[int], total: int) -> float:
    low, high = 0.0, float(max(want))
    for _ in range(40):
        cap = (low + high) / 2
        if sum(max(n, min(w, cap)) for w, n in zip(want, need)) > total:
            high = cap
        else:
            low = cap
    return low


_BORDERS = "".join(
    f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
)
_NO_BORDERS = "".join(f'<w:{edge} w:val="nil"/>' for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
_JC = {"left": "left", "center": "center", "right": "right"}


def build_table(table: Table, widths: list[int], *, header_row: bool = True, borders: bool = True,
                body_style: str = TABLE_TEXT, row_height: Optional[int] = None) -> str:
    columns = len(widths)
    parts = [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{TABLE_GRID}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblBorders>{_BORDERS if borders else _NO_BORDERS}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="108" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" '
        'w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>',
        "<w:tblGrid>", *(f'<w:gridCol w:w="{w}"/>' for w in widths), "</w:tblGrid>",
    ]
    height = f'<w:trHeight w:val="{row_height}" w:hRule="atLeast"/>' if row_height else ""
    # Every row is cantSplit; the header row also repeats on each page (tblHeader).
    body_row = f"<w:tr><w:trPr><w:cantSplit/>{height}</w:trPr>"
    if header_row and table.header:
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>'
        heads = [_cell_open(w, TABLE_HEADING, None, shading) for w in widths]
        parts.append(f"<w:tr><w:trPr><w:cantSplit/>{height}<w:tblHeader/></w:trPr>")
        parts.extend(_row_cells(table.header, heads))
        parts.append("</w:tr>")
    aligns = list(table.align) + [None] * (columns - len(table.align))
    opens = [_cell_open(w, body_style, a) for w, a in zip(widths, aligns)]
    for row in table.rows:
        parts.append(body_row)
        parts.extend(_row_cells(row, opens))
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def _cell_open(width: int, style: str, align: Optional[str], shading: str = "") -> str:
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}<w:vAlign w:val="center"/></w:tcPr>'
            f"<w:p>{paragraph_properties(style, jc=_JC.get(align or ''))}")


def _row_cells(cells: Sequence[Sequence[Inline]], opens: list[str]) -> list[str]:
    out = []
    for column, opening in enumerate(opens):
        cell = cells[column] if column < len(cells) else ()
        # Fast path: one plain span without tabs or newlines (almost every cell).
        if len(cell) == 1 and type(cell[0]) is Span and not (cell[0].bold or cell[0].italic or cell[0].code):
            value = cell[0].text
            if "\t" not in value and "\n" not in value and "\r" not in value:
                escaped = text(value)
                content = f'<w:r><w:t xml:space="preserve">{escaped}</w:t></w:r>' if escaped else ""
                out.append(f"{opening}{content}</w:p></w:tc>")
                continue
        out.append(f"{opening}{runs(cell)}</w:p></w:tc>")
    return out
