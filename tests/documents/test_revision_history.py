"""document_control.history: the versions before the one sskit first issues the set at are the
first rows of every document's 修订记录, as the profile records them (never invented)."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from sskit.build import BuildOptions, run_build
from sskit.diagnostics import SskitError
from sskit.profile import parse_profile

ROOT = Path(__file__).resolve().parents[2]
CAR = (ROOT / "profiles" / "chengyun-auto.yaml").read_text(encoding="utf-8")  # at A/2
HISTORY = ("  version: A/2\n  history:\n"
           "    - {version: A/0, date: 2023-01-01, summary: 首次发布}\n"
           "    - {version: A/1, date: 2024-06-01, summary: 按组织机构调整修订, author: 韦启航}\n")


def _with_history(history: str = HISTORY) -> str:
    assert "  version: A/2\n" in CAR
    return CAR.replace("  version: A/2\n", history, 1)


def _revision_rows(docx: Path) -> list[list[str]]:
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    table = xml[xml.index("修订记录"):]
    table = table[:table.index("</w:tbl>")]
    rows = []
    for row in re.findall(r"<w:tr>.*?</w:tr>", table, re.S):
        rows.append(["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", cell))
                     for cell in re.findall(r"<w:tc>.*?</w:tc>", row, re.S)])
    return rows[1:]  # below the header


def test_the_earlier_versions_open_every_documents_revision_record(tmp_path):
    profile = tmp_path / "car.yaml"
    profile.write_text(_with_history(), encoding="utf-8")
    run_build(BuildOptions(profile, tmp_path / "out"))
    manual = next((tmp_path / "out").glob("*售后服务手册.docx"))
    procedure = next((tmp_path / "out").glob("*顾客投诉处理程序.docx"))
    for docx in (manual, procedure):
        rows = _revision_rows(docx)
        assert [r[:3] for r in rows[:2]] == [["A/0", "2023年1月1日", "首次发布"],
                                            ["A/1", "2024年6月1日", "按组织机构调整修订"]]
        assert rows[0][3] == "—" and rows[1][3] == "韦启航"  # no author invented for A/0
        assert rows[2][0] == "A/2" and rows[2][2] == "按A/2版换版发布"


def test_without_a_history_the_first_row_says_where_the_earlier_ones_are(tmp_path):
    profile = tmp_path / "car.yaml"
    profile.write_text(CAR, encoding="utf-8")
    run_build(BuildOptions(profile, tmp_path / "out"))
    rows = _revision_rows(next((tmp_path / "out").glob("*售后服务手册.docx")))
    assert len(rows) == 1 and rows[0][2] == "按A/2版换版发布；此前各版的修订记录见上一版受控文件"


@pytest.mark.parametrize("history, message", [
    ("  version: A/2\n  history:\n    - {version: A/1, date: 2023-01-01, summary: 首次发布}\n"
     "    - {version: A/0, date: 2024-06-01, summary: 修订}\n", "history lists A/0 out of order"),
    ("  version: A/2\n  history:\n    - {version: A/3, date: 2023-01-01, summary: 首次发布}\n",
     "history lists A/3 out of order"),
    ("  version: A/2\n  history:\n    - {version: A/0, date: 2030-01-01, summary: 首次发布}\n",
     "history gives A/0 the date 2030-01-01"),
    ("  version: A/2\n  history:\n    - {version: A/0, date: 2024-01-01, summary: 首次发布}\n"
     "    - {version: A/1, date: 2023-01-01, summary: 修订}\n", "history gives A/1 the date 2023-01-01"),
])
def test_a_history_out_of_order_is_a_located_error(history, message):
    with pytest.raises(SskitError) as caught:
        parse_profile(_with_history(history), "car.yaml")
    [diag] = [d for d in caught.value.diagnostics if d.severity == "error"]
    assert message in diag.message and diag.path == "document_control.history"
    # at the list, on the line of its first entry (two below the version line)
    assert diag.file == "car.yaml" and diag.line == CAR[:CAR.index("  version: A/2\n")].count("\n") + 3


def test_the_profile_can_say_what_the_first_issued_version_is(tmp_path):
    """document_control.summary is the current version's row, instead of a row that says only
    which version the set is issued at."""
    profile = tmp_path / "car.yaml"
    profile.write_text(_with_history(HISTORY + "  summary: 依据GB/T 27922-2011全面修订，增加服务网点和应急管理要求\n"),
                       encoding="utf-8")
    run_build(BuildOptions(profile, tmp_path / "out"))
    rows = _revision_rows(next((tmp_path / "out").glob("*售后服务手册.docx")))
    assert [r[0] for r in rows] == ["A/0", "A/1", "A/2"]
    assert rows[2][2] == "依据GB/T 27922-2011全面修订，增加服务网点和应急管理要求"

