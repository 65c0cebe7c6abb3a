"""Is there anything to do at all? The no-change rebuild, decided from raw bytes.

A build is a pure function of its inputs: the profile file, the templates,
the clause catalogue, the data tables of sskit/standard (statutory minimums,
laws, rights, scoring), the options and sskit's own code (every source file of
the installed package, so a changed view function rebuilds). Their digest is stored in the manifest; when it is unchanged
and every file the manifest lists is still in OUT with its recorded bytes, the previous build stands
and nothing is loaded, checked or rendered.

This module imports no Jinja, pydantic or writer code, so the answer costs
little more than reading the files.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from pathlib import Path
from typing import Optional

from sskit.output.files import JOURNAL, MANIFEST_NAME
from sskit.output.manifest import Standing, inputs_digest, standing_files
from sskit.paths import builtin_template_dir, override_dirs

PACKAGE_DIR = Path(__file__).resolve().parent.parent
STANDARD_DIR = PACKAGE_DIR / "standard"
_CODE_SUFFIXES = (".py", ".yaml", ".json")
_code_parts: list = []  # read once per process (a batch asks for every profile)


def code_parts() -> list[tuple[str, bytes]]:
    """sskit's own source files by their place in the package (two installs of one version
    agree). Reading the sixty-odd files costs a few milliseconds; bytecode is not read, it
    follows from the sources."""
    if not _code_parts:
        # the libraries that turn a profile into files: an upgraded one may write other bytes
        _code_parts.append(("runtime", json.dumps([sys.version, *_library_versions()]).encode()))
        for path in sorted(PACKAGE_DIR.rglob("*")):
            relative = path.relative_to(PACKAGE_DIR)
            if (path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts and path.is_file()
                    and relative.parts[0] != "standard"):
                _code_parts.append((f"code:{relative.as_posix()}", path.read_bytes()))
    # the data tables (statutory minimums, laws, rights, scoring) are read afresh each time
    return _code_parts + [(f"data:{path.name}", path.read_bytes()) for path in sorted(STANDARD_DIR.glob("*"))
                          if path.suffix in _CODE_SUFFIXES and path.name != "clauses.yaml" and path.is_file()]


# module -> the start of its distribution's metadata folder name (lower case)
_LIBRARIES = {"jinja2": "jinja2-", "markdown_it": "markdown_it_py-", "pydantic": "pydantic-",
              "pydantic_core": "pydantic_core-", "yaml": "pyyaml-", "openpyxl": "openpyxl-", "pypdf": "pypdf-"}


def _library_versions() -> list[str]:
    """Each library's installed distribution (its `NAME-VERSION.dist-info` folder), found without
    importing it: importlib.metadata scans every installed package (0.3 s)."""
    from importlib.util import find_spec

    listings: dict[Path, list[str]] = {}
    found = []
    for module, prefix in _LIBRARIES.items():
        spec = find_spec(module)
        if spec is None or not spec.origin:
            found.append(f"{module} -")
            continue
        site = Path(spec.origin).parent.parent
        if site not in listings:
            try:
                listings[site] = sorted(os.listdir(site))
            except OSError:
                listings[site] = []
        found.append(",".join(n for n in listings[site] if n.lower().startswith(prefix) and
                              n.endswith((".dist-info", ".egg-info"))) or f"{module} ?")
    return found


WORKBOOK_UNPACKED_LIMIT = 256 * 1024 * 1024


def _read_regular(path) -> bytes:
    """A file's bytes; anything but a regular file (a FIFO, /dev/zero, a folder) is an OSError, as
    reading it could block or never end: the full build then reports it."""
    path = Path(path)
    if not path.is_file():
        raise OSError(f"{path}: not a regular file")
    return path.read_bytes()


def raw_inputs_digest(profile: Path, template_dir: Optional[Path], standard_file: Optional[Path],
                      formats, major: bool, date: Optional[str], allow_errors: bool,
                      reference_doc: Optional[Path] = None) -> str:
    """Raises OSError when an input cannot be read (the full build then reports it)."""
    options = {"formats": list(formats), "major": major, "date": date, "allow_errors": allow_errors}
    raw = _read_regular(profile)
    assets = _asset_parts(Path(profile), raw, reference_doc)
    parts = [("profile", raw),
             ("catalogue", Path(standard_file or STANDARD_DIR / "clauses.yaml").read_bytes()),
             ("options", json.dumps(options, sort_keys=True).encode())]
    if b"from:" in raw:  # outlet or department lists read from CSV/XLSX files: inputs too
        from sskit.profile.tabular_files import list_files

        parts += [(f"list:{i}", _read_regular(path)) for i, path in enumerate(list_files(profile))]
    return inputs_digest(parts + assets + _renderer_parts(profile, template_dir, standard_file, catalogue=False))


# The files a profile may name beside it (company.logo, document_control.reference_doc) are
# inputs too. They are found without parsing the profile (a large one takes a second): every
# name in it that ends like a picture or a Word file counts, in YAML or in a workbook's strings,
# with its bytes or its absence. Counting a name that is not such a field only adds a file.
_ASSET_NAME = re.compile(rb"[^\s'\"<>|*?:,{}\[\]#]+\.(?:png|jpe?g|docx)(?![\w.])", re.IGNORECASE)


_ASSET_ENDINGS = (b".png", b".jpg", b".jpeg", b".docx")


def _asset_names(text: bytes) -> list[bytes]:
    """_ASSET_NAME's matches, looked for only in the lines that have such an ending (a name never
    spans lines): a 20,000-outlet profile names none, and the regular expression would cost more
    than hashing it."""
    low = text.lower()
    lines = set()
    for ending in _ASSET_ENDINGS:
        at = low.find(ending)
        while at >= 0:
            start = low.rfind(b"\n", 0, at) + 1
            end = low.find(b"\n", at)
            lines.add((start, len(low) if end < 0 else end))
            at = low.find(ending, at + len(ending))
    return [name for start, end in sorted(lines) for name in _ASSET_NAME.findall(text[start:end])]


def _asset_parts(profile: Path, raw: bytes, reference_doc: Optional[Path]) -> list[tuple[str, bytes]]:
    """The logo and reference document: those the profile names (relative to it) and --reference-doc."""
    text = raw
    if raw[:4] == b"PK\x03\x04":  # a workbook: its strings
        import io
        import zipfile

        import zlib

        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as book:
                if sum(i.file_size for i in book.infolist()) > WORKBOOK_UNPACKED_LIMIT:
                    text = b""  # a zip bomb: the full build refuses it
                else:
                    text = b"\n".join(book.read(name) for name in book.namelist()
                                      if name.startswith("xl/") and name.endswith(".xml"))
        except (zipfile.BadZipFile, KeyError, ValueError, zlib.error, EOFError):
            text = b""  # a damaged workbook: the full build reports it
    named = sorted({name.decode("utf-8", "replace") for name in _asset_names(text)})
    paths = [profile.parent / name for name in named] + ([Path(reference_doc)] if reference_doc else [])
    parts = []
    for i, path in enumerate(paths):
        try:
            parts.append((f"asset:{i}:{path.name}", _read_regular(path)))
        except OSError:
            parts.append((f"asset:{i}:{path.name}", b"(missing)"))
    return parts


def renderer_digest(profile: Path, template_dir: Optional[Path], standard_file: Optional[Path]) -> str:
    """The digest of what turns a profile into text: sskit's code and data tables, the
    templates (the profile's override folders too) and the clause catalogue; "" when one
    cannot be read, which only means every document is rendered."""
    try:
        return inputs_digest(_renderer_parts(profile, template_dir, standard_file, catalogue=True))
    except OSError:
        return ""


def _renderer_parts(profile: Path, template_dir: Optional[Path], standard_file: Optional[Path],
                    catalogue: bool) -> list[tuple[str, bytes]]:
    parts = [("catalogue", Path(standard_file or STANDARD_DIR / "clauses.yaml").read_bytes())] if catalogue else []
    # sskit's code and every data table a build reads: statutory minimums, laws, rights, scoring
    parts += code_parts()
    # folders by their role, not their path: two installs of one version agree on the digest
    folders = [(f"override{i}", f) for i, f in enumerate(override_dirs(profile, template_dir))]
    for label, folder in folders + [("builtin", builtin_template_dir())]:
        for path in _template_files(Path(folder)):
            parts.append((f"{label}:{path.relative_to(folder).as_posix()}", path.read_bytes()))
    return parts


def _template_files(folder: Path) -> list[Path]:
    """Every regular file a template may include (not only *.j2), through symlinked folders
    too (each real folder once, so a link loop ends), in a stable order."""
    found, seen = [], set()
    for here, dirs, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(here)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs.sort()
        found += [Path(here) / name for name in files if os.path.isfile(os.path.join(here, name))]
    return sorted(found)


def unchanged_build(out: Path, digest: str) -> Optional[Standing]:
    """The documents and files of OUT's previous build when it still stands: same inputs, no
    interrupted build to finish, and every file its manifest lists still holds the bytes it
    recorded. The manifest is not validated here: a manifest that cannot be read this way
    (None) is read in full by the build, which reports what is wrong with it."""
    out = Path(out)
    if (out / JOURNAL).exists():
        return None
    try:
        data = json.loads((out / MANIFEST_NAME).read_bytes().decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    standing = standing_files(data)
    if standing is None or data.get("inputs_sha256") != digest:
        return None
    for name, recorded in standing.files.items():
        try:
            if hashlib.sha256((out / name).read_bytes()).hexdigest() != recorded:
                return None
        except OSError:
            return None
    return standing
