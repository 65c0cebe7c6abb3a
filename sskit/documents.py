"""The document set: which documents exist, their templates, numbers and views.

One `DocumentSpec` per document. Adding a document means adding a template
and a spec here; the key is what the clause catalogue's `evidence` refers to.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from sskit.profile.model import Profile
from sskit.standard import ClauseCatalogue
from sskit.view.manual import manual_view
from sskit.view.matrix import matrix_view


def _no_extra(profile: Profile, catalogue: ClauseCatalogue) -> dict:
    return {}


def _always(profile: Profile) -> bool:
    return True


@dataclass(frozen=True)
class DocumentSpec:
    key: str  # stable key, used by the clause catalogue's evidence lists
    template: str  # path relative to the template folders
    title: str
    code: str  # appended to the profile's document-number prefix
    group: str  # manual | matrix | training | procedure | form | crossref | index
    view: Callable[[Profile, ClauseCatalogue], dict] = _no_extra
    applies: Callable[[Profile], bool] = _always
    landscape: bool = False
    chapter_page_break: bool = False
    toc: bool = True

    def number(self, profile: Profile) -> str:
        return f"{profile.document_control.prefix}-{self.code}"


_SPECS: tuple[DocumentSpec, ...] = (
    DocumentSpec("manual", "manuals/manual.md.j2", "售后服务手册", "SC-01", "manual",
                 view=manual_view, chapter_page_break=True),
    DocumentSpec("matrix", "manuals/matrix.md.j2", "部门职责分配表", "ZZ-01", "matrix",
                 view=matrix_view, landscape=True, toc=False),
    DocumentSpec("proc-repair", "procedures/repair.md.j2", "维修服务控制程序", "CX-01", "procedure"),
)


def document_specs() -> tuple[DocumentSpec, ...]:
    return _SPECS


def applicable_specs(profile: Profile) -> list[DocumentSpec]:
    return [s for s in _SPECS if s.applies(profile)]


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\s]+')


def safe_name(text: str, limit: int = 60) -> str:
    """A file-name part that cannot leave the output folder or upset Windows."""
    cleaned = _UNSAFE.sub("-", text).strip(".-") or "document"
    return cleaned[:limit].rstrip(".-") or "document"


def file_stem(order: int, number: str, title: str) -> str:
    return f"{order:02d}-{safe_name(number)}-{safe_name(title)}"
