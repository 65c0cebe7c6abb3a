"""Mail-in repair (寄修) and goods sent by courier, told in every document they touch: the repair
flowchart's 寄修 branch, the conduct rules for a customer's parcel, the 寄修 row of the outlet
score sheet, the duties of the posts that take and return parcels, and the emergency plan's lost
parcel and lithium-battery scenarios (auditor's findings on a maker of phones and radios serving
29 provinces by mail-in). Profiles without them keep their documents as they were.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from sskit.facts import derive_facts
from sskit.markup.ir import Drawing, Span, Table
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile_with_source
from sskit.render import TemplateSet
from sskit.standard import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
PHONES = ROOT / "tests" / "standard" / "profiles" / "phone-maker.yaml"
EXAMPLES = sorted((ROOT / "profiles").glob("*.yaml"))
CATALOGUE = load_catalogue()
KEYS = {"proc-repair", "conduct", "form-outlet-inspection", "job-descriptions", "emergency-plan"}
TURNAROUND = "寄修中心收到商品后3日内修复并寄回"


def _render(text: str, name: str = "p.yaml") -> dict:
    profile, _ = parse_profile_with_source(text, name)
    docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=(),
                               facts=derive_facts(profile, CATALOGUE), only=KEYS)
    return {d.spec.key: d for d in docs}


def _cells(row) -> list[str]:
    return ["".join(i.text for i in cell if isinstance(i, Span)) for cell in row]


def _table(doc, caption: str) -> list[list[str]]:
    [table] = [b for b in doc.blocks if isinstance(b, Table) and b.caption == caption]
    return [_cells(row) for row in table.rows]


@pytest.fixture(scope="module")
def phones() -> dict:
    return _render(PHONES.read_text(encoding="utf-8"), str(PHONES))


@pytest.fixture(scope="module")
def no_turnaround() -> dict:
    """The same maker, its arrangement stating no turnaround."""
    text = PHONES.read_text(encoding="utf-8").replace("，" + TURNAROUND, "")
    assert TURNAROUND not in text
    return _render(text)


# --- CX-01: the flowchart draws the mail-in route -------------------------------------------

def test_the_repair_flowchart_branches_to_the_mail_in_route(phones):
    doc = phones["proc-repair"]
    [chart] = [b for b in doc.blocks if isinstance(b, Drawing) and b.title == "维修服务流程图"]
    text = {n.id: n.text for n in chart.nodes}
    edges = {(text.get(e.source, e.source), text.get(e.target, e.target), e.label) for e in chart.edges}
    decision = next(n for n in chart.nodes if n.text == "是否寄修？")
    assert decision.shape == "decision"
    assert ("是否寄修？", "寄修收件", "是") in edges and ("是否寄修？", "派工", "否") in edges
    # receipt, inspection, repair and return shipment, then the call-back both routes share
    for step, following in [("寄修收件", "检测报价"), ("检测报价", "寄修维修"), ("寄修维修", "寄回"), ("寄回", "回访")]:
        assert (step, following, "") in edges, (step, following)
    assert ("检测报价", "寄回", "不同意") in edges  # a refused quote is sent back unrepaired
    assert ("寄回", "派工", "") not in edges  # the mail-in route does not run into the on-site one
    assert ("交付", "回访", "") in edges


def test_the_flow_table_states_the_turnaround_and_records(phones):
    rows = {r[1]: r for r in _table(phones["proc-repair"], "维修服务流程")}
    assert [r[0] for r in rows.values()] == [str(n) for n in range(1, 20)]
    assert "北京市、天津市等29个省（自治区、直辖市）的顾客办理寄修" in rows["是否寄修？"][3]
    assert rows["寄修收件"][3].startswith("东莞松山湖售后服务中心（寄修中心）收到商品当日拆包")
    assert rows["寄修收件"][5] == "客户商品进出登记簿"
    assert rows["寄修维修"][4] == TURNAROUND
    assert "快递单号" in rows["寄回"][3] and rows["寄回"][5] == "客户商品进出登记簿"
    # the on-site route keeps its own limits and the areas it serves
    assert rows["上门检测"][0] == "9" and "北京市" not in rows["上门检测"][4]
    assert "转入寄修" not in rows["派工"][3]


def test_the_mail_in_section_points_at_the_flow_and_the_batteries(phones):
    repair = phones["proc-repair"].markdown
    section = repair[repair.index("## 寄修\n"):repair.index("## 顾客数据保护")]
    assert "按本程序“流程与时限”第3步至第7步实施，寄回后按第19步回访" in section
    assert "Table: 寄修流程" not in section  # the flow table is the one route, drawn once
    assert "寄修时限为" + TURNAROUND + "，自收件登记之时起算" in section
    assert "锐固三防手机、锐固专业数字对讲机含电池，按快递企业的规定申报" in section
    assert "鼓包、漏液、发热或有焦味的，立即放入防火箱或沙箱等隔离容器" in section
    assert "由本公司负责修复、更换或赔偿，并向快递企业索赔" in section


def test_no_turnaround_is_invented(no_turnaround):
    rows = {r[1]: r for r in _table(no_turnaround["proc-repair"], "维修服务流程")}
    assert rows["寄修维修"][4] == "按寄修安排"
    sheet = no_turnaround["form-outlet-inspection"].markdown
    row = next(line for line in sheet.splitlines() if "**寄修商品处理**" in line)
    assert "按寄修安排的时限修复寄回" in row and "3日" not in row


def test_a_service_company_with_mail_in_keeps_its_own_flow():
    """A repair flow without the goods' on-site route (services under contract) prints the 寄修
    route as its own table, and no step numbers of a branch it does not have."""
    text = (ROOT / "tests" / "fixtures" / "it-service.yaml").read_text(encoding="utf-8")
    assert "remote_service" not in text
    text = text.replace("  hotline:", "  remote_service:\n    - {province: 西藏自治区, arrangement: "
                        "顾客将故障设备快递至服务中心寄修，修复后寄回}\n  hotline:", 1)
    profile, _ = parse_profile_with_source(text, "it.yaml")
    facts = derive_facts(profile, CATALOGUE)
    assert facts.remote.mail_in and not facts.traits.sells
    docs = {d.spec.key: d for d in render_document_set(profile, CATALOGUE, TemplateSet(), formats=(), facts=facts,
                                                         only=KEYS)}
    repair = docs["proc-repair"]
    assert [r[1] for r in _table(repair, "寄修流程")] == ["寄修受理", "收件登记", "检测报价", "维修", "寄回", "回访"]
    assert "是否寄修？" not in repair.markdown and "第3步至第7步" not in repair.markdown
    [chart] = [b for b in repair.blocks if isinstance(b, Drawing) and b.title == "寄修流程图"]
    assert [n.text for n in chart.nodes][1:-1] == ["寄修受理", "收件登记", "检测报价", "维修", "寄回", "回访"]
    assert "客户商品进出登记簿" not in repair.markdown  # a company selling nothing keeps no such register
    # its customers send equipment, not goods; computers hold no phone card
    conduct = docs["conduct"].markdown
    assert "# 寄修服务规范" in conduct and "## 寄修设备的受理和收件" in conduct
    assert "取出存储卡" in conduct and "电话卡" not in conduct and "快递寄送" not in conduct
    assert "**寄修设备处理**" in docs["form-outlet-inspection"].markdown


# --- GF-01, BD-11, GW-01 --------------------------------------------------------------------

def test_the_conduct_rules_cover_the_customers_parcel(phones):
    conduct = phones["conduct"].markdown
    assert "在电话、上门、寄修、快递寄送等服务中的行为要求" in conduct
    section = conduct[conduct.index("# 寄修和快递服务规范"):conduct.index("# 服务人员“十不准”")]
    for heading in ("## 寄修商品的受理和收件", "## 寄回", "## 快递寄送商品"):
        assert heading in section, heading
    assert "东莞松山湖售后服务中心（寄修中心）收到包裹后当日拆包，拆包时拍照或录像" in section
    assert "不得开机查看、复制或删除顾客商品中的照片、通讯录、聊天记录等数据" in section  # phones hold data
    assert "含电池的商品关机后装箱，按快递企业的规定申报" in section
    # every numbered list ends its last item with a full stop
    lists = [block.splitlines() for block in section.split("\n\n") if block.startswith("1. ")]
    assert len(lists) == 3 and all(items[-1].endswith("。") for items in lists)
    assert all(i.endswith("；") for items in lists for i in items[:-1])


def test_the_outlet_sheet_scores_the_mail_in_centre(phones):
    sheet = phones["form-outlet-inspection"].markdown
    row = next(line for line in sheet.splitlines() if line.startswith("| 10 |"))
    assert "**寄修商品处理**（只对承接寄修的东莞松山湖售后服务中心（寄修中心）评分）" in row
    assert TURNAROUND in row and row.endswith("| 10 | | |")
    assert "| **100（承接寄修的网点110）** |" in sheet
    assert "第10项只对承接寄修的东莞松山湖售后服务中心（寄修中心）评分，其得分合计按实得分×100÷110折算后评定。" in sheet


def test_the_posts_that_take_and_return_parcels_have_the_duty(phones):
    posts = phones["job-descriptions"].markdown

    def duties(title: str) -> str:
        return posts[posts.index(f"\n# {title}\n"):].split("\n# ")[1]

    assert "受理寄修申请，告知顾客寄修地址、包装要求、运费承担方式和寄修时限" in duties("热线客服专员")
    technician = duties("维修技术员")
    assert "在东莞松山湖售后服务中心（寄修中心）承担寄修的，收到寄修的商品当日拆包" in technician
    assert "登记寄出时间和快递单号，保管期间对商品及其中的数据负责。" in technician


# --- YA-01 ----------------------------------------------------------------------------------

def test_the_plan_has_the_parcel_and_battery_scenarios(phones):
    plan = phones["emergency-plan"]
    assert "# 顾客商品在寄递中丢失或损坏" in plan.markdown and "# 商品锂电池鼓包或起火" in plan.markdown
    parcel = [r[3] for r in _table(plan, "顾客商品在寄递中丢失或损坏处置步骤")]
    assert parcel[0].startswith("收到的包裹外包装破损")  # the first thing done, at the receipt
    assert any("远程锁定或清除设备数据" in step for step in parcel)  # the goods hold personal data
    assert any("不要求顾客自行向快递企业索赔" in step for step in parcel)
    battery = _table(plan, "商品锂电池鼓包或起火处置步骤")
    assert battery[0][1] == "即时" and "移入防火箱或沙箱" in battery[0][3]
    # a maker analyses the cause itself; the dealer variant is not printed beside it
    assert sum("起火原因" in r[3] for r in battery) == 1 and not any("向生产者通报" in r[3] for r in battery)
    assert any("暂停同型号含电池商品的寄递" in r[3] for r in battery)  # its goods travel by courier
    drills = {r[1]: r[2] for r in _table(plan, "应急演练计划")}
    assert drills["商品锂电池鼓包或起火"].startswith("每年一次现场处置演练")
    # the review names one department once, not "客户服务部会同客户服务部"
    assert "会同客户服务部和客户服务部" not in plan.markdown
    assert "客户服务部会同客户服务部" not in plan.markdown


# --- profiles without mail-in, courier goods or batteries -----------------------------------

@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_examples_have_none_of_it(path):
    docs = _render(path.read_text(encoding="utf-8"), str(path))
    for key in KEYS & set(docs):
        text = docs[key].markdown
        for word in ("寄修", "寄递", "锂电池", "快递寄送"):
            assert word not in text, (path.stem, key, word)
    if "proc-repair" in docs and "Table: 维修服务流程" in docs["proc-repair"].markdown:
        steps = [r[1] for r in _table(docs["proc-repair"], "维修服务流程")]
        assert steps[0] in ("叫修", "预约报修") and "是否寄修？" not in steps


# --- facts the lead's edit adds (Traits.mail_in, battery, radio) ----------------------------

def _variant(old: str, new: str) -> str:
    text = PHONES.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_mail_in_alone_brings_the_parcel_scenario_and_the_audit_question():
    """A company with shops (its goods travel in its own vans, not by courier) that serves far
    provinces by mail-in still plans for a lost parcel, and its auditors check the turnaround."""
    text = _variant("  sales_channels: [online, dealer]\n", "  sales_channels: [store, dealer]\n")
    profile, _ = parse_profile_with_source(text, "p.yaml")
    facts = derive_facts(profile, CATALOGUE)
    assert facts.traits.mail_in and not facts.traits.courier_delivery
    docs = {d.spec.key: d for d in render_document_set(profile, CATALOGUE, TemplateSet(), formats=(), facts=facts,
                                                         only={"emergency-plan", "form-audit-checklist"})}
    assert "# 顾客商品在寄递中丢失或损坏" in docs["emergency-plan"].markdown
    checklist = docs["form-audit-checklist"].markdown
    assert "寄修商品是否在收件当日登记，是否在承诺的寄修时限内修复寄回" in checklist


def test_radio_goods_bring_the_radio_regulation(phones):
    profile, _ = parse_profile_with_source(PHONES.read_text(encoding="utf-8"), str(PHONES))
    facts = derive_facts(profile, CATALOGUE)
    law = "《中华人民共和国无线电管理条例》"
    assert facts.traits.radio and law in facts.laws
    repair = phones["proc-repair"].markdown
    section = repair[repair.index("## 无线电发射设备的维修"):].split("\n## ")[0]
    assert f"依照{law}取得型号核准后销售" in section and "不得改动发射频率、发射功率" in section
    assert f"- {law}" in repair  # its 相关文件
    docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=(), facts=facts, only={"law-list"})
    [row] = [r for r in _table(docs[0], "法律法规及其他要求清单") if law in r[1]]
    assert "国务院、中央军事委员会令第672号修订" in row[3]


def test_a_radio_maker_without_phones_plans_for_its_batteries():
    """Walkie-talkies alone (category other, a lithium battery among the parts) hold batteries."""
    text = PHONES.read_text(encoding="utf-8")
    start, end = text.index("  - id: phone\n"), text.index("  - id: radio\n")
    text = (text[:start] + text[end:]).replace("categories: [mobile_phone, other]", "categories: [other]")
    profile, _ = parse_profile_with_source(text, "p.yaml")
    facts = derive_facts(profile, CATALOGUE)
    assert facts.categories == ("other",) and facts.traits.battery and facts.traits.radio
    docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=(), facts=facts, only={"emergency-plan"})
    assert "# 商品锂电池鼓包或起火" in docs[0].markdown


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_examples_have_no_parcels_batteries_or_radios(path):
    profile, _ = parse_profile_with_source(path.read_text(encoding="utf-8"), str(path))
    traits = derive_facts(profile, CATALOGUE).traits
    assert not (traits.mail_in or traits.battery or traits.radio), path.stem  # car batteries are the cars' own
