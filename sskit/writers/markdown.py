"""Markdown writer: the rendered Markdown itself is a deliverable (reviewable, diffable)."""

from __future__ import annotations


def write_markdown(markdown_text: str) -> bytes:
    """UTF-8 bytes with LF line endings and exactly one trailing newline."""
    text = markdown_text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    return (text + "\n").encode("utf-8")
