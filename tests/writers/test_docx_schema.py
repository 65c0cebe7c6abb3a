"""Every XML part of every generated .docx validates against the ECMA-376 schemas.

The schema files in tests/writers/ooxml/ are public standard schemas (SOURCES.md
says where each comes from). Imports that name no file, or a file on the network
(the xml namespace; Dublin Core for core.xml), are satisfied by a small driver
schema that imports the local copies first, so nothing is fetched.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree  # a test dependency (pip install '.[test]')

from sskit.facts import derive_facts
from sskit.pipeline import render_document_set
from sskit.profile import read_profile
from sskit.render import TemplateSet
from sskit.standard import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = Path(__file__).with_name("ooxml")
XS = "http://www.w3.org/2001/XMLSchema"

# root namespace of a part -> (namespace, file) pairs its driver imports, in order
_XML = ("http://www.w3.org/XML/1998/namespace", "dc/xml.xsd")
DRIVERS = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main":
        [_XML, ("urn:schemas-microsoft-com:vml", "vml-main.xsd"),
         ("urn:schemas-microsoft-com:office:office", "vml-officeDrawing.xsd"),
         ("urn:schemas-microsoft-com:office:word", "vml-wordprocessingDrawing.xsd"),
         ("http://schemas.openxmlformats.org/wordprocessingml/2006/main", "wml.xsd")],
    "http://schemas.openxmlformats.org/package/2006/content-types":
        [("http://schemas.openxmlformats.org/package/2006/content-types", "opc-xsd/opc-contentTypes.xsd")],
    "http://schemas.openxmlformats.org/package/2006/relationships":
        [("http://schemas.openxmlformats.org/package/2006/relationships", "opc-xsd/opc-relationships.xsd")],
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties":
        [_XML, ("http://purl.org/dc/elements/1.1/", "dc/dc.xsd"), ("http://purl.org/dc/terms/", "dc/dcterms.xsd"),
         ("http://purl.org/dc/dcmitype/", "dc/dcmitype.xsd"),
         ("http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
          "opc-xsd/opc-coreProperties.xsd")],
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties":
        [("http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
          "shared-documentPropertiesExtended.xsd")],
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties":
        [("http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
          "shared-documentPropertiesCustom.xsd")],
    "http://schemas.openxmlformats.org/drawingml/2006/main":
        [("http://schemas.openxmlformats.org/drawingml/2006/main", "dml-main.xsd")],
}


def _driver(imports) -> "etree.XMLSchema":
    root = etree.Element(f"{{{XS}}}schema", nsmap={"xs": XS})
    for namespace, file in imports:
        etree.SubElement(root, f"{{{XS}}}import", namespace=namespace, schemaLocation=(SCHEMAS / file).as_uri())
    doc = etree.ElementTree(root)
    return etree.XMLSchema(etree.parse(io.BytesIO(etree.tostring(doc)), base_url=SCHEMAS.as_uri() + "/"))


@pytest.fixture(scope="module")
def schemas():
    return {namespace: _driver(imports) for namespace, imports in DRIVERS.items()}


def problems(data: bytes, schemas) -> list[str]:
    """Schema errors of every XML part of a .docx package, as 'part:line: message'."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if not (name.endswith(".xml") or name.endswith(".rels")):
                continue
            tree = etree.parse(io.BytesIO(package.read(name)), etree.XMLParser(no_network=True))
            namespace = etree.QName(tree.getroot()).namespace
            schema = schemas.get(namespace)
            if schema is None:
                out.append(f"{name}: no schema for namespace {namespace}")
            elif not schema.validate(tree):
                out += [f"{name}:{e.line}: {e.message}" for e in schema.error_log]
    return out


@pytest.fixture(scope="module", params=sorted((ROOT / "profiles").glob("*.yaml")), ids=lambda p: p.stem)
def example_set(request):
    profile = read_profile(request.param)
    catalogue = load_catalogue()
    return render_document_set(profile, catalogue, TemplateSet(), formats=("docx",),
                               facts=derive_facts(profile, catalogue))


def test_every_part_of_every_document_is_schema_valid(example_set, schemas):
    checked = 0
    for doc in example_set:
        for name, data in doc.files.items():
            assert problems(data, schemas) == [], name
            checked += 1
    assert checked == len(example_set) >= 49


def test_the_validator_rejects_an_invalid_part(example_set, schemas):
    doc = example_set[1]
    data = next(iter(doc.files.values()))
    source = zipfile.ZipFile(io.BytesIO(data))
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as out:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "word/document.xml":  # a run property the schema does not know
                body = body.replace(b"<w:body>", b"<w:body><w:p><w:r><w:rPr><w:colour/></w:rPr></w:r></w:p>", 1)
            out.writestr(item, body)
    found = problems(broken.getvalue(), schemas)
    assert found and all(f.startswith("word/document.xml:") for f in found)
    assert any("colour" in f for f in found)
