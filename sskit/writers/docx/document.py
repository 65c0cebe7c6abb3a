"""Assemble a .docx from DocumentMeta + IR blocks: front matter, body, sections, package parts.

A book (manual, list, matrix) has three sections: the cover (portrait, no header or page
number), the front matter (修订记录, 目录; pages I, II …) and the body, numbered from 1 (第 X 页).  A procedure is one section opening with its header block; a
form one section under its title.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional, Sequence

from sskit.markup.ir import Block, DocumentMeta, Heading, ListBlock, PageBreak, Paragraph, Span, Table

import sskit.writers.docx.parts as parts
from .body import BodyBuilder
from .front import (TITLE_SIZES, add_cover, add_procedure_head, add_revision_record, add_toc_heading,
                    toc_paragraphs)
from .image import EXTENSIONS, REL_IMAGE, ImagePart, fit, inline_picture
from .inline import paragraph
from .numbering import Numbering
from .package import zip_package
from .page import PageGeometry, page_geometry
from .reference import Reference
from .styles import FRONT_HEADING, NORMAL, TITLE, build_styles
from .tables import display_units
from .wml import NAMESPACES, XML_DECLARATION

CT = parts.CT_WML
REL = parts.REL_DOC
CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"


def write_docx(meta: DocumentMeta, blocks: Sequence[Block], reference: Optional[Reference] = None) -> bytes:
    """Render the document and return the .docx bytes.  Pure and deterministic.
    `reference`: the client's Word template (`load_reference`), whose styles, margins and
    header / footer art the document takes."""
    return build_package(meta, blocks, reference=reference)


def layout_of(meta: DocumentMeta) -> str:
    """"book", "procedure" or "form" (a book without a cover is laid out as a form)."""
    if meta.layout == "book" and not meta.cover:
        return "form"
    return meta.layout


# Section breaks end a section in the properties of its last paragraph: an empty 1 pt line.
_TINY = '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>'
_GAP = paragraph(NORMAL, mark_size=12)
# The closing paragraph after a final table: 1 pt, so a table that fills the last page does not
# push an empty paragraph onto a page of its own.
_END = f'<w:p><w:pPr><w:pStyle w:val="{NORMAL}"/>{_TINY}</w:pPr></w:p>'
LOGO_ID, COVER_LOGO_ID = 4001, 4002  # drawing object ids (header, body), clear of the body's drawings


@dataclass
class _Part:
    name: str
    data: bytes
    content_type: str
    rel: str
    rels: tuple[tuple[str, str, str], ...] = ()  # the part's own relationships (its pictures)


def build_package(meta: DocumentMeta, blocks: Sequence,
                  make_builder: Callable[..., BodyBuilder] = BodyBuilder,
                  reference: Optional[Reference] = None) -> bytes:
    """Front matter, body and package parts around `blocks`, laid out by the builder
    `make_builder` returns (a redline passes one that also knows its change marks)."""
    reference = reference if reference is not None else meta.reference
    layout = layout_of(meta)
    margins = reference.margins if reference is not None else None
    page = page_geometry(meta.landscape, meta.compact or meta.narrow_margins, margins)
    cover_page = page_geometry(False, False, margins)  # a cover is portrait, also before a landscape body
    numbering = Numbering()
    # a compact landscape page is a register: one-line entries, each row 0.53 cm for handwriting
    builder = make_builder(page, numbering, chapter_page_break=False,
                           body_row_height=300 if meta.compact and meta.landscape else None)
    if meta.chapter_page_break:
        blocks = chapter_breaks(blocks, page.text_width)

    media: list[ImagePart] = []
    header_rels: list[tuple[str, str, str]] = []
    logo_run = body_logo = ""  # the logo in the header; on the cover or in the header block
    if meta.logo is not None:
        ext = EXTENSIONS[meta.logo.content_type]
        media.append(ImagePart(f"word/media/logo.{ext}", meta.logo.data, meta.logo.content_type))
        header_rels.append(("rIdLogo", REL_IMAGE, f"media/logo.{ext}"))
        size = (meta.logo.width, meta.logo.height)
        logo_run = inline_picture("rIdLogo", fit(*size, 1700, 340), LOGO_ID, "logo")  # at most 3 x 0.6 cm
        box = (3400, 1130) if layout == "book" else (2270, 450)  # a cover: 6 x 2 cm; a header block: 4 x 0.8 cm
        body_logo = inline_picture("rIdLogo", fit(*size, *box), COVER_LOGO_ID, "logo")

    title_look = dict(reference.looks).get(TITLE) if reference is not None else None
    title_size = title_look.size if title_look is not None and title_look.size else TITLE_SIZES[0]
    toc_at = _front_matter(builder, meta, layout, cover_page, body_logo, title_size)
    builder.add_blocks(blocks)
    if toc_at is not None:  # the TOC entries are known only now
        builder.parts[toc_at:toc_at] = toc_paragraphs(builder.toc, page.text_width)
    if not builder.parts:
        builder.paragraph(NORMAL)
    elif builder.parts[-1] == _GAP:
        builder.parts[-1] = _END

    art_header = reference.header_art if reference is not None else ""
    art_footer = reference.footer_art if reference is not None else ""
    if reference is not None:
        for image in reference.images:
            media.append(ImagePart(f"word/media/{image.name}", image.data, image.content_type))
    header_rels += reference.header_rels() if reference is not None else []
    footer_rels = reference.footer_rels() if reference is not None else []
    book = layout == "book"
    word_parts = [
        _Part("word/styles.xml", build_styles(page, meta.compact, reference.looks if reference else None,
                                            procedure=layout == "procedure"),
              f"{CT}.styles+xml", f"{REL}/styles"),
        _Part("word/numbering.xml", numbering.to_xml(), f"{CT}.numbering+xml", f"{REL}/numbering"),
        _Part("word/settings.xml", parts.settings_xml(toc_at is not None), f"{CT}.settings+xml", f"{REL}/settings"),
        _Part("word/fontTable.xml", parts.font_table_xml(reference.fonts if reference else ()),
              f"{CT}.fontTable+xml", f"{REL}/fontTable"),
        _Part("word/header1.xml", parts.header_xml(meta, art_header, logo_run), f"{CT}.header+xml",
              f"{REL}/header", tuple(header_rels)),
        _Part("word/footer1.xml", parts.footer_xml(not book, art_footer),
              f"{CT}.footer+xml", f"{REL}/footer", tuple(footer_rels)),
    ]
    if book:
        cover_rels = tuple(reference.header_rels()) if reference is not None else ()
        word_parts += [
            _Part("word/header2.xml", parts.empty_header_footer("w:hdr", art_header), f"{CT}.header+xml",
                  f"{REL}/header", cover_rels),
            _Part("word/footer2.xml", parts.empty_header_footer("w:ftr"), f"{CT}.footer+xml", f"{REL}/footer"),
            _Part("word/footer3.xml", parts.front_footer_xml(), f"{CT}.footer+xml", f"{REL}/footer"),
        ]
    doc_rels = [(f"rId{i}", p.rel, p.name.removeprefix("word/")) for i, p in enumerate(word_parts, 1)]
    if meta.logo is not None and layout != "form":  # the cover's or the header block's logo
        doc_rels.append(header_rels[0])
    ids = {target: rid for rid, _, target in doc_rels}
    if book:
        body_section = _section(page, ids["header1.xml"], ids["footer1.xml"], numbering="decimal")
        front = _section(page, ids["header1.xml"], ids["footer3.xml"], numbering="upperRoman")
        cover = _section(cover_page, ids["header2.xml"], ids["footer2.xml"])
        marks = {"cover": _section_paragraph(cover), "front": _section_paragraph(front)}
        builder.parts[:] = [marks.get(_SECTION_KIND.get(part, ""), part) for part in builder.parts]
    else:
        body_section = _section(page, ids["header1.xml"], ids["footer1.xml"])
    # encoded fragment by fragment: a 20,000-row table is not copied into one str three more times
    document = [f"{XML_DECLARATION}<w:document {NAMESPACES}><w:body>".encode("utf-8"),
                *(fragment.encode("utf-8") for fragment in builder.body_fragments()),
                f"{body_section}</w:body></w:document>".encode("utf-8")]
    builder.parts.clear()

    content_types = {
        "word/document.xml": f"{CT}.document.main+xml",
        **{p.name: p.content_type for p in word_parts},
        "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        "docProps/custom.xml": "application/vnd.openxmlformats-officedocument.custom-properties+xml",
    }
    defaults = {image.name.rsplit(".", 1)[1]: image.content_type for image in media}
    package_rels = [
        ("rId1", f"{REL}/officeDocument", "word/document.xml"),
        ("rId2", CORE_REL, "docProps/core.xml"),
        ("rId3", f"{REL}/extended-properties", "docProps/app.xml"),
        ("rId4", f"{REL}/custom-properties", "docProps/custom.xml"),
    ]
    part_rels = [(f"word/_rels/{p.name.removeprefix('word/')}.rels", parts.relationships_xml(list(p.rels)))
                 for p in word_parts if p.rels]
    return zip_package([
        ("[Content_Types].xml", parts.content_types_xml(content_types, defaults)),
        ("_rels/.rels", parts.relationships_xml(package_rels)),
        ("docProps/core.xml", parts.core_xml(meta)),
        ("docProps/app.xml", parts.app_xml(meta)),
        ("docProps/custom.xml", parts.custom_xml(meta)),
        ("word/_rels/document.xml.rels", parts.relationships_xml(doc_rels)),
        ("word/document.xml", document),
        *((p.name, p.data) for p in word_parts),
        *part_rels,
        *((image.name, image.data) for image in media),
    ])


def _front_matter(builder: BodyBuilder, meta: DocumentMeta, layout: str, cover_page: PageGeometry, logo: str,
                  title_size: int) -> Optional[int]:
    """What precedes the body in `layout`; returns where the TOC entries go (None: no TOC)."""
    toc_at = None
    if layout == "book":
        add_cover(builder, meta, cover_page.text_width, logo, title_size)
        builder.parts.append(_SECTION_MARK.format("cover"))
        add_revision_record(builder, meta)
        if meta.toc:
            builder.page_break()
            toc_at = add_toc_heading(builder)
        builder.parts.append(_SECTION_MARK.format("front"))
        builder.content_start = len(builder.parts)  # a page break opening the body: the section's own
    elif layout == "procedure":
        add_procedure_head(builder, meta, logo)
    else:  # a form or short record: its title heads the first page
        builder.paragraph(FRONT_HEADING, (Span(meta.title),))
        builder.content_start = len(builder.parts)
        if meta.toc:
            toc_at = add_toc_heading(builder)
            builder.page_break()
    return toc_at


# placeholders the front matter leaves where a section ends (the section's properties need
# the relationship ids, known only once the parts are listed)
_SECTION_MARK = "<!--section:{}-->"
_SECTION_KIND = {_SECTION_MARK.format(kind): kind for kind in ("cover", "front")}


def _section_paragraph(section: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{NORMAL}"/>{_TINY}{section}</w:pPr></w:p>'


# Chinese Word's document grid: lines of 15.6 pt (312 twips), 44 to an A4 page with its default
# margins.  The pitch is stretched so the page holds a whole number of them: LibreOffice lays a
# grid page out in whole grid lines and would otherwise lose the remainder on every page.
LINE_PITCH = 312


def line_pitch(page: PageGeometry) -> int:
    """The grid pitch (twips) for `page`: its text height over the lines of LINE_PITCH it holds."""
    height = page.height - page.top - page.bottom
    return height // max(1, height // LINE_PITCH)


def _section(page: PageGeometry, header: str, footer: str, numbering: str = "") -> str:
    """A section's properties: header / footer, page size and orientation, margins, numbering
    (`numbering`: the format of page numbers starting at 1 in this section), document grid."""
    refs = (f'<w:headerReference w:type="default" r:id="{header}"/>'
            f'<w:footerReference w:type="default" r:id="{footer}"/>')
    orient = ' w:orient="landscape"' if page.landscape else ""
    pages = f'<w:pgNumType w:fmt="{numbering}" w:start="1"/>' if numbering else ""
    return (
        f'<w:sectPr>{refs}<w:pgSz w:w="{page.width}" w:h="{page.height}"{orient}/>'
        f'<w:pgMar w:top="{page.top}" w:right="{page.right}" w:bottom="{page.bottom}" w:left="{page.left}" '
        f'w:header="{page.header}" w:footer="{page.footer}" w:gutter="0"/>{pages}<w:cols w:space="425"/>'
        f'<w:docGrid w:type="lines" w:linePitch="{line_pitch(page)}"/></w:sectPr>'
    )


# -- chapter page breaks ----------------------------------------------------------------------
MIN_CHAPTER_LINES = 15  # a level-1 chapter shorter than this does not push the next one to a new page


def chapter_breaks(blocks: Sequence, text_width: int) -> list:
    """The blocks with a PageBreak before each level-1 heading whose previous chapter is long
    enough to fill most of a page; short chapters run on."""
    out: list = []
    lines: Optional[float] = None  # lines of the chapter being read; None before the first
    for block in blocks:
        heading = _level_one(block)
        if heading:
            if lines is not None and lines >= MIN_CHAPTER_LINES and not isinstance(out[-1] if out else None, PageBreak):
                out.append(PageBreak())
            lines = 0.0
        elif isinstance(block, PageBreak):
            lines = None if lines is None else 0.0
        if lines is not None:
            lines += estimate_lines(block, text_width)
        out.append(block)
    return out


def _level_one(block) -> bool:
    """A level-1 heading that counts (a redline's deleted heading does not)."""
    if isinstance(block, Heading):
        return block.level == 1
    inner = getattr(block, "block", None)
    return isinstance(inner, Heading) and inner.level == 1 and getattr(block, "kind", "") != "del"


def estimate_lines(block, text_width: int) -> float:
    """Lines a block takes at 小四 body text (a CJK character is 240 twips wide)."""
    per_line = max(1, text_width // 240)
    inner = getattr(block, "block", None)
    if inner is not None:
        return estimate_lines(inner, text_width)
    if isinstance(block, Heading):
        return 2
    if isinstance(block, Paragraph):
        return 1 + _text_units(block.inlines) // (2 * per_line)
    if isinstance(block, ListBlock):
        return sum(estimate_lines(child, text_width) for item in block.items for child in item) or len(block.items)
    if isinstance(block, Table):
        return 2 + len(block.rows) * 1.5
    table = getattr(block, "table", None)  # a redline's edited table
    if isinstance(table, Table):
        return 2 + len(table.rows) * 1.5
    return 1


def _text_units(inlines) -> int:
    return display_units("".join(getattr(i, "text", "") for i in inlines))
