"""`sskit status` and `sskit diff`: what a rebuild would do, and what changed.

Both read only; neither writes a file.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from sskit.build import check_profile, render_document_set, template_set_for
from sskit.output.content import CONTENT_NAME, read_content
from sskit.output.manifest import read_manifest
from sskit.output.writer import JOURNAL, edited_files
from sskit.regen.attribution import attribute
from sskit.regen.diff import affects, profile_diff
from sskit.regen.quick import renderer_digest
from sskit.regen.plan import CHANGE_LOG, plan_build, redline_name, redlined, writes_change_log
from sskit.render import TemplateSet


def build_status(profile_path: Path, out: Path, formats: tuple[str, ...], template_dir: Optional[Path],
                 standard_file: Optional[Path], major: bool = False) -> dict:
    """What `sskit build` would do in OUT, decided by the build's own planning: the same
    statuses, the same 修订记录 summaries, and hand-edited files split as the build treats them
    (`blocking`: the build must rewrite them and stops; `kept`: it leaves them as they are and warns)."""
    profile, catalogue, check = check_profile(profile_path, standard_file)
    manifest = read_manifest(out)
    content = read_content(out, manifest.support.get(CONTENT_NAME)) if manifest else None
    templates = template_set_for(profile_path, template_dir)
    plan = plan_build(profile, catalogue, templates, check, manifest, formats, major=major, with_files=False,
                      content=content, renderer=renderer_digest(profile_path, template_dir, standard_file))
    documents = []
    for doc in plan.documents:
        key = doc.spec.key
        record = manifest.documents.get(key) if manifest else None
        documents.append({
            "key": key, "number": doc.meta.number, "title": doc.meta.title, "status": plan.statuses[key],
            "version": record.version if record else doc.meta.version, "new_version": doc.meta.version,
            "summary": plan.summaries.get(key, ""),
        })
    known = manifest.file_hashes() if manifest else {}
    kept_text = set(content.documents) if content is not None else set()
    would_write = _would_write(plan, manifest, formats, kept_text) if manifest else set()
    all_edited = edited_files(out, known, known) if manifest else []
    # what the build would have to overwrite although sskit did not write it as it is now: an edited
    # file of a revised document, redline or change log, or somebody's file where a new one goes
    blocking = edited_files(out, would_write, known)
    kept = [name for name in all_edited if name not in would_write]
    withdrawn = [{"key": w.key, "number": w.number, "title": w.title, "version": w.version,
                  "files": sorted(plan.sources[t] for t in w.files)} for w in plan.withdrawn]
    counts = {s: sum(1 for d in documents if d["status"] == s) for s in ("new", "changed", "unchanged")}
    return {
        "schema": "sskit-status/1",
        "out": str(out),
        "first_build": manifest is None,
        "interrupted": (Path(out) / JOURNAL).exists(),
        "documents": documents,
        "withdrawn": withdrawn,
        "edited": all_edited,
        "blocking": blocking,
        "kept": kept,
        "changes": [c.to_json() for c in plan.changes],
        "notes": list(plan.notes),
        "summary": {**counts, "withdrawn": len(withdrawn), "edited": len(all_edited), "blocking": len(blocking),
                    "kept": len(kept)},
    }


def _would_write(plan, manifest, formats: tuple[str, ...], kept_text: set) -> set[str]:
    """The names a build would write: the files of new and changed documents, their redlines and
    the change log (decided as the build decides them)."""
    names: set[str] = set()
    for doc in plan.documents:
        if plan.statuses.get(doc.spec.key) == "unchanged":
            continue
        record = manifest.documents.get(doc.spec.key)
        names |= set(record.files) if record else set()
        names |= {f"{doc.stem}.{fmt}" for fmt in formats if fmt != "xlsx"}
        if redlined(doc.spec.key, plan.statuses, kept_text, formats):
            names.add(redline_name(doc.stem))
    if writes_change_log(plan.statuses, plan.withdrawn):
        names.add(CHANGE_LOG)
    return names


def profile_changes(old_path: Path, new_path: Path) -> list[dict]:
    """Changes from OLD to NEW, each with the documents it touches, found the way a build
    finds them (sskit.regen.attribution), so the diff names what a build would revise."""
    # checked as a build checks them: the 自评报告 and 条款对照表 read the findings
    old, catalogue, old_check = check_profile(old_path)
    new, _, new_check = check_profile(new_path)
    templates = TemplateSet()
    before = {d.spec.key: d for d in render_document_set(old, catalogue, templates, (), check=old_check,
                                                         parse_all=False)}
    after = {d.spec.key: d for d in render_document_set(new, catalogue, templates, (), check=new_check,
                                                        parse_all=False)}
    changes = profile_diff(old, new)
    late = {key for key, d in {**before, **after}.items() if d.spec.late_view is not None}
    keys = list(after) + [k for k in before if k not in after]
    changed = {key: (after[key].markdown if key in after else "") for key in keys
               if key not in late and (before[key].markdown if key in before else None) != (
                   after[key].markdown if key in after else None)}
    old_text = {key: d.markdown for key, d in before.items()}

    def render(variant, wanted: set) -> dict:
        return {d.spec.key: d.markdown for d in render_document_set(variant, catalogue, templates, (),
                                                                     parse_all=False, only=wanted)}

    touched = attribute(old.model_dump(mode="json"), new.model_dump(mode="json"), changes, changed, render,
                        old_text)
    # the documents about the set: 文件清单 lists every revised document's new version
    for key in late:
        if key in changed:
            continue
        d = after.get(key) or before[key]
        if d.spec.group == "index":
            hit = [c for c in changes if any(c in touched[k] for k in changed)] if changed else []
        else:
            was, now = old_text.get(key, ""), after[key].markdown if key in after else ""
            hit = [c for c in changes if was != now and affects(c, was, now)]
        for change in hit:
            touched.setdefault(key, []).append(change)

    def title(key: str) -> str:
        d = after.get(key) or before[key]
        return f"{d.meta.number} {d.meta.title}"

    out = []
    for change in changes:
        documents = [title(key) for key in keys if change in touched.get(key, [])]
        out.append({**change.to_json(), "documents": documents})
    return out
