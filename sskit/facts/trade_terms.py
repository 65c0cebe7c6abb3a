"""Facts stage: the company's service trades -> TradeTerms, the words its documents use for
the customer, the field base and the rules maintenance follows, and what an emergency is in
its trades (sskit/standard/trades.yaml). Templates read facts.terms; none decides by trade.

A trade without data gets the neutral `default` block: no elevator wording, no period that
is statutory only for another trade. Likewise the goods it sells -> GoodsTerms (facts.goods_terms):
appliances, or goods installed into the home without power, each with their own words."""
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


@dataclass(frozen=True)
class InstallWords:
    """What the installation procedure (CX-02) says of the goods installed: the flow's steps and the
    survey, safety and check lists that come before and after the lines of particular categories."""
    result: str  # 一次调试合格 | 一次验收合格
    survey_step: str
    unpack_step: str
    test_name: str  # 调试检验 | 安装检验
    test_step: str
    survey: tuple[str, ...]
    survey_after: tuple[str, ...]
    safety: tuple[str, ...]
    checks: tuple[str, ...]
    checks_after: tuple[str, ...]
    extras: str  # 加长管路、专用支架… (附加服务)
    test_intro: str
    handover: str
    record: tuple[str, ...] = ()  # the result's check boxes on the 上门服务确认单 (运行正常…)
    scheduled: bool = False  # installed to the purchase contract's schedule (基础验收…验收签字), not on call
    place_step: str = ""  # (scheduled) the flow's 吊装就位 requirement
    conduct: str = ""  # (scheduled) the installers' conduct on the customer's site

    @property
    def commissioned(self) -> bool:
        """The goods are run and adjusted after installation (调试), not only inspected (检验)."""
        return self.test_name == "调试检验"


@dataclass(frozen=True)
class GoodsTerms:
    """The words of the goods a company sells (trades.yaml `goods`): appliances, goods installed
    into the home without power (fitted furniture, doors and windows, sanitary ware), or industrial
    equipment shipped by freight and installed to the purchase contract's schedule."""
    fault: str  # 性能故障 | 质量问题 (…包退期, …包换期)
    identity: str  # 机身编号 | 订单编号
    relocation: str  # 移机 | 拆装移位
    verify: str  # the check after a repair
    check: str  # that check in a word: 试机 | 复装检查 | 放水检查
    carry_in: bool  # goods may be taken to an outlet for repair
    remake: str  # how a part that cannot be repaired on site is replaced ("" when goods are carried in)
    install: InstallWords
    off_site: tuple[str, str] = ("", "")  # the repair flow's step when not repaired on site: (送修, its requirement)
    kinds: tuple[str, ...] = ()  # the kinds of its goods (trades.yaml goods.kinds keys; "default" for appliances)
    freight: bool = False  # shipped by a freight carrier and unloaded by lifting under the contract's terms
    precision: bool = False  # machines accepted and checked by their precision (精度检验, the file's 精度检测)

    @property
    def appliances(self) -> bool:
        """Some of its goods are appliances (tested by running them, wired, plumbed or gas-fitted)."""
        return "default" in self.kinds


def _kind_of(category: str, kinds: dict) -> str:
    return next((key for key, row in kinds.items() if category in row["categories"]), "default")


def _install_words(rows: list[dict]) -> InstallWords:
    """One kind's words, or those of several kinds together: the lists one after another, the
    steps joined, the words of appliances (listed first) where only one can stand."""
    first = rows[0]["install"]
    blocks = [r["install"] for r in rows]
    joined = lambda key, sep: sep.join(dict.fromkeys(_text(b[key]) for b in blocks))  # noqa: E731
    listed = lambda key: tuple(dict.fromkeys(_text(x) for b in blocks for x in b[key]))  # noqa: E731
    return InstallWords(
        result=_text(first["result"]), survey_step=joined("survey_step", "；"),
        unpack_step=joined("unpack_step", "；"), test_name=_text(first["test_name"]),
        test_step=joined("test_step", "；"), survey=listed("survey"), survey_after=listed("survey_after"),
        safety=listed("safety"), checks=listed("checks"), checks_after=listed("checks_after"),
        extras=joined("extras", "、"), test_intro=_text(first["test_intro"]), handover=_text(first["handover"]),
        record=listed("record"), scheduled=bool(first.get("scheduled", False)),
        place_step=_text(first.get("place_step", "")), conduct=_text(first.get("conduct", "")))


@lru_cache(maxsize=None)
def goods_terms(categories: tuple[str, ...], installed: tuple[str, ...] = ()) -> GoodsTerms:
    """The words of a company whose goods are of `categories` (profile order, household cars left
    out) and which installs those of `installed`: the words of goods installed without power only
    when all its goods are such goods (its appliances keep theirs), except the warranty tables'
    质量问题 which covers both; the installation lists of every kind it installs, appliances first."""
    from sskit.standard import load_data

    data = load_data("trades")["goods"]
    kinds = data["kinds"]
    own = tuple(dict.fromkeys(_kind_of(c, kinds) for c in categories))
    row = lambda key: data["default"] if key == "default" else kinds[key]  # noqa: E731
    words = row(own[0]) if own and "default" not in own else data["default"]
    fitted = tuple(dict.fromkeys(_kind_of(c, kinds) for c in installed))
    fitted = tuple(sorted(fitted, key=lambda k: k != "default")) or ("default",)
    # one warranty table for all lines: 质量问题 covers the 性能故障 of appliances, not the reverse
    fault = next((row(k)["fault"] for k in own if k != "default"), words["fault"])
    return GoodsTerms(
        fault=_text(fault), identity=_text(words["identity"]), relocation=_text(words["relocation"]),
        verify=_text(words["verify"]), check=_text(words["check"]), carry_in=bool(words["carry_in"]), remake=_text(words["remake"]),
        install=_install_words([row(k) for k in fitted]), kinds=own, freight=bool(words.get("freight", False)),
        precision=any(bool(row(k).get("precision", False)) for k in own),
        off_site=(_text(words["off_site"]["name"]), _text(words["off_site"]["step"])))
