"""Put a rendered document set into OUT atomically, losing nothing.

Everything is first written into a staging folder beside OUT (same file
system), then each file is renamed into place. A file whose bytes are already
in OUT is left alone (same bytes, same mtime). Files in OUT that this build
does not write are never touched. If anything fails before the renames, OUT
keeps its previous contents and the staging folder is removed.

Edit protection: a file about to be replaced must still have the hash the
manifest recorded for it (`known`). One that does not (edited in Word, or not
written by sskit at all) stops the build with exit 4, naming the files; with
`force` each such file is first moved aside as NAME.edited-N.EXT.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sskit.diagnostics import Diagnostic, ExitCode, SskitError
from sskit.output.files import write_atomic


@dataclass(frozen=True)
class WriteResult:
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    moved_aside: tuple[str, ...] = ()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edited_files(out: Path, names, known: dict[str, str], exempt=()) -> list[str]:
    """Files in OUT that would be replaced but are not what sskit wrote."""
    edited = []
    for name in sorted(names):
        path = Path(out) / name
        if name in exempt or not path.is_file():
            continue
        if known.get(name) != _digest(path):
            edited.append(name)
    return edited


def _aside_name(out: Path, name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    n = 1
    while True:
        candidate = f"{stem}.edited-{n}{'.' + ext if ext else ''}"
        if not (out / candidate).exists():
            return candidate
        n += 1


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def write_document_set(out: Path, files: dict[str, bytes], known: dict[str, str] | None = None,
                       force: bool = False, exempt: tuple[str, ...] = ("sskit-manifest.json",)) -> WriteResult:
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
        edited = edited_files(out, changed, known or {}, exempt) if known is not None else []
        if edited and not force:
            raise SskitError([Diagnostic(str(out / name), 0, 0,
                                         "edited since sskit wrote it (or not written by sskit); not overwritten")
                              for name in edited] +
                             [Diagnostic(str(out), 0, 0, f"{len(edited)} file(s) would lose changes; nothing was written",
                                         hint="keep the edits by moving them aside with --force "
                                              "(NAME.edited-N.docx), or restore the files")], ExitCode.OUTPUT)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
        try:
            for name, data in changed.items():
                with open(staging / name, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
            out.mkdir(exist_ok=True)
            moved = []
            for name in edited:  # --force: keep the edit beside the new file
                aside = _aside_name(out, name)
                os.replace(out / name, out / aside)
                moved.append(aside)
            for name in sorted(changed):
                os.replace(staging / name, out / name)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return WriteResult(tuple(sorted(changed)), unchanged, tuple(moved))
    except OSError as exc:
        raise SskitError([Diagnostic(str(exc.filename or out), 0, 0, f"cannot write output: {exc.strerror or exc}",
                                     hint="check that the folder is writable and the disk has space")],
                         ExitCode.OUTPUT) from None


REPORT_RECORD = "sskit-report.json"  # what `sskit check --report` wrote into a folder: name -> sha256


def write_report(out: Path, files: dict[str, bytes], force: bool = False) -> WriteResult:
    """`sskit check --report`: the same edit protection as a build. In a build's OUT the
    report is the build's own document, which only `sskit build` may change (its manifest
    vouches for it); elsewhere a small record of what was written tells sskit's own report
    from an edited one, and an edited one is never overwritten (moved aside with force)."""
    from sskit.output.manifest import MANIFEST_NAME, read_manifest

    out = Path(out)
    manifest = read_manifest(out) if out.is_dir() else None
    if manifest is not None:
        tracked = manifest.file_hashes()
        stale = [name for name, data in files.items()
                 if name in tracked and not _same(out / name, data)]
        if stale:
            raise SskitError([Diagnostic(str(out / name), 0, 0, "belongs to the document set built in this folder; "
                                         "not overwritten by the check report",
                                         hint="update it with sskit build PROFILE -o OUT, or give --report "
                                              "another folder") for name in stale], ExitCode.OUTPUT)
    record_path = out / REPORT_RECORD
    known: dict[str, str] = {}
    if record_path.is_file():
        try:
            raw = json.loads(record_path.read_text(encoding="utf-8"))
            known = {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            known = {}  # an unreadable record vouches for nothing: existing files count as edited
    if manifest is not None:
        known.update({n: d for n, d in manifest.file_hashes().items() if n in files})
    result = write_document_set(out, files, known=known, force=force, exempt=(MANIFEST_NAME, REPORT_RECORD))
    if manifest is None and result.written:
        known.update({name: hashlib.sha256(data).hexdigest() for name, data in files.items()})
        write_atomic(record_path, (json.dumps(dict(sorted(known.items())), ensure_ascii=False, indent=1) + "\n")
                     .encode("utf-8"))
    return result
