"""Plan a (re)build against the manifest of the previous one.

Pure: it renders through the TemplateSet and returns the documents to write,
each document's status and the new manifest; it writes nothing.

1. Render the content of every document with the version it has now.
2. A document whose content hash differs from the manifest (or that is new)
   changes: its version is bumped and a 修订记录 row names the changes of the
   profile that touched it, found exactly (sskit.regen.attribution), and only those.
3. Documents of the previous set that no longer apply are withdrawn (作废): the
   manifest records it, the 文件清单 lists them, their files go to OUT/作废/.
4. The documents about the set (文件清单 lists versions) are rendered again
   with the new versions and compared in turn.
5. Only new and changed documents are rendered to files; each changed one also
   gets a redline against its previous text (修订对照/NAME.redline.docx), and the
   build's changes go to 修订对照/变更记录.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Callable, Optional

from pydantic import BaseModel, ValidationError

from sskit.documents import applicable_specs
from sskit.facts import derive_facts
from sskit.pipeline import (
    NO_ASSETS, Assets, DocState, RenderedDocument, document_meta, render_document_set, restamp, shared_context,
)
from sskit.markup import Revision
from sskit.output.content import CONTENT_NAME, Content, pack_content
from sskit.regen.reuse import reusable
from sskit.output.files import REDLINE_DIR, WITHDRAWN_DIR
from sskit.output.manifest import DocumentRecord, Manifest, Withdrawal, content_hash, sha256
from sskit.phrasing import date_text
from sskit.profile.model import Profile
from sskit.regen.attribution import attribute, summary
from sskit.regen.diff import Change, Id, affects, dotted, profile_diff
from sskit.diagnostics import Diagnostic, ExitCode, SskitError
from sskit.regen.versions import VersionExhausted, bump, first_issue_summary
from sskit.render import TemplateSet
from sskit.standard import ClauseCatalogue

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
CHANGE_LOG = f"{REDLINE_DIR}/变更记录.md"
GENERAL = "依据企业档案和文件模板的更新修订相关内容"


@dataclass
class BuildPlan:
    documents: list[RenderedDocument]
    statuses: dict[str, str]  # key -> new | changed | unchanged
    manifest: Manifest
    changes: list[Change] = field(default_factory=list)
    summaries: dict[str, str] = field(default_factory=dict)  # key -> 修订记录 summary of this build
    first_build: bool = True
    touched: dict[str, list] = field(default_factory=dict)  # key -> the changes that touched it
    withdrawn: list[Withdrawal] = field(default_factory=list)  # withdrawn by this build
    support: dict[str, bytes] = field(default_factory=dict)  # content store, redlines, change log
    notes: list[str] = field(default_factory=list)  # what a 文控 should check before release (warnings)
    sources: dict[str, str] = field(default_factory=dict)  # 作废/ place -> the withdrawn file now in OUT


def _hash(doc: RenderedDocument) -> str:
    return content_hash(doc.meta.number, doc.meta.title, doc.meta.effective_date, doc.markdown)


def _old_profile(data: Optional[dict], profile: Optional[Profile] = None,
                 dump: Optional[dict] = None) -> Optional[Profile]:
    """The previous build's profile (`data`, its model_dump) validated again; None when it no
    longer validates. `profile` and `dump`: this build's profile and its model_dump, whose
    entries stand in for the previous profile's equal ones (see _entries_from)."""
    if data is None:
        return None
    if profile is not None and dump is not None:
        data = _entries_from(data, profile, dump)
    try:
        return Profile.model_validate(data)
    except ValidationError:
        return None  # an older model: summaries fall back to a general sentence


def _entries_from(data: dict, profile: Profile, dump: dict) -> dict:
    """`data` with each entry of a top-level list (an outlet, a department …) that equals this
    build's entry at the same place replaced by that entry as this build validated it.
    Validating a model's dump gives the model again, and pydantic takes a model instance as it
    is, so the result validates to the same profile without validating 5,000 outlets again;
    the profile itself is still validated, with its cross-checks."""
    out = dict(data)
    for key, entries in data.items():
        now, models = dump.get(key), getattr(profile, key, None)
        if not (isinstance(entries, list) and isinstance(now, list) and isinstance(models, list)
                and len(models) == len(now)):
            continue
        out[key] = [models[i] if i < len(now) and entry == now[i] and isinstance(models[i], BaseModel) else entry
                    for i, entry in enumerate(entries)]
    return out


def _revisions(rows: list[dict]) -> tuple[Revision, ...]:
    """修订记录 rows as the manifest keeps them -> Revision."""
    return tuple(Revision(r["version"], r["date"], r["summary"], r["author"]) for r in rows)


def _record_state(record: DocumentRecord) -> DocState:
    revisions = _revisions(record.revisions)
    return DocState(record.version, revisions[-1].date if revisions else record.effective_date,
                    record.effective_date, revisions)


def plan_build(profile: Profile, catalogue: ClauseCatalogue, templates: TemplateSet, check,
               manifest: Optional[Manifest], formats: tuple[str, ...], *, major: bool = False,
               date: Optional[str] = None, progress: Optional[Callable[[str], None]] = None,
               with_files: bool = True, refresh: frozenset = frozenset(), inputs: str = "",
               content: Optional[Content] = None,
               convert: Optional[Callable[[dict[str, bytes]], dict[str, bytes]]] = None,
               renderer: str = "", assets: Assets = NO_ASSETS, jobs: int = 1) -> BuildPlan:
    """`refresh`: keys of unchanged documents whose files must be written again
    (a file missing from OUT, or a format not written before). `inputs`: the
    digest of everything the build reads; equal to the manifest's, and with
    nothing to refresh, there is nothing to render at all. `content`: what the previous
    build kept in OUT (its profile and Markdown), None when it is missing or unreadable.
    `convert`: the PDF converter ({name.pdf: docx bytes} -> {name.pdf: pdf bytes}), called
    once with every document whose files this build writes when "pdf" is among `formats`.
    `renderer`: the digest of sskit's code, the templates and the catalogue; with the previous
    build's, a document that looks up only unchanged values is not rendered again (regen.reuse).
    `assets`: the logo and reference document of the Word files. `jobs`: the processes that
    render and write the documents whose files this build writes (pipeline.render_document_set)."""
    wanted = formats
    if "pdf" in formats:  # a PDF is made from the Word file; without "docx" that file is not kept
        formats = tuple(dict.fromkeys((*formats, "docx")))
    dc = profile.document_control
    dump = profile.model_dump(mode="json")
    if manifest is None:  # a first build: one pass, every document new
        docs = render_document_set(profile, catalogue, templates, formats if with_files else (), progress, check,
                                   assets=assets, jobs=jobs)
        statuses = {d.spec.key: NEW for d in docs}
        support = _content_file(dump, docs, renderer, assets.digest) if with_files else {}
        _add_pdfs(docs, wanted, convert)
        return BuildPlan(docs, statuses, _manifest(profile, docs, statuses, {}, inputs, [], support, {}),
                         first_build=True, support=support)
    if inputs and inputs == manifest.inputs_sha256 and not refresh:
        return BuildPlan([], {key: UNCHANGED for key in manifest.documents}, manifest, first_build=False)
    if with_files and (content.assets if content is not None else "") != assets.digest:
        # another logo or reference document: every Word file is written again (its text, and so
        # its version, stays)
        refresh = frozenset(refresh) | frozenset(manifest.documents)

    revision_date = date or dc.effective_date.isoformat()
    reissue = dc.version if dc.version != manifest.base_version else None
    old_dump = content.profile if content is not None and content.profile is not None else manifest.profile
    old_profile = _old_profile(old_dump, profile, dump)
    changes = profile_diff(old_profile, profile, dump) if old_profile else []
    old_text = dict(content.documents) if content is not None else {}
    states = {key: _record_state(rec) for key, rec in manifest.documents.items()}

    # 1. content as it is now, with each document's current version
    # (the documents about the set are rendered in step 4, once the others' versions are known)
    specs = applicable_specs(profile)
    applicable = {s.key for s in specs}
    # a document that applies again goes on from the version it was withdrawn at
    returning = {w.key: w for w in manifest.withdrawn if w.key in applicable and w.key not in manifest.documents}
    for key, w in returning.items():
        states[key] = DocState(w.version, w.date, w.date, _revisions(w.revisions))
    facts = getattr(check, "facts", None) or derive_facts(profile, catalogue)
    base = shared_context(profile, catalogue, facts, specs)  # one for the three passes
    kept = reusable(profile, old_profile, catalogue, facts, base, specs, states, content, renderer) \
        if old_profile is not None else {}
    pass1 = render_document_set(profile, catalogue, templates, (), None, check, states=states, parse_all=False,
                                only={s.key for s in specs if s.late_view is None}, facts=facts, base=base,
                                reuse=kept)
    # a withdrawn file keeps its name with the withdrawn version added (007-…-A1.docx), so the
    # 作废 folder can hold every version a document was withdrawn at
    sources: dict[str, str] = {}
    withdrawn = []
    for key, rec in manifest.documents.items():
        if key in applicable:
            continue
        files = {}
        for name, digest in rec.files.items():
            path = PurePosixPath(name)
            target = f"{WITHDRAWN_DIR}/{path.stem}-{rec.version.replace('/', '')}{path.suffix}"
            files[target] = digest
            sources[target] = name
        withdrawn.append(Withdrawal(key, rec.number, rec.title, rec.version, revision_date, files,
                                    list(rec.revisions)))
    history = list(manifest.withdrawn) + withdrawn
    statuses: dict[str, str] = {}
    new_states: dict[str, DocState] = dict(states)
    summaries: dict[str, str] = {}
    touched: dict[str, list] = {}

    def bumped(key: str, number: str) -> str:
        try:
            return reissue or bump(states[key].version, major)
        except VersionExhausted:
            raise SskitError([Diagnostic(
                "document_control.version", 0, 0,
                f"{number} is at version {states[key].version}, which has no next version",
                hint="re-issue the set: set document_control.version to A/0 (a new edition) in the profile")],
                ExitCode.INVALID) from None

    def settle(doc: RenderedDocument, text: str) -> None:
        key = doc.spec.key
        state = states[key]
        version = bumped(key, doc.meta.number)
        summaries[key] = text
        # the 修订人 is the document's drafter: CX-11 has the drafting department revise it
        author = doc.meta.drafted_by
        revisions = state.revisions or (Revision(state.version, state.issue_date,
                                                 first_issue_summary(state.version), author),)
        new_states[key] = DocState(version, revision_date, revision_date,
                                   revisions + (Revision(version, revision_date, text, author),))

    def status_of(doc: RenderedDocument) -> str:
        key = doc.spec.key
        record = manifest.documents.get(key)
        if key in returning:
            return CHANGED
        if record is None:
            new_states[key] = DocState(dc.version, revision_date, revision_date,
                                       (Revision(dc.version, revision_date, first_issue_summary(dc.version),
                                                 doc.meta.drafted_by),))
            return NEW
        return CHANGED if reissue or _hash(doc) != record.content_sha256 else UNCHANGED

    for doc in pass1:  # (pass 1 holds no document about the set)
        statuses[doc.spec.key] = status_of(doc)
    # 2. which change touched which of the changed documents
    changed = {d.spec.key: d.markdown for d in pass1 if statuses[d.spec.key] == CHANGED}

    def render(variant: Profile, keys: set) -> dict[str, str]:
        # no check result: its facts are the new profile's, the variant's must be derived afresh
        docs = render_document_set(variant, catalogue, templates, (), None, None, states=states,
                                   parse_all=False, only=keys)
        return {d.spec.key: d.markdown for d in docs}

    if changes and changed:
        touched = attribute(old_dump, dump, changes, changed, render, old_text)
    refs = {"outlet": f"《{d.spec.title}》" for d in pass1 if d.spec.key == "outlet-list"}
    for doc in pass1:
        if doc.spec.key in changed:
            texts = summary(touched.get(doc.spec.key, []), refs)
            head = [f"全套文件换版为{reissue}"] if reissue else []
            if doc.spec.key in returning:
                w = returning[doc.spec.key]
                head.append(f"重新适用，恢复发布（{w.version}版于{date_text(w.date)}作废）")
            settle(doc, "；".join(head + (texts or ([] if reissue else [GENERAL]))))
    # 4. the documents about the set, with the new versions of the others
    settled = {d.spec.key: d for d in pass1}
    pass2 = render_document_set(profile, catalogue, templates, (), None, check, states=new_states, reuse=settled,
                                parse_all=False, withdrawn=tuple(history), facts=facts, base=base)
    late_keys = {d.spec.key for d in pass2 if d.spec.late_view is not None}
    for doc in pass2:
        if doc.spec.late_view is None:
            continue
        key = doc.spec.key
        statuses[key] = status_of(doc)
        if statuses[key] == CHANGED:
            touched[key] = [c for c in changes if affects(c, old_text.get(key, ""), doc.markdown)]
            revised = sum(1 for k, st in statuses.items() if st != UNCHANGED and k != key
                          and k not in late_keys)
            settle(doc, _late_summary(doc, touched[key], reissue, withdrawn, refs, old_text.get(key, ""), revised))
    # 5. files for what is new or changed; everything else stays as issued
    # an unchanged document whose files carry another name (written by an earlier sskit that
    # numbered files by position) is written again under its own name; the old files go
    renamed = {d.spec.key for d in pass2 if d.spec.key in manifest.documents and any(
        PurePosixPath(name).stem != d.stem for name in manifest.documents[d.spec.key].files)}
    to_write = {k for k, s in statuses.items() if s != UNCHANGED} | (set(refresh) & set(statuses)) | renamed
    keep = {d.spec.key: d for d in pass2 if d.spec.key not in to_write}
    # a changed document whose template never prints its version reads as it did in pass 1:
    # its text is kept, only its metadata and files are new (rendered once, not twice)
    for doc in pass1:
        key = doc.spec.key
        if key in to_write and not templates.reads_version(doc.spec.template):
            keep[key] = restamp(doc, document_meta(profile, doc.spec, new_states[key], facts, assets),
                                formats if with_files else ())
    final = render_document_set(profile, catalogue, templates, formats if with_files else (), progress, check,
                                states=new_states, reuse=keep, files_for=to_write, parse_all=False,
                                withdrawn=tuple(history), facts=facts, base=base, assets=assets, jobs=jobs)
    support: dict[str, bytes] = {}
    notes = rename_notes(changes, dump, profile)
    if with_files:
        support.update(_content_file(dump, final, renderer, assets.digest))
        support.update(_redlines(final, statuses, old_text, formats, revision_date))
        if writes_change_log(statuses, withdrawn):
            support[CHANGE_LOG] = change_log(profile, final, statuses, touched, changes, withdrawn,
                                             revision_date, notes).encode("utf-8")
    _add_pdfs(final, wanted, convert)
    carried = _carried_support(manifest, final, statuses, support)
    plan_manifest = _manifest(profile, final, statuses, manifest.documents, inputs, history, support, carried)
    return BuildPlan(final, statuses, plan_manifest, changes, summaries, first_build=False, touched=touched,
                     withdrawn=withdrawn, support=support, notes=notes, sources=sources)


def _add_pdfs(docs: list[RenderedDocument], wanted: tuple[str, ...],
              convert: Optional[Callable[[dict[str, bytes]], dict[str, bytes]]]) -> None:
    """Each written document's PDF, converted from its Word file in one batch; the Word file
    goes again when only the PDF was asked for."""
    if "pdf" not in wanted:
        return
    sources = {f"{d.stem}.pdf": d.files[f"{d.stem}.docx"] for d in docs if f"{d.stem}.docx" in d.files}
    if not sources:  # nothing written (sskit status plans without files): nothing to convert
        return
    if convert is None:
        raise ValueError("PDF output needs a converter")
    pdfs = convert(sources)
    for doc in docs:
        name = f"{doc.stem}.pdf"
        if name in pdfs:
            doc.files[name] = pdfs[name]
            if "docx" not in wanted:
                del doc.files[f"{doc.stem}.docx"]


def rename_notes(changes: list[Change], dump: dict, profile: Profile) -> list[str]:
    """After a rename: where the profile still writes the old name (a title, a description: free
    text sskit does not rewrite), and a new department name that another department's name
    begins with (two departments a reader cannot tell apart)."""
    notes: list[str] = []
    if not any(change.kind == "renamed" for change in changes):
        return notes
    texts = _strings_with(dump, tuple(change.mentions[0] for change in changes
                                      if change.kind == "renamed" and len(change.mentions) >= 2))
    for change in changes:
        if change.kind != "renamed" or len(change.mentions) < 2:
            continue
        old, new = change.mentions[0], change.mentions[1]
        own = {path for path in change.paths}
        left = [f"{dotted(path)}（{_around(text, old)}）" for path, text in texts
                if old in text and old not in new and path not in own]
        if left:
            notes.append(f"{change.text}，但档案中仍写有原名称“{old}”：{'；'.join(left[:5])}"
                         f"{f'等{len(left)}处' if len(left) > 5 else ''}。请确认是否一并修改")
        if change.area == "department":
            similar = [d.name for d in profile.departments if d.name != new and d.name.startswith(new)]
            if similar:
                notes.append(f"部门新名称“{new}”与{'、'.join(f'“{n}”' for n in similar)}只差后缀，"
                             "文件中容易混淆，请确认是否改用可区分的名称")
    return notes


def _around(text: str, word: str, margin: int = 8) -> str:
    """The word with a few characters either side: enough to find the place."""
    at = text.index(word)
    start, end = max(0, at - margin), min(len(text), at + len(word) + margin)
    return f"{'…' if start else ''}{text[start:end]}{'…' if end < len(text) else ''}"


_LISTED = object()  # in a path being walked: the step into a list entry


def _strings_with(value, words: tuple[str, ...], path: tuple = ()) -> list[tuple[tuple, str]]:
    """(path, text) of every string in `value` that holds one of `words`, in profile order.
    Paths are made only for the strings found: a 5,000-outlet profile has 700,000 others."""
    found: list[tuple[tuple, str]] = []

    holds = re.compile("|".join(map(re.escape, words))).search if words else (lambda text: False)
    # the strings of one mapping or list are first looked at together (joined by a character
    # no word holds, so no word can be found across two of them)
    joiner = "\x00" if not any("\x00" in word for word in words) else None

    def where(chain) -> tuple:
        keys = []
        while chain is not None:
            chain, key, child = chain
            if key is _LISTED:  # a list entry: by its id, else by its place
                index, child = child
                ident = child.get("id") if isinstance(child, dict) else None
                key = Id(ident) if isinstance(ident, str) else index
            keys.append(key)
        return path + tuple(reversed(keys))

    def visit(item, chain) -> None:
        if isinstance(item, dict):
            children = item.values()
            keyed = item.items()
        elif isinstance(item, list):
            children = item
            keyed = ((_LISTED, (index, child)) for index, child in enumerate(item))
        else:
            return
        texts = [child for child in children if type(child) is str]
        if texts and (joiner is None or holds(joiner.join(texts))):
            for key, child in keyed:
                entry = child[1] if key is _LISTED else child
                if type(entry) is str:
                    if holds(entry):
                        found.append((where((chain, key, child)), entry))
                elif isinstance(entry, (dict, list)):
                    visit(entry, (chain, key, child))
            return
        if isinstance(item, dict):  # no string here holds a word: only what is nested
            for key, child in keyed:
                if isinstance(child, (dict, list)):
                    visit(child, (chain, key, child))
        else:
            for index, child in enumerate(item):
                if isinstance(child, (dict, list)):
                    visit(child, (chain, _LISTED, (index, child)))

    if isinstance(value, str):
        return [(path, value)] if holds(value) else []
    visit(value, None)
    return found


def _late_summary(doc: RenderedDocument, changes: list[Change], reissue: Optional[str],
                  withdrawn: list[Withdrawal], refs: dict, old: str, revised: int) -> str:
    """The row of a document drawn from the others (文件清单, 条款对照表, 自评报告): the changes
    its own text names, the withdrawn documents it dropped, and what it follows from the
    revised documents (`revised`: how many other documents this build revises)."""
    texts = [f"全套文件换版为{reissue}"] if reissue else []
    texts += summary(changes, refs)
    if doc.spec.group == "index":
        texts += [f"作废{w.number}《{w.title}》" for w in withdrawn]
        if not reissue and revised:
            texts.append(f"更新{revised}份修订文件的版本和实施日期")
    else:
        texts += [f"删除已作废的{w.number}《{w.title}》" for w in withdrawn
                  if w.number in old or f"《{w.title}》" in old]
        if revised and doc.spec.group == "report":
            texts.append("依据本次修订的文件和企业档案重新评价")
        elif revised:
            texts.append("依据本次修订的文件更新对照关系")
    return "；".join(texts or [GENERAL])


def _content_file(dump: dict, docs: list[RenderedDocument], renderer: str, assets: str) -> dict[str, bytes]:
    return {CONTENT_NAME: pack_content(dump, {d.spec.key: d.markdown for d in docs},
                                       {d.spec.key: d.reads for d in docs}, renderer, assets)}


def redline_name(stem: str) -> str:
    return f"{REDLINE_DIR}/{stem}.redline.docx"


def redlined(key: str, statuses: dict[str, str], previous, formats: tuple[str, ...]) -> bool:
    """Whether a build writes the document's redline: it changed, the previous build kept its
    text (`previous`: the keys whose text it kept) and Word files are wanted."""
    return "docx" in formats and statuses.get(key) == CHANGED and key in previous


def writes_change_log(statuses: dict[str, str], withdrawn) -> bool:
    return any(status == CHANGED for status in statuses.values()) or bool(withdrawn)


def _redlines(docs: list[RenderedDocument], statuses: dict[str, str], old_text: dict[str, str],
              formats: tuple[str, ...], date: str) -> dict[str, bytes]:
    """A Word redline of each changed document against its previous text (when the previous
    build kept it): the new version with the changes as tracked changes."""
    from sskit.markup import parse_markdown
    from sskit.writers.docx import write_redline

    out = {}
    for doc in docs:
        key = doc.spec.key
        if not redlined(key, statuses, old_text, formats) or not doc.files:
            continue
        blocks = doc.blocks or tuple(parse_markdown(doc.markdown))
        # marked on its cover and in every page header, so that it is never taken for the
        # controlled copy it accompanies
        meta = replace(doc.meta, title=f"{doc.meta.title}（修订对照稿）", controlled_status="非受控（修订对照稿）")
        out[redline_name(doc.stem)] = write_redline(meta, tuple(parse_markdown(old_text[key])), blocks,
                                                    author="sskit", date=date)
    return out


def _carried_support(manifest: Manifest, docs: list[RenderedDocument], statuses: dict[str, str],
                     support: dict[str, bytes]) -> dict[str, str]:
    """Support files of the previous build that still stand: the redline of a document that
    did not change again (same file name), and the last change log when this build has none."""
    names = {redline_name(d.stem) for d in docs if statuses.get(d.spec.key) == UNCHANGED}
    carried = {name: digest for name, digest in manifest.support.items()
               if name not in support and (name in names or name == CHANGE_LOG)}
    return carried


def change_log(profile: Profile, docs: list[RenderedDocument], statuses: dict[str, str],
               touched: dict[str, list], changes: list[Change], withdrawn: list[Withdrawal], date: str,
               notes: list[str] = ()) -> str:
    """修订对照/变更记录.md: every change of this build, each with the documents it touched, in
    full (the 修订记录 rows summarise them), and the documents withdrawn."""
    from sskit.markup import escape_markdown

    by_change: dict[int, list[str]] = {}
    for doc in docs:
        for change in touched.get(doc.spec.key, []):
            by_change.setdefault(id(change), []).append(f"{doc.meta.number}《{doc.meta.title}》")
    lines = [f"# {escape_markdown(profile.company.name)}售后服务体系文件变更记录", "",
             f"修订日期：{date_text(date)}。本记录由 sskit 随文件一并生成，列出本次修订的全部变更及其涉及的文件；"
             "各文件修订记录中的摘要以本记录为准。", ""]
    revised = [d for d in docs if statuses.get(d.spec.key) == CHANGED]
    if revised:
        lines += ["## 修订的文件", "", "| 文件编号 | 文件名称 | 新版本 |", "|---|---|:-:|"]
        lines += [f"| {escape_markdown(d.meta.number)} | {escape_markdown(d.meta.title)} | {d.meta.version} |"
                  for d in revised]
        lines.append("")
    if changes:
        lines += ["## 企业档案的变更", "", "| 序号 | 变更内容 | 涉及的文件 |", "|:-:|---|---|"]
        for i, change in enumerate(changes, 1):
            where = "、".join(by_change.get(id(change), [])) or "无（不影响文件内容）"
            lines.append(f"| {i} | {escape_markdown(change.text)} | {escape_markdown(where)} |")
        lines.append("")
    if notes:
        lines += ["## 发布前请核对", ""] + [f"- {escape_markdown(note)}" for note in notes] + [""]
    if withdrawn:
        lines += ["## 作废的文件", ""]
        lines += [f"- {escape_markdown(w.number)}《{escape_markdown(w.title)}》{w.version}版，"
                  + ("电子文本移入文件夹“作废”" if w.files else "其文件经手工修改，留在原处，请文控人员处理")
                  for w in withdrawn]
        lines.append("")
    return "\n".join(lines)


def _manifest(profile: Profile, docs: list[RenderedDocument], statuses: dict[str, str],
              previous: dict[str, DocumentRecord], inputs: str, withdrawn: list[Withdrawal],
              support: dict[str, bytes], carried: dict[str, str]) -> Manifest:
    records: dict[str, DocumentRecord] = {}
    for doc in docs:
        key = doc.spec.key
        if statuses[key] == UNCHANGED:
            records[key] = previous[key]
            if doc.files:  # rewritten unchanged (refresh): same content, files recorded anew
                kept = {n: h for n, h in previous[key].files.items() if PurePosixPath(n).stem == doc.stem}
                records[key] = DocumentRecord(**{**previous[key].__dict__,
                                                 "files": {**kept, **{n: sha256(d) for n, d in doc.files.items()}}})
            continue
        meta = doc.meta
        revisions = [{"version": r.version, "date": r.date, "summary": r.summary, "author": r.author}
                     for r in meta.revisions] or [
            {"version": meta.version, "date": meta.issue_date, "summary": first_issue_summary(meta.version),
             "author": meta.drafted_by}]
        files = {name: sha256(data) for name, data in doc.files.items()}
        if statuses[key] == CHANGED and not files and key in previous:
            files = dict(previous[key].files)
        records[key] = DocumentRecord(key, meta.number, meta.title, meta.version, meta.effective_date,
                                      _hash(doc), files, revisions)
    hashes = {**carried, **{name: sha256(data) for name, data in support.items()}}
    return Manifest(profile.company.name, profile.document_control.version, None, records, inputs,
                    list(withdrawn), hashes)
