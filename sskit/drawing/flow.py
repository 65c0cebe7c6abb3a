"""Drawings, 流程图 (kind "flow"): a swimlane chart, one column per lane under a header row, one
step per row top to bottom (so a line running sideways in a step's row can meet no other box):
the next step is reached downwards, every other edge (a branch, a loop back) leaves its box on
the right and runs along a track inside the frame's right edge (the last lane is that much wider).
A step's records are written in its own box (记录：…), so they stay in the lane of the department
that keeps them; a diamond stays inside its lane (its time limit is left to the table when the
question needs the room).  More lanes than fit the width at MIN_LANE each give one column of
boxes instead, no lanes, each box naming its department in its small text.  A flow taller than
`max_height` is cut into sheets filled in order (each full but the last); an edge between sheets
ends at a lettered off-page connector that the other sheet repeats."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from sskit.markup.ir import Drawing, DrawingEdge, DrawingNode

from .geometry import (CIRCLE, CJK_WIDTH, COLUMN_BOX, LANE_PAD, MAIN, MAIN_LINE, MIN_LANE, PAD_X, PAD_Y, ROW_GAP,
                       ROW_GAP_PLAIN, SLACK, SMALL, SMALL_LINE, TRACK, Box, Connector, Label, Sheet)
from .text import lines_width, measure, node_box, simplify, wrap


# a diamond's text is broken into lines by the layout (see _flow_sheet), so it needs less slack
# than a box's, whose text the renderer wraps
DIAMOND_SLACK = 40


def flow_sheets(drawing: Drawing, width: int, max_height: int) -> tuple[Sheet, ...]:
    return _flow(drawing, width, max_height)


@dataclass
class _Step:
    node: DrawingNode
    lane: int
    index: int
    height: int = 0
    top: int = 0
    part: int = 0
    width: int = 0  # a decision's diamond


def _letters():
    n = 0
    while True:
        n += 1
        value, label = n, ""
        while value:
            value, rest = divmod(value - 1, 26)
            label = chr(65 + rest) + label
        yield label


def _flow(drawing: Drawing, width: int, max_height: int) -> tuple[Sheet, ...]:
    unique = tuple(dict.fromkeys((e.source, e.target, e.label, e.style) for e in drawing.edges))
    if len(unique) < len(drawing.edges):  # an arrow given twice is drawn once
        drawing = Drawing(drawing.kind, drawing.title, drawing.nodes, tuple(DrawingEdge(*e) for e in unique),
                          drawing.lanes)
    lanes = list(drawing.lanes)
    for node in drawing.nodes:
        if node.lane and node.lane not in lanes:
            lanes.append(node.lane)
    if not lanes:
        lanes = [""]
    steps = [_Step(n, lanes.index(n.lane) if n.lane in lanes else 0, i) for i, n in enumerate(drawing.nodes)]
    at = {s.node.id: s for s in steps}
    # the first edge to the next row goes down; every other edge runs beside the lanes
    down: set[int] = set()
    has_down: set[str] = set()
    for k, e in enumerate(drawing.edges):
        if at[e.target].index == at[e.source].index + 1 and e.source not in has_down:
            down.add(k)
            has_down.add(e.source)
    side = [k for k in range(len(drawing.edges)) if k not in down]
    tracks_all = _tracks([(at[drawing.edges[k].source].index, at[drawing.edges[k].target].index) for k in side])
    # room for the side lines' labels before the first track, so no label lies across a track: a
    # label right of a step in the last lane reaches past the lane's padding
    label_w = {k: _label(drawing.edges[k].label, 0, 0).w + 80 for k in side if drawing.edges[k].label}
    last = len(lanes) - 1
    label_room = max([label_w[k] - LANE_PAD for k in label_w if at[drawing.edges[k].source].lane == last] + [0])
    tracks_w = (max(tracks_all) + 1) * TRACK + TRACK // 2 if side else 0
    side_w = max(label_room + tracks_w, CIRCLE + 120) if side else 0
    laned = any(lanes) and (width - side_w) // len(lanes) >= MIN_LANE
    if not laned:  # one column of boxes, each naming its department: never lanes too narrow to read
        for s in steps:
            s.node, s.lane = _naming_its_lane(s.node), 0
        lanes = [""]
        label_room = 0
        for _ in range(2):  # the column's boxes are centred: its labels need what their margin lacks
            side_w = max(label_room + tracks_w, CIRCLE + 120) if side else 0
            lane_w = max(width - side_w, MIN_LANE)
            box_w, diamond_w = _column_widths(lane_w)
            room = (lane_w - max(box_w, diamond_w)) // 2
            label_room = max([w - room for w in label_w.values()] + [label_room])
        side_w = max(label_room + tracks_w, CIRCLE + 120) if side else 0
    # at least the narrowest lane (a page narrower than that gets a wider drawing, never a negative one)
    lane_w = max((width - side_w) // len(lanes), MIN_LANE)
    lanes_right = lane_w * len(lanes)
    width = max(width, lanes_right + side_w)
    # a diamond keeps to its own lane; in one column it may be wider than the boxes
    box_w, diamond_w = (lane_w - 2 * LANE_PAD, lane_w - LANE_PAD) if laned else _column_widths(lane_w)
    header_inner = lane_w - 2 * PAD_X
    header_lines = [wrap(name, MAIN, header_inner) for name in lanes]
    header_h = max(len(lines) for lines in header_lines) * MAIN_LINE + 2 * PAD_Y if laned else 0
    sides: dict[str, int] = {}  # lines that may meet a step's right side: room for a connector each
    for k in side:
        for end in (drawing.edges[k].source, drawing.edges[k].target):
            sides[end] = sides.get(end, 0) + 1
    for s in steps:
        if s.node.shape == "decision":
            # in one column wider while the text is long; in lanes the question wraps in its lane
            for w in (diamond_w,) if laned else (diamond_w, diamond_w * 3 // 2, diamond_w * 2, lanes_right):
                s.width = min(w, lanes_right)
                inner = s.width // 2 - 2 * PAD_X - DIAMOND_SLACK
                content = measure(s.node, inner, SMALL)
                if content <= 4 * SMALL_LINE + 2 * PAD_Y:
                    break
            if laned and (s.node.detail or s.node.records) and content > 2 * SMALL_LINE + 2 * PAD_Y:
                # the question needs the room (each line makes the diamond two lines taller): its
                # time limit (and records) stay in the table
                s.node = replace(s.node, detail="", records="")
                content = measure(s.node, inner, SMALL)
            s.height = max(2 * content, 2 * CIRCLE)
        else:
            s.height = measure(s.node, box_w - 2 * PAD_X - SLACK)
        # and room for a labelled line's label above (below, in the lower half) it inside the row
        labelled = any(drawing.edges[k].source == s.node.id and drawing.edges[k].label for k in side)
        s.height = max(s.height, (sides.get(s.node.id, 0) + labelled) * (CIRCLE + 60))

    gap_after = {s.node.id: ROW_GAP_PLAIN for s in steps}
    for k in down:
        if drawing.edges[k].label:
            gap_after[drawing.edges[k].source] = ROW_GAP
    # cut into sheets: header, a margin, the rows, a margin (room for an off-page connector)
    margin = ROW_GAP + CIRCLE + 120

    def cut(limit: int) -> int:
        """Steps onto sheets no taller than `limit`, in order; the number of sheets."""
        part, y = 0, header_h + margin
        for s in steps:
            below = ROW_GAP // 2 if s is steps[-1] else margin  # the last step needs no connector below
            above = margin - ROW_GAP // 2 if part == 0 else 0  # nor the first sheet one above
            if y - above + s.height + below > limit and y > header_h + margin:
                part, y = part + 1, header_h + margin
            s.part, s.top = part, y
            y += s.height + gap_after[s.node.id]
        return part + 1

    # each sheet as full as the page lets it be, the last one taking the rest (sheets evened out
    # would leave each page half empty)
    parts = cut(max_height)
    letters = _letters()
    offpage: dict[int, str] = {}  # edge index -> letter
    for k, e in enumerate(drawing.edges):
        if at[e.source].part != at[e.target].part:
            offpage[k] = next(letters)
    # the margins above and below the rows hold off-page connectors only where a sheet has them
    circle_above = {at[drawing.edges[k].target].part for k in offpage if k in down}
    circle_below = {at[drawing.edges[k].source].part for k in offpage if k in down}
    heights = [0] * parts
    for s in steps:
        if s.part not in circle_above:
            s.top -= margin - ROW_GAP // 2
        bottom = margin if s.part in circle_below else ROW_GAP // 2
        heights[s.part] = max(heights[s.part], s.top + s.height + bottom)

    sheets = []
    for p in range(parts):
        sheets.append(_flow_sheet(drawing, p, steps, at, lanes if laned else [], header_lines, header_h, lane_w, box_w,
                                  diamond_w, lanes_right, width, heights[p], down, offpage, label_room))
    return tuple(sheets)


def _column_widths(lane_w: int) -> tuple[int, int]:
    """The boxes' and the diamonds' width in a flow drawn as one column (a diamond's text sits in
    its middle half: at least two characters wide)."""
    box_w = min(lane_w - 2 * LANE_PAD, COLUMN_BOX)
    return box_w, min(max(box_w * 3 // 2, 2 * (2 * CJK_WIDTH + 2 * PAD_X + SLACK)), lane_w, max(box_w, 3600))


def _naming_its_lane(node: DrawingNode) -> DrawingNode:
    """A step of a flow drawn without lanes: its department goes into its small text."""
    if not node.lane or node.shape == "terminator":
        return replace(node, lane="")
    detail = f"责任：{node.lane}" + (f"\n{node.detail}" if node.detail else "")
    return replace(node, lane="", detail=detail)


def _tracks(spans: list[tuple[int, int]]) -> list[int]:
    """A track number per (row, row) span: spans sharing a track never overlap."""
    ends: list[int] = []  # per track, the last row it is used to
    out = [0] * len(spans)
    order = sorted(range(len(spans)), key=lambda i: (min(spans[i]), max(spans[i]), i))
    for i in order:
        lo, hi = min(spans[i]), max(spans[i])
        for t, end in enumerate(ends):
            if end < lo:
                ends[t] = hi
                out[i] = t
                break
        else:
            ends.append(hi)
            out[i] = len(ends) - 1
    return out


def _right_point(box: Box, dy: int) -> tuple[int, int]:
    """The point on a box's right side `dy` below its middle (on a diamond's edge for a decision)."""
    if box.shape == "decision":
        half = box.h // 2
        return box.right - (box.w // 2) * abs(dy) // max(half, 1), box.cy + dy
    return box.right, box.cy + dy


def _left_point(box: Box, dy: int) -> tuple[int, int]:
    if box.shape == "decision":
        half = box.h // 2
        return box.x + (box.w // 2) * abs(dy) // max(half, 1), box.cy + dy
    return box.x, box.cy + dy


def _offsets(count: int, height: int) -> list[int]:
    """Vertical offsets from the middle for `count` lines meeting one side of a box (a step is
    tall enough for an off-page connector at each, see _flow)."""
    if count <= 1:
        return [0]
    step = min(height // count, CIRCLE + 60)
    first = -step * (count - 1) // 2
    return [first + i * step for i in range(count)]


def _label(text: str, x: int, y: int, above: bool = False) -> Optional[Label]:
    if not text:
        return None
    lines = tuple(wrap(text, SMALL, 6 * SMALL))
    w = lines_width(lines, SMALL) + 2 * 30
    h = len(lines) * SMALL_LINE + 2 * 10
    return Label(x, y - h if above else y, w, h, lines, text)


def _flow_sheet(drawing, p, steps, at, lanes, header_lines, header_h, lane_w, box_w, diamond_w,
                lanes_right, width, height, down, offpage, label_room) -> Sheet:
    mine = [s for s in steps if s.part == p]
    boxes: list[Box] = []
    # the frame is the whole sheet: the last lane also holds the tracks of the lines beside the
    # steps, so no line or off-page connector runs outside it
    for i, name in enumerate(lanes):
        w = width - i * lane_w if i == len(lanes) - 1 else lane_w
        boxes.append(Box(f"lane{i + 1}", "lane", "lane", i * lane_w, 0, w, height))
    for i, name in enumerate(lanes):
        w = width - i * lane_w if i == len(lanes) - 1 else lane_w
        boxes.append(Box(f"header{i + 1}", "header", "header", i * lane_w, 0, w, header_h,
                         name, tuple(header_lines[i])))
    placed: dict[str, Box] = {}
    for s in mine:
        if s.node.shape == "decision":
            w = s.width
            x = min(max(s.lane * lane_w + lane_w // 2 - w // 2, 0), lanes_right - w)
            box = node_box(s.node, x, s.top, w, s.height, w // 2 - 2 * PAD_X - DIAMOND_SLACK, SMALL)
            # the question broken where the layout wrapped it: LibreOffice wraps a diamond's text
            # at the diamond's full width, not in its middle half as Word does
            box = replace(box, text="\n".join(box.lines))
        else:
            box = node_box(s.node, s.lane * lane_w + (lane_w - box_w) // 2, s.top, box_w, s.height,
                           box_w - 2 * PAD_X - SLACK)
        placed[s.node.id] = box

    # which edges leave / enter each box on the right (side tracks, off-page connectors to the right)
    edges = drawing.edges
    local_side = [k for k in range(len(edges)) if k not in down and k not in offpage
                  and at[edges[k].source].part == p]
    tracks = _tracks([(at[edges[k].source].index, at[edges[k].target].index) for k in local_side])
    track_of = dict(zip(local_side, tracks))
    # the lines meeting each box beside it (tracks, off-page connectors): (edge, leaving), in order
    beside: dict[str, list[tuple[int, bool]]] = {}
    for k in local_side + [k for k in offpage if k not in down]:
        beside.setdefault(edges[k].source, []).append((k, True))
        beside.setdefault(edges[k].target, []).append((k, False))

    def offset(box: Box, k: int, leaving: bool) -> int:
        ends = beside[box.id]
        return _offsets(len(ends), box.h)[ends.index((k, leaving))]
    connectors: list[Connector] = []
    circles: list[Box] = []

    def circle_beside(box: Box, k: int, letter: str, outgoing: bool) -> tuple[Box, tuple[int, int], tuple[int, int]]:
        """An off-page connector in the box's row (a row holds one step): left of the box where
        there is room, else right of it, else beside the lanes."""
        dy = offset(box, k, outgoing)
        y = box.cy + dy - CIRCLE // 2
        label = edges[k].label if outgoing else ""  # room for it between the box and the circle
        # an outgoing line needs room for its arrowhead, or it reads as one coming in
        space = (240 if outgoing else 80) + (lines_width(wrap(label, SMALL, 6 * SMALL), SMALL) + 80 if label else 0)
        if box.x - space - CIRCLE >= 0:
            x = box.x - space - CIRCLE
        elif box.right + space + CIRCLE <= lanes_right:
            x = box.right + space
        else:
            x = min(lanes_right + (width - lanes_right - CIRCLE) // 2, width - CIRCLE)
        c = Box(f"offpage{letter}{p}", "offpage", "circle", x, y, CIRCLE, CIRCLE, letter, (letter,), size=SMALL)
        if x < box.x:
            return c, _left_point(box, dy), (c.right, c.cy)
        return c, _right_point(box, dy), (c.x, c.cy)

    for k, e in enumerate(edges):
        src, tgt = at[e.source], at[e.target]
        if src.part != p and tgt.part != p:
            continue
        label_text = e.label
        if k in offpage:
            letter = offpage[k]
            if src.part == p:
                s = placed[e.source]
                if k in down:  # the next step is on the next sheet: the circle below the box
                    c = Box(f"offpage{letter}{p}", "offpage", "circle", s.cx - CIRCLE // 2, s.bottom + ROW_GAP,
                            CIRCLE, CIRCLE, letter, (letter,), size=SMALL)
                    pts = [(s.cx, s.bottom), (c.cx, c.y)]
                    label = _label(label_text, s.cx + 40, s.bottom + 20)
                else:
                    c, start, end = circle_beside(s, k, letter, True)
                    pts = [start, end]
                    below = start[1] > s.cy  # a lower line's label under it, clear of the line above
                    label = _label(label_text, min(start[0], end[0]) + 20, start[1] + (10 if below else -10),
                                   above=not below)
                circles.append(c)
                connectors.append(Connector(e.source, c.id, simplify(pts), e.style, True, label))
            else:
                t = placed[e.target]
                if k in down:
                    c = Box(f"offpage{letter}{p}", "offpage", "circle", t.cx - CIRCLE // 2, t.y - ROW_GAP - CIRCLE,
                            CIRCLE, CIRCLE, letter, (letter,), size=SMALL)
                    pts = [(c.cx, c.bottom), (t.cx, t.y)]
                else:
                    c, end, start = circle_beside(t, k, letter, False)
                    pts = [start, end]
                circles.append(c)
                connectors.append(Connector(c.id, e.target, simplify(pts), e.style, True, None))
            continue
        s, t = placed[e.source], placed[e.target]
        if k in down:
            if s.cx == t.cx:
                pts = [(s.cx, s.bottom), (t.cx, t.y)]
            else:
                mid = s.bottom + ROW_GAP_PLAIN // 2
                pts = [(s.cx, s.bottom), (s.cx, mid), (t.cx, mid), (t.cx, t.y)]
            label = _label(label_text, s.cx + 40, s.bottom + 10)
            if label is not None and t.cx > s.cx:  # the line turns right: its label on the left
                label = replace(label, x=max(s.cx - 40 - label.w, 0))
        else:
            dy_out, dy_in = offset(s, k, True), offset(t, k, False)
            start = _right_point(s, dy_out)
            end = _right_point(t, dy_in)
            tx = lanes_right + label_room + TRACK // 2 + track_of[k] * TRACK
            pts = [start, (tx, start[1]), (tx, end[1]), end]
            below = start[1] > s.cy
            label = _label(label_text, start[0] + 40, start[1] + (10 if below else -10), above=not below)
        connectors.append(Connector(e.source, e.target, simplify(pts), e.style, True, label))
    connectors = [c if c.label is None or c.label.x + c.label.w <= width else  # labels inside the sheet
                  replace(c, label=replace(c.label, x=width - c.label.w)) for c in connectors]
    nodes = tuple(placed[s.node.id] for s in mine)
    return Sheet(drawing.title, width, height, tuple(boxes) + nodes + tuple(circles),
                 tuple(connectors), continued=p > 0)
