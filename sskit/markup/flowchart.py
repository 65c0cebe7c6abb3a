"""Markup stage, drawings: the two ways a template places a `Drawing` (sskit/markup/parse.py
calls both).

* `drawing_from_json`: the body of a fenced ```` ```drawing ```` block, JSON with exactly the
  fields of `Drawing` (nodes and edges as objects with the fields of `DrawingNode` /
  `DrawingEdge`; absent optional fields take their defaults).
* `flow_from_table`: the 流程图 of a flow table marked `<!-- flowchart -->`, built from its cells so
  the chart and the table cannot disagree: 环节 (步骤 / 工作步骤) is a step's text, 责任部门
  (责任人 / 责任岗位) its lane, 时限 its detail, 记录 its records; a step ending in "？" is a
  decision whose branches are written `LABEL→第N步` in its row; any other row goes on to the
  next one (or, with an unlabelled `→第N步`, to step N instead) and may add labelled marks
  (`不满意的→第6步`, a loop back).  开始 / 结束 terminators frame the steps.

A malformed block or table is a template bug: ValueError naming it.
"""

from __future__ import annotations

import json
import re
from typing import Optional, Sequence

from .ir import Break, Drawing, DrawingEdge, DrawingNode, Inline, Span, Table

SHAPES = ("box", "group", "decision", "terminator", "note")
_DRAWING_FIELDS = {"kind": str, "title": str, "nodes": list, "edges": list, "lanes": list}
_NODE_FIELDS = {"id": str, "text": str, "shape": str, "lane": str, "level": int, "detail": str, "records": str}
_EDGE_FIELDS = {"source": str, "target": str, "label": str, "style": str}

# column headers (the first name found wins)
_STEP = ("环节", "工作步骤", "步骤")
_OWNER = ("责任部门", "责任岗位", "责任人")
_LIMIT = ("时限",)
_RECORD = ("记录",)
_NUMBER = ("序号",)
# `是→第4步`, `一般投诉→第5步`, `→第6步`: a label of up to 6 characters, then the step number
_MARK = re.compile(r"([^\s→；;，,、。:：？?！!（）()《》<>]{0,6})→\s*第\s*(\d+)\s*步")
_DIGITS = re.compile(r"\d+")


# -- fenced ```drawing blocks -------------------------------------------------------------------
def drawing_from_json(source: str) -> Drawing:
    try:
        data = json.loads(source)
    except json.JSONDecodeError as exc:
        raise ValueError(f"drawing block: not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    if not isinstance(data, dict):
        raise ValueError("drawing block: expected a JSON object with kind, title, nodes, edges and lanes")
    _fields(data, _DRAWING_FIELDS, ("kind", "title", "nodes"), "drawing")
    if data["kind"] not in ("org", "flow"):
        raise ValueError(f"drawing block: kind {data['kind']!r} is not org or flow")
    nodes = []
    for index, item in enumerate(data["nodes"]):
        where = f"drawing {data['title']!r}, node {index + 1}"
        if not isinstance(item, dict):
            raise ValueError(f"{where}: expected an object")
        _fields(item, _NODE_FIELDS, ("id", "text"), where)
        node = DrawingNode(**item)
        if node.shape not in SHAPES:
            raise ValueError(f"{where}: shape {node.shape!r} is not one of {', '.join(SHAPES)}")
        if not 0 <= node.level <= DrawingNode.MAX_LEVEL:
            raise ValueError(f"{where}: level must be 0..{DrawingNode.MAX_LEVEL} (0: the tier follows from "
                             f"the edges), not {node.level}")
        nodes.append(node)
    ids = [n.id for n in nodes]
    if len(set(ids)) != len(ids):
        raise ValueError(f"drawing {data['title']!r}: node ids are not unique")
    edges = []
    for index, item in enumerate(data.get("edges", [])):
        where = f"drawing {data['title']!r}, edge {index + 1}"
        if not isinstance(item, dict):
            raise ValueError(f"{where}: expected an object")
        _fields(item, _EDGE_FIELDS, ("source", "target"), where)
        edge = DrawingEdge(**item)
        if edge.style not in ("solid", "dotted"):
            raise ValueError(f"{where}: style {edge.style!r} is not solid or dotted")
        for end in (edge.source, edge.target):
            if end not in ids:
                raise ValueError(f"{where}: no node has the id {end!r}")
        edges.append(edge)
    lanes = data.get("lanes", [])
    if not all(isinstance(lane, str) for lane in lanes):
        raise ValueError(f"drawing {data['title']!r}: lanes must be strings")
    if not nodes:
        raise ValueError(f"drawing {data['title']!r} has no nodes")
    return Drawing(data["kind"], data["title"], tuple(nodes), tuple(edges), tuple(lanes))


def _fields(data: dict, fields: dict, required: Sequence[str], where: str) -> None:
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise ValueError(f"{where}: unknown field {unknown[0]!r} (fields: {', '.join(fields)})")
    for name in required:
        if name not in data:
            raise ValueError(f"{where}: the field {name!r} is missing")
    for name, value in data.items():
        kind = fields[name]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ValueError(f"{where}: {name} must be a {'number' if kind is int else kind.__name__}, "
                             f"not {value!r}")


# -- flow tables --------------------------------------------------------------------------------
def cell_text(cell: Sequence[Inline]) -> str:
    return "".join(i.text if isinstance(i, Span) else "\n" if isinstance(i, Break) else "" for i in cell).strip()


def _column(header: list[str], names: Sequence[str]) -> Optional[int]:
    for name in names:
        for index, text in enumerate(header):
            if name in text:
                return index
    return None


def flow_from_table(table: Table) -> Drawing:
    """The swimlane 流程图 of a flow table (its caption + 图 is the title)."""
    caption = table.caption or ""
    if not caption:
        raise ValueError("<!-- flowchart -->: the flow table has no `Table:` caption")
    header = [cell_text(c) for c in table.header]
    step_col = _column(header, _STEP)
    if step_col is None:
        raise ValueError(f"flow table {caption!r}: no 环节 / 步骤 column (columns: {'、'.join(header)})")
    owner_col = _column(header, _OWNER)
    limit_col = _column(header, _LIMIT)
    record_col = _column(header, _RECORD)
    number_col = _column(header, _NUMBER)
    if not table.rows:
        raise ValueError(f"flow table {caption!r} has no rows")

    def cell(row, col) -> str:
        return cell_text(row[col]) if col is not None and col < len(row) else ""

    def optional(row, col) -> str:  # a time limit or record cell; "—" / "无" says there is none
        value = cell(row, col)
        return "" if value.strip("—-－/／ ") == "" or value == "无" else value

    numbers: list[int] = []
    for index, row in enumerate(table.rows):
        found = _DIGITS.search(cell(row, number_col))
        numbers.append(int(found.group()) if found else index + 1)
    if len(set(numbers)) != len(numbers):
        raise ValueError(f"flow table {caption!r}: the 序号 column numbers a step twice")
    step_id = {n: f"s{n}" for n in numbers}
    lanes: list[str] = []
    nodes = [None]  # the start terminator goes first once its lane is known
    edges: list[DrawingEdge] = []
    for index, row in enumerate(table.rows):
        number = numbers[index]
        where = f"flow table {caption!r}, row {index + 1} (step {number})"
        text = _MARK.sub("", cell(row, step_col)).strip(" ；;，,")
        if not text:
            raise ValueError(f"{where}: the 环节 cell is empty")
        decision = text.endswith(("？", "?"))
        owners = [o.strip() for o in cell(row, owner_col).split("、") if o.strip()]
        lane = owners[0] if owners else ""
        if owners[1:]:
            text += f"（会同{'、'.join(owners[1:])}）"
        if lane not in lanes:
            lanes.append(lane)
        nodes.append(DrawingNode(step_id[number], text, "decision" if decision else "box", lane,
                                 detail=optional(row, limit_col), records=optional(row, record_col)))
        marks = [(label, int(target)) for c in row for label, target in _MARK.findall(cell_text(c))]
        if decision and not marks:
            raise ValueError(f"{where}: a decision (ending in ？) needs its branches written as "
                             "`是→第N步；否→第M步` in its row")
        for label, target in marks:
            if target not in step_id:
                raise ValueError(f"{where}: `{label}→第{target}步` names a step the table does not have")
        # a row goes on to the next one unless it is a decision or says where it goes instead
        # (an unlabelled `→第N步`); a labelled mark is a further, conditional way on
        if not decision and not any(not label for label, _ in marks):
            following = step_id[numbers[index + 1]] if index + 1 < len(numbers) else "end"
            if not any(step_id[t] == following for _, t in marks):
                edges.append(DrawingEdge(step_id[number], following))
        for label, target in marks:
            edges.append(DrawingEdge(step_id[number], step_id[target], label))
    first, last = nodes[1], nodes[-1]
    nodes[0] = DrawingNode("start", "开始", "terminator", first.lane)
    nodes.append(DrawingNode("end", "结束", "terminator", last.lane))
    edges.insert(0, DrawingEdge("start", first.id))
    return Drawing("flow", caption + "图", tuple(nodes), tuple(edges), tuple(lanes))
