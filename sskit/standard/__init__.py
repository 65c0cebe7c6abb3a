"""The GB/T 27922-2011 clause catalogue, kept as data (clauses.yaml).

`load_catalogue(path=None)` reads the built-in catalogue or a corrected copy
(`--standard FILE`), validated with located errors that speak of the catalogue.
"""
from __future__ import annotations

import functools
import re
import stat
from dataclasses import replace
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sskit.diagnostics import Diagnostic, SskitError, sort_key
from sskit.profile.fields import FunctionCode, Text
from sskit.profile.loader import to_diagnostic
from sskit.profile.yamlsource import MAX_BYTES, load_yaml

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
    # how a company whose customers are all businesses (company.customers businesses) meets the
    # clause: the requirement printed for it instead (the 三包 rules and the consumer law protect
    # consumers; a business customer is served under its purchase contract)
    business_requirement: Optional[Text] = None

    def requirement_for(self, sells: bool, business_only: bool = False) -> str:
        if not sells and self.service_requirement:
            return self.service_requirement
        if business_only and self.business_requirement:
            return self.business_requirement
        return self.requirement

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


# How messages name the built-in catalogue: the file a corrected copy starts from.
MODEL = "sskit/standard/clauses.yaml"
_MODEL_HINT = f"a corrected catalogue is a copy of the built-in {MODEL} with its entries changed; compare with it"
# Hints for a field of a clause or of a score band: what the value means.
_FIELD_HINTS = {
    "level": "level is the depth of the clause number: 1 for 5, 2 for 5.1, 3 for 5.1.3, 4 for 5.1.3.2",
    "confidence": "confidence is one of: high, medium, inferred, unconfirmed",
    "min_score": "min_score is a score from 0 to 100",
}
_SHAPES = {
    (): "a clause catalogue has the keys standard, title and clauses (scoring is optional)",
    ("clauses",): "every clause has id, title, level, confidence and requirement",
    ("scoring",): "every score band has min_score and level",
}


def load_catalogue(path: str | Path | None = None) -> ClauseCatalogue:
    """The built-in catalogue, or the corrected copy at `path` (`--standard FILE`). Every problem
    of a copy is a located error that names the clause catalogue, never worded as if the file
    were a profile, with a hint that points at the built-in one as the model."""
    path = Path(path) if path else BUILTIN
    label = str(path)
    try:
        src = load_yaml(_read(path, label), label)
    except SskitError as exc:
        raise SskitError([_about_catalogue(d) for d in exc.diagnostics]) from None
    if not isinstance(src.data, dict):
        raise SskitError([src.diag((), "the clause catalogue must be a mapping of keys (standard, title, clauses), "
                                       f"not {_kind(src.data)}", _MODEL_HINT)])
    try:
        catalogue = ClauseCatalogue.model_validate(src.data)
    except ValidationError as exc:
        diags = [_invalid(src, e) for e in exc.errors(include_url=False)]
        raise SskitError(sorted(diags, key=sort_key)) from None
    seen: set[str] = set()
    dupes = []
    for i, clause in enumerate(catalogue.clauses):
        if clause.id in seen:
            dupes.append(src.diag(("clauses", i, "id"), f"the clause catalogue lists clause '{clause.id}' twice",
                                  "keep one entry per clause number: merge the two or correct the number"))
        seen.add(clause.id)
    if dupes:
        raise SskitError(dupes)
    return catalogue.model_copy(update={"source": str(path)})


def _read(path: Path, label: str) -> bytes:
    """The file's bytes; a folder, a device or a pipe (which would block) is refused first."""
    def refused(reason: str) -> SskitError:
        return SskitError([Diagnostic(label, 0, 0, f"cannot read the clause catalogue: {reason}",
                                      hint=f"give --standard the path of a YAML file, a corrected copy of {MODEL}")])
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise refused("it is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise refused("it is not a regular file")
        if info.st_size > MAX_BYTES:
            raise refused(f"it is {info.st_size:,} bytes, more than {MAX_BYTES:,}")
        with open(path, "rb") as fh:
            return fh.read(MAX_BYTES + 1)  # load_yaml refuses what is still too long
    except OSError as exc:
        reason = "no such file" if isinstance(exc, FileNotFoundError) else (exc.strerror or str(exc))
        raise refused(reason) from None


_PROFILE_WORDS = re.compile(r"\b([Tt]he|[Aa]) profile\b|\bprofiles\b")


def _about_catalogue(d: Diagnostic) -> Diagnostic:
    """A diagnostic of reading YAML (worded for a profile, the usual YAML file) said of the catalogue."""
    def reword(text: str) -> str:
        return _PROFILE_WORDS.sub(lambda m: f"{m[1]} clause catalogue" if m[1] else "clause catalogues", text)
    message, hint = reword(d.message), reword(d.hint)
    if "clause catalogue" not in message:  # the summary beside it speaks of the profile checked
        message = f"clause catalogue: {message}"
    if message.endswith(" is empty") or "sskit init" in hint or "outlets" in hint:
        hint = _MODEL_HINT  # a hint about profiles' content, not only their wording
    return replace(d, message=message, hint=hint)


def _invalid(src, err: dict) -> Diagnostic:
    """One validation error of the catalogue, its hint about the catalogue (the profile's
    loader words the message; its hints speak of profiles and 'sskit schema')."""
    d = to_diagnostic(src, err, ClauseCatalogue)
    loc = tuple(p for p in err["loc"] if not isinstance(p, int))
    field = loc[-1] if loc else ""
    message, hint = d.message, d.hint
    if err["type"] == "missing":
        hint = f"{_SHAPES.get(loc[:-1], _SHAPES[()])}; {_MODEL_HINT}"
    elif err["type"] == "string_pattern_mismatch" and field == "confidence":
        message = f"unknown confidence {err['input']!r}"
        hint = _FIELD_HINTS["confidence"]
    elif field in _FIELD_HINTS and err["type"] != "extra_forbidden":
        hint = _FIELD_HINTS[field]
    elif not hint or _PROFILE_WORDS.search(hint) or "sskit schema" in hint:
        hint = _MODEL_HINT
    return replace(d, message=message, hint=hint)


def _kind(value) -> str:
    return {list: "a list", str: "a text", int: "a number", float: "a number", bool: "true/false"}.get(
        type(value), "a value")


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
