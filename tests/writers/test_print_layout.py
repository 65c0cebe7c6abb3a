"""Print layout (issue 16): field refresh only with a TOC, cover titles that fit, the procedure's
header block, sections (portrait cover, body numbered from 1), document grid and font table."""
from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sskit.documents import _SPECS
from sskit.markup import parse_markdown
from sskit.markup.ir import DocumentMeta
from sskit.writers.docx import write_docx
from sskit.writers.docx.front import TITLE_SIZES, _break_points, _units, cover_gaps, title_lines
from sskit.writers.docx.document import line_pitch
from sskit.writers.docx.page import COMPACT, LANDSCAPE, PORTRAIT

from writer_samples import META, NS, Package

DOC = "word/document.xml"
W = f"{{{NS['w']}}}"
BODY = "# 目的\n\n规范售后服务工作。\n\n# 职责\n\n| 部门 | 职责 |\n|---|---|\n| 客户服务部 | 受理 |\n"


def _capacity(size: int) -> float:
    return PORTRAIT.text_width * 0.96 / (size * 10)


def test_update_fields_only_where_a_toc_needs_it(write):
    assert write(BODY, toc=True).xpath("word/settings.xml", "//w:updateFields/@w:val") == ["true"]
    for overrides in ({"toc": False}, {"cover": False, "toc": False}, {"layout": "procedure"}):
        pkg = write(BODY, **overrides)
        assert pkg.xpath("word/settings.xml", "//w:updateFields") == [], overrides


LONG_BRACKET = "服务网点（含第三方授权网点及合作维修站和社区服务点）管理程序"
TITLES = sorted({spec.title for spec in _SPECS} | {spec.service_title for spec in _SPECS if spec.service_title})


@pytest.mark.parametrize("title", TITLES + [t + "（修订对照稿）" for t in TITLES] + [
    "某某集团华东区域家用电器及厨房电器产品售后服务网点考核评价与持续改进管理程序",
    "服务网点（含第三方授权网点及合作维修站）管理程序", LONG_BRACKET, "ISO 9001 Quality Manual for After-sales Service Management"])
def test_every_cover_title_fits_without_a_stranded_character(title):
    size, lines = title_lines(title, PORTRAIT.text_width)
    assert "".join(lines) == title
    assert size in TITLE_SIZES
    assert all(_units(line) <= _capacity(size) for line in lines), lines
    if len(lines) > 1:
        assert min(len(line) for line in lines) >= 2, lines
        # each break is allowed: inside a bracket pair only when the bracketed part is longer than a line
        too_long = any(_units(part) > _capacity(TITLE_SIZES[-1]) for part in re.findall(r"（[^）]*）", title))
        points = _break_points(title, in_brackets=too_long)
        cut = 0
        for line in lines[:-1]:
            cut += len(line)
            assert cut in points, (title, lines)


def test_cover_titles_examples():
    assert title_lines("售后服务手册", PORTRAIT.text_width) == (72, ("售后服务手册",))
    assert title_lines("顾客回访与满意度调查程序", PORTRAIT.text_width) == (64, ("顾客回访与满意度调查程序",))
    assert title_lines("顾客投诉处理程序（修订对照稿）", PORTRAIT.text_width) == (72, ("顾客投诉处理程序", "（修订对照稿）"))


def test_a_long_title_is_written_on_lines_at_a_smaller_size(write):
    title = "服务网点（含第三方授权网点及合作维修站）管理程序"
    pkg = write(BODY, title=title)
    (para,) = pkg.xpath(DOC, "//w:p[w:pPr/w:pStyle/@w:val='Title']")
    size, lines = title_lines(title, PORTRAIT.text_width)
    assert len(para.xpath("w:r/w:br", namespaces=NS)) == len(lines) - 1 > 0
    assert set(para.xpath("w:r/w:rPr/w:sz/@w:val", namespaces=NS)) == {str(size)}


def test_procedure_opens_with_its_header_block_and_the_text_on_page_one(write):
    pkg = write(BODY, layout="procedure")
    body = pkg.xml(DOC).find("w:body", NS)
    block = body[0]
    assert block.tag == f"{W}tbl"
    cells = ["".join(tc.xpath(".//w:t/text()", namespaces=NS)) for tc in block.xpath(".//w:tc", namespaces=NS)]
    for expected in ("华星电器有限公司", "售后服务手册", "文件编号", "HX/SS-01", "A/0", "编\u3000\u3000制",
                     "李娜", "王芳", "张三", "实施日期", "2026年1月15日", "第 1 页 共 1 页"):
        assert expected in cells, expected
    # 编制 / 审核 / 批准: the typed name, then cells left blank to sign and date by hand
    for role, name in (("编\u3000\u3000制", "李娜"), ("审\u3000\u3000核", "王芳"), ("批\u3000\u3000准", "张三")):
        assert _row_of(block, role) == [role, name, "签\u3000\u3000名", "", "日\u3000\u3000期", ""]
    # 分发号 and 持有部门 for the 文控 to write in; 受控状态 left for the stamp
    assert _row_of(block, "分\u2002发\u2002号") == ["分\u2002发\u2002号", "", "持有部门", ""]
    assert _row_of(block, "发布日期")[-2:] == ["受控状态", ""]
    # the title row: the front-matter heading's face with less air above and below
    assert block.xpath("w:tr[2]/w:tc/w:p/w:pPr/w:pStyle/@w:val", namespaces=NS) == ["BlockTitle"]
    (style,) = pkg.xpath("word/styles.xml", "//w:style[@w:styleId='BlockTitle']")
    assert style.xpath("w:basedOn/@w:val", namespaces=NS) == ["FrontHeading"]
    assert style.xpath("w:pPr/w:spacing/@w:before|w:pPr/w:spacing/@w:after", namespaces=NS) == ["120", "120"]
    fields = [i.strip() for i in block.xpath(".//w:instrText/text()", namespaces=NS)]
    assert fields == ["PAGE", "NUMPAGES"]
    text = pkg.text()
    assert "修订记录" in text and "目\u3000\u3000录" not in text
    assert not pkg.xpath(DOC, "//w:p[w:pPr/w:pStyle/@w:val='Title']")  # no cover page
    assert not pkg.xpath(DOC, "//w:pageBreakBefore")  # the text follows on page 1
    assert len(pkg.xpath(DOC, "//w:sectPr")) == 1
    assert [i.strip() for i in pkg.xpath("word/footer1.xml", "//w:instrText/text()")] == ["PAGE", "NUMPAGES"]
    # exact 20 pt lines for the procedure's text
    (spacing,) = pkg.xpath("word/styles.xml", "//w:style[@w:styleId='BodyText']/w:pPr/w:spacing")
    assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule")) == ("400", "exact")


def _row_of(table, first: str) -> list[str]:
    """The texts of the cells in the row of `table` whose first cell reads `first`."""
    rows = [["".join(tc.xpath(".//w:t/text()", namespaces=NS)) for tc in tr.xpath("w:tc", namespaces=NS)]
            for tr in table.xpath("w:tr", namespaces=NS)]
    (row,) = [row for row in rows if row and row[0] == first]
    return row


REDLINE_STATUS = "非受控（修订对照稿）"  # what sskit.regen.plan gives a redline


def test_a_header_block_row_is_as_wide_as_the_text(write):
    pkg = write(BODY, layout="procedure")
    block = pkg.xml(DOC).find("w:body", NS)[0]
    grid = [int(w) for w in block.xpath("w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
    assert sum(grid) == PORTRAIT.text_width
    for tr in block.xpath("w:tr", namespaces=NS):
        spans = [int(tc.xpath("string(w:tcPr/w:gridSpan/@w:val)", namespaces=NS) or 1)
                 for tc in tr.xpath("w:tc", namespaces=NS)]
        assert sum(spans) == len(grid)
        widths = [int(w) for w in tr.xpath("w:tc/w:tcPr/w:tcW/@w:w", namespaces=NS)]
        assert sum(widths) == PORTRAIT.text_width


def test_the_controlled_status_is_stamped_not_printed_except_on_a_redline(write):
    for layout in ("procedure", "book"):
        plain = write(BODY, layout=layout, toc=False)
        first = plain.xml(DOC).find("w:body", NS).xpath("w:tbl", namespaces=NS)[0]
        label = "受控状态" if layout == "procedure" else "受控状态："
        row = _row_of(first, "发布日期" if layout == "procedure" else label)
        assert row[row.index(label) + 1] == "", layout
        assert "受控" not in plain.text().replace("受控状态", ""), layout  # no 受控 anywhere else either
        redline = write(BODY, layout=layout, toc=False, controlled_status=REDLINE_STATUS)
        first = redline.xml(DOC).find("w:body", NS).xpath("w:tbl", namespaces=NS)[0]
        row = _row_of(first, "发布日期" if layout == "procedure" else label)
        assert row[row.index(label) + 1] == REDLINE_STATUS, layout


def test_the_cover_leaves_lines_for_the_stamp_the_copy_number_and_the_holder(write):
    pkg = write(BODY, toc=False)
    control = pkg.xml(DOC).find("w:body", NS).xpath("w:tbl", namespaces=NS)[0]
    rows = {r[0]: r[1] for r in (_row_of(control, label) for label in
                                 ("文件编号：", "受控状态：", "分\u2002发\u2002号：", "持有部门："))}
    assert rows == {"文件编号：": "HX/SS-01", "受控状态：": "", "分\u2002发\u2002号：": "", "持有部门：": ""}
    # a blank value is a line to write on (a bottom border); a printed one has none
    lined = [tr.xpath("string(w:tc[1])", namespaces=NS)
             for tr in control.xpath("w:tr[w:tc[2]/w:tcPr/w:tcBorders/w:bottom[@w:val='single']]", namespaces=NS)]
    assert lined == ["受控状态：", "分\u2002发\u2002号：", "持有部门："]
    redline = write(BODY, toc=False, controlled_status=REDLINE_STATUS)
    control = redline.xml(DOC).find("w:body", NS).xpath("w:tbl", namespaces=NS)[0]
    assert len(control.xpath("w:tr/w:tc/w:tcPr/w:tcBorders", namespaces=NS)) == 2


def test_title_lines_take_their_room_from_the_cover_gaps():
    assert cover_gaps(False, 1) == (2, 4, 4, 5) and cover_gaps(True, 1) == (0, 3, 4, 4)
    assert cover_gaps(False, 2) == (2, 3, 3, 4)
    assert cover_gaps(True, 4) == (0, 1, 1, 1)  # never below one line between blocks


LONG_TITLE = "某某集团华东区域家用电器及厨房电器产品售后服务网点考核评价与持续改进管理程序（修订对照稿）"


def test_libreoffice_keeps_the_cover_and_the_header_block_on_page_one(tmp_path):
    """Laid out by LibreOffice: a cover with a logo and a four-line title still holds its approval
    block (3 pages: cover, 修订记录, body), and a short procedure fits one page with its header."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("soffice not installed: LibreOffice is needed to check the page layout")
    logo = DocumentMeta.Picture((Path(__file__).resolve().parents[1] / "fixtures" / "logo.png").read_bytes(),
                                "image/png", 160, 64)
    assert len(title_lines(LONG_TITLE, PORTRAIT.text_width)[1]) == 4
    cases = {"cover": (dataclasses.replace(META, title=LONG_TITLE, logo=logo, toc=False,
                                           controlled_status=REDLINE_STATUS), 3),
             "procedure": (dataclasses.replace(META, layout="procedure"), 1)}
    for name, (meta, _) in cases.items():
        (tmp_path / f"{name}.docx").write_bytes(write_docx(meta, parse_markdown(BODY)))
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *(str(tmp_path / f"{n}.docx") for n in cases)],
                   check=True, capture_output=True, timeout=180)
    for name, (_, pages) in cases.items():
        pdf = (tmp_path / f"{name}.pdf").read_bytes()
        assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == pages, name


def test_a_landscape_book_keeps_a_portrait_cover(write):
    pkg = write(BODY, landscape=True, toc=False)
    sections = pkg.xpath(DOC, "//w:sectPr")
    orient = [s.find("w:pgSz", NS).get(f"{W}orient") for s in sections]
    assert orient == [None, "landscape", "landscape"]
    widths = [int(s.find("w:pgSz", NS).get(f"{W}w")) for s in sections]
    assert widths == [11906, 16838, 16838]


def test_document_grid_and_font_fallbacks(sample_docx):
    grids = sample_docx.xpath(DOC, "//w:sectPr/w:docGrid")
    # Chinese Word's 44 lines of about 15.6 pt, a whole number to the page: 13958 / 44 twips
    assert grids and all((g.get(f"{W}type"), g.get(f"{W}linePitch")) == ("lines", "317") for g in grids)
    for page in (PORTRAIT, LANDSCAPE, COMPACT):
        pitch, height = line_pitch(page), page.height - page.top - page.bottom
        lines = height // pitch
        assert 312 <= pitch < 330 and lines == height // 312 and height % pitch < lines  # no part line left
    fonts = {f.get(f"{W}name"): f for f in sample_docx.xpath("word/fontTable.xml", "//w:font")}
    for name, alt in (("宋体", "SimSun"), ("黑体", "SimHei"), ("SimSun", "宋体"), ("SimHei", "黑体")):
        assert fonts[name].find("w:altName", NS).get(f"{W}val") == alt
        assert fonts[name].find("w:charset", NS).get(f"{W}val") == "86"
    # text keeps its own spacing rather than snapping to the grid
    assert sample_docx.xpath("word/styles.xml", "//w:pPrDefault/w:pPr/w:snapToGrid/@w:val") == ["0"]


def test_a_final_table_is_closed_by_a_one_point_paragraph(write):
    pkg = write("| a | b |\n|---|---|\n| 1 | 2 |\n", cover=False, toc=False)
    last = pkg.xml(DOC).find("w:body", NS)[-2]
    assert last.tag == f"{W}p"
    assert last.xpath("w:pPr/w:spacing/@w:lineRule", namespaces=NS) == ["exact"]
    assert last.xpath("w:pPr/w:rPr/w:sz/@w:val", namespaces=NS) == ["2"]


def test_layouts_are_deterministic(sample_blocks):
    for layout in ("book", "procedure", "form"):
        meta = dataclasses.replace(META, layout=layout)
        assert write_docx(meta, sample_blocks) == write_docx(meta, sample_blocks)


def test_a_page_break_opening_the_body_adds_no_empty_page(write):
    pkg = write("# 目的\n\n正文。\n", chapter_page_break=True)
    (heading,) = pkg.xpath(DOC, "//w:p[w:pPr/w:pStyle/@w:val='Heading1']")
    assert heading.find("w:pPr/w:pageBreakBefore", NS) is None  # the section break starts the page
    # the only page break is the 目录's, after the 修订记录 in the same section
    (page_break,) = pkg.xpath(DOC, "//w:pageBreakBefore")
    assert "".join(page_break.xpath("../../w:r/w:t/text()", namespaces=NS)) == "目\u3000\u3000录"


def _rows_keeping(xml: str) -> list[bool]:
    """Per table row: whether every paragraph in it is kept with the next."""
    rows = re.findall(r"<w:tr>.*?</w:tr>", xml, re.S)
    return [all("<w:keepNext/>" in p for p in re.findall(r"<w:pPr>.*?</w:pPr>", row, re.S)) for row in rows]


@pytest.mark.parametrize("body_rows, kept", [
    (1, [True, False]),  # header with its only row
    (5, [True, True, True, True, True, False]),  # a short table: one page
    (12, [True, True, True] + [False] * 10),  # header and first two rows together, then free
])
def test_a_table_never_leaves_its_header_alone_at_a_page_foot(body_rows, kept):
    from sskit.markup.ir import Span, Table
    from sskit.writers.docx.tables import build_table

    table = Table(((Span("项目"),), (Span("说明"),)),
                  tuple(((Span(f"第{i}项"),), (Span("内容"),)) for i in range(body_rows)), (None, None), "示例")
    assert _rows_keeping(build_table(table, [2000, 6000])) == kept


def test_rows_with_merged_cells_are_kept_the_same_way():
    from sskit.markup.ir import Span, Table
    from sskit.writers.docx.tables import build_table

    # "^^" joins the cell above (a vertical merge): the merged-cell path writes the rows
    rows = tuple(((Span("甲" if i % 3 == 0 else "^^"),), (Span(f"行{i}"),)) for i in range(9))
    xml = build_table(Table(((Span("类"),), (Span("项"),)), rows, (None, None), None), [2000, 6000])
    assert "vMerge" in xml
    assert _rows_keeping(xml) == [True, True, True] + [False] * 7
