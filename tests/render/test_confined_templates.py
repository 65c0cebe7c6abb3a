"""A template folder cannot read files outside itself through symbolic links (issue 20 item 4)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"
SECRET = "SSKIT-SECRET-7f3a"


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    profile = tmp_path / "p.yaml"
    shutil.copy(MINIMAL, profile)
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(SECRET, encoding="utf-8")
    forms = tmp_path / "templates" / "procedures" / "forms"
    forms.mkdir(parents=True)
    return profile, secret


def _build(tmp_path: Path, out: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sskit", "build", "p.yaml", "-o", out, "-q", "--format", "md"],
                          capture_output=True, text=True, cwd=tmp_path)


def _leaked(folder: Path) -> bool:
    return folder.is_dir() and any(SECRET in p.read_text(encoding="utf-8") for p in folder.glob("*.md"))


def test_a_template_that_is_a_link_to_a_file_outside_is_refused(tmp_path):
    _, secret = _setup(tmp_path)
    link = tmp_path / "templates" / "procedures" / "forms" / "fees.md.j2"
    link.symlink_to(secret)
    result = _build(tmp_path, "out")
    assert result.returncode == 3, result.stderr
    assert (f"{link}: error: template 'procedures/forms/fees.md.j2' resolves to {secret.resolve()}, outside its "
            "template folder; refused") in result.stderr
    assert "Traceback" not in result.stderr and not _leaked(tmp_path / "out")


def test_an_include_through_a_linked_folder_is_refused_at_its_line(tmp_path):
    _, secret = _setup(tmp_path)
    (tmp_path / "templates" / "outside").symlink_to(secret.parent)
    form = tmp_path / "templates" / "procedures" / "forms" / "fees.md.j2"
    text = (ROOT / "templates" / "procedures" / "forms" / "fees.md.j2").read_text(encoding="utf-8")
    form.write_text(text + '\n{% include "outside/secret.txt" %}\n', encoding="utf-8")
    line = len((text + "\n").splitlines()) + 1
    result = _build(tmp_path, "out")
    assert result.returncode == 3, result.stderr
    assert f"{form}:{line}: error: template 'outside/secret.txt' resolves to {secret.resolve()}" in result.stderr
    assert not _leaked(tmp_path / "out")


def test_a_link_that_stays_inside_the_folder_still_works(tmp_path):
    _setup(tmp_path)
    forms = tmp_path / "templates" / "procedures" / "forms"
    shutil.copy(ROOT / "templates" / "procedures" / "forms" / "fees.md.j2", forms / "fees-original.md.j2")
    with open(forms / "fees-original.md.j2", "a", encoding="utf-8") as fh:
        fh.write("\n本表由链接的模板生成。\n")
    (forms / "fees.md.j2").symlink_to(forms / "fees-original.md.j2")
    result = _build(tmp_path, "out")
    assert result.returncode == 0, result.stderr
    (fees,) = (tmp_path / "out").glob("*收费标准公示表.md")
    assert "本表由链接的模板生成。" in fees.read_text(encoding="utf-8")


def test_a_changed_file_that_a_template_includes_is_seen_by_the_no_change_check(tmp_path):
    """Issue 20 item 10: the no-change digest covers every file of a template folder, not only *.j2,
    and folders reached through a symbolic link."""
    _setup(tmp_path)
    shared = tmp_path / "shared-notes"
    shared.mkdir()
    (shared / "note.txt").write_text("第一版说明。", encoding="utf-8")
    (tmp_path / "templates" / "notes").symlink_to(shared)
    form = tmp_path / "templates" / "procedures" / "forms" / "fees.md.j2"
    text = (ROOT / "templates" / "procedures" / "forms" / "fees.md.j2").read_text(encoding="utf-8")
    form.write_text(text + '\n{% include "notes/note.txt" %}\n', encoding="utf-8")
    first = _build(tmp_path, "out")
    assert first.returncode == 3 and "outside its template folder" in first.stderr  # the link leaves the folder
    (tmp_path / "templates" / "notes").unlink()
    (tmp_path / "templates" / "notes").mkdir()
    (tmp_path / "templates" / "notes" / "note.txt").write_text("第一版说明。", encoding="utf-8")
    assert _build(tmp_path, "out").returncode == 0
    (tmp_path / "templates" / "notes" / "note.txt").write_text("第二版说明。", encoding="utf-8")
    again = subprocess.run([sys.executable, "-m", "sskit", "build", "p.yaml", "-o", "out", "--format", "md"],
                           capture_output=True, text=True, cwd=tmp_path)
    assert again.returncode == 0 and "nothing to do" not in again.stderr
    (fees,) = (tmp_path / "out").glob("*收费标准公示表.md")
    assert "第二版说明。" in fees.read_text(encoding="utf-8")
