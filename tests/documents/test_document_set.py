"""Golden structure tests of the generated document set on the example profiles."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sskit.build import render_document_set
from sskit.documents import document_specs
from sskit.facts import rules
from sskit.profile import parse_profile, read_profile
from sskit.render import TemplateSet
from sskit.standard import load_catalogue
from sskit.view.common import months_text, period_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "profiles").glob("*.yaml"))
PLACEHOLDERS = re.compile(r"XXX|TODO|待填写|待定|某某|lorem|\bNone\b|\{\{|\}\}|\{%|\{-\}|\{id=")


def _render(profile, catalogue=None):
    docs = render_document_set(profile, catalogue or load_catalogue(), TemplateSet(), ("md",))
    return {d.spec.key: d for d in docs}


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda p: p.stem)
def example(request):
    profile = read_profile(request.param)
    return profile, _render(profile)


def _plain(markdown: str) -> str:
    """Markdown with the escaping backslashes removed, for text searches."""
    return re.sub(r"\\(.)", r"\1", markdown)


def test_every_applicable_document_is_built(example):
    profile, docs = example
    expected = {s.key for s in document_specs() if s.applies(profile)}
    assert expected == set(docs)


def _block_text(blocks) -> str:
    """All the text a reader sees, from the parsed blocks."""
    out = []
    for block in blocks:
        for span in getattr(block, "inlines", ()):
            out.append(getattr(span, "text", "\n"))
        for row in (getattr(block, "header", ()) or ()), *(getattr(block, "rows", ()) or ()):
            for cell in row:
                out.extend(getattr(span, "text", "\n") for span in cell)
            out.append("\n")
        for item in getattr(block, "items", ()):
            out.append(_block_text(item))
        out.append("\n")
    return "".join(out)


def test_no_placeholders_or_template_debris(example):
    _, docs = example
    for key, doc in docs.items():
        text = _block_text(doc.blocks)
        found = PLACEHOLDERS.search(text) or re.search(r"<!--|\\[*|{}<]", text)
        assert not found, f"{key}: {found.group(0)!r} near {text[max(0, found.start() - 40):found.end() + 40]!r}"


def test_every_clause_in_matrix_and_crossref(example):
    profile, docs = example
    catalogue = load_catalogue()
    matrix, crossref = _plain(docs["matrix"].markdown), _plain(docs["crossref"].markdown)
    for clause in catalogue.clauses:
        # a number that is not confirmed carries ※ (and the documents say what it means)
        shown = catalogue.shown(clause)
        # a clause the company declares not applicable carries its reason after the title
        row = re.compile(rf"^\| {re.escape(shown)} \| {re.escape(clause.title)}(（不适用：[^|]*）)? \|", re.M)
        assert row.search(matrix), clause.label
        assert row.search(crossref), clause.label


def test_every_department_is_a_matrix_column_and_has_a_duty_section(example):
    profile, docs = example
    matrix = _plain(docs["matrix"].markdown)
    # a wide matrix is split into tables that each repeat the clause columns: read them in order
    headers = [line for line in matrix.splitlines() if line.startswith("| 条款 | 指标 |")]
    columns = [c.strip() for header in headers for c in header.strip().strip("|").split("|")[2:]]
    assert columns == [d.name for d in profile.departments]  # the examples group no departments
    assert len(headers) == -(-len(columns) // rules.MATRIX_COLUMNS_PER_TABLE)
    for dept in profile.departments:
        assert f"\n## {dept.name}\n" in matrix


def test_every_outlet_is_listed_with_address_and_phone(example):
    """The directory lives in the 服务网点清单; the manual summarises and refers to it."""
    profile, docs = example
    listing = _plain(docs["outlet-list"].markdown)
    manual = _plain(docs["manual"].markdown)
    for outlet in profile.outlets:
        assert f"| {outlet.name} | {outlet.kind} | {outlet.address} | {outlet.phone} |" in listing
        assert outlet.address not in manual
    assert "见《服务网点清单》" in manual


def test_every_products_warranty_numbers_are_in_the_manual(example):
    profile, docs = example
    manual = _plain(docs["manual"].markdown)
    for product in profile.products:
        w = product.warranty
        # the warranty table comes after the product list of 总则 and before the 3-column labour rates
        row = [line for line in manual.splitlines()
               if line.startswith(f"| {product.name} |") and line.count("|") >= 5][-1]
        if product.category == "household_car":
            assert (f"| {period_text(w.whole_unit_months, w.whole_unit_km)} | "
                    f"{period_text(w.sanbao_months, w.sanbao_km)} |") in row
        else:
            assert f"| {w.return_days}天 | {w.exchange_days}天 | {period_text(w.whole_unit_months, w.whole_unit_km)} |" in row
        for part in w.main_parts:
            assert f"{part.name}{period_text(part.months, part.km)}" in row
        for part in w.wear_parts:
            assert f"{part.name}{period_text(part.months, part.km)}" in manual


CAR_RIGHTS = ("《家用汽车产品修理更换退货责任规定》（国家市场监督管理总局令第43号）",
              "自销售者开具购车发票之日起计算；开具购车发票日期与交付家用汽车产品日期不一致的，自交付之日起计算",
              "自三包有效期起算之日起60日内或者行驶里程3000公里之内（以先到者为准）",
              "转向系统失效、制动系统失效、车身开裂、燃油泄漏或者动力蓄电池起火的，消费者可以选择换车或者退车",
              "自三包有效期起算之日起7日内，因产品质量问题需要更换发动机、变速器、动力蓄电池、行驶驱动电机",
              "累计修理2次后故障仍未排除", "累计更换2次", "累计修理时间超过30日", "累计修理超过4次",
              "一次修理时间（含等待配件的时间）超过5日的，自第6日起为消费者提供备用车",
              "10个工作日内作出答复", "20个工作日内办理完毕", "维修记录保存不少于6年")
GOODS_RIGHTS = ("《部分商品修理更换退货责任规定》（国经贸〔1995〕458号）", "售出之日起7日内发生性能故障的，消费者可以选择退货、换货或者修理",
                "售出之日起15日内发生性能故障的，消费者可以选择换货或者修理", "三包有效期内修理2次后仍不能正常使用",
                "修复后的商品应保证正常使用不少于30日")
DISTANCE_RIGHTS = ("《中华人民共和国消费者权益保护法》第二十五条", "自收到商品之日起7日内有权退货，无需说明理由",
                   "消费者定作的商品", "鲜活易腐的商品", "消费者已拆封的音像制品、计算机软件等数字化商品", "交付的报纸和期刊",
                   "自收到退回商品之日起7日内返还")


def test_statutory_rights_are_stated_in_full_where_they_apply(example):
    """Order 43 for cars, the general 三包 rule for other goods, consumer-law Art. 25 for
    distance sales: each right with its period, condition and remedy, in the manual and CX-01."""
    profile, docs = example
    cars = any(p.category == "household_car" for p in profile.products)
    goods = any(p.category != "household_car" for p in profile.products)
    distance = bool({"online", "tv", "phone", "mail"} & set(profile.company.sales_channels))
    for key in ("manual", "proc-repair"):
        text = _plain(docs[key].markdown)
        for phrases, applies in ((CAR_RIGHTS, cars), (GOODS_RIGHTS, goods), (DISTANCE_RIGHTS, distance)):
            for phrase in phrases:
                assert (phrase in text) == applies, (key, phrase)
    commitments = _plain(docs["manual"].markdown)
    assert ("| 七日无理由退货 | 通过网络、电视、电话、邮购等方式购买商品的" in commitments) == distance
    if cars:  # no period counted from another day
        assert "自交付之日起60日" not in commitments and "自开具购车发票之日起60日" not in commitments


def test_commitment_figures_reach_the_manual(example):
    profile, docs = example
    manual = _plain(docs["manual"].markdown)
    c = profile.commitments
    assert f"{c.hotline}（{c.hotline_hours}）" in manual
    for area in c.onsite:
        if area.kind in (None, "onsite", "rescue") and profile.company.business_type != "service_provider":
            if "救援" in area.area:
                label = area.area.replace("道路救援", "")  # the row says 道路救援 once
                assert f"道路救援（{label}） | 接到救援请求后{area.hours:g}小时内到达现场" in manual
            else:
                assert f"上门服务（{area.area}） | 受理报修后{area.hours:g}小时内上门" in manual
    from sskit.facts import derive_facts

    for limit in derive_facts(profile, load_catalogue()).limits.all:  # every kind of work, with its start
        rows = [line for line in manual.splitlines() if f"| {limit.text} |" in line]
        area = limit.area.replace("道路救援", "") if limit.kind == "rescue" else limit.area  # 道路救援 said once
        assert any(area in row for row in rows), limit
    assert f"年度顾客满意度不低于{c.satisfaction_target:g}%" in manual
    maker = profile.company.business_type == "manufacturer"
    sells = bool(profile.products)
    # the years of parts after production ends are promised by whoever states them; a dealer that
    # states none follows the maker's rule
    years = c.parts_retention_years
    assert (f"产品停产后继续提供备件不少于{years}年" in manual) == bool(maker and years)
    assert (f"所售商品停产后继续保障维修备件供应不少于{years}年" in manual) == bool(sells and not maker and years)
    assert ("停产商品的维修备件按生产企业的停产后备件供应规定订购和保障" in manual) == bool(sells and not maker
                                                                        and not years)
    assert ("产品说明书、三包凭证和各服务网点公示" in manual) == maker


def test_crossref_cites_real_manual_sections(example):
    _, docs = example
    crossref = _plain(docs["crossref"].markdown)
    repair = next(line for line in crossref.splitlines() if line.startswith("| 5.2.4※ |"))
    assert "标注※的条款编号依据公开资料推定" in crossref
    assert re.search(r"《售后服务手册》\d+\.\d+ 维修服务", repair)
    assert "《维修服务控制程序》" in repair and "《维修记录卡》" in repair


def test_index_lists_every_document_built(example):
    profile, docs = example
    index = _plain(docs["index"].markdown)
    for doc in docs.values():
        assert f"| {doc.meta.number} | {doc.meta.title} |" in index


def test_renaming_a_department_changes_it_everywhere():
    path = ROOT / "profiles" / "huaxia-appliance.yaml"
    text = path.read_text(encoding="utf-8")
    old = read_profile(path).departments[2].name
    new = "客户体验中心"
    before = _render(parse_profile(text, str(path)))
    after = _render(parse_profile(text.replace(f"name: {old}", f"name: {new}"), str(path)))
    mentioned = [k for k, d in before.items() if old in _plain(d.markdown)]
    assert {"manual", "matrix"} <= set(mentioned)
    for key, doc in after.items():
        assert old not in _plain(doc.markdown), key
    for key in mentioned:
        assert new in _plain(after[key].markdown), key


def test_procedures_that_do_not_apply_are_left_out_and_named_in_the_manual(minimal_text):
    profile = parse_profile(minimal_text, "minimal.yaml")  # no installation, no delivery
    docs = _render(profile)
    assert "proc-installation" not in docs and "proc-delivery" not in docs
    manual = _plain(docs["manual"].markdown)
    assert re.search(r"以下程序因本公司业务不涉及而未制定：.*安装调试控制程序", manual)
    assert "商品配送控制程序" in manual.split("以下程序因本公司业务不涉及而未制定")[1]


def test_corrected_catalogue_is_used(tmp_path, minimal_text):
    source = (ROOT / "sskit" / "standard" / "clauses.yaml").read_text(encoding="utf-8")
    corrected = tmp_path / "clauses.yaml"
    corrected.write_text(source.replace("title: 数据分析\n", "title: 顾客数据利用\n"), encoding="utf-8")
    docs = _render(parse_profile(minimal_text, "minimal.yaml"), load_catalogue(corrected))
    assert "| 5.1.6.3※ | 顾客数据利用 |" in docs["matrix"].markdown
    assert "| 5.1.6.3※ | 顾客数据利用 |" in docs["crossref"].markdown
    confirmed = tmp_path / "confirmed.yaml"  # a certification body confirmed the numbers
    confirmed.write_text(source.replace("confidence: inferred", "confidence: high")
                         .replace("confidence: unconfirmed", "confidence: high")
                         .replace("confidence: medium", "confidence: high"), encoding="utf-8")
    docs = _render(parse_profile(minimal_text, "minimal.yaml"), load_catalogue(confirmed))
    assert "| 5.1.6.3 | 数据分析 |" in docs["matrix"].markdown and "※" not in docs["crossref"].markdown


def test_a_clause_nobody_owns_shows_as_a_gap(minimal_text):
    text = minimal_text.replace("functions: [hr, training, finance, legal, it]", "functions: [hr, training, legal, it]")
    profile = parse_profile(text, "minimal.yaml")  # now nobody carries finance
    matrix = _plain(_render(profile)["matrix"].markdown)
    assert "**职责空缺：**" in matrix
    assert "- 5.1.3.1※ 经费保障（应由具备财务职能的部门承担）" in matrix  # 5.1.3 is not confirmed
    row = next(line for line in matrix.splitlines() if line.startswith("| 5.1.3.1※ |"))
    assert "主责" not in row


def test_months_are_phrased_naturally():
    assert months_text(12) == "1年" and months_text(36) == "3年" and months_text(18) == "18个月"
    assert period_text(36, 100000) == "3年或100000公里"


def test_manual_cites_unconfirmed_numbers_by_title(example):
    """A clause number that is not confirmed is never stated as fact in the manual."""
    _, docs = example
    manual = _plain(docs["manual"].markdown)
    catalogue = load_catalogue()
    for clause in catalogue.clauses:
        cited = re.findall(rf"第[^条。]*(?<![\d.]){re.escape(clause.label)}(?![\d.]| [a-z]\))[^条。]*条", manual)
        assert bool(cited) <= catalogue.certain(clause), (clause.label, cited)
    assert "本节对应GB/T 27922-2011中“投诉处理”的要求。" in manual
    assert re.search(r"本节对应GB/T 27922-2011第[\d.、 a-z)]*?(?<![\d.])5\.1\.4\.2[、条]", manual)  # a confirmed number
    for title in ("服务理念", "服务承诺", "服务宣传与社会认可"):  # 5.1.7.1-5.1.7.3 are covered explicitly
        assert f"“{title}”" in manual


def test_the_survey_form_does_not_print_the_companys_own_target(example):
    profile, docs = example
    survey = _plain(docs["form-survey"].markdown)
    assert f"{profile.commitments.satisfaction_target:g}%" not in survey and "服务目标" not in survey
    assert "总体评价" in survey
