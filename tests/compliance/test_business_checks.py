"""Readiness checks and onboarding for equipment suppliers whose customers are businesses
(auditor a25): the service staff counted once, a repair limit that outlasts the arrival limits,
a service's own arrival limit, the customer training service, the service-contract signer, the
SS503 hint and the `sskit init --industry industrial` starter."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sskit.cli import main
from sskit.facts import derive_facts
from sskit.profile import parse_profile_with_source
from sskit.profile.starter import starter_profile
from sskit.standard import load_catalogue
from sskit.view.common import service_levels

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))
from minimal_variants import TEXT as MINIMAL, checked as _check, markdown_set, replaced as _edit  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
COMPLIANT = (ROOT / "tests" / "fixtures" / "compliant.yaml").read_text(encoding="utf-8")
CATALOGUE = load_catalogue()

# the service department states its staff, and its head runs the direct outlet (4 technicians)
STAFFED = (("    head: 陈立\n    functions: [service_management",
            "    head: 陈立\n    staff: 12\n    functions: [service_management"),
           ("    manager: 孙浩\n", "    manager: 陈立\n"))
# a company that sells to businesses only: no 包退/包换 days
BUSINESS = (("  sales_regions: [浙江省]\n", "  sales_regions: [浙江省]\n  customers: businesses\n"
                                          "  sales_channels: [direct, dealer]\n"),
            ("      return_days: 7\n      exchange_days: 15\n", ""))


def _findings(text: str, rule: str, path: str = ""):
    return [f for f in _check(text).findings if f.rule == rule and f.path.startswith(path)]


def _manual(text: str) -> str:
    profile, _ = parse_profile_with_source(text, "p.yaml")
    return markdown_set(profile)["manual"]


# --------------------------------------------------------------------------- staff counted once (a25-9)

def test_an_outlet_run_by_the_department_head_is_counted_once_without_a_stated_total():
    text = _edit(MINIMAL, *STAFFED, *BUSINESS)
    profile, _ = parse_profile_with_source(text, "p.yaml")
    staff = derive_facts(profile, CATALOGUE).staff
    assert (staff.stated, staff.breakdown) == (12, False)  # 12 in the department, the outlet's 4 among them
    manual = _manual(text)
    assert "其中售后服务人员12人" in manual and "售后服务人员16人" not in manual
    info = _findings(text, "SS701", "company")
    assert len(info) == 1 and "客户服务部12人（含杭州西湖服务中心的技术人员4人）" in info[0].message
    assert "service_staff: 16" in info[0].hint  # the figure to state when the outlet is not in the department


@pytest.mark.parametrize("stated", [12, 16])
def test_a_stated_total_counted_either_way_is_not_a_conflict(stated):
    text = _edit(MINIMAL, *STAFFED, ("  sales_regions: [浙江省]\n", f"  sales_regions: [浙江省]\n  service_staff: {stated}\n"))
    assert _findings(text, "SS702", "company") == []
    assert _findings(text, "SS701", "company") == []


def test_the_staff_hint_agrees_with_its_message_about_outlets_inside_a_department():
    text = _edit(MINIMAL, *STAFFED, ("  sales_regions: [浙江省]\n", "  sales_regions: [浙江省]\n  service_staff: 10\n"))
    [finding] = _findings(text, "SS702", "company.service_staff")
    assert "含杭州西湖服务中心的技术人员4人" in finding.message and "合计12人" in finding.message
    assert "部门人数不含网点人员" not in finding.hint and "计入该部门的人数" in finding.hint


def test_a_consumer_profile_without_such_an_outlet_keeps_its_breakdown():
    text = _edit(MINIMAL, ("    head: 陈立\n    functions: [service_management",
                           "    head: 陈立\n    staff: 12\n    functions: [service_management"))
    manual = _manual(text)
    assert "本公司现有售后服务人员16人，其中售后服务相关部门12人（客户服务部12人），直营服务网点持证技术人员4人。" in manual
    assert _findings(text, "SS701", "company") == []


# --------------------------------------------------------------------------- repair after arrival (a25-11)

@pytest.mark.parametrize("hours, fires", [(48, False), (72, True), (96, True)])
def test_the_repair_limit_must_outlast_every_arrival_limit(hours, fires):
    text = _edit(COMPLIANT, ("    - {area: 杭州市城区, hours: 24}\n",
                             f"    - {{area: 杭州市城区, hours: 24}}\n    - {{area: 乡镇, hours: {hours}}}\n"))
    found = _findings(text, "SS702", "commitments.repair_days")
    assert bool(found) is fires
    if fires:
        assert f"乡镇{hours}小时" in found[0].message and "自受理报修之日起3天" in found[0].message
        assert f"repair_days: {hours // 24 + 1}" in found[0].hint


def test_an_arrival_limit_of_a_remote_area_counts_too():
    text = _edit(COMPLIANT, ("  sales_regions: [浙江省]", "  sales_regions: [浙江省, 江西省]"),
                 ("  onsite_start: report\n", "  onsite_start: report\n  remote_service:\n"
                  "    - {province: 江西省, arrangement: 由杭州服务中心派员上门, onsite: [{area: 南昌城区, hours: 96}]}\n"))
    [found] = _findings(text, "SS702", "commitments.repair_days")
    assert "江西省南昌城区96小时" in found.message


def test_an_arrival_counted_from_an_appointment_is_not_compared():
    text = _edit(COMPLIANT, ("    - {area: 杭州市城区, hours: 24}\n",
                             "    - {area: 杭州市城区, hours: 24}\n    - {area: 乡镇, hours: 72, start: appointment}\n"))
    assert _findings(text, "SS702", "commitments.repair_days") == []


# --------------------------------------------------------------------------- services (a25-10, a25-15)

SERVICE = """services:
  - id: contract
    name: 保修期后维护保养合同
    kind: maintenance_contract
    trade: industrial_equipment
    cycle_days: 180
    terms: {{response_hours: 2, arrival_hours: {arrival}}}
{extra}commitments:
"""


def _with_service(arrival, extra: str = "") -> str:
    return _edit(COMPLIANT, ("commitments:\n", SERVICE.format(arrival=arrival, extra=extra)),
                 ("    - {area: 杭州市城区, hours: 24}\n",
                  "    - {area: 杭州市城区, hours: 24}\n    - {area: 县城, hours: 48}\n"),
                 ("  repair_days: 3\n", "  repair_days: 4\n"))


def test_a_service_arrival_shorter_than_an_area_limit_is_printed_not_reported():
    """A contract service's 24 h beside areas of 24 h and 48 h is the service's own promise: the
    commitment rows print it (view.common.service_levels), so no check asks for it."""
    assert _findings(_with_service(24), "SS702", "services[0].terms.arrival_hours") == []
    profile = parse_profile_with_source(_with_service(24), "p.yaml")[0]
    facts = derive_facts(profile, CATALOGUE)
    levels = dict(service_levels(profile, facts.services[0], facts.limits))
    assert levels["到达现场"] == "受理报修后24小时内到达现场"


def test_a_service_arrival_longer_than_an_area_limit_is_reported():
    [found] = _findings(_with_service(36), "SS702", "services[0].terms.arrival_hours")
    assert "长于服务承诺中杭州市城区的上门时限" in found.message


def test_a_service_arrival_equal_to_every_area_limit_is_no_finding():
    text = _edit(_with_service(24), ("    - {area: 县城, hours: 48}\n", ""))
    assert _findings(text, "SS702", "services") == []


TRAINING = "  - id: training\n    name: 客户操作及维护人员培训\n    kind: other\n    trade: industrial_equipment\n"


def test_a_training_service_is_not_asked_for_response_times():
    text = _with_service(24, TRAINING + "    description: 设备验收时对客户的操作人员进行免费培训，每台设备不少于3天。\n")
    assert [f for f in _findings(text, "SS308") if "客户操作及维护人员培训" in f.message] == []


def test_a_training_service_without_content_is_asked_for_content_and_duration():
    [found] = [f for f in _findings(_with_service(24, TRAINING), "SS308") if "客户操作及维护人员培训" in f.message]
    assert "培训对象、内容和时长" in found.message and "description" in found.hint
    assert "response_hours" not in found.hint


def test_another_service_without_terms_is_still_asked_for_them():
    other = "  - id: retrofit\n    name: 数控系统升级\n    kind: other\n    trade: industrial_equipment\n"
    [found] = [f for f in _findings(_with_service(24, other), "SS308") if "数控系统升级" in f.message]
    assert "没有服务水平承诺" in found.message


# --------------------------------------------------------------------------- contract signing (a25-12)

@pytest.mark.parametrize("duty, fires", [("负责保修期后有偿服务合同的签订和履行", True),
                                         ("配合销售部签订服务合同，负责合同的履行", False),
                                         ("负责维修备件的调配", False)])
def test_a_duty_that_signs_service_contracts_outside_the_sales_department(duty, fires):
    text = _edit(_with_service(24), ("    functions: [service_management, customer_service, repair, installation, complaints]\n",
                                     "    functions: [service_management, customer_service, repair, installation, complaints]\n"
                                     f"    duties: [{duty}]\n"))
    found = [f for f in _findings(text, "SS703") if "合同" in f.message]
    assert bool(found) is fires
    if fires:
        assert found[0].path == "departments[1].duties[0]"
        assert "服务合同由销售部签订" in found[0].message and "配合销售部" in found[0].hint


def test_signing_words_matter_only_when_the_company_has_service_contracts():
    text = _edit(COMPLIANT, ("    functions: [service_management, customer_service, repair, installation, complaints]\n",
                             "    functions: [service_management, customer_service, repair, installation, complaints]\n"
                             "    duties: [负责服务合同的签订]\n"))
    assert [f for f in _findings(text, "SS703") if "合同" in f.message] == []


# --------------------------------------------------------------------------- SS503 hint (onboarding)

def test_the_employee_care_hint_shows_a_list():
    text = _edit(COMPLIANT, ("  employee_care: [高温季节发放防暑用品]\n", ""))
    [found] = [f for f in _findings(text, "SS503") if "员工关爱" in f.message]
    assert "employee_care: [" in found.hint


# --------------------------------------------------------------------------- the industrial starter (a25-c)

def test_the_industrial_starter_is_a_business_customer_equipment_maker():
    text = starter_profile("industrial")
    profile, _ = parse_profile_with_source(text, "profile.yaml")
    assert profile.company.customers == "businesses"
    assert profile.company.sales_channels == ["direct", "dealer"]
    [product] = profile.products
    assert product.category == "industrial_equipment" and product.warranty_start == "installation"
    assert product.warranty.return_days is None and product.warranty.exchange_days is None
    result = _check(text)
    assert [f.headline() for f in result.findings if f.severity == "error"] == []


def test_the_other_starters_do_not_change():
    assert "customers:" not in starter_profile("general") and "direct" not in starter_profile("appliance")


def test_init_offers_the_industrial_starter(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "p"), "--industry", "industrial"])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "p" / "profile.yaml").read_text(encoding="utf-8")
    assert "customers: businesses" in written and "category: industrial_equipment" in written


# --------------------------------------------------------------------------- customers unstated (SS209)

INDUSTRIAL = (("    category: refrigerator\n", "    category: industrial_equipment\n"),
              ("categories: [refrigerator]", "categories: [industrial_equipment]"))

def test_industrial_equipment_without_a_customer_type_is_asked_once():
    text = _edit(COMPLIANT, *INDUSTRIAL)
    [found] = _findings(text, "SS209")
    assert found.path.startswith("products[0].category") and "customers: businesses" in found.hint


def test_a_stated_customer_type_silences_ss209_even_when_it_is_consumers():
    text = _edit(COMPLIANT, *INDUSTRIAL,
                 ("  business_type: manufacturer\n", "  business_type: manufacturer\n  customers: consumers\n"))
    assert _findings(text, "SS209") == []


# --------------------------------------------------------------------------- delivery staff (SS501)

def test_delivery_hours_are_asked_only_where_goods_are_delivered():
    """A department may own the delivery function (shipping by freight), but where no product line
    is delivered by the company there are no delivery staff to train (a26-22)."""
    minimal = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    asked = [f for f in _check(minimal).findings if f.rule == "SS501" and "配送人员" in f.message]
    assert asked == [] and not any(p.delivery for p in parse_profile_with_source(minimal, "p.yaml")[0].products)
    delivered = _edit(minimal, ("    labour_fee: {price: 80, unit: 元/次}\n",
                                "    labour_fee: {price: 80, unit: 元/次}\n    delivery: true\n"))
    funcs = {f for d in parse_profile_with_source(delivered, "p.yaml")[0].departments for f in d.functions}
    assert "delivery" in funcs  # the fixture's sales department owns the function in both cases
    assert [f for f in _check(delivered).findings if f.rule == "SS501" and "配送人员" in f.message]
