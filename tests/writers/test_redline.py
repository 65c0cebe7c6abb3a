"""Redline DOCX: the new version with the changes from the previous one as tracked changes.

Read back from word/document.xml: every mark's text, the paragraph and row marks, and the two
views Word offers (accept all = the new version, reject all = the old one).
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from sskit.markup import parse_markdown
from sskit.markup.redline import diff_inlines, Change, DEL, INS
from sskit.markup.ir import Span
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile
from sskit.render import TemplateSet
from sskit.standard import load_catalogue
from sskit.writers.docx import write_docx, write_redline

from test_docx_schema import problems, schemas  # noqa: F401  (schemas is a fixture)
from writer_samples import META, NS, SAMPLE_MD, Package

ROOT = Path(__file__).resolve().parents[2]
W = "{%s}" % NS["w"]
DATE = "2026-03-01"


def redline(old_md: str, new_md: str, **meta) -> Package:
    return Package(write_redline(dataclasses.replace(META, **meta), parse_markdown(old_md),
                                 parse_markdown(new_md), author="sskit", date=DATE))


def marks(doc: Package, kind: str) -> list[str]:
    """The text of each run-level w:ins / w:del, in document order."""
    text = "w:t" if kind == "ins" else "w:delText"
    return ["".join(e.xpath(f".//{text}/text()", namespaces=NS))
            for e in doc.xpath("word/document.xml", f"//w:{kind}[w:r]")]


def paragraph_text(p, view: str) -> str:
    """A paragraph's text with every change accepted ("accept") or rejected ("reject")."""
    if view == "accept":
        return "".join(p.xpath(".//w:t/text()", namespaces=NS))
    return "".join(p.xpath(".//w:t[not(ancestor::w:ins)]/text() | .//w:delText/text()", namespaces=NS))


def view_texts(doc: Package, view: str, skip_toc: bool = False) -> list[str]:
    """Every paragraph's text as Word shows the document with all changes accepted / rejected:
    paragraphs and rows deleted (accepted) or inserted (rejected) as a whole are gone."""
    gone = "del" if view == "accept" else "ins"
    out = []
    for p in doc.xpath("word/document.xml", "//w:body//w:p"):
        if p.xpath(f"w:pPr/w:rPr/w:{gone} | ancestor::w:tr[w:trPr/w:{gone}]", namespaces=NS):
            continue
        if skip_toc and p.xpath("w:pPr/w:pStyle[starts-with(@w:val, 'TOC')] | w:r/w:fldChar[@w:fldCharType='end']"
                                "[not(../../w:r/w:t)]", namespaces=NS):
            continue  # the contents list the new headings; the field's end has a paragraph of its own
        out.append(paragraph_text(p, view))
    return out


def plain_texts(data: bytes, skip_toc: bool = False) -> list[str]:
    doc = Package(data)
    return view_texts(doc, "accept", skip_toc)


def body_paragraph(doc: Package, contains: str):
    found = [p for p in doc.xpath("word/document.xml", "//w:body/w:p")
             if contains in paragraph_text(p, "accept") + paragraph_text(p, "reject")]
    assert len(found) == 1, contains
    return found[0]


# -- inside a paragraph --------------------------------------------------------------------------
def test_one_cjk_character_replaced_is_one_deletion_and_one_insertion():
    doc = redline("本手册适用于华东地区的全部网点。", "本手册适用于华南地区的全部网点。")
    assert marks(doc, "del") == ["东"]
    assert marks(doc, "ins") == ["南"]
    p = body_paragraph(doc, "全部网点")
    unmarked = "".join(p.xpath("w:r/w:t/text()", namespaces=NS))  # runs outside any mark
    assert unmarked == "本手册适用于华地区的全部网点。"
    assert p.xpath("w:del/w:r/w:delText/text()", namespaces=NS) == ["东"]
    assert not p.xpath("w:pPr/w:rPr", namespaces=NS)  # the paragraph itself is not new


def test_a_renamed_name_is_replaced_whole_not_in_fragments():
    doc = redline("由售后服务部负责回访。", "由用户服务中心负责回访。")
    assert marks(doc, "del") == ["售后服务部"]
    assert marks(doc, "ins") == ["用户服务中心"]


def test_latin_words_and_numbers_are_single_tokens():
    doc = redline("响应时间 24 小时，热线 400-800-1234。", "响应时间 48 小时，热线 400-800-1235。")
    assert marks(doc, "del") == ["24", "1234"]
    assert marks(doc, "ins") == ["48", "1235"]


def test_unchanged_text_keeps_its_bold_and_a_changed_bold_span_stays_bold():
    doc = redline("**重要**：2 小时内响应，**严禁**拖延。", "**重要**：4 小时内响应，**严禁**拖延。")
    p = body_paragraph(doc, "小时内响应")
    bold = p.xpath("w:r[w:rPr/w:b]/w:t/text()", namespaces=NS)
    assert bold == ["重要", "严禁"]
    assert marks(doc, "del") == ["2"] and marks(doc, "ins") == ["4"]
    inserted_bold = redline("**重要**：响应。", "**非常重要**：响应。")
    assert marks(inserted_bold, "ins") == ["非常"]
    assert inserted_bold.xpath("word/document.xml", "//w:ins/w:r/w:rPr/w:b")


def test_diff_inlines_marks_only_the_changed_tokens():
    marked = diff_inlines((Span("甲乙丙丁"),), (Span("甲乙戊丁"),))
    assert marked == (Span("甲乙"), Change(DEL, Span("丙")), Change(INS, Span("戊")), Span("丁"))
    assert diff_inlines((Span("同"),), (Span("同"),)) == (Span("同"),)


# -- whole blocks --------------------------------------------------------------------------------
OLD_BODY = "# 范围\n\n第一段保持不变。\n\n第三段也保持不变。\n"


def test_an_inserted_paragraph_is_inserted_and_the_rest_is_unmarked():
    doc = redline(OLD_BODY, "# 范围\n\n第一段保持不变。\n\n新增的第二段。\n\n第三段也保持不变。\n")
    p = body_paragraph(doc, "新增的第二段")
    assert p.xpath("w:pPr/w:rPr/w:ins", namespaces=NS)  # the paragraph mark is inserted
    assert p.xpath("w:r", namespaces=NS) == []  # every run sits in the w:ins
    assert marks(doc, "ins") == ["新增的第二段。"]
    assert marks(doc, "del") == [] and not doc.xpath("word/document.xml", "//w:del")
    for text in ("第一段保持不变", "第三段也保持不变"):
        assert not body_paragraph(doc, text).xpath(".//w:ins | .//w:rPr", namespaces=NS)


def test_a_removed_paragraph_is_deleted_with_its_mark():
    doc = redline("# 范围\n\n第一段保持不变。\n\n将被删除的一段。\n\n第三段也保持不变。\n", OLD_BODY)
    p = body_paragraph(doc, "将被删除的一段")
    assert p.xpath("w:pPr/w:rPr/w:del", namespaces=NS)
    assert p.xpath("w:del/w:r/w:delText/text()", namespaces=NS) == ["将被删除的一段。"]
    assert not p.xpath(".//w:t", namespaces=NS)
    assert marks(doc, "del") == ["将被删除的一段。"] and marks(doc, "ins") == []


def test_a_renamed_heading_is_marked_and_the_contents_show_the_new_name():
    doc = redline("# 范围\n\n## 服务承诺\n\n正文。\n", "# 范围\n\n## 服务保障承诺\n\n正文。\n")
    heading = doc.xpath("word/document.xml", "//w:p[w:pPr/w:pStyle/@w:val='Heading2']")[0]
    assert paragraph_text(heading, "accept") == "服务保障承诺"
    assert paragraph_text(heading, "reject") == "服务承诺"
    assert marks(doc, "ins") == ["保障"] and marks(doc, "del") == []
    toc = doc.xpath("word/document.xml", "//w:p[w:pPr/w:pStyle/@w:val='TOC2']//w:t/text()")
    assert toc == ["1.1 服务保障承诺"]


def test_a_deleted_heading_takes_no_number_and_no_contents_entry():
    doc = redline("# 总则\n\n# 职责\n\n# 程序\n", "# 总则\n\n# 程序\n")
    toc = doc.xpath("word/document.xml", "//w:p[w:pPr/w:pStyle/@w:val='TOC1']//w:t/text()")
    assert toc == ["1 总则", "2 程序"]
    deleted = body_paragraph(doc, "职责")
    assert deleted.xpath("w:pPr/w:rPr/w:del", namespaces=NS)
    assert not deleted.xpath(".//w:bookmarkStart", namespaces=NS)


def test_an_inserted_list_item_is_a_numbered_inserted_paragraph():
    doc = redline("1. 报修；\n2. 派工。\n", "1. 报修；\n2. 受理；\n3. 派工。\n")
    p = body_paragraph(doc, "受理")
    assert p.xpath("w:pPr/w:numPr", namespaces=NS) and p.xpath("w:pPr/w:rPr/w:ins", namespaces=NS)
    assert marks(doc, "ins") == ["受理；"] and marks(doc, "del") == []


# -- tables --------------------------------------------------------------------------------------
TABLE = """Table: 服务网点

| 序号 | 网点 | 地址 |
|---|---|---|
| 1 | 宁波海曙服务中心 | 宁波市海曙区中山西路 100 号 |
| 2 | 杭州拱墅服务中心 | 杭州市拱墅区湖墅南路 200 号 |
| 3 | 德阳旌湖店 | 德阳市旌阳区长江西路 300 号 |
"""


def body_tables(doc: Package):
    """The tables after the front matter (cover and 修订记录 tables left out)."""
    return doc.xpath("word/document.xml", "//w:body/w:tbl[preceding-sibling::w:p/w:pPr/w:pStyle/@w:val='Caption']")


def rows(doc: Package):
    return body_tables(doc)[-1].xpath("w:tr[not(w:trPr/w:tblHeader)]", namespaces=NS)


def test_a_removed_row_is_deleted_and_the_other_rows_are_kept():
    doc = redline(TABLE, TABLE.replace("| 3 | 德阳旌湖店 | 德阳市旌阳区长江西路 300 号 |\n", ""))
    body = rows(doc)
    assert [bool(r.xpath("w:trPr/w:del", namespaces=NS)) for r in body] == [False, False, True]
    assert body[2].xpath(".//w:del/w:r/w:delText/text()", namespaces=NS) == ["3", "德阳旌湖店", "德阳市旌阳区长江西路 300 号"]
    assert not body[2].xpath(".//w:t", namespaces=NS)
    assert marks(doc, "ins") == [] and len(marks(doc, "del")) == 3


def test_an_inserted_row_is_inserted():
    new = TABLE.replace("| 3 |", "| 2a | 杭州萧山特约服务站 | 杭州市萧山区市心中路 50 号 |\n| 3 |")
    doc = redline(TABLE, new)
    body = rows(doc)
    assert [bool(r.xpath("w:trPr/w:ins", namespaces=NS)) for r in body] == [False, False, True, False]
    assert body[2].xpath(".//w:ins/w:r/w:t/text()", namespaces=NS) == ["2a", "杭州萧山特约服务站", "杭州市萧山区市心中路 50 号"]
    assert not doc.xpath("word/document.xml", "//w:del")


def test_a_changed_cell_shows_its_change_inside_a_kept_row():
    doc = redline(TABLE, TABLE.replace("湖墅南路 200 号", "湖墅南路 202 号"))
    body = rows(doc)
    assert not any(r.xpath("w:trPr/w:ins | w:trPr/w:del", namespaces=NS) for r in body)
    cell = body[1].xpath("w:tc", namespaces=NS)[2]
    assert paragraph_text(cell, "reject") == "杭州市拱墅区湖墅南路 200 号"
    assert paragraph_text(cell, "accept") == "杭州市拱墅区湖墅南路 202 号"
    assert marks(doc, "del") == ["200"] and marks(doc, "ins") == ["202"]


def test_a_renamed_header_cell_and_caption_are_marked_in_place():
    doc = redline(TABLE, TABLE.replace("| 网点 |", "| 网点名称 |").replace("Table: 服务网点", "Table: 服务网点一览"))
    header = body_tables(doc)[-1].xpath("w:tr[w:trPr/w:tblHeader]", namespaces=NS)[0]
    assert header.xpath(".//w:ins//w:t/text()", namespaces=NS) == ["名称"]
    assert not header.xpath("w:trPr/w:ins", namespaces=NS)
    caption = doc.xpath("word/document.xml", "//w:p[w:pPr/w:pStyle/@w:val='Caption']")[0]
    assert paragraph_text(caption, "accept") == "表1\u3000服务网点一览"
    assert paragraph_text(caption, "reject") == "表1\u3000服务网点"


def test_a_table_with_other_columns_is_replaced_whole():
    new = "Table: 服务网点\n\n| 网点 | 电话 |\n|---|---|\n| 宁波海曙服务中心 | 0574-1 |\n"
    doc = redline(TABLE, new)
    tables = body_tables(doc)
    assert len(tables) == 2
    assert all(r.xpath("w:trPr/w:del", namespaces=NS) for r in tables[0].xpath("w:tr", namespaces=NS))
    assert all(r.xpath("w:trPr/w:ins", namespaces=NS) for r in tables[1].xpath("w:tr", namespaces=NS))
    # the deleted table's caption is deleted and does not take the number
    captions = doc.xpath("word/document.xml", "//w:p[w:pPr/w:pStyle/@w:val='Caption']")
    assert [paragraph_text(c, "reject") for c in captions] == ["表1\u3000服务网点", ""]
    assert [paragraph_text(c, "accept") for c in captions] == ["", "表1\u3000服务网点"]


MERGED = """| | | | |
|---|---|---|---|
| **姓名** | | **电话** | |
| **地址** | 杭州市西湖区 | << | << |
| **说明** | 一 | 二 | 三 |
| ^^ | 四 | 五 | 六 |
"""


def test_a_form_keeps_its_merged_cells_and_a_deleted_row_inside_a_merge_is_marked(schemas):
    doc = redline(MERGED, MERGED.replace("杭州市西湖区", "杭州市滨江区").replace("| ^^ | 四 | 五 | 六 |\n", ""))
    table = doc.xpath("word/document.xml", "//w:body/w:tbl")[-1]
    trs = table.xpath("w:tr", namespaces=NS)
    assert [len(r.xpath("w:tc", namespaces=NS)) for r in trs] == [4, 2, 4, 4]
    assert trs[1].xpath("w:tc[2]/w:tcPr/w:gridSpan/@w:val", namespaces=NS) == ["3"]
    assert marks(doc, "ins") == ["滨江"] and marks(doc, "del") == ["西湖", "四", "五", "六"]
    assert trs[3].xpath("w:trPr/w:del", namespaces=NS)
    assert trs[3].xpath("w:tc[1]/w:tcPr/w:vMerge", namespaces=NS)  # still continues the merge above
    assert problems(doc.data, schemas) == []


def test_a_header_row_only_one_version_has_is_inserted_or_deleted():
    plain = "| | |\n|---|---|\n| 甲 | 乙 |\n| 丙 | 丁 |\n"
    headed = "| 列一 | 列二 |\n|---|---|\n| 甲 | 乙 |\n| 丙 | 丁 |\n"
    for old, new, kind in ((plain, headed, "ins"), (headed, plain, "del")):
        doc = redline(old, new)
        header = doc.xpath("word/document.xml", "//w:body/w:tbl")[-1].xpath("w:tr[1]", namespaces=NS)[0]
        assert header.xpath(f"w:trPr/w:tblHeader and w:trPr/w:{kind}", namespaces=NS)
        assert marks(doc, kind) == ["列一", "列二"]
        assert view_texts(doc, "accept") == plain_texts(write_docx(META, parse_markdown(new)))
        assert view_texts(doc, "reject", skip_toc=True) == plain_texts(write_docx(META, parse_markdown(old)),
                                                                        skip_toc=True)


# -- the whole file ------------------------------------------------------------------------------
CHANGED_SAMPLE = (SAMPLE_MD.replace("本手册适用于全部 3 大类产品。", "本手册适用于全部 4 大类产品。\n\n新增一段说明。")
                  .replace("| 1 | 北京市朝阳区", "| 1 | 上海市朝阳区").replace("## 服务承诺", "## 服务保障承诺")
                  .replace("   - 上门\n", "   - 上门\n   - 远程指导\n").replace("附录正文。", ""))


def test_every_mark_is_stamped_with_author_date_and_a_unique_id():
    doc = redline(SAMPLE_MD, CHANGED_SAMPLE)
    found = doc.xpath("word/document.xml", "//w:ins | //w:del")
    assert len(found) >= 8
    assert {(e.get(W + "author"), e.get(W + "date")) for e in found} == {("sskit", "2026-03-01T00:00:00Z")}
    ids = [e.get(W + "id") for e in found]
    bookmarks = doc.xpath("word/document.xml", "//w:bookmarkStart/@w:id")
    assert len(set(ids)) == len(ids) and not set(ids) & set(bookmarks)


def test_redline_is_schema_valid_and_deterministic(schemas):
    old, new = parse_markdown(SAMPLE_MD), parse_markdown(CHANGED_SAMPLE)
    first = write_redline(META, old, new, date=DATE)
    assert first == write_redline(META, old, new, date=DATE)
    assert problems(first, schemas) == []
    landscape = write_redline(dataclasses.replace(META, landscape=True, cover=False), old, new)
    assert problems(landscape, schemas) == []


def test_accepting_every_change_gives_the_new_version_and_rejecting_the_old_one():
    doc = redline(SAMPLE_MD, CHANGED_SAMPLE)
    assert view_texts(doc, "accept") == plain_texts(write_docx(META, parse_markdown(CHANGED_SAMPLE)))
    assert view_texts(doc, "reject", skip_toc=True) == plain_texts(write_docx(META, parse_markdown(SAMPLE_MD)),
                                                                    skip_toc=True)


def test_no_change_gives_the_plain_document():
    blocks = parse_markdown(SAMPLE_MD)
    data = write_redline(META, blocks, parse_markdown(SAMPLE_MD))
    assert data == write_docx(META, blocks)
    assert not Package(data).xpath("word/document.xml", "//w:ins | //w:del")


def test_a_date_that_is_not_iso_is_refused():
    with pytest.raises(ValueError, match="ISO date"):
        write_redline(META, (), (), date="2026/03/01")


# -- a real document: a department renamed --------------------------------------------------------
@pytest.fixture(scope="module")
def renamed_department():
    """The appliance maker's set before and after 售后服务部 is renamed 用户服务中心."""
    text = (ROOT / "profiles" / "huaxia-appliance.yaml").read_text(encoding="utf-8")
    assert text.count("name: 售后服务部\n") == 1
    catalogue = load_catalogue()
    before = render_document_set(parse_profile(text), catalogue, TemplateSet(), formats=())
    after = render_document_set(parse_profile(text.replace("name: 售后服务部\n", "name: 用户服务中心\n")),
                                catalogue, TemplateSet(), formats=())
    return {old.spec.key: (old, new) for old, new in zip(before, after)}


@pytest.mark.parametrize("key", ["manual", "proc-repair", "matrix"])
def test_a_renamed_department_is_redlined_exactly(renamed_department, key, schemas):
    old, new = renamed_department[key]
    assert old.spec.key == new.spec.key and old.blocks != new.blocks
    data = write_redline(new.meta, old.blocks, new.blocks, date=DATE)
    doc = Package(data)
    deleted, inserted = marks(doc, "del"), marks(doc, "ins")
    assert deleted and all("售后服务部" in text for text in deleted), deleted
    assert inserted and all("用户服务中心" in text for text in inserted), inserted
    assert len(deleted) == len(inserted)
    # nothing but the rename is marked: accept all = the new version, reject all = the old one
    assert view_texts(doc, "accept") == plain_texts(write_docx(new.meta, new.blocks))
    assert view_texts(doc, "reject", skip_toc=True) == plain_texts(write_docx(new.meta, old.blocks), skip_toc=True)
    assert not doc.xpath("word/document.xml", "//w:pPr/w:rPr/w:ins | //w:pPr/w:rPr/w:del | //w:trPr/w:ins")
    assert problems(data, schemas) == []


def test_two_unrelated_forms_still_accept_to_the_new_and_reject_to_the_old(schemas):
    """A stress case: every kind of block inserted, deleted and paired (tables of one width
    paired, others replaced), and the two views still give each version exactly."""
    profile = parse_profile((ROOT / "profiles" / "qingquan-water.yaml").read_text(encoding="utf-8"))
    docs = {d.spec.key: d for d in render_document_set(profile, load_catalogue(), TemplateSet(), formats=())}
    old, new = docs["form-onsite"], docs["form-training-file"]
    data = write_redline(new.meta, old.blocks, new.blocks, date=DATE)
    doc = Package(data)
    assert view_texts(doc, "accept") == plain_texts(write_docx(new.meta, new.blocks))
    assert view_texts(doc, "reject", skip_toc=True) == plain_texts(write_docx(new.meta, old.blocks), skip_toc=True)
    assert doc.xpath("word/document.xml", "//w:trPr/w:del") and doc.xpath("word/document.xml", "//w:trPr/w:ins")
    assert problems(data, schemas) == []


def _long_table(rows: int, changed: dict[int, str] = {}) -> str:
    lines = ["表：服务网点清单", "", "| 序号 | 网点名称 | 地址 |", "|---|---|---|"]
    for n in range(1, rows + 1):
        lines.append(f"| {n} | {changed.get(n, f'第{n}服务站')} | 杭州市上城区{n}号 |")
    return "\n".join(lines) + "\n"


def test_a_long_table_shows_its_changed_rows_with_context_and_names_the_rows_left_out(schemas):
    old, new = _long_table(500), _long_table(500, {200: "第200服务站（迁址）"})
    doc = redline(old, new)
    body = rows(doc)
    texts = ["".join(r.xpath(".//w:t/text()", namespaces=NS)) for r in body]
    assert texts == [
        "……（第1至第197行未修订，共197行，从略）……",
        "198第198服务站杭州市上城区198号", "199第199服务站杭州市上城区199号",
        "200第200服务站（迁址）杭州市上城区200号",
        "201第201服务站杭州市上城区201号", "202第202服务站杭州市上城区202号",
        "……（第203至第500行未修订，共298行，从略）……",
    ]
    # the note spans the whole row; the change itself is tracked as usual
    assert body[0].xpath("w:tc/w:tcPr/w:gridSpan/@w:val", namespaces=NS) == ["3"]
    assert marks(doc, "ins") == ["（迁址）"] and marks(doc, "del") == []
    assert problems(doc.data, schemas) == []


def test_a_deleted_row_does_not_count_in_the_new_numbering_and_short_tables_stay_whole():
    old = _long_table(300)
    new = old.replace("| 50 | 第50服务站 | 杭州市上城区50号 |\n", "")
    texts = ["".join(r.xpath(".//w:t/text() | .//w:delText/text()", namespaces=NS)) for r in rows(redline(old, new))]
    assert texts[0] == "……（第1至第47行未修订，共47行，从略）……"
    assert texts[3] == "50第50服务站杭州市上城区50号"  # deleted, shown struck through
    assert texts[-1] == "……（第52至第299行未修订，共248行，从略）……"
    short = _long_table(200)
    assert len(rows(redline(short, short.replace("第30服务站", "第30服务中心")))) == 200


def test_a_long_table_the_revision_leaves_alone_keeps_its_caption_and_header_only():
    table = _long_table(300)
    old = "# 网点\n\n本公司设有服务网点。\n\n" + table
    doc = redline(old, old.replace("本公司设有服务网点。", "本公司在全国设有服务网点。"))
    body = rows(doc)
    assert ["".join(r.xpath(".//w:t/text()", namespaces=NS)) for r in body] == ["……（本表300行均未修订，从略）……"]
    header = body_tables(doc)[-1].xpath("w:tr[w:trPr/w:tblHeader]//w:t/text()", namespaces=NS)
    assert header == ["序号", "网点名称", "地址"]
    assert "服务网点清单" in "".join(doc.xpath("word/document.xml", "//w:p[w:pPr/w:pStyle/@w:val='Caption']//w:t/text()"))
    # with nothing revised at all the table is written whole (the plain document)
    assert len(rows(redline(old, old))) == 300
