"""Redline DOCX (修订对照): the new version of a document with the changes from its previous
version as Word tracked changes, for the client to review in Word's 审阅 pane.

Takes DocumentMeta + the old and the new IR blocks, returns .docx bytes.  The diff itself is
`sskit.markup.redline`; this module lays its marks out with the ordinary body builder, so the
file looks exactly like `write_docx(meta, new_blocks)` plus the marks:
- changed text: runs in `w:ins` / `w:del` (deleted text in `w:delText`);
- a paragraph, heading or list item inserted or deleted as a whole: its paragraph mark too
  (`w:pPr/w:rPr/w:ins|w:del`); a deleted heading takes no number and no TOC entry;
- a table row inserted or deleted: `w:trPr/w:ins|w:del`.
Every change carries `w:author`, `w:date` ({date}T00:00:00Z) and a `w:id` numbered in document
order after the TOC bookmarks' ids, so the same inputs give the same bytes.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from functools import partial
from itertools import count
from typing import Iterator, Optional, Sequence

from sskit.markup.ir import Block, DocumentMeta, Heading, Span, Table
from sskit.markup.redline import DEL, Change, TableEdit, Whole, new_text, redline_blocks

from .body import BodyBuilder
from .document import build_package
from .inline import paragraph
from .styles import CAPTION, NORMAL
from .tables import column_widths
from .wml import attr

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CHANGE_TAG = re.compile(r"<w:(ins|del)(?=/?>)")  # the bare marks the builder writes


def write_redline(meta: DocumentMeta, old_blocks: Sequence[Block], new_blocks: Sequence[Block],
                  author: str = "sskit", date: str = "2026-01-01") -> bytes:
    """The new version (`meta`, `new_blocks`) with the changes since `old_blocks` tracked.

    The front matter (cover, 修订记录 from `meta.revisions`, table of contents) is the new
    version's and carries no marks: the 修订记录 already states the revision, and the contents
    list the new headings.  Changes of paragraph alignment alone are not marked; a change of
    bold / italic shows as the text deleted and inserted again.  With no change at all the
    bytes are those of `write_docx(meta, new_blocks)`.  Pure and deterministic.
    """
    if not _ISO_DATE.match(date):
        raise ValueError(f"redline date {date!r}: expected an ISO date such as 2026-01-01")
    marked = redline_blocks(old_blocks, new_blocks)
    return build_package(meta, marked, partial(RedlineBuilder, author=author, date=date))


class RedlineBuilder(BodyBuilder):
    """The body builder, taught the redline's marks (`Whole`, `TableEdit`, `Change`)."""

    def __init__(self, *args, author: str, date: str, **options) -> None:
        super().__init__(*args, **options)
        self._stamp = f' w:author="{attr(author)}" w:date="{date}T00:00:00Z"'
        self._mark: Optional[str] = None  # the change of the whole block being laid out

    @contextmanager
    def _marking(self, kind: Optional[str]) -> Iterator[None]:
        outer = self._mark
        self._mark = kind or outer
        try:
            yield
        finally:
            self._mark = outer

    def paragraph(self, style: str, inlines=(), content: str = "", **props) -> None:
        if self._mark:
            props["mark_change"] = self._mark
        super().paragraph(style, inlines, content, **props)

    def gap(self) -> None:
        if self._mark is None:
            super().gap()
        else:
            self.parts.append(paragraph(NORMAL, mark_size=12, mark_change=self._mark))

    def _block(self, block, list_level: Optional[int]) -> None:
        if isinstance(block, Whole):
            with self._marking(block.kind):
                self._block(block.block, list_level)
        elif isinstance(block, TableEdit):
            self._table_edit(block)
        else:
            super()._block(block, list_level)

    def _list_child(self, child, *args) -> None:
        if isinstance(child, Whole):
            with self._marking(child.kind):
                super()._list_child(child.block, *args)
        else:
            super()._list_child(child, *args)

    def _heading(self, block: Heading, counted: bool = True) -> None:
        super()._heading(block, counted=counted and self._mark != DEL)

    @staticmethod
    def heading_text(inlines) -> str:
        return new_text(inlines)

    def _table_edit(self, edit: TableEdit) -> None:
        widths = column_widths(edit.table, self.page.text_width)  # the layout of the version shown
        if edit.caption is not None:
            kind = self._mark or edit.caption_kind
            number = self._table_count + 1
            if kind != DEL:  # a deleted caption keeps the number it would take, and does not count
                self._table_count = number
            prefix = Span(f"表{number}\u3000")
            with self._marking(kind):
                self.paragraph(CAPTION, (Change(kind, prefix) if kind else prefix, *edit.caption))
        header = edit.header
        body = Table(header=header.cells if header else (), rows=tuple(r.cells for r in edit.rows),
                     align=edit.table.align)
        self.table(body, widths, row_changes=tuple(r.kind for r in edit.rows),
                   header_change=self._mark or (header.kind if header else None))
        self.gap()

    def body_fragments(self) -> list[str]:
        return [self.body_xml()]

    def body_xml(self) -> str:
        """The body with neighbouring marks of one kind joined (one entry in Word's 审阅 pane)
        and every mark stamped with its id, author and date."""
        xml = "".join(self.parts).replace("</w:ins><w:ins>", "").replace("</w:del><w:del>", "")
        ids = count(len(self.toc) + 1)  # after the TOC bookmarks' ids
        return _CHANGE_TAG.sub(lambda m: f'<w:{m[1]} w:id="{next(ids)}"{self._stamp}', xml)
