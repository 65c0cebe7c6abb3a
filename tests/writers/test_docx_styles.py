"""styles.xml and numbering.xml: fonts in styles (no theme fonts), real multilevel numbering."""
from __future__ import annotations

from writer_samples import NS, W


def test_doc_defaults_use_songti_times_and_chinese_language(sample_docx):
    rpr = sample_docx.xpath("word/styles.xml", "/w:styles/w:docDefaults/w:rPrDefault/w:rPr")[0]
    fonts = rpr.find("w:rFonts", NS)
    assert fonts.get(f"{{{W}}}eastAsia") == "宋体"
    assert fonts.get(f"{{{W}}}ascii") == "Times New Roman"
    assert fonts.get(f"{{{W}}}hAnsi") == "Times New Roman"
    lang = rpr.find("w:lang", NS)
    assert lang.get(f"{{{W}}}val") == "en-US" and lang.get(f"{{{W}}}eastAsia") == "zh-CN"
    assert rpr.find("w:sz", NS).get(f"{{{W}}}val") == "24"  # 小四


def test_no_theme_font_attributes_anywhere_in_styles(sample_docx):
    raw = sample_docx.raw("word/styles.xml").decode()
    for attribute in ("asciiTheme", "eastAsiaTheme", "hAnsiTheme", "cstheme"):
        assert attribute not in raw
    assert "word/theme/theme1.xml" not in sample_docx.names


def test_heading_styles_are_heiti_and_numbered(sample_docx):
    for level, size in ((1, "32"), (2, "28"), (3, "24")):
        (style,) = sample_docx.xpath("word/styles.xml", f"//w:style[@w:styleId='Heading{level}']")
        assert style.xpath("w:rPr/w:rFonts/@w:eastAsia", namespaces=NS) == ["黑体"]
        assert style.xpath("w:rPr/w:sz/@w:val", namespaces=NS) == [size]
        assert style.xpath("w:pPr/w:numPr/w:numId/@w:val", namespaces=NS) == ["1"]
        assert style.xpath("w:pPr/w:numPr/w:ilvl/@w:val", namespaces=NS) == [str(level - 1)]
        assert style.xpath("w:pPr/w:outlineLvl/@w:val", namespaces=NS) == [str(level - 1)]


def test_body_text_is_justified_with_two_character_indent(sample_docx):
    (style,) = sample_docx.xpath("word/styles.xml", "//w:style[@w:styleId='BodyText']")
    ind = style.find("w:pPr/w:ind", NS)
    assert ind.get(f"{{{W}}}firstLineChars") == "200" and ind.get(f"{{{W}}}firstLine") == "480"
    assert style.xpath("w:pPr/w:jc/@w:val", namespaces=NS) == ["both"]
    # Table cells use their own style, so they are never first-line indented.
    (cell_style,) = sample_docx.xpath("word/styles.xml", "//w:style[@w:styleId='TableText']")
    assert cell_style.find("w:pPr/w:ind", NS) is None


def test_required_styles_exist(sample_docx):
    ids = set(sample_docx.xpath("word/styles.xml", "//w:style/@w:styleId"))
    assert {"Normal", "BodyText", "Heading1", "Heading2", "Heading3", "Title", "Caption", "TableGrid",
            "TOC1", "TOC2", "TOC3", "Header", "Footer", "ListParagraph", "TableText"} <= ids
    # every pStyle used in the document is defined
    used = set(sample_docx.xpath("word/document.xml", "//w:pStyle/@w:val"))
    assert used <= ids


def test_heading_abstract_num_links_levels_to_heading_styles(sample_docx):
    (abstract,) = sample_docx.xpath("word/numbering.xml", "//w:abstractNum[w:lvl/w:pStyle/@w:val='Heading1']")
    for ilvl, text in ((0, "%1"), (1, "%1.%2"), (2, "%1.%2.%3")):
        (lvl,) = abstract.xpath(f"w:lvl[@w:ilvl='{ilvl}']", namespaces=NS)
        assert lvl.xpath("w:pStyle/@w:val", namespaces=NS) == [f"Heading{ilvl + 1}"]
        assert lvl.xpath("w:lvlText/@w:val", namespaces=NS) == [text]
        assert lvl.xpath("w:numFmt/@w:val", namespaces=NS) == ["decimal"]
    abstract_id = abstract.get(f"{{{W}}}abstractNumId")
    assert sample_docx.xpath("word/numbering.xml", "//w:num[@w:numId='1']/w:abstractNumId/@w:val") == [abstract_id]


def test_each_ordered_list_gets_its_own_restarting_num(sample_docx):
    doc_nums = sample_docx.xpath("word/document.xml", "//w:p[w:pPr/w:pStyle/@w:val='ListParagraph']"
                                 "/w:pPr/w:numPr/w:numId/@w:val")
    bullet = "2"
    ordered = [n for n in dict.fromkeys(doc_nums) if n != bullet]
    assert len(ordered) == 2, doc_nums
    starts = []
    for num_id in ordered:
        (num,) = sample_docx.xpath("word/numbering.xml", f"//w:num[@w:numId='{num_id}']")
        starts.append(num.xpath("w:lvlOverride[@w:ilvl='0']/w:startOverride/@w:val", namespaces=NS))
    assert starts == [["1"], ["3"]]
    # the nested bullet list uses ilvl 1 of the bullet definition
    assert sample_docx.xpath("word/document.xml", "//w:numPr[w:numId/@w:val='2']/w:ilvl/@w:val") == ["1", "1"]
    (bullets,) = sample_docx.xpath("word/numbering.xml", "//w:abstractNum[w:lvl/w:numFmt/@w:val='bullet']")
    assert bullets.xpath("w:lvl[@w:ilvl='0']/w:lvlText/@w:val", namespaces=NS) == ["•"]


def test_numbering_ids_are_all_defined(sample_docx):
    used = set(sample_docx.xpath("word/document.xml", "//w:numId/@w:val")) - {"0"}
    defined = set(sample_docx.xpath("word/numbering.xml", "//w:num/@w:numId"))
    assert used <= defined
