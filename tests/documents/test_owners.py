"""One owner per activity, decided once in the facts stage (auditor findings 1, 3-6, 8-10).

Every document that says who inspects the outlets, who organises training and keeps its
files, who sets the fees or who draws up the yearly maintenance plan names the same
department: the owner `sskit.facts` decides. The sets are rendered from the elevator
example with its functions split as the auditor's unseen profiles split them (training in a
department of its own beside HR, a department whose own duty text claims the outlet
inspection), so the checks fail whenever one document reads another rule.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sskit.compliance import run_checks
from sskit.facts import derive_facts
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile_with_source
from sskit.render import TemplateSet
from sskit.standard import load_catalogue
from sskit.standard.statutory import load_statutory

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = load_catalogue()
ELEVATOR = (ROOT / "profiles" / "hengsheng-elevator.yaml").read_text(encoding="utf-8")
REGION = """  - id: region
    name: 区域运营部
    parent: svc
    head: 谢文涛
    functions: [training]
    staff: 6
    duties:
      - 管理各维保站，每季度对网点进行检查评分
"""
# training leaves HR for a department of its own (the unseen service profile's split)
SPLIT = [("    functions: [hr, training]\n", "    functions: [hr]\n"),
         ("  - id: market\n", REGION + "  - id: market\n")]
OVERRIDE = [("  activities:\n", "  activities:\n    outlet_inspection: {owner: region}\n")]


def _text(replacements) -> str:
    text = ELEVATOR
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def _render(replacements):
    profile, source = parse_profile_with_source(_text(replacements), "p.yaml")
    facts = derive_facts(profile, CATALOGUE)
    docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=(), facts=facts)
    plain = {d.spec.key: re.sub(r"\\(.)", r"\1", d.markdown).replace("**", "") for d in docs}
    return profile, source, facts, plain


@pytest.fixture(scope="module")
def split():
    return _render(SPLIT)


@pytest.fixture(scope="module")
def overridden():
    return _render(SPLIT + OVERRIDE)


def _row(text: str, cell: str) -> list[str]:
    """The cells of the first table row that has a cell `cell`."""
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cell in cells:
            return cells
    raise AssertionError(f"no row with {cell!r}")


def _step(text: str, number: int) -> list[str]:
    """The cells of step `number` of a procedure's flow table (| 3 | 编制计划 | who | …)."""
    return next(c for c in ([x.strip() for x in line.strip().strip("|").split("|")] for line in text.splitlines()
                            if line.startswith(f"| {number} |")))


def _record_owner(docs: dict, title: str) -> str:
    """The 保存部门 of a record in the document-control procedure's retention table
    (| 培训签到表 | 区域运营部 | 3年 |)."""
    return next(cells[1] for cells in ([x.strip() for x in line.strip().strip("|").split("|")]
                                       for line in docs["proc-document"].splitlines() if line.startswith("|"))
                if cells[0] == title)


def test_training_is_organised_planned_filed_and_measured_by_one_department(split):
    _, _, facts, docs = split
    assert facts.activities["training_plan"].owner == "区域运营部"
    # CX-08: every step of the flow, no pair of departments sharing each task
    steps = [_step(docs["proc-training"], n)[2] for n in range(1, 10) if n != 3]
    assert set(steps) == {"区域运营部"}
    assert "区域运营部、人力资源部" not in docs["proc-training"] + docs["training"]
    # PX-01 organises and files, the forms file into the same training records
    assert "区域运营部负责本计划的组织实施和培训档案管理" in docs["training"]
    assert "考核结果由区域运营部归入员工培训档案" in docs["form-training-exam"]
    assert "缺勤人员由区域运营部安排补训" in docs["form-training-signin"]
    for title in ("员工培训档案", "培训签到表", "培训考核记录表", "年度培训计划", "年度培训总结"):
        assert _record_owner(docs, title) == "区域运营部", title
    # the certificate ledger stays with HR, and CX-08 says so
    assert _record_owner(docs, "持证人员台账") == "人力资源部"
    assert "人力资源部建立持证人员台账" in docs["proc-training"]
    # MB-01's training target and ZZ-01's training clauses
    assert _row(docs["targets"], "培训计划完成率")[-1] == "区域运营部"
    assert facts.target("training_completion").owner == "区域运营部"
    assert facts.clauses["5.1.3.2a"].owner.name == facts.clauses["5.1.3.2b"].owner.name == "区域运营部"
    assert "hr" in facts.clauses["5.1.3.2a"].supporters


def test_the_fees_are_kept_by_the_department_the_manual_says_sets_them(split):
    _, _, facts, docs = split
    setter = re.search(r"(\S+?)负责编制服务项目说明、服务合同范本和收费标准", docs["manual"])[1]
    assert setter == facts.activities["price_list"].owner == "市场合约部"
    assert _record_owner(docs, "收费标准公示表") == setter


def test_the_yearly_maintenance_plan_has_one_author(split):
    _, _, facts, docs = split
    author = facts.activities["maintenance_plan"].owner
    assert author == "客户服务中心"  # the department whose duties say it draws the plan up
    assert f"{author}为每台（套）合同设备逐年编制年度维保计划表" in docs["manual"]
    assert _record_owner(docs, "年度维保计划表") == author
    assert _step(docs["proc-maintenance"], 3)[1:3] == ["编制计划", author]
    assert f"{author}在服务合同生效时和每年年初，为每台设备编制年度维保计划表" in docs["proc-maintenance"]


def test_a_duty_text_claiming_the_outlet_inspection_is_a_located_warning(split):
    profile, source, _, _ = split
    found = [f for f in run_checks(profile, source, CATALOGUE, load_statutory()).findings if f.rule == "SS703"]
    region = [f for f in found if f.path.startswith("departments[6].duties[0]")]
    assert any("服务网点检查由安全质量部负责" in f.message for f in region)
    assert all(f.severity == "warning" and f.line > 0 and f.hint.startswith("修改这条职责") for f in region)
    inspection = next(f for f in region if "服务网点检查" in f.message)
    assert "responsibilities: activities: outlet_inspection: {owner: region}" in inspection.hint
    # HR's own text still says it draws up the training plan: that is flagged too, not rewritten
    assert any(f.path.startswith("departments[5].duties[1]") and "年度培训计划编制由区域运营部负责" in f.message
               for f in found)


def test_the_hint_of_the_warning_moves_the_inspection_everywhere(overridden):
    profile, source, facts, docs = overridden
    assert facts.activities["outlet_inspection"].owner == "区域运营部"
    # every outlet of the elevator firm is its own: CX-06 has no agreement step, 监督检查 is step 6
    assert _step(docs["proc-outlet"], 6)[2] == "区域运营部"
    assert _step(docs["proc-outlet"], 9)[2] == "区域运营部"
    assert "区域运营部对服务网点每季度一次的定期检查" in docs["manual"]
    assert "说明：本表由区域运营部组织填写" in docs["form-outlet-inspection"]
    assert _record_owner(docs, "服务网点检查评分表") == "区域运营部"
    assert "安全质量部：对服务网点实施定期检查" not in docs["proc-outlet"]
    # the supervisors no longer claim the quarterly inspection on their 任命书
    assert "每季度一次检查服务网点" not in docs["appointments"]
    assert "查阅区域运营部的检查评分结果" in docs["appointments"]
    # the matrix gives the inspecting department a part in the outlet clause
    assert "region" in facts.clauses["5.1.1.2"].supporters
    findings = run_checks(profile, source, CATALOGUE, load_statutory()).findings
    assert not [f for f in findings if f.rule == "SS703" and "服务网点检查由" in f.message]


def test_the_matrix_does_not_count_not_applicable_clauses_as_assigned(split):
    _, _, facts, docs = split
    na = len(facts.not_applicable)
    total = len(CATALOGUE.clauses)
    assert na == 2
    assert f"列出全部{total}项条款，将其中适用于本公司的{total - na}项条款的管理职责分配到" in docs["matrix"]
    assert "共2项条款经本公司声明不适用" in docs["matrix"]
    assert "全部适用条款均已明确主责部门" in docs["matrix"]
    assert "全部条款均已明确主责部门" not in docs["matrix"]


def test_the_service_head_is_not_put_under_herself():
    only = [("    - {name: 沈志明, certificate: SHFW-2024-320500-0216, department: svc}\n"
             "    - {name: 周雅琴, certificate: SHFW-2025-320500-0093, department: safety}\n",
             "    - {name: 沈志明, certificate: SHFW-2024-320500-0216, department: svc}\n"),
            ("  certified_service_managers: 2\n", "  certified_service_managers: 1\n")]
    _, _, _, docs = _render(only)
    assert "在服务体系负责人沈志明的领导下" not in docs["appointments"]
    assert "服务体系负责人沈志明本人持有售后服务管理师证书，在统筹售后服务体系运行的同时履行售后服务管理师的下列职责" in docs["appointments"]


def test_the_service_head_leads_the_other_service_managers(split):
    text = split[3]["appointments"]
    assert "沈志明作为服务体系负责人统筹售后服务管理师的工作，周雅琴在其领导下开展工作" in text
    assert "售后服务管理师在服务体系负责人沈志明的领导下" not in text


def test_every_post_reports_inside_its_department_or_holds_it_beside_another_post(split):
    profile, _, _, docs = split
    heads = {d.name: d.head for d in profile.departments}
    service_dept = next(d.name for d in profile.departments if d.id == profile.service_head.department)
    table = docs["job-descriptions"].split("\n\n")
    rows = [line for block in table for line in block.splitlines()
            if re.match(r"\| \d+ \|", line)]
    assert rows
    for line in rows:
        _, title, dept, boss, _ = [c.strip() for c in line.strip().strip("|").split("|")]
        if dept.endswith("（兼任）"):
            assert boss == "按本人主岗位的汇报关系"
        elif boss.startswith("服务体系负责人"):
            assert dept == service_dept, (title, dept, boss)
        elif "负责人（" in boss:
            name = dept.split("（")[1].removesuffix("归口管理）") if dept.startswith("服务网点（") else dept
            assert boss == f"{name}负责人（{heads[name]}）", (title, boss)
    assert re.search(r"\| 内部培训讲师 \| 各服务部门（兼任） \| 按本人主岗位的汇报关系 \|", docs["job-descriptions"])
