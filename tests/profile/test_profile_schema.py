"""The JSON Schema of the profile model (what `sskit schema` prints)."""
from __future__ import annotations

import json

from sskit.profile.model import TOP_KEYS, Profile

SECTIONS = ["company", "service_head", "departments", "outlets", "products", "commitments", "training",
            "document_control"]


def _objects(node):
    """Every object schema with properties, anywhere in the schema."""
    if isinstance(node, dict):
        if "properties" in node:
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


OPTIONAL = ["responsibilities", "people", "targets", "resources"]


def test_top_level_has_the_eight_sections_four_optional_and_nothing_else():
    """products and services: one of them by business type (a model rule), so neither is
    required by the schema; services follows products."""
    schema = Profile.model_json_schema()
    assert schema["type"] == "object"
    expected = [s for s in SECTIONS if s != "products"] + OPTIONAL
    expected[expected.index("outlets") + 1:expected.index("outlets") + 1] = ["products", "services"]
    assert list(schema["properties"]) == expected
    assert "products" not in schema["required"] and "services" not in schema["required"]
    assert schema["additionalProperties"] is False
    assert sorted(schema["required"]) == sorted(s for s in SECTIONS if s != "products")
    assert list(TOP_KEYS) == expected


def test_every_section_forbids_unknown_keys():
    schema = Profile.model_json_schema()
    objects = list(_objects(schema))
    assert len(objects) > 10
    for obj in objects:
        assert obj.get("additionalProperties") is False, obj.get("title")


def test_schema_is_json_and_keeps_the_chinese_descriptions():
    schema = Profile.model_json_schema()
    text = json.dumps(schema, ensure_ascii=False)
    assert json.loads(text) == schema
    assert "统一社会信用代码" in text
