"""Section numbers of rendered documents, for citations across documents.

Word numbers the headings itself (1 / 1.1 / 1.1.1); this computes the same
numbers from the blocks, so the 条款对照表 can cite "4.5 维修服务" exactly as
the reader sees it. The markup stage is imported where headings are read: `sskit check` reaches
this module (through the self-assessment) and must not load the renderer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sskit.markup import Heading

# An ATX heading line at the top level of a document (the only kind the templates write).
_HEADING_LINE = re.compile(r"^#{1,6}(?:[ \t].*)?$", re.M)


@dataclass(frozen=True)
class Section:
    number: str  # "" for unnumbered headings
    title: str

    def cite(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


def heading_text(heading: Heading) -> str:
    from sskit.markup import Span  # the markup stage loads only when headings are read (not on `check`)

    return "".join(i.text for i in heading.inlines if isinstance(i, Span)).strip()


def section_index(blocks) -> dict[str, Section]:
    """anchor -> Section for every heading that carries an id."""
    from sskit.markup import Heading

    counters = [0] * 9
    found: dict[str, Section] = {}
    for block in blocks:
        if not isinstance(block, Heading):
            continue
        number = ""
        if block.numbered:
            level = block.level
            counters[level - 1] += 1
            for deeper in range(level, len(counters)):
                counters[deeper] = 0
            number = ".".join(str(n) for n in counters[:level])
        anchor = getattr(block, "anchor", None)
        if anchor:
            found[anchor] = Section(number, heading_text(block))
    return found


def section_index_of_markdown(markdown: str) -> dict[str, Section]:
    """The same index from the Markdown's heading lines alone, without parsing the rest:
    a rebuild can cite every document's sections while parsing only the changed ones."""
    from sskit.markup import parse_markdown

    return section_index(parse_markdown("\n\n".join(_HEADING_LINE.findall(markdown))))
