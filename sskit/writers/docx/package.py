"""Zip the parts into a .docx deterministically: fixed member order, dates and attributes."""

from __future__ import annotations

import io
import zipfile
from typing import Sequence

FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the zip format's epoch: no build time in the file


def zip_package(parts: Sequence[tuple[str, bytes | Sequence[bytes]]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # otherwise it depends on the host OS
            info.external_attr = 0
            if isinstance(data, bytes):
                archive.writestr(info, data)
                continue
            # a part in chunks (the document body) is compressed as it is written; its size is
            # set first, as writestr does, so the archive is byte for byte the same
            info.file_size = sum(len(chunk) for chunk in data)
            with archive.open(info, "w") as out:
                for chunk in data:
                    out.write(chunk)
    return buffer.getvalue()
