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

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

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


def parse_manifest(raw: bytes, where: str) -> Manifest:
    def bad(reason: str) -> SskitError:
        return SskitError([Diagnostic(where, 0, 0, f"corrupted manifest: {reason}; nothing was written",
                                      hint=f"restore {MANIFEST_NAME} from a backup, or move it away to rebuild "
                                           "from scratch (existing files are then treated as unknown)")],
                          ExitCode.OUTPUT)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise bad(f"not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise bad(f"schema is not {SCHEMA}")
    try:
        documents = {}
        for entry in data["documents"]:
            record = DocumentRecord(
                key=str(entry["key"]), number=str(entry["number"]), title=str(entry["title"]),
                version=str(entry["version"]), effective_date=str(entry["effective_date"]),
                content_sha256=str(entry["content_sha256"]),
                files={str(k): str(v) for k, v in dict(entry["files"]).items()},
                revisions=[{k: str(r[k]) for k in ("version", "date", "summary", "author")}
                           for r in entry["revisions"]])
            documents[record.key] = record
        return Manifest(str(data["company"]), str(data["base_version"]), dict(data["profile"]), documents,
                        str(data.get("inputs_sha256", "")))
    except (KeyError, TypeError, ValueError) as exc:
        raise bad(f"missing or malformed entry ({exc})") from None


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
