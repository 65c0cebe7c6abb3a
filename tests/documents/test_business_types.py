"""Each business type gets a set that speaks as what the company is (issue 12).

A manufacturer makes, sells and services; a dealer sells, services and carries out the
manufacturer's warranty; a service provider performs services under contracts and sells no
goods. Golden checks: what each set must say, and what it must not.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sskit.facts import derive_facts
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile_with_source
from sskit.render import TemplateSet
from sskit.standard import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = load_catalogue()
# the standard's own clause titles name goods (5.2 商品服务, 5.2.1 商品信息, 5.2.6 废弃商品回收); a set
# quotes them as the standard words them, which is not the company speaking of goods
# and so does the standard's own title, GB/T 27922-2011《商品售后服务评价体系》
CLAUSE_TITLES = sorted({c.title for c in CATALOGUE.clauses if "商品" in c.title or "产品" in c.title}
                       | {CATALOGUE.title}, key=len, reverse=True)


def _set(text: str, name: str = "p.yaml") -> dict[str, str]:
    profile, _ = parse_profile_with_source(text, name)
    docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=(),
                               facts=derive_facts(profile, CATALOGUE))
    return {d.spec.key: d.markdown for d in docs}


def _read(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def elevator() -> dict[str, str]:
    return _set(_read("profiles/hengsheng-elevator.yaml"))


@pytest.fixture(scope="module")
def it_service() -> dict[str, str]:
    return _set(_read("tests/fixtures/it-service.yaml"))


@pytest.fixture(scope="module")
def dealer() -> dict[str, str]:
    return _set(_read("profiles/chengyun-auto.yaml"))


@pytest.fixture(scope="module")
def maker() -> dict[str, str]:
    return _set(_read("profiles/huaxia-appliance.yaml"))


def _goods_words(docs: dict[str, str]) -> dict[str, list[str]]:
    """Where a set speaks of goods: 三包, 商品, 产品 outside the standard's clause titles."""
    found = {}
    for key, text in docs.items():
        for title in CLAUSE_TITLES:
            text = text.replace(title, "")
        hits = [text[max(0, m.start() - 12):m.end() + 12] for m in re.finditer("三包|商品|产品", text)]
        if hits:
            found[key] = hits[:3]
    return found


GOODS_STEPS = ("开箱", "以旧换新", "包退", "包换", "送货上门", "购买日期", "购买凭证", "停产后")


@pytest.mark.parametrize("fixture", ["elevator", "it_service"])
def test_a_service_provider_set_speaks_of_no_goods(fixture, request):
    docs = request.getfixturevalue(fixture)
    assert _goods_words(docs) == {}
    steps = {key: [w for w in GOODS_STEPS if w in text] for key, text in docs.items()}
    assert {k: v for k, v in steps.items() if v} == {}
    # no goods-handling records or procedures
    assert not {"proc-delivery", "proc-installation", "form-receipt", "form-goods-log"} & set(docs)


def test_the_elevator_set_states_its_services_its_trade_rules_and_its_true_limits(elevator):
    manual = elevator["manual"]
    assert "本公司按服务合同提供的全部服务项目（电梯日常维护保养、电梯故障修理、定期检验配合与安全评估）" in manual
    assert "每15天至少维护保养一次" in manual
    assert "接到救援求助后30分钟内到达现场" in manual
    assert "修理工艺质保期3个月" in manual and "维修和安装的工艺质保期" not in manual and "更换配件的质保期1年" in manual
    assert {"proc-maintenance", "proc-emergency-rescue", "form-maintenance-record", "form-emergency-rescue-record",
            "form-inspection-support", "form-contract-ledger"} <= set(elevator)
    assert "《中华人民共和国特种设备安全法》" in elevator["law-list"]
    assert "TSG T5002" in elevator["law-list"]
    assert "电梯修理" in elevator["job-descriptions"]  # the trade's certificate
    assert "服务信息管理程序" in elevator["index"] and "商品信息管理程序" not in elevator["index"]
    # the validator accepted the true figures: 1-day repair limit, callback 3 days after completion
    assert "一般故障自受理报修之日起1天内修复" in manual


def test_a_service_provider_in_another_trade_gets_no_elevator_rules(it_service):
    text = "\n".join(it_service.values())
    for word in ("电梯", "特种设备", "困人", "TSG"):
        assert word not in text, word
    assert "proc-emergency-rescue" not in it_service  # it promises no emergency rescue
    assert "办公电脑及打印设备驻场运维" in it_service["manual"]
    assert "受理报修后4小时内到达现场" in it_service["manual"]


def test_a_dealer_states_the_manufacturers_warranty_it_carries_out(dealer):
    manual = dealer["manual"]
    assert "云岚汽车股份有限公司" in manual and "启澜新能源汽车有限公司" in manual
    assert "包修期内因产品质量问题每次修理时间（包括等待修理零部件时间）超过5日的，提供备用车" in manual
    # no manufacturer-only obligations; the parts years it states are its own commitment
    assert "产品停产后继续提供备件不少于" not in "\n".join(dealer.values())
    assert "所售商品停产后继续保障维修备件供应不少于10年" in manual
    # the training plan teaches the car rule, not the general goods rule
    assert "《家用汽车产品修理更换退货责任规定》" in dealer["training"]
    assert "《部分商品修理更换退货责任规定》" not in dealer["training"]


def test_a_manufacturer_promises_parts_after_production_ends(maker):
    assert "产品停产后继续提供备件不少于" in maker["manual"]


def test_switching_the_business_type_alone_changes_the_documents_where_it_matters():
    text = _read("profiles/huaxia-appliance.yaml")
    assert "business_type: manufacturer" in text
    as_maker = _set(text)
    as_dealer = _set(text.replace("business_type: manufacturer", "business_type: distributor"))
    assert "本公司生产和销售的全部商品" in as_maker["manual"]
    assert "本公司销售的全部商品" in as_dealer["manual"] and "本公司生产和销售" not in as_dealer["manual"]
    assert "产品停产后继续提供备件不少于" in as_maker["manual"]
    assert "产品停产后继续提供备件不少于" not in as_dealer["manual"]
    changed = {k for k in as_maker if as_maker[k] != as_dealer.get(k)}
    assert {"manual", "pledge"} <= changed
    # documents where the business type does not matter stay as they were
    assert as_maker["proc-training"] == as_dealer["proc-training"]
