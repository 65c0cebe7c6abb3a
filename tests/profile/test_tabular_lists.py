"""`outlets: {from: outlets.csv}` and `departments: {from: x.xlsx, sheet: ...}` inside a YAML
profile: the rows load into the same model, every problem located in its own file."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from sskit.diagnostics import SskitError
from sskit.profile import parse_profile_with_source, read_profile, read_profile_with_source
from sskit.profile.tabular import table_for, value_to_cell

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "profiles" / "huaxia-appliance.yaml"


def _rows(key: str, entries: list[dict]) -> tuple[list[str], list[list]]:
    table = table_for(key)
    columns = [c for c in table.columns]
    header = [c.header for c in columns]
    rows = []
    for entry in entries:
        row = []
        for c in columns:
            value = entry
            for part in c.key:
                value = value.get(part) if isinstance(value, dict) else None
            cell = value_to_cell(c, value)
            row.append("" if cell is None else (cell.isoformat() if hasattr(cell, "isoformat") else str(cell)))
        rows.append(row)
    return header, rows


def _csv(header, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _profile_with(tmp_path: Path, **lists) -> Path:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data.update(lists)
    path = tmp_path / "profile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def example():
    return read_profile(EXAMPLE)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_outlets_from_csv_give_the_same_profile(tmp_path, example, encoding):
    data = example.model_dump(mode="python", exclude_unset=True)
    header, rows = _rows("outlets", data["outlets"])
    (tmp_path / "outlets.csv").write_bytes(_csv(header, rows).encode(encoding))
    loaded = read_profile(_profile_with(tmp_path, outlets={"from": "outlets.csv"}))
    assert loaded.model_dump() == example.model_dump()


def test_departments_from_an_xlsx_sheet(tmp_path, example):
    from openpyxl import Workbook

    data = example.model_dump(mode="python", exclude_unset=True)
    header, rows = _rows("departments", data["departments"])
    book = Workbook()
    book.active.title = "封面"
    ws = book.create_sheet("部门")
    ws.append(header)
    for row in rows:
        ws.append(row)
    book.save(tmp_path / "org.xlsx")
    loaded = read_profile(_profile_with(tmp_path, departments={"from": "org.xlsx", "sheet": "部门"}))
    assert loaded.departments == example.departments


def test_two_thousand_outlets_from_a_gb18030_csv(tmp_path, example):
    data = example.model_dump(mode="python", exclude_unset=True)
    template = data["outlets"]
    outlets = []
    for i in range(2000):
        entry = dict(template[i % len(template)])
        entry["id"] = f"o{i + 1:04d}"
        entry["name"] = f"{entry['name']}（{i + 1}号）"
        outlets.append(entry)
    header, rows = _rows("outlets", outlets)
    raw = _csv(header, rows).encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # it really is GB18030, not UTF-8 by accident
    (tmp_path / "outlets.csv").write_bytes(raw)
    loaded = read_profile(_profile_with(tmp_path, outlets={"from": "outlets.csv"}))
    assert len(loaded.outlets) == 2000
    assert loaded.outlets[1999].id == "o2000"
    assert loaded.outlets[0].categories == example.outlets[0].categories


def _errors(path: Path) -> list:
    with pytest.raises(SskitError) as info:
        read_profile(path)
    return info.value.diagnostics


def test_csv_errors_are_located_in_the_csv_all_at_once(tmp_path, example):
    data = example.model_dump(mode="python", exclude_unset=True)
    header, rows = _rows("outlets", data["outlets"])
    phone, technicians = header.index("联系电话"), header.index("持证维修技术人员数")
    rows[10][phone] = "12345"
    rows[3][technicians] = "三"
    (tmp_path / "outlets.csv").write_text(_csv(header, rows), encoding="utf-8")
    diags = _errors(_profile_with(tmp_path, outlets={"from": "outlets.csv"}))
    lines = [d.headline() for d in diags if d.severity == "error"]
    assert f"outlets.csv:12:{phone + 1}: error: outlets[10].phone: '12345' is not a valid phone number" in lines
    assert any(line.startswith(f"outlets.csv:5:{technicians + 1}: error: outlets[3].technicians:") for line in lines)
    assert len(lines) == 2


def test_xlsx_errors_name_the_sheet_and_cell(tmp_path, example):
    from openpyxl import Workbook

    data = example.model_dump(mode="python", exclude_unset=True)
    header, rows = _rows("outlets", data["outlets"])
    rows[10][header.index("联系电话")] = "12345"
    book = Workbook()
    ws = book.active
    ws.title = "服务网点"
    ws.append(header)
    for row in rows:
        ws.append(row)
    book.save(tmp_path / "outlets.xlsx")
    diags = _errors(_profile_with(tmp_path, outlets={"from": "outlets.xlsx", "sheet": "服务网点"}))
    assert [d.headline() for d in diags] == [
        "outlets.xlsx:服务网点!H12: error: outlets[10].phone: '12345' is not a valid phone number"]
    assert "400-123-4567" in diags[0].hint


def test_reordered_and_unknown_columns_labels_and_codes(tmp_path, example):
    data = example.model_dump(mode="python", exclude_unset=True)
    header, rows = _rows("outlets", data["outlets"][:2])
    order = list(reversed(range(len(header))))
    header = [header[i] for i in order] + ["内部备注"]
    rows = [[row[i] for i in order] + ["自用"] for row in rows]
    # a list cell mixes labels and codes, separated by 、 or commas
    cats = header.index("服务的商品类别")
    rows[0][cats] = "家用电冰箱, air_conditioner、洗衣机"
    (tmp_path / "outlets.csv").write_text(_csv(header, rows), encoding="utf-8")
    profile, src = read_profile_with_source(_profile_with(tmp_path, outlets={"from": "outlets.csv"}))
    assert profile.outlets[0].categories == ["refrigerator", "air_conditioner", "washing_machine"]
    assert profile.outlets[1] == example.outlets[1]
    assert [w.headline() for w in src.warnings] == [
        f"outlets.csv:1:{len(header)}: warning: 服务网点: unknown column '内部备注' is ignored"]


def test_undecodable_csv_is_reported_with_its_line(tmp_path):
    good = "网点编号,网点名称\r\no1,一号网点\r\n".encode("utf-8")
    (tmp_path / "outlets.csv").write_bytes(good + b"o2,\xff\xfe\x80\r\n")
    diags = _errors(_profile_with(tmp_path, outlets={"from": "outlets.csv"}))
    assert diags[0].file == "outlets.csv" and diags[0].line == 3
    assert "neither UTF-8 nor GB18030" in diags[0].message


def test_a_missing_file_is_reported_at_the_from_key(tmp_path):
    path = _profile_with(tmp_path, outlets={"from": "nowhere.csv"})
    diags = _errors(path)
    assert len(diags) == 1
    line = path.read_text(encoding="utf-8").splitlines()[diags[0].line - 1]
    assert "nowhere.csv" in line
    assert diags[0].message == "cannot read 'nowhere.csv': no such file"


def test_only_the_list_sections_can_come_from_a_file(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace("products:\n", "products: {from: p.csv}\nold_products:\n", 1)
    with pytest.raises(SskitError) as info:
        parse_profile_with_source(text, str(tmp_path / "p.yaml"))
    assert any("'products' cannot be read from a file" in d.message for d in info.value.diagnostics)


def test_the_list_files_are_inputs_of_the_build(tmp_path):
    from sskit.profile.tabular_files import list_files

    path = _profile_with(tmp_path, outlets={"from": "lists/outlets.csv"}, departments={"from": "org.xlsx"})
    assert list_files(path) == [tmp_path / "org.xlsx", tmp_path / "lists" / "outlets.csv"]
    assert list_files(EXAMPLE) == []
    assert list_files(tmp_path / "missing.yaml") == []


def test_cell_values_as_spreadsheets_hold_them():
    import datetime as dt

    from sskit.profile.tabular import cell_to_value

    table = table_for("outlets")
    column = {c.dotted: c for c in table.columns}
    start = column["contract.start"]
    assert cell_to_value(start, dt.datetime(2026, 1, 1)) == dt.date(2026, 1, 1)
    assert cell_to_value(start, 46023) == dt.date(2026, 1, 1)  # a date cell formatted as General
    assert cell_to_value(start, "2026/1/1") == dt.date(2026, 1, 1)
    assert cell_to_value(start, "2026年1月1日") == dt.date(2026, 1, 1)
    assert cell_to_value(start, "2026-02-30") == "2026-02-30"  # left for the model to report
    assert cell_to_value(column["phone"], 13905742618) == "13905742618"  # a number typed into a text cell
    assert cell_to_value(column["technicians"], "12") == 12
    assert cell_to_value(column["rescue"], "是") is True and cell_to_value(column["rescue"], "FALSE") is False
    assert cell_to_value(column["kind"], "特约") == "特约"
    assert cell_to_value(column["services"], "s1、s2 s3") == ["s1", "s2", "s3"]
    company = {c.dotted: c for c in table_for("company").columns}
    channels = company["sales_channels"]
    # a label that itself contains 、 stays whole
    assert cell_to_value(channels, "网络销售（自营网店、电商平台）、门店销售") == ["online", "store"]
    assert cell_to_value(company["sales_regions"], "浙江省、上海市") == ["浙江省", "上海市"]
    duties = {c.dotted: c for c in table_for("departments").columns}["duties"]
    assert cell_to_value(duties, "负责合同、服务承诺的审查\n统筹行政事务") == ["负责合同、服务承诺的审查", "统筹行政事务"]
    assert cell_to_value(duties, "负责合同、服务承诺的审查") == ["负责合同、服务承诺的审查"]
