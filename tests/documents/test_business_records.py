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
                                          (BUSINESSES, NO_DAYS, INSTALLED, *MACHINE), (BOTH, INSTALLED)],
                         ids=["not-installed", "appliances", "machines", "both"])
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


# ------------------------------------------------------------------ second round (re-audit a26)

def _section(text: str, title: str) -> str:
    """The job description of one post in the 岗位职责说明书 (its table and its duties)."""
    return text.split(f"\n# {title}\n", 1)[1].split("\n# ", 1)[0]


def _duties(text: str, title: str) -> str:
    return _section(text, title).split("主要职责：", 1)[1]


def _flow(text: str) -> list[list[str]]:
    table = text.split("Table: 安装调试流程", 1)[1].split("\n\n", 1)[0] if "Table: 安装调试流程" in text else \
        text.split("Table: 设备发运流程", 1)[1].split("\n\n", 1)[0]
    return [[c.strip() for c in line.strip("|").split("|")] for line in table.splitlines()[3:]]


def test_the_equipment_file_is_opened_at_shipment_and_completed_at_acceptance(business, machines):
    """a26 finding 5: BD-83, CX-02 and CX-03 open the 设备档案 at the same moment (发货), and the
    acceptance only adds its date and the warranty; finding 11: the on-call flow has its 建档 step."""
    for docs in (business, machines):
        file = _plain(docs["form-equipment-file"])
        assert "在设备发货时建档" in file and "验收后补记验收日期、质保期" in file
        install = docs["proc-installation"]
        assert "在设备发货时建立的设备档案中补记验收日期、质保期" in install
        assert not re.search(r"(验收后|回传的设备安装调试验收报告后)建立设备档案", install)
        steps = [row[1] for row in _flow(install)]
        assert "补记档案" in steps and steps[-1] == "回访"
        related = install[install.index("# 相关记录"):]
        for title in ("设备安装调试验收报告", "客户操作培训记录", "设备档案"):
            assert title in related
    freight = _flow(machines["proc-delivery"])
    row = next(r for r in freight if r[1] == "建档")
    assert row[4] == "发运当日" and "验收后补记验收日期和质保期" in row[3]
    assert "出库发货时建立设备档案" in business["proc-delivery"]


def test_a_failed_acceptance_goes_back_to_the_checks(machines):
    """a26 finding 27: the scheduled flow decides 验收是否合格？ and loops back to 调试检验."""
    flow = _flow(machines["proc-installation"])
    number = {row[1]: row[0] for row in flow}
    decision = next(row for row in flow if row[1] == "验收是否合格？")
    assert f"不合格→第{number['调试检验']}步" in decision[3]
    assert f"合格→第{number['验收签字']}步" in decision[3]
    assert int(number["验收签字"]) > int(decision[0]) > int(number["验收"])


def test_crane_work_names_the_special_equipment_certificate_and_its_laws(machines, consumer):
    """a26 finding 8: cranes are 特种设备; their signallers and drivers hold the 特种设备安全管理和作业人员证
    (Q1, Q2). The goods words of industrial equipment (lifted into place) bring the two laws and the
    installer's certificates; a household-appliance company has none of it."""
    for key in ("proc-installation", "proc-delivery"):
        text = machines[key]
        assert "《特种设备安全管理和作业人员证》的起重机指挥（Q1）和起重机司机（Q2）" in text, key
        assert "起重作业操作证" not in text, key
    laws = machines["law-list"]
    for law in ("《中华人民共和国特种设备安全法》", "《特种设备作业人员监督管理办法》"):
        assert law in laws and law in machines["manual"], law
    # the register's row for lifting, not the elevator-maintenance row of the same law
    assert "设备卸车和吊装就位使用的起重机械属于特种设备" in laws and "电梯维护保养" not in laws
    installer = _section(machines["job-descriptions"], "安装技术员")
    assert "特种设备安全管理和作业人员证（起重机指挥Q1、起重机司机Q2）" in installer
    assert "特种作业操作证（低压电工作业）" in installer and "经本公司岗前培训考核合格" not in installer
    assert "起重机指挥和起重机司机" in installer
    assert "特种设备安全法" not in consumer["law-list"] and "起重机" not in consumer["job-descriptions"]


def test_the_installer_and_the_delivery_staff_of_a_business_work_to_the_contract(business, machines, consumer):
    """a26 finding 7: GW-01's 安装技术员 and 配送员 follow CX-02/CX-03 for business customers."""
    for docs in (business, machines):
        installer = _section(docs["job-descriptions"], "安装技术员")
        for words in ("设备安装调试验收报告", "客户操作培训记录", "客户授权代表", "遵守客户现场的安全和管理规定"):
            assert words in installer, words
        for words in ("鞋套", "上门服务确认单", "顾客"):
            assert words not in _duties(docs["job-descriptions"], "安装技术员"), words
        delivery = _duties(docs["job-descriptions"], "配送员")
        assert "配送单上签收" in delivery and "装箱单" in delivery
        for words in ("家居环境", "搬运至顾客指定位置", "上门服务确认单", "顾客"):
            assert words not in delivery, words
    assert "承运商" in _section(machines["job-descriptions"], "配送员")
    installer = _section(consumer["job-descriptions"], "安装技术员")
    assert "进门穿鞋套" in installer and "上门服务确认单" in installer and "设备安装调试验收报告" not in installer
    assert "爱护顾客的家居环境" in _section(consumer["job-descriptions"], "配送员")


def test_the_equipment_file_offers_each_lines_service_life_and_its_own_words(business, machines):
    """a26 finding 18: 使用年限 is a check box per product line, not a fixed value; 精度检测 is for machines."""
    file = machines["form-equipment-file"]
    assert "□12年（" in file and "按产品说明" not in file
    assert "##### 四、改造记录和精度检测" in file and "□精度检测" in file
    appliance = business["form-equipment-file"]
    assert "□12年（" in appliance and "按产品说明" not in appliance
    assert "改造记录及主要部件更换" in appliance and "□部件更换" in appliance and "精度" not in appliance


def test_the_acceptance_report_keeps_its_verdict_with_the_signatures(machines):
    """a26 finding 24: the verdict, the acceptance date and both signatures, each with its date, are one
    table (a table of five rows is never split), its heading is a heading (kept with the next); the
    measured values have their own table."""
    report = machines["form-install-acceptance"]
    assert "##### 三、精度和性能实测值 {-}" in report and "| 序号 | 检验项目 | 验收标准（允许值） | 实测值 | 结论 |" in report
    block = report.split("##### 四、遗留问题与验收结论 {-}", 1)[1].split("\n\n")[1]
    rows = [line for line in block.splitlines() if line.startswith("| **")]
    assert len(rows) == 5
    for words in ("验收结论", "验收日期", "安装负责人签字", "客户授权代表签字"):
        assert any(words in row for row in rows), words
    assert sum("日期：" in row for row in rows) == 2
    assert "附在本报告之后" in report and "实测值记入第三部分" in _plain(report)


def test_the_form_headings_keep_with_their_tables_in_word():
    """a26 finding 25: the section titles of BD-81 and BD-83 are headings, whose style keeps them with the
    table under them, so no title is left at the foot of a page."""
    from sskit.facts import derive_facts
    from sskit.pipeline import render_document_set
    from sskit.render import TemplateSet

    from minimal_variants import CATALOGUE

    profile = edited_profile(BUSINESSES, NO_DAYS, INSTALLED, *MACHINE)
    docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=("docx",),
                               facts=derive_facts(profile, CATALOGUE))
    import io
    import zipfile
    for d in docs:
        if d.spec.key not in ("form-install-acceptance", "form-equipment-file"):
            continue
        xml = zipfile.ZipFile(io.BytesIO(d.files[f"{d.stem}.docx"])).read("word/document.xml").decode()
        titles = re.findall(r'<w:p>(?:(?!</w:p>).)*?<w:pStyle w:val="([^"]+)"/>(?:(?!</w:p>).)*?([一二三四])、', xml)
        assert len(titles) == 4 and all(style.startswith("Heading") for style, _ in titles), (d.spec.key, titles)


def test_a_company_with_both_kinds_of_customer_records_a_business_on_its_forms():
    """a26 finding 16: customers: both keeps the consumer fields and offers 客户单位 and 合同编号 beside them."""
    docs = markdown_set(edited_profile(BOTH, INSTALLED))
    log = _plain(docs["form-call-log"])
    assert "顾客姓名（客户单位）联系电话" in log and "（合同编号）" in log and "单位客户在括号内的栏目" in log
    for key in ("form-customer-file", "form-receipt"):
        assert "| **客户单位名称** | | **合同编号** | |" in docs[key] and "顾客姓名" in docs[key], key
    onsite = docs["form-onsite"]
    assert "| **顾客姓名/客户单位** |" in onsite and "□合同质保，合同编号：" in onsite
    assert "三包凭证编号" in _plain(docs["form-customer-file"])
    assert "单位客户凭单位证明和经办人有效身份证件登记领取" in docs["form-receipt"]


def test_business_forms_drop_the_consumer_returns_and_carry_in(business, machines, consumer):
    """a26 finding 23: BD-01's remark is for quality objections, BD-03 has no 送修时间 for business customers."""
    for docs in (business, machines):
        assert "质量异议和处理结果记入“备注”栏" in docs["form-call-log"] and "退货申请" not in docs["form-call-log"]
        card = _plain(docs["form-repair-card"])
        assert "送修时间" not in card and "购买日期" not in card and "报修时间" in card and "验收日期" in card
    assert "退货申请和处理结果" in consumer["form-call-log"] and "送修时间" in consumer["form-repair-card"]


def test_the_lifting_rows_of_the_special_equipment_laws_are_the_ones_that_apply_to_machines():
    """laws.yaml lists 特种设备安全法 and 作业人员监督管理办法 twice: for the special-equipment trades and
    for the lifting at installation. A machine-tool maker gets the lifting rows (the register takes the row
    of a law that applies to the company), an elevator maintainer keeps its trade's rows."""
    from sskit.facts import derive_facts
    from sskit.records import applies
    from sskit.standard import load_laws

    from minimal_variants import CATALOGUE

    facts = derive_facts(edited_profile(BUSINESSES, NO_DAYS, INSTALLED, *MACHINE), CATALOGUE)
    for name in ("《中华人民共和国特种设备安全法》", "《特种设备作业人员监督管理办法》"):
        assert name in facts.laws
        rows = [r for r in load_laws() if r["name"] == name]
        first = next(r for r in rows if applies(r, facts.traits, facts.categories))
        assert "起重" in first["scope"] and rows.index(first) == 0
        assert not any(applies(r, facts.traits, facts.categories) for r in rows[1:])
