"""What the auditor read in the four example sets: the statutory wording, the parts commitment a
dealer states, the pledge's warranty periods, and text free of broken joins and repeats."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sskit.compliance import run_checks
from sskit.facts import derive_facts
from sskit.markup.ir import Span, Table
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile_with_source
from sskit.render import TemplateSet
from sskit.standard import load_catalogue
from sskit.standard.statutory import load_statutory

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = load_catalogue()
EXAMPLES = sorted((ROOT / "profiles").glob("*.yaml"))


def _build(text: str, name: str = "p.yaml"):
    profile, source = parse_profile_with_source(text, name)
    facts = derive_facts(profile, CATALOGUE)
    docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=(), facts=facts)
    checks = run_checks(profile, source, CATALOGUE, load_statutory())
    return facts, {d.spec.key: d for d in docs}, checks


@pytest.fixture(scope="module")
def sets() -> dict:
    return {p.stem: _build(p.read_text(encoding="utf-8"), str(p)) for p in EXAMPLES}


def _tables(doc, caption: str) -> list[list[str]]:
    """Every table of the document with that caption, header row first, as plain cell texts."""
    return [[["".join(i.text for i in cell if isinstance(i, Span)) for cell in row]
             for row in (b.header, *b.rows)]
            for b in doc.blocks if isinstance(b, Table) and b.caption == caption]


# ---------------------------------------------------------------- parts after production ends

DEALER_PROMISE = "所售商品停产后继续保障维修备件供应不少于10年"
MAKERS_RULE = "停产商品的维修备件按生产企业的停产后备件供应规定订购和保障"


def test_a_dealer_that_states_the_years_commits_to_them_everywhere(sets):
    facts, docs, checks = sets["chengyun-auto"]
    assert facts.traits.dealer and facts.parts_years == 10
    for key in ("manual", "pledge", "proc-parts"):
        text = docs[key].markdown
        assert DEALER_PROMISE in text, key
        assert MAKERS_RULE not in text, key
    assert "| 备件供应 | " + DEALER_PROMISE + " |" in docs["pledge"].markdown
    parts = docs["proc-parts"].markdown
    assert "| 停产后保障 | 配件管理部 |" in parts and "| 停产后不少于10年 |" in parts
    assert "停产后的备件供应由生产企业负责" not in parts
    assert "生产企业停止供应备件的，本公司仍按承诺的年限保障供应" in parts
    assert "停产后10年备件保障要求" in docs["training"].markdown
    assert [f.rule for f in checks.findings if f.rule == "SS307"] == []
    assert "不能承诺停产后的备件供应年限" not in docs["self-assessment"].markdown


def test_a_dealer_without_the_years_keeps_the_makers_rule_and_is_warned():
    text = (ROOT / "profiles" / "chengyun-auto.yaml").read_text(encoding="utf-8")
    assert "  parts_retention_years: 10\n" in text
    facts, docs, checks = _build(text.replace("  parts_retention_years: 10\n", ""))
    assert facts.parts_years is None
    assert MAKERS_RULE in docs["manual"].markdown and MAKERS_RULE in docs["pledge"].markdown
    assert "停产后的备件供应由生产企业负责" in docs["proc-parts"].markdown
    assert "| 按生产企业规定 |" in docs["proc-parts"].markdown
    [finding] = [f for f in checks.findings if f.rule == "SS307"]
    assert "没有承诺停产后的备件供应年限" in finding.message


# ---------------------------------------------------------------- special equipment: hazards

def test_a_serious_hazard_is_reported_to_the_authority_without_condition(sets):
    _, docs, _ = sets["hengsheng-elevator"]
    maintenance = docs["proc-maintenance"].markdown
    assert "3. 发现事故隐患的，及时书面告知使用单位隐患情况和整改建议，并跟踪整改" in maintenance
    assert ("4. 发现严重事故隐患的，在书面告知使用单位的同时，由维保工程部及时向当地特种设备安全监督管理部门报告"
            in maintenance)
    assert "严重事故隐患同时报告当地特种设备安全监督管理部门" in maintenance  # the flow table's step
    assert "发现严重事故隐患的，在书面告知顾客的同时及时向当地特种设备安全监督管理部门报告" in docs["manual"].markdown
    assert "严重事故隐患同时立即报告本公司，由本公司及时向当地特种设备安全监督管理部门报告" in docs["conduct"].markdown
    for key, doc in docs.items():
        assert "未及时处理的，向当地特种设备" not in doc.markdown, key


def test_goods_sets_name_no_special_equipment_authority(sets):
    for name in ("huaxia-appliance", "qingquan-water", "chengyun-auto"):
        _, docs, _ = sets[name]
        for key in ("manual", "conduct"):
            assert "特种设备安全监督管理部门" not in docs[key].markdown, (name, key)


# ---------------------------------------------------------------- the manual's 三包 rights

GOODS_RULE = "《部分商品修理更换退货责任规定》（国经贸〔1995〕458号）"


def test_goods_outside_the_catalogue_come_under_the_rule_by_reference(sets):
    manual = sets["qingquan-water"][1]["manual"].markdown
    assert ("清泉蓝湾中央软水机不在国家三包规定的商品目录内，本公司参照" + GOODS_RULE + "自愿实行三包，并在三包凭证中载明，"
            "顾客享有以下权利：") in manual
    assert "和三包凭证履行三包责任" not in manual
    assert "除上述三包权利外，顾客还依照《中华人民共和国消费者权益保护法》第二十四条" in manual

    manual = sets["huaxia-appliance"][1]["manual"].markdown
    assert ("澄远恒温燃气热水器按" + GOODS_RULE + "和三包凭证履行三包责任；澄远嵌入式燃气灶不在国家三包规定的商品目录内，"
            "本公司参照该规定自愿实行三包") in manual
    # Art. 24 of the consumer law is every buyer's right, not only of the goods outside the catalogue;
    # Art. 23 para 3 with it, the maker selling durable goods (refrigerators, air conditioners…)
    assert "除上述三包权利外，顾客还依照《中华人民共和国消费者权益保护法》第二十三条、第二十四条" in manual
    assert "的顾客还依照" not in manual
    assert "燃气灶按" + GOODS_RULE not in manual


@pytest.mark.parametrize("name", ["huaxia-appliance", "qingquan-water"])
def test_the_manual_states_the_exchange_and_refund_rights_in_full(sets, name):
    manual = sets[name][1]["manual"].markdown
    for right in ("三包有效期内修理2次后仍不能正常使用的，消费者凭修理记录可以选择免费调换同型号同规格的商品或者退货",
                  "符合换货条件而无同型号同规格商品的，消费者可以选择调换其他型号、规格的商品；不愿调换而要求退货的，予以退货，"
                  "不收取折旧费",
                  "修复后的商品应保证正常使用不少于30日",
                  "换货时，不以残次、不合格或者修理过的商品调换"):
        assert right in manual, right


# ---------------------------------------------------------------- the pledge's warranty periods

@pytest.mark.parametrize("name, caption", [("huaxia-appliance", "各产品线保修期限"),
                                           ("qingquan-water", "各产品线保修期限"),
                                           ("chengyun-auto", "家用汽车产品包修期和三包有效期")])
def test_the_pledge_lists_the_manuals_warranty_periods(sets, name, caption):
    facts, docs, _ = sets[name]
    [pledge] = _tables(docs["pledge"], caption)
    [manual] = _tables(docs["manual"], caption)
    columns = [manual[0].index(head) for head in pledge[0]]  # every pledge column is a manual column
    assert [[row[i] for i in columns] for row in manual] == pledge
    assert len(pledge) - 1 == len(facts.traits.car_ids if caption.startswith("家用汽车") else facts.traits.goods_ids)
    assert {"整机保修期", "主要部件保修期"} <= set(pledge[0]) or {"包修期", "三包有效期"} <= set(pledge[0])
    assert "## 附表　保修期限" in docs["pledge"].markdown and "本承诺（含附表）不低于" in docs["pledge"].markdown


def test_a_service_company_pledge_has_no_warranty_table(sets):
    pledge = sets["hengsheng-elevator"][1]["pledge"].markdown
    assert "附表" not in pledge and "<!-- pagebreak -->" not in pledge


# ---------------------------------------------------------------- joins, typos, repeats

BROKEN_JOINS = ("。；", "；。", "。。", "，。", "，，", "、。", "。，", "；；")
DOUBLED = re.compile(r"([\u4e00-\u9fff]{2,4})\1")


def _paragraphs(markdown: str) -> list[str]:
    """Body paragraphs and list items; not tables, headings, fenced drawings or right-aligned
    signature lines (a document of several letters signs each one)."""
    out, right, fenced = [], False, False
    for line in markdown.splitlines():
        line = line.strip()
        if line.startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            continue
        if line == "<!-- align: right -->":
            right = True
            continue
        if line and not right and not line.startswith(("|", "#", "<!--", "Table:", "![")):
            out.append(line)
        right = right and not line
    return out


def _repeats(markdown: str) -> list[str]:
    """Paragraphs printed twice, and whole sentences (…。) of some length printed in two
    paragraphs: the same arrangement written out in two lists says it twice too."""
    out, paragraphs, sentences = [], set(), {}
    for n, para in enumerate(_paragraphs(markdown)):
        para = re.sub(r"^(-|\d+\.)\s+", "", para)
        if para in paragraphs and len(para) >= 10:
            out.append(para)
        paragraphs.add(para)
        for sentence in re.split(r"(?<=。)", para):
            if len(sentence) >= 25 and sentences.setdefault(sentence, n) != n:
                out.append(sentence)
    return out


def test_no_broken_joins_doubled_words_or_repeated_paragraphs(sets):
    problems = []
    for name, (_, docs, _) in sets.items():
        for key, doc in docs.items():
            text = doc.markdown
            problems += [f"{name}/{key}: {text[max(0, i - 20):i + 2]!r}"
                         for join in BROKEN_JOINS for i in [m.start() for m in re.finditer(join, text)]]
            problems += [f"{name}/{key}: doubled {m.group(0)!r}" for m in DOUBLED.finditer(text)]
            problems += [f"{name}/{key}: repeated {r[:40]!r}" for r in _repeats(text)]
    assert problems == []


def test_the_scan_finds_what_it_looks_for():
    doc = "甲。；乙\n\n服务服务项目\n\n同一段落重复出现了两次。\n\n同一段落重复出现了两次。\n"
    assert [j for j in BROKEN_JOINS if j in doc] == ["。；"]
    assert DOUBLED.search(doc).group(0) == "服务服务"
    assert _repeats(doc) == ["同一段落重复出现了两次。"]
    # the remote-area arrangement of the 服务网点管理程序 once in each of two lists
    twice = ("- 湖南省（尚未设立网点）：城区48小时内上门。暂未设立固定网点，由武汉服务中心负责技术支持和备件调配。；\n\n"
             "- 湖南省：城区48小时内上门。暂未设立固定网点，由武汉服务中心负责技术支持和备件调配。\n")
    assert _repeats(twice) == ["暂未设立固定网点，由武汉服务中心负责技术支持和备件调配。"]
    assert _paragraphs("<!-- align: right -->\n某公司（盖章）\n") == []
    assert _paragraphs("```flow\n\"a\": 1,\n\"a\": 1,\n```\n正文。") == ["正文。"]


def test_periods_of_goods_outside_the_catalogue_are_not_called_a_statutory_minimum(sets):
    """A company whose goods are all outside the 1995 catalogue promises its own periods; one with
    some outside says which; the manual, the commitment row and the pledge say it alike."""
    expected = {"qingquan-water": "为本公司参照国家三包规定自愿承诺的期限",
                "huaxia-appliance": "不低于国家三包规定（澄远嵌入式燃气灶不在目录内，参照执行）",
                "chengyun-auto": "不低于国家三包规定"}
    for name, phrase in expected.items():
        docs = sets[name][1]
        manual, pledge = docs["manual"].markdown, docs["pledge"].markdown
        assert f"各产品线的保修期限如下，{phrase}：" in manual, name
        assert f"表列期限{phrase}；" in pledge, name
        assert f"载明，{phrase} |" in pledge and f"载明，{phrase} |" in manual, name
    assert "不低于国家三包规定" not in sets["qingquan-water"][1]["pledge"].markdown
