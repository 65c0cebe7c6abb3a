"""Document versions (版本/修改次数, e.g. A/0) and how a change bumps them.

Rule (the same as the generated 文件和记录控制程序): a minor change adds one to
the revision count (A/0 -> A/1); a major change (`--major`), or a tenth minor
change, starts the next letter (A/9 -> B/0). Changing
document_control.version in the profile re-issues the whole set at that version.
"""
from __future__ import annotations

from sskit.profile.fields import version_order  # noqa: F401  (re-exported: a version's place)

MAX_MINOR = 9


class VersionExhausted(ValueError):
    """Z/9 has no next version: the set must be re-issued under a version the profile sets."""


def bump(version: str, major: bool = False) -> str:
    letter, _, count = version.partition("/")
    number = int(count or 0)
    if major or number >= MAX_MINOR:
        if letter >= "Z":
            raise VersionExhausted(version)
        return f"{chr(ord(letter) + 1)}/0"
    return f"{letter}/{number + 1}"


def first_issue_summary(version: str, history: bool = False, summary: str | None = None) -> str:
    """The 修订记录 text of the row a set is first issued with by sskit: only A/0 is a 首次发布. At a
    later version (the company's system was at A/2) the rows before it are the profile's
    document_control.history (`history`); without it the row says where they are: sskit has no
    record of them and invents none. `summary`: what the profile says this version is
    (document_control.summary), printed as it is."""
    if summary:
        return summary
    if version == "A/0":
        return "首次发布"
    if history:
        return f"按{version}版换版发布"
    return f"按{version}版换版发布；此前各版的修订记录见上一版受控文件"
