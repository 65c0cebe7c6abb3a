"""A seller whose goods the brands' authorised networks all repair and which promises no on-site
visit (facts.traits.repairs False, no on-site limit), told as it works: no dispatch, no home visit,
no repair card or parts store; its returns and forwarding are what the audit trail shows
(auditor a24 findings 6, 10, 11, 12, 14, 16, 17).

Profiles: tests/fixtures/minimal.yaml sold online, its one line repaired by the brand's network,
the on-site commitment dropped; one variant has two returns centres, one keeps its own repair.
"""
from __future__ import annotations

import re

import pytest

from sskit.facts import derive_facts
from sskit.view.charts import service_flow_chart

from minimal_variants import BRAND, CATALOGUE, ONLINE, edited_profile, markdown_set

# (after ONLINE) a province without an outlet served by mail: goods travel by parcel (GF-01 寄修 rules)
MAIL_IN = (("  sales_regions: [浙江省]\n  sales_channels", "  sales_regions: [浙江省, 江苏省]\n  sales_channels"),
           ("  parts_retention_years: 5\n",
            "  parts_retention_years: 5\n  remote_service:\n    - provinces: [江苏省]\n"
            "      arrangement: 顾客申请寄修，本公司承担往返运费，寄修中心收到商品后5日内修复并寄回\n"))
# the one outlet becomes two returns centres, the customer's nearest receives the goods
CENTRES = (("    name: 杭州西湖服务中心\n", "    name: 杭州仓退换货处理中心\n"),
           ("    categories: [refrigerator]\n",
            "    categories: [refrigerator]\n"
            "  - id: nb01\n    name: 宁波仓退换货处理中心\n    kind: 直营\n    province: 浙江省\n"
            "    city: 宁波市\n    address: 宁波市鄞州区天童南路8号\n    phone: 0574-88886666\n"
            "    hours: \"08:30-17:30\"\n    manager: 孙浩\n    technicians: 2\n"
            "    categories: [refrigerator]\n"))


@pytest.fixture(scope="module")
def brand() -> dict[str, str]:
    return markdown_set(edited_profile(ONLINE, *MAIL_IN, *BRAND, *CENTRES))


@pytest.fixture(scope="module")
def own() -> dict[str, str]:
    return markdown_set(edited_profile(ONLINE))


def _rows(text: str, caption: str) -> list[list[str]]:
    """The body rows of the table captioned `caption`, as cells."""
    block = text.split(f"Table: {caption}\n", 1)[1].split("\n\n", 1)[0]
    return [[c.strip() for c in line.strip("|").split("|")] for line in block.splitlines()[2:]]


def test_the_repair_flow_ends_each_branch_where_it_belongs(brand):
    rows = {r[0]: r for r in _rows(brand["proc-repair"], "报修处理流程")}
    # 引导送修 goes on to the follow-up, not into the forwarding step below it
    assert rows["5"][1] == "引导送修" and rows["5"][3].endswith("（→第7步）")
    assert rows["6"][1] == "代送收件"
    # the follow-up goes on to the callback, not into the returns step below it
    assert rows["7"][1] == "跟踪维修" and rows["7"][3].endswith("（→第9步）")
    assert rows["8"][1] == "退换货" and rows["9"][1] == "回访"
    assert "是→第8步" in rows["3"][3] and "否→第4步" in rows["3"][3]


def test_several_returns_centres_are_alternatives_not_one_team(brand):
    text = brand["proc-repair"]
    rows = {r[0]: r for r in _rows(text, "报修处理流程")}
    assert rows["6"][2] == "就近的退换货处理中心"
    assert "杭州仓退换货处理中心或宁波仓退换货处理中心中离顾客最近的一处收件" in text
    assert "会同" not in text and "、宁波仓退换货处理中心 |" not in text


def test_nothing_on_site_where_the_company_visits_no_one(brand, own):
    for key, words in (("proc-improvement", ("上门及时率", "服务派工单", "维修记录卡")),
                       ("proc-callback", ("按约定时间上门", "上门走访", "上门关怀", "重新派工")),
                       ("conduct", ("顾客家中", "服务车辆", "立即派单", "附维修记录卡副本", "非维修人员")),
                       ("form-survey", ("□上门",)),
                       ("form-outlet-inspection", ("鞋套", "响应派工", "服务派工单", "维修记录卡")),
                       ("form-customer-care", ("上门关怀", "重新派工")),
                       ("form-call-log", ("派工",)), ("form-receipt", ("服务派工单号",))):
        body = brand[key].split("# 相关记录")[0]  # the records table is the registry's (records.yaml)
        for word in words:
            assert word not in body, (key, word)
    # the company that repairs and visits keeps them
    assert "上门及时率" in own["proc-improvement"] and "按约定时间上门" in own["proc-callback"]
    assert "不准在顾客家中吸烟" in own["conduct"] and "□上门" in own["form-survey"]


def test_the_brand_seller_says_what_it_does_instead(brand):
    assert "品牌授权服务中心的" in brand["proc-improvement"] and "退换货的验货和退款及时率" in brand["proc-improvement"]
    assert "是否按承诺时限办结退换货和代送" in brand["proc-callback"]
    assert "收到品牌授权服务中心修复的商品后检查外观和功能" in brand["conduct"]
    assert "当日联系品牌授权服务中心处理" in brand["conduct"]
    assert "处理方式<br>及经办人" in brand["form-call-log"] and "**送修去向**" in brand["form-receipt"]
    inspection = brand["form-outlet-inspection"]
    assert "**换货商品管理**" in inspection and "退换货登记表" in inspection


def test_the_stock_forms_hold_exchange_units_in_the_company_s_own_stores(brand, own):
    receipt, ledger, quota = brand["form-parts-receipt"], brand["form-parts-ledger"], brand["form-parts-quota"]
    for text in (receipt, ledger):
        assert "□杭州仓退换货处理中心　□宁波仓退换货处理中心" in text
        assert "总部" not in text and "区域中转库" not in text
    assert "□换货用整机" in receipt
    assert "本表只核定换货用整机和补发的配件、附件" in quota and "Z—总部库" not in quota
    assert "区域中转库" in own["form-parts-receipt"] and "Z—总部库" in own["form-parts-quota"]


def test_the_audit_trail_shows_forwarding_and_returns_not_repair_cards(brand):
    crossref = brand["crossref"]
    line = lambda text, clause: next(l for l in text.splitlines() if l.startswith(f"| {clause}"))  # noqa: E731
    repair = line(crossref, "5.2.4")
    assert "客户商品领取收据" in repair and "客户商品进出登记簿" in repair
    for absent in ("维修记录卡", "服务派工单", "上门服务确认单"):
        assert absent not in repair, absent
    warranty = line(crossref, "5.2.5")
    assert "《退换货管理程序》" in warranty and "退换货登记表" in warranty and "配件领用记录" not in warranty
    report = brand["self-assessment"]
    assert "《退换货管理程序》" in line(report, "5.2.5")
    for absent in ("维修记录卡", "上门服务确认单", "配件领用记录"):
        assert absent not in report, absent


def test_the_own_repairer_s_audit_trail_is_unchanged(own):
    repair = next(l for l in own["crossref"].splitlines() if l.startswith("| 5.2.4"))
    assert "服务派工单、维修记录卡" in repair
    assert "退换货登记表" not in next(l for l in own["crossref"].splitlines() if l.startswith("| 5.2.5"))


def test_the_manual_flow_chart_has_a_returns_branch_for_a_seller_that_takes_goods_back():
    facts = derive_facts(edited_profile(ONLINE, *BRAND), CATALOGUE)
    chart = service_flow_chart(facts, returns=True)
    texts = {n["id"]: n["text"] for n in chart["nodes"]}
    edges = {(e["source"], e["target"]): e.get("label") for e in chart["edges"]}
    assert texts["returns_q"] == "退货或换货？" and texts["returns"] == "验货，退款或换货"
    assert edges[("accept", "returns_q")] in ("", None)
    assert edges[("returns_q", "returns")] == "是" and edges[("returns_q", "consult")] == "否"
    assert ("returns", "callback") in edges
    plain = service_flow_chart(facts, returns=False)
    assert "returns_q" not in {n["id"] for n in plain["nodes"]}
    assert ("accept", "consult") in {(e["source"], e["target"]) for e in plain["edges"]}


def test_no_placeholder_or_empty_brand_line(brand):
    for key, text in brand.items():
        assert not re.search(r"XXX|TODO|待填写", text), key
