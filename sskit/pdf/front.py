"""The volume's front pages: a cover and the 总目录 (one row per document with its first page
in the volume), written as a small Word file with sskit's own writer and made a PDF by the
build's converter.

`front_markdown(front, starts)` is pure; `front_pdf(front, lengths, convert)` converts, counts
the front's pages and, when that count moves the documents' first pages, converts once more.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, replace
from typing import Callable

from sskit.diagnostics import Diagnostic, ExitCode, SskitError
from sskit.markup import escape_markdown, parse_markdown
from sskit.markup.ir import DocumentMeta

FRONT_NAME = "000-售后服务体系文件汇编-封面及总目录.pdf"  # the converter's name for it (never written to OUT)
SPACE = 6  # empty lines between the title heading the cover and the company's name
GUESS = 2  # pages: the cover and one page of 总目录, the usual count of a small set


@dataclass(frozen=True)
class Entry:
    number: str
    title: str
    version: str


@dataclass(frozen=True)
class Front:
    company: str
    standard: str  # GB/T 27922-2011
    standard_title: str  # 商品售后服务评价体系
    version: str  # the set's version (document_control.version)
    effective_date: str  # 2026年1月1日
    entries: tuple[Entry, ...]  # in the volume's order
    meta: DocumentMeta  # the front's Word meta (the set's dates, logo and reference document)


def front_markdown(front: Front, starts: list[int]) -> str:
    """The cover and the 总目录; `starts`: each entry's first page in the volume (1-based)."""
    e = escape_markdown
    lines = ["<!-- align: center -->", "<br>" * SPACE, "",
             "<!-- align: center -->", f"**{e(front.company)}**", "",
             "<!-- align: center -->", f"依据{e(front.standard)}《{e(front.standard_title)}》", "",
             "<!-- align: center -->", f"版本：{e(front.version)}", "",
             "<!-- align: center -->", f"实施日期：{e(front.effective_date)}", "",
             "<!-- align: center -->", f"共{len(front.entries)}份文件", "",
             "<!-- pagebreak -->", "",
             "# 总目录 {-}", "",
             "| 序号 | 文件编号 | 文件名称 | 版本 | 起始页 |",
             "|:-:|---|---|:-:|:-:|"]
    for i, (entry, start) in enumerate(zip(front.entries, starts), start=1):
        lines.append(f"| {i} | {e(entry.number)} | {e(entry.title)} | {e(entry.version)} | {start} |")
    return "\n".join(lines) + "\n"


def starts_after(front_pages: int, lengths: list[int]) -> list[int]:
    """Each document's first page in the volume, the front's pages coming first."""
    starts, page = [], front_pages + 1
    for length in lengths:
        starts.append(page)
        page += length
    return starts


def front_pdf(front: Front, lengths: list[int], convert: Callable[[dict], dict]) -> bytes:
    """The front pages as PDF bytes whose 总目录 names the right first pages."""
    from pypdf import PdfReader  # here: the CLI names the volume without loading pypdf

    from sskit.writers.docx import write_docx

    pages = GUESS
    for _ in range(2):
        docx = write_docx(front.meta, parse_markdown(front_markdown(front, starts_after(pages, lengths))),
                          front.meta.reference)
        data = convert({FRONT_NAME: docx})[FRONT_NAME]
        made = len(PdfReader(io.BytesIO(data)).pages)
        if made == pages:
            return data
        numbered, pages = pages, made
    raise SskitError([Diagnostic(FRONT_NAME, 0, 0, f"the 总目录 does not settle: {made} pages, "
                                                    f"numbered for {numbered}",
                                 hint="report this as a bug in sskit; build without --volume meanwhile")],
                     ExitCode.OUTPUT)


def front_meta(template: DocumentMeta, title: str) -> DocumentMeta:
    """The front's Word meta from a document of the set (its company, dates, logo, reference
    document): no cover page, no contents, no 修订记录; laid out as a form headed by `title`."""
    return replace(template, title=title, number="", revisions=(), cover=False, toc=False, landscape=False,
                   chapter_page_break=False, compact=False, narrow_margins=False, layout="form",
                   keywords=f"{template.company_short};售后服务;{title}")
