"""Stage 1→2: the facts of a company, as frozen plain data.

Every statement a document makes about who does something, how often, how
fast, from when and under which rule is read from a `Facts`; no template or
view works it out again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from sskit.facts.trade_terms import GoodsTerms, TradeTerms


@dataclass(frozen=True)
class Decision:
    """A rule the facts stage applied where the profile left a choice; `sskit check` reports it."""
    path: tuple  # profile location the finding points at
    message: str
    hint: str
    clause: str = ""  # clause id, when the decision is about one clause
    severity: str = "info"  # warning where the profile contradicts itself


@dataclass(frozen=True)
class Unit:
    """A department as the documents name it."""
    id: str
    name: str
    head: str


@dataclass(frozen=True)
class ClauseResponsibility:
    clause_id: str
    owner: Optional[Unit]  # the one 主责 department; None is a gap
    supporters: tuple[str, ...]  # ids of the 配合 departments


@dataclass(frozen=True)
class MatrixColumn:
    """A column of the 部门职责分配表: one department, or a group of departments sharing it."""
    name: str  # the column's heading: the department's name or the group's
    members: tuple[str, ...]  # department ids, in profile order
    declared: bool = False  # a group the profile declares (Department.group); else a single or a rule's group


@dataclass(frozen=True)
class Activity:
    """A recurring activity: who runs it and how often."""
    key: str
    label: str  # 顾客满意度调查
    owner: str  # department name (or the top manager's title and name)
    owner_id: Optional[str]
    months: int
    every: str  # 每季度
    at_least: str  # 每季度至少一次


@dataclass(frozen=True)
class AreaLimit:
    area: str
    hours: float
    duration: str  # 24小时 / 30分钟
    kind: str  # onsite | rescue | emergency | repair | installation | maintenance | delivery
    text: str  # 受理报修后24小时内上门
    kind_label: str = ""  # 上门服务 / 紧急救援 …
    start: str = ""  # 受理报修后 / 接到救援求助后 …


@dataclass(frozen=True)
class ServiceFact:
    """A service the company performs under contract, as every document states it."""
    id: str
    name: str  # 电梯日常维护保养
    kind: str  # maintenance_contract
    kind_label: str  # 合同维护保养
    trade: str
    trade_label: str  # 电梯
    equipment: str  # 曳引式乘客电梯、自动扶梯 ("" when none is named)
    description: str
    terms: tuple[tuple[str, str], ...]  # (响应 | 到达现场 | 故障排除 | 紧急救援, 受理后2小时内响应)
    rescue_minutes: Optional[int]
    cycle_days: Optional[float]
    cycle: str  # 每15天至少维护保养一次 ("" when no cycle)
    items: tuple[str, ...]
    workmanship: str  # 维修工艺质保期3个月 ("")
    parts: str  # 更换配件质保期12个月 ("")
    contract: tuple[tuple[str, str], ...]  # (合同期 | 续签 | 付款 | 说明, text)
    prices: tuple  # PriceItem of the profile
    own_goods: str = ""  # the company's own product lines of this trade, by their label (数控机床; "")

    @property
    def equipment_named(self) -> str:
        """The profile's equipment, else the company's own goods of the trade by their label (a26-19),
        else the trade's word, not doubled (工业设备, 消防设施, 电梯设备)."""
        if self.equipment or self.own_goods:
            return self.equipment or self.own_goods
        return self.trade_label if self.trade_label.endswith(("设备", "设施")) else self.trade_label + "设备"

    @property
    def routine(self) -> str:
        """The routine visit as maintenance records name it by its cycle (月度 for 30 days), "" without one."""
        if not self.cycle_days:
            return ""
        return next((name for days, name in ((16, "半月"), (31, "月度"), (92, "季度"), (183, "半年"))
                     if self.cycle_days <= days), "年度")


@dataclass(frozen=True)
class Exception_:
    """A place where the general on-site commitment does not hold."""
    province: str
    limits: tuple[AreaLimit, ...]
    arrangement: str

    @property
    def text(self) -> str:
        """城区受理报修后48小时内上门，县乡受理报修后96小时内上门。<arrangement>"""
        limits = "，".join(a.area + a.text for a in self.limits)
        return (limits + "。" if limits else "") + self.arrangement


@dataclass(frozen=True)
class Limits:
    response: str  # 受理报修后2小时内
    response_duration: str  # 2小时
    onsite_start: str  # 受理报修后
    onsite_start_declared: bool
    onsite: tuple[AreaLimit, ...]  # ordinary on-site visits
    rescue: tuple[AreaLimit, ...]  # road rescue
    repair_days: str  # 3
    repair: str  # 一般故障自受理报修之日起3天内修复
    callback_days: str
    callback_within: str  # 服务完成后3天内 (交车后3天内 for cars)
    callback: str  # 服务完成后3天内回访
    complaint_response: str  # 收到投诉后12小时内
    complaint_resolution_days: str
    complaint_resolution: str  # 自受理投诉之日起7天内处理完毕并答复顾客
    complaint_resolution_within: str  # 自受理投诉之日起7天内
    parts_delivery: Optional[str]  # 网点提出申领后48小时内送达
    exceptions: tuple[Exception_, ...]
    emergency: tuple[AreaLimit, ...] = ()  # emergency rescue other than on the road (电梯困人…)
    work: tuple[AreaLimit, ...] = ()  # limits for other kinds of work (repair, installation, maintenance, delivery)
    # installation visits: the commitments' installation limits, else (documented rule, `sskit
    # check` says so) the on-site limits, a visit counted from the call then counted from the
    # booking (受理报装后); and the response to an installation booking
    installation: tuple[AreaLimit, ...] = ()
    installation_response: str = ""  # 受理报装后2小时内 (from the booking, whatever the visit runs from)

    @property
    def all(self) -> tuple[AreaLimit, ...]:
        """Every area limit, in the order the commitments table prints them."""
        return self.onsite + self.emergency + self.rescue + self.work

    @property
    def visits(self) -> bool:
        """The company sends its own people to the customer: an on-site, rescue, emergency or
        installation limit is promised."""
        return bool(self.onsite or self.rescue or self.emergency or self.installation)


@dataclass(frozen=True)
class Traits:
    business_type: str
    maker: bool
    dealer: bool
    service_provider: bool
    car: bool
    goods: bool  # products other than household cars
    car_ids: tuple[str, ...]
    goods_ids: tuple[str, ...]
    installation: bool
    delivery: bool
    goods_delivery: bool
    vehicle_delivery: bool  # something is delivered by the company's own vehicles (送货上门, 送车上门)
    courier_delivery: bool  # goods are sent by courier (facts/remote.py courier_goods)
    maintenance: bool
    gas: bool
    water: bool
    refrigeration: bool  # air conditioners: 制冷与空调作业 certificates
    rescue: bool  # road rescue is promised
    km: bool  # some warranty counts kilometres
    sells: bool = True  # the company sells goods (products listed)
    services: bool = False  # the company lists services it performs under contract
    trades: tuple[str, ...] = ()  # trade codes of its services (vocab.TRADES)
    trade_traits: tuple[str, ...] = ()  # traits its trades bring (elevator, special_equipment, electrical…)
    contract_maintenance: bool = False  # preventive maintenance under contract (a cycle or a maintenance contract)
    emergency: bool = False  # emergency rescue is promised (a rescue time or an emergency limit)
    workmanship: bool = False  # a workmanship warranty is promised on repairs
    user_data: bool = False  # goods or equipment that hold the customer's personal data (phones, computers, IT)
    mail_in: bool = False  # some areas are served by mail-in repair only (寄修: facts/remote.py)
    battery: bool = False  # goods (not cars) that hold a battery: phones, computers, e-bikes, radios, power tools
    radio: bool = False  # goods that are radio transmitting equipment (对讲机: vocab.RADIO_WORDS)
    service_installation: bool = False  # installs under contract (a service of kind installation)
    elevator: bool = False
    special_equipment: bool = False
    electrical: bool = False
    vehicle_repair: bool = False
    hvac: bool = False
    it: bool = False
    fire_safety: bool = False
    gas_work: bool = False
    warranty_carried: bool = False  # a dealer carries out a manufacturer's warranty named per product
    loaner: bool = False  # loaner cars are promised
    repairs: bool = True  # the company repairs goods or equipment itself (False: the brands' networks repair every line)
    brand_repaired: bool = False  # the negation of repairs, for data rows (they have no "not")
    repairs_goods: bool = False  # it sells goods and repairs them itself
    partner_outlets: bool = False  # some outlet is a partner's (特约/授权/第三方): partner agreements (合作协议) exist
    own_outlets_only: bool = False  # no outlet is a partner's (the negation of partner_outlets, for data rows)
    takes_returns: bool = False  # it runs returns as its own work (Facts.takes_returns), for data rows
    sells_online: bool = False  # 'online' is among its sales channels: its shops and App have online customer service
    carry_in: bool = False  # goods may be taken to an outlet for repair (receipt, goods log)
    module_repair: bool = False  # installed goods of business customers: repaired on site, a module sent back
    consumers: bool = True  # it sells to consumers (company.customers consumers | both): 消法, 三包, Art. 25 apply
    businesses: bool = False  # it sells to businesses under purchase contracts (businesses | both)
    business_only: bool = False  # every customer is a business: no consumer-law rights, contract warranty


@dataclass(frozen=True)
class Approval:
    """Who drafts, reviews and approves the documents (the same on covers and in CX-11).

    Rule: a document is drafted by the head of the department that owns it;
    where that person also reviews or approves the set, `fallback_drafter`
    (document_control.drafted_by) drafts it, so that no one checks their own text."""
    reviewer: str
    approver: str
    manual_signer: str  # signs the 发布令
    fallback_drafter: str  # document_control.drafted_by
    head_powers: str  # what the 管理者代表 does with the documents, for the 任命书

    def drafter_for(self, unit: "Unit") -> str:
        return unit.head if unit.head not in (self.reviewer, self.approver) else self.fallback_drafter


@dataclass(frozen=True)
class Staff:
    service_units: tuple[tuple[str, int], ...]  # (department name, staff) with a stated staff figure
    service_total: Optional[int]  # sum over the service departments (None when none states staff)
    declared: Optional[int]  # company.service_staff
    stated: Optional[int]  # the declared figure, else departments + direct technicians
    direct_technicians: int
    partner_technicians: int
    breakdown: bool = True  # the departments and direct technicians add up to the stated figure
    service_ids: frozenset = frozenset()  # the service organisation: the service head's tree and the service functions' owners
    tree_ids: frozenset = frozenset()  # the service head's department and every department below it
    # (department id, ((own outlet, technicians), ...)): own outlets' technicians a department's figure
    # already holds, when the company's total is below departments plus outlets (counted once)
    held: tuple = ()


@dataclass(frozen=True)
class Rights:
    """A statutory rule and the consumer rights the documents state from it."""
    key: str  # household_car | goods | mobile_phone | … | quality_return | distance_sales | dealer_channel
    name: str  # 《家用汽车产品修理更换退货责任规定》
    number: str  # 国家市场监督管理总局令第43号
    rights: tuple[str, ...]
    goods: tuple[str, ...] = ()  # a 三包 rule: the product lines its catalogue holds (names)
    voluntary: tuple[str, ...] = ()  # the product lines outside every catalogue that follow it by choice

    @property
    def sanbao(self) -> bool:
        """A 三包 rule some product line of the company follows."""
        return bool(self.goods or self.voluntary)

    @property
    def cited(self) -> str:
        return f"{self.name}（{self.number}）"


@dataclass(frozen=True)
class NoReasonReturn:
    """消费者权益保护法 Art. 25 for a company that sells online, by TV, phone or mail: which of its
    product lines the law excludes from the 7-day no-reason return (products[].return_exclusion)."""
    excluded: tuple[tuple[str, str], ...]  # (product line, 消费者定作的商品)
    sentence: str  # the company's own excluded goods, as every document states them ("" when none)
    every: bool  # all its goods are excluded: the right holds for none of them


@dataclass(frozen=True)
class Target:
    """A yearly service target (年度服务目标) and how it is measured."""
    key: str
    label: str  # 一次修复率
    value: float
    shown: str  # ≥90%
    declared: bool  # given in the profile (else a documented default)
    standard: str  # the time limit it is measured against, or ""
    formula: str
    record: str  # the form it is counted from
    owner: str  # department name
    owner_id: str


@dataclass(frozen=True)
class Appointee:
    name: str
    department: str  # department name, or ""
    certificate: str = ""  # 售后服务管理师证书编号
    phone: str = ""


@dataclass(frozen=True)
class Appointments:
    """Who is appointed to what (the 任命书) and from when."""
    date: str  # 2026年1月1日
    service_managers: tuple[Appointee, ...]  # certified 售后服务管理师, named in the profile
    certified_count: int  # the number the documents state (named persons, else company.certified_service_managers)
    supervisors: tuple[Appointee, ...]  # named 服务监督员
    supervision_unit: Unit  # the department that carries the supervision function


@dataclass(frozen=True)
class Offer:
    """What the company offers and in what capacity: the words every document uses
    for it, decided once by business type and by what the profile lists."""
    role: str  # 生产企业 / 销售企业 / 服务企业
    scope: str  # what the set applies to: 本公司生产和销售的全部商品… / 本公司按合同提供的全部服务项目…
    subject: str  # 商品 | 服务项目 | 商品和服务项目
    object: str  # what a repair is done on: 商品 / 设备 / 车辆
    warranty: str  # how the warranty is carried: 三包 / 执行制造商保修 / 工艺质保
    brands: tuple[tuple[str, str, str], ...]  # (brand, manufacturer, warranty start) a dealer carries out
    loaner: str  # the loaner-car promise ("" when none)


@dataclass(frozen=True)
class Facts:
    traits: Traits
    function_owner: dict  # function code -> Unit (every function has one)
    clauses: dict  # clause id -> ClauseResponsibility
    activities: dict  # activity key -> Activity
    limits: Limits
    approval: Approval
    staff: Staff
    rescue_outlets: tuple[str, ...]  # outlet ids that offer road rescue
    laws: tuple[str, ...]
    parts_years: Optional[int]  # spare parts kept after production ends, as the company commits (any business type); None when not stated
    parts_supply: str  # the parts promise as the commitments state it
    publicity_places: str  # where the commitments are published
    sanbao_laws: tuple[str, ...]  # the 三包 rules among them (修理更换退货责任规定)
    philosophy: str
    philosophy_declared: bool
    goods_warranty_start: str  # 自交付之日起计算 (per product line when the lines differ)
    car_warranty_start: str
    car_early_window: str
    rights: tuple[Rights, ...]  # the statutory rights stated in full, in the order of rights.yaml
    distance_sales: bool  # sells online, by TV, phone or mail: 7-day no-reason return
    call_log_fields: tuple[str, ...]
    survey_items: tuple[tuple[str, str], ...]  # (item, what is judged)
    categories: tuple[str, ...] = ()  # product category codes, in profile order
    not_applicable: dict = field(default_factory=dict)  # clause id -> the company's reason
    targets: tuple[Target, ...] = ()
    appointments: Optional[Appointments] = None
    units: dict = field(default_factory=dict)  # department id -> Unit
    services: tuple[ServiceFact, ...] = ()
    offer: Optional["Offer"] = None
    matrix_columns: tuple[MatrixColumn, ...] = ()  # the responsibility matrix's department columns
    decisions: tuple[Decision, ...] = field(default=())
    terms: Optional[TradeTerms] = None  # the words and emergencies of its trades (trades.yaml)
    remote: object = None  # sskit.facts.remote.Remote: the areas without an outlet, grouped by arrangement
    courier_goods: tuple[str, ...] = ()  # goods sent by courier (快递), not delivered by the company's vehicles
    network: object = None  # sskit.facts.network.Network: who repairs the goods, the company or the brands' networks
    takes_returns: bool = False  # it sells at a distance or keeps a returns centre: 退换货管理程序 (facts/returns.py)
    no_reason_return: Optional[NoReasonReturn] = None  # Art. 25 (None: no distance sales)
    goods_terms: Optional[GoodsTerms] = None  # the words of the goods it sells and installs (trades.yaml goods)
    customers: object = None  # sskit.facts.customers.Customers: consumers or businesses, and the law that follows

    def rights_of(self, key: str):
        return next((r for r in self.rights if r.key == key), None)

    def target(self, key: str):
        return next((t for t in self.targets if t.key == key), None)

    def who(self, function: str) -> str:
        return self.function_owner[function].name

    def owner_unit(self, owner: str) -> Unit:
        """The department behind an owner reference: a function code, 'clause:5.2.1'
        (that clause's 主责) or 'activity:satisfaction_survey' (who runs it)."""
        kind, _, key = owner.partition(":")
        if kind == "clause" and self.clauses.get(key) and self.clauses[key].owner:
            return self.clauses[key].owner
        if kind == "activity" and self.activities[key].owner_id:
            return self.units[self.activities[key].owner_id]
        if kind in self.function_owner:
            return self.function_owner[kind]
        return self.function_owner["service_management"]
