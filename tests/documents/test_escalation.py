"""The complaint procedure and the emergency plan grade complaints the same way: the
procedure's upper levels are the plan's complaint events with the plan's own thresholds,
leads and reporting, its 重大投诉 is the plan's Ⅲ级, and a regulator's referral is the
same level in both (sskit/standard/emergency.yaml `complaints`)."""
from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

import sskit.view.registers as registers
from sskit.facts import derive_facts
from sskit.markup.ir import Span, Table
from sskit.pipeline import render_document_set
from sskit.profile import read_profile
from sskit.render import TemplateSet
from sskit.standard import load_catalogue, load_data

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = load_catalogue()
PROFILES = sorted((ROOT / "profiles").glob("*.yaml"))
GRADING = "投诉分级与处理要求"


def _render(profile):
    facts = derive_facts(profile, CATALOGUE)
    docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=(), facts=facts,
                               only={"proc-complaint", "emergency-plan"})
    return facts, {d.spec.key: d for d in docs}


def _tables(doc) -> dict[str, list[list[str]]]:
    """Caption -> the body rows as plain cell texts."""
    return {b.caption: [["".join(i.text for i in cell if isinstance(i, Span)) for cell in row] for row in b.rows]
            for b in doc.blocks if isinstance(b, Table)}


def _plan_grading(plan_tables, scenario: str) -> dict[str, dict]:
    rows = plan_tables[f"{scenario}分级标准"]
    return {r[0]: {"when": r[1], "lead": r[2], "report": r[3]} for r in rows}


@pytest.fixture(scope="module", params=PROFILES, ids=lambda p: p.stem)
def example(request):
    profile = read_profile(request.param)
    facts, docs = _render(profile)
    return profile, facts, docs


def test_the_procedure_prints_the_plans_complaint_events_as_the_plan_grades_them(example):
    _, _, docs = example
    procedure, plan = _tables(docs["proc-complaint"]), _tables(docs["emergency-plan"])
    events = [r for r in procedure[GRADING] if r[0].startswith("预案")]
    names = {sc["key"]: sc["name"] for sc in load_data("emergency")["scenarios"]}
    # the complaint scenarios of the company's plan (consumers' or business customers')
    scenarios = [k for k in load_data("emergency")["complaints"]["levels"] if f"{names[k]}分级标准" in plan]
    assert len(scenarios) == 2  # the consumer profiles here: crowds of complaints, and the media
    assert len(events) == 3 * len(scenarios)  # every level of every complaint scenario
    for level, when, lead, report, timing in events:
        m = re.fullmatch(r"预案(Ⅰ级|Ⅱ级|Ⅲ级)：(.+)", level)
        assert m and m[2] in {names[k] for k in scenarios}
        graded = _plan_grading(plan, m[2])[m[1]]
        assert graded["lead"] == lead and graded["report"] == report
        # the plan's Ⅲ级 adds the procedure's 重大投诉, the procedure's own row says so
        assert graded["when"].split("；单个顾客的重大投诉")[0] == when
        assert f"按预案“{m[2]}”的处置步骤和时限执行" in timing
    assert not any("主持的应急处置小组" in cell for row in procedure[GRADING] for cell in row)


def test_a_major_complaint_is_the_plans_third_level_in_both(example):
    profile, facts, docs = example
    procedure, plan = _tables(docs["proc-complaint"]), _tables(docs["emergency-plan"])
    major = next(r for r in procedure[GRADING] if r[0] == "重大投诉")
    third = _plan_grading(plan, "重大投诉或群体性投诉")["Ⅲ级"]
    assert "属预案“重大投诉或群体性投诉”Ⅲ级事件，按本程序升级督办" in major[1]
    assert "单个顾客的重大投诉（判定条件见《顾客投诉处理程序》“投诉分级”）" in third["when"]
    assert major[2] == f"{third['lead']}牵头，服务体系负责人{profile.service_head.name}督办"
    assert third["lead"] == facts.who("complaints")
    assert major[3] == third["report"] == f"服务体系负责人（{profile.service_head.name}）"
    text = docs["emergency-plan"].markdown
    assert f"单个顾客的重大投诉由{third['lead']}按《顾客投诉处理程序》升级督办" in text


def test_a_regulators_referral_is_the_same_level_in_both(example):
    _, _, docs = example
    procedure, plan = _tables(docs["proc-complaint"]), _tables(docs["emergency-plan"])
    graded = _plan_grading(plan, "重大投诉或群体性投诉")
    referred = [level for level, g in graded.items() if "12315" in g["when"]]
    assert referred == ["Ⅱ级"]
    rows = [r for r in procedure[GRADING] if "12315" in r[1]]
    assert [r[0] for r in rows] == ["预案Ⅱ级：重大投诉或群体性投诉"]
    assert rows[0][2] == graded["Ⅱ级"]["lead"]
    # every sentence of the procedure that names 12315 either lists the channel or says Ⅱ级
    text = docs["proc-complaint"].markdown
    for sentence in re.findall(r"[^。\n]*12315[^。\n]*", text):
        assert "Ⅱ级" in sentence or sentence.startswith("- ") or sentence.startswith("| 预案Ⅱ级"), sentence
    assert ("经市场监督管理部门、消费者协会或12315平台转办，或行政部门因投诉立案调查的投诉，"
            f"按《{docs['emergency-plan'].spec.title}》“重大投诉或群体性投诉”Ⅱ级事件处理，由{graded['Ⅱ级']['lead']}牵头") in text


def test_the_flow_and_the_emergency_section_follow_the_grading(example):
    profile, facts, docs = example
    procedure, plan = _tables(docs["proc-complaint"]), _tables(docs["emergency-plan"])
    flow = {r[0]: r for r in procedure["投诉处理流程"]}
    title = f"《{docs['emergency-plan'].spec.title}》"
    assert f"判定一般投诉、重大投诉或{title}的事件级别" in flow["2"][3]
    assert "群体性（媒体曝光）" not in flow["4"][3] and "应急预案事件须升级" in flow["4"][3]
    assert "应急预案事件按“投诉分级”的时限" in flow["5"][4]
    steps = {"重大投诉或群体性投诉": plan["重大投诉或群体性投诉处置步骤"],
             "媒体曝光或网络舆情": plan["媒体曝光或网络舆情处置步骤"]}
    text = docs["proc-complaint"].markdown
    for name, rows in steps.items():
        # the plan's step that reports the event to the service head
        within, who = next((r[1], r[2]) for r in rows if "报告服务体系负责人" in r[3])
        assert f"{name}由{who}在{within}内报告服务体系负责人{profile.service_head.name}" in text
        timings = [r[4] for r in procedure[GRADING] if r[0].endswith(f"：{name}")]
        assert len(timings) == 3 and all(t.startswith(f"{who}{within}内报告，") for t in timings)
    section = text.split("## 群体性投诉和媒体曝光的应急处置")[1].split("\n## ")[0]
    assert f"由{profile.service_head.name}任组长" not in section
    assert "按“投诉分级”表逐级报告" in section


def test_without_the_complaint_scenarios_the_procedure_keeps_its_own_two_levels(monkeypatch):
    data = copy.deepcopy(load_data("emergency"))
    data["scenarios"] = [sc for sc in data["scenarios"] if sc["key"] not in data["complaints"]["levels"]]
    monkeypatch.setattr(registers, "load_data", lambda name: data if name == "emergency" else load_data(name))
    profile = read_profile(ROOT / "profiles" / "huaxia-appliance.yaml")
    facts, docs = _render(profile)
    rows = _tables(docs["proc-complaint"])[GRADING]
    assert [r[0] for r in rows] == ["一般投诉", "重大投诉"]
    assert rows[1][2] == f"{facts.who('complaints')}牵头，服务体系负责人{profile.service_head.name}督办"
    text = docs["proc-complaint"].markdown
    assert "预案Ⅱ级" not in text and "以下简称预案" not in text and "“投诉分级”表为准" not in text
    assert "重大投诉或群体性投诉" not in docs["emergency-plan"].markdown
