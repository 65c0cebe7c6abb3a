"""A seller met only at a distance whose brands repair its goods: its outlets are back-office
centres, so its one mail-in arrangement serves the whole country (a24-4), the 寄修中心 is named
and the repair promise has one clock (a24-5), and the commitments are published where it meets
its customers (a24-15)."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))
from minimal_variants import BRAND, CATALOGUE, ONLINE, TEXT, edited_profile, markdown_set  # noqa: E402

from sskit.compliance import run_checks  # noqa: E402
from sskit.profile import parse_profile_with_source  # noqa: E402
from sskit.standard.statutory import load_statutory  # noqa: E402

from sskit.facts import derive_facts  # noqa: E402
from sskit.facts.remote import back_office  # noqa: E402

ARRANGEMENT = "本地区不设服务网点。由快递上门取件寄回退换货处理中心，寄修中心收到商品后5日内修复并寄回，往返运费由本公司承担"
# two provinces, one outlet (a returns centre in a warehouse), one mail-in arrangement for the other
CENTRE = (
    ("  sales_regions: [浙江省]\n", "  sales_regions: [浙江省, 江苏省]\n  website: www.qinghe.com.cn\n"),
    ("    name: 杭州西湖服务中心\n", "    name: 杭州仓退换货处理中心\n"),
    ("    publicity: [各服务网点服务大厅]\n",
     "    publicity: [天猫店铺“售后政策”页面]\n  remote_service:\n"
     f"    - provinces: [江苏省]\n      arrangement: {ARRANGEMENT}\n"),
)
SELLER = (ONLINE,)
STORE = (("  sales_regions: [浙江省]\n", "  sales_regions: [浙江省]\n  sales_channels: [online, store]\n"),)


def _profile(channels=SELLER, brand=BRAND):
    # the channel edit and CENTRE's first edit touch the same line: channels first
    return edited_profile(*channels, *brand, *CENTRE)


@pytest.fixture(scope="module")
def seller():
    profile = _profile()
    return profile, derive_facts(profile, CATALOGUE), markdown_set(profile)


def test_one_arrangement_serves_the_whole_country(seller):
    _, facts, _ = seller
    remote = facts.remote
    assert remote.nationwide
    assert len(remote.groups) == 1
    group = remote.groups[0]
    assert group.named == "全国"
    assert group.provinces == remote.provinces == ("江苏省",)  # the entry's provinces, for the checks
    assert "不设服务网点" not in group.arrangement
    assert group.arrangement.startswith("由快递上门取件")


def test_the_mail_in_centre_is_named_and_the_repair_has_one_clock(seller):
    _, facts, _ = seller
    assert facts.remote.centre_term == "杭州仓退换货处理中心"
    group = facts.remote.groups[0]
    assert "寄修中心" not in group.arrangement
    assert group.turnaround == "杭州仓退换货处理中心收到商品后5日内修复并寄回"
    assert facts.limits.repair == "代为寄修的商品自杭州仓退换货处理中心收到之日起5日内修复并寄回"


def test_the_commitments_are_published_on_the_website_and_the_named_pages(seller):
    _, facts, _ = seller
    assert facts.publicity_places == "官方网站、天猫店铺“售后政策”页面"


def test_pledge_and_manual_state_the_one_arrangement(seller):
    _, _, md = seller
    pledge, manual = md["pledge"], md["manual"]
    for text in (pledge, manual):
        assert "寄修中心" not in text
        assert "自受理报修之日起" not in text
        assert "销售合同" not in text and "各服务网点公示" not in text
        assert "在官方网站、天猫店铺“售后政策”页面公示" in text
        assert "不设接待顾客的服务网点" in text
    assert "江苏省" not in pledge.split("附表")[0]  # no province list in the body
    assert "全国各地提供寄修服务：由快递上门取件" in pledge
    assert "本公司不设接待顾客的服务网点，寄回的商品由杭州仓退换货处理中心接收" in pledge
    assert "全国顾客均按以下寄修安排服务：由快递上门取件" in manual
    assert "在尚未设立服务网点的" not in manual
    assert "在1个省级行政区设有1个接收寄回商品的处理中心，不设接待顾客的服务网点。" in manual


def test_a_seller_with_a_store_keeps_its_outlets_and_province_arrangement():
    profile = _profile(STORE)
    assert not back_office(profile)
    facts = derive_facts(profile, CATALOGUE)
    assert not facts.remote.nationwide
    assert [g.named for g in facts.remote.groups] == ["江苏省"]
    assert facts.limits.repair == "一般故障自受理报修之日起3天内修复"
    assert facts.publicity_places == "官方网站、产品说明书、三包凭证和各服务网点"
    pledge = markdown_set(profile)["pledge"]
    assert "江苏省提供寄修服务：本地区不设服务网点" in pledge
    assert "全国各地" not in pledge


def test_a_seller_that_repairs_a_line_itself_has_customer_facing_outlets():
    assert back_office(_profile())
    assert not back_office(_profile(brand=()))  # the company repairs its line itself



def test_the_checks_still_locate_the_arrangement_at_its_entry():
    """The nationwide group keeps its entry's provinces: SS704 finds the entry although 浙江省, the
    centre's province, comes first in sales_regions and is in no entry; SS410 counts only 江苏省."""
    no_freight = ARRANGEMENT.replace("，往返运费由本公司承担", "")
    text = TEXT
    for old, new in (*SELLER, *BRAND, *CENTRE):
        text = text.replace(old, new.replace(ARRANGEMENT, no_freight), 1)
    profile, source = parse_profile_with_source(text, "p.yaml")
    assert derive_facts(profile, CATALOGUE).remote.nationwide
    found = [(d.rule, d.message) for d in run_checks(profile, source, CATALOGUE, load_statutory()).findings]
    assert any(rule == "SS704" and message.startswith("全国只提供寄修") and "运费" in message
               for rule, message in found), found
    assert any(rule == "SS410" and message.startswith("江苏省不设服务网点") for rule, message in found), found


def test_several_returns_centres_are_the_company_s_centre_the_goods_go_to():
    second = ("    categories: [refrigerator]\n",
              "    categories: [refrigerator]\n  - id: nb01\n    name: 宁波仓退换货处理中心\n    kind: 直营\n"
              "    province: 浙江省\n    city: 宁波市\n    address: 宁波市鄞州区物流路1号\n    phone: 0574-88886666\n"
              "    hours: \"08:30-17:30\"\n    manager: 孙浩\n    technicians: 1\n    categories: [refrigerator]\n")
    facts = derive_facts(edited_profile(*SELLER, *BRAND, *CENTRE, second), CATALOGUE)
    assert facts.remote.centre_term == "本公司退换货处理中心"
    assert facts.remote.groups[0].turnaround == "本公司退换货处理中心收到商品后5日内修复并寄回"
