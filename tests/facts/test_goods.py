"""The facts of the goods a company sells: which the consumer law excludes from the 7-day no-reason
return (Art. 25), when their 三包 periods start, the consumer law's Art. 24 and Art. 23 para 3, the
installation limits, and the words of goods installed without power (trades.yaml `goods`)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import pytest

from sskit.diagnostics import SskitError
from sskit.facts import derive_facts
from sskit.profile import parse_profile
from sskit.standard import load_catalogue
from sskit.view.common import commitment_rows

ROOT = Path(__file__).resolve().parents[2]
TEXT = (ROOT / "tests" / "fixtures" / "compliant.yaml").read_text(encoding="utf-8")
CATALOGUE = load_catalogue()
FRIDGE = "  - id: fridge\n"
CABINET = """  - id: cabinet
    name: 青禾整体橱柜
    category: furniture
    labour_fee: {price: 100, unit: 元/次}
    description: 按户型定制的整体橱柜
    warranty: {return_days: 7, exchange_days: 15, whole_unit_months: 60}
    installation_required: true
"""


def _text(*replacements, cabinet: Optional[str] = None, only_cabinet: bool = False) -> str:
    """The compliant profile, edited; with `cabinet` (its extra lines) a made-to-order cabinet line
    beside the fridge, or instead of it."""
    text = TEXT
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    if cabinet is not None:
        block = CABINET + cabinet
        if only_cabinet:
            start = text.index(FRIDGE)
            end = text.index("commitments:\n")
            text = text[:start] + block + text[end:]
            text = text.replace("categories: [refrigerator]", "categories: [furniture]")
        else:
            text = text.replace(FRIDGE, block + FRIDGE, 1)
    return text


def _facts(*replacements, **kw):
    profile = parse_profile(_text(*replacements, **kw), "p.yaml")
    return profile, derive_facts(profile, CATALOGUE)


ONLINE = ("  business_type: manufacturer\n", "  business_type: manufacturer\n  sales_channels: [store, online]\n")
MADE_TO_ORDER = "    return_exclusion: made_to_order\n"


def _row(profile, facts, item: str) -> str:
    return dict(commitment_rows(profile, facts))[item]


def test_goods_made_to_order_and_sold_online_are_excluded_in_the_rights_and_the_commitment_alike():
    profile, facts = _facts(ONLINE, cabinet=MADE_TO_ORDER, only_cabinet=True)
    own = facts.no_reason_return
    assert own.every and own.excluded == (("青禾整体橱柜", "消费者定作的商品"),)
    distance = facts.rights_of("distance_sales")
    assert distance.rights[2] == own.sentence
    assert "本公司销售的青禾整体橱柜均属于消费者定作的商品，依法不适用无理由退货" in own.sentence
    # nothing is returned without reason: the refund rule is not stated as if it applied
    assert not any("返还消费者支付的商品价款" in r for r in distance.rights)
    row = _row(profile, facts, "七日无理由退货")
    assert row.startswith(own.sentence) and "7日内有权退货" not in row
    assert not [d for d in facts.decisions if "七日无理由退货" in d.message]


def test_some_goods_excluded_keep_the_right_for_the_others_and_name_the_excluded_ones():
    profile, facts = _facts(ONLINE, cabinet=MADE_TO_ORDER)
    own = facts.no_reason_return
    assert not own.every and own.sentence.startswith("青禾整体橱柜属于消费者定作的商品")
    distance = facts.rights_of("distance_sales")
    assert distance.rights[2] == own.sentence and "返还消费者支付的商品价款" in distance.rights[-1]
    row = _row(profile, facts, "七日无理由退货")
    assert "7日内有权退货" in row and row.endswith(own.sentence)


def test_a_line_that_says_it_is_made_to_order_without_the_field_is_a_warning_not_a_silent_choice():
    profile, facts = _facts(ONLINE, cabinet="")
    [warning] = [d for d in facts.decisions if "七日无理由退货" in d.message]
    assert warning.severity == "warning" and warning.path == ("products", 0)
    assert "return_exclusion: made_to_order" in warning.hint
    assert facts.no_reason_return.excluded == ()
    assert "7日内有权退货" in _row(profile, facts, "七日无理由退货")
    # without distance sales there is no right to exclude from, and nothing to warn of
    _, offline = _facts(cabinet="")
    assert offline.no_reason_return is None and offline.rights_of("distance_sales") is None
    assert not [d for d in offline.decisions if "七日无理由退货" in d.message]


def test_an_unknown_exclusion_is_a_located_error():
    with pytest.raises(SskitError) as caught:
        parse_profile(_text(ONLINE, cabinet="    return_exclusion: custom\n"), "p.yaml")
    [diag] = caught.value.diagnostics
    assert diag.line > 0 and "made_to_order" in diag.message


def test_the_warranty_start_of_the_profile_holds_for_a_manufacturer_and_per_line_when_lines_differ():
    _, facts = _facts(("    category: refrigerator\n", "    category: refrigerator\n    warranty_start: delivery\n"))
    assert facts.goods_warranty_start == "自交付之日起计算"
    assert facts.rights_of("goods").rights[0].startswith("三包有效期自交付之日起计算")
    _, mixed = _facts(("    category: refrigerator\n", "    category: refrigerator\n    warranty_start: delivery\n"),
                      cabinet="")
    assert mixed.goods_warranty_start == "按产品线起算（青禾整体橱柜自开具发票之日起计算；青禾风冷冰箱自交付之日起计算）"
    _, default = _facts()
    assert default.goods_warranty_start == "自开具发票之日起计算"


def test_art_24_holds_for_every_good_and_art_23_names_the_durable_ones():
    _, fridge = _facts()  # catalogue goods only: Art. 24 is stated all the same
    rule = fridge.rights_of("quality_return")
    assert rule.name == "《中华人民共和国消费者权益保护法》第二十三条、第二十四条"
    assert rule.rights[0] == ("本公司销售的青禾风冷冰箱属于耐用商品，消费者自接受商品之日起6个月内发现瑕疵，"
                              "发生争议的，由本公司承担有关瑕疵的举证责任。")
    assert rule.rights[1].startswith("商品不符合质量要求的，消费者可以依照国家规定、当事人约定退货")
    _, small = _facts(("    category: refrigerator\n", "    category: small_appliance\n"),
                      ("categories: [refrigerator]", "categories: [small_appliance]"))
    rule = small.rights_of("quality_return")
    assert rule.name == "《中华人民共和国消费者权益保护法》第二十四条"
    assert not any("举证责任" in r for r in rule.rights)


def test_an_installation_booking_is_answered_from_the_booking_and_visited_as_committed():
    _, report = _facts(cabinet="")
    assert report.limits.installation_response == "受理报装后2小时内"
    assert [a.text for a in report.limits.installation] == ["受理报装后24小时内上门"]
    assert [a.text for a in report.limits.onsite] == ["受理报修后24小时内上门"]
    assert report.target("installation_on_time").standard == "杭州市城区受理报装后24小时内上门"
    _, booked = _facts(("  onsite_start: report\n", "  onsite_start: appointment\n"), cabinet="")
    assert booked.limits.installation_response == "受理报装后2小时内"
    assert [a.text for a in booked.limits.installation] == ["与顾客预约确认后24小时内上门"]
    target = booked.target("installation_on_time")
    assert target.standard == "杭州市城区与顾客预约确认后24小时内上门"
    assert target.formula.startswith("在安装时限内上门安装的单数")


def test_goods_installed_without_power_have_their_own_words():
    _, cabinet = _facts(cabinet="", only_cabinet=True)
    words = cabinet.goods_terms
    assert (words.fault, words.identity, words.relocation, words.carry_in) == ("质量问题", "订单编号", "拆装移位", False)
    assert "重新制作后上门更换" in words.remake
    assert words.off_site[0] == "返厂重做" and "按原订单重新制作" in words.off_site[1]
    assert words.check == "复装检查"
    install = words.install
    assert install.test_name == "安装检验" and not install.commissioned
    said = " ".join(install.survey + install.safety + install.checks + install.checks_after)
    for word in ("复尺", "水平度", "门缝", "台面拼缝", "五金件调整到位", "封边", "吊柜与墙体固定", "清理干净"):
        assert word in said, word
    for word in ("接地", "通电", "漏电", "管路"):
        assert word not in said, word
    assert install.record == ("水平度", "门缝和间隙", "台面拼缝", "五金调整", "封边", "吊柜固定")


def test_appliances_keep_their_words_and_a_mixed_installer_checks_both():
    _, fridge = _facts()
    words = fridge.goods_terms
    assert (words.fault, words.identity, words.carry_in, words.remake) == ("性能故障", "机身编号", True, "")
    assert words.off_site == ("送修", "商品带回服务网点维修，开具领取收据，商品进出网点登记")
    assert words.check == "试机"
    assert words.install.commissioned and any("接地" in c for c in words.install.checks_after)
    assert words.install.record == ("运行正常", "接地和漏电保护可靠")
    _, mixed = _facts(("    category: refrigerator\n", "    category: refrigerator\n    installation_required: true\n"),
                      cabinet="")
    words = mixed.goods_terms
    assert words.fault == "质量问题" and words.carry_in and words.appliances  # one table heads both lines
    assert words.install.commissioned
    assert any("接地" in c for c in words.install.checks_after) and any("门缝" in c for c in words.install.checks)
