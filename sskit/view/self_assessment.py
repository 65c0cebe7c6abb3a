"""Stage 2 (after the other documents): the 自评报告 as a scored pre-audit.

Each leaf indicator of the catalogue gets its points from the scoring scheme
(sskit/standard/scoring.yaml), loses a share for every finding of `sskit check`
on it and for every document an auditor asks for that the set lacks, and is
left out (the score rescaled) when it does not apply. The client-facing text
names no profile path: where to fix each finding goes to an appendix.
"""
from __future__ import annotations

from sskit.records import absent_titles
from sskit.phrasing import format_number
from sskit.profile.model import Profile
from sskit.standard import ClauseCatalogue
from sskit.standard.scoring import load_scoring
from sskit.view.crossref import crossref_view

SEVERITY_LABELS = {"error": "不符合", "warning": "部分符合", "info": "提示"}
_NOT_APPLICABLE = {"delivery": "本公司不提供配送服务"}


def _band(score: float, bands) -> str:
    for band in sorted(bands, key=lambda b: -b.min_score):
        if score >= band.min_score:
            return band.level
    return "未达标"


def _share(profile: Profile, scheme, findings: list) -> float:
    """What the findings on one indicator cost, as a share of its points."""
    share = 0.0
    counted: dict[str, int] = {}
    for e in findings:
        if e["rule"] in scheme.proportional and e["severity"] != "info":
            counted[e["rule"]] = counted.get(e["rule"], 0) + 1
        elif e["severity"] == "error":
            share += scheme.deductions.error
        elif e["severity"] == "warning":
            share += scheme.deductions.warning
    for rule, n in counted.items():
        items = profile
        for part in scheme.proportional[rule].split("."):
            items = getattr(items, part)
        share += n / max(1, len(items))
    return share


def self_assessment_view(profile: Profile, catalogue: ClauseCatalogue, late) -> dict:
    scheme = load_scoring()
    facts = late.facts
    rows = {r["label"]: r for r in crossref_view(profile, catalogue, late.rendered, facts)["clauses"]}
    by_id = {c.id: c for c in catalogue.clauses}
    by_label = {c.label: c for c in catalogue.clauses}
    built = {s.key for s in late.specs}
    # SS701 only says which documented rule decided an open question: not a finding
    # (and a remark of the profile reader, which has no rule: about the file, not the company)
    findings = [f for f in (late.check.findings if late.check else ()) if f.rule and f.rule != "SS701"]
    numbered = []  # client-facing findings and their appendix rows share a number
    per_leaf: dict[str, list] = {}
    for f in findings:
        clause = by_label.get(f.clause)
        leaf = scheme.leaf(clause.id) if clause else ""
        entry = {"n": len(numbered) + 1, "rule": f.rule, "severity": f.severity, "label": SEVERITY_LABELS[f.severity],
                 "clause": catalogue.shown(by_id[leaf]) if leaf in by_id else "—", "message": f.message,
                 "path": f.path or "—", "hint": f.hint}
        numbered.append(entry)
        per_leaf.setdefault(leaf, []).append(entry)
    indicators = []
    records: dict[str, list[str]] = {}
    absent = absent_titles(late.facts)
    for weight in scheme.weights:
        clause = by_id.get(weight.clause)
        if clause is None:
            continue  # a corrected catalogue without this indicator
        row = rows.get(clause.label, {})
        declared = facts.not_applicable.get(weight.clause, "")
        applies = (weight.applies_if is None or bool(getattr(facts.traits, weight.applies_if))) and not declared
        mine = per_leaf.get(clause.id, [])
        missing = [d.title for d in scheme.documents if d.clause == clause.id and d.key not in built]
        share = _share(profile, scheme, mine) + scheme.deductions.missing_document * len(missing)
        if not any(e["severity"] == "error" for e in mine):
            share = min(share, scheme.deductions.partial_cap)
        if not row.get("owners"):
            share = 1.0  # nobody is accountable for it
        deduction = round(min(1.0, share) * weight.points, 1) if applies else 0.0
        worst = {e["severity"] for e in mine}
        if not applies:
            verdict = "不适用"
        elif "error" in worst or not row.get("owners"):
            verdict = "不符合"
        elif "warning" in worst or missing:
            verdict = "部分符合"
        elif mine:
            verdict = "待核实"
        else:
            verdict = "符合"
        if applies:
            for record in (r for r in clause.records_for(facts.traits.sells) if r not in absent):
                records.setdefault(record, []).append(catalogue.shown(clause))
        indicators.append({
            "shown": catalogue.shown(clause), "title": clause.title, "points": format_number(float(weight.points)),
            "applies": applies, "not_applicable": declared or _NOT_APPLICABLE.get(weight.applies_if or "", ""),
            "evidence": row.get("evidence", []),
            "records": [r for r in clause.records_for(facts.traits.sells) if r not in absent] if applies else [],
            "findings": mine, "missing": missing, "verdict": verdict,
            "deduction": format_number(deduction), "earned": format_number(weight.points - deduction if applies else 0.0),
            "_points": weight.points, "_deduction": deduction, "_top": clause.id.split(".")[1],
        })
    applicable = sum(i["_points"] for i in indicators if i["applies"])
    lost = sum(i["_deduction"] for i in indicators)
    score = round((applicable - lost) / applicable * 100, 1) if applicable else 0.0
    levels = []
    for top in ("1", "2", "3"):
        mine = [i for i in indicators if i["_top"] == top and i["applies"]]
        if mine:
            first = by_id.get(f"5.{top}")
            levels.append({"title": f"{first.label} {first.title}" if first else f"5.{top}",
                           "points": format_number(sum(i["_points"] for i in mine)),
                           "lost": format_number(round(sum(i["_deduction"] for i in mine), 1)),
                           "earned": format_number(round(sum(i["_points"] - i["_deduction"] for i in mine), 1))})
    reasons = sorted((i for i in indicators if i["_deduction"] > 0), key=lambda i: -i["_deduction"])
    return {
        "standard": catalogue.standard,
        "standard_title": catalogue.title,
        "score": format_number(score),
        "band": _band(score, catalogue.scoring),
        "bands": [b.model_dump() for b in catalogue.scoring],
        "applicable_points": format_number(applicable),
        "lost_points": format_number(round(lost, 1)),
        "levels": levels,
        "indicators": indicators,
        "reasons": reasons[:5],
        "not_applicable": [i for i in indicators if not i["applies"]],
        "findings": numbered,
        "errors": sum(1 for f in numbered if f["severity"] == "error"),
        "warnings": sum(1 for f in numbered if f["severity"] == "warning"),
        "star": "星" in _band(score, catalogue.scoring),
        "verdicts": {v: sum(1 for i in indicators if i["verdict"] == v) for v in ("不符合", "部分符合", "待核实", "符合")},
        "missing_documents": list(dict.fromkeys(t for i in indicators if i["applies"] for t in i["missing"])),
        "records": [{"record": r, "clauses": c} for r, c in records.items()],
        "source_note": scheme.source_note,
        "unconfirmed_numbers": any(not catalogue.certain(c) for c in catalogue.clauses),
    }
