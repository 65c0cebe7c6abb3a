"""A hostile or careless reference document (issue 16 follow-up): a zip bomb, a directory that
lies about sizes, margins that leave no room for text, font sizes the schema forbids.  Each is a
clear SskitError naming the file, or is left out with sskit's own value kept; never gigabytes
of memory, a traceback or a document with negative widths."""
from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import sskit.profile.assets as assets
import sskit.writers.docx.reference as reference_module
from sskit.cli import main
from sskit.diagnostics import SskitError
from sskit.writers.docx import write_docx
from sskit.writers.docx.page import PORTRAIT, Margins
from sskit.writers.docx.reference import load_reference

from test_docx_schema import problems, schemas  # noqa: F401  (schemas is a fixture)
from writer_samples import META, NS, Package

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
W_NS = NS["w"]
W = f"{{{W_NS}}}"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPES = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="xml" ContentType="application/xml"/></Types>')
_ROOT_RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              f'<Relationship Id="r1" Type="{_REL}/officeDocument" Target="word/document.xml"/></Relationships>')
_DOC_RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             f'<Relationship Id="r1" Type="{_REL}/styles" Target="styles.xml"/></Relationships>')


def _styles(normal_size: str = "22", heading_size: str = "") -> bytes:
    heading = f'<w:rPr><w:sz w:val="{heading_size}"/></w:rPr>' if heading_size else ""
    return (f'<w:styles xmlns:w="{W_NS}">'
            '<w:style w:type="paragraph" w:styleId="a"><w:name w:val="Normal"/>'
            f'<w:rPr><w:rFonts w:ascii="Georgia"/><w:sz w:val="{normal_size}"/></w:rPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>'
            f'{heading}</w:style></w:styles>').encode()


def _word(margins: str = "", styles: bytes | None = None, **extra: bytes) -> bytes:
    """A small Word package: document (with `margins` as the w:pgMar attributes), styles, more parts."""
    pg_mar = f"<w:pgMar {margins}/>" if margins else ""
    parts = {"[Content_Types].xml": _TYPES.encode(), "_rels/.rels": _ROOT_RELS.encode(),
             "word/_rels/document.xml.rels": _DOC_RELS.encode(),
             "word/document.xml": (f'<w:document xmlns:w="{W_NS}"><w:body><w:p/>'
                                   f'<w:sectPr>{pg_mar}</w:sectPr></w:body></w:document>').encode(),
             "word/styles.xml": styles if styles is not None else _styles(), **extra}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _error(data: bytes) -> str:
    with pytest.raises(SskitError) as caught:
        load_reference(data, "client.docx")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.file == "client.docx" and diagnostic.hint
    return diagnostic.message


def _lie(data: bytes, name: str, size: int) -> bytes:
    """`data` with the central directory claiming `size` unpacked bytes for the part `name`."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        (length,) = struct.unpack("<H", out[at + 28:at + 30])
        if out[at + 46:at + 46 + length] == name.encode():
            out[at + 24:at + 28] = struct.pack("<I", size)
            return bytes(out)
        at = out.find(b"PK\x01\x02", at + 46)
    raise AssertionError(f"no {name} in the directory")


def test_a_small_well_formed_reference_is_read(tmp_path):
    ref = load_reference(_word('w:top="1440" w:bottom="1440" w:left="1800" w:right="1800" w:header="851" '
                               'w:footer="992"'), "client.docx")
    assert ref.margins == Margins(1440, 1440, 1800, 1800, 851, 992) and ref.notes == ()
    assert dict(ref.looks)["Normal"].latin == "Georgia"


def test_a_zip_bomb_in_styles_is_refused_by_its_declared_size():
    bomb = _word(styles=b"<w:styles" + b" " * (assets.MAX_PART_BYTES + 1) + b"/>")
    assert len(bomb) < 100_000  # a few kB on disk, 20 MB unpacked
    message = _error(bomb)
    assert message == (f"reference document has a part word/styles.xml of {assets.MAX_PART_BYTES + 12:,} bytes "
                       "unpacked, more than the 20 MB allowed")


def test_a_directory_claiming_gigabytes_is_refused_before_anything_is_unpacked():
    bomb = _lie(_word(), "word/styles.xml", 4_000_000_000)
    assert "has a part word/styles.xml of 4,000,000,000 bytes unpacked" in _error(bomb)


def test_a_part_packed_beyond_any_word_document_is_refused():
    bomb = _word(**{"word/media/image1.png": bytes(2 * 1024 * 1024)})
    message = _error(bomb)
    assert message.startswith("reference document has a part word/media/image1.png packed ")
    assert message.endswith("times, where a Word document's parts pack at most 100 times: refused as a zip bomb")


def test_a_directory_that_understates_a_part_reads_no_more_than_it_claims():
    styles = _styles() + b" " * 500_000
    liar = _lie(_word(styles=styles), "word/styles.xml", 100)
    message = _error(liar)
    assert "part word/styles.xml cannot be unpacked" in message and "CRC" in message
    with zipfile.ZipFile(io.BytesIO(_word(styles=styles))) as archive:
        with pytest.raises(ValueError, match="unpacks to more than 1,000 bytes"):
            assets.read_part(archive, "word/styles.xml", 1000)  # the bounded read, whatever is declared


def test_all_parts_together_are_capped(monkeypatch):
    data = FIXTURES.joinpath("reference.docx").read_bytes()
    unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    monkeypatch.setattr(assets, "MAX_UNPACKED_BYTES", 10_000)
    assert _error(data) == f"reference document unpacks to {unpacked:,} bytes, more than the 10,000 bytes allowed"


def test_what_is_read_is_capped_in_total(monkeypatch):
    """Each part is below the budget, the parts read together are not."""
    styles = _styles()[:-len(b"</w:styles>")] + b"<!--" + b"s" * 3000 + b"-->" + b"</w:styles>"
    data = _word(styles=styles)
    assert load_reference(data, "client.docx").looks  # within the caps: read
    monkeypatch.setattr(reference_module, "MAX_UNPACKED_BYTES", len(styles) + 200)
    message = _error(data)
    assert message.startswith("reference document's part word/styles.xml unpacks to more than")
    assert "zip bomb" in message


def test_too_many_parts_are_refused():
    parts = {f"word/p{n}.xml": b"" for n in range(assets.MAX_PARTS + 1)}
    assert f"more than the {assets.MAX_PARTS:,} a Word document may have" in _error(_word(**parts))


def test_the_command_line_reports_a_zip_bomb_without_a_traceback(tmp_path):
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_word(styles=b"<w:styles" + b" " * (assets.MAX_PART_BYTES + 1) + b"/>"))
    result = CliRunner().invoke(main, ["build", str(FIXTURES / "minimal.yaml"), "-o", str(tmp_path / "out"),
                                       "--reference-doc", str(bomb)], catch_exceptions=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{bomb}: error: reference document has a part word/styles.xml" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("margins", [
    'w:top="1440" w:bottom="1440" w:left="7200" w:right="7200" w:header="851" w:footer="992"',
    'w:top="1440" w:bottom="1440" w:left="99999999" w:right="0" w:header="851" w:footer="992"',
    'w:top="4000" w:bottom="1000" w:left="1800" w:right="1800" w:header="851" w:footer="992"',  # landscape
])
def test_margins_that_leave_too_little_text_fall_back_to_sskits_with_a_note(margins, sample_blocks, schemas):
    ref = load_reference(_word(margins), "client.docx")
    assert ref.margins is None
    (note,) = ref.notes
    assert note.startswith("the margins of the reference document client.docx (top ")
    assert note.endswith("twips) leave less than 60 % of an A4 page for text; sskit's margins are used instead")
    pkg = Package(write_docx(META, sample_blocks, reference=ref))
    (pg_mar,) = pkg.xpath("word/document.xml", "/w:document/w:body/w:sectPr/w:pgMar")
    assert [int(pg_mar.get(f"{W}{k}")) for k in ("left", "right")] == [PORTRAIT.left, PORTRAIT.right]
    widths = [int(w) for w in pkg.xpath("word/document.xml", "//w:tblGrid/w:gridCol/@w:w")]
    assert widths and min(widths) > 0
    assert problems(pkg.data, schemas) == []


def test_margins_at_the_limit_are_taken():
    limit = PORTRAIT.width * 2 // 5  # 40 % of the short side of A4
    half = limit // 2
    ref = load_reference(_word(f'w:top="{half}" w:bottom="{half}" w:left="{half}" w:right="{half}" '
                               'w:header="851" w:footer="992"'), "client.docx")
    assert ref.margins == Margins(half, half, half, half, 851, 992) and ref.notes == ()
    over = load_reference(_word(f'w:top="{half}" w:bottom="{half}" w:left="{half}" w:right="{limit - half + 1}" '
                                'w:header="851" w:footer="992"'), "client.docx")
    assert over.margins is None and over.notes


@pytest.mark.parametrize("raw", ["1in", "", "１２", "1e3", "--5"])
def test_a_margin_that_is_not_a_number_drops_the_margins(raw):
    ref = load_reference(_word(f'w:top="{raw}" w:bottom="1440" w:left="1800" w:right="1800" '
                               'w:header="851" w:footer="992"'), "client.docx")
    assert ref.margins is None and ref.notes == ()


def test_a_negative_top_margin_counts_by_its_size():
    ref = load_reference(_word('w:top="-1440" w:bottom="1440" w:left="1800" w:right="1800" w:header="851" '
                               'w:footer="992"'), "client.docx")
    assert ref.margins == Margins(1440, 1440, 1800, 1800, 851, 992)


@pytest.mark.parametrize("size, taken", [("2", 2), ("3276", 3276), ("1", 22), ("0", 22), ("3277", 22),
                                         ("99999999999999999999", 22), ("²", 22), ("-8", 22), ("12.5", 22)])
def test_a_font_size_outside_the_schema_is_ignored(size, taken):
    """Heading 1 is based on Normal (22 half-points): a size the schema forbids falls through to it."""
    looks = dict(load_reference(_word(styles=_styles(heading_size=size)), "client.docx").looks)
    assert looks["Heading1"].size == taken


def test_an_invalid_size_in_normal_keeps_sskits_size():
    looks = dict(load_reference(_word(styles=_styles(normal_size="0")), "client.docx").looks)
    assert looks["Normal"].size is None and looks["Normal"].latin == "Georgia"
