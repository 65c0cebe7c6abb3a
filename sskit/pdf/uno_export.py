"""The UNO side of the PDF conversion: one headless LibreOffice, a list of Word files in, PDFs out.

This file is not imported by sskit. `sskit.pdf.convert` runs it as a script with a Python
that has LibreOffice's `uno` module (the system python3 with python3-uno, or LibreOffice's
own), one process per worker, each the leader of its own process group:

    python3 uno_export.py JOB.json

JOB.json: {"soffice": path, "profile": file URL of a private user installation, "pipe": name,
"parent": sskit's process id, "start_timeout": s, "file_timeout": s,
"items": [{"source": docx path, "target": pdf path}], "report": path}. The script starts
LibreOffice on the pipe, and for each item loads the file hidden, updates every document
index (the 目录) and field, and stores it with the writer_pdf_Export filter. It writes
{"items": [{} or {"error": text}, ...], "error": text (only when it stopped early)} to the
report, anew after each document, and ends LibreOffice. `items` is shorter than the job's
when it stopped early (or died: the report then ends at the document it died on).

A watchdog thread ends the whole group (this script and LibreOffice) when sskit is gone
(killed with no chance to clean up) or when LibreOffice overruns its start or one document
(a file it hangs on): that document is then reported, the rest of the list is not tried.
Nothing here may read the clock into the PDF: the caller fixes its dates.
"""
import json
import os
import signal
import subprocess
import sys
import threading
import time
import traceback

POLL = 0.25  # seconds between two looks of the watchdog
SHUTDOWN_TIMEOUT = 30  # seconds for LibreOffice to end once told to


def _props(**values):
    from com.sun.star.beans import PropertyValue

    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def _end_group():
    """This script and its LibreOffice (one process group: the caller made it one)."""
    sys.stderr.flush()
    try:
        os.killpg(0, signal.SIGKILL)
    finally:
        os._exit(1)


class Watchdog:
    """Ends the group when sskit is gone or the running step passes its deadline; a step's
    overrun is written to the report first. The lock keeps the report whole: the main thread
    records a finished step under it, so a step is either done or overrun, never both."""

    def __init__(self, parent, report, path):
        self.report, self.path = report, path
        self._parent = parent
        self._first_parent = os.getppid()
        self._lock = threading.Lock()
        self._deadline = None
        self._overrun = None

    def start(self):
        threading.Thread(target=self._watch, name="sskit-watchdog", daemon=True).start()

    def begin(self, seconds, overrun):
        """A step that must end within `seconds`; `overrun(report)` records it if it does not."""
        with self._lock:
            self._deadline, self._overrun = time.monotonic() + seconds, overrun

    def end(self, record=None):
        """The step ended in time; `record(report)` notes its result. The report is written
        after each step: should this process die, sskit still learns how far it came."""
        with self._lock:
            if record is not None:
                record(self.report)
            _write(self.report, self.path)
            self._deadline = self._overrun = None

    def _watch(self):
        try:
            while True:
                time.sleep(POLL)
                with self._lock:
                    if not self._sskit_alive():
                        _end_group()  # nobody reads a report now
                    if self._deadline is not None and time.monotonic() > self._deadline:
                        if self._overrun is not None:
                            self._overrun(self.report)
                            _write(self.report, self.path)
                        _end_group()
        finally:  # e.g. the report's folder is gone: no watchdog, no worker
            _end_group()

    def _sskit_alive(self):
        # a new parent: sskit died and this process was handed to init (or a subreaper)
        if os.getppid() != self._first_parent:
            return False
        try:
            os.kill(self._parent, 0)
        except (ProcessLookupError, PermissionError):  # gone, or its id now another user's process
            return False
        return True


def _write(report, path):
    """Whole or not at all: the caller never reads half a report."""
    part = path + ".part"
    with open(part, "w", encoding="utf-8") as fh:
        json.dump(report, fh)
    os.replace(part, path)


def _connect(office, pipe, seconds):
    import uno
    from com.sun.star.connection import NoConnectException

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + seconds
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if office.poll() is not None:
                raise RuntimeError(f"LibreOffice ended before it listened (exit {office.returncode})")
            if time.monotonic() > deadline:
                raise RuntimeError(f"LibreOffice did not listen within {seconds} s")
            time.sleep(0.05)


def _export(desktop, source, target):
    import uno

    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                       _props(Hidden=True, MacroExecutionMode=0, UpdateDocMode=0))
    if doc is None:
        raise RuntimeError("LibreOffice could not open the file")
    try:
        indexes = doc.getDocumentIndexes()
        # twice: filling a 目录 can move the headings it lists to later pages
        for _ in range(2 if indexes.getCount() else 0):
            for i in range(indexes.getCount()):
                indexes.getByIndex(i).update()
        doc.getTextFields().refresh()
        doc.refresh()
        data = uno.Any("[]com.sun.star.beans.PropertyValue",
                       _props(ExportBookmarks=True, ExportNotes=False, EmbedStandardFonts=True,
                              UseTaggedPDF=False, ExportFormFields=False))
        doc.storeToURL(uno.systemPathToFileUrl(target),
                       _props(FilterName="writer_pdf_Export", FilterData=data))
    finally:
        doc.close(True)


def _failed(message):
    def record(report):
        report["error"] = message
    return record


def _hung(seconds):
    def record(report):
        report["items"].append({"error": f"LibreOffice did not finish it within {seconds} s (it hangs on this file)"})
        report["error"] = "not converted: the conversion stopped at the document LibreOffice hung on"
    return record


def main(job_path):
    with open(job_path, encoding="utf-8") as fh:
        job = json.load(fh)
    start_timeout, file_timeout = job["start_timeout"], job["file_timeout"]
    watch = Watchdog(job["parent"], {"items": []}, job["report"])
    watch.start()
    office = subprocess.Popen(
        [job["soffice"], f"-env:UserInstallation={job['profile']}", "--headless", "--invisible", "--nologo",
         "--norestore", "--nodefault", "--nolockcheck", "--nofirststartwizard",
         f"--accept=pipe,name={job['pipe']};urp;"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desktop = None
    try:
        # a little longer than _connect's own limit, which gives the plainer message
        watch.begin(start_timeout + 5, _failed(f"LibreOffice did not start within {start_timeout} s"))
        context = _connect(office, job["pipe"], start_timeout)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        watch.end()
        for item in job["items"]:
            watch.begin(file_timeout, _hung(file_timeout))
            try:
                _export(desktop, item["source"], item["target"])
                result = {}
            except Exception as exc:  # one bad file: reported for that file, the others go on
                result = {"error": f"{type(exc).__name__}: {getattr(exc, 'Message', '') or exc}"}
            watch.end(lambda report, result=result: report["items"].append(result))
            if "error" in result and office.poll() is not None:  # it crashed: the rest would fail alike
                raise RuntimeError(f"not converted: LibreOffice ended (exit {office.returncode}) "
                                   "on the document before")
    except Exception as exc:
        watch.end(_failed(str(exc)))
    watch.begin(SHUTDOWN_TIMEOUT, None)
    if desktop is not None:
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge goes down with LibreOffice
    else:
        office.kill()  # it never listened: nothing to tell
    try:
        office.wait(timeout=SHUTDOWN_TIMEOUT)
    except subprocess.TimeoutExpired:
        _end_group()
    return 0 if "error" not in watch.report else 1


if __name__ == "__main__":
    try:
        code = main(sys.argv[1])
    except BaseException:  # never leave LibreOffice behind (it would outlive its profile)
        traceback.print_exc()  # into the worker's log
        _end_group()
    sys.exit(code)
