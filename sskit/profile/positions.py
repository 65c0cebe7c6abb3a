"""Where each value of a loaded YAML document was written.

Stage 1a keeps the line and column of every value and mapping key in two integer arrays,
indexed by a serial number given in document order, and one small table per mapping
(key -> serial) or list (index -> serial). A 20,000-outlet profile then needs no Python
object per value to be located later. A path is looked up by walking these tables from the
root; a path that leaves the document (a missing key, an index past the end) stops at its
nearest written ancestor.

`PathMarks` shows the same positions as the mapping that Source.marks has always been
(path -> (line, col), a key under path + ("<key>",)), for code that reads or copies it.
"""
from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping

ROOT = 0  # the serial of the document's root value
KEY = "<key>"  # a path ending with it names the key of the path before it


class Positions:
    """Line/column (1-based) of each value and key. A mapping key written at serial `k` has
    its value at `k + 1` (the builder gives both in that order)."""

    __slots__ = ("lines", "cols", "children")

    def __init__(self) -> None:
        self.lines = array("I")
        self.cols = array("I")
        # serial of a mapping -> {key: value serial}; of a list -> array of item serials
        self.children: dict[int, dict | array] = {}

    def add(self, line: int, col: int) -> int:
        """Record one position; returns its serial."""
        self.lines.append(line)
        self.cols.append(col)
        return len(self.lines) - 1

    def copy_of(self, serial: int) -> int:
        """A new serial at the position of `serial` with the same children (an alias is
        located where its anchor was written)."""
        new = self.add(self.lines[serial], self.cols[serial])
        kids = self.children.get(serial)
        if kids is not None:
            self.children[new] = kids
        return new

    def at(self, serial: int) -> tuple[int, int]:
        return self.lines[serial], self.cols[serial]

    def _walk(self, path) -> tuple[int, int, bool]:
        """(serial reached, parent serial, whether the whole path was found)."""
        serial = parent = ROOT
        children = self.children
        for part in path:
            kids = children.get(serial)
            if kids is None:
                return serial, parent, False
            if type(kids) is dict:
                nxt = kids.get(part) if isinstance(part, str) else None
            elif type(part) is int and 0 <= part < len(kids):
                nxt = kids[part]
            else:
                nxt = None
            if nxt is None:
                return serial, parent, False
            parent, serial = serial, nxt
        return serial, parent, True

    def locate(self, path) -> tuple[int, int]:
        """The position of `path`, or of its nearest written ancestor (of its key when it ends
        with KEY)."""
        if not self.lines:
            return 1, 1
        path = tuple(path)
        if path and path[-1] == KEY:
            return self.locate_key(path[:-1]) or self.locate(path[:-1])
        return self.at(self._walk(path)[0])

    def locate_key(self, path) -> tuple[int, int] | None:
        """The position of the key that ends `path`, when `path` ends with a written key."""
        path = tuple(path)
        if not path or not self.lines:
            return None
        serial, parent, found = self._walk(path)
        if not found or type(self.children.get(parent)) is not dict:
            return None
        return self.at(serial - 1)


class PathMarks(Mapping):
    """Read-only path -> (line, col) over `positions`: every written value, and every written
    key under its path + ("<key>",). Looking one up walks the tables; listing them all builds
    every path (only for copying a small document's marks)."""

    __slots__ = ("positions",)

    def __init__(self, positions: Positions):
        self.positions = positions

    def __getitem__(self, path) -> tuple[int, int]:
        path = tuple(path)
        if path and path[-1] == KEY:
            where = self.positions.locate_key(path[:-1])
        else:
            serial, _, found = self.positions._walk(path) if self.positions.lines else (0, 0, False)
            where = self.positions.at(serial) if found else None
        if where is None:
            raise KeyError(path)
        return where

    def __iter__(self) -> Iterator[tuple]:
        if not self.positions.lines:
            return
        children = self.positions.children
        todo = [((), ROOT, False)]
        while todo:
            path, serial, keyed = todo.pop()
            if keyed:
                yield path + (KEY,)
            yield path
            kids = children.get(serial)
            if type(kids) is dict:
                todo.extend(reversed([(path + (key,), child, True) for key, child in kids.items()]))
            elif kids is not None:
                todo.extend(reversed([(path + (i,), child, False) for i, child in enumerate(kids)]))

    def __len__(self) -> int:
        return sum(1 for _ in self)
