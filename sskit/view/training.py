"""Stage 2: the 年度培训计划 (annual training plan), computed from the profile and its facts.

Courses follow from what the company has: product knowledge per product family (产品族, not
per product line), installation skills only when something is installed, outlet training per
kind of non-direct outlet, and so on. Then, in this order:

1. a generated course whose subject a profile programme (training.programmes) already covers
   is merged into that programme: the programme keeps its name, month, hours and trainer, takes
   the generated course's audience too and, when it states no content, the generated content;
2. each role's planned hours are kept close to `training.hours_per_role` (`hours_ceiling`):
   where a role gets more, its generated courses are shortened to their shortest useful length
   (product families first) or, where the role only joins a course as a side audience, the role
   leaves it, as long as no role falls below its own requirement;
3. a role still short of its hours gets a refresher course of its own subject (ROLE_REFRESHERS) for the
   difference;
4. trainers are assigned by department and expertise, never more than MAX_COURSES_PER_TRAINER
   courses each in the year, and a hands-on course (HANDS_ON) only to a trainer whose department
   or topics fit it; after the profile's trainers (讲师名单) come the people the profile qualifies
   (`qualified_people`, `_qualified_tiers`): the head of the department owning the course's
   subject, the certified 售后服务管理师 the 任命书 appoints, the heads of the other departments
   doing the work, under the same load rule; a course nobody can take is arranged by the
   training department, and `sskit check` (SS505) asks for more trainers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import sskit.facts.rules as rules
from sskit.profile import vocab
from sskit.profile.model import Product, Profile, Trainer
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

MAX_COURSES_PER_TRAINER = 6
"""A trainer teaches at most this many courses a year. Internal trainers are managers and senior
technicians with a full job besides; six courses (one every two months) is what such a person can
prepare, teach and assess. Profile programmes count towards it."""

HOURS_MARGIN = 0.25
HOURS_MARGIN_MIN = 8
"""A role's planned hours should not exceed its requirement by more than a quarter, or by 8 hours
where a quarter is less (one course more is fine; a second year's worth is not)."""

REFRESHER_SESSION_HOURS = 8  # a refresher longer than a working day is held in sessions of at most this
SHORTEN_STEP = 2  # hours a generated course is shortened by at a time (its floor is half its length, at least 2)


def hours_ceiling(required: float) -> float:
    return required + max(HOURS_MARGIN_MIN, required * HOURS_MARGIN)


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
    themes: tuple[str, ...] = ()  # a programme of the profile whose name has one of these takes the course in
    extra: bool = False  # from training.programmes
    audience_note: str = ""
    elective: tuple[str, ...] = ()  # roles that join as a side audience and may leave it to keep hours close
    track: str = ""  # courses of one track are alternatives: a person attends one (one per outlet kind)
    family: bool = False  # product knowledge of a product family (shortened first)
    floor: float = 0  # shortest useful length; 0: never shortened
    assigned: bool = True  # False when no trainer could take it (the training department arranges it)
    essential: str = ""  # what a programme that takes this course in must still teach (its laws, the philosophy)
    subject: tuple[str, ...] = ()  # owner references ('activity:KEY', a function code) of whose work it teaches

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


def generated(name: str, content: str, roles: tuple[str, ...], hours: float, month: int, method: str,
              assessment: str, elective: tuple[str, ...] = (), **kw) -> Course:
    """A course the plan adds itself: shortenable to half its length (at least 2 hours)."""
    return Course(name, content, roles, hours, month, method, assessment, floor=max(2.0, hours / 2),
                  elective=tuple(r for r in elective if r in roles), **kw)


@dataclass(frozen=True)
class Qualified:
    """A person the profile qualifies to teach who is not on its trainer list: a certified
    售后服务管理师 (people.service_managers, whom the 任命书 charges with 业务培训) or a
    department head (部门负责人), who teaches the work their department owns."""
    name: str
    title: str  # the post the other documents give them
    unit: str  # department name
    department: str  # id of the department a certified manager works in ("" when not stated)
    heads: tuple[str, ...]  # ids of the departments they head
    certified: bool
    topics: tuple[str, ...]


@dataclass
class Plan:
    courses: list[Course] = field(default_factory=list)
    unassigned: list[Course] = field(default_factory=list)  # courses no trainer could take within the load rule
    teachers: list[Qualified] = field(default_factory=list)  # qualified people given courses, in `qualified_people` order

    def add(self, course: Course) -> None:
        self.courses.append(course)

    def programmes_without_content(self) -> set[str]:
        """The profile's programmes the plan prints without content: one that took in a generated
        course on its subject has that course's content, whatever the profile says."""
        return {c.name for c in self.courses if c.extra and c.content == PROGRAMME_CONTENT}


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


HANDS_ON = ("现场实操", "师带徒")
"""Methods where the trainer demonstrates the work: only a trainer who fits (by department or
topics) takes such a course; otherwise the training department arranges it (SS505 asks for one)."""


def _tiers(profile: Profile, topics: tuple[str, ...], functions: tuple[str, ...], external: bool,
           hands_on: bool = False) -> list:
    """Who fits a course, best first: a trainer from a department carrying one of `functions`
    whose topics mention one of `topics`; one from such a department; one whose topics mention
    it; any internal trainer; anyone. `external` (a course taken outside) puts an outside trainer
    whose topics fit first, and any outside trainer before the internal ones who do not fit.
    A `hands_on` course stops after the trainers who fit."""
    dept_funcs = {d.id: set(d.functions) for d in profile.departments}

    def topical(t: Trainer) -> bool:
        return any(word and word in x for word in topics for x in t.topics)

    def in_function(t: Trainer) -> bool:
        return bool(t.department and dept_funcs.get(t.department, set()) & set(functions))

    tiers = [lambda t: topical(t) and in_function(t), in_function, topical, lambda t: not t.organisation,
             lambda t: True]
    if hands_on:
        del tiers[3:]
    if external:
        tiers.insert(0, lambda t: bool(t.organisation) and topical(t))
        if not hands_on:
            tiers.insert(4, lambda t: bool(t.organisation))
    return tiers


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
    laws with the 三包 rule of what is sold (SAMR Order 43 for household cars), or, where every
    customer is a business, the contract and product-quality laws with the contract warranty; for
    services, the consumer and contract law with the laws and technical rules of the company's trades."""
    traits = facts.traits
    topics, themes = ("法律", "法规", "消费者权益"), ("法律", "法规")
    if traits.sells and traits.business_only:  # no consumer law: the contract, the Civil Code, product quality
        name = "法律法规与合同质保"
        laws = "".join(law for law in facts.laws if "民法典" in law or "产品质量法" in law)
        policy = f"购销合同质保条款、本公司{facts.customers.warranty_card}和质量异议处理规定"
        topics, themes = ("法律", "法规", "合同", "质保"), themes + ("合同",)
    elif traits.sells:
        name = "法律法规与三包政策"
        laws = "".join(law for law in facts.laws if "消费者权益保护法" in law or "产品质量法" in law) + "".join(facts.sanbao_laws)
        policy = "生产者保修政策和本公司三包责任" if traits.dealer else "本公司三包政策"
        if traits.businesses:
            policy += "、单位客户购销合同质保条款"
        topics, themes = topics + ("三包",), themes + ("三包",)
    else:
        general = [law for law in facts.laws if "消费者权益保护法》" in law or "民法典" in law]
        name = "法律法规与安全技术规范" if traits.special_equipment else "法律法规与服务合同"
        laws = "".join(dict.fromkeys(general + trade_laws(facts)))
        policy = "本公司服务合同、服务承诺和质保规定"
        topics = topics + ("安全技术规范", "合同")
    if traits.sells and traits.services:
        laws += "".join(trade_laws(facts))
        if not traits.business_only:
            policy += "、服务合同和服务质保"
    return generated(name, f"{laws}及{policy}解读", roles, 4, 3, "课堂讲授", "笔试", ("outlet_staff",),
                     topics=topics, themes=themes, functions=("legal", "service_management"),
                     essential=f"所涉法规：{laws}", subject=("activity:law_review",))


def _returns_course(facts, roles: tuple[str, ...]) -> Course:
    """What the 退换货管理程序 asks of the people who take and check returned goods: the
    no-reason return and the 商品完好 test where the company sells at a distance, the 三包
    return judged on the fault, the photographs, the register and the refund period."""
    nr = facts.no_reason_return
    no_reason = facts.distance_sales and not (nr and nr.every)
    name = "退换货验货标准与" + ("七日无理由退货规定" if no_reason else "三包退换规定")
    content = (("七日无理由退货的条件、期限和商品完好的判定标准，" if no_reason else "")
               + "三包退换货的故障确认，验货拍照录像、退换货登记表的填写和"
               + rules.RETURNS_REFUND_WITHIN + "退款的时限要求")
    return generated(name, content, roles, 8, 4, "现场实操", "实操考核", ("parts_clerk", "outlet_staff"),
                     topics=("退换货", "退货", "验货"), themes=("退换货", "退货", "验货"),
                     functions=("warehouse", "customer_service", "technical_support"))


def product_families(profile: Profile) -> list[tuple[str, list[Product]]]:
    """产品族, in the order their first product is listed: products.family, else the family of
    vocab.PRODUCT_FAMILIES holding the category, else the category's printed name (a product's
    own label; products of category other without one share 其他商品)."""
    family_of = {code: name for name, codes in vocab.PRODUCT_FAMILIES.items() for code in codes}
    families: dict[str, list[Product]] = {}
    for p in profile.products:
        families.setdefault(p.family or family_of.get(p.category) or p.category_label, []).append(p)
    return list(families.items())


FAMILY_NAMES_SHOWN = 6  # product lines a course names before “等N条产品线”


def _product_list(names: list[str]) -> str:
    return "、".join(names[:FAMILY_NAMES_SHOWN]) + (f"等{len(names)}条产品线" if len(names) > FAMILY_NAMES_SHOWN else "")


def _family_course(family: str, products: list[Product], roles: tuple[str, ...], month: int) -> Course:
    """One product-knowledge course per family; a family of one product line is named after it."""
    if len(products) == 1:
        product = products[0]
        cat = product.label or (product.name if product.category == "other" else vocab.CATEGORIES[product.category]["label"])
        models = ("型号" + "、".join(product.models[:3]) + "等") if product.models else "各型号"
        return generated(f"产品知识：{product.name}", f"{cat}的结构原理、主要功能、{models}的使用方法、常见故障及保修政策",
                         roles, 4, month, "课堂讲授", "笔试", topics=(product.name, cat, family),
                         functions=("rd", "technical_support", "repair"), family=True)
    names = [p.name for p in products]
    labels = tuple(dict.fromkeys(p.category_label for p in products))
    return generated(f"产品知识：{family}", f"{_product_list(names)}的结构原理、主要功能、各型号的使用方法、常见故障及保修政策",
                     roles, 4, month, "课堂讲授", "笔试", topics=(family, *labels, *names),
                     functions=("rd", "technical_support", "repair"), family=True)


PROGRAMME_CONTENT = "课程大纲随培训通知下发"  # what the plan says of a programme that states no content (SS507 asks for it)

_REFRESHER_CONTENT = "上年度考核和顾客投诉中暴露问题的复盘、本岗位服务规范和服务记录要求的回顾"
ROLE_REFRESHERS: dict[str, tuple[str, str]] = {
    # the course that tops up a role short of its hours (`_fill_hours`): a real subject of the
    # role's work, phrased for any business type (no product, outlet or channel is assumed)
    "management": ("服务目标与管理评审输入分析",
                   "年度服务目标完成情况、顾客满意度和投诉数据的分析，管理评审的输入准备和改进决策"),
    "service_manager": ("服务质量数据分析与持续改进",
                        "服务记录抽查结果、满意度和投诉数据的统计分析，纠正和预防措施的制定、跟踪与效果验证"),
    "customer_service": ("服务受理与回访规范复训",
                         "服务申请受理登记的要素、派工跟踪和办结确认，回访的方法和回访中发现问题的转交处理"),
    "service_advisor": ("服务接待规范复训",
                        "接待问诊、服务项目和费用的事先告知与确认、交付说明，上年度接待环节投诉案例复盘"),
    "technician": ("典型故障案例与服务质量复训",
                   "上年度返修和投诉案例复盘、一次修复率的提升措施、作业规范和服务记录的规范填写"),
    "installer": ("安装质量案例与验收规范复训",
                  "上年度安装返工和投诉案例复盘、安装验收要点、安装记录和顾客确认的规范填写"),
    "delivery": ("配送交付规范复训", "预约与按时送达、搬运防护、开箱验货和签收手续，配送异常的报告和处理"),
    "parts_clerk": ("备件库存周转与缺件分析", "备件库存周转和缺件原因分析、安全库存的调整、呆滞备件的处理和账物核对"),
    "sales": ("售前告知与服务承诺复训", "服务承诺、保修（服务）条款和收费标准的如实告知，顾客售后需求的登记与转交"),
    "quality": ("服务监督抽查方法复训", "服务过程监督抽查的方法和频次、回访核实、不合格服务的纠正跟踪与记录"),
    "outlet_staff": ("网点服务规范与考核要求复训", "公司服务规范和收费标准的执行、网点检查中发现问题的整改、服务记录的报送"),
    "all_staff": ("服务规范与服务承诺复训", "公司服务承诺、服务行为规范和顾客信息保护要求的回顾与案例讨论"),
}

# whose work a refresher teaches, where the role's department functions (ROLE_FUNCTIONS) do not say
# it all: the head of that department is offered the course after the trainers (`_qualified_tiers`)
REFRESHER_SUBJECTS: dict[str, tuple[str, ...]] = {
    "management": ("activity:management_review",),
    "service_manager": ("activity:data_analysis",),
    "quality": ("activity:callback_review",),
    "outlet_staff": ("activity:outlet_management",),
    "all_staff": ("service_management",),
}


def build_plan(profile: Profile, facts) -> Plan:
    present = _present_roles(profile)
    plan = Plan()

    def roles(*wanted: str) -> tuple[str, ...]:
        return tuple(r for r in wanted if r in present)

    plan.add(Course("服务文化与服务理念", f"公司服务理念“{facts.philosophy}”、"
                    "服务承诺及典型服务案例分享", roles("all_staff"), 4, 1, "课堂讲授", "心得交流",
                    topics=("文化", "理念"), themes=("文化", "理念"), functions=("hr", "training", "marketing"),
                    essential=f"公司服务理念“{facts.philosophy}”"))
    traits = facts.traits
    plan.add(_laws_course(facts, roles("service_manager", "customer_service", "service_advisor", "technician", "sales",
                                       "outlet_staff")))
    month = 2
    for family, products in product_families(profile):
        plan.add(_family_course(family, products, roles("technician", "customer_service", "service_advisor", "sales",
                                                        "outlet_staff"), month))
        month = month % 12 + 1 if month < 11 else 2
    for service in facts.services:
        levels = "、".join(label for label, _ in service.terms)
        # the equipment as the facts name it (数控机床); a service of no named kind (other) by its own name
        equipment = service.equipment_named
        work = (f"{equipment}{service.name}的内容和要求" if service.kind == "other"
                else f"{equipment}的{service.kind_label}作业内容和作业规范")
        plan.add(generated(f"服务项目：{service.name}", work
                           + (f"、{levels}的时限要求" if levels else "")
                           + ("、维护保养周期" if service.cycle else "")
                           + ("、质保期" if service.workmanship or service.parts else "") + "及服务记录的填写",
                           roles("technician", "customer_service", "sales", "outlet_staff"), 4, month,
                           "课堂讲授", "笔试", topics=(service.name, service.trade_label, service.kind_label),
                           themes=(service.name,), functions=("technical_support", "repair")))
        month = month % 12 + 1 if month < 11 else 2
    if traits.contract_maintenance:
        plan.add(generated("维护保养作业规范", "维护保养计划的执行、各周期的作业项目和方法、安全隐患的识别和告知、维护保养记录的填写和签认",
                           roles("technician", "outlet_staff"), 8, 5, "现场实操", "实操考核",
                           topics=("维护保养", "维保"), themes=("维保", "维护保养"), functions=("repair", "technical_support"),
                           subject=("activity:maintenance_plan",)))
    if traits.emergency:
        plan.add(generated("应急救援实操", "接警和派出、到达时限、现场安全确认、救援操作规程、救援记录填写和事后分析",
                           roles("technician", "outlet_staff"), 8, 4, "现场实操", "实操考核",
                           topics=("救援", "应急"), themes=("救援",), functions=("repair", "technical_support")))
    visits = facts.limits.visits
    if traits.repairs:
        plan.add(generated("维修技能实操", "故障诊断流程、检测仪器使用、典型故障维修和维修记录填写",
                           roles("technician", "outlet_staff"), 16, 4, "现场实操", "实操考核", ("outlet_staff",),
                           topics=("维修",), themes=("维修技能",), functions=("repair", "technical_support")))
    if facts.takes_returns and not visits:
        plan.add(_returns_course(facts, roles("customer_service", "technician", "parts_clerk", "outlet_staff")))
    if any(p.installation_required for p in profile.products):
        names = _product_list([p.name for p in profile.products if p.installation_required])
        plan.add(generated("安装调试规范", f"{names}的安装规范、调试步骤、安全作业和用户使用指导",
                           roles("installer", "technician", "outlet_staff"), 8, 5, "现场实操", "实操考核",
                           ("technician", "outlet_staff"),
                           topics=("安装",), themes=("安装规范",), functions=("installation", "technical_support")))
    maint = [p for p in profile.products if p.maintenance]
    if maint:
        plan.add(generated("保养与维护服务", _product_list([p.name for p in maint]) + "的保养周期、保养项目和耗材更换规范",
                           roles("technician", "installer", "customer_service", "outlet_staff"), 4, 6, "现场实操",
                           "实操考核", ("installer", "customer_service", "outlet_staff"),
                           topics=("保养", "滤芯"), themes=("保养",), functions=("repair", "technical_support")))
    # a company that goes to no customer teaches the channel its customers use instead of conduct at their homes
    conduct = ("上门服务规范" if traits.sells else "现场服务规范") if visits else (
        "在线服务规范与平台规则" if profile.commitments.online_channels else "接待服务规范")
    plan.add(generated("服务礼仪与沟通技巧", conduct + "、服务用语、电话礼仪、顾客情绪安抚与沟通",
                       roles("customer_service", "service_advisor", "technician", "installer", "delivery", "outlet_staff"),
                       4, 6, "案例研讨", "情景演练", ("technician", "installer", "delivery", "outlet_staff"),
                       topics=("礼仪", "沟通"), themes=("礼仪",), functions=("customer_service", "hr", "training")))
    plan.add(generated("顾客投诉处理", f"投诉受理、分级处理、{hours_text(profile.commitments.complaint_response_hours)}响应与"
                       f"{format_number(profile.commitments.complaint_resolution_days)}天办结要求、典型投诉案例复盘",
                       roles("customer_service", "service_advisor", "service_manager", "outlet_staff"), 4, 7, "案例研讨",
                       "笔试", ("outlet_staff",), topics=("投诉",), themes=("投诉",),
                       functions=("complaints", "customer_service"), subject=("activity:complaint_analysis",)))
    if traits.sells and (visits or traits.car):
        hazards = ("用电、" + ("用气、" if traits.gas else "")
                   + ("举升和车辆" if traits.car else "登高和上门作业") + "安全")
    elif traits.sells:
        # the work is done in the company's own premises: checking goods received back, packing, shipping
        hazards = "、".join(["用电"] + (["用气"] if traits.gas else []) + (["退回商品检测"] if facts.takes_returns else [])
                           + (["包装寄递与运输"] if traits.courier_delivery else ["仓储搬运"])) + "安全"
    else:
        hazards = ("用电、" + ("用气、" if traits.gas_work else "")
                   + ("井道、轿顶和底坑作业" if traits.elevator else "登高和现场作业") + "安全")
    plan.add(generated("安全作业与应急处置", f"{hazards}，作业风险识别，事故应急处置",
                       roles("technician", "installer", "delivery", "outlet_staff"), 4, 8, "课堂讲授", "笔试",
                       ("outlet_staff",), topics=("安全",), themes=("安全作业",), functions=("quality", "administration")))
    if "parts_clerk" in present and not traits.sells:
        plan.add(generated("配件管理实务", "配件储备、申领和进货查验"
                           + ("，安全部件的型式试验证明和追溯台账" if traits.special_equipment else "") + "，更换旧件的处置",
                           roles("parts_clerk"), 4, 9, "课堂讲授", "笔试", topics=("配件", "备件"), themes=("配件", "备件"),
                           functions=("parts",)))
    elif "parts_clerk" in present:
        supply = f"停产后{facts.parts_years}年备件保障要求" if facts.parts_years else "生产企业的停产后备件供应规定"
        plan.add(generated("备件管理实务", "备件储备、申领、旧件回收和" + supply,
                           roles("parts_clerk"), 4, 9, "课堂讲授", "笔试", topics=("备件",), themes=("备件",),
                           functions=("parts",), essential=supply))
    plan.add(generated("服务管理与质量改进", "服务数据统计分析、满意度评价、服务质量监督与持续改进方法",
                       roles("service_manager", "quality", "management"), 8, 10, "外派培训", "结业考核",
                       topics=("服务管理", "质量"), themes=("服务管理",), functions=("service_management", "quality"),
                       subject=("activity:data_analysis",)))
    for i, kind in enumerate(k for k in vocab.OUTLET_KINDS[1:] if any(o.kind == k for o in profile.outlets)):
        count = sum(1 for o in profile.outlets if o.kind == kind)
        plan.add(generated(f"{kind}网点服务规范培训", "公司服务标准、收费公示、备件正品、信息系统录入、考核与奖惩规定",
                           roles("outlet_staff"), 8, 11 + (i % 2), "线上学习", "线上考试",
                           topics=("网点",), functions=("service_management",), track="outlet_kind",
                           subject=("activity:outlet_management",),
                           audience_note=f"{kind}服务网点负责人及技术人员（{count}家）"))
    for prog in profile.training.programmes:
        plan.add(Course(prog.name, prog.content or PROGRAMME_CONTENT, tuple(prog.audience), prog.hours, prog.month,
                        prog.method, prog.assessment, trainer=prog.trainer, extra=True))
    _merge_covered(plan)
    earliest = _first_month(profile)
    for course in plan.courses:
        if not course.extra:
            course.month = max(course.month, earliest)
    _fill_hours(profile, plan, ("all_staff",))  # counted for every role before their hours are fitted
    _fit_hours(profile, plan)
    _fill_hours(profile, plan, tuple(profile.training.hours_per_role))
    _assign_trainers(profile, facts, plan)
    plan.courses.sort(key=lambda c: (c.month, c.extra))
    return plan


def _first_month(profile: Profile) -> int:
    """No course before the system takes effect within the plan year."""
    effective = profile.document_control.effective_date
    return effective.month if effective.year == profile.training.year else 1


def _merge_covered(plan: Plan) -> None:
    """A generated course whose theme a profile programme's name has is merged into that
    programme (no subject twice): the programme's audience gains the course's roles and, when
    the profile states no content, takes the course's content; a programme with its own content
    is given what the course must teach that it leaves out (`essential`: the laws the manual says
    are trained, the service philosophy, the parts years). A course for all staff stays apart
    from a programme for some roles only."""
    programmes = [c for c in plan.courses if c.extra]
    kept = []
    for course in plan.courses:
        home = None if course.extra else next(
            (p for p in programmes if any(theme in p.name for theme in course.themes)
             and ("all_staff" in p.roles or "all_staff" not in course.roles)), None)
        if home is None:
            kept.append(course)
            continue
        if "all_staff" not in home.roles:
            added = tuple(r for r in course.roles if r not in home.roles)
            home.roles += added
            home.elective += tuple(r for r in added if r in course.elective)
        if home.content == PROGRAMME_CONTENT:
            home.content = course.content
        elif course.essential and _untaught(course.essential, home.content):
            home.content = f"{home.content.rstrip('。；，')}；{course.essential}"
    plan.courses[:] = kept


def _untaught(essential: str, content: str) -> bool:
    """Whether a programme's own content leaves out what a merged course must teach: one of its
    laws (《…》), or the phrase itself."""
    titles = re.findall(r"《[^》]+》", essential)
    return any(t not in content for t in titles) if titles else essential not in content


def role_hours(plan: Plan) -> dict[str, float]:
    """Hours per role as one person in it attends them: of a track's alternatives, the longest."""
    hours: dict[str, float] = {}
    tracks: dict[tuple[str, str], float] = {}
    for course in plan.courses:
        for role in course.roles:
            if course.track:
                tracks[role, course.track] = max(tracks.get((role, course.track), 0.0), float(course.hours))
            else:
                hours[role] = hours.get(role, 0.0) + float(course.hours)
    for (role, _), h in tracks.items():
        hours[role] = hours.get(role, 0.0) + h
    return hours


def hours_for(planned: dict[str, float], role: str) -> float:
    """The hours a role gets: its own courses plus those for all staff."""
    shared = planned.get("all_staff", 0.0) if role != "all_staff" else 0.0
    return planned.get(role, 0.0) + shared


def _moves(plan: Plan, role: str) -> list:
    """What may bring a role's hours down, in order: shorten a product-family course, let the role
    leave a course it joins as a side audience (the latest added first), shorten another
    generated course (the longest first). Each move returns how to undo it."""
    mine = [c for c in plan.courses if role in c.roles]

    def shorten(course: Course):
        def move():
            before = course.hours
            course.hours = max(course.floor, course.hours - SHORTEN_STEP)
            return lambda: setattr(course, "hours", before)
        return move

    def leave(course: Course):
        def move():
            roles, elective, at = course.roles, course.elective, plan.courses.index(course)
            course.roles = tuple(r for r in roles if r != role)
            course.elective = tuple(r for r in elective if r != role)
            if not course.roles:
                plan.courses.pop(at)

            def undo():
                if not course.roles:
                    plan.courses.insert(at, course)
                course.roles, course.elective = roles, elective
            return undo
        return move

    by_length = lambda c: -c.hours  # noqa: E731  (sorted() keeps plan order among equals)
    families = sorted((c for c in mine if c.family and c.hours > c.floor), key=by_length)
    sides = [c for c in reversed(mine) if role in c.elective]
    others = sorted((c for c in mine if not c.family and c.floor and c.hours > c.floor), key=by_length)
    return [shorten(c) for c in families] + [leave(c) for c in sides] + [shorten(c) for c in others]


def _fit_hours(profile: Profile, plan: Plan) -> None:
    """Bring each role's hours within `hours_ceiling` of its requirement where the generated
    courses allow it, never taking any role below its own requirement (or further below it)."""
    required = {role: float(h) for role, h in profile.training.hours_per_role.items()}

    def fine(before: dict, after: dict) -> bool:
        return all(hours_for(after, r) + 1e-9 >= min(need, hours_for(before, r)) for r, need in required.items())

    for role, need in required.items():
        if role == "all_staff":
            continue
        while hours_for(role_hours(plan), role) > hours_ceiling(need) + 1e-9:
            for move in _moves(plan, role):
                before = role_hours(plan)
                undo = move()
                if fine(before, role_hours(plan)):
                    break
                undo()
            else:
                break


def _fill_hours(profile: Profile, plan: Plan, roles: tuple[str, ...]) -> None:
    """Add a skills course for each of `roles` whose planned hours fall short of its requirement."""
    required_hours = profile.training.hours_per_role
    for role in (r for r in roles if r in required_hours):
        required = required_hours[role]
        have = hours_for(role_hours(plan), role)
        if have + 1e-9 < required:
            missing = required - have
            name, content = ROLE_REFRESHERS.get(role, (f"{vocab.ROLES[role]}岗位复训", _REFRESHER_CONTENT))
            if missing > REFRESHER_SESSION_HOURS:
                content += f"，分{-(-missing // REFRESHER_SESSION_HOURS):.0f}次进行"
            plan.add(Course(name, content, (role,), missing, _quiet_month(plan, _first_month(profile)),
                            "师带徒" if role in ("technician", "installer") else "案例研讨", "岗位考核",
                            functions=ROLE_FUNCTIONS.get(role, ()), subject=REFRESHER_SUBJECTS.get(role, ())))


def _quiet_month(plan: Plan, earliest: int) -> int:
    """The month for a refresher: the one with the fewest courses from `earliest` on, September
    (after the first half-year's appraisal, before the year-end assessment) and its neighbours first."""
    counts = {m: 0 for m in range(earliest, 13)}
    for course in plan.courses:
        if course.month in counts:
            counts[course.month] += 1
    return min(counts, key=lambda m: (counts[m], abs(m - 9), m))


def qualified_people(profile: Profile) -> list[Qualified]:
    """The people the profile qualifies to teach besides its trainer list, each once: the certified
    售后服务管理师 in the order people.service_managers lists them, then the department heads in
    department order. Someone on the trainer list is offered as a trainer, never twice."""
    listed = {t.name for t in profile.training.trainers}
    depts = {d.id: d for d in profile.departments}
    certified = {p.name: p for p in profile.people.service_managers}
    order = list(dict.fromkeys([*certified, *(d.head for d in profile.departments)]))
    people = []
    for name in (n for n in order if n not in listed):
        heads = tuple(d.id for d in profile.departments if d.head == name)
        cert = certified.get(name)
        home = (cert.department if cert and cert.department in depts else "")
        unit = depts[home or heads[0]].name if (home or heads) else "本公司"
        topics = (["售后服务管理"] if cert else []) + [vocab.FUNCTIONS[f] for h in heads for f in depts[h].functions]
        people.append(Qualified(name, _post(profile, name, [depts[h] for h in heads], bool(cert)), unit, home, heads,
                                bool(cert), tuple(dict.fromkeys(topics))))
    return people


def _post(profile: Profile, name: str, heads: list, certified: bool) -> str:
    """The post the 任命书 and the 岗位职责说明书 give a person: the top manager's or the service
    head's title, else head (负责人) of their departments; and 售后服务管理师 when certified."""
    if name == profile.company.top_manager.name:
        posts = [profile.company.top_manager.title]
    elif name == profile.service_head.name:
        posts = [profile.service_head.title]
    else:
        posts = [f"{d.name}负责人" for d in heads]
    return "、".join(posts + (["售后服务管理师"] if certified else []))


def _subject_owners(course: Course, facts, carried: set[str]) -> list[str]:
    """Ids of the departments that own what a course teaches, first the owners its `subject`
    names (an activity's owner, a function's), then the owners of its functions; a function no
    department carries owns nothing."""
    ids: list[str] = []
    for ref in course.subject + course.functions:
        kind, _, key = ref.partition(":")
        if kind == "activity":
            activity = facts.activities.get(key)
            unit = activity.owner_id if activity else None
        else:
            unit = facts.function_owner[ref].id if ref in carried else None
        if unit and unit not in ids:
            ids.append(unit)
    return ids


def _qualified_tiers(profile: Profile, facts, course: Course, people: list[Qualified]) -> list[list[Qualified]]:
    """The qualified people who fit a course, best first: the head of each department owning its
    subject, in order; the certified managers of a department doing its work (owning its subject
    or carrying one of its functions); the heads of the other departments doing its work; for a
    course that is not hands-on, any certified manager (the 任命书 gives them the 业务培训 of the
    service staff)."""
    carried = {f for d in profile.departments for f in d.functions}
    owners = _subject_owners(course, facts, carried)
    functions = set(course.functions) | {ref for ref in course.subject if ":" not in ref}
    doing = [d.id for d in profile.departments if d.id in owners or set(d.functions) & functions]
    tiers = [[p for p in people if unit in p.heads] for unit in owners]
    tiers.append([p for p in people if p.certified and (p.department in doing or set(doing) & set(p.heads))])
    tiers.append([p for p in people if set(doing).difference(owners) & set(p.heads)])
    if course.method not in HANDS_ON:
        tiers.append([p for p in people if p.certified])
    return tiers


def _assign_trainers(profile: Profile, facts, plan: Plan) -> None:
    """Give every course without a trainer the best-fitting trainer (`_tiers`) who has fewer than
    MAX_COURSES_PER_TRAINER courses, the least loaded first; when every trainer who fits is at the
    cap, the best-fitting qualified person (`_qualified_tiers`) under the same cap. Courses with the
    fewest fitting people are served first. A course nobody can take is arranged by the training
    department."""
    trainers = list(profile.training.trainers)
    people = qualified_people(profile)
    load = {t.name: 0 for t in (*trainers, *people)}
    for course in plan.courses:
        if course.trainer in load:
            load[course.trainer] += 1
    todo = [c for c in plan.courses if not c.trainer]
    fitting = [[[t for t in trainers if tier(t)] for tier in _tiers(profile, c.topics, c.functions, c.method == "外派培训",
                                                                    c.method in HANDS_ON)]
               + _qualified_tiers(profile, facts, c, people)
               for c in todo]
    order = sorted(range(len(todo)), key=lambda i: (len(next((g for g in fitting[i] if g), ())), i))
    for i in order:
        course = todo[i]
        for group in fitting[i]:
            free = [t for t in group if load[t.name] < MAX_COURSES_PER_TRAINER]
            if free:
                chosen = min(free, key=lambda t: load[t.name])
                load[chosen.name] += 1
                course.trainer = _trainer_label(chosen) if isinstance(chosen, Trainer) else chosen.name
                break
        else:
            course.trainer, course.assigned = f"{facts.activities['training_plan'].owner}选派", False
            plan.unassigned.append(course)
    plan.teachers[:] = [p for p in people if load[p.name]]


def training_view(profile: Profile, catalogue: ClauseCatalogue, facts) -> dict:
    plan = build_plan(profile, facts)
    planned = role_hours(plan)
    targets = []
    for role, required in profile.training.hours_per_role.items():
        have = hours_for(planned, role)
        programmes = sorted((c for c in plan.courses if c.extra and role in c.roles), key=lambda c: -c.hours)
        targets.append({"role": vocab.ROLES[role], "required": format_number(float(required)),
                        "planned": format_number(have),
                        # a role well above its requirement because of the profile's own programmes
                        "over": (have > hours_ceiling(float(required)) + 1e-9
                                 and have - sum(float(c.hours) for c in programmes) <= hours_ceiling(float(required))),
                        "programmes": [f"{c.name}{format_number(float(c.hours))}学时" for c in programmes[:2]],
                        "more": len(programmes) > 2})
    dept_names = {d.id: d.name for d in profile.departments}
    t = profile.training
    taught = {x.name: 0 for x in (*t.trainers, *plan.teachers)}
    labels = {_trainer_label(x): x.name for x in t.trainers} | {x.name: x.name for x in plan.teachers}
    for course in plan.courses:
        name = labels.get(course.trainer, course.trainer)
        if name in taught:
            taught[name] += 1
    families = product_families(profile)
    outlet_courses = [c for c in plan.courses if "outlet_staff" in c.roles]
    return {
        "plan_year": t.year,
        "service_count": len(facts.services),
        "family_count": len(families),
        "courses": [c.to_view(profile) for c in plan.courses],
        "total_hours": format_number(sum(float(c.hours) for c in plan.courses)),
        "targets": targets,
        "trainers": [{"name": x.name, "title": x.title,
                      "unit": x.organisation or dept_names.get(x.department or "", "本公司"),
                      "internal": not x.organisation, "topics": list(x.topics), "courses": taught[x.name]}
                     for x in t.trainers]
                    + [{"name": x.name, "title": x.title, "unit": x.unit, "internal": True, "topics": list(x.topics),
                        "courses": taught[x.name]} for x in plan.teachers],
        "teachers": [x.name for x in plan.teachers],
        "certified_teach": any(x.certified for x in qualified_people(profile)),
        "max_courses": MAX_COURSES_PER_TRAINER,
        "hours_margin": format_number(HOURS_MARGIN * 100),
        "hours_margin_min": HOURS_MARGIN_MIN,
        "unassigned": len(plan.unassigned),
        "arranger": facts.who("training"),
        "outlet_courses": list(dict.fromkeys("产品知识培训" if c.family else c.name for c in outlet_courses
                                             if not c.track)),
        "incentives": list(t.incentives),
        "employee_care": list(t.employee_care),
        "outlet_kinds": [{"kind": k, "count": sum(1 for o in profile.outlets if o.kind == k)}
                         for k in vocab.OUTLET_KINDS if any(o.kind == k for o in profile.outlets)],
    }
