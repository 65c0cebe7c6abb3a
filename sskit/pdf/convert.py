"""Word files -> PDFs through headless LibreOffice, in parallel, byte-identical across runs.

`convert_documents({"NNN-name.pdf": docx bytes}, jobs)` -> {"NNN-name.pdf": pdf bytes}.
Each of up to `jobs` workers is one LibreOffice with its own private user installation
(two never share a profile, so they run side by side, also beside a desktop LibreOffice),
driven by `uno_export.py`. Files are spread over the workers by size. Everything happens
in a temporary folder; OUT is written by the caller only when every PDF is made.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
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
# seconds: a fresh LibreOffice's start, then per document (the 售后服务手册 takes a few seconds)
TIMEOUT_START, TIMEOUT_PER_FILE = 120, 60


@dataclass
class Timings:
    """Measured seconds: LibreOffice's start per worker and each file's conversion."""
    workers: list[float] = field(default_factory=list)
    files: dict[str, float] = field(default_factory=dict)
    total: float = 0.0


def convert_documents(sources: dict[str, bytes], jobs: int = 1, office: Optional[Office] = None,
                      timings: Optional[Timings] = None,
                      progress: Optional[Callable[[str], None]] = None) -> dict[str, bytes]:
    """Every Word file converted, or SskitError (exit 4) naming the files that failed."""
    if not sources:
        return {}
    office = office or find_office()
    started = time.perf_counter()
    names = sorted(sources)
    with tempfile.TemporaryDirectory(prefix="sskit-pdf-") as tmp:
        root = Path(tmp)
        inputs = {}
        for i, name in enumerate(names):  # plain names: nothing depends on the file system's encoding
            inputs[name] = root / f"{i:04d}.docx"
            inputs[name].write_bytes(sources[name])
        fonts = _font_config(root)
        batches = _spread(names, {n: len(sources[n]) for n in names}, max(1, min(jobs, len(names))))
        workers = [_start(office, root, fonts, k, [(inputs[n], inputs[n].with_suffix(".pdf")) for n in batch])
                   for k, batch in enumerate(batches)]
        try:
            reports = [_finish(worker, len(batch)) for worker, batch in zip(workers, batches)]
        finally:
            for worker in workers:
                _end_group(worker)
        failed = []
        out = {}
        for batch, report in zip(batches, reports):
            if timings is not None and "started" in report:
                timings.workers.append(report["started"])
            items = report.get("items", [])
            if not items and "error" in report:  # the worker failed as a whole: one message for it
                failed.append((f"{len(batch)} document(s) from {batch[0]} on", report["error"]))
                continue
            for i, name in enumerate(batch):
                item = items[i] if i < len(items) else {"error": report.get("error", "not converted")}
                target = inputs[name].with_suffix(".pdf")
                if "error" in item or not target.is_file():
                    failed.append((name, item.get("error", "no PDF written")))
                    continue
                try:
                    out[name] = stable_pdf(target.read_bytes(), word_date(sources[name]))
                except UnexpectedPdf as exc:
                    failed.append((name, f"unexpected PDF from LibreOffice: {exc}"))
                    continue
                if timings is not None:
                    timings.files[name] = item["seconds"]
                if progress:
                    progress(name)
    if timings is not None:
        timings.total = time.perf_counter() - started
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
        "items": [{"source": str(s), "target": str(t)} for s, t in items],
    }), encoding="utf-8")
    # UTC: the export time LibreOffice stamps (replaced by sskit.pdf.stable) then has one form everywhere
    env = {**os.environ, "TZ": "UTC", "SAL_USE_VCLPLUGIN": "svp"}
    if fonts is not None:
        env["FONTCONFIG_FILE"] = str(fonts)
    with log.open("wb") as sink:
        process = subprocess.Popen([office.python, str(SCRIPT), str(job)], stdin=subprocess.DEVNULL,
                                   stdout=sink, stderr=sink, env=env, cwd=root, start_new_session=True)
    return _Worker(process, report, log, time.monotonic() + TIMEOUT_START + TIMEOUT_PER_FILE * len(items))


def _finish(worker: _Worker, count: int) -> dict:
    try:
        worker.process.wait(timeout=max(1.0, worker.deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        _end_group(worker)
        return {"error": f"LibreOffice did not finish {count} file(s) in time"}
    try:
        return json.loads(worker.report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log = worker.log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        return {"error": f"the UNO script failed (exit {worker.process.returncode})"
                         + (f": {log[-1]}" if log else "")}


def _end_group(worker: _Worker) -> None:
    """A worker still running (out of time, or the build was interrupted) ends with its
    LibreOffice: both are in the worker's own process group."""
    if worker.process.poll() is None:
        try:
            os.killpg(worker.process.pid, signal.SIGKILL)
        except ProcessLookupError:
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
