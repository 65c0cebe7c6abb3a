"""服务行为规范 has rules for the online channels a company receives requests through (the
online retailer's main channel had none), and none for a company that has no online channel."""
from __future__ import annotations

import re
from pathlib import Path

from sskit.facts import derive_facts
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile_with_source
from sskit.render import TemplateSet
from sskit.standard import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = load_catalogue()


def _conduct(text: str) -> str:
    profile, _ = parse_profile_with_source(text, "p.yaml")
    [doc] = render_document_set(profile, CATALOGUE, TemplateSet(), formats=(),
                                facts=derive_facts(profile, CATALOGUE), only={"conduct"})
    return doc.markdown


def test_online_channels_get_their_own_conduct_rules():
    text = (ROOT / "profiles" / "huaxia-appliance.yaml").read_text(encoding="utf-8")
    markdown = _conduct(text)
    section = markdown.split("# 在线服务规范", 1)[1].split("\n# ", 1)[0]
    assert "官方网站在线客服、微信公众号“澄远服务”、澄远智家App、电商平台官方旗舰店客服受理的咨询" in section
    assert "不要求顾客删除或修改评价" in section
    assert "受理报修后2小时内与顾客联系" in section  # the response limit the commitment states
    assert not re.search(r"\d+\s*(秒|分钟|小时|个?工作日)内回复", section)  # no invented reply time


def test_no_online_channel_no_online_rules():
    text = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    assert "online_channels" not in text
    assert "在线服务规范" not in _conduct(text)
