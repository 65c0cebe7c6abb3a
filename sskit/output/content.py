"""What the next build needs from this one, kept in OUT: the profile as validated and
every document's Markdown, as one gzip'd JSON file (`sskit-content.json.gz`).

The next build diffs the profile against it (the 修订记录 rows, `sskit status`) and
writes each changed document's redline from the Markdown. The manifest vouches for the
file by its hash; a missing, edited or unreadable store only costs the summaries and
redlines of the next build (they fall back to a general sentence), never a wrong one.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

CONTENT_NAME = "sskit-content.json.gz"
SCHEMA = "sskit-content/1"


@dataclass(frozen=True)
class Content:
    profile: Optional[dict]  # the profile's model_dump(mode="json")
    documents: dict = field(default_factory=dict)  # key -> Markdown


def pack_content(profile: dict, documents: dict[str, str]) -> bytes:
    """Deterministic bytes: sorted keys, gzip without a time stamp or file name."""
    data = {"schema": SCHEMA, "profile": profile, "documents": dict(sorted(documents.items()))}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)


def read_content(out: Path, recorded: Optional[str]) -> Optional[Content]:
    """The store in OUT when it still holds the bytes the manifest recorded (`recorded`)."""
    if not recorded:
        return None
    try:
        raw = (Path(out) / CONTENT_NAME).read_bytes()
        if hashlib.sha256(raw).hexdigest() != recorded:
            return None
        data = json.loads(gzip.decompress(raw).decode("utf-8"))
    except (OSError, EOFError, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        return None
    docs = data.get("documents")
    profile = data.get("profile")
    if not isinstance(docs, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in docs.items()):
        return None
    return Content(profile if isinstance(profile, dict) else None, docs)
