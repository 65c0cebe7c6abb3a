"""Package level: front matter, header/footer fields, TOC, properties, determinism."""
from __future__ import annotations

import io
import re

import docx

from sskit.writers.docx import write_docx

from writer_samples import META, NS, Package

DOC = "word/document.xml"


def test_package_parts_are_declared_and_related(sample_docx):
    types = sample_docx.raw("[Content_Types].xml").decode()
    for name in sample_docx.names:
        if name.endswith(".xml") and not name.startswith("[") and "_rels" not in name:
            assert f'PartName="/{name}"' in types, name
    targets = re.findall(r'Target="([^"]+)"', sample_docx.raw("word/_rels/document.xml.rels").decode())
    assert {f"word/{t}" for t in targets} <= set(sample_docx.names)
    for rid in sample_docx.xpath(DOC, "//w:sectPr/*/@r:id"):
        assert f'Id="{rid}"' in sample_docx.raw("word/_rels/document.xml.rels").decode()


def test_python_docx_can_open_the_file(sample_docx):
    document = docx.Document(io.BytesIO(sample_docx.data))
    assert any(p.text == "范围" for p in document.paragraphs)
    assert len(document.tables) >= 5  # cover, approval, revisions, two body tables


def test_cover_with_control_data_and_approval_block(sample_docx):
    text = sample_docx.text()
    for expected in ("华星电器有限公司", "售后服务手册", "文件编号：", "HX/SS-01", "A/0",
                     "受控状态：", "分\u2002发\u2002号：", "持有部门：", "2026年1月1日", "2026年1月15日",
                     "编制", "审核", "批准", "李娜", "王芳", "张三"):
        assert expected in text, expected
    (title,) = sample_docx.xpath(DOC, "//w:p[w:pPr/w:pStyle/@w:val='Title']")
    assert "".join(title.xpath(".//w:t/text()", namespaces=NS)) == "售后服务手册"
    # the cover is a section of its own, with an empty header and footer
    (cover,) = sample_docx.xpath(DOC, "//w:p[w:pPr/w:sectPr][1]/w:pPr/w:sectPr")
    header = cover.xpath("w:headerReference/@r:id", namespaces=NS)[0]
    rels = sample_docx.raw("word/_rels/document.xml.rels").decode()
    target = re.search(f'Id="{header}"[^>]*Target="([^"]+)"', rels)[1]
    assert sample_docx.text(f"word/{target}") == ""


def test_revision_record_default_row(write):
    pkg = write("# 范围\n", revisions=())
    heading = pkg.xpath(DOC, "//w:p[.//w:t='修订记录']")[0]
    table = heading.getnext()
    cells = ["".join(tc.xpath(".//w:t/text()", namespaces=NS)) for tc in table.xpath("w:tr[2]/w:tc", namespaces=NS)]
    assert cells == ["A/0", "2026年1月1日", "首次发布", "李娜"]


def test_header_has_company_title_number_and_version(sample_docx):
    text = sample_docx.text("word/header1.xml")
    for expected in ("华星电器", "售后服务手册", "HX/SS-01", "A/0"):
        assert expected in text
    assert sample_docx.xpath("word/header1.xml", "count(//w:tab)") == 2
    (style,) = sample_docx.xpath("word/styles.xml", "//w:style[@w:styleId='Header']")
    assert style.xpath("w:pPr/w:pBdr/w:bottom/@w:val", namespaces=NS) == ["single"]


def test_footer_has_page_and_numpages_fields(write):
    pkg = write("# 范围\n", cover=False, toc=False)  # one section: NUMPAGES counts its pages
    instructions = [i.strip() for i in pkg.xpath("word/footer1.xml", "//w:instrText/text()")]
    assert instructions == ["PAGE", "NUMPAGES"]
    kinds = pkg.xpath("word/footer1.xml", "//w:fldChar/@w:fldCharType")
    assert kinds == ["begin", "separate", "end"] * 2
    assert "第" in pkg.text("word/footer1.xml") and "共" in pkg.text("word/footer1.xml")


def test_a_book_numbers_its_body_from_one_and_its_front_matter_apart(sample_docx):
    """Cover, front matter, body: the body restarts at 1 and its footer gives 第 X 页 only (the
    document's page count would include the cover)."""
    sections = sample_docx.xpath(DOC, "//w:sectPr")
    assert len(sections) == 3
    numbering = [s.xpath("w:pgNumType/@w:fmt", namespaces=NS) for s in sections]
    assert numbering == [[], ["upperRoman"], ["decimal"]]
    assert sections[2].xpath("w:pgNumType/@w:start", namespaces=NS) == ["1"]
    assert [i.strip() for i in sample_docx.xpath("word/footer1.xml", "//w:instrText/text()")] == ["PAGE"]


def test_toc_field_with_prefilled_entries_and_update_on_open(sample_docx):
    instructions = sample_docx.xpath(DOC, "//w:instrText/text()")
    assert instructions[0].strip() == 'TOC \\o "1-3" \\h \\z \\u'
    kinds = sample_docx.xpath(DOC, "//w:fldChar/@w:fldCharType")
    assert kinds.count("begin") == kinds.count("end") == len(instructions)
    entries = sample_docx.xpath(DOC, "//w:p[starts-with(w:pPr/w:pStyle/@w:val, 'TOC')]")
    labels = ["".join(e.xpath("w:hyperlink/w:r[1]/w:t/text()", namespaces=NS)) for e in entries]
    assert labels == ["发布令", "1 范围", "1.1 服务承诺", "1.2 服务网点", "人员", "附录"]
    # each entry links to a bookmark on its heading
    bookmarks = set(sample_docx.xpath(DOC, "//w:p[starts-with(w:pPr/w:pStyle/@w:val, 'Heading')]"
                                           "/w:bookmarkStart/@w:name"))
    assert set(sample_docx.xpath(DOC, "//w:hyperlink/@w:anchor")) == bookmarks
    assert sample_docx.xpath("word/settings.xml", "//w:updateFields/@w:val") == ["true"]  # a TOC: refresh it
    assert "目\u3000\u3000录" in sample_docx.text()


def test_toc_without_headings_shows_placeholder(write):
    pkg = write("只有正文。\n")
    assert "（打开文件时自动更新目录）" in pkg.text()


def test_core_properties_are_fixed_and_company_owned(sample_docx):
    core = sample_docx.xml("docProps/core.xml")
    assert core.findtext("dc:creator", namespaces=NS) == "华星电器有限公司"
    assert core.findtext("cp:lastModifiedBy", namespaces=NS) == "华星电器有限公司"
    assert core.findtext("dc:title", namespaces=NS) == "售后服务手册"
    assert core.findtext("dc:subject", namespaces=NS) == "GB/T 27922"
    assert core.findtext("cp:revision", namespaces=NS) == "1"
    assert core.findtext("dcterms:created", namespaces=NS) == "2026-01-15T00:00:00Z"
    assert core.findtext("dcterms:modified", namespaces=NS) == "2026-01-15T00:00:00Z"
    for name in sample_docx.names:
        raw = sample_docx.raw(name)
        assert b"python-docx" not in raw and b"AppVersion" not in raw and b"Application" not in raw, name


def test_output_is_deterministic(sample_blocks):
    first, second = write_docx(META, sample_blocks), write_docx(META, sample_blocks)
    assert first == second
    for info in Package(first).zip.infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert info.compress_type == 8  # deflated


def test_all_parts_are_well_formed_xml(sample_docx):
    for name in sample_docx.names:
        if name.endswith((".xml", ".rels")):
            sample_docx.xml(name)
