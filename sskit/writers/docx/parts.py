"""The package parts around the body: header, footer, settings, fonts, properties, relationships."""

from __future__ import annotations

import re

from sskit.markup.ir import DocumentMeta

from .fields import complex_field, text_run
from .styles import FOOTER, HEADER, HEI, LATIN_SANS, LATIN_SERIF, MONO, SONG
from .wml import W_NS, XML_DECLARATION, document_part, text

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

REL_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def _x(value: str) -> str:
    return text(value).replace('"', "&quot;")


def header_xml(meta: DocumentMeta, art: str = "", logo: str = "") -> bytes:
    """`简称 <tab> 文件名称 <tab> 编号　版本` on the Header style's centre and right tab stops;
    `logo` (a picture run) goes before the short name, `art` (paragraphs from a reference
    document's header: a letterhead) above the line."""
    pieces = (meta.company_short, meta.title, f"{meta.number}\u3000{meta.version}")
    content = (logo + text_run(" ") if logo else "") + "<w:r><w:tab/></w:r>".join(text_run(piece) for piece in pieces)
    return document_part("w:hdr", f'{art}<w:p><w:pPr><w:pStyle w:val="{HEADER}"/></w:pPr>{content}</w:p>')


def footer_xml(total: bool = True, art: str = "") -> bytes:
    """第 X 页 共 Y 页 with PAGE and NUMPAGES fields.  Without `total`, 第 X 页 alone: a body
    numbered from 1 after a cover and front matter has fewer pages than NUMPAGES counts (and
    SECTIONPAGES, which would count them, shows 1 in LibreOffice and WPS)."""
    content = text_run("第 ") + complex_field("PAGE", "1") + text_run(" 页")
    if total:
        content += text_run(" 共 ") + complex_field("NUMPAGES", "1") + text_run(" 页")
    return document_part("w:ftr", f'<w:p><w:pPr><w:pStyle w:val="{FOOTER}"/></w:pPr>{content}</w:p>{art}')


def front_footer_xml() -> bytes:
    """The front matter's footer: its page number in Roman numerals (the section says the format)."""
    return document_part("w:ftr", f'<w:p><w:pPr><w:pStyle w:val="{FOOTER}"/></w:pPr>'
                                  f'{complex_field("PAGE", "I")}</w:p>')


def empty_header_footer(root: str, art: str = "") -> bytes:
    """The cover page's header / footer: one empty paragraph, no border line (after `art`, a
    reference document's letterhead pictures)."""
    return document_part(root, f'{art}<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr></w:p>')


def settings_xml(update_fields: bool = True) -> bytes:
    """`update_fields`: ask Word to refresh the fields on opening (a TOC and its PAGEREFs need
    it; Word then asks the user, so documents without one do not set it)."""
    return (
        f'{XML_DECLARATION}<w:settings xmlns:w="{W_NS}">'
        '<w:zoom w:percent="100"/>'
        '<w:defaultTabStop w:val="420"/>'
        '<w:characterSpacingControl w:val="compressPunctuation"/>'
        + ('<w:updateFields w:val="true"/>' if update_fields else "") +
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
        '</w:compat>'
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
        "</w:settings>"
    ).encode("utf-8")


# name, altName, panose, charset, family, pitch.  The Chinese faces carry their English names as
# altName, so an office suite without 宋体 / 黑体 looks for SimSun / SimHei by name and, through
# the GB2312 charset (86), substitutes a Simplified-Chinese face (Noto Serif / Sans CJK SC on
# Linux, Songti SC / Heiti SC on macOS) rather than a Japanese one.
_FONTS = (
    (LATIN_SERIF, "", "02020603050405020304", "00", "roman", "variable"),
    (SONG, "SimSun", "02010600030101010101", "86", "auto", "variable"),
    (HEI, "SimHei", "02010609060101010101", "86", "modern", "fixed"),
    (LATIN_SANS, "", "020B0604020202020204", "00", "swiss", "variable"),
    (MONO, "", "020B0609020204030204", "00", "modern", "fixed"),
    ("SimSun", "宋体", "02010600030101010101", "86", "auto", "variable"),
    ("SimHei", "黑体", "02010609060101010101", "86", "modern", "fixed"),
)


def font_table_xml(extra: tuple[str, ...] = ()) -> bytes:
    """The fonts the styles name; `extra`: fonts a reference document's styles add."""
    fonts = []
    for name, alt, panose, charset, family, pitch in _FONTS:
        alt_xml = f'<w:altName w:val="{alt}"/>' if alt else ""
        fonts.append(f'<w:font w:name="{name}">{alt_xml}<w:panose1 w:val="{panose}"/><w:charset w:val="{charset}"/>'
                     f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>')
    known = {font[0] for font in _FONTS}
    for name in extra:
        if name not in known:
            known.add(name)
            fonts.append(f'<w:font w:name="{_x(name)}"><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>')
    return f'{XML_DECLARATION}<w:fonts xmlns:w="{W_NS}">{"".join(fonts)}</w:fonts>'.encode("utf-8")


def core_xml(meta: DocumentMeta) -> bytes:
    """Core properties with the effective date as both timestamps: no build time leaks in."""
    stamp = ""
    date = meta.effective_date.strip()
    if _ISO_DATE.match(date):
        for name in ("created", "modified"):
            stamp += f'<dcterms:{name} xsi:type="dcterms:W3CDTF">{date}T00:00:00Z</dcterms:{name}>'
    return (
        f'{XML_DECLARATION}<cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_x(meta.title)}</dc:title><dc:subject>{_x(meta.subject)}</dc:subject>"
        f"<dc:creator>{_x(meta.company_name)}</dc:creator><cp:keywords>{_x(meta.keywords)}</cp:keywords>"
        f"<cp:lastModifiedBy>{_x(meta.company_name)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f"{stamp}</cp:coreProperties>"
    ).encode("utf-8")


def app_xml(meta: DocumentMeta) -> bytes:
    # No Application / AppVersion: nothing about the generating tool or its version.
    return (
        f'{XML_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><Company>{_x(meta.company_name)}</Company>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode("utf-8")


def custom_xml(meta: DocumentMeta) -> bytes:
    """Document-control values as custom properties, usable in Word through DOCPROPERTY fields."""
    values = (
        ("DocumentNumber", meta.number),
        ("Version", meta.version),
        ("ControlledStatus", meta.controlled_status),
        ("IssueDate", meta.issue_date),
        ("EffectiveDate", meta.effective_date),
    )
    props = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" name="{name}">'
        f"<vt:lpwstr>{_x(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(values, start=2)
    )
    return (
        f'{XML_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{props}</Properties>'
    ).encode("utf-8")


def content_types_xml(part_types: dict[str, str], defaults: dict[str, str] | None = None) -> bytes:
    """`defaults`: extension -> content type (the media parts: png, jpeg)."""
    media = "".join(f'<Default Extension="{ext}" ContentType="{ctype}"/>' for ext, ctype in sorted((defaults or {}).items()))
    overrides = "".join(f'<Override PartName="/{name}" ContentType="{ctype}"/>' for name, ctype in part_types.items())
    return (
        f'{XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{media}{overrides}</Types>'
    ).encode("utf-8")


def relationships_xml(rels: list[tuple[str, str, str]]) -> bytes:
    """rels: (id, type URI, target)."""
    items = "".join(f'<Relationship Id="{rid}" Type="{rtype}" Target="{target}"/>' for rid, rtype, target in rels)
    return f'{XML_DECLARATION}<Relationships xmlns="{REL_PKG}">{items}</Relationships>'.encode("utf-8")
