"""Drawings in the DOCX body: a laid-out `Sheet` (sskit.drawing.layout) -> one inline VML group.

VML (`w:pict` + `v:group`) is what Word itself keeps as the fallback of its shapes, LibreOffice
renders it, and Word edits it: every box is a shape with a text box (`v:textbox` holding
`w:txbxContent`), so a consultant can retype a box or drag it; the group is inline in its own
paragraph, so it reserves its height and moves with the text.  The group's coordinates are the
layout's twips (1/20 pt), so nothing is rounded.  Each shape carries `class="sskit-…"` naming
its role (node, header, lane, offpage, label, edge) for tests and tools reading the XML back.
"""

from __future__ import annotations

from typing import Optional

from sskit.drawing.layout import MAIN, MAIN_LINE, PAD_X, PAD_Y, SMALL, SMALL_LINE, Box, Connector, Label, Sheet
from sskit.markup.ir import Break, Span
from sskit.markup.redline import DEL, Change, DrawingEdit

from .styles import HEI, LATIN_SANS, LATIN_SERIF, SONG
from .wml import attr, text

V_NS = "urn:schemas-microsoft-com:vml"
O_NS = "urn:schemas-microsoft-com:office:office"
# declared on the group, so the drawing needs nothing from the document's root element
_NAMESPACES = f'xmlns:v="{V_NS}" xmlns:o="{O_NS}"'
_FILL = {"box": "#FFFFFF", "group": "#F2F2F2", "decision": "#FFFFFF", "terminator": "#FFFFFF",
         "note": "#FFFFFF", "header": "#D9D9D9", "circle": "#FFFFFF"}
_INSET = f"{PAD_X / 20:g}pt,{PAD_Y / 20:g}pt,{PAD_X / 20:g}pt,{PAD_Y / 20:g}pt"
# a diamond's text sits in its middle half (the path's text box rectangle, in 21600ths)
_DIAMOND = 'coordsize="21600,21600" path="m10800,l,10800,10800,21600,21600,10800xe"'


def pt(twips: int) -> str:
    """Twips as a points length, exact (twips are 1/20 pt)."""
    whole, rest = divmod(int(twips), 20)
    return f"{whole}pt" if not rest else f"{whole}.{rest * 5:02d}".rstrip("0") + "pt"


def sheet_run(sheet: Sheet, number: int, edit: Optional[DrawingEdit] = None) -> str:
    """A `w:r` holding the sheet as one inline VML group; `number` keeps shape ids unique.
    A redline's `edit` gives the marked texts of the boxes (tracked changes in their text boxes)."""
    prefix = f"sskit_d{number}"
    shapes = []
    for box in sheet.boxes:
        if box.role == "lane":
            shapes.append(_lane(box, prefix))
    for index, connector in enumerate(sheet.connectors):
        shapes.append(_connector(connector, f"{prefix}_e{index + 1}"))
    for box in sheet.boxes:
        if box.role != "lane":
            shapes.append(_box(box, prefix, edit))
    for index, connector in enumerate(sheet.connectors):
        if connector.label is not None:
            shapes.append(_label(connector.label, f"{prefix}_l{index + 1}"))
    style = f"width:{pt(sheet.width)};height:{pt(sheet.height)}"
    return (f'<w:r><w:pict><v:group {_NAMESPACES} id="{prefix}" style="{style}" '
            f'coordorigin="0,0" coordsize="{sheet.width},{sheet.height}">{"".join(shapes)}</v:group></w:pict></w:r>')


def _position(x: int, y: int, w: int, h: int) -> str:
    return f"position:absolute;left:{x};top:{y};width:{max(w, 1)};height:{max(h, 1)}"


def _runs(value, size: int, east_asian: str, latin: str, bold: bool = False) -> str:
    """Runs for a text (str) or for marked inlines (a redline's `Change`s in `w:ins` / `w:del`)."""
    fonts = f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asian}" w:cs="{latin}"/>'
    rpr = f"<w:rPr>{fonts}{'<w:b/><w:bCs/>' if bold else ''}<w:sz w:val=\"{size // 10}\"/><w:szCs w:val=\"{size // 10}\"/></w:rPr>"
    inlines = (Span(value),) if isinstance(value, str) else value
    pieces = []
    for inline in inlines:
        if isinstance(inline, Change):
            run = _runs((inline.inline,), size, east_asian, latin, bold)
            if inline.kind == DEL:
                run = run.replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>")
            pieces.append(f"<w:{inline.kind}>{run}</w:{inline.kind}>" if run else "")
        elif isinstance(inline, Break):
            pieces.append(f"<w:r>{rpr}<w:br/></w:r>")
        elif isinstance(inline, Span):
            for number, line in enumerate(inline.text.split("\n")):
                if number:
                    pieces.append(f"<w:r>{rpr}<w:br/></w:r>")
                if line:
                    pieces.append(f'<w:r>{rpr}<w:t xml:space="preserve">{text(line)}</w:t></w:r>')
    return "".join(pieces)


def _paragraph(value, size: int, east_asian: str = SONG, latin: str = LATIN_SERIF, bold: bool = False,
               mark: Optional[str] = None) -> str:
    pitch = MAIN_LINE if size == MAIN else SMALL_LINE  # exact: the layout measured lines at it
    ppr = ('<w:pPr><w:snapToGrid w:val="0"/>'
           f'<w:spacing w:before="0" w:after="0" w:line="{pitch}" w:lineRule="exact"/>'
           '<w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="center"/>'
           f'{f"<w:rPr><w:{mark}/></w:rPr>" if mark else ""}</w:pPr>')
    return f"<w:p>{ppr}{_runs(value, size, east_asian, latin, bold)}</w:p>"


def _text_box(paragraphs: str, inset: str = _INSET) -> str:
    return f'<v:textbox inset="{inset}"><w:txbxContent>{paragraphs}</w:txbxContent></v:textbox>'


def _box(box: Box, prefix: str, edit: Optional[DrawingEdit] = None) -> str:
    ident = f'id="{prefix}_{attr(box.id)}" class="sskit-{box.role}"'
    position = _position(box.x, box.y, box.w, box.h) + ";v-text-anchor:middle"
    node = box.id.removeprefix("ref-").removeprefix("records-")

    def marked(field: str, key: str, value: str, lead: str = ""):
        """The text as given, or as the redline marked it."""
        inlines = edit.text(field, key) if edit is not None else None
        if inlines is None:
            return lead + value
        if not lead:
            return inlines
        return ((Change(edit.kind, Span(lead)) if edit.kind else Span(lead)),) + tuple(inlines)

    mark = edit.kind if edit is not None else None
    if box.role == "header":
        content = _paragraph(marked("lane", box.id.removeprefix("header"), box.text), MAIN, HEI, LATIN_SANS,
                             bold=True, mark=mark)
    elif box.role == "records":
        records = box.records_text.removeprefix("记录：")
        content = _paragraph(marked("records", node, records, "记录："), SMALL, mark=mark)
    else:
        content = _paragraph(marked("text", node, box.text), box.size, mark=mark)
        if box.detail_text:
            content += _paragraph(marked("detail", node, box.detail_text), SMALL, mark=mark)
        if box.records_text:
            records = box.records_text.removeprefix("记录：")
            content += _paragraph(marked("records", node, records, "记录："), SMALL, mark=mark)
    inner = _text_box(content)
    fill = f'fillcolor="{_FILL.get(box.shape, "#FFFFFF")}" strokecolor="#000000" strokeweight="0.75pt"'
    if box.shape == "decision":
        return (f'<v:shape {ident} style="{position}" {_DIAMOND} {fill}>'
                '<v:path textboxrect="5400,5400,16200,16200"/>'
                f"{inner}</v:shape>")
    if box.shape == "terminator":
        return f'<v:roundrect {ident} style="{position}" arcsize="50%" {fill}>{inner}</v:roundrect>'
    if box.shape == "circle":
        return f'<v:oval {ident} style="{position}" {fill}>{_text_box(content, "0,0,0,0")}</v:oval>'
    if box.shape == "group":
        return (f'<v:rect {ident} style="{position}" {fill}><v:stroke linestyle="thinThin"/>'
                f"{inner}</v:rect>")
    if box.shape == "note" or box.role in ("offpage", "records"):  # annotations, copies: dashed
        return (f'<v:rect {ident} style="{position}" {fill}><v:stroke dashstyle="dash"/>'
                f"{inner}</v:rect>")
    return f'<v:rect {ident} style="{position}" {fill}>{inner}</v:rect>'


def _lane(box: Box, prefix: str) -> str:
    return (f'<v:rect id="{prefix}_{attr(box.id)}" class="sskit-lane" '
            f'style="{_position(box.x, box.y, box.w, box.h)}" filled="f" strokecolor="#000000" '
            'strokeweight="0.75pt"/>')


def _connector(connector: Connector, ident: str) -> str:
    """A line of straight segments (a freeform `v:shape`), dashed when dotted, arrowed at its end."""
    xs = [x for x, _ in connector.points]
    ys = [y for _, y in connector.points]
    left, top = min(xs), min(ys)
    w, h = max(max(xs) - left, 1), max(max(ys) - top, 1)
    (x0, y0), rest = connector.points[0], connector.points[1:]
    path = f"m{x0},{y0}l" + ",".join(f"{x},{y}" for x, y in rest) + "e"
    stroke = ('dashstyle="dash" ' if connector.style == "dotted" else "") + (
        'endarrow="block" endarrowwidth="medium" endarrowlength="medium"' if connector.arrow else "")
    return (f'<v:shape id="{ident}" class="sskit-edge" style="{_position(left, top, w, h)}" '
            f'coordorigin="{left},{top}" coordsize="{w},{h}" path="{path}" filled="f" '
            f'strokecolor="#000000" strokeweight="0.75pt">{f"<v:stroke {stroke.strip()}/>" if stroke else ""}</v:shape>')


def _label(label: Label, ident: str) -> str:
    content = _paragraph(label.text, SMALL)
    return (f'<v:rect id="{ident}" class="sskit-label" style="{_position(label.x, label.y, label.w, label.h)}" '
            f'filled="f" stroked="f">{_text_box(content, "1.5pt,0.5pt,1.5pt,0.5pt")}</v:rect>')
