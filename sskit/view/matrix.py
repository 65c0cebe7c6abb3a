"""Stage 2: the 部门职责分配表 (responsibility matrix) as data.

Marks come from the facts stage: exactly one 主责 per clause (decided there by
a documented rule), 配合 for every other department carrying an owning or
supporting function. A clause with no 主责 is a gap.
"""
from __future__ import annotations

from dataclasses import dataclass

from sskit.profile import vocab
from sskit.profile.model import Profile
from sskit.standard import Clause, ClauseCatalogue

OWNER, SUPPORT = "主责", "配合"


@dataclass(frozen=True)
class MatrixRow:
    clause: Clause
    marks: tuple[str, ...]  # one per department, "" when not involved
    not_applicable: str = ""  # the company's reason when the clause does not apply

    @property
    def gap(self) -> bool:
        return OWNER not in self.marks and not self.not_applicable


def responsibility_matrix(profile: Profile, catalogue: ClauseCatalogue, facts) -> list[MatrixRow]:
    rows = []
    for clause in catalogue.clauses:
        duty = facts.clauses[clause.id]
        owner = duty.owner.id if duty.owner else None
        supporters = set(duty.supporters)
        marks = tuple(OWNER if d.id == owner else SUPPORT if d.id in supporters else "" for d in profile.departments)
        rows.append(MatrixRow(clause, marks, facts.not_applicable.get(clause.id, "")))
    return rows


def matrix_view(profile: Profile, catalogue: ClauseCatalogue, facts) -> dict:
    rows = responsibility_matrix(profile, catalogue, facts)
    depts = profile.departments
    duties = []
    for i, dept in enumerate(depts):
        owned = [r.clause for r in rows if r.marks[i] == OWNER]
        supported = [r.clause for r in rows if r.marks[i] == SUPPORT]
        duties.append({
            "name": dept.name,
            "head": dept.head,
            "functions": [vocab.FUNCTIONS[f] for f in dept.functions],
            "owned": [{"label": catalogue.shown(c), "title": c.title, "requirement": c.requirement_for(facts.traits.sells)}
                      for c in owned],
            "supported": [{"label": catalogue.shown(c), "title": c.title} for c in supported],
            "duties": list(dept.duties),
        })
    return {
        "columns": [d.name for d in depts],
        "rows": [{"label": catalogue.shown(r.clause),
                  "title": r.clause.title + (f"（不适用：{r.not_applicable}）" if r.not_applicable else ""),
                  "level": r.clause.level, "marks": list(r.marks), "gap": r.gap,
                  "owner_functions": [vocab.FUNCTIONS[f] for f in r.clause.owners]} for r in rows],
        "gaps": [{"label": catalogue.shown(r.clause), "title": r.clause.title,
                  "owner_functions": [vocab.FUNCTIONS[f] for f in r.clause.owners]} for r in rows if r.gap],
        "duties": duties,
        "standard": catalogue.standard,
        "standard_title": catalogue.title,
        "clause_count": len(rows),
        "unconfirmed": any(not catalogue.certain(r.clause) for r in rows),
    }
