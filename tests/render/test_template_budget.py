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
