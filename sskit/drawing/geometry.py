"""Drawings, the shapes of a layout: sizes in twips (1/20 pt) and the boxes, connectors, labels
and sheets the layout gives the writers (sskit.drawing.layout)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

MAIN = 240  # 12 pt (小四): box text
SMALL = 210  # 10.5 pt (五号): time limits, records, labels (in Word; see CJK_WIDTH)
# LibreOffice draws the CJK text of a VML group at the document's default size (12 pt) whatever
# the run says, with its own line height: so every CJK character is measured at 12 pt and every
# line at an 18 pt pitch (the writers set that pitch exactly), which fits both Word and LibreOffice.
CJK_WIDTH = 240
MAIN_LINE = 360
SMALL_LINE = 360
PAD_X = 60  # text inset inside a box
PAD_Y = 40
SLACK = 120  # boxes are this much wider than their longest line
MAX_TEXT = 8 * MAIN  # org boxes wrap at 8 characters
GAP = 200  # between boxes of one row
CHANNEL = 400  # org: room for connectors above a tier
ROW_CHANNEL = 320  # and above a further row of a wrapped tier
TRUNK = 240  # org: left margin for trunks to wrapped rows
LANE_PAD = 100  # flow: box to lane border
# flow: the narrowest lane, its boxes 6 characters a line; with more lanes than fit at that width
# the flow is one column of boxes at most 14 characters a line
MIN_LANE = 6 * CJK_WIDTH + 2 * PAD_X + SLACK + 2 * LANE_PAD
COLUMN_BOX = 14 * CJK_WIDTH + 2 * PAD_X + SLACK
ROW_GAP = 420  # flow: between two steps when the arrow down is labelled (是 / 否)
ROW_GAP_PLAIN = 280  # and when it is not
TRACK = 160  # flow: one track beside the lanes
CIRCLE = 340  # off-page connector
SHAPES = ("box", "group", "decision", "terminator", "note")
KINDS = ("org", "flow")
EDGE_STYLES = ("solid", "dotted")


@dataclass(frozen=True)
class Label:
    x: int
    y: int
    w: int
    h: int
    lines: tuple[str, ...]
    text: str = ""
    size: int = SMALL


@dataclass(frozen=True)
class Box:
    id: str
    # node | header (a lane's name) | lane (a lane's column) | offpage (connector circle) |
    # records (a step's records in a note of their own; the flowchart writes them in the step's box)
    role: str
    shape: str  # box | group | decision | terminator | note | header | lane | circle
    x: int
    y: int
    w: int
    h: int
    text: str = ""  # the main text as given ("\n" = a line break)
    lines: tuple[str, ...] = ()  # the main text wrapped
    detail: tuple[str, ...] = ()  # small lines under it (time limit, headcount)
    records: tuple[str, ...] = ()  # small lines: 记录：…
    size: int = MAIN
    detail_text: str = ""  # detail and records as given (the lines above are them wrapped)
    records_text: str = ""

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    @property
    def cx(self) -> int:
        return self.x + self.w // 2

    @property
    def cy(self) -> int:
        return self.y + self.h // 2

    def text_box(self) -> tuple[int, int, int, int]:
        """The rectangle the text sits in (x, y, w, h): a diamond's is its middle half."""
        if self.shape == "decision":
            return self.x + self.w // 4, self.y + self.h // 4, self.w // 2, self.h // 2
        return self.x, self.y, self.w, self.h

    def content_height(self) -> int:
        return content_height(self.lines, self.detail + self.records, self.size)


@dataclass(frozen=True)
class Connector:
    source: str  # node ids (or an off-page connector's id)
    target: str
    points: tuple[tuple[int, int], ...]
    style: str = "solid"
    arrow: bool = True
    label: Optional[Label] = None


@dataclass(frozen=True)
class Sheet:
    """One drawing as placed on the page: its boxes and connectors inside width x height."""

    title: str
    width: int
    height: int
    boxes: tuple[Box, ...]
    connectors: tuple[Connector, ...]
    continued: bool = False  # a later sheet of a split flowchart: caption "…（续）"


def content_height(lines, small, size: int) -> int:
    """The height of a box's text: its lines at their pitch and its insets."""
    pitch = MAIN_LINE if size == MAIN else SMALL_LINE
    return len(lines) * pitch + len(small) * SMALL_LINE + 2 * PAD_Y
