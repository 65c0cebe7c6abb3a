"""The GB/T 27922-2011 clause catalogue, kept as data (clauses.yaml).

`load_catalogue(path=None)` reads the built-in catalogue or a corrected copy
(`--standard FILE`), validated with located errors like a profile.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sskit.diagnostics import Diagnostic, SskitError, sort_key
from sskit.profile.fields import FunctionCode, Text
from sskit.profile.loader import to_diagnostic
from sskit.profile.yamlsource import load_yaml

BUILTIN = Path(__file__).with_name("clauses.yaml")


class Clause(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    id: Text
    title: Text
    level: int = Field(ge=1, le=4)
    confidence: str = Field(pattern=r"^(high|medium|inferred|unconfirmed)$")
    requirement: Text
    owners: list[FunctionCode] = Field(default_factory=list)
    supporters: list[FunctionCode] = Field(default_factory=list)
    evidence: list[Text] = Field(default_factory=list)
    records: list[Text] = Field(default_factory=list)
    # how a company that sells no goods (a service company) meets the clause: the requirement
    # and records printed for it instead (the standard is written for goods)
    service_requirement: Optional[Text] = None
    service_records: Optional[list[Text]] = None

    def requirement_for(self, sells: bool) -> str:
        return self.requirement if sells or not self.service_requirement else self.service_requirement

    def records_for(self, sells: bool) -> list[str]:
        return list(self.records if sells or self.service_records is None else self.service_records)

    @property
    def parent_id(self) -> str:
        """5.1.3.2a -> 5.1.3.2, 5.1.3 -> 5.1, 5.1 -> 5."""
        return self.id[:-1] if self.id[-1].isalpha() else self.id.rpartition(".")[0]

    @property
    def label(self) -> str:
        """How the clause is cited: 5.1.3.2a -> 5.1.3.2 a)."""
        if self.id[-1].isalpha():
            return f"{self.id[:-1]} {self.id[-1]})"
        return self.id


class ScoreBand(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    min_score: int = Field(ge=0, le=100)
    level: Text
    note: Optional[Text] = None


class ClauseCatalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    standard: Text
    title: Text
    clauses: list[Clause] = Field(min_length=1)
    scoring: list[ScoreBand] = Field(default_factory=list)
    source: Optional[str] = None

    def certain(self, clause: Clause) -> bool:
        """A number is printed as a fact only when it and every number above it are
        confirmed (confidence high); others are cited by title."""
        by_id = {c.id: c for c in self.clauses}
        node: Optional[Clause] = clause
        while node is not None:
            if node.confidence != "high":
                return False
            node = by_id.get(node.parent_id)
        return True

    def shown(self, clause: Clause) -> str:
        """The number in tables: 5.2.4※ when it is not confirmed (a footnote says so)."""
        return clause.label if self.certain(clause) else clause.label + "※"


def load_catalogue(path: str | Path | None = None) -> ClauseCatalogue:
    path = Path(path) if path else BUILTIN
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SskitError([Diagnostic(str(path), 0, 0, f"cannot read the clause catalogue: {exc.strerror or exc}")]) from None
    src = load_yaml(raw, str(path))
    try:
        catalogue = ClauseCatalogue.model_validate(src.data)
    except ValidationError as exc:
        diags = [to_diagnostic(src, e, ClauseCatalogue) for e in exc.errors(include_url=False)]
        raise SskitError(sorted(diags, key=sort_key)) from None
    seen: set[str] = set()
    dupes = []
    for i, clause in enumerate(catalogue.clauses):
        if clause.id in seen:
            dupes.append(src.diag(("clauses", i, "id"), f"duplicate clause '{clause.id}'"))
        seen.add(clause.id)
    if dupes:
        raise SskitError(dupes)
    return catalogue.model_copy(update={"source": str(path)})


LAWS = Path(__file__).with_name("laws.yaml")


@functools.lru_cache(maxsize=1)
def load_laws() -> tuple:
    """The rows of laws.yaml: which laws apply to which categories and business types."""
    
    return tuple(load_yaml(LAWS.read_bytes(), str(LAWS)).data["laws"])


RIGHTS = Path(__file__).with_name("rights.yaml")


@functools.lru_cache(maxsize=1)
def load_rights() -> tuple:
    """The statutory rights the documents state in full (rights.yaml), per rule."""
    
    return tuple(load_yaml(RIGHTS.read_bytes(), str(RIGHTS)).data["rules"])


@functools.lru_cache(maxsize=None)
def load_data(name: str):
    """One of the correctable data files next to the catalogue: posts, emergency,
    audit (the 岗位, 应急预案 scenarios and 内审检查表 questions)."""
    
    path = Path(__file__).with_name(f"{name}.yaml")
    return load_yaml(path.read_bytes(), str(path)).data  # the C parser: pure-Python safe_load costs 0.15 s
