"""numbering.xml: heading numbering 1 / 1.1 / 1.1.1 and bullet / ordered list definitions.

Each ordered list gets its own `w:num` instance with a `w:startOverride`, so numbering restarts
per list (python-docx's "List Number" style keeps counting across lists).
"""

from __future__ import annotations

from .wml import W_NS
from .styles import HEADING_NUM_ID, HEADINGS

BULLET_NUM_ID = 2
_HEADING_ABSTRACT, _BULLET_ABSTRACT, _ORDERED_ABSTRACT = 0, 1, 2

LIST_INDENT = 480  # markers start at the body text's 2-character first-line indent (12 pt)
LEVEL_STEP = 420  # each nesting level moves right by this much


def list_indent(ilvl: int, ordered: bool) -> tuple[int, int]:
    """(left, hanging) in twips for a list level; also used for continuation paragraphs."""
    hanging = _ORDERED_HANGING[ilvl % 3] if ordered else 360
    return LIST_INDENT + LEVEL_STEP * ilvl + hanging, hanging


_ORDERED_HANGING = (420, 720, 420)
# level 0 `1.`, level 1 `（1）`, level 2 `a)`, then the cycle repeats deeper
_ORDERED_FORMATS = (("decimal", "%{n}."), ("decimal", "（%{n}）"), ("lowerLetter", "%{n})"))
_BULLETS = ("•", "◦", "▪")


class Numbering:
    """Collects the `w:num` instances the body needs and serialises numbering.xml."""

    def __init__(self) -> None:
        self._ordered: list[tuple[int, int, int]] = []  # (numId, ilvl, start)

    def new_ordered_list(self, ilvl: int, start: int) -> int:
        num_id = BULLET_NUM_ID + 1 + len(self._ordered)
        self._ordered.append((num_id, ilvl, start))
        return num_id

    def to_xml(self) -> bytes:
        parts = [_heading_abstract(), _bullet_abstract(), _ordered_abstract()]
        parts.append(_num(HEADING_NUM_ID, _HEADING_ABSTRACT))
        parts.append(_num(BULLET_NUM_ID, _BULLET_ABSTRACT))
        for num_id, ilvl, start in self._ordered:
            override = (f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/>'
                        "</w:lvlOverride>")
            parts.append(_num(num_id, _ORDERED_ABSTRACT, override))
        xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               f'<w:numbering xmlns:w="{W_NS}">{"".join(parts)}</w:numbering>')
        return xml.encode("utf-8")


def _num(num_id: int, abstract_id: int, override: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'


def _lvl(ilvl: int, fmt: str, text: str, ppr: str, rpr: str = "", pstyle: str = "",
         suffix: str = "") -> str:
    style = f'<w:pStyle w:val="{pstyle}"/>' if pstyle else ""
    suff = f'<w:suff w:val="{suffix}"/>' if suffix else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{style}{suff}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr>{ppr}</w:pPr>'
            f'<w:rPr>{rpr}</w:rPr></w:lvl>')


def _heading_abstract() -> str:
    levels = []
    for ilvl in range(9):
        text = ".".join(f"%{n}" for n in range(1, ilvl + 2))
        pstyle = HEADINGS[ilvl + 1] if ilvl < 4 else ""
        # A space after the number ("1.1 范围"): no hanging indent to keep in step with the text.
        levels.append(_lvl(ilvl, "decimal", text, '<w:ind w:left="0" w:firstLine="0"/>',
                           pstyle=pstyle, suffix="space"))
    return (f'<w:abstractNum w:abstractNumId="{_HEADING_ABSTRACT}"><w:multiLevelType w:val="multilevel"/>'
            f'{"".join(levels)}</w:abstractNum>')


def _bullet_abstract() -> str:
    levels = []
    for ilvl in range(9):
        left, hanging = list_indent(ilvl, ordered=False)
        levels.append(_lvl(
            ilvl, "bullet", _BULLETS[ilvl % 3],
            f'<w:ind w:left="{left}" w:hanging="{hanging}"/>',
            # The bullet is drawn in the Latin font: 宋体's full-width bullet is too heavy.
            rpr='<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial" w:hint="default"/>',
        ))
    return (f'<w:abstractNum w:abstractNumId="{_BULLET_ABSTRACT}"><w:multiLevelType w:val="hybridMultilevel"/>'
            f'{"".join(levels)}</w:abstractNum>')


def _ordered_abstract() -> str:
    levels = []
    for ilvl in range(9):
        fmt, pattern = _ORDERED_FORMATS[ilvl % 3]
        left, hanging = list_indent(ilvl, ordered=True)
        levels.append(_lvl(ilvl, fmt, pattern.format(n=ilvl + 1),
                           f'<w:ind w:left="{left}" w:hanging="{hanging}"/>'))
    return (f'<w:abstractNum w:abstractNumId="{_ORDERED_ABSTRACT}"><w:multiLevelType w:val="hybridMultilevel"/>'
            f'{"".join(levels)}</w:abstractNum>')
