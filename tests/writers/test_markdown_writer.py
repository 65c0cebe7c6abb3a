from sskit.writers.markdown import write_markdown


def test_markdown_is_utf8_with_one_trailing_newline():
    assert write_markdown("# 标题\n\n正文") == "# 标题\n\n正文\n".encode("utf-8")
    assert write_markdown("正文\n\n\n") == "正文\n".encode("utf-8")
    assert write_markdown("a\r\nb\r") == b"a\nb\n"


def test_drawings_become_svg_files_beside_the_markdown_with_links_in_their_place():
    import json

    from sskit.markup import parse_markdown
    from sskit.markup.ir import Drawing
    from sskit.writers.markdown import markdown_files

    chart = {"kind": "org", "title": "组织机构图", "lanes": [],
             "nodes": [{"id": "gm", "text": "总经理"}, {"id": "d1", "text": "客户服务部"}],
             "edges": [{"source": "gm", "target": "d1"}]}
    text = ("# 组织\n\n```drawing\n" + json.dumps(chart, ensure_ascii=False) + "\n```\n\n"
            "<!-- flowchart -->\n\nTable: 投诉处理流程\n| 序号 | 环节 | 责任部门 | 时限 |\n|---|---|---|---|\n"
            "| 1 | 受理 | 客户服务部 | 即时 |\n| 2 | 处理 | 技术部 | 3日 |\n\n说明。\n")
    drawings = [b for b in parse_markdown(text) if isinstance(b, Drawing)]
    assert [d.title for d in drawings] == ["组织机构图", "投诉处理流程图"]
    files = markdown_files(text, drawings, "006-X-组织")
    assert sorted(files) == ["006-X-组织-图1.svg", "006-X-组织-图2.svg", "006-X-组织.md"]
    md = files["006-X-组织.md"].decode()
    assert md == ("# 组织\n\n![图1 组织机构图](006-X-组织-图1.svg)\n\n<!-- flowchart -->\n\nTable: 投诉处理流程\n"
                  "| 序号 | 环节 | 责任部门 | 时限 |\n|---|---|---|---|\n| 1 | 受理 | 客户服务部 | 即时 |\n"
                  "| 2 | 处理 | 技术部 | 3日 |\n\n![图2 投诉处理流程图](006-X-组织-图2.svg)\n\n说明。\n")
    org, flow = files["006-X-组织-图1.svg"].decode(), files["006-X-组织-图2.svg"].decode()
    assert org.startswith("<?xml") and "总经理" in org and "客户服务部" in org
    assert "受理" in flow and "技术部" in flow and "3日" in flow
    assert markdown_files("正文", [], "a") == {"a.md": "正文\n".encode()}


# --- the links go where markdown-it found the drawings (Drawing.source), never by line patterns --

import json as _json

from sskit.markup import parse_markdown
from sskit.markup.ir import Drawing, DrawingNode, ListBlock, Paragraph, Span
from sskit.writers.markdown import drawings_in, markdown_files


def _chart(title: str) -> str:
    return _json.dumps({"kind": "org", "title": title, "nodes": [{"id": "a", "text": "总经理"}]},
                       ensure_ascii=False)


def _md(text: str) -> tuple[str, list]:
    drawings = drawings_in(parse_markdown(text))
    return markdown_files(text, drawings, "d")["d.md"].decode(), drawings


def _images(blocks) -> list[str]:
    """The image alt texts (parse_markdown keeps an image as its alt text) of the paragraphs."""
    out = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out += [i.text for i in block.inlines if isinstance(i, Span) and i.text.startswith("图")]
        elif isinstance(block, ListBlock):
            for item in block.items:
                out += _images(item)
    return out


def test_a_tilde_fence_is_replaced_by_its_link_like_a_backtick_one():
    text = f"前言。\n\n~~~drawing\n{_chart('甲图')}\n~~~\n\n```drawing\n{_chart('乙图')}\n```\n\n正文。\n"
    md, drawings = _md(text)
    assert [d.title for d in drawings] == ["甲图", "乙图"]
    assert md == "前言。\n\n![图1 甲图](d-图1.svg)\n\n![图2 乙图](d-图2.svg)\n\n正文。\n"
    assert not any(isinstance(b, Drawing) for b in parse_markdown(md))  # no JSON left behind


def test_a_drawing_fence_inside_another_code_block_stays_code_and_moves_no_link():
    text = (f"示例：\n\n````markdown\n```drawing\n{_chart('示例图')}\n```\n````\n\n"
            f"```drawing\n{_chart('真图')}\n```\n\n结尾。\n")
    md, drawings = _md(text)
    assert [d.title for d in drawings] == ["真图"]
    assert md == (f"示例：\n\n````markdown\n```drawing\n{_chart('示例图')}\n```\n````\n\n"
                  "![图1 真图](d-图1.svg)\n\n结尾。\n")


def test_a_drawing_in_a_list_item_keeps_its_place_in_the_item_and_later_links_stay_put():
    text = (f"1. 第一项：\n\n   ```drawing\n   {_chart('项内图')}\n   ```\n2. 第二项\n\n"
            f"- ```drawing\n  {_chart('列表首图')}\n  ```\n\n> ```drawing\n> {_chart('引用图')}\n> ```\n\n"
            f"```drawing\n{_chart('末图')}\n```\n")
    md, drawings = _md(text)
    assert [d.title for d in drawings] == ["项内图", "列表首图", "引用图", "末图"]
    assert md == ("1. 第一项：\n\n   ![图1 项内图](d-图1.svg)\n2. 第二项\n\n- ![图2 列表首图](d-图2.svg)\n\n"
                  "> ![图3 引用图](d-图3.svg)\n\n![图4 末图](d-图4.svg)\n")
    blocks = parse_markdown(md)
    assert _images(blocks) == ["图1 项内图", "图2 列表首图", "图3 引用图", "图4 末图"]
    assert isinstance(blocks[0], ListBlock) and _images(blocks[0].items[0]) == ["图1 项内图"]


def test_a_flow_table_in_a_list_item_gets_its_link_in_the_same_item():
    text = ("- 投诉的处理：\n\n  <!-- flowchart -->\n  Table: 投诉处理流程\n\n  | 序号 | 环节 | 责任部门 |\n"
            "  |---|---|---|\n  | 1 | 受理 | 客服部 |\n  | 2 | 处理 | 技术部 |\n- 下一项\n")
    md, drawings = _md(text)
    assert [d.title for d in drawings] == ["投诉处理流程图"]
    assert md == ("- 投诉的处理：\n\n  <!-- flowchart -->\n  Table: 投诉处理流程\n\n  | 序号 | 环节 | 责任部门 |\n"
                  "  |---|---|---|\n  | 1 | 受理 | 客服部 |\n  | 2 | 处理 | 技术部 |\n\n"
                  "  ![图1 投诉处理流程图](d-图1.svg)\n\n- 下一项\n")
    blocks = parse_markdown(md)
    assert len(blocks) == 1 and isinstance(blocks[0], ListBlock) and len(blocks[0].items) == 2
    assert _images(blocks[0].items[0]) == ["图1 投诉处理流程图"]


def test_brackets_and_backslashes_in_a_title_are_escaped_in_the_alt_text():
    md, _ = _md("```drawing\n" + _chart("组织机构图[2026]\\修订") + "\n```\n")
    assert md == "![图1 组织机构图\\[2026\\]\\\\修订](d-图1.svg)\n"
    assert _images(parse_markdown(md)) == ["图1 组织机构图[2026]\\修订"]


def test_the_svg_is_laid_out_at_the_width_asked_for():
    text = f"```drawing\n{_chart('宽度')}\n```\n"
    drawings = drawings_in(parse_markdown(text))
    narrow = markdown_files(text, drawings, "d", width_pt=300)["d-图1.svg"].decode()
    wide = markdown_files(text, drawings, "d", width_pt=600)["d-图1.svg"].decode()
    assert 'width="300pt"' in narrow and 'width="600pt"' in wide


def test_a_drawing_built_without_a_place_is_linked_at_the_end():
    drawing = Drawing("org", "手工图", (DrawingNode("a", "总经理"),), ())
    files = markdown_files("正文。\n", [drawing], "d")
    assert files["d.md"].decode() == "正文。\n\n![图1 手工图](d-图1.svg)\n"
