"""Layout stage of a drawing: `Drawing` (IR) + the text width -> sheets of boxes, connectors and
labels in integer twips (1/20 pt), the same for the DOCX and the SVG writer.  Pure, deterministic.

The org chart is sskit.drawing.org, the swimlane flowchart sskit.drawing.flow.  Text is measured,
not rendered (sskit.drawing.text): a CJK character is 1 em, anything else 0.55 em, and boxes are
wider than their longest wrapped line, so a renderer that wraps a little differently still fits.
"""

from __future__ import annotations

from sskit.markup.ir import Drawing, DrawingNode

from .flow import flow_sheets
from .geometry import (CJK_WIDTH, EDGE_STYLES, KINDS, MAIN, MAIN_LINE, PAD_X, PAD_Y, SHAPES, SMALL, SMALL_LINE,
                       Box, Connector, Label, Sheet)
from .org import org_sheets
from .text import text_width, wrap

__all__ = ["CJK_WIDTH", "MAIN", "MAIN_LINE", "PAD_X", "PAD_Y", "SMALL", "SMALL_LINE", "Box", "Connector", "Label",
           "Sheet", "check_drawing", "layout_drawing", "text_width", "wrap"]


def layout_drawing(drawing: Drawing, width: int, max_height: int = 12000) -> tuple[Sheet, ...]:
    """The sheets of `drawing` fitted to `width` twips, each at most `max_height` tall when it
    can be (a chart taller than that goes on on further sheets)."""
    check_drawing(drawing)
    if drawing.kind == "org":
        return org_sheets(drawing, width, max_height)
    return flow_sheets(drawing, width, max_height)


def check_drawing(drawing: Drawing) -> None:
    """ValueError for a drawing no layout can place: unknown kind/shape/style, duplicate or
    missing node ids, a level out of 0..DrawingNode.MAX_LEVEL."""
    if drawing.kind not in KINDS:
        raise ValueError(f"drawing {drawing.title!r}: kind {drawing.kind!r} is not one of {', '.join(KINDS)}")
    if not drawing.nodes:
        raise ValueError(f"drawing {drawing.title!r} has no nodes")
    seen: set[str] = set()
    for node in drawing.nodes:
        if node.shape not in SHAPES:
            raise ValueError(f"drawing {drawing.title!r}: node {node.id!r} has shape {node.shape!r}; "
                             f"expected one of {', '.join(SHAPES)}")
        if not 0 <= node.level <= DrawingNode.MAX_LEVEL:
            raise ValueError(f"drawing {drawing.title!r}: node {node.id!r} has level {node.level}; "
                             f"level must be 0..{DrawingNode.MAX_LEVEL}")
        if node.id in seen:
            raise ValueError(f"drawing {drawing.title!r}: node id {node.id!r} is used twice")
        seen.add(node.id)
    for edge in drawing.edges:
        for end in (edge.source, edge.target):
            if end not in seen:
                raise ValueError(f"drawing {drawing.title!r}: edge {edge.source!r}→{edge.target!r} "
                                 f"names no node {end!r}")
        if edge.style not in EDGE_STYLES:
            raise ValueError(f"drawing {drawing.title!r}: edge style {edge.style!r} is not solid or dotted")
