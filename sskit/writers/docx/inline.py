"""Runs and paragraphs: IR inlines -> `w:r` strings, paragraph properties cached per key."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Optional

from sskit.markup.ir import Break, Inline, Span
from sskit.markup.redline import DEL, Change

from .styles import MONO
from .wml import text


def _run_properties(bold: bool, italic: bool, code: bool) -> str:
    if not (bold or italic or code):
        return ""
    fonts = f'<w:rFonts w:ascii="{MONO}" w:hAnsi="{MONO}" w:cs="{MONO}"/>' if code else ""
    return f"<w:rPr>{fonts}{'<w:b/><w:bCs/>' if bold else ''}{'<w:i/><w:iCs/>' if italic else ''}</w:rPr>"


_RPR = {(b, i, c): _run_properties(b, i, c) for b in (False, True) for i in (False, True) for c in (False, True)}
BREAK_RUN = "<w:r><w:br/></w:r>"


def text_run(value: str, rpr: str = "") -> str:
    """A run for `value`; tabs and newlines become `w:tab` / `w:br` so Word shows them."""
    escaped = text(value)
    if not escaped:
        return ""
    if "\t" not in escaped and "\n" not in escaped and "\r" not in escaped:
        return f'<w:r>{rpr}<w:t xml:space="preserve">{escaped}</w:t></w:r>'
    pieces = []
    for line_number, line in enumerate(escaped.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if line_number:
            pieces.append("<w:br/>")
        for tab_number, chunk in enumerate(line.split("\t")):
            if tab_number:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<w:t xml:space="preserve">{chunk}</w:t>')
    return f"<w:r>{rpr}{''.join(pieces)}</w:r>"


def runs(inlines: Iterable[Inline]) -> str:
    out = []
    for inline in inlines:
        if isinstance(inline, Span):
            out.append(text_run(inline.text, _RPR[inline.bold, inline.italic, inline.code]))
        elif isinstance(inline, Break):
            out.append(BREAK_RUN)
        elif isinstance(inline, Change):  # a redline's tracked change
            out.append(changed_run(inline))
    return "".join(out)


def changed_run(change: Change) -> str:
    """An inserted / deleted inline: its run inside a bare `w:ins` / `w:del`, deleted text in
    `w:delText`.  The id, author and date are stamped on the whole document afterwards."""
    run = runs((change.inline,))
    if not run:
        return ""
    if change.kind == DEL:
        run = run.replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>")
    return f"<w:{change.kind}>{run}</w:{change.kind}>"


@lru_cache(maxsize=None)
def paragraph_properties(
    style: str,
    *,
    keep_next: bool = False,
    keep_next_off: bool = False,  # the style's keep-with-next switched off (a caption under its figure)
    page_break_before: bool = False,
    num: Optional[tuple[int, int]] = None,  # (ilvl, numId); numId 0 switches numbering off
    ind: Optional[tuple[tuple[str, int], ...]] = None,
    jc: Optional[str] = None,
    mark_size: Optional[int] = None,
    mark_change: Optional[str] = None,  # "ins" / "del": the paragraph mark is a tracked change
) -> str:
    """A `w:pPr` with children in schema order (Word rejects out-of-order properties)."""
    parts = [f'<w:pStyle w:val="{style}"/>']
    if keep_next:
        parts.append("<w:keepNext/>")
    elif keep_next_off:
        parts.append('<w:keepNext w:val="0"/>')
    if page_break_before:
        parts.append("<w:pageBreakBefore/>")
    if num is not None:
        ilvl, num_id = num
        level = f'<w:ilvl w:val="{ilvl}"/>' if num_id else ""
        parts.append(f'<w:numPr>{level}<w:numId w:val="{num_id}"/></w:numPr>')
    if ind is not None:
        parts.append("<w:ind" + "".join(f' {k}="{v}"' for k, v in ind) + "/>")
    if jc is not None:
        parts.append(f'<w:jc w:val="{jc}"/>')
    if mark_size is not None or mark_change is not None:
        change = f"<w:{mark_change}/>" if mark_change else ""
        size = f'<w:sz w:val="{mark_size}"/><w:szCs w:val="{mark_size}"/>' if mark_size is not None else ""
        parts.append(f"<w:rPr>{change}{size}</w:rPr>")
    return f"<w:pPr>{''.join(parts)}</w:pPr>"


def paragraph(style: str, inlines: Iterable[Inline] = (), content: str = "", **props) -> str:
    """`w:p` with the given style and properties; `content` is appended raw after the runs."""
    return f"<w:p>{paragraph_properties(style, **props)}{runs(inlines)}{content}</w:p>"
