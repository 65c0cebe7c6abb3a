"""The UNO side of the PDF conversion: one headless LibreOffice, a list of Word files in, PDFs out.

This file is not imported by sskit. `sskit.pdf.convert` runs it as a script with a Python
that has LibreOffice's `uno` module (the system python3 with python3-uno, or LibreOffice's
own), one process per worker:

    python3 uno_export.py JOB.json

JOB.json: {"soffice": path, "profile": file URL of a private user installation, "pipe": name,
"items": [{"source": docx path, "target": pdf path}], "report": path}. The script starts
LibreOffice on the pipe, and for each item loads the file hidden, updates every document
index (the 目录) and field, and stores it with the writer_pdf_Export filter. It writes
{"items": [{"seconds": s} or {"error": text}], "started": s} to the report and ends
LibreOffice. Nothing here may read the clock into the PDF: the caller fixes its dates.
"""
import json
import os
import signal
import subprocess
import sys
import time

START_TIMEOUT = 90  # seconds for a fresh LibreOffice (first start creates its profile) to listen


def _props(**values):
    from com.sun.star.beans import PropertyValue

    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def _connect(office, pipe):
    import uno
    from com.sun.star.connection import NoConnectException

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if office.poll() is not None:
                raise RuntimeError(f"LibreOffice ended before it listened (exit {office.returncode})")
            if time.monotonic() > deadline:
                raise RuntimeError(f"LibreOffice did not listen within {START_TIMEOUT} s")
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


def main(job_path):
    with open(job_path, encoding="utf-8") as fh:
        job = json.load(fh)
    started = time.monotonic()
    office = subprocess.Popen(
        [job["soffice"], f"-env:UserInstallation={job['profile']}", "--headless", "--invisible", "--nologo",
         "--norestore", "--nodefault", "--nolockcheck", "--nofirststartwizard",
         f"--accept=pipe,name={job['pipe']};urp;"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = []
    report = {"items": results}
    try:
        context = _connect(office, job["pipe"])
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        report["started"] = round(time.monotonic() - started, 3)
        for item in job["items"]:
            at = time.monotonic()
            try:
                _export(desktop, item["source"], item["target"])
                results.append({"seconds": round(time.monotonic() - at, 3)})
            except Exception as exc:  # one bad file: reported for that file, the others go on
                results.append({"error": f"{type(exc).__name__}: {getattr(exc, 'Message', '') or exc}"})
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge goes down with LibreOffice
    except Exception as exc:
        report["error"] = str(exc)
    finally:
        with open(job["report"], "w", encoding="utf-8") as fh:
            json.dump(report, fh)
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            # LibreOffice runs in this script's process group (the caller made it one): end it all
            os.killpg(0, signal.SIGKILL)
    return 0 if "error" not in report else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
