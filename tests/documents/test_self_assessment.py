"""The 自评报告 as a scored pre-audit: a score and band computed from the findings,
honest per indicator, speaking to the general manager (profile paths only in the appendix)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from sskit.build import check_profile
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile, read_profile
from sskit.render import TemplateSet
from sskit.standard import load_catalogue
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


def _score(text: str) -> tuple[float, str]:
    m = re.search(r"预估得分为([\d.]+)分，对应评价等级“(.+?)”", text)
    return float(m[1]), m[2]


def test_the_stated_score_is_the_sum_of_the_indicator_table(reports):
    for text in reports.values():
        rows = _indicators(text)
        applicable = sum(float(r[1]) for r in rows if r[6] != "不适用")
        lost = sum(float(r[5]) for r in rows if r[6] != "不适用")
        score, band = _score(text)
        assert score == round((applicable - lost) / applicable * 100, 1)
        assert band == ("五星级" if score >= 95 else "四星级" if score >= 90 else "三星级" if score >= 80
                        else "达标" if score >= 70 else "未达标")


def test_examples_score_differently_for_the_reasons_they_state(reports):
    scores = {name: _score(text) for name, text in reports.items()}
    assert len(set(scores.values())) > 1
    water, appliance, car = reports["qingquan-water"], reports["huaxia-appliance"], reports["chengyun-auto"]
    assert scores["qingquan-water"][0] < scores["huaxia-appliance"][0]
    # each names what cost it points: 2 of 6 sales provinces without an outlet (and contracts to renew,
    # a note that costs nothing), 2 of 10 provinces, the dealer's missing parts-delivery promise
    assert "销售区域江西省没有服务网点" in water and "销售区域海南省没有服务网点" in water
    assert "中山石岐授权服务站的合作协议于2026-06-30到期" in water
    assert "销售区域湖南省没有服务网点" in appliance and "协议于" not in appliance
    assert "没有承诺常用备件送达网点的时限" in car and "没有服务网点" not in car
    lost = {name: next(float(r[5]) for r in _indicators(text) if r[0] == "5.1.1.2※ 服务网点")
            for name, text in reports.items()}
    # 2/6, 2/10, 0 of 5 points; the service company covers its one province
    assert lost == {"qingquan-water": 1.7, "huaxia-appliance": 1.0, "chengyun-auto": 0.0, "hengsheng-elevator": 0.0}


def test_no_indicator_with_a_finding_is_called_conforming(reports):
    for name, text in reports.items():
        declared = read_profile(ROOT / "profiles" / f"{name}.yaml").responsibilities.not_applicable
        for row in _indicators(text):
            problems, verdict = row[4], row[6]
            if verdict == "不适用":  # the company's declared reason, or nothing for a trait it lacks
                assert problems == declared.get(row[0].split()[0].rstrip("※"), "—"), row
            else:
                assert (problems == "—") == (verdict == "符合"), row


def test_the_body_names_no_profile_path(reports):
    paths = re.compile(r"\.yaml|commitments\.|company\.|products\[|outlets\[|departments\[|responsibilities|_")
    for name, text in reports.items():
        body, appendix = text.split("# 附录：整改的档案位置", 1)
        assert not paths.search(body), paths.search(body)
        findings = [row for row in _indicators(text) if row[4] != "—" and row[6] != "不适用"]
        # where to fix things is said, for the consultant; a report without findings says so
        assert bool(paths.search(appendix)) == bool(findings), name
        assert ("无需修改" in appendix) == (not findings), name


def test_records_to_accumulate_and_documents_still_missing(reports):
    text = reports["huaxia-appliance"]
    table = text.split("# 申请认证前须积累的运行记录", 1)[1].split("\n# ", 1)[0]
    listed = {line.split("|")[2].strip() for line in table.splitlines() if re.match(r"\| \d+ \|", line)}
    scored = {w.clause for w in load_scoring().weights}
    absent = {"交付前检查表（PDI）", "交车确认单"}  # car forms: an appliance maker delivers goods, not cars
    expected = {r for c in load_catalogue().clauses if c.id in scored for r in c.records} - absent
    assert listed == expected and len(listed) > 20
    # every document an auditor asks for is now part of the set: none is reported missing
    assert "缺少：" not in text


def test_an_indicator_that_does_not_apply_is_left_out_and_the_score_rescaled():
    text = (ROOT / "tests" / "fixtures" / "compliant.yaml").read_text(encoding="utf-8")
    assert "delivery: true" not in text
    profile = parse_profile(text, "p.yaml")
    catalogue = load_catalogue()
    docs = render_document_set(profile, catalogue, TemplateSet(), formats=())
    report = next(d for d in docs if d.spec.key == "self-assessment").markdown
    assert "本公司不提供配送服务" in report and "本次适用指标合计97分" in report


def test_the_scheme_adds_up_to_100_and_refuses_otherwise():
    scheme = load_scoring()
    assert sum(w.points for w in scheme.weights) == 100
    data = scheme.model_dump()
    data["weights"][0]["points"] = 3
    with pytest.raises(ValidationError, match="add up to 99"):
        ScoringScheme.model_validate(data)
