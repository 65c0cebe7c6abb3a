"""The GB/T 27922 readiness rules (`sskit check`).

Each rule is a small function registered with a stable id, a severity and the
clause it protects. It receives a `Context` and yields `(path, message, hint)`
tuples; the path is the profile location the finding points at. Rules read
the validated model and never raise.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator

from sskit.profile import vocab
from sskit.profile.model import Profile
from sskit.standard import ClauseCatalogue
from sskit.standard.statutory import StatutoryTable
from sskit.view.common import months_text
from sskit.view.matrix import OWNER, responsibility_matrix
from sskit.view.training import ROLE_FUNCTIONS

Hit = tuple  # (profile path, message, hint[, clause id when the rule covers many clauses])


@dataclass(frozen=True)
class Context:
    profile: Profile
    catalogue: ClauseCatalogue
    statutory: StatutoryTable


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # error | warning | info
    clause: str  # clause id in the catalogue ("" when none applies)
    title: str
    check: Callable[[Context], Iterator[Hit]] = field(compare=False)


RULES: list[Rule] = []


def rule(rule_id: str, severity: str, clause: str, title: str):
    def register(fn):
        RULES.append(Rule(rule_id, severity, clause, title, fn))
        return fn
    return register


def _dept_index(profile: Profile) -> dict[str, int]:
    return {d.id: i for i, d in enumerate(profile.departments)}


# --------------------------------------------------------------------------- organisation

@rule("SS101", "error", "", "every clause has an owning department")
def clause_owner(ctx: Context):
    for row in responsibility_matrix(ctx.profile, ctx.catalogue):
        if OWNER not in row.marks:
            functions = "、".join(vocab.FUNCTIONS[f] for f in row.clause.owners)
            codes = ", ".join(row.clause.owners)
            yield (("departments",), f"clause {row.clause.label} {row.clause.title} has no owning department",
                   f"give a department one of the functions {codes} ({functions})", row.clause.id)


@rule("SS102", "warning", "5.1", "the service head reports directly to the top manager")
def head_reports_to_top(ctx: Context):
    head = ctx.profile.service_head
    if head.reports_to != "top_manager":
        name = next((d.name for d in ctx.profile.departments if d.id == head.reports_to), head.reports_to)
        yield (("service_head", "reports_to"),
               f"the service head {head.name} reports to {name}, not to the top manager",
               "set reports_to: top_manager; the 管理者代表 needs authority above the departments involved")


@rule("SS103", "warning", "5.1.1", "the service function is not buried under sales")
def service_under_sales(ctx: Context):
    depts = {d.id: d for d in ctx.profile.departments}
    index = _dept_index(ctx.profile)
    for dept in ctx.profile.departments:
        parent = depts.get(dept.parent or "")
        if parent and "service_management" in dept.functions and "sales" in parent.functions:
            yield (("departments", index[dept.id], "parent"),
                   f"the service department {dept.name} sits under the sales department {parent.name}",
                   "auditors expect service parallel to sales, so sales targets do not override service "
                   "commitments; move it under the top manager")


@rule("SS104", "warning", "5.1.2.2", "certified 售后服务管理师 are on staff")
def certified_managers(ctx: Context):
    company = ctx.profile.company
    managers = sum(d.staff or 0 for d in ctx.profile.departments if "service_management" in d.functions)
    needed = max(1, -(-managers // 10))
    have = company.certified_service_managers or 0
    if have < needed:
        yield (("company", "certified_service_managers") if company.certified_service_managers is not None
               else ("company",),
               f"{have} certified 售后服务管理师 on staff; at least {needed} needed "
               f"(10% of {managers} service-management staff, at least one)",
               "record certified_service_managers under company once staff hold the certificate")


# --------------------------------------------------------------------------- warranty (三包)

def _below(ctx: Context, path: tuple, what: str, value, minimum, unit: str):
    shown = months_text(value) if unit == "months" else f"{value}{unit}"
    needed = months_text(minimum.value) if unit == "months" else f"{minimum.value}{unit}"
    return (path, f"{what} is {shown}, below the statutory minimum of {needed} ({minimum.rule})",
            f"raise it to at least {needed}; source: {minimum.source}")


@rule("SS201", "error", "5.2.5", "warranty terms meet the statutory 三包 minimums")
def warranty_minimums(ctx: Context):
    for i, product in enumerate(ctx.profile.products):
        mins = ctx.statutory.minimums(product.category)
        w = product.warranty
        base = ("products", i, "warranty")
        checks = [("return_days", w.return_days, f"{product.name}: return period", "天"),
                  ("exchange_days", w.exchange_days, f"{product.name}: exchange period", "天"),
                  ("whole_unit_months", w.whole_unit_months, f"{product.name}: whole-unit warranty", "months")]
        for period, value, what, unit in checks:
            if period in mins and value < mins[period].value:
                yield _below(ctx, base + (period,), what, value, mins[period], unit)
        if "main_parts_months" in mins:
            if not w.main_parts:
                yield (base, f"{product.name}: no main parts with their warranty are stated; "
                       f"{mins['main_parts_months'].rule} sets {months_text(mins['main_parts_months'].value)} for them",
                       "list the main parts (e.g. 压缩机) under warranty.main_parts")
            for j, part in enumerate(w.main_parts):
                if part.months < mins["main_parts_months"].value:
                    yield _below(ctx, base + ("main_parts", j, "months"), f"{product.name}: {part.name} warranty",
                                 part.months, mins["main_parts_months"], "months")
        wear = ctx.statutory.wear_parts(product.category)
        for j, part in enumerate(w.wear_parts):
            minimum = wear.get(part.name)
            if minimum and part.months < minimum.value:
                yield _below(ctx, base + ("wear_parts", j, "months"), f"{product.name}: {part.name} warranty",
                             part.months, minimum, "months")


@rule("SS202", "error", "5.2.5", "household cars: 包修期 and 三包有效期 in years and kilometres")
def car_periods(ctx: Context):
    for i, product in enumerate(ctx.profile.products):
        if product.category != "household_car":
            continue
        mins = ctx.statutory.minimums("household_car")
        w = product.warranty
        base = ("products", i, "warranty")
        if w.whole_unit_km is None:
            yield (base + ("whole_unit_months",), f"{product.name}: 包修期 has no mileage",
                   f"add whole_unit_km (at least {mins['whole_unit_km'].value} km, {mins['whole_unit_km'].rule})")
        elif w.whole_unit_km < mins["whole_unit_km"].value:
            yield _below(ctx, base + ("whole_unit_km",), f"{product.name}: 包修期 mileage", w.whole_unit_km,
                         mins["whole_unit_km"], "公里")
        if w.sanbao_months is None:
            yield (base, f"{product.name}: no 三包有效期 stated",
                   f"add sanbao_months and sanbao_km (at least {months_text(mins['sanbao_months'].value)} or "
                   f"{mins['sanbao_km'].value} km, {mins['sanbao_months'].rule})")
            continue
        if w.sanbao_months < mins["sanbao_months"].value:
            yield _below(ctx, base + ("sanbao_months",), f"{product.name}: 三包有效期", w.sanbao_months,
                         mins["sanbao_months"], "months")
        if w.sanbao_km is None or w.sanbao_km < mins["sanbao_km"].value:
            if w.sanbao_km is None:
                yield (base + ("sanbao_months",), f"{product.name}: 三包有效期 has no mileage",
                       f"add sanbao_km (at least {mins['sanbao_km'].value} km)")
            else:
                yield _below(ctx, base + ("sanbao_km",), f"{product.name}: 三包有效期 mileage", w.sanbao_km,
                             mins["sanbao_km"], "公里")


@rule("SS203", "error", "5.2.5", "spare parts are kept at least as long as the law requires")
def parts_retention(ctx: Context):
    years = ctx.profile.commitments.parts_retention_years
    for product in ctx.profile.products:
        minimum = ctx.statutory.minimums(product.category).get("parts_years")
        if minimum and years < minimum.value:
            yield (("commitments", "parts_retention_years"),
                   f"spare parts are kept {years} years after production ends; {minimum.rule} requires "
                   f"{minimum.value} years for {product.name}",
                   f"set parts_retention_years to at least {minimum.value}")
            return


# --------------------------------------------------------------------------- commitments

@rule("SS301", "error", "5.1.7", "commitments do not contradict each other")
def contradictions(ctx: Context):
    c = ctx.profile.commitments
    for i, area in enumerate(c.onsite):
        if area.hours < c.response_hours:
            yield (("commitments", "onsite", i, "hours"),
                   f"on-site time for {area.area} ({area.hours:g} h) is shorter than the response time "
                   f"({c.response_hours:g} h)",
                   "the technician cannot be on site before the request is answered; raise the on-site hours")
    if c.complaint_resolution_days * 24 < c.complaint_response_hours:
        yield (("commitments", "complaint_resolution_days"),
               f"complaints are to be resolved in {c.complaint_resolution_days:g} days but only answered within "
               f"{c.complaint_response_hours:g} hours",
               "the resolution time limit must be longer than the first response")
    if c.callback_days < c.repair_days:
        yield (("commitments", "callback_days"),
               f"the callback ({c.callback_days:g} days) is due before a repair may be finished "
               f"({c.repair_days:g} days)",
               "count the callback from completion, or make it at least as long as the repair turnaround")


@rule("SS302", "warning", "5.3.1", "customers can reach the company outside the hotline")
def channels(ctx: Context):
    if not ctx.profile.commitments.online_channels:
        yield (("commitments",), "no online service channel is stated besides the hotline",
               "add online_channels (微信公众号, 官网在线客服 ...) as auditors look for several channels")


@rule("SS303", "warning", "5.2.6", "take-back of scrapped products is arranged")
def take_back(ctx: Context):
    if not ctx.profile.commitments.take_back:
        yield (("commitments",), "no take-back arrangement for scrapped products is stated",
               "describe commitments.take_back (回收渠道, 处理单位)")


@rule("SS304", "warning", "5.1.4", "the fee schedule is published with prices")
def fee_items(ctx: Context):
    if not ctx.profile.commitments.fees.items and not any(p.parts for p in ctx.profile.products):
        yield (("commitments", "fees"), "no service fees or spare-part prices are listed for publication",
                   "add commitments.fees.items or products[].parts so the 收费标准公示表 has prices")


# --------------------------------------------------------------------------- outlets

@rule("SS401", "error", "5.1.1.2", "every product category sold is served by an outlet")
def categories_served(ctx: Context):
    served = {c for o in ctx.profile.outlets for c in o.categories}
    for i, product in enumerate(ctx.profile.products):
        if product.category not in served:
            label = vocab.CATEGORIES[product.category]["label"]
            yield (("products", i, "category"), f"no outlet serves {label} ({product.name})",
                   f"add '{product.category}' to the categories of the outlets that repair it")


@rule("SS402", "error", "5.1.1.2", "every sales province has an outlet or a remote-service arrangement")
def provinces_covered(ctx: Context):
    company = ctx.profile.company
    have = {o.province for o in ctx.profile.outlets} | {r.province for r in ctx.profile.commitments.remote_service}
    for i, province in enumerate(company.sales_regions):
        if province not in have:
            yield (("company", "sales_regions", i), f"{province} has no outlet and no remote-service arrangement",
                   "open an outlet there or add commitments.remote_service for it")


@rule("SS403", "warning", "5.1.1.2", "outlets are staffed and contracted")
def outlet_details(ctx: Context):
    for i, outlet in enumerate(ctx.profile.outlets):
        if outlet.technicians == 0:
            yield (("outlets", i, "technicians"), f"outlet {outlet.name} has no technicians",
                   "an outlet without technicians cannot repair; record its staff or remove it")
        if outlet.kind != "直营" and outlet.contract is None:
            yield (("outlets", i), f"{outlet.kind} outlet {outlet.name} has no contract on record",
                   "add contract: {number, start, end}; auditors ask for the agreement")


# --------------------------------------------------------------------------- training

FRONTLINE_ROLES = ("customer_service", "technician", "installer", "delivery")


@rule("SS501", "warning", "5.1.3.2a", "training covers every customer-facing role and outlet kind")
def training_coverage(ctx: Context):
    profile = ctx.profile
    funcs = {f for d in profile.departments for f in d.functions}
    hours = profile.training.hours_per_role
    for role in FRONTLINE_ROLES:
        if set(ROLE_FUNCTIONS[role]) & funcs and role not in hours:
            yield (("training", "hours_per_role"), f"no annual training hours set for {vocab.ROLES[role]} ({role})",
                   f"add {role}: HOURS to training.hours_per_role")
    if any(o.kind != "直营" for o in profile.outlets) and "outlet_staff" not in hours:
        yield (("training", "hours_per_role"), "franchised or third-party outlets exist but outlet_staff has no "
               "training hours", "add outlet_staff: HOURS to training.hours_per_role")


@rule("SS502", "warning", "5.1.3.2b", "service-culture training reaches all staff")
def culture_training(ctx: Context):
    if "all_staff" not in ctx.profile.training.hours_per_role:
        yield (("training", "hours_per_role"), "no training hours for all staff, so service-culture training "
               "reaches only some roles", "add all_staff: HOURS to training.hours_per_role")


@rule("SS503", "warning", "5.1.3.2c", "incentive and care mechanisms are described")
def incentives(ctx: Context):
    t = ctx.profile.training
    if not t.incentives:
        yield (("training",), "no appraisal, reward or promotion mechanism is described",
               "list them under training.incentives")
    if not t.employee_care:
        yield (("training",), "no employee-care measure is described", "list them under training.employee_care")


# --------------------------------------------------------------------------- documents

@rule("SS601", "error", "5.1.4", "the manual is approved by the top manager")
def approver(ctx: Context):
    dc, top = ctx.profile.document_control, ctx.profile.company.top_manager
    if dc.approved_by != top.name:
        yield (("document_control", "approved_by"),
               f"the manual is approved by {dc.approved_by}, not by the top manager {top.name}",
               "the 售后服务手册 is issued by top management; set approved_by to the top manager")


@rule("SS602", "warning", "5.1.4", "drafting and review are done by different people")
def four_eyes(ctx: Context):
    dc = ctx.profile.document_control
    if dc.drafted_by == dc.reviewed_by:
        yield (("document_control", "reviewed_by"), f"{dc.drafted_by} both drafts and reviews the documents",
               "name a different reviewer")
