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


def test_the_vocabularys_sanbao_flag_names_the_categories_a_rule_covers():
    """The documents ask vocab's `sanbao` flag whether a category is in a 三包 catalogue; the
    statutory data (sskit/standard/sanbao.yaml) lists the rules of each: the two must agree, or a
    manual would call a period voluntary that the check holds against a minimum."""
    from sskit.profile import vocab
    from sskit.standard.statutory import load_statutory

    table = load_statutory()
    disagree = {code for code, entry in vocab.CATEGORIES.items()
                if bool(entry.get("sanbao")) != bool(table.categories.get(code, {}).get("rules"))}
    assert disagree == set()
    assert {c for c, e in vocab.CATEGORIES.items() if e.get("sanbao")} >= {"refrigerator", "household_car"}
