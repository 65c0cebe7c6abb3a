"""Stage 2: the 部门职责分配表 (responsibility matrix) as data.

Marks come from the clause catalogue (owners/supporters by function) and the
departments' functions: 主责 where a department carries an owning function,
配合 where it carries a supporting one. A clause with no 主责 is a gap.
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

    @property
    def gap(self) -> bool:
        return OWNER not in self.marks


def responsibility_matrix(profile: Profile, catalogue: ClauseCatalogue) -> list[MatrixRow]:
    rows = []
    for clause in catalogue.clauses:
        owners, supporters = set(clause.owners), set(clause.supporters)
        marks = []
        for dept in profile.departments:
            funcs = set(dept.functions)
            marks.append(OWNER if funcs & owners else SUPPORT if funcs & supporters else "")
        rows.append(MatrixRow(clause, tuple(marks)))
    return rows


def matrix_view(profile: Profile, catalogue: ClauseCatalogue) -> dict:
    rows = responsibility_matrix(profile, catalogue)
    depts = profile.departments
    duties = []
    for i, dept in enumerate(depts):
        owned = [r.clause for r in rows if r.marks[i] == OWNER]
        supported = [r.clause for r in rows if r.marks[i] == SUPPORT]
        duties.append({
            "name": dept.name,
            "head": dept.head,
            "functions": [vocab.FUNCTIONS[f] for f in dept.functions],
            "owned": [{"label": c.label, "title": c.title, "requirement": c.requirement} for c in owned],
            "supported": [{"label": c.label, "title": c.title} for c in supported],
            "duties": list(dept.duties),
        })
    return {
        "columns": [d.name for d in depts],
        "rows": [{"label": r.clause.label, "title": r.clause.title, "level": r.clause.level,
                  "marks": list(r.marks), "gap": r.gap,
                  "owner_functions": [vocab.FUNCTIONS[f] for f in r.clause.owners]} for r in rows],
        "gaps": [{"label": r.clause.label, "title": r.clause.title,
                  "owner_functions": [vocab.FUNCTIONS[f] for f in r.clause.owners]} for r in rows if r.gap],
        "duties": duties,
        "standard": catalogue.standard,
        "standard_title": catalogue.title,
        "clause_count": len(rows),
    }
