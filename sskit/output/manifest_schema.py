"""The documented shape of OUT/sskit-manifest.json as pydantic models (sskit/output/manifest.py
describes it): imported only when a manifest is read in full, so the no-change check does without
pydantic."""
from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from sskit.output.manifest_forms import DATE_FORM as _DATE
from sskit.output.manifest_forms import FILE_FORM as _FILE
from sskit.output.manifest_forms import SHA256_FORM as _SHA
from sskit.output.manifest_forms import VERSION_FORM as _VERSION


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class _Revision(_Strict):
    version: Annotated[str, StringConstraints(pattern=_VERSION)]
    date: Annotated[str, StringConstraints(pattern=_DATE)]
    summary: str
    author: str


_Name = Annotated[str, StringConstraints(pattern=_FILE)]
_Sha = Annotated[str, StringConstraints(pattern=_SHA)]


class _Entry(_Strict):
    """What a document and a withdrawn document share: its key, number, title and version."""
    key: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
    number: Annotated[str, StringConstraints(min_length=1)]
    title: Annotated[str, StringConstraints(min_length=1)]
    version: Annotated[str, StringConstraints(pattern=_VERSION)]


class _Document(_Entry):
    effective_date: Annotated[str, StringConstraints(pattern=_DATE)]
    content_sha256: _Sha
    files: dict[_Name, _Sha]
    revisions: list[_Revision]

    @field_validator("effective_date")
    @classmethod
    def _real_date(cls, value: str) -> str:
        dt.date.fromisoformat(value)  # 2026-02-30 is no date
        return value


class _Withdrawal(_Entry):
    date: Annotated[str, StringConstraints(pattern=_DATE)]
    files: dict[_Name, _Sha]
    revisions: list[_Revision] = []


class ManifestFile(_Strict):
    schema_: Literal["sskit-manifest/2", "sskit-manifest/1"] = Field(alias="schema")
    generator: str
    company: str
    base_version: Annotated[str, StringConstraints(pattern=_VERSION)]
    inputs_sha256: Annotated[str, StringConstraints(pattern=r"^([0-9a-f]{64})?$")] = ""
    profile: Optional[dict] = None
    documents: list[_Document]
    withdrawn: list[_Withdrawal] = []
    support: dict[_Name, _Sha] = {}


def describe(error: dict) -> str:
    """documents[3].version: 'A/x' is not of the documented form"""
    parts = []
    for part in error["loc"]:
        if part == "[key]":
            parts[-1] = parts[-1].replace("[", " key [", 1)
        elif isinstance(part, int):
            parts.append(f"[{part}]")
        elif parts and parts[-1] == ".files":
            parts.append(f"[{json.dumps(part, ensure_ascii=False)}]")
        else:
            parts.append(f".{part}" if parts else str(part))
    path = "".join(parts) or "the manifest"
    if error["type"] == "string_pattern_mismatch":
        return f"{path}: {json.dumps(error['input'], ensure_ascii=False)} is not of the documented form"
    return f"{path}: {error['msg']}"
