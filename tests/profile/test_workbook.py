"""The data-collection workbook (资料收集表): YAML -> workbook -> the same profile, its
layout for the client, located errors, and builds from it."""
from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from sskit.cli import main
from sskit.diagnostics import SskitError
from sskit.profile import read_profile, read_profile_with_source
from sskit.profile.workbook import profile_workbook, profile_yaml

ROOT = Path(__file__).resolve().parents[2]
PROFILES = sorted((ROOT / "profiles").glob("*.yaml")) + sorted((ROOT / "tests" / "fixtures").glob("*.yaml"))
EXAMPLE = ROOT / "profiles" / "huaxia-appliance.yaml"
SHEETS = ("说明", "企业信息", "管理者代表", "组织机构", "服务网点", "产品", "服务项目", "服务承诺", "培训", "文件控制")


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_yaml_workbook_yaml_round_trip(tmp_path, path):
    profile = read_profile(path)
    book = tmp_path / "p.xlsx"
    book.write_bytes(profile_workbook(profile))
    from_book = read_profile(book)
    assert from_book.model_dump() == profile.model_dump()
    back = tmp_path / "back.yaml"
    back.write_text(profile_yaml(from_book, book.name), encoding="utf-8")
    assert read_profile(back).model_dump() == profile.model_dump()


def test_the_workbook_is_deterministic():
    profile = read_profile(EXAMPLE)
    assert profile_workbook(profile) == profile_workbook(profile)


def test_layout_for_the_client():
    book = load_workbook(io.BytesIO(profile_workbook(read_profile(EXAMPLE))))
    assert tuple(book.sheetnames[:len(SHEETS)]) != ()
    for name in SHEETS:
        assert name in book.sheetnames
    assert book.sheetnames[0] == "说明" and book["词表"].sheet_state == "hidden"
    ws = book["服务网点"]
    headers = [c.value for c in ws[2]]
    keys = [c.value for c in ws[1]]
    assert ws.row_dimensions[1].hidden  # the field keys
    assert ws.auto_filter.ref.startswith("A2:") and ws.freeze_panes == "B3"
    assert "* 网点名称" in headers and "服务车辆数" in headers  # required marked, optional not
    kind = keys.index("kind")
    assert headers[kind] == "* 网点类型"
    comment = ws.cell(2, kind + 1).comment.text
    assert "可选：直营、特约、授权、第三方" in comment and "例：" in comment and "|" not in comment
    # a dropdown of the vocabulary's labels on the kind column
    letter = ws.cell(3, kind + 1).column_letter
    lists = [dv for dv in ws.data_validations.dataValidation if any(
        str(r).startswith(f"{letter}3") for r in dv.sqref.ranges)]
    assert lists and lists[0].type == "list" and lists[0].formula1.startswith("词表!")
    # lists of codes are written as their labels, 、-separated
    cats = keys.index("categories") + 1
    assert "、" in ws.cell(3, cats).value and "refrigerator" not in ws.cell(3, cats).value
    form = book["企业信息"]
    assert [c.value for c in form[1]] == ["字段", "项目", "填写内容", "说明"]
    assert form.column_dimensions["A"].hidden
    assert form["C2"].value == "浙江华夏澄远电器股份有限公司"


def _plant(book_bytes: bytes, edits: dict) -> bytes:
    book = load_workbook(io.BytesIO(book_bytes))
    for (sheet, key, row), value in edits.items():
        ws = book[sheet]
        if key is None:  # a form: row of the field
            ws.cell(row, 3).value = value
            continue
        col = [c.value for c in ws[1]].index(key) + 1
        ws.cell(row, col).value = value  # None empties the cell
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_ten_planted_errors_give_ten_located_messages(tmp_path):
    profile = read_profile(EXAMPLE)
    raw = _plant(profile_workbook(profile), {
        ("企业信息", None, 4): "91330282MA2CK7RJ6X",  # credit code checksum
        ("管理者代表", None, 6): "2026-02-30",  # appointed
        ("组织机构", "functions", 3): "经营管理、不存在的职能",
        ("服务网点", "phone", 12): "12345",
        ("产品", "warranty.return_days", 4): -1,
        ("主要部件保修期", "months", 3): "十二",
        ("服务承诺", None, 6): 0,  # response_hours
        ("上门时限", "hours", 3): -2,
        ("培训项目", "month", 3): 13,
        ("文件控制", None, 3): "A0",  # version
    })
    path = tmp_path / "client.xlsx"
    path.write_bytes(raw)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(errors) == 10, result.output
    assert f"{path}:服务网点!H12: error: outlets[9].phone: '12345' is not a valid phone number" in errors
    sheets = {line[len(str(path)) + 1:].split("!")[0] for line in errors}
    assert len(sheets) == 10
    assert all("Traceback" not in line for line in result.output.splitlines())


def test_a_wps_like_workbook_with_reordered_and_extra_columns_loads(tmp_path):
    """Columns matched by header: reversed order, no hidden key row, a column of the user's own."""
    profile = read_profile(EXAMPLE)
    book = load_workbook(io.BytesIO(profile_workbook(profile)))
    ws = book["服务网点"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    del rows[0]  # the hidden key row, as an export from another tool would not have it
    order = list(reversed(range(len(rows[0]))))
    book.remove(ws)
    new = book.create_sheet("服务网点")
    for r, row in enumerate(rows, start=1):
        for c, i in enumerate(order, start=1):
            new.cell(r, c, row[i])
        new.cell(r, len(order) + 1, "网点经理手机" if r == 1 else "自用")
    (tmp_path / "fixtures").mkdir()
    path = tmp_path / "fixtures" / "wps-like.xlsx"
    book.save(path)
    loaded, src = read_profile_with_source(path)
    assert loaded.model_dump() == profile.model_dump()
    assert [w.headline() for w in src.warnings] == [
        f"{path}:服务网点!{new.cell(1, len(order) + 1).coordinate}: warning: 服务网点: "
        "unknown column '网点经理手机' is ignored"]


def _calc() -> str:
    soffice = shutil.which("soffice")
    if soffice and list(Path("/usr/lib/libreoffice/program").glob("libsclo.so")):
        return soffice
    return ""


@pytest.mark.skipif(not _calc(), reason="LibreOffice Calc (soffice with libsclo) is not installed")
def test_a_workbook_saved_by_libreoffice_loads(tmp_path):
    profile = read_profile(EXAMPLE)
    source = tmp_path / "in" / "client.xlsx"
    source.parent.mkdir()
    source.write_bytes(profile_workbook(profile))
    out = tmp_path / "out"
    subprocess.run([_calc(), f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=240)
    saved = out / "client.xlsx"
    assert saved.read_bytes() != source.read_bytes()
    assert read_profile(saved).model_dump() == profile.model_dump()


@pytest.mark.parametrize("path", sorted((ROOT / "profiles").glob("*.yaml")), ids=lambda p: p.stem)
def test_a_build_from_the_workbook_gives_the_same_documents(tmp_path, path):
    """Byte-identical documents, the 自评报告 included: its findings are listed in the profile's
    own order and name the field, not a YAML line or a workbook cell."""
    book = tmp_path / f"{path.stem}.xlsx"
    runner = CliRunner()
    assert runner.invoke(main, ["convert", str(path), str(book)]).exit_code == 0
    a, b = tmp_path / "A", tmp_path / "B"
    assert runner.invoke(main, ["build", str(book), "-o", str(a), "-q"]).exit_code == 0
    assert runner.invoke(main, ["build", str(path), "-o", str(b), "-q"]).exit_code == 0
    docs = sorted(p.name for p in b.glob("*.docx"))
    assert docs == sorted(p.name for p in a.glob("*.docx")) and len(docs) > 50
    assert [name for name in docs if (a / name).read_bytes() != (b / name).read_bytes()] == []


def test_convert_refuses_to_overwrite_and_checks_the_target(tmp_path):
    target = tmp_path / "p.xlsx"
    target.write_bytes(b"mine")
    runner = CliRunner()
    result = runner.invoke(main, ["convert", str(EXAMPLE), str(target)])
    assert result.exit_code == 4 and target.read_bytes() == b"mine"
    assert runner.invoke(main, ["convert", str(EXAMPLE), str(tmp_path / "p.txt")]).exit_code == 2
    assert runner.invoke(main, ["convert", str(EXAMPLE), str(target), "--force"]).exit_code == 0
    assert target.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("industry", ["appliance", "water_purifier", "auto", "general", "service"])
def test_init_xlsx_writes_the_starter_as_a_workbook_that_checks(tmp_path, industry):
    from sskit.profile import parse_profile
    from sskit.profile.starter import starter_profile

    runner = CliRunner()
    result = runner.invoke(main, ["init", str(tmp_path / "c"), "--xlsx", "--industry", industry])
    assert result.exit_code == 0
    book = tmp_path / "c" / "profile.xlsx"
    assert read_profile(book).model_dump() == parse_profile(starter_profile(industry)).model_dump()
    assert runner.invoke(main, ["check", str(book)]).exit_code == 0
    assert runner.invoke(main, ["init", str(tmp_path / "c"), "--xlsx"]).exit_code == 4  # not overwritten


def test_a_damaged_workbook_is_a_located_error(tmp_path):
    path = tmp_path / "client.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(SskitError) as info:
        read_profile(path)
    assert info.value.diagnostics[0].file == str(path)
    assert "not a readable .xlsx workbook" in info.value.diagnostics[0].message


def test_a_missing_sheet_is_named(tmp_path):
    book = load_workbook(io.BytesIO(profile_workbook(read_profile(EXAMPLE))))
    book.remove(book["服务承诺"])
    path = tmp_path / "client.xlsx"
    book.save(path)
    with pytest.raises(SskitError) as info:
        read_profile(path)
    # its child sheets (上门时限, 服务收费项目) are still there: each missing field is named, at the sheet
    lines = [d.headline() for d in info.value.diagnostics]
    assert f"{path}:服务承诺: error: commitments.hotline: missing required field 'hotline'" in lines
    assert all(line.startswith(f"{path}:服务承诺: error: commitments.") for line in lines)


def test_every_sheet_and_header_is_unique_chinese():
    from sskit.profile.tabular import profile_tables

    tables = [t for t in profile_tables() if t.columns]
    sheets = [t.sheet for t in tables]
    assert len(set(sheets)) == len(sheets) and all(len(s) <= 31 for s in sheets)
    for table in tables:
        headers = [c.header for c in table.columns]
        assert len(set(headers)) == len(headers), table.sheet
        # headers are Chinese words, not field keys
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in h) for h in headers), (table.sheet, headers)
