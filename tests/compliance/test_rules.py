"""One failing and one passing profile per readiness rule.

The passing profile is tests/fixtures/compliant.yaml; each failing profile is
that file with one planted problem. Each case names the rule, the profile path
the finding points at and the line it must be reported on (the line holding
the text given as `at`).
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sskit.compliance import RULES, run_checks
from sskit.profile import parse_profile_with_source, read_profile_with_source
from sskit.standard import load_catalogue
from sskit.standard.statutory import load_statutory

ROOT = Path(__file__).resolve().parents[2]
COMPLIANT = ROOT / "tests" / "fixtures" / "compliant.yaml"
TEXT = COMPLIANT.read_text(encoding="utf-8")

# rule id, severity, replacements [(old, new)], expected path, text on the expected line
CASES = [
    ("SS408", "error", [("  sales_regions: [浙江省]", "  sales_regions: [浙江省, 全国]")], "company.sales_regions[1]",
     "sales_regions:"),
    ("SS409", "warning", [("  take_back:", "  remote_service:\n    - province: 浙江省\n      arrangement: 由杭州西湖服务中心派员上门\n"
                                          "      onsite:\n        - {area: 丽水市, hours: 48}\n  take_back:")],
     "commitments.remote_service[0].province", "- province: 浙江省"),
    ("SS410", "info", [("  sales_regions: [浙江省]", "  sales_regions: [浙江省, 江苏省]"),
                       ("  take_back:", "  remote_service:\n    - provinces: [江苏省]\n      arrangement: 顾客申请寄修，本公司承担往返运费，"
                                        "寄修中心收到商品后5日内修复并寄回\n  take_back:"),
                       ("targets: {response_on_time: 98,", "targets: {mail_in_on_time: 95, response_on_time: 98,")],
     "company.sales_regions[1]", "sales_regions:"),
    ("SS411", "warning", [("    labour_fee: {price: 80, unit: 元/次}\n", "    labour_fee: {price: 80, unit: 元/次}\n"
                                                                     "    repair_network: {}\n")],
     "products[0].repair_network", "repair_network: {}"),
    ("SS101", "error", [("functions: [hr, training, finance, legal, it]", "functions: [hr, training, legal, it]")],
     "departments", "departments:"),
    ("SS102", "warning", [("  reports_to: top_manager", "  reports_to: quality")],
     "service_head.reports_to", "reports_to: quality"),
    ("SS103", "warning", [("    parent: gm\n    head: 陈立", "    parent: sales\n    head: 陈立")],
     "departments[1].parent", "parent: sales"),
    ("SS104", "warning", [("  certified_service_managers: 1\n", "  certified_service_managers: 0\n"), ("people:\n  service_managers:\n    - {name: 孙浩, certificate: SSM-2025-330100-0117, department: service}\n", "")],
     "company.certified_service_managers", "certified_service_managers: 0"),
    ("SS104", "warning", [("    - {name: 孙浩, certificate: SSM-2025-330100-0117, department: service}\n", "    []\n"),
                          ("  certified_service_managers: 1\n", "")],
     "company", "company:"),
    ("SS105", "warning", [("people:\n  service_managers:\n    - {name: 孙浩, certificate: SSM-2025-330100-0117, department: service}\n", "")],
     "company.certified_service_managers", "certified_service_managers: 1"),
    ("SS105", "warning", [("  certified_service_managers: 1\n", "  certified_service_managers: 2\n")],
     "company.certified_service_managers", "certified_service_managers: 2"),
    ("SS106", "warning", [("0117, department: service}\n", "0117, department: service}\n  headcount:\n"
                           "    service_manager_certified: 2\n")],
     "people.headcount.service_manager_certified", "service_manager_certified: 2"),
    ("SS107", "error", [("0117, department: service}\n", "0117, department: service}\n  headcount:\n    dispatchr: 2\n")],
     "people.headcount.dispatchr", "dispatchr: 2"),
    ("SS108", "warning", [("    reserve: 20\n", "")], "resources.budget", "  budget:"),
    ("SS108", "warning", [("  budget:\n    year: 2026\n    items:\n      - {name: 备件储备, amount: 60}\n"
                           "      - {name: 人员培训, amount: 12}\n    reserve: 20\n", "")], "resources", "resources:"),
    ("SS109", "warning", [("  tools: [冷媒检漏仪 2台]\n", "")], "resources", "resources:"),
    ("SS201", "error", [("return_days: 7", "return_days: 5")],
     "products[0].warranty.return_days", "return_days: 5"),
    ("SS201", "error", [("{name: 压缩机, months: 36}", "{name: 压缩机, months: 24}")],
     "products[0].warranty.main_parts[0].months", "{name: 压缩机, months: 24}"),
    ("SS201", "error", [("whole_unit_months: 12", "whole_unit_months: 6")],
     "products[0].warranty.whole_unit_months", "whole_unit_months: 6"),
    ("SS202", "error", [("category: refrigerator", "category: household_car"),
                        ("categories: [refrigerator]", "categories: [household_car]"),
                        ("whole_unit_months: 12", "whole_unit_months: 36\n      whole_unit_km: 60000")],
     "products[0].warranty", "warranty:"),
    ("SS203", "error", [("parts_retention_years: 5", "parts_retention_years: 3")],
     "commitments.parts_retention_years", "parts_retention_years: 3"),
    ("SS204", "warning", [("{name: 压缩机, months: 36}", "{name: 压缩机, months: 72}")],
     "commitments.parts_retention_years", "parts_retention_years: 5"),
    ("SS208", "warning", [("whole_unit_months: 12", "whole_unit_months: 48")],
     "products[0].warranty.main_parts[0].months", "months: 36}"),
    ("SS504", "warning", [("  service_philosophy: 用心服务每一位顾客\n", "")], "company", "company:"),
    ("SS301", "error", [("    - {area: 杭州市城区, hours: 24}", "    - {area: 杭州市城区, hours: 1}")],
     "commitments.onsite[0].hours", "{area: 杭州市城区, hours: 1}"),
    ("SS301", "error", [("complaint_resolution_days: 7", "complaint_resolution_days: 0.5")],
     "commitments.complaint_resolution_days", "complaint_resolution_days: 0.5"),
    ("SS302", "warning", [("  online_channels: [微信公众号“青禾服务”]\n", "")],
     "commitments", "commitments:"),
    ("SS303", "warning", [("  take_back: 以旧换新时上门回收旧冰箱，交由有资质的拆解企业处理。\n", "")],
     "commitments", "commitments:"),
    ("SS304", "warning", [("    items:\n      - {name: 上门检测费, price: 30, unit: 元/次}\n", "")],
     "commitments.fees", "  fees:"),
    ("SS401", "error", [("  - id: fridge\n", "  - id: cold\n    name: 青禾冷柜\n    category: freezer\n    labour_fee: {price: 60}\n"
                         "    warranty: {return_days: 7, exchange_days: 15, whole_unit_months: 12,"
                         " main_parts: [{name: 压缩机, months: 36}]}\n  - id: fridge\n")],
     "products[0].category", "category: freezer"),
    ("SS402", "error", [("  sales_regions: [浙江省]", "  sales_regions: [浙江省, 江苏省]")],
     "company.sales_regions[1]", "sales_regions: [浙江省, 江苏省]"),
    ("SS403", "warning", [("    technicians: 4", "    technicians: 0")],
     "outlets[0].technicians", "technicians: 0"),
    ("SS403", "warning", [("    kind: 直营", "    kind: 特约"), ("all_staff: 8}", "all_staff: 8, outlet_staff: 16}")],
     "outlets[0]", "- id: hz01"),
    ("SS501", "warning", [("installer: 16, ", "")], "training.hours_per_role", "hours_per_role:"),
    ("SS502", "warning", [(", all_staff: 8}", "}")], "training.hours_per_role", "hours_per_role:"),
    ("SS503", "warning", [("  employee_care: [高温季节发放防暑用品]\n", "")], "training", "training:"),
    # 陈立 is the one trainer and heads both departments doing repairs; six programmes fill his year;
    # the certified 孙浩 works in sales: nobody qualified may demonstrate the repair skills course
    ("SS505", "warning", [("    - {name: 郑凯, title: 技术部经理, department: tech, topics: [产品结构与维修, 安装规范]}\n", ""),
                          ("    - {name: 吴芳, title: 质量部经理, department: quality, topics: [服务质量监督, 安全作业]}\n", ""),
                          ("    head: 郑凯\n", "    head: 陈立\n"),
                          ("department: service}\ntargets", "department: sales}\ntargets"),
                          ("  incentives:", "  programmes:\n" + "".join(
                              f"    - {{name: 客服专题{i}, content: 典型来电复盘, month: {i + 2}, hours: 2, audience: [customer_service],"
                              f" trainer: 陈立}}\n"
                              for i in range(6)) + "  incentives:")],
     "training.trainers", "trainers:"),
    ("SS601", "error", [("  approved_by: 周启明", "  approved_by: 陈立")],
     "document_control.approved_by", "approved_by: 陈立"),
    ("SS701", "info", [('"5.2.1": tech}', '}')], "departments[5].functions", "functions: [sales, marketing"),
    ("SS702", "warning", [("    functions: [quality, supervision]\n", "    functions: [quality, supervision]\n    staff: 5\n"),
                          ("company:\n", "company:\n  service_staff: 999\n")],
     "company.service_staff", "service_staff: 999"),
    ("SS703", "warning", [("  - id: sales\n", "  - id: sales\n    duties: [每季度组织顾客满意度调查]\n")],
     "departments[5].duties[0]", "duties: [每季度组织顾客满意度调查]"),
    ("SS704", "warning", [("  onsite_start: report\n",
                           "  onsite_start: report\n  remote_service:\n    - {province: 江西省, arrangement: 由杭州服务中心远程支持}\n")],
     "commitments.remote_service[0]", "province: 江西省"),
    ("SS705", "warning", [('"5.2.1": tech}', '"5.2.1": tech, "5.9": tech}')], "responsibilities.clauses.5.9",
     '"5.9": tech}'),
    ("SS305", "error", [("    labour_fee: {price: 80, unit: 元/次}\n", "")], "products[0]", "  - id: fridge"),
    ("SS306", "warning", [("  supervision_channels: [监督电话 0571-88886600]\n", "")], "commitments", "commitments:"),
    ("SS306", "warning", [("[监督电话 0571-88886600]", "[监督热线 400-826-1234]")],
     "commitments.supervision_channels[0]", "监督热线 400-826-1234"),
    ("SS205", "info", [("category: refrigerator", "category: dishwasher"),
                       ("categories: [refrigerator]", "categories: [dishwasher]")], "products[0].category",
     "category: dishwasher"),
    ("SS404", "error", [("    kind: 直营\n", "    kind: 特约\n"),
                        ("hours_per_role: {technician: 40,", "hours_per_role: {outlet_staff: 16, technician: 40,"),
                        ("    categories: [refrigerator]\n",
                         "    categories: [refrigerator]\n    contract: {number: HZ-01, start: 2024-01-01, end: 2025-06-30}\n")],
     "outlets[0].contract.end", "contract: {number: HZ-01"),
    ("SS307", "warning", [("  business_type: manufacturer", "  business_type: distributor"),
                          ("    labour_fee: {price: 80", "    manufacturer: 青禾电器有限公司\n    labour_fee: {price: 80"),
                          ("  parts_retention_years: 5\n", "")],
     "commitments",
     "commitments:"),
    ("SS405", "warning", [("  sales_regions: [浙江省]", "  sales_regions: [浙江省, 江西省]"),
                          ("  onsite_start: report\n", "  onsite_start: report\n  remote_service:\n"
                           "    - {province: 江西省, arrangement: 由杭州服务中心远程支持, onsite: [{area: 南昌城区, hours: 48}]}\n")],
     "company.sales_regions[1]", "sales_regions: [浙江省, 江西省]"),
    ("SS407", "warning", [("  sales_regions: [浙江省]", "  sales_regions: [浙江省, 江苏省]"),
                          ("    categories: [refrigerator]\n",
                           "    categories: [refrigerator, washing_machine]\n  - id: nj01\n    name: 南京鼓楼服务中心\n"
                           "    kind: 直营\n    province: 江苏省\n    city: 南京市\n    address: 南京市鼓楼区中山路1号\n"
                           "    phone: 025-88886666\n    hours: \"08:30-17:30\"\n    manager: 孙浩\n    technicians: 2\n"
                           "    categories: [refrigerator]\n"),
                          ("\ncommitments:\n", "\n  - id: washer\n    name: 青禾滚筒洗衣机\n"
                           "    category: washing_machine\n    labour_fee: {price: 60, unit: 元/次}\n"
                           "    warranty: {return_days: 7, exchange_days: 15, whole_unit_months: 12,"
                           " main_parts: [{name: 电机, months: 36}]}\ncommitments:\n")],
     "company.sales_regions[1]", "sales_regions: [浙江省, 江苏省]"),
    ("SS406", "info", [("    kind: 直营\n", "    kind: 特约\n"),
                          ("hours_per_role: {technician: 40,", "hours_per_role: {outlet_staff: 16, technician: 40,"),
                          ("    categories: [refrigerator]\n",
                           "    categories: [refrigerator]\n    contract: {number: HZ-01, start: 2024-01-01, end: 2026-06-30}\n")],
     "outlets[0].contract.end", "contract: {number: HZ-01"),
    ("SS602", "warning", [("  reviewed_by: 陈立", "  reviewed_by: 孙浩")],
     "document_control.reviewed_by", "reviewed_by: 孙浩"),
    ("SS603", "info", [("  version: A/0", "  version: A/2")], "document_control.version", "version: A/2"),
    ("SS506", "warning", [("  effective_date: 2026-01-01", "  effective_date: 2026-03-01"),
                          ("  incentives: [服务之星月度评选",
                           "  programmes:\n"
                           "    - {name: 服务理念宣贯, content: 服务理念和服务承诺, month: 1, hours: 2,"
                           " audience: [technician], trainer: 陈立, method: 课堂讲授, assessment: 笔试}\n"
                           "  incentives: [服务之星月度评选")],
     "training.programmes[0].month", "服务理念宣贯"),
    ("SS507", "info", [("  incentives: [服务之星月度评选",
                        "  programmes:\n"
                        "    - {name: 服务理念宣贯, month: 11, hours: 2, audience: [technician], trainer: 陈立}\n"
                        "  incentives: [服务之星月度评选")],
     "training.programmes[0].name", "服务理念宣贯"),
]


def _check(text: str, name: str = "p.yaml"):
    profile, source = parse_profile_with_source(text, name)
    return run_checks(profile, source, load_catalogue(), load_statutory())


def _mutate(replacements) -> str:
    text = TEXT
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_the_compliant_fixture_passes_every_rule():
    result = _check(TEXT)
    assert result.findings == ()
    assert result.summary() == "0 errors, 0 warnings, 39 clauses covered of 39"


# rules about services: a manufacturer's fixture has none; their failing cases mutate the service
# company's example (tests/profile/test_services_model.py::test_a_trade_rule_is_held_against_the_profile)
SERVICE_RULES = {"SS206", "SS207", "SS308", "SS309"}
# SS209 fires beside SS205 (industrial equipment is outside every 三包 catalogue): its cases are in
# tests/compliance/test_business_checks.py
BUSINESS_RULES = {"SS209"}


def test_every_rule_has_a_failing_case():
    assert {r.id for r in RULES} == {c[0] for c in CASES} | SERVICE_RULES | BUSINESS_RULES


@pytest.mark.parametrize("rule_id, severity, replacements, path, at", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_fires_at_the_right_place(rule_id, severity, replacements, path, at):
    text = _mutate(replacements)
    result = _check(text)
    mine = [f for f in result.findings if f.rule == rule_id]
    assert mine, f"{rule_id} did not fire; got {[f.headline() for f in result.findings]}"
    others = {f.rule for f in result.findings} - {rule_id}
    assert not others, f"unrelated findings: {others}"
    finding = mine[0]
    assert finding.severity == severity
    assert result.failed() == (severity == "error")
    assert result.failed(strict=True) == (severity != "info")
    if path is not None:
        assert finding.path == path
        line = next(i for i, l in enumerate(text.splitlines(), start=1) if at in l)
        assert finding.line == line, finding.headline()
    assert finding.hint


def test_statutory_citation_names_the_rule():
    result = _check(_mutate([("return_days: 7", "return_days: 5")]))
    [finding] = result.findings
    assert "包退期为5天" in finding.message and "7天" in finding.message
    assert "消费者权益保护法" in finding.message
    assert finding.clause == "5.2.5"


def test_car_rule_checks_years_and_kilometres():
    text = _mutate([("category: refrigerator", "category: household_car"),
                    ("categories: [refrigerator]", "categories: [household_car]"),
                    ("whole_unit_months: 12", "whole_unit_months: 36\n      whole_unit_km: 50000\n"
                     "      sanbao_months: 24\n      sanbao_km: 40000")])
    messages = [f.message for f in _check(text).findings if f.rule == "SS202"]
    assert any("包修期里程为50000公里" in m and "60000公里" in m for m in messages)
    assert any("三包有效期里程为40000公里" in m and "50000公里" in m for m in messages)
    assert all("家用汽车产品修理更换退货责任规定" in m for m in messages)


@pytest.mark.parametrize("path", sorted((ROOT / "profiles").glob("*.yaml")), ids=lambda p: p.stem)
def test_example_profiles_have_no_errors(path):
    profile, source = read_profile_with_source(path)
    result = run_checks(profile, source, load_catalogue(), load_statutory())
    assert not result.failed(), [f.headline() for f in result.findings if f.severity == "error"]
    assert result.clauses_covered == result.clauses_total


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "sskit", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_cli_exit_codes_and_strict(tmp_path):
    warning = tmp_path / "warn.yaml"
    warning.write_text(_mutate([("  reviewed_by: 陈立", "  reviewed_by: 孙浩")]), encoding="utf-8")
    error = tmp_path / "err.yaml"
    error.write_text(_mutate([("parts_retention_years: 5", "parts_retention_years: 3")]), encoding="utf-8")
    assert _cli("check", str(COMPLIANT)).returncode == 0
    ok = _cli("check", str(warning))
    assert ok.returncode == 0 and "SS602" in ok.stdout
    strict = _cli("check", "--strict", str(warning))
    assert strict.returncode == 1
    failed = _cli("check", str(error))
    assert failed.returncode == 1
    line = next(i for i, l in enumerate(error.read_text(encoding="utf-8").splitlines(), 1) if "parts_retention" in l)
    assert f"{error}:{line}:26: error: SS203: commitments.parts_retention_years:" in failed.stderr
    assert "1 error, 0 warnings, 38 clauses covered of 39 (not covered: 5.2.5)" in failed.stderr


def test_json_schema_of_check(tmp_path):
    error = tmp_path / "err.yaml"
    error.write_text(_mutate([("  approved_by: 周启明", "  approved_by: 陈立")]), encoding="utf-8")
    run = _cli("check", "--format", "json", str(COMPLIANT), str(error))
    assert run.returncode == 1
    report = json.loads(run.stdout)
    assert set(report) == {"schema", "strict", "profiles", "summary"}
    assert report["schema"] == "sskit-check/1" and report["strict"] is False
    good, bad = report["profiles"]
    keys = {"file", "valid", "passed", "diagnostics", "findings", "clauses", "counts"}
    assert set(good) == keys and set(bad) == keys
    assert good["passed"] and good["counts"] == {"error": 0, "warning": 0, "info": 0}
    [finding] = bad["findings"]
    assert set(finding) == {"file", "line", "column", "severity", "path", "message", "hint", "rule", "clause"}
    assert (finding["rule"], finding["severity"], finding["clause"], finding["path"]) == \
        ("SS601", "error", "5.1.4", "document_control.approved_by")
    assert report["summary"] == {"profiles": 2, "invalid": 0, "failed": 1, "errors": 1, "warnings": 0}


def test_build_refuses_on_errors_unless_allowed(tmp_path):
    error = tmp_path / "err.yaml"
    error.write_text(_mutate([("  approved_by: 周启明", "  approved_by: 陈立")]), encoding="utf-8")
    refused = _cli("build", str(error), "-o", str(tmp_path / "out"))
    assert refused.returncode == 1
    assert "SS601" in refused.stderr and "--allow-errors" in refused.stderr
    assert not (tmp_path / "out").exists()
    allowed = _cli("build", str(error), "-o", str(tmp_path / "out"), "--allow-errors", "--format", "md")
    assert allowed.returncode == 0, allowed.stderr
    assert "SS601" in allowed.stderr
    report = next((tmp_path / "out").glob("*自评报告.md")).read_text(encoding="utf-8")
    # the certification body reads it: the finding and what the company does, no rule code
    assert "SS601" not in report and "| 5.1.4.1 | 手册由陈立批准，而不是最高管理者周启明 | 由最高管理者批准并签发《售后服务手册》的发布令 | 最高管理者签字的发布令 |" in report
    row = next(line for line in report.splitlines() if line.startswith("| 5.1.4.1 服务制度 |"))
    assert "不符合：手册由陈立批准" in row and row.endswith("| 4 | 不符合 |")  # the indicator loses all 4 points


def test_report_option_writes_the_self_assessment(tmp_path):
    run = _cli("check", str(COMPLIANT), "--report", str(tmp_path / "rep"))
    assert run.returncode == 0
    [docx] = (tmp_path / "rep").glob("*自评报告.docx")
    import zipfile
    body = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    assert "逐项评分" in body and "文件得分为" in body and "评价等级由认证机构经现场评价" in body


def test_ss701_names_the_rule_used_and_goes_away_when_the_profile_decides():
    """Two departments carrying an owning function: the facts stage picks one by
    its documented rule and says so (info, located at the other department)."""
    text = TEXT[:TEXT.index("responsibilities:")]
    found = [f for f in _check(text).findings if f.rule == "SS701" and f.clause == "5.2.1"]
    assert len(found) == 1 and found[0].severity == "info"
    assert "技术部和销售部都承担其主责职能" in found[0].message and "由技术部主责" in found[0].message
    assert found[0].path == "departments[5].functions" and found[0].line == 48
    assert "responsibilities: clauses: {'5.2.1'" in found[0].hint
    assert [f for f in _check(TEXT).findings if f.rule == "SS701"] == []


def test_ss701_reports_the_default_start_of_the_onsite_clock():
    text = TEXT.replace("  onsite_start: report\n", "")
    found = [f for f in _check(text).findings if f.rule == "SS701" and "起算" in f.message]
    assert len(found) == 1 and found[0].path == "commitments.onsite"
    assert "onsite_start: appointment" in found[0].hint


def test_ss702_service_staff_that_does_not_add_up():
    assert "service_staff" not in TEXT
    text = _mutate([("    functions: [quality, supervision]\n", "    functions: [quality, supervision]\n    staff: 5\n"),
                    ("company:\n", "company:\n  service_staff: 999\n")])
    found = [f for f in _check(text).findings if f.rule == "SS702"]
    assert len(found) == 1 and found[0].severity == "warning" and found[0].path == "company.service_staff"
    assert "填写为999人" in found[0].message and "合计9人" in found[0].message  # 5 staff + 4 technicians of the direct outlet


def test_ss703_a_duty_text_that_gives_the_survey_to_another_department():
    text = _mutate([("  - id: sales\n", "  - id: sales\n    duties: [每季度组织顾客满意度调查]\n")])
    found = [f for f in _check(text).findings if f.rule == "SS703"]
    assert len(found) == 1 and "而顾客满意度调查由质量部负责" in found[0].message
    assert "satisfaction_survey: {owner: sales}" in found[0].hint
    fixed = text.rstrip("\n") + "\n  activities: {satisfaction_survey: {owner: sales, every_months: 3}}\n"
    assert [f for f in _check(fixed).findings if f.rule == "SS703"] == []
    wrong_period = text.rstrip("\n") + "\n  activities: {satisfaction_survey: {owner: sales}}\n"
    found = [f for f in _check(wrong_period).findings if f.rule == "SS703"]
    assert len(found) == 1 and "每年至少一次" in found[0].message


def test_a_callback_shorter_than_the_repair_limit_is_no_contradiction():
    """The callback runs from completion, the repair limit from the report (issue 12)."""
    result = _check(_mutate([("callback_days: 3", "callback_days: 1"), ("repair_days: 3", "repair_days: 5")]))
    assert result.findings == ()


def test_a_clause_declared_not_applicable_needs_no_owner_and_says_why():
    """responsibilities.not_applicable: the matrix, the cross-reference and the self-assessment
    say 不适用 with the company's reason; no owner is demanded (issue 12)."""
    from sskit.facts import derive_facts
    from sskit.pipeline import render_document_set
    from sskit.render import TemplateSet

    reason = "本公司不销售商品，没有废弃商品需要回收"
    text = _mutate([("responsibilities:\n", f"responsibilities:\n  not_applicable: {{\"5.2.6\": {reason}}}\n"),
                    ('clauses: {"5.2.6": sales, ', "clauses: {"),
                    ("  take_back: 以旧换新时上门回收旧冰箱，交由有资质的拆解企业处理。\n", "")])
    result = _check(text)
    # the clause's own rule (SS303, take-back) is not run either; the summary counts it apart
    assert [f.rule for f in result.findings] == []
    assert result.summary().endswith("38 clauses covered of 38, 1 not applicable (5.2.6)")
    profile, _ = parse_profile_with_source(text, "p.yaml")
    catalogue = load_catalogue()
    docs = {d.spec.key: d.markdown for d in render_document_set(profile, catalogue, TemplateSet(), formats=(),
                                                               facts=derive_facts(profile, catalogue))}
    assert f"废弃商品回收（不适用：{reason}）" in docs["matrix"]
    assert f"| — | 不适用：{reason} | — |" in docs["crossref"]
    assert f"“废弃商品回收”，不计分的理由是{reason}" in docs["self-assessment"]
    assert "form-take-back" not in docs and "废旧商品回收登记表" not in docs["proc-parts"]  # its form goes with it
    unknown = _check(_mutate([("responsibilities:\n", "responsibilities:\n  not_applicable: {\"9.9\": 无}\n")]))
    assert [(f.rule, f.path) for f in unknown.findings] == [("SS705", "responsibilities.not_applicable.9.9")]


def test_the_readme_lists_every_rule():
    from sskit.compliance import RULES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| (SS\d{3}) \|", readme, flags=re.M))
    assert listed == {r.id for r in RULES}


def test_the_stock_policy_text_agrees_with_the_stocktake_period():
    """The resources table prints resources.parts_stock as written: a stocktake period in it that
    differs from the facts' is a warning (the same rule as a department's duty text)."""
    text = _mutate([("resources:\n", "resources:\n  parts_stock: 常用备件按近三个月用量的1.5倍储备，每月盘点\n")])
    mine = [(f.rule, f.path) for f in _check(text).findings if "备件库存策略" in f.message]
    assert mine == [("SS703", "resources.parts_stock")]
