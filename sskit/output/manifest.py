"""The build manifest, OUT/sskit-manifest.json (schema `sskit-manifest/2`).

It records what sskit wrote, so a later build can tell a real change from an
unchanged document and a hand-edited file from its own output:

{
  "schema": "sskit-manifest/2",
  "generator": "sskit 0.1.0",
  "company": "<legal name>",
  "base_version": "A/0",              # document_control.version at the last build
  "inputs_sha256": "<sha256>",        # profile, templates, catalogue, sskit's code, options: equal means nothing to do
  "documents": [{
      "key": "manual", "number": "HX/SS-SC-01", "title": "售后服务手册",
      "version": "A/1", "effective_date": "2026-03-01",
      "content_sha256": "<sha256 of the rendered Markdown and metadata>",
      "files": {"002-HX-SS-SC-01-售后服务手册.docx": "<sha256 of the file>"},
      "revisions": [{"version": "A/0", "date": "2026-01-01", "summary": "首次发布", "author": "..."}]
  }],
  "withdrawn": [{                     # documents that stopped applying (作废), kept in OUT/作废/
      "key": "proc-installation", "number": "...", "title": "...", "version": "A/0",
      "date": "2026-05-01", "files": {"作废/007-…-A0.docx": "<sha256>"},
      "revisions": [...]              # its 修订记录, to go on from if it applies again
  }],
  "support": {                        # files sskit keeps beside the set: name -> sha256
      "sskit-content.json.gz": "...",  # the profile and every document's Markdown (what the next build diffs)
      "修订对照/002-....redline.docx": "...", "修订对照/变更记录.md": "..."
  }
}
Keys are sorted and nothing depends on the wall clock. A `sskit-manifest/1` manifest (the
profile snapshot inline, no withdrawn or support entries) is still read.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from sskit import __version__
from sskit.diagnostics import Diagnostic, ExitCode, SskitError
from sskit.output.files import MANIFEST_NAME
from sskit.output.manifest_forms import FILE_NAME, SHA256

SCHEMA = "sskit-manifest/2"
OLD_SCHEMAS = ("sskit-manifest/1",)


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
class Withdrawal:
    """A document that stopped applying: its files moved to OUT/作废/ on `date`."""
    key: str
    number: str
    title: str
    version: str  # the version that was withdrawn
    date: str
    files: dict[str, str] = field(default_factory=dict)
    revisions: list[dict] = field(default_factory=list)  # its 修订记录 when withdrawn (to go on from)

    def to_json(self) -> dict:
        return {"key": self.key, "number": self.number, "title": self.title, "version": self.version,
                "date": self.date, "files": dict(sorted(self.files.items())), "revisions": self.revisions}


@dataclass
class Manifest:
    company: str
    base_version: str
    profile: Optional[dict] = None  # only in a sskit-manifest/1 file: now in the content store
    documents: dict[str, DocumentRecord] = field(default_factory=dict)
    inputs_sha256: str = ""
    withdrawn: list[Withdrawal] = field(default_factory=list)
    support: dict[str, str] = field(default_factory=dict)

    def file_hashes(self) -> dict[str, str]:
        """Every file the manifest vouches for: name -> sha256."""
        found = {name: digest for record in self.documents.values() for name, digest in record.files.items()}
        found.update((name, digest) for w in self.withdrawn for name, digest in w.files.items())
        found.update(self.support)
        return found

    def to_bytes(self) -> bytes:
        data = {
            "schema": SCHEMA,
            "generator": f"sskit {__version__}",
            "company": self.company,
            "base_version": self.base_version,
            "inputs_sha256": self.inputs_sha256,
            "documents": [self.documents[k].to_json() for k in self.documents],
            "withdrawn": [w.to_json() for w in self.withdrawn],
            "support": dict(sorted(self.support.items())),
        }
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


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
    if not isinstance(data, dict) or data.get("schema") not in (SCHEMA, *OLD_SCHEMAS):
        raise bad(f"schema is not {SCHEMA}")
    from pydantic import ValidationError

    from sskit.output.manifest_schema import ManifestFile, describe  # pydantic: only when a manifest is read

    try:
        checked = ManifestFile.model_validate(data)
    except ValidationError as exc:
        raise bad(describe(exc.errors()[0])) from None
    documents = {}
    for entry in checked.documents:
        if entry.key in documents:
            raise bad(f"document '{entry.key}' is listed twice")
        documents[entry.key] = DocumentRecord(
            entry.key, entry.number, entry.title, entry.version, entry.effective_date, entry.content_sha256,
            dict(entry.files), [r.model_dump() for r in entry.revisions])
    withdrawn = [Withdrawal(w.key, w.number, w.title, w.version, w.date, dict(w.files),
                            [r.model_dump() for r in w.revisions]) for w in checked.withdrawn]
    return Manifest(checked.company, checked.base_version, checked.profile, documents, checked.inputs_sha256,
                    withdrawn, dict(checked.support))


@dataclass(frozen=True)
class Standing:
    """What the no-change check needs of a manifest: its documents' keys and the files it vouches for."""
    documents: tuple[str, ...]
    files: dict[str, str]


def standing_files(data) -> Optional[Standing]:
    """The keys and files (name -> sha256) of a current-schema manifest's JSON, read without
    validating the rest; None when anything of that is not as documented (the build then reads
    the manifest in full and reports what is wrong)."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        return None
    documents, withdrawn, support = data.get("documents"), data.get("withdrawn", []), data.get("support", {})
    if not (isinstance(documents, list) and isinstance(withdrawn, list) and isinstance(support, dict)):
        return None
    keys: list[str] = []
    groups = [support]
    for entry in documents + withdrawn:
        if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
            return None
        groups.append(entry.get("files"))
    for entry in documents:
        keys.append(entry["key"])
    files: dict[str, str] = {}
    for group in groups:
        if not isinstance(group, dict):
            return None
        for name, digest in group.items():
            if not (isinstance(digest, str) and FILE_NAME.match(name) and SHA256.match(digest)):
                return None
            files[name] = digest
    return Standing(tuple(keys), files)


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
