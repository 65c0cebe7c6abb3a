"""Three leftovers of the hostile-input harness (issue h29): a stray cell at the far end of a
workbook's sheet, line breaks in one-line fields, and a broken `--standard` clause catalogue."""
from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from pydantic import TypeAdapter

from sskit.cli import main
from sskit.diagnostics import SskitError
from sskit.profile import parse_profile, parse_profile_with_source, read_profile, read_profile_with_source
from sskit.profile.fields import Line, Phone, Text, join_lines
from sskit.profile.tabular_files import open_workbook, sheet_grid
from sskit.profile.workbook import profile_workbook, read_workbook
from sskit.standard import BUILTIN, load_catalogue

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"
TEXT = MINIMAL.read_text(encoding="utf-8")


def _run(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    escaped = result.exception if not isinstance(result.exception, SystemExit) else None
    assert escaped is None, f"traceback: {escaped!r}"
    return result


# --- 1. a stray cell in row 1,048,576 or column XFD ----------------------------------------------

@pytest.fixture(scope="module")
def workbook_bytes() -> bytes:
    return profile_workbook(parse_profile(TEXT, "minimal.yaml"))


def _with_cells(raw: bytes, cells: dict) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(raw))
    for ref, value in cells.items():
        sheet, cell = ref.split("!")
        book[sheet][cell] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_stray_cell_in_the_last_row_is_one_more_row_not_a_million(workbook_bytes):
    """openpyxl's rows fill every gap up to the sheet's dimension (35 s for this cell); only the
    rows the sheet holds are read, each cell still named by its own row."""
    raw = _with_cells(workbook_bytes, {"服务网点!Z1048576": "stray"})
    plain = sheet_grid(open_workbook(workbook_bytes, "p.xlsx"), "服务网点", "p.xlsx:服务网点")
    grid = sheet_grid(open_workbook(raw, "p.xlsx"), "服务网点", "p.xlsx:服务网点")
    assert len(grid.rows) == len(plain.rows) + 1 == 4  # keys, headers, the outlet, the stray
    assert grid.rows[:3] == plain.rows and grid.rows[3] == [None] * 25 + ["stray"]
    assert grid.where(4, 26) == ("p.xlsx:服务网点!Z1048576", 0, 0)
    assert grid.where(3, 2) == ("p.xlsx:服务网点!B3", 0, 0)


def test_a_stray_value_outside_the_table_is_ignored_as_any_such_cell(workbook_bytes):
    raw = _with_cells(workbook_bytes, {"服务网点!Z1048576": "stray", "企业信息!C1048576": "stray",
                                       "组织机构!XFD5": "stray", "服务承诺!XFD1048576": "stray"})
    plain = read_workbook(workbook_bytes, "p.xlsx")
    src = read_workbook(raw, "p.xlsx")
    assert src.data == plain.data and src.problems == [] and src.warnings == []


def test_a_stray_value_in_a_column_of_the_table_is_a_row_of_it(tmp_path, workbook_bytes):
    """Reported as before the fix, at its own cells: an outlet with an id and nothing else."""
    book = tmp_path / "p.xlsx"
    book.write_bytes(_with_cells(workbook_bytes, {"服务网点!A1048576": "stray"}))
    with pytest.raises(SskitError) as err:
        read_profile(book)
    found = {(d.file, d.message) for d in err.value.diagnostics}
    assert (f"{book}:服务网点!B1048576", "missing required field 'name'") in found
    assert (f"{book}:服务网点!A1048576", "outlet lists no product categories") in found
    assert all(d.file.endswith("1048576") for d in err.value.diagnostics if d.severity == "error")


def test_the_same_workbook_without_the_stray_cell_still_reads_the_same(tmp_path, workbook_bytes):
    book = tmp_path / "p.xlsx"
    book.write_bytes(_with_cells(workbook_bytes, {"服务网点!XFD1048576": "stray"}))
    assert read_profile(book) == parse_profile(TEXT, "minimal.yaml")


# --- 2. line breaks in one-line fields ------------------------------------------------------------

@pytest.mark.parametrize("brk", ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\v", "\f"])
def test_every_line_break_joins_cjk_without_a_space_and_latin_words_with_one(brk):
    assert join_lines(f"杭州青禾{brk}电器有限公司") == "杭州青禾电器有限公司"
    assert join_lines(f"ACME {brk}  Service") == "ACME Service"
    assert join_lines(f"青禾（杭州）{brk}{brk}电器") == "青禾（杭州）电器"  # full-width punctuation is CJK
    assert join_lines(f"{brk}杭州{brk}") == "杭州"


def test_a_one_line_type_joins_and_a_text_keeps_its_lines():
    assert TypeAdapter(Line).validate_python(" 杭州青禾\n电器 ") == "杭州青禾电器"
    assert TypeAdapter(Phone).validate_python("0571-88886666\n转8") == "0571-88886666 转8"
    assert TypeAdapter(Text).validate_python("Check the seals.\nRecord it.") == "Check the seals.\nRecord it."


def _profile_with(old: str, new: str) -> str:
    assert old in TEXT
    return TEXT.replace(old, new, 1)


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_break_in_a_one_line_field_is_a_located_warning_and_the_value_one_line():
    text = _profile_with("  name: 杭州青禾电器有限公司", '  name: "杭州青禾\\n电器有限公司"')
    text = text.replace("    name: 杭州西湖服务中心", "    name: |\n      杭州西湖\n      服务中心", 1)
    text = text.replace("    manager: 孙浩", "    manager: \"Sun\\u2028Hao\"", 1)
    profile, src = parse_profile_with_source(text.encode("utf-8"), "p.yaml")
    assert profile.company.name == "杭州青禾电器有限公司"
    assert profile.outlets[0].name == "杭州西湖服务中心" and profile.outlets[0].manager == "Sun Hao"
    lines = [d for d in src.warnings if "written on several lines" in d.message]
    assert [(d.path, d.line, d.col) for d in lines] == [
        ("company.name", 3, 9),
        ("outlets[0].name", _line_of(text, "    name: |"), 11),
        ("outlets[0].manager", _line_of(text, "    manager: "), 14)]
    first = lines[0]
    assert first.severity == "warning"
    assert first.message == ("'杭州青禾\\u000a电器有限公司' is written on several lines; this field is printed on one "
                             "line (in tables and page headers), as '杭州青禾电器有限公司'")
    assert "Alt+Enter" in first.hint and "notes, duties and descriptions may hold several lines" in first.hint
    assert first.headline().startswith("p.yaml:3:9: warning: company.name: ")


def test_a_vertical_tab_in_a_name_is_a_break_not_a_dropped_character():
    text = _profile_with("  short_name: 青禾电器", '  short_name: "ACME\\vAppliances"')
    profile, src = parse_profile_with_source(text.encode("utf-8"), "p.yaml")
    assert profile.company.short_name == "ACME Appliances"
    assert [d.path for d in src.warnings] == ["company.short_name"]
    assert "several lines" in src.warnings[0].message


def test_a_block_scalar_on_one_line_is_no_warning():
    text = _profile_with("  short_name: 青禾电器", "  short_name: |\n    青禾电器")
    profile, src = parse_profile_with_source(text.encode("utf-8"), "p.yaml")
    assert profile.company.short_name == "青禾电器"
    assert not [d for d in getattr(src, "warnings", ()) if "several lines" in d.message]


def test_multi_line_fields_keep_their_lines():
    text = _profile_with("    head: 陈立\n", "    head: 陈立\n    duties:\n      - |\n        Dispatch, then\n        call back.\n")
    text = text.replace("    name: 杭州西湖服务中心", "    name: 杭州西湖服务中心\n    service_area: \"West Lake\\nGongshu\"", 1)
    profile, src = parse_profile_with_source(text.encode("utf-8"), "p.yaml")
    assert profile.departments[1].duties == ["Dispatch, then\ncall back."]
    assert profile.outlets[0].service_area == "West Lake\nGongshu"
    assert not [d for d in getattr(src, "warnings", ()) if "several lines" in d.message]


def test_an_alt_enter_in_a_workbook_cell_is_located_in_its_cell(tmp_path, workbook_bytes):
    book = tmp_path / "p.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes))["服务网点"]
    column = [c.value for c in sheet[1]].index("name") + 1
    cell = sheet.cell(3, column).coordinate
    book.write_bytes(_with_cells(workbook_bytes, {f"服务网点!{cell}": "杭州西湖\n服务中心",
                                                  "组织机构!B3": "Service\nDept"}))
    profile, src = read_profile_with_source(book)
    assert profile.outlets[0].name == "杭州西湖服务中心"
    found = {d.file: d for d in src.warnings if "several lines" in d.message}
    assert set(found) == {f"{book}:服务网点!{cell}", f"{book}:组织机构!B3"}
    assert found[f"{book}:组织机构!B3"].message.endswith("as 'Service Dept'")


def test_check_says_it_and_exits_zero(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(_profile_with("  name: 杭州青禾电器有限公司", '  name: "杭州青禾\\r\\n电器有限公司"'),
                    encoding="utf-8")
    result = _run("check", str(path))
    assert result.exit_code == 0, result.output
    assert f"{path}:3:9: warning: company.name: '杭州青禾\\u000d\\u000a电器有限公司' is written on several lines" \
        in result.output


# --- 3. a broken --standard file is worded as the clause catalogue ------------------------------------

MODEL_HINT = ("a corrected catalogue is a copy of the built-in sskit/standard/clauses.yaml with its entries changed; "
              "compare with it")
GOOD_CLAUSE = '{id: "5.1", title: t, level: 2, confidence: high, requirement: r}'


@pytest.mark.parametrize("content, expected", [
    (b"standard: [unclosed\n",
     ("2:1", "clause catalogue: YAML syntax error: did not find expected ',' or ']' (while parsing a flow "
             "sequence)", "check the line for unbalanced quotes, brackets or indentation")),
    (b"", ("1:1", "the clause catalogue is empty", MODEL_HINT)),
    (b"\xff\xfe", ("1:1", "clause catalogue: not UTF-8 text (invalid start byte at byte 0)",
                   "save the clause catalogue as UTF-8 (GBK files must be converted)")),
    (b"- 5.1\n- 5.2\n", ("1:1", "the clause catalogue must be a mapping of keys (standard, title, clauses), "
                                "not a list", MODEL_HINT)),
    (b"standard: GB/T 27922\ntitle: x\n",
     ("1:1", "missing required field 'clauses'",
      "a clause catalogue has the keys standard, title and clauses (scoring is optional); " + MODEL_HINT)),
    (b"standard: x\ntitle: x\nclauses:\n  - {id: '5.1', title: t, level: 1, confidence: sure, requirement: r}\n",
     ("4:49", "unknown confidence 'sure'", "confidence is one of: high, medium, inferred, unconfirmed")),
    (b"standard: x\ntitle: x\nclauses:\n  - {id: '5.1', title: t, level: 9, confidence: high, requirement: r}\n",
     ("4:34", "must be at most 4 (got 9)",
      "level is the depth of the clause number: 1 for 5, 2 for 5.1, 3 for 5.1.3, 4 for 5.1.3.2")),
    (("standard: x\ntitle: x\nclauses:\n  - " + GOOD_CLAUSE + "\n  - " + GOOD_CLAUSE + "\n").encode(),
     ("5:10", "the clause catalogue lists clause '5.1' twice",
      "keep one entry per clause number: merge the two or correct the number")),
], ids=["syntax", "empty", "not-utf8", "list", "no-clauses", "confidence", "level", "twice"])
def test_a_broken_catalogue_says_which_file_what_and_how_to_fix_it(tmp_path, content, expected):
    path = tmp_path / "clauses-fixed.yaml"
    path.write_bytes(content)
    with pytest.raises(SskitError) as err:
        load_catalogue(path)
    first = err.value.diagnostics[0]
    assert (f"{first.line}:{first.col}", first.message, first.hint) == expected
    assert first.file == str(path)
    for d in err.value.diagnostics:
        assert not re.search(r"profile|sskit schema|sskit init", d.message + d.hint), d.format()


def test_every_error_of_a_catalogue_has_a_hint(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("standard: x\ntitle: x\ncolour: red\nclauses:\n  - {id: '5.1', owners: [foo]}\n"
                    "scoring:\n  - {min_score: -1}\n", encoding="utf-8")
    with pytest.raises(SskitError) as err:
        load_catalogue(path)
    got = {(d.path, d.message): d.hint for d in err.value.diagnostics}
    assert got[("colour", "unknown key 'colour'")] == "allowed keys: standard, title, clauses, scoring, source"
    assert got[("clauses[0].title", "missing required field 'title'")] == (
        "every clause has id, title, level, confidence and requirement; " + MODEL_HINT)
    assert got[("clauses[0].owners[0]", "unknown function 'foo'")].startswith("choose one of: management, ")
    assert got[("scoring[0].min_score", "must not be negative (got -1)")] == "min_score is a score from 0 to 100"
    assert got[("scoring[0].level", "missing required field 'level'")] == (
        "every score band has min_score and level; " + MODEL_HINT)
    assert all(got.values())


@pytest.mark.parametrize("make, reason", [
    (lambda p: None, "no such file"),
    (lambda p: p.mkdir(), "it is a folder"),
    (lambda p: __import__("os").mkfifo(p), "it is not a regular file"),  # would block a read
])
def test_a_catalogue_that_is_no_file_is_said_so(tmp_path, make, reason):
    path = tmp_path / "c.yaml"
    make(path)
    with pytest.raises(SskitError) as err:
        load_catalogue(path)
    [d] = err.value.diagnostics
    assert (d.file, d.message) == (str(path), f"cannot read the clause catalogue: {reason}")
    assert d.hint == "give --standard the path of a YAML file, a corrected copy of sskit/standard/clauses.yaml"


@pytest.mark.parametrize("command", ["check", "build"])
def test_check_and_build_print_the_catalogue_errors(tmp_path, command):
    bad = tmp_path / "c.yaml"
    bad.write_text("standard: GB/T 27922\n", encoding="utf-8")
    args = [command, "--standard", str(bad), str(MINIMAL)] + (["-o", str(tmp_path / "out")] if command == "build" else [])
    result = _run(*args)
    assert result.exit_code == 1
    assert f"{bad}:1:1: error: clauses: missing required field 'clauses'\n" \
           "  hint: a clause catalogue has the keys standard, title and clauses (scoring is optional); " in result.output
    assert "sskit schema" not in result.output and not (tmp_path / "out").exists()


def test_the_built_in_catalogue_and_a_faithful_copy_still_load(tmp_path):
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(BUILTIN.read_bytes())
    assert load_catalogue(copy).clauses == load_catalogue().clauses


def test_an_exchange_period_shorter_than_the_return_period_says_how_to_fill_them(tmp_path):
    """The order error of a warranty is located and says what the two periods are (a new user set
    exchange_days: 0 for goods outside the 三包 catalogue and got an English message without a hint)."""
    from sskit.diagnostics import SskitError
    from sskit.profile import parse_profile_with_source

    text = (Path(__file__).resolve().parents[1] / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    assert "      exchange_days: 15\n" in text
    try:
        parse_profile_with_source(text.replace("      exchange_days: 15\n", "      exchange_days: 0\n", 1), "p.yaml")
    except SskitError as exc:
        [diag] = exc.diagnostics
    else:
        raise AssertionError("an exchange period shorter than the return period was accepted")
    assert diag.path == "products[0].warranty.exchange_days"
    assert "exchange period (0 days) is shorter than the return period (7 days)" in diag.message
    assert "return_days: 7, exchange_days: 15" in diag.hint
