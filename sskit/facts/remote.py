"""Stage 2 (facts): service at a distance — the areas without an outlet and how goods travel.

Takes the validated profile and the derived time limits; returns frozen facts the
views and templates read:

- the areas without an outlet (commitments.remote_service), grouped by arrangement, so
  that 29 provinces served alike are one sentence, not 29;
- which of them are served by mail-in repair only (寄修: no on-site limit, the
  arrangement sends the goods in), with the turnaround, freight and centre the profile
  states (never a figure it does not state: `turnaround` is then "" and a check asks);
- which goods are delivered by courier rather than by the company's own vehicles.

A company whose outlets are not places customers go is served at a distance everywhere: it
sells only at a distance (online, TV, phone, mail) and the brands' networks repair all its
goods, so its outlets can only be back-office centres (退换货处理中心 in a warehouse) that
receive goods by courier. Its one remote arrangement then covers the whole country (finding
a24-4): the centres' own provinces are not left without one. The centre the arrangement
calls 寄修中心 is named (the outlet that says 寄修, else the company's returns centres), the
repair promise has that one clock (a24-5), and the commitments are published where such a
company meets its customers: its website and the pages the profile names (a24-15).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from sskit.facts.model import AreaLimit
from sskit.facts.returns import returns_centres
from sskit.phrasing import regions_named, regions_text, sentence
from sskit.profile import vocab

# an arrangement that sends the goods in (寄修) rather than a technician out
_MAIL_WORDS = ("寄修", "寄回", "邮寄", "寄送", "快递")
# a turnaround the arrangement states: 收到商品后3日内修复并寄回, 5个工作日内
_TURNAROUND = re.compile(r"(\d+(?:\.\d+)?)\s*(个工作日|个自然日|日|天)内")
# a sentence names at most this many provinces in full (more: 北京市、天津市等29个省…)
_NAMED_IN_FULL = 3
_CLAUSE = re.compile(r"[，,；;。]")
_FREIGHT = re.compile("运费")
# a clause that says the area has no outlet (本地区不设服务网点): untrue of an arrangement for the whole country
_NO_OUTLET = re.compile(r"[^。；，,;]*(?:不设|未设)[^。；，,;]*网点[。；，,;]?")
_CENTRE_WORD = "寄修中心"
NATIONWIDE = "全国"


@dataclass(frozen=True)
class RemoteGroup:
    """Provinces without an outlet that share one arrangement and the same on-site limits."""
    provinces: tuple[str, ...]
    named: str  # 北京市、天津市等29个省（自治区、直辖市） / 江西省
    abridged: bool  # `named` names only some of the provinces (the full list is printed elsewhere)
    count: str  # 29个省（自治区、直辖市）
    arrangement: str  # the profile's text, ending with 。
    limits: tuple[AreaLimit, ...]  # on-site limits stated for these provinces (the 例外时限)
    mail_in: bool  # served by mail-in repair only: no on-site limit, goods sent in
    turnaround: str  # 寄修中心收到商品后3日内修复并寄回 ("" when the arrangement states none)
    turnaround_days: str  # "3" ("" when none)
    turnaround_unit: str  # 日 | 天 | 个工作日
    freight: str  # 公司承担往返运费 ("" when the arrangement does not say)

    @property
    def limits_text(self) -> str:
        """南昌、九江城区受理报修后48小时内上门，其他地区受理报修后120小时内上门 ("" when none)."""
        return "，".join(a.area + a.text for a in self.limits)

    @property
    def text(self) -> str:
        """The promise for these provinces as one sentence: the limits, then the arrangement."""
        return (self.limits_text + "。" if self.limits else "") + self.arrangement


@dataclass(frozen=True)
class Remote:
    groups: tuple[RemoteGroup, ...]
    provinces: tuple[str, ...]  # every province without an outlet, in the profile's order
    named: str  # all of them, named as a sentence does
    centre: str  # the outlet that receives mail-in repairs ("" when no outlet says so)
    # the outlets are back-office centres and the one arrangement serves the whole country:
    # `groups` is that one group, named 全国 (the provinces still list those without an outlet)
    nationwide: bool = False
    centre_term: str = ""  # who the 寄修中心 is, as the texts name it ("" when not decided)
    publicity: str = ""  # where a back-office company publishes its commitments ("": the default places)

    @property
    def mail_in(self) -> tuple[RemoteGroup, ...]:
        return tuple(g for g in self.groups if g.mail_in)

    @property
    def with_limits(self) -> tuple[RemoteGroup, ...]:
        return tuple(g for g in self.groups if g.limits)

    @property
    def without_limits(self) -> tuple[RemoteGroup, ...]:
        return tuple(g for g in self.groups if not g.limits)

    @property
    def mail_in_provinces(self) -> tuple[str, ...]:
        return tuple(p for g in self.mail_in for p in g.provinces)


def _clause(text: str, pattern: re.Pattern) -> tuple[str, Optional[re.Match]]:
    """The first clause of `text` (split at ，；。) that `pattern` finds, and the match."""
    for part in _CLAUSE.split(text):
        match = pattern.search(part)
        if match:
            return part.strip(), match
    return "", None


def _freight(text: str) -> str:
    """Who pays the freight, as the arrangement states it: the clause that names 运费 and the
    clauses right after it that go on about who bears it (保修期内往返运费由公司承担，保修期外由顾客承担)."""
    parts = [p.strip() for p in text.replace("。", "；").split("；")]
    for part in parts:
        pieces = [c.strip() for c in re.split(r"[，,]", part)]
        for i, piece in enumerate(pieces):
            if _FREIGHT.search(piece):
                said = [piece]
                for more in pieces[i + 1:]:
                    if "承担" not in more or _TURNAROUND.search(more):
                        break
                    said.append(more)
                return "，".join(said)
    return ""


def _is_mail_in(arrangement: str, limits: tuple) -> bool:
    return not limits and any(w in arrangement for w in _MAIL_WORDS)


def _group(provinces: list[str], arrangement: str, limits: tuple[AreaLimit, ...]) -> RemoteGroup:
    mail_in = _is_mail_in(arrangement, limits)
    turnaround, match = _clause(arrangement, _TURNAROUND) if mail_in else ("", None)
    freight = _freight(arrangement)
    return RemoteGroup(
        provinces=tuple(provinces), named=regions_named(provinces, _NAMED_IN_FULL),
        abridged=len(provinces) > _NAMED_IN_FULL, count=regions_text(provinces),
        arrangement=sentence(arrangement), limits=limits, mail_in=mail_in,
        turnaround=turnaround, turnaround_days=match[1] if match else "",
        turnaround_unit=match[2] if match else "", freight=freight)


def has_mail_in(profile) -> bool:
    """Some area without an outlet is served by mail-in repair only (a trait: the data files
    condition the 寄修 scenario and audit question on it); the same test as the groups'."""
    return any(_is_mail_in(r.arrangement, tuple(r.onsite)) for r in profile.commitments.remote_service)


def mail_in_centre(profile) -> str:
    """The outlet that receives goods sent in for repair: the one whose name or service
    area says 寄修 (the first such), else ""."""
    for outlet in profile.outlets:
        if "寄修" in outlet.name or "寄修" in (outlet.service_area or ""):
            return outlet.name
    return ""


def back_office(profile) -> bool:
    """The company's outlets are not places customers go: it sells only at a distance and
    the brands' networks repair every line it sells, so every customer is served by courier
    and its outlets receive goods, not people (the profile has no field for this: decided
    here from the channels and products the profile states)."""
    channels = set(profile.company.sales_channels)
    return (bool(profile.outlets) and bool(profile.products) and bool(channels)
            and channels <= set(vocab.DISTANCE_CHANNELS)
            and all(p.repair_network is not None for p in profile.products))


def _centre_term(profile) -> str:
    """Who a back-office company's 寄修中心 is: the outlet that says 寄修, else its returns
    centre (named when it has one; several are "本公司退换货处理中心": whichever the goods
    were sent to, as the arrangement says)."""
    named = mail_in_centre(profile)
    if named:
        return named
    centres = returns_centres(profile)
    if len(centres) == 1:
        return centres[0]
    return "本公司退换货处理中心" if centres else ""


def _publicity(profile) -> str:
    """Where a company met only at a distance publishes its commitments: its website and the
    pages the profile names for its fees (fees.publicity: App及各店铺"售后政策"页面). It has
    no 销售合同 or 服务网点 a customer reads."""
    places = (["官方网站"] if profile.company.website else []) + list(profile.commitments.fees.publicity)
    return "、".join(dict.fromkeys(places))


def _nationwide(group: RemoteGroup, term: str) -> RemoteGroup:
    """The one arrangement, stated for the whole country: named 全国, without the clause that
    says the area has no outlet, and with 寄修中心 named. Its `provinces` stay those of the
    profile's entry (the checks locate and count them); the centres' provinces are served alike."""
    def named(text: str) -> str:
        return text.replace(_CENTRE_WORD, term) if term else text
    arrangement = sentence(_NO_OUTLET.sub("", group.arrangement).strip()) or group.arrangement
    return replace(group, named=NATIONWIDE, abridged=False, count=NATIONWIDE,
                   arrangement=named(arrangement), turnaround=named(group.turnaround))


def one_repair_clock(limits, remote: Remote):
    """The limits with the repair promise a nationwide mail-in company can keep and measure:
    from the centre's receipt of the goods (客户商品进出登记簿), the arrangement's days, instead
    of a second clock from the request (a24-5). Other companies' limits are returned as they are."""
    group = remote.groups[0] if remote.nationwide else None
    if group is None or not group.turnaround_days or not remote.centre_term:
        return limits
    return replace(limits, repair=f"代为寄修的商品自{remote.centre_term}收到之日起"
                                  f"{group.turnaround_days}{group.turnaround_unit}内修复并寄回")


def remote_service(profile, exceptions) -> Remote:
    """The areas without an outlet, grouped: provinces whose arrangement text (ignoring a
    final 。) and on-site limits are the same form one group, in the order the profile
    first names them. `exceptions` are the facts' Limits.exceptions (one per entry); an entry
    may name several provinces (provinces: [...]), each of which it covers."""
    groups: dict[tuple, list[str]] = {}
    first: dict[tuple, tuple] = {}
    entries = profile.commitments.remote_service
    # one exception per entry names a list entry's provinces through the entry; one per province names its own
    aligned = len(entries) == len(exceptions)
    for i, x in enumerate(exceptions):
        key = (sentence(x.arrangement), tuple((a.area, a.hours, a.kind, a.start) for a in x.limits))
        groups.setdefault(key, [])
        for province in (entries[i].names if aligned and x.province is None else (x.province,)):
            if province not in groups[key]:
                groups[key].append(province)
        first.setdefault(key, x.limits)
    out = tuple(_group(provinces, key[0], first[key]) for key, provinces in groups.items())
    provinces = [p for g in out for p in g.provinces]
    named = regions_named(provinces, _NAMED_IN_FULL) if provinces else ""
    office = back_office(profile)
    publicity = _publicity(profile) if office else ""
    if office and len(out) == 1 and out[0].mail_in:
        term = _centre_term(profile)
        return Remote((_nationwide(out[0], term),), tuple(provinces), named,
                      mail_in_centre(profile), nationwide=True, centre_term=term, publicity=publicity)
    # back-office centres with several arrangements (or none) keep them as the profile states them
    return Remote(out, tuple(provinces), named, mail_in_centre(profile), publicity=publicity)


def courier_goods(profile) -> tuple[str, ...]:
    """Names of the goods the company sends by courier (快递) rather than delivering with its
    own vehicles: delivered goods that are not installed and not cars, of a company that
    sells at a distance and keeps no shop of its own. A company with shops or installers
    delivers with its own vehicles and people, as the delivery procedure has always said."""
    channels = set(profile.company.sales_channels)
    if "store" in channels or not channels & {"online", "tv", "phone", "mail"}:
        return ()
    return tuple(p.name for p in profile.products
                 if p.delivery and not p.installation_required and p.category != "household_car")
