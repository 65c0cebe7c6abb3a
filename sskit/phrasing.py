"""Chinese phrasing of numbers, dates, durations and lists: the one place where
sskit decides how a figure is written (2 -> 2小时, 0.5 -> 30分钟, 18 -> 18个月,
2026-01-01 -> 2026年1月1日). Pure functions, no third-party imports, so every
stage (loader, facts, views, templates, writers) can share them.
"""
from __future__ import annotations

import datetime as dt
import re

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def format_number(value) -> str:
    """12.0 -> 12, 0.25 -> 0.25, 7 -> 7."""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def hours_text(value) -> str:
    """2 -> 2小时, 0.5 -> 30分钟: a time limit as a person writes it."""
    value = float(value)
    if value < 1:
        return f"{round(value * 60)}分钟"
    return f"{format_number(value)}小时"


def months_text(months: int) -> str:
    """12 -> 1年, 18 -> 18个月, 36 -> 3年."""
    if months % 12 == 0:
        return f"{months // 12}年"
    return f"{months}个月"


def every_text(months: int) -> str:
    """12 -> 每年, 1 -> 每月, 3 -> 每季度, 6 -> 每半年, 24 -> 每2年."""
    named = {1: "每月", 3: "每季度", 6: "每半年", 12: "每年"}
    if months in named:
        return named[months]
    return "每" + months_text(months)


def period_text(months: int | None, km: int | None = None) -> str:
    parts = [months_text(months)] if months else []
    if km:
        parts.append(f"{km}公里")
    return "或".join(parts)  # "whichever comes first" is said once, after the table


def date_text(value) -> str:
    """A date or an ISO date string -> 2026年1月1日; any other string is returned as it is."""
    if isinstance(value, str):
        match = _ISO_DATE.match(value)
        if not match:
            return value
        return f"{match[1]}年{int(match[2])}月{int(match[3])}日"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value.year}年{value.month}月{value.day}日"
    raise TypeError(f"not a date: {value!r}")


def join_cn(items, last: str | None = None) -> str:
    """['A','B','C'] -> A、B、C; with last='和': A、B和C."""
    items = [str(i) for i in items]
    if last and len(items) > 1:
        return "、".join(items[:-1]) + last + items[-1]
    return "、".join(items)


# what a sentence may already end with: its full stop, or a closing mark after one
_SENTENCE_ENDS = ("。", "！", "？", "。”", "。）", "！”", "？”")
_TRAILING = " \t\r\n，,；;、：:.。"


def sentence(text) -> str:
    """Free text from the profile pasted as a sentence: ends with one 。 whatever the
    client typed (…处理 -> …处理。, …处理； -> …处理。, …处理。 stays). Empty stays empty."""
    text = str(text or "").strip()
    if not text or text.endswith(_SENTENCE_ENDS):
        return text
    return text.rstrip(_TRAILING) + "。"


# 省级行政区 kinds, in the order the standard phrase names them: 29个省（自治区、直辖市）
_REGION_KINDS = ("省", "自治区", "直辖市", "特别行政区")
_MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})


def _region_kind(name: str) -> str:
    if name in _MUNICIPALITIES:
        return "直辖市"
    for kind in ("特别行政区", "自治区", "省"):
        if name.endswith(kind):
            return kind
    return ""


def regions_text(names) -> str:
    """How many provincial-level regions a list holds, as a document counts them:
    ['北京市', '河北省'] -> 2个省（直辖市）, ['河北省'] -> 1个省; names of no known
    kind make it 省级行政区."""
    names = list(dict.fromkeys(names))
    kinds = [_region_kind(n) for n in names]
    if not names or "" in kinds:
        return f"{len(names)}个省级行政区"
    present = [k for k in _REGION_KINDS if k in kinds]
    rest = f"（{'、'.join(present[1:])}）" if len(present) > 1 else ""
    return f"{len(names)}个{present[0]}{rest}"


def regions_named(names, shown: int = 3) -> str:
    """A list of provincial-level regions named in a sentence: all of them when there are at
    most `shown` (北京市、天津市、河北省), else the first two and the count
    (北京市、天津市等29个省（自治区、直辖市）)."""
    names = list(dict.fromkeys(names))
    if len(names) <= shown:
        return join_cn(names)
    return f"{'、'.join(names[:2])}等{regions_text(names)}"
