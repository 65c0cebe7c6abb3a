"""Page geometry in twips (1/20 pt): A4 with the margins usual for Chinese business documents."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional


@dataclass(frozen=True)
class PageGeometry:
    width: int
    height: int
    top: int
    bottom: int
    left: int
    right: int
    header: int = 851  # 1.5 cm from the edge
    footer: int = 992  # 1.75 cm

    @property
    def text_width(self) -> int:
        return self.width - self.left - self.right

    @property
    def landscape(self) -> bool:
        return self.width > self.height


PORTRAIT = PageGeometry(width=11906, height=16838, top=1440, bottom=1440, left=1797, right=1797)
# Wide matrices: a little less margin on the long sides to gain columns.
LANDSCAPE = PageGeometry(width=16838, height=11906, top=1247, bottom=1247, left=1440, right=1440)


# One-page notices (承诺书): 2 cm margins all round.
COMPACT = PageGeometry(width=11906, height=16838, top=1134, bottom=1134, left=1134, right=1134)


@dataclass(frozen=True)
class Margins:
    """A reference document's page margins (twips)."""

    top: int
    bottom: int
    left: int
    right: int
    header: int
    footer: int


def page_geometry(landscape: bool, compact: bool = False, margins: Optional[Margins] = None) -> PageGeometry:
    """A4 portrait or landscape; `compact` (one-page notices and forms) narrows a portrait page's
    margins.  `margins` (the client's reference document) replace sskit's, except on a compact
    page, whose 2 cm margins are what fits a form on one sheet."""
    if compact and not landscape:
        return COMPACT
    page = LANDSCAPE if landscape else PORTRAIT
    if margins is None:
        return page
    return replace(page, top=margins.top, bottom=margins.bottom, left=margins.left, right=margins.right,
                   header=margins.header, footer=margins.footer)
