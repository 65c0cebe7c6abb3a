"""`sskit build` end to end: determinism, atomic output, escaping, overrides, exit codes."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from sskit.cli import main

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"
INJECTION = "*ACME* | {{ 7*7 }} <script>"


def _build(args, **kw):
    return CliRunner().invoke(main, ["build", *args], catch_exceptions=False, **kw)


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def _docx_text(path: Path, part: str = "word/document.xml") -> str:
    return zipfile.ZipFile(path).read(part).decode("utf-8")


def test_build_writes_every_format_and_a_manifest(tmp_path):
    out = tmp_path / "out"
    result = _build([str(MINIMAL), "-o", str(out), "--format", "docx,md,html"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert "sskit-manifest.json" in names and "sskit-content.json.gz" in names
    assert not (out / "修订对照").exists() and not (out / "作废").exists()  # a first build revises nothing
    # a drawing of the Markdown version is an SVG beside it (STEM-图N.svg); every document has all three
    svgs = [n for n in names if n.endswith(".svg")]
    stems = {n.rsplit(".", 1)[0] for n in names if not n.startswith("sskit-") and not n.endswith(".svg")}
    for stem in stems:
        for ext in ("docx", "md", "html"):
            assert f"{stem}.{ext}" in names
    assert svgs and all(n.rsplit("-图", 1)[0] in stems for n in svgs)
    manual_md = next(out.glob("*售后服务手册.md")).read_text(encoding="utf-8")
    assert all(f"]({n})" in manual_md for n in svgs if "售后服务手册" in n)
    manual = next(out.glob("*售后服务手册.docx"))
    assert manual.name.startswith("002-QH-SS-SC-01-")
    manifest = json.loads((out / "sskit-manifest.json").read_text(encoding="utf-8"))
    assert manifest["schema"] == "sskit-manifest/2" and "profile" not in manifest
    assert manifest["support"]["sskit-content.json.gz"] == hashlib.sha256(
        (out / "sskit-content.json.gz").read_bytes()).hexdigest()
    entry = next(d for d in manifest["documents"] if d["key"] == "manual")
    assert entry["files"][manual.name] == hashlib.sha256(manual.read_bytes()).hexdigest()


def test_two_builds_are_byte_identical(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert _build([str(MINIMAL), "-o", str(a), "--format", "docx,md,html", "-q"]).exit_code == 0
    assert _build([str(MINIMAL), "-o", str(b), "--format", "docx,md,html", "-q"]).exit_code == 0
    assert _digests(a) == _digests(b)


def test_zip_entries_carry_no_wall_clock_time(tmp_path):
    assert _build([str(MINIMAL), "-o", str(tmp_path), "-q"]).exit_code == 0
    for docx in tmp_path.glob("*.docx"):
        for info in zipfile.ZipFile(docx).infolist():
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
        core = _docx_text(docx, "docProps/core.xml")
        assert "2026-01-01T00:00:00Z" in core


def test_unchanged_rebuild_keeps_files_and_mtimes(tmp_path):
    assert _build([str(MINIMAL), "-o", str(tmp_path), "-q"]).exit_code == 0
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    os.utime(next(tmp_path.glob("*.docx")), ns=(1, 1))  # make any rewrite visible
    stamped = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    assert _build([str(MINIMAL), "-o", str(tmp_path), "-q"]).exit_code == 0
    after = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    assert after == stamped and set(after) == set(before)


def _with_company_name(tmp_path: Path, name: str) -> Path:
    text = MINIMAL.read_text(encoding="utf-8").replace("name: 杭州青禾电器有限公司", f"name: '{name}'")
    path = tmp_path / "inj.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_injection_string_appears_literally_in_every_format(tmp_path):
    profile = _with_company_name(tmp_path, INJECTION)
    out = tmp_path / "out"
    assert _build([str(profile), "-o", str(out), "--format", "docx,md,html", "-q"]).exit_code == 0
    manual = next(out.glob("*售后服务手册.docx"))
    body = _docx_text(manual)
    assert "*ACME* | {{ 7*7 }} &lt;script&gt;" in body  # literal text, XML-escaped once
    html = next(out.glob("*售后服务手册.html")).read_text(encoding="utf-8")
    assert "*ACME* | {{ 7*7 }} &lt;script&gt;" in html and "<script>" not in html
    md = next(out.glob("*售后服务手册.md")).read_text(encoding="utf-8")
    assert "\\*ACME\\* \\| \\{\\{ 7\\*7 \\}\\} \\<script\\>" in md
    assert "49" not in md.split("\n")[2]


def test_template_error_exits_3_and_leaves_out_untouched(tmp_path):
    out = tmp_path / "out"
    assert _build([str(MINIMAL), "-o", str(out), "-q"]).exit_code == 0
    before = _digests(out)
    overrides = tmp_path / "tpl" / "manuals"
    overrides.mkdir(parents=True)
    (overrides / "manual.md.j2").write_text("# 标题\n\n第二行\n\n{{ company.no_such_field }}\n", encoding="utf-8")
    result = _build([str(MINIMAL), "-o", str(out), "--templates", str(tmp_path / "tpl")])
    assert result.exit_code == 3
    assert f"{overrides / 'manual.md.j2'}:5: error: undefined value" in result.output
    assert "Traceback" not in result.output
    assert _digests(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.staging")]


def test_documents_shared_between_processes_give_the_same_bytes(tmp_path):
    """-j 2 renders and writes the documents in two processes; every file is as with -j 1."""
    formats = ["--format", "docx,md,html,xlsx"]
    assert _build([str(MINIMAL), "-o", str(tmp_path / "one"), "-q", "-j", "1", *formats]).exit_code == 0
    assert _build([str(MINIMAL), "-o", str(tmp_path / "two"), "-q", "-j", "2", *formats]).exit_code == 0
    one, two = _digests(tmp_path / "one"), _digests(tmp_path / "two")
    assert len(one) > 150 and one == two


def test_a_template_error_in_another_process_is_reported_as_in_this_one(tmp_path):
    """The failing document is rendered by whichever process takes it: exit 3, the same located
    message, nothing written, no process left behind."""
    overrides = tmp_path / "tpl" / "procedures"
    overrides.mkdir(parents=True)
    # two broken templates: the report names the first in the set's order, as one process would
    for name in ("complaint.md.j2", "training.md.j2"):
        (overrides / name).write_text("# 标题\n\n{{ company.no_such_field }}\n", encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = _build([str(MINIMAL), "-o", str(out), "--templates", str(tmp_path / "tpl"), "-q", "-j", jobs])
        assert result.exit_code == 3, result.output
        assert "Traceback" not in result.output and not out.exists()
        outputs.append(result.output)
    assert outputs[0] == outputs[1]
    assert f"{overrides / 'complaint.md.j2'}:3: error: undefined value" in outputs[0]
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_override_replaces_one_block_of_the_builtin_manual(tmp_path):
    tpl = tmp_path / "templates" / "manuals"
    tpl.mkdir(parents=True)
    (tpl / "manual.md.j2").write_text(
        '{% extends "builtin/manuals/manual.md.j2" %}\n{% block culture %}\n# 服务文化 {id=culture}\n\n'
        '{{ company.short_name }}以“用心服务每一位顾客”为服务口号。\n{% endblock %}\n', encoding="utf-8")
    profile = tmp_path / "p.yaml"  # a templates/ folder beside the profile is picked up
    profile.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert _build([str(profile), "-o", str(out), "--format", "md", "-q"]).exit_code == 0
    md = next(out.glob("*售后服务手册.md")).read_text(encoding="utf-8")
    assert "青禾电器以“用心服务每一位顾客”为服务口号。" in md
    assert "# 总则" in md  # the other chapters still come from the built-in template
    assert "负责服务理念的对外传播" not in md  # the built-in culture chapter is gone


def test_unknown_format_is_a_usage_error(tmp_path):
    result = _build([str(MINIMAL), "-o", str(tmp_path), "--format", "odt"])
    assert result.exit_code == 2
    assert "unknown format" in result.output


def test_invalid_profile_exits_1_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.read_text(encoding="utf-8").replace("outlets:", "outlet:"), encoding="utf-8")
    result = _build([str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"{bad}:" in result.output and "did you mean 'outlets'?" in result.output
    assert not (tmp_path / "out").exists()


def test_output_path_that_is_a_file_exits_4(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(MINIMAL), "-o", str(blocker)])
    assert result.exit_code in (2, 4)  # click may refuse the path first
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_files_sskit_did_not_write_are_left_alone(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert _build([str(MINIMAL), "-o", str(tmp_path), "-q"]).exit_code == 0
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_real_subprocess_from_another_directory(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-m", "sskit", "build", str(MINIMAL), "-o", str(tmp_path / "o")],
                         cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "documents," in run.stderr and "written to" in run.stderr
    bad = subprocess.run([sys.executable, "-m", "sskit", "build", str(tmp_path / "missing.yaml"), "-o", "o"],
                         cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert "cannot read the profile" in bad.stderr


@pytest.mark.parametrize("command", [["--help"], ["build", "--help"], ["check", "--help"]])
def test_help_documents_exit_codes(command):
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 0
    assert "3  template or render error" in result.output


def test_output_does_not_depend_on_the_garbage_collector(tmp_path, monkeypatch):
    """The build pauses the cyclic collector; with it running the bytes are the same."""
    import contextlib

    import sskit.build as build_module
    from sskit.build import BuildOptions, run_build

    profile = Path(__file__).resolve().parents[1] / "fixtures" / "minimal.yaml"
    run_build(BuildOptions(profile, tmp_path / "paused", ("docx", "md", "html")))
    monkeypatch.setattr(build_module, "collector_paused", contextlib.nullcontext)
    run_build(BuildOptions(profile, tmp_path / "running", ("docx", "md", "html")))
    paused = {p.name: p.read_bytes() for p in (tmp_path / "paused").iterdir()}
    running = {p.name: p.read_bytes() for p in (tmp_path / "running").iterdir()}
    assert len(paused) > 40 and paused == running


def _check_report(*args):
    return subprocess.run([sys.executable, "-m", "sskit", "check", str(MINIMAL), *args],
                          capture_output=True, text=True, cwd=ROOT)


def test_check_report_never_overwrites_an_edited_report(tmp_path):
    """Issue 20 item 1: --report goes through the same edit protection as a build."""
    reports = tmp_path / "reports"
    first = _check_report("--report", str(reports))
    assert first.returncode == 0, first.stderr
    (report,) = reports.glob("*.docx")
    original = report.read_bytes()
    assert _check_report("--report", str(reports)).returncode == 0  # its own report: rewritten freely
    assert report.read_bytes() == original
    report.write_bytes(original + b"edited in Word")
    stopped = _check_report("--report", str(reports))
    assert stopped.returncode == 4
    assert "edited since sskit wrote it" in stopped.stderr and "Traceback" not in stopped.stderr
    assert report.read_bytes() == original + b"edited in Word"
    forced = _check_report("--report", str(reports), "--force")
    assert forced.returncode == 0, forced.stderr
    aside = report.with_name(report.stem + ".edited-1.docx")
    assert aside.read_bytes() == original + b"edited in Word" and report.read_bytes() == original
    assert f"kept your edited report as {aside}" in forced.stderr


def test_check_report_leaves_a_build_folders_report_to_the_build(tmp_path):
    out = tmp_path / "out"
    assert _build([str(MINIMAL), "-o", str(out), "-q"]).exit_code == 0
    before = _digests(out)
    assert _check_report("--report", str(out)).returncode == 0  # the same report: nothing to write
    assert _digests(out) == before
    (report,) = out.glob("*自评报告.docx")
    report.write_bytes(b"edited")
    stopped = _check_report("--report", str(out))
    assert stopped.returncode == 4 and "belongs to the document set built in this folder" in stopped.stderr
    assert report.read_bytes() == b"edited"


def test_a_template_that_writes_a_broken_flowchart_is_a_located_render_error(tmp_path):
    """A decision row without branch marks cannot be drawn: exit 3 naming the template, no traceback."""
    from click.testing import CliRunner

    from sskit.cli import main

    root = Path(__file__).resolve().parents[2]
    override = tmp_path / "templates" / "manuals"
    override.mkdir(parents=True)
    (override / "pledge.md.j2").write_text(
        "# 承诺\n\n<!-- flowchart -->\n\nTable: 承诺流程\n| 序号 | 环节 | 责任部门 |\n|---|---|---|\n"
        "| 1 | 受理 | 客服部 |\n| 2 | 能否修复？ | 技术部 |\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(root / "profiles" / "huaxia-appliance.yaml"), "-o",
                                       str(tmp_path / "out"), "--templates", str(tmp_path / "templates"), "-q"])
    assert result.exit_code == 3, result.output
    assert "manuals/pledge.md.j2" in result.output and "Traceback" not in result.output
    assert "承诺流程" in result.output and "row 2" in result.output
