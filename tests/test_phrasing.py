"""How sskit writes figures in Chinese: one module, the same everywhere."""
import datetime as dt

import pytest

from sskit.phrasing import date_text, every_text, format_number, hours_text, join_cn, months_text, period_text


@pytest.mark.parametrize("months, text", [(1, "每月"), (3, "每季度"), (6, "每半年"), (12, "每年"), (24, "每2年"),
                                          (18, "每18个月")])
def test_every_text(months, text):
    assert every_text(months) == text


def test_durations_and_periods():
    assert hours_text(0.5) == "30分钟" and hours_text(2) == "2小时" and hours_text(1.5) == "1.5小时"
    assert months_text(36) == "3年" and months_text(18) == "18个月"
    assert period_text(36, 100000) == "3年或100000公里" and period_text(None, 5000) == "5000公里"
    assert format_number(3.0) == "3" and format_number(0.25) == "0.25"


def test_dates_and_lists():
    assert date_text(dt.date(2026, 1, 1)) == "2026年1月1日"
    assert date_text("2025-12-15") == "2025年12月15日"
    assert date_text("另行通知") == "另行通知"
    with pytest.raises(TypeError):
        date_text(20260101)
    assert join_cn(["甲", "乙", "丙"]) == "甲、乙、丙" and join_cn(["甲", "乙", "丙"], "和") == "甲、乙和丙"
