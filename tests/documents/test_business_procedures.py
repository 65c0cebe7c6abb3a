"""Procedures and conduct for a company whose customers are businesses (company.customers).

A supplier of installed equipment to factories, hotels or hospitals is held to its purchase
contracts (民法典 合同编, 产品质量法), not to the consumer law and the 三包 rules: its repair procedure
judges the warranty by the contract and the 质量保证书, repairs the equipment where it stands and
diagnoses by phone before a dispatch; its complaint procedure names no 消费者协会 or 12315 and sends a
dispute the way the contract says; its emergency plan has the customer's stopped production instead
of crowds of consumers. A consumer company keeps its text; a company with both keeps the consumers'
text and adds the business customers' rule.
"""
from __future__ import annotations

import re

import pytest

from minimal_variants import edited_profile, markdown_set

TYPE = "  business_type: manufacturer\n"
BUSINESSES = (TYPE, TYPE + "  customers: businesses\n")
BOTH = (TYPE, TYPE + "  customers: both\n")
# the fridge is installed at the customer's site, its warranty runs from acceptance, and the
# contract states no return or exchange days
INSTALLED = ("    labour_fee: {price: 80, unit: 元/次}\n",
             "    labour_fee: {price: 80, unit: 元/次}\n    installation_required: true\n"
             "    warranty_start: installation\n")
NO_RETURN_DAYS = ("      return_days: 7\n      exchange_days: 15\n", "")
ONLINE_DIAGNOSIS = ("  hotline_hours: 7×24小时\n", "  hotline_hours: 7×24小时\n  online_channels: [远程诊断平台]\n")

CONSUMER_WORDS = ("消费者", "12315", "消费者协会", "三包")


@pytest.fixture(scope="module")
def b2b() -> dict[str, str]:
    return markdown_set(edited_profile(BUSINESSES, INSTALLED, NO_RETURN_DAYS, ONLINE_DIAGNOSIS))


@pytest.fixture(scope="module")
def b2b_portable() -> dict[str, str]:
    """Business customers, goods not installed: they may still be carried to an outlet."""
    return markdown_set(edited_profile(BUSINESSES, NO_RETURN_DAYS))


@pytest.fixture(scope="module")
def consumer() -> dict[str, str]:
    return markdown_set(edited_profile(INSTALLED))


@pytest.fixture(scope="module")
def both() -> dict[str, str]:
    return markdown_set(edited_profile(BOTH, INSTALLED))


def _row(text: str, name: str) -> str:
    """The flow table's row of the step `name`."""
    found = re.search(rf"^\| \d+ \| {re.escape(name)} \|.*$", text, re.M)
    assert found, name
    return found[0]


def _step_number(text: str, name: str) -> int:
    return int(re.match(r"\| (\d+) \|", _row(text, name))[1])


@pytest.mark.parametrize("key", ["proc-repair", "proc-complaint", "proc-training", "proc-product-info",
                                 "conduct", "emergency-plan"])
def test_business_only_procedures_name_no_consumer_law(b2b, key):
    for word in CONSUMER_WORDS:
        assert word not in b2b[key], (key, word)


def test_repair_judges_the_warranty_by_the_contract_and_repairs_on_site(b2b):
    text = b2b["proc-repair"]
    assert "按购销合同和质量保证书判定" in _row(text, "是否在保修期内？")
    # installed equipment is not carried to an outlet: a part is taken out and sent back instead (the
    # records table follows records.yaml, which lists the receipt for every company that sells)
    body = text.split("# 相关记录", 1)[0]
    assert "送修" not in body and "领取收据" not in body and "家居" not in body
    module = _row(text, "部件返修")
    assert "设备不运离客户现场" in module and "维修记录卡" in module
    assert "## 上门与部件返修" in text and "保护客户的设备" in text
    # the warranty section states the contract rule, each line's period and the Civil Code rules
    warranty = text.split("## 质量保证", 1)[1].split("\n## ", 1)[0]
    assert "按购销合同和随设备交付的质量保证书执行，保修期自安装验收合格之日起计算" in warranty
    assert "- 青禾风冷冰箱：整机1年，压缩机3年。" in warranty
    assert "《民法典》第六百二十条、第六百二十一条" in warranty and "《产品质量法》第四十条" in warranty
    references = text.split("# 相关文件", 1)[1].split("# 相关记录", 1)[0]
    assert "《中华人民共和国民法典》（合同编）" in references and "《中华人民共和国产品质量法》" in references


def test_repair_diagnoses_remotely_before_the_dispatch(b2b):
    text = b2b["proc-repair"]
    diagnosis, decision = _row(text, "远程诊断"), _row(text, "能否远程排除？")
    # the channels the profile lists, nothing more
    assert "通过电话或远程诊断平台" in diagnosis and "技术咨询记录" in diagnosis
    assert _step_number(text, "远程诊断") == 3 and _step_number(text, "派工") == 5
    callback = _step_number(text, "回访")
    assert f"能→第{callback}步；不能→第5步" in decision
    # every jump of the flow lands on a step of the table
    steps = {int(n) for n in re.findall(r"^\| (\d+) \|", text.split("Table: 维修服务流程", 1)[1], re.M)}
    jumps = {int(n) for n in re.findall(r"第(\d+)步", text.split("Table: 维修服务流程", 1)[1].split("\n\n", 1)[0])}
    assert jumps and jumps <= steps


def test_business_goods_not_installed_keep_the_carry_in_route(b2b_portable):
    text = b2b_portable["proc-repair"]
    assert "部件返修" not in text and "客户商品领取收据" in text
    assert "按购销合同和质量保证书判定" in text


def test_complaint_goes_by_the_contract(b2b):
    text = b2b["proc-complaint"]
    assert "告知单位客户可以按合同约定的争议解决方式申请仲裁或者向人民法院起诉" in _row(text, "争议解决")
    assert ("处理方案依据购销合同、《中华人民共和国民法典》（合同编）、《中华人民共和国产品质量法》、"
            "本公司服务承诺和收费标准确定") in text
    assert "本公司通过售后服务手册、质量保证书" in text
    # the escalation is the business customers' scenario of the plan, graded as the plan grades it
    assert "| 预案Ⅱ级：多家客户投诉或合同争议 | 同一原因引起3至4家客户单位投诉" in text
    assert "群体性投诉" not in text and "热搜" not in text


def test_training_and_product_information_follow_the_customers(b2b):
    training = b2b["proc-training"]
    assert "5. 法律法规培训：包括《中华人民共和国民法典》（合同编）、《中华人民共和国产品质量法》" in training
    info = b2b["proc-product-info"]
    assert "- 质量保证书：设备名称、型号、出厂编号、客户单位名称、购销合同编号" in info
    # no return or exchange days promised: the warranty table has no such columns
    assert "| 产品线 | 商品类别 | 整机保修期 | 主要部件保修期 |" in info and "包退期" not in info


def test_conduct_is_for_a_customer_site_not_a_home(b2b):
    text = b2b["conduct"]
    assert "# 客户现场服务规范" in text and "# 上门服务规范" not in text
    for word in ("鞋套", "家中", "家具"):
        assert word not in text, word
    assert "交付说明书和质量保证书" in text and "不准泄露客户的商业信息和联系人的个人信息" in text


def test_emergency_plan_has_the_customers_stopped_production(b2b):
    plan = b2b["emergency-plan"]
    assert "# 客户生产因本公司设备故障停机停产" in plan
    assert "| Ⅰ级 | 客户整条生产线或关键工序停产" in plan
    # the dispatch within the company's own response limit
    assert "在受理报修后2小时内派出有该型号设备维修经验的人员" in plan
    assert "# 重大投诉或群体性投诉" not in plan and "# 媒体曝光或网络舆情" not in plan
    assert "聚集" not in plan


def test_consumer_company_keeps_its_text(consumer):
    repair = consumer["proc-repair"]
    assert "按购买凭证和三包凭证判定" in repair and "保护顾客家居环境" in repair
    assert "远程诊断" not in repair and "## 三包处理" in repair
    complaint = consumer["proc-complaint"]
    assert "告知顾客可向消费者协会或市场监督管理部门申请调解" in complaint and "单位客户" not in complaint
    plan = consumer["emergency-plan"]
    assert "# 重大投诉或群体性投诉" in plan and "停机停产" not in plan and "多家客户" not in plan
    assert "# 上门服务规范" in consumer["conduct"] and "三包凭证" in consumer["proc-product-info"]


def test_both_keeps_the_consumer_text_and_adds_the_contract_rule(both):
    repair = both["proc-repair"]
    assert "按购买凭证和三包凭证判定" in repair and "单位客户为生产经营购买的商品" in repair
    assert "《民法典》第六百一十七条、第五百八十二条" in repair
    complaint = both["proc-complaint"]
    assert "告知顾客可向消费者协会或市场监督管理部门申请调解" in complaint
    assert "单位客户可以按合同约定的争议解决方式申请仲裁或者向人民法院起诉" in complaint
    plan = both["emergency-plan"]
    # consumers may still crowd; a refrigerator sold also to hotels stops no production line
    assert "# 重大投诉或群体性投诉" in plan and "停机停产" not in plan


# --------------------------------------------------------------------------- HC3: the self-assessment,
# the clause texts and the remaining 三包 words of a business-only company

DELIVERED = ("    labour_fee: {price: 80, unit: 元/次}\n", "    labour_fee: {price: 80, unit: 元/次}\n    delivery: true\n")
# an industrial line with its own label, where some customers are consumers (the 自评 names it) or
# none is; with a training service of no named kind in the same trade
INDUSTRIAL = ("    category: refrigerator\n", "    category: industrial_equipment\n    label: 数控机床\n")
SERVES_INDUSTRIAL = ("    categories: [refrigerator]\n", "    categories: [industrial_equipment]\n")
TRAINING_SERVICE = ("commitments:\n", "services:\n  - id: course\n    name: 客户操作及维护人员培训\n"
                    "    kind: other\n    trade: industrial_equipment\n"
                    "    description: 设备验收时对客户操作和维护人员进行免费培训。\ncommitments:\n")


@pytest.fixture(scope="module")
def b2b_delivered() -> dict[str, str]:
    return markdown_set(edited_profile(BUSINESSES, INSTALLED, NO_RETURN_DAYS, DELIVERED))


@pytest.fixture(scope="module")
def industrial_both() -> dict[str, str]:
    return markdown_set(edited_profile(BOTH, INDUSTRIAL, SERVES_INDUSTRIAL))


@pytest.fixture(scope="module")
def consumer_delivered() -> dict[str, str]:
    return markdown_set(edited_profile(INSTALLED, DELIVERED))


def _indicator(report: str, clause: str) -> str:
    """The 自评 table's row of `clause` ("5.2.2 技术支持": its number, ※ where unconfirmed, its title)."""
    number, title = clause.split(" ")
    found = re.search(rf"^\| {re.escape(number)}※? {title} \|.*$", report, re.M)
    assert found, clause
    return found[0]


def test_clause_texts_of_a_business_only_company_name_its_contract_law(b2b, consumer):
    for key in ("matrix", "crossref"):
        text = b2b[key]
        assert "三包" not in text and "消费者" not in text, key
        assert "识别适用的法律法规（民法典合同编、产品质量法及产品安全标准等）并确保员工知晓。" in text
        assert "在广告、宣传资料、质量保证书和购销合同中表述准确一致并传达到客户" in text
        assert "商品包装、说明书、合格证和质量保证书齐全" in text
        assert "质保承诺不低于购销合同约定和法定要求，备件供应有保障。" in text
        # a consumer company keeps the catalogue's own words
        kept = consumer[key]
        assert "识别适用的法律法规（三包规定、消费者权益保护法、产品质量法等）并确保员工知晓。" in kept
        assert "三包及保修承诺不低于法定要求，备件供应有保障。" in kept and "合格证和三包凭证齐全" in kept


def test_outlets_parts_and_promotion_checks_follow_the_contract(b2b, consumer):
    assert "收费标准和购销合同质保条款，考核合格后方可上岗" in b2b["proc-outlet"]
    assert "无法修复的，按购销合同质保条款和服务承诺与客户协商调换或折价处理。" in b2b["proc-parts"]
    assert "| 保修期与质保条款 | 与购销合同、质量保证书和《售后服务手册》载明的保修期一致 |" in b2b["form-promo-review"]
    for key in ("proc-outlet", "proc-parts", "form-promo-review"):
        assert "三包" not in b2b[key], key
    assert "收费标准和三包规定，考核合格后方可上岗" in consumer["proc-outlet"]
    assert "无法修复的，按三包规定和服务承诺与顾客协商调换或折价处理。" in consumer["proc-parts"]
    assert "| 保修期与三包 | 按三包凭证和《售后服务手册》载明的保修期，不低于国家三包规定 |" in consumer["form-promo-review"]


def test_agent_agreement_trains_the_contract_warranty():
    partner = ("    kind: 直营\n", "    kind: 授权\n")
    b2b = markdown_set(edited_profile(BUSINESSES, NO_RETURN_DAYS, partner))
    consumer = markdown_set(edited_profile(partner))
    assert "收费标准和购销合同质保条款，考核合格后方可上岗" in b2b["form-outlet-agreement"]
    assert "三包" not in b2b["form-outlet-agreement"]
    assert "收费标准和三包规定，考核合格后方可上岗" in consumer["form-outlet-agreement"]


def test_self_assessment_cites_the_equipment_records_and_the_contract_warranty(b2b_delivered):
    report = b2b_delivered["self-assessment"]
    support, repair, warranty = (_indicator(report, c) for c in ("5.2.2 技术支持", "5.2.4 维修", "5.2.5 质量保证"))
    assert "《设备安装调试验收报告》" in support and "设备安装调试验收报告、客户操作培训记录" in support
    assert "《设备档案》" in repair and "设备档案" in repair.split(" | ")[3]
    assert "《设备安装调试验收报告》<br>《设备档案》" in warranty
    assert ("本公司的客户均为单位客户，不适用国家三包规定：保修按购销合同的质保条款执行（整机保修期：青禾风冷冰箱1年，"
            "自安装验收合格之日起计算），依据《民法典》合同编和《产品质量法》") in warranty
    assert "三包期限执行" not in report and "三包责任适用" not in report
    # the delivery's record is the 配送单 the delivery procedure uses, not the visit form
    assert "上门服务确认单" not in b2b_delivered["proc-delivery"]
    assert _indicator(report, "5.2.3 配送").split(" | ")[3] == "配送单"
    # the records to accumulate
    for record in ("设备安装调试验收报告", "客户操作培训记录", "设备档案"):
        assert re.search(rf"^\| \d+ \| {record} \| ", report, re.M), record


def test_consumer_self_assessment_keeps_its_records(consumer_delivered):
    report = consumer_delivered["self-assessment"]
    assert _indicator(report, "5.2.3 配送").split(" | ")[3] == "配送单、上门服务确认单"
    assert "设备档案" not in report and "设备安装调试验收报告" not in report


def test_product_label_and_training_service_named_by_the_line(industrial_both):
    report = industrial_both["self-assessment"]
    assert "青禾风冷冰箱（数控机床）" in report and "工业设备" not in report
    profile = edited_profile(BUSINESSES, NO_RETURN_DAYS, INDUSTRIAL, SERVES_INDUSTRIAL, TRAINING_SERVICE)
    plan = markdown_set(profile)["training"]
    assert "数控机床客户操作及维护人员培训的内容和要求" in plan
    assert "工业设备" not in plan and "其他服务作业内容" not in plan


def test_repair_flow_speaks_of_the_customer(b2b_portable, consumer):
    text = b2b_portable["proc-repair"]
    flow = text.split("Table: 维修服务流程", 1)[1].split("\n\n", 1)[0]
    assert "顾客" not in flow and "| 1 | 叫修 | 客户 |" in flow
    assert "交付设备，客户签字确认" in _row(text, "交付")
    assert "受理客户报修" in text and "顾客" not in text.split("# 相关文件", 1)[0].replace("顾客档案", "")
    kept = consumer["proc-repair"]
    assert "| 1 | 叫修 | 顾客 |" in kept and "交付商品，顾客签字确认" in kept


def test_both_states_article_24_as_the_consumers_right(both, consumer):
    repair = both["proc-repair"]
    assert "除上述三包权利外，个人消费者（为生活消费需要购买）还依照《中华人民共和国消费者权益保护法》" in repair
    assert "适用于本公司销售的全部商品" not in repair
    assert "（适用于本公司销售的全部商品）" in consumer["proc-repair"]


def test_online_service_rule_asks_for_the_contract(b2b, consumer):
    b2b_conduct = markdown_set(edited_profile(BUSINESSES, NO_RETURN_DAYS, ONLINE_DIAGNOSIS))["conduct"]
    rule = next(line for line in b2b_conduct.splitlines() if line.startswith("2. 答复涉及"))
    assert rule.startswith("2. 答复涉及购销合同、维修进度或收费的问题前，先核实客户单位、联系人身份和合同信息；")
    assert "退换货" not in rule and "顾客" not in rule
    consumer_conduct = markdown_set(edited_profile(ONLINE_DIAGNOSIS))["conduct"]
    assert "2. 答复涉及订单、维修进度、退换货或收费的问题前，先核实顾客身份和订单信息；" in consumer_conduct


def test_production_stop_scenario_follows_the_goods(industrial_both):
    # industrial equipment stops a customer's production even where consumers buy too
    assert "# 客户生产因本公司设备故障停机停产" in industrial_both["emergency-plan"]


def test_the_customer_is_called_kehu_where_every_customer_is_a_business_but_a_trades_legal_term_stays():
    """facts.terms.client is what the procedures call the customer: 客户 for a business-only company,
    顾客 otherwise; special equipment keeps the law's 使用单位 whoever the customers are."""
    from pathlib import Path

    from minimal_variants import BUSINESSES, CATALOGUE
    from sskit.facts import derive_facts
    from sskit.profile import parse_profile_with_source

    assert derive_facts(edited_profile(BUSINESSES), CATALOGUE).terms.client == "客户"
    assert derive_facts(edited_profile(), CATALOGUE).terms.client == "顾客"
    elevator = (Path(__file__).resolve().parents[2] / "profiles" / "hengsheng-elevator.yaml").read_text(encoding="utf-8")
    assert "  business_type: service_provider\n" in elevator
    elevator = elevator.replace("  business_type: service_provider\n",
                                "  business_type: service_provider\n  customers: businesses\n", 1)
    terms = derive_facts(parse_profile_with_source(elevator, "e.yaml")[0], CATALOGUE).terms
    assert terms.client == "使用单位"
    complaint = markdown_set(edited_profile(BUSINESSES))["proc-complaint"]
    assert "记录客户、商品和投诉内容" in complaint
