"""The conditions the data files put on their rows name facts that exist.

A row of records.yaml, posts.yaml, emergency.yaml or laws.yaml that lists a trait the facts do not
have would silently never apply (records.applies reads a missing trait as false): a typo there
drops a record, a post or a scenario from every set without a word. `not_traits` excludes a row
where a trait holds."""
from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pytest

from sskit.facts.model import Traits
from sskit.profile import vocab
from sskit.records import applies
from sskit.standard import load_data

TRAIT_NAMES = {f.name for f in dataclasses.fields(Traits)}


def _conditions(node, where: str):
    """(where, key, names) of every traits / not_traits list under `node`."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("traits", "not_traits") and isinstance(value, list):
                yield where, key, value
            else:
                yield from _conditions(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            label = value.get("key") or value.get("name") or i if isinstance(value, dict) else i
            yield from _conditions(value, f"{where}[{label}]")


@pytest.mark.parametrize("name", ["records", "posts", "emergency", "laws"])
def test_every_trait_a_data_file_names_is_a_fact(name):
    found = list(_conditions(load_data(name), name))
    assert found, f"{name}.yaml has no trait conditions: the walk is broken"
    unknown = [(where, key, t) for where, key, names in found for t in names if t not in TRAIT_NAMES]
    assert unknown == []


def test_the_trades_bring_only_traits_the_facts_have():
    brought = {t for trade in vocab.TRADES.values() for t in trade["traits"]}
    assert brought and brought <= TRAIT_NAMES, brought - TRAIT_NAMES


def _traits(**on) -> SimpleNamespace:
    return SimpleNamespace(business_type="manufacturer", **{name: name in on for name in TRAIT_NAMES
                                                             if name != "business_type"})


def test_not_traits_excludes_a_row_alone_and_beside_other_conditions():
    unless_online = {"not_traits": ["courier_delivery"]}
    assert applies(unless_online, _traits(), []) is True
    assert applies(unless_online, _traits(courier_delivery=True), []) is False
    repairs_but_not_by_mail = {"traits": ["repairs"], "not_traits": ["mail_in"]}
    assert applies(repairs_but_not_by_mail, _traits(repairs=True), []) is True
    assert applies(repairs_but_not_by_mail, _traits(repairs=True, mail_in=True), []) is False
    assert applies(repairs_but_not_by_mail, _traits(), []) is False
    by_category = {"categories": ["furniture"], "not_traits": ["brand_repaired"]}
    assert applies(by_category, _traits(), ["furniture"]) is True
    assert applies(by_category, _traits(brand_repaired=True), ["furniture"]) is False


def test_no_registry_form_takes_the_returns_registers_code():
    """BD-80 is the 退换货登记表 (sskit/documents.py); a registry form numbered 80 would be listed twice."""
    codes = [e["code"] for e in load_data("records")["records"] if "code" in e]
    assert 80 not in codes and len(codes) == len(set(codes))
