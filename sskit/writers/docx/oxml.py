"""Small WordprocessingML helpers: namespaces, element factories, text cleaning, serialisation.

Everything in the DOCX writer builds lxml elements through these helpers, so tag names are
written once, in `w:name` form, and the hot paths (table cells, runs) reuse cached QNames.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Mapping, Optional

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"

NSMAP = {"w": W_NS, "r": R_NS}
_PREFIXES = {"w": W_NS, "r": R_NS, "xml": XML_NS}

# XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF; tabs and newlines are
# handled by the run builder.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@lru_cache(maxsize=None)
def qn(name: str) -> str:
    """`w:p` -> `{http://…/main}p` (Clark notation that lxml expects)."""
    prefix, _, local = name.partition(":")
    return f"{{{_PREFIXES[prefix]}}}{local}"


def _attrs(attrs: Optional[Mapping[str, object]]) -> dict[str, str]:
    return {qn(key): str(value) for key, value in (attrs or {}).items()}


def el(name: str, attrs: Optional[Mapping[str, object]] = None, *children: etree._Element) -> etree._Element:
    """Create a detached element with `w:`-prefixed attribute names."""
    element = etree.Element(qn(name), _attrs(attrs), nsmap=NSMAP)
    element.extend(children)
    return element


def sub(parent: etree._Element, name: str, attrs: Optional[Mapping[str, object]] = None) -> etree._Element:
    return etree.SubElement(parent, qn(name), _attrs(attrs))


def val(name: str, value: object) -> etree._Element:
    """The ubiquitous `<w:name w:val="…"/>`."""
    return el(name, {"w:val": value})


def clean_text(text: str) -> str:
    """Drop characters that XML 1.0 cannot carry instead of failing the whole document."""
    return _INVALID_XML.sub("", text)


def fragment(xml: str) -> etree._Element:
    """Parse a literal WordprocessingML snippet written with the `w:` prefix."""
    return etree.fromstring(f'<w:wrap xmlns:w="{W_NS}" xmlns:r="{R_NS}">{xml}</w:wrap>')[0]


def serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def part(root_name: str, children: Iterable[etree._Element], nsmap: Optional[dict] = None) -> bytes:
    root = etree.Element(qn(root_name), nsmap=nsmap or NSMAP)
    root.extend(children)
    return serialize(root)
