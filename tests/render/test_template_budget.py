"""A user template cannot run forever or grow without bound (issue 20 item 9): exit 3 at its line."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FEES = ROOT / "templates" / "procedures" / "forms" / "fees.md.j2"


def _build_with(tmp_path: Path, line: str) -> tuple[subprocess.CompletedProcess, Path, int]:
    shutil.copy(ROOT / "tests" / "fixtures" / "minimal.yaml", tmp_path / "p.yaml")
    form = tmp_path / "templates" / "procedures" / "forms" / "fees.md.j2"
    form.parent.mkdir(parents=True)
    text = FEES.read_text(encoding="utf-8")
    form.write_text(text + line + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "sskit", "build", "p.yaml", "-o", "out", "-q", "--format", "md"],
                            capture_output=True, text=True, cwd=tmp_path,
                            env={**os.environ, "SSKIT_RENDER_SECONDS": "1"}, timeout=120)
    return result, form, len(text.splitlines()) + 1


@pytest.mark.parametrize("line, message", [
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
     "the template took longer than 1 s; stopped"),
    ("{{ 9**(9**9) }}", "not allowed in a template: 9 ** 387420489 is too large a number for a document"),
    ('{{ "x" * 1000000000 }}',
     "not allowed in a template: repeating a text or list that many times makes too large a document"),
])
def test_a_runaway_template_stops_with_exit_3_at_its_line(tmp_path, line, message):
    result, form, at = _build_with(tmp_path, line)
    assert result.returncode == 3, result.stderr
    assert f"{form}:{at}: error: {message}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()  # nothing was written


def test_a_document_that_grows_past_the_cap_is_stopped(monkeypatch):
    import jinja2

    from sskit.render import environment

    monkeypatch.setattr(environment, "MAX_OUTPUT_CHARS", 1000)
    templates = environment.TemplateSet()
    templates.env.loader = jinja2.DictLoader({"big.md.j2": "{% for i in range(500) %}{{ 'abcd' }}{% endfor %}"})
    with pytest.raises(environment.SskitError) as err:
        environment.render_template(templates, "big.md.j2", {})
    assert err.value.exit_code == 3
    assert "produced more than 1,000 characters of text" in err.value.diagnostics[0].message


def test_a_missing_include_is_reported_at_the_line_that_names_it(tmp_path):
    result, form, at = _build_with(tmp_path, '{% include "procedures/forms/no-such-part.md.j2" %}')
    assert result.returncode == 3
    assert f"{form}:{at}: error: template not found: procedures/forms/no-such-part.md.j2" in result.stderr


def test_a_damaged_bytecode_cache_is_ignored(tmp_path, monkeypatch):
    """Issue 20: a cache entry that holds garbage or something other than compiled code is
    compiled afresh instead of failing every build."""
    from sskit.render import environment

    monkeypatch.setenv("SSKIT_CACHE_DIR", str(tmp_path / "cache"))
    name = "procedures/forms/fees.md.j2"
    templates = environment.TemplateSet()
    env = templates.env
    source, filename, _ = env.loader.get_source(env, name)
    cache = env.bytecode_cache
    bucket = cache.get_bucket(env, name, filename, source)
    bucket.code = 5  # marshals fine, is no code object
    cache.dump_bytecode(bucket)
    fresh = environment.TemplateSet()
    assert fresh.env.get_template(name).render  # loads, compiling afresh
    bucket.code = None
    path = tmp_path / "cache" / next(p.name for p in (tmp_path / "cache").glob("*.cache"))
    path.write_bytes(path.read_bytes()[:40] + b"\x00garbage")
    assert environment.TemplateSet().env.get_template(name).render


def test_the_inputs_digest_does_not_depend_on_where_sskit_is_installed(tmp_path, monkeypatch):
    from sskit import paths
    from sskit.regen import quick

    profile = tmp_path / "p.yaml"
    shutil.copy(ROOT / "tests" / "fixtures" / "minimal.yaml", profile)
    here = quick.raw_inputs_digest(profile, None, None, ("docx",), False, None, False)
    elsewhere = tmp_path / "other-install" / "templates"
    shutil.copytree(paths.builtin_template_dir(), elsewhere)
    monkeypatch.setattr(quick, "builtin_template_dir", lambda: elsewhere)
    assert quick.raw_inputs_digest(profile, None, None, ("docx",), False, None, False) == here


def test_a_template_that_is_not_utf8_is_reported_at_its_line(tmp_path):
    shutil.copy(ROOT / "tests" / "fixtures" / "minimal.yaml", tmp_path / "p.yaml")
    form = tmp_path / "templates" / "procedures" / "forms" / "fees.md.j2"
    form.parent.mkdir(parents=True)
    form.write_bytes("第一行\n第二行\n".encode("utf-8") + "第三行是GBK".encode("gbk") + b"\n")
    result = subprocess.run([sys.executable, "-m", "sskit", "build", "p.yaml", "-o", "out", "-q", "--format", "md"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 3
    assert f"{form}:3: error: syntax error: not UTF-8 text (invalid start byte at byte " in result.stderr
