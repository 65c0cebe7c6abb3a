"""Stage 2 (facts): whether the company runs returns and exchanges as a procedure of its own.

Takes the validated profile; returns a bool. A seller that sells at a distance (online, TV,
phone, mail: the 7-day no-reason return of 消费者权益保护法 Art. 25) or keeps an outlet for
returns (退换货) handles returns as its own work, with its own procedure and register. A
company that sells nothing (a pure service company) never does, nor one whose goods the law all
excludes from the no-reason return (定作 etc.) and which keeps no returns outlet: its 三包 returns
stay in the repair procedure (finding a24-1). Nor does one that sells only to businesses (company.customers):
their returns follow the contract, handled in the repair procedure.
"""
from __future__ import annotations

from sskit.facts.customers import customers_of
from sskit.profile import vocab

_RETURN_WORDS = ("退换货", "退货")


def returns_centres(profile) -> tuple[str, ...]:
    """The outlets that receive returned goods (their name or service area says 退换货 / 退货)."""
    return tuple(o.name for o in profile.outlets
                 if any(word in text for text in (o.name, o.service_area or "") for word in _RETURN_WORDS))


def takes_returns(profile) -> bool:
    if not profile.products:
        return False
    if returns_centres(profile):
        return True
    if all(p.return_exclusion for p in profile.products):
        return False
    if customers_of(profile).business_only:  # Art. 25 protects consumers; a contract governs returns
        return False
    return bool(set(profile.company.sales_channels) & set(vocab.DISTANCE_CHANNELS))
