"""Stage 1 (a guard of the validation): characters no document can carry.

YAML escapes ("\\0", "\\x1b", "\\uffff"), a workbook's or a CSV list's cells and pasted text can
put control characters, lone surrogates, non-characters or bidirectional overrides into a value.
Word, Excel and HTML refuse the first three (the writers would fail mid-build); an override
silently reverses what a reader sees. `drop_unprintable` leaves them out and warns where each
was written, `shown` makes any text safe to print in a message. `join_line_breaks` puts the
value of a one-line field (a name, an address, a phone number) on one line, with a warning
where the break was written: it would split a table row or a page header.
"""
from __future__ import annotations

import functools
import re
import types
import typing
from dataclasses import dataclass, replace

from sskit.profile.fields import LINE_BREAKS, ONE_LINE, join_lines
from sskit.profile.model import Profile


# C0 controls but tab, line feed and carriage return; DEL and the C1 controls; surrogates;
# the non-characters; the bidirectional embeddings, overrides and isolates.
_REFUSED = ("\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
            "\u202a-\u202e\u2066-\u2069")
_UNPRINTABLE = re.compile(f"[{_REFUSED}]")
# the same, plus the characters a value may hold that would break a one-line message
_UNSAFE_IN_MESSAGE = re.compile(f"[{_REFUSED}\t\n\r\u2028\u2029]")


# What YAML's reader lets through of them: escapes (which need a backslash), NEL, the
# non-characters below U+FFFE and the bidirectional controls. A text with none is clean.
_YAML_MAY_HOLD = re.compile(r"[\\\x85\ufdd0-\ufdef\u202a-\u202e\u2066-\u2069]")
_YAML_MAY_HOLD_BYTES = re.compile(rb"\\|\xc2\x85|\xef\xb7[\x90-\xaf]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def yaml_may_hold(text: str | bytes) -> bool:
    """Whether a YAML text can give a value that `drop_unprintable` refuses (cheap: one scan)."""
    if isinstance(text, bytes):
        return _YAML_MAY_HOLD_BYTES.search(text) is not None
    return _YAML_MAY_HOLD.search(text) is not None


def _name(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        kind = "a lone surrogate"
    elif 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        kind = "a bidirectional override"
    elif code >= 0xFDD0:
        kind = "a non-character"
    else:
        kind = "a control character"
    return f"{kind} (U+{code:04X})"


def shown(text: str) -> str:
    """`text` with every refused or line-breaking character written as \\uXXXX."""
    return _UNSAFE_IN_MESSAGE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# file names are not text of a document: sskit/profile/assets.py refuses a name it cannot open,
# where dropping a character would open another file
_FILE_NAMES = {("company", "logo"), ("document_control", "reference_doc")}


def drop_unprintable(src) -> list:
    """Take every refused character out of the text values of `src.data` (in place): one warning
    per value, located where it was written. Such a profile validated before (the DOCX writer
    dropped them), so it still does; the warning says what to fix. A key holding one is an error
    (a key names a field or a code, never text of a document)."""
    out: list = []
    stack = [((), src.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and _UNPRINTABLE.search(key):
                    out.append(_diag(src, path + (key,), key, key=True))
                if isinstance(item, str):
                    if _UNPRINTABLE.search(item) and path + (key,) not in _FILE_NAMES:
                        out.append(_diag(src, path + (key,), item))
                        value[key] = _UNPRINTABLE.sub("", item)
                else:
                    stack.append((path + (key,), item))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    if _UNPRINTABLE.search(item):
                        out.append(_diag(src, path + (i,), item))
                        value[i] = _UNPRINTABLE.sub("", item)
                else:
                    stack.append((path + (i,), item))
    return out


def _diag(src, path: tuple, text: str, *, key: bool = False):
    char = _UNPRINTABLE.search(text).group()
    effect = "reverses the order in which the text reads" if "bidirectional" in _name(char) \
        else "a document cannot show"
    found = src.diag(path, f"the {'key' if key else 'text'} '{shown(text)[:80]}' contains {_name(char)}, which "
                           + (f"{effect}" if key else f"{effect}: it is left out"),
                     "delete the character from the profile (it is invisible: retype the text around it); in a "
                     "double-quoted YAML value, check the escapes such as \\0 or \\x1b", key=key,
                     severity="error" if key else "warning")
    return replace(found, path=shown(found.path))


# --- line breaks in one-line fields ---------------------------------------------------------------

_HAS_BREAK = re.compile(f"[{LINE_BREAKS}]")
_LINE = "line"  # a node of the tree below: a one-line text, or a list of them


@dataclass(frozen=True)
class _Fields:
    """A model's fields that hold one-line texts, and those that hold models which have some."""
    lines: tuple  # names
    nested: tuple  # (name, node)


def join_line_breaks(src) -> list:
    """Join the lines of every one-line value of `src.data` (in place; the model's validator
    would do it too): one warning per value, located where it was written. Such a profile
    validated before, so it still does. Multi-line fields (duties, notes, descriptions) keep
    their lines. Run it before `drop_unprintable`, which would take a vertical tab or a form feed
    out without the space a break between two words needs."""
    found: list = []
    _scan(src.data, _one_line_tree(), (), found)
    out = []
    for path, holder, key in found:
        text = holder[key]
        holder[key] = join_lines(text)
        out.append(_line_warning(src, path, text, holder[key]))
    return out


def _broken(text) -> bool:
    # a '|' block's final break leaves the text on one line
    return text.__class__ is str and _HAS_BREAK.search(text) is not None and _HAS_BREAK.search(text.strip()) is not None


def _scan(value, node, path: tuple, found: list) -> None:
    """Append (path, holder, key) of each one-line text under `value` that has a line break, in
    the profile's order. One lookup and one search per field: 20,000 outlets take about 0.1 s."""
    if isinstance(node, _Fields):
        if not isinstance(value, dict):
            return
        for name in node.lines:
            text = value.get(name)
            if text.__class__ is str:
                if _HAS_BREAK.search(text) and _broken(text):
                    found.append((path + (name,), value, name))
            elif isinstance(text, list):
                found += [(path + (name, i), text, i) for i, item in enumerate(text) if _broken(item)]
        for name, sub in node.nested:
            if name in value:
                _scan(value[name], sub, path + (name,), found)
    elif node[0] == "list" and isinstance(value, list):
        for i, item in enumerate(value):
            _scan(item, node[1], path + (i,), found)
    elif node[0] == "dict" and isinstance(value, dict):
        for key, item in value.items():
            if node[1] != _LINE:
                _scan(item, node[1], path + (key,), found)
            elif _broken(item):
                found.append((path + (key,), value, key))


def _line_warning(src, path: tuple, text: str, joined: str):
    found = src.diag(path, f"'{shown(text)[:80]}' is written on several lines; this field is printed on one "
                           f"line (in tables and page headers), as '{joined[:80]}'",
                     "write it on one line: in a workbook cell delete the line break (Alt+Enter), in YAML the "
                     "'|', the '\\n' or the blank line; notes, duties and descriptions may hold several lines",
                     severity="warning")
    return replace(found, path=shown(found.path))


@functools.lru_cache(maxsize=1)
def _one_line_tree() -> _Fields:
    """Where the profile model has one-line fields (their type carries fields.ONE_LINE): a model
    is a _Fields, a list or a mapping of models is ("list"|"dict", the node of its items)."""
    return _model_node(Profile)


def _model_node(model):
    lines, nested = [], []
    for name, info in model.model_fields.items():
        found = _node(info.annotation, list(info.metadata))
        if found == _LINE:
            lines.append(name)
        elif found is not None:
            nested.append((name, found))
    return _Fields(tuple(lines), tuple(nested)) if lines or nested else None


def _node(annotation, meta: list):
    if any(m is ONE_LINE for m in meta):
        return _LINE
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _node(annotation.__origin__, meta + list(annotation.__metadata__))
    if origin in (typing.Union, types.UnionType):
        found = [_node(arg, meta) for arg in typing.get_args(annotation) if arg is not type(None)]
        return next((f for f in found if f is not None), None)
    if origin is list:
        inner = _node(typing.get_args(annotation)[0], [])
        return None if inner is None else (_LINE if inner == _LINE else ("list", inner))
    if origin is dict:
        inner = _node(typing.get_args(annotation)[1], [])
        return None if inner is None else ("dict", inner)
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return _model_node(annotation)
    return None
