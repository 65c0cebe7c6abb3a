"""Issue 18, after review: the odd cases of a rebuild — a change that cannot be taken back on its
own, a document withdrawn twice, sskit's folder taken by a file, sentences that must not depend
on hash order, and an OUT written by an earlier sskit that numbered files by position."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from sskit.build import BuildOptions, run_build
from sskit.cli import main

ROOT = Path(__file__).resolve().parents[2]
HUAXIA = ROOT / "profiles" / "huaxia-appliance.yaml"
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _installs(tmp_path: Path) -> Path:
    return _write(tmp_path / "installs.yaml", MINIMAL.read_text(encoding="utf-8").replace(
        "    category: refrigerator\n", "    category: refrigerator\n    installation_required: true\n", 1))


def test_a_change_that_cannot_be_taken_back_alone_falls_back_without_a_traceback(tmp_path):
    """A new department that an activity names: without the department the profile still
    validates but cannot be derived. Build, status and diff go on, naming the change by its words."""
    text = HUAXIA.read_text(encoding="utf-8")
    text = text.replace("departments:\n", "departments:\n  - id: survey\n    name: 顾客研究部\n    parent: svc\n"
                                          "    head: 唐宁\n    functions: [customer_service]\n", 1)
    text = text.replace("satisfaction_survey: {owner: callcenter, every_months: 3}",
                        "satisfaction_survey: {owner: survey, every_months: 3}")
    both = _write(tmp_path / "both.yaml", text.replace("hours: 24}", "hours: 20}", 1))
    out = tmp_path / "out"
    run_build(BuildOptions(HUAXIA, out))
    runner = CliRunner()
    status = runner.invoke(main, ["status", str(both), "-o", str(out), "--json"])
    assert status.exit_code == 0, status.output
    diff = runner.invoke(main, ["diff", str(HUAXIA), str(both), "--format", "json"])
    assert diff.exit_code == 0, diff.output
    result = run_build(BuildOptions(both, out))
    manifest = json.loads((out / "sskit-manifest.json").read_text(encoding="utf-8"))
    rows = {d["key"]: d["revisions"][-1]["summary"] for d in manifest["documents"] if d["version"] == "A/1"}
    assert any("新设顾客研究部" in summary for summary in rows.values())
    assert set(rows) == {k for k, s in result.statuses.items() if s == "changed"}


def test_a_document_withdrawn_twice_keeps_both_withdrawn_copies(tmp_path):
    installs = _installs(tmp_path)
    out = tmp_path / "out"
    for profile in (installs, MINIMAL, installs, MINIMAL):
        run_build(BuildOptions(profile, out, formats=("md",)))
    manifest = json.loads((out / "sskit-manifest.json").read_text(encoding="utf-8"))
    records = [w for w in manifest["withdrawn"] if w["key"] == "proc-installation"]
    assert len(records) == 2
    placed = sorted(name for w in records for name in w["files"])
    assert placed == sorted({p.relative_to(out).as_posix() for p in (out / "作废").iterdir()})
    # each withdrawal keeps its Markdown and its flowchart's SVG, named by the version withdrawn
    assert [name.rsplit("-", 1)[1] for name in placed if name.endswith(".md")] == ["A0.md", "A1.md"]
    assert [name.rsplit("-", 1)[1] for name in placed if name.endswith(".svg")] == ["A0.svg", "A1.svg"]
    assert len(placed) == 4 and all("安装调试控制程序" in name for name in placed)


def test_a_file_in_the_place_of_sskits_folder_stops_the_build_before_anything_is_written(tmp_path):
    installs = _installs(tmp_path)
    out = tmp_path / "out"
    run_build(BuildOptions(installs, out, formats=("md",)))
    (out / "作废").write_text("mine", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    result = CliRunner().invoke(main, ["build", str(MINIMAL), "-o", str(out), "--format", "md"])
    assert result.exit_code == 4, result.output
    assert "is a file, but sskit keeps this folder in OUT" in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert not (out / ".sskit-journal.json").exists()


def test_revision_rows_do_not_depend_on_the_hash_seed(tmp_path):
    """Two on-site areas and a main part removed at once: the row lists them in the profile's order."""
    base = tmp_path / "base.yaml"
    text = HUAXIA.read_text(encoding="utf-8")
    _write(base, text)
    gone = ("    - {area: 县城及县级市城区, hours: 48}\n", "    - {area: 乡镇及农村地区, hours: 72}\n")
    assert all(line in text for line in gone)
    fewer = _write(tmp_path / "fewer.yaml", text.replace(gone[0], "", 1).replace(gone[1], "", 1))
    rows = []
    for seed in ("1", "2", "3"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        for profile in (base, fewer):
            done = subprocess.run([sys.executable, "-m", "sskit", "build", str(profile), "-o", str(out), "-q",
                                   "--format", "md", "--allow-errors"], cwd=tmp_path, env=env,
                                  capture_output=True, text=True)
            assert done.returncode == 0, done.stderr
        rows.append((out / "sskit-manifest.json").read_bytes())
    assert rows[0] == rows[1] == rows[2]
    manifest = json.loads(rows[0])
    assert any("取消县城及县级市城区上门时限；取消乡镇及农村地区上门时限" in d["revisions"][-1]["summary"]
               for d in manifest["documents"])


def test_files_named_by_an_earlier_sskit_take_their_stable_names(tmp_path):
    """A manifest whose files carry other names (positions, as before issue 18): the next build
    writes every document under its own name, removes the old files and then has nothing to do."""
    out = tmp_path / "out"
    run_build(BuildOptions(MINIMAL, out, formats=("md",)))
    manifest = json.loads((out / "sskit-manifest.json").read_text(encoding="utf-8"))
    for doc in manifest["documents"]:  # rename every file as a position-numbered release did
        renamed = {}
        for name, digest in doc["files"].items():
            old = "0" + name[1:] if name.startswith("0") else name
            old = old[1:] if old[:3].isdigit() else old
            (out / name).rename(out / old)
            renamed[old] = digest
        doc["files"] = renamed
    manifest["inputs_sha256"] = "0" * 64  # written by another sskit: its code is part of the inputs
    (out / "sskit-manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    result = run_build(BuildOptions(MINIMAL, out, formats=("md",)))
    assert set(result.statuses.values()) == {"unchanged"} and result.removed
    names = {p.name for p in out.iterdir() if p.suffix == ".md"}
    assert names and all(name[:3].isdigit() and name[3] == "-" for name in names)
    again = run_build(BuildOptions(MINIMAL, out, formats=("md",)))
    assert again.check is None  # the no-change shortcut: every file as the manifest records it


def test_a_document_that_applies_again_goes_on_from_its_withdrawn_version(tmp_path):
    installs = _installs(tmp_path)
    out = tmp_path / "out"
    run_build(BuildOptions(installs, out, formats=("md",)))
    run_build(BuildOptions(MINIMAL, out, formats=("md",), date="2026-03-01"))
    result = run_build(BuildOptions(installs, out, formats=("md",), date="2026-05-01"))
    assert result.statuses["proc-installation"] == "changed"
    manifest = json.loads((out / "sskit-manifest.json").read_text(encoding="utf-8"))
    (doc,) = [d for d in manifest["documents"] if d["key"] == "proc-installation"]
    assert [(r["version"], r["date"]) for r in doc["revisions"]] == [("A/0", "2026-01-01"), ("A/1", "2026-05-01")]
    assert doc["revisions"][-1]["summary"].startswith("重新适用，恢复发布（A/0版于2026年3月1日作废）")
    assert [w["key"] for w in manifest["withdrawn"]] == ["proc-installation"]  # the history stays
