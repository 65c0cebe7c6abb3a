"""SVG writer for drawings: a `Drawing` (IR) -> SVG of the layout the DOCX writer uses
(sskit.drawing.layout).  `drawing_svg` gives a standalone SVG file (the Markdown output's side
file); `sheet_svg` the element the HTML writer puts inline.  Pure and deterministic.

The SVG user unit is the layout's twip (1/20 pt); text is placed line by line as the layout
wrapped it (SVG has no text wrapping of its own).
"""

from __future__ import annotations

import re
from html import escape

from sskit.drawing.layout import MAIN, MAIN_LINE, SMALL, SMALL_LINE, Box, Connector, Label, Sheet, layout_drawing
from sskit.markup.ir import Drawing

_INVALID = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
SERIF = "'Times New Roman', SimSun, 'Songti SC', 'Noto Serif CJK SC', serif"
SANS = "Arial, SimHei, 'Heiti SC', 'Noto Sans CJK SC', sans-serif"
_FILL = {"group": "#F2F2F2", "header": "#D9D9D9"}
_STROKE = 15  # 0.75 pt


def _e(value: str) -> str:
    value = str(value)
    return escape(_INVALID.sub("", value) if _INVALID.search(value) else value)


def drawing_svg(drawing: Drawing, width_pt: float) -> str:
    """The whole drawing as one standalone SVG document `width_pt` points wide (a flowchart is
    not split: an SVG has no pages)."""
    sheet = layout_drawing(drawing, int(round(width_pt * 20)), max_height=10 ** 9)[0]
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + sheet_svg(sheet, "d") + "\n")


def sheet_svg(sheet: Sheet, prefix: str) -> str:
    """An `<svg>` element for one sheet; `prefix` keeps its marker ids unique in a page."""
    arrow = f"{prefix}-arrow"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{sheet.width / 20:g}pt" '
           f'height="{sheet.height / 20:g}pt" viewBox="0 0 {sheet.width} {sheet.height}" role="img" '
           f'aria-label="{_e(sheet.title)}">',
           f'<title>{_e(sheet.title)}</title>',
           f'<defs><marker id="{arrow}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" '
           'orient="auto-start-reverse" markerUnits="strokeWidth"><path d="M0,0 L10,5 L0,10 z" fill="#000"/>'
           '</marker></defs>']
    for box in sheet.boxes:
        if box.role == "lane":
            out.append(f'<rect class="lane" x="{box.x}" y="{box.y}" width="{box.w}" height="{box.h}" '
                       f'fill="none" stroke="#000" stroke-width="{_STROKE}"/>')
    for connector in sheet.connectors:
        out.append(_connector(connector, arrow))
    for box in sheet.boxes:
        if box.role != "lane":
            out.append(_box(box))
    for connector in sheet.connectors:
        if connector.label is not None:
            out.append(_label(connector.label))
    out.append("</svg>")
    return "\n".join(out)


def _connector(connector: Connector, arrow: str) -> str:
    points = " ".join(f"{x},{y}" for x, y in connector.points)
    dash = ' stroke-dasharray="60,45"' if connector.style == "dotted" else ""
    marker = f' marker-end="url(#{arrow})"' if connector.arrow else ""
    return (f'<polyline class="edge" data-source="{_e(connector.source)}" data-target="{_e(connector.target)}" '
            f'points="{points}" fill="none" stroke="#000" stroke-width="{_STROKE}"{dash}{marker}/>')


def _shape(box: Box) -> str:
    fill = _FILL.get(box.shape, "#FFFFFF")
    common = f'fill="{fill}" stroke="#000" stroke-width="{_STROKE}"'
    if box.shape == "decision":
        points = f"{box.cx},{box.y} {box.right},{box.cy} {box.cx},{box.bottom} {box.x},{box.cy}"
        return f'<polygon points="{points}" {common}/>'
    if box.shape == "terminator":
        return f'<rect x="{box.x}" y="{box.y}" width="{box.w}" height="{box.h}" rx="{box.h // 2}" {common}/>'
    if box.shape == "circle":
        return f'<ellipse cx="{box.cx}" cy="{box.cy}" rx="{box.w // 2}" ry="{box.h // 2}" {common}/>'
    dash = ' stroke-dasharray="60,45"' if box.shape == "note" or box.role in ("offpage", "records") else ""
    return f'<rect x="{box.x}" y="{box.y}" width="{box.w}" height="{box.h}" {common}{dash}/>'


def _lines(lines, x: int, top: int, size: int, pitch: int, family: str, weight: str = "") -> list[str]:
    out = []
    for number, line in enumerate(lines):
        baseline = top + number * pitch + (pitch - size) // 2 + size * 7 // 8
        out.append(f'<text x="{x}" y="{baseline}" font-size="{size}" font-family="{family}"{weight} '
                   f'text-anchor="middle">{_e(line)}</text>')
    return out


def _box(box: Box) -> str:
    x, y, w, h = box.text_box()
    pitch = MAIN_LINE if box.size == MAIN else SMALL_LINE
    total = len(box.lines) * pitch + len(box.detail + box.records) * SMALL_LINE
    top = y + (h - total) // 2
    family, weight = (SANS, ' font-weight="bold"') if box.role == "header" else (SERIF, "")
    parts = [f'<g class="{box.role}" data-id="{_e(box.id)}">', _shape(box)]
    parts += _lines(box.lines, x + w // 2, top, box.size, pitch, family, weight)
    parts += _lines(box.detail + box.records, x + w // 2, top + len(box.lines) * pitch, SMALL, SMALL_LINE, SERIF)
    parts.append("</g>")
    return "".join(parts)


def _label(label: Label) -> str:
    return "".join(_lines(label.lines, label.x + label.w // 2, label.y + (label.h - len(label.lines) * SMALL_LINE) // 2,
                          SMALL, SMALL_LINE, SERIF))
