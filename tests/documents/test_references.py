"""No document refers to a document the set does not contain.

Every 《…》 in every document of every example set (and of variants that drop
optional documents) must be a document of that set, an applicable law of the
company, or the standard itself; every document the clause catalogue cites as
evidence or names as a record under a document's own kind of name must be in
the set under that name; the manual of a 2,000-outlet company stays short
because the directory lives in the 服务网点清单.
"""
from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import pytest
import yaml

from sskit.documents import document_specs
from sskit.facts import derive_facts
from sskit.markup.ir import Heading, Span
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile, read_profile
from sskit.render import TemplateSet
from sskit.standard import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "profiles").glob("*.yaml"))
CATALOGUE = load_catalogue()
sys.path.insert(0, str(ROOT))

from bench.generate import build  # noqa: E402

REFERENCE = re.compile(r"《([^《》]+)》")


def _render(profile):
    facts = derive_facts(profile, CATALOGUE)
    return facts, render_document_set(profile, CATALOGUE, TemplateSet(), formats=(), facts=facts)


def unresolved(facts, docs) -> dict[str, set[str]]:
    """《…》 references that name neither a document of this set, nor an applicable law, nor the standard."""
    known = {d.meta.title for d in docs} | {CATALOGUE.title}
    known |= {m[1] for law in facts.laws for m in [REFERENCE.match(law)] if m}
    out: dict[str, set[str]] = {}
    for d in docs:
        for m in REFERENCE.finditer(d.markdown):
            if m[1] not in known:
                out.setdefault(m[1], set()).add(d.spec.key)
    return out


def _variants():
    """The examples, and versions without installation, delivery or named people."""
    for path in EXAMPLES:
        yield path.stem, path.read_text(encoding="utf-8")
    text = (ROOT / "profiles" / "huaxia-appliance.yaml").read_text(encoding="utf-8")
    bare = text.replace("installation_required: true", "installation_required: false") \
               .replace("delivery: true", "delivery: false")
    yield "huaxia-no-installation", bare
    yield "huaxia-distributor", text.replace("business_type: manufacturer", "business_type: distributor")


@pytest.mark.parametrize("name, text", list(_variants()), ids=[n for n, _ in _variants()])
def test_every_reference_in_every_document_resolves(name, text):
    profile = parse_profile(text, f"{name}.yaml")
    facts, docs = _render(profile)
    assert unresolved(facts, docs) == {}


def test_the_checker_catches_a_reference_to_a_missing_document():
    profile = read_profile(EXAMPLES[0])
    facts, docs = _render(profile)
    manual = next(d for d in docs if d.spec.key == "manual")
    planted = dataclasses.replace(manual, markdown=manual.markdown + "\n见《应急处置方案》。\n")
    docs = [planted if d is manual else d for d in docs]
    assert unresolved(facts, docs) == {"应急处置方案": {"manual"}}


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_the_catalogue_names_the_sets_documents_by_their_titles(path):
    """Evidence keys resolve to documents; a record named like one of the set's own
    documents (任命书, 说明书, 清单, 预案, 预算) is that document, under its title."""
    profile = read_profile(path)
    facts, docs = _render(profile)
    keys = {s.key for s in document_specs()}
    titles = {d.meta.title for d in docs}
    headings = {"".join(i.text for i in b.inlines if isinstance(i, Span))
                for d in docs for b in d.blocks if isinstance(b, Heading)}
    kinds = re.compile(r"任命|岗位.*说明|法律法规.*清单|外来文件|应急|预算|网点(名录|清单)|服务目标|承诺书")
    for clause in CATALOGUE.clauses:
        for item in clause.evidence:
            assert item.partition("#")[0] in keys, (clause.id, item)
        for record in clause.records:
            if kinds.search(record):
                assert record in titles or any(record in h for h in headings), (clause.id, record)


def test_the_auditor_documents_are_in_every_example_set():
    wanted = {"pledge", "job-descriptions", "appointments", "law-list", "emergency-plan", "conduct",
              "proc-internal-audit", "form-audit-checklist", "form-audit-plan", "form-audit-report",
              "proc-management-review", "form-management-review", "proc-capa", "outlet-list", "targets",
              "resources", "form-drill"}
    for path in EXAMPLES:
        _, docs = _render(read_profile(path))
        assert wanted <= {d.spec.key for d in docs}, path.stem


def test_the_manual_of_a_2000_outlet_company_stays_under_60_pages(page_counts):
    text = yaml.safe_dump(build("K2"), allow_unicode=True, sort_keys=False)
    profile = parse_profile(text, "k2.yaml")
    assert len(profile.outlets) == 2000
    facts = derive_facts(profile, CATALOGUE)
    docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=("docx",), facts=facts)
    manual = next(d for d in docs if d.spec.key == "manual")
    listing = next(d for d in docs if d.spec.key == "outlet-list")
    assert listing.markdown.count("\n| ") > 2000  # the directory is in the list
    pages = page_counts({"manual": manual.files[f"{manual.stem}.docx"]})["manual"]
    assert 10 < pages < 60, pages
