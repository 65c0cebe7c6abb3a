"""Stage 2 (after the other documents): the 条款对照表 and the 文件清单.

Both are computed from the documents actually rendered in this build, so a
citation can never point at a section or document that does not exist.
"""
from __future__ import annotations


from sskit.profile.model import Profile
from sskit.standard import ClauseCatalogue
from sskit.phrasing import date_text
from sskit.view.matrix import OWNER, responsibility_matrix
from sskit.view.sections import section_index

GROUP_LABELS = {
    "index": "文件清单", "manual": "手册", "matrix": "职责文件", "training": "计划",
    "crossref": "对照表", "procedure": "程序文件", "form": "表单", "report": "报告",
}


def crossref_view(profile: Profile, catalogue: ClauseCatalogue, rendered, facts) -> dict:
    docs = {d.spec.key: d for d in rendered}
    sections = {key: section_index(d.blocks) for key, d in docs.items()}
    rows = []
    for row in responsibility_matrix(profile, catalogue, facts):
        clause = row.clause
        evidence = []
        for item in clause.evidence:
            key, _, anchor = item.partition("#")
            doc = docs.get(key)
            if doc is None:
                continue  # a document that does not apply to this company
            cite = f"《{doc.meta.title}》"  # numbers are in the 文件清单; the cell stays readable
            if anchor and anchor in sections[key]:
                cite += sections[key][anchor].cite()
            if cite not in evidence:
                evidence.append(cite)
        owners = [d.name for d, mark in zip(profile.departments, row.marks) if mark == OWNER]
        rows.append({
            "label": clause.label,
            "shown": clause.shown,
            "title": clause.title,
            "requirement": clause.requirement,
            "evidence": evidence,
            "owners": owners,
            "records": list(clause.records),
            "confidence": clause.confidence,
        })
    return {
        "standard": catalogue.standard,
        "standard_title": catalogue.title,
        "clauses": rows,
        "uncovered": [r for r in rows if not r["evidence"]],
        "unowned": [r for r in rows if not r["owners"]],
        "uncertain": [r for r in rows if r["confidence"] in ("inferred", "unconfirmed")],
    }


def index_view(profile: Profile, catalogue: ClauseCatalogue, late) -> dict:
    """The 文件清单 lists every document of the set, itself included, each with
    its own current version and effective date."""
    return {
        "documents": [{"number": late.metas[s.key].number, "title": s.title, "version": late.metas[s.key].version,
                       "effective_date": date_text(late.metas[s.key].effective_date),
                       "group": GROUP_LABELS[s.group]} for s in late.specs],
    }


SEVERITY_LABELS = {"error": "严重", "warning": "一般", "info": "提示"}


def self_assessment_view(profile: Profile, catalogue: ClauseCatalogue, late) -> dict:
    """The 自评报告: the cross-reference plus what the checker found per clause."""
    check = late.check
    base = crossref_view(profile, catalogue, late.rendered, late.facts)
    # SS701 only says which documented rule decided an open question: not a finding
    findings = [f for f in check.findings if f.rule != "SS701"] if check else []
    by_clause: dict[str, list] = {}
    for f in findings:
        by_clause.setdefault(f.clause, []).append(f)
    clauses = []
    for row in base["clauses"]:
        mine = by_clause.get(row["label"], [])
        worst = min((f.severity for f in mine), key=["error", "warning", "info"].index, default=None)
        verdict = {"error": "不符合", "warning": "基本符合", "info": "符合"}.get(worst, "符合")  # at document level
        if not row["owners"]:
            verdict = "不符合"
        clauses.append({**row, "verdict": verdict, "issues": [f.message for f in mine]})
    return {
        **base,
        "clauses": clauses,
        "findings": [{"rule": f.rule, "severity": SEVERITY_LABELS[f.severity], "clause": f.clause or "—",
                      "message": f.message, "hint": f.hint, "where": f"{f.path or '（档案）'} 第{f.line}行"}
                     for f in findings],
        "errors": check.count("error") if check else 0,
        "warnings": check.count("warning") if check else 0,
        "covered": check.clauses_covered if check else len(clauses),
        "at_risk": [c for c in clauses if c["verdict"] != "符合"],
        "scoring": [b.model_dump() for b in catalogue.scoring],
    }
