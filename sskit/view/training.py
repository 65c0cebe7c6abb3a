"""Stage 2: the 年度培训计划 (annual training plan), computed from the profile.

Courses follow from what the company has: one product-knowledge course per
product line, installation skills only when something is installed, outlet
training per kind of non-direct outlet, and so on. Each role's planned hours
are then compared with `training.hours_per_role`; a shortfall becomes a
岗位技能提升 course, so the plan always meets the hours the profile sets.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sskit.profile import vocab
from sskit.profile.model import Profile, Trainer
from sskit.phrasing import format_number, hours_text
from sskit.standard import ClauseCatalogue, load_laws

# Which department functions make up each training audience (role).
ROLE_FUNCTIONS: dict[str, tuple[str, ...]] = {
    "management": ("management",),
    "service_manager": ("service_management", "supervision"),
    "customer_service": ("customer_service", "complaints"),
    "technician": ("repair", "technical_support"),
    "installer": ("installation",),
    "delivery": ("delivery",),
    "parts_clerk": ("parts", "warehouse"),
    "sales": ("sales", "marketing"),
    "quality": ("quality", "supervision"),
    "outlet_staff": (),
    "all_staff": (),
}

FRONTLINE = ("customer_service", "technician", "installer", "delivery", "outlet_staff")


@dataclass
class Course:
    name: str
    content: str
    roles: tuple[str, ...]
    hours: float
    month: int
    method: str
    assessment: str
    trainer: str = ""
    topics: tuple[str, ...] = ()  # words in a trainer's topics that make them fit
    functions: tuple[str, ...] = ()  # departments whose trainer fits
    themes: tuple[str, ...] = ()  # a programme of the profile whose name has one of these replaces the course
    extra: bool = False  # from training.programmes
    audience_note: str = ""

    def to_view(self, profile: Profile) -> dict:
        return {
            "month": f"{self.month}月",
            "month_no": self.month,
            "name": self.name,
            "content": self.content,
            "audience": self.audience_note or audience_text(profile, self.roles),
            "roles": [vocab.ROLES[r] for r in self.roles],
            "hours": format_number(float(self.hours)),
            "trainer": self.trainer,
            "method": self.method,
            "assessment": self.assessment,
        }


@dataclass
class Plan:
    courses: list[Course] = field(default_factory=list)

    def add(self, course: Course) -> None:
        self.courses.append(course)


def audience_text(profile: Profile, roles: tuple[str, ...]) -> str:
    if "all_staff" in roles:
        return "全体员工"
    return "、".join(vocab.ROLES[r] for r in roles)


def _present_roles(profile: Profile) -> set[str]:
    """Roles that exist in this company (by department function or outlets)."""
    funcs = {f for d in profile.departments for f in d.functions}
    roles = {r for r, fs in ROLE_FUNCTIONS.items() if set(fs) & funcs}
    roles |= {"all_staff", "outlet_staff"} | set(profile.training.hours_per_role)
    return roles


def pick_trainer(profile: Profile, topics: tuple[str, ...], functions: tuple[str, ...],
                 external: bool = False) -> str:
    """The best trainer for a course: one from a department carrying one of
    `functions` whose topics mention one of `topics`; else one from such a
    department; else one whose topics mention it; else the first listed.
    `external` prefers a trainer from outside the company."""
    trainers: list[Trainer] = list(profile.training.trainers)
    dept_funcs = {d.id: set(d.functions) for d in profile.departments}

    def topical(t: Trainer) -> bool:
        return any(word and word in x for word in topics for x in t.topics)

    def in_function(t: Trainer) -> bool:
        return bool(t.department and dept_funcs.get(t.department, set()) & set(functions))

    tiers = [lambda t: topical(t) and in_function(t), in_function, topical]
    if external:
        tiers.insert(0, lambda t: bool(t.organisation) and topical(t))
        tiers.insert(1, lambda t: bool(t.organisation))
    for tier in tiers:
        for t in trainers:
            if tier(t):
                return _trainer_label(t)
    return _trainer_label(trainers[0])


def _trainer_label(t: Trainer) -> str:
    return f"{t.name}（{t.organisation}）" if t.organisation else t.name


# traits that make a law row part of a service company's own trade
SERVICE_TRAITS = ("services", "contract_maintenance", "emergency", "workmanship", "service_installation")


def trade_laws(facts) -> list[str]:
    """The laws of the company's service trades (laws.yaml rows conditioned on a trade or service
    trait that the company has), in the order of facts.laws."""
    wanted = set(facts.traits.trade_traits) | {t for t in SERVICE_TRAITS if getattr(facts.traits, t, False)}
    rows = {row["name"]: row for row in load_laws()}
    return [law for law in facts.laws if wanted & set(rows.get(law, {}).get("traits", ()))]


def _laws_course(facts, roles: tuple[str, ...]) -> Course:
    """The law course teaches the rules that apply: for goods, the consumer and product-quality
    laws with the 三包 rule of what is sold (SAMR Order 43 for household cars); for services,
    the consumer and contract law with the laws and technical rules of the company's trades."""
    traits = facts.traits
    topics, themes = ("法律", "法规", "消费者权益"), ("法律", "法规")
    if traits.sells:
        laws = "".join(law for law in facts.laws if "消费者权益保护法" in law or "产品质量法" in law) + "".join(facts.sanbao_laws)
        policy = "生产者保修政策和本公司三包责任" if traits.dealer else "本公司三包政策"
        if traits.services:
            laws += "".join(trade_laws(facts))
            policy += "、服务合同和服务质保"
        return Course("法律法规与三包政策", f"{laws}及{policy}解读", roles, 4, 3, "课堂讲授", "笔试",
                      topics=topics + ("三包",), themes=themes + ("三包",), functions=("legal", "service_management"))
    general = [law for law in facts.laws if "消费者权益保护法》" in law or "民法典" in law]
    laws = "".join(dict.fromkeys(general + trade_laws(facts)))
    name = "法律法规与安全技术规范" if traits.special_equipment else "法律法规与服务合同"
    return Course(name, f"{laws}及本公司服务合同、服务承诺和质保规定解读", roles, 4, 3, "课堂讲授", "笔试",
                  topics=topics + ("安全技术规范", "合同"), themes=themes, functions=("legal", "service_management"))


def build_plan(profile: Profile, facts) -> Plan:
    present = _present_roles(profile)
    plan = Plan()

    def roles(*wanted: str) -> tuple[str, ...]:
        return tuple(r for r in wanted if r in present)

    plan.add(Course("服务文化与服务理念", f"公司服务理念“{facts.philosophy}”、"
                    "服务承诺及典型服务案例分享", roles("all_staff"), 4, 1, "课堂讲授", "心得交流",
                    topics=("文化", "理念"), themes=("文化", "理念"), functions=("hr", "training", "marketing")))
    traits = facts.traits
    plan.add(_laws_course(facts, roles("service_manager", "customer_service", "service_advisor", "technician", "sales",
                                       "outlet_staff")))
    month = 2
    for product in profile.products:
        cat = product.label or (product.name if product.category == "other" else vocab.CATEGORIES[product.category]["label"])
        plan.add(Course(f"产品知识：{product.name}",
                        f"{cat}的结构原理、主要功能、{('型号' + '、'.join(product.models[:3]) + '等') if product.models else '各型号'}的使用方法、常见故障及保修政策",
                        roles("technician", "customer_service", "service_advisor", "sales", "outlet_staff"), 4, month,
                        "课堂讲授", "笔试", topics=(product.name, cat), functions=("rd", "technical_support", "repair")))
        month = month % 12 + 1 if month < 11 else 2
    for service in facts.services:
        levels = "、".join(label for label, _ in service.terms)
        plan.add(Course(f"服务项目：{service.name}",
                        f"{service.equipment or service.trade_label + '设备'}的{service.kind_label}作业内容和作业规范"
                        + (f"、{levels}的时限要求" if levels else "")
                        + ("、维护保养周期" if service.cycle else "")
                        + ("、质保期" if service.workmanship or service.parts else "") + "及服务记录的填写",
                        roles("technician", "customer_service", "sales", "outlet_staff"), 4, month,
                        "课堂讲授", "笔试", topics=(service.name, service.trade_label, service.kind_label),
                        themes=(service.name,), functions=("technical_support", "repair")))
        month = month % 12 + 1 if month < 11 else 2
    if traits.contract_maintenance:
        plan.add(Course("维护保养作业规范", "维护保养计划的执行、各周期的作业项目和方法、安全隐患的识别和告知、维护保养记录的填写和签认",
                        roles("technician", "outlet_staff"), 8, 5, "现场实操", "实操考核",
                        topics=("维护保养", "维保"), themes=("维保", "维护保养"), functions=("repair", "technical_support")))
    if traits.emergency:
        plan.add(Course("应急救援实操", "接警和派出、到达时限、现场安全确认、救援操作规程、救援记录填写和事后分析",
                        roles("technician", "outlet_staff"), 8, 4, "现场实操", "实操考核",
                        topics=("救援", "应急"), themes=("救援",), functions=("repair", "technical_support")))
    plan.add(Course("维修技能实操", "故障诊断流程、检测仪器使用、典型故障维修和维修记录填写",
                    roles("technician", "outlet_staff"), 16, 4, "现场实操", "实操考核",
                    topics=("维修",), themes=("维修技能",), functions=("repair", "technical_support")))
    if any(p.installation_required for p in profile.products):
        names = "、".join(p.name for p in profile.products if p.installation_required)
        plan.add(Course("安装调试规范", f"{names}的安装规范、调试步骤、安全作业和用户使用指导",
                        roles("installer", "technician", "outlet_staff"), 8, 5, "现场实操", "实操考核",
                        topics=("安装",), themes=("安装规范",), functions=("installation", "technical_support")))
    maint = [p for p in profile.products if p.maintenance]
    if maint:
        plan.add(Course("保养与维护服务", "、".join(p.name for p in maint) + "的保养周期、保养项目和耗材更换规范",
                        roles("technician", "installer", "customer_service", "outlet_staff"), 4, 6, "现场实操",
                        "实操考核", topics=("保养", "滤芯"), themes=("保养",), functions=("repair", "technical_support")))
    plan.add(Course("服务礼仪与沟通技巧", ("上门服务规范" if traits.sells else "现场服务规范")
                    + "、服务用语、电话礼仪、顾客情绪安抚与沟通",
                    roles("customer_service", "service_advisor", "technician", "installer", "delivery", "outlet_staff"), 4, 6,
                    "案例研讨", "情景演练", topics=("礼仪", "沟通"), themes=("礼仪",), functions=("customer_service", "hr", "training")))
    plan.add(Course("顾客投诉处理", f"投诉受理、分级处理、{hours_text(profile.commitments.complaint_response_hours)}响应与"
                    f"{format_number(profile.commitments.complaint_resolution_days)}天办结要求、典型投诉案例复盘",
                    roles("customer_service", "service_advisor", "service_manager", "outlet_staff"), 4, 7, "案例研讨", "笔试",
                    topics=("投诉",), themes=("投诉",), functions=("complaints", "customer_service")))
    if traits.sells:
        hazards = ("用电、" + ("用气、" if traits.gas else "")
                   + ("举升和车辆" if traits.car else "登高和上门作业") + "安全")
    else:
        hazards = ("用电、" + ("用气、" if traits.gas_work else "")
                   + ("井道、轿顶和底坑作业" if traits.elevator else "登高和现场作业") + "安全")
    plan.add(Course("安全作业与应急处置", f"{hazards}，作业风险识别，事故应急处置",
                    roles("technician", "installer", "delivery", "outlet_staff"), 4, 8, "课堂讲授", "笔试",
                    topics=("安全",), themes=("安全作业",), functions=("quality", "administration")))
    if "parts_clerk" in present and not traits.sells:
        plan.add(Course("配件管理实务", "配件储备、申领和进货查验"
                        + ("，安全部件的型式试验证明和追溯台账" if traits.special_equipment else "") + "，更换旧件的处置",
                        roles("parts_clerk"), 4, 9, "课堂讲授", "笔试", topics=("配件", "备件"), themes=("配件", "备件"),
                        functions=("parts",)))
    elif "parts_clerk" in present:
        plan.add(Course("备件管理实务", "备件储备、申领、旧件回收和" + (f"停产后{facts.parts_years}年备件保障要求" if facts.parts_years
                                                       else "生产企业的停产后备件供应规定"),
                        roles("parts_clerk"), 4, 9, "课堂讲授", "笔试", topics=("备件",), themes=("备件",), functions=("parts",)))
    plan.add(Course("服务管理与质量改进", "服务数据统计分析、满意度评价、服务质量监督与持续改进方法",
                    roles("service_manager", "quality", "management"), 8, 10, "外派培训", "结业考核",
                    topics=("服务管理", "质量"), themes=("服务管理",), functions=("service_management", "quality")))
    for i, kind in enumerate(k for k in vocab.OUTLET_KINDS[1:] if any(o.kind == k for o in profile.outlets)):
        count = sum(1 for o in profile.outlets if o.kind == kind)
        plan.add(Course(f"{kind}网点服务规范培训", "公司服务标准、收费公示、备件正品、信息系统录入、考核与奖惩规定",
                        roles("outlet_staff"), 8, 11 + (i % 2), "线上学习", "线上考试",
                        topics=("网点",), functions=("service_management",),
                        audience_note=f"{kind}服务网点负责人及技术人员（{count}家）"))
    for prog in profile.training.programmes:
        plan.add(Course(prog.name, prog.content or "按专项培训方案实施", tuple(prog.audience), prog.hours, prog.month, prog.method,
                        prog.assessment, trainer=prog.trainer, extra=True))
    _drop_covered(profile, plan)
    earliest = _first_month(profile)
    for course in plan.courses:
        if not course.extra:
            course.month = max(course.month, earliest)
        if not course.trainer:
            course.trainer = pick_trainer(profile, course.topics, course.functions, course.method == "外派培训")
    _fill_hours(profile, plan)
    plan.courses.sort(key=lambda c: (c.month, c.extra))
    return plan


def _first_month(profile: Profile) -> int:
    """No course before the system takes effect within the plan year."""
    effective = profile.document_control.effective_date
    return effective.month if effective.year == profile.training.year else 1


def _drop_covered(profile: Profile, plan: Plan) -> None:
    """A generated course whose theme a profile programme already covers, for
    the same audience, is left out (no course twice)."""
    programmes = [c for c in plan.courses if c.extra]
    kept = []
    for course in plan.courses:
        covered = not course.extra and any(
            any(theme in p.name for theme in course.themes)
            and ("all_staff" in p.roles or set(course.roles) <= set(p.roles))
            for p in programmes)
        if not covered:
            kept.append(course)
    plan.courses[:] = kept


def role_hours(plan: Plan) -> dict[str, float]:
    hours: dict[str, float] = {}
    for course in plan.courses:
        for role in course.roles:
            hours[role] = hours.get(role, 0.0) + float(course.hours)
    return hours


def hours_for(planned: dict[str, float], role: str) -> float:
    """The hours a role gets: its own courses plus those for all staff."""
    shared = planned.get("all_staff", 0.0) if role != "all_staff" else 0.0
    return planned.get(role, 0.0) + shared


def _fill_hours(profile: Profile, plan: Plan) -> None:
    """Add a skills course for each role whose planned hours fall short (all
    staff first: their hours count for every role)."""
    required_hours = profile.training.hours_per_role
    order = sorted(required_hours, key=lambda r: r != "all_staff")
    for role in order:
        required = required_hours[role]
        have = hours_for(role_hours(plan), role)
        if have + 1e-9 < required:
            missing = required - have
            plan.add(Course(f"{vocab.ROLES[role]}岗位技能提升", "结合岗位职责和上年度考核、投诉中暴露的问题进行专题强化",
                            (role,), missing, max(9, _first_month(profile)),
                            "师带徒" if role in FRONTLINE else "案例研讨", "岗位考核",
                            trainer=pick_trainer(profile, (), ROLE_FUNCTIONS.get(role, ()))))


def training_view(profile: Profile, catalogue: ClauseCatalogue, facts) -> dict:
    plan = build_plan(profile, facts)
    planned = role_hours(plan)
    targets = []
    for role, required in profile.training.hours_per_role.items():
        have = hours_for(planned, role)
        targets.append({"role": vocab.ROLES[role], "required": format_number(float(required)),
                        "planned": format_number(have)})
    dept_names = {d.id: d.name for d in profile.departments}
    t = profile.training
    return {
        "plan_year": t.year,
        "service_count": len(facts.services),
        "courses": [c.to_view(profile) for c in plan.courses],
        "total_hours": format_number(sum(float(c.hours) for c in plan.courses)),
        "targets": targets,
        "trainers": [{"name": x.name, "title": x.title,
                      "unit": x.organisation or dept_names.get(x.department or "", "本公司"),
                      "internal": not x.organisation, "topics": list(x.topics)} for x in t.trainers],
        "incentives": list(t.incentives),
        "employee_care": list(t.employee_care),
        "outlet_kinds": [{"kind": k, "count": sum(1 for o in profile.outlets if o.kind == k)}
                         for k in vocab.OUTLET_KINDS if any(o.kind == k for o in profile.outlets)],
    }
