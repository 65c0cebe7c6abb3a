"""Section numbers of rendered documents, for citations across documents.

Word numbers the headings itself (1 / 1.1 / 1.1.1); this computes the same
numbers from the blocks, so the 条款对照表 can cite "4.5 维修服务" exactly as
the reader sees it.
"""
from __future__ import annotations

from dataclasses import dataclass

from sskit.markup import Heading, Span


@dataclass(frozen=True)
class Section:
    number: str  # "" for unnumbered headings
    title: str

    def cite(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


def heading_text(heading: Heading) -> str:
    return "".join(i.text for i in heading.inlines if isinstance(i, Span)).strip()


def section_index(blocks) -> dict[str, Section]:
    """anchor -> Section for every heading that carries an id."""
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
