"""`sskit build --format docx,pdf --volume` through LibreOffice, end to end.

One build of the minimal profile is shared by the tests of this module (LibreOffice's time
is the suite's largest cost). Where soffice is not installed the LibreOffice tests skip with
the reason (`-rs` shows it; .ci/run installs LibreOffice); where it is, nothing here may skip:
a missing UNO bridge fails the build, and so the tests.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from office_stand_in import kill_while_converting
from pypdf import PdfReader

from sskit.cli import main
from sskit.pdf.convert import convert_documents
from sskit.documents import document_specs
from sskit.documents import filing_key
from sskit.pdf.volume import FRONT_BOOKMARK, VOLUME_NAME

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"
TOC_TITLE = "目\u3000\u3000录"
LEADER = re.compile(r"(\.{6,}|…{3,})")


def _build(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, ["build", *args], catch_exceptions=False, env=env)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    if shutil.which("soffice") is None:
        pytest.skip("soffice not installed: LibreOffice makes the PDFs (.ci/run installs it)")
    out = tmp_path_factory.mktemp("pdf") / "out"
    started = time.perf_counter()
    result = _build(str(MINIMAL), "-o", str(out), "--format", "docx,pdf", "--volume", "-j", "2")
    assert result.exit_code == 0, result.output
    print(f"\nbuild with --format docx,pdf --volume -j 2: {time.perf_counter() - started:.1f} s")
    return out


def _manifest(out: Path) -> dict:
    return json.loads((out / "sskit-manifest.json").read_text(encoding="utf-8"))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_pdf_for_every_document_and_the_volume_in_the_manifest(built):
    manifest = _manifest(built)
    for record in manifest["documents"]:
        stems = {Path(name).stem for name in record["files"]}
        assert len(stems) == 1
        stem = stems.pop()
        assert set(record["files"]) == {f"{stem}.docx", f"{stem}.pdf"}
        assert record["files"][f"{stem}.pdf"] == _sha(built / f"{stem}.pdf")
        assert (built / f"{stem}.pdf").read_bytes().startswith(b"%PDF-")
    assert manifest["support"][VOLUME_NAME] == _sha(built / VOLUME_NAME)


def test_every_table_of_contents_shows_page_numbers(built):
    with_toc = 0
    for docx in sorted(built.glob("*.docx")):
        if "TOC \\o" not in zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8"):
            continue
        with_toc += 1
        reader = PdfReader(docx.with_suffix(".pdf"))
        text = "\n".join(page.extract_text() for page in reader.pages)
        assert TOC_TITLE in text, docx.name
        entries = [line for line in text.splitlines() if LEADER.search(line)]
        assert entries, f"{docx.name}: its 目录 lists nothing"
        unnumbered = [line for line in entries if not re.search(r"\d+\s*$", line)]
        assert not unnumbered, f"{docx.name}: 目录 lines without a page number: {unnumbered[:3]}"
        # the numbers are pages of this PDF (counted from the body or from the cover), and the
        # 目录 lists its chapters in page order
        pages = [int(re.search(r"(\d+)\s*$", line).group(1)) for line in entries]
        assert pages == sorted(pages) and 1 <= pages[0] and pages[-1] <= len(reader.pages), docx.name
    assert with_toc >= 3  # the manual and the procedures have one


def test_the_same_pdfs_from_another_run_in_another_order(built):
    """A fresh LibreOffice, one worker, the files in another company: the same bytes."""
    names = ["002-QH-SS-SC-01-售后服务手册.pdf", "006-QH-SS-CX-01-维修服务控制程序.pdf",
             "003-QH-SS-ZZ-01-部门职责分配表.pdf"]
    started = time.perf_counter()
    again = convert_documents({n: (built / n).with_suffix(".docx").read_bytes() for n in names}, jobs=1)
    for name in names:
        assert again[name] == (built / name).read_bytes(), name
    print(f"\n{len(names)} documents converted again in {time.perf_counter() - started:.1f} s")


def _filed(manifest: dict) -> list[dict]:
    """The manifest's documents in filing order (sskit.documents.filing_order), from their registry specs."""
    specs = {s.key: s for s in document_specs()}
    return sorted(manifest["documents"], key=lambda r: filing_key(specs[r["key"]]))


def test_the_volume_files_the_set_by_level_behind_its_cover_and_contents(built):
    records = _filed(_manifest(built))
    reader = PdfReader(built / VOLUME_NAME)
    top = [item for item in reader.outline if not isinstance(item, list)]
    titles = [item.title for item in top]
    assert titles == [FRONT_BOOKMARK] + [f"{r['number']} {r['title']}" for r in records]
    # the procedures in one block by number, CX-13 (added later to the registry) after CX-12
    numbers = [r["number"].rsplit("-", 2)[-2] + "-" + r["number"].rsplit("-", 1)[-1] for r in records]
    assert numbers[:2] == ["QD-01", "SC-01"] and numbers[-1] == "ZP-01"
    assert numbers.index("CX-13") == numbers.index("CX-12") + 1 < numbers.index("BD-01")
    assert max(i for i, n in enumerate(numbers) if n.startswith("CX-")) < numbers.index("YA-01") < \
        numbers.index("BD-01")
    starts = [reader.get_destination_page_number(item) for item in top]
    lengths = [len(PdfReader(built / f"{Path(next(iter(r['files']))).stem}.pdf").pages) for r in records]
    front = starts[1]
    assert starts[0] == 0 and front >= 2  # a cover and at least one page of 总目录
    assert starts[1:] == [front + sum(lengths[:i]) for i in range(len(lengths))]
    assert len(reader.pages) == front + sum(lengths)


def test_the_cover_and_the_contents_name_every_document_with_its_first_page(built):
    records = _filed(_manifest(built))
    reader = PdfReader(built / VOLUME_NAME)
    top = [item for item in reader.outline if not isinstance(item, list)]
    front = reader.get_destination_page_number(top[1])
    cover = reader.pages[0].extract_text()
    for text in ("杭州青禾电器有限公司", "售后服务体系文件汇编", "GB/T27922-2011《商品售后服务评价体系》",
                 "版本：A/0", "实施日期：2026年1月1日", f"共{len(records)}份文件"):
        assert text in cover.replace(" ", ""), text
    contents = "\n".join(reader.pages[i].extract_text() for i in range(1, front))
    assert "总目录" in contents
    rows = re.findall(r"^\s*(\d+)\s+(\S+)\s+(.+?)\s+(\S+)\s+(\d+)\s*$", contents, re.MULTILINE)
    # each row: 序号, 文件编号, 文件名称, 版本, 起始页 = the document's bookmark (1-based)
    found = [(int(n), number, title.replace(" ", ""), version, int(page)) for n, number, title, version, page in rows]
    assert found == [(i, r["number"], r["title"], r["version"], reader.get_destination_page_number(item) + 1)
                     for i, (r, item) in enumerate(zip(records, top[1:]), start=1)]


def test_a_rebuild_binds_the_new_pdf_with_the_kept_ones(built, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built, out)
    gone = "009-QH-SS-CX-04-顾客投诉处理程序.pdf"
    (out / gone).unlink()
    before = {p.name: _sha(p) for p in out.iterdir() if p.is_file()}
    result = _build(str(MINIMAL), "-o", str(out), "--format", "docx,pdf", "--volume", "-j", "2")
    assert result.exit_code == 0, result.output
    after = {p.name: _sha(p) for p in out.iterdir() if p.is_file()}
    assert after[gone] == _sha(built / gone)  # made again, the same bytes
    assert after[VOLUME_NAME] == _sha(built / VOLUME_NAME)  # bound again from 1 new and the kept PDFs
    assert {n for n in after if after[n] != before.get(n)} == {gone}


def _font_names(path: Path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def _embedded(font) -> bool:
    font = font.get_object()
    if "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2",
                                                                                  "/FontFile3"))


def test_every_font_is_embedded(built):
    for path in sorted(built.glob("0*.pdf")):
        for number, page in enumerate(PdfReader(path).pages, 1):
            fonts = page["/Resources"].get("/Font", {})
            missing = [str(f.get_object()["/BaseFont"]) for f in fonts.values() if not _embedded(f)]
            assert not missing, f"{path.name} page {number}: not embedded: {missing}"


def test_chinese_body_text_is_set_in_a_serif_face(built):
    """宋体 (not installed on Linux) falls back to Noto Serif CJK, not to a sans-serif face."""
    installed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    if "Noto Serif CJK SC" not in installed or "SimSun" in installed:
        pytest.skip("needs fonts-noto-cjk and no SimSun on this machine")
    fonts = _font_names(built / "006-QH-SS-CX-01-维修服务控制程序.pdf")
    assert any("NotoSerifCJK" in name for name in fonts), fonts


def test_a_file_libreoffice_cannot_open_fails_the_conversion_by_name(built):
    from sskit.diagnostics import SskitError

    good = (built / "006-QH-SS-CX-01-维修服务控制程序.docx").read_bytes()
    with pytest.raises(SskitError) as failed:
        convert_documents({"001-broken.pdf": b"PK\x03\x04 not a Word file", "006-good.pdf": good}, jobs=2)
    assert int(failed.value.exit_code) == 4
    assert [d.file for d in failed.value.diagnostics] == ["001-broken.pdf"]
    assert "LibreOffice could not make the PDF" in failed.value.diagnostics[0].message


def test_a_libreoffice_that_does_not_start_fails_the_build_with_one_message(built):
    from sskit.diagnostics import SskitError
    from sskit.pdf.office import Office, find_office

    broken = Office(shutil.which("false"), find_office().python)
    good = (built / "006-QH-SS-CX-01-维修服务控制程序.docx").read_bytes()
    with pytest.raises(SskitError) as failed:
        convert_documents({"006-a.pdf": good, "007-b.pdf": good}, jobs=1, office=broken)
    assert int(failed.value.exit_code) == 4
    [message] = failed.value.diagnostics
    assert message.file == "2 document(s) from 006-a.pdf on"
    assert "LibreOffice ended before it listened" in message.message


def test_when_sskit_is_killed_mid_conversion_libreoffice_ends_too(built, owners):
    """SIGKILL leaves sskit no time to clean up: the worker's watchdog ends its LibreOffice
    (oosplash and soffice.bin, in the worker's process group)."""
    source = built / "002-QH-SS-SC-01-售后服务手册.docx"
    code = ("from pathlib import Path\nfrom sskit.pdf.convert import convert_documents\n"
            f"convert_documents({{'002-a.pdf': Path({str(source)!r}).read_bytes()}}, jobs=1)\n")
    assert not kill_while_converting(code, owners, lambda lines: any("soffice.bin" in line for line in lines), 60,
                                     "LibreOffice did not start")
