"""WordprocessingML as text: escaping and the few element builders every part uses.

The writer emits XML strings rather than lxml trees: a 5,000-row table is 400,000 elements,
and moving lxml subtrees between documents (or python-docx's per-call body scans) costs
seconds, while joining cached string pieces costs milliseconds.  Every piece of user text
goes through `text()` / `attr()`, so escaping lives in one place.
"""

from __future__ import annotations

import re
from typing import Mapping, Optional

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NAMESPACES = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'

# XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF: drop them rather than
# fail the whole document (tabs and newlines are turned into w:tab / w:br by the run builder).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(value: str) -> str:
    return _INVALID_XML.sub("", value) if _INVALID_XML.search(value) else value


def text(value: str) -> str:
    """Character data: invalid characters dropped, markup characters escaped."""
    return clean(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(value: object) -> str:
    return text(str(value)).replace('"', "&quot;")


def empty(name: str, attrs: Optional[Mapping[str, object]] = None) -> str:
    """`<w:name a="v"/>`; attribute names are written with their prefix, e.g. `w:val`."""
    return f"<{name}{_attrs(attrs)}/>"


def element(name: str, attrs: Optional[Mapping[str, object]] = None, content: str = "") -> str:
    return f"<{name}{_attrs(attrs)}>{content}</{name}>"


def val(name: str, value: object) -> str:
    """The ubiquitous `<w:name w:val="…"/>`."""
    return f'<{name} w:val="{attr(value)}"/>'


def _attrs(attrs: Optional[Mapping[str, object]]) -> str:
    return "".join(f' {key}="{attr(value)}"' for key, value in (attrs or {}).items())


def document_part(root: str, content: str, namespaces: str = NAMESPACES) -> bytes:
    """A complete XML part: declaration, root element with the w: and r: namespaces."""
    return f"{XML_DECLARATION}<{root} {namespaces}>{content}</{root}>".encode("utf-8")
