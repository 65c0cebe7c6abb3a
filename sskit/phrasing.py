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
