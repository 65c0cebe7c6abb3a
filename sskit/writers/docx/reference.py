"""The client's Word template (a reference .docx, as pandoc's --reference-doc): read once into a
pure value the writer applies to every document.

Taken from the reference: the look (fonts, size, colour, bold / italic) of each style sskit uses,
found by style id or by Word's built-in style name, with theme fonts resolved through its theme;
its page margins; the pictures of its default header and footer (a letterhead, a logo) with their
image parts.  sskit's own structure stays: numbering, contents, tables, cover.  A style the
reference lacks keeps sskit's look.

The file is untrusted input: it is opened within the caps of `sskit.profile.assets` (the same
`sskit check` applies), each part is unpacked to at most its cap and all of them to at most
MAX_UNPACKED_BYTES, so a zip bomb is an error, not gigabytes of memory.  Margins that leave less
than 60 % of an A4 page (either way round) for text are not taken: sskit's margins stay and
`Reference.notes` says why.  A font size outside the schema's 1..1638 pt is ignored.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from typing import Optional

from lxml import etree

from sskit.diagnostics import Diagnostic, ExitCode, SskitError
from sskit.profile.assets import (MAX_PART_BYTES, MAX_REFERENCE_BYTES, MAX_UNPACKED_BYTES, check_word_package,
                                  read_part)

from .image import A_NS, PIC_NS, REL_IMAGE, WP_NS, ImagePart
from .page import PORTRAIT, Margins
from .styles import (BODY, CAPTION, COVER_COMPANY, COVER_INFO, FOOTER, FRONT_HEADING, HEADER, HEADINGS,
                     LIST_PARAGRAPH, NORMAL, TABLE_HEADING, TABLE_TEXT, TITLE, TOC, Look)
from .wml import R_NS, W_NS

W = f"{{{W_NS}}}"
R = f"{{{R_NS}}}"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
# namespaces a copied picture may keep: the rest (Word 2010+ extensions) would not validate
_KEEP_NS = {W_NS, R_NS, WP_NS, A_NS, PIC_NS}
_IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "gif": "image/gif"}
# the margins of both sides together leave at least 60 % of the short side of A4 for text: they
# apply to portrait and landscape pages alike
_MAX_MARGIN_PAIR = PORTRAIT.width * 2 // 5
_MIN_SIZE, _MAX_SIZE = 2, 3276  # w:sz in half-points (ST_HpsMeasure)

# sskit's style ids -> Word's built-in style name (lower case), for references whose ids differ
# (a Chinese Word names its style ids 1, 2, a3 … but keeps the built-in names)
_BUILT_IN = {NORMAL: "normal", BODY: "body text", TITLE: "title", CAPTION: "caption",
             LIST_PARAGRAPH: "list paragraph", HEADER: "header", FOOTER: "footer",
             **{sid: f"heading {level}" for level, sid in HEADINGS.items()},
             **{sid: f"toc {level}" for level, sid in TOC.items()}}
_OWN = (COVER_COMPANY, COVER_INFO, FRONT_HEADING, TABLE_TEXT, TABLE_HEADING)  # matched by id only


@dataclass(frozen=True)
class Reference:
    source: str  # the file, for messages
    looks: tuple[tuple[str, Look], ...]  # sskit style id -> the reference's look for it
    margins: Optional[Margins]
    header_art: str  # paragraphs holding the header's pictures ("" when none)
    footer_art: str
    images: tuple[ImagePart, ...]  # name relative to word/media/
    header_images: tuple[tuple[str, str], ...] = ()  # (relationship id, media name)
    footer_images: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()  # what of the reference was not taken, and why (warnings)

    def header_rels(self) -> list[tuple[str, str, str]]:
        return [(rid, REL_IMAGE, f"media/{name}") for rid, name in self.header_images]

    def footer_rels(self) -> list[tuple[str, str, str]]:
        return [(rid, REL_IMAGE, f"media/{name}") for rid, name in self.footer_images]

    @property
    def fonts(self) -> tuple[str, ...]:
        names = []
        for _, look in self.looks:
            names += [f for f in (look.latin, look.east_asia) if f and f not in names]
        return tuple(names)


def _fail(source: str, message: str, hint: str = "") -> SskitError:
    return SskitError([Diagnostic(source, 0, 0, message, hint=hint or
                                  "give a Word document (.docx) saved by Word, WPS or LibreOffice, at most "
                                  f"{MAX_REFERENCE_BYTES // (1024 * 1024)} MB; or build without the reference "
                                  "document to keep sskit's look")],
                      ExitCode.INVALID)


def load_reference(data: bytes, source: str) -> Reference:
    """Parse a reference .docx; a file that is not one raises SskitError naming `source`."""
    try:
        archive = check_word_package(data)
    except ValueError as error:
        raise _fail(source, f"reference document {error}") from None
    reader = _Package(archive, set(archive.namelist()), source)
    main = reader.target("", _OFFICE_DOC)
    if main is None:
        raise _fail(source, "reference document has no main document part (is it a .docx?)")
    document = reader.xml(main)
    if document.tag != f"{W}document":
        raise _fail(source, f"reference document's main part {main} is not a Word document")
    theme = reader.target(main, _THEME)
    styles = reader.target(main, _STYLES)
    fonts = _theme_fonts(reader.xml(theme)) if theme else {}
    looks = _looks(reader.xml(styles), fonts) if styles else ()
    section = document.find(f"{W}body/{W}sectPr")
    margins, notes = _margins(section), ()
    if margins is not None and (margins.left + margins.right > _MAX_MARGIN_PAIR
                                or margins.top + margins.bottom > _MAX_MARGIN_PAIR):
        notes = (f"the margins of the reference document {source} (top {margins.top}, bottom {margins.bottom}, "
                 f"left {margins.left}, right {margins.right} twips) leave less than 60 % of an A4 page for "
                 "text; sskit's margins are used instead",)
        margins = None
    header_art, header_images, footer_art, footer_images, images = "", (), "", (), []
    if section is not None:
        header_art, header_images = _art(reader, main, section, "header", images)
        footer_art, footer_images = _art(reader, main, section, "footer", images, header_art.count("<w:r>"))
    return Reference(source, looks, margins, header_art, footer_art, tuple(images),
                     header_images, footer_images, notes)


class _Package:
    """The parts of the package, each unpacked once and all of them within MAX_UNPACKED_BYTES."""

    def __init__(self, archive: zipfile.ZipFile, names: set[str], source: str) -> None:
        self.archive, self.names, self.source = archive, names, source
        self.parts: dict[str, bytes] = {}
        self.left = MAX_UNPACKED_BYTES

    def read(self, name: str) -> bytes:
        if name in self.parts:
            return self.parts[name]
        if name not in self.names:
            raise _fail(self.source, f"reference document lacks its part {name}")
        try:
            data = read_part(self.archive, name, min(MAX_PART_BYTES, self.left))
        except ValueError as error:
            raise _fail(self.source, f"reference document's {error}") from None
        self.left -= len(data)
        self.parts[name] = data
        return data

    def xml(self, name: str):
        try:
            return etree.fromstring(self.read(name), etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError as error:
            raise _fail(self.source, f"reference document's part {name} is not well-formed XML: {error}") from None

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """id -> (type, target part name) of `part` ("" for the package)."""
        folder, base = posixpath.split(part)
        name = posixpath.join(folder, "_rels", f"{base}.rels")
        if name not in self.names:
            return {}
        out = {}
        for rel in self.xml(name).iter(f"{{{_REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id", "")] = (rel.get("Type", ""), target)
        return out

    def target(self, part: str, rel_type: str) -> Optional[str]:
        return next((t for kind, t in sorted(self.rels(part).values()) if kind == rel_type), None)


def _theme_fonts(theme) -> dict[str, str]:
    """minorHAnsi, minorEastAsia, majorHAnsi … -> the typeface the theme gives it."""
    out = {}
    a = f"{{{A_NS}}}"
    for kind in ("major", "minor"):
        scheme = theme.find(f".//{a}fontScheme/{a}{kind}Font")
        if scheme is None:
            continue
        latin = scheme.find(f"{a}latin")
        ea = scheme.find(f"{a}ea")
        hans = next((f.get("typeface") for f in scheme.findall(f"{a}font") if f.get("script") == "Hans"), "")
        latin_face = latin.get("typeface", "") if latin is not None else ""
        ea_face = (ea.get("typeface", "") if ea is not None else "") or hans
        for suffix in ("HAnsi", "Ascii", "Bidi"):
            if latin_face:
                out[f"{kind}{suffix}"] = latin_face
        if ea_face:
            out[f"{kind}EastAsia"] = ea_face
    return out


def _looks(styles, theme: dict[str, str]) -> tuple[tuple[str, Look], ...]:
    by_id = {s.get(f"{W}styleId"): s for s in styles.iter(f"{W}style") if s.get(f"{W}type") == "paragraph"}
    by_name = {}
    for style in by_id.values():
        name = style.find(f"{W}name")
        if name is not None:
            by_name.setdefault(name.get(f"{W}val", "").lower(), style)
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    out = []
    for sid in (NORMAL, BODY, *HEADINGS.values(), TITLE, *_OWN, CAPTION, LIST_PARAGRAPH, *TOC.values(), HEADER, FOOTER):
        style = by_name.get(_BUILT_IN[sid]) if sid in _BUILT_IN else None
        if style is None:
            style = by_id.get(sid)
        if style is None:
            continue  # sskit's own look for this one
        look = _resolve(style, by_id, defaults, theme)
        if look != Look():
            out.append((sid, look))
    return tuple(out)


def _resolve(style, by_id: dict, defaults, theme: dict[str, str]) -> Look:
    """The style's run look, through its basedOn chain down to the document defaults."""
    chain, seen = [], set()
    while style is not None and id(style) not in seen and len(chain) < 20:
        seen.add(id(style))
        chain.append(style.find(f"{W}rPr"))
        based = style.find(f"{W}basedOn")
        style = by_id.get(based.get(f"{W}val")) if based is not None else None
    chain.append(defaults)
    values: dict[str, object] = {}
    for rpr in chain:
        if rpr is None:
            continue
        fonts = rpr.find(f"{W}rFonts")
        if fonts is not None:
            for key, attrs in (("latin", ("ascii", "hAnsi")), ("east_asia", ("eastAsia",))):
                if key in values:
                    continue
                for attr in attrs:
                    theme_face = theme.get(fonts.get(f"{W}{attr}Theme", ""), "")
                    face = theme_face or fonts.get(f"{W}{attr}", "")
                    if face:
                        values[key] = face
                        break
        size = _half_points(rpr.find(f"{W}sz"))
        if size is not None and "size" not in values:
            values["size"] = size
        color = rpr.find(f"{W}color")
        if color is not None and "color" not in values:
            value = color.get(f"{W}val", "")
            if len(value) == 6 and all(c in "0123456789ABCDEFabcdef" for c in value):
                values["color"] = value.upper()
        for key in ("b", "i"):
            flag = rpr.find(f"{W}{key}")
            if flag is not None and key not in values:
                values[key] = flag.get(f"{W}val", "true") not in ("0", "false", "off")
    return Look(latin=values.get("latin"), east_asia=values.get("east_asia"), size=values.get("size"),
                color=values.get("color"), bold=values.get("b"), italic=values.get("i"))


def _half_points(size) -> Optional[int]:
    """w:sz's value when it is a size the schema allows, else None (the next style's counts)."""
    raw = size.get(f"{W}val", "") if size is not None else ""
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 4):
        return None
    value = int(raw)
    return value if _MIN_SIZE <= value <= _MAX_SIZE else None


def _margins(section) -> Optional[Margins]:
    if section is None:
        return None
    margin = section.find(f"{W}pgMar")
    if margin is None:
        return None
    values = {}
    for key, low, high in (("top", 0, 7200), ("bottom", 0, 7200), ("left", 0, 7200), ("right", 0, 7200),
                           ("header", 0, 3600), ("footer", 0, 3600)):
        raw = margin.get(f"{W}{key}", "").strip()
        digits = raw[1:] if raw.startswith("-") else raw  # a negative top / bottom lets text reach the header
        if not (digits.isascii() and digits.isdigit()):
            return None
        value = int(digits) if len(digits) <= 6 else high
        values[key] = min(max(value, low), high)
    return Margins(**values)


def _art(reader: _Package, main: str, section, kind: str, images: list, shapes: int = 0) -> tuple[str, tuple]:
    """The pictures of the section's default header / footer, as one paragraph of runs, and
    the relationship ids they use; their image parts are appended to `images`.  `shapes`: the
    pictures copied before (their drawing ids are taken)."""
    ref = next((r for r in section.findall(f"{W}{kind}Reference") if r.get(f"{W}type", "default") == "default"), None)
    if ref is None:
        return "", ()
    target = reader.rels(main).get(ref.get(f"{R}id", ""))
    if target is None:
        return "", ()
    part = target[1]
    root = reader.xml(part)
    rels = reader.rels(part)
    runs, used, by_part = [], [], {}  # by_part: a picture shown twice is one image part
    for drawing in root.iter(f"{W}drawing"):
        if any(a.tag == "{http://schemas.openxmlformats.org/markup-compatibility/2006}Choice"
               for a in drawing.iterancestors()):
            continue  # the fallback of an mc:AlternateContent is read instead, if it is a drawing
        blip = drawing.find(f".//{{{A_NS}}}blip")
        graphic = drawing.find(f".//{{{A_NS}}}graphicData")
        if blip is None or graphic is None or graphic.get("uri") != PIC_NS:
            continue
        embedded = rels.get(blip.get(f"{R}embed", ""))
        if embedded is None or embedded[0] != REL_IMAGE:
            continue
        ext = embedded[1].rsplit(".", 1)[-1].lower()
        if ext not in _IMAGE_TYPES:
            continue
        rid = by_part.get(embedded[1])
        if rid is None:
            name = f"reference-{len(images) + 1}.{ext}"
            images.append(ImagePart(name, reader.read(embedded[1]), _IMAGE_TYPES[ext]))
            rid = by_part[embedded[1]] = f"rIdArt{len(images)}"
            used.append((rid, name))
        copy = _clean(drawing)
        copy.find(f".//{{{A_NS}}}blip").set(f"{R}embed", rid)
        for doc_pr in copy.iter(f"{{{WP_NS}}}docPr"):
            doc_pr.set("id", str(4101 + len(runs) + shapes))  # unique in the package: header, then footer
        runs.append(f"<w:r>{etree.tostring(copy, encoding='unicode')}</w:r>")
    if not runs:
        return "", ()
    return f'<w:p><w:pPr><w:pStyle w:val="{NORMAL}"/></w:pPr>{"".join(runs)}</w:p>', tuple(used)


def _clean(drawing):
    """A copy of the drawing without elements or attributes of namespaces outside ECMA-376's
    drawing and WordprocessingML ones (Word 2010's wp14 sizes, ids …)."""
    copy = etree.fromstring(etree.tostring(drawing))
    for element in list(copy.iter()):
        if not isinstance(element.tag, str):
            element.getparent().remove(element)
            continue
        qname = etree.QName(element)
        if element.getparent() is not None and (qname.namespace not in _KEEP_NS or qname.localname == "extLst"):
            element.getparent().remove(element)
            continue
        for name in list(element.attrib):
            attr_ns = etree.QName(name).namespace
            if attr_ns is not None and attr_ns not in _KEEP_NS:
                del element.attrib[name]
    etree.cleanup_namespaces(copy)
    return copy
