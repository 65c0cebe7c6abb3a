"""The three data files that name a 三包 rule (sanbao.yaml for the minimums, rights.yaml for the rights
the documents state, laws.yaml for the register) name each rule alike: one title, one 文号, one
catalogue of product categories. And each product category falls under its own rule."""
from __future__ import annotations

import datetime
import re

import pytest

from sskit.standard import load_laws, load_rights
from sskit.standard.statutory import load_statutory, rights_fill

TABLE = load_statutory()
SANBAO_RULES = sorted(key for key in TABLE.rules if key != "consumer_law")
LAW_ROWS = {row["name"]: row for row in load_laws()}
RIGHTS = {entry.get("rule"): entry for entry in load_rights() if entry.get("rule")}
PHONE_ORDER = "国家质量监督检验检疫总局、国家工商行政管理总局、信息产业部令第4号"
GENERAL_RULE = "国经贸〔1995〕458号"


def _governed(rule_key: str) -> set[str]:
    return {code for code in TABLE.categories if TABLE.governing_rule(code) == rule_key}


@pytest.mark.parametrize("key", SANBAO_RULES)
def test_every_sanbao_rule_has_its_rights_under_the_same_title_and_number(key):
    rule = TABLE.rules[key]
    assert key in RIGHTS, f"rights.yaml has no entry with rule: {key}"
    assert (RIGHTS[key]["name"], RIGHTS[key]["number"]) == (rule["name"], rule["source"].split("（")[0])


@pytest.mark.parametrize("key", SANBAO_RULES)
def test_every_sanbao_rule_is_a_register_row_with_the_same_number_and_catalogue(key):
    rule = TABLE.rules[key]
    row = LAW_ROWS[rule["name"]]
    assert rule["source"].startswith(row["number"])
    assert set(row["categories"]) == _governed(key)


@pytest.mark.parametrize("category, rule", [("mobile_phone", "mobile_phone"), ("fixed_phone", "fixed_phone"),
                                            ("computer", "computer"), ("refrigerator", "general"),
                                            ("motorcycle", "general"), ("household_car", "household_car"),
                                            ("other", None), ("water_purifier", None)])
def test_a_category_is_governed_by_the_rule_of_its_own_catalogue(category, rule):
    assert TABLE.governing_rule(category) == rule


@pytest.mark.parametrize("category", ["mobile_phone", "fixed_phone", "computer"])
def test_telephones_and_computers_are_not_in_the_1995_catalogue(category):
    """The 1995 rule's catalogue lists neither: no period of theirs is the 1995 rule's, and neither
    the register nor the rights put them under it."""
    assert all(m.source != GENERAL_RULE for m in TABLE.minimums(category).values())
    assert category not in LAW_ROWS["《部分商品修理更换退货责任规定》"]["categories"]
    assert "general" not in TABLE.categories[category]["rules"]


def test_a_phones_periods_are_the_phone_rules():
    found = TABLE.minimums("mobile_phone")
    # the 7-day return is the consumer law's as for every category (the first rule to set it)
    assert {p: (m.value, m.source) for p, m in found.items()} == {
        "return_days": (7, "消费者权益保护法（2013年修正）第二十四条"), "exchange_days": (15, PHONE_ORDER),
        "whole_unit_months": (12, PHONE_ORDER)}
    wear = TABLE.wear_parts("mobile_phone")
    assert {part: m.value for part, m in wear.items()} == {"电池": 6, "充电器": 12, "有线耳机": 3, "存储卡": 12}
    assert {m.rule for m in wear.values()} == {"《移动电话机商品修理更换退货责任规定》"}


def test_the_2001_order_issued_both_telephone_rules_and_the_register_says_so():
    for name in ("《移动电话机商品修理更换退货责任规定》", "《固定电话机商品修理更换退货责任规定》"):
        row = LAW_ROWS[name]
        assert (row["number"], str(row["published"]), str(row["effective"])) == (PHONE_ORDER, "2001-09-17", "2001-11-15")
        assert row["issuer"] == "国家质量监督检验检疫总局、国家工商行政管理总局、信息产业部"
    assert "国质检质联" not in "".join(str(v) for row in LAW_ROWS.values() for v in row.values())


def test_rights_texts_fill_only_the_periods_start_and_cite_no_appendix_as_a_law():
    """A rights sentence names no figure the facts stage does not hold except the rule's own, and puts
    no appendix title in 《》 (every 《…》 in a document is a law the register lists)."""
    for entry in load_rights():
        for text in entry["rights"]:
            assert set(re.findall(r"\{(\w+)\}", text)) <= set(rights_fill("自交付之日起计算", "", "")), text
            assert "《" not in text, text


def test_the_dealer_channel_states_the_sellers_duty_and_the_makers_part():
    entry = next(e for e in load_rights() if e["key"] == "dealer_channel")
    assert entry["name"] == "《中华人民共和国产品质量法》第四十条"
    assert entry["number"] == LAW_ROWS["《中华人民共和国产品质量法》"]["number"]
    first, second = entry["rights"]
    assert "经销商作为销售者依法对顾客负责修理、更换、退货" in first
    assert "有权向本公司追偿" in second and "按与经销商的约定结算" in second


KINDS = {"法律", "行政法规", "部门规章", "规范性文件", "国家标准", "行业标准", "安全技术规范"}


@pytest.mark.parametrize("row", load_laws(), ids=lambda r: r["name"])
def test_every_register_row_is_well_formed(row):
    assert row["kind"] in KINDS
    assert re.fullmatch(r"《[^《》]+》(（[^（）]+）)?", row["name"])
    for field in ("published", "effective", "first_effective"):
        if field in row:
            datetime.date.fromisoformat(str(row[field]))
    if "first_effective" in row:  # only for an amendment whose own date is not known
        assert "effective" not in row and str(row["first_effective"]) < str(row["published"])
    assert row["confidence"] in {"high", "medium", "unconfirmed"}
    if row["confidence"] == "high":
        assert row.get("number") and (row.get("published") or row.get("effective"))


def test_the_hvac_trade_lists_refrigerant_recovery_and_duct_cleaning():
    hvac = {name for name, row in LAW_ROWS.items() if "hvac" in row.get("traits", ())}
    assert {"《消耗臭氧层物质管理条例》", "《公共场所集中空调通风系统清洗消毒规范》"} <= hvac
    ods = LAW_ROWS["《消耗臭氧层物质管理条例》"]
    assert (ods["number"], str(ods["effective"])) == ("国务院令第573号（国务院令第770号修订）", "2024-03-01")
    assert LAW_ROWS["《公共场所集中空调通风系统清洗消毒规范》"]["number"] == "WS/T 396-2012"


def test_the_checks_hold_a_phone_to_the_phone_rule_never_to_the_1995_rule():
    from pathlib import Path

    from sskit.compliance import run_checks
    from sskit.profile import parse_profile_with_source
    from sskit.standard import load_catalogue

    text = (Path(__file__).parent / "profiles" / "phone-maker.yaml").read_text(encoding="utf-8")
    short = text.replace("      exchange_days: 15\n      whole_unit_months: 12\n      wear_parts:\n        - {name: 电池, months: 6}\n"
                         "        - {name: 充电器, months: 12}",
                         "      exchange_days: 10\n      whole_unit_months: 12\n      wear_parts:\n        - {name: 电池, months: 3}\n"
                         "        - {name: 充电器, months: 12}", 1)
    short = short.replace("parts_retention_years: 5", "parts_retention_years: 2")
    assert short.count("exchange_days: 10") == 1 and "parts_retention_years: 2" in short
    profile, source = parse_profile_with_source(short, "phone.yaml")
    findings = [f for f in run_checks(profile, source, load_catalogue(), TABLE).findings if f.rule in ("SS201", "SS203")]
    assert sorted((f.rule, f.path) for f in findings) == [
        ("SS201", "products[0].warranty.exchange_days"), ("SS201", "products[0].warranty.wear_parts[0].months")]
    for finding in findings:
        assert "《移动电话机商品修理更换退货责任规定》" in finding.message and PHONE_ORDER in finding.hint
    assert not any(GENERAL_RULE in f.message + f.hint or "部分商品" in f.message for f in findings)
