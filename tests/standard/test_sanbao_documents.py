"""Each product line is handled under the 三包 rule of its own catalogue in every document (a phone
under the 2001 phone rule, goods outside every catalogue under the 1995 rule by the company's choice),
and a maker that sells through dealers states the dealer's duty as seller and its own part."""
from __future__ import annotations

from pathlib import Path

import pytest

from sskit.facts import derive_facts
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile_with_source
from sskit.render import TemplateSet
from sskit.standard import load_catalogue

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
CATALOGUE = load_catalogue()
PHONE_RULE = ("《移动电话机商品修理更换退货责任规定》"
              "（国家质量监督检验检疫总局、国家工商行政管理总局、信息产业部令第4号）")
GENERAL_RULE = "《部分商品修理更换退货责任规定》（国经贸〔1995〕458号）"
DEALER_DUTY = "经销商作为销售者依法对顾客负责修理、更换、退货"


def _build(text: str):
    profile, _ = parse_profile_with_source(text, "p.yaml")
    facts = derive_facts(profile, CATALOGUE)
    docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=(), facts=facts)
    return facts, {d.spec.key: d.markdown for d in docs}


@pytest.fixture(scope="module")
def phone_maker():
    return _build((HERE / "profiles" / "phone-maker.yaml").read_text(encoding="utf-8"))


def test_the_phone_is_under_the_phone_rule_and_the_radio_follows_the_1995_rule_by_choice(phone_maker):
    facts, _ = phone_maker
    sanbao = {r.key: (r.goods, r.voluntary) for r in facts.rights if r.sanbao}
    assert sanbao == {"mobile_phone": (("锐固三防手机",), ()), "goods": ((), ("锐固专业数字对讲机",))}
    assert facts.sanbao_laws == ("《移动电话机商品修理更换退货责任规定》", "《部分商品修理更换退货责任规定》")


@pytest.mark.parametrize("key, phone, radio", [
    ("manual", "锐固三防手机按" + PHONE_RULE + "和三包凭证履行三包责任，顾客享有以下权利：",
     "锐固专业数字对讲机不在国家三包规定的商品目录内，本公司参照" + GENERAL_RULE + "自愿实行三包"),
    ("proc-repair", "锐固三防手机按" + PHONE_RULE + "和三包凭证处理：",
     "锐固专业数字对讲机不在国家三包规定的商品目录内，本公司自愿参照" + GENERAL_RULE + "和三包凭证处理："),
], ids=["manual", "CX-01"])
def test_the_manual_and_the_repair_procedure_name_each_products_own_rule(phone_maker, key, phone, radio):
    text = phone_maker[1][key]
    assert phone in text and radio in text
    assert "锐固三防手机按" + GENERAL_RULE not in text and "锐固三防手机、锐固专业数字对讲机按" not in text
    assert "自售出之日起第8日至第15日内，主机出现所列性能故障的" in text  # the phone rule's own rights


def test_the_register_lists_the_phone_rule_and_the_rule_followed_by_choice(phone_maker):
    register = phone_maker[1]["law-list"]
    assert "| 《移动电话机商品修理更换退货责任规定》※ | 部门规章 |" in register
    assert "国家质量监督检验检疫总局、国家工商行政管理总局、信息产业部令第4号 | 2001-09-17<br>2001-11-15 |" in register
    assert "《部分商品修理更换退货责任规定》" in register
    assert "固定电话机" not in register and "国质检质联" not in register


def test_the_repair_procedure_lists_the_rules_it_applies_among_its_documents(phone_maker):
    repair = phone_maker[1]["proc-repair"]
    related = repair[repair.index("# 相关文件"):repair.index("# 相关记录")]
    assert "- 《移动电话机商品修理更换退货责任规定》\n" in related  # not only the 1995 rule
    assert "- 《部分商品修理更换退货责任规定》\n" in related  # the radio follows it by choice


def test_a_maker_selling_through_dealers_states_the_dealers_duty_and_its_own_part(phone_maker):
    _, docs = phone_maker
    for key in ("manual", "proc-repair"):
        assert DEALER_DUTY in docs[key] and "有权向本公司追偿；本公司按与经销商的约定结算" in docs[key], key


def test_without_dealers_no_dealer_paragraph(phone_maker):
    text = (HERE / "profiles" / "phone-maker.yaml").read_text(encoding="utf-8")
    assert "sales_channels: [online, dealer]" in text
    facts, docs = _build(text.replace("sales_channels: [online, dealer]", "sales_channels: [online]"))
    assert facts.rights_of("dealer_channel") is None
    assert DEALER_DUTY not in docs["manual"] and DEALER_DUTY not in docs["proc-repair"]


def test_a_distributor_answers_as_seller_itself_and_gets_no_dealer_paragraph():
    facts, docs = _build((ROOT / "profiles" / "chengyun-auto.yaml").read_text(encoding="utf-8"))
    assert facts.traits.dealer and facts.rights_of("dealer_channel") is None
    assert DEALER_DUTY not in docs["manual"]


def test_goods_that_hold_personal_data_get_data_protection_in_the_repair_procedure(phone_maker):
    repair = phone_maker[1]["proc-repair"]
    section = repair[repair.index("## 顾客数据保护"):].split("\n## ")[0]
    assert "不得查看、复制、删除或向他人提供其中的数据" in section
    assert "取得其书面同意后实施" in section and "《中华人民共和国个人信息保护法》" in section
    assert "《中华人民共和国个人信息保护法》" in phone_maker[1]["law-list"]


def test_goods_without_personal_data_get_no_data_protection_section():
    from sskit.facts import derive_facts
    from sskit.profile import read_profile
    from sskit.standard import load_catalogue

    for name in ("huaxia-appliance", "qingquan-water", "hengsheng-elevator"):
        profile = read_profile(Path(__file__).resolve().parents[2] / "profiles" / f"{name}.yaml")
        assert not derive_facts(profile, load_catalogue()).traits.user_data, name
