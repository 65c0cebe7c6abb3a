"""The 自评报告 faults what an auditor would fault: it reads the set (the plan's programmes, the
procedures' text), groups a finding that repeats per province or outlet, gives every finding a
concrete remedy with its evidence and owner, lists the records that pile up in operation (not the
set's documents) and says where a not-applicable declaration contradicts the set itself."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from sskit.build import check_profile
from sskit.compliance.rules import RULES
from sskit.documents import document_specs
from sskit.facts import derive_facts
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile, vocab
from sskit.render import TemplateSet
from sskit.standard import load_catalogue
from sskit.standard.scoring import load_scoring
from sskit.view.self_assessment import _applicability_remarks, _set_findings
from sskit.view.training import PROGRAMME_CONTENT

ROOT = Path(__file__).resolve().parents[2]
WATER = (ROOT / "profiles" / "qingquan-water.yaml").read_text(encoding="utf-8")
ELEVATOR = (ROOT / "profiles" / "hengsheng-elevator.yaml").read_text(encoding="utf-8")
# five more sales provinces served by mail-in repair only (no outlet, no on-site limit)
MAIL_IN = ["北京市", "天津市", "河北省", "山西省", "辽宁省"]
VAGUE = ("制定整改计划，修订相关文件并跟踪验证", "核实情况，必要时修订相关文件", "申请认证前整改完毕，修订相关文件并重新发布")


def _mail_in_water() -> str:
    text = WATER.replace("sales_regions: [广东省, 广西壮族自治区, 福建省, 湖南省, 江西省, 海南省]",
                         f"sales_regions: [广东省, 广西壮族自治区, 福建省, 湖南省, 江西省, 海南省, {', '.join(MAIL_IN)}]")
    entries = "".join(f"    - {{province: {p}, arrangement: 顾客拨打服务热线申请寄修，公司承担往返运费，修复后寄回}}\n"
                      for p in MAIL_IN)
    assert "\ntraining:\n" in text
    return text.replace("\ntraining:\n", "\n" + entries + "\ntraining:\n", 1)


def _build(text: str, folder: Path):
    """The profile checked as `sskit build` checks it, and its set's Markdown by document key."""
    path = folder / f"p{len(list(folder.iterdir()))}.yaml"
    path.write_text(text, encoding="utf-8")
    profile, catalogue, check = check_profile(path)
    docs = render_document_set(profile, catalogue, TemplateSet(), formats=(), check=check)
    return profile, check, {d.spec.key: re.sub(r"\\(.)", r"\1", d.markdown).replace("**", "") for d in docs}


def _section(report: str, title: str) -> str:
    return report.split(f"# {title}", 1)[1].split("\n# ", 1)[0]


def _table(text: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip().strip("|").split("|")] for line in text.splitlines()
            if re.match(r"\| \d+ \|", line)]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("profiles")


@pytest.fixture(scope="module")
def mail_in(folder):
    return _build(_mail_in_water(), folder)


@pytest.fixture(scope="module")
def elevator(folder):
    return _build(ELEVATOR, folder)


def test_a_finding_repeated_per_province_is_one_finding_naming_them_all(mail_in):
    _, check, docs = mail_in
    report = docs["self-assessment"]
    per_province = [f for f in check.findings if f.rule == "SS405"]
    assert len(per_province) == 2 + len(MAIL_IN)  # the check still locates each province
    rows = _table(_section(report, "发现的问题"))
    uncovered = [r for r in rows if "没有服务网点，只靠远程服务安排" in r[3]]
    assert len(uncovered) == 1
    assert "销售区域江西省、海南省、北京市、天津市、河北省、山西省、辽宁省没有服务网点" in uncovered[0][3]
    no_limit = [r for r in rows if "寄修安排未写明修复寄回的时限" in r[3]]
    assert len(no_limit) == 1 and "北京市、天津市等5个省（直辖市）只提供寄修" in no_limit[0][3]
    # the deduction still counts every province (7 of 11 sales provinces without an outlet)
    row = next(r for r in report.splitlines() if r.startswith("| 5.1.1.2"))
    assert row.split("|")[6].strip() == "3.2"
    # numbered once, the 整改计划 has one row per finding
    plan = _table(_section(report, "附录：整改计划"))
    assert [r[0] for r in plan] == [r[0] for r in rows] == [str(n) for n in range(1, len(rows) + 1)]


def test_each_outlet_keeps_its_own_date_in_one_finding(mail_in):
    _, check, docs = mail_in
    expiring = [f for f in check.findings if f.rule == "SS406"]
    assert len(expiring) > 2
    rows = [r for r in _table(_section(docs["self-assessment"], "发现的问题")) if "需要续签" in r[3]]
    assert len(rows) == 1
    for f in expiring:  # every outlet with its own date (as the 服务网点清单 prints dates), the shared end said once
        outlet_and_date = re.sub(r"(\d{4})-(\d{2})-(\d{2})", lambda m: f"{m[1]}年{int(m[2])}月{int(m[3])}日",
                                 f.message.split("，")[0])
        assert "-" not in outlet_and_date.split("于")[1] and outlet_and_date in rows[0][3]
        assert outlet_and_date.split("于")[1].removesuffix("到期") in docs["outlet-list"]
    assert rows[0][3].count("需要续签") == 1


def test_every_remedy_is_concrete_with_evidence_and_an_owner(mail_in, elevator):
    for profile, _, docs in (mail_in, elevator):
        departments = {d.name for d in profile.departments}
        plan = _table(_section(docs["self-assessment"], "附录：整改计划"))
        assert plan
        for n, clause, problem, action, evidence, owner in plan:
            assert action not in VAGUE and len(action) > 15, (n, action)
            assert evidence and evidence != "—", (n, problem)
            assert owner in departments, (n, owner)


def test_the_scheme_has_a_remedy_for_every_rule_that_reaches_the_report():
    scheme = load_scoring()
    reported = {r.id for r in RULES} - {"SS701"} - set(scheme.restated)
    assert sorted(reported - set(scheme.actions)) == []
    titles = {s.title for s in document_specs()}
    clauses = {c.id for c in load_catalogue().clauses}
    for rule, remedy in scheme.actions.items():
        assert not any(v in remedy.action for v in VAGUE), rule
        kind, _, key = remedy.owner.partition(":")
        assert (kind in vocab.FUNCTIONS and not key) or (kind == "clause" and key in clauses) or kind == "activity", rule
        for cited in re.findall(r"《(.+?)》", remedy.action + remedy.evidence):
            assert cited in titles, (rule, cited)


def test_records_to_accumulate_are_the_forms_an_auditor_samples(mail_in, elevator):
    for _, _, docs in (mail_in, elevator):
        report = docs["self-assessment"]
        listed = {r[1] for r in _table(_section(report, "申请认证前须积累的运行记录"))}
        assert {"内部审核报告", "管理评审报告", "纠正和预防措施单", "投诉台账", "回访记录表"} <= listed
        documents = {s.title for s in document_specs() if s.group != "form"}
        assert not listed & documents, listed & documents
        assert not {"售后服务手册", "部门职责分配表", "岗位职责说明书", "售后服务承诺书", "文件清单", "任命书"} & listed
    elevator_records = {r[1] for r in _table(_section(elevator[2]["self-assessment"], "申请认证前须积累的运行记录"))}
    assert {"应急演练记录", "应急救援记录", "维护保养记录"} <= elevator_records


def test_a_programme_the_plan_gives_content_is_not_reported_empty(folder):
    """A programme without content whose name has a generated course's theme (服务礼仪…) takes
    that course's content in the plan: the report judges the plan, not the profile field."""
    text = WATER.replace("{name: 服务礼仪与上门规范, content: 预约与准时上门、上门着装和鞋套、服务用语、作业现场清洁，顾客情绪安抚与沟通,",
                         "{name: 服务礼仪与上门规范,")
    text = text.replace("{name: 新入职安装工带教, content: 由资深安装工按带教计划传授各型号的安装和调试操作，学员在指导下独立完成安装并经验收,",
                        "{name: 新入职安装工带教,")
    _, check, docs = _build(text, folder)
    # `sskit check` agrees with the plan and the report: only the programme the plan prints empty
    named = {m for f in check.findings if f.rule == "SS507" for m in re.findall(r"培训项目“(.+?)”", f.message)}
    assert named == {"新入职安装工带教"}
    plan = docs["training"]
    row = next(line for line in plan.splitlines() if "服务礼仪与上门规范" in line)
    assert PROGRAMME_CONTENT not in row
    report = docs["self-assessment"]
    assert "“新入职安装工带教”没有写明培训内容" in report
    assert "服务礼仪与上门规范" not in report


def test_a_declared_not_applicable_clause_the_set_performs_is_a_remark(elevator):
    """The elevator company declares 5.2.3 and 5.2.6 not applicable, yet keeps a 旧件回收登记表:
    the declaration stands (not scored), the report says what contradicts it and asks for the
    certification body's view. Parts sent to its own outlets are no delivery of goods to customers
    (5.2.3): no remark there."""
    report = elevator[2]["self-assessment"]
    row = next(r for r in report.splitlines() if r.startswith("| 5.2.3"))
    assert "本公司声明该指标不适用，但" not in row
    for clause, said in (("5.2.6", "旧件回收登记表"),):
        row = next(r for r in report.splitlines() if r.startswith(f"| {clause}"))
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[6] == "不适用" and cells[5] == "—"
        assert "本公司声明该指标不适用，但" in cells[4] and said in cells[4]
        finding = next(r for r in _table(_section(report, "附录：整改计划")) if r[1].rstrip("※") == clause)
        assert finding[3].startswith("与认证机构确认该指标是否适用")
    assert "的不适用声明与体系文件本身的规定不一致" in _section(report, "自评结论")


def test_what_the_procedures_say_is_judged_against_what_is_promised(mail_in, elevator):
    """A mail-in area with no procedure for mail-in repair, goods sent by courier under a truck
    delivery procedure, an elevator entrapment procedure for another trade's emergencies: each
    is a partly met indicator (5.2.4, 5.2.3), and none once the procedure says it."""
    profile, check, _ = mail_in
    facts = check.facts
    titles = {"proc-repair": "维修服务控制程序", "proc-delivery": "商品配送控制程序", "proc-emergency-rescue": "应急救援控制程序"}
    found = _set_findings(profile, facts, {"proc-repair": "受理报修后派工上门维修"}, titles)
    assert [(f["clause_id"], f["severity"]) for f in found] == [("5.2.4", "warning")]
    assert "北京市、天津市、河北省、山西省、辽宁省没有服务网点，也没有上门时限" in found[0]["message"]
    assert "《维修服务控制程序》中增加寄修流程" in found[0]["action"]
    assert _set_findings(profile, facts, {"proc-repair": "寄修商品收到后登记检测"}, titles) == []

    courier = _mail_in_water().replace("sales_channels: [dealer, online]", "sales_channels: [online]")
    courier = re.sub(r"installation_required: true", "installation_required: false", courier)
    shop = parse_profile(courier, "p.yaml")
    assert any(p.delivery for p in shop.products)
    shop_facts = derive_facts(shop, load_catalogue())  # the facts decide what goes by courier
    found = _set_findings(shop, shop_facts, {"proc-delivery": "约定送货时间，装车运输，当面验收签收"}, titles)
    assert [f["clause_id"] for f in found] == ["5.2.3"] and "快递" in found[0]["action"]
    assert _set_findings(shop, shop_facts, {"proc-delivery": "快递发货的包装和签收"}, titles) == []
    # goods the company installs travel with its installers: no courier finding
    assert _set_findings(profile, facts, {"proc-delivery": "约定送货时间，装车运输，当面验收签收"}, titles) == []

    elevator_profile, elevator_check, _ = elevator
    rescue = {"proc-emergency-rescue": "问清被困人数，解救被困人员"}
    assert _set_findings(elevator_profile, elevator_check.facts, rescue, titles) == []  # the elevator's own case
    facts = elevator_check.facts
    other = dataclasses.replace(facts, traits=dataclasses.replace(facts.traits, elevator=False))
    found = _set_findings(elevator_profile, other, rescue, titles)
    assert [f["clause_id"] for f in found] == ["5.2.4"] and "按电梯困人救援编写" in found[0]["message"]


def test_no_remark_without_a_declaration(mail_in):
    _, check, _ = mail_in
    assert _applicability_remarks(check.facts, {}, {"old-parts": "旧件回收登记表"}) == {}


def test_a_product_held_to_another_rule_than_its_own_is_partly_met(mail_in):
    """A phone's 三包 follow the mobile-phone rule: a manual or law list that does not name it
    (the 1995 rule cited instead) leaves 5.2.5 partly met, the product named."""
    from sskit.view.self_assessment import _statute_findings

    text = WATER.replace("category: water_purifier", "category: mobile_phone", 1)
    phone = parse_profile(text, "p.yaml")
    assert any(p.category == "mobile_phone" for p in phone.products)
    titles = {"manual": "售后服务手册", "law-list": "法律法规及其他要求清单"}
    old = {"manual": "按《部分商品修理更换退货责任规定》履行三包责任", "law-list": "《部分商品修理更换退货责任规定》"}
    found = _statute_findings(phone, old, titles)
    assert [f["clause_id"] for f in found] == ["5.2.5"]
    assert "适用《移动电话机商品修理更换退货责任规定》" in found[0]["message"]
    assert "《售后服务手册》《法律法规及其他要求清单》没有引用该规定" in found[0]["message"]
    named = {k: v + "《移动电话机商品修理更换退货责任规定》" for k, v in old.items()}
    assert _statute_findings(phone, named, titles) == []
