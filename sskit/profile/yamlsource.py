"""Stage 1a: YAML text -> plain Python data plus a map of node locations.

We compose the YAML node graph with the safe (C when available) loader and
build the values ourselves, so that
- no Python object is ever constructed from tags,
- every value keeps the line/column of its node (for located diagnostics),
- duplicate keys, alias bombs and recursive aliases are refused cleanly.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

import yaml

from sskit.diagnostics import Diagnostic, SskitError

try:  # the C loader keeps node marks and is about 4x faster
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader

MAX_BYTES = 16 * 1024 * 1024
# Values produced by expanding aliases (each use of an alias counts its whole subtree): at most
# this many, or one per two bytes of the file when that is more. A long profile that reuses a
# list by alias grows with its file; an alias bomb multiplies a few lines into millions.
MAX_ALIAS_VALUES = 100_000
MAX_DEPTH = 64

Path = tuple  # tuple of str keys and int indexes


@dataclass
class Source:
    """A loaded YAML document: its data and where each path came from."""

    file: str
    data: object
    # path -> (line, col) of the value node; keys are also recorded under
    # path + ("<key>",) so unknown-key errors can point at the key itself.
    marks: dict = field(default_factory=dict)

    def locate(self, path: Path) -> tuple[int, int]:
        """The position of the nearest recorded ancestor of `path`."""
        path = tuple(path)
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))

    def locate_key(self, path: Path) -> tuple[int, int]:
        key = tuple(path) + ("<key>",)
        return self.marks.get(key) or self.locate(path)

    def diag(self, path: Path, message: str, hint: str = "", *, key: bool = False,
             severity: str = "error") -> Diagnostic:
        line, col = self.locate_key(path) if key else self.locate(path)
        return Diagnostic(self.file, line, col, message, format_path(path), hint, severity)


def format_path(path: Path) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


_TIMESTAMP = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class _Builder:
    def __init__(self, file: str, alias_limit: int = 0):
        self.file = file
        self.alias_limit = max(MAX_ALIAS_VALUES, alias_limit)
        self.marks: dict = {}
        self.errors: list[Diagnostic] = []
        self.expanded = 0  # values built again because an alias uses them
        self.seen: set[int] = set()  # nodes built once: meeting one again means an alias
        self.in_alias = 0
        self.active: set[int] = set()

    def _pos(self, node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _err(self, node, path, message, hint=""):
        line, col = self._pos(node)
        self.errors.append(Diagnostic(self.file, line, col, message, format_path(path), hint))

    def build(self, node, path: Path, depth: int = 0):
        # A plain value is limited by the file size; only alias expansion can multiply a
        # document, so only values produced by an alias count towards the limit.
        alias = id(node) in self.seen and id(node) not in self.active
        if alias:
            self.in_alias += 1
        try:
            if self.in_alias:
                self.expanded += 1
                if self.expanded > self.alias_limit:
                    raise _TooBig(node)
            self.seen.add(id(node))
            return self._build(node, path, depth)
        finally:
            if alias:
                self.in_alias -= 1

    def _build(self, node, path: Path, depth: int):
        if depth > MAX_DEPTH:
            raise _TooDeep(node)
        self.marks.setdefault(path, self._pos(node))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        expected = "tag:yaml.org,2002:seq" if isinstance(node, yaml.SequenceNode) else "tag:yaml.org,2002:map"
        if node.tag != expected:
            self._err(node, path, f"unsupported YAML tag '{_short_tag(node.tag)}'",
                      "remove the tag; profiles hold plain data only")
        if id(node) in self.active:
            raise _Recursive(node)
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
            return self._mapping(node, path, depth)
        finally:
            self.active.discard(id(node))

    def _mapping(self, node, path, depth):
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._err(key_node, path, "merge keys ('<<') are not supported in profiles",
                          "write the keys out in full")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._err(key_node, path, "a mapping key must be a plain word")
                continue
            key = str(key_node.value)
            key_path = path + (key,)
            if key in result:
                self._err(key_node, key_path, f"duplicate key '{key}'",
                          "YAML keeps only the last value; remove one of them")
                continue
            self.marks[key_path + ("<key>",)] = self._pos(key_node)
            result[key] = self.build(value_node, key_path, depth + 1)
        return result

    def _scalar(self, node, path):
        tag, value = node.tag, node.value
        if tag == "tag:yaml.org,2002:str":
            return value
        if tag == "tag:yaml.org,2002:null":
            return None if value in ("", "~", "null", "Null", "NULL") else value
        if tag == "tag:yaml.org,2002:bool":
            low = value.lower()
            if low in ("true", "yes", "on", "y"):
                return True
            if low in ("false", "no", "off", "n"):
                return False
            return value  # e.g. !!bool maybe: left as text, the model reports it
        if tag == "tag:yaml.org,2002:int":
            try:
                return int(value.replace("_", ""), 0)
            except ValueError:
                return value
        if tag == "tag:yaml.org,2002:float":
            try:
                return float(value.replace("_", ""))
            except ValueError:
                return value
        if tag == "tag:yaml.org,2002:timestamp":
            m = _TIMESTAMP.match(value)
            if m:
                try:
                    return _dt.date(int(m[1]), int(m[2]), int(m[3]))
                except ValueError:
                    return value  # e.g. 2026-02-30: left as text, the model reports it
            return value
        self._err(node, path, f"unsupported YAML tag '{_short_tag(tag)}'",
                  "remove the tag; profiles hold plain data only")
        return value


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


class _TooBig(Exception):
    def __init__(self, node):
        self.node = node


class _TooDeep(_TooBig):
    pass


class _Recursive(_TooBig):
    pass


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
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            problem = f"{exc.problem} ({exc.context})"
        raise SskitError([Diagnostic(file, line, col, f"YAML syntax error: {problem}",
                                     hint=_syntax_hint(problem))]) from None
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
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag == "tag:yaml.org,2002:null"):
        raise SskitError([Diagnostic(file, 1, 1, "the profile is empty",
                                     hint="run 'sskit init DIR' for a starter profile")])
    builder = _Builder(file, len(text) // 2)
    try:
        data = builder.build(root, ())
    except _Recursive as exc:
        line, col = builder._pos(exc.node)
        raise SskitError([Diagnostic(file, line, col, "recursive alias: a node contains itself",
                                     hint="remove the '*alias' that refers to its own anchor")]) from None
    except _TooDeep as exc:
        line, col = builder._pos(exc.node)
        raise SskitError([Diagnostic(file, line, col, f"nesting deeper than {MAX_DEPTH} levels",
                                     hint="profiles are shallow; check the indentation")]) from None
    except _TooBig as exc:
        line, col = builder._pos(exc.node)
        raise SskitError([Diagnostic(file, line, col, f"more than {builder.alias_limit:,} values come from expanding aliases (an alias bomb)",
                                     hint="avoid nested '*alias' references that multiply the document")]) from None
    if builder.errors:
        raise SskitError(builder.errors)
    return Source(file, data, builder.marks)


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1


def _char_position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _syntax_hint(problem: str) -> str:
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "single document" in problem:
        return "a profile is one YAML document; remove the extra '---' separator"
    if "mapping values are not allowed" in problem:
        return "check the indentation of this line; a value containing ': ' must be quoted"
    if "expected <block end>" in problem or "indentation" in problem:
        return "check the indentation of this line against the one above"
    if "found character" in problem:
        return "quote values that start with special characters such as @, ` or %"
    return "check the line for unbalanced quotes, brackets or indentation"
