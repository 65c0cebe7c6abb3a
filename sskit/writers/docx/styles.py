"""styles.xml: every font and size lives here, not on runs.

Latin text uses Times New Roman / Arial, Chinese text 宋体 (body) / 黑体 (headings).  No theme
font attributes anywhere: Word lets a theme font override `w:eastAsia`, which would turn the
Chinese text into the theme's Japanese or Latin font.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from .page import PageGeometry
from .wml import W_NS, attr

# Style ids the body and front-matter builders refer to.
NORMAL = "Normal"
BODY = "BodyText"  # 正文: justified, 2-character first-line indent
HEADINGS = {level: f"Heading{level}" for level in range(1, 7)}
TITLE = "Title"  # cover: document title
COVER_COMPANY = "CoverCompany"
COVER_INFO = "CoverInfo"
FRONT_HEADING = "FrontHeading"  # 修订记录 / 目录: looks like a heading, not in the outline
CAPTION = "Caption"
TABLE_TEXT = "TableText"
TABLE_HEADING = "TableHeading"
BLOCK_TEXT = "BlockText"  # a procedure's header block: 小五 so dates and 第 X 页 共 Y 页 fit a cell
BLOCK_TITLE = "BlockTitle"  # the title in a procedure's header block: FRONT_HEADING with less air
LIST_PARAGRAPH = "ListParagraph"
TOC = {level: f"TOC{level}" for level in range(1, 4)}
HEADER = "Header"
FOOTER = "Footer"
TABLE_GRID = "TableGrid"
HEADING_NUM_ID = 1  # the w:num of the heading multilevel list (numbering.py) the heading styles use

SONG = "宋体"  # SimSun
HEI = "黑体"  # SimHei
LATIN_SERIF = "Times New Roman"
LATIN_SANS = "Arial"
MONO = "Consolas"

_BODY_FONTS = f'<w:rFonts w:ascii="{LATIN_SERIF}" w:hAnsi="{LATIN_SERIF}" w:eastAsia="{SONG}" w:cs="{LATIN_SERIF}"/>'
_HEI_FONTS = f'<w:rFonts w:ascii="{LATIN_SANS}" w:hAnsi="{LATIN_SANS}" w:eastAsia="{HEI}" w:cs="{LATIN_SANS}"/>'


def _size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def _paragraph_style(style_id: str, name: str, ppr: str = "", rpr: str = "", based_on: str = NORMAL,
                     next_style: str = "", extra: str = "") -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    nxt = f'<w:next w:val="{next_style}"/>' if next_style else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>{based}{nxt}'
        f'{extra}<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>'
    )


def _heading(level: int, half_points: int, before: int, after: int, numbered: bool) -> str:
    num = (f'<w:numPr><w:ilvl w:val="{level - 1}"/><w:numId w:val="{HEADING_NUM_ID}"/></w:numPr>'
           if numbered else "")
    return _paragraph_style(
        HEADINGS[level], f"heading {level}",
        ppr=(f'<w:keepNext/><w:keepLines/>{num}<w:spacing w:before="{before}" w:after="{after}" '
             f'w:line="360" w:lineRule="auto"/><w:jc w:val="left"/><w:outlineLvl w:val="{level - 1}"/>'),
        rpr=f'{_HEI_FONTS}<w:b/><w:bCs/>{_size(half_points)}',
        next_style=BODY,
        extra='<w:uiPriority w:val="9"/>',
    )


@dataclass(frozen=True)
class Look:
    """A reference document's run look for one style; None: keep sskit's."""

    latin: Optional[str] = None
    east_asia: Optional[str] = None
    size: Optional[int] = None  # half-points
    color: Optional[str] = None  # RRGGBB
    bold: Optional[bool] = None
    italic: Optional[bool] = None


# A procedure's text: 小四 on exact 20 pt lines (固定值 20 磅), as procedures are usually set;
# Word and LibreOffice then give the same page breaks whatever the substituted face's height.
PROCEDURE_LINE = '<w:spacing w:line="400" w:lineRule="exact"/>'


def build_styles(page: PageGeometry, compact: bool = False,
                 looks: Optional[Sequence[tuple[str, Look]]] = None, procedure: bool = False) -> bytes:
    """`compact`: one-page notices; `procedure`: a procedure's exact line spacing;
    `looks`: a reference document's fonts, sizes and colours per style id."""
    body_line = PROCEDURE_LINE if procedure else f'<w:spacing w:line="{240 if compact else 360}" w:lineRule="auto"/>'
    list_line = PROCEDURE_LINE if procedure else '<w:spacing w:line="360" w:lineRule="auto"/>'
    text_width = page.text_width
    border = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    styles = [
        # docDefaults: 宋体 / Times New Roman, 小四 (12 pt), Chinese language tagging.
        '<w:docDefaults><w:rPrDefault><w:rPr>'
        f'<w:rFonts w:ascii="{LATIN_SERIF}" w:hAnsi="{LATIN_SERIF}" w:eastAsia="{SONG}" '
        f'w:cs="{LATIN_SERIF}" w:hint="eastAsia"/>{_size(24)}'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
        # The sections declare Chinese Word's line grid (15.6 pt); the styles keep their own
        # spacing (1.5 lines of 小四 would snap to two grid lines), so text does not snap to it.
        '<w:snapToGrid w:val="0"/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>',
        # Normal carries the fonts again so documents pasted into other templates keep them.
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        f'<w:pPr><w:widowControl/><w:snapToGrid w:val="0"/><w:jc w:val="both"/></w:pPr><w:rPr>{_BODY_FONTS}{_size(24)}</w:rPr></w:style>',
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        '<w:unhideWhenUsed/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        _paragraph_style(
            BODY, "Body Text",
            ppr=(f'{body_line}'
                 f'<w:ind w:firstLineChars="200" w:firstLine="{420 if compact else 480}"/><w:jc w:val="both"/>'),
            rpr=_size(21) if compact else "",
        ),
        _heading(1, 32, 240, 240, numbered=True),  # 三号
        _heading(2, 28, 180, 120, numbered=True),  # 四号
        _heading(3, 24, 120, 60, numbered=True),  # 小四, bold
        _heading(4, 24, 120, 60, numbered=True),
        _heading(5, 24, 120, 60, numbered=False),
        _heading(6, 24, 120, 60, numbered=False),
        _paragraph_style(
            TITLE, "Title", next_style=BODY,
            ppr='<w:spacing w:before="240" w:after="240" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>',
            rpr=f'{_HEI_FONTS}<w:b/><w:bCs/>{_size(72)}',  # 小初
        ),
        _paragraph_style(
            COVER_COMPANY, "Cover Company",
            ppr='<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>',
            rpr=f'{_HEI_FONTS}{_size(36)}',  # 小二
        ),
        _paragraph_style(
            COVER_INFO, "Cover Info",
            ppr='<w:spacing w:line="360" w:lineRule="auto"/><w:jc w:val="left"/>',
            rpr=_size(28),  # 四号
        ),
        _paragraph_style(
            FRONT_HEADING, "Front Heading", next_style=BODY,
            ppr=('<w:keepNext/><w:spacing w:before="240" w:after="360" w:line="240" w:lineRule="auto"/>'
                 '<w:jc w:val="center"/>'),
            rpr=f'{_HEI_FONTS}<w:b/><w:bCs/>{_size(32)}',
        ),
        _paragraph_style(
            CAPTION, "caption", next_style=BODY,
            ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="156" w:after="78"/><w:jc w:val="center"/>',
            rpr=f'{_HEI_FONTS}<w:b/><w:bCs/>{_size(21)}',  # 五号
        ),
        _paragraph_style(
            TABLE_TEXT, "Table Text",
            ppr=(f'<w:spacing w:before="{10 if compact else 30}" w:after="{10 if compact else 30}" '
                 'w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>'),
            rpr=_size(18 if compact else 21),
        ),
        _paragraph_style(BLOCK_TITLE, "Block Title", based_on=FRONT_HEADING,
                         ppr='<w:spacing w:before="120" w:after="120"/>'),
        _paragraph_style(BLOCK_TEXT, "Block Text", based_on=TABLE_TEXT, ppr='<w:jc w:val="center"/>', rpr=_size(18)),
        _paragraph_style(
            TABLE_HEADING, "Table Heading", based_on=TABLE_TEXT,
            ppr='<w:keepNext/><w:jc w:val="center"/>',
            rpr='<w:b/><w:bCs/>',
        ),
        _paragraph_style(
            LIST_PARAGRAPH, "List Paragraph",
            ppr=f'{list_line}<w:jc w:val="both"/>',
            extra='<w:uiPriority w:val="34"/>',
        ),
        *(
            _paragraph_style(
                TOC[level], f"toc {level}", next_style=NORMAL,
                ppr=(f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{text_width}"/></w:tabs>'
                     f'<w:spacing w:line="360" w:lineRule="auto"/>'
                     f'<w:ind w:leftChars="{200 * (level - 1)}" w:left="{480 * (level - 1)}"/>'
                     '<w:jc w:val="left"/>'),
                rpr='<w:b/><w:bCs/>' if level == 1 else "",
                extra='<w:uiPriority w:val="39"/><w:unhideWhenUsed/>',
            )
            for level in (1, 2, 3)
        ),
        _paragraph_style(
            HEADER, "header",
            ppr=('<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
                 f'<w:tabs><w:tab w:val="center" w:pos="{text_width // 2}"/>'
                 f'<w:tab w:val="right" w:pos="{text_width}"/></w:tabs><w:jc w:val="left"/>'),
            rpr=_size(18),  # 小五
            extra='<w:uiPriority w:val="99"/><w:unhideWhenUsed/>',
        ),
        _paragraph_style(
            FOOTER, "footer", ppr='<w:jc w:val="center"/>', rpr=_size(18),
            extra='<w:uiPriority w:val="99"/><w:unhideWhenUsed/>',
        ),
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
        '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:tblPr><w:tblBorders>'
        + "".join(f"<w:{edge} {border}/>" for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders></w:tblPr></w:style>",
    ]
    if looks:
        wanted = dict(looks)
        styles = [_restyled(style, wanted) for style in styles]
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">{"".join(styles)}</w:styles>'
    return xml.encode("utf-8")


# the children of a style's w:rPr in schema order, and the ones a Look replaces
_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
              "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
              "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
              "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")


def _restyled(style: str, looks: dict[str, Look]) -> str:
    """`style` (one w:style) with the run look the reference gives its id, if any."""
    start = style.find('w:styleId="')
    if start < 0:
        return style
    sid = style[start + 11:style.index('"', start + 11)]
    look = looks.get(sid)
    if look is None or "<w:rPr>" not in style:
        return style
    head, rest = style.split("<w:rPr>", 1)
    rpr, tail = rest.split("</w:rPr>", 1)
    children = _split_children(rpr)
    replaced = {}
    if look.latin or look.east_asia:
        fonts = _fonts_attrs(children.get("rFonts", ""))
        if look.latin:
            fonts.update({"w:ascii": look.latin, "w:hAnsi": look.latin, "w:cs": look.latin})
        if look.east_asia:
            fonts["w:eastAsia"] = look.east_asia
        replaced["rFonts"] = "<w:rFonts" + "".join(f' {k}="{attr(v)}"' for k, v in fonts.items()) + "/>"
    if look.bold is not None:
        replaced["b"], replaced["bCs"] = ("<w:b/>", "<w:bCs/>") if look.bold else ('<w:b w:val="0"/>', '<w:bCs w:val="0"/>')
    if look.italic is not None:
        replaced["i"], replaced["iCs"] = ("<w:i/>", "<w:iCs/>") if look.italic else ('<w:i w:val="0"/>', '<w:iCs w:val="0"/>')
    if look.color:
        replaced["color"] = f'<w:color w:val="{look.color}"/>'
    if look.size:
        replaced["sz"], replaced["szCs"] = f'<w:sz w:val="{look.size}"/>', f'<w:szCs w:val="{look.size}"/>'
    children.update(replaced)
    ordered = "".join(children[name] for name in _RPR_ORDER if name in children)
    return f"{head}<w:rPr>{ordered}</w:rPr>{tail}"


def _split_children(rpr: str) -> dict[str, str]:
    """The empty elements of a w:rPr written by this module, by local name."""
    out = {}
    for piece in rpr.split("<w:")[1:]:
        name = piece.split(" ", 1)[0].split("/", 1)[0]
        out[name] = "<w:" + piece
    return out


def _fonts_attrs(element: str) -> dict[str, str]:
    out = {}
    for chunk in element.removeprefix("<w:rFonts").removesuffix("/>").split('" '):
        if "=" in chunk:
            key, value = chunk.strip().split("=", 1)
            out[key] = value.strip('"')
    return out
