"""HTML writer: standalone, print-friendly, escaped, same conventions as the DOCX writer."""
from __future__ import annotations

import dataclasses
import re

from sskit.markup import escape_markdown
from sskit.writers.html import write_html

from writer_samples import INJECTION, META, SAMPLE_MD


def render(markdown: str = SAMPLE_MD, **overrides) -> str:
    return write_html(dataclasses.replace(META, **overrides), markdown).decode("utf-8")


def main_of(html: str) -> str:
    return html[html.index("<main>"):html.index("</main>")]


def test_standalone_page_with_print_stylesheet():
    html = render()
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"zh-CN\">")
    assert '<meta charset="utf-8">' in html
    assert "<title>售后服务手册 HX/SS-01 A/0</title>" in html
    for rule in ("size: A4", "thead { display: table-header-group; }", "page-break-inside: avoid",
                 '"SimSun"', '"Noto Serif CJK SC"', '"SimHei"', '"Noto Sans CJK SC"'):
        assert rule in html, rule


def test_cover_block_has_document_control_data():
    html = render()
    cover = html[html.index('<header class="cover">'):html.index("</header>")]
    for expected in ("华星电器有限公司", "售后服务手册", "HX/SS-01", "A/0", "受控", "2026年1月1日",
                     "2026年1月15日", "李娜", "王芳", "张三", "修订记录"):
        assert expected in cover, expected
    assert '<header class="cover">' not in render(cover=False)


def test_values_and_raw_html_are_escaped():
    html = render(SAMPLE_MD + "\n<script>alert(1)</script>\n\n段落 <b>粗</b>\n", company_name="<b>华星</b>")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;华星&lt;/b&gt;" in html
    assert INJECTION.replace("<", "&lt;").replace(">", "&gt;") in main_of(html)


def test_sskit_conventions_are_applied():
    body = main_of(render())
    assert '<h1 class="unnumbered" id="release">发布令</h1>' in body
    assert '<h3 class="unnumbered">人员</h3>' in body
    assert '<h2 id="laws">法规</h2>' in main_of(render("## 法规 {id=laws}\n"))
    assert "{-}" not in body and "{.unnumbered}" not in body
    assert '<div class="page-break"></div>' in body and "pagebreak" not in body
    assert "<caption>表1\u3000服务网点一览表</caption>" in body
    assert "<caption>表2\u3000人员配置</caption>" in body
    assert "表：" not in body and "Table:" not in body


def test_alignment_comment_and_chinese_soft_breaks():
    body = main_of(render("<!-- align: right -->\n总经理：张三\n\n第一行\n第二行\nand\nmore\n"))
    assert '<p class="align-right">总经理：张三</p>' in body
    assert "第一行第二行\nand\nmore" in body


def test_escaped_comment_from_a_value_stays_text():
    body = main_of(render("备注：" + escape_markdown("<!-- pagebreak -->") + "\n"))
    assert "page-break" not in body and "&lt;!-- pagebreak --&gt;" in body


def test_deterministic_and_numbering_restarts_per_call():
    first, second = render(), render()
    assert first == second
    assert len(re.findall("<caption>表1\u3000", first)) == 1


def test_br_breaks_lines_like_the_docx_writer_but_escaped_br_stays_text():
    body = main_of(render("| a |\n|---|\n| 一<br>二 " + escape_markdown("<br>") + " |\n", cover=False))
    assert "<td>一<br />\n二 &lt;br&gt;</td>" in body


def test_comments_interrupting_a_paragraph_split_it_as_in_the_docx_parser():
    from sskit.markup import PageBreak, Paragraph, parse_markdown

    source = "前文\n<!-- pagebreak -->\n后文\n<!-- align: right -->\n右\n\n<div>\n**不是粗体**\n</div>\n"
    blocks = parse_markdown(source)
    assert [type(b) for b in blocks] == [Paragraph, PageBreak, Paragraph, Paragraph, Paragraph]
    body = main_of(render(source, cover=False))
    assert body == ('<main>\n<p>前文</p>\n<div class="page-break"></div>\n<p>后文</p>\n'
                    '<p class="align-right">右</p>\n<p>&lt;div&gt; **不是粗体** &lt;/div&gt;</p>\n')
