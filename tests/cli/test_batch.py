"""Batch builds: OUT/<profile name>/ each, several processes, failures reported."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def _sskit(*args, cwd):
    return subprocess.run([sys.executable, "-m", "sskit", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env=dict(os.environ, PYTHONPATH=str(ROOT)))


def test_batch_builds_each_profile_and_reports_the_failing_one(tmp_path):
    shutil.copy(FIXTURES / "minimal.yaml", tmp_path / "alpha.yaml")
    shutil.copy(FIXTURES / "compliant.yaml", tmp_path / "beta.yaml")
    bad = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace("outlets:", "outlet:")
    (tmp_path / "gamma.yaml").write_text(bad, encoding="utf-8")
    run = _sskit("build", "alpha.yaml", "gamma.yaml", "beta.yaml", "-o", "out", "--jobs", "2", cwd=tmp_path)
    assert run.returncode == 1
    assert "2 of 3 profiles built" in run.stderr and "failed: gamma.yaml" in run.stderr
    assert "gamma.yaml:" in run.stderr and "did you mean 'outlets'?" in run.stderr
    assert "Traceback" not in run.stderr
    for name in ("alpha", "beta"):
        folder = tmp_path / "out" / name
        assert (folder / "sskit-manifest.json").is_file()
        manifest = json.loads((folder / "sskit-manifest.json").read_text(encoding="utf-8"))
        assert len(list(folder.glob("*.docx"))) == len(manifest["documents"]) >= 30
    assert not (tmp_path / "out" / "gamma").exists()
    one = _sskit("build", "alpha.yaml", "beta.yaml", "-o", "out1", "--jobs", "1", cwd=tmp_path)
    assert one.returncode == 0
    for name in ("alpha", "beta"):
        a = sorted((tmp_path / "out" / name).iterdir())
        b = sorted((tmp_path / "out1" / name).iterdir())
        assert [p.name for p in a] == [p.name for p in b]
        assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b))  # processes do not change output


def test_two_profiles_with_the_same_name_are_a_usage_error(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(FIXTURES / "minimal.yaml", tmp_path / "a" / "p.yaml")
    shutil.copy(FIXTURES / "minimal.yaml", tmp_path / "b" / "p.yaml")
    run = _sskit("build", "a/p.yaml", "b/p.yaml", "-o", "out", cwd=tmp_path)
    assert run.returncode == 2
    assert "several profiles are named p" in run.stderr


def test_the_worker_count_is_capped_by_profiles_and_cpus():
    """Issue 20 item 8: -j 100000 must not fork thousands of processes."""
    from sskit.batch import worker_count

    assert worker_count(100_000, 3, cpus=2) == 3
    assert worker_count(100_000, 50, cpus=2) == 4
    assert worker_count(None, 50, cpus=2) == 2
    assert worker_count(1, 50, cpus=8) == 1
    assert worker_count(None, 1, cpus=8) == 1


def test_an_unexpected_failure_fails_its_profile_only(tmp_path, monkeypatch):
    """Issue 20 item 6: one profile's unexpected exception is its result, not the batch's traceback."""
    from sskit import batch
    from sskit.build import BuildOptions

    calls = []

    def flaky(options, *args, **kwargs):
        calls.append(options.profile.name)
        if options.profile.name == "bad.yaml":
            raise RuntimeError("boom")
        raise PermissionError(13, "Permission denied", str(options.out))

    monkeypatch.setattr(batch, "run_build", flaky)
    targets = [BuildOptions(profile=tmp_path / name, out=tmp_path / "out" / name) for name in ("bad.yaml", "ro.yaml")]
    results = batch.run_batch(targets, jobs=1)
    assert calls == ["bad.yaml", "ro.yaml"]
    assert [(r.exit_code, r.messages) for r in results] == [
        (3, (f"{tmp_path / 'bad.yaml'}: error: internal error RuntimeError: boom (please report it)",)),
        (4, (f"{tmp_path / 'out' / 'ro.yaml'}: error: Permission denied",)),
    ]


def test_batch_folder_names_stay_inside_out(tmp_path):
    """Issue 20: a profile named ...yaml is not built into OUT/.. ."""
    from sskit.batch import batch_targets
    from sskit.build import BuildOptions

    targets = batch_targets([Path("...yaml"), Path("a b.yaml")], tmp_path / "out",
                            BuildOptions(profile=Path("x.yaml"), out=tmp_path / "out"))
    assert [t.out for t in targets] == [tmp_path / "out" / "profile", tmp_path / "out" / "a-b"]


def test_file_name_parts_fit_in_bytes_not_just_characters():
    """Issue 20: a prefix of 4-byte characters must not make a name longer than 255 bytes."""
    from sskit.documents import file_stem, safe_name

    wide = "𠀀" * 60
    assert len(safe_name(wide).encode("utf-8")) <= 100
    assert len((file_stem("self-assessment", wide + "-CX-01", wide) + ".docx").encode("utf-8")) <= 255
