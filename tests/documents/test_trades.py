"""A service company's trade decides the words and the emergencies of its maintenance and
emergency documents (sskit/standard/trades.yaml through facts.terms): central air
conditioning gets loss of cooling and refrigerant leaks, a trade without data gets neutral
wording, and the elevator example keeps its own."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sskit.facts import derive_facts
from sskit.facts.trade_terms import trade_terms
from sskit.pipeline import render_document_set
from sskit.profile import read_profile
from sskit.records import record_entries
from sskit.render import TemplateSet
from sskit.standard import load_catalogue, load_data

ROOT = Path(__file__).resolve().parents[2]
ELEVATOR = ROOT / "profiles" / "hengsheng-elevator.yaml"
CATALOGUE = load_catalogue()
# the documents whose wording the trade decides
TRADE_DOCS = ("proc-emergency-rescue", "proc-maintenance", "emergency-plan", "form-emergency-rescue-record",
              "form-maintenance-plan", "form-maintenance-record", "form-contract-ledger", "conduct")
ELEVATOR_WORDS = ("被困", "困人", "轿厢", "使用单位", "维保站", "安全技术规范", "TSG")


def _build(path: Path):
    profile = read_profile(path)
    facts = derive_facts(profile, CATALOGUE)
    docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=(), facts=facts)
    return facts, {d.spec.key: d.markdown for d in docs}


def _retraded(tmp_path: Path, trade: str) -> Path:
    """The elevator example's company as a maintenance company of another trade: its own
    texts lose the elevator words, so whatever elevator wording is left came from sskit."""
    text = ELEVATOR.read_text(encoding="utf-8")
    text = text.replace("trade: elevator", f"trade: {trade}").replace("使用单位", "顾客").replace("维保站", "服务站").replace("困人", "紧急故障").replace("轿厢", "机组")
    path = tmp_path / f"{trade}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hvac(tmp_path_factory):
    return _build(_retraded(tmp_path_factory.mktemp("hvac"), "hvac"))


@pytest.fixture(scope="module")
def elevator():
    return _build(ELEVATOR)


@pytest.mark.parametrize("trade", ["hvac", "industrial_equipment"])
def test_a_trade_other_than_elevator_gets_no_elevator_wording(tmp_path, trade):
    facts, docs = _build(_retraded(tmp_path, trade))
    assert facts.traits.emergency and facts.traits.contract_maintenance
    for key in TRADE_DOCS:
        found = [w for w in ELEVATOR_WORDS if w in docs[key]]
        assert not found, (trade, key, found)


def test_an_hvac_company_handles_loss_of_cooling_and_refrigerant_leaks(hvac):
    facts, docs = hvac
    rescue = docs["proc-emergency-rescue"]
    assert "医院、数据中心等重要场所的空调系统停止供冷供热、制冷剂泄漏等紧急情况" in rescue
    assert "## 现场处置" in rescue and "## 现场解救" not in rescue
    assert "| 5 | 应急处置 |" in rescue
    assert "泄漏的制冷剂用回收设备回收，不得向大气排放" in rescue
    assert "通知顾客的设备管理人员到场" in rescue
    plan = docs["emergency-plan"]
    assert "# 重要场所空调系统停止供冷供热" in plan and "# 制冷剂泄漏" in plan
    assert "# 电梯困人" not in plan
    record = docs["form-emergency-rescue-record"]
    assert "受影响<br>场所" in record and "险情控制<br>时间" in record
    assert "涉及人身安全的报修（如制冷剂泄漏、冒烟、漏电）" in docs["conduct"]


def test_hvac_forms_name_the_client_as_the_customer(hvac):
    """The party that signs a central air-conditioning contract is often a property manager, not the
    building's owner: the forms say 顾客, as the rest of the set does (not 使用单位 or 业主单位)."""
    _, docs = hvac
    assert "| **顾客** |" in docs["form-maintenance-record"]
    assert "**顾客签字确认**" in docs["form-maintenance-record"]
    assert "| 序号 | 设备编号 | 顾客 |" in docs["form-maintenance-plan"]
    assert "| 序号 | 合同编号 | 顾客 |" in docs["form-contract-ledger"]
    assert not any("业主单位" in text or "使用单位" in text for text in docs.values())
    maintenance = docs["proc-maintenance"]
    assert "以国家和行业标准和设备制造单位的维护保养说明为准" in maintenance
    assert "下发各服务网点" in maintenance
    assert "重要场所停止供冷供热、制冷剂泄漏等紧急情况按《应急救援控制程序》处置" in maintenance


def test_the_elevator_example_keeps_its_wording(elevator):
    facts, docs = elevator
    assert facts.terms.client == "使用单位" and facts.terms.site == "维保站"
    rescue = docs["proc-emergency-rescue"]
    assert "电梯困人、轿厢意外移动、自动扶梯或自动人行道夹人等紧急情况" in rescue
    assert "安全、迅速地解救被困人员、消除危险" in rescue
    assert "## 现场解救" in rescue and "| 5 | 解救 |" in rescue
    assert "被困人员解救后，救援人员使设备保持停止状态" in rescue
    assert "通知使用单位的安全管理人员到场" in rescue
    assert "被困<br>人数" in docs["form-emergency-rescue-record"]
    assert "**使用单位签字确认**<br>（安全管理人员）" in docs["form-maintenance-record"]
    assert "以安全技术规范和设备制造单位的维护保养说明为准，由" in docs["proc-maintenance"]
    assert "下发各维保站" in docs["proc-maintenance"]
    assert "# 电梯困人" in docs["emergency-plan"] and "# 制冷剂泄漏" not in docs["emergency-plan"]
    assert "涉及人身安全的报修（如电梯困人、冒烟、漏电）" in docs["conduct"]


def test_every_trade_term_block_is_complete():
    """A trade's emergency block replaces the default's as a whole: it must give every field."""
    data = load_data("trades")
    default = data["default"]
    for code, row in data["trades"].items():
        assert set(row.get("terms", {})) <= set(default["terms"]), code
        if "emergency" in row:
            assert set(row["emergency"]) == set(default["emergency"]), code
            assert set(row["emergency"]["record"]) == set(default["emergency"]["record"]), code
        trade_terms((code,))  # loads


def test_a_company_of_several_trades_takes_each_block_from_its_first_trade_that_has_one():
    both = trade_terms(("it_equipment", "elevator", "hvac"))
    assert both.client == "使用单位" and both.client_unit == "使用单位"
    assert both.emergency.act == "解救"
    hvac_first = trade_terms(("hvac", "elevator"))
    assert hvac_first.client_contact == "设备管理人员" and hvac_first.client == "使用单位"
    assert hvac_first.emergency.act_heading == "现场处置"
    assert trade_terms(()).client == "顾客"


def test_the_emergency_plan_names_only_records_the_set_has():
    """Reviews put their conclusions into a record of the registry, not into reports the set lacks."""
    titles = {e["title"] for e in record_entries()}
    for sc in load_data("emergency")["scenarios"]:
        review = sc["review"]
        assert not re.search(r"形成\w*报告|台账", review), sc["key"]
        for name in re.findall(r"记入(\w+?记录)", review):
            assert name in titles, (sc["key"], name)


def test_the_maintenance_record_names_the_routine_visit_by_the_contract_cycle(hvac):
    facts, docs = hvac
    cycles = {s.cycle_days for s in facts.services if s.cycle_days}
    assert cycles == {15}  # the elevator example's half-monthly cycle, under another trade
    row = next(line for line in docs["form-maintenance-record"].splitlines() if "**维保类别**" in line)
    assert "□半月维保　□季度维保　□半年维保　□年度维保　□专项维保" in row and "例行" not in row
    # the manual's lists of cycles and limits end their last item with a full stop
    manual = docs["manual"]
    maintenance = manual[manual.index("## 维护保养"):].split("\n## ")[0]
    items = [line for line in maintenance.splitlines() if line.startswith("- ")]
    assert items and all(i.endswith("；") for i in items[:-1]) and items[-1].endswith("。")
