"""Document IR: the plain-data blocks that sit between Markdown parsing and the writers.

Every class is a frozen dataclass so blocks can be shared, hashed and compared in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union

from sskit.phrasing import date_text
from sskit.picture import Picture


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


@dataclass(frozen=True)
class DrawingNode:
    """A box of a drawing (组织机构图 / 流程图)."""

    MAX_LEVEL = 50  # the deepest explicit tier (not a field): bounds the org layout's work

    id: str
    text: str  # may hold "\n" for a line break (e.g. "总经理\n张明")
    shape: str = "box"  # box | group | decision | terminator | note
    lane: str = ""  # flowcharts: the lane (responsible department) the node sits in
    level: int = 0  # org charts: explicit tier (0 = derived from the edges)
    detail: str = ""  # small text under the main text: time limit (flow), headcount (org)
    records: str = ""  # flowcharts: the records produced at the step


@dataclass(frozen=True)
class DrawingEdge:
    source: str
    target: str
    label: str = ""  # 是 / 否 / a time limit
    style: str = "solid"  # solid | dotted (管理者代表's line, a 配合 relation)


@dataclass(frozen=True)
class Drawing:
    kind: str  # "org" (top-down tree) | "flow" (swimlane flowchart, top to bottom)
    title: str  # caption; the writer numbers it ("图N ")
    nodes: tuple[DrawingNode, ...]
    edges: tuple[DrawingEdge, ...]
    lanes: tuple[str, ...] = ()  # flow: lane names in order
    # where the Markdown placed it, for the Markdown writer's links: (first line, end line) as
    # markdown-it's 0-based, end-exclusive `map`, and "replace" (a fenced block: the link takes
    # its lines) or "after" (a flow table's chart: the link goes after the table's lines)
    source: tuple[int, int, str] = field(default=(0, 0, ""), compare=False)


Block = Union[Heading, Paragraph, ListBlock, Table, PageBreak, Drawing]


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
    chapter_page_break: bool = False  # a level-1 heading starts a new page after a chapter of ~15 lines or more
    compact: bool = False  # one-page notices (承诺书): 五号 body text, tighter lines
    narrow_margins: bool = False  # one-page forms: 2 cm margins, text sizes unchanged
    subject: str = ""
    keywords: str = ""
    # "book": cover, front-matter section (修订记录, 目录), body section; "procedure": a header
    # block with the document-control data and the 修订记录 on page 1, the text right after it;
    # "form": the title heads page 1.  A "book" without `cover` is laid out as a "form".
    layout: str = "book"
    logo: Optional["DocumentMeta.Picture"] = None  # the company's logo: on the cover and in every header
    # the client's Word template (sskit.writers.docx.reference.Reference): its styles, margins and
    # header / footer art; None for sskit's own look
    reference: Optional[object] = field(default=None, compare=False)

    @property
    def printed_status(self) -> str:
        """受控状态 as printed: blank for the stamp on a controlled copy (a printed 受控 on every
        copy would defeat the stamping rule), else the status itself (a redline's 非受控)."""
        return "" if self.controlled_status == "受控" else self.controlled_status

    @property
    def control_fields(self) -> tuple[tuple[str, str], ...]:
        """(label, value) of the document-control lines a cover prints, 文件编号 to 持有部门; the
        blank values (分发号, 持有部门, a controlled copy's 受控状态) are for the 文控's hand."""
        return (
            ("文件编号：", self.number),
            ("版\u3000\u3000本：", self.version),
            ("发布日期：", date_text(self.issue_date.strip())),
            ("实施日期：", date_text(self.effective_date.strip())),
            ("受控状态：", self.printed_status),
            ("分\u2002发\u2002号：", ""),
            ("持有部门：", ""),
        )

    Picture = Picture  # (sskit.picture) the value type of `logo`


__all__ = [
    "Block",
    "Break",
    "DocumentMeta",
    "Drawing",
    "DrawingEdge",
    "DrawingNode",
    "Heading",
    "Inline",
    "ListBlock",
    "PageBreak",
    "Paragraph",
    "Revision",
    "Span",
    "Table",
]
