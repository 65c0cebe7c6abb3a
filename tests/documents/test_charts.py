"""The charts of the set (issue 15): each manual carries the 组织机构图, the 售后服务组织机构图
and the 售后服务流程图; each procedure's flow table comes with a swimlane flowchart of exactly
its rows; the outlets are drawn as grouped boxes with counts from the outlet list; no chart
prints a figure the profile does not give."""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from sskit.documents import applicable_specs
from sskit.facts import derive_facts
from sskit.markup.ir import Drawing, Span, Table
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile, read_profile
from sskit.render import TemplateSet
from sskit.standard import load_catalogue
from sskit.writers.docx import write_docx
from sskit.view import charts

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "drawing"))
from bench.generate import build, dump  # noqa: E402
from docx_shapes import read_drawings, shapes_in  # noqa: E402

CATALOGUE = load_catalogue()
EXAMPLES = sorted((ROOT / "profiles").glob("*.yaml"))
MARK = re.compile(r"([^\s→；;，,、。:：？?！!（）()《》<>]{1,6})?→第(\d+)步")  # as sskit.markup.flowchart


def _text(cell) -> str:
    return "".join(i.text for i in cell if isinstance(i, Span))


def _render(profile, keys=None):
    facts = derive_facts(profile, CATALOGUE)
    wanted = keys or {s.key for s in applicable_specs(profile) if s.group == "procedure"} | {"manual",
                                                                                             "job-descriptions"}
    docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=(), facts=facts, only=wanted)
    return facts, {d.spec.key: d for d in docs}


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda p: p.stem)
def example(request):
    profile = read_profile(request.param)
    facts, docs = _render(profile)
    return profile, facts, docs


def _drawings(doc) -> list[Drawing]:
    return [b for b in doc.blocks if isinstance(b, Drawing)]


# --------------------------------------------------------------------------- the manual's charts

def test_each_manual_has_both_org_charts_and_the_service_flowchart(example):
    _, _, docs = example
    manual = docs["manual"]
    assert [(d.kind, d.title) for d in _drawings(manual)] == [
        ("org", "组织机构图"), ("org", "售后服务组织机构图"), ("flow", "售后服务流程图")]
    assert "├─" not in manual.markdown and "└─" not in manual.markdown
    assert [d.title for d in read_drawings(write_docx(manual.meta, manual.blocks))] == [
        "组织机构图", "售后服务组织机构图", "售后服务流程图"]
    # the 岗位职责说明书 shows where the posts sit
    assert [d.title for d in _drawings(docs["job-descriptions"])] == ["组织机构图", "售后服务组织机构图"]


def _expected_parent(profile) -> dict:
    """Department id -> the id it hangs from in the company chart: its parent, or the top
    manager for a top department and for the departments under his own office."""
    roots = [d for d in profile.departments if not d.parent]
    office = roots[0].id if len(roots) == 1 and "management" in roots[0].functions else None
    return {d.id: "top" if not d.parent or d.parent == office else f"d-{d.parent}" for d in profile.departments}


def test_the_company_chart_draws_every_department_under_its_parent_with_its_head(example):
    profile, _, docs = example
    chart = _drawings(docs["manual"])[0]
    nodes = {n.id: n for n in chart.nodes}
    top = profile.company.top_manager
    assert nodes["top"].text == f"{top.title}\n{top.name}"
    edges = {(e.source, e.target): e for e in chart.edges}
    parent = _expected_parent(profile)
    assert len(profile.departments) <= charts.GROUP_ABOVE  # the examples are drawn department by department
    for d in profile.departments:
        node = nodes[f"d-{d.id}"]
        assert node.text == f"{d.name}\n负责人 {d.head}"
        assert node.detail == (f"{d.staff}人" if d.staff is not None else "")
        assert edges[(parent[d.id], f"d-{d.id}")].style == "solid"
    # the 管理者代表: an appointment by the top manager, drawn with a dotted line
    head = profile.service_head
    assert nodes["rep"].text == f"管理者代表\n{head.name}"
    source = "top" if head.reports_to == "top_manager" else f"d-{head.reports_to}"
    assert edges[(source, "rep")].style == "dotted"
    assert len(chart.edges) == len(chart.nodes) - 1  # a tree: one line into every box but the top


def _post_line(post: dict, headcount: dict) -> str:
    """A post as the service chart lists it: with the profile's headcount, or alone."""
    return post["title"] + (f"{headcount[post['key']]}人" if post["key"] in headcount else "")


def test_the_service_chart_prints_only_the_profiles_figures(example):
    profile, facts, docs = example
    chart = _drawings(docs["manual"])[1]
    nodes = {n.id: n for n in chart.nodes}
    posts = charts.service_posts(facts, profile.people.headcount)
    headcount = profile.people.headcount
    assert nodes["rep"].text == f"管理者代表\n{profile.service_head.name}"
    drawn = [d for d in profile.departments if f"d-{d.id}" in nodes]
    assert {facts.who(f) for f in ("customer_service", "repair", "parts", "supervision")} <= {d.name for d in drawn}
    for d in drawn:
        node = nodes[f"d-{d.id}"]
        assert node.text == f"{d.name}\n负责人 {d.head}"
        lines = node.detail.split("\n") if node.detail else []
        if d.staff is not None:
            assert lines.pop(0) == f"共{d.staff}人"
        # its posts, each with the headcount the profile gives, or none
        mine = [p for p in posts if p["department"] == d.id and not p["outlet"]]
        assert lines == [_post_line(p, headcount) for p in mine]
    # the network: its outlets, technicians and the posts at the outlets
    outlets = profile.outlets
    assert nodes["net"].text == f"服务网点\n共{len(outlets)}个"
    assert nodes["net"].detail.split("\n") == [f"持证技术人员{sum(o.technicians for o in outlets)}名"] + [
        _post_line(p, headcount) for p in posts if p["outlet"]]
    # outlets: grouped boxes whose counts add up to the outlet list
    groups = [n for n in chart.nodes if n.shape == "group"]
    counts = [int(re.search(r"(\d+)个$", g.text).group(1)) for g in groups]
    assert sum(counts) == len(outlets) and 0 < len(groups) <= charts.OUTLET_BOXES
    assert all((e.source == "net") == (e.target in {g.id for g in groups}) for e in chart.edges)


def _reachable(chart: Drawing, start: str) -> set[str]:
    out: dict[str, list[str]] = {}
    for e in chart.edges:
        out.setdefault(e.source, []).append(e.target)
    seen, stack = {start}, [start]
    while stack:
        for t in out.get(stack.pop(), ()):
            if t not in seen:
                seen.add(t)
                stack.append(t)
    return seen


def test_the_service_flowchart_follows_the_facts(example):
    _, facts, docs = example
    chart = _drawings(docs["manual"])[2]
    nodes = {n.id: n for n in chart.nodes}
    limits, traits = facts.limits, facts.traits
    assert chart.lanes[1:3] == (facts.who("customer_service"), facts.who("repair"))
    assert {n.lane for n in chart.nodes} == set(chart.lanes)
    assert nodes["dispatch"].detail == limits.response and nodes["dispatch"].lane == facts.who("customer_service")
    assert nodes["fix"].detail == limits.repair and nodes["fix"].lane == facts.who("repair")
    assert nodes["callback"].detail == limits.callback_within
    assert nodes["complaint"].detail == limits.complaint_resolution_within
    assert nodes["complaint"].lane == facts.who("complaints")
    # the company's own way of working: goods taken back when not fixed on site, cars at the
    # store with road rescue where promised, contract equipment with emergency rescue
    assert ("carry" in nodes) == (traits.sells and not traits.car)
    assert nodes["visit"].text == ("接车检查" if traits.car else "上门检测" if traits.sells else "到达现场")
    rescue = nodes.get("rescue")
    if traits.car and traits.rescue:
        assert rescue.text == "道路救援" and limits.rescue[0].start in rescue.detail
    elif not traits.sells and traits.emergency:
        assert rescue.text == "应急救援" and limits.emergency[0].start in rescue.detail
    else:
        assert rescue is None
    # as CX-01: the warranty (contract) question, the quote and the customer's yes to it, and
    # the customer's signature in the customer's lane
    client = chart.lanes[0]
    assert nodes["sign"].lane == client and nodes["sign"].text in ("验收签字", "验车签字", "验收签认")
    assert ("scope" in nodes) == (not traits.car) and nodes["agree"].shape == "decision"
    edges = {(e.source, e.target): e.label for e in chart.edges}
    assert edges[("agree", "fix")] == "同意" and edges[("agree", "decline")] == "不同意"
    assert ("decline", "callback") in edges and ("sign", "callback") in edges
    if not traits.car:
        assert edges[("scope", "fix")] == "是" and edges[("scope", "quote")] == "否"
    # the complaint analysis sits where the complaint procedure puts it
    procedure = _chart_of(docs["proc-complaint"], "投诉处理流程")
    assert nodes["improve"].lane == next(n.lane for n in procedure.nodes if n.text == "分析改进")
    if traits.car and traits.rescue:  # rescued cars: fixed on the spot, else towed to the store
        assert edges[("rescue", "on_spot")] == "" and edges[("on_spot", "callback")] == "能"
        assert edges[("on_spot", "tow")] == "不能" and ("tow", "visit") in edges
        assert {"callback", "visit"} <= _reachable(chart, "rescue")
    # every decision branches at least twice with labels, every box leads on to the end
    for n in chart.nodes:
        out = [e for e in chart.edges if e.source == n.id]
        if n.shape == "decision":
            assert len(out) >= 2 and all(e.label for e in out)
        elif n.id != "end":
            assert out
    assert _reachable(chart, "start") == set(nodes)


# --------------------------------------------------------------------------- the procedures' charts

def _flow_tables(doc):
    """(table, the block after it) for every flow table (a 序号 and 环节 column)."""
    blocks = list(doc.blocks)
    for i, b in enumerate(blocks):
        if isinstance(b, Table) and [_text(c) for c in b.header][:2] == ["序号", "环节"]:
            yield b, blocks[i + 1] if i + 1 < len(blocks) else None


def _expected_flow(table: Table):
    """The steps and arrows a flow table stands for, read from its cells: (steps, arrows) with
    steps [(number, text, lane, decision)] and arrows {(from step, to step, label)}; step 0 is
    开始, -1 结束. A step of several departments sits in the first one's lane (会同 the others)."""
    header = [_text(c) for c in table.header]
    rows = [dict(zip(header, (_text(c) for c in r))) for r in table.rows]
    numbers = [int(r["序号"]) for r in rows]
    assert numbers == list(range(1, len(rows) + 1)), (table.caption, numbers)  # numbered 1..n in order
    steps, arrows = [], {(0, 1, "")}
    for r in rows:
        n, text = int(r["序号"]), r["环节"]
        decision = text.endswith(("？", "?"))
        marks = [(int(step), label or "") for cell in r.values() for label, step in MARK.findall(cell)]
        assert all(1 <= step <= len(rows) for step, _ in marks), (table.caption, text)
        following = n + 1 if n < len(rows) else -1
        if decision:
            assert len(marks) >= 2 and all(label for _, label in marks), (table.caption, text)
        elif not any(not label for _, label in marks) and following not in {step for step, _ in marks}:
            # a row goes on to the next one unless an unlabelled `→第N步` sends it elsewhere
            # (or a labelled mark already names the next step)
            arrows.add((n, following, ""))
        arrows |= {(n, step, label) for step, label in marks}
        lane, *others = r["责任部门"].split("、")
        steps.append((n, text + (f"（会同{'、'.join(others)}）" if others else ""), lane, decision))
    return steps, arrows


def test_each_procedure_flow_table_has_a_flowchart_of_exactly_its_rows(example):
    _, _, docs = example
    procedures = [d for d in docs.values() if d.spec.group == "procedure"]
    assert procedures
    charted = 0
    for doc in procedures:
        for table, after in _flow_tables(doc):
            assert isinstance(after, Drawing) and after.kind == "flow", (doc.spec.key, table.caption)
            assert after.title == f"{table.caption}图"
            steps, arrows = _expected_flow(table)
            ends = [n for n in after.nodes if n.shape == "terminator"]
            boxes = [n for n in after.nodes if n.shape != "terminator"]
            assert [n.text for n in ends] == ["开始", "结束"]
            assert len(boxes) == len(steps), (doc.spec.key, table.caption)
            number = {ends[0].id: 0, ends[1].id: -1}
            for node, (n, text, lane, decision) in zip(boxes, steps):
                assert node.text == text
                assert node.lane == lane and (node.shape == "decision") == decision
                number[node.id] = n
            assert after.lanes == tuple(dict.fromkeys(lane for _, _, lane, _ in steps))
            drawn = {(number[e.source], number[e.target], e.label) for e in after.edges}
            assert drawn == arrows, (doc.spec.key, table.caption)
            charted += 1
    # every procedure is charted, the management review too
    assert {d.spec.key for d in procedures if any(True for _ in _flow_tables(d))} == {d.spec.key for d in procedures}
    assert charted >= len(procedures)


def test_each_procedure_docx_draws_the_boxes_and_arrows_of_its_flow_table(example):
    """Read back from the Word file: the shapes' texts and the arrows between them."""
    _, _, docs = example
    for doc in docs.values():
        if doc.spec.group != "procedure":
            continue
        tables = [t for t, _ in _flow_tables(doc)]
        data = write_docx(doc.meta, doc.blocks)
        drawn = shapes_in(data)
        assert [d.title for d in read_drawings(data)] == [f"{t.caption}图" for t in tables], doc.spec.key
        for table, (texts, arrows) in zip(tables, drawn):
            steps, expected = _expected_flow(table)
            name = {0: "开始", -1: "结束"} | {n: text for n, text, _, _ in steps}
            assert texts == ["开始", *(text for _, text, _, _ in steps), "结束"], (doc.spec.key, table.caption)
            assert Counter(arrows) == Counter((name[a], name[b]) for a, b, _ in expected), (doc.spec.key,
                                                                                            table.caption)


def test_the_branching_procedures_carry_their_decisions(example):
    profile, facts, docs = example
    decisions = {doc.spec.key: [n.text for d in _drawings(doc) for n in d.nodes if n.shape == "decision"]
                 for doc in docs.values() if doc.spec.group == "procedure"}
    traits = facts.traits
    client = "使用单位" if traits.special_equipment else "顾客"
    assert decisions["proc-complaint"] == ["是否重大投诉？", f"{client}是否满意？"]
    assert decisions["proc-capa"] == ["措施是否有效？"]
    assert decisions["proc-outlet"] == ["考核结果？", "整改是否合格？"]
    assert decisions["proc-improvement"] == ["涉及安全或批次性问题？", "是否疑难问题？", "措施是否有效？"]
    assert decisions["proc-callback"] == ["有问题或不满意？", "回访记录是否真实？"]
    assert decisions["proc-document"] == ["评审结论？"]
    car = ["需要道路救援？", "能否现场排除？"] if traits.rescue else []
    expected = (car + ["顾客是否同意维修方案？"] if traits.car else
                ["能否现场修复？", "是否在保修期内？", "顾客是否同意报价？"] if traits.sells else
                ["属于合同或质保范围？", f"{client}是否同意报价？"])
    assert decisions["proc-repair"] == expected + (["顾客是否预约换芯？"] if traits.water else [])
    for key, branches in (("proc-installation", ["安装条件是否具备？"]), ("proc-maintenance", ["发现故障或隐患？"]),
                          ("proc-emergency-rescue", ["能否当场排除故障？"])):
        if key in decisions:
            assert decisions[key] == branches


def _rows(doc, caption: str) -> list[dict]:
    """The rows of the flow table `caption` of a document, as {header: cell text}."""
    tables = [t for t, _ in _flow_tables(doc) if t.caption == caption]
    assert len(tables) == 1, (doc.spec.key, caption, [t.caption for t, _ in _flow_tables(doc)])
    header = [_text(c) for c in tables[0].header]
    return [dict(zip(header, (_text(c) for c in r))) for r in tables[0].rows]


def _chart_of(doc, caption: str) -> Drawing:
    (chart,) = [d for d in _drawings(doc) if d.title == f"{caption}图"]
    return chart


def _edges_by_text(chart: Drawing) -> set[tuple[str, str, str]]:
    text = {n.id: n.text for n in chart.nodes}
    return {(text[e.source], text[e.target], e.label) for e in chart.edges}


def test_the_management_review_has_its_flow_and_chart(example):
    profile, facts, docs = example
    doc = docs["proc-management-review"]
    rows = _rows(doc, "管理评审流程")
    assert [r["环节"] for r in rows] == ["策划与通知", "输入准备", "评审会议", "输出与决议", "措施跟踪", "记录归档"]
    top = profile.company.top_manager
    assert rows[2]["责任部门"] == facts.activities["management_review"].owner == f"{top.title}{top.name}"
    assert rows[3]["责任部门"] == facts.who("service_management")
    # the limits the procedure's own text states, the rest relative to the meeting
    assert [rows[1]["时限"], rows[3]["时限"]] == ["评审前10天", "会后10个工作日内"]
    assert "评审前10天" in doc.markdown and "会议后10个工作日内" in doc.markdown
    assert "管理评审报告" in rows[3]["记录"]
    chart = _chart_of(doc, "管理评审流程")
    assert [n.text for n in chart.nodes if n.shape == "box"][0] == "策划与通知"


def test_the_quality_feedback_flow_branches_on_urgent_and_hard_problems(example):
    _, _, docs = example
    edges = _edges_by_text(_chart_of(docs["proc-improvement"], "信息反馈与改进流程"))
    assert {("涉及安全或批次性问题？", "紧急信息报告", "是"), ("涉及安全或批次性问题？", "汇总分析", "否"),
            ("紧急信息报告", "原因分析", ""), ("是否疑难问题？", "服务研究", "是"),
            ("是否疑难问题？", "制定并实施措施", "否"), ("服务研究", "制定并实施措施", "")} <= edges
    # the urgent report does not run on into the monthly summary
    assert ("紧急信息报告", "汇总分析", "") not in edges


def test_the_callback_is_apart_from_the_periodic_review_and_survey(example):
    _, facts, docs = example
    doc = docs["proc-callback"]
    assert [t.caption for t, _ in _flow_tables(doc)] == ["服务回访流程", "回访复核流程", "满意度调查流程"]
    assert [r["环节"] for r in _rows(doc, "服务回访流程")][-1] == "记录归档"
    assert _rows(doc, "回访复核流程")[0]["时限"] == facts.activities["callback_review"].every
    assert _rows(doc, "满意度调查流程")[1]["时限"] == facts.activities["satisfaction_survey"].at_least


def test_document_control_reviews_and_approves_apart_and_changes_go_back(example):
    _, facts, docs = example
    doc = docs["proc-document"]
    rows = _rows(doc, "文件控制流程")
    by_step = {r["环节"]: r for r in rows}
    assert by_step["审核"]["责任部门"] == facts.approval.reviewer
    assert by_step["批准"]["责任部门"] == facts.approval.approver
    edges = _edges_by_text(_chart_of(doc, "文件控制流程"))
    assert {("审核", "批准", ""), ("评审结论？", "更改申请", "需更改"), ("更改申请", "编制", ""),
            ("评审结论？", "作废与回收", "需废止")} <= edges
    assert not any(source == "更改申请" and target != "编制" for source, target, _ in edges)
    assert [r["环节"] for r in _rows(doc, "记录控制流程")] == ["记录填写", "记录保存", "记录处置"]


def test_a_refused_quote_and_an_unsatisfied_complaint_have_their_way_out(example):
    _, facts, docs = example
    client = "使用单位" if facts.traits.special_equipment else "顾客"
    repair = _drawings(docs["proc-repair"])[0]
    agree = [n for n in repair.nodes if n.shape == "decision" and "同意" in n.text]
    assert len(agree) == 1
    out = {e.label: e.target for e in repair.edges if e.source == agree[0].id}
    assert set(out) == {"同意", "不同意"}
    assert "回访" in {n.text for n in repair.nodes if n.id in _reachable(repair, out["不同意"])}
    complaint = _chart_of(docs["proc-complaint"], "投诉处理流程")
    edges = _edges_by_text(complaint)
    assert {(f"{client}是否满意？", "结案归档", "满意"), (f"{client}是否满意？", "调查核实", "不满意"),
            (f"{client}是否满意？", "外部调解", "协商不成"), ("外部调解", "结案归档", "")} <= {
        (a.split("（会同")[0], b.split("（会同")[0], label) for a, b, label in edges}
    mediation = next(r for r in _rows(docs["proc-complaint"], "投诉处理流程") if r["环节"] == "外部调解")
    assert "市场监督管理部门" in mediation["工作要求"]
    outlet = _edges_by_text(_chart_of(docs["proc-outlet"], "服务网点管理流程"))
    assert {label for source, _, label in outlet if source == "考核结果？"} == {"优秀或合格", "限期整改", "不合格"}


def test_the_procedures_take_their_limits_and_approvers_from_the_facts(example):
    profile, facts, docs = example
    limits = facts.limits
    parts = {r["环节"]: r for r in _rows(docs["proc-parts"], "备件管理流程")}
    assert parts["申领发放"]["时限"] == (limits.parts_delivery or limits.repair)
    top = profile.company.top_manager
    info = docs["proc-product-info"]
    (table,) = [t for t, _ in _flow_tables(info)]
    rows = _rows(info, table.caption)
    approve = next(r for r in rows if r["环节"] == "批准")
    assert approve["责任部门"] == f"{top.title}{top.name}"
    assert f"服务体系负责人{profile.service_head.name}审核" in "".join(r["工作要求"] for r in rows)
    if "proc-installation" in docs:
        install = _rows(docs["proc-installation"], "安装调试流程")
        assert install[1]["环节"] == "派工预约"
        assert install[1]["时限"] == f"受理报装后{limits.response_duration}内" == limits.installation_response


def test_only_the_water_purifier_has_the_filter_replacement_flow(example):
    _, facts, docs = example
    doc = docs["proc-repair"]
    titles = [d.title for d in _drawings(doc)]
    if not facts.traits.water:
        assert "定期换芯服务流程图" not in titles and "换芯" not in doc.markdown
        return
    rows = _rows(doc, "定期换芯服务流程")
    assert [r["环节"] for r in rows] == ["换芯提醒", "顾客是否预约换芯？", "预约派工", "上门换芯", "水质检测", "回访",
                                       "台账登记"]
    records = "、".join(r["记录"] for r in rows)
    assert {"滤芯更换记录", "换芯提醒台账", "水质检测报告"} <= set(records.split("、"))
    chart = _chart_of(doc, "定期换芯服务流程")
    assert _edges_by_text(chart) >= {("上门换芯", "水质检测", ""), ("顾客是否预约换芯？", "台账登记", "暂不更换")}


# --------------------------------------------------------------------------- a large network

@pytest.fixture(scope="module")
def k2():
    profile = parse_profile(dump(build("K2")))
    facts, docs = _render(profile, {"manual"})
    return profile, facts, docs["manual"]


def test_a_large_company_chart_groups_alike_departments(k2):
    profile, facts, manual = k2
    chart = _drawings(manual)[0]
    assert len(profile.departments) == 40
    groups = [n for n in chart.nodes if n.shape == "group"]
    assert groups and len(chart.nodes) <= 2 + len(profile.departments) - sum(
        int(re.search(r"(\d+)个部门", g.text).group(1)) - 1 for g in groups)
    # every department stands in the chart: in its own box or as a member of its group's
    named = [n.text.split("\n")[0] for n in chart.nodes]
    for column in facts.matrix_columns:
        if len(column.members) > 1:
            assert column.name in named
        else:
            assert profile.departments[[d.id for d in profile.departments].index(column.members[0])].name in named


def test_two_thousand_outlets_are_at_most_twelve_boxes_with_their_counts(k2):
    profile, _, manual = k2
    chart = _drawings(manual)[1]
    groups = [n for n in chart.nodes if n.shape == "group"]
    assert len(profile.outlets) == 2000
    assert 1 < len(groups) <= 12
    assert sum(int(re.search(r"(\d+)个$", g.text).group(1)) for g in groups) == 2000
    provinces = Counter(o.province for o in profile.outlets)
    for g in groups:
        name, count = g.text.split("\n")
        assert provinces[name] == int(count[:-1])


def test_outlets_in_many_provinces_share_one_box_beyond_twelve():
    outlets = [{"province": f"省{i:02d}", "kind": "特约" if i % 2 else "直营", "city": "市"}
               for i in range(15) for _ in range(i + 1)]
    groups = charts.outlet_groups(outlets)
    assert len(groups) == charts.OUTLET_BOXES
    assert [g["count"] for g in groups[:3]] == [15, 14, 13]  # the largest provinces first
    assert groups[-1]["text"] == "其他4个省份\n10个" and groups[-1]["count"] == 1 + 2 + 3 + 4
    assert sum(g["count"] for g in groups) == len(outlets)
    # few provinces: by kind
    few = charts.outlet_groups([{"province": "江苏省", "kind": k, "city": c}
                                for k, c in (("直营", "南京市"), ("特约", "苏州市"), ("直营", "无锡市"))])
    assert few == [{"text": "直营网点\n2个", "count": 2}, {"text": "特约网点\n1个", "count": 1}]

