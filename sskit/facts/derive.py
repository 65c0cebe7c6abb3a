"""Stage 1→2: Profile (+ clause catalogue, law table) -> Facts, computed once per build.

Where the profile leaves a choice (two departments carry the same function, no
owner is named for the satisfaction survey, no start event for the on-site time
limit), a rule from `sskit.facts.rules` decides and a `Decision` records it,
so that `sskit check` can say which rule was used and how to override it.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

import sskit.facts.rules as rules
from sskit.facts.customers import customers_of
from sskit.facts.network import Network, repair_network
from sskit.facts.returns import takes_returns
from sskit.facts.remote import courier_goods, has_mail_in, one_repair_clock, remote_service
from sskit.facts.trade_terms import goods_terms, trade_terms
from sskit.facts.model import (
    Activity, Appointee, Appointments, Approval, AreaLimit, ClauseResponsibility, Decision, Exception_, Facts, Limits,
    MatrixColumn, NoReasonReturn, Offer, Rights, ServiceFact, Staff, Target, Traits, Unit,
)
from sskit.phrasing import date_text, every_text, format_number, hours_text, join_cn, months_text
from sskit.profile import vocab
from sskit.profile.model import Department, Profile

_GAS = {"gas_water_heater", "gas_stove"}
_WATER = {"water_purifier", "water_dispenser"}
_OVERRIDE = "在档案中增加 responsibilities: {key}: {{{code}: <部门id>}} 可另行指定"


def _service_tree(profile: Profile) -> set[str]:
    """The service head's department and every department below it."""
    root = profile.service_head.department
    if root is None:
        roots = [d.id for d in profile.departments if "service_management" in d.functions]
    else:
        roots = [root]
    children: dict[Optional[str], list[str]] = {}
    for d in profile.departments:
        children.setdefault(d.parent, []).append(d.id)
    found: set[str] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node not in found:
            found.add(node)
            stack.extend(children.get(node, []))
    return found


def _unit(dept: Department) -> Unit:
    return Unit(dept.id, dept.name, dept.head)


def _function_owners(profile: Profile, tree: set[str], decisions: list) -> dict[str, Unit]:
    """One accountable department per function.

    Rule: the department named in responsibilities.functions; else the only
    department carrying the function; else, of several, the one inside the
    service organisation, then the one with the fewest functions, then the one
    listed first. A function nobody carries falls to the owner of
    service_management (then the service head's department, then the first).
    """
    index = {d.id: i for i, d in enumerate(profile.departments)}
    by_id = {d.id: d for d in profile.departments}
    explicit = profile.responsibilities.functions
    owners: dict[str, Unit] = {}
    for code in vocab.FUNCTIONS:
        carriers = [d for d in profile.departments if code in d.functions]
        if code in explicit:
            owners[code] = _unit(by_id[explicit[code]])
        elif len(carriers) == 1:
            owners[code] = _unit(carriers[0])
        elif carriers:
            chosen = min(carriers, key=lambda d: (d.id not in tree, len(d.functions), index[d.id]))
            owners[code] = _unit(chosen)
            others = [d for d in carriers if d is not chosen]
            decisions.append(Decision(
                ("departments", index[others[0].id], "functions"),
                f"{join_cn([chosen.name] + [d.name for d in others], '和')}都承担“{vocab.FUNCTIONS[code]}”职能，"
                f"按规则（服务体系内的部门优先，其次职能较少者，再次排列在前者）由{chosen.name}主责，其余部门配合",
                _OVERRIDE.format(key="functions", code=code)))
    fallback = owners.get("service_management")
    if fallback is None:
        head_dept = by_id.get(profile.service_head.department or "")
        fallback = _unit(head_dept or profile.departments[0])
    for code in vocab.FUNCTIONS:
        owners.setdefault(code, fallback)
    return owners


def _clauses(profile: Profile, catalogue, owners: dict[str, Unit], decisions: list,
             activities: Optional[dict] = None, repairs_by_brand: bool = False) -> dict:
    """One 主责 per clause: responsibilities.clauses, else the owner of the activity the
    clause's work is (rules.CLAUSE_ACTIVITIES), else the owner of the first of the
    clause's owning functions that some department carries. Every other department
    carrying an owning or supporting function, or running one of the clause's activities, is 配合."""
    by_id = {d.id: d for d in profile.departments}
    index = {d.id: i for i, d in enumerate(profile.departments)}
    explicit = profile.responsibilities.clauses
    carried = {f for d in profile.departments for f in d.functions}
    out = {}
    for clause in catalogue.clauses:
        owner: Optional[Unit] = None
        if clause.id in profile.responsibilities.not_applicable:
            out[clause.id] = ClauseResponsibility(clause.id, None, ())  # declared not to apply
            continue
        linked = [activities[k] for k in rules.CLAUSE_ACTIVITIES.get(clause.id, ()) if activities]
        activity = linked[0] if linked else None
        if clause.id in explicit:
            owner = _unit(by_id[explicit[clause.id]])
        elif activity is not None and activity.owner_id:
            owner = _unit(by_id[activity.owner_id])
            by_function = next((owners[c] for c in clause.owners if c in carried), None)
            if by_function is not None and by_function.id != owner.id:
                decisions.append(Decision(
                    ("departments", index[owner.id], "functions"),
                    f"条款{clause.label}“{clause.title}”的工作即{activity.label}，由负责该项工作的{owner.name}主责，"
                    f"{by_function.name}配合，各文件统一按此表述",
                    f"在档案中增加 responsibilities: clauses: {{'{clause.id}': <部门id>}} 可另行指定该条款的主责"
                    f"（{activity.label}的负责部门不变）",
                    clause.id))
        else:
            for code in clause.owners:
                if code in carried:
                    owner = owners[code]
                    break
            if owner is None and repairs_by_brand and set(clause.owners) <= {"repair"}:
                # the brands' networks repair: the company's part (受理、核实三包、代送、跟踪) is its customer service's
                owner = owners["customer_service"]
            rivals = [d for d in profile.departments
                      if set(d.functions) & set(clause.owners) and owner and d.id != owner.id]
            if owner and rivals:
                decisions.append(Decision(
                    ("departments", index[rivals[0].id], "functions"),
                    f"条款{clause.label}“{clause.title}”：{join_cn([owner.name] + [d.name for d in rivals], '和')}"
                    f"都承担其主责职能，按职能顺序（{join_cn(vocab.FUNCTIONS[f] for f in clause.owners)}）"
                    f"由{owner.name}主责，其余部门配合",
                    f"在档案中增加 responsibilities: clauses: {{'{clause.id}': <部门id>}} 可另行指定",
                    clause.id))
        wanted = set(clause.owners) | set(clause.supporters)
        runs = {a.owner_id for a in linked}
        supporters = tuple(d.id for d in profile.departments
                           if (owner is None or d.id != owner.id) and (wanted & set(d.functions) or d.id in runs))
        out[clause.id] = ClauseResponsibility(clause.id, owner, supporters)
    return out


def _group_name(names: list[str]) -> str:
    """A shared column's heading from its members' names: what they have in common around “各”
    (杭州分公司, 南京分公司 -> 各分公司; 维修一科, 维修二科 -> 维修各科); else “<first>等N个部门”."""
    prefix = names[0][:min(map(len, names))]
    while not all(n.startswith(prefix) for n in names):
        prefix = prefix[:-1]
    rest = [n[len(prefix):] for n in names]
    suffix = rest[0]
    while not all(r.endswith(suffix) for r in rest):
        suffix = suffix[1:]
    prefix, suffix = prefix.rstrip("0123456789第"), suffix.lstrip("0123456789")
    if suffix and (len(suffix) >= 2 or len(prefix) >= 2):
        return (prefix if len(prefix) >= 2 else "") + "各" + suffix
    return f"{names[0]}等{len(names)}个部门"


def _matrix_columns(profile: Profile, decisions: list) -> tuple[MatrixColumn, ...]:
    """The matrix's department columns (rules.MATRIX_COLUMNS_PER_TABLE): declared groups share a
    column; when more columns remain than one table holds, so do departments with the same parent
    and the same functions. A column stands where its first member is listed."""
    index = {d.id: i for i, d in enumerate(profile.departments)}
    keyed: dict[tuple, list] = {}
    for d in profile.departments:
        key = ("group", d.group) if d.group else ("single", d.id)
        keyed.setdefault(key, []).append(d)
    if len(keyed) > rules.MATRIX_COLUMNS_PER_TABLE:
        regrouped: dict[tuple, list] = {}
        for key, members in keyed.items():
            d = members[0]
            alike = ("alike", d.parent, frozenset(d.functions)) if key[0] == "single" else key
            regrouped.setdefault(alike, []).extend(members)
        keyed = regrouped
    taken = {d.name for d in profile.departments} | {d.group for d in profile.departments if d.group}
    columns = []
    for key, members in keyed.items():
        ids = tuple(d.id for d in members)
        if key[0] == "group":
            columns.append(MatrixColumn(key[1], ids, declared=True))
        elif len(members) == 1:
            columns.append(MatrixColumn(members[0].name, ids))
        else:
            names = [d.name for d in members]
            name = _group_name(names)
            if name in taken:
                name = f"{names[0]}等{len(names)}个部门"
            taken.add(name)
            columns.append(MatrixColumn(name, ids))
            decisions.append(Decision(
                ("departments", index[ids[0]]),
                f"部门较多，部门职责分配表按规则（上级部门和职能均相同的部门合为一列）将{join_cn(names)}合为“{name}”一列",
                "在这些部门下增加 group: <列名> 可自行分组或改列名；写 group: <本部门名称> 则单独成列"))
    return tuple(sorted(columns, key=lambda c: index[c.members[0]]))


def _trade_limits(profile: Profile) -> dict:
    """activity key -> (longest period the company's trades allow, the rule that says so)."""
    from sskit.standard import load_data

    table = load_data("trades")["trades"]
    limits: dict = {}
    for service in profile.services:
        row = table.get(service.trade) or {}
        if row.get("drill_months") and row["drill_months"] < limits.get("emergency_drill", (10**6, ""))[0]:
            limits["emergency_drill"] = (row["drill_months"], row["rule"])
    return limits


def _activities(profile: Profile, owners: dict[str, Unit], decisions: list, sells: bool = True) -> dict:
    """Who runs each recurring activity and how often: the profile's owner, else the owner of
    the first function of the activity's rule that some department carries. Every document
    that names the activity, its records or its target reads this owner."""
    by_id = {d.id: d for d in profile.departments}
    carried = {f for d in profile.departments for f in d.functions}
    top = profile.company.top_manager
    trade_limits = _trade_limits(profile)
    out = {}
    for key, (functions, default_months) in rules.ACTIVITY_RULES.items():
        if not sells:
            functions = rules.SERVICE_ONLY_ACTIVITY_RULES.get(key, functions)
        label = vocab.ACTIVITIES.get(key) or rules.ACTIVITY_LABELS[key]
        setting = profile.responsibilities.activities.get(key)
        months = setting.every_months if setting and setting.every_months else default_months
        if key in trade_limits and months > trade_limits[key][0]:
            limit, rule = trade_limits[key]
            decisions.append(Decision(
                ("responsibilities", "activities", key) if setting and setting.every_months else ("services",),
                f"{label}按{rule}的要求{every_text(limit)}至少一次（档案的周期{every_text(months)}长于该要求）"
                if setting and setting.every_months else
                f"{label}按{rule}的要求{every_text(limit)}至少一次，不按默认的{every_text(months)}",
                "sskit/standard/trades.yaml 记录该要求", severity="warning" if setting and setting.every_months else "info"))
            months = limit
        if setting and setting.owner:
            unit: Optional[Unit] = _unit(by_id[setting.owner])
        elif key == "management_review":
            unit = None  # chaired by the top manager
        else:
            code = next((f for f in functions if f in carried), functions[-1])
            unit = owners[code]
        owner = unit.name if unit else f"{top.title}{top.name}"
        every = every_text(months)
        out[key] = Activity(key, label, owner, unit.id if unit else None, months, every,
                            f"{every}至少一次" if months >= 12 else f"{every}一次")
    return out


def _onsite_kind(area) -> str:
    """onsite | rescue: as declared, else road rescue when the area's name says 救援."""
    return area.kind or ("rescue" if "救援" in area.area else "onsite")


# what each kind of work promises within the limit
_KIND_PHRASES = {
    "onsite": "{start}{d}内上门",
    "rescue": "{start}{d}内到达现场",
    "emergency": "{start}{d}内到达现场",
    "repair": "{start}{d}内到达现场维修",
    "installation": "{start}{d}内上门安装",
    "maintenance": "{start}到场维护保养，确需改期的，改期不超过{d}，且两次维护保养的间隔不超过规定周期",
    "delivery": "{start}{d}内送达",
}


def _area_limit(area, start: str) -> AreaLimit:
    """One time limit of commitments.onsite; its start is its own, else the general
    on-site start (onsite work) or the start its kind implies (rules.KIND_STARTS)."""
    kind = _onsite_kind(area)
    duration = hours_text(area.hours)
    if area.start:
        begin = vocab.ONSITE_STARTS[area.start]
    elif kind == "rescue":
        begin = rules.RESCUE_START
    elif kind in rules.KIND_STARTS:
        begin = vocab.ONSITE_STARTS[rules.KIND_STARTS[kind]]
    else:
        begin = start
    text = _KIND_PHRASES[kind].format(start=begin, d=duration)
    return AreaLimit(area.area, float(area.hours), duration, kind, text, vocab.ONSITE_KINDS[kind], begin)


def _as_installation(area: AreaLimit) -> AreaLimit:
    """An on-site limit applied to installation visits (no installation limit is committed): a visit
    counted from the call is counted from the installation booking (受理报装), not from a 报修."""
    if area.start != vocab.ONSITE_STARTS["report"]:
        return area
    start = "受理报装后"
    return replace(area, start=start, text=start + area.text[len(area.start):])


def _limits(profile: Profile, traits_car: bool, decisions: list, scheduled: bool = False) -> Limits:
    cm = profile.commitments
    start_code = cm.onsite_start or "report"
    start = vocab.ONSITE_STARTS[start_code]
    areas = [_area_limit(a, start) for a in cm.onsite]
    if cm.onsite_start is None and any(a.kind == "onsite" for a in areas):
        decisions.append(Decision(
            ("commitments", "onsite"),
            f"上门时限未声明起算点，按规则自“受理报修”起算（各文件统一表述为“{start}……内上门”）",
            "如上门时限自与顾客预约确认起算，在 commitments 中设置 onsite_start: appointment"))
    installs = tuple(a for a in areas if a.kind == "installation")
    onsite = tuple(a for a in areas if a.kind == "onsite")
    # goods installed to the purchase contract's schedule (trades.yaml install.scheduled: machine tools)
    # are installed on the confirmed plan date, not within a limit from the call (a26-4)
    if not installs and onsite and scheduled:
        decisions.append(Decision(
            ("commitments", "onsite"),
            "设备按购销合同约定的安装计划安装，上门服务时限不适用于安装；安装的及时性按“安装按期完成率”"
            "（按确认的安装计划日期完成安装验收）考核",
            "如对安装另有时限承诺，在 commitments.onsite 中增加 kind: installation 的条目"))
    elif not installs and onsite and any(p.installation_required for p in profile.products):
        decisions.append(Decision(
            ("commitments", "onsite"),
            f"安装上门未单独承诺时限，按上门服务时限执行（{'；'.join(a.area + _as_installation(a).text for a in onsite)}）",
            "如安装另有时限，在 commitments.onsite 中增加 kind: installation 的条目（可设 start: appointment）"))
    # the response to a booking runs from the booking, whatever the visit runs from (a23-7)
    install_start = "受理报装后"
    exceptions = []
    for r in cm.remote_service:  # one per province: an entry may name several (provinces: [...])
        for province in r.names:
            exceptions.append(Exception_(province, tuple(_area_limit(a, start) for a in r.onsite), r.arrangement))
    repair_days = format_number(cm.repair_days)
    repair_start = "自车辆进店之日起" if traits_car else "自受理报修之日起"
    callback_days = format_number(cm.callback_days)
    resolution_days = format_number(cm.complaint_resolution_days)
    return Limits(
        response=f"受理报修后{hours_text(cm.response_hours)}内",
        response_duration=hours_text(cm.response_hours),
        onsite_start=start,
        onsite_start_declared=cm.onsite_start is not None,
        onsite=onsite,
        rescue=tuple(a for a in areas if a.kind == "rescue"),
        repair_days=repair_days,
        repair=f"一般故障{repair_start}{repair_days}天内修复",
        callback_days=callback_days,
        callback_within=f"{'交车' if traits_car else '服务完成'}后{callback_days}天内",
        callback=f"{'交车' if traits_car else '服务完成'}后{callback_days}天内回访",
        complaint_response=f"收到投诉后{hours_text(cm.complaint_response_hours)}内",
        complaint_resolution_days=resolution_days,
        complaint_resolution=f"自受理投诉之日起{resolution_days}天内处理完毕并答复顾客",
        complaint_resolution_within=f"自受理投诉之日起{resolution_days}天内",
        parts_delivery=(f"网点提出申领后{hours_text(cm.parts_delivery_hours)}内送达"
                        if cm.parts_delivery_hours else None),
        exceptions=tuple(exceptions),
        emergency=tuple(a for a in areas if a.kind == "emergency"),
        work=tuple(a for a in areas if a.kind not in ("onsite", "rescue", "emergency")),
        installation=installs or (() if scheduled else tuple(_as_installation(a) for a in onsite)),
        installation_response=f"{install_start}{hours_text(cm.response_hours)}内",
    )


def product_traits(profile: Profile) -> Traits:
    """The company's traits (cars, gas, water, installation, rescue…): what decides
    which documents, forms and scenarios a set contains."""
    return _traits(profile)


def holds_battery(product) -> bool:
    """A product (not a car) whose category holds a battery, or that lists one among its parts:
    a courier needs it declared, and a swollen or burning battery is an emergency."""
    if product.category == "household_car":
        return False
    parts = (*product.warranty.wear_parts, *product.warranty.main_parts, *product.parts)
    return bool(vocab.CATEGORIES[product.category].get("battery")) or any("电池" in p.name for p in parts)


def is_radio(product) -> bool:
    """Radio transmitting equipment (对讲机), by its name or category label."""
    return any(word in text for word in vocab.RADIO_WORDS for text in (product.name, product.category_label))


def _customer_words(terms, customers):
    """The trades' words for the customer, with the customers' own word (客户 where every customer is
    a business) for 顾客; a trade's own legal term, such as the 使用单位 of special equipment, stays."""
    if terms.client != "顾客":
        return terms
    unit = customers.client if terms.client_unit == "顾客" else terms.client_unit
    return replace(terms, client=customers.client, client_unit=unit)


def _goods_terms(profile: Profile):
    """The words of the goods the company sells and installs (trades.yaml goods kinds)."""
    return goods_terms(
        tuple(dict.fromkeys(p.category for p in profile.products if p.category != "household_car")),
        tuple(dict.fromkeys(p.category for p in profile.products if p.installation_required)))


def _repair_route(profile: Profile, business_only: bool, goods_words) -> tuple[bool, bool]:
    """(carry_in, module_repair): whether goods are taken to an outlet for repair (客户商品领取收据,
    进出登记簿), and whether instead the goods stay at the customer's site and a faulty module is sent
    back. Goods whose kind is never carried in (cabinets, doors, machine tools: trades.yaml) are
    neither; goods a business customer had installed are repaired on site, a module sent back."""
    cars = any(p.category == "household_car" for p in profile.products)  # driven in to the workshop
    goods = [p for p in profile.products if p.category != "household_car"]
    if not goods or not goods_words.carry_in:
        return cars, False
    if business_only and all(p.installation_required for p in goods):
        return cars, True
    return True, False


def _traits(profile: Profile, network: Optional[Network] = None, goods_words=None) -> Traits:
    cars = tuple(p.id for p in profile.products if p.category == "household_car")
    goods = tuple(p.id for p in profile.products if p.category != "household_car")
    categories = {p.category for p in profile.products}
    kind = profile.company.business_type
    rescue = any(_onsite_kind(a) == "rescue" for a in profile.commitments.onsite)
    services = profile.services
    couriered = set(courier_goods(profile))
    brand_repaired = (network or repair_network(profile)).all
    trades = tuple(dict.fromkeys(s.trade for s in services))
    trade_traits = tuple(dict.fromkeys(t for code in trades for t in vocab.TRADES[code]["traits"]))
    has = lambda name: name in trade_traits  # noqa: E731
    partner = any(o.kind != "直营" for o in profile.outlets)
    customers = customers_of(profile)
    carry_in, module_repair = _repair_route(profile, customers.business_only, goods_words or _goods_terms(profile))
    return Traits(
        carry_in=carry_in,
        module_repair=module_repair,
        consumers=customers.consumers,
        businesses=customers.businesses,
        business_only=customers.business_only,
        sells=bool(profile.products),
        services=bool(services),
        trades=trades,
        trade_traits=trade_traits,
        contract_maintenance=any(s.kind == "maintenance_contract" or s.cycle_days for s in services),
        emergency=(any(s.terms.rescue_minutes for s in services)
                   or any(a.kind == "emergency" for a in profile.commitments.onsite)),
        workmanship=any(s.workmanship_months for s in services),
        user_data=any(vocab.CATEGORIES[c].get("data") for c in categories) or has("it"),
        mail_in=has_mail_in(profile),
        battery=any(holds_battery(p) for p in profile.products),
        radio=any(is_radio(p) for p in profile.products),
        service_installation=any(s.kind == "installation" for s in services),
        elevator=has("elevator"),
        special_equipment=has("special_equipment"),
        electrical=has("electrical"),
        vehicle_repair=has("vehicle_repair"),
        hvac=has("hvac"),
        it=has("it"),
        fire_safety=has("fire_safety"),
        gas_work=has("gas_work"),
        warranty_carried=kind == "distributor" and any(p.manufacturer for p in profile.products),
        loaner=profile.commitments.loaner is not None,
        business_type=kind,
        maker=kind == "manufacturer",
        dealer=kind == "distributor",
        service_provider=kind == "service_provider",
        car=bool(cars),
        goods=bool(goods),
        car_ids=cars,
        goods_ids=goods,
        installation=any(p.installation_required for p in profile.products),
        delivery=any(p.delivery for p in profile.products),
        goods_delivery=any(p.delivery for p in profile.products if p.category != "household_car"),
        vehicle_delivery=any(p.delivery and p.name not in couriered for p in profile.products),
        courier_delivery=bool(couriered),
        maintenance=any(p.maintenance for p in profile.products),
        gas=bool(categories & _GAS),
        water=bool(categories & _WATER),
        refrigeration="air_conditioner" in categories,
        rescue=rescue,
        km=any(p.warranty.whole_unit_km for p in profile.products),
        repairs=not brand_repaired,
        brand_repaired=brand_repaired,
        repairs_goods=bool(profile.products) and not brand_repaired,
        partner_outlets=partner,
        own_outlets_only=not partner,
        takes_returns=takes_returns(profile),
        sells_online="online" in profile.company.sales_channels,
    )


# what a workmanship warranty covers, by kind of service
_WORK_NOUN = {"repair": "修理", "installation": "安装", "modernisation": "改造", "maintenance_contract": "维保"}
# what the workmanship guarantee of a service that is not a repair is called (清洗消毒 is no 维修工艺)
_GUARANTEE_NAME = {"cleaning": "清洗消毒质量保证期", "inspection": "检测巡检质量保证期", "operation": "运行维护质量保证期",
                   "it_support": "技术支持质量保证期", "other": "服务质量保证期"}


# services a fault call starts (报修); the others start with the customer's request (an inspection,
# an installation, a modernisation is asked for, not reported)
_CALLED_OUT = frozenset({"maintenance_contract", "repair", "operation", "it_support"})


def _service_fact(service, products=()) -> ServiceFact:
    t = service.terms
    terms = []
    start = "受理报修后" if service.kind in _CALLED_OUT else "受理服务申请后"
    if t.response_hours:
        terms.append(("响应", f"{start}{hours_text(t.response_hours)}内响应"))
    if t.arrival_hours:
        terms.append(("到达现场", f"{start}{hours_text(t.arrival_hours)}内到达现场"))
    if t.resolution_hours:
        terms.append(("故障排除", f"受理报修后{hours_text(t.resolution_hours)}内排除一般故障"))
    if t.rescue_minutes:
        terms.append(("紧急救援", f"{vocab.ONSITE_STARTS['alarm']}{t.rescue_minutes}分钟内到达现场"))
    verb = "巡检" if service.kind == "inspection" else "维护保养"
    cycle = f"每{format_number(service.cycle_days)}天至少{verb}一次" if service.cycle_days else ""
    c = service.contract
    contract = []
    if c:
        contract += [("合同期", months_text(c.term_months))] if c.term_months else []
        contract += [("续签", c.renewal)] if c.renewal else []
        contract += [("付款", c.payment)] if c.payment else []
        contract += [("说明", c.note)] if c.note else []
    return ServiceFact(
        service.id, service.name, service.kind, vocab.SERVICE_KINDS[service.kind], service.trade,
        vocab.TRADES[service.trade]["label"], "、".join(service.equipment), service.description or "",
        tuple(terms), t.rescue_minutes, service.cycle_days, cycle, tuple(service.items),
        (_GUARANTEE_NAME.get(service.kind, f"{_WORK_NOUN.get(service.kind, '维修')}工艺质保期")
         + months_text(service.workmanship_months)
         if service.workmanship_months else ""),
        f"更换配件的质保期{months_text(service.parts_months)}" if service.parts_months else "",
        tuple(contract), tuple(service.prices),
        "、".join(dict.fromkeys(p.label for p in products if p.category == service.trade and p.label)))


def _offer(profile: Profile, traits: Traits, decisions: list) -> Offer:
    """The company's capacity and the words for what it offers."""
    kind = profile.company.business_type
    goods = join_cn(dict.fromkeys(p.category_label for p in profile.products))
    services = join_cn(s.name for s in profile.services)
    brands = []
    for i, p in enumerate(profile.products):
        if kind != "distributor":
            break
        if not p.manufacturer:
            decisions.append(Decision(
                ("products", i), f"经销的“{p.name}”未写明生产者：文件无法写明本公司执行的是哪一家生产者的保修政策",
                "在该产品下增加 manufacturer: <生产者全称>（及 brand: <品牌>）", severity="warning"))
            continue
        if p.category == "household_car":  # SAMR Order 43 fixes the start for household cars
            start = rules.CAR_WARRANTY_START
            if p.warranty_start == "invoice":
                decisions.append(Decision(
                    ("products", i, "warranty_start"),
                    "家用汽车产品的包修期和三包有效期按《家用汽车产品修理更换退货责任规定》起算：开具购车发票日期与"
                    "交付日期不一致的，自交付之日起计算；各文件按该规定表述，不按开票日期",
                    "删除 warranty_start，或改为 delivery", severity="warning"))
        elif p.warranty_start:
            start = vocab.WARRANTY_STARTS[p.warranty_start]
        else:
            start = rules.GOODS_WARRANTY_START
        if (p.brand or p.name, p.manufacturer, start) not in brands:  # one row per brand, not per model line
            brands.append((p.brand or p.name, p.manufacturer, start))
    if kind == "manufacturer":
        role, scope = "生产企业", f"本公司生产和销售的全部商品（{goods}）"
    elif kind == "distributor":
        role, scope = "销售企业", f"本公司销售的全部商品（{goods}）"
    else:
        role = "服务企业"
        scope = f"本公司按服务合同提供的全部服务项目（{services}）" if services else ""
        if goods:
            scope = (scope + f"及本公司销售的商品（{goods}）") if scope else f"本公司销售的全部商品（{goods}）"
    subject = ("商品和服务项目" if traits.sells and traits.services else "服务项目" if traits.services else "商品")
    obj = "车辆" if traits.car and not traits.goods else "商品" if traits.sells else "设备"
    warranty = ("工艺质保" if not traits.sells else "执行生产者保修" if kind == "distributor" else "三包")
    loaner = ""
    if profile.commitments.loaner:
        ln = profile.commitments.loaner
        loaner = ln.condition + (f"（备用车{ln.vehicles}辆）" if ln.vehicles else "")
    return Offer(role, scope, subject, obj, warranty, tuple(brands), loaner)


def _parts_years(profile: Profile) -> Optional[int]:
    """The years spare parts stay available after production ends, as the company commits
    to them: a dealer or a service company that states them commits to them as a maker does.
    Without them a maker promises the statutory period and a dealer follows the maker's rule."""
    return profile.commitments.parts_retention_years or None


def _parts_supply(profile: Profile, traits: Traits, decisions: list) -> str:
    years = _parts_years(profile)
    if traits.maker:
        if years:
            return f"产品停产后继续提供备件不少于{years}年"
        decisions.append(Decision(
            ("commitments",), "生产企业未写明停产后备件保留年限，文件按三包规定的最低要求表述",
            "在 commitments 中增加 parts_retention_years: <年数>", severity="warning"))
        return "产品停产后按国家三包规定的期限继续提供维修备件"
    if traits.sells:
        if years:
            return f"所售商品停产后继续保障维修备件供应不少于{years}年"
        return "停产商品的维修备件按生产企业的停产后备件供应规定订购和保障"
    if years:
        return f"维修所需配件从合格供方采购，所服务设备停产后继续保障维修配件供应不少于{years}年"
    return "维修所需配件从合格供方采购，按合同约定的质量要求保障供应"


def _approval(profile: Profile) -> Approval:
    """Documents are drafted by the head of the department that owns them; where
    that person also reviews or approves them, document_control.drafted_by drafts."""
    dc = profile.document_control
    head = profile.service_head.name
    documents = "售后服务手册、程序文件和表单"
    if head == dc.approved_by:
        powers = f"批准{documents}"
    elif head == dc.reviewed_by:
        powers = f"组织编制并审核{documents}，报{dc.approved_by}批准"
    else:
        powers = f"组织编制{documents}，经{dc.reviewed_by}审核后报{dc.approved_by}批准"
    top = profile.company.top_manager
    return Approval(dc.reviewed_by, dc.approved_by, f"{top.title}{top.name}", dc.drafted_by, powers)


def _staff(profile: Profile, tree: set[str], owners: dict[str, Unit], decisions: list) -> Staff:
    """Service staff as the documents state it: the client's own figure (company.service_staff)
    when given, else the staff of the service organisation (the service head's department tree
    and the owners of the service functions) plus the technicians of the direct (直营) outlets.
    A department's `staff` counts its own people; an own outlet run by one of them (its manager
    heads the department or is listed in it) belongs to that department, and its technicians are
    in the department's figure when it can hold them: they are not added a second time
    (_outlets_inside), with or without the client's figure. Technicians of partner outlets are not
    the company's staff. A sum that disagrees with the client's figure is reported, never printed
    over it: a department that carries a service function (a factory's quality or logistics
    department) may have only part of its people in after-sales service."""
    service_ids = set(tree) | {owners[f].id for f in rules.SERVICE_FUNCTIONS}
    units = tuple((d.name, d.staff) for d in profile.departments if d.id in service_ids and d.staff is not None)
    departments = sum(n for _, n in units) if units else None
    direct = sum(o.technicians for o in profile.outlets if o.kind == "直营")
    partner = sum(o.technicians for o in profile.outlets if o.kind != "直营")
    declared = profile.company.service_staff
    total = departments + direct if departments is not None else None
    # the client's figure at or above the plain sum says the outlets' people are not in the departments
    inside = _outlets_inside(profile, service_ids) \
        if total is not None and (declared is None or declared < total) else {}
    held = sum(n for outlets in inside.values() for _, n in outlets)
    once = total - held if total is not None else None
    ids = {"service_ids": frozenset(service_ids), "tree_ids": frozenset(tree), "held": tuple(inside.items())}
    parts = [f"{n}{k}人" + (f"（含{join_cn(o for o, _ in inside[i])}的技术人员{sum(t for _, t in inside[i])}人）"
                            if i in inside else "")
             for i, n, k in ((d.id, d.name, d.staff) for d in profile.departments
                             if d.id in service_ids and d.staff is not None)]
    listed = (f"售后服务相关部门（{join_cn(parts)}）" + (f"与直营网点技术人员{direct - held}人" if direct - held else "")
              + f"合计{once}人（每人只计一次）")
    if declared is None and held:
        decisions.append(Decision(
            ("company",),
            f"档案未填写售后服务人员总数，按{listed}表述：由部门人员负责的直营网点，其技术人员计入该部门的人数",
            f"部门人数不含这些网点人员的，在 company 中填写 service_staff: {total}；各文件按填写的人数表述"))
        return Staff(units, departments, None, once, direct, partner, breakdown=False, **ids)
    if declared is not None and total is not None and declared != total:
        outside = [d.name for d in profile.departments
                   if d.id in service_ids and d.id not in tree and d.staff is not None]
        if declared == once:  # the figure agrees, each person counted once
            return Staff(units, departments, declared, declared, direct, partner, breakdown=False, **ids)
        decisions.append(Decision(
            ("company", "service_staff"),
            f"售后服务人员填写为{declared}人，而{listed}；各文件按填写的{declared}人表述，不列部门人数明细",
            "核对 company.service_staff：" + (f"{join_cn(outside)}承担售后服务职能，其 staff 是整个部门的人数，"
                                              "其中可能只有部分人员从事售后服务；" if outside else "")
            + ("由部门人员负责的直营网点，其技术人员按计入该部门的人数计（如上），其他直营网点的技术人员另计"
               if held else "部门人数不含网点人员，直营网点技术人员另计")
            + "，合作网点人员不计入。填写无误的可不处理",
            severity="warning"))
    stated = declared if declared is not None else total
    return Staff(units, departments, declared, stated, direct, partner,
                 breakdown=stated is not None and stated == total, **ids)


def _outlets_inside(profile: Profile, service_ids: set[str]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Service department id -> ((own outlet, technicians), ...) its staff figure holds: the outlets
    whose manager heads the department or is listed in it (a trainer, a 售后服务管理师, a supervisor),
    as many as the figure can hold (Staff.held; the 自评报告 reads it)."""
    placed = {d.head: d.id for d in reversed(profile.departments)}
    for p in [*profile.people.service_managers, *profile.people.supervisors, *profile.training.trainers]:
        if p.department:
            placed.setdefault(p.name, p.department)
    room = {d.id: d.staff for d in profile.departments if d.id in service_ids and d.staff is not None}
    inside: dict[str, list] = {}
    for o in profile.outlets:
        runner = placed.get(o.manager)
        if o.kind == "直营" and runner in room and room[runner] >= o.technicians:
            room[runner] -= o.technicians
            inside.setdefault(runner, []).append(o)
    return {k: tuple((o.name, o.technicians) for o in v) for k, v in inside.items()}


def _call_log_fields(traits: Traits) -> tuple[str, ...]:
    if traits.car:
        return ("受理时间", "车主姓名", "联系电话", "车牌号码", "车型", "车辆识别代号", "购车日期", "行驶里程",
                "故障现象", "是否在包修期内", "承修门店", "受理人")
    if not traits.sells:  # a service company: the equipment under contract, not goods bought
        return ("受理时间", "使用单位", "联系人及电话", "设备地点", "设备编号", "合同编号", "故障现象",
                "是否在质保期内", "派往网点", "受理人")
    return ("受理时间", "顾客姓名", "联系电话", "地址", "商品型号", "购买日期", "故障现象", "是否在保修期内",
            "派往网点", "受理人")


def _survey_items(traits: Traits) -> tuple[tuple[str, str], ...]:
    """What the satisfaction survey asks: (item, what the respondent judges).
    CX-05 lists the items and the survey form asks each one."""
    if not traits.sells:  # a service company is judged on its service, not on goods it does not sell
        items = [("设备运行状况", "维护后设备运行的稳定和安全"), ("服务热线接通和受理", "热线接通、受理和派工")]
    elif not traits.repairs:  # the brands' networks repair: judged on receiving, forwarding and returns
        return (("商品质量", "使用中的质量和可靠性"), ("服务热线接通和受理", "热线接通和受理"),
                ("响应和办理及时性", "按承诺时限受理、代送和退换货"), ("品牌维修跟踪", "进度告知及时，修复结果满意"),
                ("服务态度和规范", "热情礼貌，答复准确"), ("投诉处理结果", "未投诉的可不填"),
                ("总体评价", "对本次服务的总体满意程度"))
    else:
        items = [("车辆质量" if traits.car and not traits.goods else "商品质量", "使用中的质量和可靠性"),
                 ("服务热线接通和受理", "热线接通、受理和派工")]
    if traits.contract_maintenance:
        items.append(("按计划维护保养", "按合同周期到场，维保项目完整"))
    if traits.emergency:
        items.append(("紧急救援到达及时性", "按承诺时限到达现场"))
    if traits.car:
        items.append(("预约、接车和交车及时性", "按约定时间接车、交车"))
        if traits.rescue:
            items.append(("道路救援到达及时性", "按承诺时限到达现场"))
    else:
        items.append(("响应和上门及时性", "按预约时间到达"))
    items += [("维修质量", "一次修好、故障彻底排除"), ("服务态度和规范", "热情礼貌，着装、证件和现场清理"),
              ("收费合理性", "按公示标准收费并开票"), ("投诉处理结果", "未投诉的可不填"),
              ("总体评价", "对本次服务的总体满意程度")]
    return tuple(items)


def _warranty_start(products) -> str:
    """When the 三包 periods of these product lines start: each line's warranty_start (any business
    type), else the rule's invoice date; lines that start differently are named with their start."""
    starts: dict[str, list[str]] = {}
    for p in products:
        starts.setdefault(vocab.WARRANTY_STARTS[p.warranty_start] if p.warranty_start
                          else rules.GOODS_WARRANTY_START, []).append(p.name)
    if len(starts) <= 1:
        return next(iter(starts), rules.GOODS_WARRANTY_START)
    return "按产品线起算（" + "；".join(f"{join_cn(names)}{start}" for start, names in starts.items()) + "）"


# words in a product line's name, description or warranty note that say it is made to order
_MADE_TO_ORDER_WORDS = ("定制", "定作", "按订单", "不适用七日无理由退货")


def _no_reason_return(profile: Profile, entry: Optional[dict], decisions: list) -> Optional[NoReasonReturn]:
    """The product lines 消费者权益保护法 Art. 25 excludes from the 7-day no-reason return, and the
    sentence every document states them with (rights.yaml distance_sales `exclusions`, `right`)."""
    if entry is None:
        return None
    labels = entry["exclusions"]
    excluded, grouped = [], {}
    for i, p in enumerate(profile.products):
        if p.return_exclusion:
            excluded.append((p.name, labels[p.return_exclusion]))
            grouped.setdefault(labels[p.return_exclusion], []).append(p.name)
            continue
        said = " ".join(filter(None, (p.name, p.description, p.warranty.note)))
        if any(word in said for word in _MADE_TO_ORDER_WORDS):
            decisions.append(Decision(
                ("products", i), f"“{p.name}”写明按订单定制或不适用七日无理由退货，而档案未标明其依法不适用："
                "文件按通过网络等方式购买的商品享有七日无理由退货表述",
                "按顾客订单定作的，在该产品下增加 return_exclusion: made_to_order（消费者权益保护法第二十五条）",
                severity="warning"))
    every = bool(excluded) and len(excluded) == len(profile.products)
    goods = "；".join(f"{join_cn(names)}属于{label}" for label, names in grouped.items())
    if every and len(grouped) == 1:
        label, names = next(iter(grouped.items()))
        goods = f"本公司销售的{join_cn(names)}均属于{label}"
    sentence = entry["right"].format(goods=goods) if goods else ""
    return NoReasonReturn(tuple(excluded), sentence, every)


def _durable(profile: Profile, entry: dict) -> tuple[str, ...]:
    """The product lines that are durable goods in the sense of 消费者权益保护法 Art. 23 para 3."""
    durable = entry.get("durable") or {}
    codes = set(durable.get("categories", ())) | set(durable.get("alike", ()))
    return tuple(p.name for p in profile.products if p.category in codes)


def _rights(profile: Profile, traits: Traits, distance_sales: bool, table, statutory,
            no_reason: Optional[NoReasonReturn] = None, fault: str = "性能故障") -> tuple[Rights, ...]:
    """The rules whose rights the set states in full, with their periods' start filled in. A 三包
    rule (rights.yaml `rule`) covers the product lines its catalogue holds in sanbao.yaml, and the
    one marked `voluntary` also those outside every catalogue. The consumer law's Art. 24 holds for
    every good sold (with Art. 23 para 3 where some are durable goods); Art. 25 names the company's
    own goods it excludes."""
    from sskit.standard.statutory import rights_fill

    if not traits.consumers:  # the consumer law and the 三包 rules protect consumers only
        return ()
    governing = [(p, statutory.governing_rule(p.category)) for p in profile.products]
    uncatalogued = tuple(p for p, rule in governing if rule is None)
    applies = {"uncatalogued": bool(uncatalogued), "distance_sales": distance_sales, "goods": traits.sells,
               "dealer_channel": traits.maker and "dealer" in profile.company.sales_channels}
    out = []
    for rule in table:
        covered = tuple(p for p, key in governing if key is not None and key == rule.get("rule"))
        voluntary = uncatalogued if rule.get("voluntary") else ()
        if rule.get("rule"):
            if not (covered or voluntary):
                continue
        elif not applies.get(rule["applies"]):
            continue
        start = (rules.CAR_WARRANTY_START if rule.get("rule") == "household_car"
                 else _warranty_start(covered + voluntary))
        fill = rights_fill(start, rules.CAR_EARLY_WINDOW, fault)
        texts = [text.format(**fill) for text in rule["rights"]]
        name = rule["name"]
        durable = _durable(profile, rule) if rule.get("durable") else ()
        if durable:
            name = rule["durable"]["name"]
            texts.insert(0, rule["durable"]["right"].format(goods=join_cn(durable)))
        if rule["key"] == "distance_sales" and no_reason and no_reason.sentence:
            texts.insert(2, no_reason.sentence)
            if no_reason.every:
                texts = texts[:3]  # no refund: none of its goods may be returned without reason
        out.append(Rights(rule["key"], name, rule["number"], tuple(texts),
                          tuple(p.name for p in covered), tuple(p.name for p in voluntary)))
    return tuple(out)


def _applicable_laws(profile: Profile, table: list, traits: Optional[Traits] = None) -> tuple[str, ...]:
    categories = {p.category for p in profile.products}
    kind = profile.company.business_type
    out = []
    channels = set(profile.company.sales_channels)
    for row in table:
        if row.get("business_types") and kind not in row["business_types"]:
            continue
        if traits is not None and any(getattr(traits, t, False) for t in row.get("not_traits", ())):
            continue  # e.g. the consumer laws, for a company whose customers are all businesses
        if row.get("channels"):
            if channels & set(row["channels"]):
                out.append(row["name"])
            continue
        if row.get("applies") == "all" or categories & set(row.get("categories", ())):
            out.append(row["name"])
        elif traits is not None and any(getattr(traits, t, False) for t in row.get("traits", ())):
            out.append(row["name"])
    return tuple(out)


def _arrivals(limits: Limits) -> tuple[AreaLimit, ...]:
    """The limits within which a technician arrives at a fault: on-site visits and kind: repair."""
    return limits.onsite + tuple(a for a in limits.work if a.kind == "repair")


def _target_standard(key: str, limits: Limits, services: tuple = (), remote=None) -> str:
    """The time limit a target is measured against, as the commitments state it."""
    areas = lambda items: "；".join(a.area + a.text for a in items)  # noqa: E731
    return {
        "response_on_time": limits.response + "与顾客联系",
        "onsite_on_time": areas(_arrivals(limits)),
        "mail_in_on_time": ("；".join(g.turnaround if remote.nationwide else f"{g.named}：{g.turnaround}"
                                      for g in remote.mail_in if g.turnaround) if remote else ""),
        "rescue_on_time": areas(limits.rescue) + "（提供道路救援的门店服务范围内）",
        "installation_on_time": areas(limits.installation) or "按与顾客预约的时间上门",
        "repair_on_time": limits.repair,
        "callback_rate": limits.callback,
        "complaint_response_on_time": limits.complaint_response + "响应",
        "complaint_closure": limits.complaint_resolution,
        "inspection_on_time": rules.RETURNS_INSPECTION_WITHIN + "完成验货",
        "refund_on_time": rules.RETURNS_REFUND_WITHIN + "退款",
        "parts_on_time": limits.parts_delivery or "",
        "maintenance_on_time": "；".join(f"{s.name}{s.cycle}" for s in services if s.cycle),
        "emergency_on_time": areas(limits.emergency) or "；".join(
            f"{s.name}{dict(s.terms)['紧急救援']}" for s in services if s.rescue_minutes),
    }.get(key, "")


def _targets(profile: Profile, traits: Traits, limits: Limits, owners: dict[str, Unit],
             activities: dict, units: dict[str, Unit], decisions: list, services: tuple = (),
             remote=None, repairs_by_brand: bool = False, scheduled: bool = False,
             distance_sales: bool = False) -> tuple[Target, ...]:
    """The yearly service targets: the profile's figures, else the documented defaults. `scheduled`:
    the goods are installed on the plan date (a26-4); `distance_sales`: the Art. 25 return applies."""
    declared = profile.targets
    out, defaulted = [], []
    # the returns procedure times the inspection of goods received back, except where installed goods
    # are checked at the customer's site and no no-reason return comes back (returns.md.j2 step 4)
    no_reason = distance_sales and not all(p.return_exclusion for p in profile.products)
    for key, (default, function, trait, formula, record) in rules.KPI_RULES.items():
        if trait and not getattr(traits, trait, False):
            continue
        if key == "inspection_on_time" and traits.installation and not no_reason:
            continue
        if key == "repair_on_time" and remote is not None and remote.nationwide:
            continue  # one clock: the mail-in target measures the same repairs (寄修按时修复率)
        if repairs_by_brand and key in ("first_time_fix", "parts_on_time"):
            continue  # the brands' centres fix and stock parts: nothing of the company's to count
        if repairs_by_brand and record == "维修记录卡":
            # the brands' centres keep the repair cards: the company counts from its own register
            formula, record = formula.replace("维修单", "报修单"), "叫修登记表"
        standard = _target_standard(key, limits, services, remote)
        label = vocab.KPIS[key]
        if key == "installation_on_time" and scheduled and not limits.installation:
            label, standard, formula, acceptance, visit = rules.SCHEDULED_INSTALLATION_KPI
            record = visit if traits.consumers else acceptance  # BD-81 where every customer is a business
        if key in ("parts_on_time", "onsite_on_time", "mail_in_on_time") and not standard:
            continue  # no time promised: nothing to measure against
        if key == "satisfaction":
            value = profile.commitments.satisfaction_target
            if key in declared and declared[key] != value:
                decisions.append(Decision(
                    ("targets", key), f"年度服务目标的顾客满意度{format_number(declared[key])}%与服务承诺的"
                    f"{format_number(value)}%不一致，文件统一采用服务承诺的{format_number(value)}%",
                    "删除 targets.satisfaction，或修改 commitments.satisfaction_target", severity="warning"))
        elif key in declared:
            value = declared[key]
        else:
            value = default
            defaulted.append(f"{label}{format_number(value)}%")
        # a target of an activity is counted by whoever runs it (never the top manager)
        kind, _, activity = function.partition(":")
        unit = units[activities[activity].owner_id] if kind == "activity" else owners[function]
        out.append(Target(key, label, value, (f"≥{format_number(value)}%" if value < 100 else "100%"), key in declared or
                          key == "satisfaction", standard, formula, record, unit.name, unit.id))
    if defaulted:
        decisions.append(Decision(
            ("targets",) if declared else (), "年度服务目标未在档案中给出的指标按默认值：" + "、".join(defaulted),
            "在档案中增加 targets: {first_time_fix: 92, ...} 写明本公司的目标值"))
    return tuple(out)


def _appointments(profile: Profile, owners: dict[str, Unit]) -> Appointments:
    names = {d.id: d.name for d in profile.departments}
    people = profile.people
    managers = tuple(Appointee(p.name, names.get(p.department or "", ""), certificate=p.certificate)
                     for p in people.service_managers)
    supervisors = tuple(Appointee(p.name, names.get(p.department or "", ""), phone=p.phone or "")
                        for p in people.supervisors)
    count = len(managers) if managers else (profile.company.certified_service_managers or 0)
    date = people.appointed or profile.document_control.effective_date
    return Appointments(date_text(date), managers, count, supervisors, owners["supervision"])


def derive_facts(profile: Profile, catalogue, laws: Optional[list] = None) -> Facts:
    from sskit.standard import load_laws, load_rights
    from sskit.standard.statutory import load_statutory

    decisions: list[Decision] = []
    tree = _service_tree(profile)
    owners = _function_owners(profile, tree, decisions)
    network = repair_network(profile)
    customers = customers_of(profile)
    goods = _goods_terms(profile)
    traits = _traits(profile, network, goods)
    rescue_outlets = tuple(o.id for o in profile.outlets
                           if (o.rescue if o.rescue is not None else "救援" in o.hours))
    philosophy = profile.company.service_philosophy
    laws = _applicable_laws(profile, load_laws() if laws is None else laws, traits)
    # Art. 25 protects consumers: a company that sells only to businesses owes no no-reason return
    distance_sales = traits.consumers and bool(set(profile.company.sales_channels) & set(vocab.DISTANCE_CHANNELS))
    limits = _limits(profile, traits.car, decisions, goods.install.scheduled)
    activities = _activities(profile, owners, decisions, traits.sells)
    rights_table = load_rights()
    no_reason = _no_reason_return(
        profile, next((r for r in rights_table if r["key"] == "distance_sales"), None) if distance_sales else None,
        decisions)
    rights = _rights(profile, traits, distance_sales, rights_table, load_statutory(), no_reason, goods.fault)
    units = {d.id: _unit(d) for d in profile.departments}
    offer = _offer(profile, traits, decisions)
    services = tuple(_service_fact(sv, profile.products) for sv in profile.services)
    parts_supply = _parts_supply(profile, traits, decisions)
    # a 三包 rule the set applies voluntarily (goods outside its catalogue) is one of the
    # company's applicable rules too: the law list must name what the manual cites
    laws = laws + tuple(r.name for r in rights if r.sanbao and r.name not in laws)
    matrix_columns = _matrix_columns(profile, decisions)
    remote = remote_service(profile, limits.exceptions)
    limits = one_repair_clock(limits, remote)  # a nationwide mail-in company's one repair clock
    return Facts(
        traits=traits,
        function_owner=owners,
        clauses=_clauses(profile, catalogue, owners, decisions, activities, network.all),
        activities=activities,
        limits=limits,
        approval=_approval(profile),
        staff=_staff(profile, tree, owners, decisions),
        rescue_outlets=rescue_outlets if traits.rescue else (),
        laws=laws,
        parts_years=_parts_years(profile),
        parts_supply=parts_supply,
        publicity_places=remote.publicity or (f"官方网站、产品说明书、{customers.warranty_card}和各服务网点" if traits.maker
                          else "官方网站、销售合同和各服务网点" if traits.sells
                          else "官方网站、服务合同和各服务网点"),
        sanbao_laws=tuple(law for law in laws if "修理更换退货责任规定" in law),
        philosophy=philosophy or rules.DEFAULT_PHILOSOPHY,
        philosophy_declared=philosophy is not None,
        goods_warranty_start=_warranty_start([p for p in profile.products if p.category != "household_car"]),
        car_warranty_start=rules.CAR_WARRANTY_START,
        car_early_window=rules.CAR_EARLY_WINDOW,
        rights=rights,
        distance_sales=distance_sales,
        customers=customers,
        call_log_fields=_call_log_fields(traits),
        survey_items=_survey_items(traits),
        categories=tuple(dict.fromkeys(p.category for p in profile.products)),
        not_applicable=dict(profile.responsibilities.not_applicable),
        targets=_targets(profile, traits, limits, owners, activities, units, decisions, services, remote, network.all,
                         goods.install.scheduled, distance_sales),
        appointments=_appointments(profile, owners),
        units=units,
        services=services,
        offer=offer,
        matrix_columns=matrix_columns,
        decisions=tuple(decisions),
        terms=_customer_words(trade_terms(traits.trades), customers),
        remote=remote,
        courier_goods=courier_goods(profile),
        network=network,
        takes_returns=traits.takes_returns,
        no_reason_return=no_reason,
        goods_terms=goods,
    )
