"""Where LibreOffice is: its `soffice` and a Python that can drive it through UNO.

Found once per process. When either is missing the build stops before it renders
or writes anything, with the install hint (exit 4).
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sskit.diagnostics import Diagnostic, ExitCode, SskitError

INSTALL_HINT = "apt-get install libreoffice-writer-nogui fonts-noto-cjk"
UNO_HINT = "apt-get install python3-uno (LibreOffice's Python bridge)"
# an explicit soffice, e.g. a LibreOffice unpacked under /opt
SOFFICE_VARIABLE = "SSKIT_SOFFICE"
_MAC_APP = "/Applications/LibreOffice.app/Contents/MacOS/soffice"


@dataclass(frozen=True)
class Office:
    soffice: str
    python: str  # an interpreter with LibreOffice's `uno` module


def find_office() -> Office:
    """The LibreOffice to convert with; SskitError (exit 4) when there is none."""
    return _find(os.environ.get(SOFFICE_VARIABLE, ""), os.environ.get("PATH", ""))


@functools.lru_cache(maxsize=4)
def _find(explicit: str, path: str) -> Office:
    soffice = _soffice(explicit, path)
    python = _uno_python(soffice, path)
    if python is None:
        raise SskitError([Diagnostic(soffice, 0, 0, "LibreOffice is installed, but no Python here can drive it "
                                     "(none imports its `uno` module), so no PDF can be made",
                                     hint=UNO_HINT)], ExitCode.OUTPUT)
    return Office(soffice, python)


def _soffice(explicit: str, path: str) -> str:
    if explicit:
        if not (os.path.isfile(explicit) and os.access(explicit, os.X_OK)):
            raise SskitError([Diagnostic(SOFFICE_VARIABLE, 0, 0, f"{explicit} is not an executable soffice",
                                         hint=f"point {SOFFICE_VARIABLE} at LibreOffice's program/soffice, "
                                              f"or unset it to use the soffice on PATH")], ExitCode.OUTPUT)
        return explicit
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name, path=path)
        if found:
            return found
    if os.access(_MAC_APP, os.X_OK):
        return _MAC_APP
    raise SskitError([Diagnostic("--format pdf", 0, 0,
                                 "LibreOffice (soffice) is not installed or not on PATH; it makes the PDFs",
                                 hint=f"{INSTALL_HINT}, or build without pdf (e.g. --format docx)")],
                     ExitCode.OUTPUT)


def _uno_python(soffice: str, path: str) -> str | None:
    """LibreOffice's own Python (official builds ship one beside soffice), this interpreter,
    then the system's python3 (Debian's python3-uno)."""
    program = Path(soffice).resolve().parent
    candidates = [program / "python", program.parent / "Resources" / "python", Path(sys.executable)]
    candidates += [Path(p) for p in (shutil.which("python3", path=path), "/usr/bin/python3") if p]
    seen = set()
    for candidate in candidates:
        if candidate in seen or not os.access(candidate, os.X_OK) or candidate.is_dir():
            continue
        seen.add(candidate)
        try:
            probe = subprocess.run([str(candidate), "-c", "import uno"], stdin=subprocess.DEVNULL,
                                   capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return str(candidate)
    return None
