"""Source.locate / locate_key / diag and the node marks that load_yaml records."""
from __future__ import annotations

import datetime as dt

import pytest

from sskit.diagnostics import Diagnostic, SskitError
from sskit.profile.yamlsource import Source, format_path, load_yaml

DOC = """\
# comment
company:
  name: 杭州青禾
  top_manager: {name: 周启明, title: 总经理}
departments:
  - id: gm
    functions: [management, administration]
  - id: service
    parent: gm
"""


@pytest.fixture
def src() -> Source:
    return load_yaml(DOC, "doc.yaml")


def test_data_is_plain_python(src):
    assert src.data == {
        "company": {"name": "杭州青禾", "top_manager": {"name": "周启明", "title": "总经理"}},
        "departments": [{"id": "gm", "functions": ["management", "administration"]},
                        {"id": "service", "parent": "gm"}],
    }


@pytest.mark.parametrize("path, where", [
    ((), (2, 1)),                                   # the root mapping starts at its first key
    (("company",), (3, 3)),
    (("company", "name"), (3, 9)),
    (("company", "top_manager"), (4, 16)),          # the '{'
    (("company", "top_manager", "title"), (4, 35)),  # columns count characters, not UTF-8 bytes
    (("departments",), (6, 3)),                     # the first '-'
    (("departments", 0), (6, 5)),
    (("departments", 0, "functions", 1), (7, 29)),
    (("departments", 1, "parent"), (9, 13)),
])
def test_locate_recorded_paths(src, path, where):
    assert src.locate(path) == where
    assert src.locate(list(path)) == where  # any sequence works


@pytest.mark.parametrize("path, ancestor", [
    (("departments", 0, "parent"), ("departments", 0)),          # missing key -> its mapping
    (("departments", 1, "functions", 3), ("departments", 1)),
    (("departments", 7, "id"), ("departments",)),                # missing entry -> the list
    (("nowhere", "at", "all"), ()),                              # unknown section -> the root
])
def test_locate_falls_back_to_the_nearest_recorded_ancestor(src, path, ancestor):
    assert src.locate(path) == src.locate(ancestor)


def test_locate_key_points_at_the_key(src):
    assert src.locate_key(("company", "name")) == (3, 3)
    assert src.locate_key(("departments", 1, "parent")) == (9, 5)
    assert src.locate_key(("company", "top_manager", "title")) == (4, 28)
    # no key mark (a list index, or a missing key): same as locate()
    assert src.locate_key(("departments", 1)) == src.locate(("departments", 1))
    assert src.locate_key(("company", "website")) == src.locate(("company",))


def test_locate_without_marks_defaults_to_the_first_line():
    assert Source("x.yaml", {}, {}).locate(("a", 1)) == (1, 1)
    assert Source("x.yaml", {}, {(): (4, 2)}).locate(("a", 1)) == (4, 2)


def test_diag_builds_a_located_diagnostic(src):
    d = src.diag(("departments", 1, "parent"), "unknown department 'gmm'", "did you mean 'gm'?")
    assert d == Diagnostic("doc.yaml", 9, 13, "unknown department 'gmm'", "departments[1].parent", "did you mean 'gm'?")
    assert d.headline() == "doc.yaml:9:13: error: departments[1].parent: unknown department 'gmm'"
    assert d.format() == d.headline() + "\n  hint: did you mean 'gm'?"
    k = src.diag(("departments", 1, "parent"), "unknown key 'parent'", key=True)
    assert (k.line, k.col, k.hint) == (9, 5, "")


@pytest.mark.parametrize("path, text", [
    ((), ""),
    (("company",), "company"),
    (("departments", 1, "parent"), "departments[1].parent"),
    (("outlets", 0, "categories", 2), "outlets[0].categories[2]"),
    ((0,), "[0]"),
    (("training", "hours_per_role", "technician"), "training.hours_per_role.technician"),
])
def test_format_path(path, text):
    assert format_path(path) == text


def test_scalars_are_built_as_plain_values():
    src = load_yaml("a: 2026-01-05\nb: 2026-02-30\nc: 012\nd: 0x1F\ne: 8:30\nf: yes\ng: ~\nh: 1.5\ni: '7'\n", "s.yaml")
    assert src.data == {
        "a": dt.date(2026, 1, 5),
        "b": "2026-02-30",   # impossible date: left as text for the model to report
        "c": "012",          # YAML 1.1 octal is not a Python literal: kept as text
        "d": 31,
        "e": "8:30",         # sexagesimal: kept as text
        "f": True,
        "g": None,
        "h": 1.5,
        "i": "7",
    }


def test_aliases_are_expanded_and_keep_the_anchor_position():
    src = load_yaml("a: &x [1, 2]\nb: *x\n", "a.yaml")
    assert src.data == {"a": [1, 2], "b": [1, 2]}
    assert src.locate(("b",)) == (1, 4)  # the alias re-uses the anchored node


def test_every_builder_error_is_reported_at_once():
    with pytest.raises(SskitError) as info:
        load_yaml("a: 1\na: 2\nb: !x 3\nc:\n  <<: {d: 1}\n  e: 1\n  e: 2\n", "m.yaml")
    assert [d.headline() for d in info.value.diagnostics] == [
        "m.yaml:2:1: error: a: duplicate key 'a'",
        "m.yaml:3:4: error: b: unsupported YAML tag '!x'",
        "m.yaml:5:3: error: c: merge keys ('<<') are not supported in profiles",
        "m.yaml:7:3: error: c.e: duplicate key 'e'",
    ]


def test_only_values_produced_by_aliases_count_towards_the_alias_limit(monkeypatch):
    """A long profile without aliases is not an alias bomb; a short one whose aliases
    multiply it is (the limit is lowered here to keep the documents small)."""
    from sskit.diagnostics import SskitError
    from sskit.profile import yamlsource

    monkeypatch.setattr(yamlsource, "MAX_ALIAS_VALUES", 50)
    plain = "items:\n" + "".join(f"  - {{id: o{i}, name: 网点{i}}}\n" for i in range(400))  # 1,201 values
    assert len(load_yaml(plain.encode(), "p.yaml").data["items"]) == 400
    used_once = "a: &x [1, 2, 3]\nb: *x\n"  # 4 values from the alias
    assert load_yaml(used_once.encode(), "p.yaml").data["b"] == [1, 2, 3]
    bomb = "a: &x [1, 2, 3, 4, 5, 6, 7, 8, 9]\nb: &y [*x, *x, *x, *x, *x, *x]\nc: [*y]\n"  # 60 + 61 from aliases
    with pytest.raises(SskitError) as caught:
        load_yaml(bomb.encode(), "p.yaml")
    assert "more than 50 values come from expanding aliases" in caught.value.diagnostics[0].message
    # a long file may reuse a list by alias in every entry: its allowance grows with the file
    reused = "cats: &c [a, b, c]\nitems:\n" + "".join(f"  - {{id: o{i}, categories: *c}}\n" for i in range(100))
    assert len(reused) // 2 > 400 and load_yaml(reused.encode(), "p.yaml").data["items"][99]["categories"] == ["a", "b", "c"]
