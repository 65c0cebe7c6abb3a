"""A company whose outlets are all its own (直营) signs no partner agreement: no document claims,
asks for or lists one (auditor findings a23-23 and a24-9 on an elevator firm and an online
retailer). A company with a partner outlet keeps every piece of it.

The profiles are the unit-test fixture (one 直营 outlet) and the same with a 特约 outlet added.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sskit.facts import derive_facts
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile_with_source
from sskit.render import TemplateSet
from sskit.standard import load_catalogue

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CATALOGUE = load_catalogue()

PARTNER_OUTLET = """  - id: nb01
    name: 宁波海曙特约服务站
    kind: 特约
    province: 浙江省
    city: 宁波市
    address: 宁波市海曙区中山西路200号
    phone: 0574-87650000
    hours: "08:30-17:30"
    manager: 林涛
    technicians: 3
    categories: [refrigerator]
    contract: {number: TY-2025-007, start: 2025-01-01, end: 2027-12-31}
products:
"""
# what a set without partner outlets must not say: the agreement, its renewal and its termination
PARTNER_WORDS = re.compile(r"合作协议|续约|续签|终止合作|委托网点|合作网点|协议签订|签订协议")
# the documents that speak of outlets, agreements and the records to keep
OUTLET_DOCS = ("outlet-list", "proc-outlet", "job-descriptions", "form-audit-checklist",
               "self-assessment", "crossref", "index")


def _build(text: str):
    profile, _ = parse_profile_with_source(text, "p.yaml")
    facts = derive_facts(profile, CATALOGUE)
    docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=(), facts=facts)
    return facts, {d.spec.key: d.markdown for d in docs}


@pytest.fixture(scope="module")
def direct():
    return _build((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def mixed():
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    assert text.count("\nproducts:\n") == 1
    return _build(text.replace("\nproducts:\n", "\n" + PARTNER_OUTLET, 1))


def test_the_facts_say_whether_any_outlet_is_a_partners(direct, mixed):
    assert (direct[0].traits.partner_outlets, direct[0].traits.own_outlets_only) == (False, True)
    assert (mixed[0].traits.partner_outlets, mixed[0].traits.own_outlets_only) == (True, False)


def test_an_all_direct_set_has_no_agreement_form_and_names_none(direct):
    _, docs = direct
    assert "form-outlet-agreement" not in docs and "form-outlet-termination" not in docs
    for key in OUTLET_DOCS:
        found = PARTNER_WORDS.findall(docs[key])
        assert not found, (key, found)
    for key, text in docs.items():
        assert "服务合作协议" not in text and "终止合作通知及交接记录" not in text, key
    # the outlet documents speak of no cooperation at all: the outlets are the company's own
    for key in ("proc-outlet", "outlet-list", "job-descriptions"):
        assert "合作" not in docs[key], key
    assert "| 服务网点考察评审表 | 客户服务部 | 网点存续期间及撤并后3年 |" in docs["proc-outlet"]


def test_an_all_direct_outlet_list_has_no_agreement_column(direct):
    _, docs = direct
    header = next(line for line in docs["outlet-list"].splitlines() if line.startswith("| 网点名称 |"))
    assert header.rstrip().endswith("| 服务范围 |")
    row = next(line for line in docs["outlet-list"].splitlines() if line.startswith("| 杭州西湖服务中心 |"))
    assert row.count("|") == header.count("|")


def _flow(text: str) -> dict[int, str]:
    table = text[text.index("Table: 服务网点管理流程"):].split("\n\n")[0]
    return {int(m[1]): m[2] for m in re.finditer(r"^\| (\d+) \| ([^|]+?) \|", table, re.M)}


def test_an_all_direct_outlet_procedure_has_no_agreement_step_and_its_jumps_still_land(direct):
    _, docs = direct
    text = docs["proc-outlet"]
    steps = _flow(text)
    assert list(steps) == list(range(1, 12)) and "签订协议" not in steps.values()
    assert (steps[4], steps[5], steps[9], steps[11]) == ("培训授牌", "日常管理", "限期整改", "撤换调整")
    assert "优秀或合格→第5步；限期整改→第9步；不合格→第11步" in text
    assert "按复查结果判定；合格→第5步；不合格→第11步" in text
    assert "## 合作协议" not in text
    # a partner outlet set up later falls under the same procedure
    assert "今后委托其他单位设立服务网点的，同样按本程序管理" in text
    assert "批准网点的设立、暂停、撤并和负责人撤换决定" in text


def test_a_set_with_a_partner_outlet_keeps_the_agreement_its_form_and_its_audit_sample(mixed):
    _, docs = mixed
    assert "form-outlet-agreement" in docs and "form-outlet-termination" in docs
    steps = _flow(docs["proc-outlet"])
    assert list(steps) == list(range(1, 13)) and steps[4] == "签订协议" and steps[12] == "淘汰更换"
    assert "优秀或合格→第6步（继续合作）；限期整改→第10步；不合格→第12步" in docs["proc-outlet"]
    assert "## 合作协议" in docs["proc-outlet"] and "现行有效的合作协议共1份" in docs["proc-outlet"]
    outlets = docs["outlet-list"]
    assert "非直营网点的合作协议到期前，按《服务网点管理程序》办理续签或调整" in outlets
    assert re.search(r"^\| 宁波海曙特约服务站 \|.*\| TY-2025-007（2025年1月1日至2027年12月31日） \|$", outlets, re.M)
    assert "抽查3家委托网点的服务合作协议" in docs["form-audit-checklist"]
    assert "签订和管理合作协议" in docs["job-descriptions"]
    assert "服务合作协议" in docs["crossref"]
    assert "| 服务网点考察评审表 | 客户服务部 | 合作期间及终止后3年 |" in docs["proc-outlet"]


def test_the_audit_checklist_asks_each_outlet_question_once(direct, mixed):
    for _, docs in (direct, mixed):
        rows = [line for line in docs["form-audit-checklist"].splitlines() if line.startswith("| 5.1.1.2")]
        staff = [line for line in docs["form-audit-checklist"].splitlines() if line.startswith("| 5.1.2.1")]
        assert len(rows) == 1 and len(staff) == 1
    assert "抽查2个网点的档案" in direct[1]["form-audit-checklist"]
    assert "（或合作网点）" not in direct[1]["form-audit-checklist"]


def test_the_assessment_form_of_an_all_direct_company_assesses_a_new_own_outlet(direct, mixed):
    """BD-30 for a company without partners assesses an outlet it plans to set up: no applicant,
    no other brands' partnerships, no 准入 of a partner (re-audit a24, finding 9)."""
    form = direct[1]["form-outlet-assessment"]
    assert "**拟设网点**" in form and "**评审日期**" in form
    assert "□批准设立，运营第一年为考察期" in form and "建议设立" in form
    for word in ("申请单位", "同类品牌合作情况", "批准准入", "建议准入"):
        assert word not in form, word
    partner = mixed[1]["form-outlet-assessment"]
    assert "**申请单位**" in partner and "同类品牌合作情况" in partner and "□批准准入，合作第一年为考察期" in partner
