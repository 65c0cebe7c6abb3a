"""Pictures: a raster image as a DrawingML inline picture (`w:drawing/wp:inline/pic:pic`).

The image itself is a package part (word/media/…) that the part showing the picture relates
to; `inline_picture` only writes the run, sized in EMU to fit a box while keeping the aspect.
"""

from __future__ import annotations

from dataclasses import dataclass

from .wml import attr

WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
REL_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
EMU_PER_TWIP = 635  # 914400 EMU to the inch, 1440 twips
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpeg"}


@dataclass(frozen=True)
class ImagePart:
    """A media part of the package: its name (word/media/…), bytes and content type."""

    name: str
    data: bytes
    content_type: str


def fit(width_px: int, height_px: int, max_width: int, max_height: int) -> tuple[int, int]:
    """The largest (cx, cy) in EMU within max_width x max_height twips keeping the aspect."""
    scale = min(max_width / width_px, max_height / height_px)
    return round(width_px * scale) * EMU_PER_TWIP, round(height_px * scale) * EMU_PER_TWIP


def inline_picture(rel_id: str, size: tuple[int, int], shape_id: int, name: str) -> str:
    """One run holding the picture related as `rel_id`, `size` (cx, cy) in EMU.  `shape_id`
    is the drawing object's id, unique in the document."""
    cx, cy = size
    return (
        f'<w:r><w:drawing><wp:inline xmlns:wp="{WP_NS}" distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{shape_id}" name="{attr(name)}"/>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{A_NS}" noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        f'<a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{PIC_NS}"><pic:pic xmlns:pic="{PIC_NS}">'
        f'<pic:nvPicPr><pic:cNvPr id="0" name="{attr(name)}"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
        '</wp:inline></w:drawing></w:r>'
    )
