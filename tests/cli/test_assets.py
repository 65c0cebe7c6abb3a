"""The logo and the client's reference document through the command line: checked by `sskit
check` at their line, put into every Word file by `sskit build`, and counted as inputs (changing
one rebuilds)."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from click.testing import CliRunner

from sskit.cli import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
MINIMAL = FIXTURES / "minimal.yaml"


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _profile(tmp_path: Path, logo: str = "logo.png", copy_logo: bool = True) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    assert "  sales_regions: [浙江省]\n" in text
    path = tmp_path / "p.yaml"
    path.write_text(text.replace("  sales_regions: [浙江省]\n", f"  sales_regions: [浙江省]\n  logo: {logo}\n", 1),
                    encoding="utf-8")
    if copy_logo:
        shutil.copy(FIXTURES / "logo.png", tmp_path / logo)
    return path


def _parts(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_a_missing_logo_is_reported_by_check_at_its_line(tmp_path):
    profile = _profile(tmp_path, copy_logo=False)
    line = next(n for n, text in enumerate(profile.read_text(encoding="utf-8").splitlines(), 1) if "logo:" in text)
    result = _run("check", profile)
    assert result.exit_code == 1
    assert f"{profile}:{line}:9: error: company.logo: logo.png: no such file" in result.output
    assert _run("build", profile, "-o", tmp_path / "out").exit_code == 1 and not (tmp_path / "out").exists()


def test_the_logo_goes_into_every_word_file_and_a_new_logo_rebuilds(tmp_path):
    profile = _profile(tmp_path)
    out = tmp_path / "out"
    assert _run("build", profile, "-o", out, "-q").exit_code == 0
    documents = sorted(out.glob("*.docx"))
    assert len(documents) > 50
    logo = (FIXTURES / "logo.png").read_bytes()
    assert all(_parts(doc).get("word/media/logo.png") == logo for doc in documents)
    # the picture file is an input: unchanged, nothing to do; replaced, the set is rebuilt
    assert "nothing to do" in _run("build", profile, "-o", out).output
    (tmp_path / "logo.png").write_bytes(_recoloured(logo))
    result = _run("build", profile, "-o", out, "-q")
    assert result.exit_code == 0 and "nothing to do" not in result.output
    assert _parts(documents[0])["word/media/logo.png"] == _recoloured(logo)


def _recoloured(png: bytes) -> bytes:
    """Another valid PNG of the same size: the fixture with one more ancillary text chunk."""
    import struct
    import zlib

    chunk = b"tEXt" + b"Comment\x00v2"
    text = struct.pack(">I", len(chunk) - 4) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return png[:33] + text + png[33:]


def test_a_reference_document_gives_its_margins_and_header_art_and_counts_as_an_input(tmp_path):
    out = tmp_path / "out"
    reference = tmp_path / "client.docx"
    shutil.copy(FIXTURES / "reference.docx", reference)
    assert _run("build", MINIMAL, "-o", out, "-q", "--reference-doc", reference).exit_code == 0
    plain = tmp_path / "plain"
    assert _run("build", MINIMAL, "-o", plain, "-q").exit_code == 0
    manual = next(out.glob("*售后服务手册.docx"))
    styled, unstyled = _parts(manual), _parts(next(plain.glob("*售后服务手册.docx")))
    assert any(name.startswith("word/media/") for name in styled)
    assert not any(name.startswith("word/media/") for name in unstyled)
    assert styled["word/document.xml"] != unstyled["word/document.xml"]
    def margins(parts: dict) -> bytes:
        return parts["word/document.xml"].split(b"<w:pgMar", 1)[1].split(b"/>", 1)[0]

    assert margins(styled) != margins(unstyled)
    assert "nothing to do" in _run("build", MINIMAL, "-o", out, "--reference-doc", reference).output
    data = reference.read_bytes()
    reference.write_bytes(data + b"\x00")  # another file (a zip tolerates trailing bytes)
    assert "nothing to do" not in _run("build", MINIMAL, "-o", out, "-q", "--reference-doc", reference).output


def test_a_reference_document_that_is_not_a_word_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "client.docx"
    bad.write_bytes(b"not a zip at all")
    result = _run("build", MINIMAL, "-o", tmp_path / "out", "--reference-doc", bad)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert str(bad) in result.output and not (tmp_path / "out").exists()


def test_the_logo_named_with_a_comment_and_windows_line_ends_is_still_an_input(tmp_path):
    from sskit.regen.quick import raw_inputs_digest

    profile = _profile(tmp_path)
    text = profile.read_text(encoding="utf-8").replace("  logo: logo.png\n", "  logo: 'logo.png'   # 公司标识\n")
    profile.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))

    def digest() -> str:
        return raw_inputs_digest(profile, None, None, ("docx",), False, None, False)

    before = digest()
    (tmp_path / "logo.png").write_bytes(_recoloured((FIXTURES / "logo.png").read_bytes()))
    assert digest() != before
