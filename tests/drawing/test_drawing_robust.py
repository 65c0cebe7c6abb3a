"""Drawings that push the layout: many lanes, deep or explicitly tiered org charts, and the place
each drawing was found in the Markdown (Drawing.source, for the Markdown writer's links)."""
from __future__ import annotations

import time

import pytest
from lxml import etree

from docx_shapes import arrows_of, read_drawings
from test_drawing_docx import META, schema_errors, wml_schema  # noqa: F401  (a fixture)
from test_drawing_layout import WIDTH, check_sheet
from sskit.drawing.geometry import CJK_WIDTH, PAD_X, SLACK
from sskit.drawing.layout import layout_drawing
from sskit.drawing.org import _tiers
from sskit.markup import parse_markdown
from sskit.markup.flowchart import drawing_from_json
from sskit.markup.ir import Drawing, DrawingEdge, DrawingNode
from sskit.writers.docx import write_docx
from sskit.writers.svg import drawing_svg

LANDSCAPE_WIDTH = 13958
DEPARTMENTS = ["客户服务中心", "售后服务部", "质量管理部", "技术支持部", "备件管理部", "人力资源部", "财务部",
               "营销中心"]


def department(i: int) -> str:
    return DEPARTMENTS[i] if i < len(DEPARTMENTS) else f"华东区域第{i}服务网点"


def many_lanes(lanes: int) -> Drawing:
    """A procedure with a step in every lane, a decision, a loop back and records."""
    names = tuple(department(i) for i in range(lanes))
    count = max(lanes, 6)
    nodes = [DrawingNode("start", "开始", "terminator", names[0])]
    edges = [DrawingEdge("start", "s0")]
    for i in range(count):
        decision = i == 3
        nodes.append(DrawingNode(f"s{i}", "质量是否合格？" if decision else f"第{i + 1}步：登记并处理客户的报修请求",
                                 "decision" if decision else "box", names[i % lanes],
                                 detail="24小时内" if i % 2 else "", records="维修记录单" if i % 3 == 0 else ""))
        if decision:
            edges += [DrawingEdge("s3", "s4", "是"), DrawingEdge("s3", "s1", "否")]
        else:
            edges.append(DrawingEdge(f"s{i}", f"s{i + 1}" if i + 1 < count else "end"))
    nodes.append(DrawingNode("end", "结束", "terminator", names[(count - 1) % lanes]))
    return Drawing("flow", "报修处理流程图", tuple(nodes), tuple(edges), names)


def node_boxes(sheets):
    return [b for sheet in sheets for b in sheet.boxes if b.role == "node"]


@pytest.mark.parametrize("lanes", [3, 8, 15, 40])
def test_lanes_never_get_too_narrow_to_read(lanes):
    drawing = many_lanes(lanes)
    started = time.perf_counter()
    sheets = layout_drawing(drawing, WIDTH)
    assert time.perf_counter() - started < 5
    for sheet in sheets:
        check_sheet(sheet, WIDTH)  # inside the width, no overlap, every text inside its box
    boxes = node_boxes(sheets)
    assert [b.id for b in boxes] == [n.id for n in drawing.nodes]
    for box in boxes:
        if box.shape != "decision":
            assert box.w - 2 * PAD_X - SLACK >= 6 * CJK_WIDTH, (lanes, box.id, box.w)
    headers = [b.text for sheet in sheets for b in sheet.boxes if b.role == "header"]
    if lanes == 3:  # three lanes fit a portrait page: a swimlane chart with their names on top
        assert headers == list(drawing.lanes) * len(sheets)
        lane_of = {b.id: b for b in sheets[0].boxes if b.role == "lane"}
        first = next(b for b in boxes if b.id == "s1")
        assert lane_of["lane2"].x <= first.x and first.right <= lane_of["lane2"].right
    else:  # too many: one column, each step naming its department, the lanes listed nowhere
        assert headers == [] and not any(b.role == "lane" for sheet in sheets for b in sheet.boxes)
        by_id = {b.id: b for b in boxes}
        for node in drawing.nodes:
            box = by_id[node.id]
            if node.shape == "terminator":
                assert box.detail_text == ""
            else:
                assert box.detail_text.split("\n")[0] == f"责任：{node.lane}"
                assert box.detail_text.split("\n")[1:] == ([node.detail] if node.detail else [])
        assert len({b.cx for b in boxes if b.shape != "decision"}) == 1  # one column


def test_six_lanes_fit_a_landscape_page_but_not_a_portrait_one():
    drawing = many_lanes(6)
    wide = layout_drawing(drawing, LANDSCAPE_WIDTH)
    narrow = layout_drawing(drawing, WIDTH)
    assert [b.text for b in wide[0].boxes if b.role == "header"] == list(drawing.lanes)
    assert not any(b.role == "header" for b in narrow[0].boxes)
    for sheet in wide:
        check_sheet(sheet, LANDSCAPE_WIDTH)


def test_a_width_narrower_than_one_lane_gives_a_wider_drawing_never_a_negative_one():
    for width in (0, 500, 1500):
        for sheet in layout_drawing(many_lanes(3), width):
            assert sheet.width > 0
            for box in sheet.boxes:
                assert box.w > 0 and box.h > 0 and box.x >= 0 and box.right <= sheet.width


@pytest.mark.parametrize("lanes", [3, 8, 15, 40])
def test_many_lanes_give_valid_svg_and_docx(lanes, wml_schema):
    drawing = many_lanes(lanes)
    svg = etree.fromstring(drawing_svg(drawing, 415.6).encode())
    assert float(svg.get("width").removesuffix("pt")) == pytest.approx(415.6)
    for rect in svg.iter("{http://www.w3.org/2000/svg}rect"):
        assert int(rect.get("width")) > 0 and int(rect.get("height")) > 0
    texts = {t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")}
    assert "开始" in texts and "结束" in texts
    data = write_docx(META, [drawing])
    assert schema_errors(data, wml_schema) == []
    (read,) = read_drawings(data)
    assert read.texts == [n.text for n in drawing.nodes]
    text = {n.id: n.text for n in drawing.nodes}
    assert sorted(arrows_of(read)) == sorted((text[e.source], text[e.target]) for e in drawing.edges)
    for box in read.nodes:
        assert box.w >= 6 * CJK_WIDTH and box.x >= 0 and box.x + box.w <= read.width


# -- org charts: deep chains and explicit levels ----------------------------------------------------
def chain(depth: int) -> Drawing:
    nodes = tuple(DrawingNode(f"n{i}", f"第{i}级") for i in range(depth))
    edges = tuple(DrawingEdge(f"n{i}", f"n{i + 1}") for i in range(depth - 1))
    return Drawing("org", "组织机构图", nodes, edges)


def test_a_chain_thousands_deep_gets_a_tier_per_node_without_recursion():
    tiers = _tiers(chain(5000))
    assert [[n.id for n in t] for t in tiers] == [[f"n{i}"] for i in range(5000)]
    sheets = layout_drawing(chain(120), WIDTH)
    assert [b.id for s in sheets for b in s.boxes if b.role == "node"] == [f"n{i}" for i in range(120)]


def test_a_cycle_of_parents_still_gets_tiers():
    nodes = tuple(DrawingNode(i, i) for i in "abc")
    edges = (DrawingEdge("a", "b"), DrawingEdge("b", "c"), DrawingEdge("c", "a"))
    tiers = _tiers(Drawing("org", "环", nodes, edges))
    assert [[n.id for n in t] for t in tiers] == [["b"], ["c"], ["a"]]  # cut where the walk up from a closes it


def test_an_explicit_level_is_capped():
    chart = '{"kind": "org", "title": "组织", "nodes": [{"id": "a", "text": "总经理", "level": %d}]}'
    assert drawing_from_json(chart % 50).nodes[0].level == 50
    for level in (51, 1000000, -1):
        with pytest.raises(ValueError, match=r"node 1: level must be 0\.\.50"):
            drawing_from_json(chart % level)
    with pytest.raises(ValueError, match=r"^line 3: .*level must be 0\.\.50"):
        parse_markdown("# 组织\n\n```drawing\n" + chart % 100000000 + "\n```\n")
    started = time.perf_counter()
    with pytest.raises(ValueError, match="level must be 0..50"):  # a Drawing built in code too
        layout_drawing(Drawing("org", "组织", (DrawingNode("a", "总经理", level=10 ** 8),), ()), WIDTH)
    assert time.perf_counter() - started < 1
    deep = Drawing("org", "组织", (DrawingNode("a", "总经理"), DrawingNode("b", "部门", level=50)),
                   (DrawingEdge("a", "b"),))
    (sheet,) = layout_drawing(deep, WIDTH, max_height=10 ** 6)
    check_sheet(sheet, WIDTH)


# -- where the Markdown placed each drawing ------------------------------------------------------------
def test_each_drawing_records_its_lines_in_the_markdown():
    chart = '{"kind": "org", "title": "组织", "nodes": [{"id": "a", "text": "总经理"}]}'
    text = ("# 组织\n\n~~~drawing\n" + chart + "\n~~~\n\n<!-- flowchart -->\nTable: 投诉处理流程\n\n"
            "| 序号 | 环节 | 责任部门 |\n|---|---|---|\n| 1 | 受理 | 客服部 |\n| 2 | 处理 | 技术部 |\n\n正文。\n"
            "- 一项：\n\n  ```drawing\n  " + chart + "\n  ```\n")
    blocks = parse_markdown(text)
    drawings = [b for b in blocks if isinstance(b, Drawing)]
    assert [d.source for d in drawings] == [(2, 5, "replace"), (9, 13, "after")]
    nested = blocks[-1].items[0][1]
    assert isinstance(nested, Drawing) and nested.source == (17, 20, "replace")
    # the place is not part of the drawing's value: the same chart elsewhere is the same drawing
    assert nested == drawings[0] and hash(nested) == hash(drawings[0])
