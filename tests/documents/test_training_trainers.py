"""Who teaches the 年度培训计划's courses: the profile's trainers first, then the people the profile
qualifies (the head of the department owning a course's subject, the certified 售后服务管理师 the
任命书 appoints, the heads of the other departments doing the work) under the same load rule; the
training department arranges a course, and SS505 asks for a trainer, only when nobody qualified
is left. PX-01, RM-01 and GW-01 give a person the same post."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from sskit.compliance import run_checks
from sskit.facts import derive_facts
from sskit.markup.ir import Span, Table
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile, parse_profile_with_source
from sskit.render import TemplateSet
from sskit.standard import load_catalogue
from sskit.standard.statutory import load_statutory
from sskit.view.training import (HANDS_ON, MAX_COURSES_PER_TRAINER, Course, build_plan, generated, qualified_people,
                                 _qualified_tiers)

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.generate import build, dump  # noqa: E402

CATALOGUE = load_catalogue()
COMPLIANT = (ROOT / "tests" / "fixtures" / "compliant.yaml").read_text(encoding="utf-8")
CERTIFIED = {"name": "石晓岚", "certificate": "SHFW-2025-330100-0999", "department": "d011"}


def _cells(row) -> list[str]:
    return ["".join(i.text for i in cell if isinstance(i, Span)) for cell in row]


def _table(doc, caption: str) -> list[dict]:
    table = next(b for b in doc.blocks if isinstance(b, Table) and (b.caption or "").startswith(caption))
    header = _cells(table.header)
    return [dict(zip(header, _cells(row))) for row in table.rows]


def _render(text: str, name: str = "p.yaml"):
    profile, source = parse_profile_with_source(text, name)
    facts = derive_facts(profile, CATALOGUE)
    docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=(), facts=facts,
                               only={"training", "appointments", "job-descriptions"})
    return profile, source, facts, {d.spec.key: d for d in docs}


@pytest.fixture(scope="module")
def large():
    """The bench's M company: one trainer for 40 departments, and one certified manager who is no
    department head and not on the trainer list."""
    data = build("M")
    data["people"] = {"service_managers": [CERTIFIED]}
    return _render(dump(data), "M.yaml")


def _arranged(profile, facts) -> str:
    return f"{facts.activities['training_plan'].owner}选派"


def test_when_the_trainers_are_full_the_qualified_people_teach_and_nothing_is_left_to_arrange(large):
    profile, source, facts, docs = large
    rows = _table(docs["training"], "2026年度培训计划表")
    load = Counter(r["讲师"] for r in rows)
    (only,) = profile.training.trainers
    assert load[only.name] == MAX_COURSES_PER_TRAINER
    assert _arranged(profile, facts) not in load and "选派" not in docs["training"].markdown
    heads = {d.head for d in profile.departments}
    assert set(load) - {only.name} <= heads | {CERTIFIED["name"]}
    assert max(load.values()) <= MAX_COURSES_PER_TRAINER
    assert load[CERTIFIED["name"]] >= 1
    result = run_checks(profile, source, CATALOGUE, load_statutory(), facts=facts)
    assert not [f for f in result.findings if f.rule == "SS505"]


def test_the_trainer_list_names_every_teacher_with_their_post_and_load(large):
    profile, _, facts, docs = large
    rows = _table(docs["training"], "2026年度培训计划表")
    load = Counter(r["讲师"] for r in rows)
    listed = {r["姓名"]: r for r in _table(docs["training"], "培训讲师名单")}
    assert {name: int(r["本年授课（项）"]) for name, r in listed.items()} == dict(load)
    depts = {d.head: d for d in profile.departments}
    added = [name for name in listed if name != profile.training.trainers[0].name]
    for name in added:
        row = listed[name]
        assert row["类别"] == "内部讲师"
        if name == CERTIFIED["name"]:
            assert row["职务"] == "售后服务管理师" and row["所在单位"] == "售后服务管理11科"
        else:  # a department head, named as the 岗位职责说明书 names a head
            assert row["职务"] == f"{depts[name].name}负责人" and row["所在单位"] == depts[name].name
    assert f"名单中的{'、'.join(added)}按本计划的讲师安排原则增补为内部讲师" in docs["training"].markdown


def test_the_subject_owner_takes_a_hands_on_course_and_nobody_outside_the_work_does(large):
    profile, _, facts, docs = large
    rows = {r["培训项目"]: r for r in _table(docs["training"], "2026年度培训计划表")}
    # the trainer of the service department neither fits nor may demonstrate installation
    assert rows["安装调试规范"]["方式"] in HANDS_ON
    assert rows["安装调试规范"]["讲师"] == facts.function_owner["installation"].head
    by_head = {d.head: d for d in profile.departments}
    for row in rows.values():
        if row["方式"] in HANDS_ON and row["讲师"] != profile.training.trainers[0].name:
            assert {"repair", "technical_support", "installation"} & set(by_head[row["讲师"]].functions), row


def test_the_certified_manager_appointed_in_rm01_teaches_under_the_same_name(large):
    _, _, _, docs = large
    appointed = {r["姓名"]: r for r in _table(docs["appointments"], "售后服务管理师")}
    assert appointed[CERTIFIED["name"]]["所在部门"] == "售后服务管理11科"
    listed = {r["姓名"]: r for r in _table(docs["training"], "培训讲师名单")}
    assert listed[CERTIFIED["name"]]["所在单位"] == appointed[CERTIFIED["name"]]["所在部门"]
    assert "售后服务管理师" in docs["job-descriptions"].markdown


def test_the_plan_states_the_rule_and_names_the_certified_managers_only_when_there_are_any(large):
    text = large[3]["training"].markdown
    assert ("每名讲师每年承担的培训项目不超过6项；讲师名单中适合讲授某项培训的讲师授课量已满的，依次由该项培训所涉业务的"
            "主责部门负责人、承担该业务的部门中的持证售后服务管理师、承担该业务的其他部门负责人和其他持证售后服务管理师"
            "（现场实操和师带徒项目除外）讲授，每人同样不超过6项。") in text
    _, _, _, docs = _render(dump(build("S")), "S.yaml")
    assert ("依次由该项培训所涉业务的主责部门负责人、承担该业务的其他部门负责人讲授，每人同样不超过6项。"
            in docs["training"].markdown)


# --------------------------------------------------------------------------- nobody left

# 陈立 is the one trainer and heads every department doing repairs; six programmes of his own fill
# his year; the certified 孙浩 works in sales. Nobody may demonstrate the repair skills course.
NOBODY_LEFT = [
    ("    - {name: 郑凯, title: 技术部经理, department: tech, topics: [产品结构与维修, 安装规范]}\n", ""),
    ("    - {name: 吴芳, title: 质量部经理, department: quality, topics: [服务质量监督, 安全作业]}\n", ""),
    ("    head: 郑凯\n", "    head: 陈立\n"),
    ("{name: 孙浩, certificate: SSM-2025-330100-0117, department: service}",
     "{name: 孙浩, certificate: SSM-2025-330100-0117, department: sales}"),
    ("  incentives:", "  programmes:\n" + "".join(
        f"    - {{name: 客服专题{i}, content: 典型来电复盘, month: {i + 2}, hours: 2, audience: [customer_service],"
        f" trainer: 陈立}}\n"
        for i in range(MAX_COURSES_PER_TRAINER)) + "  incentives:"),
]


def _mutated(replacements) -> str:
    text = COMPLIANT
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_a_course_nobody_qualified_can_take_is_arranged_and_checked():
    profile, source, facts, docs = _render(_mutated(NOBODY_LEFT))
    rows = {r["培训项目"]: r for r in _table(docs["training"], "2026年度培训计划表")}
    arranged = _arranged(profile, facts)
    assert rows["维修技能实操"]["讲师"] == arranged
    assert [n for n, r in rows.items() if r["讲师"] == arranged] == ["维修技能实操"]
    assert Counter(r["讲师"] for r in rows.values())["陈立"] == MAX_COURSES_PER_TRAINER
    assert "孙浩" in {r["讲师"] for r in rows.values()}  # a lecture is his to teach
    assert (f"讲师栏为“{arranged}”的1项培训，现有讲师和按上述原则可以讲授的人员授课量均已达上限或不适合讲授"
            in docs["training"].markdown)
    result = run_checks(profile, source, CATALOGUE, load_statutory(), facts=facts)
    (finding,) = [f for f in result.findings if f.rule == "SS505"]
    assert "维修技能实操1项培训没有讲师" in finding.message


def test_the_same_profile_with_its_trainers_arranges_nothing():
    profile = parse_profile(COMPLIANT, "compliant.yaml")
    plan = build_plan(profile, derive_facts(profile, CATALOGUE))
    assert plan.unassigned == [] and plan.teachers == []  # its own trainers suffice: nobody is added
    names = {t.name for t in profile.training.trainers}
    assert {c.trainer for c in plan.courses} <= names


# --------------------------------------------------------------------------- the rule itself

def test_the_qualified_people_are_the_certified_managers_then_the_heads_each_once_and_never_a_trainer():
    profile = parse_profile(COMPLIANT, "compliant.yaml")
    people = qualified_people(profile)
    # 陈立, 吴芳 and 郑凯 head departments but are on the trainer list already
    assert [(p.name, p.title, p.unit, p.certified) for p in people] == [
        ("孙浩", "售后服务管理师", "客户服务部", True),
        ("周启明", "总经理", "总经理办公室", False),
        ("何静", "综合管理部负责人", "综合管理部", False),
        ("林涛", "销售部负责人", "销售部", False),
    ]


def test_the_offer_goes_owner_then_certified_at_the_work_then_other_heads_then_any_certified():
    profile = parse_profile(COMPLIANT, "compliant.yaml")
    facts = derive_facts(profile, CATALOGUE)
    people = qualified_people(profile)

    def offer(course: Course) -> list[list[str]]:
        return [[p.name for p in tier] for tier in _qualified_tiers(profile, facts, course, people)]

    lecture = generated("销售服务条款", "内容", ("sales",), 4, 5, "课堂讲授", "笔试", functions=("sales", "hr"))
    # 林涛 heads sales, 何静 hr, in the order of the functions; no other department does the work;
    # 孙浩 (客户服务部) is offered a lecture last
    assert offer(lecture) == [["林涛"], ["何静"], [], [], ["孙浩"]]
    practical = generated("维修实操", "内容", ("technician",), 8, 5, "现场实操", "实操考核",
                          functions=("repair", "technical_support"))
    # the owners of repair (客户服务部) and technical support (技术部) are trainers already;
    # 孙浩 works where repairs are done; nobody from outside the work demonstrates it
    assert offer(practical) == [[], [], ["孙浩"], []]
    # a subject named by an activity belongs to who runs it (responsibilities.activities may move it)
    owned = generated("法规更新解读", "内容", ("customer_service",), 4, 5, "课堂讲授", "笔试",
                      subject=("activity:law_review",))
    assert facts.activities["law_review"].owner_id == "admin" and offer(owned) == [["何静"], [], [], ["孙浩"]]
    # the management review is the top manager's own: no department owns it
    reviewed = generated("管理评审输入", "内容", ("management",), 4, 5, "案例研讨", "岗位考核",
                         subject=("activity:management_review",))
    assert facts.activities["management_review"].owner_id is None and offer(reviewed) == [[], [], ["孙浩"]]


def test_the_plan_is_the_same_every_time(large):
    profile, _, facts, _ = large
    first, second = build_plan(profile, facts), build_plan(profile, facts)
    assert [(c.name, c.trainer) for c in first.courses] == [(c.name, c.trainer) for c in second.courses]
    assert [p.name for p in first.teachers] == [p.name for p in second.teachers]
