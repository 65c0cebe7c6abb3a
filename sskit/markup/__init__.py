"""Markup stage: Markdown text -> plain-data IR, plus the escaping filter templates use."""

from .ir import (
    Block,
    Break,
    DocumentMeta,
    Drawing,
    DrawingEdge,
    DrawingNode,
    Heading,
    Inline,
    ListBlock,
    PageBreak,
    Paragraph,
    Revision,
    Span,
    Table,
)
from .parse import escape_markdown, parse_markdown

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
    "escape_markdown",
    "parse_markdown",
]
