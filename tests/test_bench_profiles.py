"""The benchmark's synthetic profiles stay valid and pass the readiness check,
so `bench/run.py` measures real builds and not a refusal (exit 1)."""
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generate import build  # noqa: E402
from sskit.compliance import run_checks  # noqa: E402
from sskit.profile import parse_profile_with_source  # noqa: E402
from sskit.standard import load_catalogue  # noqa: E402
from sskit.standard.statutory import load_statutory  # noqa: E402


@pytest.mark.parametrize("size", ["S", "M"])
def test_generated_profile_passes_the_check(size):
    text = yaml.safe_dump(build(size), allow_unicode=True, sort_keys=False)
    profile, source = parse_profile_with_source(text, f"{size}.yaml")
    result = run_checks(profile, source, load_catalogue(), load_statutory())
    assert [f.headline() for f in result.findings if f.severity == "error"] == []
    assert result.clauses_covered == result.clauses_total


def test_the_benchmarks_stage_timing_renders_the_set_as_the_build_does(tmp_path):
    """bench/run.py's in-process stages use the pipeline's own context: every document renders."""
    from bench.generate import dump
    from bench.run import stage_times

    profile = tmp_path / "S.yaml"
    profile.write_text(dump(build("S")), encoding="utf-8")
    times, markdown = stage_times(profile)
    assert set(times) == {"load + validate + check", "render templates", "Markdown parse", "DOCX write"}
    assert all(value > 0 for value in times.values())
    assert "# 网点分布汇总" in markdown and "售后服务" in markdown
