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
    # consumers may still crowd; business customers' production may still stop
    assert "# 重大投诉或群体性投诉" in plan and "# 客户生产因本公司设备故障停机停产" in plan
