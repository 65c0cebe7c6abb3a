"""A checked raster image, as the profile stage reads it (company.logo) and the writers draw it.

Its own small module: the profile stage makes it and the IR carries it, and neither imports
the other."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Picture:
    """A checked raster image: its bytes, MIME type (image/png, image/jpeg) and size in pixels."""

    data: bytes
    content_type: str
    width: int
    height: int
