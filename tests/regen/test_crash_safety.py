"""A build either completes or leaves OUT recoverable; one writer per OUT (issue 20 items 2, 3, 5).

These tests use real processes: a second build against a held lock, a rename that fails
halfway, and kill -9 at random moments of a build.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"



def _stored_profile(out: Path) -> dict:
    """The profile the last build kept in OUT (the content store the manifest vouches for)."""
    import gzip
    import hashlib
    manifest = json.loads((out / "sskit-manifest.json").read_text(encoding="utf-8"))
    raw = (out / "sskit-content.json.gz").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == manifest["support"]["sskit-content.json.gz"]
    return json.loads(gzip.decompress(raw))["profile"]

def _sskit(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sskit", *args], capture_output=True, text=True, cwd=cwd)


def _profiles(tmp_path: Path) -> tuple[Path, Path]:
    v1 = tmp_path / "p.yaml"
    v1.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    v2 = tmp_path / "v2.yaml"
    text = MINIMAL.read_text(encoding="utf-8")
    assert "complaint_resolution_days: 7" in text
    v2.write_text(text.replace("complaint_resolution_days: 7", "complaint_resolution_days: 6"), encoding="utf-8")
    return v1, v2


def _build_seconds(tmp_path: Path, profile: Path) -> float:
    """How long one forced build takes here: the random kill moments are drawn within it, so
    that most signals land while a build runs, on a fast machine and a loaded one alike."""
    started = time.perf_counter()
    assert _sskit("build", str(profile), "-o", str(tmp_path / "timing"), "-q", "--format", "md",
                  cwd=tmp_path).returncode == 0
    return time.perf_counter() - started


def _matches_manifest(out: Path) -> list[str]:
    """Files that do not hold the bytes the manifest records (and stray staging or journal)."""
    manifest = json.loads((out / "sskit-manifest.json").read_text(encoding="utf-8"))
    vouched = {name: digest for doc in manifest["documents"] for name, digest in doc["files"].items()}
    vouched.update((name, digest) for w in manifest.get("withdrawn", []) for name, digest in w["files"].items())
    vouched.update(manifest.get("support", {}))
    bad = [name for name, digest in vouched.items()
           if not (out / name).is_file() or hashlib.sha256((out / name).read_bytes()).hexdigest() != digest]
    return bad + [p.name for p in out.iterdir() if p.name.startswith((".sskit", "..sskit"))]


def test_a_second_build_into_a_held_folder_fails_naming_the_holder(tmp_path):
    v1, _ = _profiles(tmp_path)
    out = tmp_path / "out"
    assert _sskit("build", str(v1), "-o", str(out), "-q", "--format", "md", cwd=tmp_path).returncode == 0
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys, time\n"
        f"fd = os.open({str(out)!r}, os.O_RDONLY); fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "print('locked', flush=True); time.sleep(60)\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        second = _sskit("build", str(v1), "-o", str(out), "--force", "--format", "md", cwd=tmp_path)
        assert second.returncode == 4, second.stderr
        assert "another sskit build is writing this folder" in second.stderr
        if Path("/proc/locks").exists():
            assert f"process {holder.pid}" in second.stderr
    finally:
        holder.kill()
        holder.wait()
    assert _sskit("build", str(v1), "-o", str(out), "--force", "--format", "md", "-q", cwd=tmp_path).returncode == 0


def test_a_build_stopped_halfway_through_its_renames_is_finished_by_the_next(tmp_path):
    """The issue's recipe: a directory where a file must go stops the renames; the next build,
    after the obstacle is gone, completes the interrupted one and then builds what it is asked."""
    v1, v2 = _profiles(tmp_path)
    out = tmp_path / "R"
    assert _sskit("build", str(v1), "-o", str(out), "-q", "--format", "md", cwd=tmp_path).returncode == 0
    target = next(out.glob("*顾客投诉处理程序.md"))  # one of the files v2 changes, not the first
    saved = tmp_path / "saved"
    target.rename(saved)
    target.mkdir()
    (target / "x").write_text("x")
    stopped = _sskit("build", str(v2), "-o", str(out), "-q", "--format", "md", cwd=tmp_path)
    assert stopped.returncode == 4 and "the next sskit build into this folder finishes" in stopped.stderr
    assert (out / ".sskit-journal.json").is_file()
    pending = _sskit("status", str(v1), "-o", str(out), "--format", "md", "--json", cwd=tmp_path)
    assert json.loads(pending.stdout)["interrupted"] is True
    (target / "x").unlink()
    target.rmdir()
    saved.rename(target)
    again = _sskit("build", str(v1), "-o", str(out), "--format", "md", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "nothing to do" not in again.stderr  # the files no longer match the v1 manifest
    assert _matches_manifest(out) == []
    manifest = json.loads((out / "sskit-manifest.json").read_text(encoding="utf-8"))
    assert _stored_profile(out)["commitments"]["complaint_resolution_days"] == 7  # v1 again, not v2
    status = json.loads(_sskit("status", str(v1), "-o", str(out), "--format", "md", "--json", cwd=tmp_path).stdout)
    assert status["summary"]["edited"] == 0 and status["interrupted"] is False


def test_the_no_change_shortcut_checks_the_bytes_and_force_bypasses_it(tmp_path):
    v1, _ = _profiles(tmp_path)
    out = tmp_path / "out"
    assert _sskit("build", str(v1), "-o", str(out), "-q", "--format", "md", cwd=tmp_path).returncode == 0
    victim = next(out.glob("002-*.md"))
    victim.write_text("changed behind sskit's back", encoding="utf-8")
    result = _sskit("build", str(v1), "-o", str(out), "--format", "md", cwd=tmp_path)
    assert "nothing to do" not in result.stderr  # the shortcut saw the changed bytes
    # its document has not changed, so the build leaves the edit alone, and status says so
    assert result.returncode == 0 and victim.read_text(encoding="utf-8") == "changed behind sskit's back"
    status = json.loads(_sskit("status", str(v1), "-o", str(out), "--format", "md", "--json", cwd=tmp_path).stdout)
    assert status["edited"] == [victim.name] and status["blocking"] == []
    forced = _sskit("build", str(v1), "-o", str(out), "--force", "--format", "md", cwd=tmp_path)
    assert forced.returncode == 0 and _matches_manifest(out) == []
    aside = victim.with_name(victim.stem + ".edited-1.md")
    assert aside.read_text(encoding="utf-8") == "changed behind sskit's back"


def test_staging_happens_inside_out_so_a_read_only_parent_does_not_matter(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root ignores directory permissions, so a read-only parent cannot be made here")
    v1, _ = _profiles(tmp_path)
    parent = tmp_path / "ro"
    out = parent / "out"
    out.mkdir(parents=True)
    parent.chmod(0o555)
    try:
        result = _sskit("build", str(v1), "-o", str(out), "-q", "--format", "md", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert _matches_manifest(out) == []
    finally:
        parent.chmod(0o755)


def test_an_out_that_is_a_mount_point_builds(tmp_path):
    """OUT on another file system than its parent (docker -v ./out:/out): renames stay inside OUT."""
    v1, _ = _profiles(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(out)], capture_output=True,
                             text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip() or mounted.returncode}")
    try:
        assert os.stat(out).st_dev != os.stat(tmp_path).st_dev
        result = _sskit("build", str(v1), "-o", str(out), "-q", "--format", "md", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert _matches_manifest(out) == []
        again = _sskit("build", str(v1), "-o", str(out), "--force", "-q", "--format", "md", cwd=tmp_path)
        assert again.returncode == 0, again.stderr
        # an OUT that is a symbolic link to a folder on the other file system
        (out / "linked").mkdir()
        (tmp_path / "out-link").symlink_to(out / "linked")
        linked = _sskit("build", str(v1), "-o", str(tmp_path / "out-link"), "-q", "--format", "md", cwd=tmp_path)
        assert linked.returncode == 0, linked.stderr
        assert _matches_manifest(out / "linked") == []
    finally:
        subprocess.run(["umount", str(out)], check=True)


@pytest.mark.parametrize("moment", ["stage:1", "stage:5", "journal:0", "rename:1", "rename:4", "rename:7",
                                    "manifest:0"])
def test_a_build_killed_in_each_phase_of_writing_recovers(tmp_path, moment):
    """kill -9 at a chosen moment of the write (the writer pauses there when SSKIT_PAUSE_AT says
    so): staging, after the journal, after the n-th rename, before the manifest's rename."""
    v1, v2 = _profiles(tmp_path)
    out = tmp_path / "out"
    assert _sskit("build", str(v1), "-o", str(out), "-q", "--format", "md,html", cwd=tmp_path).returncode == 0
    proc = subprocess.Popen([sys.executable, "-m", "sskit", "build", str(v2), "-o", str(out), "-q", "--format",
                             "md,html"], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "SSKIT_PAUSE_AT": moment})
    assert proc.stderr.readline().strip() == f"sskit-paused {moment}"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    journal = (out / ".sskit-journal.json").exists()
    assert journal == (not moment.startswith("stage"))  # the journal exists from its write to the end
    after = _sskit("build", str(v2), "-o", str(out), "--format", "md,html", cwd=tmp_path)
    assert after.returncode == 0, after.stderr
    assert _matches_manifest(out) == []
    manifest = json.loads((out / "sskit-manifest.json").read_text(encoding="utf-8"))
    assert _stored_profile(out)["commitments"]["complaint_resolution_days"] == 6  # v2, finished


KILLS = 50


def test_builds_killed_at_random_moments_always_recover(tmp_path, capsys):
    """kill -9 during a rebuild, at least 50 times; after each, the next build exits 0 and
    every file in OUT holds the bytes the manifest records."""
    v1, v2 = _profiles(tmp_path)
    out = tmp_path / "out"
    assert _sskit("build", str(v1), "-o", str(out), "-q", "--format", "md", cwd=tmp_path).returncode == 0
    rng = random.Random(27922)
    span = _build_seconds(tmp_path, v2)
    interrupted = 0
    for i in range(KILLS):
        wanted = v2 if i % 2 == 0 else v1
        proc = subprocess.Popen([sys.executable, "-m", "sskit", "build", str(wanted), "-o", str(out), "-q",
                                 "--format", "md"], cwd=tmp_path, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 0.9) * span)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            interrupted += 1
        else:  # a rebuild is quicker than the forced build timed above: draw the next moment sooner
            span *= 0.8
        proc.wait()
        after = _sskit("build", str(wanted), "-o", str(out), "-q", "--format", "md", cwd=tmp_path)
        assert after.returncode == 0, (i, after.stderr)
        assert _matches_manifest(out) == [], i
    with capsys.disabled():
        print(f"\n{KILLS} builds started, {interrupted} killed with SIGKILL before they finished; "
              f"every next build recovered")
    assert interrupted >= KILLS // 2


def test_ctrl_c_at_any_moment_exits_130_without_a_traceback(tmp_path):
    """Issue 20 item 6: SIGINT during start-up or the build: exit 130 and one line, 20 times.

    The builds alternate between two profiles in one OUT, so each is a rebuild of the documents
    the other changed; the signal's moment is drawn within the time such a rebuild took here, and
    the window shrinks whenever a build finished first, so that the test interrupts at least 20
    builds on a fast machine and on one busy with other tests alike."""
    v1, v2 = _profiles(tmp_path)
    out = tmp_path / "out"
    assert _sskit("build", str(v1), "-o", str(out), "-q", "--format", "md", cwd=tmp_path).returncode == 0
    started = time.perf_counter()
    assert _sskit("build", str(v2), "-o", str(out), "-q", "--format", "md", cwd=tmp_path).returncode == 0
    span = time.perf_counter() - started
    rng = random.Random(130)
    interrupted = finished = 0
    for i in range(60):
        proc = subprocess.Popen([sys.executable, "-m", "sskit", "build", str(v2 if i % 2 else v1), "-o", str(out),
                                 "-q", "--format", "md"], cwd=tmp_path, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        time.sleep(max(0.15, rng.uniform(0.02, 0.9) * span))  # not before Python itself has started
        running = proc.poll() is None
        if running:
            proc.send_signal(signal.SIGINT)
        _, err = proc.communicate()
        assert "Traceback" not in err and "Aborted!" not in err, err
        if running and proc.returncode != 0:  # interrupted (a build may finish just as the signal comes)
            interrupted += 1
            assert (proc.returncode, err.strip().splitlines()[-1:]) == (130, ["interrupted"]), (proc.returncode, err)
        else:
            assert proc.returncode == 0, err
            finished += 1
            span = max(0.2, span * 0.8)
        if interrupted == 20:
            break
    assert interrupted == 20, (interrupted, finished)
    after = _sskit("build", str(v1), "-o", str(out), "-q", "--format", "md", cwd=tmp_path)
    assert after.returncode == 0 and _matches_manifest(out) == []


def test_files_of_documents_that_no_longer_apply_leave_out(tmp_path):
    """Issue 18 (stale files, withdrawal): when a procedure stops applying, its files move to
    OUT/作废/ and the manifest records the withdrawal, except one edited by hand, which stays
    where it is and is reported; no other file is renamed or left unrecorded."""
    v1, out = _built_with_installation(tmp_path)
    first = json.loads((out / "sskit-manifest.json").read_text(encoding="utf-8"))
    before = {p.name for p in out.iterdir() if p.is_file()}
    assert any("安装调试控制程序" in name for name in before)
    # a document the change does not touch, corrected by hand: left as it is, with a warning
    planned = json.loads(_sskit("status", str(v1), "-o", str(out), "--format", "md", "--json", cwd=tmp_path).stdout)
    untouched = next(d for d in planned["documents"] if d["status"] == "unchanged" and d["key"].startswith("form-"))
    (edited,) = [out / name for d in first["documents"] if d["key"] == untouched["key"] for name in d["files"]]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n手工补充的内容。\n", encoding="utf-8")
    status = _sskit("status", str(v1), "-o", str(out), "--format", "md", "--json", cwd=tmp_path)
    report = json.loads(status.stdout)
    assert (report["kept"], report["blocking"]) == ([edited.name], [])
    assert [w["key"] for w in report["withdrawn"]] == ["proc-installation"]
    result = _sskit("build", str(v1), "-o", str(out), "--format", "md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"{edited}: warning: edited since sskit wrote it; left as it is" in result.stderr
    assert "手工补充的内容" in edited.read_text(encoding="utf-8")
    manifest = json.loads((out / "sskit-manifest.json").read_text(encoding="utf-8"))
    listed = _listed(manifest)
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert on_disk == listed  # nothing stale, nothing unrecorded
    assert "withdrew" in result.stderr and "安装调试控制程序" in result.stderr
    # the documents that went are withdrawn, not deleted; the file names of the others did not move
    gone = {d["key"] for d in first["documents"]} - {d["key"] for d in manifest["documents"]}
    assert gone and {w["key"] for w in manifest["withdrawn"]} == gone
    moved = {name for w in manifest["withdrawn"] for name in w["files"]}
    assert moved and all(name.startswith("作废/") for name in moved)
    assert {n for d in manifest["documents"] for n in d["files"]} <= before
    assert not any(line.startswith("removed ") for line in result.stderr.splitlines())
    index = next(out.glob("001-*文件清单.md")).read_text(encoding="utf-8")
    assert "# 作废文件" in index and all(w["title"] in index for w in manifest["withdrawn"])
    assert _matches_manifest(out) == [edited.name]


def test_an_edited_file_of_a_withdrawn_document_stays_where_it_is(tmp_path):
    v1, out = _built_with_installation(tmp_path)
    (edited,) = [p for p in out.iterdir() if "安装调试控制程序" in p.name and p.suffix == ".md"]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n手工补充的内容。\n", encoding="utf-8")
    result = _sskit("build", str(v1), "-o", str(out), "--format", "md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"kept {edited}: no longer part of the set, but edited since sskit wrote it" in result.stderr
    manifest = json.loads((out / "sskit-manifest.json").read_text(encoding="utf-8"))
    # the edited Markdown stays; the files sskit wrote beside it (its flowchart's SVG) are withdrawn
    ((key, files),) = [(w["key"], w["files"]) for w in manifest["withdrawn"]]
    assert key == "proc-installation" and files and all(
        name.startswith("作废/") and "安装调试控制程序-图" in name and name.endswith("-A0.svg") for name in files)
    assert edited.is_file() and sorted(p.name for p in (out / "作废").iterdir()) == sorted(
        name.removeprefix("作废/") for name in files)
    assert {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} == _listed(manifest) | {edited.name}


def _built_with_installation(tmp_path: Path) -> tuple[Path, Path]:
    """v1's profile, and OUT built from a copy of it whose first product needs installing (one
    procedure more, which v1 then withdraws)."""
    v1, _ = _profiles(tmp_path)
    installs = tmp_path / "installs.yaml"
    installs.write_text(v1.read_text(encoding="utf-8").replace(
        "    category: refrigerator\n", "    category: refrigerator\n    installation_required: true\n", 1),
        encoding="utf-8")
    out = tmp_path / "out"
    assert _sskit("build", str(installs), "-o", str(out), "-q", "--format", "md", cwd=tmp_path).returncode == 0
    return v1, out


def _listed(manifest: dict) -> set[str]:
    """Every file a manifest vouches for, and the manifest itself."""
    names = {name for doc in manifest["documents"] for name in doc["files"]}
    names |= {name for w in manifest["withdrawn"] for name in w["files"]}
    return names | set(manifest["support"]) | {"sskit-manifest.json"}


@pytest.mark.parametrize("moment", ["journal:0", "manifest:0"])
def test_a_build_killed_while_retiring_files_recovers(tmp_path, moment):
    v1, out = _built_with_installation(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "sskit", "build", str(v1), "-o", str(out), "-q", "--format", "md"],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "SSKIT_PAUSE_AT": moment})
    assert proc.stderr.readline().strip() == f"sskit-paused {moment}"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _sskit("build", str(v1), "-o", str(out), "-q", "--format", "md", cwd=tmp_path).returncode == 0
    manifest = json.loads((out / "sskit-manifest.json").read_text(encoding="utf-8"))
    listed = _listed(manifest)
    assert {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} == listed
    assert _matches_manifest(out) == []
    assert not any("安装调试控制程序" in name for name in listed if not name.startswith("作废/"))
    assert any("安装调试控制程序" in name for name in listed if name.startswith("作废/"))


def test_an_error_a_ctrl_c_causes_inside_a_validator_build_ends_quietly(monkeypatch, capsys):
    """pydantic-core turns the handler's SystemExit(130), raised while it builds a model's validator,
    into a SchemaError that keeps only its text: once the handler has fired, `run` still exits 130
    with the one line "interrupted" and no traceback."""
    import sskit.cli
    from sskit import entry

    class SchemaError(Exception):
        pass

    def interrupted_main():
        try:
            entry._interrupted(signal.SIGINT, None)  # as if Ctrl-C came now
        except SystemExit:
            raise SchemaError('Error building "model" validator: SystemExit: 130') from None

    monkeypatch.setattr(sskit.cli, "main", interrupted_main)
    monkeypatch.setattr(entry, "_fired", False)
    monkeypatch.setattr(signal, "pthread_sigmask", lambda how, mask: set(), raising=False)
    previous = signal.getsignal(signal.SIGINT)
    try:
        with pytest.raises(SystemExit) as exit_:
            entry.run()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert exit_.value.code == 130
    err = capsys.readouterr().err
    assert err == "interrupted\n"
    # without the handler having fired, the same error is a real one and goes up
    monkeypatch.setattr(entry, "_fired", False)
    assert not entry._by_interrupt(SchemaError("boom"))
