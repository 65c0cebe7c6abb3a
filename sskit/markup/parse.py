"""Markdown stage: Markdown text -> IR blocks (`sskit.markup.ir`).

Uses markdown-it-py's CommonMark parser with GFM tables.  Conventions on top of Markdown:

* a trailing pandoc-style attribute block on a heading: `{-}` or `{.unnumbered}` ->
  ``Heading(numbered=False)``, `{#id}` or `{id=…}` -> ``Heading(anchor=…)``, e.g. `{- id=release}`;
* a paragraph `表：…` / `Table: …` right before a table becomes its caption;
* `<!-- pagebreak -->` -> ``PageBreak``; `<!-- align: center -->` sets the next paragraph's alignment;
* `<br>` is a line break (GFM table cells have no other way to break a line);
* a fenced block with the info string `drawing` holds a ``Drawing`` as JSON; `<!-- flowchart -->`
  right before a flow table's caption adds the table's ``Drawing`` after it (sskit.markup.flowchart);
* any other raw HTML is kept as literal text: profile values are data, never markup.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .flowchart import drawing_from_json, flow_from_table
from .ir import Block, Break, Heading, Inline, ListBlock, PageBreak, Paragraph, Span, Table
from .tables import use_table_rule

# One shared parser: markdown-it keeps no state between `parse` calls. Tables come as one
# token each (sskit.markup.tables); their cells are inline-parsed only when they need it.
_MD = MarkdownIt("commonmark").enable("table")
use_table_rule(_MD)
# A cell without any of these is plain text for every enabled inline rule.
_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]!<>&~\n]")

_PAGEBREAK = re.compile(r"^<!--\s*pagebreak\s*-->$", re.IGNORECASE)
_FLOWCHART = re.compile(r"^<!--\s*flowchart\s*-->$", re.IGNORECASE)
_ALIGN = re.compile(r"^<!--\s*align\s*:\s*(body|left|center|centre|right)\s*-->$", re.IGNORECASE)
_CAPTION = re.compile(r"^(?:Table|表)[:：]\s*(.+)$", re.DOTALL)
# Heading attribute blocks are matched on the raw heading source, so an escaped `\{-\}` from
# a profile value stays text.
_ATTRIBUTE = r'(?:-|[#.][^\s{}\\#.=]+|[A-Za-z_][\w:-]*=(?:"[^"\\]*"|[^\s{}"\\]+))'
_ATTRIBUTES_RAW = re.compile(r"(?:^|[ \t])\{[ \t]*(" + _ATTRIBUTE + r"(?:[ \t]+" + _ATTRIBUTE + r")*)[ \t]*\}[ \t]*$")
_ATTRIBUTES_TEXT = re.compile(r"[ \t]*\{[^{}]*\}[ \t]*$")
_CELL_ALIGN = re.compile(r"text-align:\s*(left|center|right)")
_LINE_BREAK = re.compile(r"^<br\s*/?>$", re.IGNORECASE)

# Characters that join across a soft line break without a space (Chinese text has no word spaces).
_CJK = re.compile(
    "[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
    "\u2018\u2019\u201c\u201d\u2014\u2026\u00b7]"
)

_SOFT = object()  # placeholder for a soft line break until its neighbours are known
_HARD = object()


def parse_markdown(text: str) -> tuple[Block, ...]:
    """Parse Markdown into a tuple of IR blocks.  Pure: no I/O, no shared state."""
    reader = _BlockReader(_MD.parse(text))
    return tuple(reader.read_blocks(until=None))


class _BlockReader:
    """Walks markdown-it's flat token stream, recursing into lists and block quotes."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0

    def read_blocks(self, until: Optional[str]) -> list[Block]:
        tokens = self.tokens
        out: list[Block] = []
        align: Optional[str] = None  # from a preceding `<!-- align: … -->`
        caption_at = -1  # index in `out` of a paragraph that may caption the next table
        caption_text = ""
        flowchart_at = 0  # source line of a `<!-- flowchart -->` waiting for its table (1-based)
        while self.pos < len(tokens):
            tok = tokens[self.pos]
            kind = tok.type
            if kind == until:
                self.pos += 1
                break
            pending_align, align = align, None
            if flowchart_at and kind not in ("paragraph_open", "table_open", "sskit_table"):
                _no_flow_table(flowchart_at)
            if kind == "paragraph_open":
                inline = tokens[self.pos + 1]
                self.pos += 3
                inlines = _inlines(inline.children or [])
                out.append(Paragraph(inlines, pending_align or "body"))
                match = _CAPTION.match(_plain(inlines))
                caption_at, caption_text = (len(out) - 1, match.group(1).strip()) if match else (-1, "")
                if flowchart_at and not match:
                    _no_flow_table(flowchart_at)
                continue
            if kind in ("table_open", "sskit_table"):
                caption = None
                if caption_at == len(out) - 1 and caption_at >= 0:
                    out.pop()
                    caption = caption_text
                if kind == "sskit_table":
                    self.pos += 1
                    out.append(_table(tok.meta, caption))
                else:
                    out.append(self._read_table(caption))
                if flowchart_at:
                    if caption is None:
                        _no_flow_table(flowchart_at)
                    try:
                        chart = flow_from_table(out[-1])
                    except ValueError as exc:
                        raise ValueError(f"line {flowchart_at}: {exc}") from None
                    out.append(replace(chart, source=_source(tok, "after")))
                    flowchart_at = 0
            elif kind == "heading_open":
                out.append(self._read_heading())
            elif kind in ("bullet_list_open", "ordered_list_open"):
                out.append(self._read_list(tok))
            elif kind == "html_block":
                self.pos += 1
                source = tok.content.strip()
                if _PAGEBREAK.match(source):
                    out.append(PageBreak())
                elif _FLOWCHART.match(source):
                    flowchart_at = (tok.map[0] + 1) if tok.map else 1
                    caption_at = -1
                    continue
                elif m := _ALIGN.match(source):
                    value = m.group(1).lower()
                    align = "center" if value == "centre" else value
                else:
                    out.append(Paragraph(_literal_lines(source.split("\n"))))
            elif kind == "fence" and tok.info.strip() == "drawing":
                self.pos += 1
                try:
                    drawing = drawing_from_json(tok.content)
                except ValueError as exc:
                    raise ValueError(f"line {(tok.map[0] + 1) if tok.map else 1}: {exc}") from None
                out.append(replace(drawing, source=_source(tok, "replace")))
            elif kind in ("fence", "code_block"):
                self.pos += 1
                out.append(_code_paragraph(tok.content))
            elif kind == "blockquote_open":
                self.pos += 1
                out.extend(self.read_blocks(until="blockquote_close"))
            else:  # hr, stray closers: nothing to render
                self.pos += 1
            caption_at = -1
        if flowchart_at:
            _no_flow_table(flowchart_at)
        return out

    def _read_heading(self) -> Heading:
        opener, inline = self.tokens[self.pos], self.tokens[self.pos + 1]
        self.pos += 3
        level = int(opener.tag[1:])
        inlines = _inlines(inline.children or [])
        attributes = heading_attributes(inline.content)
        if attributes is None:
            return Heading(level, inlines)
        numbered, anchor = attributes
        return Heading(level, _strip_suffix(inlines), numbered, anchor)

    def _read_list(self, opener: Token) -> ListBlock:
        ordered = opener.type == "ordered_list_open"
        start = int(opener.attrGet("start") or 1) if ordered else 1
        close = "ordered_list_close" if ordered else "bullet_list_close"
        self.pos += 1
        items: list[tuple[Block, ...]] = []
        while self.pos < len(self.tokens):
            tok = self.tokens[self.pos]
            if tok.type == close:
                self.pos += 1
                break
            self.pos += 1
            if tok.type == "list_item_open":
                items.append(tuple(self.read_blocks(until="list_item_close")))
        return ListBlock(ordered, tuple(items), start)

    def _read_table(self, caption: Optional[str]) -> Table:
        tokens = self.tokens
        self.pos += 1  # table_open
        header: tuple = ()
        rows: list[tuple] = []
        align: list[Optional[str]] = []
        in_head = False
        row: list[tuple[Inline, ...]] = []
        while self.pos < len(tokens):
            tok = tokens[self.pos]
            kind = tok.type
            self.pos += 1
            if kind == "table_close":
                break
            if kind == "thead_open":
                in_head = True
            elif kind == "thead_close":
                in_head = False
            elif kind == "tr_open":
                row = []
            elif kind in ("th_open", "td_open"):
                if in_head:
                    m = _CELL_ALIGN.search(str(tok.attrGet("style") or ""))
                    align.append(m.group(1) if m else None)
                row.append(_inlines(tokens[self.pos].children or []))
                self.pos += 2  # inline, th_close/td_close
            elif kind == "tr_close":
                if in_head:
                    header = tuple(row)
                else:
                    rows.append(tuple(row))
        if not any(_plain_text(cell).strip() for cell in header):
            header = ()  # a form's label/value grid: no header row at all
        return Table(header, tuple(rows), tuple(align), caption)


def _source(tok: Token, placement: str) -> tuple[int, int, str]:
    """A drawing's place in the Markdown (`Drawing.source`): its block's lines and how the
    Markdown writer links it there."""
    start, end = tok.map if tok.map else (0, 0)
    return start, end, placement


def _no_flow_table(line: int) -> None:
    raise ValueError(f"line {line}: <!-- flowchart --> must stand right before a flow table's "
                     "`Table: …` caption (the chart is drawn from that table)")


def _cell(text: str) -> tuple[Inline, ...]:
    if not text:
        return ()
    if not _INLINE_SPECIAL.search(text):
        return (Span(text),)
    return _inlines(_MD.parseInline(text)[0].children or [])


def _table(meta: dict, caption: Optional[str]) -> Table:
    header = tuple(_cell(c) for c in meta["header"])
    if not any(_plain_text(cell).strip() for cell in header):
        header = ()  # a form's label/value grid: no header row at all
    # a cell is a function of its text alone: each distinct text is parsed once and its
    # (immutable) inlines shared, as a directory repeats most of its values
    known: dict[str, tuple[Inline, ...]] = {}
    rows = []
    for row in meta["rows"]:
        cells = []
        for text in row:
            cell = known.get(text)
            if cell is None:
                cell = known[text] = _cell(text)
            cells.append(cell)
        rows.append(tuple(cells))
    return Table(header, tuple(rows), tuple(meta["aligns"]), caption)


def _plain_text(inlines) -> str:
    return "".join(i.text for i in inlines if isinstance(i, Span))


def _inlines(children: list[Token]) -> tuple[Inline, ...]:
    """Flatten markdown-it inline tokens into spans and breaks."""
    items: list = []  # (text, bold, italic, code) tuples, _SOFT or _HARD
    bold = italic = 0
    links: list[tuple[str, int]] = []  # (href, index in items where the link text starts)
    for tok in children:
        kind = tok.type
        if kind == "html_inline" and _LINE_BREAK.match(tok.content):
            items.append(_HARD)  # `<br>`: the only way to break a line inside a GFM table cell
        elif kind in ("text", "text_special", "html_inline"):
            items.append((tok.content, bold > 0, italic > 0, False))
        elif kind == "code_inline":
            items.append((tok.content, bold > 0, italic > 0, True))
        elif kind == "softbreak":
            items.append(_SOFT)
        elif kind == "hardbreak":
            items.append(_HARD)
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "image":
            items.append((_alt_text(tok), bold > 0, italic > 0, False))
        elif kind == "link_open":
            links.append((str(tok.attrGet("href") or ""), len(items)))
        elif kind == "link_close" and links:
            href, begin = links.pop()
            label = "".join(i[0] for i in items[begin:] if isinstance(i, tuple))
            if href and not href.startswith("#") and href not in (label, "mailto:" + label):
                items.append((f" ({href})", bold > 0, italic > 0, False))
    return _merge(items)


def _alt_text(image: Token) -> str:
    """An image's alt text as written out (escapes resolved, emphasis marks dropped)."""
    if not image.children:
        return image.content
    return "".join(_alt_text(c) if c.type == "image" else c.content for c in image.children
                   if c.type in ("text", "text_special", "code_inline", "image"))


def _merge(items: list) -> tuple[Inline, ...]:
    """Resolve soft breaks against their neighbours and merge equal-format spans."""
    out: list[Inline] = []
    for index, item in enumerate(items):
        if item is _HARD:
            out.append(Break())
            continue
        if item is _SOFT:
            before = _neighbour_char(items, index, -1)
            after = _neighbour_char(items, index, 1)
            joiner = soft_break_joiner(before, after)
            last = out[-1] if out and isinstance(out[-1], Span) else Span("")
            item = (joiner, last.bold, last.italic, last.code)
        text, bold, italic, code = item
        if not text:
            continue
        last = out[-1] if out else None
        if isinstance(last, Span) and (last.bold, last.italic, last.code) == (bold, italic, code):
            out[-1] = Span(last.text + text, bold, italic, code)
        else:
            out.append(Span(text, bold, italic, code))
    return tuple(out)


def soft_break_joiner(before: str, after: str) -> str:
    """What a soft line break becomes between two characters: nothing inside Chinese text
    (it has no word spaces), a single space otherwise."""
    return "" if before and after and _CJK.match(before) and _CJK.match(after) else " "


def _neighbour_char(items: list, index: int, step: int) -> str:
    index += step
    while 0 <= index < len(items):
        item = items[index]
        if not isinstance(item, tuple):
            return ""
        if item[0]:
            return item[0][-1] if step < 0 else item[0][0]
        index += step
    return ""


def heading_attributes(source: str) -> Optional[tuple[bool, Optional[str]]]:
    """(numbered, anchor) from a heading's trailing `{…}` attribute block, None if it has none.

    `source` is the heading's raw Markdown; `-` or `.unnumbered` turn numbering off, `#id` or
    `id=…` name the anchor; other classes and keys are accepted and ignored.
    """
    match = _ATTRIBUTES_RAW.search(source)
    if match is None:
        return None
    numbered, anchor = True, None
    for attribute in re.findall(_ATTRIBUTE, match.group(1)):
        if attribute in ("-", ".unnumbered"):
            numbered = False
        elif attribute.startswith("#") and anchor is None:
            anchor = attribute[1:]
        elif attribute.startswith("id=") and anchor is None:
            anchor = attribute[3:].strip('"')
    return numbered, anchor


def strip_heading_attributes(text: str) -> str:
    """Remove the trailing `{…}` block from a heading's rendered text."""
    return _ATTRIBUTES_TEXT.sub("", text).rstrip()


def _strip_suffix(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    if inlines and isinstance(inlines[-1], Span):
        last = inlines[-1]
        text = strip_heading_attributes(last.text)
        head = inlines[:-1]
        return head + (Span(text, last.bold, last.italic, last.code),) if text else head
    return inlines


def _literal_lines(lines: list[str]) -> tuple[Inline, ...]:
    items: list = []
    for line in lines:
        if items:
            items.append(_SOFT)
        items.append((line.strip(), False, False, False))
    return _merge(items)


def _code_paragraph(source: str) -> Paragraph:
    inlines: list[Inline] = []
    for number, line in enumerate(source.rstrip("\n").split("\n")):
        if number:
            inlines.append(Break())
        if line:
            inlines.append(Span(line, code=True))
    return Paragraph(tuple(inlines), "left")


def _plain(inlines: tuple[Inline, ...]) -> str:
    return "".join(i.text if isinstance(i, Span) else "\n" for i in inlines)


# --- escaping profile values for templates --------------------------------------------------

_ALWAYS_ESCAPE = frozenset("\\`*_[]<>|~&{}")
_NEWLINES = re.compile(r"\r\n|[\r\n\u2028\u2029\x85]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")
_LEADING_MARKERS = frozenset("#-+=")
# Anything escape_markdown would change: most values (names, addresses, figures) have none.
_NEEDS_ESCAPE = re.compile(r"[\\`*_\[\]<>|~&{}\r\n\u2028\u2029\x00-\x08\x0b-\x1f\x7f-\x9f]|[ \t]#|^[#+=\- \t]|[ \t]$|^\d+[.)]")


def escape_markdown(value: str) -> str:
    """Make a profile value safe to drop into Markdown: it always renders as its literal text.

    Characters that are markup anywhere are always backslash-escaped; `#`, `-`, `+`, `=` and
    an ordered-list `1.` / `1)` only where they could start a block, so the .md stays readable.
    Newlines become spaces (a value is one line of text) and leading/trailing blanks are dropped
    (they are insignificant in Markdown, and four leading spaces would start a code block).
    """
    text = str(value)
    return _escape(text) if _NEEDS_ESCAPE.search(text) else text


def _escape(text: str) -> str:
    text = _CONTROL.sub("", _NEWLINES.sub(" ", text)).strip(" \t")
    out: list[str] = []
    digits_end = len(text) - len(text.lstrip("0123456789"))
    for index, char in enumerate(text):
        if char in _ALWAYS_ESCAPE:
            out.append("\\" + char)
        elif index == 0 and char in _LEADING_MARKERS:
            out.append("\\" + char)
        elif char == "#" and text[index - 1] in " \t":  # a closing `#` sequence of a heading
            out.append("\\#")
        elif char in ".)" and index == digits_end and index > 0 and text[index + 1 : index + 2] in ("", " ", "\t"):
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)
