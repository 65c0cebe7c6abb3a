"""The small commands: init, check (text and JSON), schema, templates."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from sskit.cli import main
from sskit.profile import read_profile
from sskit.profile.schema import schema_text

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"


def _run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_init_writes_a_valid_starter_and_refuses_to_overwrite(tmp_path):
    result = _run("init", str(tmp_path / "acme"), "--industry", "water_purifier")
    assert result.exit_code == 0
    profile = tmp_path / "acme" / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=profile.schema.json")
    assert read_profile(profile).products[0].category == "water_purifier"
    assert (tmp_path / "acme" / "profile.schema.json").read_text(encoding="utf-8") == schema_text()
    profile.write_text(text + "# my edit\n", encoding="utf-8")
    again = _run("init", str(tmp_path / "acme"))
    assert again.exit_code == 4
    assert "already exists; not overwritten" in again.output
    assert profile.read_text(encoding="utf-8").endswith("# my edit\n")
    forced = _run("init", str(tmp_path / "acme"), "--force")
    assert forced.exit_code == 0 and "# my edit" not in profile.read_text(encoding="utf-8")


def test_every_starter_industry_checks_clean(tmp_path):
    for industry in ("appliance", "water_purifier", "auto", "general", "service"):
        folder = tmp_path / industry
        assert _run("init", str(folder), "--industry", industry).exit_code == 0
        assert _run("check", str(folder / "profile.yaml")).exit_code == 0
    service = (tmp_path / "service" / "profile.yaml").read_text(encoding="utf-8")
    assert "business_type: service_provider" in service and "\nproducts:" not in service
    assert "\nservices:" in service and "parts_retention_years" not in service
    # a pure service company is given no research, goods delivery or scrapped-goods take-back to do
    functions = {f for d in read_profile(tmp_path / "service" / "profile.yaml").departments for f in d.functions}
    assert not functions & {"rd", "delivery", "recycling"}
    goods = {f for d in read_profile(tmp_path / "appliance" / "profile.yaml").departments for f in d.functions}
    assert {"rd", "delivery", "recycling"} <= goods


def test_check_json_reports_valid_and_invalid_profiles(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.read_text(encoding="utf-8").replace("parent: gm\n    head: 陈立", "parent: gmm\n    head: 陈立"),
                   encoding="utf-8")
    result = _run("check", str(MINIMAL), str(bad), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["schema"] == "sskit-check/1"
    assert report["summary"] == {"profiles": 2, "invalid": 1, "failed": 1, "errors": 1, "warnings": 13}
    good, wrong = report["profiles"]
    assert good["valid"] and good["passed"] and good["diagnostics"] == []
    assert good["clauses"] == {"total": 39, "covered": 39, "not_applicable": []}
    assert {f["rule"] for f in good["findings"]} >= {"SS302", "SS503", "SS306"}
    assert wrong["findings"] == [] and wrong["clauses"] is None
    [diag] = wrong["diagnostics"]
    assert diag == {"file": str(bad), "line": 24, "column": 13, "severity": "error",
                    "path": "departments[1].parent", "message": "unknown department 'gmm'",
                    "hint": "did you mean 'gm'?"}


def test_check_text_ok_and_missing_file():
    assert "minimal.yaml: 0 errors, 13 warnings, 39 clauses covered of 39" in _run("check", str(MINIMAL)).output
    result = _run("check", "no-such.yaml")
    assert result.exit_code == 1
    assert "no-such.yaml: error: cannot read the profile" in result.output


def test_schema_command_matches_the_shipped_file():
    shipped = ROOT / "sskit" / "profile" / "profile.schema.json"
    assert _run("schema").output == shipped.read_text(encoding="utf-8"), \
        "regenerate with: python -m sskit schema > sskit/profile/profile.schema.json"


def test_templates_lists_builtins_with_titles():
    out = _run("templates").output
    assert "manuals/manual.md.j2" in out and "售后服务手册" in out
    assert "procedures/repair.md.j2" in out and "维修服务控制程序" in out


def test_missing_argument_is_usage_error():
    assert CliRunner().invoke(main, ["build"]).exit_code == 2
