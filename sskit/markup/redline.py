"""Redline stage: the IR of a document's previous version and of its new version -> the new
version's blocks with the changes marked (修订对照), for a writer to show as tracked changes.

The result is a sequence of ordinary IR blocks (unchanged, or holding marked inlines) and:
- `Change(kind, inline)`: an inline inserted (`INS`) or deleted (`DEL`) inside a paragraph,
  heading, list item or table cell;
- `Whole(kind, block)`: a block inserted or deleted as a whole (a writer marks its paragraph
  marks and table rows too; its inlines are already wrapped in `Change`);
- `TableEdit`: a table shown row by row (`RowEdit`: kept, inserted or deleted), cells marked;
- `DrawingEdit`: a drawing (the new one's layout) with the texts of its boxes marked; a drawing
  whose boxes or arrows changed is shown deleted and inserted as a whole.

Blocks are matched by a sequence diff of the blocks themselves, so an inserted paragraph does
not turn the rest of the document into changes; the blocks of a replaced stretch are paired
with a similar block of the same kind and diffed inside.  Inside a paragraph the unit is a
token: one CJK character or punctuation mark, a run of Latin letters and digits, a run of
whitespace, or any other single character.  A short unchanged stretch between two larger
changes is folded into them ("售后服务部" -> "客户服务中心" reads as one replacement, not as
four fragments around "服务").  Everything is deterministic: difflib without its heuristics
and ties broken by position.

A long table (more than LONG_TABLE_ROWS rows) in a revised document is shown condensed: its
changed rows with a little context, or, when none of its rows changed, its caption and header
only; a row in place of each stretch left out says which rows it leaves out. Accepting every
change then gives the new version except for those stretches.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Optional, Sequence, Union

from sskit.markup.ir import Block, Break, Drawing, Heading, Inline, ListBlock, PageBreak, Paragraph, Span, Table
from sskit.markup.merges import LEFT, UP, has_merges

INS, DEL = "ins", "del"

# Latin words and numbers stay whole; every other character (CJK, punctuation) is a token.
_TOKEN = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+|\s+|.", re.S)
PARAGRAPH_SIMILARITY = 0.5  # paragraphs and headings less alike are a deletion plus an insertion
CONTAINER_SIMILARITY = 0.3  # tables and lists are diffed row by row / item by item: pair more readily
_PAIRING_LIMIT = 2500  # a replaced stretch of more old x new blocks is paired in order, not by DP
_RATIO_LIMIT = 3000  # texts longer than this are compared by character counts only
# A revised table longer than this shows its changed rows with CONTEXT_ROWS unchanged rows on
# either side; each longer run of unchanged rows becomes one row saying which rows it leaves out
# (a reviewer of a 5,000-row outlet list looks for the rows that changed, not for 4,990 others).
LONG_TABLE_ROWS = 200
CONTEXT_ROWS = 2


@dataclass(frozen=True)
class Change:
    """An inline inserted or deleted: `kind` is INS or DEL."""

    kind: str
    inline: Inline


@dataclass(frozen=True)
class Whole:
    """A block inserted or deleted as a whole; its inlines are wrapped in `Change`."""

    kind: str
    block: Union[Block, "TableEdit"]


@dataclass(frozen=True)
class RowEdit:
    """A table row: `kind` is None for a row kept (its cells may hold `Change`s), INS or DEL."""

    kind: Optional[str]
    cells: tuple[tuple, ...]


@dataclass(frozen=True)
class TableEdit:
    """A table shown row by row.  `table` gives the geometry (column widths, alignment): the new
    table, or the old one when the whole table was deleted.  `caption` holds the caption's marked
    inlines (None: no caption in either version); `caption_kind` is INS / DEL when only one
    version has a caption."""

    table: Table
    header: Optional[RowEdit]
    rows: tuple[RowEdit, ...]
    caption: Optional[tuple] = None
    caption_kind: Optional[str] = None


@dataclass(frozen=True)
class DrawingEdit:
    """A drawing with its texts marked.  `marked` pairs a text's key (see `drawing_texts`) with
    its marked inlines, for the texts that changed (all of them when `kind` is INS / DEL: the
    drawing inserted or deleted as a whole)."""

    drawing: Drawing
    marked: tuple[tuple[tuple[str, str], tuple], ...]
    kind: Optional[str] = None

    def text(self, field: str, key: str) -> Optional[tuple]:
        for name, inlines in self.marked:
            if name == (field, key):
                return inlines
        return None


MarkedInline = Union[Inline, Change]
MarkedBlock = Union[Block, Whole, TableEdit, DrawingEdit]


def drawing_texts(drawing: Drawing) -> dict[tuple[str, str], str]:
    """Every text a drawing shows, by key: ("text" | "detail" | "records", node id),
    ("lane", lane number from 1), ("title", "")."""
    out = {("title", ""): drawing.title}
    for number, lane in enumerate(drawing.lanes, 1):
        out[("lane", str(number))] = lane
    for node in drawing.nodes:
        out[("text", node.id)] = node.text
        out[("detail", node.id)] = node.detail
        out[("records", node.id)] = node.records
    return out


def _drawing_shape(drawing: Drawing) -> tuple:
    """What must be equal for one drawing's texts to be marked on the other's layout."""
    lanes = {lane: i for i, lane in enumerate(drawing.lanes)}
    return (drawing.kind, len(drawing.lanes),
            tuple((n.id, n.shape, lanes.get(n.lane, n.lane if not drawing.lanes else -1), n.level,
                   bool(n.detail), bool(n.records)) for n in drawing.nodes),
            drawing.edges)


# -- inlines ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Token:
    text: str  # "" for a line break
    style: tuple[bool, bool, bool]  # bold, italic, code

    def inline(self) -> Inline:
        return Span(self.text, *self.style) if self.text else Break()


def _tokens(inlines: Sequence[Inline]) -> list[_Token]:
    out = []
    for inline in inlines:
        if isinstance(inline, Span):
            style = (inline.bold, inline.italic, inline.code)
            out.extend(_Token(t, style) for t in _TOKEN.findall(inline.text))
        elif isinstance(inline, Break):
            out.append(_Token("", (False, False, False)))
    return out


def _length(tokens: Sequence[_Token]) -> int:
    return sum(len(t.text) or 1 for t in tokens)


def _inlines(tokens: Sequence[_Token]) -> list[Inline]:
    """Tokens back to inlines, neighbours of one style joined into one span."""
    out: list[Inline] = []
    for token in tokens:
        last = out[-1] if out else None
        if token.text and isinstance(last, Span) and (last.bold, last.italic, last.code) == token.style:
            out[-1] = Span(last.text + token.text, *token.style)
        else:
            out.append(token.inline())
    return out


def mark_inlines(inlines: Sequence[Inline], kind: str) -> tuple[MarkedInline, ...]:
    """Every inline wrapped as inserted or deleted (empty spans dropped)."""
    return tuple(Change(kind, i) for i in inlines if not (isinstance(i, Span) and not i.text))


def diff_inlines(old: Sequence[Inline], new: Sequence[Inline]) -> tuple[MarkedInline, ...]:
    """The new inlines with the tokens that changed since `old` marked; unchanged text keeps
    its spans' bold / italic / code as in the new version."""
    if tuple(old) == tuple(new):
        return tuple(new)
    a, b = _tokens(old), _tokens(new)
    out: list[MarkedInline] = []
    for tag, i1, i2, j1, j2 in _fold(SequenceMatcher(None, a, b, autojunk=False).get_opcodes(), a, b):
        if tag == "equal":
            out.extend(_inlines(b[j1:j2]))
        else:
            out.extend(Change(DEL, i) for i in _inlines(a[i1:i2]))
            out.extend(Change(INS, i) for i in _inlines(b[j1:j2]))
    return tuple(out)


def _fold(opcodes, a: Sequence[_Token], b: Sequence[_Token]) -> list[tuple[str, int, int, int, int]]:
    """Fold each unchanged stretch no longer than the changes on both sides of it into them,
    then join neighbouring changes into one replacement (deletion first, then insertion)."""
    ops = [list(op) for op in opcodes]
    changed = True
    while changed:
        changed = False
        for k in range(1, len(ops) - 1):
            tag, i1, i2, j1, j2 = ops[k]
            if tag != "equal" or ops[k - 1][0] == "equal" or ops[k + 1][0] == "equal":
                continue
            before = max(_length(a[ops[k - 1][1]:ops[k - 1][2]]), _length(b[ops[k - 1][3]:ops[k - 1][4]]))
            after = max(_length(a[ops[k + 1][1]:ops[k + 1][2]]), _length(b[ops[k + 1][3]:ops[k + 1][4]]))
            if _length(a[i1:i2]) <= min(before, after):
                ops[k][0] = "replace"
                changed = True
        merged: list[list] = []
        for op in ops:
            if merged and op[0] != "equal" and merged[-1][0] != "equal":
                merged[-1] = ["replace", merged[-1][1], op[2], merged[-1][3], op[4]]
            else:
                merged.append(op)
        ops = merged
    return [tuple(op) for op in ops]


def new_text(inlines: Sequence[MarkedInline]) -> str:
    """The text of marked inlines once every change is accepted."""
    parts = []
    for inline in inlines:
        if isinstance(inline, Change):
            if inline.kind == DEL:
                continue
            inline = inline.inline
        parts.append(inline.text if isinstance(inline, Span) else " ")
    return "".join(parts)


# -- similarity ---------------------------------------------------------------------------------
def _plain(inlines: Sequence[Inline]) -> str:
    return "".join(i.text if isinstance(i, Span) else "\n" for i in inlines)


def _block_text(block: Block) -> str:
    if isinstance(block, (Paragraph, Heading)):
        return _plain(block.inlines)
    if isinstance(block, Table):
        rows = ((block.caption or "",), *((_plain(c) for c in row) for row in (block.header, *block.rows)))
        return "\n".join("\t".join(row) for row in rows)
    if isinstance(block, ListBlock):
        return "\n".join(_block_text(b) for item in block.items for b in item)
    if isinstance(block, Drawing):
        return "\n".join(drawing_texts(block).values())
    return ""


def _ratio(a: str, b: str, exact: bool) -> float:
    if not a and not b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < CONTAINER_SIMILARITY:  # cheap upper bounds first
        return 0.0
    rough = matcher.quick_ratio()
    if not exact or rough < CONTAINER_SIMILARITY or len(a) + len(b) > _RATIO_LIMIT:
        return rough
    return matcher.ratio()


def _similarity(old: Block, new: Block) -> Optional[float]:
    """How alike two blocks are: 0 when too little to pair them among others, None when they
    cannot be diffed into each other at all (other kinds, tables with other columns)."""
    if type(old) is not type(new) or isinstance(old, PageBreak):
        return None
    if isinstance(old, Table):
        if _columns(old) != _columns(new):
            return None
        score = _ratio(_block_text(old), _block_text(new), exact=False)
        return score if score >= CONTAINER_SIMILARITY else 0.0
    if isinstance(old, ListBlock):
        score = _ratio(_block_text(old), _block_text(new), exact=False)
        return score if score >= CONTAINER_SIMILARITY else 0.0
    score = _ratio(_block_text(old), _block_text(new), exact=True)
    return score if score >= PARAGRAPH_SIMILARITY else 0.0


def _pairable(old: Block, new: Block) -> bool:
    """Whether `_similarity` gives a score rather than None, without computing the score."""
    if type(old) is not type(new) or isinstance(old, PageBreak):
        return False
    return not isinstance(old, Table) or _columns(old) == _columns(new)


def _always(old, new) -> bool:
    return True


def _columns(table: Table) -> int:
    return max(len(table.header), max((len(r) for r in table.rows), default=0))


def _pairs(old: Sequence, new: Sequence, similarity, pairable=None) -> list[tuple[Optional[int], Optional[int]]]:
    """Align two stretches in order: (i, j) pairs similar items, (i, None) / (None, j) an item
    deleted / inserted.  One item replaced by one of its kind is paired whatever changed in
    it; a small stretch is aligned for the greatest total similarity; a large one pairs each
    old item with the next similar new item within a short window. `pairable`: whether
    `similarity` of two items is not None, told without scoring them (default: it scores)."""
    n, m = len(old), len(new)
    if n * m == 0:
        return [(i, None) for i in range(n)] + [(None, j) for j in range(m)]
    if n == m == 1:  # paired exactly when pairable, whatever the score (see _pair_gaps)
        paired = pairable(old[0], new[0]) if pairable else similarity(old[0], new[0]) is not None
        return [(0, 0)] if paired else [(0, None), (None, 0)]
    if n * m > _PAIRING_LIMIT:
        return _pair_gaps(_pairs_in_order(old, new, similarity), old, new, similarity)
    return _pair_gaps(_best_pairs(old, new, similarity), old, new, similarity)


def _pair_gaps(pairs, old: Sequence, new: Sequence, similarity):
    """Between two paired items, as many items deleted as inserted, each of the kind of its
    counterpart, are the same items changed: pair them in order (a heading renamed with the
    paragraph under it stays one heading, however short it is)."""
    out: list[tuple[Optional[int], Optional[int]]] = []
    gap: list[tuple[Optional[int], Optional[int]]] = []
    for pair in [*pairs, None]:
        if pair is not None and (pair[0] is None or pair[1] is None):
            gap.append(pair)
            continue
        deleted = [i for i, j in gap if j is None]
        inserted = [j for i, j in gap if i is None]
        if len(deleted) == len(inserted) and all(similarity(old[i], new[j]) is not None
                                                 for i, j in zip(deleted, inserted)):
            out.extend(zip(deleted, inserted))
        else:
            out.extend(gap)
        gap = []
        if pair is not None:
            out.append(pair)
    return out


def _best_pairs(old: Sequence, new: Sequence, similarity):
    n, m = len(old), len(new)
    sim = [[similarity(o, w) or 0.0 for w in new] for o in old]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = best[i + 1][j + 1] + sim[i][j] if sim[i][j] else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    out: list[tuple[Optional[int], Optional[int]]] = []
    i = j = 0
    while i < n and j < m:
        if sim[i][j] and best[i][j] == best[i + 1][j + 1] + sim[i][j]:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            out.append((i, None))
            i += 1
        else:
            out.append((None, j))
            j += 1
    return out + [(k, None) for k in range(i, n)] + [(None, k) for k in range(j, m)]


def _pairs_in_order(old: Sequence, new: Sequence, similarity, window: int = 8):
    out: list[tuple[Optional[int], Optional[int]]] = []
    i = j = 0
    while i < len(old) and j < len(new):
        match = next((k for k in range(j, min(j + window, len(new))) if similarity(old[i], new[k])), None)
        if match is None:
            out.append((i, None))
            i += 1
            continue
        out.extend((None, k) for k in range(j, match))
        out.append((i, match))
        i, j = i + 1, match + 1
    return out + [(k, None) for k in range(i, len(old))] + [(None, k) for k in range(j, len(new))]


def _align(old: Sequence, new: Sequence, similarity, pairable=None) -> list[tuple[Optional[int], Optional[int]]]:
    """Equal items matched by a sequence diff, the replaced stretches paired by similarity."""
    return [(i, j) for i, j, _ in _aligned(old, new, similarity, pairable)]


def _aligned(old: Sequence, new: Sequence, similarity,
             pairable=None) -> list[tuple[Optional[int], Optional[int], bool]]:
    """`_align`, each pair with whether its items are equal (known from the sequence diff for
    the equal stretches: a long table is not compared again cell by cell)."""
    out: list[tuple[Optional[int], Optional[int], bool]] = []
    # the diff runs on one number per distinct item: equal items get the same number, so the
    # opcodes are the same, and each item (a table of 5,000 rows) is hashed once, not each time
    # the matcher looks it up
    numbers: dict = {}
    a = [numbers.setdefault(item, len(numbers)) for item in old]
    b = [numbers.setdefault(item, len(numbers)) for item in new]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.extend((i, j, True) for i, j in zip(range(i1, i2), range(j1, j2)))
        else:
            for i, j in _pairs(old[i1:i2], new[j1:j2], similarity, pairable):
                i, j = None if i is None else i1 + i, None if j is None else j1 + j
                out.append((i, j, i is not None and j is not None and a[i] == b[j]))
    return out


# -- blocks -------------------------------------------------------------------------------------
def redline_blocks(old: Sequence[Block], new: Sequence[Block]) -> tuple[MarkedBlock, ...]:
    """The new blocks with the changes since `old` marked; unchanged blocks are the new ones."""
    old, new = tuple(old), tuple(new)
    out: list[MarkedBlock] = []
    pairs = _aligned(old, new, _similarity, _pairable)
    revised = any(not equal for _, _, equal in pairs)
    for i, j, equal in pairs:
        if i is None:
            out.extend(_whole(new[j], INS))
        elif j is None:
            out.extend(_whole(old[i], DEL))
        elif revised and equal and _long_unchanged(new[j]):
            out.append(_left_out(new[j]))
        elif isinstance(new[j], Drawing) and not equal and _drawing_shape(old[i]) != _drawing_shape(new[j]):
            out.extend(_whole(old[i], DEL) + _whole(new[j], INS))  # boxes or arrows changed: old out, new in
        else:
            out.append(new[j] if equal else _edit(old[i], new[j]))
    return tuple(out)


def _long_unchanged(new: Block) -> bool:
    """A table long enough to be left out when it did not change (and without merged cells)."""
    return isinstance(new, Table) and len(new.rows) > LONG_TABLE_ROWS and not has_merges(new.rows)


def _left_out(table: Table) -> TableEdit:
    """A long table the revision leaves as it was, in a document it revises: its caption and
    header, and one row saying its rows are left out."""
    columns = _columns(table)
    note = f"……（本表{len(table.rows)}行均未修订，从略）……"
    header = RowEdit(None, tuple(tuple(cell) for cell in table.header)) if table.header else None
    row = RowEdit(None, ((Span(note),), *(((Span(LEFT),),) * (columns - 1))))
    return TableEdit(table, header, (row,), (Span(table.caption),) if table.caption else None)


def _edit(old: Block, new: Block) -> MarkedBlock:
    """Two matched blocks of one kind: the new block with the differences marked inside."""
    if old == new:
        return new
    if isinstance(new, Paragraph):
        return Paragraph(diff_inlines(old.inlines, new.inlines), new.align)
    if isinstance(new, Heading):
        return Heading(new.level, diff_inlines(old.inlines, new.inlines), new.numbered, new.anchor)
    if isinstance(new, ListBlock):
        return ListBlock(new.ordered, _list_items(old.items, new.items), new.start)
    if isinstance(new, Table):
        return _table_edit(old, new)
    if isinstance(new, Drawing):
        before = drawing_texts(old)
        return DrawingEdit(new, tuple((key, diff_inlines(_spans(before.get(key, "")), _spans(text)))
                                      for key, text in drawing_texts(new).items() if text != before.get(key, "")))
    return new


def _spans(text: str) -> tuple[Inline, ...]:
    return (Span(text),) if text else ()


def _whole(block: Block, kind: str) -> list[MarkedBlock]:
    if isinstance(block, PageBreak):  # a page break has nothing to show; a deleted one is gone
        return [block] if kind == INS else []
    return [Whole(kind, _mark_block(block, kind))]


def _mark_block(block: Block, kind: str):
    if isinstance(block, Paragraph):
        return Paragraph(mark_inlines(block.inlines, kind), block.align)
    if isinstance(block, Heading):
        return Heading(block.level, mark_inlines(block.inlines, kind), block.numbered, block.anchor)
    if isinstance(block, ListBlock):
        items = tuple(tuple(b for child in item for b in _marked_children(child, kind)) for item in block.items)
        return ListBlock(block.ordered, items, block.start)
    if isinstance(block, Drawing):
        return DrawingEdit(block, tuple((key, mark_inlines(_spans(text), kind))
                                        for key, text in drawing_texts(block).items() if text), kind)
    if isinstance(block, Table):
        caption = mark_inlines((Span(block.caption),), kind) if block.caption else None
        header = RowEdit(kind, tuple(_mark_cell(c, kind) for c in block.header)) if block.header else None
        return TableEdit(block, header, tuple(RowEdit(kind, tuple(_mark_cell(c, kind) for c in row))
                                              for row in block.rows), caption, None)
    return block


def _marked_children(block: Block, kind: str) -> list:
    if isinstance(block, PageBreak):
        return [block] if kind == INS else []
    return [_mark_block(block, kind)]


def _mark_cell(cell: Sequence[Inline], kind: str) -> tuple:
    if _is_marker(cell):  # a merge marker is structure, not text
        return tuple(cell)
    return mark_inlines(cell, kind)


def _is_marker(cell: Sequence[Inline]) -> bool:
    return len(cell) == 1 and type(cell[0]) is Span and cell[0].text in (LEFT, UP)


# -- lists --------------------------------------------------------------------------------------
def _item_similarity(old: tuple, new: tuple) -> Optional[float]:
    text_old = "\n".join(_block_text(b) for b in old)
    text_new = "\n".join(_block_text(b) for b in new)
    score = _ratio(text_old, text_new, exact=True)
    return score if score >= PARAGRAPH_SIMILARITY else 0.0


def _list_items(old: tuple, new: tuple) -> tuple:
    items = []
    for i, j in _align(old, new, _item_similarity, _always):
        if i is None:
            items.append(tuple(b for child in new[j] for b in _whole(child, INS)))
        elif j is None:
            items.append(tuple(b for child in old[i] for b in _whole(child, DEL)))
        else:
            items.append(redline_blocks(old[i], new[j]))
    return tuple(items)


# -- tables -------------------------------------------------------------------------------------
def _row_text(row: tuple) -> str:
    return "\t".join(_plain(cell) for cell in row)


def _row_similarity(old: tuple, new: tuple) -> Optional[float]:
    score = _ratio(_row_text(old), _row_text(new), exact=True)
    return score if score >= PARAGRAPH_SIMILARITY else 0.0


def _cells(old: tuple, new: tuple, columns: int) -> tuple:
    out = []
    for column in range(columns):
        before = old[column] if column < len(old) else ()
        after = new[column] if column < len(new) else ()
        if _is_marker(after) or tuple(before) == tuple(after):
            out.append(tuple(after))  # a merged cell has no text of its own to show
        else:
            out.append(diff_inlines(() if _is_marker(before) else before, after))
    return tuple(out)


def _table_edit(old: Table, new: Table) -> TableEdit:
    columns = _columns(new)
    header = None
    if old.header and new.header:
        header = RowEdit(None, _cells(old.header, new.header, len(new.header)))
    elif new.header:
        header = RowEdit(INS, tuple(_mark_cell(c, INS) for c in new.header))
    elif old.header:
        header = RowEdit(DEL, tuple(_mark_cell(c, DEL) for c in old.header))
    rows = []
    for i, j, equal in _aligned(old.rows, new.rows, _row_similarity, _always):
        if i is None:
            rows.append(RowEdit(INS, tuple(_mark_cell(c, INS) for c in new.rows[j])))
        elif j is None:
            rows.append(RowEdit(DEL, tuple(_mark_cell(c, DEL) for c in old.rows[i])))
        elif equal:  # nothing to mark: the row as it is now
            row = new.rows[j]
            rows.append(RowEdit(None, tuple(tuple(row[c]) if c < len(row) else () for c in range(columns))))
        else:
            rows.append(RowEdit(None, _cells(old.rows[i], new.rows[j], columns)))
    if len(rows) > LONG_TABLE_ROWS and not has_merges(new.rows) and not has_merges(old.rows):
        rows = _condensed(rows, columns)
    caption: Optional[tuple] = None
    caption_kind = None
    if old.caption and new.caption:
        caption = diff_inlines((Span(old.caption),), (Span(new.caption),))
    elif new.caption:
        caption, caption_kind = mark_inlines((Span(new.caption),), INS), INS
    elif old.caption:
        caption, caption_kind = mark_inlines((Span(old.caption),), DEL), DEL
    return TableEdit(new, header, tuple(rows), caption, caption_kind)


def _changed(row: RowEdit) -> bool:
    return row.kind is not None or any(type(x) is Change for cell in row.cells for x in cell)


def _condensed(rows: list[RowEdit], columns: int) -> list[RowEdit]:
    """The changed rows of a long table and their context; a run of more than one unchanged row
    beyond that becomes a single row (its cells merged) naming the rows of the new version it
    leaves out. A table without any change is shown whole."""
    changed = [i for i, row in enumerate(rows) if _changed(row)]
    if not changed:
        return rows
    keep = set()
    for i in changed:
        keep.update(range(max(0, i - CONTEXT_ROWS), min(len(rows), i + CONTEXT_ROWS + 1)))
    out: list[RowEdit] = []
    number = 0  # rows of the new version so far
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and j not in keep:
            j += 1
        if j - i > 1:
            text = f"……（第{number + 1}至第{number + j - i}行未修订，共{j - i}行，从略）……"
            out.append(RowEdit(None, ((Span(text),), *(((Span(LEFT),),) * (columns - 1)))))
            number += j - i
            i = j
            continue
        row = rows[i]
        out.append(row)
        number += row.kind != DEL
        i += 1
    return out


__all__ = [
    "Change", "DEL", "INS", "MarkedBlock", "MarkedInline", "RowEdit", "TableEdit", "Whole",
    "diff_inlines", "mark_inlines", "new_text", "redline_blocks",
]
