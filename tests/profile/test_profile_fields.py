"""Field types of the profile (sskit/profile/fields.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from sskit.profile import fields
from sskit.profile.fields import (
    CreditCode, Days, Hours, Id, Months, OpeningHours, Phone, Version, check_credit_code, check_phone,
    credit_check_char,
)


def _ok(tp, value):
    return TypeAdapter(tp).validate_python(value)


def _errors(tp, value) -> list[dict]:
    with pytest.raises(ValidationError) as info:
        TypeAdapter(tp).validate_python(value)
    return info.value.errors(include_url=False)


# --------------------------------------------------------------------------- phone numbers

PHONES_OK = [
    "0571-88881234",        # landline, 4-digit area code, 8 digits
    "057188881234",         # without the dash
    "010-12345678",         # 3-digit area code
    "0571-8888123",         # 7-digit local number
    "(0571)88881234",       # area code in brackets
    "0571-88881234-801",    # extension
    "0571 8888 1234",       # spaces are ignored
    "0571\u300088881234",   # so is the ideographic space
    "13812345678",          # mobile
    "19912345678",
    "138 1234 5678",
    "400-826-1234",         # service numbers
    "4008261234",
    "800-123-4567",
    "  400-826-1234  ",     # surrounding blanks
]

PHONES_BAD = [
    "0571-88866",           # landline too short
    "0571-888812345",       # landline too long
    "88881234",             # no area code
    "571-88881234",         # area code without the leading 0
    "0571-8888-1234",       # local number split
    "0571-88881234-1234567",  # extension too long
    "12812345678",          # mobile with a wrong second digit
    "11812345678",
    "1381234567",           # mobile, 10 digits
    "138123456789",         # mobile, 12 digits
    "400-826-123",          # 400 number one digit short
    "400-826-12345",        # one digit long
    "500-826-1234",         # not a 400/800 prefix
    "phone",
    "--",
]


@pytest.mark.parametrize("number", PHONES_OK)
def test_phone_accepted(number):
    assert check_phone(number) == number.strip()
    assert _ok(Phone, number) == number.strip()


@pytest.mark.parametrize("number", PHONES_BAD)
def test_phone_refused(number):
    with pytest.raises(PydanticCustomError) as info:
        check_phone(number)
    assert info.value.type == "phone"
    assert info.value.message() == f"'{number}' is not a valid phone number"
    [err] = _errors(Phone, number)
    assert err["type"] == "phone"


def test_phone_number_from_yaml_int_is_checked_as_text():
    # an unquoted mobile number arrives as an int; the model turns it into text
    from sskit.profile.model import ServiceHead
    head = ServiceHead.model_validate({"name": "陈立", "title": "副总经理", "appointed": "2026-01-05",
                                       "phone": 13812345678})
    assert head.phone == "13812345678"


def test_empty_phone_is_refused():
    [err] = _errors(Phone, "   ")
    assert err["type"] == "string_too_short"


# --------------------------------------------------------------------------- credit codes

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015: no I, O, S, V, Z


def reference_check_char(first17: str) -> str:
    """GB 32100-2015 check character, written independently of fields.py:
    weights are 3**i mod 31, the check value is 31 - (sum mod 31), 31 -> 0."""
    total = sum(ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return ALPHABET[(31 - total % 31) % 31]


# published codes of well-known companies (business licences are public)
KNOWN_GOOD = [
    "914403001922038216",  # 华为技术有限公司
    "91440300708461136T",  # 深圳市腾讯计算机系统有限公司
    "91330100716105852F",  # 阿里巴巴（中国）有限公司
    "91110108551385082Q",  # 小米科技有限责任公司
    "91330106MA2H3K7L5P",  # the code of tests/fixtures/minimal.yaml
]


def test_alphabet_and_weights_match_the_standard():
    assert fields.CREDIT_ALPHABET == ALPHABET
    assert fields.CREDIT_WEIGHTS == tuple(pow(3, i, 31) for i in range(17))


@pytest.mark.parametrize("code", KNOWN_GOOD)
def test_known_good_credit_codes(code):
    assert reference_check_char(code[:17]) == code[17]
    assert credit_check_char(code[:17]) == code[17]
    assert check_credit_code(code) == code
    assert _ok(CreditCode, code) == code


def test_credit_code_is_normalised():
    assert check_credit_code(" 91440300708461136t ") == "91440300708461136T"


@pytest.mark.parametrize("code", KNOWN_GOOD)
def test_every_wrong_check_character_is_refused(code):
    for c in ALPHABET:
        if c == code[17]:
            continue
        with pytest.raises(PydanticCustomError) as info:
            check_credit_code(code[:17] + c)
        assert info.value.type == "credit_code_checksum"
        assert info.value.context["expected"] == code[17]


@pytest.mark.parametrize("char", list("IOSVZ"))
def test_credit_code_letters_left_out_by_the_standard(char):
    code = "91440300708461136T"
    bad = code[:5] + char + code[6:]
    with pytest.raises(PydanticCustomError) as info:
        check_credit_code(bad)
    assert info.value.message() == f"credit code '{bad}' contains '{char}', which is not allowed"


@pytest.mark.parametrize("code, n", [("", 0), ("9144030070846113", 16), ("91440300708461136", 17),
                                     ("91440300708461136TT", 19)])
def test_credit_code_length(code, n):
    with pytest.raises(PydanticCustomError) as info:
        check_credit_code(code)
    assert info.value.message() == f"credit code '{code}' has {n} characters, not 18"


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(alphabet=ALPHABET, min_size=17, max_size=17))
def test_check_character_matches_the_reference(first17):
    expected = reference_check_char(first17)
    assert credit_check_char(first17) == expected
    assert check_credit_code(first17 + expected) == first17 + expected


# --------------------------------------------------------------------------- ids

@pytest.mark.parametrize("ident", ["gm", "service", "service_2", "hz-01", "A", "a" * 64, "QA"])
def test_id_accepted(ident):
    assert _ok(Id, ident) == ident


@pytest.mark.parametrize("ident", ["", "1abc", "_x", "-x", "a b", "a.b", "a" * 65, "客服部", "gm "])
def test_id_refused(ident):
    [err] = _errors(Id, ident)
    assert err["type"] == "string_pattern_mismatch"


# --------------------------------------------------------------------------- opening hours

@pytest.mark.parametrize("hours", [
    "08:30-17:30", "8:30-17:30", "08:30 - 17:30", "08:30～17:30", "08:30—17:30", "09：00至18：00",
    "周一至周五 08:30-17:30，周六 09:00-12:00", "7×24小时", "7x24", "全天", "24小时",
])
def test_opening_hours_accepted(hours):
    assert _ok(OpeningHours, hours) == hours.strip()


@pytest.mark.parametrize("hours", ["工作日", "朝九晚五", "9-5", "08:30", "上午8点到下午5点"])
def test_opening_hours_refused(hours):
    [err] = _errors(OpeningHours, hours)
    assert err["type"] == "hours"
    assert err["msg"] == f"opening hours '{hours}' name no time range"


def test_opening_hours_year_is_not_a_time_range():
    _errors(OpeningHours, "2024年起营业")


# --------------------------------------------------------------------------- versions and numbers

@pytest.mark.parametrize("version", ["A/0", "B/1", "C/12", " A/0 "])
def test_version_accepted(version):
    assert _ok(Version, version) == version.strip()


@pytest.mark.parametrize("version", ["A0", "a/0", "A/", "/0", "AA/0", "A/1234", "A-0"])
def test_version_refused(version):
    [err] = _errors(Version, version)
    assert err["type"] == "version"


@pytest.mark.parametrize("tp", [Hours, Days, Months])
def test_durations_must_be_positive(tp):
    assert _errors(tp, 0)[0]["type"] == "greater_than"
    assert _errors(tp, -1)[0]["type"] == "greater_than"
    assert _ok(tp, 1) == 1


def test_counts_may_be_zero():
    assert _ok(fields.Count, 0) == 0
    assert _errors(fields.Count, -1)[0]["type"] == "greater_than_equal"


@pytest.mark.parametrize("tp, good, bad, kind", [
    (fields.FunctionCode, "repair", "repairs", "function"),
    (fields.CategoryCode, "refrigerator", "fridge", "category"),
    (fields.OutletKind, "直营", "直销", "outlet kind"),
    (fields.RoleCode, "technician", "tech", "role"),
    (fields.TrainingMethod, "课堂讲授", "讲座", "training method"),
    (fields.BusinessType, "manufacturer", "factory", "business type"),
])
def test_closed_vocabularies(tp, good, bad, kind):
    assert _ok(tp, good) == good
    [err] = _errors(tp, bad)
    assert err["type"] == "unknown_code"
    assert err["msg"] == f"unknown {kind} '{bad}'"
    assert good in err["ctx"]["choices"]


@pytest.mark.parametrize("old, new, message", [
    ("repair_days: 3", "repair_days: .inf", "commitments.repair_days: expected a number, got '.inf'"),
    ("repair_days: 3", "repair_days: 1e309", "commitments.repair_days: must be at most 3650 (got '1e309')"),
    ("repair_days: 3", "repair_days: true", "commitments.repair_days: expected a number, got the boolean true"),
    ("satisfaction_target: 95", "satisfaction_target: .nan",
     "commitments.satisfaction_target: expected a number, got '.nan'"),
    ("whole_unit_months: 12", "whole_unit_months: 1000000000000",
     "products[0].warranty.whole_unit_months: must be at most 1200 (got 1000000000000)"),
])
def test_numbers_are_finite_real_numbers_of_a_sane_size(old, new, message):
    """Issue 20 item 7: no "inf天" or "inf元" in a document; a boolean is no number."""
    from sskit.diagnostics import SskitError
    from sskit.profile import parse_profile_with_source

    text = (Path(__file__).resolve().parents[1] / "fixtures" / "compliant.yaml").read_text(encoding="utf-8")
    assert old in text
    with pytest.raises(SskitError) as err:
        parse_profile_with_source(text.replace(old, new, 1), "p.yaml")
    (diagnostic,) = err.value.diagnostics
    assert diagnostic.headline().endswith(f": error: {message}")
