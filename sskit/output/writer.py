"""Put a rendered document set into OUT atomically.

Everything is first written into a staging folder beside OUT (same file
system), then each file is renamed into place. A file whose bytes are already
in OUT is left alone (same bytes, same mtime). Files in OUT that sskit did not
write are never touched. If anything fails before the renames, OUT keeps its
previous contents and the staging folder is removed.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sskit.diagnostics import Diagnostic, ExitCode, SskitError


@dataclass(frozen=True)
class WriteResult:
    written: tuple[str, ...]
    unchanged: tuple[str, ...]


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def write_document_set(out: Path, files: dict[str, bytes]) -> WriteResult:
    out = Path(out)
    for name in files:
        if Path(name).name != name or name in ("", ".", ".."):
            raise ValueError(f"unsafe output name {name!r}")  # a bug, not user input: names are sanitised
    try:
        if out.exists() and not out.is_dir():
            raise SskitError([Diagnostic(str(out), 0, 0, "exists and is not a directory",
                                         hint="choose another output folder with -o")], ExitCode.OUTPUT)
        out.parent.mkdir(parents=True, exist_ok=True)
        changed = {n: d for n, d in files.items() if not _same(out / n, d)}
        unchanged = tuple(sorted(set(files) - set(changed)))
        if not changed:
            return WriteResult((), unchanged)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
        try:
            for name, data in changed.items():
                with open(staging / name, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
            out.mkdir(exist_ok=True)
            for name in sorted(changed):
                os.replace(staging / name, out / name)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return WriteResult(tuple(sorted(changed)), unchanged)
    except OSError as exc:
        raise SskitError([Diagnostic(str(exc.filename or out), 0, 0, f"cannot write output: {exc.strerror or exc}",
                                     hint="check that the folder is writable and the disk has space")],
                         ExitCode.OUTPUT) from None
