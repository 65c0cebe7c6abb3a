"""HTML writer: DocumentMeta + Markdown -> a standalone, print-friendly UTF-8 HTML5 page.

markdown-it renders the body from the same token stream the DOCX writer's parser sees; raw
HTML never reaches the page: it is rendered as escaped text, so anything HTML-like in profile
values (or templates) shows literally.  The sskit conventions (`{-}` headings,
`<!-- pagebreak -->`, `<!-- align: … -->`, `表：…` captions, `<br>` in cells) are applied on
the tokens, as `sskit.markup.parse` does for the DOCX writer.
"""

from __future__ import annotations

import re
from html import escape

from markdown_it import MarkdownIt
from markdown_it.token import Token

from sskit.markup.ir import DocumentMeta
from sskit.markup.parse import heading_attributes, soft_break_joiner, strip_heading_attributes

_PAGEBREAK = re.compile(r"^<!--\s*pagebreak\s*-->$", re.IGNORECASE)
_ALIGN = re.compile(r"^<!--\s*align\s*:\s*(body|left|center|centre|right)\s*-->$", re.IGNORECASE)
_CAPTION = re.compile(r"^(?:Table|表)[:：]\s*(.+)$", re.DOTALL)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_LINE_BREAK = re.compile(r"^<br\s*/?>$", re.IGNORECASE)

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


def _conventions(state) -> None:
    """Core rule: apply the sskit comment / heading / caption conventions to the tokens."""
    tokens: list[Token] = state.tokens
    out: list[Token] = []
    for index, tok in enumerate(tokens):
        if tok.type == "html_block":
            source = tok.content.strip()
            match = _ALIGN.match(source)
            if match:
                following = tokens[index + 1] if index + 1 < len(tokens) else None
                value = match.group(1).lower()
                if following is not None and following.type == "paragraph_open" and value != "body":
                    following.attrJoin("class", f"align-{'center' if value == 'centre' else value}")
                continue
            if _PAGEBREAK.match(source):
                tok.meta["pagebreak"] = True
        elif tok.type == "heading_open":
            inline = tokens[index + 1]
            attributes = heading_attributes(inline.content)
            if attributes is not None:
                numbered, anchor = attributes
                if not numbered:
                    tok.attrJoin("class", "unnumbered")
                if anchor:
                    tok.attrSet("id", anchor)
                last = next((c for c in reversed(inline.children or []) if c.type == "text"), None)
                if last is not None:
                    last.content = strip_heading_attributes(last.content)
        elif tok.type == "table_open" and len(out) >= 3 and out[-3].type == "paragraph_open":
            caption = _CAPTION.match(_plain(out[-2]))
            if caption:
                del out[-3:]
                tok.meta["caption"] = caption.group(1).strip()
        elif tok.type == "inline" and tok.children:
            _join_soft_breaks(tok.children)
        out.append(tok)
    state.tokens = _drop_empty_table_heads(out)


def _drop_empty_table_heads(tokens: list[Token]) -> list[Token]:
    """A table whose header cells are all empty is a form grid: no <thead>."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        tok = tokens[index]
        if tok.type == "thead_open":
            end = next(i for i in range(index, len(tokens)) if tokens[i].type == "thead_close")
            if not any(t.type == "inline" and t.content.strip() for t in tokens[index:end]):
                index = end + 1
                continue
        out.append(tok)
        index += 1
    return out


def _join_soft_breaks(children: list[Token]) -> None:
    """Soft breaks inside Chinese text render as nothing: browsers would show a space."""
    for position, child in enumerate(children):
        if child.type != "softbreak":
            continue
        before = next((c.content[-1] for c in reversed(children[:position]) if c.type == "text" and c.content), "")
        after = next((c.content[0] for c in children[position + 1:] if c.type == "text" and c.content), "")
        if not soft_break_joiner(before, after):
            child.type, child.content = "text", ""


def _plain(inline: Token) -> str:
    return "".join(c.content if c.type in ("text", "code_inline") else "\n" if "break" in c.type else ""
                   for c in inline.children or [])


def _html_block(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    if token.meta and token.meta.get("pagebreak"):
        return '<div class="page-break"></div>\n'
    lines = [line.strip() for line in token.content.strip().split("\n")]
    text = lines[0]
    for line in lines[1:]:
        text += soft_break_joiner(text[-1:], line[:1]) + line
    return f"<p>{escape(text)}</p>\n"  # any other raw HTML is shown as the text it is


def _html_inline(self, tokens, idx, options, env) -> str:
    content = tokens[idx].content
    return "<br />\n" if _LINE_BREAK.match(content) else escape(content)


def _table_open(self, tokens, idx, options, env) -> str:
    caption = tokens[idx].meta.get("caption") if tokens[idx].meta else None
    if not caption:
        return "<table>\n"
    env["tables"] = env.get("tables", 0) + 1
    return f"<table>\n<caption>表{env['tables']}\u3000{escape(caption)}</caption>\n"


def _new_renderer() -> MarkdownIt:
    # The same parser settings as sskit.markup.parse (raw HTML is recognised, so the block
    # structure matches the DOCX output), but raw HTML is never emitted: the html_block /
    # html_inline rules below escape it, except `<br>` and the sskit comments.
    md = MarkdownIt("commonmark").enable("table")
    md.core.ruler.push("sskit_conventions", _conventions)
    md.add_render_rule("html_block", _html_block)
    md.add_render_rule("html_inline", _html_inline)
    md.add_render_rule("table_open", _table_open)
    return md


_RENDERER = _new_renderer()


def _date(value: str) -> str:
    match = _ISO_DATE.match(value.strip())
    return f"{match[1]}年{int(match[2])}月{int(match[3])}日" if match else value  # as the DOCX cover


def _cover(meta: DocumentMeta) -> str:
    e = escape
    control = "".join(
        f"<tr><td>{label}</td><td>{e(value)}</td></tr>"
        for label, value in (
            ("文件编号：", meta.number),
            ("版\u3000\u3000本：", meta.version),
            ("受控状态：", meta.controlled_status),
            ("发布日期：", _date(meta.issue_date)),
            ("实施日期：", _date(meta.effective_date)),
        )
    )
    date = e(_date(meta.issue_date))
    approval = (
        "<table class=\"approval\"><thead><tr><th></th><th>编制</th><th>审核</th><th>批准</th></tr></thead><tbody>"
        f"<tr><td>姓名</td><td>{e(meta.drafted_by)}</td><td>{e(meta.reviewed_by)}</td><td>{e(meta.approved_by)}</td></tr>"
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


def write_html(meta: DocumentMeta, markdown_text: str) -> bytes:
    """Render a standalone HTML page.  Pure and deterministic: same input, same bytes."""
    body = _RENDERER.render(markdown_text, {})
    title = escape(f"{meta.title} {meta.number} {meta.version}".strip())
    body_class = ' class="landscape"' if meta.landscape else ""
    page = (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<meta name="author" content="{escape(meta.company_name)}">\n'
        + (f'<meta name="description" content="{escape(meta.subject)}">\n' if meta.subject else "")
        + (f'<meta name="keywords" content="{escape(meta.keywords)}">\n' if meta.keywords else "")
        + f"<style>\n{STYLESHEET}\n</style>\n</head>\n<body{body_class}>\n"
        + (_cover(meta) if meta.cover else "")
        + f"<main>\n{body}</main>\n</body>\n</html>\n"
    )
    return page.encode("utf-8")
