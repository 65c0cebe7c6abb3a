"""Which documents a rebuild need not render again: those whose template looked up only values
that are the same as in the previous build.

A template's text is a function of the values it looks up (the previous build noted their
names, `Content.reads`) and of the renderer (sskit's code, the templates, the clause catalogue:
`Content.renderer`). When the renderer is the same and every value a document looked up is the
same in the old and the new profile's context, the document reads exactly as the previous build
kept it, so its kept Markdown stands in for a rendering. "The same" is strict here: equal, of
the same type, and, for mappings, in the same order (a template iterating a mapping prints it in
its order). Anything that cannot be compared this way counts as changed, and any failure to
build the old context means every document is rendered (`reusable` returns nothing).
"""
from __future__ import annotations

import dataclasses
import functools
import types
from typing import Optional

from sskit.documents import DocumentSpec, applicable_specs, file_stem
from sskit.facts import derive_facts
from sskit.output.content import Content
from sskit.pipeline import RenderedDocument, document_context, document_meta, shared_context
from sskit.profile import Profile
from sskit.standard import ClauseCatalogue

_ATOMS = (str, int, float, bool, type(None), bytes)
_MISSING = object()


def same(a, b, _seen: Optional[dict] = None) -> bool:
    """Deep equality that also requires equal types and equal order of mapping items. A
    function made by the same code over the same values (a helper a view builds per call, such
    as `rec`) is the same."""
    if a is b:
        return True
    kind = type(a)
    if kind is not type(b):
        return False
    if kind in _ATOMS:
        return a == b
    seen = {} if _seen is None else _seen
    pair = (id(a), id(b))
    known = seen.get(pair)
    if known is not None:  # compared before (or being compared: a cycle holds no difference of its own)
        return known[2]
    # the entry holds both objects, so their ids cannot be reused by others while it stands
    entry = seen[pair] = [a, b, True]
    entry[2] = _same_parts(a, b, kind, seen)
    return entry[2]


def _same_parts(a, b, kind, seen: dict) -> bool:
    if isinstance(a, dict):
        return len(a) == len(b) and all(ka == kb and type(ka) is type(kb) and same(va, vb, seen)
                                        for (ka, va), (kb, vb) in zip(a.items(), b.items()))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y, seen) for x, y in zip(a, b))
    if dataclasses.is_dataclass(a):
        return all(same(getattr(a, f.name), getattr(b, f.name), seen) for f in dataclasses.fields(a))
    if hasattr(kind, "model_fields"):  # a pydantic model: its fields in order
        return same(dict(a), dict(b), seen)
    if kind is types.FunctionType:
        return (a.__code__ is b.__code__ and same(a.__defaults__, b.__defaults__, seen)
                and same(a.__kwdefaults__, b.__kwdefaults__, seen)
                and same(tuple(c.cell_contents for c in a.__closure__ or ()),
                         tuple(c.cell_contents for c in b.__closure__ or ()), seen))
    if kind is types.MethodType:
        return a.__func__ is b.__func__ and same(a.__self__, b.__self__, seen)
    if kind is functools.partial:
        return same(a.func, b.func, seen) and same(a.args, b.args, seen) and same(a.keywords, b.keywords, seen)
    if callable(a):
        return False  # another kind of callable: not known to behave alike
    return a == b  # dates, enums, sets


def reusable(profile: Profile, old_profile: Profile, catalogue: ClauseCatalogue, facts, base: dict,
             specs: list[DocumentSpec], states: dict, content: Optional[Content],
             renderer: str) -> dict[str, RenderedDocument]:
    """key -> the document as the previous build kept it, for every document (not one about the
    set) that would read the same now."""
    if not renderer or content is None or content.renderer != renderer or not content.reads:
        return {}
    try:
        old_facts = derive_facts(old_profile, catalogue)
        old_specs = {s.key: s for s in applicable_specs(old_profile)}
        old_base = shared_context(old_profile, catalogue, old_facts, list(old_specs.values()))
    except Exception:  # the old profile no longer derives (an older sskit accepted it): render all
        return {}
    seen: dict = {}  # one memo for the whole comparison (the documents share their values)
    try:
        changed = {name for name in base.keys() | old_base.keys()
                   if not same(base.get(name, _MISSING), old_base.get(name, _MISSING), seen)}
    except Exception:  # (a structure too deep to compare, say): render every document
        return {}
    found: dict[str, RenderedDocument] = {}
    for spec in specs:
        key = spec.key
        names, text, old_spec = content.reads.get(key), content.documents.get(key), old_specs.get(key)
        if (spec.late_view is not None or names is None or text is None or old_spec is None
                or old_spec.template != spec.template or names & changed):
            continue
        try:
            meta = _unchanged_meta(profile, old_profile, spec, old_spec, states.get(key), facts, old_facts, names,
                                   catalogue, base, old_base, seen)
        except Exception:  # anything unexpected in comparing: render the document
            meta = None
        if meta is not None:
            found[key] = RenderedDocument(spec, meta, text, (), {}, file_stem(key, meta.number, meta.title), names)
    return found


def _unchanged_meta(profile, old_profile, spec, old_spec, state, facts, old_facts, names: frozenset, catalogue,
                    base: dict, old_base: dict, seen: dict):
    """The document's metadata when every name it read has the same value as before (its own
    view's values over the shared ones, as the template saw them), else None."""
    meta = document_meta(profile, spec, state, facts)
    if "doc" in names:
        old_meta = document_meta(old_profile, old_spec, state, old_facts)
        if not same(document_context(meta, spec.key), document_context(old_meta, spec.key), seen):
            return None
    new_extra = spec.view(profile, catalogue, facts)
    old_extra = old_spec.view(old_profile, catalogue, old_facts)
    for name in names - {"doc"}:
        if name in new_extra or name in old_extra:  # a view's value, or one a view stopped giving
            if not same(new_extra.get(name, base.get(name, _MISSING)),
                        old_extra.get(name, old_base.get(name, _MISSING)), seen):
                return None
    return meta

