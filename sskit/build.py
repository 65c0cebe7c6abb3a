"""The pipeline, end to end: profile -> view -> Markdown -> IR -> files -> OUT.

`render_document_set` is the pure core (templates are read through the
TemplateSet, nothing is written); `run_build` adds the IO at both ends.
"""
from __future__ import annotations

import contextlib
import functools
import gc
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from sskit.output.manifest import MANIFEST_NAME, read_manifest
from sskit.output.writer import edited_files, lock_out, recover, write_document_set
from sskit.compliance import CheckResult, check_profile  # noqa: F401  (check_profile re-exported)
from sskit.diagnostics import Diagnostic, ExitCode, SskitError
from sskit.profile import Profile
from sskit.pipeline import (  # noqa: F401  (re-exported: the render core)
    DocState, LateInput, RenderedDocument, document_meta, initial_state, render_document_set,
)
from sskit.render import TemplateSet
from sskit.paths import override_dirs
from sskit.standard import ClauseCatalogue


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
    volume: bool = False  # with "pdf": also the combined volume of the set (sskit.pdf.volume)
    # processes that render and write the documents, and LibreOffice conversions at once for
    # "pdf" (default: one per CPU)
    jobs: Optional[int] = None
    reference_doc: Optional[Path] = None  # the client's Word template (--reference-doc)


@dataclass
class BuildResult:
    documents: list = field(default_factory=list)
    files: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    check: Optional[CheckResult] = None
    statuses: dict = field(default_factory=dict)  # key -> new | changed | unchanged
    moved_aside: tuple[str, ...] = ()
    first_build: bool = True
    removed: tuple[str, ...] = ()  # files of the previous set that this one no longer has
    kept: tuple[str, ...] = ()  # such files kept because they were edited
    withdrawn: tuple[str, ...] = ()  # files moved to OUT/作废/ (documents that stopped applying)
    edited: tuple[str, ...] = ()  # hand-edited files this build did not need to rewrite (left as they are)
    notes: tuple[str, ...] = ()  # what to check before the revision is released (e.g. an old name left)


def digest_formats(options: BuildOptions) -> tuple[str, ...]:
    """The output options as the inputs digest records them: the volume is an output too, so a
    build that adds it is not taken for the previous one."""
    return (*options.formats, "volume") if options.volume else tuple(options.formats)


def template_set_for(profile_path: Path, template_dir: Optional[Path]) -> TemplateSet:
    return _template_set(override_dirs(profile_path, template_dir))


@functools.lru_cache(maxsize=16)
def _template_set(overrides: tuple[Path, ...]) -> TemplateSet:
    # one Jinja environment per process and template folders: a batch compiles each template once
    return TemplateSet(overrides=overrides)


@contextlib.contextmanager
def collector_paused():
    """A build allocates millions of small objects and frees nearly all of them only at
    the end; the cyclic garbage collector would walk them again and again (about 40 % of a
    large build). Reference counting still frees what is dropped; the collector runs again
    after the build. The output does not depend on it (tested)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def run_build(options: BuildOptions, progress: Optional[Callable[[str], None]] = None,
              inputs: Optional[str] = None) -> BuildResult:
    """`inputs`: the digest of the build's inputs when the caller has already
    found that they changed (the CLI asks first, without this module)."""
    with collector_paused():
        return _run_build(options, progress, inputs)


def _run_build(options: BuildOptions, progress: Optional[Callable[[str], None]],
               inputs: Optional[str]) -> BuildResult:
    out = Path(options.out)
    if out.is_dir():  # hold OUT for the whole build; finish an interrupted build first
        with lock_out(out):
            recover(out)
            return _build_locked(options, progress, inputs, locked=True)
    return _build_locked(options, progress, inputs, locked=False)


def _build_locked(options: BuildOptions, progress: Optional[Callable[[str], None]],
                  inputs: Optional[str], locked: bool) -> BuildResult:
    from sskit.regen.plan import plan_build
    from sskit.regen.quick import raw_inputs_digest, renderer_digest, unchanged_build

    if inputs is None:
        try:
            inputs = raw_inputs_digest(options.profile, options.template_dir, options.standard_file,
                                       digest_formats(options), options.major, options.date, options.allow_errors,
                                       options.reference_doc)
        except OSError:
            inputs = ""  # unreadable inputs: the full path below reports them properly
        previous = unchanged_build(options.out, inputs) if inputs and not options.force else None
        if previous is not None:  # nothing this build reads has changed since the last one
            return BuildResult([], (), tuple(previous.files), None,
                               {key: "unchanged" for key in previous.documents}, (), False)
    from sskit.output.content import CONTENT_NAME, read_content

    convert = _converter(options, progress) if "pdf" in options.formats else None  # no LibreOffice: stop now
    profile, catalogue, check = check_profile(options.profile, options.standard_file)
    if check.failed() and not options.allow_errors:
        errors = [f for f in check.findings if f.severity == "error"]
        raise SskitError(errors + [Diagnostic(str(options.profile), 0, 0,
                                              f"not built: {check.summary()}",
                                              hint="fix the errors, or build anyway with --allow-errors "
                                                   "(the findings then go into the 自评报告)")])
    templates = template_set_for(options.profile, options.template_dir)
    manifest = read_manifest(options.out)
    content = read_content(options.out, manifest.support.get(CONTENT_NAME)) if manifest else None
    assets = _assets(options, check)
    refresh = _needs_files(options.out, manifest, options.formats, options.force)
    if options.volume:
        refresh |= _stale_pdfs(options.out, manifest)
    plan = plan_build(profile, catalogue, templates, check, manifest, options.formats, major=options.major,
                      date=options.date, progress=progress, refresh=frozenset(refresh),
                      inputs=inputs, content=content, convert=convert,
                      renderer=renderer_digest(options.profile, options.template_dir, options.standard_file),
                      assets=assets, jobs=_jobs(options))
    files: dict[str, bytes] = {}
    for doc in plan.documents:
        files.update(doc.files)
    files.update(plan.support)
    if options.volume and plan.documents:  # (none: the previous build stands, its volume too)
        from sskit.output.manifest import sha256
        from sskit.pdf.volume import VOLUME_NAME

        files[VOLUME_NAME] = _volume(options.out, plan, manifest, profile, catalogue, convert)
        plan.manifest.support[VOLUME_NAME] = sha256(files[VOLUME_NAME])
    known = manifest.file_hashes() if manifest else {}
    withdraw = _withdrawable(options.out, plan, known)
    files[MANIFEST_NAME] = plan.manifest.to_bytes()
    # files of the previous set that this one no longer has (a file renamed because its number
    # or title changed, a redline of a document that went): removed unless edited
    retired = {name: digest for name, digest in known.items() if name not in plan.manifest.file_hashes()}
    result = write_document_set(options.out, files, known=known, force=options.force, locked=locked,
                                retired=retired, withdraw=withdraw)
    rewritten = set(files)
    moved = {name for name, _ in withdraw}
    edited = tuple(edited_files(options.out, [n for n in known if n not in rewritten and n not in retired
                                              and n not in moved], known))
    return BuildResult(plan.documents, result.written, result.unchanged, check, plan.statuses,
                       result.moved_aside, plan.first_build, result.removed, result.kept, result.withdrawn,
                       edited, tuple(plan.notes) + (assets.reference.notes if assets.reference is not None else ()))


def _assets(options: BuildOptions, check: CheckResult):
    """The logo and reference document of the Word files: `--reference-doc` before the profile's
    document_control.reference_doc (both read and checked at the IO edge)."""
    from sskit.pipeline import Assets
    from sskit.writers.docx.reference import load_reference

    from sskit.output.manifest import inputs_digest
    from sskit.profile.assets import MAX_REFERENCE_BYTES

    found = check.assets or {}
    raw = found.get("reference")
    if options.reference_doc is not None:
        path = Path(options.reference_doc)
        try:
            with open(path, "rb") as stream:  # bounded: load_reference refuses anything larger
                raw = (stream.read(MAX_REFERENCE_BYTES + 1), str(path))
        except OSError as error:
            raise SskitError([Diagnostic(str(path), 0, 0, f"cannot read the reference document: "
                                                          f"{error.strerror or error}",
                                         hint="give the client's Word template (.docx) with --reference-doc")],
                             ExitCode.USAGE) from None
    logo = found.get("logo")
    if logo is None and raw is None:
        return Assets()
    digest = inputs_digest([("logo", logo.data if logo else b""), ("reference", raw[0] if raw else b"")])
    return Assets(logo, load_reference(*raw) if raw else None, digest)


def _converter(options: BuildOptions, progress: Optional[Callable[[str], None]]):
    """The PDF converter for plan_build, once LibreOffice is found (SskitError, exit 4, when not)."""
    from sskit.pdf.convert import convert_documents
    from sskit.pdf.office import find_office

    office = find_office()
    return functools.partial(convert_documents, jobs=_jobs(options), office=office, progress=progress)


def _jobs(options: BuildOptions) -> int:
    return options.jobs or os.cpu_count() or 1


def _volume(out: Path, plan, manifest, profile: Profile, catalogue, convert) -> bytes:
    """The set's PDFs in filing order (sskit.documents.filing_order: by level, then number) behind a cover
    and a 总目录 made by `convert`: the PDFs this build made, the others as the previous build
    wrote them into OUT (checked by _stale_pdfs)."""
    import io

    from pypdf import PdfReader

    from sskit.pdf.front import Entry, Front, front_meta, front_pdf
    from sskit.documents import filing_order
    from sskit.pdf.volume import VOLUME_HEADING, compose_volume, volume_title
    from sskit.phrasing import date_text

    parts, lengths = [], []
    documents = filing_order(plan.documents)
    for doc in documents:
        name = f"{doc.stem}.pdf"
        data = doc.files.get(name)
        if data is None:
            try:
                data = (Path(out) / name).read_bytes()
            except OSError as exc:
                raise SskitError([Diagnostic(str(Path(out) / name), 0, 0,
                                             f"cannot read it for the volume: {exc.strerror or exc}",
                                             hint="build again with --force to write every PDF anew")],
                                 ExitCode.OUTPUT) from None
        parts.append((f"{doc.meta.number} {doc.meta.title}", data))
        lengths.append(len(PdfReader(io.BytesIO(data)).pages))
    company = profile.company.name
    dc = profile.document_control
    front = Front(company, catalogue.standard, catalogue.title, dc.version, date_text(dc.effective_date),
                  tuple(Entry(d.meta.number, d.meta.title, d.meta.version) for d in documents),
                  front_meta(documents[0].meta, VOLUME_HEADING))
    return compose_volume(parts, volume_title(company), company, front_pdf(front, lengths, convert))


def _stale_pdfs(out: Path, manifest) -> set[str]:
    """Documents whose PDF in OUT no longer holds what sskit wrote: made again for the volume
    (the edited file then stops the build, or is moved aside with --force)."""
    if manifest is None:
        return set()
    keys = set()
    for key, record in manifest.documents.items():
        pdfs = [name for name in record.files if name.endswith(".pdf")]
        if pdfs and edited_files(out, pdfs, record.files):
            keys.add(key)
    return keys


def _withdrawable(out: Path, plan, known: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """(file, place in OUT/作废/) for the files of documents withdrawn by this build that still hold
    what sskit wrote. An edited or missing one stays where it is (reported, never touched); a
    place already taken in 作废/ gets a numbered name instead (nothing there is overwritten). The
    withdrawal record in the manifest lists the files as they are placed."""
    moving = []
    taken = set(known)
    for record in plan.withdrawn:
        placed = {}
        for target, digest in record.files.items():
            name = plan.sources.get(target, "")
            if not name or not (Path(out) / name).is_file() or edited_files(out, [name], known):
                continue
            place, n = target, 1
            while place in taken or (Path(out) / place).exists():
                n += 1
                stem, dot, ext = target.rpartition(".")
                place = f"{stem}-{n}.{ext}" if dot else f"{target}-{n}"
            taken.add(place)
            moving.append((name, place))
            placed[place] = digest
        record.files = placed
    return tuple(moving)


def _needs_files(out: Path, manifest, formats: tuple[str, ...], force: bool = False) -> set[str]:
    """Documents whose recorded files are missing from OUT or lack a wanted format; with
    `force`, also those whose files no longer hold the recorded bytes (they are written
    again and the edited file is moved aside)."""
    if manifest is None:
        return set()
    wanted = {f".{f}" for f in formats}
    keys = set()
    for key, record in manifest.documents.items():
        have = {Path(name).suffix for name in record.files}
        if not wanted <= have or any(not (Path(out) / name).exists() for name in record.files):
            keys.add(key)
        elif force and edited_files(out, record.files, record.files):
            keys.add(key)
    return keys
