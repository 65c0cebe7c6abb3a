"""Every law or standard a document of the set cites in 《》 is a row of the set's 法律法规及其他要求清单
(WB-01): the register is where the company shows it identified what it applies (GB/T 27922 5.1.4.2).
Checked on the four examples and on two profiles of trades and products the examples lack (a central
air-conditioning maintenance company, a maker of phones and radios that sells through dealers)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sskit.facts import derive_facts
from sskit.markup.ir import Span, Table
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile_with_source
from sskit.render import TemplateSet
from sskit.standard import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
PROFILES = sorted((ROOT / "profiles").glob("*.yaml")) + sorted((Path(__file__).parent / "profiles").glob("*.yaml"))
CATALOGUE = load_catalogue()
TITLE = re.compile(r"《([^《》]+)》")


def _register_names(doc) -> set[str]:
    """The titles the register's table lists, one per row (the 名称 column)."""
    [table] = [b for b in doc.blocks if isinstance(b, Table) and b.caption == "法律法规及其他要求清单"]
    names = set()
    for row in table.rows:
        cell = "".join(i.text for i in row[1] if isinstance(i, Span))
        names |= set(TITLE.findall(cell))
    return names


@pytest.fixture(scope="module", params=PROFILES, ids=lambda p: p.stem)
def document_set(request):
    path = request.param
    profile, _ = parse_profile_with_source(path.read_text(encoding="utf-8"), str(path))
    facts = derive_facts(profile, CATALOGUE)
    return render_document_set(profile, CATALOGUE, TemplateSet(), formats=(), facts=facts)


def test_every_cited_law_is_a_row_of_the_register(document_set):
    own = {doc.spec.title for doc in document_set}  # the set's documents and forms cite each other too
    listed = _register_names(next(doc for doc in document_set if doc.spec.key == "law-list"))
    unlisted = {}
    for doc in document_set:
        for title in set(TITLE.findall(doc.markdown)) - own - listed:
            unlisted.setdefault(title, []).append(doc.spec.number)
    assert unlisted == {}


def test_the_hvac_company_lists_its_trades_rules():
    path = Path(__file__).parent / "profiles" / "hvac-service.yaml"
    profile, _ = parse_profile_with_source(path.read_text(encoding="utf-8"), str(path))
    facts = derive_facts(profile, CATALOGUE)
    assert facts.traits.hvac
    assert {"《消耗臭氧层物质管理条例》", "《公共场所集中空调通风系统清洗消毒规范》"} <= set(facts.laws)
    # a rule about goods stays out of a company that sells none
    assert not any("修理更换退货责任规定" in law or "产品质量法" in law for law in facts.laws)
