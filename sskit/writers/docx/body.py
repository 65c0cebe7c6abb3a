"""Body stage of the DOCX writer: IR blocks -> `w:p` / `w:tbl` XML fragments, in order.

Keeps the per-document state the blocks need: table numbers for captions, heading numbers and
bookmarks for the table of contents, one numbering instance per ordered list, and a pending
page break that becomes `w:pageBreakBefore` on the next paragraph (so no empty line is left
at the top of the new page).

Keep-with-next is used sparingly, because every kept paragraph drags the ones before it along
when a page fills up: a drawing keeps with its caption; the caption under it does not keep with
what follows (the Caption style keeps a table's caption with its table); the paragraph that
introduces a drawing keeps with it only when the drawing takes at most half a page, so a large
drawing that does not fit the rest of a page moves alone and leaves its 如下图 paragraph (and
the headings above it) where they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from sskit.drawing.layout import Sheet, layout_drawing
from sskit.markup.ir import Block, Drawing, Heading, Inline, ListBlock, PageBreak, Paragraph, Span, Table
from sskit.markup.redline import DEL, Change, DrawingEdit

from .drawing import sheet_run
from .inline import paragraph, runs
from .numbering import BULLET_NUM_ID, Numbering, list_indent
from .page import PageGeometry
from .styles import BODY, CAPTION, HEADINGS, LIST_PARAGRAPH, NORMAL
from .tables import build_table, column_widths
from .wml import clean

TOC_LEVELS = 3  # matches the field's \o "1-3"
# room a drawing leaves on its page for its caption and a heading above it
_DRAWING_MARGIN = 1200
# the share of the text height up to which a drawing's first sheet keeps its introducing paragraph
INTRO_KEEP_SHARE = 0.5
_NO_INDENT = (("w:firstLineChars", 0), ("w:firstLine", 0))


@dataclass(frozen=True)
class TocEntry:
    level: int
    label: str  # "1.2 服务网点", numbered as Word will number the heading
    bookmark: str


class BodyBuilder:
    def __init__(self, page: PageGeometry, numbering: Numbering, chapter_page_break: bool = False,
                 body_row_height: Optional[int] = None) -> None:
        self.page = page
        self.body_row_height = body_row_height  # registers: rows tall enough to write in
        self.numbering = numbering
        self.chapter_page_break = chapter_page_break
        self.parts: list[str] = []  # top-level w:p / w:tbl fragments
        self.toc: list[TocEntry] = []
        self._table_count = 0
        self._figure_count = 0  # 图N
        self._drawing_count = 0  # VML groups written (their shape ids are numbered by it)
        self._heading_numbers = [0] * 9
        self._break_pending = False
        self._introduces = False  # the block being added is the paragraph right before a drawing
        self._sheets: Optional[tuple[Drawing, tuple[Sheet, ...]]] = None  # the last drawing laid out
        self.content_start = 0  # parts before this index (a form's title) do not count as a page's content

    # -- building blocks shared with the front matter -----------------------------------------
    def page_break(self) -> None:
        # A break before any content would leave an empty first page.
        self._break_pending = len(self.parts) > self.content_start

    def paragraph(self, style: str, inlines: Iterable[Inline] = (), content: str = "", **props) -> None:
        if self._break_pending:
            self._break_pending = False
            props["page_break_before"] = True
        self.parts.append(paragraph(style, inlines, content, **props))

    def blank(self, lines: int = 1) -> None:
        for _ in range(lines):
            self.paragraph(NORMAL)

    def table(self, table: Table, widths: Optional[list[int]] = None, **options) -> None:
        if table.caption:
            self._table_count += 1
            self.paragraph(CAPTION, (Span(f"表{self._table_count}\u3000{table.caption}"),))
        elif self._break_pending:
            self.paragraph(NORMAL, mark_size=2)  # a table cannot carry pageBreakBefore itself
        widths = widths or column_widths(table, self.page.text_width)
        if self.body_row_height and "row_height" not in options:
            options["row_height"] = self.body_row_height
        self.parts.append(build_table(table, widths, **options))

    def sheets(self, drawing: Drawing) -> tuple[Sheet, ...]:
        """`drawing` laid out to the text width, each sheet at most a page less room for its
        caption; the last layout is remembered (the block before a drawing asks for it too)."""
        if self._sheets is not None and self._sheets[0] is drawing:
            return self._sheets[1]
        page = self.page
        sheets = layout_drawing(drawing, page.text_width, self.text_height - _DRAWING_MARGIN)
        self._sheets = (drawing, sheets)
        return sheets

    @property
    def text_height(self) -> int:
        return self.page.height - self.page.top - self.page.bottom

    def _keeps_intro(self, block: Block) -> bool:
        """Whether the paragraph before `block` keeps with it: `block` is a drawing whose first
        sheet takes at most INTRO_KEEP_SHARE of the text height."""
        drawing = block.drawing if isinstance(block, DrawingEdit) else block
        if not isinstance(drawing, Drawing):
            return False
        sheets = self.sheets(drawing)
        return bool(sheets) and sheets[0].height <= self.text_height * INTRO_KEEP_SHARE

    def drawing(self, drawing: Drawing, edit: Optional[DrawingEdit] = None) -> None:
        """The drawing laid out to the text width, each sheet inline in its own centred paragraph
        with its caption 图N under it; the later sheets of a split flowchart say （续）.  A
        redline's `edit` marks the texts that changed (a deleted drawing takes no number)."""
        sheets = self.sheets(drawing)
        number = self._figure_count + 1
        if edit is None or edit.kind != DEL:
            self._figure_count = number
        prefix = Span(f"图{number}\u3000")
        title = edit.text("title", "") if edit is not None else None
        title = (Span(drawing.title),) if title is None else title
        for sheet in sheets:
            self._drawing_count += 1
            self.paragraph(NORMAL, content=sheet_run(sheet, self._drawing_count, edit), ind=_NO_INDENT, jc="center",
                           keep_next=True)
            more = (Span("（续）"),) if sheet.continued else ()
            # a caption under its drawing ends the keep chain (the style keeps a table's caption)
            if edit is None:
                self.paragraph(CAPTION, (Span(prefix.text + drawing.title + "".join(m.text for m in more)),),
                               keep_next_off=True)
            elif edit.kind:
                self.paragraph(CAPTION, (Change(edit.kind, prefix), *title, *(Change(edit.kind, m) for m in more)),
                               keep_next_off=True)
            else:
                self.paragraph(CAPTION, (prefix, *title, *more), keep_next_off=True)

    def gap(self) -> None:
        """A 6 pt empty paragraph: air after a table, and two tables never merge in Word."""
        self.parts.append(paragraph(NORMAL, mark_size=12))

    # -- IR blocks ----------------------------------------------------------------------------
    def add_blocks(self, blocks: Iterable[Block]) -> None:
        blocks = tuple(blocks)
        for i, block in enumerate(blocks):
            # the paragraph introducing a drawing ("……如图1所示：") stays on the drawing's page,
            # unless the drawing is large (then it moves alone when it does not fit)
            self._introduces = i + 1 < len(blocks) and self._keeps_intro(blocks[i + 1])
            self._block(block, list_level=None)
        self._introduces = False

    def _block(self, block: Block, list_level: Optional[int]) -> None:
        if isinstance(block, Paragraph):
            keep = {"keep_next": True} if self._introduces and list_level is None else {}
            if block.align in ("left", "center", "right"):
                self.paragraph(BODY, block.inlines, ind=_NO_INDENT, jc=block.align, **keep)
            else:
                self.paragraph(BODY, block.inlines, **keep)
        elif isinstance(block, Heading):
            self._heading(block)
        elif isinstance(block, ListBlock):
            self._list(block, 0 if list_level is None else list_level + 1)
        elif isinstance(block, Table):
            self.table(block)
            self.gap()
        elif isinstance(block, PageBreak):
            self.page_break()
        elif isinstance(block, Drawing):
            self.drawing(block)
        elif isinstance(block, DrawingEdit):  # a redline's
            self.drawing(block.drawing, block)

    def _heading(self, block: Heading, counted: bool = True) -> None:
        """A heading; one not `counted` (a redline's deleted heading) takes no number, no
        TOC entry and no chapter page break."""
        level = max(1, min(block.level, 6))
        numbered = block.numbered and level <= 4
        props: dict = {}
        if level == 1 and self.chapter_page_break and counted:
            self.page_break()
        if not numbered and level <= 4:
            props["num"] = (0, 0)  # numId 0 switches the style's numbering off
            if level == 1:
                props["jc"] = "center"  # 发布令, 前言 … are centred by convention
        if not counted:
            self.paragraph(HEADINGS[level], content=runs(block.inlines), **props)
            return
        label = clean(self.heading_text(block.inlines)).strip()
        if numbered:
            self._heading_numbers[level - 1] += 1
            self._heading_numbers[level:] = [0] * (9 - level)
            label = ".".join(str(n) for n in self._heading_numbers[:level]) + " " + label
        content = runs(block.inlines)
        if level <= TOC_LEVELS:  # bookmark the heading text for the TOC's PAGEREF / hyperlink
            bookmark_id = len(self.toc) + 1
            bookmark = f"_Toc{100000000 + bookmark_id}"
            self.toc.append(TocEntry(level, label, bookmark))
            content = (f'<w:bookmarkStart w:id="{bookmark_id}" w:name="{bookmark}"/>{content}'
                       f'<w:bookmarkEnd w:id="{bookmark_id}"/>')
        self.paragraph(HEADINGS[level], content=content, **props)

    def _list(self, block: ListBlock, ilvl: int) -> None:
        ilvl = min(ilvl, 8)
        num_id = self.numbering.new_ordered_list(ilvl, block.start) if block.ordered else BULLET_NUM_ID
        left, _ = list_indent(ilvl, block.ordered)
        continuation = (("w:left", left), ("w:firstLine", 0))
        for item in block.items:
            numbered = False
            for child in item:
                self._list_child(child, ilvl, num_id, numbered, continuation)
                numbered = True
            if not numbered:
                self.paragraph(LIST_PARAGRAPH, num=(ilvl, num_id))

    def _list_child(self, child: Block, ilvl: int, num_id: int, numbered: bool,
                    continuation: tuple[tuple[str, int], ...]) -> None:
        """One block of a list item; the item's first paragraph carries its marker."""
        if isinstance(child, Paragraph) and not numbered:
            self.paragraph(LIST_PARAGRAPH, child.inlines, num=(ilvl, num_id))
        elif isinstance(child, Paragraph):  # a further paragraph of the same item
            self.paragraph(LIST_PARAGRAPH, child.inlines, ind=continuation)
        else:
            if not numbered:  # item opening with a nested list or table keeps its marker
                self.paragraph(LIST_PARAGRAPH, num=(ilvl, num_id))
            self._block(child, list_level=ilvl)

    # -- hooks a redline overrides -------------------------------------------------------------
    @staticmethod
    def heading_text(inlines) -> str:
        """A heading's text as the table of contents shows it."""
        return "".join(i.text if isinstance(i, Span) else " " for i in inlines)

    def body_xml(self) -> str:
        return "".join(self.parts)

    def body_fragments(self) -> list[str]:
        """The body as written, in pieces (a redline joins and stamps them first)."""
        return self.parts

