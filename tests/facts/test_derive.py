"""The facts stage's documented rules, one by one (sskit/facts/rules.py, README)."""
from __future__ import annotations

from pathlib import Path

from sskit.facts import derive_facts
from sskit.profile import parse_profile
from sskit.standard import load_catalogue

TEXT = (Path(__file__).resolve().parents[1] / "fixtures" / "compliant.yaml").read_text(encoding="utf-8")
CATALOGUE = load_catalogue()


def _facts(*replacements, extra: str = ""):
    text = TEXT
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return derive_facts(parse_profile(text.rstrip("\n") + "\n" + extra, "p.yaml"), CATALOGUE)


def test_a_function_carried_twice_goes_to_the_service_organisation_first():
    facts = _facts(("functions: [quality, supervision]", "functions: [quality, supervision, repair]"))
    assert facts.who("repair") == "客户服务部"  # inside the service head's tree
    [decision] = [d for d in facts.decisions if "“维修服务”职能" in d.message]
    assert decision.path == ("departments", 2, "functions") and "functions: {repair: <部门id>}" in decision.hint


def test_then_the_department_with_fewer_functions():
    facts = _facts(("functions: [hr, training, finance, legal, it]", "functions: [hr, training, finance, legal, it, rd]"))
    assert facts.who("rd") == "技术部"  # 4 functions against 6; neither in the service tree


def test_an_explicit_owner_wins_and_is_not_reported():
    facts = _facts(("functions: [quality, supervision]", "functions: [quality, supervision, repair]"),
                   extra="  functions: {repair: quality}\n")
    assert facts.who("repair") == "质量部"
    assert not [d for d in facts.decisions if "“维修服务”职能" in d.message]


def test_a_function_nobody_carries_falls_to_the_service_management_owner():
    facts = _facts()
    assert facts.who("procurement") == "客户服务部"


def test_one_owner_per_clause_and_the_rest_support():
    facts = _facts()
    duty = facts.clauses["5.1.5"]  # owners: quality, supervision -> one department carries both
    assert duty.owner.name == "质量部"
    assert all(c.owner is None or c.owner.id not in c.supporters for c in facts.clauses.values())
    explicit = _facts(('  clauses: {"5.2.6"', '  clauses: {"5.1.5": service, "5.2.6"'))
    assert explicit.clauses["5.1.5"].owner.name == "客户服务部" and "quality" in explicit.clauses["5.1.5"].supporters


def test_activities_default_and_override():
    facts = _facts()
    survey = facts.activities["satisfaction_survey"]
    assert (survey.owner, survey.every, survey.at_least) == ("质量部", "每年", "每年至少一次")
    assert facts.activities["management_review"].owner == "总经理周启明"
    moved = _facts(extra="  activities: {satisfaction_survey: {owner: service, every_months: 3}}\n")
    survey = moved.activities["satisfaction_survey"]
    assert (survey.owner, survey.every, survey.at_least) == ("客户服务部", "每季度", "每季度一次")


def test_time_limits_carry_their_start_events():
    facts = _facts()
    lim = facts.limits
    assert lim.onsite[0].text.startswith("受理报修后") and lim.onsite[0].text.endswith("内上门")
    assert lim.callback.startswith("服务完成后") and lim.complaint_resolution.startswith("自受理投诉之日起")
    appointment = _facts(("  onsite_start: report\n", "  onsite_start: appointment\n"))
    assert appointment.limits.onsite[0].text.startswith("与顾客预约确认后")
    assert not [d for d in appointment.decisions if "起算" in d.message]


def test_rescue_limits_and_the_outlets_that_offer_rescue():
    facts = _facts(("onsite:\n", "onsite:\n    - {area: 城区道路救援, hours: 1}\n"))
    assert facts.traits.rescue and facts.limits.rescue[0].text == "接到救援请求后1小时内到达现场"
    assert facts.rescue_outlets == ()  # no outlet's hours mention 救援 and none says rescue: true
    said = _facts(("onsite:\n", "onsite:\n    - {area: 城区道路救援, hours: 1}\n"),
                  ("    technicians: 4\n", "    technicians: 4\n    rescue: true\n"))
    assert said.rescue_outlets == ("hz01",)


def test_drafter_is_the_owning_head_unless_that_head_reviews_or_approves():
    facts = _facts()
    assert facts.approval.drafter_for(facts.function_owner["quality"]) == "吴芳"
    service = facts.function_owner["service_management"]  # headed by 陈立, the reviewer
    assert facts.approval.drafter_for(service) == facts.approval.fallback_drafter != "陈立"
    assert "审核" in facts.approval.head_powers and "程序文件" in facts.approval.head_powers


def test_staff_adds_departments_and_direct_technicians():
    facts = _facts(("functions: [quality, supervision]", "functions: [quality, supervision]\n    staff: 5"),
                   ("  service_philosophy:", "  service_staff: 9\n  service_philosophy:"))
    assert (facts.staff.service_total, facts.staff.direct_technicians, facts.staff.stated) == (5, 4, 9)
    assert not [d for d in facts.decisions if d.severity == "warning"]


def test_the_inspection_target_is_counted_by_whoever_runs_the_inspections():
    """Even a department that is accountable for no function (its only function is owned
    inside the service organisation) answers for the target of the activity it runs."""
    facts = _facts(("  - id: tech\n", "  - id: patrol\n    name: 巡检组\n    parent: gm\n    head: 李巡\n"
                                      "    functions: [complaints]\n  - id: tech\n"),
                   ("responsibilities:\n", "responsibilities:\n  activities: {outlet_inspection: {owner: patrol}}\n"))
    assert facts.who("complaints") == "客户服务部"  # patrol is accountable for nothing
    assert facts.activities["outlet_inspection"].owner == "巡检组"
    assert facts.target("outlet_inspection_done").owner == "巡检组"


def test_installation_visits_follow_the_installation_limits_else_the_on_site_ones_with_a_note():
    """The appliance maker installs: without an installation limit of its own, installation visits
    take the on-site limits and `sskit check` says so; with one, they take it."""
    text = (Path(__file__).resolve().parents[2] / "profiles" / "huaxia-appliance.yaml").read_text(encoding="utf-8")
    first = "    - {area: 设区市城区, hours: 24}\n"
    assert first in text

    def facts(source: str):
        return derive_facts(parse_profile(source, "p.yaml"), CATALOGUE)

    plain = facts(text)
    assert [a.text for a in plain.limits.installation] == [a.text.replace("受理报修后", "受理报装后")
                                                         for a in plain.limits.onsite]
    assert plain.limits.installation_response == "受理报装后2小时内"
    assert any("安装上门未单独承诺时限" in d.message for d in plain.decisions)
    own = facts(text.replace(first, first + "    - {area: 全省, hours: 72, kind: installation, start: appointment}\n", 1))
    assert [a.text for a in own.limits.installation] == ["与顾客预约确认后72小时内上门安装"]
    assert not any("安装上门未单独承诺时限" in d.message for d in own.decisions)


def test_the_clients_own_staff_figure_is_stated_and_a_sum_that_disagrees_is_a_warning():
    """A department carrying a service function (a factory's quality department) may have only
    part of its people in after-sales service: its staff figure never replaces the client's."""
    facts = _facts(("functions: [quality, supervision]", "functions: [quality, supervision]\n    staff: 9"),
                   ("  service_philosophy:", "  service_staff: 6\n  service_philosophy:"))
    assert (facts.staff.stated, facts.staff.declared, facts.staff.breakdown) == (6, 6, False)
    [warning] = [d for d in facts.decisions if d.path == ("company", "service_staff")]
    assert warning.severity == "warning"
    assert "合计13人（每人只计一次）；各文件按填写的6人表述" in warning.message and "质量部9人" in warning.message
    assert "质量部承担售后服务职能" in warning.hint


def test_without_a_stated_figure_the_sum_is_stated_with_its_breakdown():
    facts = _facts(("functions: [quality, supervision]", "functions: [quality, supervision]\n    staff: 5"))
    assert (facts.staff.declared, facts.staff.stated, facts.staff.breakdown) == (None, 9, True)


def test_training_is_run_by_the_training_department_and_its_clauses_and_target_follow():
    """HR and training in different departments: the training department organises training,
    owns the training clauses and answers for the training target; HR supports."""
    facts = _facts(("    functions: [hr, training, finance, legal, it]\n", "    functions: [hr, finance, legal, it]\n"),
                   ("    functions: [quality, supervision]\n", "    functions: [quality, supervision, training]\n"))
    assert facts.activities["training_plan"].owner == "质量部"
    assert facts.target("training_completion").owner == "质量部"
    for clause in ("5.1.3.2a", "5.1.3.2b"):
        assert facts.clauses[clause].owner.name == "质量部" and "admin" in facts.clauses[clause].supporters
    [decision] = [d for d in facts.decisions if d.clause == "5.1.3.2a"]
    assert "年度培训计划编制" in decision.message and decision.path == ("departments", 2, "functions")


def test_the_outlet_clause_follows_outlet_management_and_involves_the_inspecting_department():
    facts = _facts(("responsibilities:\n", "responsibilities:\n  activities: {outlet_inspection: {owner: tech}}\n"))
    assert facts.activities["outlet_management"].owner == "客户服务部"
    assert facts.clauses["5.1.1.2"].owner.name == "客户服务部"
    assert "tech" in facts.clauses["5.1.1.2"].supporters  # it inspects the outlets


def test_the_price_list_is_set_by_the_parts_owner_of_a_seller_and_by_the_contract_signer_of_a_service_company():
    assert _facts().activities["price_list"].owner == _facts().who("parts")
    service_only = (Path(__file__).resolve().parents[2] / "profiles" / "hengsheng-elevator.yaml").read_text(encoding="utf-8")
    facts = derive_facts(parse_profile(service_only, "e.yaml"), CATALOGUE)
    assert facts.activities["price_list"].owner == facts.who("sales") == "市场合约部"
    assert facts.activities["maintenance_plan"].owner == facts.who("service_management")


def test_every_record_owner_names_a_function_an_activity_or_a_clause_of_the_facts():
    """records.yaml owners resolve through the facts' one decision; a misspelt activity would
    otherwise fall back silently to the service management department."""
    from sskit.profile import vocab
    from sskit.records import record_entries

    facts = _facts()
    clauses = {c.id for c in CATALOGUE.clauses}
    for entry in record_entries():
        kind, _, key = entry["owner"].partition(":")
        assert (kind in vocab.FUNCTIONS and not key) or (kind == "activity" and key in facts.activities) \
            or (kind == "clause" and key in clauses), entry["key"]


def test_an_own_outlets_technicians_inside_the_department_that_runs_it_are_counted_once():
    """客户服务部 14 holds its outlet's 4 technicians (the outlet's manager 孙浩 is placed there):
    the departments are 23 people, not 27; a figure of 23 agrees and raises nothing."""
    staffed = (("functions: [service_management, customer_service, repair, installation, complaints]",
                "functions: [service_management, customer_service, repair, installation, complaints]\n    staff: 14"),
               ("functions: [quality, supervision]", "functions: [quality, supervision]\n    staff: 9"))
    facts = _facts(*staffed, ("  service_philosophy:", "  service_staff: 16\n  service_philosophy:"))
    [warning] = [d for d in facts.decisions if d.path == ("company", "service_staff")]
    assert "客户服务部14人（含杭州西湖服务中心的技术人员4人）、质量部9人）合计23人（每人只计一次）" in warning.message
    agreeing = _facts(*staffed, ("  service_philosophy:", "  service_staff: 23\n  service_philosophy:"))
    assert not [d for d in agreeing.decisions if d.path == ("company", "service_staff")]
    assert (agreeing.staff.stated, agreeing.staff.direct_technicians) == (23, 4)
