"""Stage 2: view data of the 售后服务手册 (service manual).

Clause citations come from the catalogue by section id (never typed into the
template); the lists of procedures and forms come with the base context.
"""
from __future__ import annotations

from sskit.profile import vocab
from sskit.profile.model import Profile
from sskit.standard import ClauseCatalogue


def clause_refs(catalogue: ClauseCatalogue, doc_key: str) -> dict[str, str]:
    """section id -> how the section cites the standard: 第5.1.4条 for confirmed numbers,
    中“投诉处理”的要求 for indicators whose number is not confirmed (numbers stay in the
    条款对照表, marked for checking)."""
    found: dict[str, list] = {}
    for clause in catalogue.clauses:
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


def manual_view(profile: Profile, catalogue: ClauseCatalogue, facts) -> dict:
    return {
        # products outside the statutory 三包 catalogue, which the company covers voluntarily
        "voluntary_sanbao": [p.name for p in profile.products if not vocab.CATEGORIES[p.category]["sanbao"]],
        "refs": clause_refs(catalogue, "manual"),
        "standard": {"code": catalogue.standard, "title": catalogue.title},
    }
