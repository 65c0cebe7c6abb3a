"""Read the drawings of a written .docx back from its XML: the boxes (their texts and rectangles)
and the arrows between them, found geometrically (an arrow joins the box its first point lies
on to the box its last point lies on), so a test compares what Word will show with the data.

    from docx_shapes import shapes_in, read_drawings
    for texts, arrows in shapes_in(docx_bytes): ...   # arrows: (source text, target text)

A flowchart split over several sheets (captions "…（续）") is joined back into one drawing: an
arrow into a lettered off-page connector continues from the connector of the same letter.
A plain module (not conftest) so other test folders can import it
(`sys.path.insert(0, str(Path(__file__).parents[1] / "drawing"))`).
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
V = "urn:schemas-microsoft-com:vml"
NS = {"w": W, "v": V}
_NUMBER = re.compile(r"-?\d+")


@dataclass
class ShapeBox:
    role: str  # node | header | offpage | label | lane
    shape: str  # the VML element: rect, roundrect, shape (diamond), oval
    x: int
    y: int
    w: int
    h: int
    text: str  # the first paragraph of its text box ("\n" for a line break)
    paragraphs: tuple = ()

    def holds(self, point, slack: int = 2) -> bool:
        px, py = point
        return self.x - slack <= px <= self.x + self.w + slack and self.y - slack <= py <= self.y + self.h + slack


@dataclass
class DrawingXml:
    title: str  # the caption without "图N　"
    width: int  # the group's coordinate size
    height: int
    boxes: list = field(default_factory=list)  # ShapeBox
    edges: list = field(default_factory=list)  # (points, dotted, arrow)
    sheets: int = 1

    @property
    def nodes(self) -> list:
        return [b for b in self.boxes if b.role == "node"]

    @property
    def texts(self) -> list:
        return [b.text for b in self.nodes]

    def arrows(self) -> list:
        return [(a.text, b.text) for a, b, _ in self.links()]

    def links(self) -> list:
        """(source box, target box, dotted) per connector; ends on no box give a None."""
        out = []
        for points, dotted, _ in self.edges:
            out.append((self._at(points[0]), self._at(points[-1]), dotted))
        return out

    def _at(self, point):
        hits = [b for b in self.boxes if b.role in ("node", "offpage") and b.holds(point)]
        return hits[0] if len(hits) == 1 else None


def _paragraph_text(p) -> str:
    out = []
    for node in p.iter(f"{{{W}}}t", f"{{{W}}}br"):
        out.append("\n" if node.tag == f"{{{W}}}br" else (node.text or ""))
    return "".join(out)


def _style_box(element) -> tuple[int, int, int, int]:
    style = dict(item.split(":", 1) for item in element.get("style", "").split(";") if ":" in item)
    return tuple(int(style.get(k, "0")) for k in ("left", "top", "width", "height"))


def _path_points(element) -> list:
    numbers = [int(n) for n in _NUMBER.findall(element.get("path", ""))]
    return list(zip(numbers[0::2], numbers[1::2]))


def _sheet(group) -> DrawingXml:
    width, height = (int(n) for n in group.get("coordsize").split(","))
    sheet = DrawingXml("", width, height)
    for element in group:
        role = (element.get("class") or "").removeprefix("sskit-")
        if role == "edge":
            stroke = element.find("v:stroke", NS)
            dotted = stroke is not None and stroke.get("dashstyle") is not None
            arrow = stroke is not None and stroke.get("endarrow") == "block"
            sheet.edges.append((_path_points(element), dotted, arrow))
            continue
        paragraphs = tuple(_paragraph_text(p) for p in element.iterfind(".//w:txbxContent/w:p", NS))
        x, y, w, h = _style_box(element)
        shape = etree.QName(element).localname
        text = paragraphs[0] if paragraphs else ""
        if shape == "shape":  # a diamond's question is broken where the layout wrapped it: one text
            text = text.replace("\n", "")
        sheet.boxes.append(ShapeBox(role, shape, x, y, w, h, text, paragraphs))
    return sheet


def read_drawings(docx: bytes) -> list[DrawingXml]:
    """Every drawing of the document in order, split flowcharts joined."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    body = root.find("w:body", NS)
    paragraphs = body.findall("w:p", NS)  # top level: text boxes hold paragraphs too
    out: list[DrawingXml] = []
    pending = None
    for index, p in enumerate(paragraphs):
        group = p.find("w:r/w:pict/v:group", NS)
        if group is not None:
            pending = _sheet(group)
            continue
        if pending is not None:  # the caption right under the drawing
            caption = "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))
            title = re.sub(r"^图\d+\u3000", "", caption)
            if title.endswith("（续）") and out:
                _join(out[-1], pending)
            else:
                pending.title = title
                out.append(pending)
            pending = None
    return out


def _join(first: DrawingXml, later: DrawingXml) -> None:
    """Append a continuation sheet: its shapes keep their own coordinates, so arrows are resolved
    per sheet first and the off-page connectors matched by letter."""
    resolved = _resolved(first) + _resolved(later)
    first.sheets += later.sheets
    first.boxes = first.boxes + later.boxes
    first.edges = []
    first._resolved = _match_offpage(resolved)


def _resolved(sheet: DrawingXml) -> list:
    if hasattr(sheet, "_resolved"):
        return sheet._resolved
    return sheet.links()


def _match_offpage(links: list) -> list:
    into = {}  # letter -> source boxes
    out_of = {}  # letter -> (target box, dotted)
    plain = []
    for source, target, dotted in links:
        if target is not None and target.role == "offpage":
            into.setdefault(target.text, []).append((source, dotted))
        elif source is not None and source.role == "offpage":
            out_of.setdefault(source.text, []).append(target)
        else:
            plain.append((source, target, dotted))
    for letter, sources in into.items():
        for source, dotted in sources:
            if letter not in out_of:  # continued on a sheet not joined yet
                plain.append((source, next(b for _, b, _ in links if b is not None and b.text == letter
                                          and b.role == "offpage"), dotted))
            for target in out_of.get(letter, []):
                plain.append((source, target, dotted))
    for letter, targets in out_of.items():
        if letter not in into:
            plain += [(next(s for s, _, _ in links if s is not None and s.role == "offpage" and s.text == letter),
                       target, False) for target in targets]
    return plain


def arrows_of(drawing: DrawingXml) -> list:
    """(source text, target text) per arrow; an end on no box is None."""
    links = _resolved(drawing)
    return [(s.text if s else None, t.text if t else None) for s, t, _ in links]


def shapes_in(docx: bytes) -> list[tuple[list[str], list[tuple[str, str]]]]:
    """Per drawing: the texts of its boxes (document order) and its arrows as
    (source text, target text)."""
    return [(d.texts, arrows_of(d)) for d in read_drawings(docx)]
