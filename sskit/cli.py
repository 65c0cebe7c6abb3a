"""The `sskit` command line: the IO edge of the pipeline.

Each command reads its inputs, calls the pure stages and maps `SskitError`
to the documented exit codes in one place (`_run`).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from sskit import __version__
from sskit.diagnostics import Diagnostic, ExitCode, SskitError
from sskit.output.files import MANIFEST_NAME, WITHDRAWN_DIR
from sskit.pdf.volume import VOLUME_NAME

EXIT_CODES_HELP = """\b
Exit codes:
  0  success
  1  invalid profile or failed checks
  2  usage error
  3  template or render error
  4  output or IO error (e.g. refusing to overwrite)"""


def _show_version(ctx: click.Context, param, value: bool) -> None:
    """--version: the installed distribution's version (package metadata; read only when asked,
    it costs a tenth of a second), the source tree's when sskit runs uninstalled."""
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("sskit")
    except PackageNotFoundError:
        found = __version__
    click.echo(f"sskit, version {found}")
    ctx.exit()


def _emit(diags: list[Diagnostic]) -> None:
    for d in diags:
        click.echo(d.format(), err=True)


def _run(fn, *args, **kwargs):
    """Call a command body; expected failures become diagnostics + exit code."""
    try:
        return fn(*args, **kwargs)
    except SskitError as exc:
        _emit(exc.diagnostics)
        sys.exit(int(exc.exit_code))
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)


@click.group(epilog=EXIT_CODES_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
              help="Show the version and exit.")
def main() -> None:
    """sskit: build the GB/T 27922-2011 after-sales service document set
    (售后服务手册, 部门职责分配表, 年度培训计划, 程序文件, 表单) from one company
    profile in YAML."""


def _out_dir(ctx, param, value):
    """-o as a Path; an empty one is refused (a Path of "" is the working directory, where a build
    would scatter its files)."""
    if value is None:
        return None
    if not value.strip():
        raise click.BadParameter("must not be empty; give the folder to write into (\".\" for this one)")
    return Path(value)


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("profiles", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json prints a machine-readable report (schema sskit-check/1) on stdout.")
@click.option("--strict", is_flag=True, help="Warnings fail the check too (exit 1).")
@click.option("--standard", "standard_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="A corrected copy of the GB/T 27922 clause catalogue (YAML).")
@click.option("--report", "report_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write the 自评报告 (self-assessment report, .docx) into this folder.")
@click.option("--force", is_flag=True,
              help="With --report: move a report edited since sskit wrote it aside (NAME.edited-N.docx).")
def check(profiles: tuple[Path, ...], fmt: str, strict: bool, standard_file: Path | None,
          report_dir: Path | None, force: bool) -> None:
    """Validate PROFILES and check them against the GB/T 27922 readiness rules."""
    from sskit.compliance import check_profile
    from sskit.compliance.output import json_report, text_report

    results = []
    if standard_file is not None:  # a broken catalogue is its own error, not an invalid profile
        from sskit.standard import load_catalogue

        _run(load_catalogue, standard_file)
    for path in profiles:
        try:
            profile, catalogue, result = check_profile(path, standard_file)
            results.append((path, [], result))
            if report_dir is not None:
                target = report_dir if len(profiles) == 1 else report_dir / path.stem
                _run(_write_report, path, profile, catalogue, result, target, force)
        except SskitError as exc:
            results.append((path, exc.diagnostics, None))
    failed = [p for p, diags, result in results if diags or (result and result.failed(strict))]
    if fmt == "json":
        click.echo(json_report(results, strict))
    else:
        click.echo(text_report(results, strict), nl=False, err=bool(failed))
    sys.exit(ExitCode.INVALID if failed else ExitCode.OK)


def _write_report(path: Path, profile, catalogue, result, target: Path, force: bool) -> None:
    from sskit.build import render_document_set, template_set_for
    from sskit.output.writer import write_report

    docs = render_document_set(profile, catalogue, template_set_for(path, None), ("docx",), None, result)
    report = next(d for d in docs if d.spec.key == "self-assessment")
    written = write_report(target, report.files, force=force)
    for name in written.moved_aside:
        click.echo(f"kept your edited report as {target / name}", err=True)
    for name in written.written + written.unchanged:
        click.echo(f"report: {target / name}", err=True)


@main.command()
def schema() -> None:
    """Print the profile's JSON Schema (for editors with a YAML language server)."""
    from sskit.profile.schema import schema_text

    click.echo(schema_text(), nl=False)


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--industry", type=click.Choice(["appliance", "water_purifier", "auto", "general", "service", "industrial"]),
              default="appliance", show_default=True, help="Which kind of company the starter describes.")
@click.option("--force", is_flag=True, help="Overwrite an existing profile.yaml.")
@click.option("--xlsx", "as_xlsx", is_flag=True,
              help="Write the data-collection workbook DIRECTORY/profile.xlsx (资料收集表) for the client instead.")
def init(directory: Path, industry: str, force: bool, as_xlsx: bool) -> None:
    """Write a commented starter profile DIRECTORY/profile.yaml to fill in,
    with profile.schema.json beside it for the editor."""
    from sskit.output.files import write_atomic
    from sskit.profile.schema import schema_text
    from sskit.profile.starter import starter_profile

    if as_xlsx:
        _run(_init_workbook, directory, industry, force)
        return

    def body():
        target = directory / "profile.yaml"
        if target.exists() and not force:
            raise SskitError([Diagnostic(str(target), 0, 0, "already exists; not overwritten",
                                         hint="use --force to replace it, or choose another directory")],
                             ExitCode.OUTPUT)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            write_atomic(target, starter_profile(industry).encode("utf-8"))
            write_atomic(directory / "profile.schema.json", schema_text().encode("utf-8"))
        except OSError as exc:
            raise SskitError([Diagnostic(str(target), 0, 0, f"cannot write: {exc.strerror or exc}")],
                             ExitCode.OUTPUT) from None
        click.echo(f"wrote {target}; fill it in, then run: sskit check {target}")

    _run(body)


def _init_workbook(directory: Path, industry: str, force: bool) -> None:
    from sskit.profile import parse_profile
    from sskit.profile.starter import starter_profile
    from sskit.profile.workbook import profile_workbook

    target = directory / "profile.xlsx"
    _write_new(target, profile_workbook(parse_profile(starter_profile(industry), "starter.yaml")), force)
    click.echo(f"wrote {target}; send it to the client, then run: sskit check {target}")


def _write_new(target: Path, data: bytes, force: bool) -> None:
    from sskit.output.files import write_atomic

    if target.exists() and not force:
        raise SskitError([Diagnostic(str(target), 0, 0, "already exists; not overwritten",
                                     hint="use --force to replace it, or choose another name")], ExitCode.OUTPUT)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    except OSError as exc:
        raise SskitError([Diagnostic(str(target), 0, 0, f"cannot write: {exc.strerror or exc}")],
                         ExitCode.OUTPUT) from None


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite TARGET if it exists.")
def convert(source: Path, target: Path, force: bool) -> None:
    """Convert a profile between YAML and the data-collection workbook (资料收集表):
    profile.yaml -> client.xlsx, or client.xlsx -> profile.yaml (by TARGET's extension)."""
    kind = target.suffix.lower()
    if kind not in (".xlsx", ".yaml", ".yml"):
        raise click.BadParameter("TARGET must end in .xlsx, .yaml or .yml", param_hint="TARGET")

    def body():
        from sskit.profile import read_profile
        from sskit.profile.workbook import profile_workbook, profile_yaml

        profile = read_profile(source)
        data = profile_workbook(profile) if kind == ".xlsx" else profile_yaml(profile, source.name).encode("utf-8")
        _write_new(target, data, force)
        click.echo(f"wrote {target}", err=True)

    _run(body)


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("profiles", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--out", "out", required=True, type=click.Path(file_okay=False), callback=_out_dir,
              help="Output directory (with several profiles: OUT/<profile name>/ each).")
@click.option("--format", "formats", default="docx", show_default=True,
              help="Comma-separated output formats: docx, md, html, xlsx (xlsx: the tabular documents only), "
                   "pdf (through LibreOffice, which must be installed).")
@click.option("--volume", is_flag=True,
              help="With pdf: also one combined PDF of the whole set in register order, a bookmark per "
                   f"document (OUT/{VOLUME_NAME}).")
@click.option("--reference-doc", "reference_doc", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="The client's Word template (.docx): styles, fonts, margins and header/footer art are "
                   "taken from it, as pandoc's --reference-doc does.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes that render and write one profile's documents, or build a batch of profiles, "
                   "and LibreOffice conversions at once for pdf (default: the number of CPUs; a batch uses at "
                   "most one per profile and twice the CPUs).")
@click.option("--templates", "template_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="A folder of templates that shadow the built-in ones by relative path.")
@click.option("--standard", "standard_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="A corrected copy of the GB/T 27922 clause catalogue (YAML).")
@click.option("--allow-errors", is_flag=True,
              help="Build even when the readiness check finds errors (they go into the 自评报告).")
@click.option("--force", is_flag=True,
              help="Move files edited since the last build aside (NAME.edited-N.docx) instead of stopping.")
@click.option("--major", is_flag=True, help="Changed documents start a new version letter (A/3 -> B/0).")
@click.option("--date", "revision_date", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Date of this revision (YYYY-MM-DD); default: the profile's effective date.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
def build(profiles: tuple[Path, ...], out: Path, formats: str, volume: bool, reference_doc: Path | None,
          jobs: int | None, template_dir: Path | None, standard_file: Path | None, allow_errors: bool,
          force: bool, major: bool, revision_date, quiet: bool) -> None:
    """Render the full document set for each PROFILE into OUT."""
    wanted = _formats(formats)
    if volume and "pdf" not in wanted:
        raise click.BadParameter("the volume is bound from the PDFs: add pdf to --format (e.g. --format docx,pdf)",
                                 param_hint="--volume")
    date = revision_date.date().isoformat() if revision_date else None
    inputs = None
    if len(profiles) == 1 and not force:  # --force always builds
        # the volume is an output option too (as sskit.build.digest_formats records it)
        inputs = _changed_inputs(profiles[0], out, template_dir, standard_file, (*wanted, "volume") if volume
                                 else wanted, major, date, allow_errors, quiet, reference_doc)
        if inputs is None:
            return
    from sskit.build import BuildOptions, run_build

    options = BuildOptions(profile=profiles[0], out=out, formats=wanted, template_dir=template_dir,
                           standard_file=standard_file, allow_errors=allow_errors, force=force, major=major,
                           date=date, volume=volume, jobs=jobs, reference_doc=reference_doc)
    if len(profiles) > 1:
        _build_batch(list(profiles), out, options, jobs, quiet)
        return
    progress = None
    if not quiet and sys.stderr.isatty():
        def progress(name: str) -> None:
            click.echo(f"  {name}", err=True)
    started = time.perf_counter()
    written = _run(run_build, options, progress=progress, inputs=inputs)
    if written.check is not None and written.check.failed():
        _emit([f for f in written.check.findings if f.severity == "error"])
    for name in written.moved_aside:
        click.echo(f"kept your edit: {out / name}", err=True)
    for name in written.removed:
        click.echo(f"removed {out / name}: no longer part of the set", err=True)
    for name in written.kept:
        click.echo(f"kept {out / name}: no longer part of the set, but edited since sskit wrote it", err=True)
    for name in written.withdrawn:
        click.echo(f"withdrew {out / name}: its document no longer applies; moved to {out / WITHDRAWN_DIR}",
                   err=True)
    for note in written.notes:
        click.echo(f"{profiles[0]}: warning: {note}", err=True)
    for name in written.edited:
        click.echo(f"{out / name}: warning: edited since sskit wrote it; left as it is (its document has not "
                   "changed, so the build does not need to rewrite it)", err=True)
    if not quiet:
        if written.check is not None:
            click.echo(f"check: {written.check.summary()}", err=True)
        else:
            click.echo("nothing to do: the profile, templates and options are as at the last build", err=True)
        if written.first_build:
            click.echo(f"first build into {out} (no {MANIFEST_NAME} there before)", err=True)
        else:
            counts = {s: sum(1 for v in written.statuses.values() if v == s) for s in ("new", "changed", "unchanged")}
            click.echo(f"{counts['changed']} changed, {counts['new']} new, {counts['unchanged']} unchanged", err=True)
        elapsed = time.perf_counter() - started
        click.echo(f"{len(written.statuses)} documents, {len(written.files)} files written to {out} "
                   f"in {elapsed:.2f} s", err=True)


def _changed_inputs(profile: Path, out: Path, template_dir, standard_file, formats, major: bool, date,
                    allow_errors: bool, quiet: bool, reference_doc: Path | None = None) -> str | None:
    """The cheap answer first: when nothing a build reads has changed since
    the last build into OUT, say so without loading the heavy pipeline and
    return None; otherwise the inputs digest, for the build to reuse ("" when
    the inputs cannot be read: the build reports that)."""
    from sskit.regen.quick import raw_inputs_digest, unchanged_build

    started = time.perf_counter()
    try:
        digest = raw_inputs_digest(profile, template_dir, standard_file, formats, major, date, allow_errors,
                                   reference_doc)
    except OSError:
        return ""
    standing = unchanged_build(out, digest)  # None for a corrupted manifest too: the full build reports it
    if standing is None:
        return digest
    if not quiet:
        click.echo("nothing to do: the profile, templates and options are as at the last build", err=True)
        click.echo(f"0 changed, 0 new, {len(standing.documents)} unchanged", err=True)
        click.echo(f"{len(standing.documents)} documents, 0 files written to {out} "
                   f"in {time.perf_counter() - started:.2f} s", err=True)
    return None


def _build_batch(profiles: list[Path], out: Path, template, jobs: int | None, quiet: bool) -> None:
    from sskit.batch import batch_exit_code, batch_targets, run_batch

    try:
        targets = batch_targets(profiles, out, template)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    started = time.perf_counter()

    def done(result) -> None:
        if result.exit_code:
            for message in result.messages:
                click.echo(message, err=True)
        if not quiet:
            state = "ok" if result.exit_code == 0 else f"FAILED (exit {result.exit_code})"
            click.echo(f"{result.profile}: {state}, {result.documents} documents, {result.written} files "
                       f"written to {result.out} in {result.seconds:.2f} s", err=True)

    results = run_batch(targets, jobs, done)
    failed = [r for r in results if r.exit_code]
    elapsed = time.perf_counter() - started
    click.echo(f"{len(results) - len(failed)} of {len(results)} profiles built in {elapsed:.2f} s"
               + (f"; failed: {', '.join(r.profile for r in failed)}" if failed else ""), err=True)
    sys.exit(batch_exit_code(results))


FORMATS = ("docx", "md", "html", "xlsx", "pdf")


def _formats(text: str) -> tuple[str, ...]:
    wanted = tuple(f.strip().lower() for f in text.split(",") if f.strip())
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise click.BadParameter(f"unknown format(s): {', '.join(unknown) or '(none)'}; use {', '.join(FORMATS)}",
                                 param_hint="--format")
    return wanted


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("profile", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--out", "out", required=True, type=click.Path(file_okay=False), callback=_out_dir)
@click.option("--format", "formats", default="docx", show_default=True, help="As for build.")
@click.option("--templates", "template_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--standard", "standard_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--major", is_flag=True, help="As for build.")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON (schema sskit-status/1).")
def status(profile: Path, out: Path, formats: str, template_dir, standard_file, major: bool, as_json: bool) -> None:
    """What `sskit build PROFILE -o OUT` would change, without writing anything."""
    from sskit.regen.status import build_status

    report = _run(build_status, profile, out, _formats(formats), template_dir, standard_file, major)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for doc in report["documents"]:
        line = f"{doc['status']:<10} {doc['number']:<16} {doc['title']}  {doc['version']}"
        if doc["status"] == "changed":
            line += f" -> {doc['new_version']}  {doc['summary']}"
        click.echo(line)
    for item in report["withdrawn"]:
        click.echo(f"withdrawn  {item['number']:<16} {item['title']}  {item['version']}  "
                   f"(no longer applies: its files move to {WITHDRAWN_DIR}/)")
    for name in report["edited"]:
        stops = " (a build stops here unless --force)" if name in report["blocking"] else \
            " (warning: a build leaves it as it is, since its document has not changed)"
        click.echo(f"edited     {name} {stops}")
    if report["interrupted"]:
        click.echo("an interrupted build left a journal in this folder; the next build completes it first", err=True)
    s = report["summary"]
    click.echo(f"{s['changed']} changed, {s['new']} new, {s['unchanged']} unchanged, {s['edited']} edited", err=True)


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def diff(old: Path, new: Path, fmt: str) -> None:
    """The semantic changes from profile OLD to profile NEW and the documents each touches."""
    from sskit.regen.status import profile_changes

    changes = _run(profile_changes, old, new)
    if fmt == "json":
        click.echo(json.dumps({"schema": "sskit-diff/1", "old": str(old), "new": str(new), "changes": changes},
                              ensure_ascii=False, indent=2))
        return
    for change in changes:
        click.echo(f"{change['area']:<16} {change['kind']:<10} {change['text']}")
        if change["documents"]:
            click.echo("    " + "、".join(change["documents"]))
    click.echo(f"{len(changes)} change(s)", err=True)


@main.command(name="templates")
def list_templates() -> None:
    """List the built-in templates and the document each produces."""
    from sskit.documents import document_specs

    for spec in document_specs():
        click.echo(f"{spec.template:<45} {spec.title}")


if __name__ == "__main__":  # pragma: no cover
    main()
