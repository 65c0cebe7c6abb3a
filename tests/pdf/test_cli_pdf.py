"""The PDF options of the command line where no LibreOffice is needed: a missing soffice,
a volume without PDFs, `sskit status` with pdf, `sskit --version`."""
from __future__ import annotations

import hashlib
import os
import re
import time
from importlib.metadata import version
from pathlib import Path

from click.testing import CliRunner

from sskit.cli import main
from sskit.pdf.office import INSTALL_HINT, SOFFICE_VARIABLE

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"


def _no_office(tmp_path: Path) -> dict:
    """An environment whose PATH has no soffice (only a folder with a python3 in it)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    return {"PATH": str(bin_dir), SOFFICE_VARIABLE: None}


def _run(args: list[str], env: dict | None = None):
    return CliRunner().invoke(main, args, catch_exceptions=False, env=env)


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_without_libreoffice_the_build_stops_with_the_install_hint_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    result = _run(["build", str(MINIMAL), "-o", str(out), "--format", "docx,pdf", "--volume"], _no_office(tmp_path))
    assert result.exit_code == 4, result.output
    assert "LibreOffice (soffice) is not installed" in result.output
    assert f"hint: {INSTALL_HINT}" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_without_libreoffice_an_existing_set_stays_as_it_is(tmp_path):
    out = tmp_path / "out"
    assert _run(["build", str(MINIMAL), "-o", str(out), "-q"]).exit_code == 0
    before = _digests(out)
    result = _run(["build", str(MINIMAL), "-o", str(out), "--format", "docx,pdf"], _no_office(tmp_path))
    assert result.exit_code == 4, result.output
    assert _digests(out) == before
    assert sorted(os.listdir(out)) == sorted(before)  # no temporary file left either


def test_an_soffice_that_is_not_there_is_named(tmp_path):
    env = {**_no_office(tmp_path), SOFFICE_VARIABLE: str(tmp_path / "nowhere" / "soffice")}
    result = _run(["build", str(MINIMAL), "-o", str(tmp_path / "out"), "--format", "pdf"], env)
    assert result.exit_code == 4, result.output
    assert f"{SOFFICE_VARIABLE}: error: {tmp_path / 'nowhere' / 'soffice'} is not an executable soffice" in result.output


def test_a_volume_needs_the_pdfs(tmp_path):
    result = CliRunner().invoke(main, ["build", str(MINIMAL), "-o", str(tmp_path / "out"), "--volume"])
    assert result.exit_code == 2
    assert "add pdf to --format" in result.output
    assert not (tmp_path / "out").exists()


def test_status_with_pdf_never_starts_libreoffice(tmp_path):
    out = tmp_path / "out"
    assert _run(["build", str(MINIMAL), "-o", str(out), "-q"]).exit_code == 0
    result = _run(["status", str(MINIMAL), "-o", str(out), "--format", "docx,pdf"], _no_office(tmp_path))
    assert result.exit_code == 0, result.output
    assert "0 changed, 0 new" in result.output


def test_version_is_the_installed_distributions():
    result = _run(["--version"])
    assert result.exit_code == 0
    assert result.output == f"sskit, version {version('sskit')}\n"


def test_a_document_libreoffice_hangs_on_stops_the_build_with_exit_4_naming_it(tmp_path, fake_office, monkeypatch):
    """The stand-in LibreOffice (fake_office/) hangs on the second document: the build stops
    after that document's limit (not the worker's), names it, and writes nothing."""
    from sskit.pdf import convert

    monkeypatch.setattr(convert, "TIMEOUT_PER_FILE", 1)
    out = tmp_path / "out"
    env = {SOFFICE_VARIABLE: fake_office.soffice, "FAKE_OFFICE_HANGS_ON": "0001.docx"}
    started = time.monotonic()
    result = _run(["build", str(MINIMAL), "-o", str(out), "--format", "docx,pdf", "-j", "1"], env)
    assert result.exit_code == 4, result.output
    assert time.monotonic() - started < 60
    assert ("002-QH-SS-SC-01-售后服务手册.pdf: error: LibreOffice could not make the PDF: LibreOffice did not "
            "finish it within 1 s (it hangs on this file)") in result.output
    assert re.search(r"\d+ document\(s\) from 003-QH-SS-ZZ-01-部门职责分配表\.pdf on: error: .*not converted: "
                     r"the conversion stopped at the document LibreOffice hung on", result.output), result.output
    assert "Traceback" not in result.output
    assert not out.exists()
