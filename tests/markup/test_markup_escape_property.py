"""Property: any profile value, escaped, parses back to exactly its text (whitespace normalised)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sskit.markup import Span, escape_markdown, parse_markdown

values = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=40)
# Bias towards the characters that matter.
markupish = st.text(alphabet=st.sampled_from(list("\\`*_{}[]<>()#+-.!|~&=:;'\"/ 1aA中文\u3000\u00a0")), max_size=30)


def normalise(text: str) -> str:
    return " ".join(text.split())


def joined(inlines) -> str:
    assert all(isinstance(i, Span) for i in inlines), "no breaks from a single-line value"
    assert all(not (s.bold or s.italic or s.code) for s in inlines), "no formatting from a value"
    return "".join(s.text for s in inlines)


@settings(max_examples=300, deadline=None)
@given(st.one_of(values, markupish))
def test_value_in_paragraph_round_trips(value):
    blocks = parse_markdown("para: " + escape_markdown(value))
    assert len(blocks) == 1
    assert normalise(joined(blocks[0].inlines)) == normalise("para: " + value)


@settings(max_examples=300, deadline=None)
@given(st.one_of(values, markupish))
def test_value_in_table_cell_round_trips(value):
    md = "| 名称 | 值 |\n|---|---|\n| " + escape_markdown(value) + " | x |\n"
    (table,) = parse_markdown(md)
    assert len(table.rows) == 1 and len(table.rows[0]) == 2
    assert normalise(joined(table.rows[0][0])) == normalise(value)
    assert table.rows[0][1] == (Span("x"),)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
       | st.text(alphabet=list("0123456789.)#-+= \t\n\r|\\*_中文a\x85\u2028\x01\x7f"), max_size=8))
def test_the_fast_path_changes_nothing_the_full_escape_would_change(value):
    from sskit.markup.parse import _escape
    assert escape_markdown(value) == _escape(value)
