"""`sskit status` and `sskit diff`: what a rebuild would do, and what changed.

Both read only; neither writes a file.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from sskit.build import check_profile, render_document_set, template_set_for
from sskit.output.manifest import read_manifest
from sskit.output.writer import JOURNAL, edited_files
from sskit.profile import read_profile
from sskit.regen.diff import affects, profile_diff
from sskit.regen.plan import plan_build
from sskit.render import TemplateSet
from sskit.standard import load_catalogue


def build_status(profile_path: Path, out: Path, formats: tuple[str, ...], template_dir: Optional[Path],
                 standard_file: Optional[Path], major: bool = False) -> dict:
    profile, catalogue, check = check_profile(profile_path, standard_file)
    manifest = read_manifest(out)
    templates = template_set_for(profile_path, template_dir)
    plan = plan_build(profile, catalogue, templates, check, manifest, formats, major=major, with_files=False)
    documents = []
    for doc in plan.documents:
        key = doc.spec.key
        record = manifest.documents.get(key) if manifest else None
        documents.append({
            "key": key, "number": doc.meta.number, "title": doc.meta.title, "status": plan.statuses[key],
            "version": record.version if record else doc.meta.version, "new_version": doc.meta.version,
            "summary": plan.summaries.get(key, ""),
        })
    would_write = {name for key, rec in (manifest.documents.items() if manifest else ())
                   if plan.statuses.get(key) == "changed" for name in rec.files}
    edited = edited_files(out, would_write, manifest.file_hashes()) if manifest else []
    all_edited = edited_files(out, manifest.file_hashes(), manifest.file_hashes()) if manifest else []
    counts = {s: sum(1 for d in documents if d["status"] == s) for s in ("new", "changed", "unchanged")}
    return {
        "schema": "sskit-status/1",
        "out": str(out),
        "first_build": manifest is None,
        "interrupted": (Path(out) / JOURNAL).exists(),
        "documents": documents,
        "edited": all_edited,
        "blocking": edited,
        "changes": [c.to_json() for c in plan.changes],
        "summary": {**counts, "edited": len(all_edited), "blocking": len(edited)},
    }


def profile_changes(old_path: Path, new_path: Path) -> list[dict]:
    """Changes from OLD to NEW, each with the titles of the documents it touches."""
    old, new = read_profile(old_path), read_profile(new_path)
    catalogue = load_catalogue()
    templates = TemplateSet()
    before = {d.spec.key: d for d in render_document_set(old, catalogue, templates, ())}
    after = {d.spec.key: d for d in render_document_set(new, catalogue, templates, ())}
    out = []
    for change in profile_diff(old, new):
        touched = []
        for key in list(after) + [k for k in before if k not in after]:
            doc = after.get(key) or before[key]
            old_md = before[key].markdown if key in before else ""
            new_md = after[key].markdown if key in after else ""
            if old_md != new_md and affects(change, old_md, new_md):
                touched.append(f"{doc.meta.number} {doc.meta.title}")
        out.append({**change.to_json(), "documents": touched})
    return out
