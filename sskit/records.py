"""The records registry (sskit/standard/records.yaml): which records exist for a
company, their forms, owners and retention, and which document names which.

Procedures name records only through `rec("key")`; their 相关记录 tables, the
retention table of the document-control procedure and the forms of the set are
built from the same entries.
"""
from __future__ import annotations

import functools
from typing import Callable

from sskit.standard import load_data


@functools.lru_cache(maxsize=1)
def record_entries() -> tuple[dict, ...]:
    return tuple(load_data("records")["records"])


def applies(entry: dict, traits, categories, not_applicable=()) -> bool:
    """A record (or a field of one) exists when it has no condition, or when ANY
    listed trait, business type or product category holds for the company; a record
    that serves one clause (`clause:`) goes when the company declares that clause not
    applicable. `not_traits` excludes: the entry goes when ANY trait listed there holds
    (alone it means "unless"; with the others, "and not")."""
    if entry.get("clause") and entry["clause"] in not_applicable:
        return False
    if any(getattr(traits, t, False) for t in entry.get("not_traits", ())):
        return False
    conditions = [key for key in ("traits", "business_types", "categories") if entry.get(key)]
    if not conditions:
        return True
    return (any(getattr(traits, t, False) for t in entry.get("traits", ()))
            or traits.business_type in entry.get("business_types", ())
            or bool(set(entry.get("categories", ())) & set(categories)))


def checklist_applies(entry: dict, traits) -> bool:
    """An entry of the 内审检查表 (audit.yaml) applies when every trait of `applies_if` holds (one
    name or a list) and none of `not_traits` does."""
    wanted = entry.get("applies_if") or ()
    wanted = (wanted,) if isinstance(wanted, str) else wanted
    return (all(getattr(traits, t, False) for t in wanted)
            and not any(getattr(traits, t, False) for t in entry.get("not_traits", ())))


def retention(entry: dict, traits, categories) -> str:
    """How long a record is kept: its `retention`, or the first entry of a list that applies."""
    value = entry["retention"]
    if isinstance(value, str):
        return value
    return next(v if isinstance(v, str) else v["value"] for v in value if isinstance(v, str) or applies(v, traits, categories))


def field_names(entry: dict, traits, categories) -> list[str]:
    return [f if isinstance(f, str) else f["name"] for f in entry.get("fields", ())
            if isinstance(f, str) or applies(f, traits, categories)]


def records_context(facts, documents: set[str]) -> dict:
    """What templates see: rec("key") prints a record's title (and fails for a record
    the set does not have), records_of[doc key] its 相关记录 rows, all_records every
    record with owner and retention (the document-control procedure's table)."""
    traits, categories = facts.traits, facts.categories
    present = [e for e in record_entries() if applies(e, traits, categories, facts.not_applicable)
               and (e.get("document") is None or e["document"] in documents)]
    titles = {e["key"]: e["title"] for e in present}

    def row(e: dict) -> dict:
        return {"key": e["key"], "title": e["title"], "owner": facts.owner_unit(e["owner"]).name,
                "retention": retention(e, traits, categories)}

    def rec(key: str) -> str:
        if key not in titles:
            raise KeyError(f"record '{key}' is not in this set (sskit/standard/records.yaml)")
        return titles[key]

    records_of: dict[str, list[dict]] = {}
    for e in present:
        for producer in e.get("producers", ()):
            records_of.setdefault(producer, []).append(row(e))
    return {"rec": rec, "records_of": records_of, "all_records": [row(e) for e in present],
            "record_keys": set(titles)}


def absent_titles(facts) -> set[str]:
    """Titles of registry records this company does not have (another trade's forms):
    the clause catalogue may name them, the documents of this set must not."""
    # a model form is cited without （范本） where the set names the live record (clauses.yaml)
    return {t for e in record_entries() if not applies(e, facts.traits, facts.categories, facts.not_applicable)
            for t in (e["title"], e["title"].removesuffix("（范本）"))}


def form_entries() -> list[dict]:
    """The registry entries that have a form of their own (BD-NN), in code order."""
    return sorted((e for e in record_entries() if "template" in e), key=lambda e: e["code"])


def spec_condition(entry: dict) -> Callable:
    """DocumentSpec.applies for a record's form: from the profile's traits."""
    from sskit.facts.derive import product_traits

    if not any(entry.get(k) for k in ("traits", "not_traits", "business_types", "categories", "clause")):
        return lambda profile: True
    return lambda profile: applies(entry, product_traits(profile), [p.category for p in profile.products],
                                   profile.responsibilities.not_applicable)
