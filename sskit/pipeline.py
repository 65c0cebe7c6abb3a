"""The pure core of a build: Profile + Facts -> every document of the set, rendered
(Markdown, IR and file bytes), nothing written.

    profile ─derive─▶ facts ─view─▶ context ─Jinja─▶ Markdown ─markdown-it─▶ IR ─writers─▶ bytes

`render_document_set` is called by `sskit.build` (full builds) and by
`sskit.regen` (versions, status); neither is imported here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from sskit.diagnostics import Diagnostic, ExitCode, SskitError
from sskit.documents import DocumentSpec, applicable_specs, document_specs, file_stem, filing_order
from sskit.facts import Facts, derive_facts
from sskit.markup import Block, DocumentMeta, Revision, parse_markdown
from sskit.phrasing import date_text
from sskit.profile import Profile
from sskit.regen.versions import first_issue_summary
from sskit.render import TemplateSet, render_template
from sskit.standard import ClauseCatalogue
from sskit.records import records_context
from sskit.view.registers import kpi_posts
from sskit.view.common import base_context
from sskit.writers.docx import write_docx
from sskit.writers.html import write_html
from sskit.writers.docx.page import page_geometry
from sskit.writers.markdown import drawings_in, markdown_files


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
    blocks: tuple[Block, ...]  # empty when its files were written in another process (`jobs`)
    files: dict  # file name -> bytes (empty when only the content was needed)
    stem: str = ""  # file name without extension
    reads: frozenset = frozenset()  # the context names its template looked up (what its text depends on)


@dataclass(frozen=True)
class LateInput:
    """What the documents about the set itself (文件清单, 条款对照表, 自评报告) see."""
    rendered: list  # the documents rendered so far
    specs: list
    check: object
    metas: dict  # key -> DocumentMeta of every document of the set
    facts: Facts
    withdrawn: tuple = ()  # Withdrawal records of the documents that stopped applying
    filed: tuple = ()  # the specs in filing order (sskit.documents.filing_order), as the 文件清单 lists them
    unused: tuple = ()  # the registry's documents that do not apply to this company, in filing order


def initial_state(profile: Profile, author: Optional[str] = None) -> DocState:
    """A document as first issued: one 修订记录 row, by its drafter (the profile's drafter
    when the document's own is not known)."""
    dc = profile.document_control
    issued = dc.issued.isoformat()
    # the versions before this one, as the profile records them (document_control.history)
    past = tuple(Revision(p.version, p.date.isoformat(), p.summary, p.author or "—") for p in dc.history)
    first = Revision(dc.version, issued, first_issue_summary(dc.version, bool(past), dc.summary),
                     author or dc.drafted_by)
    return DocState(dc.version, issued, dc.effective_date.isoformat(), past + (first,))


def drafting(facts: Facts, spec: DocumentSpec) -> tuple[str, str]:
    """(department, person) that drafts the document, by the rule CX-11 states."""
    unit = facts.owner_unit(spec.owner)
    return unit.name, facts.approval.drafter_for(unit)


@dataclass(frozen=True)
class Assets:
    """What a build reads besides the profile and puts into every Word file: the company's logo
    (`sskit.profile.assets.load_logo`) and the client's Word template
    (`sskit.writers.docx.reference.load_reference`)."""
    logo: Optional[DocumentMeta.Picture] = None
    reference: Optional[object] = None
    digest: str = ""  # of the files they were read from: when it changes, every Word file is written again


NO_ASSETS = Assets()


def document_meta(profile: Profile, spec: DocumentSpec, state: Optional[DocState] = None,
                  facts: Optional[Facts] = None, assets: Assets = NO_ASSETS) -> DocumentMeta:
    """`assets`: the logo and reference document the Word files take."""
    dc = profile.document_control
    drafter = drafting(facts, spec)[1] if facts is not None else dc.drafted_by
    state = state or initial_state(profile, drafter)
    return DocumentMeta(
        title=spec.title,
        number=spec.number(profile),
        version=state.version,
        company_name=profile.company.name,
        company_short=profile.company.short_name,
        issue_date=state.issue_date,
        effective_date=state.effective_date,
        drafted_by=drafter,
        reviewed_by=dc.reviewed_by,
        approved_by=dc.approved_by,
        revisions=state.revisions,
        landscape=spec.landscape,
        chapter_page_break=spec.chapter_page_break,
        compact=spec.compact,
        narrow_margins=spec.group == "form" and not spec.landscape,
        toc=spec.toc,
        cover=spec.cover,
        # a procedure opens with its header block; a form (no cover) with its title
        layout="procedure" if spec.group == "procedure" else ("book" if spec.cover else "form"),
        logo=assets.logo,
        reference=assets.reference,
        subject="GB/T 27922-2011 商品售后服务评价体系",
        keywords=f"{profile.company.short_name};售后服务;{spec.title}",
    )


def write_files(meta: DocumentMeta, markdown: str, blocks, stem: str, formats: tuple[str, ...],
                key: str) -> dict:
    """The document's files in each wanted format (`key`: the document, for the formats that
    only some documents have)."""
    files = {}
    if "docx" in formats:
        files[f"{stem}.docx"] = write_docx(meta, blocks)
    if "md" in formats:
        margins = meta.reference.margins if meta.reference is not None else None
        page = page_geometry(meta.landscape, meta.compact or meta.narrow_margins, margins)
        files.update(markdown_files(markdown, drawings_in(blocks), stem, width_pt=page.text_width / 20))
    if "html" in formats:
        files[f"{stem}.html"] = write_html(meta, blocks)
    if "xlsx" in formats:
        from sskit.writers.xlsx import is_tabular, write_xlsx  # openpyxl only when asked for

        if is_tabular(key, meta):
            files[f"{stem}.xlsx"] = write_xlsx(meta, blocks)
    return files


def render_document(templates: TemplateSet, spec: DocumentSpec, meta: DocumentMeta, stem: str,
                    formats: tuple[str, ...], base: dict, extra: dict, parse: bool = True) -> RenderedDocument:
    """Render one document; its Markdown is parsed into blocks when files are wanted or `parse`."""
    context = dict(base)
    context.update(extra)
    # the document's own version and dates: a revised 发布令, 承诺书 or fee notice takes effect on
    # its revision's date, not on the set's first one
    context["doc"] = document_context(meta, spec.key)
    reads: set = set()
    markdown = render_template(templates, spec.template, context, reads)
    blocks = parse_document(markdown, spec.template) if parse or formats else ()
    return RenderedDocument(spec, meta, markdown, blocks, write_files(meta, markdown, blocks, stem, formats, spec.key),
                            stem, frozenset(reads))


def document_context(meta: DocumentMeta, key: str) -> dict:
    """The `doc` a template sees: the document's own number, title, version and dates."""
    return {"title": meta.title, "number": meta.number, "version": meta.version, "key": key,
            "effective_date": date_text(meta.effective_date), "issue_date": date_text(meta.issue_date)}


def parse_document(markdown: str, template: str) -> tuple[Block, ...]:
    """The Markdown's blocks; a drawing or flow table the template wrote wrongly (bad JSON, a
    decision without branches) is reported at the template, never as a traceback."""
    try:
        return parse_markdown(markdown)
    except ValueError as exc:
        raise SskitError([Diagnostic(template, 0, 0, f"the template wrote a drawing that cannot be drawn: {exc}",
                                     hint="see the drawing's data in the template or its view function")],
                         ExitCode.RENDER) from None


def restamp(doc: RenderedDocument, meta: DocumentMeta, formats: tuple[str, ...]) -> RenderedDocument:
    """The same text under new metadata (a new version and dates), written to files: for a
    template that does not print its own version, rendering it again would give the same text."""
    blocks = doc.blocks or (parse_document(doc.markdown, doc.spec.template) if formats else ())
    stem = file_stem(doc.spec.key, meta.number, meta.title)
    return RenderedDocument(doc.spec, meta, doc.markdown, blocks,
                            write_files(meta, doc.markdown, blocks, stem, formats, doc.spec.key), stem, doc.reads)


def render_document_set(profile: Profile, catalogue: ClauseCatalogue, templates: TemplateSet,
                        formats: tuple[str, ...] = ("docx",),
                        progress: Optional[Callable[[str], None]] = None,
                        check=None, states: Optional[dict] = None, reuse: Optional[dict] = None,
                        files_for: Optional[set] = None, facts: Optional[Facts] = None,
                        parse_all: bool = True, only: Optional[set] = None,
                        withdrawn: tuple = (), base: Optional[dict] = None,
                        assets: Assets = NO_ASSETS, jobs: int = 1) -> list[RenderedDocument]:
    """Render every applicable document; the documents about the set itself
    (文件清单, 条款对照表, 自评报告) last, from the others, but kept in spec order.

    `states` gives each document's version and dates (default: the profile's);
    documents in `reuse` are taken as they are; files are written only for
    the keys in `files_for` (default: all). With `parse_all` false, only the
    documents that get files are parsed into blocks (the others keep their Markdown).
    With `only`, just those documents are rendered (no document about the set among them).
    `base`: the shared context (`shared_context`) when the caller already has it for these
    profile and facts. `assets`: the logo and reference document of the Word files. `jobs`: the
    processes that share the documents' rendering and files (the documents about the set come
    after, in this one); the documents it writes in other processes come back without blocks.
    """
    if facts is None:
        facts = getattr(check, "facts", None) or derive_facts(profile, catalogue)
    specs = applicable_specs(profile)
    base = base if base is not None else shared_context(profile, catalogue, facts, specs)
    states = states or {}
    reuse = reuse or {}
    metas = {s.key: document_meta(profile, s, states.get(s.key), facts, assets) for s in specs}
    done: dict[str, RenderedDocument] = {}

    def render(spec: DocumentSpec, extra: dict) -> RenderedDocument:
        wanted = formats if files_for is None or spec.key in files_for else ()
        meta = metas[spec.key]
        stem = file_stem(spec.key, meta.number, meta.title)
        return render_document(templates, spec, meta, stem, wanted, base, extra, parse_all)

    def independent(spec: DocumentSpec) -> RenderedDocument:
        return render(spec, spec.view(profile, catalogue, facts))

    for late in (False, True):
        todo = []
        for spec in specs:
            if (spec.late_view is not None) != late:
                continue
            if spec.key in reuse:
                done[spec.key] = reuse[spec.key]
            elif only is None or spec.key in only:
                todo.append(spec)
        if not late:  # each on its own: shared between `jobs` processes
            shared = _map_documents(independent, todo, metas, jobs if formats else 1, profile)
            for spec, doc in zip(todo, shared):
                if progress:
                    progress(f"{spec.number(profile)} {spec.title}")
                done[spec.key] = doc
            continue
        if not todo:
            continue
        # the documents about the set: from the others, one after another
        applicable = {s.key for s in specs}
        filed = tuple(filing_order(specs))
        unused = tuple(filing_order([s for s in document_specs() if s.key not in applicable]))
        for spec in todo:
            if progress:
                progress(f"{spec.number(profile)} {spec.title}")
            extra = spec.late_view(profile, catalogue,
                                   LateInput(list(done.values()), specs, check, metas, facts, withdrawn, filed, unused))
            done[spec.key] = render(spec, extra)
    return [done[spec.key] for spec in specs if spec.key in done]


DOCUMENTS_PER_PROCESS = 8


def _map_documents(render: Callable[[DocumentSpec], RenderedDocument], specs: list[DocumentSpec],
                   metas: dict[str, DocumentMeta], jobs: int, profile: Profile) -> list[RenderedDocument]:
    """`render` over `specs`; with `jobs` > 1 in that many processes (sskit.fanout), which send
    back the text and files but not the blocks: a caller that needs those parses the text again
    (restamp, the redlines)."""
    # a process is worth its start only with several documents to do (a 64-CPU machine forks at
    # most one per DOCUMENTS_PER_PROCESS documents, not 63 for a 94-document set)
    jobs = min(jobs, len(specs) // DOCUMENTS_PER_PROCESS)
    if jobs <= 1:
        return [render(spec) for spec in specs]
    from sskit.fanout import fork_map

    def slim(spec: DocumentSpec) -> tuple:
        doc = render(spec)
        return doc.markdown, (() if doc.files else doc.blocks), doc.files, doc.stem, doc.reads

    weights = [spec.weight(profile) for spec in specs]
    heavy = sorted((i for i, w in enumerate(weights) if w > 1), key=lambda i: -weights[i])
    return [RenderedDocument(spec, metas[spec.key], *done)
            for spec, done in zip(specs, fork_map(slim, specs, jobs, first=heavy))]




def shared_context(profile: Profile, catalogue: ClauseCatalogue, facts: Facts, specs: list[DocumentSpec]) -> dict:
    """What every template of the set sees: the company and its facts, the set's
    listing, and the standard's code and title."""
    base = base_context(profile, facts)
    base.update(set_listing(profile, facts, specs))
    base.update(records_context(facts, {s.key for s in specs}))
    base["kpi_posts"] = kpi_posts(facts)
    base["standard"] = {"code": catalogue.standard, "title": catalogue.title}
    return base


def set_listing(profile: Profile, facts: Facts, specs: list[DocumentSpec]) -> dict:
    """What every template may say about the set: the procedures and forms that
    apply, those left out, and who drafts, reviews and approves each document."""
    applicable = {s.key for s in specs}
    titled = {s.key: s for s in specs}  # the set's own titles (a service company's CX-09 is 服务信息管理程序)
    procedures = [titled.get(s.key, s) for s in document_specs() if s.group == "procedure"]
    approvals = []
    for s in specs:
        dept, person = drafting(facts, s)
        approvals.append({"number": s.number(profile), "title": s.title, "group": s.group,
                          "department": dept, "drafter": person,
                          "reviewer": facts.approval.reviewer, "approver": facts.approval.approver})
    return {
        "procedure_list": [{"number": s.number(profile), "title": s.title} for s in procedures if s.key in applicable],
        "omitted_procedures": [{"number": s.number(profile), "title": s.title}
                               for s in procedures if s.key not in applicable
                               and (facts.traits.services or not s.services_only)],
        "form_list": [{"number": s.number(profile), "title": s.title} for s in specs if s.group == "form"],
        "document_list": [{"number": s.number(profile), "title": s.title} for s in specs
                          if s.group in ("document", "list", "matrix", "training")],
        # docs["outlet-list"].title: a template names another document only through this
        # mapping, so it cannot cite a document the set does not contain
        "docs": {s.key: {"number": s.number(profile), "title": s.title, "cited": f"《{s.title}》"} for s in specs},
        "approvals": approvals,
    }
