"""Tables: IR `Table` -> `w:tbl`, built in one pass with content-fitted fixed column widths.

Widths go into `w:tblGrid` and every `w:tcW` with `w:tblLayout w:type="fixed"`, which both
Word and LibreOffice honour (auto layout renders differently in each).
"""

from __future__ import annotations

import re
from copy import deepcopy
from typing import Optional, Sequence

from lxml import etree

from sskit.markup.ir import Inline, Span, Table

from .inline import P, R, T, add_inlines, paragraph_properties
from .oxml import clean_text, el, qn, sub
from .styles import TABLE_GRID, TABLE_HEADING, TABLE_TEXT

TR, TC = qn("w:tr"), qn("w:tc")
_PRESERVE = (qn("xml:space"), "preserve")
HEADER_FILL = "D9D9D9"  # light grey header row

# Width model at 五号 (10.5 pt): one unit is half an em, a CJK character is two units.
UNIT = 105  # twips
CELL_PADDING = 216 + 24  # left + right cell margin (108 each) plus a little air
MAX_NATURAL_UNITS = 80  # a long paragraph in one cell should not claim the whole table
HEADER_MIN_UNITS = 8  # keep short headers (4 CJK characters) on one line when possible
WORD_MIN_UNITS = 14  # keep short Latin words / numbers unbroken when possible
_LATIN_WORD = re.compile(r"[!-~]+")


def display_units(text: str) -> int:
    """Approximate width in half-em units: UTF-8 length tells CJK (3 bytes) from ASCII (1)."""
    return (len(text) + len(text.encode("utf-8"))) // 2


def _cell_lines(inlines: Sequence[Inline]) -> list[str]:
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
            for line in _cell_lines(cell):
                units = display_units(line)
                if units > natural[column]:
                    natural[column] = units
                if units > minimum[column]:
                    longest = max(map(len, _LATIN_WORD.findall(line)), default=0)
                    minimum[column] = max(minimum[column], min(longest, WORD_MIN_UNITS))
    want = [min(n, MAX_NATURAL_UNITS) * UNIT + CELL_PADDING for n in natural]
    need = [min(m, MAX_NATURAL_UNITS) * UNIT + CELL_PADDING for m in minimum]
    return _distribute(want, need, text_width)


def _distribute(want: list[int], need: list[int], total: int) -> list[int]:
    if sum(want) <= total:  # everything fits: share the spare width in proportion
        widths = [w * total / sum(want) for w in want]
    elif sum(need) <= total:  # give each column its minimum, the rest by how much more it wants
        spare = total - sum(need)
        extra = [w - n for w, n in zip(want, need)]
        widths = [n + spare * e / sum(extra) for n, e in zip(need, extra)]
    else:  # too many columns: shrink the minimums (landscape documents avoid this)
        widths = [n * total / sum(need) for n in need]
    result = [int(w) for w in widths]
    result[result.index(max(result))] += total - sum(result)
    return result


class TableBuilder:
    """Builds `w:tbl` elements; cell property templates are cached per width and alignment."""

    def __init__(self, text_width: int) -> None:
        self.text_width = text_width
        self._tcpr: dict = {}
        self._ppr: dict = {}

    def build(self, table: Table, widths: Optional[list[int]] = None, *, header_row: bool = True,
              borders: bool = True, style_body: str = TABLE_TEXT) -> etree._Element:
        widths = widths or column_widths(table, self.text_width)
        columns = len(widths)
        tbl = el("w:tbl")
        tbl.append(self._table_properties(sum(widths), borders))
        grid = sub(tbl, "w:tblGrid")
        for width in widths:
            sub(grid, "w:gridCol", {"w:w": width})
        aligns = list(table.align) + [None] * (columns - len(table.align))
        if header_row and table.header:
            row = self._row(header=True)
            for column in range(columns):
                cell = table.header[column] if column < len(table.header) else ()
                self._cell(row, cell, widths[column], TABLE_HEADING, None, shaded=True)
            tbl.append(row)
        for source in table.rows:
            row = self._row(header=False)
            for column in range(columns):
                cell = source[column] if column < len(source) else ()
                self._cell(row, cell, widths[column], style_body, aligns[column], shaded=False)
            tbl.append(row)
        return tbl

    def _table_properties(self, width: int, borders: bool) -> etree._Element:
        tblpr = el("w:tblPr")
        sub(tblpr, "w:tblStyle", {"w:val": TABLE_GRID})
        sub(tblpr, "w:tblW", {"w:w": width, "w:type": "dxa"})
        sub(tblpr, "w:jc", {"w:val": "center"})
        edges = sub(tblpr, "w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            attrs = ({"w:val": "single", "w:sz": 4, "w:space": 0, "w:color": "000000"} if borders
                     else {"w:val": "nil"})
            sub(edges, f"w:{edge}", attrs)
        sub(tblpr, "w:tblLayout", {"w:type": "fixed"})
        margins = sub(tblpr, "w:tblCellMar")
        sub(margins, "w:left", {"w:w": 108, "w:type": "dxa"})
        sub(margins, "w:right", {"w:w": 108, "w:type": "dxa"})
        sub(tblpr, "w:tblLook", {"w:val": "04A0", "w:firstRow": 1, "w:lastRow": 0, "w:firstColumn": 0,
                                 "w:lastColumn": 0, "w:noHBand": 1, "w:noVBand": 1})
        return tblpr

    @staticmethod
    def _row(header: bool) -> etree._Element:
        row = el("w:tr")
        trpr = sub(row, "w:trPr")
        sub(trpr, "w:cantSplit")  # a row never breaks across pages
        if header:
            sub(trpr, "w:tblHeader")  # repeat the header row on every page
        return row

    def _cell(self, row: etree._Element, inlines: Sequence[Inline], width: int, style: str,
              align: Optional[str], shaded: bool) -> None:
        key = (width, shaded)
        tcpr = self._tcpr.get(key)
        if tcpr is None:
            tcpr = self._tcpr[key] = el("w:tcPr")
            sub(tcpr, "w:tcW", {"w:w": width, "w:type": "dxa"})
            if shaded:
                sub(tcpr, "w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": HEADER_FILL})
            sub(tcpr, "w:vAlign", {"w:val": "center"})
        key = (style, align)
        ppr = self._ppr.get(key)
        if ppr is None:
            jc = {"left": "left", "center": "center", "right": "right"}.get(align or "")
            ppr = self._ppr[key] = paragraph_properties(style, jc=jc)
        tc = etree.SubElement(row, TC)
        tc.append(deepcopy(tcpr))
        p = etree.SubElement(tc, P)
        p.append(deepcopy(ppr))
        # Fast path for the common single plain span.
        if len(inlines) == 1 and type(inlines[0]) is Span and not (
            inlines[0].bold or inlines[0].italic or inlines[0].code
        ) and "\t" not in inlines[0].text and "\n" not in inlines[0].text:
            text = clean_text(inlines[0].text)
            if text:
                t = etree.SubElement(etree.SubElement(p, R), T)
                t.set(*_PRESERVE)
                t.text = text
        else:
            add_inlines(p, inlines)
