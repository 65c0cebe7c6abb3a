"""Stage 1a, inner part: a YAML event stream -> plain Python values and their positions.

Values are built straight from the parser's events (no node graph), so a large profile costs
its values plus two integers per value for the positions (sskit/profile/positions.py).
- Only the YAML core types are built; any other tag is reported, no object is constructed.
- Duplicate keys, merge keys ('<<') and keys that are not plain words are reported and skipped.
- An alias is a fresh copy of its anchor's value. What aliases produce is counted (each use
  counts every value under its anchor, as if written out); past the limit the document is an
  alias bomb. Sizes are known when an anchor ends, so a bomb is refused without expanding it.
- Nesting is limited, aliases included; an alias inside its own anchor is refused.
Syntax errors are the parser's own exceptions (yaml.YAMLError); the caller locates them.
"""
from __future__ import annotations

import datetime as _dt
import re
from array import array

import yaml
from yaml.composer import ComposerError
from yaml.events import (AliasEvent, DocumentEndEvent, MappingEndEvent, ScalarEvent, SequenceEndEvent,
                         SequenceStartEvent, StreamEndEvent)

from sskit.diagnostics import Diagnostic
from sskit.profile.positions import Positions

try:  # libyaml's parser is several times faster than the pure-Python one
    _Parser = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Parser = yaml.SafeLoader

_CORE = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP_TAG, _MERGE, _SEQ, _MAP = (
    _CORE + t for t in ("str", "null", "bool", "int", "float", "timestamp", "merge", "seq", "map"))
_IMPLICIT = _Parser.yaml_implicit_resolvers  # the safe loader's plain-scalar rules: first char -> [(tag, regex)]
_TIMESTAMP = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_OPEN = object()  # an anchored collection still being built


def format_path(path) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class Fatal(Exception):
    """The document cannot be built: `kind` is 'alias', 'depth' or 'recursive'; `serial`
    is the value where it was found."""

    def __init__(self, kind: str, serial: int):
        super().__init__(kind, serial)
        self.kind = kind
        self.serial = serial


class EventBuilder:
    """Builds one YAML document. After `run(text)`:
    `data` (None and `empty` for an empty document), `positions`, `errors`, and `fatal`
    (a Fatal, or None)."""

    def __init__(self, file: str, alias_limit: int, max_depth: int):
        self.file = file
        self.parser = None
        self.alias_limit = alias_limit
        self.max_depth = max_depth
        self.positions = Positions()
        self.errors: list[Diagnostic] = []
        self.fatal: Fatal | None = None
        self.data = None
        self.empty = False
        self.expanded = 0  # values produced by aliases so far
        # anchor -> [serial, value or _OPEN, raw text of a scalar (for a key) or None, tag]
        self.anchors: dict[str, list] = {}
        # (size, height) of collections, kept while an anchor is open: an alias of it is
        # checked against the limits by these without expanding it
        self.shapes: dict[int, tuple[int, int]] = {}
        self.open_anchors = 0
        self.quiet = 0  # > 0 while building a value that is dropped (its errors are not reported)
        self._plain_cache: dict[str, object] = {}  # plain scalar -> its value
        self._texts: dict[str, str] = {}  # one object per distinct text (keys and values repeat)

    # ---------------------------------------------------------------- document

    def run(self, text: str) -> None:
        self.parser = _Parser(text)
        get = self.parser.get_event
        try:
            get()  # stream start
            if type(self.parser.peek_event()) is StreamEndEvent:
                self.empty = True
                return
            get()  # document start
            event = get()
            try:
                self.data = self._value(event, (), 0)[0]
            except Fatal as fatal:
                self.fatal = fatal
                while type(get()) is not DocumentEndEvent:  # still report a later syntax error first
                    pass
            else:
                get()  # document end
            if self.fatal is None and type(event) is ScalarEvent and self._scalar_tag(event) == _NULL:
                self.empty = True
            after = get()
            if type(after) is not StreamEndEvent:
                first = self.positions.at(0) if self.positions.lines else (1, 1)
                raise ComposerError("expected a single document in the stream",
                                    yaml.Mark(self.file, 0, first[0] - 1, first[1] - 1, None, None),
                                    "but found another document", after.start_mark)
        finally:
            self.parser.dispose()

    # ---------------------------------------------------------------- values

    def _value(self, event, path: tuple, depth: int) -> tuple[object, int, int, int]:
        """(value, serial, size, height) of the node that starts with `event`."""
        t = type(event)
        if t is AliasEvent:
            return self._alias(event, depth)
        mark = event.start_mark
        serial = self.positions.add(mark.line + 1, mark.column + 1)
        if depth > self.max_depth:
            raise Fatal("depth", serial)
        anchor = event.anchor
        if t is ScalarEvent:
            tag = self._scalar_tag(event)
            value = self._convert(tag, event.value, serial, path)
            if anchor is not None:
                self._anchor(anchor, event, [serial, value, event.value, tag])
            return value, serial, 1, 1
        if anchor is not None:
            self._anchor(anchor, event, [serial, _OPEN, None, None])
            self.open_anchors += 1
        expected = _SEQ if t is SequenceStartEvent else _MAP
        if event.tag not in (None, "!", expected):
            self._error(serial, path, f"unsupported YAML tag '{_short_tag(event.tag)}'",
                        "remove the tag; profiles hold plain data only")
        if t is SequenceStartEvent:
            value, size, height = self._sequence(serial, path, depth)
        else:
            value, size, height = self._mapping(serial, path, depth)
        if self.open_anchors:  # inside an anchor (this one included): an alias may need its shape
            self.shapes[serial] = (size, height)
        if anchor is not None:
            self.anchors[anchor][1] = value
            self.open_anchors -= 1
        return value, serial, size, height

    def _sequence(self, serial: int, path: tuple, depth: int) -> tuple[list, int, int]:
        get = self.parser.get_event
        lines, cols = self.positions.lines, self.positions.cols
        rules = _IMPLICIT.get
        same = self._texts.setdefault
        out: list = []
        kids = array("I")
        size = height = 1
        deep_ok = depth + 1 <= self.max_depth
        while True:
            event = get()
            t = type(event)
            if t is ScalarEvent and event.anchor is None and deep_ok:  # the common case, inline
                mark = event.start_mark
                child = len(lines)
                lines.append(mark.line + 1)
                cols.append(mark.column + 1)
                value, tag = event.value, event.tag
                if tag is None or tag == "!":
                    if event.implicit[0] and rules(value[0] if value else "") is not None:
                        value = self._plain(value, child, path, len(out))
                    else:
                        value = same(value, value)
                else:
                    value = self._convert(tag, value, child, path + (len(out),))
                out.append(value)
                kids.append(child)
                size += 1
                height = 2 if height < 2 else height
                continue
            if t is SequenceEndEvent:
                break
            value, child, child_size, child_height = self._value(event, path + (len(out),), depth + 1)
            out.append(value)
            kids.append(child)
            size += child_size
            height = max(height, child_height + 1)
        self.positions.children[serial] = kids
        return out, size, height

    def _mapping(self, serial: int, path: tuple, depth: int) -> tuple[dict, int, int]:
        get = self.parser.get_event
        lines, cols = self.positions.lines, self.positions.cols
        rules = _IMPLICIT.get
        same = self._texts.setdefault
        out: dict = {}
        kids: dict = {}
        size = height = 1
        deep_ok = depth + 1 <= self.max_depth
        while True:
            event = get()
            t = type(event)
            if t is MappingEndEvent:
                break
            if t is ScalarEvent and event.anchor is None and event.tag is None and event.value != "<<":
                mark = event.start_mark  # a plain key, inline; its serial is its value's - 1
                key_serial = len(lines)
                lines.append(mark.line + 1)
                cols.append(mark.column + 1)
                key = same(event.value, event.value)
            else:
                key, key_serial = self._key(event, path, depth)
            if key is not None and key in out:
                self._error(key_serial, path + (key,), f"duplicate key '{key}'",
                            "YAML keeps only the last value; remove one of them")
                key = None
            event = get()
            if key is None:  # built for its anchors, then dropped
                self.quiet += 1
                try:
                    self._value(event, path, depth + 1)
                finally:
                    self.quiet -= 1
                continue
            t = type(event)
            if t is ScalarEvent and event.anchor is None and deep_ok:  # the common case, inline
                mark = event.start_mark
                child = len(lines)
                lines.append(mark.line + 1)
                cols.append(mark.column + 1)
                value, tag = event.value, event.tag
                if tag is None or tag == "!":
                    if event.implicit[0] and rules(value[0] if value else "") is not None:
                        value = self._plain(value, child, path, key)
                    else:
                        value = same(value, value)
                else:
                    value = self._convert(tag, value, child, path + (key,))
                out[key] = value
                kids[key] = child
                size += 1
                height = 2 if height < 2 else height
                continue
            value, child, child_size, child_height = self._value(event, path + (key,), depth + 1)
            out[key] = value
            kids[key] = child
            size += child_size
            height = max(height, child_height + 1)
        self.positions.children[serial] = kids
        return out, size, height

    def _key(self, event, path: tuple, depth: int) -> tuple[str | None, int]:
        """The key that `event` starts, or None (reported) when it cannot be one, and its
        serial: recorded just before its value's, so Positions finds it at serial - 1."""
        t = type(event)
        if t is ScalarEvent:
            mark = event.start_mark
            serial = self.positions.add(mark.line + 1, mark.column + 1)
            tag, raw = event.tag, event.value
            if tag is None or tag == "!":  # only '<<' among the keys needs resolving (a merge key)
                tag = _MERGE if raw == "<<" and event.implicit[0] else _STR
            if event.anchor is not None:
                tag = self._scalar_tag(event)
                value = self._convert(tag, raw, serial, path, quiet=True)
                self._anchor(event.anchor, event, [serial, value, raw, tag])
        elif t is AliasEvent:
            anchored = self._anchored(event)
            serial = self.positions.copy_of(anchored[0])
            tag, raw = anchored[3], anchored[2]
        else:  # a list or mapping as a key (YAML's '? ' form)
            self.quiet += 1
            try:
                serial = self._value(event, path, depth + 1)[1]
            finally:
                self.quiet -= 1
            tag = raw = None
        if tag == _MERGE:
            self._error(serial, path, "merge keys ('<<') are not supported in profiles", "write the keys out in full")
            return None, serial
        if raw is None:
            self._error(serial, path, "a mapping key must be a plain word")
        return raw, serial

    def _alias(self, event, depth: int) -> tuple[object, int, int, int]:
        serial, value, _, _ = self._anchored(event)
        if value is _OPEN:  # the anchor's own collection is still open: it would contain itself
            raise Fatal("depth" if depth > self.max_depth else "recursive", serial)
        size, height = self.shapes.get(serial, (1, 1))
        if self.expanded + size > self.alias_limit or depth + height - 1 > self.max_depth:
            raise self._first_violation(serial, depth, self.alias_limit - self.expanded)
        self.expanded += size
        new = self.positions.copy_of(serial)
        if self.open_anchors and new in self.positions.children:
            self.shapes[new] = (size, height)
        return _copy(value), new, size, height

    def _first_violation(self, serial: int, depth: int, budget: int) -> Fatal:
        """Where expanding the value at `serial` first passes a limit, in document order (the
        value that an expansion produces beyond the budget, or the first one too deep)."""
        while True:
            budget -= 1
            if budget < 0:
                return Fatal("alias", serial)
            if depth > self.max_depth:
                return Fatal("depth", serial)
            kids = self.positions.children.get(serial)
            for child in (kids.values() if type(kids) is dict else kids or ()):
                size, height = self.shapes.get(child, (1, 1))
                if size <= budget and depth + height <= self.max_depth:
                    budget -= size
                    continue
                serial, depth = child, depth + 1
                break
            else:  # pragma: no cover - only called when a limit is passed below `serial`
                raise AssertionError("no limit passed")

    def _anchored(self, event) -> list:
        anchored = self.anchors.get(event.anchor)
        if anchored is None:
            raise ComposerError(None, None, "found undefined alias", event.start_mark)
        return anchored

    def _anchor(self, name: str, event, entry: list) -> None:
        if name in self.anchors:
            first = self.positions.at(self.anchors[name][0])
            raise ComposerError("found duplicate anchor; first occurrence",
                                yaml.Mark(self.file, 0, first[0] - 1, first[1] - 1, None, None),
                                "second occurrence", event.start_mark)
        self.anchors[name] = entry

    # ---------------------------------------------------------------- scalars

    def _scalar_tag(self, event) -> str:
        tag = event.tag
        if tag is None or tag == "!":
            return _plain_tag(event.value) if event.implicit[0] else _STR
        return tag

    def _plain(self, value: str, serial: int, path: tuple, part) -> object:
        """An untagged plain scalar that may not be text, by the YAML 1.1 rules of the safe loader."""
        cache = self._plain_cache
        if value in cache:
            return cache[value]
        tag = _plain_tag(value)
        built = value if tag == _STR else self._convert(tag, value, serial, path + (part,))
        cache[value] = built
        return built

    def _convert(self, tag: str, value: str, serial: int, path: tuple, quiet: bool = False) -> object:
        if tag == _STR:
            return value
        if tag == _NULL:
            return None if value in ("", "~", "null", "Null", "NULL") else value
        if tag == _BOOL:
            low = value.lower()
            if low in ("true", "yes", "on", "y"):
                return True
            if low in ("false", "no", "off", "n"):
                return False
            return value  # e.g. !!bool maybe: left as text, the model reports it
        if tag == _INT:
            try:
                return int(value.replace("_", ""), 0)
            except ValueError:
                return value
        if tag == _FLOAT:
            try:
                return float(value.replace("_", ""))
            except ValueError:
                return value
        if tag == _TIMESTAMP_TAG:
            m = _TIMESTAMP.match(value)
            if m:
                try:
                    return _dt.date(int(m[1]), int(m[2]), int(m[3]))
                except ValueError:
                    return value  # e.g. 2026-02-30: left as text, the model reports it
            return value
        if not quiet:
            self._error(serial, path, f"unsupported YAML tag '{_short_tag(tag)}'",
                        "remove the tag; profiles hold plain data only")
        return value

    def _error(self, serial: int, path: tuple, message: str, hint: str = "") -> None:
        if not self.quiet:
            line, col = self.positions.at(serial)
            self.errors.append(Diagnostic(self.file, line, col, message, format_path(path), hint))


def _plain_tag(value: str) -> str:
    for tag, regexp in _IMPLICIT.get(value[0] if value else "", ()):
        if regexp.match(value):
            return tag
    return _STR


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


def _copy(value):
    """A fresh copy of an anchor's value, as if it were written again."""
    if type(value) is list:
        return [_copy(v) for v in value]
    if type(value) is dict:
        return {k: _copy(v) for k, v in value.items()}
    return value
