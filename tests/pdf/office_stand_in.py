"""Helpers for the LibreOffice tests: the stand-in LibreOffice of fake_office/ (README.md there)
and the processes a conversion started, told apart by the markers sskit.pdf.convert puts in
their command lines: the pipe `sskit-PID-K` and the folder `sskit-pdf-PID-...`, PID being the
sskit process that started them."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

FAKE_OFFICE = Path(__file__).resolve().parent / "fake_office"


def office_processes(owners) -> set[str]:
    """"PID command line" of each process that conversions by these sskit ids started: UNO
    workers, soffice (LibreOffice's oosplash and soffice.bin, or the stand-in). Read from /proc
    (no procps needed), else from ps (macOS)."""
    marker = re.compile("sskit-(pdf-)?(" + "|".join(str(p) for p in owners) + ")-")
    return {line for line in _command_lines() if marker.search(line)}


def _command_lines() -> list[str]:
    proc = Path("/proc")
    if not (proc / "self" / "cmdline").is_file():
        found = subprocess.run(["ps", "-axo", "pid=,command="], capture_output=True, text=True, check=True)
        return [line.strip() for line in found.stdout.splitlines()]
    lines = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes()
        except OSError:  # ended meanwhile
            continue
        if args:  # a zombie has none: it runs no more
            lines.append(entry.name + " " + args.rstrip(b"\0").replace(b"\0", b" ").decode("utf-8", "replace"))
    return lines


def kill_while_converting(code: str, owners: set, started, wait: float, what: str) -> set[str]:
    """Run `code` (a conversion) as its own Python process, SIGKILL it once `started(lines)` holds
    for its LibreOffice processes' command lines, and return those still running 5 s later."""
    import sys
    import time

    sskit = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    owners.add(sskit.pid)
    deadline = time.monotonic() + wait
    while not started(office_processes({sskit.pid})):
        assert time.monotonic() < deadline and sskit.poll() is None, what
        time.sleep(0.05)
    sskit.kill()
    sskit.wait()
    deadline = time.monotonic() + 5
    while office_processes({sskit.pid}) and time.monotonic() < deadline:
        time.sleep(0.1)
    return office_processes({sskit.pid})
