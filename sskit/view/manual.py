"""Stage 2: view data of the 售后服务手册 (service manual).

Clause citations come from the catalogue by section id (never typed into the
template); the lists of procedures and forms come with the base context.
"""
from __future__ import annotations

from sskit.profile import vocab
from sskit.profile.model import Profile
from sskit.standard import ClauseCatalogue


def clause_refs(catalogue: ClauseCatalogue, doc_key: str) -> dict[str, str]:
    """section id -> '5.2.4、5.2.5' for every section the catalogue cites."""
    refs: dict[str, list[str]] = {}
    for clause in catalogue.clauses:
        for item in clause.evidence:
            doc, _, section = item.partition("#")
            if doc == doc_key and section:
                refs.setdefault(section, []).append(clause.label)
    return {section: "、".join(labels) for section, labels in refs.items()}


def manual_view(profile: Profile, catalogue: ClauseCatalogue, facts) -> dict:
    return {
        # products outside the statutory 三包 catalogue, which the company covers voluntarily
        "voluntary_sanbao": [p.name for p in profile.products if not vocab.CATEGORIES[p.category]["sanbao"]],
        "refs": clause_refs(catalogue, "manual"),
        "standard": {"code": catalogue.standard, "title": catalogue.title},
    }
