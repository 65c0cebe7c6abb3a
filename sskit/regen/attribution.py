"""Which change of the profile touched which document: exactly, not by guessing from words.

A change touches a document when the document's content depends on it: rendered from the
new profile with that one change taken back (`diff.revert`), the document reads differently.
With a single change there is nothing to separate, so nothing is rendered again; with
several, each is taken back in turn and only the documents that changed are rendered. Many
changes of one kind (a network that closes 39 outlets) are taken back together, as one, so
the work stays bounded (`MAX_UNITS`).

Only where a change cannot be taken back on its own (the profile would not validate without
it: an outlet's new department, say) does the fallback look for the change's own words in
the document's old or new text.

The summaries of the 修订记录 stay short at scale: more than `LISTED` changes of one kind
become one sentence with a count (`撤销网点39个（德阳旌湖店等，详见《服务网点清单》）`); the
full list is in the build's change log (修订对照/变更记录.md).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from pydantic import ValidationError

from sskit.profile.model import Profile
from sskit.regen.diff import Change, affects, revert

MAX_UNITS = 8  # changes taken back one at a time; beyond that, grouped by area and kind
LISTED = 3  # changes of one kind named one by one in a 修订记录 row

# (area, kind) -> what a count of such changes is called, and its measure word
_COUNTED = {
    ("outlet", "added"): ("新增网点", "个"), ("outlet", "removed"): ("撤销网点", "个"),
    ("outlet", "renamed"): ("网点更名", "个"), ("outlet", "moved"): ("网点迁址", "个"),
    ("outlet", "changed"): ("网点信息调整", "项"),
    ("department", "added"): ("新设部门", "个"), ("department", "removed"): ("撤销部门", "个"),
    ("department", "renamed"): ("部门更名", "个"), ("department", "changed"): ("部门信息调整", "项"),
    ("department", "reparented"): ("部门隶属关系调整", "个"),
    ("product", "added"): ("新增产品线", "条"), ("product", "removed"): ("停售产品线", "条"),
    ("product", "renamed"): ("产品线更名", "条"), ("product", "changed"): ("产品线保修和服务条款调整", "项"),
    ("service", "added"): ("新增服务项目", "项"), ("service", "removed"): ("取消服务项目", "项"),
    ("service", "changed"): ("服务项目调整", "项"),
}


@dataclass(frozen=True)
class Unit:
    """Changes taken back together."""
    changes: tuple[Change, ...]

    @property
    def merged(self) -> Change:
        first = self.changes[0]
        paths = tuple(p for c in self.changes for p in c.paths)
        mentions = tuple(m for c in self.changes for m in c.mentions)
        return Change(first.area, first.kind, first.subject, first.text, mentions, paths)


def units_of(changes: list[Change]) -> list[Unit]:
    if len(changes) <= MAX_UNITS:
        return [Unit((c,)) for c in changes]
    groups: dict[tuple[str, str], list[Change]] = {}
    for change in changes:
        groups.setdefault((change.area, change.kind), []).append(change)
    return [Unit(tuple(group)) for group in groups.values()]


def attribute(old: dict, new: dict, changes: list[Change], changed: dict[str, str],
              render: Callable[[Profile, set], dict[str, str]],
              old_text: Optional[dict[str, str]] = None) -> dict[str, list[Change]]:
    """For each changed document (key -> its new Markdown), the changes that touched it.

    `old`/`new`: the two profiles as model_dump(mode="json"); `render(profile, keys)` renders
    those documents of a profile and returns key -> Markdown; `old_text`: the documents'
    previous Markdown, for the fallback."""
    old_text = old_text or {}
    touched: dict[str, list[Change]] = {key: [] for key in changed}
    if not changes or not changed:
        return touched
    units = units_of(changes)
    if len(units) == 1:
        return {key: list(units[0].changes) for key in changed}
    for unit in units:
        merged = unit.merged
        rendered = None
        try:
            without = Profile.model_validate(revert(new, old, merged))
            rendered = render(without, set(changed))
        except ValidationError:
            pass
        except Exception:  # noqa: BLE001 - a profile the model accepts may still not derive or render
            pass  # (a responsibility left pointing at the department the change added): same fallback
        if rendered is None:  # cannot be taken back alone: the change's own words decide
            hits = [key for key in changed if affects(merged, old_text.get(key, ""), changed[key])]
        else:
            hits = [key for key in changed if rendered.get(key) != changed[key]]
        for key in hits:
            touched[key] += _named_in(unit, old_text.get(key, ""), changed[key])
    return touched


def _named_in(unit: Unit, old_text: str, new_text: str) -> list[Change]:
    """The changes of a unit that a document is about: all of them for a single change; of many
    taken back together, those the document names (all, when it names none: it counts them)."""
    if len(unit.changes) == 1:
        return list(unit.changes)
    named = [c for c in unit.changes if affects(c, old_text, new_text)]
    return named or list(unit.changes)


def summary(changes: list[Change], refs: Optional[dict[str, str]] = None) -> list[str]:
    """The 修订记录 sentences for a document's changes, in order; more than LISTED changes of
    one kind become one counted sentence. `refs`: area -> the document that lists them all."""
    refs = refs or {}
    groups: dict[tuple[str, str], list[Change]] = {}
    for change in changes:
        groups.setdefault((change.area, change.kind), []).append(change)
    texts: list[str] = []
    for (area, kind), group in groups.items():
        if len(group) <= LISTED or (area, kind) not in _COUNTED:
            texts += [c.text for c in group]
            continue
        words, measure = _COUNTED[(area, kind)]
        names = [c.name for c in group if c.name]
        example = f"{names[0]}等，" if names else ""
        where = refs.get(area, "本次变更记录")
        texts.append(f"{words}{len(group)}{measure}（{example}详见{where}）")
    return list(dict.fromkeys(texts))
