"""Writers stage: rendered Markdown (and its IR) -> output bytes.  No file I/O here.

- `write_docx(meta, blocks)`: Word document from IR blocks (`sskit.markup.parse_markdown`)
- `write_html(meta, markdown_text)`: standalone print-friendly HTML page
- `write_markdown(markdown_text)`: the Markdown itself
"""

from .docx import write_docx
from .html import write_html
from .markdown import write_markdown

__all__ = ["write_docx", "write_html", "write_markdown"]
