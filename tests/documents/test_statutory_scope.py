"""One scope for each statutory right across the set, and the words of the goods: a maker of
made-to-order cabinets sold online (the 承诺书, the manual and CX-01 say alike that the 7-day
no-reason return does not apply to them, the 三包 periods run from delivery, the consumer law's
Art. 23 and 24 are stated) and installs them (CX-02 measures, levels and adjusts; it does not wire
or earth; MB-01 measures the installation target against the limit CX-02 states). An appliance maker
keeps its appliance words."""
from __future__ import annotations

from pathlib import Path

import pytest

from sskit.facts import derive_facts
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile
from sskit.render import TemplateSet
from sskit.standard import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
TEXT = (ROOT / "tests" / "fixtures" / "compliant.yaml").read_text(encoding="utf-8")
CATALOGUE = load_catalogue()
CABINET = """  - id: cabinet
    name: 青禾整体橱柜
    category: furniture
    labour_fee: {price: 100, unit: 元/次}
    warranty: {return_days: 7, exchange_days: 15, whole_unit_months: 60}
    warranty_start: delivery
    return_exclusion: made_to_order
    installation_required: true
"""


def _cabinet_maker() -> str:
    start, end = TEXT.index("  - id: fridge\n"), TEXT.index("commitments:\n")
    text = TEXT[:start] + CABINET + TEXT[end:]
    for old, new in (("categories: [refrigerator]", "categories: [furniture]"),
                     ("  business_type: manufacturer\n",
                      "  business_type: manufacturer\n  sales_channels: [store, online]\n"),
                     ("  onsite_start: report\n", "  onsite_start: appointment\n")):
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def _build(text: str):
    profile = parse_profile(text, "p.yaml")
    facts = derive_facts(profile, CATALOGUE)
    docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=(), facts=facts)
    return facts, {d.spec.key: d.markdown for d in docs}


@pytest.fixture(scope="module")
def cabinets():
    return _build(_cabinet_maker())


@pytest.fixture(scope="module")
def fridges():
    return _build(TEXT)


def _row(markdown: str, first_cell: str) -> str:
    return next(line for line in markdown.splitlines() if line.startswith(f"| {first_cell} |"))


def test_the_7_day_return_is_excluded_for_made_to_order_goods_in_the_pledge_the_manual_and_cx01(cabinets):
    facts, docs = cabinets
    sentence = facts.no_reason_return.sentence
    assert sentence == "本公司销售的青禾整体橱柜均属于消费者定作的商品，依法不适用无理由退货，本公司在销售页面和订货合同中以显著方式标明。"
    for key in ("pledge", "manual"):
        row = _row(docs[key], "七日无理由退货")
        assert sentence in row and "7日内有权退货" not in row, key
    for key in ("manual", "proc-repair"):
        assert sentence in docs[key], key
        assert "返还消费者支付的商品价款" not in docs[key], key


def test_the_periods_start_at_delivery_and_the_table_heads_a_quality_problem(cabinets):
    _, docs = cabinets
    pledge = docs["pledge"]
    assert "三包有效期自交付之日起计算。" in pledge and "自开具发票之日起" not in pledge
    # cabinets have no 整机 (finding a24-19): one 保修期, and parts without their own period share it
    assert "| 产品线 | 质量问题包退期 | 质量问题包换期 | 保修期 | 主要部件保修期 |" in pledge
    assert "整机" not in pledge and "| 青禾整体橱柜 | 7天 | 15天 | 5年 | 同保修期 |" in pledge
    for key in ("manual", "proc-repair"):
        assert "1. 三包有效期自交付之日起计算" in docs[key], key


def test_every_period_counts_from_delivery_and_names_a_quality_problem(cabinets):
    """Finding a24-2/19: the 7- and 15-day rights and depreciation count from the same start as the
    三包 period, or they run out before made-to-order goods arrive; cabinets have no 性能故障."""
    _, docs = cabinets
    for key in ("manual", "proc-repair"):
        text = docs[key]
        assert "2. 自交付之日起7日内发生质量问题的，消费者可以选择退货、换货或者修理。" in text, key
        assert "3. 自交付之日起15日内发生质量问题的，消费者可以选择换货或者修理。" in text, key
        assert "折旧时间自交付之日起至退货之日止" in text, key
        for word in ("售出之日", "开具发票之日", "发生性能故障"):
            assert word not in text, (key, word)


def test_art_23_and_24_are_stated_with_one_scope(cabinets):
    _, docs = cabinets
    manual = docs["manual"]
    assert ("顾客还依照《中华人民共和国消费者权益保护法》第二十三条、第二十四条（中华人民共和国主席令第七号）"
            "享有以下权利（适用于本公司销售的全部商品）") in manual
    durable = "本公司销售的青禾整体橱柜属于耐用商品，消费者自接受商品之日起6个月内发现瑕疵，发生争议的，由本公司承担有关瑕疵的举证责任。"
    assert durable in manual and durable in docs["proc-repair"]


def test_cabinets_are_measured_levelled_and_adjusted_not_wired(cabinets):
    _, docs = cabinets
    cx02 = docs["proc-installation"]
    for word in ("复尺", "水平度", "门缝", "台面拼缝", "五金件调整到位", "封边", "吊柜与墙体固定牢固", "订单编号", "## 安装检验"):
        assert word in cx02, word
    for word in ("接地", "通电", "移机", "加长管路", "机身编号", "电工特种作业操作证"):
        assert word not in cx02, word


def test_the_booking_is_answered_from_the_booking_and_mb01_measures_the_committed_visit(cabinets):
    _, docs = cabinets
    cx02 = docs["proc-installation"]
    step2, step3 = _row(cx02, "2"), _row(cx02, "3")
    assert "| 受理报装后2小时内 |" in step2
    assert "杭州市城区：与顾客预约确认后24小时内上门" in step3
    assert "受理报装后2小时内与顾客联系，约定上门时间" in cx02
    assert "与顾客预约确认后2小时内" not in cx02
    target = _row(docs["targets"], "3")
    assert "安装及时率" in target and "| 杭州市城区与顾客预约确认后24小时内上门 |" in target


def test_an_appliance_maker_keeps_its_appliance_words(fridges):
    facts, docs = fridges
    assert facts.no_reason_return is None
    assert "| 产品线 | 性能故障包退期 | 性能故障包换期 |" in docs["pledge"]
    assert "三包有效期自开具发票之日起计算。" in docs["pledge"]
    assert "第二十三条、第二十四条" in docs["manual"]  # a refrigerator is a durable good the law names
