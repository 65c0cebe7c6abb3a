"""Field types of the profile: phone numbers, credit codes, ids, vocab codes.

Each validator raises a `PydanticCustomError` whose context carries what the
diagnostics need for a hint (for example the allowed codes).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Annotated

import datetime as _dt

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

import sskit.profile.vocab as vocab

_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
_FOLDED_GAP = re.compile(rf"(?<={_CJK})\s+(?={_CJK})|(?<={_CJK})\s+(?=[,.;:!?])")


def join_folded(value: str) -> str:
    """YAML folds long lines with a space; Chinese text must not keep it."""
    return _FOLDED_GAP.sub("", value)


def _text(value: str) -> str:
    """A text of nothing but invisible format characters (a zero-width space, a stray BOM pasted
    from a web page) is as empty as one of spaces: it would print a blank name."""
    if unicodedata.category(value[0]) == "Cf" and all(c.isspace() or unicodedata.category(c) == "Cf" for c in value):
        raise PydanticCustomError("string_too_short", "must not be empty")
    return join_folded(value)


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_text)]

# Every character that ends a line: LF, CR, NEL, the Unicode line and paragraph separators, the
# vertical tab (Word's Shift+Enter line break, in pasted text) and the form feed (its page break).
LINE_BREAKS = "\n\r\x85\u2028\u2029\x0b\x0c"
_BREAK = re.compile(rf"\s*[{LINE_BREAKS}]\s*")  # with the blanks around it (\s covers them all)
_CJK_CHAR = re.compile(_CJK)


def join_lines(value: str) -> str:
    """A text on one line: each line break, with the blanks around it, becomes nothing between
    two CJK characters (杭州\n青禾 -> 杭州青禾) and one space elsewhere (ACME\nService -> ACME Service)."""
    def glue(m: re.Match) -> str:
        start, end = m.start(), m.end()
        if start == 0 or end == len(value):
            return ""
        return "" if _CJK_CHAR.match(value[start - 1]) and _CJK_CHAR.match(value[end]) else " "
    return _BREAK.sub(glue, value)


# The mark of a one-line field (a name, an address, a phone number): it is printed in table cells
# and page headers, where a line break splits a row or a header. sskit/profile/characters.py finds
# the fields by this mark to warn where a break was written; the validator joins the lines whatever
# the profile came from.
ONE_LINE = AfterValidator(join_lines)
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), ONE_LINE, AfterValidator(_text)]
Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")]


def _no_bool(value):
    """YAML reads yes/no/true/false as booleans; a number field must not take one as 1 or 0."""
    if isinstance(value, bool):
        raise PydanticCustomError("bool_number", "expected a number, got the boolean {value}",
                                  {"value": str(value).lower()})
    return value


_NUMBER = BeforeValidator(_no_bool)
# Numbers are finite (no .inf / .nan) and below a bound no real profile reaches, so that a slip
# such as 1e309 or 10^100 months is a located error instead of "inf天" in a document.
Count = Annotated[int, _NUMBER, Field(ge=0, le=10_000_000)]
# durations are positive: a zero or negative time limit is a typo
Hours = Annotated[float, _NUMBER, Field(gt=0, le=8760, allow_inf_nan=False)]  # at most a year
Days = Annotated[float, _NUMBER, Field(gt=0, le=3650, allow_inf_nan=False)]  # at most ten years
Minutes = Annotated[int, _NUMBER, Field(gt=0, le=10_080)]  # at most a week
Months = Annotated[int, _NUMBER, Field(gt=0, le=1200)]  # at most a hundred years
Km = Annotated[int, _NUMBER, Field(gt=0, le=10_000_000)]
Money = Annotated[float, _NUMBER, Field(ge=0, le=1e12, allow_inf_nan=False)]

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_EXTENSION = r"(?:(?:-|转|ext\.?|分机)\d{1,6})?"
_SERVICE = re.compile(r"^[48]00-?\d{3}-?\d{4}" + _EXTENSION + "$")
_NINETY_FIVE = re.compile(r"^95\d{3,4}" + _EXTENSION + "$")  # 95xxx / 95xxxx service numbers
_LANDLINE = re.compile(r"^(?:\(0\d{2,3}\)|0\d{2,3}-?)\d{7,8}" + _EXTENSION + "$")

PHONE_HINT = ("use a landline with area code (0571-88881234), a mobile number (13812345678), "
              "a 400/800 number (400-123-4567) or a 95 number (95105); an extension may follow (-8, 转8)")


def check_phone(value: str) -> str:
    compact = re.sub(r"[\s\u3000]", "", value)
    if any(p.match(compact) for p in (_MOBILE, _SERVICE, _NINETY_FIVE, _LANDLINE)):
        return value.strip()
    raise PydanticCustomError("phone", "'{value}' is not a valid phone number", {"value": value})


Phone = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), ONE_LINE, AfterValidator(check_phone)]

# 统一社会信用代码 (GB 32100-2015): 18 characters from this alphabet, the last
# one a mod-31 check character over the first 17.
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_check_char(first17: str) -> str:
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def check_credit_code(value: str) -> str:
    code = value.strip().upper()
    if len(code) != 18:
        raise PydanticCustomError("credit_code", "credit code '{value}' has {n} characters, not 18",
                                  {"value": value, "n": len(code)})
    bad = [c for c in code if c not in CREDIT_ALPHABET]
    if bad:
        raise PydanticCustomError("credit_code", "credit code '{value}' contains '{char}', which is not allowed",
                                  {"value": value, "char": bad[0]})
    expected = credit_check_char(code[:17])
    if code[17] != expected:
        raise PydanticCustomError("credit_code_checksum",
                                  "credit code '{value}' fails its checksum (last character should be '{expected}')",
                                  {"value": value, "expected": expected})
    return code


CreditCode = Annotated[str, AfterValidator(check_credit_code)]


def _code_validator(kind: str, choices):
    allowed = tuple(choices)

    def check(value: str) -> str:
        if value not in allowed:
            raise PydanticCustomError("unknown_code", "unknown {kind} '{value}'",
                                      {"kind": kind, "value": value, "choices": allowed})
        return value

    return AfterValidator(check)


def _code_schema(choices) -> WithJsonSchema:
    """The allowed codes as a JSON Schema enum, with their Chinese labels for editors."""
    codes = list(choices)
    labels = [_label(choices, c) for c in codes]
    return WithJsonSchema({"type": "string", "enum": codes, "enumDescriptions": labels,
                           "description": "；".join(f"{c}：{l}" for c, l in zip(codes, labels))})


def _label(choices, code: str) -> str:
    if isinstance(choices, dict):
        value = choices[code]
        return value["label"] if isinstance(value, dict) else str(value)
    return code


FunctionCode = Annotated[str, _code_validator("function", vocab.FUNCTIONS), _code_schema(vocab.FUNCTIONS)]
CategoryCode = Annotated[str, _code_validator("category", vocab.CATEGORIES), _code_schema(vocab.CATEGORIES)]
OutletKind = Annotated[str, _code_validator("outlet kind", vocab.OUTLET_KINDS), _code_schema(vocab.OUTLET_KINDS)]
BusinessType = Annotated[str, _code_validator("business type", vocab.BUSINESS_TYPES), _code_schema(vocab.BUSINESS_TYPES)]
RoleCode = Annotated[str, _code_validator("role", vocab.ROLES), _code_schema(vocab.ROLES)]
TrainingMethod = Annotated[str, _code_validator("training method", vocab.TRAINING_METHODS), _code_schema(vocab.TRAINING_METHODS)]
ActivityCode = Annotated[str, _code_validator("activity", vocab.ACTIVITIES), _code_schema(vocab.ACTIVITIES)]
SalesChannel = Annotated[str, _code_validator("sales channel", vocab.SALES_CHANNELS), _code_schema(vocab.SALES_CHANNELS)]
CustomerType = Annotated[str, _code_validator("customer type", vocab.CUSTOMERS), _code_schema(vocab.CUSTOMERS)]
OnsiteStart = Annotated[str, _code_validator("start event", vocab.ONSITE_STARTS), _code_schema(vocab.ONSITE_STARTS)]
OnsiteKind = Annotated[str, _code_validator("kind of on-site service", vocab.ONSITE_KINDS), _code_schema(vocab.ONSITE_KINDS)]
ServiceKind = Annotated[str, _code_validator("kind of service", vocab.SERVICE_KINDS), _code_schema(vocab.SERVICE_KINDS)]
TradeCode = Annotated[str, _code_validator("trade", vocab.TRADES), _code_schema(vocab.TRADES)]
WarrantyStart = Annotated[str, _code_validator("warranty start", vocab.WARRANTY_STARTS), _code_schema(vocab.WARRANTY_STARTS)]
KpiCode = Annotated[str, _code_validator("service target", vocab.KPIS), _code_schema(vocab.KPIS)]
Percent = Annotated[float, _NUMBER, Field(ge=0, le=100, allow_inf_nan=False)]

_VERSION = re.compile(r"^[A-Z]/\d{1,3}$")


def check_version(value: str) -> str:
    if not _VERSION.match(value):
        raise PydanticCustomError("version", "version '{value}' is not of the form A/0", {"value": value})
    return value


Version = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(check_version)]


def version_order(version: str) -> tuple[str, int]:
    """A version's place: A/9 before B/0."""
    letter, _, count = version.partition("/")
    return letter, int(count) if count.isdigit() else 0

_HOURS = re.compile(r"\d{1,2}[:：]\d{2}\s*[-–—~～至到]\s*\d{1,2}[:：]\d{2}|(?<!\d)24\s*小时|7\s*[×xX*]\s*24(?!\d)|全天")


def check_hours(value: str) -> str:
    if not _HOURS.search(value):
        raise PydanticCustomError("hours", "opening hours '{value}' name no time range", {"value": value})
    return value


OpeningHours = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), ONE_LINE,
                         AfterValidator(check_hours)]


def _no_number_dates(value):
    # pydantic would read 0 as 1970-01-01 (a Unix time); a profile means a calendar date
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PydanticCustomError("date_number", "expected a date (YYYY-MM-DD), got the number {value}",
                                  {"value": value})
    return value


Date = Annotated[_dt.date, BeforeValidator(_no_number_dates)]
