"""A seller whose goods are repaired by the brands' authorised networks, remote service for many
provinces in one entry, and sales regions that are provinces (auditor a23 findings 3, 4, 15, 25 and
the remote_service frictions).

Fixtures: tests/fixtures/compliant.yaml (clean under every rule) with one planted change each.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sskit.facts import derive_facts
from sskit.facts.network import repair_network
from sskit.profile import parse_profile_with_source
from sskit.standard import load_catalogue

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))
from minimal_variants import checked as _check, replaced  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TEXT = (ROOT / "tests" / "fixtures" / "compliant.yaml").read_text(encoding="utf-8")
CATALOGUE = load_catalogue()

BRAND = "    repair_network: {name: 青禾授权服务中心, hotline: 400-826-9999}\n"


def _mutate(*replacements) -> str:
    return replaced(TEXT, *replacements)


def _rules(result) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in result.findings:
        out.setdefault(f.rule, []).append(f)
    return out


# a dealer-like seller: its goods go to the brand's centres, it repairs and visits nobody
BRAND_REPAIRED = (
    ("    labour_fee: {price: 80, unit: 元/次}\n", BRAND),
    ("functions: [service_management, customer_service, repair, installation, complaints]",
     "functions: [service_management, customer_service, installation, complaints]"),
    ("  onsite:\n    - {area: 杭州市城区, hours: 24}\n", ""),
    ("    categories: [refrigerator]\n", "    categories: []\n"),
)


def test_the_network_fact_names_the_brand_centre_and_its_lines():
    profile, _ = parse_profile_with_source(_mutate(*BRAND_REPAIRED), "p.yaml")
    net = repair_network(profile)
    assert net.all and net.any and net.brand_repaired == ("青禾风冷冰箱",) and net.own_repaired == ()
    (centre,) = net.centres
    assert centre.network == "青禾授权服务中心" and centre.contact == "青禾授权服务中心（服务热线400-826-9999）"
    plain, _ = parse_profile_with_source(TEXT, "p.yaml")
    assert not repair_network(plain).any and repair_network(plain).own_repaired == ("青禾风冷冰箱",)


def test_a_default_network_name_comes_from_the_brand():
    text = _mutate(("    labour_fee: {price: 80, unit: 元/次}\n", "    brand: 青禾\n    repair_network: {}\n"))
    profile, _ = parse_profile_with_source(text, "p.yaml")
    assert repair_network(profile).names == "青禾授权服务中心"


def test_brand_repaired_goods_need_no_repair_owner_labour_rate_onsite_limit_or_outlet_category():
    result = _check(_mutate(*BRAND_REPAIRED))
    found = _rules(result)
    for rule in ("SS101", "SS305", "SS401"):
        assert rule not in found, [f.headline() for f in found[rule]]
    assert not result.failed(), [f.headline() for f in result.findings]


def test_the_same_profile_without_the_network_still_fails_those_rules():
    text = _mutate(*BRAND_REPAIRED[1:], ("    labour_fee: {price: 80, unit: 元/次}\n", ""))
    with pytest.raises(Exception) as raised:  # no on-site limit without the brands' networks
        parse_profile_with_source(text, "p.yaml")
    assert "commitments.onsite needs at least one entry" in str(raised.value)
    kept = _mutate(*BRAND_REPAIRED[1:2], *BRAND_REPAIRED[3:], ("    labour_fee: {price: 80, unit: 元/次}\n", ""))
    found = _rules(_check(kept))
    assert {"SS101", "SS305", "SS401"} <= set(found)


def test_no_onsite_is_located_at_the_commitments():
    text = _mutate(("  onsite:\n    - {area: 杭州市城区, hours: 24}\n", ""))
    with pytest.raises(Exception) as raised:
        parse_profile_with_source(text, "p.yaml")
    line = next(i for i, l in enumerate(text.splitlines(), start=1) if l.startswith("commitments:"))
    (diag,) = raised.value.diagnostics
    assert diag.path == "commitments" and diag.line == line + 1  # the section's first key


# --- remote service and sales regions -----------------------------------------------------------

MAIL = "顾客申请寄修，本公司承担往返运费，寄修中心收到商品后5日内修复并寄回"
REGIONS = ("  sales_regions: [浙江省]\n", "  sales_regions: [浙江省, 江苏省, 安徽省, 江西省]\n")


def _remote(entries: str, regions=REGIONS) -> str:
    return _mutate(regions, ("  take_back:", "  remote_service:\n" + entries + "  take_back:"))


def test_one_entry_may_name_many_provinces_and_a_timed_mail_in_needs_no_outlet():
    text = _remote(f"    - provinces: [江苏省, 安徽省, 江西省]\n      arrangement: {MAIL}\n")
    result = _check(text)
    found = _rules(result)
    assert "SS402" not in found and "SS405" not in found, [f.headline() for f in result.findings]
    (info,) = found["SS410"]
    assert info.severity == "info" and "江苏省、安徽省、江西省不设服务网点" in info.message
    assert "寄修中心收到商品后5日内修复并寄回" in info.message
    profile, _ = parse_profile_with_source(text, "p.yaml")
    facts = derive_facts(profile, CATALOGUE)
    (group,) = facts.remote.groups
    assert group.provinces == ("江苏省", "安徽省", "江西省") and group.mail_in


def test_the_one_province_form_keeps_working():
    text = _remote("".join(f"    - {{province: {p}, arrangement: {MAIL}}}\n" for p in ("江苏省", "安徽省", "江西省")))
    found = _rules(_check(text))
    assert "SS402" not in found and "SS405" not in found and len(found["SS410"]) == 1


def test_an_arrangement_without_a_time_limit_still_asks_for_an_outlet():
    text = _remote("    - provinces: [江苏省, 安徽省, 江西省]\n      arrangement: 由杭州西湖服务中心派员上门\n"
                   "      onsite:\n        - {area: 各地级市城区, hours: 72}\n")
    found = _rules(_check(text))
    assert [f.path for f in found["SS405"]] == ["company.sales_regions[1]", "company.sales_regions[2]",
                                               "company.sales_regions[3]"]
    assert "SS410" not in found


def test_a_province_missing_from_every_entry_is_still_an_error():
    found = _rules(_check(_remote(f"    - provinces: [江苏省, 安徽省]\n      arrangement: {MAIL}\n")))
    (error,) = found["SS402"]
    assert error.path == "company.sales_regions[3]" and "江西省" in error.message


def test_both_or_neither_form_of_an_entry_is_a_located_error():
    for entry in (f"    - {{province: 江苏省, provinces: [安徽省], arrangement: {MAIL}}}\n",
                  f"    - {{arrangement: {MAIL}}}\n"):
        with pytest.raises(Exception) as raised:
            parse_profile_with_source(_remote(entry), "p.yaml")
        assert "exactly one of them" in str(raised.value)


def test_an_entry_for_a_province_with_an_outlet_is_flagged():
    text = _remote(f"    - provinces: [江苏省, 浙江省, 安徽省, 江西省]\n      arrangement: {MAIL}\n")
    found = _rules(_check(text))
    (warning,) = found["SS409"]
    assert warning.severity == "warning" and warning.path == "commitments.remote_service[0].provinces[1]"
    assert "杭州西湖服务中心" in warning.message and warning.hint
    single = _remote(f"    - {{province: 浙江省, arrangement: {MAIL}}}\n", regions=("浙江省]", "浙江省]"))
    assert _rules(_check(single))["SS409"][0].path == "commitments.remote_service[0].province"


@pytest.mark.parametrize("region, hint", [("全国", "provinces: [北京市, 天津市, …]"), ("江苏", "江苏省"),
                                          ("华东地区", "按省级行政区的全称")])
def test_a_sales_region_that_is_no_province_is_an_error_with_a_hint(region, hint):
    text = _mutate(("  sales_regions: [浙江省]\n", f"  sales_regions: [浙江省, {region}]\n"))
    result = _check(text)
    found = _rules(result)
    (error,) = found["SS408"]
    assert error.severity == "error" and error.path == "company.sales_regions[1]" and hint in error.hint
    assert "SS402" not in found  # one finding for one mistake
    assert result.failed()


def test_the_facts_carry_the_network():
    profile, _ = parse_profile_with_source(_mutate(*BRAND_REPAIRED), "p.yaml")
    facts = derive_facts(profile, CATALOGUE)
    assert facts.network.all and facts.network == repair_network(profile)
