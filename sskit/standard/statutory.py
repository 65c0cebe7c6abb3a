"""The statutory 三包 minimums (sanbao.yaml) as data: which legal rule governs a
product category and which minimum each of its periods has."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from sskit.profile.yamlsource import load_yaml

BUILTIN = Path(__file__).with_name("sanbao.yaml")
PERIODS = ("return_days", "exchange_days", "whole_unit_months", "whole_unit_km", "sanbao_months", "sanbao_km",
           "main_parts_months", "main_parts_km", "parts_years")


@dataclass(frozen=True)
class Minimum:
    value: int
    rule: str  # the rule's name, e.g. 《部分商品修理更换退货责任规定》
    source: str
    confidence: str


@dataclass(frozen=True)
class StatutoryTable:
    rules: dict
    categories: dict

    def governing_rule(self, category: str) -> Optional[str]:
        """The key of the 三包 rule whose catalogue holds the category (its first rule), or None
        for goods outside every catalogue (the consumer law alone applies to them)."""
        rules = self.categories.get(category, {}).get("rules") or ()
        return rules[0] if rules else None

    def minimums(self, category: str) -> dict[str, Minimum]:
        """The highest minimum of every applicable rule, per period; the category's own periods
        are the governing rule's."""
        entry = self.categories.get(category, {})
        names = ["consumer_law", *entry.get("rules", [])]
        found: dict[str, Minimum] = {}
        for name in names:
            rule = self.rules[name]
            for period in PERIODS:
                if period in rule:
                    self._keep(found, period, Minimum(int(rule[period]), rule["name"], rule["source"],
                                                      rule.get("confidence", "medium")))
        main_rule = self.rules[self.governing_rule(category) or "consumer_law"]
        for period in PERIODS:
            if period in entry:
                self._keep(found, period, Minimum(int(entry[period]), main_rule["name"], main_rule["source"],
                                                  entry.get("confidence", main_rule.get("confidence", "medium"))))
        return found

    def wear_parts(self, category: str) -> dict[str, Minimum]:
        entry = self.categories.get(category, {})
        out: dict[str, Minimum] = {}
        for name in entry.get("rules", []):
            rule = self.rules[name]
            for part, months in (rule.get("wear_parts") or {}).items():
                out[part] = Minimum(int(months), rule["name"], rule["source"], rule.get("confidence", "medium"))
        return out

    @staticmethod
    def _keep(found: dict, period: str, candidate: Minimum) -> None:
        if period not in found or candidate.value > found[period].value:
            found[period] = candidate


def load_statutory(path: str | Path | None = None) -> StatutoryTable:
    path = Path(path) if path else BUILTIN
    src = load_yaml(path.read_bytes(), str(path))
    return StatutoryTable(rules=src.data["rules"], categories=src.data["categories"])
