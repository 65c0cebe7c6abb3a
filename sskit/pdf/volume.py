"""The combined volume (汇编): every document's PDF in register order, one bookmark each.

`compose_volume([(bookmark, pdf bytes), ...], title, author)` -> PDF bytes. Each
bookmark reads "文件编号 文件名称" and holds the document's own outline (its chapters).
Pure and deterministic: no date and no random /ID are written.
"""
from __future__ import annotations

import io

# a support file of the set, at OUT's root: what a consultant sends to the certification body
VOLUME_NAME = "售后服务体系文件汇编.pdf"


def volume_title(company: str) -> str:
    return f"{company}售后服务体系文件汇编"


def compose_volume(parts: list[tuple[str, bytes]], title: str, author: str) -> bytes:
    from pypdf import PdfReader, PdfWriter  # here: the CLI names VOLUME_NAME without loading pypdf

    writer = PdfWriter()
    for bookmark, data in parts:
        writer.append(PdfReader(io.BytesIO(data)), outline_item=bookmark, import_outline=True)
    writer.add_metadata({"/Title": title, "/Author": author, "/Producer": "sskit"})
    writer.page_mode = "/UseOutlines"  # the reader opens with the bookmarks shown
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
