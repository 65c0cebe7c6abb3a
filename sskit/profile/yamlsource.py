"""Stage 1a: YAML text -> plain Python data plus where each value was written.

The values are built straight from the (C when available) parser's event stream by
sskit/profile/yamlbuild.py, so that
- no Python object is ever constructed from tags,
- every value and key keeps its line/column (compactly, sskit/profile/positions.py),
- duplicate keys, alias bombs and recursive aliases are refused cleanly.
This module checks the size and encoding first and turns every failure into a located
diagnostic.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import yaml

from sskit.diagnostics import Diagnostic, SskitError
from sskit.profile.positions import PathMarks
from sskit.profile.yamlbuild import EventBuilder, format_path

MAX_BYTES = 16 * 1024 * 1024
# Values produced by expanding aliases (each use of an alias counts its whole subtree): at most
# this many, or one per two bytes of the file when that is more. A long profile that reuses a
# list by alias grows with its file; an alias bomb multiplies a few lines into millions.
MAX_ALIAS_VALUES = 100_000
MAX_DEPTH = 64

Path = tuple  # tuple of str keys and int indexes

__all__ = ["MAX_ALIAS_VALUES", "MAX_BYTES", "MAX_DEPTH", "Source", "format_path", "load_yaml"]


@dataclass
class Source:
    """A loaded document: its data and where each path came from."""

    file: str
    data: object
    # path -> (line, col); keys are also recorded under path + ("<key>",) so unknown-key
    # errors can point at the key itself. load_yaml gives a PathMarks over compact positions.
    marks: Mapping = field(default_factory=dict)

    def locate(self, path: Path) -> tuple[int, int]:
        """The position of `path`, or of its nearest recorded ancestor."""
        if isinstance(self.marks, PathMarks):
            return self.marks.positions.locate(path)
        path = tuple(path)
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))

    def locate_key(self, path: Path) -> tuple[int, int]:
        """The position of the key that ends `path` (of the value when there is no key)."""
        if isinstance(self.marks, PathMarks):
            return self.marks.positions.locate_key(path) or self.marks.positions.locate(path)
        key = tuple(path) + ("<key>",)
        return self.marks.get(key) or self.locate(path)

    def diag(self, path: Path, message: str, hint: str = "", *, key: bool = False,
             severity: str = "error") -> Diagnostic:
        line, col = self.locate_key(path) if key else self.locate(path)
        return Diagnostic(self.file, line, col, message, format_path(path), hint, severity)


def load_yaml(text: str | bytes, file: str) -> Source:
    """Parse one YAML document. Raises SskitError with every problem found."""
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            raise SskitError([Diagnostic(file, 0, 0, f"file is {len(text):,} bytes; profiles are limited to {MAX_BYTES:,}",
                                         hint="a profile is a few hundred kilobytes even for thousands of outlets")])
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line, col = _byte_position(text, exc.start)
            raise SskitError([Diagnostic(file, line, col, f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                                         hint="save the profile as UTF-8 (GBK files must be converted)")]) from None
    if len(text) > MAX_BYTES:
        raise SskitError([Diagnostic(file, 0, 0, f"text is longer than {MAX_BYTES:,} characters",
                                     hint="a profile is a few hundred kilobytes even for thousands of outlets")])
    builder = EventBuilder(file, max(MAX_ALIAS_VALUES, len(text) // 2), MAX_DEPTH)
    try:
        builder.run(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            problem = f"{exc.problem} ({exc.context})"
        raise SskitError([Diagnostic(file, line, col, f"YAML syntax error: {problem}",
                                     hint=_line_hint(text, line, col) or _syntax_hint(problem))]) from None
    except yaml.reader.ReaderError as exc:
        # the reader's own position is off for text input (it counts the whole buffer ahead of
        # the match), so find the character ourselves
        found = yaml.reader.Reader.NON_PRINTABLE.search(text)
        line, col = _char_position(text, found.start() if found else exc.position)
        raise SskitError([Diagnostic(file, line, col, f"control character {exc.character!r} is not allowed in YAML",
                                     hint="remove the character; save the profile as plain UTF-8 text")]) from None
    except yaml.YAMLError as exc:
        raise SskitError([Diagnostic(file, 0, 0, f"YAML error: {exc}")]) from None
    except (ValueError, RecursionError) as exc:  # e.g. NUL bytes rejected by the reader
        raise SskitError([Diagnostic(file, 0, 0, f"unreadable YAML: {exc}")]) from None
    if builder.empty:
        raise SskitError([Diagnostic(file, 1, 1, "the profile is empty",
                                     hint="run 'sskit init DIR' for a starter profile")])
    if builder.fatal is not None:
        raise SskitError([_fatal_diagnostic(file, builder)])
    if builder.errors:
        raise SskitError(builder.errors)
    return Source(file, builder.data, PathMarks(builder.positions))


def _fatal_diagnostic(file: str, builder: EventBuilder) -> Diagnostic:
    line, col = builder.positions.at(builder.fatal.serial)
    if builder.fatal.kind == "recursive":
        return Diagnostic(file, line, col, "recursive alias: a node contains itself",
                          hint="remove the '*alias' that refers to its own anchor")
    if builder.fatal.kind == "depth":
        return Diagnostic(file, line, col, f"nesting deeper than {MAX_DEPTH} levels",
                          hint="profiles are shallow; check the indentation")
    return Diagnostic(file, line, col, f"more than {builder.alias_limit:,} values come from expanding aliases "
                                       "(an alias bomb)",
                      hint="avoid nested '*alias' references that multiply the document")


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1


def _char_position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


# Characters a Chinese keyboard gives in place of YAML's own: the error is reported at or after
# the line that has them, with a message that does not name them.
_LOOKALIKES = (("：", "a full-width colon '：'; after a key write ':' and a space"),
               ("\u3000", "a full-width space (U+3000); indent and separate with ordinary spaces"),
               ("\u00a0", "a no-break space (U+00A0); indent and separate with ordinary spaces"))


def _line_hint(text: str, line: int, col: int) -> str:
    """A hint from the text around a syntax error: a tab where it stopped, or a look-alike of a
    colon or a space on its line or the line before."""
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1][:col]:
        return "indent with spaces, not tabs"
    for number in (line, line - 1):
        if 0 < number <= len(lines):
            code = lines[number - 1].split("#", 1)[0]
            for char, what in _LOOKALIKES:
                # a colon look-alike on a line with no colon; a space look-alike where YAML wants a space
                if (char == "：" and char in code and ":" not in code) or \
                        (char != "：" and (code.lstrip(" -").startswith(char) or ":" + char in code)):
                    return f"line {number} has {what}"
    return ""


def _syntax_hint(problem: str) -> str:
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "single document" in problem:
        return "a profile is one YAML document; remove the extra '---' separator"
    if "mapping values are not allowed" in problem:
        return "check the indentation of this line; a value containing ': ' must be quoted"
    if "expected <block end>" in problem or "indentation" in problem:
        return "check the indentation of this line against the one above"
    if "escape" in problem:
        return ("in double quotes write the character itself, or \\u followed by 4 hex digits (\\U and 8 for "
                "characters beyond U+FFFF, such as emoji); or use single quotes, which take backslashes as they are")
    if "found character" in problem:
        return "quote values that start with special characters such as @, ` or %"
    return "check the line for unbalanced quotes, brackets or indentation"
