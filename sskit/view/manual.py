"""Stage 2: view data of the 售后服务手册 (service manual).

Clause citations come from the catalogue by section id (never typed into the
template), and the appendix lists the procedures and forms that apply.
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


def manual_view(profile: Profile, catalogue: ClauseCatalogue) -> dict:
    from sskit.documents import applicable_specs, document_specs

    applicable = {s.key for s in applicable_specs(profile)}
    procedures = [{"number": s.number(profile), "title": s.title, "applies": s.key in applicable}
                  for s in document_specs() if s.group == "procedure"]
    forms = [{"number": s.number(profile), "title": s.title}
             for s in document_specs() if s.group == "form" and s.key in applicable]
    return {
        # products outside the statutory 三包 catalogue, which the company covers voluntarily
        "voluntary_sanbao": [p.name for p in profile.products if not vocab.CATEGORIES[p.category]["sanbao"]],
        "any_km": any(p.warranty.whole_unit_km for p in profile.products),
        "refs": clause_refs(catalogue, "manual"),
        "standard": {"code": catalogue.standard, "title": catalogue.title},
        "procedures": [p for p in procedures if p["applies"]],
        "omitted_procedures": [p for p in procedures if not p["applies"]],
        "forms": forms,
    }
