"""The statutory 三包 minimums of sanbao.yaml: the 国经贸〔1995〕458号 categories carry their periods."""
from __future__ import annotations

import pytest

from sskit.standard.statutory import load_statutory


@pytest.mark.parametrize("category", ["washing_machine", "range_hood", "gas_water_heater", "microwave_oven",
                                      "vacuum_cleaner", "electric_fan", "refrigerator"])
def test_a_general_rule_category_has_one_year_whole_unit_and_three_years_main_parts(category):
    found = load_statutory().minimums(category)
    assert found["whole_unit_months"].value == 12 and found["main_parts_months"].value == 36
    assert found["whole_unit_months"].source == "国经贸〔1995〕458号"
    assert found["whole_unit_months"].confidence == "medium"


def test_a_category_without_periods_in_the_data_has_no_whole_unit_minimum():
    assert "whole_unit_months" not in load_statutory().minimums("gas_stove")
    assert "whole_unit_months" not in load_statutory().minimums("other")
