"""Drawings in the HTML (inline SVG of the same layout) and as standalone SVG files."""
from __future__ import annotations

import re

from lxml import etree

from sskit.markup import DocumentMeta, parse_markdown
from sskit.markup.ir import Drawing
from sskit.writers.html import write_html
from sskit.writers.svg import drawing_svg
from test_drawing_docx import FLOW_MD, org_chart

SVG = "http://www.w3.org/2000/svg"
META = DocumentMeta(title="售后服务手册", number="HX/SS-01", version="A/0", company_name="华星电器有限公司",
                    company_short="华星电器", issue_date="2026-01-01", effective_date="2026-01-15")


def svg_texts(svg) -> dict:
    """data-id of each node group -> its text lines joined."""
    out = {}
    for group in svg.iter(f"{{{SVG}}}g"):
        if group.get("class") == "node":
            out[group.get("data-id")] = "".join(t.text or "" for t in group.iter(f"{{{SVG}}}text"))
    return out


def test_the_html_holds_an_svg_per_drawing_with_the_same_texts():
    blocks = [*parse_markdown("# 组织机构\n"), org_chart(20), *parse_markdown(FLOW_MD)]
    drawings = [b for b in blocks if isinstance(b, Drawing)]
    page = write_html(META, blocks).decode()
    assert page == write_html(META, blocks).decode()
    figures = re.findall(r'<figure class="drawing">\n(<svg .*?</svg>)\n<figcaption>(.*?)</figcaption>', page, re.S)
    assert [caption for _, caption in figures] == ["图1\u3000售后服务组织机构图", "图2\u3000报修处理流程图"]
    for drawing, (svg, _) in zip(drawings, figures):
        tree = etree.fromstring(svg.encode())
        texts = svg_texts(tree)
        for node in drawing.nodes:  # wrapped lines joined give the text back (line breaks aside)
            assert texts[node.id].startswith(node.text.replace("\n", "")), node
            if node.detail:
                assert node.detail in texts[node.id]
        edges = {(e.get("data-source"), e.get("data-target")) for e in tree.iter(f"{{{SVG}}}polyline")}
        assert edges == {(e.source, e.target) for e in drawing.edges}
    assert len(set(re.findall(r'<marker id="([^"]+)"', page))) == 2  # marker ids unique in the page


def test_a_drawing_as_a_standalone_svg_file():
    drawing = [b for b in parse_markdown(FLOW_MD) if isinstance(b, Drawing)][0]
    text = drawing_svg(drawing, 415.6)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')
    root = etree.fromstring(text.encode())
    assert root.get("width") == "415.6pt" and root.findtext(f"{{{SVG}}}title") == "报修处理流程图"
    assert set(svg_texts(root)) == {n.id for n in drawing.nodes}
    assert text == drawing_svg(drawing, 415.6)
    assert "&lt;b&gt;" in drawing_svg(Drawing("org", "t", (drawing.nodes[1].__class__("a", "<b>"),), ()), 300)
