"""Front matter: cover (封面) with approval block, revision record (修订记录), table of contents.

The TOC is a real `TOC \\o "1-3" \\h \\z \\u` field.  Its cached result is pre-filled with one
entry per heading (number, text, PAGEREF to the heading's bookmark), so the contents page is
populated even before the field is refreshed; settings.xml asks Word to refresh it on open.
"""

from __future__ import annotations


from sskit.phrasing import date_text
from sskit.markup.ir import DocumentMeta, Span, Table

from .body import BodyBuilder, TocEntry
from .fields import complex_field, field_char, instruction, text_run
from .inline import paragraph
from .styles import COVER_COMPANY, COVER_INFO, FRONT_HEADING, NORMAL, TITLE, TOC

TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
TOC_PLACEHOLDER = "（打开文件时自动更新目录）"
TOC_TITLE = "目\u3000\u3000录"
def format_date(value: str) -> str:
    """ISO dates are shown the Chinese way, 2026年1月1日 (as the templates' date filter and
    GB/T 9704 write them); anything else as given."""
    return date_text(value.strip())


def _cells(*texts: str) -> tuple:
    return tuple((Span(t),) if t else () for t in texts)


def add_cover(builder: BodyBuilder, meta: DocumentMeta) -> None:
    # Empty 12 pt lines space the blocks over the page: company name high, title at about a
    # third, the document-control block below it and the approval block near the foot.
    gaps = (1, 2, 2, 2) if builder.page.landscape else (2, 5, 5, 6)
    builder.blank(gaps[0])
    builder.paragraph(COVER_COMPANY, (Span(meta.company_name),))
    builder.blank(gaps[1])
    builder.paragraph(TITLE, (Span(meta.title),))
    builder.blank(gaps[2])
    control = Table(
        header=(),
        rows=tuple(
            _cells(label, value)
            for label, value in (
                ("文件编号：", meta.number),
                ("版\u3000\u3000本：", meta.version),
                ("受控状态：", meta.controlled_status),
                ("发布日期：", format_date(meta.issue_date)),
                ("实施日期：", format_date(meta.effective_date)),
            )
        ),
        align=("right", "left"),
    )
    builder.table(control, [2600, 3600], header_row=False, borders=False, body_style=COVER_INFO)
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
    builder.page_break()


def add_revision_record(builder: BodyBuilder, meta: DocumentMeta) -> None:
    builder.paragraph(FRONT_HEADING, (Span("修订记录"),))
    rows = tuple(_cells(r.version, format_date(r.date), r.summary, r.author) for r in meta.revisions) or (
        _cells(meta.version, format_date(meta.issue_date), "首次发布", meta.drafted_by),
    )
    record = Table(header=_cells("版本", "日期", "修订内容", "修订人"), rows=rows,
                   align=("center", "center", None, "center"))
    widths = [1200, 1900, 0, 1400]
    widths[2] = builder.page.text_width - sum(widths)
    builder.table(record, widths, row_height=480)
    builder.gap()
    builder.page_break()


def add_toc_heading(builder: BodyBuilder) -> int:
    """Add the 目录 heading; returns where the TOC goes once the headings are known."""
    builder.paragraph(FRONT_HEADING, (Span(TOC_TITLE),))
    return len(builder.parts)


def toc_paragraphs(entries: list[TocEntry]) -> list[str]:
    """The TOC field, its cached result pre-filled with the entries."""
    begin = field_char("begin") + instruction(TOC_INSTRUCTION) + field_char("separate")
    if not entries:
        return [paragraph(TOC[1], content=begin + text_run(TOC_PLACEHOLDER) + field_char("end"))]
    out = []
    for index, entry in enumerate(entries):
        # The cached page number is empty: Word recomputes PAGEREF when it refreshes the TOC.
        page = complex_field(f"PAGEREF {entry.bookmark} \\h", "")
        link = (f'<w:hyperlink w:anchor="{entry.bookmark}" w:history="1">{text_run(entry.label)}'
                f"<w:r><w:tab/></w:r>{page}</w:hyperlink>")
        out.append(paragraph(TOC[entry.level], content=(begin if index == 0 else "") + link))
    out.append(paragraph(NORMAL, content=field_char("end")))
    return out
