"""Stage 2: the 部门职责分配表 (responsibility matrix) as data.

Marks come from the facts stage: exactly one 主责 per clause (decided there by
a documented rule), 配合 for every other department carrying an owning or
supporting function. A clause with no 主责 is a gap. The printed table has one
column per `facts.matrix_columns` entry (a department, or a group sharing a
column: 主责 when the clause's 主责 department is in it, else 配合 when a member
supports), cut into tables of at most rules.MATRIX_COLUMNS_PER_TABLE columns.
"""
from __future__ import annotations

from dataclasses import dataclass

from sskit.facts import rules
from sskit.facts.model import MatrixColumn
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


def _columns(profile: Profile, facts) -> tuple[MatrixColumn, ...]:
    return facts.matrix_columns or tuple(MatrixColumn(d.name, (d.id,)) for d in profile.departments)


def _chunks(items: list, size: int) -> list[list]:
    """`items` in order, cut into as few parts of at most `size` as possible, of near-equal length."""
    parts = -(-len(items) // size) or 1
    base, extra = divmod(len(items), parts)
    out, start = [], 0
    for i in range(parts):
        end = start + base + (i < extra)
        out.append(items[start:end])
        start = end
    return out


CN_NUMBERS = "一二三四五六七八九十"


def _numbered(caption: str, i: int, n: int) -> str:
    return caption if n == 1 else f"{caption}（{CN_NUMBERS[i] if i < len(CN_NUMBERS) else i + 1}）"


def matrix_view(profile: Profile, catalogue: ClauseCatalogue, facts) -> dict:
    rows = responsibility_matrix(profile, catalogue, facts)
    depts = profile.departments
    position = {d.id: i for i, d in enumerate(depts)}
    columns = _columns(profile, facts)

    def column_mark(row: MatrixRow, column: MatrixColumn) -> str:
        marks = {row.marks[position[m]] for m in column.members}
        return OWNER if OWNER in marks else SUPPORT if SUPPORT in marks else ""

    shown_rows = [{"label": catalogue.shown(r.clause),
                   "title": r.clause.title + (f"（不适用：{r.not_applicable}）" if r.not_applicable else ""),
                   "level": r.clause.level, "gap": r.gap, "marks": [column_mark(r, c) for c in columns],
                   "owner_functions": [vocab.FUNCTIONS[f] for f in r.clause.owners]} for r in rows]
    parts = _chunks(list(range(len(columns))), rules.MATRIX_COLUMNS_PER_TABLE)
    tables = [{"caption": _numbered("部门职责分配表", i, len(parts)),
               "columns": [columns[c].name for c in part],
               "rows": [{"label": r["label"], "title": r["title"], "marks": [r["marks"][c] for c in part]}
                        for r in shown_rows]} for i, part in enumerate(parts)]
    names = {d.id: d.name for d in depts}
    duties = []
    for i, dept in enumerate(depts):
        owned = [r.clause for r in rows if r.marks[i] == OWNER]
        supported = [r.clause for r in rows if r.marks[i] == SUPPORT]
        duties.append({
            "name": dept.name,
            "head": dept.head,
            "functions": [vocab.FUNCTIONS[f] for f in dept.functions],
            "owned": [{"label": catalogue.shown(c), "title": c.title,
                       "requirement": c.requirement_for(facts.traits.sells, facts.customers.business_only)}
                      for c in owned],
            "supported": [{"label": catalogue.shown(c), "title": c.title} for c in supported],
            "duties": list(dept.duties),
        })
    return {
        "columns": [c.name for c in columns],
        "department_count": len(depts),
        "tables": tables,
        # columns that are not simply one department under its own name
        "groups": [{"name": c.name, "members": [names[m] for m in c.members], "declared": c.declared}
                   for c in columns if len(c.members) > 1 or c.name != names[c.members[0]]],
        "rows": shown_rows,
        "gaps": [{"label": catalogue.shown(r.clause), "title": r.clause.title,
                  "owner_functions": [vocab.FUNCTIONS[f] for f in r.clause.owners]} for r in rows if r.gap],
        "duties": duties,
        "standard": catalogue.standard,
        "standard_title": catalogue.title,
        "clause_count": len(rows),
        # clauses the company declares not to apply have no 主责 and are not counted as assigned
        "not_applicable": [{"label": catalogue.shown(r.clause), "title": r.clause.title}
                           for r in rows if r.not_applicable],
        "assigned_count": sum(1 for r in rows if not r.not_applicable),
        "unconfirmed": any(not catalogue.certain(r.clause) for r in rows),
    }
