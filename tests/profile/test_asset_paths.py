"""The files a profile names (company.logo, document_control.reference_doc) are read from the
profile's folder or below it: an absolute path or one leading out of the folder is a located
error with a hint, and `sskit check` already refuses a reference document that is not a Word
package, at its line, without loading any writer."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from sskit.cli import main
from sskit.diagnostics import SskitError
from sskit.profile.assets import MAX_PART_BYTES, Picture, load_logo, load_reference_bytes
from sskit.profile.loader import read_profile_with_source

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
LOGO = (FIXTURES / "logo.png").read_bytes()
REFERENCE = (FIXTURES / "reference.docx").read_bytes()


def _profile(folder: Path, logo: str = "", reference: str = "") -> Path:
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    assert "  sales_regions: [浙江省]\n" in text and "  approved_by: " in text
    if logo:
        text = text.replace("  sales_regions: [浙江省]\n", f"  sales_regions: [浙江省]\n  logo: '{logo}'\n", 1)
    if reference:
        text = text.replace("  approved_by: ", f"  reference_doc: '{reference}'\n  approved_by: ", 1)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _line(path: Path, key: str) -> int:
    return next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if f"{key}:" in text)


def _failure(load, path: Path):
    profile, source = read_profile_with_source(path)
    with pytest.raises(SskitError) as caught:
        load(profile, source)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.hint and "relative to the profile's folder" in diagnostic.hint
    return diagnostic


def test_a_logo_in_a_subfolder_is_read(tmp_path):
    (tmp_path / "art" / "2024").mkdir(parents=True)
    (tmp_path / "art" / "2024" / "logo.png").write_bytes(LOGO)
    profile, source = read_profile_with_source(_profile(tmp_path, logo="art/2024/logo.png"))
    assert load_logo(profile, source) == Picture(LOGO, "image/png", 160, 64)


def test_a_path_that_goes_down_and_back_up_inside_the_folder_is_read(tmp_path):
    (tmp_path / "art").mkdir()
    (tmp_path / "logo.png").write_bytes(LOGO)
    profile, source = read_profile_with_source(_profile(tmp_path, logo="art/../logo.png"))
    assert load_logo(profile, source).data == LOGO


@pytest.mark.parametrize("field, key", [("logo", "logo"), ("reference", "reference_doc")])
def test_an_absolute_path_is_a_located_error(tmp_path, field, key):
    outside = tmp_path / "elsewhere" / ("logo.png" if field == "logo" else "client.docx")
    outside.parent.mkdir()
    outside.write_bytes(LOGO if field == "logo" else REFERENCE)
    path = _profile(tmp_path / "p", **{field: str(outside)})
    diagnostic = _failure(load_logo if field == "logo" else load_reference_bytes, path)
    assert (diagnostic.file, diagnostic.line) == (str(path), _line(path, key))
    assert diagnostic.message == (f"{outside}: an absolute path; the file must lie in the profile's folder "
                                  f"({path.parent})")


@pytest.mark.parametrize("field, key", [("logo", "logo"), ("reference", "reference_doc")])
def test_a_path_out_of_the_folder_is_a_located_error(tmp_path, field, key):
    name = "logo.png" if field == "logo" else "client.docx"
    (tmp_path / name).write_bytes(LOGO if field == "logo" else REFERENCE)  # it exists: refused all the same
    path = _profile(tmp_path / "p", **{field: f"../{name}"})
    diagnostic = _failure(load_logo if field == "logo" else load_reference_bytes, path)
    assert (diagnostic.file, diagnostic.line) == (str(path), _line(path, key))
    assert diagnostic.message == f"../{name}: leads out of the profile's folder ({path.parent})"
    assert diagnostic.format().startswith(f"{path}:{_line(path, key)}:")


def test_a_link_pointing_out_of_the_folder_is_refused(tmp_path):
    (tmp_path / "secret.png").write_bytes(LOGO)
    folder = tmp_path / "p"
    path = _profile(folder, logo="logo.png")
    os.symlink(tmp_path / "secret.png", folder / "logo.png")
    assert "logo.png: leads out of the profile's folder" in _failure(load_logo, path).message


def test_a_file_name_with_a_nul_is_an_error_not_a_traceback(tmp_path):
    path = _profile(tmp_path, logo="logo.png")
    path.write_text(path.read_text(encoding="utf-8").replace("logo: 'logo.png'", 'logo: "lo\\0go.png"'),
                    encoding="utf-8")
    assert "is not a file name" in _failure(load_logo, path).message


def test_a_folder_named_as_the_logo_is_no_file(tmp_path):
    (tmp_path / "logo.png").mkdir()
    assert "logo.png: no such file" in _failure(load_logo, _profile(tmp_path, logo="logo.png")).message


def _zip(**parts: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("data, message", [
    (b"PK\x03\x04 a torn download", "client.docx is not a .docx (not a zip package)"),
    (_zip(**{"word/document.xml": b"<w:document/>"}),
     "client.docx is not a Word document (a zip package without [Content_Types].xml)"),
    (_zip(**{"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
     "client.docx is not a Word document (a zip package without word/document.xml)"),
    (_zip(**{"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * (MAX_PART_BYTES + 1)}),
     f"client.docx has a part word/document.xml of {MAX_PART_BYTES + 1:,} bytes unpacked, more than the 20 MB "
     "allowed"),
])
def test_sskit_check_reports_a_reference_that_is_no_word_package_at_its_line(tmp_path, data, message):
    path = _profile(tmp_path, reference="client.docx")
    (tmp_path / "client.docx").write_bytes(data)
    diagnostic = _failure(load_reference_bytes, path)
    assert diagnostic.message == message
    result = CliRunner().invoke(main, ["check", str(path)], catch_exceptions=False)
    line = _line(path, "reference_doc")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{path}:{line}:18: error: document_control.reference_doc: {message}" in result.output


def test_a_good_reference_passes_check_and_keeps_its_path(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "client.docx").write_bytes(REFERENCE)
    profile, source = read_profile_with_source(_profile(tmp_path, reference="templates/client.docx"))
    assert load_reference_bytes(profile, source) == (REFERENCE, str(tmp_path / "templates" / "client.docx"))


def test_checking_a_logo_and_a_reference_loads_no_writer(tmp_path):
    (tmp_path / "logo.png").write_bytes(LOGO)
    (tmp_path / "client.docx").write_bytes(REFERENCE)
    path = _profile(tmp_path, logo="logo.png", reference="client.docx")
    code = ("import sys\n"
            "from sskit.compliance import check_profile\n"
            "profile, catalogue, result = check_profile(sys.argv[1])\n"
            "assert result.assets['logo'] is not None and result.assets['reference'] is not None\n"
            "print(sorted(m for m in sys.modules if m.startswith(('sskit.writers', 'sskit.markup', 'sskit.render',"
            " 'jinja2', 'markdown_it'))))\n")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-800:]
    assert done.stdout.strip() == "[]"


def test_the_no_change_check_finds_the_same_file_names_as_scanning_everything():
    """Only the lines with a picture or Word ending are scanned; the names are those a scan of
    the whole text finds, in the same order."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from sskit.regen.quick import _ASSET_NAME, _asset_names

    pieces = st.sampled_from(["logo.png", "a/B.JPG", "x.jpeg", "模板.DOCX", "y.docx.bak", ".png", "p.pngx",
                              "name: ", "\n", "\r\n", " ", "'", "#", "公司", "-", "a.docx\n", "\n.docx"])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, max_size=30))
    def same(parts):
        text = "".join(parts).encode("utf-8")
        assert _asset_names(text) == _ASSET_NAME.findall(text)

    same()
