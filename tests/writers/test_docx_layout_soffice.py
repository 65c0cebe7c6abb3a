"""Page flow as LibreOffice lays it out: a figure that fits the rest of a page is placed there,
whatever text follows its caption (skipped where soffice is not installed)."""
from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import uuid

import pytest
from pypdf import PdfReader

from sskit.drawing.layout import layout_drawing
from sskit.markup import parse_markdown
from sskit.markup.ir import Drawing, DrawingEdge, DrawingNode
from sskit.writers.docx import write_docx
from sskit.writers.docx.body import INTRO_KEEP_SHARE
from sskit.writers.docx.page import PORTRAIT

from writer_samples import META

CHART = Drawing("org", "售后服务组织机构图",
                (DrawingNode("gm", "总经理\n张明"), *(DrawingNode(f"d{i}", f"第{i + 1}部门\n负责人{i + 1}", detail="5人")
                                                    for i in range(3))),
                (DrawingEdge("gm", "d0"), DrawingEdge("d0", "d1"), DrawingEdge("d1", "d2")))
INTRO = ("售后服务组织机构由承担售后服务职能的部门、各部门的服务岗位和服务网点组成，如下图；虚线连接的部门不在管理者"
         "代表的直接管理之下，在售后服务事务上接受其协调和指挥：")
TAIL = ("本节对应GB/T 27922-2011第5.1条的要求。\n\n## 最高管理者职责\n\n"
        + "总经理是本公司售后服务的第一责任人，负责确定服务理念和服务承诺，批准发布本手册。" * 6 + "\n")
ROWS = (6, 7, 8, 9, 10, 11)  # tables ending lower and lower on page 1


def document(rows: int, tail: bool) -> bytes:
    table = "| 部门 | 上级部门 | 职能 |\n|---|---|---|\n" + "".join(
        f"| 第{i}部门 | 总经理 | 服务管理、质量监督 |\n" for i in range(rows))
    blocks = [*parse_markdown(f"## 组织机构\n\n各部门如下表。\n\n{table}\n{INTRO}\n"), CHART,
              *(parse_markdown(TAIL) if tail else ())]
    return write_docx(dataclasses.replace(META, cover=False, toc=False), blocks)


def figure_page(pdf: bytes) -> int:
    pages = [re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]
    (page,) = [number for number, text in enumerate(pages, 1) if "图1售后服务组织机构图" in text]
    return page


def test_text_after_a_figure_caption_never_pushes_a_fitting_figure_to_the_next_page(tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("soffice not installed: LibreOffice is needed to check page flow")
    height = PORTRAIT.height - PORTRAIT.top - PORTRAIT.bottom
    assert layout_drawing(CHART, PORTRAIT.text_width, height)[0].height <= height * INTRO_KEEP_SHARE  # kept intro
    names = []
    for rows in ROWS:
        for tail in (False, True):
            name = tmp_path / f"r{rows}-{'tail' if tail else 'bare'}.docx"
            name.write_bytes(document(rows, tail))
            names.append(str(name))
    profile = tmp_path / f"lo-profile-{uuid.uuid4().hex}"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *names], check=True, capture_output=True, timeout=300)
    bare = [figure_page((tmp_path / f"r{rows}-bare.pdf").read_bytes()) for rows in ROWS]
    followed = [figure_page((tmp_path / f"r{rows}-tail.pdf").read_bytes()) for rows in ROWS]
    assert bare[0] == 1 and bare[-1] == 2  # the sweep crosses the point where the figure no longer fits
    # where the introduced figure and its caption fit after the table, the paragraph and heading
    # following the caption do not drag them (and their introduction) to the next page
    assert followed == bare
