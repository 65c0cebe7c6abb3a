"""Save an openpyxl workbook as deterministic .xlsx bytes: fixed document properties
and zip member dates, so one input gives byte-identical files on every run."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl.writer.excel import ExcelWriter

FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def workbook_bytes(book, when: dt.date, title: str = "", creator: str = "sskit") -> bytes:
    """The workbook's bytes; `when` (a date of the content, never the clock) is its created/modified."""
    stamp = dt.datetime(when.year, when.month, when.day)
    props = book.properties
    props.created = props.modified = stamp
    props.creator = props.lastModifiedBy = creator
    if title:
        props.title = title
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    return _repack(raw.getvalue())


def _repack(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()
