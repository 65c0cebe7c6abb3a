"""Document IR: the plain-data blocks that sit between Markdown parsing and the writers.

Every class is a frozen dataclass so blocks can be shared, hashed and compared in tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union


@dataclass(frozen=True)
class Span:
    """An inline run of text with uniform formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False


@dataclass(frozen=True)
class Break:
    """A hard line break inside a paragraph or a table cell."""


Inline = Union[Span, Break]


@dataclass(frozen=True)
class Heading:
    level: int  # 1..6
    inlines: tuple[Inline, ...]
    numbered: bool = True  # `# 发布令 {-}` / `{.unnumbered}` -> False
    anchor: Optional[str] = None  # `{#laws}` / `{id=laws}`: the heading's id for cross-references


@dataclass(frozen=True)
class Paragraph:
    inlines: tuple[Inline, ...]
    # "body": justified with a 2-character first-line indent; "left", "center", "right": no indent
    align: str = "body"


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple["Block", ...], ...]  # each item holds paragraphs and nested lists
    start: int = 1


@dataclass(frozen=True)
class Table:
    header: tuple[tuple[Inline, ...], ...]  # one tuple of inlines per column
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    align: tuple[Optional[str], ...]  # "left" / "center" / "right" / None per column
    caption: Optional[str] = None


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Union[Heading, Paragraph, ListBlock, Table, PageBreak]


@dataclass(frozen=True)
class Revision:
    """One row of the 修订记录 (revision record)."""

    version: str
    date: str
    summary: str
    author: str


@dataclass(frozen=True)
class DocumentMeta:
    title: str  # e.g. 售后服务手册
    number: str  # document number, e.g. HX/SS-01
    version: str  # e.g. A/0
    company_name: str  # legal name
    company_short: str
    issue_date: str  # ISO date "2026-01-01"
    effective_date: str
    controlled_status: str = "受控"
    drafted_by: str = ""  # 编制
    reviewed_by: str = ""  # 审核
    approved_by: str = ""  # 批准
    revisions: tuple[Revision, ...] = ()
    cover: bool = True  # cover page + approval block + revision table
    toc: bool = True
    landscape: bool = False  # wide matrices
    chapter_page_break: bool = False  # level-1 headings start on a new page
    compact: bool = False  # one-page notices (承诺书): 五号 body text, tighter lines
    narrow_margins: bool = False  # one-page forms: 2 cm margins, text sizes unchanged
    subject: str = ""
    keywords: str = ""


__all__ = [
    "Block",
    "Break",
    "DocumentMeta",
    "Heading",
    "Inline",
    "ListBlock",
    "PageBreak",
    "Paragraph",
    "Revision",
    "Span",
    "Table",
]
