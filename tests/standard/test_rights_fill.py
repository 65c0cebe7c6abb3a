"""rights.yaml filled by statutory.rights_fill: every period counts from the 三包 start the facts
give (auditor a24 finding 2) and the computer rule states its return and exchange periods (finding 3)."""
from __future__ import annotations

from sskit.standard import load_rights
from sskit.standard.statutory import counted_from, load_statutory, rights_fill

RIGHTS = {entry["key"]: entry for entry in load_rights()}


def _texts(key: str, start: str, fault: str = "性能故障") -> list[str]:
    fill = rights_fill(start, "自三包有效期起算之日起60日内", fault)
    return [text.format(**fill) for text in RIGHTS[key]["rights"]]


def test_the_default_start_keeps_the_laws_own_words():
    assert counted_from("自开具发票之日起计算") == {"sold": "售出之日", "invoiced": "开具发票之日"}
    goods = _texts("goods", "自开具发票之日起计算")
    assert goods[1] == "自售出之日起7日内发生性能故障的，消费者可以选择退货、换货或者修理。"
    assert "折旧时间自开具发票之日起至退货之日止" in goods[4]


def test_a_later_start_moves_every_period_with_it():
    for start, day in (("自交付之日起计算", "交付之日"), ("自安装验收合格之日起计算", "安装验收合格之日")):
        texts = {key: "".join(_texts(key, start, "质量问题")) for key in ("goods", "mobile_phone", "fixed_phone", "computer")}
        for key, text in texts.items():
            assert "售出之日" not in text and "开具发票之日" not in text, (key, start)
        assert f"自{day}起7日内发生质量问题的" in texts["goods"]
        assert f"自{day}起15日内发生质量问题的" in texts["goods"]
        assert f"折旧时间自{day}起至退货之日止" in texts["goods"] and f"折旧时间自{day}起" in texts["fixed_phone"]
        assert f"自{day}起第8日至第15日内，主机" in texts["mobile_phone"]
        assert f"自{day}起7日内，整机出现" in texts["computer"]


def test_lines_that_start_differently_count_from_their_own_start():
    mixed = "按产品线起算（甲自交付之日起计算；乙自开具发票之日起计算）"
    assert counted_from(mixed) == {"sold": "三包有效期起算之日", "invoiced": "三包有效期起算之日"}
    assert _texts("goods", mixed)[1].startswith("自三包有效期起算之日起7日内")


def test_the_phone_and_computer_rules_keep_their_own_fault_term():
    for key in ("mobile_phone", "computer"):
        assert "{fault}" not in "".join(RIGHTS[key]["rights"]), key
        assert "性能故障" in "".join(_texts(key, "自交付之日起计算", "质量问题")), key


def test_the_computer_rule_states_return_exchange_and_two_repairs():
    texts = _texts("computer", "自开具发票之日起计算")
    assert "自售出之日起7日内，整机出现该规定所附性能故障表所列性能故障的，消费者可以选择退货、换货或者修理。" in texts
    assert "自售出之日起15日内，整机出现所列性能故障的，消费者可以选择换货或者修理。" in texts
    assert any("经两次修理仍不能正常使用的" in t and "免费换货" in t for t in texts)
    minimums = load_statutory().minimums("computer")
    assert (minimums["return_days"].value, minimums["exchange_days"].value) == (7, 15)
    assert minimums["exchange_days"].rule == "《微型计算机商品修理更换退货责任规定》"
    assert minimums["exchange_days"].confidence == "medium"
