"""Page flow of the DOCX body: which paragraphs keep with the next, so a page is not left mostly
blank by a chain of kept paragraphs, and the cached 目录 a reader sees before fields are updated."""
from __future__ import annotations

import dataclasses
import re

from sskit.drawing.layout import layout_drawing
from sskit.markup import parse_markdown
from sskit.markup.ir import Drawing, DrawingEdge, DrawingNode
from sskit.writers.docx import write_docx
from sskit.writers.docx.body import INTRO_KEEP_SHARE
from sskit.writers.docx.page import PORTRAIT

from writer_samples import META, NS, Package

DOC = "word/document.xml"
TEXT_HEIGHT = PORTRAIT.height - PORTRAIT.top - PORTRAIT.bottom


def org_chart(title: str = "组织机构图") -> Drawing:
    return Drawing("org", title, (DrawingNode("gm", "总经理"), DrawingNode("cs", "客户服务中心")),
                   (DrawingEdge("gm", "cs"),))


def long_flow(steps: int = 14) -> Drawing:
    nodes = tuple(DrawingNode(f"s{i}", f"第{i + 1}步处理", lane="客户服务中心") for i in range(steps))
    edges = tuple(DrawingEdge(f"s{i}", f"s{i + 1}") for i in range(steps - 1))
    return Drawing("flow", "售后服务流程图", nodes, edges, lanes=("客户服务中心",))


def first_sheet_share(drawing: Drawing) -> float:
    return layout_drawing(drawing, PORTRAIT.text_width, TEXT_HEIGHT - 1200)[0].height / TEXT_HEIGHT


def body(*blocks, **meta) -> Package:
    return Package(write_docx(dataclasses.replace(META, cover=False, toc=False, **meta), list(blocks)))


def paragraph_starting(pkg: Package, start: str):
    (p,) = [p for p in pkg.xpath(DOC, "//w:body/w:p") if "".join(p.xpath(".//w:t/text()", namespaces=NS)).startswith(start)]
    return p


def keep_next(p) -> str:
    """"on", "off" (switched off against the style) or "" (as the style says)."""
    if not p.xpath("w:pPr/w:keepNext", namespaces=NS):
        return ""
    return "off" if p.xpath("w:pPr/w:keepNext/@w:val", namespaces=NS) in (["0"], ["false"]) else "on"


def test_the_test_drawings_are_small_and_large():
    assert first_sheet_share(org_chart()) < INTRO_KEEP_SHARE < first_sheet_share(long_flow())


def test_a_small_drawing_keeps_its_introduction_and_its_caption_ends_the_chain():
    intro, after = parse_markdown("本公司组织机构如下图：\n\n本节对应 GB/T 27922-2011 第5.1条。\n")
    pkg = body(intro, org_chart(), after)
    assert keep_next(paragraph_starting(pkg, "本公司组织机构")) == "on"
    (figure,) = pkg.xpath(DOC, "//w:body/w:p[.//w:pict]")
    assert keep_next(figure) == "on"  # the drawing stays with its caption
    caption = figure.getnext()
    assert "".join(caption.xpath(".//w:t/text()", namespaces=NS)) == "图1\u3000组织机构图"
    # the Caption style keeps a table's caption with its table; under a figure it is switched off,
    # or the figure, its introduction and the headings above would be dragged along by what follows
    assert caption.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS) == ["Caption"]
    assert keep_next(caption) == "off"
    assert keep_next(paragraph_starting(pkg, "本节对应")) == ""


def test_a_large_drawing_moves_alone_leaving_its_introduction_and_headings():
    heading, intro, after = parse_markdown("## 服务流程\n\n售后服务的总体流程如下图：\n\n各环节的要求见程序文件。\n")
    pkg = body(heading, intro, long_flow(), after)
    assert keep_next(paragraph_starting(pkg, "售后服务的总体流程")) == ""
    figures = pkg.xpath(DOC, "//w:body/w:p[.//w:pict]")
    assert figures and all(keep_next(f) == "on" for f in figures)
    captions = [f.getnext() for f in figures]
    assert [keep_next(c) for c in captions] == ["off"] * len(figures)
    assert "".join(captions[0].xpath(".//w:t/text()", namespaces=NS)) == "图1\u3000售后服务流程图"


def test_a_table_caption_still_keeps_with_its_table():
    pkg = body(*parse_markdown("表：服务网点\n\n| 网点 | 地址 |\n|---|---|\n| 上海 | 浦东 |\n"))
    (caption,) = pkg.xpath(DOC, "//w:body/w:p[w:pPr/w:pStyle/@w:val='Caption']")
    assert keep_next(caption) == ""  # the style's keepNext applies
    assert caption.getnext().tag == f"{{{NS['w']}}}tbl"
    (style,) = pkg.xpath("word/styles.xml", "//w:style[@w:styleId='Caption']")
    assert style.find("w:pPr/w:keepNext", NS) is not None


def test_only_a_paragraph_right_before_a_drawing_keeps():
    table = "| a | b |\n|---|---|\n| 1 | 2 |\n"
    blocks = parse_markdown(f"甲段。\n\n乙段如下：\n\n表：网点\n\n{table}\n"
                            "1. 列表项如下图：\n\n丙段如下图：\n")
    pkg = body(*blocks[:-2], org_chart("甲图"), blocks[-2], org_chart("乙图"), blocks[-1], org_chart("丙图"))
    kept = {start: keep_next(paragraph_starting(pkg, start)) for start in ("甲段", "乙段", "丙段")}
    assert kept == {"甲段": "", "乙段": "", "丙段": "on"}
    (item,) = [p for p in pkg.xpath(DOC, "//w:body/w:p[w:pPr/w:numPr]")
               if "".join(p.xpath(".//w:t/text()", namespaces=NS)) == "列表项如下图："]
    assert keep_next(item) == ""  # a list is not part of a chain


def _toc_entries(pkg: Package):
    return pkg.xpath(DOC, "//w:body/w:p[starts-with(w:pPr/w:pStyle/@w:val, 'TOC')]")


def test_the_cached_toc_lists_the_headings_without_invented_page_numbers():
    markdown = "# 总则\n\n正文。\n\n## 目的\n\n正文。\n\n### 细则\n\n正文。\n"
    pkg = Package(write_docx(META, parse_markdown(markdown)))
    entries = _toc_entries(pkg)
    assert ["".join(e.xpath("w:hyperlink/w:r[1]/w:t/text()", namespaces=NS)) for e in entries] == \
        ["1 总则", "1.1 目的", "1.1.1 细则"]
    assert [e.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS)[0] for e in entries] == ["TOC1", "TOC2", "TOC3"]
    text_width = PORTRAIT.text_width
    for entry in entries:
        # a PAGEREF to the heading's bookmark with an empty cached result: no number is made up
        (instr,) = entry.xpath(".//w:instrText/text()[contains(., 'PAGEREF')]", namespaces=NS)
        anchor = entry.xpath("w:hyperlink/@w:anchor", namespaces=NS)[0]
        assert instr.split() == ["PAGEREF", anchor, "\\h"]
        link_text = "".join(entry.xpath("w:hyperlink//w:t/text()", namespaces=NS))
        assert not re.search(r"\d+$", link_text.split(" ", 1)[1])
        # the right tab carries no dot leader while the number is unknown (no dots into nothing)
        assert entry.xpath("w:pPr/w:tabs/w:tab/@w:leader", namespaces=NS) == ["none"]
        assert entry.xpath("w:pPr/w:tabs/w:tab/@w:pos", namespaces=NS) == [str(text_width)]
    # the TOC styles keep their dotted leader for the entries Word writes when it updates the field
    for level in (1, 2, 3):
        (leader,) = pkg.xpath("word/styles.xml", f"//w:style[@w:styleId='TOC{level}']//w:tab/@w:leader")
        assert leader == "dot"
    assert pkg.xpath("word/settings.xml", "//w:updateFields/@w:val") == ["true"]
    bookmarks = pkg.xpath(DOC, "//w:p[starts-with(w:pPr/w:pStyle/@w:val, 'Heading')]/w:bookmarkStart/@w:name")
    assert sorted(pkg.xpath(DOC, "//w:hyperlink/@w:anchor")) == sorted(bookmarks)


def test_layout_output_is_deterministic():
    intro, after = parse_markdown("流程如下图：\n\n结束。\n")
    blocks = [*parse_markdown("# 总则\n\n正文。\n"), intro, long_flow(), after, org_chart()]
    assert write_docx(META, blocks) == write_docx(META, blocks)
