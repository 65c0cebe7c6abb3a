"""Complex fields (PAGE, NUMPAGES, TOC, PAGEREF): begin / instrText / separate / result / end runs."""

from __future__ import annotations

from .wml import text


def field_char(kind: str) -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'


def instruction(instr: str) -> str:
    return f'<w:r><w:instrText xml:space="preserve"> {text(instr)} </w:instrText></w:r>'


def text_run(value: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text(value)}</w:t></w:r>'


def complex_field(instr: str, result: str) -> str:
    """A complete field whose cached result is `result`."""
    return field_char("begin") + instruction(instr) + field_char("separate") + text_run(result) + field_char("end")
