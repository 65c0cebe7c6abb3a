"""Diagnostics and exit codes shared by every stage.

A `Diagnostic` is a located message (`FILE:LINE:COL: error: PATH: message`)
with an optional hint. Stages raise `SskitError` carrying diagnostics; only the
CLI turns them into text and exit codes.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field


class ExitCode(enum.IntEnum):
    """The documented exit-code contract of the `sskit` command."""

    OK = 0
    INVALID = 1  # invalid profile or failed checks
    USAGE = 2  # bad command-line usage
    RENDER = 3  # template or render error
    OUTPUT = 4  # output / IO error, refusal to overwrite


@dataclass(frozen=True)
class Diagnostic:
    file: str
    line: int  # 1-based; 0 when unknown
    col: int  # 1-based; 0 when unknown
    message: str
    path: str = ""  # dotted profile path such as departments[2].parent
    hint: str = ""
    severity: str = "error"
    rule: str = ""  # compliance rule id (SS101 ...), empty for validation errors
    clause: str = ""  # the GB/T 27922 clause a finding protects

    def headline(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.col}" if self.col else f":{self.line}"
        body = f"{self.path}: {self.message}" if self.path else self.message
        if self.rule:
            body = f"{self.rule}: {body}" + (f" [{self.clause}]" if self.clause else "")
        return f"{where}: {self.severity}: {body}"

    def format(self) -> str:
        text = self.headline()
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.col,
            "severity": self.severity,
            "path": self.path,
            "message": self.message,
            "hint": self.hint,
            **({"rule": self.rule, "clause": self.clause} if self.rule else {}),
        }


@dataclass
class SskitError(Exception):
    """An expected failure: carries diagnostics and the exit code to use."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    exit_code: ExitCode = ExitCode.INVALID

    def __str__(self) -> str:
        return "\n".join(d.format() for d in self.diagnostics)


def sort_key(d: Diagnostic) -> tuple:
    return (d.file, d.line, d.col, d.path, d.message)
