"""The files a profile names beside itself (company.logo, document_control.reference_doc): read
and checked here, at the IO edge, with errors located at the field in the profile.

A path is relative to the profile's folder (subfolders are fine); an absolute path, or one that
leads out of that folder (`..`, a link pointing elsewhere), is refused: a profile passed on by
someone else must not pull arbitrary files of this machine into the documents.

`picture_info` and `open_word_package` are pure (bytes in); `load_logo` and
`load_reference_bytes` read the files.  The size caps of a reference document live here, once:
the Word writer (`sskit.writers.docx.reference`) opens the package with `open_word_package` and
reads its parts with `read_part`, so `sskit check` and `sskit build` refuse the same files.
"""
from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Optional

from sskit.diagnostics import Diagnostic, SskitError
from sskit.picture import Picture

MAX_LOGO_BYTES = 2 * 1024 * 1024
MIN_LOGO_PIXELS = 16  # a smaller picture is unreadable on the cover
MAX_LOGO_PIXELS = 8000
MAX_REFERENCE_BYTES = 20 * 1024 * 1024  # the .docx file as stored
# unpacked: a zip bomb (a few kB that inflate to gigabytes) stops at these
MAX_PART_BYTES = 20 * 1024 * 1024  # one part (styles.xml, a header picture …)
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # all parts together
MAX_RATIO = 100  # unpacked / packed size of a part above RATIO_FLOOR; Word's XML packs 5-20 times
RATIO_FLOOR = 1024 * 1024
MAX_PARTS = 2000
_PNG = b"\x89PNG\r\n\x1a\n"
# JPEG start-of-frame markers (baseline, extended, progressive, lossless …), not DHT / DAC / JPG
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_MB = 1024 * 1024
_REFERENCE_HINT = (f"give the client's Word template (.docx, as saved by Word, WPS or LibreOffice, at most "
                   f"{MAX_REFERENCE_BYTES // _MB} MB) by a path relative to the profile's folder")


def picture_info(data: bytes) -> tuple[str, int, int]:
    """(content type, width, height) of a PNG or JPEG, by its bytes; ValueError otherwise."""
    if data.startswith(_PNG):
        if len(data) < 24 or data[12:16] != b"IHDR":
            raise ValueError("is a damaged PNG (no IHDR header)")
        if data.rfind(b"IEND") < 0:  # cut off: Word would show a broken picture in every header
            raise ValueError("is a truncated PNG (no IEND chunk)")
        width, height = struct.unpack(">II", data[16:24])
        return "image/png", width, height
    if data.startswith(b"\xff\xd8"):
        at = 2
        while at + 4 <= len(data):
            if data[at] != 0xFF:
                raise ValueError("is a damaged JPEG (marker expected)")
            marker = data[at + 1]
            if marker == 0xFF:  # fill byte
                at += 1
                continue
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
                at += 2
                continue
            (length,) = struct.unpack(">H", data[at + 2:at + 4])
            if marker in _SOF:
                if at + 9 > len(data):
                    break
                height, width = struct.unpack(">HH", data[at + 5:at + 9])
                return "image/jpeg", width, height
            at += 2 + length
        raise ValueError("is a damaged JPEG (no frame header)")
    raise ValueError("is neither a PNG nor a JPEG picture")


def _cap(size: int) -> str:
    """A limit, in MB when it is whole MB."""
    return f"{size // _MB} MB" if size % _MB == 0 else f"{size:,} bytes"


def open_word_package(data: bytes) -> zipfile.ZipFile:
    """`data` as a zip package within the caps, by its directory alone (nothing is unpacked);
    ValueError saying what is wrong otherwise."""
    if len(data) > MAX_REFERENCE_BYTES:
        raise ValueError(f"is {len(data):,} bytes, more than the {_cap(MAX_REFERENCE_BYTES)} allowed")
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ValueError("is not a .docx (not a zip package)") from None
    if len(infos) > MAX_PARTS:
        raise ValueError(f"has {len(infos):,} parts, more than the {MAX_PARTS:,} a Word document may have")
    total = 0
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            raise ValueError(f"has a part {info.filename} of {info.file_size:,} bytes unpacked, "
                             f"more than the {_cap(MAX_PART_BYTES)} allowed")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ValueError(f"has a part {info.filename} packed {info.file_size // max(info.compress_size, 1):,} "
                             f"times, where a Word document's parts pack at most {MAX_RATIO} times: refused as "
                             "a zip bomb")
        total += info.file_size
    if total > MAX_UNPACKED_BYTES:
        raise ValueError(f"unpacks to {total:,} bytes, more than the {_cap(MAX_UNPACKED_BYTES)} allowed")
    return archive


def read_part(archive: zipfile.ZipFile, name: str, limit: int = MAX_PART_BYTES) -> bytes:
    """The part `name`, unpacked; at most `limit` bytes whatever its directory entry claims.
    ValueError when it unpacks to more, or is damaged, encrypted or packed in a way zip lacks."""
    try:
        with archive.open(name) as part:
            data = part.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, KeyError) as error:
        raise ValueError(f"part {name} cannot be unpacked: {error}") from None
    if len(data) > limit:
        raise ValueError(f"part {name} unpacks to more than {_cap(limit)} (a zip bomb, or a picture far too "
                         "large)")
    return data


def check_word_package(data: bytes) -> zipfile.ZipFile:
    """`open_word_package`, and the two parts every Word document has; ValueError otherwise."""
    archive = open_word_package(data)
    names = set(archive.namelist())
    for part in ("[Content_Types].xml", "word/document.xml"):
        if part not in names:
            raise ValueError(f"is not a Word document (a zip package without {part})")
    return archive


def _where(source, path: tuple) -> tuple[str, int, int]:
    line, col = source.locate(path) if source is not None else (0, 0)
    return (source.file if source is not None else "profile"), line, col


def _base(source, base: Optional[Path]) -> Path:
    return base if base is not None else Path(source.file).parent if source is not None else Path(".")


def _located(source, path: tuple, hint: str):
    file, line, col = _where(source, path)

    def fail(message: str) -> SskitError:
        return SskitError([Diagnostic(file, line, col, message, path=".".join(path), hint=hint)])
    return fail


def _read(value: str, base: Path, source, path: tuple, limit: int, hint: str) -> bytes:
    """The file `value` names in `base`, at most `limit` bytes; a located SskitError otherwise."""
    fail = _located(source, path, hint)
    if "\x00" in value:
        raise fail(f"{value!r} is not a file name")
    given = Path(value)
    if given.is_absolute() or given.drive or given.anchor:
        raise fail(f"{value}: an absolute path; the file must lie in the profile's folder ({base})")
    target = base / given
    try:
        if not target.resolve().is_relative_to(base.resolve()):
            raise fail(f"{value}: leads out of the profile's folder ({base})")
        if not target.is_file():
            raise fail(f"{value}: no such file (looked in {base})")
        with open(target, "rb") as stream:  # bounded: the file may grow after any size check
            data = stream.read(limit + 1)
    except (OSError, RuntimeError) as error:  # RuntimeError: a loop of links
        raise fail(f"{value}: cannot be read: {getattr(error, 'strerror', None) or error}") from None
    if len(data) > limit:
        raise fail(f"{value}: more than the {limit:,} bytes allowed")
    return data


def load_logo(profile, source=None, base: Optional[Path] = None) -> Optional[Picture]:
    """company.logo as a checked Picture (None without one); `source`: the profile's Source
    (its file and positions), `base`: the folder paths are relative to (default: the profile's)."""
    value = profile.company.logo
    if not value:
        return None
    path = ("company", "logo")
    hint = ("give a PNG or JPEG of at most 2 MB, between 16 and 8000 pixels a side, by a path relative "
            "to the profile's folder")
    data = _read(value, _base(source, base), source, path, MAX_LOGO_BYTES, hint)
    fail = _located(source, path, hint)
    try:
        content_type, width, height = picture_info(data)
    except ValueError as error:
        raise fail(f"{value} {error}") from None
    if not (MIN_LOGO_PIXELS <= width <= MAX_LOGO_PIXELS and MIN_LOGO_PIXELS <= height <= MAX_LOGO_PIXELS):
        raise fail(f"{value} is {width} x {height} pixels")
    return Picture(data, content_type, width, height)


def load_reference_bytes(profile, source=None, base: Optional[Path] = None) -> Optional[tuple[bytes, str]]:
    """document_control.reference_doc's bytes and its path (None without one), checked to be a
    Word package within the caps; the writer parses them (`sskit.writers.docx.reference`)."""
    value = profile.document_control.reference_doc
    if not value:
        return None
    base = _base(source, base)
    path = ("document_control", "reference_doc")
    data = _read(value, base, source, path, MAX_REFERENCE_BYTES, _REFERENCE_HINT)
    try:
        check_word_package(data)
    except ValueError as error:
        raise _located(source, path, _REFERENCE_HINT)(f"{value} {error}") from None
    return data, str(base / value)
