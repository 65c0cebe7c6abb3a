"""Layout of drawings: deterministic, inside the width, no two boxes overlapping, every text
fitting its box (by the layout's own measure), connectors meeting their boxes, tall flows split."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sskit.drawing.layout import CJK_WIDTH, PAD_X, Sheet, layout_drawing, text_width, wrap
from sskit.markup.ir import Drawing, DrawingEdge, DrawingNode

WIDTH = 8312  # A4 portrait text width in twips
NAMES = ["总经理", "管理者代表", "售后服务部", "质量管理部", "客户服务中心", "技术支持部", "财务部", "配件仓库",
         "维修站（A类）", "Call Center 400", "华东区域服务网点", "部"]


def org(parents: list[int], dotted: set[int] = frozenset()) -> Drawing:
    """Node 0 is the root; node i+1 hangs under node parents[i] (an index below i+1)."""
    nodes = [DrawingNode("n0", "总经理\n张明")]
    edges = []
    for i, parent in enumerate(parents, 1):
        detail = f"{i}人" if i % 3 == 0 else ""
        nodes.append(DrawingNode(f"n{i}", f"{NAMES[i % len(NAMES)]}\n负责人{i}", "group" if i % 7 == 0 else "box",
                                 detail=detail))
        edges.append(DrawingEdge(f"n{parent}", f"n{i}", style="dotted" if i in dotted else "solid"))
    return Drawing("org", "组织机构图", tuple(nodes), tuple(edges))


def flow(steps: list[tuple[int, str]], lanes: int, jumps: list[tuple[int, int, str]]) -> Drawing:
    """steps: (lane, text); jumps: (from, to, label) between step indexes."""
    lane_names = tuple(NAMES[i] for i in range(lanes))
    nodes = [DrawingNode("start", "开始", "terminator", lane_names[steps[0][0] % lanes])]
    edges = [DrawingEdge("start", "s0")]
    for i, (lane, text) in enumerate(steps):
        decision = any(a == i for a, _, _ in jumps)
        nodes.append(DrawingNode(f"s{i}", text + ("？" if decision else ""), "decision" if decision else "box",
                                 lane_names[lane % lanes], detail="2小时内" if i % 2 else "",
                                 records="《客户报修登记表》" if i % 3 == 0 else ""))
        if not decision:
            edges.append(DrawingEdge(f"s{i}", f"s{i + 1}" if i + 1 < len(steps) else "end"))
    for a, b, label in jumps:
        edges.append(DrawingEdge(f"s{a}", f"s{b}", label))
    nodes.append(DrawingNode("end", "结束", "terminator", lane_names[steps[-1][0] % lanes]))
    return Drawing("flow", "流程图", tuple(nodes), tuple(edges), lane_names)


def overlaps(a, b) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def check_sheet(sheet: Sheet, width: int) -> None:
    assert sheet.width <= width
    solid = [b for b in sheet.boxes if b.role in ("node", "offpage", "header", "records")]
    for box in sheet.boxes:
        assert 0 <= box.x and box.right <= sheet.width and 0 <= box.y and box.bottom <= sheet.height, box
        for value in (box.x, box.y, box.w, box.h):
            assert isinstance(value, int)
    for i, a in enumerate(solid):
        for b in solid[i + 1:]:
            assert not overlaps(a, b), (a.id, b.id)
    for box in sheet.boxes:
        if box.role not in ("node", "header", "records"):
            continue
        x, y, w, h = box.text_box()
        inner = w - 2 * PAD_X
        for line in box.lines + box.detail + box.records:
            assert text_width(line, box.size) <= inner, (box.text, line)
        assert box.content_height() <= h + 1, box.text
    by_id = {b.id: b for b in sheet.boxes}
    for connector in sheet.connectors:
        for x, y in connector.points:
            assert 0 <= x <= sheet.width and 0 <= y <= sheet.height
        for end, point in ((connector.source, connector.points[0]), (connector.target, connector.points[-1])):
            box = by_id[end]
            assert box.x <= point[0] <= box.right and box.y <= point[1] <= box.bottom, (end, point)
        for (ax, ay), (bx, by) in zip(connector.points, connector.points[1:]):
            assert ax == bx or ay == by  # straight segments only


def test_wrap_measures_cjk_as_one_em_and_keeps_punctuation_off_a_line_start():
    assert text_width("售后服务", 240) == 4 * CJK_WIDTH
    assert text_width("ab12", 200) == 4 * 110
    assert wrap("售后服务部负责", 240, 4 * 240) == ["售后服务", "部负责"]
    assert wrap("售后服务，部", 240, 4 * 240) == ["售后服", "务，部"]
    assert wrap("总经理\n张明", 240, 10 * 240) == ["总经理", "张明"]
    assert wrap("Call Center 400", 240, 10 * 132) == ["Call", "Center 400"]


def test_wrap_keeps_a_number_with_its_measure_word():
    width = text_width("持证技术人员135", 210)
    assert wrap("持证技术人员135名", 210, width) == ["持证技术人员", "135名"]  # not "…135" / "名"
    assert wrap("共12个网点", 240, 3 * 240) == ["共", "12个", "网点"]
    # a model code stays one word and the character after it is not glued to it
    assert wrap("型号XQG100-BD14A6等", 210, text_width("型号XQG100-BD14A6", 210)) == ["型号XQG100-BD14A6", "等"]


def test_layout_is_deterministic_and_fits():
    drawing = org([0] * 12 + [3, 3, 4])
    first = layout_drawing(drawing, WIDTH)
    assert first == layout_drawing(drawing, WIDTH)
    assert len(first) == 1
    check_sheet(first[0], WIDTH)


def test_a_wide_tier_wraps_onto_rows():
    (sheet,) = layout_drawing(org([0] * 30), WIDTH)
    tops = {b.y for b in sheet.boxes if b.id != "n0"}
    assert len(tops) >= 4  # 30 departments do not fit one row of 15.9 cm
    check_sheet(sheet, WIDTH)
    assert sheet.height <= 12000


def test_dotted_edges_stay_dotted():
    (sheet,) = layout_drawing(org([0, 0, 0], dotted={1}), WIDTH)
    styles = {(c.source, c.target): c.style for c in sheet.connectors}
    assert styles == {("n0", "n1"): "dotted", ("n0", "n2"): "solid", ("n0", "n3"): "solid"}


def test_a_tall_flow_splits_into_sheets_joined_by_offpage_connectors():
    steps = [(i % 3, f"第{i}步处理客户的报修请求并登记") for i in range(24)]
    drawing = flow(steps, 3, [(5, 2, "否"), (9, 20, "是")])
    sheets = layout_drawing(drawing, WIDTH, max_height=11000)
    assert len(sheets) >= 2
    assert [s.continued for s in sheets] == [False] + [True] * (len(sheets) - 1)
    for sheet in sheets:
        check_sheet(sheet, WIDTH)
        assert sheet.height <= 11000
    placed = [b.id for s in sheets for b in s.boxes if b.role == "node"]
    assert placed == [n.id for n in drawing.nodes]  # every step once, in order
    letters_out = sorted(c.target for s in sheets for c in s.connectors if c.target.startswith("offpage"))
    letters_in = sorted(c.source for s in sheets for c in s.connectors if c.source.startswith("offpage"))
    assert [t[7:-1] for t in letters_out] == [t[7:-1] for t in letters_in] != []


def test_flow_edges_go_down_to_the_next_step_and_aside_otherwise():
    steps = [(0, "受理"), (1, "派工"), (2, "能否现场修复"), (2, "现场维修"), (1, "返厂维修"), (0, "回访")]
    (sheet,) = layout_drawing(flow(steps, 3, [(2, 3, "是"), (2, 4, "否")]), WIDTH, max_height=10 ** 6)
    check_sheet(sheet, WIDTH)
    by = {(c.source, c.target): c for c in sheet.connectors}
    down = by[("s2", "s3")]
    assert down.points[0][1] < down.points[-1][1] and down.label.text == "是"
    aside = by[("s2", "s4")]
    # along a track right of every step, inside the frame (the last lane holds the tracks)
    track = max(x for x, _ in aside.points)
    assert max(b.right for b in sheet.boxes if b.role == "node") < track < sheet.width
    assert max(b.right for b in sheet.boxes if b.role == "lane") == sheet.width
    assert aside.label.text == "否"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=1000), min_size=0, max_size=40),
       st.sets(st.integers(min_value=1, max_value=40)),
       st.sampled_from([8312, 13958, 6000]))
def test_random_trees_fit(picks, dotted, width):
    parents = [pick % (i + 1) for i, pick in enumerate(picks)]
    drawing = org(parents, dotted)
    sheets = layout_drawing(drawing, width, max_height=12000)
    assert sheets == layout_drawing(drawing, width, max_height=12000)
    for sheet in sheets:
        check_sheet(sheet, width)
    # a later sheet draws the lines from a dashed copy ("ref-…") of a parent on an earlier one
    drawn = [(c.source.removeprefix("ref-"), c.target) for sheet in sheets for c in sheet.connectors]
    assert sorted(drawn) == sorted((e.source, e.target) for e in drawing.edges)
    placed = [b.id for sheet in sheets for b in sheet.boxes if b.role == "node"]
    assert sorted(placed) == sorted(n.id for n in drawing.nodes)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.sampled_from(NAMES + ["上门检测并填写维修记录单", "回访"])),
                min_size=1, max_size=30),
       st.integers(1, 6),
       st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29), st.sampled_from(["是", "否", "不满意的", ""])),
                max_size=5),
       st.sampled_from([8312, 13958]))
def test_random_flows_fit(steps, lanes, jumps, width):
    jumps = [(a % len(steps), b % len(steps), label) for a, b, label in jumps]
    drawing = flow(steps, lanes, jumps)
    sheets = layout_drawing(drawing, width, max_height=11000)
    assert sheets == layout_drawing(drawing, width, max_height=11000)
    for sheet in sheets:
        check_sheet(sheet, width)
        assert sheet.height <= 11000
    # every edge is drawn: directly, or via one off-page connector pair
    drawn = set()
    into, out_of = {}, {}
    for sheet in sheets:
        for c in sheet.connectors:
            if c.target.startswith("offpage"):
                into.setdefault(c.target[7:-1] if c.target[-1].isdigit() else c.target, []).append(c.source)
            elif c.source.startswith("offpage"):
                out_of.setdefault(c.source[7:-1], []).append(c.target)
            else:
                drawn.add((c.source, c.target))
    for letter, sources in into.items():
        drawn |= {(s, t) for s in sources for t in out_of[letter]}
    assert drawn == {(e.source, e.target) for e in drawing.edges}


def lane_of_step(sheet: Sheet, drawing: Drawing) -> dict:
    """node id -> its lane's column on the sheet (lanes in the drawing's order)."""
    lanes = {b.id: b for b in sheet.boxes if b.role == "lane"}
    return {n.id: lanes[f"lane{drawing.lanes.index(n.lane) + 1}"] for n in drawing.nodes}


def test_records_stay_in_the_lane_of_their_step():
    # the department that keeps a record is the lane it is written in: never a neighbouring one
    steps = [(0, "受理客户报修"), (1, "派工"), (2, "上门检测"), (1, "回访"), (0, "归档")]
    drawing = flow(steps, 3, [(2, 4, "否")])
    (sheet,) = layout_drawing(drawing, WIDTH, max_height=10 ** 6)
    check_sheet(sheet, WIDTH)
    lane = lane_of_step(sheet, drawing)
    with_records = [n for n in drawing.nodes if n.records]
    assert with_records
    for node in with_records:
        holders = [b for b in sheet.boxes if b.id in (node.id, f"records-{node.id}") and b.records_text]
        assert [b.records_text for b in holders] == ["记录：" + node.records]
        for box in holders:
            assert lane[node.id].x <= box.x and box.right <= lane[node.id].right, (node.id, box)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.sampled_from(NAMES + ["措施是否有效", "顾客是否同意报价"])),
                min_size=2, max_size=16),
       st.lists(st.tuples(st.integers(0, 15), st.integers(0, 15), st.sampled_from(["是", "否", "无效", "不同意"])),
                min_size=1, max_size=4))
def test_diamonds_and_lines_stay_inside_the_frame_and_labels_beside_the_lines(steps, jumps):
    jumps = [(a % len(steps), b % len(steps), label) for a, b, label in jumps]
    drawing = flow(steps, 3, jumps)
    for sheet in layout_drawing(drawing, WIDTH, max_height=11000):
        check_sheet(sheet, WIDTH)
        lanes = [b for b in sheet.boxes if b.role == "lane"]
        assert lanes, "three lanes fit a portrait page"
        left, right = min(b.x for b in lanes), max(b.right for b in lanes)
        assert (left, right) == (0, sheet.width)  # the frame is the whole sheet
        lane = lane_of_step(sheet, drawing)
        for box in sheet.boxes:
            if box.role == "node" and box.shape == "decision":  # a diamond in its own lane
                assert lane[box.id].x <= box.x and box.right <= lane[box.id].right, box
            if box.role == "offpage":
                assert left <= box.x and box.right <= right
        segments = [(a, b) for c in sheet.connectors for a, b in zip(c.points, c.points[1:])]
        for c in sheet.connectors:
            assert all(left <= x <= right for x, _ in c.points)
            if c.label is None:
                continue
            lab = c.label
            for (ax, ay), (bx, by) in segments:  # a label is beside the lines, on none of them
                crosses = (min(ax, bx) <= lab.x + lab.w and lab.x <= max(ax, bx)
                           and min(ay, by) <= lab.y + lab.h and lab.y <= max(ay, by))
                assert not crosses, (lab.text, (ax, ay), (bx, by))


def test_a_flow_that_fits_the_page_is_one_sheet_and_a_taller_one_fills_its_first_sheets():
    steps = [(i % 3, f"第{i}步处理客户的报修请求并登记") for i in range(12)]
    drawing = flow(steps, 3, [(5, 2, "否")])
    (whole,) = layout_drawing(drawing, WIDTH, max_height=10 ** 6)
    assert len(layout_drawing(drawing, WIDTH, max_height=whole.height)) == 1
    for limit in (whole.height * 2 // 3, whole.height // 2, whole.height * 2 // 5):
        sheets = layout_drawing(drawing, WIDTH, max_height=limit)
        assert len(sheets) >= 2
        for sheet in sheets[:-1]:  # full sheets first, the last one takes the rest
            assert sheet.height >= limit * 8 // 10, (limit, [s.height for s in sheets])
        assert all(s.height <= limit for s in sheets)


def shared_segments(sheet: Sheet) -> list:
    """Pairs of connectors from different parents that run along one and the same line."""
    def segments(c):
        return [(a, b) for a, b in zip(c.points, c.points[1:])]
    out = []
    for i, c in enumerate(sheet.connectors):
        for d in sheet.connectors[i + 1:]:
            if c.source == d.source:
                continue  # one parent's lines share its bus
            for (a, b) in segments(c):
                for (p, q) in segments(d):
                    if a[1] == b[1] == p[1] == q[1]:  # horizontal, same height: overlapping?
                        if max(min(a[0], b[0]), min(p[0], q[0])) < min(max(a[0], b[0]), max(p[0], q[0])):
                            out.append((c.source, d.source))
                    elif a[0] == b[0] == p[0] == q[0]:
                        if max(min(a[1], b[1]), min(p[1], q[1])) < min(max(a[1], b[1]), max(p[1], q[1])):
                            out.append((c.source, d.source))
    return out


def test_units_under_a_wrapped_tier_hang_right_under_their_own_unit():
    # 11 departments under the root (three rows), a few with units of their own (服务监督科 under
    # 质量管理部): each unit stands under its parent, on a line no other parent's units share
    parents = [0] * 11 + [3, 3, 3, 5, 9]
    drawing = org(parents)
    (sheet,) = layout_drawing(drawing, WIDTH, max_height=10 ** 6)
    check_sheet(sheet, WIDTH)
    box = {b.id: b for b in sheet.boxes}
    for i, parent in enumerate(parents, 1):
        if parent:
            child, up = box[f"n{i}"], box[f"n{parent}"]
            assert up.x < child.x < up.right and child.y > up.bottom, (child.id, up.id)
    assert shared_segments(sheet) == []
    # the rows of the first tier hang from one trunk: the root's lines to them share its x
    root_lines = [c for c in sheet.connectors if c.source == "n0"]
    trunk_x = {p[0] for c in root_lines for p in c.points if p[0] < min(b.x for b in sheet.boxes)}
    assert len(trunk_x) == 1


def test_a_family_stands_under_its_own_parent():
    # 总经理 over three departments; the first has two units, the second one: the units of the
    # first are not drawn under the second (whose line would then run down into them)
    (sheet,) = layout_drawing(org([0, 0, 0, 1, 1, 2]), WIDTH, max_height=10 ** 6)
    check_sheet(sheet, WIDTH)
    box = {b.id: b for b in sheet.boxes}
    assert box["n4"].x < box["n1"].cx < box["n5"].right  # each family spans its parent's middle
    assert box["n6"].x < box["n2"].cx < box["n6"].right
    assert box["n5"].cx < box["n2"].cx  # and the first family's units stand left of the second unit's line
    assert shared_segments(sheet) == []
