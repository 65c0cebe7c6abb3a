"""Merged cells in Markdown tables: a body cell holding only `<<` joins the cell to
its left, one holding only `^^` joins the cell above, so a form can have the merged
cells of the paper form a clerk knows. Writers turn them into w:gridSpan / w:vMerge
(DOCX) and colspan / rowspan (HTML). A marker with nothing to join (first column,
first row) is an empty cell.
"""
from __future__ import annotations

from typing import Optional, Sequence

from sskit.markup.ir import Inline, Span

LEFT, UP = "<<", "^^"
_MARKERS = (LEFT, UP)


def _marker(cell: Sequence[Inline]) -> str:
    if len(cell) == 1 and type(cell[0]) is Span and cell[0].text in (LEFT, UP):
        return cell[0].text
    return ""


def content(cell: Sequence[Inline]) -> Sequence[Inline]:
    """What a writer puts in a cell: nothing for a marker (one with nothing to join)."""
    return () if _marker(cell) else cell


def has_merges(rows) -> bool:
    for row in rows:  # a plain loop: a 5,000-row table has 50,000 cells to look at
        for cell in row:
            if len(cell) == 1 and type(cell[0]) is Span and cell[0].text in _MARKERS:
                return True
    return False


def merge_plan(rows, columns: int) -> list[list[Optional[tuple[int, int, int]]]]:
    """Per body cell: (kind, rowspan, colspan) where kind is 0 for a cell that starts a
    merge (or stands alone), 1 for the first cell of a row continuing a vertical merge;
    None for a cell covered horizontally (written as part of the cell on its left)."""
    origin: list[list[tuple[int, int]]] = []
    for r, row in enumerate(rows):
        line = []
        for c in range(columns):
            mark = _marker(row[c]) if c < len(row) else ""
            if mark == LEFT and c > 0:
                line.append(line[c - 1])
            elif mark == UP and r > 0:
                line.append(origin[r - 1][c])
            else:
                line.append((r, c))
        origin.append(line)
    extent: dict[tuple[int, int], list[int]] = {}
    for r, line in enumerate(origin):
        for c, start in enumerate(line):
            last = extent.setdefault(start, [r, c])
            last[0], last[1] = max(last[0], r), max(last[1], c)
    plan: list[list[Optional[tuple[int, int, int]]]] = []
    for r, line in enumerate(origin):
        out: list[Optional[tuple[int, int, int]]] = []
        for c, (r0, c0) in enumerate(line):
            rows_, cols_ = extent[(r0, c0)][0] - r0 + 1, extent[(r0, c0)][1] - c0 + 1
            if (r0, c0) == (r, c):
                out.append((0, rows_, cols_))
            elif c == c0 and (c == 0 or line[c - 1] != (r0, c0)):
                out.append((1, rows_, cols_))
            else:
                out.append(None)
        plan.append(out)
    return plan
