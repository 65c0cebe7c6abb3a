"""Readiness checks for GB/T 27922 certification (`sskit check`).

`run_checks` applies every rule in `rules.RULES` to a validated profile and
returns located findings plus the clause coverage figure.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from sskit.compliance.rules import RULES, Context, Rule
from sskit.diagnostics import SskitError, Diagnostic
from sskit.profile.model import Profile
from sskit.profile.tabular import profile_order
from sskit.profile.yamlsource import Source
from sskit.standard import ClauseCatalogue
from sskit.standard.statutory import StatutoryTable
from sskit.view.matrix import OWNER, responsibility_matrix

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class CheckResult:
    findings: tuple[Diagnostic, ...]
    clauses_total: int
    clauses_covered: int
    uncovered: tuple[str, ...] = ()  # labels of the clauses not covered
    not_applicable: tuple[str, ...] = ()  # labels of the clauses the company declares not applicable
    facts: object = field(default=None, compare=False, repr=False)  # the Facts the rules read
    # the files the profile names beside it, read and checked: {"logo": sskit.picture.Picture | None,
    # "reference": (bytes, path) | None}; one that fails its check is an error finding and None here
    assets: dict = field(default_factory=dict, compare=False, repr=False)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, strict: bool = False) -> bool:
        return any(f.severity == "error" or (strict and f.severity == "warning") for f in self.findings)

    def summary(self) -> str:
        def n(count, word):
            return f"{count} {word}{'' if count == 1 else 's'}"
        missing = f" (not covered: {', '.join(self.uncovered)})" if self.uncovered else ""
        excluded = (f", {len(self.not_applicable)} not applicable ({', '.join(self.not_applicable)})"
                    if self.not_applicable else "")
        return (f"{n(self.count('error'), 'error')}, {n(self.count('warning'), 'warning')}, "
                f"{self.clauses_covered} clauses covered of {self.clauses_total}{missing}{excluded}")


def run_checks(profile: Profile, source: Source, catalogue: ClauseCatalogue,
               statutory: StatutoryTable, facts=None) -> CheckResult:
    from sskit.facts import derive_facts

    facts = facts if facts is not None else derive_facts(profile, catalogue)
    ctx = Context(profile, catalogue, statutory, facts)
    labels = {c.id: c.label for c in catalogue.clauses}
    findings: list[Diagnostic] = []
    declared_na = profile.responsibilities.not_applicable
    for rule in RULES:
        if rule.clause and rule.clause in declared_na:
            continue  # the company declares the clause not applicable (with its reason)
        for path, message, hint, *clause in rule.check(ctx):
            clause_id = clause[0] if clause else rule.clause
            if clause_id in declared_na:
                continue
            # a finding about a whole section points at its key, not at its first entry
            d = source.diag(path, message, hint, severity=rule.severity,
                            key=isinstance(_value_at(source.data, path), (dict, list)))
            findings.append((profile_order(path), Diagnostic(d.file, d.line, d.col, message, d.path, hint,
                                                             rule.severity, rule.id,
                                                             labels.get(clause_id, clause_id))))
    # in the profile's own order, not by line: a profile read from a workbook lists its findings
    # (and its 自评报告 prints them) exactly as the same profile in YAML does
    findings = [f for _, f in sorted(findings, key=lambda pair: (SEVERITY_ORDER[pair[1].severity], pair[1].rule,
                                                                 pair[0], pair[1].message))]
    blamed = {f.clause for f in findings if f.severity == "error"}
    rows = responsibility_matrix(profile, catalogue, facts)
    excluded = tuple(r.clause.label for r in rows if r.clause.id in declared_na)
    uncovered = tuple(r.clause.label for r in rows if r.clause.id not in declared_na
                      and (OWNER not in r.marks or r.clause.label in blamed))
    return CheckResult(tuple(findings), len(rows) - len(excluded), len(rows) - len(excluded) - len(uncovered),
                       uncovered, excluded, facts)


def _value_at(data, path):
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def check_profile(path, standard_file=None):
    """Load, validate and run the readiness rules: (profile, catalogue, CheckResult).
    Imports nothing of the rendering stages, so `sskit check` stays light."""
    from sskit.profile import read_profile_with_source
    from sskit.standard import load_catalogue
    from sskit.standard.statutory import load_statutory

    profile, source = read_profile_with_source(path)
    catalogue = load_catalogue(standard_file)
    result = run_checks(profile, source, catalogue, load_statutory())
    assets, problems = _assets(profile, source)
    # what reading the profile found worth a word (an unknown workbook column, say) comes first
    early = tuple(getattr(source, "warnings", ())) + problems
    return profile, catalogue, replace(result, findings=early + result.findings, assets=assets)


def _assets(profile, source) -> tuple[dict, tuple]:
    """The logo and the reference document the profile names, read beside it; a missing,
    oversized or unreadable one is an error finding at its field."""
    from sskit.profile.assets import load_logo, load_reference_bytes

    found, problems = {}, []
    for name, load in (("logo", load_logo), ("reference", load_reference_bytes)):
        try:
            found[name] = load(profile, source)
        except SskitError as error:
            found[name] = None
            problems.extend(error.diagnostics)
    return found, tuple(problems)


__all__ = ["CheckResult", "RULES", "Rule", "check_profile", "run_checks"]
