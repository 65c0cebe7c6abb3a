"""The Jinja stage: escaping by default, strict undefined, located errors, overrides."""
from __future__ import annotations

import pytest

from sskit.diagnostics import ExitCode, SskitError
from sskit.markup import parse_markdown
from sskit.render import TemplateSet, render_template
from sskit.render.environment import format_number

INJECTION = "*ACME* | {{ 7*7 }} <script>"


def _set(tmp_path, **files) -> TemplateSet:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return TemplateSet(overrides=(tmp_path,))


def _text(blocks) -> str:
    out = []
    for block in blocks:
        for attr in ("inlines",):
            for span in getattr(block, attr, ()):
                out.append(getattr(span, "text", "\n"))
        for row in (getattr(block, "header", None) or ()), *(getattr(block, "rows", None) or ()):
            for cell in row:
                out.append("".join(getattr(s, "text", "") for s in cell))
    return "|".join(out)


def test_values_are_escaped_in_paragraphs_and_cells(tmp_path):
    ts = _set(tmp_path, **{"t.md.j2": "名称：{{ name }}\n\n| a | b |\n|---|---|\n| {{ name }} | x |\n"})
    md = render_template(ts, "t.md.j2", {"name": INJECTION})
    assert "<script>" not in md.replace("\\<script\\>", "")  # escaped in the Markdown
    blocks = parse_markdown(md)
    assert f"名称：{INJECTION}" in _text(blocks)
    table = blocks[1]
    assert len(table.header) == 2, "a '|' in a value must not split the cell"
    assert "".join(s.text for s in table.rows[0][0]) == INJECTION


def test_numbers_are_formatted_without_trailing_zero():
    assert format_number(2.0) == "2"
    assert format_number(2.5) == "2.5"
    assert format_number(95) == "95"


def test_undefined_value_is_a_located_render_error(tmp_path):
    ts = _set(tmp_path, **{"t.md.j2": "line one\n\n{{ company.nme }}\n"})
    with pytest.raises(SskitError) as err:
        render_template(ts, "t.md.j2", {"company": {"name": "x"}})
    d = err.value.diagnostics[0]
    assert err.value.exit_code == ExitCode.RENDER
    assert d.file.endswith("t.md.j2") and d.line == 3
    assert d.headline().startswith(f"{d.file}:3: error: undefined value")


def test_syntax_error_is_located(tmp_path):
    ts = _set(tmp_path, **{"t.md.j2": "a\nb\n{% if x %}\nno end\n"})
    with pytest.raises(SskitError) as err:
        render_template(ts, "t.md.j2", {"x": 1})
    d = err.value.diagnostics[0]
    assert err.value.exit_code == ExitCode.RENDER
    assert d.file.endswith("t.md.j2") and d.line >= 3
    assert "syntax error" in d.message


def test_none_value_is_an_error_not_the_word_none(tmp_path):
    ts = _set(tmp_path, **{"t.md.j2": "{{ v }}\n"})
    with pytest.raises(SskitError) as err:
        render_template(ts, "t.md.j2", {"v": None})
    assert "None" in err.value.diagnostics[0].message


def test_sandbox_blocks_unsafe_attribute(tmp_path):
    ts = _set(tmp_path, **{"t.md.j2": "{{ ''.__class__.__mro__ }}\n"})
    with pytest.raises(SskitError) as err:
        render_template(ts, "t.md.j2", {})
    assert err.value.exit_code == ExitCode.RENDER


def test_override_extends_builtin_and_replaces_one_block(tmp_path):
    builtin = tmp_path / "builtin"
    user = tmp_path / "user"
    (builtin / "manuals").mkdir(parents=True)
    (user / "manuals").mkdir(parents=True)
    (builtin / "manuals" / "m.md.j2").write_text(
        "{% block a %}A-builtin{% endblock %}\n{% block b %}B-builtin{% endblock %}\n", encoding="utf-8")
    (user / "manuals" / "m.md.j2").write_text(
        '{% extends "builtin/manuals/m.md.j2" %}{% block b %}B-user{% endblock %}', encoding="utf-8")
    ts = TemplateSet(overrides=(user,), builtin=builtin)
    out = render_template(ts, "manuals/m.md.j2", {})
    assert "A-builtin" in out and "B-user" in out and "B-builtin" not in out


def test_time_limits_under_an_hour_read_as_minutes(tmp_path):
    ts = _set(tmp_path, **{"t.md.j2": "受理后{{ h | hours }}内，投诉{{ c | hours }}内响应\n"})
    assert render_template(ts, "t.md.j2", {"h": 0.5, "c": 24.0}) == "受理后30分钟内，投诉24小时内响应\n"
