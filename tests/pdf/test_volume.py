"""sskit.pdf.volume: the documents bound in the order given, one bookmark each holding the
document's own outline, the same bytes every time."""
from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter

from sskit.pdf.volume import compose_volume, volume_title


def _document(pages: int, chapters: list[str]) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    for i, chapter in enumerate(chapters):
        writer.add_outline_item(title=chapter, page_number=min(i, pages - 1))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _outline(reader: PdfReader) -> list:
    """[(title, first page, [child titles])] of the top level."""
    items, found = reader.outline, []
    for i, item in enumerate(items):
        if isinstance(item, list):
            continue
        children = items[i + 1] if i + 1 < len(items) and isinstance(items[i + 1], list) else []
        found.append((item.title, reader.get_destination_page_number(item), [c.title for c in children]))
    return found


def test_one_bookmark_per_document_in_order_with_its_chapters():
    parts = [("QH/SS-QD-01 文件清单", _document(2, ["1 文件清单"])),
             ("QH/SS-SC-01 售后服务手册", _document(3, ["1 总则", "2 服务承诺"])),
             ("QH/SS-CX-01 维修服务控制程序", _document(1, []))]
    data = compose_volume(parts, volume_title("杭州青禾电器有限公司"), "杭州青禾电器有限公司")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 6
    assert _outline(reader) == [("QH/SS-QD-01 文件清单", 0, ["1 文件清单"]),
                                ("QH/SS-SC-01 售后服务手册", 2, ["1 总则", "2 服务承诺"]),
                                ("QH/SS-CX-01 维修服务控制程序", 5, [])]
    assert reader.metadata["/Title"] == "杭州青禾电器有限公司售后服务体系文件汇编"
    assert "/CreationDate" not in reader.metadata and "/ID" not in reader.trailer
    assert compose_volume(parts, "T", "A") == compose_volume(parts, "T", "A")
