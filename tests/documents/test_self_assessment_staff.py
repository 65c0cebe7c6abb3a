"""The 自评报告's staff figures as an auditor checks them: the 售后服务管理师 share is taken of
the management staff the company names (not of a call centre's agents), each person is counted
once (an own outlet's technicians inside the department that runs the outlet are not added a
second time), and the figures agree with the rest of the set."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sskit.build import check_profile
from sskit.facts import derive_facts
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile
from sskit.render import TemplateSet
from sskit.standard import load_catalogue
from sskit.facts.management import management_staff
from sskit.view.self_assessment import staff_once

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "profiles").glob("*.yaml"))
COMPLIANT = (ROOT / "tests" / "fixtures" / "compliant.yaml").read_text(encoding="utf-8")


def _compliant(service_staff: int | None = None, headcount: str = "") -> str:
    """The small compliant profile with department staff figures: 客户服务部 14 (the service head's),
    质量部 9 (supervision beside quality work); its one own outlet has 4 technicians and is managed by
    孙浩, a 售后服务管理师 the company places in 客户服务部."""
    text = COMPLIANT.replace("    head: 陈立\n    functions: [service_management, customer_service, repair, installation, complaints]\n",
                             "    head: 陈立\n    functions: [service_management, customer_service, repair, installation, complaints]\n"
                             "    staff: 14\n")
    text = text.replace("    head: 吴芳\n    functions: [quality, supervision]\n",
                        "    head: 吴芳\n    functions: [quality, supervision]\n    staff: 9\n")
    if service_staff is not None:
        text = text.replace("  certified_service_managers: 1\n",
                            f"  certified_service_managers: 1\n  service_staff: {service_staff}\n")
    if headcount:
        text = text.replace("0117, department: service}\n", f"0117, department: service}}\n  headcount: {{{headcount}}}\n")
    assert text.count("staff: ") - COMPLIANT.count("staff: ") == 2 + (service_staff is not None) and headcount in text
    return text


def _set(text: str, folder: Path) -> tuple:
    """The profile checked as `sskit build` checks it, its check and its set's Markdown by key."""
    path = folder / f"p{len(list(folder.iterdir()))}.yaml"
    path.write_text(text, encoding="utf-8")
    profile, catalogue, check = check_profile(path)
    docs = render_document_set(profile, catalogue, TemplateSet(), formats=(), check=check)
    return profile, check, {d.spec.key: re.sub(r"\\(.)", r"\1", d.markdown).replace("**", "") for d in docs}


def _row(report: str, clause: str) -> list[str]:
    line = next(line for line in report.splitlines() if re.match(rf"\| {re.escape(clause)}※? ", line))
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _findings(report: str) -> list[list[str]]:
    body = report.split("# 发现的问题", 1)[1].split("\n# ", 1)[0]
    return [[c.strip() for c in line.strip().strip("|").split("|")] for line in body.splitlines()
            if re.match(r"\| \d+ \|", line)]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("staff")


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> dict[str, dict[str, str]]:
    folder = tmp_path_factory.mktemp("examples")
    return {p.stem: _set(p.read_text(encoding="utf-8"), folder)[2] for p in EXAMPLES}


def test_management_staff_are_the_named_managers_each_once_not_a_department_headcount():
    """The appliance maker's 服务管理中心 (18) and call centre (86) are not its management staff: its
    service head, the heads of its five service departments, its nine own outlets' managers and the
    quality head who holds a certificate are, the service head (head of 服务管理中心) counted once."""
    profile = parse_profile((ROOT / "profiles" / "huaxia-appliance.yaml").read_text(encoding="utf-8"), "p.yaml")
    staff = management_staff(profile, derive_facts(profile, load_catalogue()))
    assert staff.heads == ("陆文涛", "方晓琳", "钱宏伟", "罗建芬", "夏文静")
    assert len(staff.outlet_managers) == 9 and "岑海波" in staff.outlet_managers
    assert staff.certified == ("葛丽萍",) and staff.directors == 0 and staff.count == 15


def test_the_ratio_states_how_the_management_staff_were_counted(examples):
    for name, docs in examples.items():
        row = _row(docs["self-assessment"], "5.1.2.2")
        ratio = re.search(r"持证售后服务管理师(\d+)名，服务管理人员(\d+)人，占([\d.]+)%", row[2])
        assert ratio, (name, row[2])
        certified, managers, share = int(ratio[1]), int(ratio[2]), float(ratio[3])
        assert share == round(certified / managers * 100, 1)
        assert "按管理岗位计：服务体系负责人和售后服务相关部门负责人" in row[2] and "同一人只计一次" in row[2]
        # the certificates the manual and the 任命书 state
        assert f"持有售后服务管理师证书的人员{certified}名" in docs["manual"], name
        appointed = docs["appointments"].split("# ", 2)[1]
        assert len(re.findall(r"SHFW-\d{4}-\d+-\d+", appointed)) == certified, name
        assert row[6] == "符合", name
    # the elevator company: 4 heads and 5 more own-outlet managers (one outlet's is a head), not the
    # 14 of its customer-service centre
    row = _row(examples["hengsheng-elevator"]["self-assessment"], "5.1.2.2")
    assert "服务管理人员9人，占22.2%" in row[2] and "直营服务网点负责人5人" in row[2]


def test_too_few_certificates_for_the_named_managers_is_a_finding_worded_on_that_count(folder):
    """Twelve 售后服务经理 posts beyond the five named managers: 17, so at least 2 certificates."""
    _, check, docs = _set(_compliant(headcount="service_director: 12"), folder)
    row = _row(docs["self-assessment"], "5.1.2.2")
    assert "服务管理人员17人，占5.9%" in row[2] and "售后服务经理12人" in row[2]
    assert row[6] == "部分符合" and float(row[5]) > 0
    assert "持证售后服务管理师1名，按服务管理人员17人的10%且不少于1名计算，应至少2名" in row[4]
    plan = docs["self-assessment"].split("# 附录：整改计划", 1)[1]
    assert "安排服务管理人员参加售后服务管理师培训并取得证书" in plan
    # the same five named managers and no post headcount: 20 %, met
    _, _, docs = _set(_compliant(), folder)
    row = _row(docs["self-assessment"], "5.1.2.2")
    assert "服务管理人员5人，占20%" in row[2] and row[6] == "符合"


def test_an_own_outlets_technicians_inside_its_department_are_counted_once(folder):
    """Company total 16: 客户服务部 14 holds its outlet's 4 technicians (the outlet's manager is
    placed there), so the departments are 23 people, not 27; the service head's 14 plus 2 of the
    quality department's 9 explain the 16: a remark asking for the roster, not a contradiction."""
    profile, check, docs = _set(_compliant(service_staff=16), folder)
    facts = derive_facts(profile, load_catalogue())
    count = staff_once(profile, facts)
    assert (count.total, count.whole, count.outside) == (23, 14, 0)
    assert any(f.rule == "SS702" and f.path == "company.service_staff" for f in check.findings)  # restated
    report = docs["self-assessment"]
    assert "27人" not in report
    [finding] = [f for f in _findings(report) if "售后服务人员16人" in f[3]]
    assert finding[1] == "提示" and finding[2].rstrip("※") == "5.1.2.1"
    assert "客户服务部14人（含杭州西湖服务中心的技术人员4人）、质量部9人，合计23人（每人只计一次）" in finding[3]
    assert "其中客户服务部14人全部从事售后服务，其余2人应是质量部（9人）中从事售后服务的人员" in finding[3]
    assert _row(report, "5.1.2.1")[6] == "待核实"
    assert "现有售后服务人员16人" in docs["manual"]  # the figure every document states
    assert "编制售后服务人员花名册" in report.split("# 附录：整改计划", 1)[1]


def test_a_total_the_departments_cannot_explain_is_a_figure_to_correct(folder):
    """Company total 40, above departments plus outlet (27): nothing is counted twice, the figures
    disagree."""
    _, _, docs = _set(_compliant(service_staff=40), folder)
    report = docs["self-assessment"]
    [finding] = [f for f in _findings(report) if "售后服务人员40人" in f[3]]
    assert finding[1] == "部分符合" and finding[2].rstrip("※") == "5.1.2.1"
    assert "客户服务部14人、质量部9人、直营服务网点技术人员4人，合计27人" in finding[3] and "两者不一致" in finding[3]
    assert _row(report, "5.1.2.1")[6] == "部分符合"


def test_a_total_that_agrees_raises_nothing(folder, examples):
    _, check, docs = _set(_compliant(service_staff=27), folder)
    assert not any(f.rule == "SS702" for f in check.findings)
    assert "售后服务人员27人" not in docs["self-assessment"]
    assert _row(docs["self-assessment"], "5.1.2.1")[6] == "符合"
    for name, docs in examples.items():  # every example's total is its departments plus own outlets
        assert not [f for f in _findings(docs["self-assessment"]) if "售后服务人员" in f[3]], name
