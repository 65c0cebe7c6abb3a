"""company.logo (issue 15, Pictures): checked at the IO edge with located errors, drawn on the
cover and in every header as a DrawingML picture; nothing changes without one."""
from __future__ import annotations

import dataclasses
import struct
from pathlib import Path

import pytest

from sskit.diagnostics import SskitError
from sskit.markup import parse_markdown
from sskit.markup.ir import DocumentMeta
from sskit.profile.assets import Picture, load_logo, picture_info
from sskit.profile.loader import read_profile_with_source
from sskit.writers.docx import write_docx

from test_docx_schema import problems, schemas  # noqa: F401  (schemas is a fixture)
from writer_samples import META, NS, Package

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LOGO = (FIXTURES / "logo.png").read_bytes()
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
BODY = "# 目的\n\n规范售后服务工作。\n"


def _jpeg(width: int, height: int) -> bytes:
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + bytes(9) + sof + b"\xff\xd9"


def test_picture_info_reads_type_and_size_from_the_bytes():
    assert picture_info(LOGO) == ("image/png", 160, 64)
    assert picture_info(_jpeg(300, 120)) == ("image/jpeg", 300, 120)
    for bad in (b"GIF89a....", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0\x00\x02", b""):
        with pytest.raises(ValueError):
            picture_info(bad)


def _profile(tmp_path: Path, logo: str, data: bytes | None) -> Path:
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("  sales_regions: [浙江省]\n", f"  sales_regions: [浙江省]\n  logo: {logo}\n", 1)
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    if data is not None:
        (tmp_path / logo).write_bytes(data)
    return path


def test_load_logo_reads_a_png_relative_to_the_profile(tmp_path):
    profile, source = read_profile_with_source(_profile(tmp_path, "logo.png", LOGO))
    assert load_logo(profile, source) == Picture(LOGO, "image/png", 160, 64)


@pytest.mark.parametrize("name, data, message", [
    ("missing.png", None, "missing.png: no such file"),
    ("logo.gif", b"GIF89a" + bytes(20), "logo.gif is neither a PNG nor a JPEG picture"),
    ("tiny.png", LOGO[:16] + struct.pack(">II", 8, 8) + LOGO[24:], "tiny.png is 8 x 8 pixels"),
    ("huge.png", LOGO + bytes(2 * 1024 * 1024), "more than the 2,097,152 bytes allowed"),
    ("cut.png", LOGO[:len(LOGO) // 2], "cut.png is a truncated PNG (no IEND chunk)"),  # a broken picture in Word
])
def test_a_bad_logo_is_a_located_profile_error(tmp_path, name, data, message):
    path = _profile(tmp_path, name, data)
    profile, source = read_profile_with_source(path)
    with pytest.raises(SskitError) as caught:
        load_logo(profile, source)
    (diagnostic,) = caught.value.diagnostics
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "logo:" in text)
    assert (diagnostic.file, diagnostic.line, diagnostic.col) == (str(path), line, 9)
    assert message in diagnostic.message and diagnostic.hint
    assert caught.value.diagnostics[0].format().startswith(f"{path}:{line}:9: error: company.logo: ")


def test_the_logo_is_on_the_cover_and_in_the_header(schemas):
    meta = dataclasses.replace(META, logo=DocumentMeta.Picture(LOGO, "image/png", 160, 64))
    pkg = Package(write_docx(meta, parse_markdown(BODY)))
    assert pkg.raw("word/media/logo.png") == LOGO
    assert 'Extension="png" ContentType="image/png"' in pkg.raw("[Content_Types].xml").decode()
    rels = pkg.raw("word/_rels/header1.xml.rels").decode()
    assert 'Id="rIdLogo"' in rels and 'Target="media/logo.png"' in rels
    assert pkg.xpath("word/header1.xml", "//*[local-name()='blip']/@r:embed") == ["rIdLogo"]
    # on the cover: the first paragraph, before the company name
    first = pkg.xml("word/document.xml").find("w:body/w:p", NS)
    assert first.xpath(".//pic:pic", namespaces={"pic": PIC})
    rel = pkg.raw("word/_rels/document.xml.rels").decode()
    assert 'Id="rIdLogo"' in rel
    extent = first.xpath(".//*[local-name()='extent']")[0]
    assert int(extent.get("cx")) * 64 == pytest.approx(int(extent.get("cy")) * 160, rel=0.01)  # aspect kept
    assert problems(pkg.data, schemas) == []


def test_a_procedure_shows_the_logo_in_its_header_block(schemas):
    meta = dataclasses.replace(META, layout="procedure", logo=DocumentMeta.Picture(LOGO, "image/png", 160, 64))
    pkg = Package(write_docx(meta, parse_markdown(BODY)))
    block = pkg.xml("word/document.xml").find("w:body/w:tbl", NS)
    assert block.xpath(".//pic:pic", namespaces={"pic": PIC})
    assert problems(pkg.data, schemas) == []


def test_without_a_logo_nothing_changes(sample_blocks):
    plain = write_docx(META, sample_blocks)
    assert write_docx(dataclasses.replace(META, logo=None), sample_blocks) == plain
    pkg = Package(plain)
    assert not [n for n in pkg.names if n.startswith("word/media/") or n.startswith("word/_rels/header")]
    assert b"drawing" not in pkg.raw("word/document.xml") and b"png" not in pkg.raw("[Content_Types].xml")
