"""The freight of a mail-in arrangement is restated whole: both halves of 保修期内…，保修期外…."""
from sskit.facts.remote import _freight


def test_both_halves_of_the_freight_rule_are_kept():
    text = ("本地区不设服务网点，由快递上门取件，寄修中心收到商品后15日内修复并寄回，"
            "保修期内往返运费由本公司承担，保修期外由顾客承担")
    assert _freight(text) == "保修期内往返运费由本公司承担，保修期外由顾客承担"


def test_the_freight_clause_stops_at_the_next_subject():
    assert _freight("保修期内往返运费由公司承担，3日内修复并寄回，顾客承担包装") == "保修期内往返运费由公司承担"
    assert _freight("运费由公司承担；寄修中心收到商品后3日内修复") == "运费由公司承担"


def test_no_freight_stated_gives_nothing():
    assert _freight("寄修中心收到商品后3日内修复并寄回") == ""
