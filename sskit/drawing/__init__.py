"""Drawings (组织机构图, 流程图): layout of a `sskit.markup.ir.Drawing` into sheets of boxes and
connectors, shared by the DOCX and the SVG writers.  Pure and deterministic."""

from .layout import Box, Connector, Label, Sheet, layout_drawing, text_width, wrap

__all__ = ["Box", "Connector", "Label", "Sheet", "layout_drawing", "text_width", "wrap"]
