"""The spare-parts rules (SS203, SS204, SS307) for each business type, with and without
`commitments.parts_retention_years`: stated years are the company's own commitment whatever
it is, and a profile without them is checked, never crashed on."""
from __future__ import annotations

from pathlib import Path

import pytest

from sskit.compliance import run_checks
from sskit.facts import derive_facts
from sskit.profile import parse_profile_with_source
from sskit.standard import load_catalogue
from sskit.standard.statutory import load_statutory

ROOT = Path(__file__).resolve().parents[2]
TEXT = (ROOT / "tests" / "fixtures" / "compliant.yaml").read_text(encoding="utf-8")
DEALER = [("  business_type: manufacturer", "  business_type: distributor"),
          ("    labour_fee: {price: 80", "    manufacturer: 青禾电器有限公司\n    labour_fee: {price: 80")]
NO_YEARS = [("  parts_retention_years: 5\n", "")]


def _check(replacements):
    text = TEXT
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    profile, source = parse_profile_with_source(text, "p.yaml")
    catalogue = load_catalogue()
    return run_checks(profile, source, catalogue, load_statutory()), derive_facts(profile, catalogue)


def _rules(result, *ids):
    return [f for f in result.findings if f.rule in ids]


def test_a_dealer_stating_the_years_has_made_its_parts_commitment():
    result, facts = _check(DEALER)
    assert _rules(result, "SS203", "SS204", "SS307") == []
    assert facts.parts_years == 5
    assert facts.parts_supply == "所售商品停产后继续保障维修备件供应不少于5年"


def test_a_dealer_stating_no_years_is_asked_for_a_parts_time():
    result, facts = _check(DEALER + NO_YEARS)
    [finding] = _rules(result, "SS203", "SS204", "SS307")
    assert finding.rule == "SS307" and finding.path == "commitments"
    assert "没有承诺停产后的备件供应年限" in finding.message and "parts_delivery_hours" in finding.hint
    assert facts.parts_years is None
    assert facts.parts_supply == "停产商品的维修备件按生产企业的停产后备件供应规定订购和保障"


def test_a_dealers_years_are_held_to_the_statutory_minimum():
    result, _ = _check(DEALER + [("parts_retention_years: 5", "parts_retention_years: 3")])
    [finding] = _rules(result, "SS203", "SS204", "SS307")
    assert finding.rule == "SS203" and finding.severity == "error"
    assert "停产后备件保留3年" in finding.message and "不少于5年" in finding.message


@pytest.mark.parametrize("business_type", ["manufacturer", "distributor"])
def test_no_years_is_checked_without_a_crash(business_type):
    replacements = (DEALER if business_type == "distributor" else []) + NO_YEARS
    result, facts = _check(replacements)
    assert _rules(result, "SS203", "SS204") == []
    warned = [d for d in facts.decisions if d.path == ("commitments",) and "备件保留年限" in d.message]
    # a maker without the years is warned by the facts stage, and its documents promise the statutory period
    assert bool(warned) == (business_type == "manufacturer")
    if business_type == "manufacturer":
        assert facts.parts_supply == "产品停产后按国家三包规定的期限继续提供维修备件"


def test_a_service_company_stating_the_years_promises_them_for_the_equipment_it_serves():
    text = (ROOT / "tests" / "fixtures" / "it-service.yaml").read_text(encoding="utf-8")
    assert "  parts_delivery_hours: 24\n" in text
    text = text.replace("  parts_delivery_hours: 24\n", "  parts_retention_years: 3\n")
    profile, source = parse_profile_with_source(text, "it.yaml")
    catalogue = load_catalogue()
    result = run_checks(profile, source, catalogue, load_statutory())
    assert _rules(result, "SS203", "SS204", "SS307") == []
    facts = derive_facts(profile, catalogue)
    assert facts.parts_years == 3
    assert facts.parts_supply == "维修所需配件从合格供方采购，所服务设备停产后继续保障维修配件供应不少于3年"
