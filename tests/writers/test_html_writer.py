"""HTML writer: standalone, print-friendly, escaped, same conventions as the DOCX writer."""
from __future__ import annotations

import ast
import dataclasses
import inspect
import re

import pytest

from sskit.markup import (Break, Heading, ListBlock, PageBreak, Paragraph, Span, Table, escape_markdown,
                          parse_markdown)
from sskit.writers import html as html_writer
from sskit.writers.html import write_html

from writer_samples import INJECTION, META, SAMPLE_MD


def render(markdown: str = SAMPLE_MD, **overrides) -> str:
    return write_html(dataclasses.replace(META, **overrides), parse_markdown(markdown)).decode("utf-8")


def render_blocks(*blocks, **overrides) -> str:
    return write_html(dataclasses.replace(META, **{"cover": False, **overrides}), blocks).decode("utf-8")


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
    for expected in ("华星电器有限公司", "售后服务手册", "HX/SS-01", "A/0", "2026年1月1日",
                     "2026年1月15日", "李娜", "王芳", "张三", "修订记录", "<td>签名</td>"):
        assert expected in cover, expected
    # 受控状态, 分发号 and 持有部门 are left blank for the 文控's stamp and hand
    for label in ("受控状态：", "分\u2002发\u2002号：", "持有部门："):
        assert f"<td>{label}</td><td></td>" in cover, label
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
    assert "<p>第一行第二行 and more</p>" in body  # joined without a space only between Chinese


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
    source = "前文\n<!-- pagebreak -->\n后文\n<!-- align: right -->\n右\n\n<div>\n**不是粗体**\n</div>\n"
    blocks = parse_markdown(source)
    assert [type(b) for b in blocks] == [Paragraph, PageBreak, Paragraph, Paragraph, Paragraph]
    body = main_of(render(source, cover=False))
    assert body == ('<main>\n<p>前文</p>\n<div class="page-break"></div>\n<p>后文</p>\n'
                    '<p class="align-right">右</p>\n<p>&lt;div&gt; **不是粗体** &lt;/div&gt;</p>\n')


def test_lists_render_ordered_start_and_nested_items():
    body = main_of(render())
    assert "<ol>\n<li>7×24 小时热线；</li>\n<li>2 小时响应。</li>\n</ol>" in body
    assert ('<ol start="3">\n<li>报修；</li>\n<li>派工：\n<ul>\n<li>电话联系</li>\n<li>上门</li>\n</ul>\n'
            "</li>\n</ol>") in body
    loose = main_of(render("- 一\n\n  续\n- 二\n", cover=False))
    assert loose == "<main>\n<ul>\n<li>一\n<p>续</p>\n</li>\n<li>二</li>\n</ul>\n"


def test_tables_render_caption_header_rows_and_column_alignment():
    body = main_of(render())
    assert ('<thead>\n<tr>\n<th style="text-align:center">序号</th>\n<th>网点地址（详细到门牌号）</th>\n'
            "</tr>\n</thead>") in body
    assert '<td style="text-align:center">2</td>\n<td>*ACME* | {{ 7*7 }} &lt;script&gt;</td>' in body
    assert '<th>岗位</th>\n<th style="text-align:right">人数</th>' in body
    assert '<td style="text-align:right">12</td>' in body
    grid = main_of(render("| | |\n|---|---|\n| 姓名 | |\n", cover=False))
    assert grid == "<main>\n<table>\n<tbody>\n<tr>\n<td>姓名</td>\n<td></td>\n</tr>\n</tbody>\n</table>\n"


def test_break_inside_a_table_cell_becomes_br():
    table = Table(header=((Span("项目"),), (Span("说明"),)),
                  rows=(((Span("地址"),), (Span("一楼"), Break(), Span("<二楼>"))),),
                  align=(None, "left"), caption="网点<b>")
    body = main_of(render_blocks(table))
    assert '<td style="text-align:left">一楼<br />\n&lt;二楼&gt;</td>' in body
    assert "<caption>表1\u3000网点&lt;b&gt;</caption>" in body
    assert body.count("<br />") == 1


def test_heading_anchor_becomes_id_and_numbering_flag_a_class():
    body = main_of(render_blocks(
        Heading(2, (Span("法规"),), anchor="laws"),
        Heading(1, (Span("前言"),), numbered=False, anchor='x" onclick="alert(1)'),
        Heading(3, (Span("范围"),)),
    ))
    assert '<h2 id="laws">法规</h2>' in body
    assert '<h1 class="unnumbered" id="x&quot; onclick=&quot;alert(1)">前言</h1>' in body
    assert "<h3>范围</h3>" in body
    assert 'onclick="' not in body


def test_spans_breaks_page_breaks_and_paragraph_alignment():
    body = main_of(render_blocks(
        Paragraph((Span("粗", bold=True), Span("斜", italic=True), Span("<码>", code=True),
                   Span("全", bold=True, italic=True, code=True), Break(), Span("下一行")), "center"),
        PageBreak(),
        Paragraph((Span("左"),), "left"),
        Paragraph((Span("正文"),)),
    ))
    assert body == ("<main>\n<p class=\"align-center\"><strong>粗</strong><em>斜</em><code>&lt;码&gt;</code>"
                    "<strong><em><code>全</code></em></strong><br />\n下一行</p>\n"
                    '<div class="page-break"></div>\n<p class="align-left">左</p>\n<p>正文</p>\n')


def test_control_characters_never_reach_the_page():
    controls = "".join(chr(c) for c in range(0x20) if c not in (0x09, 0x0A)) + "\x7f\x85"
    html = render_blocks(
        Heading(2, (Span(f"标{controls}题"),), anchor=f"a{controls}b"),
        Paragraph((Span(f"前{controls}后\t尾", bold=True),)),
        ListBlock(False, ((Paragraph((Span(f"项{controls}"),)),),)),
        Table((), (((Span(f"格{controls}"),),),), (None,), caption=f"表{controls}"),
        company_name=f"华星{controls}", cover=True,
    )
    for char in controls:
        assert char not in html, repr(char)
    body = main_of(html)
    assert '<h2 id="ab">标题</h2>' in body
    assert "<strong>前后\t尾</strong>" in body
    assert "<li>项</li>" in body and "<td>格</td>" in body and "\u3000表</caption>" in body
    assert '<p class="company">华星</p>' in html


def test_deterministic_bytes_from_the_same_blocks():
    blocks = parse_markdown(SAMPLE_MD)
    assert write_html(META, blocks) == write_html(META, blocks) == write_html(META, list(blocks))


def test_html_writer_no_longer_parses_markdown():
    # Inspected in the source: `sys.modules` cannot tell, since importing sskit.markup.ir runs
    # sskit/markup/__init__.py, which imports the parser (and so markdown_it) anyway.
    tree = ast.parse(inspect.getsource(html_writer))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name.startswith("markdown_it") for name in imported), imported
    assert "sskit.markup.parse" not in imported and "MarkdownIt" not in inspect.getsource(html_writer)
    assert list(inspect.signature(write_html).parameters) == ["meta", "blocks"]


def test_markdown_text_or_foreign_objects_are_rejected_not_rendered_empty():
    for wrong in ("# 标题\n", ("# 标题",)):
        with pytest.raises(TypeError):
            write_html(META, wrong)


def test_control_characters_do_not_reach_the_html():
    """Issue 20: a control character in a value is dropped, as in the DOCX writer."""
    html = render("正文a\x01b\x0bc\x1fd\x7fe。\n")
    body = main_of(html)
    assert "正文abcde。" in body
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", html)
