"""Property tests: whatever the input, `parse_profile` returns a Profile or
raises SskitError with located diagnostics; no other exception escapes."""
from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sskit.diagnostics import SskitError
from sskit.profile import Profile, parse_profile
from sskit.profile.model import TOP_KEYS

MINIMAL = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "minimal.yaml"
BASE = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
# one programme, so that the trainer cross-check has something to mutate
BASE["training"]["programmes"] = [
    {"name": "三包政策培训", "month": 3, "hours": 8, "audience": ["technician"], "trainer": "陈立"}]
NAME = "fuzz.yaml"

# database=None: no .hypothesis/ directory in the work tree
FAST = settings(max_examples=300, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def _line_breaks(text: str) -> int:
    # the line breaks YAML 1.1 (and so libyaml) counts
    return len(re.findall(r"\r\n|[\r\n\x85\u2028\u2029]", text))


def check(text, *, max_line: int | None = None, located: bool = False):
    """The property shared by every test here: a Profile, or SskitError whose
    diagnostics all name the file (and, with `located`, a line in it)."""
    try:
        result = parse_profile(text, NAME)
    except SskitError as exc:
        assert exc.diagnostics, "SskitError without diagnostics"
        for d in exc.diagnostics:
            assert d.file == NAME
            assert d.message
            assert d.severity == "error"
            assert d.line >= 0 and d.col >= 0
            assert d.headline().startswith(NAME)
            if max_line is not None:
                assert d.line <= max_line, (d.headline(), max_line)
            if located:
                assert d.line >= 1 and d.col >= 1, d.headline()
        return "error"
    assert isinstance(result, Profile)
    return "profile"


# --------------------------------------------------------------------------- (a) random text

YAML_PUNCT = list(":-[]{},#&*!|>'\"%@`?<=~ \t\n\r") + ["- ", ": ", "---", "...", "<<", "!!", "&a", "*a",
                                                    "\n  ", "\n- ", "\t", "\ufeff", "\x00", "\x85"]
WORDS = list(TOP_KEYS) + ["id", "name", "parent", "gm", "2026-02-30", "400-826-1234", "~", "null", "yes", "1e3",
                          "0x1F", "012", "8:30", ".nan", "!!python/object:os.system", "!!binary", "杭州", "浙江省"]

yamlish_text = st.one_of(
    st.text(max_size=120),
    st.lists(st.one_of(st.sampled_from(YAML_PUNCT), st.sampled_from(WORDS), st.characters(codec="utf-8")),
             max_size=60).map("".join),
)


@FAST
@given(yamlish_text)
def test_random_text(text):
    # reader errors (NUL, bad characters) have no location (line 0); end-of-stream
    # errors may point past the last line, so only the file name is checked here
    check(text)


@settings(max_examples=200, deadline=None, database=None)
@given(st.binary(max_size=200))
def test_random_bytes(data):
    check(data)


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20), st.sampled_from(WORDS), st.dates(),
)
keys = st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=10))
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(keys, children, max_size=5),
    ),
    max_leaves=30,
)
# documents whose top level looks like a profile, so that the model is reached
profile_like = st.dictionaries(st.sampled_from(TOP_KEYS), documents, min_size=1, max_size=8)


@settings(max_examples=200, deadline=None, database=None)
@given(st.one_of(documents, profile_like))
def test_structured_documents(doc):
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    check(text, max_line=max(1, _line_breaks(text)), located=True)


# --------------------------------------------------------------------------- (b) mutations of minimal.yaml

def _paths(node, path=()):
    """Every path to a value below the root."""
    out = []
    if isinstance(node, dict):
        for k, v in node.items():
            out.append(path + (k,))
            out += _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.append(path + (i,))
            out += _paths(v, path + (i,))
    return out


def _get(data, path):
    for p in path:
        data = data[p]
    return data


random_value = st.one_of(
    scalars,
    st.lists(scalars, max_size=3),
    st.dictionaries(keys, scalars, max_size=3),
    documents,
)
OPS = ("delete", "replace", "duplicate", "change_id", "rename_key")
# the keys the cross-entry checks (checks.py) read: mutate them more often
REFERENCED = {"id", "parent", "category", "categories", "reports_to", "department", "trainer", "name",
              "trainers", "programmes", "departments", "outlets", "products", "service_head", "training"}


@st.composite
def mutated_profiles(draw):
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        if not paths:
            break
        hot = [p for p in paths if isinstance(p[-1], str) and p[-1] in REFERENCED]
        path = draw(st.sampled_from(hot) if hot and draw(st.booleans()) else st.sampled_from(paths))
        parent, last = _get(data, path[:-1]), path[-1]
        op = draw(st.sampled_from(OPS))
        if op == "delete":
            del parent[last]
        elif op == "replace":
            parent[last] = draw(random_value)
        elif op == "duplicate":
            if isinstance(parent, list):
                parent.insert(last, copy.deepcopy(parent[last]))
            else:
                value = _get(data, path)
                if isinstance(value, list) and value:
                    value.append(copy.deepcopy(draw(st.sampled_from(value))))
        elif op == "change_id":
            # give some entry the id of another one, or a random id / text
            ids = [e["id"] for key in ("departments", "outlets", "products")
                   for e in (data.get(key) if isinstance(data.get(key), list) else [])
                   if isinstance(e, dict) and isinstance(e.get("id"), str)]
            owners = [p for p in paths if p and p[-1] == "id"]
            if owners:
                target = draw(st.sampled_from(owners))
                new = draw(st.one_of(st.sampled_from(ids or ["gm"]), st.text(max_size=8), scalars))
                _get(data, target[:-1])["id"] = new
        elif op == "rename_key" and isinstance(parent, dict):
            value = parent.pop(last)
            parent[draw(keys)] = value
    return data


def _known_bug(data) -> bool:
    """products[i].category that is a list or mapping crashes check_references
    (TypeError: unhashable type); see test_category_list_does_not_crash."""
    products = data.get("products") if isinstance(data, dict) else None
    return isinstance(products, list) and any(
        isinstance(p, dict) and isinstance(p.get("category"), (list, dict)) for p in products)


@FAST
@given(mutated_profiles())
def test_mutated_minimal_profile(data):
    assume(not _known_bug(data))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    check(text, max_line=_line_breaks(text), located=True)


def test_base_profile_round_trips_through_safe_dump():
    """The mutation test starts from valid data: safe_dump(minimal) is a valid profile."""
    text = yaml.safe_dump(BASE, allow_unicode=True, sort_keys=False)
    assert isinstance(parse_profile(text, NAME), Profile)
    assert isinstance(BASE["service_head"]["appointed"], dt.date)


@pytest.mark.parametrize("category", [["refrigerator"], {"a": 1}])
def test_category_list_does_not_crash(category):
    data = copy.deepcopy(BASE)
    data["products"][0]["category"] = category
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    with pytest.raises(SskitError) as info:
        parse_profile(text, NAME)
    assert any(d.path == "products[0].category" for d in info.value.diagnostics)
