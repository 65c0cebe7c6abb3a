"""DOCX writer: DocumentMeta + IR blocks -> .docx bytes (styles, numbering, fields built with lxml);
`write_redline` adds the changes from a previous version as tracked changes."""

from .document import write_docx
from .redline import write_redline

__all__ = ["write_docx", "write_redline"]
