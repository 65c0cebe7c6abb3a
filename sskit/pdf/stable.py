"""Byte-identical PDFs: what LibreOffice's export stamps into a file besides the document.

- The export time: /CreationDate in the information dictionary, and the /ID and
  /DocChecksum of the trailer, hashed from it. The date becomes the document's own
  (its revision date, from the Word file; none when it has none), both hashes a digest
  of the file itself.
- A counter of the process: each Type 1 font subset (how LibreOffice 7 embeds the CFF
  faces of Noto CJK) gets `/UniqueID 41000NN`, NN counting the fonts this LibreOffice
  has embedded so far, so a document's bytes would depend on the documents converted
  before it. The ID becomes a digest of the font program itself (same digits, in Adobe's
  private range 4000000-4999999).
Everything else stays as LibreOffice wrote it (font subset tags count within the file).
The cross-reference offsets after each edit are moved.
"""
from __future__ import annotations

import hashlib
import io
import re
import zipfile
import zlib
from typing import Optional

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_SUBSECTION = re.compile(rb"(\d+) (\d+)\s*\r?\n")
_INFO = re.compile(rb"/Info\s+(\d+)\s+0\s+R")
_DATES = re.compile(rb"/(?:CreationDate|ModDate)\s*\((?:\\.|[^\\)])*\)")
_HASHES = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>\s*\])|(/DocChecksum\s*/)([0-9A-Fa-f]+)")
_MODIFIED = re.compile(r"<dcterms:modified[^>]*>(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z?</dcterms:modified>")
_STREAM = re.compile(rb"\d+\s+0\s+obj\s*<<([^<>]*)>>\s*stream\r?\n")
_INT = re.compile(rb"/(Length[123]?)\s+(\d+)(\s+0\s+R)?")
_UNIQUE_ID = re.compile(rb"/UniqueID\s+(\d+)\s+def")
_PLAIN_INT = re.compile(rb"\d+\s+0\s+obj\s*(\d+)\s*endobj")
_FLATE = re.compile(rb"/Filter\s*/FlateDecode(?![A-Za-z0-9])")
EEXEC_KEY = 55665  # Type 1 font programs: the eexec encryption's initial key


class UnexpectedPdf(ValueError):
    """The PDF is not laid out as this module expects (another LibreOffice)."""


def word_date(docx: bytes) -> Optional[str]:
    """The Word file's last-modified date (sskit writes the revision date there) as a PDF date."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            core = package.read("docProps/core.xml").decode("utf-8")
    except (KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        return None
    found = _MODIFIED.search(core)
    return "D:{}{}{}{}{}{}Z".format(*found.groups()) if found else None


def stable_pdf(data: bytes, date: Optional[str]) -> bytes:
    """`data` with its dates set to `date` (removed when None), its font IDs and its /ID and
    /DocChecksum derived from its content. Raises UnexpectedPdf, and nothing else, when the
    file is not laid out as expected (no classic cross-reference table, no information
    dictionary, truncated or garbled)."""
    try:
        return _stable(data, date)
    except UnexpectedPdf:
        raise
    except (KeyError, IndexError, ValueError, AttributeError, zlib.error) as exc:
        # a parse that met bytes it did not expect (a missing key, a number that is not one)
        raise UnexpectedPdf(f"cannot read its structure ({type(exc).__name__}: {exc})") from None


def _stable(data: bytes, date: Optional[str]) -> bytes:
    tail = _STARTXREF.search(data, max(0, len(data) - 64))
    if tail is None or not data.startswith(b"xref", int(tail.group(1))):
        raise UnexpectedPdf("no classic cross-reference table at the end")
    xref_at = int(tail.group(1))
    offsets, trailer_at = _xref_entries(data, xref_at)
    info = _INFO.search(data, trailer_at)
    if info is None or int(info.group(1)) not in offsets:
        raise UnexpectedPdf("no document information dictionary")
    start = offsets[int(info.group(1))]
    end = data.find(b"endobj", start)
    if end < 0:
        raise UnexpectedPdf("the document information dictionary does not end")
    old = data[start:end]
    new = _DATES.sub(lambda m: m.group(0).split(b"(")[0] + b"(" + date.encode("ascii") + b")" if date else b"",
                     old)
    edits = {start: (end, new)} if new != old else {}
    edits.update(_font_edits(data, offsets))
    data = _apply(data, edits, offsets, xref_at)
    # the hashes last, over the file with them blanked (their length does not change)
    blank = _HASHES.sub(_hash_with(b"0"), data)
    digest = hashlib.md5(blank).hexdigest().upper().encode("ascii")
    return _HASHES.sub(_hash_with(digest), data)


def _font_edits(data: bytes, offsets: dict[int, int]) -> dict[int, tuple[int, bytes]]:
    """{start: (end, new bytes)} for each Type 1 font stream whose /UniqueID is a counter,
    and for the object that holds its /Length when that is a reference."""
    edits = {}
    for at in sorted(offsets.values()):
        head = _STREAM.match(data, at)
        if head is None or b"/Length1" not in head.group(1) or b"/Length2" not in head.group(1):
            continue
        if _FLATE.search(head.group(1)) is None:
            continue
        ints = {m.group(1): (int(m.group(2)), bool(m.group(3))) for m in _INT.finditer(head.group(1))}
        length, indirect = ints[b"Length"]
        if indirect:
            held_at = offsets.get(length)
            held = _PLAIN_INT.match(data, held_at) if held_at is not None else None
            if held is None:
                raise UnexpectedPdf(f"the length of the stream at {at} is not a plain number")
            size = int(held.group(1))
        else:
            size = length
        body = data[head.end():head.end() + size]
        try:
            program = _fixed_font(zlib.decompress(body), ints[b"Length1"][0], ints[b"Length2"][0])
        except zlib.error as exc:
            raise UnexpectedPdf(f"a font stream at {at} does not inflate: {exc}") from None
        if program is None:
            continue
        packed = zlib.compress(program, 9)
        if indirect:
            edits[held.start(1)] = (held.end(1), str(len(packed)).encode("ascii"))
            edits[head.end()] = (head.end() + size, packed)
        else:
            dictionary = head.group(1)
            fixed = _INT.sub(lambda m: m.group(0) if m.group(1) != b"Length" else b"/Length %d" % len(packed),
                             dictionary)
            edits[head.start(1)] = (head.end(1), fixed)
            edits[head.end()] = (head.end() + size, packed)
    return edits


def _fixed_font(program: bytes, clear: int, private: int) -> Optional[bytes]:
    """The font program with its /UniqueID (in the clear part and again in the encrypted part)
    set from a digest of the program; None when it has no UniqueID."""
    head, secret, rest = program[:clear], program[clear:clear + private], program[clear + private:]
    found = _UNIQUE_ID.search(head)
    if found is None:
        return None
    plain = _decrypt(secret)
    hidden = _UNIQUE_ID.search(plain)
    digits = len(found.group(1))
    digest = hashlib.sha256(_UNIQUE_ID.sub(b"", head) + _UNIQUE_ID.sub(b"", bytes(plain[4:])) + rest).digest()
    span = 10 ** (digits - 1)
    value = str(4 * span + int.from_bytes(digest[:8], "big") % span).encode("ascii") if digits > 1 else b"4"
    head = head[:found.start(1)] + value + head[found.end(1):]
    if hidden is not None and len(hidden.group(1)) == digits:
        plain[hidden.start(1):hidden.end(1)] = value
        secret = _encrypt_from(secret, plain, hidden.start(1))
    return head + secret + rest


def _decrypt(data: bytes) -> bytearray:
    out = bytearray(len(data))
    r = EEXEC_KEY
    for i, c in enumerate(data):
        out[i] = c ^ (r >> 8)
        r = ((c + r) * 52845 + 22719) & 0xFFFF
    return out


def _encrypt_from(cipher: bytes, plain: bytearray, start: int) -> bytes:
    """`plain` encrypted again from `start` on (the key there follows from the bytes before it)."""
    r = EEXEC_KEY
    for c in cipher[:start]:
        r = ((c + r) * 52845 + 22719) & 0xFFFF
    out = bytearray(cipher[:start])
    for p in plain[start:]:
        c = p ^ (r >> 8)
        out.append(c)
        r = ((c + r) * 52845 + 22719) & 0xFFFF
    return bytes(out)


def _apply(data: bytes, edits: dict[int, tuple[int, bytes]], offsets: dict[int, int], xref_at: int) -> bytes:
    """`data` with each edit (start -> (end, bytes)) made, the objects after it moved in the
    cross-reference table."""
    if not edits:
        return data
    parts, shifts, pos, delta = [], [], 0, 0
    for start in sorted(edits):
        end, new = edits[start]
        parts += [data[pos:start], new]
        pos = end
        delta += len(new) - (end - start)
        shifts.append((start, delta))
    parts.append(data[pos:])

    def moved(at: int) -> int:
        return at + next((d for s, d in reversed(shifts) if s < at), 0)

    return _rewrite_xref(b"".join(parts), moved(xref_at), {n: moved(at) for n, at in offsets.items()})


def _hash_with(value: bytes):
    def put(m: re.Match) -> bytes:
        if m.group(1) is not None:
            size = len(m.group(2))
            fill = (value * size)[:size]
            return m.group(1) + fill + m.group(3) + fill + m.group(5)
        size = len(m.group(7))
        return m.group(6) + (value * size)[:size]
    return put


def _xref_entries(data: bytes, at: int) -> tuple[dict[int, int], int]:
    """{object number: offset} of the in-use objects, and where the trailer starts."""
    offsets: dict[int, int] = {}
    pos = data.index(b"\n", at) + 1
    while (section := _SUBSECTION.match(data, pos)) is not None:
        first, count = int(section.group(1)), int(section.group(2))
        pos = section.end()
        if pos + 20 * count > len(data):
            raise UnexpectedPdf("the cross-reference table is cut short")
        for n in range(count):
            if data[pos + 17:pos + 18] == b"n":
                offsets[first + n] = int(data[pos:pos + 10])
            pos += 20
    if not data.startswith(b"trailer", pos):
        raise UnexpectedPdf("the cross-reference table is not followed by its trailer")
    return offsets, pos


def _rewrite_xref(data: bytes, at: int, offsets: dict[int, int]) -> bytes:
    """The cross-reference table at `at` with the new offsets (each entry keeps its 20 bytes)."""
    out = bytearray(data)
    pos = data.index(b"\n", at) + 1
    while (section := _SUBSECTION.match(data, pos)) is not None:
        first, count = int(section.group(1)), int(section.group(2))
        pos = section.end()
        for n in range(count):
            if first + n in offsets and data[pos + 17:pos + 18] == b"n":
                out[pos:pos + 10] = b"%010d" % offsets[first + n]
            pos += 20
    tail = _STARTXREF.search(bytes(out), max(0, len(out) - 64))
    return bytes(out[:tail.start(1)]) + str(at).encode("ascii") + bytes(out[tail.end(1):])
