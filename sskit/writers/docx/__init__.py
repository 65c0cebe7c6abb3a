"""DOCX writer: DocumentMeta + IR blocks -> .docx bytes (styles, numbering, fields built with lxml)."""

from .document import write_docx

__all__ = ["write_docx"]
