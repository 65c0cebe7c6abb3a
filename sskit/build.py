"""The pipeline, end to end: profile -> view -> Markdown -> IR -> files -> OUT.

`render_document_set` is the pure core (templates are read through the
TemplateSet, nothing is written); `run_build` adds the IO at both ends.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from sskit.documents import DocumentSpec, applicable_specs, file_stem
from sskit.markup import Block, DocumentMeta, Revision, parse_markdown
from sskit.regen.versions import first_issue_summary
from sskit.output.manifest import MANIFEST_NAME, read_manifest
from sskit.output.writer import write_document_set
from sskit.compliance import CheckResult, run_checks
from sskit.diagnostics import Diagnostic, SskitError
from sskit.profile import Profile, read_profile_with_source
from sskit.render import TemplateSet, render_template
from sskit.paths import override_dirs
from sskit.standard import ClauseCatalogue, load_catalogue
from sskit.standard.statutory import load_statutory
from sskit.view.common import base_context
from sskit.writers.docx import write_docx
from sskit.writers.html import write_html
from sskit.writers.markdown import write_markdown


@dataclass(frozen=True)
class DocState:
    """A document's own metadata in this build (versions differ per document)."""
    version: str
    issue_date: str  # ISO dates
    effective_date: str
    revisions: tuple[Revision, ...] = ()


@dataclass(frozen=True)
class RenderedDocument:
    spec: DocumentSpec
    meta: DocumentMeta
    markdown: str
    blocks: tuple[Block, ...]
    files: dict  # file name -> bytes (empty when only the content was needed)
    stem: str = ""  # file name without extension


@dataclass(frozen=True)
class LateInput:
    """What the documents about the set itself (文件清单, 条款对照表, 自评报告) see."""
    rendered: list  # the documents rendered so far
    specs: list
    check: object
    metas: dict  # key -> DocumentMeta of every document of the set


@dataclass
class BuildOptions:
    profile: Path
    out: Path
    formats: tuple[str, ...] = ("docx",)
    template_dir: Optional[Path] = None
    standard_file: Optional[Path] = None
    allow_errors: bool = False
    force: bool = False  # move hand-edited files aside instead of stopping
    major: bool = False  # changed documents start a new letter (A/3 -> B/0)
    date: Optional[str] = None  # revision date (ISO); default: the profile's effective date


@dataclass
class BuildResult:
    documents: list = field(default_factory=list)
    files: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    check: Optional[CheckResult] = None
    statuses: dict = field(default_factory=dict)  # key -> new | changed | unchanged
    moved_aside: tuple[str, ...] = ()
    first_build: bool = True


def initial_state(profile: Profile) -> DocState:
    dc = profile.document_control
    issued = dc.issued.isoformat()
    first = Revision(dc.version, issued, first_issue_summary(dc.version), dc.drafted_by)
    return DocState(dc.version, issued, dc.effective_date.isoformat(), (first,))


def document_meta(profile: Profile, spec: DocumentSpec, state: Optional[DocState] = None) -> DocumentMeta:
    dc = profile.document_control
    state = state or initial_state(profile)
    return DocumentMeta(
        title=spec.title,
        number=spec.number(profile),
        version=state.version,
        company_name=profile.company.name,
        company_short=profile.company.short_name,
        issue_date=state.issue_date,
        effective_date=state.effective_date,
        drafted_by=dc.drafted_by,
        reviewed_by=dc.reviewed_by,
        approved_by=dc.approved_by,
        revisions=state.revisions,
        landscape=spec.landscape,
        chapter_page_break=spec.chapter_page_break,
        toc=spec.toc,
        cover=spec.cover,
        subject="GB/T 27922-2011 商品售后服务评价体系",
        keywords=f"{profile.company.short_name};售后服务;{spec.title}",
    )


def write_files(meta: DocumentMeta, markdown: str, blocks, stem: str, formats: tuple[str, ...]) -> dict:
    files = {}
    if "docx" in formats:
        files[f"{stem}.docx"] = write_docx(meta, blocks)
    if "md" in formats:
        files[f"{stem}.md"] = write_markdown(markdown)
    if "html" in formats:
        files[f"{stem}.html"] = write_html(meta, markdown)
    return files


def render_document(templates: TemplateSet, spec: DocumentSpec, meta: DocumentMeta, stem: str,
                    formats: tuple[str, ...], base: dict, extra: dict) -> RenderedDocument:
    context = dict(base)
    context.update(extra)
    context["doc"] = {"title": meta.title, "number": meta.number, "version": meta.version, "key": spec.key}
    markdown = render_template(templates, spec.template, context)
    blocks = parse_markdown(markdown)
    return RenderedDocument(spec, meta, markdown, blocks, write_files(meta, markdown, blocks, stem, formats), stem)


def render_document_set(profile: Profile, catalogue: ClauseCatalogue, templates: TemplateSet,
                        formats: tuple[str, ...] = ("docx",),
                        progress: Optional[Callable[[str], None]] = None,
                        check=None, states: Optional[dict] = None, reuse: Optional[dict] = None,
                        files_for: Optional[set] = None) -> list[RenderedDocument]:
    """Render every applicable document; the documents about the set itself
    (文件清单, 条款对照表, 自评报告) last, from the others, but kept in spec order.

    `states` gives each document's version and dates (default: the profile's);
    documents in `reuse` are taken as they are; files are written only for
    the keys in `files_for` (default: all).
    """
    base = base_context(profile)
    specs = applicable_specs(profile)
    states = states or {}
    reuse = reuse or {}
    # every template may cite any document of the set by key: docs["form-repair-card"].number
    base["docs"] = {s.key: {"number": s.number(profile), "title": s.title} for s in specs}
    order = {spec.key: i for i, spec in enumerate(specs, start=1)}
    metas = {s.key: document_meta(profile, s, states.get(s.key)) for s in specs}
    done: dict[str, RenderedDocument] = {}
    for late in (False, True):
        for spec in specs:
            if (spec.late_view is not None) != late:
                continue
            if spec.key in reuse:
                done[spec.key] = reuse[spec.key]
                continue
            if progress:
                progress(f"{spec.number(profile)} {spec.title}")
            if late:
                extra = spec.late_view(profile, catalogue, LateInput(list(done.values()), specs, check, metas))
            else:
                extra = spec.view(profile, catalogue)
            wanted = formats if files_for is None or spec.key in files_for else ()
            meta = metas[spec.key]
            stem = file_stem(order[spec.key], meta.number, meta.title)
            done[spec.key] = render_document(templates, spec, meta, stem, wanted, base, extra)
    return [done[spec.key] for spec in specs]


def template_set_for(profile_path: Path, template_dir: Optional[Path]) -> TemplateSet:
    return _template_set(override_dirs(profile_path, template_dir))


@functools.lru_cache(maxsize=16)
def _template_set(overrides: tuple[Path, ...]) -> TemplateSet:
    # one Jinja environment per process and template folders: a batch compiles each template once
    return TemplateSet(overrides=overrides)


def check_profile(path: Path, standard_file: Optional[Path] = None):
    """Load, validate and run the readiness rules: (profile, catalogue, CheckResult)."""
    profile, source = read_profile_with_source(path)
    catalogue = load_catalogue(standard_file)
    return profile, catalogue, run_checks(profile, source, catalogue, load_statutory())


def run_build(options: BuildOptions, progress: Optional[Callable[[str], None]] = None,
              inputs: Optional[str] = None) -> BuildResult:
    """`inputs`: the digest of the build's inputs when the caller has already
    found that they changed (the CLI asks first, without this module)."""
    from sskit.regen.plan import plan_build
    from sskit.regen.quick import raw_inputs_digest, unchanged_build

    if inputs is None:
        try:
            inputs = raw_inputs_digest(options.profile, options.template_dir, options.standard_file,
                                       options.formats, options.major, options.date, options.allow_errors)
        except OSError:
            inputs = ""  # unreadable inputs: the full path below reports them properly
        previous = unchanged_build(options.out, inputs) if inputs else None
        if previous is not None:  # nothing this build reads has changed since the last one
            return BuildResult([], (), tuple(previous.file_hashes()), None,
                               {key: "unchanged" for key in previous.documents}, (), False)
    profile, catalogue, check = check_profile(options.profile, options.standard_file)
    if check.failed() and not options.allow_errors:
        errors = [f for f in check.findings if f.severity == "error"]
        raise SskitError(errors + [Diagnostic(str(options.profile), 0, 0,
                                              f"not built: {check.summary()}",
                                              hint="fix the errors, or build anyway with --allow-errors "
                                                   "(the findings then go into the 自评报告)")])
    templates = template_set_for(options.profile, options.template_dir)
    manifest = read_manifest(options.out)
    plan = plan_build(profile, catalogue, templates, check, manifest, options.formats, major=options.major,
                      date=options.date, progress=progress,
                      refresh=frozenset(_needs_files(options.out, manifest, options.formats)), inputs=inputs)
    files: dict[str, bytes] = {}
    for doc in plan.documents:
        files.update(doc.files)
    files[MANIFEST_NAME] = plan.manifest.to_bytes()
    known = manifest.file_hashes() if manifest else {}
    result = write_document_set(options.out, files, known=known, force=options.force)
    return BuildResult(plan.documents, result.written, result.unchanged, check, plan.statuses,
                       result.moved_aside, plan.first_build)


def _needs_files(out: Path, manifest, formats: tuple[str, ...]) -> set[str]:
    """Documents whose recorded files are missing from OUT or lack a wanted format."""
    if manifest is None:
        return set()
    wanted = {f".{f}" for f in formats}
    keys = set()
    for key, record in manifest.documents.items():
        have = {Path(name).suffix for name in record.files}
        if not wanted <= have or any(not (Path(out) / name).exists() for name in record.files):
            keys.add(key)
    return keys
