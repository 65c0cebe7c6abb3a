"""HTML writer: DocumentMeta + IR blocks -> a standalone, print-friendly UTF-8 HTML5 page.

It renders the same blocks the DOCX writer sees (`sskit.markup.parse_markdown`), so the sskit
conventions (`{-}` headings and anchors, `<!-- pagebreak -->`, `<!-- align: … -->`, `表：…`
captions, `<br>` in cells) arrive already applied.  Every piece of text from the blocks and
the DocumentMeta is escaped, and control characters HTML does not allow are dropped: nothing
from the data can become markup.
"""

from __future__ import annotations

import re
from html import escape
from typing import Iterable, Optional, Sequence

from sskit.drawing.layout import layout_drawing
from sskit.phrasing import date_text
from sskit.markup.ir import (Block, Break, DocumentMeta, Drawing, Heading, Inline, ListBlock, PageBreak, Paragraph,
                             Span, Table)
from sskit.markup.merges import content, has_merges, merge_plan
from sskit.writers.docx.page import page_geometry
from sskit.writers.svg import sheet_svg

# C0 controls other than tab and newline, DEL, C1 controls, lone surrogates (unencodable) and
# the noncharacters U+FFFE / U+FFFF: never valid in an HTML page, so they are dropped.
_INVALID = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_ALIGNS = ("left", "center", "right")
_LINE_BREAK = "<br />\n"
# drawings are laid out to the page's text width (twips), as in the DOCX


def _e(value: str) -> str:
    """Text or attribute value: invalid characters dropped, `& < > " '` escaped."""
    value = str(value)
    return escape(_INVALID.sub("", value) if _INVALID.search(value) else value)


STYLESHEET = """
@page { size: A4; margin: 2.54cm 3.17cm; }
@page landscape { size: A4 landscape; margin: 2.2cm 2.54cm; }
body { font-family: "Times New Roman", "SimSun", "Songti SC", "Noto Serif CJK SC", serif;
       font-size: 12pt; line-height: 1.5; color: #000; max-width: 16cm; margin: 2em auto; }
body.landscape { max-width: 24.6cm; page: landscape; }
h1, h2, h3, h4, h5, h6, caption, .company, .doc-title, th {
       font-family: Arial, "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
h1 { font-size: 16pt; } h2 { font-size: 14pt; } h3, h4, h5, h6 { font-size: 12pt; }
h1, h2, h3, h4 { page-break-after: avoid; break-after: avoid; }
main p { text-align: justify; text-indent: 2em; margin: 0; }
main p.align-left, main p.align-center, main p.align-right, li p, td p { text-indent: 0; }
p.align-left { text-align: left; } p.align-center { text-align: center; } p.align-right { text-align: right; }
main { counter-reset: h1; }
main h1.unnumbered { text-align: center; }
main h1:not(.unnumbered) { counter-increment: h1; counter-reset: h2; }
main h2:not(.unnumbered) { counter-increment: h2; counter-reset: h3; }
main h3:not(.unnumbered) { counter-increment: h3; counter-reset: h4; }
main h4:not(.unnumbered) { counter-increment: h4; }
main h1:not(.unnumbered)::before { content: counter(h1) " "; }
main h2:not(.unnumbered)::before { content: counter(h1) "." counter(h2) " "; }
main h3:not(.unnumbered)::before { content: counter(h1) "." counter(h2) "." counter(h3) " "; }
main h4:not(.unnumbered)::before { content: counter(h1) "." counter(h2) "." counter(h3) "." counter(h4) " "; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 10.5pt; line-height: 1.3; }
th, td { border: 1px solid #000; padding: 3px 6px; vertical-align: middle; }
th { background: #d9d9d9; text-align: center; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
caption { font-weight: bold; font-size: 10.5pt; padding: 0.3em; caption-side: top; }
code { font-family: Consolas, "Courier New", monospace; }
figure.drawing { margin: 0.5em 0 1em; text-align: center; page-break-inside: avoid; break-inside: avoid; }
figure.drawing svg { max-width: 100%; height: auto; }
figure.drawing figcaption { font-family: Arial, "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif;
       font-weight: bold; font-size: 10.5pt; padding: 0.3em; }
.page-break { page-break-after: always; break-after: page; }
header.cover { text-align: center; page-break-after: always; break-after: page; }
header.cover .company { font-size: 18pt; margin-top: 3em; }
header.cover .doc-title { font-size: 32pt; margin: 1.5em 0; }
header.cover table { width: auto; margin: 1em auto; font-size: 12pt; }
header.cover table.doc-control td { border: none; text-align: left; }
header.cover table.doc-control td:first-child { text-align: right; }
header.cover table.approval, header.cover table.revisions { width: 100%; }
@media screen { body { padding: 0 1em; } }
""".strip()


def _inlines(inlines: Iterable[Inline]) -> str:
    out: list[str] = []
    for inline in inlines:
        if isinstance(inline, Break):
            out.append(_LINE_BREAK)
        elif isinstance(inline, Span):
            text = _e(inline.text)
            if inline.code:
                text = f"<code>{text}</code>"
            if inline.italic:
                text = f"<em>{text}</em>"
            if inline.bold:
                text = f"<strong>{text}</strong>"
            out.append(text)
    return "".join(out)


class _Body:
    """Blocks -> HTML fragments; holds the one piece of per-document state, the table number."""

    def __init__(self, landscape: bool = False) -> None:
        self.tables = 0
        self.figures = 0
        self.text_width = page_geometry(bool(landscape)).text_width  # drawings as wide as in Word
        self.out: list[str] = []

    def blocks(self, blocks: Iterable[Block]) -> None:
        for block in blocks:
            self.block(block)

    def block(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            self.out.append(f"<p{_align_class(block.align)}>{_inlines(block.inlines)}</p>\n")
        elif isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, ListBlock):
            self.list(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, PageBreak):
            self.out.append('<div class="page-break"></div>\n')
        elif isinstance(block, Drawing):
            self.drawing(block)
        else:
            raise TypeError(f"not an IR block: {block!r}")

    def drawing(self, drawing: Drawing) -> None:
        """Inline SVG of the DOCX's layout (one sheet: a web page has no page height) and its caption."""
        self.figures += 1
        sheet = layout_drawing(drawing, self.text_width, max_height=10 ** 9)[0]
        self.out.append(f'<figure class="drawing">\n{sheet_svg(sheet, f"fig{self.figures}")}\n'
                        f"<figcaption>图{self.figures}\u3000{_e(drawing.title)}</figcaption>\n</figure>\n")

    def heading(self, block: Heading) -> None:
        level = max(1, min(int(block.level), 6))
        attributes = ("" if block.numbered else ' class="unnumbered"') + (
            f' id="{_e(block.anchor)}"' if block.anchor else "")
        self.out.append(f"<h{level}{attributes}>{_inlines(block.inlines)}</h{level}>\n")

    def list(self, block: ListBlock) -> None:
        tag = "ol" if block.ordered else "ul"
        start = f' start="{int(block.start)}"' if block.ordered and block.start != 1 else ""
        self.out.append(f"<{tag}{start}>\n")
        for item in block.items:
            self.out.append("<li>")
            rest: Sequence[Block] = item
            # The item's first paragraph is its text, as the DOCX writer numbers it: no <p>.
            if item and isinstance(item[0], Paragraph) and item[0].align not in _ALIGNS:
                self.out.append(_inlines(item[0].inlines))
                rest = item[1:]
            if rest:
                self.out.append("\n")
                self.blocks(rest)
            self.out.append("</li>\n")
        self.out.append(f"</{tag}>\n")

    def table(self, table: Table) -> None:
        self.out.append("<table>\n")
        if table.caption:
            self.tables += 1
            self.out.append(f"<caption>表{self.tables}\u3000{_e(table.caption)}</caption>\n")
        if table.header:  # a form grid (all header cells empty) has none
            self.out.append("<thead>\n")
            self.row("th", table.header, table.align)
            self.out.append("</thead>\n")
        if table.rows:
            self.out.append("<tbody>\n")
            if has_merges(table.rows):
                columns = max(len(table.header), max(len(r) for r in table.rows))
                for row, plan in zip(table.rows, merge_plan(table.rows, columns)):
                    self.merged_row(row, plan, table.align)
            else:
                for row in table.rows:
                    self.row("td", row, table.align)
            self.out.append("</tbody>\n")
        self.out.append("</table>\n")

    def merged_row(self, cells, plan, align) -> None:
        """Cells that start a merge carry rowspan / colspan; the cells they cover are left out."""
        self.out.append("<tr>\n")
        for column, step in enumerate(plan):
            if step is None or step[0] == 1:
                continue
            _, rows, cols = step
            attrs = (f' rowspan="{rows}"' if rows > 1 else "") + (f' colspan="{cols}"' if cols > 1 else "")
            value = align[column] if column < len(align) else None
            attrs += f' style="text-align:{value}"' if value in _ALIGNS else ""
            cell = content(cells[column]) if column < len(cells) else ()
            self.out.append(f"<td{attrs}>{_inlines(cell)}</td>\n")
        self.out.append("</tr>\n")

    def row(self, tag: str, cells: Sequence[Sequence[Inline]], align: Sequence[Optional[str]]) -> None:
        self.out.append("<tr>\n")
        for column, cell in enumerate(cells):
            value = align[column] if column < len(align) else None
            style = f' style="text-align:{value}"' if value in _ALIGNS else ""
            self.out.append(f"<{tag}{style}>{_inlines(cell)}</{tag}>\n")
        self.out.append("</tr>\n")


def _align_class(align: str) -> str:
    return f' class="align-{align}"' if align in _ALIGNS else ""


def _date(value: str) -> str:
    return date_text(value.strip())  # as the DOCX cover


def _cover(meta: DocumentMeta) -> str:
    e = _e
    control = "".join(
        f"<tr><td>{label}</td><td>{e(value)}</td></tr>"
        for label, value in meta.control_fields
    )
    date = e(_date(meta.issue_date))
    approval = (
        "<table class=\"approval\"><thead><tr><th></th><th>编制</th><th>审核</th><th>批准</th></tr></thead><tbody>"
        f"<tr><td>姓名</td><td>{e(meta.drafted_by)}</td><td>{e(meta.reviewed_by)}</td><td>{e(meta.approved_by)}</td></tr>"
        "<tr><td>签名</td><td></td><td></td><td></td></tr>"
        f"<tr><td>日期</td><td>{date}</td><td>{date}</td><td>{date}</td></tr></tbody></table>"
    )
    revisions = meta.revisions or ()
    rows = "".join(
        f"<tr><td>{e(r.version)}</td><td>{e(_date(r.date))}</td><td>{e(r.summary)}</td><td>{e(r.author)}</td></tr>"
        for r in revisions
    ) or (f"<tr><td>{e(meta.version)}</td><td>{date}</td><td>首次发布</td><td>{e(meta.drafted_by)}</td></tr>")
    record = ("<table class=\"revisions\"><caption>修订记录</caption><thead><tr><th>版本</th><th>日期</th>"
              f"<th>修订内容</th><th>修订人</th></tr></thead><tbody>{rows}</tbody></table>")
    return (
        '<header class="cover">\n'
        f'<p class="company">{e(meta.company_name)}</p>\n'
        f'<p class="doc-title">{e(meta.title)}</p>\n'
        f'<table class="doc-control"><tbody>{control}</tbody></table>\n'
        f"{approval}\n{record}\n</header>\n"
    )


def write_html(meta: DocumentMeta, blocks: Iterable[Block]) -> bytes:
    """Render a standalone HTML page from IR blocks.  Pure and deterministic: same input, same bytes."""
    if isinstance(blocks, (str, bytes)):  # the old `write_html(meta, markdown)` call
        raise TypeError("write_html takes IR blocks (sskit.markup.parse_markdown), not Markdown text")
    builder = _Body(meta.landscape)
    builder.blocks(blocks)
    body = "".join(builder.out)
    title = _e(f"{meta.title} {meta.number} {meta.version}".strip())
    body_class = ' class="landscape"' if meta.landscape else ""
    page = (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<meta name="author" content="{_e(meta.company_name)}">\n'
        + (f'<meta name="description" content="{_e(meta.subject)}">\n' if meta.subject else "")
        + (f'<meta name="keywords" content="{_e(meta.keywords)}">\n' if meta.keywords else "")
        + f"<style>\n{STYLESHEET}\n</style>\n</head>\n<body{body_class}>\n"
        + (_cover(meta) if meta.cover else "")
        + f"<main>\n{body}</main>\n</body>\n</html>\n"
    )
    return page.encode("utf-8")
