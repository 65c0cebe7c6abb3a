"""Loading at scale (issue 19): values are built from the YAML event stream with compact
positions; a 20,000-outlet profile is not an alias bomb, a real one still is."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sskit.diagnostics import SskitError
from sskit.profile import parse_profile_with_source
from sskit.profile import yamlbuild
from sskit.profile.yamlsource import Source, load_yaml

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"

BOMB = "".join(f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}" if i else "lol"] * 9) + "]\n" for i in range(9))


def _with_outlets(count: int) -> str:
    """minimal.yaml with `count` outlets in block style, as a large client writes them."""
    text = MINIMAL.read_text(encoding="utf-8")
    head, rest = text.split("outlets:\n", 1)
    tail = rest[rest.index("\nproducts:") + 1:]
    outlets = "".join(
        f"  - id: o{i:05d}\n    name: 杭州第{i + 1}服务站\n    kind: 特约\n    province: 浙江省\n    city: 杭州市\n"
        f"    address: 杭州市示范路{i + 1}号\n    phone: 0571-{80000000 + i}\n    hours: \"08:30-17:30\"\n"
        f"    manager: 孙浩\n    technicians: {2 + i % 5}\n    categories: [refrigerator]\n"
        for i in range(count))
    return head + "outlets:\n" + outlets + tail


@pytest.fixture(scope="module")
def big_text() -> str:
    return _with_outlets(20_000)


def test_twenty_thousand_outlets_load_validate_and_are_located(big_text):
    profile, src = parse_profile_with_source(big_text.encode("utf-8"), "big.yaml")
    assert len(profile.outlets) == 20_000
    assert profile.outlets[-1].phone == "0571-80019999" and profile.outlets[-1].technicians == 6
    lines = big_text.splitlines()
    phone = lines.index("    phone: 0571-80019999") + 1
    assert src.locate(("outlets", 19_999, "phone")) == (phone, 12)
    assert src.locate_key(("outlets", 19_999, "phone")) == (phone, 5)
    assert src.locate(("outlets", 19_999)) == (phone - 6, 5)              # its first key
    assert src.locate(("outlets", 19_999, "contract")) == (phone - 6, 5)  # missing key: the outlet
    assert src.locate(("outlets", 20_000, "id")) == src.locate(("outlets",))  # past the end: the list
    d = src.diag(("outlets", 19_999, "manager"), "unknown key 'manager'", key=True)
    assert d.headline() == f"big.yaml:{phone + 2}:5: error: outlets[19999].manager: unknown key 'manager'"


def test_a_real_alias_bomb_in_a_long_profile_is_still_refused(big_text):
    """The allowance grows with the file (one value per two bytes), a bomb multiplies far beyond it."""
    text = big_text + BOMB
    with pytest.raises(SskitError) as err:
        load_yaml(text.encode("utf-8"), "big.yaml")
    [d] = err.value.diagnostics
    first = text.splitlines().index(BOMB.splitlines()[0]) + 1
    assert d.message == f"more than {len(text) // 2:,} values come from expanding aliases (an alias bomb)"
    assert d.line == first and d.col > len("lol0: &a0 [")  # one of the 'lol' of the innermost list
    assert d.hint == "avoid nested '*alias' references that multiply the document"


def test_the_billion_laughs_are_located_where_the_limit_is_passed():
    with pytest.raises(SskitError) as err:
        load_yaml("# 9 x 9\n" + BOMB, "bomb.yaml")
    # the 100,001st value an alias produces is the 8th 'lol' of the innermost list
    assert [d.headline() for d in err.value.diagnostics] == [
        "bomb.yaml:2:47: error: more than 100,000 values come from expanding aliases (an alias bomb)"]


def test_a_later_syntax_error_is_reported_before_a_bomb():
    """The whole text is parsed, as when the node graph was composed first."""
    with pytest.raises(SskitError) as err:
        load_yaml(BOMB + "x: [unclosed\n", "b.yaml")
    [d] = err.value.diagnostics
    assert d.message.startswith("YAML syntax error:") and d.line >= 10


def test_aliases_that_nest_past_the_depth_limit_are_refused():
    """Each anchor is one list around the previous alias: written shallow, 65 levels deep when built."""
    text = "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 70))
    with pytest.raises(SskitError) as err:
        load_yaml(text, "deep.yaml")
    assert [d.headline() for d in err.value.diagnostics] == ["deep.yaml:1:10: error: nesting deeper than 64 levels"]


def test_each_use_of_an_alias_is_a_fresh_copy():
    src = load_yaml("cats: &c [a, {b: 1}]\nx: *c\ny: *c\n", "a.yaml")
    data = src.data
    assert data["x"] == data["y"] == data["cats"] == ["a", {"b": 1}]
    data["x"][1]["b"] = 2
    assert data["y"] == ["a", {"b": 1}] and data["cats"] == ["a", {"b": 1}]
    assert src.locate(("y", 1, "b")) == (1, 18)  # inside an alias: where the anchor wrote it


DOC = "company:\n  name: 杭州青禾\n  tags: &t [a, b]\nlist:\n  - {id: x, tags: *t}\n  - id: y\n"


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield path + (key, "<key>")
            yield from _paths(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, path + (i,))


def test_marks_list_every_value_and_key():
    """Source.marks reads as the path -> (line, col) mapping it always was (a copy of it locates
    the same: sources built from several files copy it)."""
    src = load_yaml(DOC, "m.yaml")
    assert list(src.marks) == list(_paths(src.data))
    assert src.marks[("company", "name")] == (2, 9)
    assert src.marks[("company", "name", "<key>")] == (2, 3)
    assert src.marks[("list", 0, "tags", 1)] == (3, 16)  # the b of the anchored list
    assert ("company", "website") not in src.marks and src.marks.get(("list", 2)) is None
    copied = Source("m.yaml", src.data, dict(src.marks))
    for path in [*_paths(src.data), ("list", 1, "name"), ("list", 5), ("nowhere",)]:
        assert copied.locate(path) == src.locate(path), path
        assert copied.locate_key(path) == src.locate_key(path), path


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "profiles").glob("*.yaml")))
def test_values_are_those_of_the_safe_loader(name):
    raw = (ROOT / "profiles" / name).read_bytes()
    assert load_yaml(raw, name).data == yaml.safe_load(raw)


def test_the_pure_python_parser_builds_the_same(monkeypatch):
    """Without libyaml the pure parser's events are used: same values and positions."""
    with_c = load_yaml(DOC, "m.yaml")
    monkeypatch.setattr(yamlbuild, "_Parser", yaml.SafeLoader)
    pure = load_yaml(DOC, "m.yaml")
    assert pure.data == with_c.data
    assert dict(pure.marks) == dict(with_c.marks)
