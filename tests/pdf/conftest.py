"""For every test here: no LibreOffice (real or the stand-in) and no UNO worker started by this
test run (or by an sskit process a test names in `owners`) may outlive the test."""
from __future__ import annotations

import os
import sys
import time

import pytest
from office_stand_in import FAKE_OFFICE, office_processes

from sskit.pdf.office import Office


class Owners(set):
    """The sskit process ids whose workers must be gone when the test ends."""


@pytest.fixture
def owners():
    return Owners({os.getpid()})


@pytest.fixture(autouse=True)
def no_office_left(owners):
    before = office_processes(owners)
    yield
    deadline = time.monotonic() + 5  # SIGKILLed processes take a moment to leave the table
    while (left := office_processes(owners) - before) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not left, f"left running: {sorted(left)}"


@pytest.fixture
def fake_office(tmp_path, monkeypatch) -> Office:
    """The stand-in LibreOffice of fake_office/ (README.md there), driven by this Python."""
    soffice = tmp_path / "soffice"
    soffice.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{FAKE_OFFICE / "soffice.py"}" "$@"\n')
    soffice.chmod(0o755)
    monkeypatch.setenv("PYTHONPATH", str(FAKE_OFFICE))
    return Office(str(soffice), sys.executable)
