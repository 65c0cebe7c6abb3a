"""Word files -> PDFs through headless LibreOffice, in parallel, byte-identical across runs.

`convert_documents({"NNN-name.pdf": docx bytes}, jobs)` -> {"NNN-name.pdf": pdf bytes}.
Each of up to `jobs` workers is one LibreOffice with its own private user installation
(two never share a profile, so they run side by side, also beside a desktop LibreOffice),
driven by `uno_export.py`. Files are spread over the workers by size. Everything happens
in a temporary folder; OUT is written by the caller only when every PDF is made.
Each worker and its LibreOffice are one process group, always ended as a whole; should sskit
die without ending them, the worker's watchdog does. A document LibreOffice hangs on stops
its worker after TIMEOUT_PER_FILE and is named in the error.
"""
from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional
from xml.sax.saxutils import escape

from sskit.diagnostics import Diagnostic, ExitCode, SskitError
from sskit.pdf.office import Office, find_office
from sskit.pdf.stable import UnexpectedPdf, stable_pdf, word_date

SCRIPT = Path(__file__).with_name("uno_export.py")
# Chinese Word fonts -> the Noto CJK faces of Linux (fonts-noto-cjk), taken only where the Word
# font is not installed: without them LibreOffice sets 宋体 body text in a sans-serif face
SERIF, SANS = "Noto Serif CJK SC", "Noto Sans CJK SC"
FONT_FALLBACKS = {"宋体": SERIF, "SimSun": SERIF, "新宋体": SERIF, "NSimSun": SERIF, "仿宋": SERIF,
                  "FangSong": SERIF, "楷体": SERIF, "KaiTi": SERIF, "黑体": SANS, "SimHei": SANS,
                  "微软雅黑": SANS, "Microsoft YaHei": SANS, "等线": SANS, "DengXian": SANS}
SYSTEM_FONTCONFIG = Path("/etc/fonts/fonts.conf")
# seconds: a fresh LibreOffice's start, then each document (the 售后服务手册 takes a few seconds);
# uno_export ends a worker whose LibreOffice overruns either, naming the document it hung on
TIMEOUT_START, TIMEOUT_PER_FILE = 90, 120
# seconds beyond those limits before sskit itself ends a worker (its watchdog did not)
TIMEOUT_GRACE = 60
EMFILE_HINT = "too many open files: convert fewer at once (e.g. -j 1) or raise the limit (ulimit -n)"


def convert_documents(sources: dict[str, bytes], jobs: int = 1, office: Optional[Office] = None,
                      progress: Optional[Callable[[str], None]] = None) -> dict[str, bytes]:
    """Every Word file converted, or SskitError (exit 4) naming the files that failed."""
    if not sources:
        return {}
    office = office or find_office()
    names = sorted(sources)
    # the process id in the folder's name: a worker's command line tells which sskit started it
    with tempfile.TemporaryDirectory(prefix=f"sskit-pdf-{os.getpid()}-") as tmp:
        root = Path(tmp)
        inputs = {}
        for i, name in enumerate(names):  # plain names: nothing depends on the file system's encoding
            inputs[name] = root / f"{i:04d}.docx"
            inputs[name].write_bytes(sources[name])
        fonts = _font_config(root)
        batches = _spread(names, {n: len(sources[n]) for n in names}, max(1, min(jobs, len(names))))
        workers: list[_Worker] = []
        try:  # started one by one inside: a failed start or Ctrl-C still ends the ones running
            for k, batch in enumerate(batches):
                workers.append(_start(office, root, fonts, k,
                                      [(inputs[n], inputs[n].with_suffix(".pdf")) for n in batch]))
            reports = [_finish(worker, len(batch)) for worker, batch in zip(workers, batches)]
        finally:
            for worker in workers:
                _end_group(worker)
        failed = []
        out = {}
        for batch, report in zip(batches, reports):
            items = report["items"]
            for name, item in zip(batch, items):
                target = inputs[name].with_suffix(".pdf")
                if "error" in item or not target.is_file():
                    failed.append((name, item.get("error", "no PDF written")))
                    continue
                try:
                    out[name] = stable_pdf(target.read_bytes(), word_date(sources[name]))
                except UnexpectedPdf as exc:
                    failed.append((name, f"unexpected PDF from LibreOffice: {exc}"))
                    continue
                if progress:
                    progress(name)
            rest = batch[len(items):]  # the worker stopped early: one message for what it left
            if rest:
                failed.append((f"{len(rest)} document(s) from {rest[0]} on", report["error"]))
    if failed:
        raise SskitError([Diagnostic(name, 0, 0, f"LibreOffice could not make the PDF: {why}",
                                     hint="check the Word file opens in LibreOffice; nothing was written")
                          for name, why in failed], ExitCode.OUTPUT)
    return out


def _spread(names: list[str], sizes: dict[str, int], n: int) -> list[list[str]]:
    """Largest first onto the lightest worker; each worker keeps register order."""
    loads = [0] * n
    batches: list[list[str]] = [[] for _ in range(n)]
    for name in sorted(names, key=lambda x: (-sizes[x], x)):
        k = loads.index(min(loads))
        batches[k].append(name)
        loads[k] += sizes[name]
    return [sorted(b) for b in batches if b]


@dataclass
class _Worker:
    process: subprocess.Popen
    report: Path
    log: Path
    deadline: float


def _start(office: Office, root: Path, fonts: Optional[Path], k: int, items: list[tuple[Path, Path]]) -> _Worker:
    profile = root / f"profile-{k}"
    profile.mkdir()
    job = root / f"job-{k}.json"
    report, log = root / f"report-{k}.json", root / f"worker-{k}.log"
    job.write_text(json.dumps({
        "soffice": office.soffice, "profile": profile.as_uri(), "report": str(report),
        # unique among the LibreOffices on this machine: this process's id and the worker's number
        "pipe": f"sskit-{os.getpid()}-{k}",
        "parent": os.getpid(), "start_timeout": TIMEOUT_START, "file_timeout": TIMEOUT_PER_FILE,
        "items": [{"source": str(s), "target": str(t)} for s, t in items],
    }), encoding="utf-8")
    # UTC: the export time LibreOffice stamps (replaced by sskit.pdf.stable) then has one form everywhere
    env = {**os.environ, "TZ": "UTC", "SAL_USE_VCLPLUGIN": "svp"}
    if fonts is not None:
        env["FONTCONFIG_FILE"] = str(fonts)
    try:
        with log.open("wb") as sink:
            # its own session: the worker and its LibreOffice are one group, ended together
            process = subprocess.Popen([office.python, str(SCRIPT), str(job)], stdin=subprocess.DEVNULL,
                                       stdout=sink, stderr=sink, env=env, cwd=root, start_new_session=True)
    except OSError as exc:
        hint = EMFILE_HINT if exc.errno in (errno.EMFILE, errno.ENFILE) else \
            "check that this Python runs (it drives LibreOffice); nothing was written"
        raise SskitError([Diagnostic(office.python, 0, 0, f"cannot start LibreOffice's Python for the PDFs: "
                                     f"{exc.strerror or exc}", hint=hint)], ExitCode.OUTPUT) from None
    deadline = TIMEOUT_START + TIMEOUT_PER_FILE * len(items) + TIMEOUT_GRACE
    return _Worker(process, report, log, time.monotonic() + deadline)


def _finish(worker: _Worker, count: int) -> dict:
    """The worker's report: {"items": [{} or {"error": text}], "error": text when it stopped early}."""
    try:
        worker.process.wait(timeout=max(1.0, worker.deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        _end_group(worker)
        return {"items": [], "error": f"LibreOffice did not finish {count} file(s) in time"}
    try:
        report = json.loads(worker.report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"items": [], "error": _died(worker)}
    items = report.get("items") if isinstance(report, dict) else None
    if not (isinstance(items, list) and len(items) <= count and all(isinstance(i, dict) for i in items)):
        return {"items": [], "error": "the UNO script wrote a report sskit cannot read"}
    # no error of its own with items missing: it died after the last one it reported
    return {"items": items, "error": str(report.get("error") or _died(worker))}


def _died(worker: _Worker) -> str:
    log = worker.log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return f"the UNO script failed (exit {worker.process.returncode})" + (f": {log[-1]}" if log else "")


def _end_group(worker: _Worker) -> None:
    """The worker ends with its LibreOffice: both are in the worker's own process group, which
    outlives the worker when the worker dies first (its soffice still runs)."""
    try:
        os.killpg(worker.process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):  # the group is gone (macOS: only a zombie left)
        pass
    worker.process.wait()


def _font_config(root: Path) -> Optional[Path]:
    """A fontconfig file for LibreOffice (Linux): the machine's own configuration, then the
    fallbacks for the Chinese Word fonts. None where there is no fontconfig."""
    base = os.environ.get("FONTCONFIG_FILE") or (str(SYSTEM_FONTCONFIG) if SYSTEM_FONTCONFIG.is_file() else "")
    if not base:
        return None
    aliases = "".join(f"  <alias binding=\"same\"><family>{escape(font)}</family>"
                      f"<accept><family>{escape(face)}</family></accept></alias>\n"
                      for font, face in FONT_FALLBACKS.items())
    path = root / "fonts.conf"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                    f'  <include ignore_missing="yes">{escape(base)}</include>\n{aliases}</fontconfig>\n',
                    encoding="utf-8")
    return path
