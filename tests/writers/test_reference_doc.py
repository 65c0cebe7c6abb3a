"""The client's reference document (issue 16): its style looks, theme fonts, margins and header
art replace sskit's; sskit's structure stays; a style it lacks keeps sskit's; a bad file is a
clear error.  The fixture tests/fixtures/reference.docx was made with python-docx: Normal in
Georgia / 楷体 11 pt, headings in Verdana / 微软雅黑 with colours, 3 / 2.5 / 2 / 2 cm margins, a
letterhead picture in its header."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from sskit.diagnostics import SskitError
from sskit.markup import parse_markdown
from sskit.writers.docx import write_docx
from sskit.writers.docx.page import Margins
from sskit.writers.docx.reference import load_reference

from test_docx_schema import problems, schemas  # noqa: F401  (schemas is a fixture)
from writer_samples import META, NS, SAMPLE_MD, Package

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "reference.docx"
W = f"{{{NS['w']}}}"


@pytest.fixture(scope="module")
def reference():
    return load_reference(FIXTURE.read_bytes(), str(FIXTURE))


@pytest.fixture(scope="module")
def styled(reference):
    return Package(write_docx(META, parse_markdown(SAMPLE_MD), reference=reference))


def _style_fonts(pkg: Package, sid: str) -> dict:
    (style,) = pkg.xpath("word/styles.xml", f"//w:style[@w:styleId='{sid}']")
    rpr = style.find("w:rPr", NS)
    fonts = rpr.find("w:rFonts", NS)
    size = rpr.find("w:sz", NS)
    color = rpr.find("w:color", NS)
    return {"ascii": fonts.get(f"{W}ascii") if fonts is not None else None,
            "eastAsia": fonts.get(f"{W}eastAsia") if fonts is not None else None,
            "sz": size.get(f"{W}val") if size is not None else None,
            "color": color.get(f"{W}val") if color is not None else None}


def test_reference_is_read_into_a_value(reference):
    looks = dict(reference.looks)
    assert looks["Normal"].latin == "Georgia" and looks["Normal"].east_asia == "楷体" and looks["Normal"].size == 22
    assert (looks["Heading1"].latin, looks["Heading1"].east_asia, looks["Heading1"].color) == ("Verdana", "微软雅黑", "1F4E79")
    assert reference.margins == Margins(top=1701, bottom=1417, left=1134, right=1134, header=680, footer=680)
    assert [image.content_type for image in reference.images] == ["image/png"]
    assert "CoverCompany" not in looks  # a style the reference lacks


def test_the_documents_take_the_reference_styles_margins_and_header_art(styled, schemas):
    assert _style_fonts(styled, "Normal") == {"ascii": "Georgia", "eastAsia": "楷体", "sz": "22", "color": None}
    assert _style_fonts(styled, "Heading1") == {"ascii": "Verdana", "eastAsia": "微软雅黑", "sz": "36", "color": "1F4E79"}
    # a style the reference lacks keeps sskit's look
    assert _style_fonts(styled, "CoverCompany") == {"ascii": "Arial", "eastAsia": "黑体", "sz": "36", "color": None}
    (margins,) = styled.xpath("word/document.xml", "/w:document/w:body/w:sectPr/w:pgMar")
    assert [margins.get(f"{W}{k}") for k in ("top", "bottom", "left", "right")] == ["1701", "1417", "1134", "1134"]
    grid = styled.xpath("word/document.xml", "//w:tblGrid")[-1]
    assert sum(int(c.get(f"{W}w")) for c in grid) == 11906 - 2 * 1134  # tables fill the new text width
    # the letterhead picture in the header, with its image part and relationship
    rels = styled.raw("word/_rels/header1.xml.rels").decode()
    assert 'Target="media/reference-1.png"' in rels
    assert styled.raw("word/media/reference-1.png") == zipfile.ZipFile(FIXTURE).read("word/media/image1.png")
    assert styled.xpath("word/header1.xml", "//*[local-name()='blip']/@r:embed") == ["rIdArt1"]
    fonts = styled.xpath("word/fontTable.xml", "//w:font/@w:name")
    assert {"Georgia", "楷体", "Verdana", "微软雅黑"} <= set(fonts)
    assert problems(styled.data, schemas) == []


def test_sskit_structure_stays(styled, sample_docx):
    for pkg in (styled, sample_docx):
        assert pkg.xpath("word/document.xml", "count(//w:sectPr)") == 3
    assert styled.xpath("word/document.xml", "//w:instrText/text()") == sample_docx.xpath(
        "word/document.xml", "//w:instrText/text()")  # the same TOC
    assert styled.raw("word/numbering.xml") == sample_docx.raw("word/numbering.xml")
    assert styled.text() == sample_docx.text()


def test_with_a_reference_the_output_is_deterministic(reference, sample_blocks):
    assert write_docx(META, sample_blocks, reference=reference) == write_docx(META, sample_blocks, reference=reference)


def _docx(**parts: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name.replace("__", "/"), data)
    return buffer.getvalue()


_RELS = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         b'<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         b'relationships/officeDocument" Target="word/%s"/></Relationships>')
_TYPES = {"[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'}


@pytest.mark.parametrize("data, message", [
    (b"not a zip", "not a .docx (not a zip package)"),
    (_docx(hello=b"x"), "is not a Word document (a zip package without [Content_Types].xml)"),
    (_docx(**_TYPES, hello=b"x"), "is not a Word document (a zip package without word/document.xml)"),
    (_docx(**_TYPES, **{"word/document.xml": b"<x/>"}), "has no main document part"),
    (_docx(**_TYPES, **{"_rels/.rels": _RELS % b"main.xml", "word/document.xml": b"<x/>"}),
     "lacks its part word/main.xml"),
    (_docx(**_TYPES, **{"_rels/.rels": _RELS % b"document.xml", "word/document.xml": b"<w:document"}),
     "is not well-formed XML"),
])
def test_a_bad_reference_is_a_clear_error(data, message):
    with pytest.raises(SskitError) as caught:
        load_reference(data, "client.docx")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.file == "client.docx" and message in diagnostic.message and diagnostic.hint


def test_the_profile_field_is_read_relative_to_the_profile_and_a_missing_file_is_located(tmp_path):
    from sskit.profile.assets import load_reference_bytes
    from sskit.profile.loader import read_profile_with_source

    text = (FIXTURE.parent / "minimal.yaml").read_text(encoding="utf-8")
    assert "  approved_by: " in text
    path = tmp_path / "profile.yaml"
    path.write_text(text.replace("  approved_by: ", "  reference_doc: templates/client.docx\n  approved_by: ", 1),
                    encoding="utf-8")
    profile, source = read_profile_with_source(path)
    with pytest.raises(SskitError) as caught:
        load_reference_bytes(profile, source)
    (diagnostic,) = caught.value.diagnostics
    line = next(n for n, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "reference_doc:" in t)
    assert (diagnostic.file, diagnostic.line, diagnostic.path) == (str(path), line, "document_control.reference_doc")
    assert "templates/client.docx: no such file" in diagnostic.message
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "client.docx").write_bytes(FIXTURE.read_bytes())
    data, name = load_reference_bytes(profile, source)
    assert data == FIXTURE.read_bytes() and name == str(tmp_path / "templates" / "client.docx")
    assert load_reference(data, name).margins is not None
