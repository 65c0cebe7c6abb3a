"""The build manifest, OUT/sskit-manifest.json (schema `sskit-manifest/1`).

It records what sskit wrote, so a later build can tell a real change from an
unchanged document and a hand-edited file from its own output:

{
  "schema": "sskit-manifest/1",
  "generator": "sskit 0.1.0",
  "company": "<legal name>",
  "base_version": "A/0",              # document_control.version at the last build
  "inputs_sha256": "<sha256>",        # profile, templates, catalogue, formats: equal means nothing to do
  "profile": {...},                   # the profile as validated (for `sskit diff` and 修订记录 summaries)
  "documents": [{
      "key": "manual", "number": "HX/SS-SC-01", "title": "售后服务手册",
      "version": "A/1", "effective_date": "2026-03-01",
      "content_sha256": "<sha256 of the rendered Markdown and metadata>",
      "files": {"02-HX-SS-SC-01-售后服务手册.docx": "<sha256 of the file>"},
      "revisions": [{"version": "A/0", "date": "2026-01-01", "summary": "首次发布", "author": "..."}]
  }]
}
Keys are sorted and nothing depends on the wall clock.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from sskit import __version__
from sskit.diagnostics import Diagnostic, ExitCode, SskitError

MANIFEST_NAME = "sskit-manifest.json"
SCHEMA = "sskit-manifest/1"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_hash(number: str, title: str, effective_date: str, markdown: str) -> str:
    """The semantic identity of a document: what it says, not how it is zipped."""
    payload = {"number": number, "title": title, "effective_date": effective_date, "markdown": markdown}
    return sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8"))


@dataclass
class DocumentRecord:
    key: str
    number: str
    title: str
    version: str
    effective_date: str
    content_sha256: str
    files: dict[str, str] = field(default_factory=dict)
    revisions: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"key": self.key, "number": self.number, "title": self.title, "version": self.version,
                "effective_date": self.effective_date, "content_sha256": self.content_sha256,
                "files": dict(sorted(self.files.items())), "revisions": self.revisions}


@dataclass
class Manifest:
    company: str
    base_version: str
    profile: dict
    documents: dict[str, DocumentRecord] = field(default_factory=dict)
    inputs_sha256: str = ""

    def file_hashes(self) -> dict[str, str]:
        """Every file the manifest vouches for: name -> sha256."""
        return {name: digest for record in self.documents.values() for name, digest in record.files.items()}

    def to_bytes(self) -> bytes:
        data = {
            "schema": SCHEMA,
            "generator": f"sskit {__version__}",
            "company": self.company,
            "base_version": self.base_version,
            "inputs_sha256": self.inputs_sha256,
            "documents": [self.documents[k].to_json() for k in self.documents],
        }
        # the records stay readable; the profile snapshot (most of the bytes for a large network)
        # goes on one line, which lets json use its C encoder
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
        profile = json.dumps(self.profile, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return (text[:-2] + ',\n  "profile": ' + profile + "\n}\n").encode("utf-8")


_VERSION = r"^[A-Z]/\d{1,3}$"
_DATE = r"^\d{4}-\d{2}-\d{2}$"
_SHA = r"^[0-9a-f]{64}$"
# a file the manifest vouches for lies in OUT itself: no folder part, no "..", no hidden name
_FILE = r"^[^/\\\x00-\x1f.][^/\\\x00-\x1f]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class _Revision(_Strict):
    version: Annotated[str, StringConstraints(pattern=_VERSION)]
    date: Annotated[str, StringConstraints(pattern=_DATE)]
    summary: str
    author: str


class _Document(_Strict):
    key: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
    number: Annotated[str, StringConstraints(min_length=1)]
    title: Annotated[str, StringConstraints(min_length=1)]
    version: Annotated[str, StringConstraints(pattern=_VERSION)]
    effective_date: Annotated[str, StringConstraints(pattern=_DATE)]
    content_sha256: Annotated[str, StringConstraints(pattern=_SHA)]
    files: dict[Annotated[str, StringConstraints(pattern=_FILE)], Annotated[str, StringConstraints(pattern=_SHA)]]
    revisions: list[_Revision]

    @field_validator("effective_date")
    @classmethod
    def _real_date(cls, value: str) -> str:
        dt.date.fromisoformat(value)  # 2026-02-30 is no date
        return value


class _Manifest(_Strict):
    schema_: Literal["sskit-manifest/1"] = Field(alias="schema")
    generator: str
    company: str
    base_version: Annotated[str, StringConstraints(pattern=_VERSION)]
    inputs_sha256: Annotated[str, StringConstraints(pattern=r"^([0-9a-f]{64})?$")] = ""
    profile: dict
    documents: list[_Document]


def _describe(error: dict) -> str:
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


def parse_manifest(raw: bytes, where: str) -> Manifest:
    """The manifest, validated against its documented shape (module docstring): any violation
    is an output error naming the field, before anything is written."""
    def bad(reason: str) -> SskitError:
        return SskitError([Diagnostic(where, 0, 0, f"corrupted manifest: {reason}; nothing was written",
                                      hint=f"restore {MANIFEST_NAME} from a backup, or move it away to rebuild "
                                           "from scratch (existing files are then treated as unknown)")],
                          ExitCode.OUTPUT)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise bad(f"not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise bad(f"schema is not {SCHEMA}")
    try:
        checked = _Manifest.model_validate(data)
    except ValidationError as exc:
        raise bad(_describe(exc.errors()[0])) from None
    documents = {}
    for entry in checked.documents:
        if entry.key in documents:
            raise bad(f"document '{entry.key}' is listed twice")
        documents[entry.key] = DocumentRecord(
            entry.key, entry.number, entry.title, entry.version, entry.effective_date, entry.content_sha256,
            dict(entry.files), [r.model_dump() for r in entry.revisions])
    return Manifest(checked.company, checked.base_version, checked.profile, documents, checked.inputs_sha256)


def read_manifest(out: Path) -> Optional[Manifest]:
    """The manifest in OUT, None when there is none (a first build)."""
    path = Path(out) / MANIFEST_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SskitError([Diagnostic(str(path), 0, 0, f"cannot read the manifest: {exc.strerror or exc}")],
                         ExitCode.OUTPUT) from None
    return parse_manifest(raw, str(path))


def inputs_digest(parts) -> str:
    """One hash over everything a build depends on (given as (name, bytes) pairs)."""
    h = hashlib.sha256(f"sskit {__version__}".encode())
    for name, data in parts:
        h.update(len(name).to_bytes(4, "big") + name.encode("utf-8"))
        h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()
