"""Stage 2 (after the other documents): the 条款对照表 and the 文件清单.

Both are computed from the documents actually rendered in this build, so a
citation can never point at a section or document that does not exist.
"""
from __future__ import annotations


from sskit.profile.model import Profile
from sskit.standard import ClauseCatalogue
from sskit.phrasing import date_text
from sskit.records import absent_titles
from sskit.view.matrix import OWNER, responsibility_matrix
from sskit.view.sections import section_index_of_markdown

GROUP_LABELS = {
    "index": "文件清单", "manual": "手册", "matrix": "职责文件", "training": "计划",
    "crossref": "对照表", "procedure": "程序文件", "form": "表单", "report": "报告",
    "document": "管理文件", "list": "清单",
}


# A seller whose goods the brands' authorised networks all repair (traits.repairs False) dispatches
# no one and keeps no repair card or parts store; without an on-site commitment it signs no visit
# form either. What it shows instead: for 维修 the records of the request, the forwarding (代送) and
# the follow-up; for 质量保证 its 三包 returns and exchanges (CX-18 and its register), where it runs them.
REPAIR_RECORDS = frozenset({"服务派工单", "维修记录卡", "配件领用记录"})
VISIT_RECORDS = frozenset({"上门服务确认单"})
REPAIR_FORMS = frozenset({"form-dispatch", "form-repair-card", "form-parts-use"})
VISIT_FORMS = frozenset({"form-onsite"})
BRAND_SELLER_RECORDS = {"5.2.4": ("叫修登记表", "客户商品领取收据", "客户商品进出登记簿", "回访记录表"),
                        "5.2.5": ("退换货登记表",)}
BRAND_SELLER_EVIDENCE = {"5.2.5": ("proc-returns", "form-returns-register")}
RETURNS_FORM = "form-returns-register"


def held_records(clause_id: str, records, facts, built) -> list[str]:
    """The clause's records as this company keeps them: a brand-repaired seller's own in place of the
    repair and visit records it never holds (`built`: the keys of the documents of the set)."""
    if facts.traits.repairs:
        return list(dict.fromkeys(records))
    dropped = REPAIR_RECORDS | (frozenset() if facts.limits.visits else VISIT_RECORDS)
    extra = [r for r in BRAND_SELLER_RECORDS.get(clause_id, ()) if r != "退换货登记表" or RETURNS_FORM in built]
    return [r for r in dict.fromkeys([*records, *extra]) if r not in dropped]


def held_evidence(clause_id: str, evidence, facts) -> list[str]:
    """The clause's evidence documents (catalogue keys) as this company has them: see held_records."""
    if facts.traits.repairs:
        return list(evidence)
    dropped = REPAIR_FORMS | (frozenset() if facts.limits.visits else VISIT_FORMS)
    return [e for e in dict.fromkeys([*evidence, *BRAND_SELLER_EVIDENCE.get(clause_id, ())])
            if e.partition("#")[0] not in dropped]


def crossref_view(profile: Profile, catalogue: ClauseCatalogue, rendered, facts) -> dict:
    docs = {d.spec.key: d for d in rendered}
    absent = absent_titles(facts)
    sections = {key: section_index_of_markdown(d.markdown) for key, d in docs.items()}
    rows = []
    for row in responsibility_matrix(profile, catalogue, facts):
        clause = row.clause
        evidence = []
        for item in held_evidence(clause.id, clause.evidence, facts):
            key, _, anchor = item.partition("#")
            doc = docs.get(key)
            if doc is None:
                continue  # a document that does not apply to this company
            cite = f"《{doc.meta.title}》"  # numbers are in the 文件清单; the cell stays readable
            if anchor and anchor not in sections[key]:
                continue  # a section this company's document does not have (maintenance under contract…)
            if anchor:
                cite += sections[key][anchor].cite()
            if cite not in evidence:
                evidence.append(cite)
        owners = [d.name for d, mark in zip(profile.departments, row.marks) if mark == OWNER]
        records = [r for r in held_records(clause.id, clause.records_for(facts.traits.sells), facts, docs)
                   if r not in absent]
        if row.not_applicable:
            owners, evidence, records = [f"不适用：{row.not_applicable}"], ["—"], []
        rows.append({
            "label": clause.label,
            "shown": catalogue.shown(clause),
            "title": clause.title,
            "requirement": clause.requirement_for(facts.traits.sells, facts.customers.business_only),
            "evidence": evidence,
            "owners": owners,
            "records": records,
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
    its own current version and effective date, in filing order (as the PDF volume binds them)."""

    rows = [{"number": late.metas[s.key].number, "title": s.title, "version": late.metas[s.key].version,
             "effective_date": date_text(late.metas[s.key].effective_date),
             "group": GROUP_LABELS[s.group], "record": s.group == "report"} for s in late.filed or late.specs]
    # the 自评报告 is a record of the set, not a controlled document
    active = {s.key for s in late.specs}
    # documents that stopped applying, as the manifest recorded their withdrawal (newest first)
    withdrawn = [{"number": w.number, "title": w.title, "version": w.version, "date": date_text(w.date)}
                 for w in sorted(late.withdrawn, key=lambda w: (w.date, w.number), reverse=True)
                 if w.key not in active]
    # the registry's numbers this company skips (a procedure or form that does not apply, numbered
    # below one it uses): listed, so that a gap in the numbering is explained where the set is listed
    gone = {w.key for w in late.withdrawn}
    last: dict[str, int] = {}
    for s in late.specs:
        series, place = _code_place(s.code)
        last[series] = max(last.get(series, 0), place)
    reserved = []
    for s in late.unused:
        series, place = _code_place(s.code)
        if s.key not in gone and place < last.get(series, 0):
            reserved.append(s.number(profile))
    return {"documents": [r for r in rows if not r["record"]], "records": [r for r in rows if r["record"]],
            "withdrawn": withdrawn, "reserved": reserved}


def _code_place(code: str) -> tuple[str, int]:
    """("BD", 56) for "BD-56": a document code's series and its place in it."""
    series, _, place = code.rpartition("-")
    return series, int(place) if place.isdigit() else 0
