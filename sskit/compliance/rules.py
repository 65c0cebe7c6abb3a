"""The GB/T 27922 readiness rules (`sskit check`).

Each rule is a small function registered with a stable id, a severity and the
clause it protects. It receives a `Context` and yields `(path, message, hint)`
tuples; the path is the profile location the finding points at. Rules read
the validated model and never raise.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Iterator

from sskit.profile import vocab
from sskit.profile.model import Profile
from sskit.standard import ClauseCatalogue, load_data
from sskit.standard.statutory import StatutoryTable
from sskit.facts.rules import ACTIVITY_WORDS, PERIOD_WORDS
from sskit.phrasing import format_number, hours_text, months_text
from sskit.view.common import arrival_limits
from sskit.view.matrix import responsibility_matrix
from sskit.view.registers import post_keys, unknown_posts
from sskit.facts.management import management_staff
from sskit.view.training import MAX_COURSES_PER_TRAINER, ROLE_FUNCTIONS, build_plan

Hit = tuple  # (profile path, message, hint[, clause id when the rule covers many clauses])


@dataclass(frozen=True)
class Context:
    profile: Profile
    catalogue: ClauseCatalogue
    statutory: StatutoryTable
    facts: object  # sskit.facts.Facts

    @cached_property
    def plan(self):
        """The 年度培训计划 as the plan document builds it (SS505 and SS507 judge it), built once."""
        return build_plan(self.profile, self.facts)


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


def _remote_provinces(profile: Profile) -> set[str]:
    """Every province a commitments.remote_service entry covers (province or provinces)."""
    return {p for r in profile.commitments.remote_service for p in r.names}


# --------------------------------------------------------------------------- organisation

@rule("SS101", "error", "", "every clause has an owning department")
def clause_owner(ctx: Context):
    for row in responsibility_matrix(ctx.profile, ctx.catalogue, ctx.facts):
        if row.gap and ctx.facts.network.all and set(row.clause.owners) <= {"repair"}:
            continue  # the brands' networks repair: the company's part is receiving and forwarding (受理、代送)
        if row.gap:
            functions = "、".join(vocab.FUNCTIONS[f] for f in row.clause.owners)
            codes = ", ".join(row.clause.owners)
            yield (("departments",), f"条款{row.clause.label}“{row.clause.title}”没有主责部门",
                   f"为一个部门增加职能 {codes}（{functions}），或在 responsibilities.not_applicable 中"
                   f"声明该条款不适用并写明理由，如 '{row.clause.id}': <理由>", row.clause.id)


@rule("SS102", "warning", "5.1", "the service head reports directly to the top manager")
def head_reports_to_top(ctx: Context):
    head = ctx.profile.service_head
    if head.reports_to != "top_manager":
        name = next((d.name for d in ctx.profile.departments if d.id == head.reports_to), head.reports_to)
        yield (("service_head", "reports_to"),
               f"服务体系负责人{head.name}向{name}汇报，而不是直接向最高管理者汇报",
               "设置 reports_to: top_manager；管理者代表须有高于各相关部门的协调权")


@rule("SS103", "warning", "5.1.1", "the service function is not buried under sales")
def service_under_sales(ctx: Context):
    depts = {d.id: d for d in ctx.profile.departments}
    index = _dept_index(ctx.profile)
    for dept in ctx.profile.departments:
        parent = depts.get(dept.parent or "")
        if parent and "service_management" in dept.functions and "sales" in parent.functions:
            yield (("departments", index[dept.id], "parent"),
                   f"售后服务部门{dept.name}隶属于销售部门{parent.name}",
                   "审核通常要求服务与销售并列，避免销售指标凌驾于服务承诺之上；建议调整为直接隶属最高管理者")


@rule("SS104", "warning", "5.1.2.2", "certified 售后服务管理师 are on staff")
def certified_managers(ctx: Context):
    """The base is the management staff the company names (the 自评报告 counts them the same
    way), never a department's whole headcount."""
    company = ctx.profile.company
    managers = management_staff(ctx.profile, ctx.facts)
    needed = max(1, -(-managers.count // 10))
    have = ctx.facts.appointments.certified_count
    if have < needed:
        yield (("people", "service_managers") if ctx.profile.people.service_managers
               else ("company", "certified_service_managers") if company.certified_service_managers is not None
               else ("company",),
               f"持证售后服务管理师{have}名，按服务管理人员{managers.count}人（{managers.basis}）的10%且不少于1名计算，"
               f"应至少{needed}名",
               "安排人员取得证书后，在 people.service_managers 中登记姓名和证书编号。服务管理人员按服务体系负责人、"
               "售后服务相关部门负责人、直营网点负责人、people.service_managers 和 people.headcount.service_director 计，"
               "同一人只计一次")


@rule("SS105", "warning", "5.1.2.2", "the 售后服务管理师 are named, with their certificate numbers")
def named_service_managers(ctx: Context):
    """The 任命书 appoints the certified managers by name; a count alone appoints no one."""
    people = ctx.profile.people.service_managers
    declared = ctx.profile.company.certified_service_managers
    if not people and declared:
        yield (("company", "certified_service_managers"),
               f"档案登记了{declared}名持证售后服务管理师，但没有姓名和证书编号，《任命书》无法任命",
               "在 people.service_managers 中逐一登记 {name, certificate, department}")
    elif people and declared is not None and declared != len(people):
        yield (("company", "certified_service_managers"),
               f"持证售后服务管理师登记为{declared}名，任命书列出{len(people)}名，文件按任命书的{len(people)}名表述",
               "使 company.certified_service_managers 与 people.service_managers 一致，或删除前者")


@rule("SS106", "warning", "5.1.5.1", "post headcounts agree with the persons the 任命书 appoints")
def appointed_headcount(ctx: Context):
    people = ctx.profile.people
    for post, persons, what in (("service_supervisor", people.supervisors, "服务监督员"),
                                ("service_manager_certified", people.service_managers, "售后服务管理师")):
        count = people.headcount.get(post)
        if count is not None and persons and count != len(persons):
            yield (("people", "headcount", post),
                   f"岗位职责说明书的{what}定员为{count}人，任命书任命{len(persons)}人",
                   f"使 people.headcount.{post} 与 people 中列出的人数一致")


@rule("SS107", "error", "5.1.2", "post headcounts name posts of the 岗位职责说明书")
def headcount_posts(ctx: Context):
    for key in unknown_posts(ctx.profile):
        hint = _close(key, post_keys())
        yield (("people", "headcount", key), f"岗位代码“{key}”不在岗位职责说明书的岗位中，其定员不会出现在文件里",
               hint or "岗位代码见 sskit/standard/posts.yaml 的 key")


def _close(value: str, choices) -> str:
    import difflib
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


# --------------------------------------------------------------------------- resources

@rule("SS108", "warning", "5.1.3.1", "the yearly service budget and the special reserve are stated")
def budget(ctx: Context):
    res = ctx.profile.resources
    if res.budget is None:
        yield (("resources",) if "resources" in ctx.profile.model_fields_set else (),
               "档案未给出年度售后服务经费预算，资源配置表只能印出空白预算表；审核时会要求出示经批准的预算和专项准备金",
               "增加 resources: {budget: {year: 2026, items: [{name: 备件储备, amount: 120}], reserve: 50}}（金额单位：万元）")
    elif res.budget.reserve is None:
        yield (("resources", "budget"), "年度预算未列质量问题和安全事故专项准备金",
               "在 resources.budget 中增加 reserve: <万元>")


@rule("SS109", "warning", "5.1.3.3", "service facilities, tools and the information system are described")
def facilities(ctx: Context):
    res = ctx.profile.resources
    missing = [(label, key) for label, key, value in (
        ("服务场所与设施", "facilities", res.facilities), ("维修工具和检测仪器", "tools", res.tools),
        ("客户服务信息系统", "information_system", res.information_system)) if not value]
    if missing:
        yield (("resources",) if "resources" in ctx.profile.model_fields_set else (),
               "资源配置表缺少" + "、".join(label for label, _ in missing) + "的说明，审核时会现场查看并要求出示清单",
               "在 resources 中登记 " + "、".join(key for _, key in missing) +
               "，例如 facilities: [维修车间 600平方米]、tools: [冷媒检漏仪 12台]、information_system: 客户服务管理系统")


# --------------------------------------------------------------------------- warranty (三包)

def _below(ctx: Context, path: tuple, what: str, value, minimum, unit: str):
    shown = months_text(value) if unit == "months" else f"{value}{unit}"
    needed = months_text(minimum.value) if unit == "months" else f"{minimum.value}{unit}"
    return (path, f"{what}为{shown}，低于{minimum.rule}规定的{needed}",
            f"调整为不少于{needed}（依据：{minimum.source}）")


@rule("SS201", "error", "5.2.5", "warranty terms meet the statutory 三包 minimums")
def warranty_minimums(ctx: Context):
    if not ctx.facts.traits.consumers:  # the 三包 rules and the consumer law protect consumers only
        return
    for i, product in enumerate(ctx.profile.products):
        mins = ctx.statutory.minimums(product.category)
        w = product.warranty
        base = ("products", i, "warranty")
        checks = [("return_days", w.return_days, f"{product.name}的包退期", "天"),
                  ("exchange_days", w.exchange_days, f"{product.name}的包换期", "天"),
                  ("whole_unit_months", w.whole_unit_months, f"{product.name}的整机保修期", "months")]
        for period, value, what, unit in checks:
            if period in mins and value is None:
                needed = mins[period]
                yield (base, f"{what}未填写：向个人消费者销售的商品，{needed.rule}规定不少于{needed.value}天",
                       f"在 warranty 中增加 {period}: {needed.value}；只向单位客户销售的，在 company 中设置 "
                       f"customers: businesses")
            elif period in mins and value < mins[period].value:
                yield _below(ctx, base + (period,), what, value, mins[period], unit)
        if "main_parts_months" in mins:
            if not w.main_parts:
                yield (base, f"{product.name}未列明主要部件及其保修期，{mins['main_parts_months'].rule}"
                       f"要求主要部件保修{months_text(mins['main_parts_months'].value)}",
                       "在 warranty.main_parts 中列出主要部件（如压缩机）及保修期")
            for j, part in enumerate(w.main_parts):
                if part.months < mins["main_parts_months"].value:
                    yield _below(ctx, base + ("main_parts", j, "months"), f"{product.name}的{part.name}保修期",
                                 part.months, mins["main_parts_months"], "months")
        wear = ctx.statutory.wear_parts(product.category)
        for j, part in enumerate(w.wear_parts):
            minimum = wear.get(part.name)
            if minimum and part.months < minimum.value:
                yield _below(ctx, base + ("wear_parts", j, "months"), f"{product.name}的{part.name}保修期",
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
            yield (base + ("whole_unit_months",), f"{product.name}的包修期未规定行驶里程",
                   f"增加 whole_unit_km，不少于{mins['whole_unit_km'].value}公里（{mins['whole_unit_km'].rule}）")
        elif w.whole_unit_km < mins["whole_unit_km"].value:
            yield _below(ctx, base + ("whole_unit_km",), f"{product.name}的包修期里程", w.whole_unit_km,
                         mins["whole_unit_km"], "公里")
        if w.sanbao_months is None:
            yield (base, f"{product.name}未规定三包有效期",
                   f"增加 sanbao_months 和 sanbao_km，不少于{months_text(mins['sanbao_months'].value)}或"
                   f"{mins['sanbao_km'].value}公里（{mins['sanbao_months'].rule}）")
            continue
        if w.sanbao_months < mins["sanbao_months"].value:
            yield _below(ctx, base + ("sanbao_months",), f"{product.name}的三包有效期", w.sanbao_months,
                         mins["sanbao_months"], "months")
        if w.sanbao_km is None or w.sanbao_km < mins["sanbao_km"].value:
            if w.sanbao_km is None:
                yield (base + ("sanbao_months",), f"{product.name}的三包有效期未规定行驶里程",
                       f"增加 sanbao_km，不少于{mins['sanbao_km'].value}公里")
            else:
                yield _below(ctx, base + ("sanbao_km",), f"{product.name}的三包有效期里程", w.sanbao_km,
                             mins["sanbao_km"], "公里")


@rule("SS203", "error", "5.2.5", "spare parts are kept at least as long as the law requires")
def parts_retention(ctx: Context):
    years = ctx.profile.commitments.parts_retention_years
    if years is None:  # the documents then promise the statutory period (a maker is warned in facts)
        return
    for product in ctx.profile.products:
        minimum = ctx.statutory.minimums(product.category).get("parts_years")
        if minimum and years < minimum.value:
            yield (("commitments", "parts_retention_years"),
                   f"停产后备件保留{years}年，{minimum.rule}要求{product.name}等商品停产后备件供应不少于{minimum.value}年",
                   f"将 parts_retention_years 调整为不少于{minimum.value}")
            return


@rule("SS204", "warning", "5.2.5", "spare parts are kept as long as the longest warranty runs")
def parts_cover_warranties(ctx: Context):
    years = ctx.profile.commitments.parts_retention_years
    if years is None:
        return
    longest = max(((part.months, product.name, part.name) for product in ctx.profile.products
                   for part in (*product.warranty.main_parts, *product.warranty.wear_parts)), default=None)
    if longest and years * 12 < longest[0]:
        months, product, part = longest
        yield (("commitments", "parts_retention_years"),
               f"停产后备件保留{years}年，短于{product}{part}的保修期{months_text(months)}，两项承诺相互矛盾",
               f"将 parts_retention_years 调整为不少于{-(-months // 12)}年，或缩短该部件的保修期")


@rule("SS208", "warning", "5.2.5", "no main part is guaranteed for less than the whole unit")
def main_parts_cover_the_unit(ctx: Context):
    for i, product in enumerate(ctx.profile.products):
        # a household car's main systems carry the 三包有效期 (Order 43), not the 包修期
        whole = (product.warranty.sanbao_months if product.category == "household_car"
                 else product.warranty.whole_unit_months)
        for j, part in enumerate(product.warranty.main_parts if whole else ()):
            if part.months < whole:
                yield (("products", i, "warranty", "main_parts", j, "months"),
                       f"{product.name}的{part.name}保修期{months_text(part.months)}，短于"
                       f"{'三包有效期' if product.category == 'household_car' else '整机保修期'}"
                       f"{months_text(whole)}：该期限内主要部件同样保修，三包凭证上两者相互矛盾",
                       f"将{part.name}的 months 改为不少于{whole}，或不再单列该部件")


# --------------------------------------------------------------------------- commitments

@rule("SS206", "error", "5.2.4", "maintenance cycles are no longer than the trade's rules allow")
def trade_cycles(ctx: Context):
    trades = load_data("trades")["trades"]
    for i, service in enumerate(ctx.profile.services):
        row = trades.get(service.trade) or {}
        limit = row.get("max_cycle_days")
        if limit and service.cycle_days and service.cycle_days > limit:
            yield (("services", i, "cycle_days"),
                   f"维保周期{service.cycle_days:g}天超过{row['rule']}规定的{limit}天",
                   f"将 cycle_days 改为不超过{limit}的天数（sskit/standard/trades.yaml 记录该规定）")


@rule("SS207", "warning", "5.2.5", "repairs and installations carry a workmanship warranty")
def workmanship(ctx: Context):
    for i, service in enumerate(ctx.profile.services):
        if service.kind in ("repair", "installation", "modernisation") and not service.workmanship_months:
            yield (("services", i), f"服务项目“{service.name}”没有写明维修（安装）工艺质保期，服务承诺无法公示",
                   "在该服务项目下增加 workmanship_months（及更换配件的 parts_months），按本公司实际承诺填写")


@rule("SS205", "info", "5.2.5", "warranty periods without a statutory minimum in the data are named")
def unchecked_categories(ctx: Context):
    if not ctx.facts.traits.consumers:  # no 三包 for business customers: the contract's periods hold
        return
    seen: set[str] = set()
    for i, product in enumerate(ctx.profile.products):
        if product.category in seen:
            continue
        seen.add(product.category)
        if "whole_unit_months" not in ctx.statutory.minimums(product.category):
            label = product.category_label
            if not vocab.CATEGORIES[product.category]["sanbao"]:
                # outside every 三包 catalogue: no statutory minimum, the company's periods are voluntary
                yield (("products", i, "category"),
                       f"{label}不在国家三包规定的商品目录内，没有法定最低整机保修期，{product.name}的三包期限按本公司"
                       "承诺执行，各文件写明参照国家三包规定自愿实行",
                       "该类商品有国家或行业规定的最低保修期的，在 sskit/standard/sanbao.yaml 的 categories 中补充")
                continue
            yield (("products", i, "category"),
                   f"法定三包最低期限的数据中未收录{label}的整机保修期，{product.name}的整机保修期本次未作核对",
                   "在 sskit/standard/sanbao.yaml 的 categories 中补充该类商品的整机和主要部件最低保修期")


@rule("SS209", "warning", "5.2.5", "a seller of industrial equipment says who its customers are")
def customers_unstated(ctx: Context):
    """Industrial equipment is mostly bought by businesses, whose warranty the purchase contract and
    the Civil Code govern, not the consumer law: a profile that leaves company.customers at its
    default (consumers) gets 三包 text and consumer rights for factories. Asked once, at the first line."""
    if "customers" in ctx.profile.company.model_fields_set:
        return
    for i, product in enumerate(ctx.profile.products):
        if product.category == "industrial_equipment":
            yield (("products", i, "category"),
                   f"{product.name}为工业设备，档案未说明顾客类型，各文件按向个人消费者销售写入三包规定和消费者权益",
                   "只向企业等单位客户销售的，在 company 中设置 customers: businesses（质保按购销合同和《民法典》"
                   "合同编）；也向个人消费者销售的设置 customers: both；确向个人消费者销售的设置 customers: consumers")
            return


@rule("SS301", "error", "5.1.7", "commitments do not contradict each other")
def contradictions(ctx: Context):
    c = ctx.profile.commitments
    for i, area in enumerate(c.onsite):
        if area.hours < c.response_hours:
            yield (("commitments", "onsite", i, "hours"),
                   f"{area.area}的上门时限（{area.hours:g}小时）短于报修响应时限（{c.response_hours:g}小时）",
                   "上门不可能早于响应，请延长上门时限或缩短响应时限")
    if c.complaint_resolution_days * 24 < c.complaint_response_hours:
        yield (("commitments", "complaint_resolution_days"),
               f"投诉处理完结时限（{c.complaint_resolution_days:g}天）短于投诉响应时限（{c.complaint_response_hours:g}小时）",
               "投诉完结时限应长于首次响应时限")
    # the callback clock starts when the service is completed (服务完成后N天内), the repair
    # clock when the report is accepted: a callback shorter than the repair limit is no contradiction.
    # A repair limit no longer than an arrival limit is SS702's warning (_repair_after_arrival):
    # the two can both be met when the technician comes early, but not as published


@rule("SS302", "warning", "5.3.1", "customers can reach the company outside the hotline")
def channels(ctx: Context):
    if not ctx.profile.commitments.online_channels:
        yield (("commitments",), "除服务热线外未规定其他线上服务渠道",
               "在 online_channels 中列出微信公众号、官网在线客服等渠道")


@rule("SS303", "warning", "5.2.6", "take-back of scrapped products is arranged")
def take_back(ctx: Context):
    if not ctx.profile.commitments.take_back:
        yield (("commitments",), "未规定废弃商品回收安排",
               "在 commitments.take_back 中说明回收渠道和处理单位")


@rule("SS304", "warning", "5.1.4", "the fee schedule is published with prices")
def fee_items(ctx: Context):
    if not ctx.profile.commitments.fees.items and not any(p.parts for p in ctx.profile.products):
        yield (("commitments", "fees"), "未列出可公示的服务收费项目和备件价格",
               "在 commitments.fees.items 或 products[].parts 中列出价格，供收费标准公示表使用")


@rule("SS305", "error", "5.1.4", "every product line has a published labour rate for out-of-warranty repair")
def labour_rates(ctx: Context):
    for i, product in enumerate(ctx.profile.products):
        if product.labour_fee is None and product.repair_network is None:  # the brand's centre sets its own fee
            yield (("products", i), f"{product.name}没有保修期外维修的人工费标准，收费标准公示表无法公示",
                   "在该产品下增加 labour_fee: {price: 80, unit: 元/次}（金额按本公司实际标准填写）")


@rule("SS306", "warning", "5.1.5", "customers can reach an independent supervision channel")
def supervision_channel(ctx: Context):
    cm = ctx.profile.commitments
    digits = "".join(ch for ch in cm.hotline if ch.isdigit())
    if not cm.supervision_channels:
        yield (("commitments",), "未设独立于服务热线的服务监督渠道（监督电话、邮箱或总经理信箱）",
               "在 commitments.supervision_channels 中列出，如 [监督电话 0571-88886600, 总经理信箱 gm@example.com]")
    for i, channel in enumerate(cm.supervision_channels):
        if digits and digits in "".join(ch for ch in channel if ch.isdigit()):
            yield (("commitments", "supervision_channels", i), f"监督渠道“{channel}”就是服务热线，不能独立监督服务",
                   "改为由监督部门受理的电话、邮箱或总经理信箱")


@rule("SS307", "warning", "5.2.5", "a dealer commits to a time for spare parts")
def dealer_parts_time(ctx: Context):
    """A distributor that states no years of parts supply after production ends leaves that
    to the maker; it should then at least promise how fast parts reach its outlets. So should
    a service company. One that states the years has made its parts commitment."""
    cm = ctx.profile.commitments
    if (ctx.profile.company.business_type != "manufacturer" and cm.parts_delivery_hours is None
            and cm.parts_retention_years is None and not ctx.facts.network.all):  # no repair, no parts of its own
        goods = bool(ctx.profile.products)
        message = ("本公司不生产所售商品，没有承诺停产后的备件供应年限，也没有承诺常用备件送达网点的时限"
                   if goods else "没有承诺维修配件送达网点（维保站）的时限")
        yield (("commitments",), message,
               "在 commitments 中增加 parts_delivery_hours（常用备件送达网点的小时数）"
               + ("，或 parts_retention_years（本公司承诺的停产后备件供应年限）" if goods else "")
               + "，服务承诺将公示该承诺")


# a service that trains the customer's people: committed by content and duration, not by a response time
TRAINING_KINDS = ("training",)
TRAINING_WORDS = ("培训",)


def is_training(service) -> bool:
    """A customer training service (客户操作及维护人员培训): kind training, or an `other` service
    named as training (profiles written before the kind existed)."""
    return service.kind in TRAINING_KINDS or (service.kind == "other" and any(w in service.name for w in TRAINING_WORDS))


@rule("SS308", "warning", "5.1.7.2", "every service states its service level")
def service_levels(ctx: Context):
    for i, service in enumerate(ctx.profile.services):
        t = service.terms
        if is_training(service):
            if not service.description:
                yield (("services", i), f"培训服务“{service.name}”没有写明培训对象、内容和时长，服务承诺无从公示",
                       "在该服务项目下增加 description，如“设备验收时对客户的操作和维护人员进行免费培训，每台设备不少于3天”")
            continue
        if not (t.response_hours or t.arrival_hours or t.resolution_hours or t.rescue_minutes or service.cycle_days):
            yield (("services", i), f"服务项目“{service.name}”没有服务水平承诺（响应、到场、排除故障的时限或维保周期）",
                   "在该服务项目下增加 terms: {response_hours: 2, arrival_hours: 24}（按本公司实际承诺填写）")


@rule("SS309", "warning", "5.2.4", "a trade that requires round-the-clock emergency response promises a rescue time")
def trade_rescue(ctx: Context):
    trades = load_data("trades")["trades"]
    promised = ctx.facts.traits.emergency
    for i, service in enumerate(ctx.profile.services):
        row = trades.get(service.trade) or {}
        if row.get("rescue_required") and service.kind == "maintenance_contract" and not promised:
            yield (("services", i), f"{row['rule']}要求维保单位24小时应急响应，但档案没有承诺紧急救援到达现场的时限",
                   "在该服务项目的 terms 中增加 rescue_minutes，或在 commitments.onsite 中增加 kind: emergency 的时限")


# --------------------------------------------------------------------------- outlets

@rule("SS401", "error", "5.1.1.2", "every product category sold and every service is served by an outlet")
def categories_served(ctx: Context):
    served = {c for o in ctx.profile.outlets for c in o.categories}
    for i, product in enumerate(ctx.profile.products):
        if product.category not in served and product.repair_network is None:
            label = vocab.CATEGORIES[product.category]["label"]
            yield (("products", i, "category"), f"没有服务网点服务{label}（{product.name}）",
                   f"在承担维修的网点的 categories 中增加 {product.category}")
    # an outlet that lists no services performs them all
    if all(o.services for o in ctx.profile.outlets):
        performed = {s for o in ctx.profile.outlets for s in o.services}
        for i, service in enumerate(ctx.profile.services):
            if service.id not in performed:
                yield (("services", i), f"没有服务网点承担服务项目“{service.name}”",
                       f"在承担该服务的网点的 services 中增加 {service.id}")


@rule("SS411", "warning", "5.1.1.2", "a brand's authorised network the customer is referred to has a hotline or website")
def brand_network_reachable(ctx: Context):
    """The set tells customers to take goods to the brand's authorised centre (CX-01, the pledge):
    without the brand's hotline or website they are told where to go but not how to find it."""
    for i, product in enumerate(ctx.profile.products):
        network = product.repair_network
        if network is not None and not network.hotline and not network.website:
            name = network.name or f"{product.brand or product.name}授权服务中心"
            yield (("products", i, "repair_network"),
                   f"{product.name}由{name}维修，但档案没有给出其服务热线或网站，顾客无从查找就近的服务中心",
                   "在 repair_network 中填写品牌的服务热线 hotline 或查询网点的网站 website，"
                   "如 repair_network: {hotline: 400-xxx-xxxx, website: www.example.com}")


@rule("SS402", "error", "5.1.1.2", "every sales province has an outlet or a remote-service arrangement")
def provinces_covered(ctx: Context):
    company = ctx.profile.company
    have = {o.province for o in ctx.profile.outlets} | _remote_provinces(ctx.profile)
    for i, province in enumerate(company.sales_regions):
        if province not in have and province in vocab.PROVINCES:  # another name is SS408's
            yield (("company", "sales_regions", i), f"{province}既没有服务网点，也没有远程服务安排",
                   "在该地区设立网点，或在 commitments.remote_service 中说明服务安排")


@rule("SS403", "warning", "5.1.1.2", "outlets are staffed and contracted")
def outlet_details(ctx: Context):
    for i, outlet in enumerate(ctx.profile.outlets):
        if outlet.technicians == 0:
            yield (("outlets", i, "technicians"), f"服务网点{outlet.name}没有维修技术人员",
                   "登记网点的技术人员，或取消该网点")
        if outlet.kind != "直营" and outlet.contract is None:
            yield (("outlets", i), f"{outlet.kind}网点{outlet.name}没有登记合作协议",
                   "增加 contract: {number, start, end}，审核时须出示协议")


# --------------------------------------------------------------------------- training

FRONTLINE_ROLES = ("customer_service", "technician", "installer", "delivery")


@rule("SS501", "warning", "5.1.3.2a", "training covers every customer-facing role and outlet kind")
def training_coverage(ctx: Context):
    profile = ctx.profile
    funcs = {f for d in profile.departments for f in d.functions}
    hours = profile.training.hours_per_role
    delivers = any(p.delivery for p in profile.products)
    for role in FRONTLINE_ROLES:
        if role == "delivery" and not delivers:
            continue  # a department may own the function, but no good is delivered: no delivery staff
        if set(ROLE_FUNCTIONS[role]) & funcs and role not in hours:
            yield (("training", "hours_per_role"), f"未规定{vocab.ROLES[role]}的年度培训学时",
                   f"在 training.hours_per_role 中增加 {role}")
    if any(o.kind != "直营" for o in profile.outlets) and "outlet_staff" not in hours:
        yield (("training", "hours_per_role"), "存在特约、授权或第三方网点，但未规定网点服务人员的培训学时",
               "在 training.hours_per_role 中增加 outlet_staff")


@rule("SS502", "warning", "5.1.3.2b", "service-culture training reaches all staff")
def culture_training(ctx: Context):
    if "all_staff" not in ctx.profile.training.hours_per_role:
        yield (("training", "hours_per_role"), "未规定全体员工的培训学时，服务文化培训不能覆盖全员",
               "在 training.hours_per_role 中增加 all_staff")


@rule("SS503", "warning", "5.1.3.2c", "incentive and care mechanisms are described")
def incentives(ctx: Context):
    t = ctx.profile.training
    if not t.incentives:
        yield (("training",), "未说明考核、奖励和晋升机制",
               "在 training 中增加列表 incentives: [..]，如 incentives: [服务质量与绩效工资挂钩, 年度服务之星评选]")
    if not t.employee_care:
        yield (("training",), "未说明员工关爱措施",
               "在 training 中增加列表 employee_care: [..]，如 employee_care: [外勤交通和通讯补贴, 年度健康体检]")


@rule("SS504", "warning", "5.1.7", "the service philosophy is stated")
def philosophy(ctx: Context):
    if not ctx.profile.company.service_philosophy:
        yield (("company",), "未规定企业的服务理念，文件将使用通用表述",
               "在 company.service_philosophy 中写明服务理念，与宣传资料保持一致")


@rule("SS505", "warning", "5.1.3.2a", "the trainers can teach the plan within the load rule")
def trainer_load(ctx: Context):
    plan = ctx.plan
    if plan.unassigned:
        trainers = ctx.profile.training.trainers
        names = "、".join(c.name for c in plan.unassigned[:3]) + ("等" if len(plan.unassigned) > 3 else "")
        added = f"和增补的{len(plan.teachers)}名部门负责人、持证售后服务管理师" if plan.teachers else ""
        yield (("training", "trainers"),
               f"按每名讲师每年不超过{MAX_COURSES_PER_TRAINER}项培训的规则，现有{len(trainers)}名讲师{added}"
               f"授课量已满或不适合讲授，年度培训计划中{names}{len(plan.unassigned)}项培训没有讲师，"
               f"计划写明由{ctx.facts.who('training')}选派",
               "在 training.trainers 中增加讲师，写明 department（内部讲师）或 organisation（外部讲师）和 topics（擅长领域），"
               "如维修技术骨干讲授维修技能实操")



# --------------------------------------------------------------------------- documents

@rule("SS506", "warning", "5.1.3.2a", "no course of the plan falls before the set takes effect")
def courses_before_effect(ctx: Context):
    training, effective = ctx.profile.training, ctx.profile.document_control.effective_date
    if training.year != effective.year:
        return
    for i, prog in enumerate(training.programmes):
        if prog.month < effective.month:
            yield (("training", "programmes", i, "month"),
                   f"培训项目“{prog.name}”安排在{prog.month}月，早于文件实施日期{effective.isoformat()}：本计划批准实施前的"
                   "培训不能列为本计划的项目",
                   f"将该项目调整到{effective.month}月或以后；已经举办的，作为实施前的培训记录保存")


@rule("SS507", "info", "5.1.3.2a", "every course of the profile's training programmes says what it covers")
def programme_content(ctx: Context):
    empty = ctx.plan.programmes_without_content()  # as the plan prints them
    for i, prog in enumerate(ctx.profile.training.programmes):
        if prog.name in empty:
            yield (("training", "programmes", i, "name"),
                   f"培训项目“{prog.name}”没有写明培训内容：年度培训计划在该项目的培训内容栏只能写“课程大纲随培训通知下发”",
                   "在该项目下填写 content（培训内容，如讲授的规范、操作项目和案例），审核时可据此核对课件和考核记录")


@rule("SS601", "error", "5.1.4", "the manual is approved by the top manager")
def approver(ctx: Context):
    dc, top = ctx.profile.document_control, ctx.profile.company.top_manager
    if dc.approved_by != top.name:
        yield (("document_control", "approved_by"),
               f"手册由{dc.approved_by}批准，而不是最高管理者{top.name}",
               "售后服务手册须由最高管理者批准发布，将 approved_by 改为最高管理者")


@rule("SS602", "warning", "5.1.4", "drafting and review are done by different people")
def four_eyes(ctx: Context):
    dc = ctx.profile.document_control
    if dc.drafted_by == dc.reviewed_by:
        yield (("document_control", "reviewed_by"), f"{dc.drafted_by}既编制又审核文件",
               "指定另一名审核人")


@rule("SS603", "info", "5.1.4", "a set first issued at a later version lists the versions before it")
def earlier_versions(ctx: Context):
    dc = ctx.profile.document_control
    if dc.version != "A/0" and not dc.history:
        yield (("document_control", "version"),
               f"文件版本为{dc.version}，档案未列出此前各版：各文件修订记录的第一行写明此前各版的修订记录见上一版受控文件",
               "在 document_control 中增加 history（如 - {version: A/0, date: 2024-01-01, summary: 首次发布}），"
               "修订记录即逐版列出；本版的修订内容写在 document_control.summary")


# --------------------------------------------------------------------------- facts

@rule("SS701", "info", "", "where the profile leaves a choice, a documented rule decides")
def facts_rules(ctx: Context):
    for d in ctx.facts.decisions:
        if d.severity == "info":
            yield (d.path, d.message, d.hint, d.clause)


@rule("SS702", "warning", "", "the profile's figures agree with each other")
def facts_conflicts(ctx: Context):
    for d in ctx.facts.decisions:
        if d.severity == "warning":
            yield (d.path, d.message, d.hint, d.clause)
    yield from _repair_after_arrival(ctx)
    yield from _service_arrivals(ctx)


def _report_start(area) -> bool:
    return area.start == vocab.ONSITE_STARTS["report"]


def _repair_after_arrival(ctx: Context):
    """The repair limit runs from the accepted report, as the fault-call arrival limits do: it must
    be longer than the longest of them, or a technician who arrives on time has no time left."""
    c, limits = ctx.profile.commitments, ctx.facts.limits
    areas = [(a.area, a) for a in arrival_limits(limits) if _report_start(a)]
    areas += [(e.province + (a.area if a.area != e.province else ""), a) for e in limits.exceptions
              for a in e.limits if a.kind in ("onsite", "repair") and _report_start(a)]
    if not areas or c.repair_days is None:
        return
    late = [(name, a) for name, a in areas if a.hours >= c.repair_days * 24]
    if not late:
        return
    longest = max(a.hours for _, a in areas)
    shown = "、".join(dict.fromkeys(f"{name}{a.duration}" for name, a in late))
    yield (("commitments", "repair_days"),
           f"一般故障修复时限为自受理报修之日起{limits.repair_days}天，不长于{shown}的上门时限：技术人员按时上门时"
           "修复时限已到或已过，两项承诺不能同时兑现",
           f"将 repair_days 调整为长于最长上门时限（{format_number(longest)}小时），如 repair_days: "
           f"{int(longest // 24) + 1}；或缩短这些地区的上门时限", "5.1.7")


def _service_arrivals(ctx: Context):
    """A service's own arrival limit (services[].terms.arrival_hours) beside the area limits of
    the commitments: one longer than an area's limit promises the contract customers less than
    the published commitment. (One shorter than an area's is printed beside the area limits by
    view.common.service_levels, so it is never a limit the company signs without publishing it.)"""
    limits = ctx.facts.limits
    areas = [a for a in arrival_limits(limits) if _report_start(a)]
    if not areas:
        return
    facts = {s.id: s for s in ctx.facts.services}
    for i, service in enumerate(ctx.profile.services):
        hours = service.terms.arrival_hours
        if not hours or service.id not in facts:
            continue
        where = ("services", i, "terms", "arrival_hours")
        shown = "、".join(f"{a.area}{a.duration}" for a in areas)
        longer = [a for a in areas if a.hours < hours]
        if longer:
            yield (where, f"服务项目“{service.name}”承诺{hours_text(hours)}内到达现场，长于服务承诺中"
                          f"{'、'.join(a.area for a in longer)}的上门时限（{shown}）：这些地区的合同客户按服务承诺的时限执行",
                   "缩短该服务项目的 arrival_hours，使其不长于各地区的上门时限；或删去 arrival_hours，按地区时限执行",
                   "5.1.7.2")


# the indicator a contradiction about an activity costs points under (the 自评报告 scores it there)
ACTIVITY_CLAUSES = {
    "outlet_inspection": "5.1.1.2", "outlet_management": "5.1.1.2", "training_plan": "5.1.3.2a",
    "maintenance_plan": "5.2.4", "price_list": "5.1.4", "satisfaction_survey": "5.3.1", "callback_review": "5.3.1",
    "complaint_analysis": "5.3.2", "management_review": "5.1.6", "internal_audit": "5.1.5.2",
    "parts_stocktake": "5.1.3.3",
}


# a duty that supports another department's work says nothing about who owns it
SUPPORTING_WORDS = ("配合", "协助", "参与")


@rule("SS703", "warning", "", "departments' own duty texts agree with the owners and periods the documents state")
def duty_texts(ctx: Context):
    """A duty text that says another department runs an activity, or a different
    period, would contradict the procedures, which follow the facts."""
    for i, dept in enumerate(ctx.profile.departments):
        for j, duty in enumerate(dept.duties):
            if any(word in duty for word in SUPPORTING_WORDS):
                continue
            for key, words in ACTIVITY_WORDS.items():
                if not any(w in duty for w in words):
                    continue
                activity = ctx.facts.activities[key]
                said = [m for w, m in PERIOD_WORDS.items() if w in duty]
                where = ("departments", i, "duties", j)
                setting = f"responsibilities: activities: {key}: {{owner: {dept.id}"
                if activity.owner_id and activity.owner_id != dept.id:
                    # the documents follow the decision; the client's words stay as written
                    yield (where, f"{dept.name}的职责写明“{duty}”，而{activity.label}由{activity.owner}负责",
                           f"修改这条职责（如改为“配合{activity.owner}……”），或在档案中指定 {setting}}}"
                           if key in vocab.ACTIVITIES else
                           f"修改这条职责（如改为“配合{activity.owner}……”），使其与各文件的分工一致",
                           ACTIVITY_CLAUSES.get(key, ""))
                elif said and said[0] != activity.months:
                    yield (where, f"{dept.name}的职责写明{activity.label}“{duty}”，"
                                  f"而各文件规定{activity.at_least}",
                           f"修改这条职责，或在档案中指定 {setting}, every_months: {said[0]}}}",
                           ACTIVITY_CLAUSES.get(key, ""))
    yield from _contract_signing(ctx)
    # the stock policy is printed as written in the resources table: its stocktake period too
    stock = ctx.profile.resources.parts_stock or ""
    said = [m for w, m in PERIOD_WORDS.items() if w in stock]
    stocktake = ctx.facts.activities["parts_stocktake"]
    if "盘点" in stock and said and said[0] != stocktake.months:
        yield (("resources", "parts_stock"), f"备件库存策略写明“{stock}”，而各文件规定备件盘点{stocktake.at_least}",
               f"修改这段文字，或在档案中指定 responsibilities: activities: parts_stocktake: {{every_months: {said[0]}}}")


CONTRACT_WORDS = ("服务合同", "维保合同", "保养合同", "维修合同")
SIGNING_WORDS = ("签订", "签约", "订立")


def _contract_signing(ctx: Context):
    """The procedures have the owner of the sales function sign the service contracts (and keep
    their ledger): a department whose own duty says it signs them contradicts them."""
    if not ctx.profile.services:
        return
    signer = ctx.facts.function_owner["sales"]
    for i, dept in enumerate(ctx.profile.departments):
        if dept.id == signer.id:
            continue
        for j, duty in enumerate(dept.duties):
            if any(w in duty for w in SUPPORTING_WORDS):
                continue
            if any(w in duty for w in CONTRACT_WORDS) and any(w in duty for w in SIGNING_WORDS):
                yield (("departments", i, "duties", j),
                       f"{dept.name}的职责写明“{duty}”，而各文件规定服务合同由{signer.name}签订并登记服务合同台账",
                       f"修改这条职责（如改为“配合{signer.name}签订服务合同，负责合同的履行”），使其与各文件的分工一致",
                       "5.1.1")


@rule("SS704", "warning", "5.1.7", "every area without an outlet has a time limit: on-site, or a mail-in turnaround")
def remote_limits(ctx: Context):
    # one finding per group of provinces served alike, located at the group's first entry
    first: dict[str, int] = {}
    for i, entry in enumerate(ctx.profile.commitments.remote_service):
        for province in entry.names:
            first.setdefault(province, i)
    for group in ctx.facts.remote.without_limits:
        where = ("commitments", "remote_service", first[group.provinces[0]], "arrangement")
        if not group.mail_in:
            yield (where[:3], f"{group.named}尚未设立服务网点，也未声明上门时限，服务承诺中这些地区没有可考核的时限",
                   "在该条目下增加 onsite: [{area: …, hours: …}]，服务承诺将其作为例外公示；只提供寄修的，"
                   "在 arrangement 中写明寄修方式和修复寄回的时限")
            continue
        if not group.turnaround:
            yield (where, f"{group.named}只提供寄修，寄修安排未写明修复寄回的时限，服务承诺和维修服务控制程序中没有可考核的时限",
                   "在 arrangement 中写明时限，如“寄修中心收到商品后3日内修复并寄回”")
        if not group.freight:
            yield (where, f"{group.named}只提供寄修，寄修安排未写明往返运费由谁承担",
                   "在 arrangement 中写明运费的承担，如“保修期内往返运费由公司承担，保修期外由顾客承担”")


@rule("SS705", "warning", "", "responsibilities name clauses of the catalogue")
def unknown_clauses(ctx: Context):
    known = {c.id for c in ctx.catalogue.clauses}
    for section in ("clauses", "not_applicable"):
        for clause in getattr(ctx.profile.responsibilities, section):
            if clause not in known:
                yield (("responsibilities", section, clause), f"条款“{clause}”不在条款目录中，该指定不起作用",
                       "使用条款目录中的编号（sskit/standard/clauses.yaml 或 --standard 指定的文件），如 '5.2.1'")



@rule("SS404", "error", "5.1.1.2", "partner outlets' contracts are in force when the set takes effect")
def outlet_contracts(ctx: Context):
    effective = ctx.profile.document_control.effective_date
    for i, outlet in enumerate(ctx.profile.outlets):
        if outlet.kind != "直营" and outlet.contract is not None and outlet.contract.end < effective:
            yield (("outlets", i, "contract", "end"),
                   f"{outlet.name}的合作协议已于{outlet.contract.end.isoformat()}到期，早于文件实施日期{effective.isoformat()}",
                   "续签协议并更新 contract，或将该网点移出服务网络")



@rule("SS405", "warning", "5.1.1.2", "every sales province has an outlet of its own")
def provinces_without_outlet(ctx: Context):
    have = {o.province for o in ctx.profile.outlets}
    remote = _remote_provinces(ctx.profile) - set(_documented_remote(ctx))  # without one, SS402 reports it
    missing = [(i, p) for i, p in enumerate(ctx.profile.company.sales_regions) if p not in have and p in remote]
    for i, province in missing:  # one finding per province: the self-assessment deducts the uncovered share
        yield (("company", "sales_regions", i),
               f"销售区域{province}没有服务网点，只靠远程服务安排，网点布局未覆盖全部销售区域",
               "在该省设立或委托服务网点；暂不能设立的，保留 commitments.remote_service 中的安排并制定建点计划")


@rule("SS407", "warning", "5.1.1.2", "every kind of goods sold in a province with outlets is served there")
def categories_without_outlet(ctx: Context):
    """A province's outlets that do not repair one of the kinds of goods sold there leave its buyers
    without a way to service, unless a remote arrangement (mail-in) serves the province."""
    sold = list(dict.fromkeys(p.category for p in ctx.profile.products))
    remote = _remote_provinces(ctx.profile)
    served: dict[str, set] = {}
    for outlet in ctx.profile.outlets:
        served.setdefault(outlet.province, set()).update(outlet.categories or sold)  # none listed: all
    for i, province in enumerate(ctx.profile.company.sales_regions):
        if province not in served or province in remote:
            continue  # SS405 and SS402 speak of a province without outlets
        # a kind no outlet anywhere repairs is SS401's error
        missing = [c for c in sold if c not in served[province] and any(c in kinds for kinds in served.values())]
        if missing:
            names = "、".join(vocab.CATEGORIES[c]["label"] for c in missing)
            yield (("company", "sales_regions", i),
                   f"销售区域{province}的服务网点不承修{names}，也没有远程服务安排：该省购买这些商品的顾客没有服务途径",
                   f"在该省网点的 categories 中增加这些类别，或在 commitments.remote_service 中为{province}写明寄修等安排和时限")


@rule("SS406", "info", "5.1.1.2", "partner contracts run through the plan year")
def contracts_expiring(ctx: Context):
    year = ctx.profile.training.year
    for i, outlet in enumerate(ctx.profile.outlets):
        contract = outlet.contract
        if outlet.kind != "直营" and contract is not None and contract.end.year == year and \
                (contract.end.month, contract.end.day) != (12, 31) and contract.end >= ctx.profile.document_control.effective_date:
            yield (("outlets", i, "contract", "end"),
                   f"{outlet.name}的合作协议于{contract.end.isoformat()}到期，在{year}年度内需要续签",
                   "提前办理续签并更新 contract；审核时抽查的协议须在有效期内")


def _documented_remote(ctx: Context) -> dict[str, str]:
    """Provinces without an outlet whose service is a documented arrangement with a time limit the
    customer can hold the company to: mail-in repair with a stated turnaround, or (every product line
    repaired by the brands' authorised networks) the brands' centres with the company forwarding.
    province -> how the documents state its arrangement. SS405 does not ask them for an outlet."""
    out: dict[str, str] = {}
    for group in ctx.facts.remote.groups:
        if group.mail_in and group.turnaround:
            how = f"寄修，{group.turnaround}"
        elif ctx.facts.network.all:
            how = f"由{ctx.facts.network.names}维修，本公司受理和跟踪"
        else:
            continue
        for province in group.provinces:
            out.setdefault(province, how)
    return out


@rule("SS408", "error", "5.1.1.2", "sales regions are provinces (省级行政区), one an entry")
def regions_are_provinces(ctx: Context):
    """A region that is not a province (全国, 华东地区, 浙江) cannot be matched with outlets and
    remote arrangements; a name a remote entry or an outlet also uses keeps working, with a warning."""
    covered = {o.province for o in ctx.profile.outlets} | _remote_provinces(ctx.profile)
    for i, region in enumerate(ctx.profile.company.sales_regions):
        if region in vocab.PROVINCES:
            continue
        close = [p for p in vocab.PROVINCES if p.startswith(region) or region.startswith(p[:2])]
        if region.startswith("全国"):
            hint = ("逐一列出销售所及的省级行政区，如 sales_regions: [北京市, 天津市, …]；没有网点的省份可在"
                    "commitments.remote_service 的一个条目中用 provinces: [北京市, 天津市, …] 共用一项安排")
        elif close:
            hint = f"写省级行政区的全称，如 {close[0]}"
        else:
            hint = "按省级行政区的全称逐一列出，如 浙江省、上海市、广西壮族自治区"
        yield (("company", "sales_regions", i),
               f"销售区域“{region}”不是省级行政区，无法核对该地区的服务网点和远程服务安排"
               + ("（文件照写，请改为省级行政区）" if region in covered else ""), hint)


@rule("SS409", "warning", "5.1.1.2", "a remote-service entry names provinces without an outlet")
def remote_where_outlets_are(ctx: Context):
    """An arrangement for a province that has an outlet contradicts the outlet list: the set states
    both an outlet and 本地区不设服务网点 for it."""
    have: dict[str, str] = {}
    for outlet in ctx.profile.outlets:
        have.setdefault(outlet.province, outlet.name)
    for i, entry in enumerate(ctx.profile.commitments.remote_service):
        for j, province in enumerate(entry.provinces or [entry.province]):
            if province in have:
                where = (("commitments", "remote_service", i, "provinces", j) if entry.provinces
                         else ("commitments", "remote_service", i, "province"))
                yield (where, f"{province}设有服务网点（{have[province]}），远程服务安排却把它列为无网点地区",
                       "从该条目删去这个省份；该省个别地区另有安排的，写在网点的 service_area 中")


@rule("SS410", "info", "5.1.1.2", "provinces served by a documented arrangement instead of an outlet")
def documented_remote(ctx: Context):
    groups: dict[str, list[str]] = {}
    for province, how in _documented_remote(ctx).items():
        if province in ctx.profile.company.sales_regions:
            groups.setdefault(how, []).append(province)
    first = {p: i for i, p in reversed(list(enumerate(ctx.profile.company.sales_regions)))}
    for how, provinces in groups.items():
        shown = "、".join(provinces[:3]) + (f"等{len(provinces)}个省级行政区" if len(provinces) > 3 else "")
        yield (("company", "sales_regions", first[provinces[0]]),
               f"{shown}不设服务网点，按书面安排服务（{how}），有可考核的时限，网点布局按该安排评价，不要求建点",
               "该安排的时限写在 commitments.remote_service 的 arrangement 中，服务承诺据此公示")
