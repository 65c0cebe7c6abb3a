"""Stage 2 (after the other documents): the 自评报告 as a scored pre-assessment of the documents.

Each leaf indicator of the catalogue gets its points from the scoring scheme
(sskit/standard/scoring.yaml), loses a share for every finding of the readiness check
on it, for every document or record an auditor asks for that the set lacks, and for a
statutory check that could not be completed; it is left out (the score rescaled) only
when it does not apply and the set holds no record of it. The report is read by the
certification body: it speaks in business terms (products by name, what the company
will do) and names no profile field, rule code, file or tool.
"""
from __future__ import annotations

from sskit.phrasing import format_number
from sskit.profile import vocab
from sskit.profile.model import Profile
from sskit.records import absent_titles
from sskit.standard import ClauseCatalogue
from sskit.standard.scoring import load_scoring
from sskit.standard.statutory import load_statutory
from sskit.view.common import uncatalogued
from sskit.view.crossref import crossref_view

SEVERITY_LABELS = {"error": "不符合", "warning": "部分符合", "info": "提示"}
_NOT_APPLICABLE = {"delivery": "本公司不提供配送服务"}
# what the company does about a finding, by severity, when the scheme has no wording for its rule
_ACTIONS = {"error": "申请认证前整改完毕，修订相关文件并重新发布",
            "warning": "制定整改计划，修订相关文件并跟踪验证",
            "info": "核实情况，必要时修订相关文件"}
WARRANTY_CLAUSE = "5.2.5"  # 质量保证: warranties not below the statutory minimums
MANAGERS_CLAUSE = "5.1.2.2"  # 售后服务管理师: at least 10 % of the service management staff


def _share(profile: Profile, scheme, findings: list) -> float:
    """What the findings on one indicator cost, as a share of its points."""
    share = 0.0
    counted: dict[str, int] = {}
    for e in findings:
        if e["rule"] in scheme.proportional and e["severity"] != "info":
            counted[e["rule"]] = counted.get(e["rule"], 0) + 1
        elif "share" in e:
            share += e["share"]
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


def _named(product) -> str:
    label = vocab.CATEGORIES.get(product.category, {}).get("label", "")
    return product.name if product.category == "other" or not label else f"{product.name}（{label}）"


def unchecked_warranties(profile: Profile) -> list[str]:
    """The products under a 三包 rule whose whole-unit minimum the data lacks, so that their
    warranty could not be held against it: each by its name and, when known, its category."""
    table = load_statutory()
    return [_named(p) for p in profile.products
            if vocab.CATEGORIES[p.category]["sanbao"] and "whole_unit_months" not in table.minimums(p.category)]


def outside_catalogue(profile: Profile) -> list[str]:
    """The products no 三包 rule covers: no statutory minimum to meet, the company's own periods
    apply (a remark, not a finding)."""
    return [_named(p) for p in uncatalogued(profile)]


def _warranty_finding(profile: Profile) -> dict | None:
    named = unchecked_warranties(profile)
    if not named:
        return None
    return {"severity": "warning", "clause_id": WARRANTY_CLAUSE, "share": len(named) / len(profile.products),
            "message": f"{'、'.join(named)}的整机保修期未能与法定最低期限核对：现有的国家三包规定资料中没有该类商品"
                       f"的整机保修期，" + ("本指标的法定要求只核对了其余商品" if len(named) < len(profile.products)
                                          else "本指标的法定要求本次均未能核对"),
            "action": "核实该类商品有无国家或行业规定的最低保修期，有规定的按规定核对并调整保修承诺"}


def managers_ratio(profile: Profile, certified: int | None) -> tuple[str, dict | None]:
    """The 售后服务管理师 share of the service management staff, as the report states it, or
    the finding that it cannot be computed (a department without a stated headcount)."""
    units = [d for d in profile.departments if "service_management" in d.functions]
    if certified is None:
        return "", {"severity": "warning", "clause_id": MANAGERS_CLAUSE,
                    "message": "未登记持证售后服务管理师的人数，是否达到服务管理人员的10%无法计算",
                    "action": "登记持证售后服务管理师的姓名和证书编号，核算持证比例"}
    if units and all(d.staff for d in units):
        managers = sum(d.staff for d in units)
        share = format_number(round(certified / managers * 100, 1))
        return f"持证售后服务管理师{certified}名，服务管理人员{managers}人，占{share}%（要求不少于10%且至少1名）", None
    names = "、".join(d.name for d in units if not d.staff) or "服务管理部门"
    return "", {"severity": "warning", "clause_id": MANAGERS_CLAUSE,
                "message": f"未统计{names}的人数，持证售后服务管理师（{certified}名）是否达到服务管理人员的10%无法计算",
                "action": "统计服务管理人员人数，核算持证比例；不足的安排人员取得售后服务管理师证书"}


def self_assessment_view(profile: Profile, catalogue: ClauseCatalogue, late) -> dict:
    scheme = load_scoring()
    facts = late.facts
    sells = facts.traits.sells
    rows = {r["label"]: r for r in crossref_view(profile, catalogue, late.rendered, facts)["clauses"]}
    by_id = {c.id: c for c in catalogue.clauses}
    by_label = {c.label: c for c in catalogue.clauses}
    built = {s.key for s in late.specs}
    absent = absent_titles(facts)
    # SS701 only says which documented rule decided an open question: not a finding
    # (and a remark of the profile reader, which has no rule: about the file, not the company)
    findings = [f for f in (late.check.findings if late.check else ())
                if f.rule and f.rule != "SS701" and f.rule not in scheme.restated]
    raw = [{"rule": f.rule, "severity": f.severity, "message": f.message,
            "clause_id": scheme.leaf(by_label[f.clause].id) if f.clause in by_label else "",
            "action": scheme.actions.get(f.rule, "")} for f in findings]
    ratio, ratio_finding = managers_ratio(profile, facts.appointments.certified_count if facts.appointments else None)
    raw += [dict(e, rule="") for e in (_warranty_finding(profile) if sells else None, ratio_finding) if e]
    outside = outside_catalogue(profile)
    per_leaf: dict[str, list] = {}
    for e in raw:
        per_leaf.setdefault(e["clause_id"], []).append(e)
    indicators = []
    for weight in scheme.weights:
        clause = by_id.get(weight.clause)
        if clause is None:
            continue  # a corrected catalogue without this indicator
        row = rows.get(clause.label, {})
        shown = catalogue.shown(clause)
        declared = facts.not_applicable.get(weight.clause, "")
        excluded = declared or ("" if weight.applies_if is None or getattr(facts.traits, weight.applies_if)
                                else _NOT_APPLICABLE.get(weight.applies_if, "本公司不涉及该项业务"))
        # an exclusion is the company's declaration (with its reason, as the 条款对照表 and the 部门职责
        # 分配表 print it) or the trait the indicator needs: the report follows it, never contradicts it
        mine = per_leaf.setdefault(clause.id, [])
        applies = not excluded
        missing = [d.title for d in scheme.documents if d.clause == clause.id and (d.key is None or d.key not in built)]
        owned = bool(row.get("owners"))
        share = _share(profile, scheme, mine) + scheme.deductions.missing_document * len(missing)
        if not any(e["severity"] == "error" for e in mine):
            share = min(share, scheme.deductions.partial_cap)
        if not owned:
            share = 1.0  # nobody is accountable for it
        deduction = round(min(1.0, share) * weight.points, 1) if applies else 0.0
        worst = {e["severity"] for e in mine}
        verdict = ("不适用" if not applies else "不符合" if "error" in worst or not owned
                   else "部分符合" if "warning" in worst or missing else "待核实" if mine else "符合")
        evidence = [] if declared else list(row.get("evidence", []))
        if clause.id == MANAGERS_CLAUSE and ratio:
            evidence.append(ratio)
        if clause.id == WARRANTY_CLAUSE and sells and outside:
            evidence.append(f"{'、'.join(outside)}不在国家三包规定的商品目录内，无法定最低保修期，"
                            "按本公司承诺的三包期限执行")
        indicators.append({
            "id": clause.id, "shown": shown, "title": clause.title, "points": format_number(float(weight.points)),
            "applies": applies, "not_applicable": excluded if not applies else "",
            "evidence": evidence,
            "records": [r for r in clause.records_for(sells) if r not in absent] if applies else [],
            "findings": mine, "missing": missing, "verdict": verdict,
            "deduction": format_number(deduction), "earned": format_number(weight.points - deduction if applies else 0.0),
            "owner": (row.get("owners") or [""])[0] if not declared else "",
            "_points": weight.points, "_deduction": deduction, "_top": clause.id.split(".")[1],
        })
    scored = {i["id"] for i in indicators}
    numbered = _number(indicators, [e for leaf, es in per_leaf.items() if leaf not in scored for e in es], facts)
    applicable = sum(i["_points"] for i in indicators if i["applies"])
    lost = sum(i["_deduction"] for i in indicators)
    score = round((applicable - lost) / applicable * 100, 1) if applicable else 0.0
    records: dict[str, list[str]] = {}
    for i in indicators:
        for record in i["records"]:
            records.setdefault(record, []).append(i["shown"])
    return {
        "standard": catalogue.standard,
        "standard_title": catalogue.title,
        "score": format_number(score),
        "bands": [b.model_dump() for b in catalogue.scoring],
        "applicable_points": format_number(applicable),
        "lost_points": format_number(round(lost, 1)),
        "levels": _levels(indicators, by_id),
        "indicators": indicators,
        "reasons": sorted((i for i in indicators if i["_deduction"] > 0), key=lambda i: -i["_deduction"])[:5],
        "not_applicable": [i for i in indicators if not i["applies"]],
        "findings": numbered,
        "errors": sum(1 for f in numbered if f["severity"] == "error"),
        "warnings": sum(1 for f in numbered if f["severity"] == "warning"),
        "verdicts": {v: sum(1 for i in indicators if i["verdict"] == v) for v in ("不符合", "部分符合", "待核实", "符合")},
        "missing_documents": list(dict.fromkeys(t for i in indicators if i["applies"] for t in i["missing"])),
        "records": [{"record": r, "clauses": c} for r, c in records.items()],
        "source_note": scheme.source_note,
        "unconfirmed_numbers": any(not catalogue.certain(c) for c in catalogue.clauses),
    }


def _number(indicators: list[dict], unscored: list[dict], facts) -> list[dict]:
    """The findings in the order of the indicators (then those on no scored indicator), numbered
    for the body and the 整改计划, each with what the company will do and who sees to it.
    A finding on an indicator that does not apply is moot and left out."""
    numbered = []
    fallback = facts.who("service_management")
    for i in indicators:
        if not i["applies"]:
            i["findings"] = []
        for e in i["findings"]:
            e.update(clause=i["shown"], owner=i["owner"] or fallback)
            numbered.append(e)
    for e in unscored:
        e.update(clause="—", owner=fallback)
        numbered.append(e)
    for n, e in enumerate(numbered, 1):
        e.update(n=n, label=SEVERITY_LABELS[e["severity"]], action=e.get("action") or _ACTIONS[e["severity"]])
    return numbered


def _levels(indicators: list[dict], by_id: dict) -> list[dict]:
    levels = []
    for top in ("1", "2", "3"):
        mine = [i for i in indicators if i["_top"] == top and i["applies"]]
        if mine:
            first = by_id.get(f"5.{top}")
            levels.append({"title": f"{first.label} {first.title}" if first else f"5.{top}",
                           "points": format_number(sum(i["_points"] for i in mine)),
                           "lost": format_number(round(sum(i["_deduction"] for i in mine), 1)),
                           "earned": format_number(round(sum(i["_points"] - i["_deduction"] for i in mine), 1))})
    return levels
