"""Stage 1: load and validate a profile. Text in, `Profile` out, or every
problem at once as located diagnostics."""
from __future__ import annotations

import stat

import datetime as dt
import difflib
import re
from dataclasses import replace
from pathlib import Path

from pydantic import BaseModel, ValidationError

from sskit.diagnostics import Diagnostic, SskitError, sort_key
from sskit.profile.characters import drop_unprintable, join_line_breaks, shown, yaml_may_hold
from sskit.profile.checks import check_references
from sskit.profile.fields import PHONE_HINT
from sskit.profile.model import Profile
from sskit.profile.tabular_files import expand_from_lists
from sskit.profile.yamlsource import MAX_BYTES, Source, load_yaml
from sskit.phrasing import format_number


def read_profile(path: str | Path) -> Profile:
    """Read a profile file (the only IO in this stage)."""
    return read_profile_with_source(path)[0]


def read_profile_with_source(path: str | Path) -> tuple[Profile, Source]:
    """The profile and its YAML source (for locating later findings)."""
    path = Path(path)
    name = str(path)
    too_big = SskitError([Diagnostic(name, 0, 0, f"file is larger than {MAX_BYTES:,} bytes; profiles are limited to "
                                                 "that size",
                                     hint="a profile is a few hundred kilobytes even for thousands of outlets")])
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(name)
        if not stat.S_ISREG(info.st_mode):  # /dev/zero, a FIFO, a socket: would read forever or block
            raise SskitError([Diagnostic(name, 0, 0, "is not a regular file", hint="give the path of a .yaml file")])
        if info.st_size > MAX_BYTES:
            raise SskitError([Diagnostic(name, 0, 0, f"file is {info.st_size:,} bytes; profiles are limited to "
                                                     f"{MAX_BYTES:,}", hint=too_big.diagnostics[0].hint)])
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)  # the limit holds while reading, whatever stat said
        if len(raw) > MAX_BYTES:
            raise too_big
        if path.suffix.lower() in (".xlsx", ".xlsm"):  # the data-collection workbook (资料收集表)
            from sskit.profile.workbook import read_workbook
            return validate_source(read_workbook(raw, name))
    except SskitError:
        raise
    except IsADirectoryError:
        raise SskitError([Diagnostic(name, 0, 0, "is a directory, not a profile file")]) from None
    except OSError as exc:
        raise SskitError([Diagnostic(name, 0, 0, f"cannot read the profile: {exc.strerror or exc}",
                                     hint="check the path")]) from None
    return parse_profile_with_source(raw, name)


def parse_profile(text: str | bytes, file: str = "<profile>") -> Profile:
    return parse_profile_with_source(text, file)[0]


def parse_profile_with_source(text: str | bytes, file: str = "<profile>") -> tuple[Profile, Source]:
    src = load_yaml(text, file)
    if not isinstance(src.data, dict):
        raise SskitError([src.diag((), f"the profile must be a mapping of keys, not {_kind(src.data)}",
                                   "start from 'sskit init DIR'")])
    expanded = expand_from_lists(src, Path(file).parent)  # outlets: {from: outlets.csv}
    return validate_source(expanded, screened=expanded is src and not yaml_may_hold(text))


def validate_source(src: Source, *, screened: bool = False) -> tuple[Profile, Source]:
    """Validate profile data (from YAML text, with its lists from CSV or XLSX files, or from a
    workbook): every problem at once, the warnings of reading it (unknown columns) with them.
    `screened`: the text it came from cannot hold a character `drop_unprintable` leaves out."""
    # a break in a one-line field comes from a cell or a '|' as often as from an escape: never screened
    found = join_line_breaks(src) + ([] if screened else drop_unprintable(src)) + check_references(src)
    diags = list(getattr(src, "problems", ())) + [d for d in found if d.severity == "error"]
    profile = None
    try:
        profile = Profile.model_validate(src.data)
    except ValidationError as exc:
        diags += [to_diagnostic(src, err) for err in exc.errors(include_url=False)]
    if hasattr(src, "warnings"):  # of reading a workbook or a list: an unknown column's title, say
        src.warnings = _safe(src.warnings)
    if diags:
        unique = {(d.file, d.line, d.col, d.path, d.message): d for d in _safe(diags)}
        order = getattr(src, "sort_key", sort_key)
        raise SskitError(sorted(unique.values(), key=order) + list(getattr(src, "warnings", ())))
    noted = _safe(d for d in found if d.severity == "warning")  # said with the readiness findings
    if noted:
        src.warnings = list(getattr(src, "warnings", ())) + noted
    return profile, src


def _safe(diags) -> list[Diagnostic]:
    """A message quotes what was written: an escape sequence in it must not reach the terminal."""
    return [replace(d, path=shown(d.path), message=shown(d.message)) for d in diags]


def _kind(value) -> str:
    return {list: "a list", str: "a text", int: "a number", float: "a number", bool: "true/false"}.get(type(value), "a value")


def to_diagnostic(src: Source, err: dict, model: type[BaseModel] = Profile) -> Diagnostic:
    """One pydantic error -> one located diagnostic with a hint."""
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and _PYDANTIC_STEP.match(p)))
    etype, ctx = err["type"], err.get("ctx") or {}
    if ctx.get("field"):  # a cross-field rule names the field it blames
        loc += (ctx["field"],)
    if loc and loc[-1] == "[key]":
        key_loc = loc[:-1]
        if etype == "unknown_code":
            msg, hint = f"unknown {ctx['kind']} '{ctx['value']}' as a key", _choice_hint(ctx)
        elif etype == "string_too_short":
            msg, hint = "a key must not be empty", ""
        else:
            msg, hint = _message(etype, err, ctx)
        return src.diag(key_loc, msg, hint, key=True)
    if etype == "extra_forbidden":
        field = loc[-1]
        allowed = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(field), allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
        return src.diag(loc, f"unknown key '{field}'", hint, key=True)
    if etype == "missing":
        return src.diag(loc, f"missing required field '{loc[-1]}'", _missing_hint(loc))
    msg, hint = _message(etype, err, ctx)
    return src.diag(loc, msg, hint)


_PYDANTIC_STEP = re.compile(r"^function-(after|before|wrap|plain)\[")


def _shown(value) -> str:
    """A profile value as the user wrote it, not as Python prints it."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dt.time):  # a workbook cell formatted as a time
        return value.isoformat(timespec="minutes")
    if isinstance(value, float):
        return format_number(value)
    return repr(value)


def _message(etype: str, err: dict, ctx: dict) -> tuple[str, str]:
    got = err.get("input")
    shown = _shown(got)
    if etype == "unknown_code":
        return f"unknown {ctx['kind']} '{ctx['value']}'", _choice_hint(ctx)
    if etype == "phone":
        return err["msg"], PHONE_HINT
    if etype.startswith("credit_code"):
        return err["msg"], "copy the code from the business licence (营业执照)"
    if etype in ("greater_than", "greater_than_equal"):
        bound = format_number(ctx.get("gt", ctx.get("ge")))
        hint = "time limits and periods must be greater than 0" if etype == "greater_than" \
            else "counts and prices are zero or more"
        if ctx.get("gt", ctx.get("ge")) != 0:  # a year from 2000: the hint is about zero
            hint = ""
        if isinstance(got, (int, float)) and got < 0:
            return f"must not be negative (got {_shown(got)})", hint
        return f"must be {'greater than' if etype == 'greater_than' else 'at least'} {bound} (got {shown})", hint
    if etype in ("less_than_equal", "less_than"):
        return f"must be at most {format_number(ctx.get('le', ctx.get('lt')))} (got {shown})", ""
    if etype == "date_number":
        return err["msg"], "write dates as YYYY-MM-DD, e.g. 2026-01-01"
    if etype.startswith("date_") or etype.startswith("datetime_"):
        detail = err["msg"].split(",", 1)[1].strip() if "," in err["msg"] else ""
        detail = detail if "range" in detail else ""
        if not isinstance(got, str):  # a list, a mapping, true, a time of day: no date was written
            return f"expected a date (YYYY-MM-DD), got {shown}", "write dates as YYYY-MM-DD, e.g. 2026-01-01"
        return f"invalid date {shown}" + (f": {detail}" if detail else ""), "write dates as YYYY-MM-DD, e.g. 2026-01-01"
    if etype == "string_pattern_mismatch":
        return f"{shown} is not a valid id", "ids start with a letter and use letters, digits, '_' or '-'"
    if etype == "string_too_short":
        return "must not be empty", ""
    if etype == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} entr{'y' if ctx.get('min_length', 1) == 1 else 'ies'}", ""
    if etype == "int_parsing_size":  # thousands of digits: pydantic will not read it
        digits = len(str(got).strip().lstrip("+-"))
        return f"expected a whole number, got one of {digits:,} digits", ""
    if etype in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {shown}", ""
    if etype in ("float_type", "float_parsing"):
        return f"expected a number, got {shown}", ""
    if etype in ("string_type",):
        return f"expected text, got {shown}", ""
    if etype in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {shown}", ""
    if etype in ("list_type",):
        return f"expected a list, got {shown}", "write a list with '- ' items or [a, b]"
    if etype in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of keys, got {shown}", ""
    if etype == "order" and ctx.get("field") == "exchange_days":
        return err["msg"], ("包换期不短于包退期：国家三包规定为7日包退、15日包换；商品不在三包目录内的，"
                            "也按本公司对顾客承诺的包退、包换天数填写，如 return_days: 7, exchange_days: 15")
    return err["msg"], ""


def _choice_hint(ctx: dict) -> str:
    choices = ctx.get("choices") or ()
    value = str(ctx.get("value", ""))
    # a typo is close to one code; a different word only looks like one (elevator ≠ refrigerator)
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.5 if len(value) <= 4 else 0.75)
    if close:
        return f"did you mean '{close[0]}'?"
    if ctx.get("kind") == "category":
        return ("no category is close: use 'other' and name it with the product's label "
                "(category: other, label: 中央软水机); all codes: sskit schema")
    if choices:
        return "choose one of: " + ", ".join(choices)
    return ""


def _missing_hint(loc) -> str:
    if loc and loc[0] in Profile.model_fields and len(loc) == 1:
        offer = ("products", "services")  # one or both, by business type (Profile._offer)
        required = [k for k, f in Profile.model_fields.items() if f.is_required()]
        optional = [k for k, f in Profile.model_fields.items() if not f.is_required() and k not in offer]
        required.insert(required.index("outlets") + 1, "products (or services for a service provider)")
        return "every profile has the sections: " + ", ".join(required) + " (optional: " + ", ".join(optional) + ")"
    return "see 'sskit schema' for the fields of this section"


def _fields_at(model: type[BaseModel], loc) -> list[str]:
    """The field names allowed at `loc` (walking the model by field names)."""
    current = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if current else None
        if field is None:
            return []
        current = _model_in(field.annotation)
    return list(current.model_fields) if current else []


def _model_in(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found:
            return found
    return None
