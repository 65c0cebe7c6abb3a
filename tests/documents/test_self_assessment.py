"""The 自评报告 as a document-based pre-assessment: a document score computed from the findings,
honest per indicator, read by the certification body (no field, rule, file or tool names)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from sskit.build import check_profile
from sskit.documents import document_specs
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile, read_profile
from sskit.render import TemplateSet
from sskit.standard import load_catalogue, load_data
from sskit.standard.scoring import ScoringScheme, load_scoring

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "profiles").glob("*.yaml"))


def _report(path: Path) -> str:
    profile, catalogue, check = check_profile(path)
    docs = render_document_set(profile, catalogue, TemplateSet(), formats=(), check=check)
    [report] = [d for d in docs if d.spec.key == "self-assessment"]
    return re.sub(r"\\(.)", r"\1", report.markdown).replace("**", "")


@pytest.fixture(scope="module")
def reports() -> dict[str, str]:
    return {p.stem: _report(p) for p in EXAMPLES}


def _indicators(text: str) -> list[list[str]]:
    body = text.split("# 逐项评分", 1)[1].split("\n# ", 1)[0]
    return [[c.strip() for c in line.strip("|").split("|")] for line in body.splitlines()
            if re.match(r"\| 5\.\d", line)]


def _score(text: str) -> float:
    return float(re.search(r"文件得分为([\d.]+)分", text)[1])


def _row(text: str, clause: str) -> list[str]:
    return next(r for r in _indicators(text) if r[0].split()[0].rstrip("※") == clause)


def test_the_stated_score_is_the_sum_of_the_indicator_table(reports):
    for text in reports.values():
        rows = _indicators(text)
        applicable = sum(float(r[1]) for r in rows if r[6] != "不适用")
        lost = sum(float(r[5]) for r in rows if r[6] != "不适用")
        assert _score(text) == round((applicable - lost) / applicable * 100, 1)


def test_the_conclusion_claims_no_grade(reports):
    """A document score is no 星级: the certification body's on-site evaluation decides the grade."""
    for name, text in reports.items():
        conclusion = text.split("评分说明：", 1)[0]
        assert "评价等级由认证机构经现场评价" in conclusion and "文件预评" in conclusion, name
        assert not re.search(r"五星|四星|三星|达标|对应评价等级", conclusion), name


def test_examples_score_differently_for_the_reasons_they_state(reports):
    scores = {name: _score(text) for name, text in reports.items()}
    assert len(set(scores.values())) > 1
    water, appliance, car = reports["qingquan-water"], reports["huaxia-appliance"], reports["chengyun-auto"]
    assert scores["qingquan-water"] < scores["huaxia-appliance"]
    # each names what cost it points: 2 of 6 sales provinces without an outlet (and contracts to renew,
    # a note that costs nothing), 2 of 10 provinces; the dealer commits to its parts years (no deduction)
    assert "销售区域江西省、海南省没有服务网点" in water  # one finding naming both provinces
    assert "中山石岐授权服务站的合作协议于2026年6月30日到期" in water  # dated as the 服务网点清单 dates it
    assert "销售区域湖南省、河南省没有服务网点" in appliance and "协议于" not in appliance
    assert "没有服务网点" not in car
    lost = {name: next(float(r[5]) for r in _indicators(text) if r[0] == "5.1.1.2※ 服务网点")
            for name, text in reports.items()}
    # 2/6, 2/10, 0 of 5 points; the service company covers its one province
    assert lost == {"qingquan-water": 1.7, "huaxia-appliance": 1.0, "chengyun-auto": 0.0, "hengsheng-elevator": 0.0}


def test_no_indicator_with_a_finding_is_called_conforming(reports):
    for name, text in reports.items():
        declared = read_profile(ROOT / "profiles" / f"{name}.yaml").responsibilities.not_applicable
        for row in _indicators(text):
            problems, verdict = row[4], row[6]
            if verdict == "不适用":  # the company's declared reason (or the trait it lacks), then any remark on it
                reason = problems.split("<br>提示：")[0]
                assert reason == declared.get(row[0].split()[0].rstrip("※"), reason) != "—", row
            else:
                assert (problems == "—") == (verdict == "符合"), row


def test_the_report_names_no_field_rule_file_or_tool(reports):
    """A certification body reads it: every open item in business terms, none of sskit's machinery."""
    machinery = re.compile(r"sskit|\bSS\d{3}\b|\.yaml|\.json|commitments|company\.|products|outlets|departments|"
                           r"responsibilities|\[\d+\]|[a-z]+_[a-z]+|档案字段|其他商品")
    for name, text in reports.items():
        assert not machinery.search(text), (name, machinery.search(text))
        plan = text.split("# 附录：整改计划", 1)[1]
        findings = [row for row in _indicators(text) if row[4] != "—" and (row[6] != "不适用" or "<br>提示：" in row[4])
                    and not row[4].startswith("缺少：")]
        # each finding has what the company will do and who sees to it
        assert ("| 序号 | 指标 | 问题 | 整改措施 | 完成证据 | 责任部门 |" in plan) == bool(findings), name
    appliance = reports["huaxia-appliance"]
    assert "销售区域湖南省、河南省没有服务网点" in appliance and "列出未覆盖省份的建点计划" in appliance


def test_goods_outside_the_sanbao_catalogue_are_no_finding_but_a_remark(reports):
    """No statutory minimum exists for a product outside the 三包 catalogue (gas stoves, water
    purifiers): 5.2.5 stays 符合, and the row says the company's own periods apply."""
    row = _row(reports["huaxia-appliance"], "5.2.5")
    assert row[6] == "符合" and float(row[5]) == 0
    assert "澄远嵌入式燃气灶（家用燃气灶具）不在国家三包规定的商品目录内，无法定最低保修期" in row[2]
    water = _row(reports["qingquan-water"], "5.2.5")
    assert water[6] == "符合" and "清泉蓝湾中央软水机不在国家三包规定的商品目录内" in water[2]
    assert "未能与法定最低期限核对" not in reports["qingquan-water"]
    assert _row(reports["chengyun-auto"], "5.2.5")[6] == "符合"


def test_a_catalogue_product_whose_minimum_the_data_lacks_leaves_5_2_5_partly_met():
    """A product under the 1995 rule whose periods the statutory data does not hold (audio
    equipment) cannot be held against its minimum: partly met, the product named."""
    text = (ROOT / "tests" / "fixtures" / "compliant.yaml").read_text(encoding="utf-8")
    text = text.replace("categories: [refrigerator]", "categories: [audio]").replace("category: refrigerator",
                                                                                     "category: audio")
    docs = render_document_set(parse_profile(text, "p.yaml"), load_catalogue(), TemplateSet(), formats=())
    report = next(d for d in docs if d.spec.key == "self-assessment").markdown
    row = _row(report, "5.2.5")
    assert row[6] == "部分符合" and float(row[5]) > 0
    assert "的整机保修期未能与法定最低期限核对" in row[4]


def test_the_managers_ratio_is_stated_or_asked_for(reports):
    """5.1.2.2 (≥10 % of the service management staff): the ratio on the managers the company
    names, saying how they were counted, or partly met saying which figure is missing; never an
    invented number (the staff tests: test_self_assessment_staff.py)."""
    row = _row(reports["huaxia-appliance"], "5.1.2.2")
    assert "持证售后服务管理师6名，服务管理人员15人，占40%" in row[2] and row[6] == "符合"
    assert "客服、维修等一线岗位人员不计入" in row[2]
    text = (ROOT / "tests" / "fixtures" / "compliant.yaml").read_text(encoding="utf-8")
    text = text.replace("  certified_service_managers: 1\n", "")
    text = text.replace("  service_managers:\n    - {name: 孙浩, certificate: SSM-2025-330100-0117, department: service}\n",
                        "  service_managers: []\n")
    docs = render_document_set(parse_profile(text, "p.yaml"), load_catalogue(), TemplateSet(), formats=())
    report = next(d for d in docs if d.spec.key == "self-assessment").markdown
    row = _row(report, "5.1.2.2")
    assert row[6] == "部分符合" and "未登记持证售后服务管理师的人数" in row[4] and "无法计算" in row[4]
    assert "%" not in row[2]


def test_an_indicator_the_company_declares_not_applicable_is_not_scored(reports):
    """The elevator company declares 5.2.3 and 5.2.6 not applicable, with its reasons: the report
    follows the declaration, as the 条款对照表 and the 部门职责分配表 do, and never scores against it
    (where the set itself does what a declaration excludes, a remark says so: test_self_assessment_audit)."""
    text = reports["hengsheng-elevator"]
    for clause in ("5.2.3", "5.2.6"):
        row = _row(text, clause)
        assert row[6] == "不适用" and row[5] == "—" and row[2] == "—", row
    assert "本次未计分" in text and "没有需要向顾客配送的物品" in text
    assert "曾被确定为不适用" not in text and "撤销该指标的不适用说明" not in text


def test_records_to_accumulate_and_documents_still_missing(reports):
    text = reports["huaxia-appliance"]
    table = text.split("# 申请认证前须积累的运行记录", 1)[1].split("\n# ", 1)[0]
    listed = {line.split("|")[2].strip() for line in table.splitlines() if re.match(r"\| \d+ \|", line)}
    scored = {w.clause for w in load_scoring().weights}
    absent = {"交付前检查表（PDI）", "交车确认单",  # car forms: an appliance maker delivers goods, not cars
              "设备安装调试验收报告", "客户操作培训记录", "设备档案"}  # business customers' equipment forms
    forms = {s.title.removesuffix("（范本）") for s in document_specs() if s.group == "form"}
    # the catalogue's records and the 内审检查表's that are forms of the set: what piles up in operation
    asked = {item for e in load_data("audit")["checklist"] if e.get("applies_if") in (None, "sells", "delivery", "repairs", "repairs_goods", "partner_outlets")
             for item in e["evidence"] if not item.startswith("《")}
    expected = ({r for c in load_catalogue().clauses if c.id in scored for r in c.records} | asked) & forms - absent
    assert listed == expected and len(listed) > 30
    assert not listed & {"部门职责分配表", "岗位职责说明书", "售后服务手册", "文件清单", "售后服务承诺书", "任命书"}
    # every document and record an auditor asks for is part of the set (技术咨询记录 and
    # 顾客表扬和社会荣誉记录 were the last two missing): none is reported missing
    missing = {r[0].split()[0].rstrip("※"): r[4] for r in _indicators(text) if r[4].startswith("缺少：")}
    assert missing == {}
    assert "尚未设立" not in text.split("# 逐项评分", 1)[0]
    assert {"技术咨询记录", "顾客表扬和社会荣誉记录"} <= listed


def test_an_indicator_that_does_not_apply_is_left_out_and_the_score_rescaled():
    text = (ROOT / "tests" / "fixtures" / "compliant.yaml").read_text(encoding="utf-8")
    assert "delivery: true" not in text
    profile = parse_profile(text, "p.yaml")
    catalogue = load_catalogue()
    docs = render_document_set(profile, catalogue, TemplateSet(), formats=())
    report = next(d for d in docs if d.spec.key == "self-assessment").markdown
    assert "“配送”，不计分的理由是本公司不提供配送服务" in report and "适用指标合计97分" in report


def test_the_scheme_adds_up_to_100_and_refuses_otherwise():
    scheme = load_scoring()
    assert sum(w.points for w in scheme.weights) == 100
    data = scheme.model_dump()
    data["weights"][0]["points"] = 3
    with pytest.raises(ValidationError, match="add up to 99"):
        ScoringScheme.model_validate(data)
