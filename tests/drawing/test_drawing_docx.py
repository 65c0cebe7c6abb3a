"""Drawings in the DOCX: the boxes and arrows read back from the XML are the drawing's nodes and
edges, the document is byte-identical across runs, and every part validates against the
ECMA-376 schemas with the VML schemas loaded (so the shapes themselves are checked)."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from docx_shapes import read_drawings, shapes_in
from sskit.markup import DocumentMeta, parse_markdown
from sskit.markup.ir import Drawing, DrawingEdge, DrawingNode, Table
from sskit.writers.docx import write_docx
from sskit.writers.docx.redline import write_redline

SCHEMAS = Path(__file__).resolve().parents[1] / "writers" / "ooxml"
XS = "http://www.w3.org/2001/XMLSchema"
WML = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
META = DocumentMeta(title="售后服务手册", number="HX/SS-01", version="A/0", company_name="华星电器有限公司",
                    company_short="华星电器", issue_date="2026-01-01", effective_date="2026-01-15")

FLOW_MD = """# 报修处理

<!-- flowchart -->
Table: 报修处理流程

| 序号 | 环节 | 责任部门 | 时限 | 记录 | 去向 |
|---|---|---|---|---|---|
| 1 | 受理客户报修 | 客服中心 | 即时 | 客户报修登记表 | |
| 2 | 登记并派工 | 客服中心 | 30分钟内 | 派工单 | |
| 3 | 上门检测 | 维修站、技术支持部 | 24小时内 | 检测记录 | |
| 4 | 能否现场修复？ | 维修站 | | | 是→第5步；否→第6步 |
| 5 | 现场维修 | 维修站 | 48小时内 | 维修记录 | →第7步 |
| 6 | 返厂维修 | 售后服务部 | 7天内 | 返修记录 | |
| 7 | 客户验收 | 维修站 | | 验收单 | |
| 8 | 回访 | 客服中心 | 3天内 | 回访记录 | 不满意的→第6步 |
| 9 | 归档 | 质量部 | | | |
"""


def org_chart(departments: int) -> Drawing:
    nodes = [DrawingNode("gm", "总经理\n张明"), DrawingNode("rep", "管理者代表\n王芳")]
    edges = [DrawingEdge("gm", "rep", style="dotted")]
    for i in range(departments):
        nodes.append(DrawingNode(f"d{i}", f"第{i + 1}部门\n负责人{i + 1}", detail=f"{i + 2}人"))
        edges.append(DrawingEdge("gm", f"d{i}"))
    nodes += [DrawingNode("g1", "广东省网点", "group", detail="12个"), DrawingNode("g2", "浙江省网点", "group", detail="8个")]
    edges += [DrawingEdge("d0", "g1"), DrawingEdge("d0", "g2")]
    return Drawing("org", "售后服务组织机构图", tuple(nodes), tuple(edges))


def document(departments: int = 14) -> tuple[list, bytes]:
    blocks = [*parse_markdown("# 组织机构\n\n本公司组织机构如下图。\n"), org_chart(departments), *parse_markdown(FLOW_MD)]
    return blocks, write_docx(META, blocks)


def expected(drawing: Drawing) -> tuple[list, list]:
    text = {n.id: n.text for n in drawing.nodes}
    return [n.text for n in drawing.nodes], [(text[e.source], text[e.target]) for e in drawing.edges]


def test_boxes_and_arrows_read_back_from_the_xml_are_the_drawings():
    blocks, data = document()
    drawings = [b for b in blocks if isinstance(b, Drawing)]
    found = shapes_in(data)
    assert len(found) == 2
    for drawing, (texts, arrows) in zip(drawings, found):
        want_texts, want_arrows = expected(drawing)
        assert texts == want_texts
        assert sorted(arrows) == sorted(want_arrows)
    org, flow = read_drawings(data)
    assert org.title == "售后服务组织机构图" and flow.title == "报修处理流程图"
    dotted = [(s.text, t.text) for s, t, d in org.links() if d]
    assert dotted == [("总经理\n张明", "管理者代表\n王芳")]
    decision = next(b for b in flow.nodes if b.text == "能否现场修复？")
    assert decision.shape == "shape"  # the diamond
    assert {b.shape for b in flow.nodes if b.text in ("开始", "结束")} == {"roundrect"}


def test_the_flowchart_matches_its_flow_table():
    blocks, data = document()
    table = next(b for b in blocks if isinstance(b, Table))
    (_, (texts, arrows)) = shapes_in(data)
    steps = [row[1][0].text for row in table.rows]
    assert texts[1:-1] == [s if s != "上门检测" else "上门检测（会同技术支持部）" for s in steps]
    assert ("能否现场修复？", "现场维修") in arrows and ("能否现场修复？", "返厂维修") in arrows
    assert ("回访", "返厂维修") in arrows and ("现场维修", "客户验收") in arrows
    assert ("现场维修", "返厂维修") not in arrows


def test_a_tall_flowchart_splits_and_still_reads_back_whole():
    steps = "\n".join(f"| {i} | 第{i}步：处理客户报修并登记 | {'客服中心' if i % 2 else '维修站'} | 2小时内 | 记录{i} | "
                      f"{'不满意的→第2步' if i == 19 else ''} |" for i in range(1, 21))
    md = f"<!-- flowchart -->\nTable: 长流程\n\n| 序号 | 环节 | 责任部门 | 时限 | 记录 | 去向 |\n|---|---|---|---|---|---|\n{steps}\n"
    blocks = parse_markdown(md)
    data = write_docx(META, blocks)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    groups = xml.count("<v:group ")
    assert groups >= 2
    assert xml.count("图1\u3000长流程图（续）") == groups - 1
    (texts, arrows), = shapes_in(data)
    want_texts, want_arrows = expected(blocks[-1])
    assert texts == want_texts and sorted(arrows) == sorted(want_arrows)
    page_text_height = 16838 - 2 * 1440
    for group in re.findall(r'<v:group [^>]*style="width:([\d.]+)pt;height:([\d.]+)pt"', xml):
        assert float(group[0]) * 20 <= 11906 - 2 * 1797 and float(group[1]) * 20 <= page_text_height - 1000


def test_the_drawing_is_inline_and_grouped_in_its_own_paragraph():
    _, data = document()
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    ns = {"w": WML, "v": "urn:schemas-microsoft-com:vml"}
    groups = root.findall(".//w:body/w:p/w:r/w:pict/v:group", ns)
    assert len(groups) == len(root.findall(".//v:group", ns)) >= 2
    for group in groups:
        assert "position:absolute" not in group.get("style")  # inline: it takes its height in the text
        paragraph = group.getparent().getparent().getparent()
        assert len(paragraph.findall("w:r", ns)) == 1
        caption = paragraph.getnext()
        assert caption.find("w:pPr/w:pStyle", ns).get(f"{{{WML}}}val") == "Caption"
        for box in group.findall("v:*[@class='sskit-node']", ns):
            fonts = box.findall(".//w:rFonts", ns)
            assert fonts and all(f.get(f"{{{WML}}}eastAsia") == "宋体" for f in fonts)


def test_the_document_is_byte_identical_across_runs():
    _, first = document()
    _, second = document()
    assert first == second


# -- schema validation with the VML schemas ---------------------------------------------------
_XML = ("http://www.w3.org/XML/1998/namespace", "dc/xml.xsd")
_VML = [("urn:schemas-microsoft-com:vml", "vml-main.xsd"),
        ("urn:schemas-microsoft-com:office:office", "vml-officeDrawing.xsd"),
        ("urn:schemas-microsoft-com:office:word", "vml-wordprocessingDrawing.xsd")]


@pytest.fixture(scope="module")
def wml_schema():
    root = etree.Element(f"{{{XS}}}schema", nsmap={"xs": XS})
    for namespace, file in [_XML, *_VML, (WML, "wml.xsd")]:
        etree.SubElement(root, f"{{{XS}}}import", namespace=namespace, schemaLocation=(SCHEMAS / file).as_uri())
    return etree.XMLSchema(etree.fromstring(etree.tostring(root), base_url=SCHEMAS.as_uri() + "/"))


def schema_errors(data: bytes, schema) -> list[str]:
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    tree = etree.parse(io.BytesIO(xml), etree.XMLParser(no_network=True))
    return [] if schema.validate(tree) else [f"{e.line}: {e.message}" for e in schema.error_log]


def test_a_document_with_an_org_chart_and_a_flowchart_is_schema_valid(wml_schema):
    _, data = document(30)
    assert schema_errors(data, wml_schema) == []


def test_the_schema_check_does_look_at_the_shapes(wml_schema):
    _, data = document()
    source = zipfile.ZipFile(io.BytesIO(data))
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as out:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "word/document.xml":
                body = body.replace(b'<v:rect ', b'<v:rect stroked="perhaps" ', 1)
            out.writestr(item, body)
    errors = schema_errors(broken.getvalue(), wml_schema)
    assert errors and any("stroked" in e for e in errors)


def test_a_redline_with_a_drawing_added_or_removed_is_written(wml_schema):
    blocks, _ = document()
    without = [b for b in blocks if not isinstance(b, Drawing)]
    for old, new in ((without, blocks), (blocks, without), (blocks, blocks[:2] + [org_chart(3)] + blocks[3:])):
        data = write_redline(META, old, new)
        assert schema_errors(data, wml_schema) == []
    assert len(shapes_in(write_redline(META, without, blocks))) == 2


def test_a_renamed_box_is_a_tracked_change_inside_its_text_box(wml_schema):
    old = org_chart(3)
    new = Drawing(old.kind, old.title, tuple(n if n.id != "d1" else DrawingNode("d1", "售后服务中心\n负责人2", detail="3人")
                                             for n in old.nodes), old.edges)
    data = write_redline(META, [old], [new])
    assert schema_errors(data, wml_schema) == []
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    ns = {"w": WML}
    deleted = ["".join(d.itertext()) for d in root.iterfind(".//w:txbxContent//w:del", ns)]
    inserted = ["".join(i.itertext()) for i in root.iterfind(".//w:txbxContent//w:ins", ns)]
    assert deleted and inserted and "第2部门" in "".join(deleted) and "售后服务中心" in "".join(inserted)
    assert all(d.get(f"{{{WML}}}author") == "sskit" for d in root.iterfind(".//w:txbxContent//w:del", ns))
    assert len(shapes_in(data)) == 1  # one drawing, marked in place
    # a new box: the old drawing deleted and the new one inserted, each whole
    grown = Drawing(old.kind, old.title, old.nodes + (DrawingNode("x", "新部门"),), old.edges + (DrawingEdge("gm", "x"),))
    data = write_redline(META, [old], [grown])
    assert schema_errors(data, wml_schema) == []
    assert len(shapes_in(data)) == 2
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    marks = [p.find("w:pPr/w:rPr/*", ns) for p in root.iterfind(".//w:txbxContent/w:p", ns)]
    assert {etree.QName(m).localname for m in marks} == {"del", "ins"}


def test_the_paragraph_that_introduces_a_drawing_keeps_with_it():
    text = "# 组织\n\n本公司组织机构如图1所示：\n\n" + FLOW_MD.replace("# 报修处理\n", "") + "\n后续说明。\n"
    doc = etree.fromstring(zipfile.ZipFile(io.BytesIO(write_docx(META, parse_markdown(text)))).read("word/document.xml"))
    ns = {"w": WML}

    def keeps(start: str) -> bool:
        (p,) = [p for p in doc.iter(f"{{{WML}}}p") if "".join(p.xpath(".//w:t/text()", namespaces=ns)).startswith(start)]
        return bool(p.xpath("w:pPr/w:keepNext", namespaces=ns))

    # the table comes between this paragraph and the chart: only a paragraph right before a drawing keeps
    assert not keeps("本公司组织机构")
    chart_first = "# 组织\n\n本公司组织机构如图1所示：\n\n```drawing\n" + \
        '{"kind": "org", "title": "组织机构图", "nodes": [{"id": "a", "text": "总经理"}], "edges": []}\n```\n\n后续说明。\n'
    doc = etree.fromstring(zipfile.ZipFile(io.BytesIO(write_docx(META, parse_markdown(chart_first)))).read(
        "word/document.xml"))
    assert keeps("本公司组织机构") and not keeps("后续说明")
