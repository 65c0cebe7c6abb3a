"""Markdown -> IR: the sskit conventions on top of CommonMark + GFM tables."""
from __future__ import annotations

import dataclasses

import pytest

from sskit.markup import (
    Break,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Span,
    Table,
    escape_markdown,
    parse_markdown,
)

INJECTION = "*ACME* | {{ 7*7 }} <script>"


def text_of(inlines) -> str:
    return "".join(i.text if isinstance(i, Span) else "\n" for i in inlines)


def test_heading_levels_and_unnumbered_suffixes():
    blocks = parse_markdown("# 发布令 {-}\n\n## 范围\n\n### 术语 {.unnumbered}\n")
    assert blocks == (
        Heading(1, (Span("发布令"),), numbered=False),
        Heading(2, (Span("范围"),), numbered=True),
        Heading(3, (Span("术语"),), numbered=False),
    )


@pytest.mark.parametrize(
    ("source", "text", "numbered", "anchor"),
    [
        ("# 发布令 {- id=release}", "发布令", False, "release"),
        ("# 总则 {id=overview}", "总则", True, "overview"),
        ("# **总则** {#overview}", "总则", True, "overview"),
        ("# 附录 {.unnumbered #appendix .other key=\"a b\"}", "附录", False, "appendix"),
    ],
)
def test_heading_attribute_blocks(source, text, numbered, anchor):
    (heading,) = parse_markdown(source + "\n")
    assert (text_of(heading.inlines), heading.numbered, heading.anchor) == (text, numbered, anchor)


@pytest.mark.parametrize("source", ["# 关于{某事}", "# 标题 {不是属性}", "# x {-}{-}"])
def test_braces_that_are_not_attribute_blocks_stay_text(source):
    (heading,) = parse_markdown(source + "\n")
    assert text_of(heading.inlines) == source[2:] and heading.numbered and heading.anchor is None


def test_escaped_suffix_from_a_value_stays_text_and_numbered():
    (heading,) = parse_markdown("## 标题 " + escape_markdown("{-}") + "\n")
    assert heading.numbered is True
    assert text_of(heading.inlines) == "标题 {-}"


@pytest.mark.parametrize("label", ["表：", "表:", "Table: ", "Table："])
def test_caption_paragraph_right_before_a_table(label):
    blocks = parse_markdown(f"{label}服务网点\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n")
    assert blocks == (
        Table(header=((Span("a"),), (Span("b"),)), rows=(((Span("1"),), (Span("2"),)),),
              align=(None, "center"), caption="服务网点"),
    )


def test_caption_needs_the_table_immediately_after():
    blocks = parse_markdown("表：孤立\n\n正文\n\n| a |\n|---|\n| 1 |\n")
    assert isinstance(blocks[0], Paragraph) and text_of(blocks[0].inlines) == "表：孤立"
    assert blocks[2].caption is None


def test_table_alignment_and_empty_cells():
    (table,) = parse_markdown("| l | c | r | n |\n|:--|:-:|--:|---|\n| x |  | z | w |\n")
    assert table.align == ("left", "center", "right", None)
    assert table.rows[0][1] == ()


def test_pagebreak_and_align_comments():
    md = "前文\n\n<!-- pagebreak -->\n\n<!-- align: center -->\n居中\n\n<!-- align: right -->\n右对齐\n\n正文\n"
    blocks = parse_markdown(md)
    assert blocks == (
        Paragraph((Span("前文"),)),
        PageBreak(),
        Paragraph((Span("居中"),), "center"),
        Paragraph((Span("右对齐"),), "right"),
        Paragraph((Span("正文"),), "body"),
    )


def test_other_raw_html_is_literal_text():
    blocks = parse_markdown("<div>块</div>\n\n行内 <b>粗</b> <!-- x -->\n")
    assert text_of(blocks[0].inlines) == "<div>块</div>"
    assert text_of(blocks[1].inlines) == "行内 <b>粗</b> <!-- x -->"
    assert all(not s.bold for s in blocks[1].inlines)


def test_soft_breaks_join_chinese_without_space_and_latin_with_one():
    (para,) = parse_markdown("中文第一行\n第二行，\n继续 end\nof line\n“引号”\n结束\n")
    assert text_of(para.inlines) == "中文第一行第二行，继续 end of line “引号”结束"


def test_hard_breaks_become_break():
    (para,) = parse_markdown("第一行  \n第二行\\\n第三行\n")
    assert para.inlines == (Span("第一行"), Break(), Span("第二行"), Break(), Span("第三行"))


def test_inline_formatting():
    (para,) = parse_markdown("普通**粗*粗斜*粗**和*斜*以及`code`\n")
    assert para.inlines == (
        Span("普通"), Span("粗", bold=True), Span("粗斜", bold=True, italic=True), Span("粗", bold=True),
        Span("和"), Span("斜", italic=True), Span("以及"), Span("code", code=True),
    )


def test_links_keep_text_and_url_images_keep_alt():
    (para,) = parse_markdown("见[官网](https://example.com)、<https://a.cn>、[第4章](#laws)和![标志](logo.png)\n")
    assert text_of(para.inlines) == "见官网 (https://example.com)、https://a.cn、第4章和标志"


def test_lists_ordered_start_nesting_and_continuation():
    md = "3. 第三\n4. 第四\n   - 子项\n\n   续段\n\n- 另一个列表\n"
    blocks = parse_markdown(md)
    first, second = blocks
    assert first.ordered and first.start == 3 and len(first.items) == 2
    nested = first.items[1]
    assert isinstance(nested[1], ListBlock) and not nested[1].ordered
    assert text_of(nested[2].inlines) == "续段"
    assert not second.ordered and second.start == 1


def test_code_fence_becomes_left_aligned_code_lines():
    (para,) = parse_markdown("```\nline 1\nline 2\n```\n")
    assert para.align == "left"
    assert para.inlines == (Span("line 1", code=True), Break(), Span("line 2", code=True))


def test_ir_is_frozen_plain_data():
    (para,) = parse_markdown("文本\n")
    with pytest.raises(dataclasses.FrozenInstanceError):
        para.align = "left"  # type: ignore[misc]
    assert hash(para) == hash(Paragraph((Span("文本"),)))


def test_injection_is_literal_in_paragraph_and_table_cell():
    value = escape_markdown(INJECTION)
    para, table = parse_markdown(f"联系人：{value}\n\n| 名称 | 值 |\n|---|---|\n| {value} | x |\n")
    assert text_of(para.inlines) == f"联系人：{INJECTION}"
    assert len(table.header) == 2 and len(table.rows[0]) == 2
    assert text_of(table.rows[0][0]) == INJECTION
    assert all(not (s.bold or s.italic or s.code) for s in para.inlines)


@pytest.mark.parametrize(
    "value",
    ["1. 不是列表", "2) 也不是", "- 不是列表", "+ 不是", "# 不是标题", "标题 #", "> 不是引用", "---", "===",
     "    缩进", "`code`", "[链接](x)", "&amp;", "a\\", "\\*", "~~删除~~", "<!-- pagebreak -->"],
)
def test_escaped_values_never_become_markup(value):
    blocks = parse_markdown(escape_markdown(value) + "\n")
    assert len(blocks) == 1 and isinstance(blocks[0], Paragraph)
    assert text_of(blocks[0].inlines) == value.strip()
    # … also after a paragraph line (setext underline, lazy continuation)
    blocks = parse_markdown("前一行\n" + escape_markdown(value) + "\n")
    assert len(blocks) == 1 and text_of(blocks[0].inlines).endswith(value.strip())


def test_escape_markdown_is_readable_and_single_line():
    assert escape_markdown("3#楼 2024.1 A-B (C)") == "3#楼 2024.1 A-B (C)"
    assert escape_markdown("第一行\n第二行\r\n第三行") == "第一行 第二行 第三行"
    assert escape_markdown("a*b_c") == "a\\*b\\_c"


def test_br_is_a_line_break_but_an_escaped_br_stays_text():
    (table,) = parse_markdown("| a |\n|---|\n| 第一行<br>第二行<BR/>" + escape_markdown("<br>") + " |\n")
    assert table.rows[0][0] == (Span("第一行"), Break(), Span("第二行"), Break(), Span("<br>"))
