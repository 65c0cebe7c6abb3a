"""sskit.pdf.stable: the wall clock and the process's font counter taken out of a PDF, on
PDFs laid out as LibreOffice writes them (classic cross-reference table, Type 1 subsets)."""
from __future__ import annotations

import io
import re
import zipfile
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from sskit.pdf.stable import EEXEC_KEY, UnexpectedPdf, stable_pdf, word_date


def _encrypt(plain: bytes) -> bytes:
    r, out = EEXEC_KEY, bytearray()
    for p in plain:
        c = p ^ (r >> 8)
        out.append(c)
        r = ((c + r) * 52845 + 22719) & 0xFFFF
    return bytes(out)


def _decrypt(cipher: bytes) -> bytes:
    r, out = EEXEC_KEY, bytearray()
    for c in cipher:
        out.append(c ^ (r >> 8))
        r = ((c + r) * 52845 + 22719) & 0xFFFF
    return bytes(out)


def _font_program(unique_id: int) -> tuple[bytes, int, int]:
    clear = b"%%!FontType1-1.0: XX\n/FontName /BAAAAA+Test def\n/UniqueID %d def\ncurrentfile eexec\n" % unique_id
    private = _encrypt(b"HDU dup /Private 8 dict dup begin\n/UniqueID %d def\n/lenIV 4 def\n" % unique_id
                       + bytes(range(256)) * 4)
    trailer = b"0" * 512 + b"cleartomark\n"
    return clear + private + trailer, len(clear), len(private)


def _pdf(date: bytes, unique_id: int, file_id: bytes = b"C8EEB8B78AFC61DB1FAA6345D2BA7807") -> bytes:
    """A small PDF as LibreOffice writes one: a font stream whose /Length is an object of its
    own, the information dictionary near the end, a classic xref table and an /ID."""
    program, length1, length2 = _font_program(unique_id)
    packed = zlib.compress(program)
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 6 0 R>>>>>>",
        b"<</Length 5 0 R/Filter/FlateDecode/Length1 %d/Length2 %d/Length3 %d>>\nstream\n%s\nendstream"
        % (length1, length2, len(program) - length1 - length2, packed),
        b"%d" % len(packed),
        b"<</Type/Font/Subtype/Type1/BaseFont/BAAAAA+Test/FontDescriptor 7 0 R>>",
        b"<</Type/FontDescriptor/FontName/BAAAAA+Test/FontFile 4 0 R/Flags 4/FontBBox[0 0 1 1]"
        b"/ItalicAngle 0/Ascent 1/Descent 0/CapHeight 1/StemV 1>>",
        b"<</Title<FEFF0041>/Creator<FEFF0057>/CreationDate(" + date + b")>>",
    ]
    out = bytearray(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    out += (b"trailer\n<</Size %d/Root 1 0 R\n/Info 8 0 R\n/ID [ <%s>\n<%s> ]\n/DocChecksum /%s\n>>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, file_id, file_id, file_id, xref))
    return bytes(out)


def _offsets_hold_their_objects(data: bytes) -> None:
    xref = int(re.search(rb"startxref\s+(\d+)", data).group(1))
    assert data[xref:xref + 4] == b"xref"
    rows = re.findall(rb"(\d{10}) 00000 n", data[xref:])
    for n, at in enumerate(rows, 1):
        assert data[int(at):].startswith(b"%d 0 obj" % n)


def test_two_exports_at_other_times_and_counters_become_one_file():
    a = stable_pdf(_pdf(b"D:20261130040506Z'", 4100009), "D:20260101000000Z")
    b = stable_pdf(_pdf(b"D:20270611231559+08'00'", 4100017, b"58DCEBC2BFAD7669176B8EB13CEB3903"),
                   "D:20260101000000Z")
    assert a == b
    _offsets_hold_their_objects(a)
    reader = PdfReader(io.BytesIO(a), strict=True)
    assert reader.metadata["/CreationDate"] == "D:20260101000000Z"
    assert reader.metadata["/Title"] == "A"  # the rest of the information dictionary stays


def test_the_font_program_keeps_its_size_and_gets_an_id_from_its_content():
    original = _pdf(b"D:20261130040506Z'", 4100009)
    fixed = stable_pdf(original, "D:20260101000000Z")
    font = PdfReader(io.BytesIO(fixed)).get_object(4)
    program = font.get_data()
    length1, length2 = font["/Length1"], font["/Length2"]
    assert len(program) == len(_font_program(4100001)[0])
    clear_id = re.search(rb"/UniqueID (\d+) def", program[:length1]).group(1)
    hidden_id = re.search(rb"/UniqueID (\d+) def", _decrypt(program[length1:length1 + length2])).group(1)
    assert clear_id == hidden_id != b"4100009"
    assert 4000000 <= int(clear_id) <= 4999999  # Adobe's range for private fonts
    # everything but the ID decrypts as before
    assert _decrypt(program[length1:length1 + length2]).replace(hidden_id, b"4100009") == \
        _decrypt(_font_program(4100009)[0][length1:length1 + length2])


def test_the_id_and_checksum_are_a_digest_of_the_file():
    a = stable_pdf(_pdf(b"D:20261130040506Z'", 4100009), "D:20260101000000Z")
    other = stable_pdf(_pdf(b"D:20261130040506Z'", 4100009), "D:20250301000000Z")
    ids = [re.search(rb"/ID \[ <([0-9A-F]{32})>\n<([0-9A-F]{32})> \]", d).groups() for d in (a, other)]
    assert ids[0][0] == ids[0][1] and ids[0] != ids[1]
    assert re.search(rb"/DocChecksum /" + ids[0][0], a)


def test_a_document_without_a_date_gets_none():
    fixed = stable_pdf(_pdf(b"D:20261130040506Z'", 4100009), None)
    assert b"CreationDate" not in fixed
    _offsets_hold_their_objects(fixed)
    assert PdfReader(io.BytesIO(fixed), strict=True).metadata["/Title"] == "A"


def test_a_pdf_of_another_layout_is_refused():
    data = _pdf(b"D:20261130040506Z'", 4100009)
    with pytest.raises(UnexpectedPdf):
        stable_pdf(data.replace(b"\nxref\n", b"\nXREF\n"), None)


def _docx(core: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("docProps/core.xml", core)
    return buffer.getvalue()


def test_the_pdf_date_is_the_word_files_revision_date():
    core = ('<cp:coreProperties><dcterms:modified xsi:type="dcterms:W3CDTF">2026-03-01T00:00:00Z'
            '</dcterms:modified></cp:coreProperties>')
    assert word_date(_docx(core)) == "D:20260301000000Z"
    assert word_date(_docx("<cp:coreProperties/>")) is None
    assert word_date(b"not a zip") is None


def _garbled(data: bytes, old: bytes, new: bytes) -> bytes:
    assert old in data  # the fixture still has what the case changes
    return data.replace(old, new, 1)


GOOD = _pdf(b"D:20261130040506Z'", 4100009)
XREF_AT = GOOD.rindex(b"\nxref\n") + 1
FIRST_ENTRY = b"%010d 00000 n" % GOOD.index(b"1 0 obj")  # the first object's row of the table


@pytest.mark.parametrize("data, why", [
    (GOOD[:len(GOOD) // 2], "no classic cross-reference table"),
    (GOOD[:-12], "no classic cross-reference table"),
    (b"", "no classic cross-reference table"),
    (GOOD[:XREF_AT + 40] + GOOD[-28:], "cut short"),  # the table ends in the middle
    (_garbled(GOOD, FIRST_ENTRY, b"x" + FIRST_ENTRY[1:]), "ValueError"),
    (_garbled(GOOD, b"/Info 8 0 R", b"/Info 9 0 R"), "no document information dictionary"),
    (_garbled(GOOD, b"trailer\n", b"trailor\n"), "not followed by its trailer"),
    (_garbled(GOOD, b"/Length 5 0 R/", b"/Lingth 5 0 R/"), "KeyError"),
    (_garbled(GOOD, b"CreationDate(D:20261130040506Z')>>\nendobj", b"CreationDate(D:20261130040506Z')>>\nendobx"),
     "does not end"),
])
def test_a_truncated_or_garbled_pdf_is_refused_with_the_reason(data, why):
    with pytest.raises(UnexpectedPdf, match=why):
        stable_pdf(data, "D:20260101000000Z")


def test_the_undamaged_fixture_of_those_cases_is_accepted():
    assert FIRST_ENTRY in GOOD[XREF_AT:]
    assert stable_pdf(GOOD, None).startswith(b"%PDF-1.6")


@settings(max_examples=400, deadline=None, database=None, derandomize=True)
@given(at=st.integers(0, len(GOOD) - 1), byte=st.integers(0, 255),
       cut=st.one_of(st.none(), st.integers(0, len(GOOD))))
def test_any_damaged_pdf_is_refused_or_fixed_never_a_crash(at, byte, cut):
    """A byte changed, and maybe the file cut: stable_pdf gives bytes or UnexpectedPdf (exit 4
    naming the document), no other exception (a traceback)."""
    damaged = (GOOD[:at] + bytes([byte]) + GOOD[at + 1:])[:cut]
    try:
        fixed = stable_pdf(damaged, "D:20260101000000Z")
    except UnexpectedPdf:
        return
    assert fixed.startswith(damaged[:9]) and fixed.rstrip().endswith(b"%%EOF")
