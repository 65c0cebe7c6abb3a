"""The profile model for service companies and dealers (issue 12): services instead of
products, time limits per kind of work, dealer fields, and the readiness rules that hold a
service company to its trade's rules."""
from __future__ import annotations

from pathlib import Path

import pytest

from sskit.compliance import run_checks
from sskit.facts import derive_facts
from sskit.profile import parse_profile_with_source
from sskit.standard import load_catalogue
from sskit.standard.statutory import load_statutory

ROOT = Path(__file__).resolve().parents[2]
ELEVATOR = (ROOT / "profiles" / "hengsheng-elevator.yaml").read_text(encoding="utf-8")
IT = (ROOT / "tests" / "fixtures" / "it-service.yaml").read_text(encoding="utf-8")
CATALOGUE = load_catalogue()


def _errors(text: str) -> list[str]:
    from sskit.diagnostics import SskitError

    try:
        parse_profile_with_source(text, "p.yaml")
    except SskitError as exc:
        return [d.format() for d in exc.diagnostics]
    return []


def _check(text: str):
    profile, source = parse_profile_with_source(text, "p.yaml")
    return run_checks(profile, source, CATALOGUE, load_statutory())


def _facts(text: str):
    profile, _ = parse_profile_with_source(text, "p.yaml")
    return derive_facts(profile, CATALOGUE)


def test_a_service_provider_validates_without_products_and_with_its_true_figures():
    result = _check(ELEVATOR)
    assert [f.rule for f in result.findings if f.severity in ("error", "warning")] == []
    assert result.summary() == "0 errors, 0 warnings, 37 clauses covered of 37, 2 not applicable (5.2.3, 5.2.6)"


def test_a_service_provider_lists_services_and_a_seller_lists_products():
    start, end = ELEVATOR.index("\nservices:\n"), ELEVATOR.index("\ncommitments:\n")
    errors = _errors(ELEVATOR[:start] + ELEVATOR[end:])
    assert any("p.yaml:" in e and "services" in e and "a service provider lists its services under services" in e
               for e in errors), errors
    as_dealer = IT.replace("business_type: service_provider", "business_type: distributor")
    errors = _errors(as_dealer)
    assert any("products" in e and "a distributor lists the goods it sells under products" in e for e in errors), errors


def test_an_outlet_names_services_of_the_profile():
    errors = _errors(ELEVATOR.replace("services: [maintenance, repair]\n    service_area: 常熟市",
                                      "services: [maintenance, repiar]\n    service_area: 常熟市"))
    assert any("unknown service 'repiar'" in e and "did you mean 'repair'?" in e for e in errors), errors


def test_time_limits_per_kind_of_work_keep_their_own_start():
    facts = _facts(ELEVATOR)
    texts = [(a.kind, a.area, a.text) for a in facts.limits.all]
    assert ("emergency", "苏州市区困人救援", "接到救援求助后30分钟内到达现场") in texts
    assert ("repair", "苏州市区一般故障", "受理报修后2小时内到达现场维修") in texts
    assert ("maintenance", "全部合同电梯", "按维保计划日期到场维护保养，确需改期的，改期不超过24小时，且两次维护保养的间隔不超过规定周期") in texts
    declared = ELEVATOR.replace("{area: 苏州市区一般故障, kind: repair, hours: 2}",
                                "{area: 苏州市区一般故障, kind: repair, hours: 2, start: appointment}")
    assert ("repair", "苏州市区一般故障", "与顾客预约确认后2小时内到达现场维修") in [
        (a.kind, a.area, a.text) for a in _facts(declared).limits.all]


def test_service_facts_phrase_the_terms_once():
    service = _facts(ELEVATOR).services[0]
    assert service.cycle == "每15天至少维护保养一次"
    assert dict(service.terms)["紧急救援"] == "接到救援求助后30分钟内到达现场"
    assert dict(service.contract)["合同期"] == "1年"
    traits = _facts(ELEVATOR).traits
    assert (traits.sells, traits.services, traits.elevator, traits.special_equipment, traits.emergency) == (
        False, True, True, True, True)
    it = _facts(IT).traits
    assert (it.elevator, it.special_equipment, it.emergency, it.it, it.contract_maintenance) == (
        False, False, False, True, True)


def test_a_trade_rule_is_held_against_the_profile():
    longer = _check(ELEVATOR.replace("cycle_days: 15", "cycle_days: 20"))
    assert [(f.rule, f.severity, f.path) for f in longer.findings if f.rule == "SS206"] == [
        ("SS206", "error", "services[0].cycle_days")]
    no_rescue = ELEVATOR.replace(", rescue_minutes: 30}", "}").replace(
        "    - {area: 苏州市区困人救援, kind: emergency, hours: 0.5}\n"
        "    - {area: 昆山、常熟、张家港、太仓困人救援, kind: emergency, hours: 0.5}\n", "")
    assert [f.rule for f in _check(no_rescue).findings if f.severity == "warning"] == ["SS309"]
    no_guarantee = ELEVATOR.replace("    workmanship_months: 3\n", "")
    assert [(f.rule, f.path) for f in _check(no_guarantee).findings if f.severity == "warning"] == [
        ("SS207", "services[1]")]
    no_terms = ELEVATOR.replace("    terms: {response_hours: 0.5}\n", "")
    assert [(f.rule, f.path) for f in _check(no_terms).findings if f.severity == "warning"] == [
        ("SS308", "services[2]")]


def test_every_service_is_performed_by_an_outlet():
    import re

    text = re.sub(r"services: \[maintenance, repair(, inspection)?\]", "services: [maintenance, repair]", ELEVATOR)
    findings = [(f.rule, f.path, f.message) for f in _check(text).findings if f.rule == "SS401"]
    assert findings == [("SS401", "services[2]", "没有服务网点承担服务项目“定期检验配合与安全评估”")]


def test_a_dealer_without_the_manufacturer_is_asked_for_it():
    text = (ROOT / "profiles" / "chengyun-auto.yaml").read_text(encoding="utf-8")
    missing = text.replace("    manufacturer: 启澜新能源汽车有限公司\n", "", 1)
    warnings = [f for f in _check(missing).findings if "未写明生产者" in f.message]
    assert len(warnings) == 1 and warnings[0].severity == "warning" and warnings[0].path == "products[2]"
    facts = _facts(text)
    from sskit.facts.rules import CAR_WARRANTY_START

    assert facts.offer.brands == (("云岚", "云岚汽车股份有限公司", CAR_WARRANTY_START),
                                  ("启澜", "启澜新能源汽车有限公司", CAR_WARRANTY_START))
    # a car's warranty starts as SAMR Order 43 says, whatever the profile declares
    invoiced = _check(text.replace("    manufacturer: 启澜新能源汽车有限公司\n",
                                   "    manufacturer: 启澜新能源汽车有限公司\n    warranty_start: invoice\n", 1))
    assert [f.path for f in invoiced.findings if "不按开票日期" in f.message] == ["products[2].warranty_start"]
    assert facts.offer.loaner.startswith("包修期内因产品质量问题每次修理时间")


def test_a_service_asked_for_is_answered_from_the_request_not_from_a_fault_call():
    """An inspection is requested, not reported: its response term starts at the request; the
    repair and maintenance services keep 受理报修."""
    profile, _ = parse_profile_with_source(ELEVATOR, "e.yaml")
    facts = derive_facts(profile, load_catalogue())
    terms = {s.name: dict(s.terms) for s in facts.services}
    assert terms["定期检验配合与安全评估"]["响应"] == "受理服务申请后30分钟内响应"
    assert terms["电梯故障修理"]["响应"] == "受理报修后30分钟内响应"
    assert terms["电梯日常维护保养"]["到达现场"] == "受理报修后2小时内到达现场"
