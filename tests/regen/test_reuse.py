"""A rebuild renders again only the documents whose looked-up values changed (regen.reuse), and
its files are byte for byte those of a rebuild that renders everything."""
from __future__ import annotations

import dataclasses
import functools
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import sskit.regen.plan as plan_module
from sskit.cli import main
from sskit.output.content import CONTENT_NAME
from sskit.regen.reuse import same

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "profiles" / "huaxia-appliance.yaml"
OUTLET = "name: 慈溪总部服务中心\n"


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


# -- same(): strict deep equality --------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class _Point:
    x: object
    y: object


def _maker(value):
    return lambda: value


def test_same_is_strict_about_types_and_mapping_order():
    assert same({"a": 1, "b": [1, 2]}, {"a": 1, "b": [1, 2]})
    assert not same({"a": 1, "b": 2}, {"b": 2, "a": 1})  # a template prints a mapping in its order
    assert not same(1, 1.0) and not same(1, True) and not same([1], (1,))
    assert same(_Point(1, {"k": "v"}), _Point(1, {"k": "v"}))
    assert not same(_Point(1, "v"), _Point(1, "w"))


def test_functions_are_the_same_when_made_by_the_same_code_over_the_same_values():
    assert same(_maker({"a": 1}), _maker({"a": 1}))
    assert not same(_maker({"a": 1}), _maker({"a": 2}))
    assert not same(_maker(1), lambda: 1)  # other code
    assert same(functools.partial(_maker, 1), functools.partial(_maker, 1))
    assert not same(functools.partial(_maker, 1), functools.partial(_maker, 2))


# -- rebuilds ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("reuse")
    shutil.copy(EXAMPLE, base / "p.yaml")
    result = _run("build", base / "p.yaml", "-o", base / "out", "-q", "--format", "docx,md")
    assert result.exit_code == 0, result.output
    return base


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != CONTENT_NAME}


def _rebuild(built: Path, where: Path, old: str, new: str, monkeypatch) -> tuple[dict, list]:
    shutil.copytree(built, where)
    profile = where / "p.yaml"
    text = profile.read_text(encoding="utf-8")
    assert old in text
    profile.write_text(text.replace(old, new, 1), encoding="utf-8")
    reused: list = []
    real = plan_module.reusable

    def counting(*args, **kwargs):
        found = real(*args, **kwargs)
        reused.append(sorted(found))
        return found

    monkeypatch.setattr(plan_module, "reusable", counting)
    result = _run("build", profile, "-o", where / "out", "-q", "--format", "docx,md")
    assert result.exit_code == 0, result.output
    return _files(where / "out"), reused[0]


def test_an_outlet_renamed_renders_only_what_reads_the_outlets_and_writes_the_same_files(built, tmp_path,
                                                                                         monkeypatch):
    files, reused = _rebuild(built, tmp_path / "a", OUTLET, "name: 慈溪总部服务中心（新址）\n", monkeypatch)
    assert "outlet-list" not in reused and "manual" not in reused  # both print outlet names
    assert "proc-complaint" in reused and "matrix" in reused and len(reused) >= 40
    outlet_list = next(name for name in files if "服务网点清单" in name and name.endswith(".md"))
    assert "慈溪总部服务中心（新址）".encode() in files[outlet_list]
    # the same rebuild rendering every document writes the same files
    monkeypatch.setattr(plan_module, "reusable", lambda *args: {})
    fresh, _ = _rebuild(built, tmp_path / "b", OUTLET, "name: 慈溪总部服务中心（新址）\n", monkeypatch)
    assert len(files) > 100 and files == fresh


def test_a_mapping_reordered_in_the_profile_renders_again_what_prints_it(built, tmp_path, monkeypatch):
    old = "    management: 24\n    service_manager: 48\n"
    files, reused = _rebuild(built, tmp_path / "c", old, "    service_manager: 48\n    management: 24\n", monkeypatch)
    assert "training" not in reused
    assert "proc-complaint" in reused


def test_nothing_is_reused_when_the_renderer_changed(built, tmp_path, monkeypatch):
    shutil.copytree(built, tmp_path / "d")
    monkeypatch.setattr(plan_module, "reusable", functools.partial(_check_renderer, plan_module.reusable))
    profile = tmp_path / "d" / "p.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(OUTLET, "name: 慈溪总部服务中心（新址）\n", 1),
                       encoding="utf-8")
    assert _run("build", profile, "-o", tmp_path / "d" / "out", "-q").exit_code == 0


def _check_renderer(real, *args):
    *rest, renderer = args
    assert renderer  # the build passes the digest of its code, templates and catalogue
    assert real(*rest, renderer) and real(*rest, "0" * 64) == {}
    return real(*rest, renderer)


def test_same_sees_a_change_deep_in_a_long_list_of_models():
    """Short-lived objects made while comparing (a model's field dict) must not lend their ids to
    a later pair: every item of a 30-item price list counts."""
    from sskit.profile import parse_profile

    text = (ROOT / "profiles" / "hengsheng-elevator.yaml").read_text(encoding="utf-8")
    profile = parse_profile(text)
    services = [s.model_dump() for s in profile.services]
    assert services
    for position in range(len(services)):
        changed = [dict(s) for s in services]
        changed[position]["name"] = changed[position]["name"] + "（调整）"
        old = [type(profile.services[0]).model_validate(s) for s in services]
        new = [type(profile.services[0]).model_validate(s) for s in changed]
        long_old, long_new = old * 15, new * 15  # 15 copies: many items, many short-lived dicts
        assert not same(long_old, long_new), position
        assert same(long_old, [type(profile.services[0]).model_validate(s) for s in services] * 15)
