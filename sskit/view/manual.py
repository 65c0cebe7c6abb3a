"""Stage 2: view data of the 售后服务手册 (service manual).

Clause citations come from the catalogue by section id (never typed into the
template); the lists of procedures and forms come with the base context.
"""
from __future__ import annotations

from sskit.profile.model import Profile
from sskit.standard import ClauseCatalogue
from sskit.view.registers import job_descriptions_view


def clause_refs(catalogue: ClauseCatalogue, doc_key: str, skip=()) -> dict[str, str]:
    """section id -> how the section cites the standard: 第5.1.4条 for confirmed numbers,
    中“投诉处理”的要求 for indicators whose number is not confirmed (numbers stay in the
    条款对照表, marked for checking). Clauses in `skip` (declared not applicable) are not cited."""
    found: dict[str, list] = {}
    for clause in catalogue.clauses:
        if clause.id in skip:
            continue
        for item in clause.evidence:
            doc, _, section = item.partition("#")
            if doc == doc_key and section:
                found.setdefault(section, []).append(clause)
    refs = {}
    for section, clauses in found.items():
        numbers = [c.label for c in clauses if catalogue.certain(c)]
        titles = [f"“{c.title}”" for c in clauses if not catalogue.certain(c)]
        text = f"第{'、'.join(numbers)}条" if numbers else ""
        if titles:
            text += ("以及" if numbers else "中") + "".join(titles) + "的要求"
        refs[section] = text
    return refs


def staff_certificates(profile: Profile, catalogue: ClauseCatalogue, facts) -> list[dict]:
    """The certificates the posts of the 岗位职责说明书 require (other than the 售后服务管理师
    certificate, which the manual names on its own): [{post, certificates}], so that the
    manual states the same qualifications as the post descriptions."""
    out = []
    for post in job_descriptions_view(profile, catalogue, facts)["posts"]:
        certs = [c for c in post["certificates"] if "售后服务管理师" not in c]
        if certs:
            out.append({"post": post["title"], "certificates": certs})
    return out


def manual_view(profile: Profile, catalogue: ClauseCatalogue, facts) -> dict:
    return {
        "staff_certificates": staff_certificates(profile, catalogue, facts),
        "refs": clause_refs(catalogue, "manual", skip=set(facts.not_applicable)),
        "standard": {"code": catalogue.standard, "title": catalogue.title},
        "network": facts.network,
    }
