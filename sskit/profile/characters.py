"""Stage 1 (a guard of the validation): characters no document can carry.

YAML escapes ("\\0", "\\x1b", "\\uffff"), a workbook's or a CSV list's cells and pasted text can
put control characters, lone surrogates, non-characters or bidirectional overrides into a value.
Word, Excel and HTML refuse the first three (the writers would fail mid-build); an override
silently reverses what a reader sees. `drop_unprintable` leaves them out and warns where each
was written, `shown` makes any text safe to print in a message.
"""
from __future__ import annotations

import re
from dataclasses import replace


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
