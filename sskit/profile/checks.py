"""Stage 1c: checks that span several entries (ids, references, the org tree).

They run on the raw data, independently of the model, so that one run reports
reference errors together with type errors. Malformed entries are skipped:
the model reports those.
"""
from __future__ import annotations

import difflib

from sskit.diagnostics import Diagnostic
import sskit.profile.vocab as vocab
from sskit.profile.yamlsource import Source


def _list(data, key) -> list:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def _entries(data, key):
    """(index, entry) for the mapping entries of a top-level list."""
    return [(i, e) for i, e in enumerate(_list(data, key)) if isinstance(e, dict)]


def _ids(src: Source, key: str, out: list[Diagnostic]) -> dict[str, int]:
    seen: dict[str, int] = {}
    folded: dict[str, str] = {}
    for i, entry in _entries(src.data, key):
        ident = entry.get("id")
        if not isinstance(ident, str):
            continue
        if ident in seen:
            out.append(src.diag((key, i, "id"), f"duplicate id '{ident}' (first used by {key}[{seen[ident]}])",
                                "ids must be unique within the list"))
            continue
        other = folded.setdefault(ident.casefold(), ident)
        if other != ident:  # references are exact: 'Service' never means 'service'
            out.append(src.diag((key, i, "id"), f"id '{ident}' differs from '{other}' ({key}[{seen[other]}]) only "
                                                "in upper and lower case", "give the entries ids that differ in "
                                                "letters, not in case, so a reference cannot name the wrong one",
                                severity="warning"))
        seen[ident] = i
    return seen


def _as_text(value):
    """A text field's value as the model will hold it: numbers become text (reports_to: 12 is the
    text '12', which must then name a department), anything else is the model's to report."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) else None


def _suggest(value: str, choices) -> str:
    close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _ref(src, path, value, known: dict, what: str, out):
    if isinstance(value, str) and value not in known:
        hint = _suggest(value, known) or (f"known {what} ids: {', '.join(sorted(known)[:12])}" if known
                                          else f"define the {what} first")
        out.append(src.diag(path, f"unknown {what} '{value}'", hint))


def check_references(src: Source) -> list[Diagnostic]:
    data = src.data if isinstance(src.data, dict) else {}
    out: list[Diagnostic] = []
    depts = _ids(src, "departments", out)
    _ids(src, "outlets", out)
    _ids(src, "products", out)
    services = _ids(src, "services", out)
    out += _org_tree(src, depts)

    head = data.get("service_head")
    if isinstance(head, dict):
        reports_to = _as_text(head.get("reports_to", "top_manager"))
        if reports_to is not None and reports_to.strip() != "top_manager" and reports_to.strip() not in depts:
            hint = _suggest(reports_to, ["top_manager", *depts]) or "use 'top_manager' or a department id"
            out.append(src.diag(("service_head", "reports_to"), f"unknown department '{reports_to}'", hint))
        _ref(src, ("service_head", "department"), head.get("department"), depts, "department", out)

    sold = {p.get("category") for _, p in _entries(data, "products") if isinstance(p.get("category"), str)}
    for i, outlet in _entries(data, "outlets"):
        for j, cat in enumerate(_list(outlet, "categories")):
            if isinstance(cat, str) and cat in vocab.CATEGORIES and cat not in sold:
                out.append(src.diag(("outlets", i, "categories", j),
                                    f"outlet serves category '{cat}' ({vocab.CATEGORIES[cat]['label']}) but no product has it",
                                    "add the product line to 'products' or remove the category"))
        for j, ident in enumerate(_list(outlet, "services")):
            _ref(src, ("outlets", i, "services", j), ident, services, "service", out)
        if sold and not _list(outlet, "categories") and "categories" not in outlet:
            out.append(src.diag(("outlets", i), "outlet lists no product categories",
                                "add categories: [...] with the categories of the products it services"))

    resp = data.get("responsibilities")
    if isinstance(resp, dict):
        for section in ("functions", "clauses"):
            mapping = resp.get(section)
            if isinstance(mapping, dict):
                for key, dept in mapping.items():
                    _ref(src, ("responsibilities", section, key), dept, depts, "department", out)
        activities = resp.get("activities")
        if isinstance(activities, dict):
            for key, setting in activities.items():
                if isinstance(setting, dict):
                    _ref(src, ("responsibilities", "activities", key, "owner"), setting.get("owner"), depts,
                         "department", out)

    people = data.get("people")
    if isinstance(people, dict):
        for key in ("service_managers", "supervisors"):
            for i, person in _entries(people, key):
                _ref(src, ("people", key, i, "department"), person.get("department"), depts, "department", out)

    training = data.get("training")
    if isinstance(training, dict):
        trainers = {}
        for i, t in _entries(training, "trainers"):
            _ref(src, ("training", "trainers", i, "department"), t.get("department"), depts, "department", out)
            if _as_text(t.get("name")) is not None:
                trainers[_as_text(t["name"]).strip()] = i
        for i, prog in _entries(training, "programmes"):
            name = _as_text(prog.get("trainer"))
            if name is not None and name.strip() not in trainers:
                hint = _suggest(name, trainers) or "add the trainer to training.trainers"
                out.append(src.diag(("training", "programmes", i, "trainer"), f"unknown trainer '{name}'", hint))
    return out


def _org_tree(src: Source, depts: dict[str, int]) -> list[Diagnostic]:
    """Parents exist, exactly one root, no cycles."""
    out: list[Diagnostic] = []
    entries = dict(_entries(src.data, "departments"))
    parent_of: dict[str, str | None] = {}
    for ident, i in depts.items():
        parent = entries[i].get("parent")
        if parent is None or parent == "":
            parent_of[ident] = None
        elif isinstance(parent, str):
            if parent not in depts:
                _ref(src, ("departments", i, "parent"), parent, depts, "department", out)
                parent_of[ident] = None  # treated as a root so one typo is one error
                continue
            if parent == ident:
                out.append(src.diag(("departments", i, "parent"), f"department '{ident}' is its own parent",
                                    "set parent to the department above it, or leave it empty for the top"))
                parent_of[ident] = None
                continue
            parent_of[ident] = parent
    roots = [d for d, p in parent_of.items() if p is None and not _bad_parent(entries[depts[d]], depts)]
    if len(roots) > 1:
        first = roots[0]
        for extra in roots[1:]:
            out.append(src.diag(("departments", depts[extra], "parent"),
                                f"several top-level departments: '{first}' and '{extra}' both have no parent",
                                f"give '{extra}' a parent (the organisation chart has exactly one top)"))
    reported: set[str] = set()
    for start in parent_of:
        chain, node = [], start
        while node is not None and node not in chain and node not in reported:
            chain.append(node)
            node = parent_of.get(node)
        if node is not None and node in chain:
            cycle = chain[chain.index(node):]
            reported.update(cycle)
            first = min(cycle, key=lambda d: depts[d])
            path_text = " -> ".join(cycle[cycle.index(first):] + cycle[:cycle.index(first)] + [first])
            out.append(src.diag(("departments", depts[first], "parent"),
                                f"the organisation chart has a cycle: {path_text}",
                                "one of these departments must report to a department outside the loop"))
        reported.update(chain)
    if not roots and parent_of and not any("cycle" in d.message for d in out):
        out.append(src.diag(("departments",), "no top-level department (every department has a parent)",
                            "leave 'parent' empty for the top department"))
    return out


def _bad_parent(entry: dict, depts) -> bool:
    parent = entry.get("parent")
    return isinstance(parent, str) and parent != "" and (parent not in depts or parent == entry.get("id"))
