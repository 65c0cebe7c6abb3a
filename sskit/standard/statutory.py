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


# the day the rules' own words count from, where the 三包 period starts at the invoice (the default)
_LAW_DAYS = {"sold": "售出之日", "invoiced": "开具发票之日"}


def counted_from(start: str) -> dict[str, str]:
    """The days the rights of rights.yaml count from, given the 三包 period's start as facts word it
    ("自交付之日起计算"): {sold} for the 7- and 15-day periods (the law's 售出之日), {invoiced} for
    depreciation (the law's 开具发票之日). With the default start the law's words stand; a later
    start (delivery, installation) moves every period with it, so none runs out before the goods
    arrive (finding a24-2); product lines that start differently count from each one's own start."""
    if not (start.startswith("自") and start.endswith("之日起计算")):
        return {key: "三包有效期起算之日" for key in _LAW_DAYS}
    day = start[1:-len("起计算")]
    if day == _LAW_DAYS["invoiced"]:
        return dict(_LAW_DAYS)
    return {key: day for key in _LAW_DAYS}


def rights_fill(start: str, early_window: str, fault: str) -> dict[str, str]:
    """The values rights.yaml's placeholders take: {start} the 三包 period's start, {sold} and
    {invoiced} the days its periods count from, {early_window} the car rule's first window and
    {fault} what a return or exchange is for (facts.goods_terms.fault: 性能故障 | 质量问题)."""
    return {"start": start, "early_window": early_window, "fault": fault, **counted_from(start)}
