"""Plan a (re)build against the manifest of the previous one.

Pure: it renders through the TemplateSet and returns the documents to write,
each document's status and the new manifest; it writes nothing.

1. Render the content of every document with the version it has now.
2. A document whose content hash differs from the manifest (or that is new)
   changes: its version is bumped and a 修订记录 row summarises what changed in
   the profile (from `profile_diff`), for the changes it mentions.
3. The documents about the set (文件清单 lists versions) are rendered again
   with the new versions and compared in turn.
4. Only new and changed documents are rendered to files.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from pydantic import ValidationError

from sskit.pipeline import DocState, RenderedDocument, render_document_set
from sskit.markup import Revision
from sskit.output.manifest import DocumentRecord, Manifest, content_hash, sha256
from sskit.profile.model import Profile
from sskit.regen.diff import Change, affects, profile_diff
from sskit.diagnostics import Diagnostic, ExitCode, SskitError
from sskit.regen.versions import VersionExhausted, bump, first_issue_summary
from sskit.render import TemplateSet
from sskit.standard import ClauseCatalogue

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"


@dataclass
class BuildPlan:
    documents: list[RenderedDocument]
    statuses: dict[str, str]  # key -> new | changed | unchanged
    manifest: Manifest
    changes: list[Change] = field(default_factory=list)
    summaries: dict[str, str] = field(default_factory=dict)  # key -> 修订记录 summary of this build
    first_build: bool = True


def _hash(doc: RenderedDocument) -> str:
    return content_hash(doc.meta.number, doc.meta.title, doc.meta.effective_date, doc.markdown)


def _old_profile(manifest: Manifest) -> Optional[Profile]:
    try:
        return Profile.model_validate(manifest.profile)
    except ValidationError:
        return None  # an older model: summaries fall back to a general sentence


def _record_state(record: DocumentRecord) -> DocState:
    revisions = tuple(Revision(r["version"], r["date"], r["summary"], r["author"]) for r in record.revisions)
    return DocState(record.version, revisions[-1].date if revisions else record.effective_date,
                    record.effective_date, revisions)


def _summary(doc: RenderedDocument, changes: list[Change], reissue: Optional[str]) -> str:
    if doc.spec.group == "index":
        return f"全套文件换版为{reissue}" if reissue else "更新受控文件的版本和实施日期"
    texts = [c.text for c in changes if affects(c, "", doc.markdown) or c.kind == "removed"]
    if reissue:
        texts.insert(0, f"全套文件换版为{reissue}")
    if not texts:
        texts = ["依据企业档案和文件模板的更新修订相关内容"]
    unique = list(dict.fromkeys(texts))
    return "；".join(unique)


def plan_build(profile: Profile, catalogue: ClauseCatalogue, templates: TemplateSet, check,
               manifest: Optional[Manifest], formats: tuple[str, ...], *, major: bool = False,
               date: Optional[str] = None, progress: Optional[Callable[[str], None]] = None,
               with_files: bool = True, refresh: frozenset = frozenset(), inputs: str = "") -> BuildPlan:
    """`refresh`: keys of unchanged documents whose files must be written again
    (a file missing from OUT, or a format not written before). `inputs`: the
    digest of everything the build reads; equal to the manifest's, and with
    nothing to refresh, there is nothing to render at all."""
    dc = profile.document_control
    if manifest is None:  # a first build: one pass, every document new
        docs = render_document_set(profile, catalogue, templates, formats if with_files else (), progress, check)
        statuses = {d.spec.key: NEW for d in docs}
        return BuildPlan(docs, statuses, _manifest(profile, docs, statuses, {}, inputs), first_build=True)
    if inputs and inputs == manifest.inputs_sha256 and not refresh:
        return BuildPlan([], {key: UNCHANGED for key in manifest.documents}, manifest, first_build=False)

    revision_date = date or dc.effective_date.isoformat()
    reissue = dc.version if dc.version != manifest.base_version else None
    old_profile = _old_profile(manifest)
    changes = profile_diff(old_profile, profile) if old_profile else []
    states = {key: _record_state(rec) for key, rec in manifest.documents.items()}

    # 1. content as it is now, with each document's current version
    pass1 = render_document_set(profile, catalogue, templates, (), None, check, states=states, parse_all=False)
    statuses: dict[str, str] = {}
    new_states: dict[str, DocState] = dict(states)
    summaries: dict[str, str] = {}

    def decide(doc: RenderedDocument) -> None:
        key = doc.spec.key
        record = manifest.documents.get(key)
        if record is None:
            statuses[key] = NEW
            new_states[key] = DocState(dc.version, revision_date, revision_date,
                                       (Revision(dc.version, revision_date, first_issue_summary(dc.version),
                                                 dc.drafted_by),))
        elif reissue or _hash(doc) != record.content_sha256:
            statuses[key] = CHANGED
            state = states[key]
            try:
                version = reissue or bump(state.version, major)
            except VersionExhausted:
                raise SskitError([Diagnostic(
                    "document_control.version", 0, 0,
                    f"{doc.meta.number} is at version {state.version}, which has no next version",
                    hint="re-issue the set: set document_control.version to A/0 (a new edition) in the profile")],
                    ExitCode.INVALID) from None
            summaries[key] = _summary(doc, changes, reissue)
            revisions = state.revisions or (Revision(state.version, state.issue_date,
                                                     first_issue_summary(state.version), dc.drafted_by),)
            new_states[key] = DocState(version, revision_date, revision_date,
                                       revisions + (Revision(version, revision_date, summaries[key], dc.drafted_by),))
        else:
            statuses[key] = UNCHANGED

    for doc in pass1:
        if doc.spec.late_view is None:
            decide(doc)
    # 3. the documents about the set, with the new versions of the others
    settled = {d.spec.key: d for d in pass1 if d.spec.late_view is None}
    pass2 = render_document_set(profile, catalogue, templates, (), None, check, states=new_states, reuse=settled,
                                parse_all=False)
    for doc in pass2:
        if doc.spec.late_view is not None:
            decide(doc)
    # 4. files for what is new or changed; everything else stays as issued
    to_write = {k for k, s in statuses.items() if s != UNCHANGED} | (set(refresh) & set(statuses))
    keep = {d.spec.key: d for d in pass1 if d.spec.key not in to_write and d.spec.late_view is None}
    keep.update({d.spec.key: d for d in pass2 if d.spec.key not in to_write and d.spec.late_view is not None})
    final = render_document_set(profile, catalogue, templates, formats if with_files else (), progress, check,
                                states=new_states, reuse=keep, files_for=to_write, parse_all=False)
    return BuildPlan(final, statuses, _manifest(profile, final, statuses, manifest.documents, inputs),
                     changes, summaries, first_build=False)


def _manifest(profile: Profile, docs: list[RenderedDocument], statuses: dict[str, str],
              previous: dict[str, DocumentRecord], inputs: str) -> Manifest:
    records: dict[str, DocumentRecord] = {}
    for doc in docs:
        key = doc.spec.key
        if statuses[key] == UNCHANGED:
            records[key] = previous[key]
            if doc.files:  # rewritten unchanged (refresh): same content, files recorded anew
                records[key] = DocumentRecord(**{**previous[key].__dict__,
                                                 "files": {**previous[key].files,
                                                           **{n: sha256(d) for n, d in doc.files.items()}}})
            continue
        meta = doc.meta
        revisions = [{"version": r.version, "date": r.date, "summary": r.summary, "author": r.author}
                     for r in meta.revisions] or [
            {"version": meta.version, "date": meta.issue_date, "summary": first_issue_summary(meta.version),
             "author": meta.drafted_by}]
        files = {name: sha256(data) for name, data in doc.files.items()}
        if statuses[key] == CHANGED and not files:
            files = dict(previous[key].files)
        records[key] = DocumentRecord(key, meta.number, meta.title, meta.version, meta.effective_date,
                                      _hash(doc), files, revisions)
    return Manifest(profile.company.name, profile.document_control.version,
                    profile.model_dump(mode="json"), records, inputs)

