"""Regeneration scenarios on an example profile: versions, 修订记录, edit protection,
missing and corrupted manifests, `sskit diff` and `sskit status`."""
from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from sskit.cli import main
from sskit.regen.versions import bump

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "profiles" / "huaxia-appliance.yaml"
OLD_NAME, NEW_NAME = "客户服务中心（呼叫中心）", "客户体验中心"


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    """One first build, copied for each test (a build takes a couple of seconds)."""
    base = tmp_path_factory.mktemp("first")
    profile = base / "p.yaml"
    shutil.copy(EXAMPLE, profile)
    result = _run("build", profile, "-o", base / "out", "-q", "--format", "docx,md")
    assert result.exit_code == 0, result.output
    return base


@pytest.fixture
def work(first_build, tmp_path):
    shutil.copytree(first_build, tmp_path / "w")
    return tmp_path / "w"


def _manifest(out: Path) -> dict:
    data = json.loads((out / "sskit-manifest.json").read_text(encoding="utf-8"))
    return {d["key"]: d for d in data["documents"]}


def _snapshot(out: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(out.iterdir()) if p.is_file()}


def _edit_profile(work: Path, old: str, new: str) -> None:
    path = work / "p.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_version_rule():
    assert bump("A/0") == "A/1"
    assert bump("A/8") == "A/9"
    assert bump("A/9") == "B/0"
    assert bump("A/3", major=True) == "B/0"


def test_rebuild_without_change_touches_nothing(work):
    out = work / "out"
    before = _snapshot(out)
    result = _run("build", work / "p.yaml", "-o", out, "--format", "docx,md")
    assert result.exit_code == 0
    assert f"0 changed, 0 new, {len(_manifest(out))} unchanged" in result.output
    assert _snapshot(out) == before


def test_renaming_a_department_revises_only_the_documents_that_mention_it(work):
    out = work / "out"
    before = _snapshot(out)
    old_manifest = _manifest(out)
    _edit_profile(work, f"name: {OLD_NAME}", f"name: {NEW_NAME}")
    result = _run("build", work / "p.yaml", "-o", out, "--format", "docx,md", "--date", "2026-03-01")
    assert result.exit_code == 0, result.output
    after = _snapshot(out)
    manifest = _manifest(out)
    mentioned = {key for key, rec in old_manifest.items()
                 if OLD_NAME in before[next(n for n in rec["files"] if n.endswith(".md"))][0].decode("utf-8")
                 or key == "index"}
    assert {"manual", "matrix", "proc-complaint"} <= mentioned
    for key, record in manifest.items():
        names = list(old_manifest[key]["files"])
        if key in mentioned:
            assert record["version"] == "A/1", key
            last = record["revisions"][-1]
            assert last["version"] == "A/1" and last["date"] == "2026-03-01"
            if key != "index":
                assert f"{OLD_NAME}更名为{NEW_NAME}" in last["summary"], key
            assert record["revisions"][0]["summary"] == "首次发布"
            if key != "index":
                md = (out / next(n for n in names if n.endswith(".md"))).read_text(encoding="utf-8")
                assert OLD_NAME not in md and NEW_NAME in md
        else:
            assert record == old_manifest[key], key
            for name in names:
                assert after[name] == before[name], name  # same bytes, same mtime
    manual = next(out.glob("*售后服务手册.docx"))
    body = zipfile.ZipFile(manual).read("word/document.xml").decode("utf-8")
    assert "2026年3月1日" in body and f"{OLD_NAME}更名为{NEW_NAME}" in body  # the 修订记录 row
    header = zipfile.ZipFile(manual).read("word/header1.xml").decode("utf-8")
    assert "A/1" in header
    index = next(out.glob("*文件清单.md")).read_text(encoding="utf-8")
    assert "| HXCY/SS-SC-01 | 售后服务手册 | 手册 | A/1 |" in index
    assert "| HXCY/SS-BD-13 | 培训签到表 | 表单 | A/0 |" in index
    again = _run("build", work / "p.yaml", "-o", out, "--format", "docx,md", "--date", "2026-03-01")
    assert f"0 changed, 0 new, {len(_manifest(out))} unchanged" in again.output
    assert _snapshot(out) == after


def test_opening_an_outlet(work):
    out = work / "out"
    text = (work / "p.yaml").read_text(encoding="utf-8")
    anchor = "\nproducts:"
    outlet = ("  - id: hz-binjiang\n    name: 杭州滨江特约服务站\n    kind: 特约\n    province: 浙江省\n"
              "    city: 杭州市\n    address: 杭州市滨江区江南大道1888号\n    phone: 0571-86661234\n"
              "    hours: \"08:30-17:30\"\n    manager: 金晓东\n    technicians: 3\n    categories: [refrigerator]\n"
              "    contract: {number: HX-TY-2026-031, start: 2026-03-01, end: 2028-02-29}\n")
    (work / "p.yaml").write_text(text.replace(anchor, "\n" + outlet.rstrip("\n") + anchor, 1), encoding="utf-8")
    result = _run("build", work / "p.yaml", "-o", out, "--format", "docx,md")
    assert result.exit_code == 0, result.output
    manifest = _manifest(out)
    # the directory lives in the 服务网点清单; the manual's counts change with it
    assert "新增网点：杭州滨江特约服务站" in manifest["outlet-list"]["revisions"][-1]["summary"]
    assert manifest["outlet-list"]["version"] == "A/1" and manifest["manual"]["version"] == "A/1"
    assert manifest["form-repair-card"]["version"] == "A/0"


def test_hand_edited_file_stops_the_build_and_force_keeps_it_aside(work):
    out = work / "out"
    manual = next(out.glob("*售后服务手册.docx"))
    edited = manual.read_bytes() + b"edited in Word"
    manual.write_bytes(edited)
    _edit_profile(work, f"name: {OLD_NAME}", f"name: {NEW_NAME}")
    before = _snapshot(out)
    refused = _run("build", work / "p.yaml", "-o", out, "--format", "docx,md")
    assert refused.exit_code == 4
    assert f"{manual}: error: edited since sskit wrote it" in refused.output
    assert _snapshot(out) == before  # nothing written, not even other documents
    status = _run("status", work / "p.yaml", "-o", out, "--format", "docx,md")
    assert f"edited     {manual.name}" in status.output
    forced = _run("build", work / "p.yaml", "-o", out, "--format", "docx,md", "--force")
    assert forced.exit_code == 0, forced.output
    aside = out / manual.name.replace(".docx", ".edited-1.docx")
    assert aside.read_bytes() == edited
    assert f"kept your edit: {aside}" in forced.output
    assert manual.read_bytes() != edited and zipfile.is_zipfile(manual)


def test_edited_file_of_an_unchanged_document_is_left_alone(work):
    out = work / "out"
    form = next(out.glob("*培训签到表.docx"))
    form.write_bytes(form.read_bytes() + b"x")
    _edit_profile(work, f"name: {OLD_NAME}", f"name: {NEW_NAME}")
    result = _run("build", work / "p.yaml", "-o", out, "--format", "docx,md")
    assert result.exit_code == 0, result.output
    assert form.read_bytes().endswith(b"x")


def test_deleted_manifest_is_a_clearly_reported_first_build(work):
    out = work / "out"
    (out / "sskit-manifest.json").unlink()
    result = _run("build", work / "p.yaml", "-o", out, "--format", "docx,md")
    assert result.exit_code == 0, result.output
    assert "first build into" in result.output and "no sskit-manifest.json there before" in result.output
    assert (out / "sskit-manifest.json").is_file()


def test_deleted_manifest_with_changed_profile_refuses_to_overwrite_unknown_files(work):
    out = work / "out"
    (out / "sskit-manifest.json").unlink()
    _edit_profile(work, f"name: {OLD_NAME}", f"name: {NEW_NAME}")
    before = _snapshot(out)
    result = _run("build", work / "p.yaml", "-o", out, "--format", "docx,md")
    assert result.exit_code == 4
    assert "not written by sskit" in result.output
    assert _snapshot(out) == before


def test_corrupted_manifest_is_a_clear_error_and_nothing_is_overwritten(work):
    out = work / "out"
    (out / "sskit-manifest.json").write_text('{"schema": "sskit-manifest/1", "documents": [', encoding="utf-8")
    _edit_profile(work, f"name: {OLD_NAME}", f"name: {NEW_NAME}")
    before = _snapshot(out)
    result = _run("build", work / "p.yaml", "-o", out, "--format", "docx,md")
    assert result.exit_code == 4
    assert "corrupted manifest: not valid JSON" in result.output and "Traceback" not in result.output
    assert _snapshot(out) == before


def test_major_revision(work):
    out = work / "out"
    _edit_profile(work, f"name: {OLD_NAME}", f"name: {NEW_NAME}")
    assert _run("build", work / "p.yaml", "-o", out, "--major", "--format", "docx,md").exit_code == 0
    assert _manifest(out)["manual"]["version"] == "B/0"


def test_changed_profile_version_reissues_the_whole_set(work):
    out = work / "out"
    _edit_profile(work, "  version: A/0", "  version: B/0")
    assert _run("build", work / "p.yaml", "-o", out, "--format", "docx,md").exit_code == 0
    manifest = _manifest(out)
    assert {r["version"] for r in manifest.values()} == {"B/0"}
    assert manifest["form-training-signin"]["revisions"][-1]["summary"].startswith("全套文件换版为B/0")


def test_status_writes_nothing(work):
    out = work / "out"
    _edit_profile(work, f"name: {OLD_NAME}", f"name: {NEW_NAME}")
    before = _snapshot(out)
    result = _run("status", work / "p.yaml", "-o", out, "--format", "docx,md", "--json")
    assert result.exit_code == 0
    report = json.loads(result.output[:result.output.rindex("}") + 1])
    assert report["schema"] == "sskit-status/1"
    statuses = {d["key"]: d for d in report["documents"]}
    assert statuses["manual"]["status"] == "changed" and statuses["manual"]["new_version"] == "A/1"
    assert statuses["form-training-signin"]["status"] == "unchanged"
    assert _snapshot(out) == before


def test_diff_matches_by_id_not_position(tmp_path):
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    changed = text.replace(f"name: {OLD_NAME}", f"name: {NEW_NAME}")
    # move the first department to the end: a reorder is not a change
    start = changed.index("departments:\n") + len("departments:\n")
    end = changed.index("  - id:", start + 5)
    first = changed[start:end]
    block_end = changed.index("\noutlets:")
    changed = changed[:start] + changed[end:block_end] + "\n" + first.rstrip("\n") + changed[block_end:]
    new.write_text(changed, encoding="utf-8")
    result = _run("diff", old, new, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["schema"] == "sskit-diff/1"
    [change] = report["changes"]
    assert change["area"] == "department" and change["kind"] == "renamed"
    assert change["text"] == f"{OLD_NAME}更名为{NEW_NAME}"
    assert any("售后服务手册" in d for d in change["documents"])
    assert not any("培训签到表" in d for d in change["documents"])


def test_every_data_table_is_an_input_of_the_no_change_shortcut(tmp_path, monkeypatch):
    """Correcting rights.yaml or scoring.yaml must rebuild, like a profile change."""
    import shutil

    from sskit.regen import quick

    data = tmp_path / "standard"
    shutil.copytree(quick.STANDARD_DIR, data, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    monkeypatch.setattr(quick, "STANDARD_DIR", data)
    profile = Path(__file__).resolve().parents[1] / "fixtures" / "minimal.yaml"

    def digest():
        return quick.raw_inputs_digest(profile, None, None, ("docx",), False, None, False)

    before = digest()
    for name in ("rights.yaml", "scoring.yaml", "sanbao.yaml", "laws.yaml"):
        (data / name).write_text((data / name).read_text(encoding="utf-8") + "\n# corrected\n", encoding="utf-8")
        after = digest()
        assert after != before, name
        before = after


def test_revision_rows_name_the_new_profile_fields():
    """Labour rates, supervision channels, sales channels and responsibilities changes are
    summarised by what changed, and the documents that print them are the ones affected."""
    from sskit.profile import read_profile
    from sskit.regen.diff import profile_diff

    path = Path(__file__).resolve().parents[2] / "profiles" / "huaxia-appliance.yaml"
    old = read_profile(path)
    data = old.model_dump(mode="json")
    data["products"][0]["labour_fee"]["price"] = 95
    data["commitments"]["supervision_channels"] = ["服务监督电话 0574-63886599"]
    data["company"]["sales_channels"] = ["store"]
    data["responsibilities"]["activities"]["satisfaction_survey"]["owner"] = "quality"
    new = type(old).model_validate(data)
    texts = [c.text for c in profile_diff(old, new)]
    assert f"{old.products[0].name}保修期外人工费调整为95元/次" in texts
    assert "服务监督渠道调整为服务监督电话 0574-63886599" in texts
    assert "销售渠道调整" in texts and "主责部门和周期性活动的安排调整" in texts
