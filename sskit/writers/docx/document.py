"""Assemble a .docx from DocumentMeta + IR blocks: front matter, body, section, package parts."""

from __future__ import annotations

from typing import Callable, Sequence

from sskit.markup.ir import Block, DocumentMeta, Span

import sskit.writers.docx.parts as parts
from .body import BodyBuilder
from .front import add_cover, add_revision_record, add_toc_heading, toc_paragraphs
from .numbering import Numbering
from .package import zip_package
from .page import PageGeometry, page_geometry
from .styles import FRONT_HEADING, NORMAL, build_styles
from .wml import NAMESPACES, XML_DECLARATION

CT = parts.CT_WML
REL = parts.REL_DOC
CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"


def write_docx(meta: DocumentMeta, blocks: Sequence[Block]) -> bytes:
    """Render the document and return the .docx bytes.  Pure and deterministic."""
    return build_package(meta, blocks)


def build_package(meta: DocumentMeta, blocks: Sequence,
                  make_builder: Callable[..., BodyBuilder] = BodyBuilder) -> bytes:
    """Front matter, body and package parts around `blocks`, laid out by the builder
    `make_builder` returns (a redline passes one that also knows its change marks)."""
    page = page_geometry(meta.landscape, meta.compact or meta.narrow_margins)
    numbering = Numbering()
    # a compact landscape page is a register: one-line entries, each row 0.53 cm for handwriting
    builder = make_builder(page, numbering, chapter_page_break=meta.chapter_page_break,
                           body_row_height=300 if meta.compact and meta.landscape else None)

    if meta.cover:
        add_cover(builder, meta)
        add_revision_record(builder, meta)
    else:  # a form or short record: its title heads the first page
        builder.paragraph(FRONT_HEADING, (Span(meta.title),))
        builder.content_start = len(builder.parts)
    toc_at = add_toc_heading(builder) if meta.toc else None
    if meta.cover or meta.toc:
        builder.page_break()
    builder.add_blocks(blocks)
    if toc_at is not None:  # the TOC entries are known only now
        builder.parts[toc_at:toc_at] = toc_paragraphs(builder.toc)
    if not builder.parts:
        builder.paragraph(NORMAL)

    title_page = meta.cover  # the cover page gets an empty header and footer
    word_parts: list[tuple[str, bytes, str, str]] = [  # (part name, data, content type, relationship)
        ("word/styles.xml", build_styles(page, meta.compact), f"{CT}.styles+xml", f"{REL}/styles"),
        ("word/numbering.xml", numbering.to_xml(), f"{CT}.numbering+xml", f"{REL}/numbering"),
        ("word/settings.xml", parts.settings_xml(), f"{CT}.settings+xml", f"{REL}/settings"),
        ("word/fontTable.xml", parts.font_table_xml(), f"{CT}.fontTable+xml", f"{REL}/fontTable"),
        ("word/header1.xml", parts.header_xml(meta), f"{CT}.header+xml", f"{REL}/header"),
        ("word/footer1.xml", parts.footer_xml(), f"{CT}.footer+xml", f"{REL}/footer"),
    ]
    if title_page:
        word_parts += [
            ("word/header2.xml", parts.empty_header_footer("w:hdr"), f"{CT}.header+xml", f"{REL}/header"),
            ("word/footer2.xml", parts.empty_header_footer("w:ftr"), f"{CT}.footer+xml", f"{REL}/footer"),
        ]
    doc_rels = [(f"rId{i}", rel, name.removeprefix("word/")) for i, (name, _, _, rel) in enumerate(word_parts, 1)]
    section = _section(page, title_page, {target: rid for rid, _, target in doc_rels})
    # encoded fragment by fragment: a 20,000-row table is not copied into one str three more times
    document = [f"{XML_DECLARATION}<w:document {NAMESPACES}><w:body>".encode("utf-8"),
                *(fragment.encode("utf-8") for fragment in builder.body_fragments()),
                f"{section}</w:body></w:document>".encode("utf-8")]
    builder.parts.clear()

    content_types = {
        "word/document.xml": f"{CT}.document.main+xml",
        **{name: ctype for name, _, ctype, _ in word_parts},
        "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        "docProps/custom.xml": "application/vnd.openxmlformats-officedocument.custom-properties+xml",
    }
    package_rels = [
        ("rId1", f"{REL}/officeDocument", "word/document.xml"),
        ("rId2", CORE_REL, "docProps/core.xml"),
        ("rId3", f"{REL}/extended-properties", "docProps/app.xml"),
        ("rId4", f"{REL}/custom-properties", "docProps/custom.xml"),
    ]
    return zip_package([
        ("[Content_Types].xml", parts.content_types_xml(content_types)),
        ("_rels/.rels", parts.relationships_xml(package_rels)),
        ("docProps/core.xml", parts.core_xml(meta)),
        ("docProps/app.xml", parts.app_xml(meta)),
        ("docProps/custom.xml", parts.custom_xml(meta)),
        ("word/_rels/document.xml.rels", parts.relationships_xml(doc_rels)),
        ("word/document.xml", document),
        *((name, data) for name, data, _, _ in word_parts),
    ])


def _section(page: PageGeometry, title_page: bool, rel_ids: dict[str, str]) -> str:
    refs = f'<w:headerReference w:type="default" r:id="{rel_ids["header1.xml"]}"/>'
    if title_page:
        refs += f'<w:headerReference w:type="first" r:id="{rel_ids["header2.xml"]}"/>'
    refs += f'<w:footerReference w:type="default" r:id="{rel_ids["footer1.xml"]}"/>'
    if title_page:
        refs += f'<w:footerReference w:type="first" r:id="{rel_ids["footer2.xml"]}"/>'
    orient = ' w:orient="landscape"' if page.landscape else ""
    return (
        f'<w:sectPr>{refs}<w:pgSz w:w="{page.width}" w:h="{page.height}"{orient}/>'
        f'<w:pgMar w:top="{page.top}" w:right="{page.right}" w:bottom="{page.bottom}" w:left="{page.left}" '
        f'w:header="{page.header}" w:footer="{page.footer}" w:gutter="0"/><w:cols w:space="425"/>'
        f'{"<w:titlePg/>" if title_page else ""}<w:docGrid w:linePitch="360"/></w:sectPr>'
    )
