"""The pre-audit scoring scheme of the 自评报告 (scoring.yaml), kept as data.

The certification bodies' 评分细则 is not public: every weight carries a
confidence mark, and the whole scheme can be corrected in one file.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sskit.profile.fields import Text
from sskit.profile.yamlsource import load_yaml

BUILTIN = Path(__file__).with_name("scoring.yaml")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Weight(_Model):
    clause: Text
    points: float = Field(gt=0)
    confidence: str = Field(pattern=r"^(high|medium|inferred|unconfirmed)$")
    source: Optional[Text] = None
    applies_if: Optional[Text] = None  # a facts.traits attribute


class Deductions(_Model):
    error: float = Field(ge=0, le=1)
    warning: float = Field(ge=0, le=1)
    missing_document: float = Field(ge=0, le=1)
    partial_cap: float = Field(1.0, ge=0, le=1)


class AskedDocument(_Model):
    clause: Text
    title: Text
    key: Optional[Text] = None  # none: a record the set does not define yet, always missing


class Remedy(_Model):
    """What the company does about a finding (整改措施), what shows it is done (完成证据) and
    who sees to it: a function code, clause:ID (that clause's 主责) or activity:KEY, as in
    records.yaml."""
    action: Text
    evidence: Text
    owner: Text = "service_management"


class ScoringScheme(_Model):
    source_note: Text
    deductions: Deductions
    weights: list[Weight] = Field(min_length=1)
    scored_as: dict[Text, Text] = Field(default_factory=dict)
    proportional: dict[Text, Text] = Field(default_factory=dict)  # rule -> dotted profile list
    documents: list[AskedDocument] = Field(default_factory=list)
    # what the company does about a finding of a rule, in business words: every rule that can
    # reach the report has one (tests/documents/test_self_assessment_audit.py holds it to that)
    actions: dict[Text, Remedy] = Field(default_factory=dict)
    restated: list[Text] = Field(default_factory=list)  # rules the report states in its own words

    @model_validator(mode="after")
    def _hundred(self):
        total = sum(w.points for w in self.weights)
        if abs(total - 100) > 1e-6:
            raise ValueError(f"the weights add up to {total:g}, not 100")
        return self

    def leaf(self, clause_id: str) -> str:
        return self.scored_as.get(clause_id, clause_id)


@functools.lru_cache(maxsize=1)
def load_scoring() -> ScoringScheme:
    return ScoringScheme.model_validate(load_yaml(BUILTIN.read_bytes(), str(BUILTIN)).data)
