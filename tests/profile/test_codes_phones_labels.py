"""Allowed codes are in the JSON Schema with their labels; hints for unknown codes;
95 numbers and extensions; a product's own category label is what the documents print."""
from __future__ import annotations

from pathlib import Path

import pytest

from sskit.diagnostics import SskitError
from sskit.facts import derive_facts
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile, vocab
from sskit.profile.model import Profile
from sskit.render import TemplateSet
from sskit.standard import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
TEXT = (ROOT / "tests" / "fixtures" / "compliant.yaml").read_text(encoding="utf-8")


def _errors(text: str) -> list:
    with pytest.raises(SskitError) as caught:
        parse_profile(text, "p.yaml")
    return caught.value.diagnostics


def test_the_schema_lists_every_allowed_code_with_its_label():
    defs = Profile.model_json_schema()["$defs"]
    category = defs["Product"]["properties"]["category"]
    assert category["enum"] == list(vocab.CATEGORIES)
    assert category["enumDescriptions"] == [v["label"] for v in vocab.CATEGORIES.values()]
    functions = defs["Department"]["properties"]["functions"]["items"]
    assert functions["enum"] == list(vocab.FUNCTIONS) and "投诉处理" in functions["enumDescriptions"]
    kinds = defs["Outlet"]["properties"]["kind"]
    assert kinds["enum"] == list(vocab.OUTLET_KINDS)


@pytest.mark.parametrize("value, hint", [
    ("elevator", "use 'other' and name it with the product's label"),
    ("rice_cooker", "use 'other' and name it with the product's label"),
    ("refridgerator", "did you mean 'refrigerator'?"),
])
def test_an_unknown_category_gets_a_sensible_hint(value, hint):
    errors = _errors(TEXT.replace("category: refrigerator", f"category: {value}", 1))
    [error] = [e for e in errors if "unknown category" in e.message]  # the outlet's category is reported too
    assert f"unknown category '{value}'" in error.message and hint in error.hint


def test_an_unknown_outlet_kind_lists_every_choice():
    [error] = _errors(TEXT.replace("kind: 直营", "kind: 合资", 1))
    assert error.hint == "choose one of: 直营, 特约, 授权, 第三方"


@pytest.mark.parametrize("phone", ["95105", "951058", "400-826-1234转8", "400-826-1234-801", "0571-88886600-12",
                                   "0571-88886600转12"])
def test_95_numbers_and_extensions_are_phone_numbers(phone):
    profile = parse_profile(TEXT.replace("hotline: 400-826-1234", f"hotline: \"{phone}\"", 1), "p.yaml")
    assert profile.commitments.hotline == phone


@pytest.mark.parametrize("phone", ["9510", "95105-", "400-826-1234转"])
def test_malformed_numbers_are_still_refused(phone):
    [error] = _errors(TEXT.replace("hotline: 400-826-1234", f"hotline: \"{phone}\"", 1))
    assert "not a valid phone number" in error.message and "95 number" in error.hint


def test_a_products_own_label_is_printed_instead_of_the_vocabulary_label():
    text = (TEXT.replace("category: refrigerator", "category: other\n    label: 中央软水机", 1)
                .replace("categories: [refrigerator]", "categories: [other]"))
    profile = parse_profile(text, "p.yaml")
    catalogue = load_catalogue()
    docs = {d.spec.key: d for d in render_document_set(profile, catalogue, TemplateSet(), formats=(),
                                                       facts=derive_facts(profile, catalogue))}
    manual, listing = docs["manual"].markdown, docs["outlet-list"].markdown
    assert "中央软水机" in manual and "其他商品" not in manual
    assert "| 中央软水机 |" in listing or "中央软水机 |" in listing
