"""document.xml: headings, paragraphs, lists, tables, captions, escaping."""
from __future__ import annotations

from sskit.markup import DocumentMeta, Paragraph, Span, Table
from sskit.writers.docx import write_docx
from sskit.writers.docx.page import LANDSCAPE, PORTRAIT
from sskit.writers.docx.tables import column_widths

from writer_samples import INJECTION, META, NS, Package

DOC = "word/document.xml"


def paragraphs_with_style(pkg, style):
    return pkg.xpath(DOC, f"//w:body/w:p[w:pPr/w:pStyle/@w:val='{style}']")


def p_text(p) -> str:
    return "".join(p.xpath(".//w:t/text()", namespaces=NS))


def test_headings_numbered_by_style_and_unnumbered_switched_off(sample_docx):
    h1 = paragraphs_with_style(sample_docx, "Heading1")
    assert [p_text(p) for p in h1] == ["发布令", "范围", "附录"]
    # 发布令 / 附录: numbering off with numId 0, centred; 范围 relies on the style's numPr
    assert h1[0].xpath("w:pPr/w:numPr/w:numId/@w:val", namespaces=NS) == ["0"]
    assert h1[0].xpath("w:pPr/w:jc/@w:val", namespaces=NS) == ["center"]
    assert h1[1].find("w:pPr/w:numPr", NS) is None
    (h3,) = paragraphs_with_style(sample_docx, "Heading3")
    assert p_text(h3) == "人员" and h3.xpath("w:pPr/w:numPr/w:numId/@w:val", namespaces=NS) == ["0"]


def test_page_break_becomes_page_break_before_on_next_paragraph(sample_docx):
    appendix = paragraphs_with_style(sample_docx, "Heading1")[2]
    assert appendix.find("w:pPr/w:pageBreakBefore", NS) is not None
    assert not sample_docx.xpath(DOC, "//w:br[@w:type='page']")


def test_tables_have_repeating_header_and_rows_that_never_split(sample_docx):
    body_tables = sample_docx.xpath(DOC, "//w:tbl[w:tblPr/w:tblBorders/w:insideH/@w:val='single']")
    service = body_tables[-2]
    rows = service.findall("w:tr", NS)
    assert len(rows) == 3
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
    assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)
    assert rows[0].xpath("w:tc/w:tcPr/w:shd/@w:fill", namespaces=NS) == ["D9D9D9", "D9D9D9"]
    assert set(rows[0].xpath("w:tc/w:p/w:pPr/w:pStyle/@w:val", namespaces=NS)) == {"TableHeading"}
    assert service.xpath("w:tblPr/w:tblLayout/@w:type", namespaces=NS) == ["fixed"]
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        assert service.xpath(f"w:tblPr/w:tblBorders/w:{edge}/@w:val", namespaces=NS) == ["single"]


def test_column_widths_fill_text_width_and_follow_content(sample_docx):
    service = sample_docx.xpath(DOC, "//w:tbl[w:tblPr/w:tblBorders/w:insideH/@w:val='single']")[-2]
    grid = [int(w) for w in service.xpath("w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
    assert sum(grid) == PORTRAIT.text_width
    assert grid[1] > 3 * grid[0]  # 地址 is much wider than 序号
    for row in service.findall("w:tr", NS):
        assert [int(w) for w in row.xpath("w:tc/w:tcPr/w:tcW/@w:w", namespaces=NS)] == grid
    # cell alignment from the Markdown delimiter row
    assert service.xpath("w:tr[2]/w:tc[1]/w:p/w:pPr/w:jc/@w:val", namespaces=NS) == ["center"]


def test_column_width_model():
    def table(*rows):
        return Table(header=tuple((Span(h),) for h in rows[0]),
                     rows=tuple(tuple((Span(c),) for c in r) for r in rows[1:]), align=(None,) * len(rows[0]))

    short = column_widths(table(("a", "b"), ("1", "2222222222")), 8000)
    assert sum(short) == 8000 and short[1] > short[0]
    crowded = column_widths(table(("序号", "说明", "电话"), ("1", "很长的说明" * 20, "400-800-1234")), 8000)
    assert sum(crowded) == 8000
    assert crowded[2] >= 12 * 105 + 216  # the phone number keeps one line
    assert crowded[1] > crowded[2] > crowded[0]
    # a column a little short of one line gets it; the long address column wraps anyway
    outlets = table(("序号", "网点名称", "地址", "服务电话", "负责人", "服务时间"),
                    ("1", "华星上海服务中心11", "上海市浦东新区世纪大道100号A座", "400-800-1001", "李娜", "8:30-17:30"))
    widths = column_widths(outlets, 8312)
    assert sum(widths) == 8312 and widths[3] >= 12 * 105 + 240  # the phone number stays on one line
    # a name column a little short of one line gets it when the long column wraps anyway
    long_notes = table(("网点名称", "说明"), *[("华星上海服务中心11", "很长的服务说明" * 7)] * 5)
    assert column_widths(long_notes, 8312)[0] >= 19 * 105 + 240
    # a matrix: long department names wrap in the header instead of widening 主责/配合 columns
    departments = ("客户服务中心（呼叫中心）", "服务管理中心", "人力资源部", "财务部") * 3
    matrix = column_widths(table(("条款", "指标", *departments), ("5.1.1", "售后服务部门设置", *["主责"] * 12)), 13958)
    assert matrix[1] > max(matrix[2:])  # the text column is the widest
    assert max(matrix[2:]) <= 8 * 105 + 240
    many = column_widths(table(tuple(f"第{i}列很长的标题" for i in range(20))), 8000)
    assert sum(many) == 8000 and len(set(many)) <= 2


def test_captions_are_numbered_in_order_above_their_tables(sample_docx):
    captions = paragraphs_with_style(sample_docx, "Caption")
    assert [p_text(c) for c in captions] == ["表1\u3000服务网点一览表", "表2\u3000人员配置"]
    for caption in captions:
        assert caption.getnext().tag == f"{{{NS['w']}}}tbl"
    (style,) = sample_docx.xpath("word/styles.xml", "//w:style[@w:styleId='Caption']")
    assert style.find("w:pPr/w:keepNext", NS) is not None
    assert style.xpath("w:pPr/w:jc/@w:val", namespaces=NS) == ["center"]


def test_injection_value_appears_literally(sample_docx):
    paragraphs = [p_text(p) for p in paragraphs_with_style(sample_docx, "BodyText")]
    assert any(INJECTION in text for text in paragraphs)
    cells = sample_docx.xpath(DOC, "//w:tc")
    assert any(p_text(c) == INJECTION for c in cells)
    assert b"&lt;script&gt;" in sample_docx.raw(DOC)


def test_run_formatting_and_xml_invalid_characters(write):
    pkg = write("**粗**、*斜*、`code` 和 a\x01b\x1fc\ufffe。\n", cover=False, toc=False)
    (title, p) = pkg.xpath(DOC, "//w:body/w:p")
    runs = p.findall("w:r", NS)
    assert runs[0].find("w:rPr/w:b", NS) is not None and p_text(runs[0]) == "粗"
    assert runs[2].find("w:rPr/w:i", NS) is not None
    assert runs[4].xpath("w:rPr/w:rFonts/@w:ascii", namespaces=NS) == ["Consolas"]
    assert p_text(p).endswith("和 abc。")
    assert all(t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
               for t in p.iter(f"{{{NS['w']}}}t"))


def test_tabs_newlines_and_breaks_become_word_elements():
    data = write_docx(META, [Paragraph((Span("a\tb\nc"),)), Paragraph((Span("x"),), "center")])
    pkg = Package(data)
    first, second = pkg.xpath(DOC, "//w:body/w:p")[-2:]
    assert first.xpath("count(.//w:tab)", namespaces=NS) == 1
    assert first.xpath("count(.//w:br)", namespaces=NS) == 1
    assert second.xpath("w:pPr/w:jc/@w:val", namespaces=NS) == ["center"]
    assert second.xpath("w:pPr/w:ind/@w:firstLineChars", namespaces=NS) == ["0"]


def test_large_table_writes_every_row(write):
    rows = "\n".join(f"| {i} | 服务网点{i} | 400-800-{i:04d} |" for i in range(2000))
    pkg = write(f"| 序号 | 名称 | 电话 |\n|---|---|---|\n{rows}\n", cover=False, toc=False)
    (table,) = pkg.xpath(DOC, "//w:tbl")
    assert len(table.findall("w:tr", NS)) == 2001
    assert table.xpath("count(w:tr/w:trPr/w:cantSplit)", namespaces=NS) == 2001


def test_landscape_section_and_wider_tables(write):
    pkg = write("| a | b |\n|---|---|\n| 1 | 2 |\n", landscape=True, cover=False, toc=False)
    (size,) = pkg.xpath(DOC, "//w:sectPr/w:pgSz")
    assert size.get(f"{{{NS['w']}}}orient") == "landscape"
    assert int(size.get(f"{{{NS['w']}}}w")) > int(size.get(f"{{{NS['w']}}}h"))
    grid = pkg.xpath(DOC, "//w:tblGrid/w:gridCol/@w:w")
    assert sum(map(int, grid)) == LANDSCAPE.text_width


def test_portrait_a4_with_chinese_margins(sample_docx):
    (size,) = sample_docx.xpath(DOC, "/w:document/w:body/w:sectPr/w:pgSz")
    assert (size.get(f"{{{NS['w']}}}w"), size.get(f"{{{NS['w']}}}h")) == ("11906", "16838")
    (margins,) = sample_docx.xpath(DOC, "/w:document/w:body/w:sectPr/w:pgMar")
    assert margins.get(f"{{{NS['w']}}}top") == "1440" and margins.get(f"{{{NS['w']}}}left") == "1797"


def test_chapter_page_break_only_after_a_chapter_long_enough(write):
    long = "\n\n".join(["售后服务工作按本手册的规定执行。"] * 16)
    pkg = write(f"# 一\n\n{long}\n\n# 二\n\n## 二点一\n\n短。\n\n# 三\n\n{long}\n\n# 四\n",
                chapter_page_break=True, cover=False, toc=False)
    h1 = paragraphs_with_style(pkg, "Heading1")
    # 一 fills most of a page: 二 starts a new one; 二 is three lines: 三 follows on its page
    assert [p.find("w:pPr/w:pageBreakBefore", NS) is not None for p in h1] == [False, True, False, True]


def test_without_cover_and_toc_the_title_then_the_body_start_the_document(write):
    pkg = write("# 范围\n\n正文\n", cover=False, toc=False)
    title, first = pkg.xpath(DOC, "//w:body/w:p")[:2]
    assert title.find("w:pPr/w:pStyle", NS).get(f"{{{NS['w']}}}val") == "FrontHeading"
    assert p_text(first) == "范围" and first.find("w:pPr/w:pageBreakBefore", NS) is None
    assert not pkg.xpath(DOC, "//w:body/w:p/w:r/w:br[@w:type='page']")
    assert not pkg.xpath(DOC, "//w:titlePg")
    assert "word/header2.xml" not in pkg.names


def test_empty_document_is_still_valid():
    pkg = Package(write_docx(DocumentMeta("t", "n", "v", "c", "s", "2026-01-01", "2026-01-01",
                                          cover=False, toc=False), []))
    assert len(pkg.xpath(DOC, "//w:body/w:p")) == 1  # the title paragraph
