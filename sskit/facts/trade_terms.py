"""Facts stage: the company's service trades -> TradeTerms, the words its documents use for
the customer, the field base and the rules maintenance follows, and what an emergency is in
its trades (sskit/standard/trades.yaml). Templates read facts.terms; none decides by trade.

A trade without data gets the neutral `default` block: no elevator wording, no period that
is statutory only for another trade."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sskit.profile.fields import join_folded


@dataclass(frozen=True)
class EmergencyRecord:
    """The columns and codes of the 应急救援记录 that differ by trade."""
    count: str  # 被困<br>人数
    count_note: str  # how that column is filled
    finish: str  # 解救完成<br>时间
    outcomes: str  # the codes of the 处置结果 column


@dataclass(frozen=True)
class EmergencyTerms:
    """What an emergency (紧急救援) is in the company's trades and how it is handled on site."""
    urgent: str  # 人员被困 (…等紧急情况)
    hazards: tuple[str, ...]  # 电梯困人 (涉及人身安全的报修)
    situations: str  # 电梯困人、轿厢意外移动…
    goal: str  # 安全、迅速地解救被困人员、消除危险
    affected: str  # 被困人员
    ask: str  # 被困人数和人员状况
    intake: str  # 被困人数、被困人员中有无老人…
    reassure: str
    act: str  # 解救 | 应急处置
    act_heading: str  # 现场解救 | 现场处置
    act_step: str
    arrival: str  # "" or a clause ending in ，
    method: tuple[str, ...]
    aftercare: str
    done: str  # 解救完成后 | 险情控制后
    after: str  # 被困人员解救后 | 险情控制后
    record: EmergencyRecord


@dataclass(frozen=True)
class TradeTerms:
    client: str  # 使用单位 | 顾客 (running text)
    client_unit: str  # 使用单位 | 业主单位 | 顾客 (a form's column, 签字确认)
    client_contact: str  # 安全管理人员 | 设备管理人员 | 现场负责人
    site: str  # 维保站 | 服务网点
    norms: str  # 安全技术规范 | 国家和行业标准
    emergency: EmergencyTerms


def _text(value) -> str:
    return join_folded(str(value)).strip()


def _emergency(block: dict) -> EmergencyTerms:
    record = block["record"]
    fields = {k: _text(v) for k, v in block.items() if k not in ("method", "hazards", "record")}
    return EmergencyTerms(**fields, method=tuple(_text(p) for p in block["method"]),
                          hazards=tuple(_text(h) for h in block["hazards"]),
                          record=EmergencyRecord(**{k: _text(v) for k, v in record.items()}))


@lru_cache(maxsize=None)
def trade_terms(trades: tuple[str, ...]) -> TradeTerms:
    """The terms of a company whose services belong to `trades` (codes in services order):
    each word and the emergency block from the first trade that gives it, else the default."""
    from sskit.standard import load_data

    data = load_data("trades")
    rows = [data["trades"].get(code) or {} for code in trades]
    default = data["default"]
    words = {key: next((r["terms"][key] for r in rows if key in r.get("terms", {})), value)
             for key, value in default["terms"].items()}
    emergency = next((r["emergency"] for r in rows if "emergency" in r), default["emergency"])
    return TradeTerms(**{k: _text(v) for k, v in words.items()}, emergency=_emergency(emergency))
