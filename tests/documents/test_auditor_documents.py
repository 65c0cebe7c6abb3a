"""The documents an auditor asks for: each is filled from the profile and the facts,
and agrees with the documents it shares a statement with."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sskit.facts import derive_facts
from sskit.markup.ir import Span, Table
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile, read_profile
from sskit.render import TemplateSet
from sskit.standard import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = load_catalogue()
HUAXIA = ROOT / "profiles" / "huaxia-appliance.yaml"
CHENGYUN = ROOT / "profiles" / "chengyun-auto.yaml"
QINGQUAN = ROOT / "profiles" / "qingquan-water.yaml"
COMPLIANT = ROOT / "tests" / "fixtures" / "compliant.yaml"


def _set(profile, formats=()):
    facts = derive_facts(profile, CATALOGUE)
    docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=formats, facts=facts)
    return facts, {d.spec.key: d for d in docs}


def _rows(doc, caption):
    """The table's header row, then its body rows, as plain cell texts."""
    table = next(b for b in doc.blocks if isinstance(b, Table) and b.caption == caption)
    return [["".join(i.text for i in cell if isinstance(i, Span)) for cell in row]
            for row in (table.header, *table.rows)]


@pytest.fixture(scope="module", params=[HUAXIA, CHENGYUN, QINGQUAN], ids=lambda p: p.stem)
def example(request):
    profile = read_profile(request.param)
    return (profile, *_set(profile))


def test_the_pledge_states_the_manuals_commitments_word_for_word(example):
    _, _, docs = example
    pledge = _rows(docs["pledge"], "服务承诺")
    manual = _rows(docs["manual"], "服务承诺一览")
    assert pledge == manual and len(pledge) > 12
    text = docs["pledge"].markdown
    assert "（签字）" in text and "（盖章）" in text


def test_targets_come_from_the_profile_and_the_published_satisfaction(example):
    profile, facts, docs = example
    rows = {r[1]: r for r in _rows(docs["targets"], f"{profile.training.year}年度售后服务目标")[1:]}
    assert rows["顾客满意度"][2] == f"≥{profile.commitments.satisfaction_target:g}%"
    for key, value in profile.targets.items():
        target = facts.target(key)
        if target is not None:
            assert target.declared and target.value == value
            assert rows[target.label][2] in (f"≥{value:g}%", "100%")
    assert rows["报修响应及时率"][3] == facts.limits.response + "与顾客联系"


def test_a_dealer_without_a_parts_time_or_onsite_visits_is_not_measured_on_them():
    facts, _ = _set(read_profile(CHENGYUN))
    keys = {t.key for t in facts.targets}
    assert "rescue_on_time" in keys and "onsite_on_time" not in keys
    assert ("parts_on_time" in keys) == bool(facts.limits.parts_delivery)


def test_default_targets_are_reported_and_a_conflicting_satisfaction_warns():
    text = COMPLIANT.read_text(encoding="utf-8")
    text = re.sub(r"targets: \{[^}]*\}\n", "targets: {satisfaction: 90}\n", text, flags=re.S)
    facts = derive_facts(parse_profile(text, "p.yaml"), CATALOGUE)
    infos = [d for d in facts.decisions if d.severity == "info" and "默认值" in d.message]
    assert infos and "一次修复率90%" in infos[0].message
    warnings = [d for d in facts.decisions if d.severity == "warning" and d.path == ("targets", "satisfaction")]
    assert warnings and "95%" in warnings[0].message
    assert facts.target("satisfaction").value == 95


def test_job_descriptions_use_the_facts_time_limits_and_targets(example):
    profile, facts, docs = example
    text = docs["job-descriptions"].markdown
    assert facts.limits.complaint_response in text and facts.limits.callback_within in text
    shown = set(re.findall(r"([\u4e00-\u9fff]+率|顾客满意度)(≥[\d.]+%|100%)", text))
    assert shown and all(facts.target(next(t.key for t in facts.targets if t.label == label)).shown == value
                         for label, value in shown)
    if facts.traits.car:
        assert "服务顾问" in text and "安装技术员" not in text
    else:
        assert "服务顾问" not in text and "安装技术员" in text
    for key, count in profile.people.headcount.items():
        assert f"{count}人" in text


def test_posts_report_to_their_own_departments_head():
    _, docs = _set(read_profile(HUAXIA))
    rows = {r[1]: r for r in _rows(docs["job-descriptions"], "岗位一览")[1:]}
    assert rows["热线客服专员"][2] == "客户服务中心（呼叫中心）"
    assert rows["热线客服专员"][3] == "客户服务中心（呼叫中心）负责人（方晓琳）"
    assert rows["服务监督员"][3] == "服务监督科负责人（夏文静）"  # independent of the service execution
    assert rows["维修技术员"][2] == "服务网点（售后服务部归口管理）"
    assert rows["售后服务管理师"][2:4] == ["各服务部门（兼任）", "按本人主岗位的汇报关系"]


def test_appointments_name_the_people_or_appoint_the_supervision_department():
    profile = read_profile(HUAXIA)
    _, docs = _set(profile)
    text = docs["appointments"].markdown
    for person in profile.people.service_managers:
        assert f"| {person.name} |" in text and person.certificate in text
    assert "服务监督员任命书" in text
    bare = parse_profile(HUAXIA.read_text(encoding="utf-8").split("\npeople:")[0] + "\n", "bare.yaml")
    facts, docs = _set(bare)
    text = docs["appointments"].markdown
    assert "售后服务管理师任命书" not in text
    assert f"指定{facts.appointments.supervision_unit.name}为本公司的服务监督机构" in text


def test_emergency_scenarios_follow_the_industry():
    names = {}
    for path in (HUAXIA, CHENGYUN, QINGQUAN):
        _, docs = _set(read_profile(path))
        text = docs["emergency-plan"].markdown
        assert not re.search(r"<(?!br>)[a-z_]+>", text)  # every department token filled in
        names[path.stem] = set(re.findall(r"^# (.+)$", text, flags=re.M))
    assert "燃气泄漏" in names["huaxia-appliance"] and "燃气泄漏" not in names["chengyun-auto"]
    assert "新能源汽车动力蓄电池起火或热失控" in names["chengyun-auto"]
    assert "水质安全事件" in names["qingquan-water"] and "水质安全事件" not in names["huaxia-appliance"]
    assert all("重大投诉或群体性投诉" in n for n in names.values())


def test_recall_steps_cite_only_the_companys_own_recall_rules():
    _, docs = _set(read_profile(CHENGYUN))
    car = docs["emergency-plan"].markdown
    _, docs = _set(read_profile(HUAXIA))
    goods = docs["emergency-plan"].markdown
    assert "《缺陷汽车产品召回管理条例》" in car and "《消费品召回管理暂行规定》" not in car
    assert "《消费品召回管理暂行规定》" in goods and "《缺陷汽车产品召回管理条例》" not in goods


def test_the_law_list_has_every_applicable_law_with_its_owner(example):
    _, facts, docs = example
    rows = _rows(docs["law-list"], "法律法规及其他要求清单")[1:]
    listed = [r[1].rstrip("※") for r in rows]
    assert listed[:-1] == list(facts.laws)
    assert listed[-1] == "GB/T 27922-2011《商品售后服务评价体系》"
    departments = {u.name for u in facts.units.values()}
    assert all(r[7] in departments for r in rows)


def test_the_register_keeps_the_self_assessment_out_of_the_controlled_list():
    _, docs = _set(read_profile(HUAXIA))
    controlled = _rows(docs["index"], "受控文件清单")
    records = _rows(docs["index"], "记录")
    assert not any("自评报告" in r[2] for r in controlled)
    assert [r[2] for r in records[1:]] == ["售后服务自评报告"]
    assert len(controlled) - 1 == len(docs) - 1 > 80


def test_the_budget_is_a_blank_form_when_the_profile_gives_none():
    text = COMPLIANT.read_text(encoding="utf-8")
    bare = re.sub(r"resources:\n(  .*\n|    .*\n|      .*\n)*", "", text)
    assert "resources:" not in bare
    _, docs = _set(parse_profile(bare, "p.yaml"))
    rows = _rows(docs["resources"], "年度售后服务经费预算（单位：万元）")
    assert rows[1][1] == "服务网点建设与网点服务补贴" and rows[1][2] == ""
    _, docs = _set(parse_profile(text, "p.yaml"))
    rows = _rows(docs["resources"], "2026年度售后服务经费预算（单位：万元）")
    assert rows[1][1:3] == ["备件储备", "60"] and rows[-1][1:3] == ["合计", "72"]
    assert "专项准备金20万元" in docs["resources"].markdown


def test_the_pledge_prints_on_one_page(page_counts):
    _, docs = _set(read_profile(HUAXIA), formats=("docx",))  # the longest: two remote provinces
    pledge = docs["pledge"]
    pages = page_counts({"pledge": pledge.files[f"{pledge.stem}.docx"]})["pledge"]
    # cover, revision record, the signed pledge on one page, then its 附表 of warranty periods (one break)
    assert pledge.markdown.count("<!-- pagebreak -->") == 1
    assert pages == 4
