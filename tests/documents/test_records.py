"""Every record the procedures name has a form (or is a document of the set), each
form carries the fields its procedures require, industry forms follow the trade,
and every form fits the pages it is meant to fill."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sskit.documents import document_specs
from sskit.facts import derive_facts
from sskit.markup.ir import Span, Table
from sskit.pipeline import render_document_set
from sskit.profile import read_profile
from sskit.records import applies, field_names, record_entries
from sskit.render import TemplateSet
from sskit.standard import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "profiles").glob("*.yaml"))
CATALOGUE = load_catalogue()
FORMS = ROOT / "templates" / "procedures" / "forms"


def _text(cell) -> str:
    return "".join(i.text for i in cell if isinstance(i, Span))


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda p: p.stem)
def example(request):
    profile = read_profile(request.param)
    facts = derive_facts(profile, CATALOGUE)
    docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=(), facts=facts)
    return profile, facts, {d.spec.key: d for d in docs}


def named_records(doc) -> set[str]:
    """Records a procedure names: its 相关记录 table and the 记录 column of its flow tables."""
    names = set()
    for block in doc.blocks:
        if not isinstance(block, Table) or block.caption == "服务记录保存期限":
            continue  # CX-11's retention table lists every record of the set
        header = [_text(c) for c in block.header]
        column = header.index("记录名称") if "记录名称" in header else header.index("记录") if "记录" in header else None
        if column is None:
            continue
        for row in block.rows:
            for name in re.split("[、，；]", _text(row[column])):
                if name.strip() and name.strip() != "—":
                    names.add(name.strip())
    return names


def test_the_registry_is_well_formed():
    entries = record_entries()
    keys = [e["key"] for e in entries]
    assert len(keys) == len(set(keys))
    codes = [e["code"] for e in entries if "code" in e]
    assert len(codes) == len(set(codes))
    spec_keys = {s.key for s in document_specs()}
    for e in entries:
        assert ("template" in e) != ("document" in e), e["key"]
        if "template" in e:
            assert (FORMS / f"{e['template']}.md.j2").exists(), e["template"]
            assert e.get("layout") in ("form", "register"), e["key"]
            assert f"form-{e['key']}" in spec_keys
        else:
            assert e["document"] in spec_keys, e["key"]
        assert set(e.get("producers", ())) <= spec_keys, e["key"]


def test_every_record_a_procedure_names_is_in_the_set(example):
    _, _, docs = example
    titles = {d.meta.title for d in docs.values()}
    for key, doc in docs.items():
        if doc.spec.group != "procedure":
            continue
        missing = named_records(doc) - titles
        assert not missing, (key, sorted(missing))


def test_each_procedure_lists_the_records_it_names(example):
    _, _, docs = example
    for key, doc in docs.items():
        if doc.spec.group != "procedure":
            continue
        related = next(b for b in doc.blocks if isinstance(b, Table) and b.caption == "相关记录")
        listed = {_text(row[0]) for row in related.rows}
        assert named_records(doc) <= listed | {doc.meta.title}, key


def test_each_form_carries_the_fields_its_procedures_require(example):
    _, facts, docs = example
    for entry in record_entries():
        if "template" not in entry or not applies(entry, facts.traits, facts.categories):
            continue
        plain = re.sub(r"<br>|\*\*", "", docs[f"form-{entry['key']}"].markdown)
        missing = [f for f in field_names(entry, facts.traits, facts.categories) if f not in plain]
        assert not missing, (entry["key"], missing)


def test_registers_have_room_for_twenty_entries(example):
    _, facts, docs = example
    for entry in record_entries():
        if entry.get("layout") != "register" or not applies(entry, facts.traits, facts.categories):
            continue
        doc = docs[f"form-{entry['key']}"]
        assert doc.spec.landscape
        tables = [b for b in doc.blocks if isinstance(b, Table)]
        assert max(len(t.rows) for t in tables) >= 20, entry["key"]


def test_industry_forms_follow_the_trade():
    keys = {}
    for path in EXAMPLES:
        profile = read_profile(path)
        docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=(),
                                   facts=derive_facts(profile, CATALOGUE))
        keys[path.stem] = {d.spec.key for d in docs}
    car, water, gas = {"form-repair-order", "form-pdi", "form-rescue-record"}, {"form-filter-record"}, \
        {"form-gas-acceptance", "form-ac-acceptance"}
    assert car <= keys["chengyun-auto"] and not (water | gas) & keys["chengyun-auto"]
    assert water <= keys["qingquan-water"] and not (car | gas) & keys["qingquan-water"]
    assert gas <= keys["huaxia-appliance"] and not (car | water) & keys["huaxia-appliance"]


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_form_fits_its_pages(path, page_counts):
    profile = read_profile(path)
    docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=("docx",),
                               facts=derive_facts(profile, CATALOGUE))
    forms = {d.spec.key: d.files[f"{d.stem}.docx"] for d in docs if d.spec.group == "form"}
    allowed = {f"form-{e['key']}": e.get("pages", 1) for e in record_entries()}
    over = {k: n for k, n in page_counts(forms).items() if n > allowed[k]}
    assert over == {}
