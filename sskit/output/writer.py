"""Put a rendered document set into OUT atomically, losing nothing.

Everything is first written into a staging folder inside OUT (so renames stay on
OUT's file system, even when OUT is a mount point), then a journal is written,
then each file is renamed into place, the manifest last. A file whose bytes are
already in OUT is left alone (same bytes, same mtime). Files in OUT that this
build does not write are never touched. If anything fails before the renames,
OUT keeps its previous contents and the staging folder is removed; if the renames
are interrupted (a crash, kill -9, a file that cannot be replaced), the next build
finishes them from the journal before it does anything else (`recover`). One
writer at a time: a build holds a lock on OUT (flock on the folder) while it writes.

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
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sskit.diagnostics import Diagnostic, ExitCode, SskitError
from sskit.output.files import JOURNAL, write_atomic
from sskit.output.files import SUBFOLDERS


@dataclass(frozen=True)
class WriteResult:
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    moved_aside: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()  # files of the previous set that the new one no longer has
    kept: tuple[str, ...] = ()  # such files left in place because they were edited
    withdrawn: tuple[str, ...] = ()  # files moved to OUT/作废/ (their documents stopped applying)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edited_files(out: Path, names, known: dict[str, str], exempt=()) -> list[str]:
    """Files in OUT that would be replaced but are not what sskit wrote."""
    edited = []
    for name in sorted(names):
        path = Path(out) / name
        if name in exempt or not path.is_file():
            continue
        try:
            digest = _digest(path)
        except OSError:
            digest = None  # unreadable: it cannot be shown to be what sskit wrote
        if known.get(name) != digest:
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


STAGING_PREFIX = ".sskit-staging-"  # inside OUT, so every rename stays on OUT's file system


def recover(out: Path) -> list[str]:
    try:
        return _recover(Path(out))
    except OSError as exc:
        raise SskitError([Diagnostic(str(exc.filename or out), 0, 0,
                                     f"cannot finish the interrupted build in this folder: {exc.strerror or exc}",
                                     hint="make the file replaceable (or restore it), then build again")],
                         ExitCode.OUTPUT) from None


def _recover(out: Path) -> list[str]:
    """Finish a build that was interrupted while renaming its files into OUT, from its
    journal (roll forward: the staged files are the complete new set, its manifest last),
    and remove staging folders that no journal refers to (a build killed before its
    renames, which left OUT as it was). Returns the names it completed."""
    out = Path(out)
    journal = out / JOURNAL
    done: list[str] = []
    if journal.is_file():
        try:
            plan = json.loads(journal.read_text(encoding="utf-8"))
            staging = out / str(plan["staging"])
            moves = [(str(a), str(b)) for a, b in plan["aside"]]
            names = [str(n) for n in plan["files"]]
            retired = [str(n) for n in plan.get("remove", [])]
            withdraw = [(str(a), str(b)) for a, b in plan.get("withdraw", [])]
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
            raise SskitError([Diagnostic(str(journal), 0, 0, "the journal of an interrupted build is unreadable",
                                         hint="check the files in OUT against sskit status, then delete the "
                                              "journal and build again")], ExitCode.OUTPUT) from None
        if plan["staging"] != staging.name or not staging.name.startswith(STAGING_PREFIX) or not all(
                _plain(n) for n in [*names, *retired, *(x for pair in [*moves, *withdraw] for x in pair),
                                    staging.name]):
            raise SskitError([Diagnostic(str(journal), 0, 0, "the journal names files outside OUT; not followed",
                                         hint="delete the journal and build again")], ExitCode.OUTPUT)
        for name, aside in moves:
            if (staging / name).exists() and (out / name).exists() and not (out / aside).exists():
                os.replace(out / name, out / aside)
        for name in names:
            if (staging / name).exists():
                if name == names[-1] and staging.is_dir():
                    _retire(out, staging, retired)
                    _withdraw(out, withdraw)
                _replace(staging / name, out / name)
                done.append(name)
        journal.unlink()
    for leftover in out.glob(STAGING_PREFIX + "*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in out.glob(f".{JOURNAL}.*.tmp"):  # a journal whose atomic write was cut short
        leftover.unlink()
    # staging folders beside OUT, from sskit versions that staged there
    if out.parent.is_dir():
        for leftover in out.parent.glob(f".{out.name}.staging-*"):
            shutil.rmtree(leftover, ignore_errors=True)
    return done


def _plain(name: str) -> bool:
    """A name in OUT itself, or in one of sskit's own folders there (作废, 修订对照)."""
    folder, slash, rest = name.partition("/")
    if slash:
        return folder in SUBFOLDERS and _plain(rest) and "/" not in rest
    return bool(name) and Path(name).name == name and name not in (".", "..")


def _replace(source: Path, target: Path) -> None:
    if target.parent != source.parent:
        target.parent.mkdir(exist_ok=True)
    os.replace(source, target)


class _Lock:
    """An exclusive lock on OUT: flock on the folder itself (nothing is written into OUT for
    it), released when the process ends however it ends. A second writer fails at once,
    naming the holder where the system tells (Linux /proc/locks)."""

    def __init__(self, out: Path):
        self.out = Path(out)
        self.fd = None

    def __enter__(self):
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks; builds into one OUT must not overlap
            return self
        try:
            self.fd = os.open(self.out, os.O_RDONLY)
        except OSError as exc:
            raise SskitError([Diagnostic(str(self.out), 0, 0, f"cannot lock the output folder: {exc.strerror or exc}",
                                         hint="check that the folder is readable")], ExitCode.OUTPUT) from None
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = _holder(self.fd)
            os.close(self.fd)
            self.fd = None
            raise SskitError([Diagnostic(str(self.out), 0, 0,
                                         f"another sskit build is writing this folder ({holder})",
                                         hint="wait for it to finish, or build into another folder")],
                             ExitCode.OUTPUT) from None
        return self

    def __exit__(self, *exc):
        if self.fd is not None:
            os.close(self.fd)  # closing releases the lock
            self.fd = None
        return False


def _holder(fd: int) -> str:
    """'process 1234' when /proc/locks names the process holding the lock on this folder."""
    st = os.fstat(fd)
    device = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    try:
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return "another process"
    for line in lines:
        parts = line.split()
        if "FLOCK" in parts and len(parts) > 5 and parts[5].lower() == device:
            return f"process {parts[4]}"
    return "another process"


def lock_out(out: Path) -> _Lock:
    return _Lock(out)


def write_document_set(out: Path, files: dict[str, bytes], known: dict[str, str] | None = None,
                       force: bool = False, exempt: tuple[str, ...] = ("sskit-manifest.json",),
                       locked: bool = False, retired: dict[str, str] | None = None,
                       withdraw: tuple[tuple[str, str], ...] = ()) -> WriteResult:
    """`locked`: the caller already holds OUT's lock (lock_out). `retired`: files of the
    previous set (name -> the hash sskit recorded) that the new set no longer has; those still
    holding sskit's bytes are removed with the write, edited ones are kept and reported.
    `withdraw`: (file, its place in OUT/作废/) for the files of withdrawn documents (checked to
    hold sskit's bytes, and their places to be free); they move with the write."""
    out = Path(out)
    for name in files:
        if not _plain(name) or name.startswith(".sskit"):
            raise ValueError(f"unsafe output name {name!r}")  # a bug, not user input: names are sanitised
    try:
        if out.exists() and not out.is_dir():
            raise SskitError([Diagnostic(str(out), 0, 0, "exists and is not a directory",
                                         hint="choose another output folder with -o")], ExitCode.OUTPUT)
        if locked:
            return _write(out, files, known, force, exempt, retired or {}, withdraw)
        out.mkdir(parents=True, exist_ok=True)
        with lock_out(out):
            recover(out)
            return _write(out, files, known, force, exempt, retired or {}, withdraw)
    except OSError as exc:
        raise SskitError([Diagnostic(str(exc.filename or out), 0, 0, f"cannot write output: {exc.strerror or exc}",
                                     hint="check that the folder is writable and the disk has space")],
                         ExitCode.OUTPUT) from None


def _checkpoint(phase: str, n: int = 0) -> None:
    """A seam for the crash tests: with SSKIT_PAUSE_AT=phase:n (stage, journal, rename, manifest)
    the writer says so on stderr and waits there, so that a test can kill -9 it at exactly that
    moment. Without the variable it does nothing."""
    if os.environ.get("SSKIT_PAUSE_AT") == f"{phase}:{n}":
        sys.stderr.write(f"sskit-paused {phase}:{n}\n")
        sys.stderr.flush()
        time.sleep(120)


def _write(out: Path, files: dict[str, bytes], known, force: bool, exempt, retired: dict,
           withdraw: tuple[tuple[str, str], ...] = ()) -> WriteResult:
    _check_folders(out, [*files, *(target for _, target in withdraw)])
    changed = {n: d for n, d in files.items() if not _same(out / n, d)}
    unchanged = tuple(sorted(set(files) - set(changed)))
    withdraw = tuple((n, t) for n, t in withdraw if _plain(n) and _plain(t) and (out / n).is_file()
                     and not (out / t).exists())
    moving = {n for n, _ in withdraw}
    stale = {n: h for n, h in retired.items() if n not in files and n not in moving and (out / n).is_file()
             and _plain(n)}
    kept = tuple(sorted(edited_files(out, stale, stale)))
    remove = sorted(set(stale) - set(kept))
    if not changed and not remove and not withdraw:
        return WriteResult((), unchanged, kept=kept)
    edited = edited_files(out, changed, known or {}, exempt) if known is not None else []
    if edited and not force:
        raise SskitError([Diagnostic(str(out / name), 0, 0,
                                     "edited since sskit wrote it (or not written by sskit); not overwritten")
                          for name in edited] +
                         [Diagnostic(str(out), 0, 0, f"{len(edited)} file(s) would lose changes; nothing was written",
                                     hint="keep the edits by moving them aside with --force "
                                          "(NAME.edited-N.docx), or restore the files")], ExitCode.OUTPUT)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    try:
        for i, (name, data) in enumerate(changed.items(), 1):
            (staging / name).parent.mkdir(exist_ok=True)
            with open(staging / name, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            _checkpoint("stage", i)
        moves = [(name, _aside_name(out, name)) for name in edited]  # --force: keep the edit beside the new file
        # the manifest goes last: until it is in place, the set is the previous one plus new files
        order = sorted(changed, key=lambda n: (n in exempt, n))
        write_atomic(out / JOURNAL, json.dumps({"staging": staging.name, "aside": moves, "files": order,
                                                "remove": remove, "withdraw": [list(p) for p in withdraw]},
                                               ensure_ascii=False).encode("utf-8"))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # nothing in OUT has changed yet
        raise
    # from here on the journal lets the next build finish what this one started
    _checkpoint("journal")
    try:
        for name, aside in moves:
            os.replace(out / name, out / aside)
        for i, name in enumerate(order, 1):
            if i == len(order):
                _retire(out, staging, remove)  # before the manifest: it must not vouch for them
                _withdraw(out, withdraw)
                _checkpoint("manifest")
            _replace(staging / name, out / name)
            _checkpoint("rename", i)
        if not order:
            _retire(out, staging, remove)
            _withdraw(out, withdraw)
    except OSError as exc:
        raise SskitError([Diagnostic(str(exc.filename or out), 0, 0,
                                     f"the build stopped while putting its files in place: {exc.strerror or exc}",
                                     hint="the next sskit build into this folder finishes the interrupted one "
                                          "(from OUT/.sskit-journal.json) once the file can be replaced")],
                         ExitCode.OUTPUT) from None
    (out / JOURNAL).unlink()
    shutil.rmtree(staging, ignore_errors=True)
    return WriteResult(tuple(sorted(changed)), unchanged, tuple(aside for _, aside in moves), tuple(remove), kept,
                       tuple(target for _, target in withdraw))


def _retire(out: Path, staging: Path, names) -> None:
    """Move files the set no longer has into the staging folder, which goes at the end."""
    for name in names:
        if (out / name).is_file():
            os.replace(out / name, staging / f".retired-{name.replace('/', '-')}")


def _withdraw(out: Path, pairs) -> None:
    """Move the files of withdrawn documents to their places in OUT/作废/ (a 文控's 作废 folder);
    a place already taken is never overwritten."""
    for name, target in pairs:
        if (out / name).is_file() and not (out / target).exists():
            _replace(out / name, out / target)


def _check_folders(out: Path, names) -> None:
    """Before anything is written: sskit's folders in OUT (作废, 修订对照) must be folders, and no
    place in them may be a folder; otherwise the renames would stop half way. (Any other obstacle
    met while renaming is finished by the next build, from the journal.)"""
    problems = []
    for folder in sorted({n.partition("/")[0] for n in names if "/" in n}):
        if (out / folder).exists() and not (out / folder).is_dir():
            problems.append(Diagnostic(str(out / folder), 0, 0, "is a file, but sskit keeps this folder in OUT",
                                       hint="move the file away, then build again"))
    problems += [Diagnostic(str(out / n), 0, 0, "is a folder where sskit writes a file",
                            hint="move the folder away, then build again")
                 for n in names if "/" in n and (out / n).is_dir()]
    if problems:
        raise SskitError(problems + [Diagnostic(str(out), 0, 0, "nothing was written")], ExitCode.OUTPUT)


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
        stale = [name for name, data in files.items() if name in tracked and not _same(out / name, data)]
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
    # a file the manifest tracks is identical by now (checked above), so the writer leaves it alone
    result = write_document_set(out, files, known=known, force=force, exempt=(MANIFEST_NAME, REPORT_RECORD))
    if manifest is None and result.written:
        known.update({name: hashlib.sha256(data).hexdigest() for name, data in files.items()})
        write_atomic(record_path, (json.dumps(dict(sorted(known.items())), ensure_ascii=False, indent=1) + "\n")
                     .encode("utf-8"))
    return result
