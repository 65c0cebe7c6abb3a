"""Stage 2: Profile -> plain view data shared by every document.

Pure functions: they take the validated model and return dicts, lists and
strings ready for the templates (labels resolved, durations phrased, the
departments in tree order, the charts built: sskit.view.charts). Templates never compute.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Callable

from sskit.profile import vocab
from sskit.profile.model import Department, Product, Profile
from sskit.phrasing import date_text, every_text, format_number, months_text, period_text, sentence
from sskit.view import charts


def _department_view(dept: Department, names: dict[str, str], depth: int) -> dict:
    return {
        "id": dept.id,
        "name": dept.name,
        "parent": names.get(dept.parent) if dept.parent else None,
        "head": dept.head,
        "functions": [vocab.FUNCTIONS[f] for f in dept.functions],
        "function_codes": list(dept.functions),
        "staff": dept.staff,
        "duties": list(dept.duties),
        "phone": dept.phone,
        "group": dept.group,
        "depth": depth,
    }


def org_tree(profile: Profile) -> list[dict]:
    """Departments in tree order (parents before children), with depth.

    When the top department is the top manager's own office (it carries the
    management function), the departments under it report to the top manager
    in the chart, beside the office, not below it."""
    names = {d.id: d.name for d in profile.departments}
    children: dict[str | None, list[Department]] = {}
    for dept in profile.departments:
        children.setdefault(dept.parent or None, []).append(dept)
    roots = children.get(None, [])
    office = roots[0].id if len(roots) == 1 and "management" in roots[0].functions else None
    if office:
        names_shown = dict(names)
        names_shown.pop(office)
        children[None] = roots + children.pop(office, [])
    else:
        names_shown = names
    ordered: list[dict] = []

    def walk(parent: str | None, depth: int) -> None:
        for dept in children.get(parent, []):
            ordered.append(_department_view(dept, names_shown, depth))
            walk(dept.id, depth + 1)

    walk(None, 0)
    return ordered


def warranty_view(product: Product) -> dict:
    w = product.warranty
    return {
        "return_days": w.return_days,
        "exchange_days": w.exchange_days,
        # the table cells: a business-only company may state no days (its contract governs)
        "return_period": _days_text(w.return_days),
        "exchange_period": _days_text(w.exchange_days),
        # the line promises return or exchange days: for business customers, a promise of the contract
        "states_return": w.return_days is not None or w.exchange_days is not None,
        "whole_unit": period_text(w.whole_unit_months, w.whole_unit_km),
        "whole_unit_months": w.whole_unit_months,
        "sanbao": period_text(w.sanbao_months, w.sanbao_km) if w.sanbao_months else None,
        "main_parts": [{"name": p.name, "period": period_text(p.months, p.km)} for p in w.main_parts],
        "wear_parts": [{"name": p.name, "period": period_text(p.months, p.km)} for p in w.wear_parts],
        "note": w.note,
        "remarks": _warranty_remarks(w, product.category == "household_car"),
    }


def _days_text(days) -> str:
    """A 包退期/包换期 cell: 7天, or 按合同约定 where the line states none."""
    return "按合同约定" if days is None else f"{days}天"


def _warranty_remarks(w, car: bool = False) -> str:
    """The sentence after the warranty table: 三包有效期, wear parts (a car's 易损耗零部件 have
    a 质量保证期, as SAMR Order 43 calls it), the note."""
    parts = []
    if w.sanbao_months and not w.whole_unit_km:  # a car's 三包有效期 has its own column
        parts.append(f"三包有效期为{period_text(w.sanbao_months, w.sanbao_km)}")
    if w.wear_parts:
        parts.append(("易损耗零部件的质量保证期为" if car else "易损件保修期为") + "、".join(f"{p.name}{period_text(p.months, p.km)}" for p in w.wear_parts))
    if w.note:
        parts.append(w.note.rstrip("。；;."))
    return "；".join(parts) + "。" if parts else ""


def product_view(product: Product) -> dict:
    return {
        "id": product.id,
        "name": product.name,
        "category": product.category_label,
        "category_code": product.category,
        "brand": product.brand,
        "manufacturer": product.manufacturer,
        "models": list(product.models),
        "description": product.description,
        "warranty": warranty_view(product),
        "installation_required": product.installation_required,
        "installation_free": product.installation_free,
        "delivery": product.delivery,
        # a battery among its parts: a courier needs it declared (含电池的商品按快递企业的规定申报)
        "battery": any("电池" in part.name for part in (*product.warranty.wear_parts, *product.warranty.main_parts,
                                                        *product.parts)),
        "maintenance": ({"cycle": months_text(product.maintenance.cycle_months),
                         "every": every_text(product.maintenance.cycle_months),
                         "tasks": list(product.maintenance.items)} if product.maintenance else None),
        "service_life_years": product.service_life_years,
        "parts": [{"name": p.name, "price": format_number(p.price), "unit": p.unit, "note": p.note}
                  for p in product.parts],
        "labour_fee": ({"price": format_number(product.labour_fee.price), "unit": product.labour_fee.unit,
                        "note": product.labour_fee.note} if product.labour_fee else None),
    }


def ordered_outlets(profile: Profile) -> list:
    """Outlets grouped by province and city in the order the profile first
    names them (the consultant's order, usually headquarters first)."""
    province_rank: dict[str, int] = {}
    city_rank: dict[tuple, int] = {}
    for o in profile.outlets:
        province_rank.setdefault(o.province, len(province_rank))
        city_rank.setdefault((o.province, o.city), len(city_rank))
    position = {o.id: i for i, o in enumerate(profile.outlets)}
    return sorted(profile.outlets, key=lambda o: (province_rank[o.province], city_rank[(o.province, o.city)],
                                                  position[o.id]))


def outlets_by_province(profile: Profile) -> list[dict]:
    groups: "OrderedDict[str, list]" = OrderedDict()
    for o in ordered_outlets(profile):
        groups.setdefault(o.province, []).append(o)
    return [{"province": prov, "count": len(items),
             "kinds": _count_kinds(items)} for prov, items in groups.items()]


def _count_kinds(outlets) -> str:
    counts = OrderedDict((k, 0) for k in vocab.OUTLET_KINDS)
    for o in outlets:
        counts[o.kind] += 1
    return "、".join(f"{k}{n}家" for k, n in counts.items() if n)


def category_labels(profile: Profile) -> dict[str, str]:
    """Category code -> the name the documents print: the products' own labels where they
    give one (中央软水机 rather than 其他商品), else the vocabulary's."""
    labels: dict[str, list[str]] = {}
    for p in profile.products:
        name = p.category_label
        if name not in labels.setdefault(p.category, []):
            labels[p.category].append(name)
    return {code: "、".join(names) for code, names in labels.items()}


def outlet_view(outlet, labels: dict | None = None, service_names: dict | None = None) -> dict:
    """One outlet as the documents print it. `service_names` (service id -> name) gives the
    services it performs: those it lists, or all of the company's when it lists none."""
    names = service_names or {}
    return {
        "id": outlet.id,
        "name": outlet.name,
        "kind": outlet.kind,
        "province": outlet.province,
        "city": outlet.city,
        "district": outlet.district,
        "address": outlet.address,
        "phone": outlet.phone,
        "hours": outlet.hours,
        "manager": outlet.manager,
        "technicians": outlet.technicians,
        "categories": [(labels or {}).get(c) or vocab.CATEGORIES[c]["label"] for c in outlet.categories],
        "services": [names[i] for i in outlet.services if i in names] if outlet.services else list(names.values()),
        "service_area": outlet.service_area,
        "vehicles": outlet.vehicles,
        "contract": ({"number": outlet.contract.number, "start": date_text(outlet.contract.start),
                      "end": date_text(outlet.contract.end)} if outlet.contract else None),
    }


def departments_with(profile: Profile, *functions: str) -> list[str]:
    """Names of the departments that carry any of these functions."""
    wanted = set(functions)
    return [d.name for d in profile.departments if wanted & set(d.functions)]


def who_any_of(facts) -> Callable[[list], str]:
    """who_any(["repair", "technical_support"]): the accountable department of
    each function (from the facts), each named once."""

    def who_any(codes) -> str:
        names: list[str] = []
        for code in codes:
            name = facts.who(code)
            if name not in names:
                names.append(name)
        return "、".join(names)

    return who_any


def duty_merger() -> Callable[[list], list[dict]]:
    """merge_duties([(who, duty), ...]): one entry per department, duties of a
    department joined with ；, and departments with identical duties sharing
    one entry. `who` may name several departments joined with 、."""

    def merge_duties(items) -> list[dict]:
        per_name: dict[str, list[str]] = {}
        for item in items:
            if item is None:  # a duty the company does not have (written `(…) if cond else None`)
                continue
            who, duty = item
            # a duty shared by several departments stays one entry ("A、B：duty"), so that
            # no duty sentence is listed under two entries
            per_name.setdefault(str(who), [])
            if duty not in per_name[str(who)]:
                per_name[str(who)].append(duty)
        by_text: dict[str, list[str]] = {}
        for name, duties in per_name.items():
            by_text.setdefault("；".join(duties), []).append(name)
        return [{"names": "、".join(names), "text": text} for text, names in by_text.items()]

    return merge_duties


def warranty_word(traits) -> str:
    """包修期 for a company whose products are all household cars (Order 43's term), else 保修期."""
    return "包修期" if traits.car and not traits.goods else "保修期"


def _limit_item(a) -> str:
    """The row heading of one time limit: its area where that already names the work
    (苏州市区困人救援), else the kind of work with the area (故障维修（苏州市区一般故障）)."""
    if a.kind == "onsite":
        return f"上门服务（{a.area}）"
    if a.kind == "rescue":
        return f"道路救援（{a.area.replace('道路救援', '') or a.area}）"
    label = a.kind_label or vocab.ONSITE_KINDS.get(a.kind, "")
    if not label or label[-2:] in a.area:
        return a.area
    return f"{label}（{a.area}）"


def arrival_limits(limits) -> tuple:
    """The limits within which a technician arrives for a fault call, by area: the on-site
    limits and those of kind repair (the rest are rescue, installation, maintenance…)."""
    return tuple(limits.onsite) + tuple(a for a in limits.work if a.kind == "repair")


def service_levels(profile: Profile, service, limits) -> list[tuple[str, str]]:
    """A service's own service levels as (label, text), one limit per promise: a level the
    general commitments already state with the same figure is not repeated, and where the
    commitments give limits by area for the same work (arrival at a fault, emergency
    arrival) with the service's own figure in every area, the area rows state it and the
    service row gives no second figure (nor points at them: a maintenance contract's scheduled
    visits would read as if they had an arrival limit). A service arrival shorter than some
    area's is the contract's own promise there and is printed in its row (a25-10). Which limit
    applies where is said, never "whichever is stricter"."""
    cm = profile.commitments
    terms = next((s.terms for s in profile.services if s.id == service.id), None)
    by_area = arrival_limits(limits)
    out = []
    for label, text in service.terms:
        fault_call = text.startswith("受理报修后")  # the facts phrase a fault call's terms so
        if any(text == a.text for a in limits.all):
            continue
        if label == "响应" and fault_call and terms and terms.response_hours == cm.response_hours:
            continue  # the 报修响应 row
        if label == "到达现场" and fault_call and by_area and terms and all(a.hours == terms.arrival_hours for a in by_area):
            continue  # the area rows (故障维修（城区）…) state it, and a scheduled visit has no arrival limit
        if label == "故障排除" and terms and terms.resolution_hours == cm.repair_days * 24:
            continue  # the 一般故障修复 row, the same figure
        if label == "紧急救援" and limits.emergency:
            continue  # the 紧急救援 rows state it
        out.append((label, text))
    return out


def service_warranties(services) -> list[tuple[str, str]]:
    """(service name, 工艺质保期…，更换配件的质保期…) for the services that promise a warranty."""
    return [(s.name, "，".join(x for x in (s.workmanship, s.parts) if x))
            for s in services if s.workmanship or s.parts]


def commitment_rows(profile: Profile, facts) -> list[tuple[str, str]]:
    """The service commitments as (item, promise) rows. The manual's 服务承诺 and the
    售后服务承诺书 print these same rows, so their wording cannot drift apart.

    What a company promises follows from what it is: goods bring the warranty and 三包
    rows (a dealer's name the manufacturers whose warranty it carries out), services
    under contract bring their service levels, maintenance cycles and workmanship
    warranty; a company that sells nothing has no 三包 row, one whose customers are all businesses
    states the contract warranty instead (and one with both kinds adds it). Each promise has one limit
    (service_levels): a service's own figure is not printed beside the area limits or the
    general repair limit it repeats or is governed by, and the rows say which applies where."""
    cm = profile.commitments
    limits, traits, offer = facts.limits, facts.traits, facts.offer
    technicians = sum(o.technicians for o in profile.outlets)
    sells = traits.sells
    rows = [("服务热线", f"{cm.hotline}（{cm.hotline_hours}）")]
    if cm.online_channels:
        rows.append(("线上服务渠道", "、".join(cm.online_channels)))
    rows.append(("报修响应", f"{limits.response}与顾客联系并确认服务方案"))
    rows += [(_limit_item(a), a.text) for a in limits.all]
    own_repair = []  # services whose own repair limit differs from repair_days
    for s in facts.services:
        levels = service_levels(profile, s, limits)
        if any(label == "故障排除" for label, _ in levels):
            own_repair.append(s.name)
        if s.cycle:
            levels.insert(0, ("周期", s.cycle))
        if levels:
            rows.append((s.name, "，".join(text for _, text in levels)))
    repair = limits.repair
    if own_repair:
        repair += f"（{'、'.join(own_repair)}按其本表所列的时限）"
    if any(g.turnaround for g in facts.remote.mail_in) and not facts.remote.nationwide:
        repair += "；寄修的商品按表后所列寄修安排的时限修复"
    rows += [
        ("一般故障修复", f"{repair}；需调配{'备件' if sells else '配件'}的，提前告知顾客预计时间"),
        ("服务回访", limits.callback),
        ("投诉响应", f"{limits.complaint_response}响应"),
        ("投诉处理", limits.complaint_resolution),
        ("顾客满意度", f"年度顾客满意度不低于{format_number(cm.satisfaction_target)}%"),
    ]
    network = facts.network
    if network is not None and network.all:
        # the brands' authorised networks repair every line: the company promises what it does itself
        centres = "；".join(f"{'、'.join(c.products)}由{c.contact}维修" for c in network.centres)
        rows.append(("品牌授权维修", f"保修期内外的维修由生产者的授权服务中心承担：{centres}。本公司受理报修、核实三包，"
                                     "引导顾客送修或代为寄送，跟踪维修进度并告知顾客结果"))
        rows.append(("服务人员", "客服和退换货人员经培训考核合格后上岗，服务时报出工号"))
    else:
        if sells:
            staff = (f"{'维修、安装' if traits.installation else '维修'}人员经培训考核合格、持证上岗，"
                     f"{'上门服务时出示工作证件' if limits.onsite else '接待和救援时佩戴工牌'}")
        else:
            staff = "作业人员经培训考核合格、持证上岗，到顾客现场作业时佩戴工牌、出示工作证件"
        rows.append(("服务人员", f"{staff}；各服务网点共配备技术人员{technicians}名"))
        rows.append(("备件供应" if sells else "配件供应",
                     facts.parts_supply + (f"；常用{'备件' if sells else '配件'}在{limits.parts_delivery}服务网点"
                                           if limits.parts_delivery else "")))
    distance = facts.rights_of("distance_sales")
    if distance:
        own = facts.no_reason_return
        if own and own.every:  # the law's right, and that it holds for none of the company's goods
            promise = f"{own.sentence}商品存在质量问题的，按国家规定和本公司三包承诺退货、更换或修理"
        elif own and own.sentence:
            promise = f"{distance.rights[0]}{distance.rights[-1]}{own.sentence}"
        else:
            promise = f"{distance.rights[0]}{distance.rights[-1]}不适用七日无理由退货的商品，在销售页面以显著方式标明"
        rows.append(("七日无理由退货", promise))
    if sells:
        if traits.dealer and offer and offer.brands:
            # brands that share one start rule are named together, the rule said once
            starts: dict[str, list[str]] = {}
            for brand, maker, start in dict.fromkeys(offer.brands):
                starts.setdefault(start, []).append(f"{brand}（{maker}）")
            carried = "；".join(f"{'、'.join(names)}{warranty_word(traits)}{start}" for start, names in starts.items())
            rows.append(("生产者保修", f"按生产者的保修政策为所售商品提供保修服务：{carried}"))
        customers = facts.customers
        if customers.business_only:
            # no 三包 for business customers: the contract's warranty, on the 质量保证书 (a25-2, a25-3)
            rows.append(("质量保证", f"各产品线的保修期、保修范围和除外责任在购销合同和随商品交付的{customers.warranty_card}中载明；"
                                     "设备质量不符合约定的，按合同约定修理、更换或者退货"))
        else:
            scope = []
            if traits.car:
                scope.append("家用汽车产品的包修期、三包有效期和换车、退车条件")
            if traits.goods:
                scope.append("各产品线的包修、包换、包退期限和条件")
            # where businesses buy too, the 三包 is the consumers' and a contract gives no less (a26-1, a26-2)
            whose = "个人消费者购买的商品，" if customers.businesses else ""
            rows.append(("三包", whose + "，".join(scope) + "在随商品交付的三包凭证中载明，" + sanbao_floor(profile)))
            if customers.businesses:
                rows.append(("单位客户保修", "单位客户的保修期、保修范围和除外责任按购销合同约定执行，购销合同约定的"
                                             "保修期不短于本公司公布的各产品线保修期和主要部件保修期；"
                                             "购销合同不减少消费者依法享有的权利"))
        if offer and offer.loaner:
            rows.append(("备用车", offer.loaner))
    warranties = service_warranties(facts.services)
    if warranties:
        rows.append(("服务质保", "；".join(f"{name}：{text}" for name, text in warranties)
                     + "；质保期内因维修工艺或所换配件的质量问题再次发生故障的，免费修复"))
    if cm.supervision_channels:
        rows.append(("服务监督", "；".join(cm.supervision_channels)))
    places = "、".join(cm.fees.publicity)
    if sells and network is not None and network.all:
        period = warranty_word(traits)
        fees = (f"{period}内因质量问题由品牌授权服务网点免费修理；{period}外的维修费用按品牌授权服务网点公示的标准收取；"
                f"本公司的服务规定公示于{places}")
    elif sells:
        period = warranty_word(traits)
        fees = f"{period}内因质量问题免费修理；{period}外按公示标准收费，公示于{places}"
    else:
        fees = ("服务合同约定的项目按合同价格结算，合同以外的服务按公示标准收费"
                + ("，质保期内的返修不收费" if warranties else "") + f"；收费标准公示于{places}")
    rows.append(("收费公示", fees))
    return rows


def charts_context(profile: Profile, facts, tree: list[dict], outlets: list[dict]) -> dict:
    """The 组织机构图, 售后服务组织机构图 and 售后服务流程图 (sskit.view.charts), and whether the
    service chart draws a dotted line (a department the 管理者代表 coordinates but does not head)."""
    c, head = profile.company, profile.service_head
    rep = {"name": head.name, "reports_to_id": None if head.reports_to == "top_manager" else head.reports_to,
           "department_id": head.department}
    posts = charts.service_posts(facts, profile.people.headcount)
    service = charts.service_org_chart(tree, rep, facts, posts, outlets, sum(o.technicians for o in profile.outlets))
    return {
        "company": charts.company_org_chart(tree, {"name": c.top_manager.name, "title": c.top_manager.title}, rep,
                                            [(col.name, col.members) for col in facts.matrix_columns]),
        "service": service,
        "service_dotted": any(e.get("style") == "dotted" for e in service["edges"]),
        "flow": charts.service_flow_chart(facts, facts.customers.client if facts.customers.business_only
                                          else facts.terms.client),
    }


def uncatalogued(profile: Profile) -> list:
    """The products outside the statutory 三包 catalogue (vocab's `sanbao` flag), which the company
    covers voluntarily."""
    return [p for p in profile.products if not vocab.CATEGORIES[p.category]["sanbao"]]


def voluntary_sanbao(profile: Profile) -> list[str]:
    return [p.name for p in uncatalogued(profile)]


def sanbao_floor(profile: Profile) -> str:
    """How the company's 三包 periods stand to the law, as the commitments say it."""
    voluntary = voluntary_sanbao(profile)
    if not voluntary:
        return "不低于国家三包规定"
    if len(voluntary) == len(profile.products):
        return "为本公司参照国家三包规定自愿承诺的期限"
    return f"不低于国家三包规定（{'、'.join(voluntary)}不在目录内，参照执行）"


def base_context(profile: Profile, facts) -> dict:
    """Everything the templates may read about the company: the profile's data
    phrased for print, and the facts (who, how often, how fast, from when)."""
    c = profile.company
    head = profile.service_head
    names = {d.id: d.name for d in profile.departments}
    tree = org_tree(profile)
    commitments = profile.commitments
    traits = facts.traits
    labels = category_labels(profile)
    service_names = {s.id: s.name for s in facts.services}
    outlets = [outlet_view(o, labels, service_names) for o in ordered_outlets(profile)]
    products = [product_view(p) for p in profile.products]
    rescue = set(facts.rescue_outlets)
    technicians = sum(o.technicians for o in profile.outlets)
    return {
        "company": {
            "name": c.name,
            "short_name": c.short_name,
            "credit_code": c.credit_code,
            "address": c.address,
            "industry": c.industry,
            "business_type": vocab.BUSINESS_TYPES[c.business_type],
            "business_type_code": c.business_type,
            "top_manager": {"name": c.top_manager.name, "title": c.top_manager.title},
            "founded": date_text(c.founded) if c.founded else None,
            "employees": c.employees,
            "service_staff": c.service_staff,
            "certified_service_managers": c.certified_service_managers,
            "sales_regions": list(c.sales_regions),
            "sales_channels": [vocab.SALES_CHANNELS[ch] for ch in c.sales_channels],
            "introduction": c.introduction,
            "service_philosophy": facts.philosophy,
            "website": c.website,
            "postcode": c.postcode,
        },
        "service_head": {
            "name": head.name,
            "title": head.title,
            "reports_to": (f"{c.top_manager.title}{c.top_manager.name}" if head.reports_to == "top_manager"
                           else names.get(head.reports_to, head.reports_to)),
            "reports_to_top": head.reports_to == "top_manager",
            "department": names.get(head.department) if head.department else None,
            "appointed": date_text(head.appointed),
            "phone": head.phone,
        },
        "departments": tree,
        "charts": charts_context(profile, facts, tree, outlets),
        "laws": list(facts.laws),
        "distance_channels": [vocab.SALES_CHANNELS[ch].split("（")[0] for ch in c.sales_channels
                              if ch in vocab.DISTANCE_CHANNELS],
        "outlets": outlets,
        "outlet_kinds": [k for k in vocab.OUTLET_KINDS if any(o.kind == k for o in profile.outlets)],
        "facts": facts,
        "traits": traits,
        "limits": facts.limits,
        "warranty_word": warranty_word(traits),
        "onsite_all": list(facts.limits.all),
        "offer": facts.offer,
        "services": list(facts.services),
        # each service's own levels as the commitment table prints them (one limit per promise)
        "service_levels": {sv.id: [text for _, text in service_levels(profile, sv, facts.limits)]
                           for sv in facts.services},
        "activities": facts.activities,
        "approval": facts.approval,
        "staffing": facts.staff,
        "rescue_outlets": [o for o in outlets if o["id"] in rescue],
        # areas without an outlet, grouped by arrangement (29 provinces served alike: one sentence)
        "remote": facts.remote,
        "arrival_limits": list(arrival_limits(facts.limits)),
        "courier_goods": list(facts.courier_goods),
        # free text of the profile pasted as a sentence ends with 。
        "sentence": sentence,
        "car_products": [p for p in products if p["id"] in traits.car_ids],
        "goods_products": [p for p in products if p["id"] in traits.goods_ids],
        # goods outside the statutory 三包 catalogue: the company's periods are voluntary, not a minimum met
        "voluntary_sanbao": voluntary_sanbao(profile),
        "sanbao_floor": sanbao_floor(profile),
        "is_car": traits.car,
        "is_maker": traits.maker,
        "outlet_provinces": outlets_by_province(profile),
        "technicians_total": technicians,
        "vehicles_total": sum(o.vehicles or 0 for o in profile.outlets),
        "commitment_rows": commitment_rows(profile, facts),
        "targets": facts.targets,
        "appointments": facts.appointments,
        "products": products,
        "any_installation": traits.installation,
        "any_delivery": traits.delivery,
        "any_maintenance": traits.maintenance,
        "commitments": {
            "hotline": commitments.hotline,
            "hotline_hours": commitments.hotline_hours,
            "supervision_channels": list(commitments.supervision_channels),
            "online_channels": list(commitments.online_channels),
            "response_hours": commitments.response_hours,
            "onsite": [{"area": o.area, "hours": o.hours} for o in commitments.onsite],
            "repair_days": commitments.repair_days,
            "callback_days": commitments.callback_days,
            "complaint_response_hours": commitments.complaint_response_hours,
            "complaint_resolution_days": commitments.complaint_resolution_days,
            "satisfaction_target": commitments.satisfaction_target,
            "parts_retention_years": commitments.parts_retention_years,
            "fees": {
                "publicity": list(commitments.fees.publicity),
                "list": [{"name": i.name, "price": format_number(i.price), "unit": i.unit, "note": i.note}
                          for i in commitments.fees.items],
                "in_warranty_free": commitments.fees.in_warranty_free,
            },
            "take_back": commitments.take_back,
            "remote_service": [{"province": r.province, "arrangement": sentence(r.arrangement)}
                               for r in commitments.remote_service],
        },
        "dept": {code: departments_with(profile, code) for code in vocab.FUNCTIONS},
        "who": {code: facts.who(code) for code in vocab.FUNCTIONS},
        "who_any": who_any_of(facts),
        # owner_of("clause:5.2.1") / owner_of("activity:satisfaction_survey") / owner_of("repair")
        "owner_of": lambda ref: facts.owner_unit(ref).name,
        "merge_duties": duty_merger(),
        "training": {
            "year": profile.training.year,
            "hours_per_role": [{"role": vocab.ROLES[r], "hours": h} for r, h in profile.training.hours_per_role.items()],
            "incentives": list(profile.training.incentives),
            "employee_care": list(profile.training.employee_care),
        },
        "doc_control": {
            "prefix": profile.document_control.prefix,
            "version": profile.document_control.version,
            "effective_date": date_text(profile.document_control.effective_date),
            "issue_date": date_text(profile.document_control.issued),
            "drafted_by": profile.document_control.drafted_by,
            "reviewed_by": profile.document_control.reviewed_by,
            "approved_by": profile.document_control.approved_by,
        },
    }
