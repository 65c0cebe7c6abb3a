"""The records, forms, installation and delivery of a company whose customers are businesses (auditor
a25 findings 3, 6, 7, 13, 18, 19): a business-only company that installs has an acceptance report
(验收日期 starts the warranty), a customer-training record and a 设备档案 per machine (BD-81..83, in
the 文件清单); its forms name the customer's company, the contract and the 出厂编号, and its warranty
paper is the 质量保证书. Industrial equipment (trades.yaml goods kind `industrial_equipment`) is
installed to the contract's schedule and shipped by freight. A consumer company keeps its text.
Profiles: the unit-test fixture (a refrigerator maker) with the lines each case needs changed."""
from __future__ import annotations

import re

import pytest

from sskit.facts.trade_terms import goods_terms

from minimal_variants import BOTH, BUSINESSES, NO_DAYS, edited_profile, markdown_set

INSTALLED = ("    labour_fee: {price: 80, unit: 元/次}\n",
             "    labour_fee: {price: 80, unit: 元/次}\n    installation_required: true\n    delivery: true\n"
             "    warranty_start: installation\n    service_life_years: 12\n")
MACHINE = (("    category: refrigerator\n", "    category: industrial_equipment\n    label: 数控机床\n"),
           ("    categories: [refrigerator]\n", "    categories: [industrial_equipment]\n"))
NEW_FORMS = {"form-install-acceptance": "BD-81", "form-customer-training": "BD-82", "form-equipment-file": "BD-83"}


@pytest.fixture(scope="module")
def consumer():
    return markdown_set(edited_profile(INSTALLED))


@pytest.fixture(scope="module")
def business():
    """Commercial refrigerators (an appliance: installed on call) sold to businesses."""
    return markdown_set(edited_profile(BUSINESSES, NO_DAYS, INSTALLED))


@pytest.fixture(scope="module")
def machines():
    """Machine tools (industrial equipment) sold to businesses: installed to a schedule, shipped by freight."""
    return markdown_set(edited_profile(BUSINESSES, NO_DAYS, INSTALLED, *MACHINE))


def _plain(markdown: str) -> str:
    return re.sub(r"<br>|\*\*", "", markdown)


def test_a_business_company_that_installs_has_the_acceptance_training_and_equipment_records(business, machines):
    for docs in (business, machines):
        assert set(NEW_FORMS) <= set(docs)
        index = docs["index"]
        for key, code in NEW_FORMS.items():
            assert code in index
        for title in ("设备安装调试验收报告", "客户操作培训记录", "设备档案"):
            assert title in index
        retention = docs["proc-document"]
        assert re.search(r"\| 设备档案 \| [^|]+ \| 设备使用年限内 \|", retention)
        assert re.search(r"\| 设备安装调试验收报告 \| [^|]+ \| 设备使用年限内 \|", retention)


def test_a_consumer_company_and_a_mixed_one_have_none_of_them(consumer):
    assert not set(NEW_FORMS) & set(consumer)
    both = markdown_set(edited_profile(BOTH, INSTALLED))
    assert not set(NEW_FORMS) & set(both)
    assert "设备安装调试验收报告" not in both["proc-installation"]


def test_the_acceptance_report_dates_the_warranty_and_is_signed_by_the_customer(machines):
    report = _plain(machines["form-install-acceptance"])
    for words in ("客户单位名称", "合同编号", "出厂编号", "装箱单", "基础验收", "验收日期", "质保期至",
                  "客户授权代表签字", "质量保证书", "客户操作培训记录"):
        assert words in report, words
    assert "三包" not in report
    assert "质保期自验收日期起" in report


def test_business_forms_name_the_company_the_contract_and_the_machine(machines):
    onsite, file, log = (_plain(machines[k]) for k in ("form-onsite", "form-customer-file", "form-call-log"))
    assert "客户单位名称" in onsite and "合同编号" in onsite and "出厂编号" in onsite
    assert "顾客姓名" not in onsite and "三包凭证" not in onsite and "鞋套" not in onsite
    assert "设备安装调试验收报告" in onsite  # the installation's results are on the report, not ticked here
    for words in ("客户单位名称", "联系人及职务", "出厂编号", "合同编号", "验收日期", "设备档案编号"):
        assert words in file, words
    assert "三包凭证编号" not in file and "购买渠道" not in file and "顾客姓名" not in file
    assert "报修单位" in log and "验收日期" in log and "购买渠道" not in log
    for key in ("form-dispatch", "form-repair-card", "form-callback", "form-survey"):
        assert "客户单位名称" in machines[key] and "顾客姓名" not in machines[key], key
    assert "三包期内" not in machines["form-repair-card"]


def test_machines_are_installed_to_the_contract_schedule(machines):
    text = machines["proc-installation"]
    for words in ("基础验收", "到货开箱验收", "吊装就位", "装箱单", "精度", "试切", "验收签字",
                  "按安装计划", "验收日期为质保期的起算日", "设备安装调试验收报告", "客户操作培训记录", "设备档案"):
        assert words in text, words
    for words in ("鞋套", "墙体打孔", "家具和装修", "受理报装后", "三包", "通电（通水）"):
        assert words not in text, words
    assert "购销合同及其技术协议" in text


def test_machines_are_shipped_by_freight_and_unpacked_against_the_packing_list(machines):
    text = machines["proc-delivery"]
    for words in ("承运商", "运输保险", "卸车", "吊装", "装箱单", "开箱验收", "设备安装调试验收报告", "质量保证书"):
        assert words in text, words
    body = re.sub(r"《[^》]*》", "", text[:text.index("# 相关记录")])  # document titles keep their names
    for words in ("搬运至", "三包凭证", "送装一体", "顾客"):
        assert words not in body, words
    note = _plain(machines["form-delivery-note"])
    assert "运输保险" in note and "卸车吊装" in note and "装箱单" in note and "三包凭证" not in note


def test_business_appliances_keep_the_on_call_visit_but_record_the_acceptance(business):
    text = business["proc-installation"]
    assert "设备安装调试验收报告" in text and "客户操作培训记录" in text
    assert "遵守客户现场的安全和管理规定" in text and "鞋套" not in text
    assert "质量保证书" in text and "三包" not in text
    assert "受理报装后" in text  # an appliance is still installed on call: the profile's limits stand
    related = text[text.index("# 相关记录"):]
    for title in ("设备安装调试验收报告", "客户操作培训记录", "设备档案"):
        assert title in related


def test_a_consumer_company_keeps_its_installation_and_forms(consumer):
    text = consumer["proc-installation"]
    assert "进门前穿鞋套" in text and "墙体打孔前探明管线位置" in text and "三包规定" in text
    assert "设备安装调试验收报告" not in text and "客户" not in text.replace("客户服务部", "")
    onsite = _plain(consumer["form-onsite"])
    assert "顾客姓名" in onsite and "□已交付说明书和三包凭证" in onsite and "□工装鞋套" in onsite
    assert "三包凭证编号" in _plain(consumer["form-customer-file"])
    assert "搬运至顾客指定位置" in consumer["proc-delivery"]


def test_goods_words_of_industrial_equipment():
    machine = goods_terms(("industrial_equipment",), ("industrial_equipment",))
    assert machine.freight and machine.install.scheduled and machine.identity == "出厂编号"
    assert not machine.carry_in and machine.install.place_step and machine.install.conduct
    fridge = goods_terms(("refrigerator",), ("refrigerator",))
    assert not fridge.freight and not fridge.install.scheduled and fridge.carry_in


def test_the_business_forms_fit_their_pages(page_counts):
    from sskit.facts import derive_facts
    from sskit.pipeline import render_document_set
    from sskit.records import record_entries
    from sskit.render import TemplateSet

    from minimal_variants import CATALOGUE

    profile = edited_profile(BUSINESSES, NO_DAYS, INSTALLED, *MACHINE)
    keys = {*NEW_FORMS, "form-onsite", "form-customer-file", "form-delivery-note", "form-call-log"}
    docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=("docx",),
                               facts=derive_facts(profile, CATALOGUE))
    forms = {d.spec.key: d.files[f"{d.stem}.docx"] for d in docs if d.spec.key in keys}
    allowed = {f"form-{e['key']}": e.get("pages", 1) for e in record_entries()}
    assert set(forms) == keys
    assert {k: n for k, n in page_counts(forms).items() if n > allowed[k]} == {}


@pytest.mark.parametrize("replacements", [(BUSINESSES, NO_DAYS), (BUSINESSES, NO_DAYS, INSTALLED),
                                          (BUSINESSES, NO_DAYS, INSTALLED, *MACHINE)],
                         ids=["not-installed", "appliances", "machines"])
def test_each_business_form_carries_the_fields_its_procedures_require(replacements):
    from sskit.facts import derive_facts
    from sskit.records import applies, field_names, record_entries

    from minimal_variants import CATALOGUE

    profile = edited_profile(*replacements)
    facts, docs = derive_facts(profile, CATALOGUE), markdown_set(profile)
    for entry in record_entries():
        if "template" not in entry or not applies(entry, facts.traits, facts.categories):
            continue
        plain = _plain(docs[f"form-{entry['key']}"])
        missing = [f for f in field_names(entry, facts.traits, facts.categories) if f not in plain]
        assert not missing, (entry["key"], missing)
