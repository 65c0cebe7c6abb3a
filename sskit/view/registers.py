"""Stage 2: views of the registers and plans an auditor asks for.

The 年度服务目标, 岗位职责说明书, 应急预案, 法律法规清单, 服务网点清单, 资源配置表
and 内审检查表 read the facts and the correctable data files of sskit/standard
(posts, emergency, audit, laws); these functions only select and phrase.
"""
from __future__ import annotations

import re
from collections import OrderedDict

from sskit.phrasing import format_number
from sskit.profile import vocab
from sskit.profile.fields import join_folded
from sskit.profile.model import Profile
from sskit.records import absent_titles, applies, checklist_applies
from sskit.standard import ClauseCatalogue, load_data, load_laws
from sskit.view.common import category_labels, ordered_outlets, outlet_view


def _applies(entry: dict, facts) -> bool:
    """A data row applies as a registry record does (sskit.records.applies): no condition,
    or any listed trait, business type or category holds for the company."""
    return applies(entry, facts.traits, facts.categories)


def _person(code: str, profile: Profile, facts) -> str:
    """A `who` of the data files: a function code, service_head or top_manager."""
    if code == "top_manager":
        top = profile.company.top_manager
        return f"{top.title}（{top.name}）"
    if code == "service_head":
        return f"服务体系负责人（{profile.service_head.name}）"
    return facts.who(code)


# --------------------------------------------------------------------------- targets

def targets_view(profile: Profile, catalogue: ClauseCatalogue, facts) -> dict:
    """The yearly targets, and per department the targets it answers for."""
    by_unit: "OrderedDict[str, list]" = OrderedDict()
    for t in facts.targets:
        by_unit.setdefault(t.owner, []).append(t)
    return {
        "target_year": profile.training.year,
        "by_department": [{"name": name, "targets": items} for name, items in by_unit.items()],
        "defaulted": [t for t in facts.targets if not t.declared],
    }


# --------------------------------------------------------------------------- posts

def _limit_words(facts) -> dict:
    limits = facts.limits
    return {"response": limits.response, "callback": limits.callback_within,
            "complaint_response": limits.complaint_response,
            "complaint_resolution": limits.complaint_resolution_within}


def job_descriptions_view(profile: Profile, catalogue: ClauseCatalogue, facts) -> dict:
    """One entry per post of posts.yaml that applies to the company.

    A post sits in the department that owns its function; `place: outlet` posts work
    at the outlets under that department; `concurrent: true` posts are held beside a
    main post (the 售后服务管理师). `reports_to` is another post (inside the same
    department; else that department's head), `department_head`, `service_head` or
    `top_manager`. Duties may carry conditions like the posts and name departments and
    time limits with tokens (<quality>, <response>)."""
    data = load_data("posts")["posts"]
    posts = [p for p in data if _applies(p, facts)]
    titles = {p["key"]: p["title"] for p in posts}
    home = {p["key"]: facts.function_owner[p["function"]] for p in posts}
    fill = _filler(profile, facts)
    headcount = profile.people.headcount
    out = []
    for p in posts:
        reports = p.get("reports_to", "service_head")
        unit = home[p["key"]]
        if p.get("concurrent"):
            department, reports_text = "各服务部门（兼任）", "按本人主岗位的汇报关系"
        else:
            department = (f"服务网点（{unit.name}归口管理）" if p.get("place") == "outlet" else unit.name)
            if reports in titles and home[reports].id == unit.id:
                reports_text = titles[reports]
            elif reports in titles or reports == "department_head":
                # a post reports within its own department: to that department's head
                reports_text = f"{unit.name}负责人（{unit.head}）"
            else:
                reports_text = _person(reports if reports in ("top_manager", "service_head") else "service_head",
                                       profile, facts)
        if p["key"] in headcount:
            count = f"{headcount[p['key']]}人"
        elif p["key"] == "technician" and facts.staff.direct_technicians:
            count = f"直营服务网点{facts.staff.direct_technicians}人"
        else:
            count = ""
        duties = [fill(d if isinstance(d, str) else d["text"]) for d in p["duties"]
                  if isinstance(d, str) or _applies(d, facts)]
        out.append({
            "key": p["key"],
            "title": p["title"],
            "department": department,
            "reports_to": reports_text,
            "duties": duties,
            "education": p["education"],
            "experience": p["experience"],
            "certificates": [c["name"] for c in p.get("certificates", ()) if _applies(c, facts)],
            "kpis": [t for t in (facts.target(k) for k in p.get("kpis", ())) if t is not None],
            "headcount": count,
            "role": vocab.ROLES.get(p.get("role", ""), ""),
        })
    return {"posts": out}


def kpi_posts(facts) -> dict[str, list[str]]:
    """KPI key -> titles of the posts assessed on it (posts.yaml), for the assessment procedure."""
    out: dict[str, list[str]] = {}
    for p in load_data("posts")["posts"]:
        if _applies(p, facts):
            for key in p.get("kpis", ()):
                out.setdefault(key, []).append(p["title"])
    return out


def post_keys() -> list[str]:
    return [p["key"] for p in load_data("posts")["posts"]]


def unknown_posts(profile: Profile) -> list[str]:
    """Headcount keys that name no post of posts.yaml (a typo loses the figure)."""
    keys = set(post_keys())
    return [k for k in profile.people.headcount if k not in keys]


# --------------------------------------------------------------------------- emergency plan

_TOKEN = re.compile(r"<([a-z_]+)>")


def _filler(profile: Profile, facts):
    """Replace <quality> (a function: its department's name), <service_head>, <top_manager>,
    <recall_rules> and the time limits <response>, <callback>, <complaint_response>,
    <complaint_resolution> in data texts."""
    recall = [law for law in facts.laws if "召回" in law]
    fill = {code: facts.who(code) for code in vocab.FUNCTIONS}
    top = profile.company.top_manager
    fill.update(service_head=f"服务体系负责人{profile.service_head.name}", top_manager=f"{top.title}{top.name}",
                recall_rules="、".join(recall) if recall else "国家有关缺陷产品召回的规定")
    fill.update(_limit_words(facts))
    fill.update(client=facts.terms.client, client_contact=facts.terms.client_contact)

    names = sorted({facts.who(code) for code in vocab.FUNCTIONS}, key=len, reverse=True)
    # "<it>会同<customer_service>" where one department carries both: it does not work with itself
    alone = re.compile("(" + "|".join(map(re.escape, names)) + r")会同\1(、|等相关部门|和)?")

    def _alone(m: re.Match) -> str:
        return f"{m[1]}会同" if m[2] == "、" else f"{m[1]}会同相关部门" if m[2] == "等相关部门" else m[1]

    def fill_in(text: str) -> str:
        # YAML folds long lines with a space, which Chinese text must not keep
        return alone.sub(_alone, join_folded(_TOKEN.sub(lambda m: fill.get(m[1], m[0]), text)))

    return fill_in


def emergency_view(profile: Profile, catalogue: ClauseCatalogue, facts) -> dict:
    """The plan's scenarios that apply, each graded with who leads and who is told at
    each level, and the levels table."""
    data = load_data("emergency")
    fill = _filler(profile, facts)
    levels = {lv["level"]: lv for lv in data["levels"]}
    scenarios = []
    for sc in data["scenarios"]:
        if not _applies(sc, facts):
            continue
        team = list(dict.fromkeys(_person(code, profile, facts) for code in sc["team"]))
        steps = [st for st in sc["steps"] if _applies(st, facts)]
        reporting = next((st for st in steps if st.get("reports")), None)
        scenarios.append({
            "key": sc["key"],
            "name": sc["name"],
            "grading": [_grade(g, levels[g["level"]], team[0], profile, facts, fill) for g in sc["grading"]],
            "team": team,
            "steps": [{"within": st["within"], "who": _person(st["who"], profile, facts), "do": fill(st["do"])}
                      for st in steps],
            # the step that reports the event to the service head (the complaint procedure quotes it)
            "reported": ({"within": reporting["within"], "by": _person(reporting["who"], profile, facts)}
                         if reporting else None),
            "communication": fill(sc["communication"]),
            "review": fill(sc["review"]),
            "drill": fill(sc.get("drill", "")),
        })
    shown = [{"level": lv["level"], "name": lv["name"],
              "lead": "各场景处置小组的牵头部门" if lv["lead"] == "team" else _lead(lv["lead"], profile, facts),
              "report": _report_line(lv["report"], profile, facts)}
             for lv in data["levels"]]
    return {"scenarios": scenarios, "levels": shown}


def _lead(code: str, profile: Profile, facts) -> str:
    return _person(code.removeprefix("function:"), profile, facts)


def _report_line(chain: list[str], profile: Profile, facts) -> str:
    """[service_head, top_manager] -> 服务体系负责人（…），由其报告董事长（…）."""
    people = [_lead(code, profile, facts) for code in chain]
    return "，由其报告".join(people)


def _grade(line: dict, level: dict, team_lead: str, profile: Profile, facts, fill) -> dict:
    """One grading line of a scenario with the level's lead (the scenario's leading
    department for `team`) and reporting line (the line's own, where it reports higher)."""
    return {
        "level": line["level"],
        "when": fill("；".join(t for t in (line["when"], line.get("referred", "")) if t)),
        "referred": fill(line.get("referred", "")),
        "major_complaint": bool(line.get("major_complaint")),
        "lead": team_lead if level["lead"] == "team" else _lead(level["lead"], profile, facts),
        "report": _report_line(line.get("report", level["report"]), profile, facts),
    }


def complaint_levels_view(profile: Profile, catalogue: ClauseCatalogue, facts) -> dict:
    """顾客投诉处理程序: the plan's complaint events as the plan grades them.

    `escalation` lists the plan's complaint scenarios (emergency.yaml `complaints`) with
    their grading lines from the least to the most serious, `major` is the Ⅲ级 line that
    takes in the procedure's 重大投诉, `referral` the line a regulator's referral meets,
    `batch` the scenario for batch faults; each is None when the company's plan lacks it."""
    plan = {sc["key"]: sc for sc in emergency_view(profile, catalogue, facts)["scenarios"]}
    wanted = load_data("emergency")["complaints"]
    escalation = [dict(plan[key], grading=plan[key]["grading"][::-1]) for key in wanted["levels"] if key in plan]
    lines = [(sc, g) for sc in escalation for g in sc["grading"]]
    major = next(({"scenario": sc["name"], **g} for sc, g in lines if g["major_complaint"]), None)
    referral = next(({"scenario": sc["name"], **g} for sc, g in lines if g["referred"]), None)
    batch = next(({"name": plan[key]["name"], "lead": plan[key]["team"][0]} for key in wanted["batch"] if key in plan),
                 None)
    return {"escalation": escalation, "major": major, "referral": referral, "batch": batch}


# --------------------------------------------------------------------------- laws

def law_list_view(profile: Profile, catalogue: ClauseCatalogue, facts) -> dict:
    labels = {c.id: c.label for c in catalogue.clauses}
    table: dict = {}
    for row in load_laws():  # a law listed for two kinds of company: the row that applies to this one
        if applies(row, facts.traits, facts.categories):
            table.setdefault(row["name"], row)
    for row in load_laws():
        table.setdefault(row["name"], row)
    rows = []
    for name in facts.laws:  # the order in which the manual lists them
        row = table.get(name, {"name": name})
        rows.append({
            "name": row["name"],
            "kind": row.get("kind", ""),
            "number": row.get("number", ""),
            "issuer": row.get("issuer", ""),
            "published": _iso(row.get("published")),
            "effective": _iso(row.get("effective")),
            "clauses": [labels.get(str(c), str(c)) for c in row.get("clauses", ())],
            "scope": row.get("scope", ""),
            "owner": facts.who(row.get("owner", "legal")),
            "confirmed": row.get("confidence", "high") == "high",
        })
    return {"law_rows": rows, "unconfirmed_laws": [r for r in rows if not r["confirmed"]]}


def _iso(value) -> str:
    """2014-03-15: the register's narrow date column keeps one date on one line."""
    return "" if value is None else str(value)


# --------------------------------------------------------------------------- outlets

def outlet_list_view(profile: Profile, catalogue: ClauseCatalogue, facts) -> dict:
    """Every outlet, grouped by province, with the count per kind."""
    groups: "OrderedDict[str, list]" = OrderedDict()
    labels = category_labels(profile)
    services = {s.id: s.name for s in facts.services}
    for o in ordered_outlets(profile):
        groups.setdefault(o.province, []).append(outlet_view(o, labels, services))
    kinds = [k for k in vocab.OUTLET_KINDS if any(o.kind == k for o in profile.outlets)]
    summary = []
    for province, items in groups.items():
        counts = {k: sum(1 for o in items if o["kind"] == k) for k in kinds}
        summary.append({"province": province, "counts": [counts[k] for k in kinds], "total": len(items),
                        "technicians": sum(o["technicians"] for o in items)})
    totals = [sum(1 for o in profile.outlets if o.kind == k) for k in kinds]
    return {"outlet_groups": [{"province": p, "outlets": items} for p, items in groups.items()],
            "outlet_summary": summary, "summary_kinds": kinds, "summary_totals": totals}


# --------------------------------------------------------------------------- resources

def resources_view(profile: Profile, catalogue: ClauseCatalogue, facts) -> dict:
    res = profile.resources
    budget = None
    if res.budget:
        total = sum(i.amount for i in res.budget.items)
        budget = {"year": res.budget.year,
                  "rows": [{"name": i.name, "amount": format_number(i.amount), "note": i.note or "—"}
                            for i in res.budget.items],
                  "total": format_number(total),
                  "reserve": format_number(res.budget.reserve) if res.budget.reserve is not None else None}
    return {
        "budget": budget,
        "facilities": list(res.facilities),
        "tools": list(res.tools),
        "hotline_seats": res.hotline_seats,
        "call_recording": res.call_recording,
        "information_system": res.information_system,
        "parts_stock": res.parts_stock,
        "outlet_vehicles": sum(o.vehicles or 0 for o in profile.outlets),
        "outlets_with_vehicles": sum(1 for o in profile.outlets if o.vehicles),
    }


# --------------------------------------------------------------------------- internal audit

def audit_checklist_view(profile: Profile, catalogue: ClauseCatalogue, facts) -> dict:
    top = profile.company.top_manager
    absent = absent_titles(facts)
    # the record an auditor samples for a promise kept: the company's own repair card, else (the
    # brands' networks repair) its register of requests; a delivery's, the confirmation slip, else
    # the delivery note of goods sent by courier
    fill = {"service_head": f"服务体系负责人{profile.service_head.name}", "top_manager": f"{top.title}{top.name}",
            "client": facts.terms.client,
            "service_law": "民法典合同编" if facts.traits.business_only else "消费者权益保护法",
            "repair_record": "叫修登记表" if "维修记录卡" in absent else "维修记录卡",
            # goods shipped by freight, or to business customers, are signed for on the 配送单 (CX-03)
            "delivery_record": ("配送单" if "上门服务确认单" in absent or facts.goods_terms.freight
                                or facts.traits.business_only else "上门服务确认单")}
    by_id = {c.id: c for c in catalogue.clauses}
    rows = []
    for entry in load_data("audit")["checklist"]:
        clause = by_id.get(str(entry["clause"]))
        if clause is None:
            continue  # a catalogue passed with --standard may leave a clause out
        if not checklist_applies(entry, facts.traits):
            continue
        owner = facts.clauses.get(clause.id)
        rows.append({
            "label": clause.label,
            "shown": catalogue.shown(clause),
            "title": clause.title,
            "question": entry["question"].format(**fill),
            # a record this company does not keep (another trade's or the brands' forms) is not asked for
            "evidence": "、".join(e for e in (item.format(**fill) for item in entry["evidence"]) if e not in absent),
            "method": entry["method"].format(**fill),
            "owner": owner.owner.name if owner and owner.owner else "—",
        })
    return {"checklist": rows}
