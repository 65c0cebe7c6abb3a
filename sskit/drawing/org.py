"""Drawings, 组织机构图 (kind "org"): a top-down tree in tiers.  A tier too wide for the page is
wrapped onto the rows of a grid, its lines led down one trunk in the left margin, so every row of
the tier hangs from the same line; when the next tier only hangs under it, each grid row is
followed by the boxes under it, each unit's boxes stacked right under it, indented, on a line of
their own (a "comb": no bus is shared with another unit's boxes); a chart taller than the page
goes on on another sheet under dashed copies of the parents."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sskit.markup.ir import Drawing, DrawingNode

from .geometry import (CHANNEL, CJK_WIDTH, GAP, MAIN, MAX_TEXT, PAD_X, ROW_CHANNEL, SLACK, SMALL, TRUNK, Box,
                       Connector, Sheet)

INDENT = GAP  # a comb: the boxes under a unit start this far right of its left side (as wide as it)
STACK_GAP = 120  # between two boxes of a comb
MAX_STACK = 6  # more boxes under one unit than this: a grid row under the tier instead
from .text import lines_width, measure, node_box, simplify, wrap


def org_sheets(drawing: Drawing, width: int, max_height: int) -> tuple[Sheet, ...]:
    """Narrower boxes (more to a row) while the chart is too tall, then more sheets."""
    tries = [_org(drawing, width, chars * CJK_WIDTH, max_height) for chars in (8, 7, 6, 5, 4)]
    fewest = min(len(t) for t in tries)
    return next(t for t in tries if len(t) == fewest)


def _tiers(drawing: Drawing) -> list[list[DrawingNode]]:
    order = {n.id: i for i, n in enumerate(drawing.nodes)}
    parent: dict[str, str] = {}
    for edge in sorted(drawing.edges, key=lambda e: e.style != "solid"):  # solid lines first
        if edge.target not in parent and edge.source != edge.target:
            parent[edge.target] = edge.source
    by_id = {n.id: n for n in drawing.nodes}
    tier: dict[str, int] = {}
    for node in drawing.nodes:
        # up the chain of parents to a node whose tier is known (an explicit level, the root, a
        # tier found before, or a parent already on the chain: a cycle), then back down, one more each
        chain, on_chain = [node.id], {node.id}
        while True:
            current = by_id[chain[-1]]
            if current.id in tier:
                value = tier[current.id]
                break
            if current.level > 0:
                value = current.level - 1
                break
            up = parent.get(current.id)
            if up is None or up in on_chain:
                value = 0
                break
            chain.append(up)
            on_chain.add(up)
        for node_id in reversed(chain):
            if node_id not in tier:
                tier[node_id] = value
            value = tier[node_id] + 1
    members_of: dict[int, list[DrawingNode]] = {}
    for node in drawing.nodes:
        members_of.setdefault(tier[node.id], []).append(node)
    tiers: list[list[DrawingNode]] = []
    position: dict[str, int] = {}
    for t in sorted(members_of):
        members = members_of[t]
        members.sort(key=lambda n: (position.get(parent.get(n.id, ""), len(order)), order[n.id]))
        for i, n in enumerate(members):
            position[n.id] = i
        tiers.append(members)
    return tiers


@dataclass
class _Row:
    nodes: list
    top: int = 0
    height: int = 0
    tier: int = 0
    index: int = 0  # row within its tier
    last: bool = True  # the last row of its tier
    boxes: list = field(default_factory=list)
    comb: bool = False  # boxes stacked under their parents in the row above (their y relative to the row)


def _grid(members, width: int, trunk: int, max_text: int) -> tuple[int, int, int, bool]:
    """(box width, boxes per row, rows, wrapped) for one tier."""
    natural = max(max(lines_width(wrap(n.text, MAIN, max_text), MAIN),
                      lines_width(wrap(n.detail, SMALL, max_text), SMALL)) for n in members)
    box_w = min(natural + SLACK + 2 * PAD_X, width)
    per_row = max(1, (width + GAP) // (box_w + GAP))
    wrapped = len(members) > per_row
    if wrapped:
        per_row = max(1, (width - trunk + GAP) // (box_w + GAP))
        box_w = min(box_w, width - trunk)
    count = -(-len(members) // per_row)
    return box_w, -(-len(members) // count), count, wrapped  # balanced rows


def _grid_row(chunk, tier: int, index: int, last: bool, box_w: int, per_row: int, wrapped: bool,
              width: int, trunk: int) -> _Row:
    inner = box_w - 2 * PAD_X - SLACK
    height = max(measure(n, inner) for n in chunk)
    row = _Row(chunk, 0, height, tier, index, last)
    if wrapped:  # a grid right of the trunks' margin, its columns the same in every row
        x = trunk + (width - trunk - (per_row * box_w + (per_row - 1) * GAP)) // 2
    else:
        x = (width - (len(chunk) * box_w + (len(chunk) - 1) * GAP)) // 2
    for n in chunk:
        row.boxes.append(node_box(n, x, 0, box_w, height, inner))
        x += box_w + GAP
    return row


def _org_rows(drawing: Drawing, width: int, max_text: int, trunk: int = TRUNK) -> list[_Row]:
    """The rows of the chart, boxes placed across (their heights set, not yet stacked).

    A tier too wide for one row is wrapped onto a grid.  When every box of the next tier hangs
    under a box of that wrapped tier and has nothing under it, each row of the grid is followed
    by the boxes under it: stacked under each unit (a comb) when they fit, else a band of rows."""
    rows: list[_Row] = []
    tiers = _tiers(drawing)
    tier_of = {n.id: t for t, members in enumerate(tiers) for n in members}
    parents = {e.source for e in drawing.edges if tier_of[e.target] > tier_of[e.source]}
    parent_of: dict[str, str] = {}
    for edge in sorted(drawing.edges, key=lambda e: e.style != "solid"):
        parent_of.setdefault(edge.target, edge.source)
    t = 0
    while t < len(tiers):
        members = tiers[t]
        box_w, per_row, count, wrapped = _grid(members, width, trunk, max_text)
        below = tiers[t + 1] if t + 1 < len(tiers) else []
        banded = (wrapped and below and not any(n.id in parents for n in below)
                  and all(tier_of.get(parent_of.get(n.id, ""), -1) == t for n in below))
        if banded:
            child_w, child_per_row, _, _ = _grid(below, width, trunk, max_text)
            child_per_row = min(child_per_row, max(1, (width - trunk + GAP) // (child_w + GAP)))
            child_index = 0
            for r in range(count):
                chunk = members[r * per_row:(r + 1) * per_row]
                rows.append(_grid_row(chunk, t, r, True, box_w, per_row, True, width, trunk))
                ids = {n.id for n in chunk}
                children = [n for n in below if parent_of.get(n.id) in ids]
                comb = _comb(children, rows[-1], parent_of, t + 1, child_index, width)
                if comb is not None:  # each unit's boxes right under it
                    rows.append(comb)
                    child_index += 1
                    continue
                for c in range(0, len(children), child_per_row):
                    rows.append(_grid_row(children[c:c + child_per_row], t + 1, child_index, False, child_w,
                                          child_per_row, True, width, trunk))
                    child_index += 1
            t += 2
            continue
        if wrapped:  # boxes with boxes under them in the last row: their lines then cross no row
            members = [n for n in members if n.id not in parents] + [n for n in members if n.id in parents]
        for r in range(count):
            rows.append(_grid_row(members[r * per_row:(r + 1) * per_row], t, r, r == count - 1, box_w, per_row,
                                  wrapped, width, trunk))
        if not wrapped and t > 0:
            placed = {b.id: b for row in rows[:-1] for b in row.boxes}
            rows[-1].boxes = _under_parents(rows[-1].boxes, {n: placed.get(p) for n, p in parent_of.items()}, width)
        t += 1
    return rows


def _under_parents(boxes: list, parent: dict, width: int) -> list:
    """A row's boxes moved under their parents: each family (boxes of one parent, in a row) centred
    under it as far as the row allows, so no family sits under another unit or shares its lines."""
    families: list[list[Box]] = []
    for box in boxes:
        if families and parent.get(families[-1][0].id) is parent.get(box.id) and parent.get(box.id) is not None:
            families[-1].append(box)
        else:
            families.append([box])
    widths = [f[-1].right - f[0].x for f in families]
    lefts = []
    for family, w in zip(families, widths):
        up = parent.get(family[0].id)
        lefts.append(up.cx - w // 2 if up is not None else family[0].x)
    # clusters of families side by side, each as near its parents as the one before allows: a
    # family that would overlap the cluster before joins it, and the cluster stands at the mean of
    # what its families want (inside the row)
    clusters: list[list[int]] = []  # [first family, last family, left]
    for i, w in enumerate(widths):
        clusters.append([i, i, lefts[i]])
        while True:
            first, last, _ = clusters[-1]
            offsets = [sum(widths[first:k]) + (k - first) * GAP for k in range(first, last + 1)]
            span = offsets[-1] + widths[last]
            wanted = sum(lefts[k] - offsets[k - first] for k in range(first, last + 1)) // (last - first + 1)
            clusters[-1][2] = min(max(wanted, 0), width - span)
            if len(clusters) > 1:
                before = clusters[-2]
                end_before = before[2] + sum(widths[before[0]:before[1] + 1]) + (before[1] - before[0]) * GAP
                if clusters[-1][2] < end_before + GAP:
                    clusters[-2:] = [[before[0], last, 0]]
                    continue
            break
    placed = []
    for first, last, left in clusters:
        for k in range(first, last + 1):
            placed.append(left)
            left += widths[k] + GAP
    lefts = placed
    out = []
    for family, left in zip(families, lefts):
        out += [replace(b, x=b.x - family[0].x + max(left, 0)) for b in family]
    return out


def _comb(children, parents: _Row, parent_of: dict, tier: int, index: int, width: int):
    """The row of `children` stacked under their parents in the row `parents`, indented by the gap
    between two units (so the stacks stand as far apart as the units; None when a unit has more
    than MAX_STACK of them or the last one's box gets too narrow at the right edge)."""
    if not children:
        return None
    row = _Row(children, 0, 0, tier, index, False, comb=True)
    for parent in parents.boxes:
        mine = [n for n in children if parent_of.get(n.id) == parent.id]
        w = min(parent.w, width - parent.x - INDENT)
        inner = w - 2 * PAD_X - SLACK
        if len(mine) > MAX_STACK or (mine and inner < 2 * CJK_WIDTH):
            return None
        y = 0
        for n in mine:
            h = measure(n, inner)
            row.boxes.append(node_box(n, parent.x + INDENT, y, w, h, inner))
            y += h + STACK_GAP
        row.height = max(row.height, y - STACK_GAP)
    order = {n.id: i for i, n in enumerate(children)}
    row.boxes.sort(key=lambda b: order[b.id])
    return row


def _org(drawing: Drawing, width: int, max_text: int, max_height: int) -> tuple[Sheet, ...]:
    """The chart on as many sheets as its height needs: a later sheet goes on with the next rows
    under a dashed copy of each parent box drawn on an earlier sheet."""
    rows = _org_rows(drawing, width, max_text)
    parent = {}
    for edge in drawing.edges:
        parent.setdefault(edge.target, edge.source)
    trunks = len({(r.tier, parent[n.id]) for i, r in enumerate(rows) if r.index > 0 for n in r.nodes
                  if n.id in parent and parent[n.id] not in {m.id for m in rows[i - 1].nodes}})
    trunk = TRUNK
    if trunks > 2:  # a wider margin, so the trunks stand apart
        trunk = min(100 * (trunks + 1), width // 5)
        rows = _org_rows(drawing, width, max_text, trunk)
    sheets: list[Sheet] = []
    current: list[_Row] = []
    done: set[str] = set()  # nodes on the sheets before
    for row in rows:
        if current and _org_sheet(drawing, current + [row], done, width, False, trunk).height > max_height:
            # a comb goes on with the units it hangs under
            carry = [current.pop()] if row.comb and len(current) > 1 else []
            sheets.append(_org_sheet(drawing, current, done, width, bool(sheets), trunk))
            done |= {n.id for r in current for n in r.nodes}
            current = carry
        current.append(row)
    sheets.append(_org_sheet(drawing, current, done, width, bool(sheets), trunk))
    return tuple(sheets)


def _org_sheet(drawing: Drawing, chunk: list[_Row], done: set[str], width: int, continued: bool,
               trunk: int) -> Sheet:
    here = {n.id for r in chunk for n in r.nodes}
    edges = [e for e in drawing.edges if e.target in here and (e.source in here or e.source in done)]
    parents = list(dict.fromkeys(e.source for e in edges if e.source not in here))
    rows: list[_Row] = []
    seen_tiers: dict[int, int] = {}
    for row in chunk:  # rows renumbered within their tier on this sheet
        index = seen_tiers.get(row.tier, 0)
        seen_tiers[row.tier] = index + 1
        rows.append(_Row(row.nodes, 0, row.height, row.tier, index, row.last, list(row.boxes), row.comb))
    # copies of the parents drawn on an earlier sheet: at the end of the row just above their
    # children's tier when it has room (no line then crosses a row), else in a row on top
    originals = {n.id: n for n in drawing.nodes}
    on_top: list[str] = []
    for parent in parents:
        node = originals[parent]
        tier = min(r.tier for r in rows if any(e.source == parent and e.target in {n.id for n in r.nodes}
                                                  for e in edges))
        first = next(i for i, r in enumerate(rows) if r.tier == tier)
        host = rows[first - 1] if first > 0 else None
        w = min(max(lines_width(wrap(node.text, MAIN, MAX_TEXT), MAIN), lines_width(
            wrap(node.detail, SMALL, MAX_TEXT), SMALL)) + SLACK + 2 * PAD_X, width)
        inner = w - 2 * PAD_X - SLACK
        right = max(b.right for b in host.boxes) if host is not None else 0
        if host is not None and right + GAP + w <= width and measure(node, inner) <= host.height:
            box = node_box(node, right + GAP, 0, w, host.height, inner, role="offpage")
            host.boxes.append(replace(box, id=f"ref-{parent}"))
        else:
            on_top.append(parent)
    if on_top:
        w = min(max(lines_width(wrap(originals[i].text, MAIN, MAX_TEXT), MAIN) for i in on_top) + SLACK + 2 * PAD_X,
                (width - (len(on_top) - 1) * GAP) // len(on_top))
        h = max(measure(originals[i], w - 2 * PAD_X - SLACK) for i in on_top)
        ref = _Row([originals[i] for i in on_top], 0, h, -1, 0, True)
        x = (width - (len(on_top) * w + (len(on_top) - 1) * GAP)) // 2
        for i in on_top:
            box = node_box(originals[i], x, 0, w, h, w - 2 * PAD_X - SLACK, role="offpage")
            ref.boxes.append(replace(box, id=f"ref-{i}"))
            x += w + GAP
        rows.insert(0, ref)
    y = 0
    boxes: dict[str, Box] = {}
    row_of: dict[str, _Row] = {}
    for number, row in enumerate(rows):
        if number:
            y += ROW_CHANNEL // 2 if row.comb else CHANNEL if row.index == 0 else ROW_CHANNEL
        row.top = y
        row.boxes = [replace(b, y=y + b.y) if row.comb else replace(b, y=y) for b in row.boxes]
        for box in row.boxes:
            boxes[box.id] = box
            row_of[box.id] = row
        y += row.height
    edges = [e if e.source in here else replace(e, source=f"ref-{e.source}") for e in edges]
    connectors = _org_connectors(edges, rows, boxes, row_of, width, trunk)
    ordered = tuple(boxes[f"ref-{i}"] for i in parents) + tuple(boxes[n.id] for n in drawing.nodes if n.id in here)
    return Sheet(drawing.title, width, y, ordered, connectors, continued)


def _org_connectors(edges, rows, boxes, row_of, width, trunk) -> tuple[Connector, ...]:
    first_row = {}
    for row in rows:
        first_row.setdefault(row.tier, row)
    position = {id(row): i for i, row in enumerate(rows)}

    def direct(edge) -> bool:
        """The target's row comes right after the source's: a band under its parents."""
        return position[id(row_of[edge.target])] == position[id(row_of[edge.source])] + 1 and \
            row_of[edge.target].tier > row_of[edge.source].tier

    def combed(edge) -> bool:
        """The target is stacked right under its parent: a line down its parent's left part."""
        return row_of[edge.target].comb and direct(edge) and boxes[edge.target].x == boxes[edge.source].x + INDENT

    # the parents whose lines run in the channel above each row, in order: their bus heights
    users: dict[int, list[str]] = {}
    downward = [e for e in edges if row_of[e.target].tier > row_of[e.source].tier]
    for edge in downward:
        if combed(edge):
            continue
        target_row = row_of[edge.target]
        channels = [target_row] if direct(edge) else [target_row, first_row[target_row.tier]]
        for row in {id(r): r for r in channels}.values():
            names = users.setdefault(id(row), [])
            if edge.source not in names:
                names.append(edge.source)
    trunks: list[tuple[int, str]] = []  # (tier, parent) per trunk down the left margin: each its own x
    for edge in downward:
        target_row = row_of[edge.target]
        if target_row.index > 0 and not direct(edge) and (target_row.tier, edge.source) not in trunks:
            trunks.append((target_row.tier, edge.source))

    def bus(row: _Row, source: str) -> int:
        names = users[id(row)]
        channel = CHANNEL if row.index == 0 else ROW_CHANNEL
        return row.top - channel + (names.index(source) + 1) * channel // (len(names) + 1)

    out = []
    for edge in edges:
        s, t = boxes[edge.source], boxes[edge.target]
        srow, trow = row_of[edge.source], row_of[edge.target]
        if combed(edge):
            x = s.x + INDENT // 2
            points = [(x, s.bottom), (x, t.cy), (t.x, t.cy)]
        elif direct(edge):
            # the next row (a band under its parents): down into the channel above it
            y = bus(trow, edge.source)
            points = [(s.cx, s.bottom), (s.cx, y), (t.cx, y), (t.cx, t.y)]
        elif trow.tier > srow.tier:
            points = [(s.cx, s.bottom)]
            x = s.cx
            if not srow.last:  # leave a wrapped row down the gap beside the box
                step = GAP * (srow.index + 1) // (srow.index + 2)  # apart from the rows above
                gx = s.right + step if s.right + step < width else s.x - GAP + step
                points += [(x, s.bottom + ROW_CHANNEL // 2), (gx, s.bottom + ROW_CHANNEL // 2)]
                x = gx
            top = first_row[trow.tier]
            if trow.index == 0:
                y = bus(trow, edge.source)
                points += [(x, y), (t.cx, y), (t.cx, t.y)]
            else:
                tx = (trunks.index((trow.tier, edge.source)) + 1) * trunk // (len(trunks) + 1)
                y0, y1 = bus(top, edge.source), bus(trow, edge.source)
                points += [(x, y0), (tx, y0), (tx, y1), (t.cx, y1), (t.cx, t.y)]
        else:  # a line within a tier or upwards: below both rows, into the target's bottom
            low = max(srow.top + srow.height, trow.top + trow.height) + CHANNEL // 3
            points = [(s.cx, s.bottom), (s.cx, low), (t.cx, low), (t.cx, t.bottom)]
        out.append(Connector(edge.source, edge.target, simplify(points), edge.style, arrow=False))
    return tuple(out)
