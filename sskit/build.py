"""The pipeline, end to end: profile -> view -> Markdown -> IR -> files -> OUT.

`render_document_set` is the pure core (templates are read through the
TemplateSet, nothing is written); `run_build` adds the IO at both ends.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from sskit.documents import DocumentSpec, applicable_specs, file_stem
from sskit.markup import Block, DocumentMeta, parse_markdown
from sskit.output.manifest import manifest_bytes, MANIFEST_NAME
from sskit.output.writer import write_document_set
from sskit.compliance import CheckResult, run_checks
from sskit.diagnostics import Diagnostic, SskitError
from sskit.profile import Profile, read_profile_with_source
from sskit.render import TemplateSet, render_template
from sskit.standard import ClauseCatalogue, load_catalogue
from sskit.standard.statutory import load_statutory
from sskit.view.common import base_context
from sskit.writers.docx import write_docx
from sskit.writers.html import write_html
from sskit.writers.markdown import write_markdown


@dataclass(frozen=True)
class RenderedDocument:
    spec: DocumentSpec
    meta: DocumentMeta
    markdown: str
    blocks: tuple[Block, ...]
    files: dict  # file name -> bytes


@dataclass
class BuildOptions:
    profile: Path
    out: Path
    formats: tuple[str, ...] = ("docx",)
    template_dir: Optional[Path] = None
    standard_file: Optional[Path] = None
    allow_errors: bool = False


@dataclass
class BuildResult:
    documents: list[RenderedDocument] = field(default_factory=list)
    files: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    check: Optional[CheckResult] = None


def document_meta(profile: Profile, spec: DocumentSpec) -> DocumentMeta:
    dc = profile.document_control
    return DocumentMeta(
        title=spec.title,
        number=spec.number(profile),
        version=dc.version,
        company_name=profile.company.name,
        company_short=profile.company.short_name,
        issue_date=dc.issued.isoformat(),
        effective_date=dc.effective_date.isoformat(),
        drafted_by=dc.drafted_by,
        reviewed_by=dc.reviewed_by,
        approved_by=dc.approved_by,
        landscape=spec.landscape,
        chapter_page_break=spec.chapter_page_break,
        toc=spec.toc,
        cover=spec.cover,
        subject="GB/T 27922-2011 商品售后服务评价体系",
        keywords=f"{profile.company.short_name};售后服务;{spec.title}",
    )


def render_document(profile: Profile, catalogue: ClauseCatalogue, templates: TemplateSet,
                    spec: DocumentSpec, order: int, formats: tuple[str, ...], base: dict,
                    extra: dict) -> RenderedDocument:
    meta = document_meta(profile, spec)
    context = dict(base)
    context.update(extra)
    context["doc"] = {"title": meta.title, "number": meta.number, "version": meta.version, "key": spec.key}
    markdown = render_template(templates, spec.template, context)
    blocks = parse_markdown(markdown)
    stem = file_stem(order, meta.number, meta.title)
    files = {}
    if "docx" in formats:
        files[f"{stem}.docx"] = write_docx(meta, blocks)
    if "md" in formats:
        files[f"{stem}.md"] = write_markdown(markdown)
    if "html" in formats:
        files[f"{stem}.html"] = write_html(meta, markdown)
    return RenderedDocument(spec, meta, markdown, blocks, files)


def render_document_set(profile: Profile, catalogue: ClauseCatalogue, templates: TemplateSet,
                        formats: tuple[str, ...] = ("docx",),
                        progress: Optional[Callable[[str], None]] = None,
                        check=None) -> list[RenderedDocument]:
    """Render every applicable document; the documents about the set itself
    (文件清单, 条款对照表) last, from the others, but kept in spec order."""
    base = base_context(profile)
    specs = applicable_specs(profile)
    # every template may cite any document of the set by key: docs["form-repair-card"].number
    base["docs"] = {s.key: {"number": s.number(profile), "title": s.title} for s in specs}
    order = {spec.key: i for i, spec in enumerate(specs, start=1)}
    done: dict[str, RenderedDocument] = {}
    for late in (False, True):
        for spec in specs:
            if (spec.late_view is not None) != late:
                continue
            if progress:
                progress(f"{spec.number(profile)} {spec.title}")
            if late:
                extra = spec.late_view(profile, catalogue, list(done.values()), specs, check)
            else:
                extra = spec.view(profile, catalogue)
            done[spec.key] = render_document(profile, catalogue, templates, spec, order[spec.key],
                                             formats, base, extra)
    return [done[spec.key] for spec in specs]


def template_set_for(profile_path: Path, template_dir: Optional[Path]) -> TemplateSet:
    overrides = []
    if template_dir:
        overrides.append(Path(template_dir))
    beside = Path(profile_path).resolve().parent / "templates"
    if beside.is_dir():
        overrides.append(beside)
    return TemplateSet(overrides=tuple(overrides))


def check_profile(path: Path, standard_file: Optional[Path] = None):
    """Load, validate and run the readiness rules: (profile, catalogue, CheckResult)."""
    profile, source = read_profile_with_source(path)
    catalogue = load_catalogue(standard_file)
    return profile, catalogue, run_checks(profile, source, catalogue, load_statutory())


def run_build(options: BuildOptions, progress: Optional[Callable[[str], None]] = None) -> BuildResult:
    profile, catalogue, check = check_profile(options.profile, options.standard_file)
    if check.failed() and not options.allow_errors:
        errors = [f for f in check.findings if f.severity == "error"]
        raise SskitError(errors + [Diagnostic(str(options.profile), 0, 0,
                                              f"not built: {check.summary()}",
                                              hint="fix the errors, or build anyway with --allow-errors "
                                                   "(the findings then go into the 自评报告)")])
    templates = template_set_for(options.profile, options.template_dir)
    docs = render_document_set(profile, catalogue, templates, options.formats, progress, check)
    files: dict[str, bytes] = {}
    for doc in docs:
        files.update(doc.files)
    files[MANIFEST_NAME] = manifest_bytes(profile, docs)
    result = write_document_set(options.out, files)
    return BuildResult(docs, result.written, result.unchanged, check)
