"""Markdown writer: the rendered Markdown itself is a deliverable (reviewable, diffable).

A document with drawings gets each drawing as an SVG file beside it (`STEM-图N.svg`) and an
image link in their place: a fenced ```drawing block is replaced by its link, and a flow table
marked `<!-- flowchart -->` is followed by the link of the chart drawn from it, where the Word
and HTML versions show the chart too.  The places are the lines the parser recorded in each
`Drawing.source` (markdown-it's own), so this writer never re-reads the Markdown's structure.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from sskit.markup.ir import Block, Drawing, ListBlock

PORTRAIT_TEXT_WIDTH_PT = 415.6  # a portrait page's text width in the Word files: the SVG is laid out alike
_FENCE = re.compile(r"^(.*?)(?:`{3,}|~{3,})")  # what stands before a fence: its list / quote markers
_CONTAINER = re.compile(r"^[ \t>]*")  # a table line's indent and quote markers
_ALT_SPECIAL = re.compile(r"([\\\[\]])")


def write_markdown(markdown_text: str) -> bytes:
    """UTF-8 bytes with LF line endings and exactly one trailing newline."""
    text = markdown_text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    return (text + "\n").encode("utf-8")


def svg_name(stem: str, number: int) -> str:
    return f"{stem}-图{number}.svg"


def drawings_in(blocks: Iterable[Block]) -> list[Drawing]:
    """The document's drawings in reading order, those inside list items too: the order the
    Word and HTML writers number them in (图1, 图2 …)."""
    out: list[Drawing] = []
    for block in blocks:
        if isinstance(block, Drawing):
            out.append(block)
        elif isinstance(block, ListBlock):
            for item in block.items:
                out.extend(drawings_in(item))
    return out


def markdown_files(markdown_text: str, drawings: Sequence[Drawing], stem: str,
                   width_pt: float = PORTRAIT_TEXT_WIDTH_PT) -> dict[str, bytes]:
    """`STEM.md`, and with drawings (`drawings_in` the blocks parsed from `markdown_text`) one
    SVG per drawing, `width_pt` wide (the Word page's text width)."""
    if not drawings:
        return {f"{stem}.md": write_markdown(markdown_text)}
    from sskit.writers.svg import drawing_svg  # the layout code only when a document has drawings

    lines = markdown_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    edits: list[tuple[int, int, list[str]]] = []  # (first line, end line, lines in their place)
    unplaced: list[str] = []
    for number, drawing in enumerate(drawings, 1):
        link = f"![图{number} {_alt(drawing.title)}]({_link(svg_name(stem, number))})"
        edit = _edit(lines, drawing.source, link)
        if edit is None or (edits and edit[0] < edits[-1][1]):
            unplaced.append(link)
        else:
            edits.append(edit)
    out: list[str] = []
    done = 0
    for first, end, new in edits:
        out.extend(lines[done:first])
        out.extend(new)
        done = end
    out.extend(lines[done:])
    if unplaced:  # a drawing with no place in this text (built by hand): never lose it
        while out and not out[-1].strip():
            out.pop()
        for link in unplaced:
            out.extend(["", link])
    files = {f"{stem}.md": write_markdown("\n".join(out))}
    for number, drawing in enumerate(drawings, 1):
        files[svg_name(stem, number)] = drawing_svg(drawing, width_pt).encode("utf-8")
    return files


def _edit(lines: list[str], source: tuple[int, int, str], link: str):
    """The lines that put `link` at a drawing's recorded place, None when it has none here."""
    first, end, placement = source
    if not 0 <= first < end <= len(lines):
        return None
    if placement == "replace":  # the fence's lines become the link, inside the same list item / quote
        fence = _FENCE.match(lines[first])
        if fence is None or "drawing" not in lines[first][fence.end():]:
            return None
        return first, end, [fence.group(1) + link]
    if placement == "after":  # a paragraph of its own after the table (a line right under it would be a row)
        prefix = _CONTAINER.match(lines[end - 1]).group()
        blank = prefix.rstrip()
        new = [blank, prefix + link]
        if end < len(lines) and lines[end].strip(" \t>"):
            new.append(blank)
        return end, end, new
    return None


def _alt(title: str) -> str:
    """A title as an image's alt text: brackets and backslashes escaped, one line."""
    return _ALT_SPECIAL.sub(r"\\\1", " ".join(title.split("\n")))


def _link(name: str) -> str:
    """A relative link to a file beside the document (spaces and brackets escaped)."""
    return name.replace("%", "%25").replace(" ", "%20").replace("(", "%28").replace(")", "%29")
