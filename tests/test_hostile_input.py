"""Hostile input never ends in a traceback: each case here broke sskit once (a traceback, or a
message that named nothing or printed the raw bytes), found by the harness of issue h20. Every
test asserts the exit code, the located message and that no Python traceback got out."""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from sskit.cli import main

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"
TEXT = MINIMAL.read_text(encoding="utf-8")


def _run(*args: str, cwd: Path):
    """The CLI in-process; an exception that escapes it is what the user would see as a traceback."""
    import os

    before = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    finally:
        os.chdir(before)
    escaped = result.exception if not isinstance(result.exception, SystemExit) else None
    assert escaped is None, f"traceback: {escaped!r}"
    assert "Traceback" not in result.output
    return result


def _profile(tmp_path: Path, old: str, new: str) -> Path:
    assert old in TEXT
    path = tmp_path / "p.yaml"
    path.write_text(TEXT.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


# --- characters no document can carry (YAML escapes, workbook _x0001_ cells) -------------------

@pytest.mark.parametrize("escape, shown, kind", [
    ("\\x01", "\\u0001", "a control character (U+0001)"),  # broke the .xlsx writer (openpyxl)
    ("\\0", "\\u0000", "a control character (U+0000)"),  # broke the .xlsx writer
    ("\\uffff", "\\uffff", "a non-character (U+FFFF)"),  # broke the .docx writer (lxml)
])
def test_a_refused_character_in_a_value_is_left_out_with_a_located_warning(tmp_path, escape, shown, kind):
    path = _profile(tmp_path, "  name: 杭州青禾电器有限公司", f'  name: "杭州{escape}青禾电器有限公司"')
    checked = _run("check", "p.yaml", cwd=tmp_path)
    assert checked.exit_code == 0
    line = _line_of(path, "name: \"杭州")
    assert (f"p.yaml:{line}:9: warning: company.name: the text '杭州{shown}青禾电器有限公司' contains {kind}, "
            "which a document cannot show: it is left out") in checked.output
    built = _run("build", "p.yaml", "-o", "out", "-j", "1", "-q", "--format", "docx,xlsx,md,html", cwd=tmp_path)
    assert built.exit_code == 0, built.output
    matrix = next((tmp_path / "out").glob("*部门职责分配表.xlsx")).read_bytes()
    with zipfile.ZipFile(io.BytesIO(matrix)) as book:
        strings = "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xml"))
    assert "杭州青禾电器有限公司" in strings and "_x00" not in strings and "\uffff" not in strings
    manual = next((tmp_path / "out").glob("*售后服务手册.md")).read_text(encoding="utf-8")
    assert "杭州青禾电器有限公司" in manual


def test_a_bidirectional_override_is_left_out_with_a_warning(tmp_path):
    path = _profile(tmp_path, "  short_name: 青禾电器", "  short_name: 青禾\u202e电器")
    result = _run("check", "p.yaml", cwd=tmp_path)
    assert result.exit_code == 0
    line = _line_of(path, "short_name:")
    assert (f"p.yaml:{line}:15: warning: company.short_name: the text '青禾\\u202e电器' contains a bidirectional "
            "override (U+202E), which reverses the order in which the text reads: it is left out") in result.output
    assert "\u202e" not in result.output


def test_a_control_character_in_a_key_is_an_error_and_never_reaches_the_terminal(tmp_path):
    path = _profile(tmp_path, "  short_name: 青禾电器", '  "short\\x1bname": 青禾电器')
    result = _run("check", "p.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    line = _line_of(path, "short")
    assert (f"p.yaml:{line}:3: error: company.short\\u001bname: the key 'short\\u001bname' contains a control "
            "character (U+001B), which a document cannot show") in result.output
    assert f"p.yaml:{line}:3: error: company.short\\u001bname: unknown key 'short\\u001bname'" in result.output
    assert "\x1b" not in result.output


def test_a_surrogate_pair_escape_is_a_syntax_error_with_a_hint_about_escapes(tmp_path):
    path = _profile(tmp_path, "  short_name: 青禾电器", '  short_name: "青禾\\ud83d\\ude00"')
    result = _run("check", "p.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    line = _line_of(path, "short_name")
    assert f"p.yaml:{line}:20: error: YAML syntax error: found invalid Unicode character escape code" in result.output
    assert "hint: in double quotes write the character itself, or \\u followed by 4 hex digits" in result.output


def test_a_control_character_in_a_workbook_cell_is_left_out(tmp_path):
    """XML cannot hold C0 controls, but it holds the C1 ones (U+009B starts a terminal escape)."""
    book = _starter_workbook(tmp_path)
    _edit_workbook(book, lambda wb: wb["企业信息"].__setitem__("C2", "示范\x9b电器有限公司"))
    result = _run("check", "p.xlsx", cwd=tmp_path)
    assert result.exit_code == 0
    assert ("p.xlsx:企业信息!C2: warning: company.name: the text '示范\\u009b电器有限公司' contains a control "
            "character (U+009B), which a document cannot show: it is left out") in result.output
    assert "\x9b" not in result.output
    built = _run("build", "p.xlsx", "-o", "out", "-j", "1", "-q", "--format", "md", cwd=tmp_path)
    assert built.exit_code == 0, built.output
    assert "示范电器有限公司" in next((tmp_path / "out").glob("*售后服务手册.md")).read_text(encoding="utf-8")


# --- what a Chinese keyboard or a web page slips in ------------------------------------------------

def test_a_name_of_only_a_zero_width_space_is_empty(tmp_path):
    """It passed as text and printed a blank 页眉."""
    path = _profile(tmp_path, "  short_name: 青禾电器", "  short_name: \"\\u200b\"")
    result = _run("check", "p.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    assert f"p.yaml:{_line_of(path, 'short_name')}:15: error: company.short_name: must not be empty" in result.output


@pytest.mark.parametrize("old, new, hint", [
    ("  short_name: 青禾电器", "  short_name：青禾电器", "line {line} has a full-width colon '：'; after a key write ':' and a space"),
    ("  short_name: 青禾电器", "\u3000short_name: 青禾电器",
     "line {line} has a full-width space (U+3000); indent and separate with ordinary spaces"),
    ("  short_name: 青禾电器", "\u00a0\u00a0short_name: 青禾电器",
     "line {line} has a no-break space (U+00A0); indent and separate with ordinary spaces"),
    ("  short_name: 青禾电器", "\tshort_name: 青禾电器", "indent with spaces, not tabs"),
])
def test_a_syntax_error_from_a_look_alike_character_names_it(tmp_path, old, new, hint):
    """The hint was about quotes or special characters, which the line did not have."""
    path = _profile(tmp_path, old, new)
    result = _run("check", "p.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    assert "error: YAML syntax error:" in result.output
    assert "hint: " + hint.format(line=_line_of(path, "short_name")) in result.output


# --- numbers out of any range ----------------------------------------------------------------------

def test_an_integer_of_thousands_of_digits_says_so(tmp_path):
    """pydantic's own words ('Unable to parse input string as an integer, exceeded maximum size')
    reached the user."""
    path = _profile(tmp_path, "    technicians: 4", "    technicians: " + "9" * 5000)
    result = _run("check", "p.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    line = _line_of(path, "technicians")
    assert (f"p.yaml:{line}:18: error: outlets[0].technicians: expected a whole number, got one of 5,000 digits"
            in result.output)
    assert "pars" not in result.output


def test_a_year_below_its_bound_gets_no_hint_about_zero(tmp_path):
    path = _profile(tmp_path, "  year: 2026", "  year: 1")
    result = _run("check", "p.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    assert f"p.yaml:{_line_of(path, 'year: 1')}:9: error: training.year: must be at least 2000 (got 1)" \
        in result.output
    assert "zero or more" not in result.output


def test_a_control_character_in_a_workbook_header_is_shown_escaped(tmp_path):
    book = _starter_workbook(tmp_path)
    _edit_workbook(book, lambda wb: wb["服务网点"].__setitem__("T2", "备注\x9b[31m"))
    result = _run("check", "p.xlsx", cwd=tmp_path)
    assert result.exit_code == 0
    assert "p.xlsx:服务网点!T2: warning: 服务网点: unknown column '备注\\u009b[31m' is ignored" in result.output
    assert "\x9b" not in result.output


# --- ids and keys -----------------------------------------------------------------------------------

def test_ids_that_differ_only_in_case_are_warned_about(tmp_path):
    data = yaml.safe_load(TEXT)
    data["departments"].append({**data["departments"][1], "id": "Service", "name": "客户服务二部"})
    (tmp_path / "p.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = _run("check", "p.yaml", cwd=tmp_path)
    assert result.exit_code == 0
    line = _line_of(tmp_path / "p.yaml", "id: Service")
    assert (f"p.yaml:{line}:7: warning: departments[6].id: id 'Service' differs from 'service' (departments[1]) "
            "only in upper and lower case") in result.output


def test_an_empty_key_says_so_in_words(tmp_path):
    """pydantic's 'String should have at least 1 character' reached the user."""
    path = _profile(tmp_path, "document_control:", "people:\n  headcount:\n    '': 2\ndocument_control:")
    result = _run("check", "p.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    assert f"p.yaml:{_line_of(path, chr(39) * 2)}:5: error: people.headcount.: a key must not be empty" \
        in result.output
    assert "String should" not in result.output


# --- references written as numbers ------------------------------------------------------------

def test_reports_to_a_number_is_an_unknown_department(tmp_path):
    """A number in a text field is the text '12' for the model, so it must name a department
    (it passed before, and the 手册 said the head reports to '12')."""
    path = _profile(tmp_path, "  reports_to: top_manager", "  reports_to: 12")
    result = _run("check", "p.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    line = _line_of(path, "reports_to")
    assert f"p.yaml:{line}:15: error: service_head.reports_to: unknown department '12'" in result.output


def test_a_programme_trainer_given_as_a_number_must_be_a_trainer(tmp_path):
    data = yaml.safe_load(TEXT)
    data["training"]["programmes"] = [{"name": "三包政策培训", "month": 3, "hours": 8,
                                       "audience": ["technician"], "trainer": 7}]
    (tmp_path / "p.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = _run("check", "p.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    line = _line_of(tmp_path / "p.yaml", "trainer: 7")
    assert f"p.yaml:{line}:14: error: training.programmes[0].trainer: unknown trainer '7'" in result.output


# --- dates that are no text ---------------------------------------------------------------------

def test_a_list_where_a_date_belongs_says_a_date_was_expected(tmp_path):
    path = _profile(tmp_path, "  effective_date: 2026-01-01", "  effective_date: [2026, 1, 1]")
    result = _run("check", "p.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    line = _line_of(path, "effective_date")
    assert (f"p.yaml:{line}:19: error: document_control.effective_date: expected a date (YYYY-MM-DD), got a list"
            in result.output)


def test_a_time_of_day_cell_where_a_date_belongs_is_shown_as_a_time(tmp_path):
    book = _starter_workbook(tmp_path)
    _edit_workbook(book, lambda wb: wb["文件控制"].__setitem__("C4", dt.time(3, 4)))
    result = _run("check", "p.xlsx", cwd=tmp_path)
    assert result.exit_code == 1
    assert ("p.xlsx:文件控制!C4: error: document_control.effective_date: expected a date (YYYY-MM-DD), got 03:04"
            in result.output)
    assert "datetime" not in result.output


# --- damaged workbooks ----------------------------------------------------------------------------

@pytest.mark.parametrize("member, damage, where, reason", [
    ("xl/styles.xml", lambda xml: "<<garbage", "p.xlsx", "workbook (a part of it is not well-formed XML)"),
    ("xl/workbook.xml", lambda xml: "<<garbage", "p.xlsx", "workbook (a part of it is not well-formed XML)"),
    # a sheet is parsed only as its rows are read
    ("xl/worksheets/sheet2.xml", lambda xml: xml.replace('r="C4"', 'r="ZZZZZ4"', 1), "p.xlsx:企业信息",
     "sheet (ValueError)"),
])
def test_a_workbook_with_a_damaged_part_is_a_located_error(tmp_path, member, damage, where, reason):
    book = _starter_workbook(tmp_path)
    _patch_member(book, member, damage)
    for command in (("check", "p.xlsx"), ("convert", "p.xlsx", "q.yaml"), ("diff", "p.xlsx", "p.xlsx")):
        result = _run(*command, cwd=tmp_path)
        assert result.exit_code == 1, command
        assert f"{where}: error: not a readable .xlsx {reason}" in result.output
        assert "hint: save it again from Excel or WPS as an Excel workbook (.xlsx)" in result.output
    assert not (tmp_path / "q.yaml").exists()


def test_a_workbook_with_damaged_compressed_data_is_a_located_error(tmp_path):
    book = _starter_workbook(tmp_path)
    raw = bytearray(book.read_bytes())
    with zipfile.ZipFile(book) as archive:
        info = archive.getinfo("xl/worksheets/sheet2.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 10, start + 60):
        raw[i] ^= 0x55
    book.write_bytes(bytes(raw))
    result = _run("check", "p.xlsx", cwd=tmp_path)
    assert result.exit_code == 1
    assert "p.xlsx: error: not a readable .xlsx workbook (its compressed data is damaged)" in result.output


def test_openpyxl_warnings_do_not_reach_the_user(tmp_path, capfd):
    """A date cell holding a serial number beyond Excel's dates made openpyxl print a UserWarning
    naming its own source file; the cell is reported by sskit alone."""
    book = _starter_workbook(tmp_path)
    _edit_workbook(book, lambda wb: wb["文件控制"].__setitem__("C4", 1e9))
    result = _run("check", "p.xlsx", cwd=tmp_path)
    assert result.exit_code == 1
    assert "p.xlsx:文件控制!C4: error: document_control.effective_date:" in result.output
    assert "UserWarning" not in result.output + capfd.readouterr().err


def test_a_cell_far_out_does_not_make_every_row_that_wide(tmp_path):
    """One cell in column XFD per row made openpyxl return 16,384 values a row: a 190 kB
    workbook of 20,000 such rows took 2.6 GB. Rows are read to column IV, without their empty end."""
    from openpyxl import load_workbook

    from sskit.profile.tabular_files import sheet_grid

    book = _starter_workbook(tmp_path)
    _edit_workbook(book, lambda wb: [wb["服务网点"].__setitem__(f"XFD{r}", "x") for r in range(3, 400)])
    wb = load_workbook(book, read_only=True)
    grid = sheet_grid(wb, "服务网点", "p.xlsx:服务网点")
    assert max(len(row) for row in grid.rows) <= 19  # the table's own columns
    assert grid.rows[2][0] == "hz01" and all(len(row) == 0 for row in grid.rows[3:])
    assert _run("check", "p.xlsx", cwd=tmp_path).exit_code == 0


def test_a_sheet_beyond_the_bounds_is_a_located_error(tmp_path, monkeypatch):
    import sskit.profile.tabular_files as tabular_files

    monkeypatch.setattr(tabular_files, "MAX_SHEET_ROWS", 50)  # Excel's 1,048,576 in earnest
    book = _starter_workbook(tmp_path)
    _edit_workbook(book, lambda wb: wb["服务网点"].__setitem__("A60", "x1"))
    result = _run("check", "p.xlsx", cwd=tmp_path)
    assert result.exit_code == 1
    assert "p.xlsx:服务网点: error: the sheet has more than 50 rows or 4,000,000 cells (up to column IV)" \
        in result.output


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_read(tmp_path, monkeypatch):
    """openpyxl reads the shared strings whole: a few MB of zip inflate to gigabytes."""
    import sskit.profile.tabular_files as tabular_files

    book = _starter_workbook(tmp_path)
    with zipfile.ZipFile(book) as package:
        unpacked = sum(item.file_size for item in package.infolist())
    monkeypatch.setattr(tabular_files, "MAX_WORKBOOK_UNPACKED", unpacked - 1)
    result = _run("check", "p.xlsx", cwd=tmp_path)
    assert result.exit_code == 1
    assert f"p.xlsx: error: the workbook unpacks to {unpacked:,} bytes, more than {unpacked - 1:,}" in result.output


# --- list files that are no files ---------------------------------------------------------------

@pytest.mark.parametrize("name, kind", [(".", "a folder"), ("/dev/null", "not a regular file")])
def test_a_list_read_from_a_folder_or_a_device_says_what_it_is(tmp_path, name, kind):
    data = yaml.safe_load(TEXT)
    data["outlets"] = {"from": name}
    (tmp_path / "p.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = _run("check", "p.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    line = _line_of(tmp_path / "p.yaml", "from:")
    assert f"p.yaml:{line}:9: error: outlets.from: cannot read '{name}': it is {kind}" in result.output


# --- helpers ----------------------------------------------------------------------------------------

def _starter_workbook(tmp_path: Path) -> Path:
    assert _run("init", "x", "--xlsx", cwd=tmp_path).exit_code == 0
    book = tmp_path / "p.xlsx"
    (tmp_path / "x" / "profile.xlsx").rename(book)
    return book


def _edit_workbook(book: Path, edit) -> None:
    wb = openpyxl.load_workbook(book)
    edit(wb)
    wb.save(book)


def _cell_text(book: Path, sheet: str, ref: str) -> str:
    return openpyxl.load_workbook(book)[sheet][ref].value


def _patch_member(book: Path, member: str, change) -> None:
    """Rewrite one part of the package (the others byte for byte)."""
    out = io.BytesIO()
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == member:
                data = change(data.decode("utf-8")).encode("utf-8")
            dst.writestr(info.filename, data)
    book.write_bytes(out.getvalue())


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no named pipes on this platform")
def test_a_named_pipe_or_device_as_the_profile_is_refused_not_read_forever(tmp_path):
    """`build` hashes its inputs before anything else (the no-change check): a FIFO would block that
    read and /dev/zero never end. Both are refused as not a regular file, in a new process with a
    time limit so that a hang fails the test instead of stalling the suite."""
    import os
    import subprocess
    import sys

    fifo = tmp_path / "p.yaml"
    os.mkfifo(fifo)
    for source in (fifo, Path("/dev/zero")):
        done = subprocess.run([sys.executable, "-m", "sskit", "build", str(source), "-o", str(tmp_path / "out")],
                              capture_output=True, text=True, timeout=60, cwd=tmp_path,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert done.returncode == 1, done.stderr
        assert f"{source}: error: is not a regular file" in done.stderr
        assert "Traceback" not in done.stderr


def test_a_workbook_with_damaged_compressed_data_is_an_error_not_a_traceback(tmp_path):
    """The no-change check reads a workbook's strings before the profile is parsed: damaged deflate
    data there must leave the report to the full read."""
    result = _run("init", str(tmp_path / "c"), "--xlsx", cwd=tmp_path)
    assert result.exit_code == 0
    book = (tmp_path / "c" / "profile.xlsx").read_bytes()
    at = book.index(b"xl/worksheets/sheet1.xml") + len(b"xl/worksheets/sheet1.xml")
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(book[:at + 40] + bytes(b ^ 0x5A for b in book[at + 40:at + 400]) + book[at + 400:])
    result = _run("build", str(damaged), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert result.exit_code == 1, result.output
    assert "damaged.xlsx" in result.output


def test_an_invalid_profile_counts_its_errors_not_the_warnings_beside_them():
    """A workbook's or a dropped character's warnings travel with the errors of an invalid profile:
    the summary lines count the errors."""
    from sskit.compliance.output import text_report
    from sskit.diagnostics import Diagnostic

    diags = [Diagnostic("p.xlsx", 2, 3, "departments[1].parent: unknown department 'gmm'"),
             Diagnostic("p.xlsx", 4, 1, "a merged cell was read as its first cell", severity="warning")]
    report = text_report([("p.xlsx", diags, None), ("q.xlsx", diags[:1], None)])
    assert "p.xlsx: invalid profile, 1 error\n" in report
    assert report.rstrip().endswith("2 of 2 profile(s) invalid, 2 error(s)")


def test_an_empty_output_folder_is_a_usage_error_not_the_working_directory(tmp_path):
    for command in (("build", str(MINIMAL)), ("status", str(MINIMAL))):
        result = _run(*command, "-o", "", cwd=tmp_path)
        assert result.exit_code == 2
        assert "Invalid value for '-o' / '--out': must not be empty" in result.output
    assert list(tmp_path.iterdir()) == []  # nothing scattered into the working directory
