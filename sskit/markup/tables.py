"""A GFM table rule for markdown-it that emits ONE token per table.

markdown-it's own rule pushes five tokens per cell and runs the inline parser on
every cell; on a 5,000-outlet directory that is most of a build. This rule
accepts exactly the tables the stock rule accepts (same start conditions, same
cell splitting, same end of table: tests compare the two) and stores the raw
cell strings in the token's `meta`; the reader parses inline only the cells that
contain a character some inline rule reacts to.
"""
from __future__ import annotations

import re

from markdown_it.common.utils import mdTrim

try:  # what mdTrim strips, for str.strip over a table's 50,000 cells without a call each
    from markdown_it.common.utils import MD_TRIM_CHARS
except ImportError:  # an older markdown-it-py: its mdTrim, cell by cell
    MD_TRIM_CHARS = None

# the delimiter row may only hold these, and must start like a delimiter row
_DELIMITER_CHARS = frozenset("|-: \t")
_DELIMITER_CELL = re.compile(r"^:?-+:?$")
# the stock rule gives up beyond this many padded cells (an expansion guard)
MAX_PADDED_CELLS = 0x10000


def split_cells(line: str) -> list[str]:
    """Split a row on its pipes. A pipe right after a backslash is part of the cell
    (and that backslash is dropped); outer empty pieces (leading or trailing pipe) go."""
    if "\\|" not in line:  # no escaped pipe (nearly every row): the plain split is the same
        cells = line.split("|")
    else:
        cells = _split_escaped(line)
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells


def _split_escaped(line: str) -> list[str]:
    cells: list[str] = []
    piece: list[str] = []
    start = 0
    previous = ""
    for index, char in enumerate(line):
        if char == "|":
            if previous == "\\":
                piece.append(line[start:index - 1])
                start = index
            else:
                piece.append(line[start:index])
                cells.append("".join(piece))
                piece = []
                start = index + 1
        previous = char
    piece.append(line[start:])
    cells.append("".join(piece))
    return cells


def _aligns(delimiter: str):
    """The column alignments of a delimiter row, or None when it is not one."""
    if not delimiter or delimiter[0] not in "|-:" or any(ch not in _DELIMITER_CHARS for ch in delimiter):
        return None
    if len(delimiter) < 2 or (delimiter[0] == "-" and delimiter[1] in " \t"):
        return None
    pieces = delimiter.split("|")
    aligns = []
    for index, piece in enumerate(pieces):
        cell = mdTrim(piece)
        if not cell:
            if index in (0, len(pieces) - 1):
                continue
            return None
        if not _DELIMITER_CELL.match(cell):
            return None
        if cell.endswith(":"):
            aligns.append("center" if cell.startswith(":") else "right")
        else:
            aligns.append("left" if cell.startswith(":") else None)
    return aligns


def _line(state, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]


def table_rule(state, start: int, end: int, silent: bool) -> bool:
    if start + 2 > end:
        return False
    second = start + 1
    if state.sCount[second] < state.blkIndent or state.is_code_block(second):
        return False
    aligns = _aligns(_line(state, second))
    if aligns is None:
        return False
    head = mdTrim(_line(state, start))
    if "|" not in head or state.is_code_block(start):
        return False
    header = split_cells(head)
    if not header or len(header) != len(aligns):
        return False
    if silent:
        return True
    terminators = state.md.block.ruler.getRules("blockquote")
    # a row that starts with a pipe cannot start what the stock terminators start (fences, quotes,
    # rules, lists, HTML, headings): they are asked only about other rows
    pipe_safe = _stock_terminators(state.md)
    rows: list[list[str]] = []
    padded = 0
    line = start + 2
    width = len(header)
    s_count, src, begins, shifts, ends = state.sCount, state.src, state.bMarks, state.tShift, state.eMarks
    while line < end:
        if s_count[line] < state.blkIndent:
            break
        text = src[begins[line] + shifts[line]:ends[line]]
        if not (pipe_safe and text[:1] == "|") and any(rule(state, line, end, True) for rule in terminators):
            break
        text = mdTrim(text)
        if not text or state.is_code_block(line):
            break
        cells = split_cells(text)
        padded += width - len(cells)
        if padded > MAX_PADDED_CELLS:
            break
        row = ([cell.strip(MD_TRIM_CHARS) for cell in cells[:width]] if MD_TRIM_CHARS is not None
               else list(map(mdTrim, cells[:width])))
        rows.append(row + [""] * (width - len(row)) if len(row) < width else row)
        line += 1
    token = state.push("sskit_table", "table", 0)
    token.map = [start, line]
    token.meta = {"header": [mdTrim(c) for c in header], "rows": rows, "aligns": aligns}
    state.line = line
    return True


_STOCK_TERMINATORS = frozenset({"fence", "blockquote", "hr", "list", "html_block", "heading"})


def _stock_terminators(md) -> bool:
    """Whether the rules that may end a table are only markdown-it's own (none reacts to `|`)."""
    known = getattr(md, "_sskit_pipe_safe", None)
    if known is None:
        names = {rule.name for rule in md.block.ruler.__rules__ if rule.enabled and "blockquote" in rule.alt}
        known = names <= _STOCK_TERMINATORS
        md._sskit_pipe_safe = known
    return known


def use_table_rule(md) -> None:
    """Put the one-token rule in place of markdown-it's `table` rule."""
    md.block.ruler.before("table", "sskit_table", table_rule, {"alt": ["paragraph", "reference"]})
    md.block.ruler.disable("table")
