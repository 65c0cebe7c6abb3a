"""Drawings in the Markdown: fenced ```drawing blocks, the `drawing` template filter, and
`<!-- flowchart -->` flow tables turned into swimlane charts."""
from __future__ import annotations

import pytest

from sskit.markup import parse_markdown
from sskit.markup.flowchart import flow_from_table
from sskit.markup.ir import Drawing, DrawingEdge, DrawingNode, Paragraph, Table
from sskit.render import TemplateSet

FLOW_MD = """# 投诉处理

<!-- flowchart -->
Table: 投诉处理流程

| 序号 | 环节 | 责任部门 | 时限 | 记录 | 说明 |
|---|---|---|---|---|---|
| 1 | 受理投诉 | 客服中心 | 即时 | 客户投诉登记表 | 登记来电 |
| 2 | 投诉分级？ | 客服中心、质量部 | 2小时内 | | 一般投诉→第3步；重大投诉→第4步 |
| 3 | 一般投诉处理 | 售后服务部 | 24小时内 | 处理记录 | →第5步 |
| 4 | 重大投诉处理 | 总经理 | 48小时内 | 处理记录 | |
| 5 | 回访确认 | 客服中心 | 3天内 | 回访记录 | 不满意的→第2步 |

后文。
"""


def _flow(md: str = FLOW_MD) -> tuple[Table, Drawing]:
    blocks = parse_markdown(md)
    tables = [b for b in blocks if isinstance(b, Table)]
    drawings = [b for b in blocks if isinstance(b, Drawing)]
    assert len(tables) == len(drawings) == 1
    assert blocks.index(drawings[0]) == blocks.index(tables[0]) + 1  # the chart right after its table
    return tables[0], drawings[0]


def test_a_fenced_drawing_block_is_a_drawing_with_defaults():
    md = ('```drawing\n{"kind": "org", "title": "组织机构图", "nodes": [{"id": "gm", "text": "总经理\\n张明"}, '
          '{"id": "q", "text": "质量部", "detail": "3人", "shape": "group"}], '
          '"edges": [{"source": "gm", "target": "q", "style": "dotted"}]}\n```\n')
    (drawing,) = parse_markdown(md)
    assert drawing == Drawing("org", "组织机构图",
                              (DrawingNode("gm", "总经理\n张明"), DrawingNode("q", "质量部", "group", detail="3人")),
                              (DrawingEdge("gm", "q", style="dotted"),), ())


def test_a_code_block_of_another_language_stays_code():
    (block,) = parse_markdown("```json\n{}\n```\n")
    assert isinstance(block, Paragraph) and block.inlines[0].code


def test_the_template_filter_writes_a_block_the_parser_reads_back():
    chart = {"kind": "flow", "title": "报修流程图", "lanes": ["客服中心", "维修站"],
             "nodes": [{"id": "a", "text": "受理`报修`", "lane": "客服中心", "records": "《报修单》"},
                       {"id": "b", "text": "维修？", "shape": "decision", "lane": "维修站", "detail": "24小时"}],
             "edges": [{"source": "a", "target": "b", "label": "是"}]}
    env = TemplateSet().env
    text = env.from_string("前文\n\n{{ chart | drawing }}\n\n后文\n").render(chart=chart)
    assert text == env.from_string("前文\n\n{{ chart | drawing }}\n\n后文\n").render(chart=dict(reversed(chart.items())))
    blocks = parse_markdown(text)
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Drawing", "Paragraph"]
    drawing = blocks[1]
    assert drawing.lanes == ("客服中心", "维修站")
    assert drawing.nodes[0] == DrawingNode("a", "受理`报修`", lane="客服中心", records="《报修单》")
    assert drawing.nodes[1].shape == "decision" and drawing.edges == (DrawingEdge("a", "b", "是"),)


@pytest.mark.parametrize("body, message", [
    ("{not json", "not JSON"),
    ('{"kind": "org", "title": "t", "nodes": [{"id": "a", "text": "x", "shape": "hexagon"}], "edges": []}',
     "shape 'hexagon'"),
    ('{"kind": "tree", "title": "t", "nodes": [{"id": "a", "text": "x"}], "edges": []}', "kind 'tree'"),
    ('{"kind": "org", "title": "t", "nodes": [{"id": "a", "text": "x", "colour": "red"}], "edges": []}',
     "unknown field 'colour'"),
    ('{"kind": "org", "title": "t", "nodes": [{"id": "a", "text": "x"}], "edges": [{"source": "a", "target": "b"}]}',
     "no node has the id 'b'"),
    ('{"kind": "org", "title": "t", "nodes": [{"id": "a", "text": 3}], "edges": []}', "text must be a str"),
    ('{"kind": "org", "title": "t", "nodes": [], "edges": []}', "has no nodes"),
])
def test_a_bad_drawing_block_is_a_template_bug(body, message):
    with pytest.raises(ValueError, match="line 3: .*" + message.replace("(", r"\(")):
        parse_markdown(f"前文\n\n```drawing\n{body}\n```\n")


def test_the_flowchart_directive_adds_the_tables_chart():
    table, drawing = _flow()
    assert table.caption == "投诉处理流程"
    assert drawing.kind == "flow" and drawing.title == "投诉处理流程图"
    assert drawing.lanes == ("客服中心", "售后服务部", "总经理")
    nodes = {n.id: n for n in drawing.nodes}
    assert [n.id for n in drawing.nodes] == ["start", "s1", "s2", "s3", "s4", "s5", "end"]
    assert nodes["start"] == DrawingNode("start", "开始", "terminator", "客服中心")
    assert nodes["end"] == DrawingNode("end", "结束", "terminator", "客服中心")
    assert nodes["s1"] == DrawingNode("s1", "受理投诉", "box", "客服中心", detail="即时", records="客户投诉登记表")
    # several departments: the first one's lane, the others named in the box
    assert nodes["s2"] == DrawingNode("s2", "投诉分级？（会同质量部）", "decision", "客服中心", detail="2小时内")
    assert set(drawing.edges) == {
        DrawingEdge("start", "s1"), DrawingEdge("s1", "s2"),
        DrawingEdge("s2", "s3", "一般投诉"), DrawingEdge("s2", "s4", "重大投诉"),  # the decision's branches only
        DrawingEdge("s3", "s5"),  # an unlabelled mark replaces the way to the next row
        DrawingEdge("s4", "s5"),
        DrawingEdge("s5", "end"), DrawingEdge("s5", "s2", "不满意的"),  # a labelled mark adds a loop back
    }
    assert len(drawing.edges) == 8


def test_the_table_keeps_its_text_with_the_marks():
    table, _ = _flow()
    assert table.rows[1][5][0].text == "一般投诉→第3步；重大投诉→第4步"
    assert table.rows[4][5][0].text == "不满意的→第2步"


def test_without_a_number_column_the_rows_are_steps_1_to_n():
    md = ("<!-- flowchart -->\nTable: 报修流程\n\n| 工作步骤 | 责任岗位 |\n|---|---|\n"
          "| 报修 | 客服 |\n| 可修复？ | 维修工 |\n| 修复 | 维修工 |\n")
    with pytest.raises(ValueError, match="报修流程.*row 2"):
        parse_markdown(md)
    _, drawing = _flow(md.replace("| 可修复？ | 维修工 |", "| 可修复？是→第3步；否→第1步 | 维修工 |"))
    assert [n.text for n in drawing.nodes] == ["开始", "报修", "可修复？", "修复", "结束"]
    assert DrawingEdge("s2", "s1", "否") in drawing.edges and DrawingEdge("s2", "s3", "是") in drawing.edges


@pytest.mark.parametrize("md, message", [
    (FLOW_MD.replace("一般投诉→第3步；重大投诉→第4步", "视情况处理"), r"投诉处理流程.*row 2 \(step 2\).*是→第N步"),
    (FLOW_MD.replace("不满意的→第2步", "不满意的→第9步"), r"row 5.*第9步.*does not have"),
    (FLOW_MD.replace("| 3 | 一般", "| 2 | 一般"), "numbers a step twice"),
    (FLOW_MD.replace("Table: 投诉处理流程\n", ""), "must stand right before"),
    (FLOW_MD.replace("<!-- flowchart -->\nTable", "<!-- flowchart -->\n\n正文。\n\nTable"), "must stand right before"),
    (FLOW_MD.replace("| 序号 | 环节 |", "| 序号 | 内容 |"), "no 环节"),
    ("# 标题\n\n<!-- flowchart -->\n", "must stand right before"),
])
def test_bad_flow_marks_are_template_bugs(md, message):
    with pytest.raises(ValueError, match=message):
        parse_markdown(md)


def test_flow_from_table_needs_a_caption():
    table, _ = _flow()
    with pytest.raises(ValueError, match="no `Table:` caption"):
        flow_from_table(Table(table.header, table.rows, table.align, None))
