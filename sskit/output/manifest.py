"""The build manifest (OUT/sskit-manifest.json): what sskit wrote, with hashes.

Stable, documented schema `sskit-manifest/1`; keys sorted, no wall-clock time.
"""
from __future__ import annotations

import hashlib
import json

from sskit import __version__

MANIFEST_NAME = "sskit-manifest.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_bytes(profile, docs) -> bytes:
    entries = []
    for doc in docs:
        meta = doc.meta
        semantic = json.dumps({"number": meta.number, "title": meta.title, "markdown": doc.markdown},
                              ensure_ascii=False, sort_keys=True).encode("utf-8")
        entries.append({
            "key": doc.spec.key,
            "number": meta.number,
            "title": meta.title,
            "version": meta.version,
            "effective_date": meta.effective_date,
            "content_sha256": sha256(semantic),
            "files": {name: sha256(data) for name, data in sorted(doc.files.items())},
            "revisions": [{"version": r.version, "date": r.date, "summary": r.summary, "author": r.author}
                          for r in meta.revisions],
        })
    manifest = {
        "schema": "sskit-manifest/1",
        "generator": f"sskit {__version__}",
        "company": profile.company.name,
        "documents": entries,
    }
    return (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
