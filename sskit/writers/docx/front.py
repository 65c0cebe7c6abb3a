"""Front matter: cover (封面) with approval block, revision record (修订记录), table of contents;
a procedure's header block (its page 1 instead of cover, 修订记录 page and contents).

The TOC is a real `TOC \\o "1-3" \\h \\z \\u` field.  Its cached result is pre-filled with one
entry per heading (number, text, PAGEREF to the heading's bookmark), so the contents page is
populated even before the field is refreshed; settings.xml asks Word to refresh it on open
(only documents with a TOC: the request makes Word prompt).
"""

from __future__ import annotations


from sskit.phrasing import date_text
from sskit.markup.ir import DocumentMeta, Span, Table

from .body import BodyBuilder, TocEntry
from .fields import complex_field, field_char, instruction, text_run
from .inline import paragraph
from .styles import BLOCK_TEXT, BLOCK_TITLE, CAPTION, COVER_COMPANY, COVER_INFO, FRONT_HEADING, NORMAL, TITLE, TOC
from .tables import display_units, grid_table
from .wml import text

TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
TOC_PLACEHOLDER = "（打开文件时自动更新目录）"
TOC_TITLE = "目\u3000\u3000录"
def format_date(value: str) -> str:
    """ISO dates are shown the Chinese way, 2026年1月1日 (as the templates' date filter and
    GB/T 9704 write them); anything else as given."""
    return date_text(value.strip())


def _cells(*texts: str) -> tuple:
    return tuple((Span(t),) if t else () for t in texts)


# A blank cell on the borderless cover block gets a line to write (or stamp) on.
_WRITE_LINE = '<w:tcBorders><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tcBorders>'
# the style's 1.5 lines as space above a single line: a write-in line sits under its label's text
_LINE_ON_BASE = '<w:spacing w:before="180" w:after="0" w:line="240" w:lineRule="auto"/>'
_NO_BORDERS = "".join(f'<w:{edge} w:val="nil"/>' for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))


def _control_block(rows: tuple[tuple[str, str], ...], widths: tuple[int, int] = (2600, 3600)) -> str:
    """The cover's document-control block: right-aligned labels, left-aligned values, no
    borders; a value left blank for the 文控 (受控 stamp, 分发号, 持有部门) is a line to fill in."""
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
           f'<w:tblBorders>{_NO_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>'
           '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
           'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>',
           *(f'<w:gridCol w:w="{w}"/>' for w in widths), "</w:tblGrid>"]
    for label, value in rows:
        out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        for width, content, align, line in ((widths[0], label, "right", ""),
                                             (widths[1], value, "left", "" if value else _WRITE_LINE)):
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{line}<w:vAlign w:val="bottom"/></w:tcPr>'
                       f'<w:p><w:pPr><w:pStyle w:val="{COVER_INFO}"/>{_LINE_ON_BASE}<w:jc w:val="{align}"/></w:pPr>'
                       f"{text_run(content) if content else ''}</w:p></w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


# The cover title: 小初 (36 pt) when it fits, else smaller or on two lines (half-points).
TITLE_SIZES = (72, 64, 56)
_OPENING = "（(〔[【《"
_CLOSING = "）)〕]】》"
_NO_LINE_START = _CLOSING + "，。、；：！？”’·"


def _units(value: str) -> float:
    """Width in ems at the title's size: a CJK / full-width character is one em, Latin half."""
    return display_units(value) / 2


def _break_points(title: str, in_brackets: bool = False) -> dict[int, bool]:
    """Where a line may break: index -> natural (before an opening bracket or after a colon /
    dash).  Never before closing punctuation, and inside a bracket pair only `in_brackets`
    (a bracketed part too long for one line)."""
    points, depth = {}, 0
    for i, char in enumerate(title):
        if i and (depth == 0 or in_brackets) and char not in _NO_LINE_START and title[i - 1] not in _OPENING:
            points[i] = char in _OPENING or title[i - 1] in "：:—"
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(0, depth - 1)
    return points


def title_lines(title: str, text_width: int, sizes: tuple[int, ...] = TITLE_SIZES) -> tuple[int, tuple[str, ...]]:
    """(size in half-points, lines) for the cover title on `text_width` twips: from 36 pt
    down, the first size where it fits on one line or on two broken at a natural point (before
    a bracket); else lines balanced at the smallest size, none of one character."""
    def capacity(size: int) -> float:
        return text_width * 0.96 / (size * 10)  # a little air for the bold face

    points = _break_points(title)
    for size in sizes:
        if _units(title) <= capacity(size):
            return size, (title,)
        for at, natural in points.items():
            parts = (title[:at], title[at:])
            if natural and min(map(len, parts)) >= 2 and max(map(_units, parts)) <= capacity(size):
                return size, parts
    size = sizes[-1]
    lines = _balanced(title, sorted(points), capacity(size))
    if max(map(_units, lines)) > capacity(size):  # a bracketed part longer than a line
        lines = _balanced(title, sorted(_break_points(title, in_brackets=True)), capacity(size))
    return size, lines


def _balanced(title: str, points: list[int], capacity: float) -> tuple[str, ...]:
    """The fewest lines within `capacity`, then the most even; each of two or more characters."""
    best: dict[int, tuple[int, float, tuple[int, ...]]] = {0: (0, 0.0, ())}  # start -> (lines, cost, breaks)
    ends = points + [len(title)]
    for start in [0] + points:
        if start not in best:
            continue
        lines, cost, breaks = best[start]
        for end in ends:
            if end <= start or end - start < 2:
                continue
            width = _units(title[start:end])
            if width > capacity and end - start > 2:
                break
            candidate = (lines + 1, cost + (capacity - width) ** 2, breaks + (end,))
            if end not in best or candidate[:2] < best[end][:2]:
                best[end] = candidate
    if len(title) not in best:  # no break point at all (one long Latin word): as it is
        return (title,)
    cuts = (0,) + best[len(title)][2]
    return tuple(title[a:b] for a, b in zip(cuts, cuts[1:]))


def title_sizes(style_size: int) -> tuple[int, ...]:
    """The sizes a cover title tries, from its style's size (sskit's 小初, or a reference
    document's Title) down by 4 and 8 points."""
    return tuple(size for size in (style_size, style_size - 8, style_size - 16) if size >= 24) or (style_size,)


def _title_paragraph(builder: BodyBuilder, size: int, lines: tuple[str, ...], style_size: int) -> None:
    rpr = f'<w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>' if size != style_size else ""
    content = f"<w:r>{rpr}<w:br/></w:r>".join(f'<w:r>{rpr}<w:t xml:space="preserve">{text(line)}</w:t></w:r>'
                                           for line in lines)
    builder.paragraph(TITLE, content=content)


def cover_gaps(logo: bool, title_lines: int) -> tuple[int, ...]:
    """Empty 12 pt lines spacing the cover's blocks: before the company name, the title, the
    document-control block and the approval block.  A logo, and each title line after the
    first (about three empty lines high), take their room from them so the page still holds
    the approval block."""
    gaps = [0, 3, 4, 4] if logo else [2, 4, 4, 5]
    for step in range(3 * (title_lines - 1)):
        at = 1 + step % 3
        gaps[at] = max(1, gaps[at] - 1)
    return tuple(gaps)


def add_cover(builder: BodyBuilder, meta: DocumentMeta, text_width: int, logo: str = "",
              title_size: int = TITLE_SIZES[0]) -> None:
    """The cover page, always portrait (its own section); `logo`: a picture run above the
    company name; `title_size`: the Title style's size (half-points)."""
    # company name high, title at about a third, the document-control block below it and the
    # approval block near the foot
    size, lines = title_lines(meta.title, text_width, title_sizes(title_size))
    gaps = cover_gaps(bool(logo), len(lines))
    if logo:
        builder.paragraph(NORMAL, content=logo, jc="center")
    builder.blank(gaps[0])
    builder.paragraph(COVER_COMPANY, (Span(meta.company_name),))
    builder.blank(gaps[1])
    _title_paragraph(builder, size, lines, title_size)
    builder.blank(gaps[2])
    builder.parts.append(_control_block(meta.control_fields))
    builder.blank(gaps[3])
    date = format_date(meta.issue_date)
    approval = Table(  # 编制 / 审核 / 批准 with a blank row for handwritten signatures
        header=_cells("", "编制", "审核", "批准"),
        rows=(
            _cells("姓名", meta.drafted_by, meta.reviewed_by, meta.approved_by),
            _cells("签名", "", "", ""),
            _cells("日期", date, date, date),
        ),
        align=("center", "center", "center", "center"),
    )
    builder.table(approval, [1400, 2300, 2300, 2300], row_height=560)


def _revision_rows(meta: DocumentMeta) -> tuple:
    return tuple(_cells(r.version, format_date(r.date), r.summary, r.author) for r in meta.revisions) or (
        _cells(meta.version, format_date(meta.issue_date), "首次发布", meta.drafted_by),
    )


def _revision_table(builder: BodyBuilder, meta: DocumentMeta, row_height: int) -> None:
    record = Table(header=_cells("版本", "日期", "修订内容", "修订人"), rows=_revision_rows(meta),
                   align=("center", "center", None, "center"))
    widths = [1200, 1900, 0, 1400]
    widths[2] = builder.page.text_width - sum(widths)
    builder.table(record, widths, row_height=row_height)


def add_revision_record(builder: BodyBuilder, meta: DocumentMeta) -> None:
    builder.paragraph(FRONT_HEADING, (Span("修订记录"),))
    _revision_table(builder, meta, 480)
    builder.gap()


def _cell(value: str, span: int = 1, style: str = BLOCK_TEXT, align: str = "center", shaded: bool = False):
    return (text_run(value) if value else "", span, style, align, shaded)


def add_procedure_head(builder: BodyBuilder, meta: DocumentMeta, logo: str = "") -> None:
    """A procedure's page 1, as consultants lay it out: a header block with the company, the
    title and the document-control data (文件编号, 版本, 页码 as PAGE / NUMPAGES fields, dates,
    受控状态 left for the stamp, 分发号 and 持有部门 for the 文控 to write in, 编制 / 审核 / 批准
    with cells to sign and date by hand), then the 修订记录; the text follows on the same page."""
    label = 1060
    value = (builder.page.text_width - 3 * label) // 3
    widths = [label, value, label, value, label, builder.page.text_width - 3 * label - 2 * value]
    page = (text_run("第 ") + complex_field("PAGE", "1") + text_run(" 页 共 ")
            + complex_field("NUMPAGES", "1") + text_run(" 页"))
    rows = [
        [((logo + text_run(" ") if logo else "") + text_run(meta.company_name), 6, COVER_COMPANY, "center", False)],
        [(text_run(meta.title), 6, BLOCK_TITLE, "center", False)],
        [_cell("文件编号", shaded=True), _cell(meta.number), _cell("版\u3000\u3000本", shaded=True),
         _cell(meta.version), _cell("页\u3000\u3000码", shaded=True), (page, 1, BLOCK_TEXT, "center", False)],
        [_cell("发布日期", shaded=True), _cell(format_date(meta.issue_date)), _cell("实施日期", shaded=True),
         _cell(format_date(meta.effective_date)), _cell("受控状态", shaded=True), _cell(meta.printed_status)],
        [_cell("分\u2002发\u2002号", shaded=True), _cell(""), _cell("持有部门", shaded=True), _cell("", span=3)],
        *([_cell(role, shaded=True), _cell(name), _cell("签\u3000\u3000名", shaded=True), _cell(""),
           _cell("日\u3000\u3000期", shaded=True), _cell("")]
          for role, name in (("编\u3000\u3000制", meta.drafted_by), ("审\u3000\u3000核", meta.reviewed_by),
                             ("批\u3000\u3000准", meta.approved_by))),
    ]
    builder.parts.append(grid_table(widths, rows, row_height=440))
    builder.gap()
    builder.paragraph(CAPTION, (Span("修订记录"),))
    _revision_table(builder, meta, 400)
    builder.gap()


def add_toc_heading(builder: BodyBuilder) -> int:
    """Add the 目录 heading; returns where the TOC goes once the headings are known."""
    builder.paragraph(FRONT_HEADING, (Span(TOC_TITLE),))
    return len(builder.parts)


def toc_paragraphs(entries: list[TocEntry], text_width: int) -> list[str]:
    """The TOC field, its cached result pre-filled with the entries.

    The page numbers are not known until a word processor lays the document out, so each
    cached entry's PAGEREF is empty and its right tab has no dot leader: LibreOffice and WPS,
    which show the cached result, list the headings (each a link) without dots running into
    nothing.  Word rebuilds the whole field, leaders and numbers from the TOC styles, when it
    refreshes it (settings.xml asks it to on opening)."""
    begin = field_char("begin") + instruction(TOC_INSTRUCTION) + field_char("separate")
    if not entries:
        return [paragraph(TOC[1], content=begin + text_run(TOC_PLACEHOLDER) + field_char("end"))]
    tabs = f'<w:tabs><w:tab w:val="right" w:leader="none" w:pos="{text_width}"/></w:tabs>'
    out = []
    for index, entry in enumerate(entries):
        page = complex_field(f"PAGEREF {entry.bookmark} \\h", "")
        link = (f'<w:hyperlink w:anchor="{entry.bookmark}" w:history="1">{text_run(entry.label)}'
                f"<w:r><w:tab/></w:r>{page}</w:hyperlink>")
        out.append(f'<w:p><w:pPr><w:pStyle w:val="{TOC[entry.level]}"/>{tabs}</w:pPr>'
                   f"{begin if index == 0 else ''}{link}</w:p>")
    out.append(paragraph(NORMAL, content=field_char("end")))
    return out
