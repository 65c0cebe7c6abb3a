"""Writers stage: the IR (and, for .md, the Markdown itself) -> output bytes.  No file I/O here.

- `write_docx(meta, blocks)`: Word document from IR blocks (`sskit.markup.parse_markdown`)
- `write_html(meta, blocks)`: standalone print-friendly HTML page from the same IR blocks
- `write_markdown(markdown_text)`: the Markdown itself; `markdown_files` adds SVG files for its drawings
"""

from .docx import write_docx
from .html import write_html
from .markdown import write_markdown

__all__ = ["write_docx", "write_html", "write_markdown"]
