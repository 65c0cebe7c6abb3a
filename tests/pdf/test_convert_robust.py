"""sskit.pdf.convert when LibreOffice or its worker misbehaves, on the stand-in LibreOffice of
fake_office/ (no real one needed): a worker that cannot start, a build interrupted while
starting them, a worker that dies, a document LibreOffice hangs on, sskit killed outright,
a PDF that is not laid out as expected, an unreadable report. Every case is exit 4 naming
what failed, never a traceback, and (conftest.py) never a LibreOffice left running."""
from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from office_stand_in import FAKE_OFFICE, kill_while_converting

from sskit.diagnostics import SskitError
from sskit.pdf import convert
from sskit.pdf.convert import EMFILE_HINT, convert_documents
from sskit.pdf.office import Office

REAL_POPEN = subprocess.Popen  # convert's Popen is the module's: the tests replace it there

def _failure(sources: dict[str, bytes], office: Office, jobs: int = 1) -> list[tuple[str, str]]:
    with pytest.raises(SskitError) as failed:
        convert_documents(sources, jobs=jobs, office=office)
    assert int(failed.value.exit_code) == 4
    return [(d.file, d.message) for d in failed.value.diagnostics]


def test_the_stand_in_converts_and_its_export_date_is_taken_out(fake_office):
    pdfs = convert_documents({"001-a.pdf": b"a", "002-b.pdf": b"b", "003-c.pdf": b"c"}, jobs=2, office=fake_office)
    assert sorted(pdfs) == ["001-a.pdf", "002-b.pdf", "003-c.pdf"]
    for data in pdfs.values():
        assert data.startswith(b"%PDF-1.6\n") and b"/Producer(fake)" in data
        assert b"CreationDate" not in data  # not a Word file: no revision date to put there


class _FailingPopen:
    """subprocess.Popen for sskit.pdf.convert whose call number `at` raises `error`, once the
    workers before it have their (stand-in) LibreOffice running."""

    def __init__(self, at: int, error: BaseException):
        self.at, self.error, self.started = at, error, []

    def __call__(self, args, **kwargs):
        if len(self.started) == self.at:
            for k in range(self.at):
                pid_file = Path(kwargs["cwd"]) / f"sskit-{os.getpid()}-{k}.pid"
                deadline = time.monotonic() + 20
                while not pid_file.exists():
                    assert time.monotonic() < deadline, "the stand-in LibreOffice did not start"
                    time.sleep(0.05)
            raise self.error
        self.started.append(REAL_POPEN(args, **kwargs))
        return self.started[-1]


def test_a_worker_that_cannot_start_is_exit_4_and_the_started_ones_end(fake_office, monkeypatch):
    popen = _FailingPopen(2, OSError(errno.EMFILE, os.strerror(errno.EMFILE)))
    monkeypatch.setattr(convert.subprocess, "Popen", popen)
    with pytest.raises(SskitError) as failed:
        convert_documents({"001-a.pdf": b"hang", "002-b.pdf": b"hang", "003-c.pdf": b"c"}, jobs=3,
                          office=fake_office)
    assert int(failed.value.exit_code) == 4
    [message] = failed.value.diagnostics
    assert message.file == sys.executable
    assert message.message == f"cannot start LibreOffice's Python for the PDFs: {os.strerror(errno.EMFILE)}"
    assert message.hint == EMFILE_HINT
    assert len(popen.started) == 2 and all(p.returncode == -signal.SIGKILL for p in popen.started)


def test_ctrl_c_while_the_workers_start_ends_the_started_ones(fake_office, monkeypatch):
    popen = _FailingPopen(1, KeyboardInterrupt())
    monkeypatch.setattr(convert.subprocess, "Popen", popen)
    with pytest.raises(KeyboardInterrupt):
        convert_documents({"001-a.pdf": b"hang", "002-b.pdf": b"b"}, jobs=2, office=fake_office)
    assert [p.returncode for p in popen.started] == [-signal.SIGKILL]


def test_a_python_that_is_not_there_is_exit_4_with_its_name(fake_office, tmp_path):
    missing = str(tmp_path / "no-python")
    office = Office(fake_office.soffice, missing)
    [(file, message)] = _failure({"001-a.pdf": b"a"}, office)
    assert file == missing
    assert message.startswith("cannot start LibreOffice's Python for the PDFs: No such file or directory")


def test_a_worker_that_dies_takes_its_libreoffice_with_it(fake_office):
    """The UNO Python is SIGKILLed while its soffice runs: that soffice ends too (conftest)."""
    assert _failure({"001-a.pdf": b"a", "002-b.pdf": b"die", "003-c.pdf": b"c"}, fake_office) == [
        ("2 document(s) from 002-b.pdf on", "LibreOffice could not make the PDF: the UNO script failed (exit -9)")]


def test_a_libreoffice_that_crashes_on_a_document_stops_its_worker_there(fake_office):
    assert _failure({"001-a.pdf": b"a", "002-b.pdf": b"crash", "003-c.pdf": b"c", "004-d.pdf": b"d"},
                    fake_office) == [
        ("002-b.pdf", "LibreOffice could not make the PDF: RuntimeError: Binary URP bridge disposed during call"),
        ("2 document(s) from 003-c.pdf on",
         "LibreOffice could not make the PDF: not converted: LibreOffice ended (exit -9) on the document before")]


def test_an_soffice_that_exits_at_once_fails_its_documents_with_one_message(fake_office):
    office = Office(shutil.which("false"), fake_office.python)
    assert _failure({"001-a.pdf": b"a", "002-b.pdf": b"b"}, office) == [
        ("2 document(s) from 001-a.pdf on",
         "LibreOffice could not make the PDF: LibreOffice ended before it listened (exit 1)")]


def test_a_document_libreoffice_hangs_on_is_named_and_the_build_stops(fake_office, monkeypatch):
    monkeypatch.setattr(convert, "TIMEOUT_PER_FILE", 1)
    started = time.monotonic()
    failures = _failure({"001-a.pdf": b"a", "002-b.pdf": b"hang", "003-c.pdf": b"c", "004-d.pdf": b"d"},
                        fake_office)
    assert failures == [
        ("002-b.pdf", "LibreOffice could not make the PDF: LibreOffice did not finish it within 1 s "
                      "(it hangs on this file)"),
        ("2 document(s) from 003-c.pdf on", "LibreOffice could not make the PDF: not converted: the conversion "
                                            "stopped at the document LibreOffice hung on")]
    assert time.monotonic() - started < 10  # the document's limit, not the worker's (3 x 120 s)


def test_a_libreoffice_that_never_listens_is_stopped_at_the_start_limit(fake_office, tmp_path, monkeypatch):
    silent = tmp_path / "silent-soffice"
    silent.write_text("#!/bin/sh\nexec sleep 600\n")
    silent.chmod(0o755)
    monkeypatch.setattr(convert, "TIMEOUT_START", 1)
    started = time.monotonic()
    assert _failure({"001-a.pdf": b"a"}, Office(str(silent), fake_office.python)) == [
        ("1 document(s) from 001-a.pdf on",
         "LibreOffice could not make the PDF: LibreOffice did not listen within 1 s")]
    assert time.monotonic() - started < 10


def test_when_sskit_is_killed_its_workers_and_libreoffices_end(fake_office, owners):
    """SIGKILL gives sskit no chance to clean up: each worker's watchdog notices and ends its group."""
    code = ("import sys\nfrom sskit.pdf.convert import convert_documents\nfrom sskit.pdf.office import Office\n"
            f"convert_documents({{'001-a.pdf': b'hang', '002-b.pdf': b'hang'}}, jobs=2, "
            f"office=Office({fake_office.soffice!r}, sys.executable))\n")
    assert not kill_while_converting(code, owners, lambda lines: sum("soffice.py" in line for line in lines) >= 2, 20,
                                     "the stand-ins did not start")


def test_a_pdf_of_another_layout_fails_that_document_by_name(fake_office):
    [(file, message)] = _failure({"001-a.pdf": b"a", "002-b.pdf": b"garbled", "003-c.pdf": b"c"}, fake_office)
    assert file == "002-b.pdf"
    assert message == ("LibreOffice could not make the PDF: unexpected PDF from LibreOffice: "
                       "no classic cross-reference table at the end")


def test_a_file_that_does_not_open_fails_by_name_and_the_others_go_on(fake_office):
    assert _failure({"001-a.pdf": b"unreadable", "002-b.pdf": b"b"}, fake_office) == [
        ("001-a.pdf", "LibreOffice could not make the PDF: RuntimeError: LibreOffice could not open the file")]


@pytest.mark.parametrize("report", ['{"items": "none"}', '[1, 2]', '{"items": [1]}', '{"items": [{}, {}, {}]}'])
def test_a_report_sskit_cannot_read_fails_the_documents(fake_office, tmp_path, monkeypatch, report):
    script = tmp_path / "writes_a_report.py"
    script.write_text("import json, sys\njob = json.load(open(sys.argv[1]))\n"
                      f"open(job['report'], 'w').write({report!r})\n")
    monkeypatch.setattr(convert, "SCRIPT", script)
    assert _failure({"001-a.pdf": b"a", "002-b.pdf": b"b"}, fake_office) == [
        ("2 document(s) from 001-a.pdf on", "LibreOffice could not make the PDF: the UNO script wrote a report "
                                            "sskit cannot read")]


def test_the_stand_in_is_where_the_tests_expect_it():
    assert (FAKE_OFFICE / "uno.py").is_file() and (FAKE_OFFICE / "com" / "sun" / "star" / "beans.py").is_file()
