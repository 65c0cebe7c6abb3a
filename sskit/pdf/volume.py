"""The combined volume (汇编): the front pages (cover, 总目录), then every document's PDF in
filing order (sskit.documents.filing_order), one bookmark each.

`compose_volume([(bookmark, pdf bytes), ...], title, author, front)` -> PDF bytes. Each
bookmark reads "文件编号 文件名称" and holds the document's own outline (its chapters); the
front pages, when given, come first under a bookmark of their own (FRONT_BOOKMARK).
Pure and deterministic: no date and no random /ID are written.
"""
from __future__ import annotations

import io
from typing import Optional

# a support file of the set, at OUT's root: what a consultant sends to the certification body
VOLUME_NAME = "售后服务体系文件汇编.pdf"
VOLUME_HEADING = "售后服务体系文件汇编"
FRONT_BOOKMARK = "封面及总目录"


def volume_title(company: str) -> str:
    return f"{company}{VOLUME_HEADING}"


def compose_volume(parts: list[tuple[str, bytes]], title: str, author: str,
                   front: Optional[bytes] = None) -> bytes:
    from pypdf import PdfReader, PdfWriter  # here: the CLI names VOLUME_NAME without loading pypdf

    writer = PdfWriter()
    if front is not None:
        writer.append(PdfReader(io.BytesIO(front)), outline_item=FRONT_BOOKMARK, import_outline=False)
    for bookmark, data in parts:
        writer.append(PdfReader(io.BytesIO(data)), outline_item=bookmark, import_outline=True)
    writer.add_metadata({"/Title": title, "/Author": author, "/Producer": "sskit"})
    writer.page_mode = "/UseOutlines"  # the reader opens with the bookmarks shown
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
