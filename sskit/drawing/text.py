"""Drawings, text: measuring and wrapping box texts as the layout counts them, and a node's box."""

from __future__ import annotations

import re
import unicodedata

from sskit.markup.ir import DrawingNode

from .geometry import CJK_WIDTH, MAIN, SMALL, Box, content_height

def char_width(char: str, size: int) -> int:
    if unicodedata.east_asian_width(char) in ("W", "F", "A"):
        return max(size, CJK_WIDTH)
    return (size * 55 + 99) // 100


def text_width(text: str, size: int = MAIN) -> int:
    return sum(char_width(c, size) for c in text)


# a number keeps the character after it, its measure word (135名, 12个), as a Chinese typesetter
# keeps them together; other runs of Latin letters and digits are one word each
_TOKEN = re.compile(r"[0-9][0-9.,]*[\u3400-\u4dbf\u4e00-\u9fff]|[A-Za-z0-9.,:;%/+\-_#&()]+ ?| +|.", re.DOTALL)
_CLOSING = set("，。、；：？！）》」』”’%,.;:?!)]")


def wrap(text: str, size: int, width: int) -> list[str]:
    """`text` broken into lines no wider than `width`; "\\n" always breaks.  A closing punctuation
    mark never starts a line: the character before it goes down with it, as Word and LibreOffice
    do (their 禁则)."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for token in _TOKEN.findall(paragraph):
            pieces = [token] if text_width(token, size) <= width else list(token)
            for piece in pieces:
                w = text_width(piece, size)
                if line and used + w > width:
                    carry = ""
                    if piece in _CLOSING and len(line) > 1 and not line[-1].isspace():
                        line, carry = line[:-1], line[-1]
                    out.append(line.rstrip())
                    line, used = carry, text_width(carry, size)
                    if piece.isspace():
                        continue
                line += piece
                used += w
        out.append(line.rstrip())
    return out


def lines_width(lines, size: int) -> int:
    return max((text_width(line, size) for line in lines), default=0)


def node_box(node: DrawingNode, x: int, y: int, w: int, h: int, inner: int, size: int = MAIN,
         role: str = "node") -> Box:
    lines = tuple(wrap(node.text, size, inner))
    detail = tuple(wrap(node.detail, SMALL, inner)) if node.detail else ()
    records_text = "记录：" + node.records if node.records else ""
    records = tuple(wrap(records_text, SMALL, inner)) if node.records else ()
    return Box(node.id, role, node.shape, x, y, w, h, node.text, lines, detail, records, size,
               node.detail, records_text)


def measure(node: DrawingNode, inner: int, size: int = MAIN) -> int:
    """The height a node's text needs at text width `inner`."""
    lines = wrap(node.text, size, inner)
    small = (wrap(node.detail, SMALL, inner) if node.detail else []) + (
        wrap("记录：" + node.records, SMALL, inner) if node.records else [])
    return content_height(lines, small, size)


def simplify(points) -> tuple[tuple[int, int], ...]:
    """Drop repeated points and the middle of three collinear ones."""
    out: list[tuple[int, int]] = []
    for p in points:
        if out and out[-1] == p:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (ax == bx == p[0]) or (ay == by == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return tuple(out)
