"""Returns and exchanges (退换货管理程序 and its register) for a seller that sells online or keeps
returns centres, and the documents of a seller whose goods the brands' networks repair (auditor a23
findings 3, 14, 15, 23). Profiles: the unit-test fixture with the lines each case needs changed."""
from __future__ import annotations

from pathlib import Path

import pytest

from sskit.documents import applicable_specs
from sskit.facts import derive_facts
from sskit.facts.returns import returns_centres, takes_returns
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile_with_source
from sskit.render import TemplateSet

from minimal_variants import BRAND, CATALOGUE, ONLINE, edited_profile, markdown_set


@pytest.fixture(scope="module")
def online() -> dict[str, str]:
    return markdown_set(edited_profile(ONLINE))


@pytest.fixture(scope="module")
def brand() -> dict[str, str]:
    return markdown_set(edited_profile(ONLINE, *BRAND))


def test_only_a_seller_at_a_distance_or_with_a_returns_centre_gets_the_procedure():
    keys = lambda p: {s.key for s in applicable_specs(p)}  # noqa: E731
    assert {"proc-returns", "form-returns-register"} <= keys(edited_profile(ONLINE))
    assert not {"proc-returns", "form-returns-register"} & keys(edited_profile())
    centre = edited_profile(("    name: 杭州西湖服务中心\n", "    name: 杭州退换货处理中心\n"))
    assert "proc-returns" in keys(centre)


def test_a_pure_service_company_never_gets_it():
    text = (Path(__file__).resolve().parents[2] / "profiles" / "hengsheng-elevator.yaml").read_text(encoding="utf-8")
    profile, _ = parse_profile_with_source(text.replace("  business_type: service_provider\n",
                                                        "  business_type: service_provider\n  sales_channels: [online]\n"),
                                           "e.yaml")
    assert not profile.products
    assert "proc-returns" not in {s.key for s in applicable_specs(profile)}


def test_the_procedure_states_the_law_the_refund_limit_and_the_intact_rule(online):
    text = online["proc-returns"]
    assert "《网络购买商品七日无理由退货暂行办法》（国家工商行政管理总局令第90号）" in text
    assert "第二十五条" in text and "自收到退回商品之日起7日内" in text
    assert "## 商品完好的判定" in text and "商品本身、配件、商标标识齐全" in text
    assert "退回商品的运费依法由顾客承担" in text and "运输等必要费用由本公司承担" in text
    assert "| 青禾风冷冰箱 | 7天 | 15天 |" in text
    assert "Table: 退换货办理流程" in text and "| 退换货登记表 | 客户服务部 | 3年 |" in text
    for word in ("XXX", "TODO", "待填写", "None"):
        assert word not in text


def test_the_register_is_a_form_listed_in_the_register_and_the_records_table(online):
    form = online["form-returns-register"]
    assert "| 序号 | 申请日期<br>订单号 | 顾客姓名<br>联系电话 |" in form and "无—七日无理由退货" in form
    assert "自收到退回商品之日起7日内到账" in form and form.count("\n| ") == 21  # the header and twenty rows
    assert "退换货管理程序" in online["index"] and "退换货登记表" in online["index"]
    assert "| 退换货登记表 | 客户服务部 | 3年 |" in online["proc-document"]


def test_brand_repaired_goods_are_described_as_referred_not_repaired(brand):
    manual = brand["manual"]
    repair = manual[manual.index("## 维修服务"):]
    repair = repair[:repair.index("售后服务的总体流程")]  # the prose, before the flow chart
    assert "本公司不设维修网点，不自行维修" in repair and "青禾授权服务中心（服务热线400-826-9999）" in repair
    assert "代为送修（代送）" in repair and "《退换货管理程序》" in repair
    assert "上门" not in repair
    assert "本公司不自行维修，不设维修备件库" in manual
    assert "| 青禾风冷冰箱 | 80" not in manual  # no labour rate for goods it does not repair
    assert "本公司不设维修备件库" in brand["proc-parts"] and "区域中转库" not in brand["proc-parts"]


def test_all_direct_outlets_claim_no_partner_agreement(online):
    manual = online["manual"]
    assert "现有服务网点均为直营网点" in manual and "非直营网点均与本公司签订服务合作协议" not in manual
    assert "非直营网点的合作协议编号和期限" not in manual
    assert "按合作协议和考核结果与网点结算服务费用" not in online["proc-outlet"]


def test_brand_repaired_goods_get_a_referral_outlet_and_parts_procedure(brand):
    outlet, parts = brand["proc-outlet"], brand["proc-parts"]
    assert "## 品牌授权服务网络" in outlet and "- 青禾风冷冰箱：青禾授权服务中心（服务热线400-826-9999）" in outlet
    assert "不是本公司的服务网点，本公司不与其签订服务合作协议" in outlet
    for absent in ("维修区和备件库", "上门服务车辆", "按承诺时限上门", "一次修复率"):
        assert absent not in outlet, absent
    assert "本公司不设维修备件库" in parts and "不自行报价，不代收备件费用" in parts
    for absent in ("区域中转库", "维修人员凭服务派工单申领备件", "旧件回收登记表"):
        assert absent not in parts, absent


def test_an_own_repairer_keeps_its_procedures(online):
    assert "## 品牌授权服务网络" not in online["proc-outlet"]
    assert "区域中转库" in online["proc-parts"] and "本公司不设维修备件库" not in online["proc-parts"]


def test_the_brand_repair_procedure_refers_forwards_and_follows_up(tmp_path):
    """CX-01 includes procedures/repair_brand.md.j2 for such a seller (the lead wires it into
    repair.md.j2); here an override does the including."""
    (tmp_path / "procedures").mkdir()
    (tmp_path / "procedures" / "repair.md.j2").write_text(
        '{% include "procedures/repair_brand.md.j2" %}\n', encoding="utf-8")
    profile = edited_profile(ONLINE, *BRAND)
    docs = render_document_set(profile, CATALOGUE, TemplateSet(overrides=(tmp_path,)), formats=(),
                               facts=derive_facts(profile, CATALOGUE))
    text = next(d.markdown for d in docs if d.spec.key == "proc-repair")
    assert "本公司不设维修网点，不自行维修" in text and "| 4 | 顾客是否自行送修？ |" in text
    assert "- 青禾风冷冰箱：青禾授权服务中心（服务热线400-826-9999）；" in text
    assert "按《退换货管理程序》办理" in text and "| 退换货登记表 | 客户服务部 | 3年 |" in text.split("# 相关记录")[1]
    for absent in ("上门", "派工", "维修记录卡", "备件"):
        assert absent not in text, absent


def test_goods_made_to_order_are_not_promised_a_no_reason_return():
    """消法 Art. 25: goods the customer had made are excluded by law. A company whose goods are all
    excluded and which keeps no returns outlet gets no returns procedure of a courier retailer: its
    三包 returns stay in CX-01, which then cites no 《退换货管理程序》 (auditor a24 finding 1)."""
    made = ("    category: refrigerator\n", "    category: refrigerator\n    return_exclusion: made_to_order\n")
    profile = edited_profile(ONLINE, made)
    facts = derive_facts(profile, CATALOGUE)
    assert facts.no_reason_return.every
    assert not takes_returns(profile)
    docs = markdown_set(profile)
    assert "proc-returns" not in docs and "form-returns-register" not in docs
    repair = docs["proc-repair"]
    assert facts.no_reason_return.sentence in repair
    assert "顾客以质量问题要求退货、更换的，按本程序的三包规定处理，记入叫修登记表。" in repair
    assert "退换货管理程序" not in repair and "退换货登记表" not in repair
    # the manual states the same exclusion
    assert facts.no_reason_return.sentence in docs["manual"]


def test_a_returns_outlet_keeps_the_procedure_when_every_line_is_made_to_order():
    made = ("    category: refrigerator\n", "    category: refrigerator\n    return_exclusion: made_to_order\n")
    outlet = edited_profile(ONLINE, made)
    name = outlet.outlets[0].name
    kept = outlet.model_copy(update={"outlets": [outlet.outlets[0].model_copy(update={"service_area": "退换货商品"})]})
    assert takes_returns(kept) and returns_centres(kept) == (name,)
    returns = markdown_set(kept)["proc-returns"]
    assert "依法保障顾客三包退换货的权利" in returns
    assert "的退货和换货：商品出现性能故障时依照三包规定的退货、换货。" in returns
    # no no-reason return: no 商品完好 test at all
    assert "商品完好的判定" not in returns and "| 5 | 故障是否属实？ |" in returns


def test_a_maker_analyses_returned_goods_itself():
    """A maker has no 供货者: what comes back is analysed and fed back to its own departments, and a
    三包 return is judged on the fault, never on 商品完好 (auditor a24 finding 1)."""
    returns = markdown_set(edited_profile(ONLINE))["proc-returns"]
    for word in ("供货者", "生产者"):
        assert word not in returns, word
    assert "分析三包退换商品的性能故障，反馈技术部改进" in returns
    assert "结论反馈技术部改进设计和制造" in returns
    step5 = next(line for line in returns.splitlines() if line.startswith("| 5 |"))
    assert "七日无理由退回的商品完好，或三包退换的故障属实→第6步" in step5
    assert "三包退换的商品以故障是否属实判定，不以商品完好为条件" in returns
    assert "商品自售出之日起" not in returns
    assert "包退期、包换期与三包有效期同日起算，自开具发票之日起计算。" in returns


def test_installed_goods_are_verified_at_the_customers_site():
    fitted = ("    category: refrigerator\n", "    category: refrigerator\n    installation_required: true\n")
    returns = markdown_set(edited_profile(ONLINE, fitted))["proc-returns"]
    step3 = next(line for line in returns.splitlines() if line.startswith("| 3 |"))
    assert "| 3 | 上门核实 |" in step3 and "三包退换的在顾客在场时核实性能故障，拍照记录，确认后拆除商品并取回" in step3
    assert "七日无理由退货的当面核对商品状况后拆除取回" in step3
    assert "需要安装的商品出现性能故障要求退换的，上门核实故障" in returns


def test_a_brand_repaired_seller_promises_and_staffs_what_it_does_itself(brand, online):
    """The commitment names the brand's network instead of repair staff and parts delivery, no
    technician, dispatcher or parts clerk post is described, and no on-site conduct is set."""
    pledge = brand["pledge"]
    assert ("| 品牌授权维修 | 保修期内外的维修由生产者的授权服务中心承担：青禾风冷冰箱由青禾授权服务中心（服务热线400-826-9999）维修。"
            "本公司受理报修") in pledge
    assert "持证上岗" not in pledge and "送达服务网点" not in pledge
    assert "上门时限适用于" not in pledge
    assert "由品牌授权服务网点免费修理" in pledge
    jobs = brand["job-descriptions"]
    for title in ("# 维修技术员", "# 调度员", "# 备件管理员"):
        assert title not in jobs and title in online["job-descriptions"]
    assert "# 上门服务规范" not in brand["conduct"] and "# 上门服务规范" in online["conduct"]


def test_the_brand_repaired_flow_chart_refers_and_follows_up():
    from sskit.view.charts import service_flow_chart

    profile = edited_profile(ONLINE, *BRAND)
    facts = derive_facts(profile, CATALOGUE)
    # an online seller takes goods back (CX-18): its chart asks that first (a24-17)
    assert [n["text"] for n in service_flow_chart(facts, returns=True)["nodes"]][2] == "退货或换货？"
    chart = service_flow_chart(facts, returns=False)
    texts = [n["text"] for n in chart["nodes"]]
    assert "需要上门服务？" not in texts and "上门检测" not in texts
    assert texts[:5] == ["咨询/报修", "受理登记", "需要维修？", "核实三包、引导送修或代为寄送", "授权服务网点维修"]
    assert "品牌授权服务网点" in chart["lanes"]
    edges = {(e["source"], e["target"]) for e in chart["edges"]}
    assert ("sign", "callback") in edges and not any("decline" in pair for pair in edges)
