"""The one-token table rule reads every table exactly as markdown-it's own rule does."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from sskit.markup import parse_markdown
from sskit.markup.parse import _BlockReader
from sskit.markup.tables import split_cells

_STOCK = MarkdownIt("commonmark").enable("table")
ROOT = Path(__file__).resolve().parents[2]


def stock_parse(text: str):
    return tuple(_BlockReader(_STOCK.parse(text)).read_blocks(until=None))


CELL = st.lists(st.sampled_from(list("ab 中文|\\`*_[]!<>&~#-:1.") + ["<br>", "**粗**", "`c|d`", "\\|", "&amp;"]),
                max_size=8).map("".join)
ROW = st.lists(CELL, min_size=0, max_size=5).map(lambda cells: "|" + "|".join(cells) + "|")
DELIMITER = st.lists(st.sampled_from(["---", ":-:", "--:", ":--", "-", " --- ", ""]), min_size=1, max_size=5).map(
    lambda cells: "|" + "|".join(cells) + "|")
AFTER = st.sampled_from(["", "\n", "\n\n正文", "\n# 标题", "\n- 列表", "\n正文接续", "\n    缩进", "\n> 引用", "\n| 又一行 |"])


@settings(max_examples=400, deadline=None)
@given(caption=st.sampled_from(["", "Table: 表一\n", "正文\n"]), header=ROW, delimiter=DELIMITER,
       rows=st.lists(ROW, max_size=4), after=AFTER)
def test_random_tables_parse_as_markdown_it_parses_them(caption, header, delimiter, rows, after):
    text = caption + "\n".join([header, delimiter, *rows]) + after
    assert parse_markdown(text) == stock_parse(text)


@pytest.mark.parametrize("text", [
    "| a | b |\n|---|:-:|\n| 1 | 2 |\n| only |\n| x | y | z |\n",
    "Table: 标题\n| 项目 | 内容 |\n|---|---|\n| 热线 | 400-826-7366（7×24小时） |\n",
    "| a \\| b | c |\n|---|---|\n| \\\\| d |\n",
    "- 列表\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n",
    "| a |\n|-\n| b |\n",
    "|a|b|\n- |--|\n",
    "| | |\n|---|---|\n| **甲** | 乙<br>丙 |\n",
])
def test_edge_cases_match(text):
    assert parse_markdown(text) == stock_parse(text)


def test_the_rendered_example_sets_parse_the_same(tmp_path):
    from sskit.build import check_profile
    from sskit.pipeline import render_document_set
    from sskit.render import TemplateSet

    tables = 0
    for path in sorted((ROOT / "profiles").glob("*.yaml")):
        profile, catalogue, check = check_profile(path)
        for doc in render_document_set(profile, catalogue, TemplateSet(), formats=(), check=check):
            assert doc.blocks == stock_parse(doc.markdown), doc.spec.key
            tables += doc.markdown.count("\n|---") + doc.markdown.count("\n|:-")
    assert tables > 300


def test_split_cells():
    assert split_cells("| a | b |") == [" a ", " b "]
    assert split_cells("a \\| b | c") == ["a | b ", " c"]
    assert split_cells("|x|") == ["x"]
