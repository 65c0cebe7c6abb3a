"""The company profile model (pydantic v2).

The top-level keys are fixed: company, service_head, departments, outlets,
products, commitments, training, document_control. Field descriptions end up
in the JSON Schema that `sskit schema` prints, so editors can show them.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

import sskit.profile.vocab as vocab
from sskit.profile.fields import (
    ActivityCode, BusinessType, CustomerType, KpiCode, Percent, CategoryCode, OnsiteKind, OnsiteStart, SalesChannel, Date, Count, CreditCode, Days, FunctionCode, Hours, Id, Km, Minutes, Money, Months,
    Line, OpeningHours, OutletKind, Phone, RoleCode, ServiceKind, Text, TradeCode, TrainingMethod, Version, WarrantyStart,
    version_order,
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Person(_Model):
    name: Line = Field(description="姓名")
    title: Line = Field(description="职务")


class Company(_Model):
    name: Line = Field(description="企业全称（与营业执照一致）")
    short_name: Line = Field(description="企业简称，用于页眉")
    credit_code: CreditCode = Field(description="统一社会信用代码（18位，含校验位）")
    address: Line = Field(description="注册地址或经营地址")
    industry: Line = Field(description="所属行业，如 家用电器制造")
    business_type: BusinessType = Field(description="manufacturer | distributor | service_provider")
    top_manager: Person = Field(description="最高管理者")
    founded: Optional[Date] = Field(None, description="成立日期")
    employees: Optional[Count] = Field(None, description="员工总数")
    service_staff: Optional[Count] = Field(None, description="售后服务人员总数")
    certified_service_managers: Optional[Count] = Field(None, description="持证售后服务管理师人数")
    sales_regions: list[Line] = Field(default_factory=list, description="销售覆盖的省级行政区")
    customers: CustomerType = Field(
        "consumers",
        description="顾客类型：consumers（个人消费者，缺省）| businesses（单位客户：企业、机关、事业单位等按购销合同购买，"
                    "不适用消费者权益保护法、三包规定和七日无理由退货，质保按合同和《民法典》合同编）| both")
    sales_channels: list[SalesChannel] = Field(
        default_factory=list,
        description="销售渠道：store | online | tv | phone | mail | dealer | direct；"
                    "向个人消费者的网络、电视、电话、邮购销售适用七日无理由退货")
    introduction: Optional[Text] = Field(None, description="企业简介（一段文字）")
    service_philosophy: Optional[Text] = Field(None, description="服务理念（一句话），缺省使用通用表述")
    website: Optional[Line] = None
    postcode: Optional[Line] = None
    logo: Optional[Text] = Field(
        None, description="企业标识图片（PNG 或 JPEG，路径相对于本文件），印在封面和每页页眉")


class ServiceHead(_Model):
    name: Line = Field(description="服务体系负责人（管理者代表）姓名")
    title: Line = Field(description="职务")
    reports_to: Line = Field("top_manager", description="'top_manager' 或其直接上级部门的 id")
    department: Optional[Id] = Field(None, description="其兼任负责人的部门 id（可选）")
    appointed: Date = Field(description="任命日期")
    phone: Optional[Phone] = None


class Department(_Model):
    id: Id = Field(description="部门标识（英文字母开头）")
    name: Line = Field(description="部门名称")
    parent: Optional[Id] = Field(None, description="上级部门 id；最高层留空")
    head: Line = Field(description="部门负责人")
    functions: list[FunctionCode] = Field(min_length=1, description="部门职能（封闭词表）")
    staff: Optional[Count] = Field(None, description="人数")
    duties: list[Text] = Field(default_factory=list, description="补充职责")
    phone: Optional[Phone] = None
    group: Optional[Line] = Field(
        None, description="部门组：同组部门在部门职责分配表中合为一列，列名即组名，如 各区域分公司（可选）")


class Contract(_Model):
    number: Optional[Line] = Field(None, description="合作协议编号")
    start: Date
    end: Date

    @model_validator(mode="after")
    def _ordered(self):
        if self.end < self.start:
            raise PydanticCustomError("order", "contract ends ({end}) before it starts ({start})",
                                      {"end": str(self.end), "start": str(self.start), "field": "end"})
        return self


class Outlet(_Model):
    id: Id
    name: Line = Field(description="网点名称")
    kind: OutletKind = Field(description="直营 | 特约 | 授权 | 第三方")
    province: Line
    city: Line
    district: Optional[Line] = None
    address: Line
    phone: Phone
    hours: OpeningHours = Field(description="营业时间，如 08:30-17:30")
    manager: Line = Field(description="网点负责人")
    technicians: Count = Field(description="持证维修技术人员数")
    categories: list[CategoryCode] = Field(
        default_factory=list, description="服务的商品类别（销售商品的企业必填；服务企业可改填 services）")
    services: list[Id] = Field(default_factory=list, description="承担的服务项目 id（服务企业；缺省为全部服务项目）")
    service_area: Optional[Text] = Field(None, description="服务范围")
    vehicles: Optional[Count] = Field(None, description="服务车辆数")
    rescue: Optional[bool] = Field(None, description="是否提供道路救援（缺省：营业时间中写明“救援”的网点提供）")
    contract: Optional[Contract] = Field(None, description="非直营网点的合作协议")


class Part(_Model):
    name: Line
    months: Months = Field(description="保修期（月）")
    km: Optional[Km] = None


class Warranty(_Model):
    return_days: Optional[Count] = Field(
        None, description="包退期（天）；向个人消费者销售的商品必填（消费者权益保护法第二十四条不少于7天），单位客户按合同约定的可不填")
    exchange_days: Optional[Count] = Field(
        None, description="包换期（天）；向个人消费者销售的商品必填，单位客户按合同约定的可不填")
    whole_unit_months: Months = Field(description="整机保修期（月）")
    whole_unit_km: Optional[Km] = Field(None, description="整机包修里程（公里，汽车等）")
    sanbao_months: Optional[Months] = Field(None, description="三包有效期（月，家用汽车）")
    sanbao_km: Optional[Km] = Field(None, description="三包有效期里程（公里，家用汽车）")
    main_parts: list[Part] = Field(default_factory=list, description="主要部件及其保修期")
    wear_parts: list[Part] = Field(default_factory=list, description="易损件及其保修期")
    note: Optional[Text] = None

    @model_validator(mode="after")
    def _ordered(self):
        if self.exchange_days is not None and self.return_days is not None and self.exchange_days < self.return_days:
            raise PydanticCustomError("order",
                                      "exchange period ({ex} days) is shorter than the return period ({ret} days)",
                                      {"ex": self.exchange_days, "ret": self.return_days, "field": "exchange_days"})
        return self


class Maintenance(_Model):
    cycle_months: Months = Field(description="保养/维护周期（月）")
    items: list[Text] = Field(min_length=1, description="保养内容，如 更换PP棉滤芯")


class PriceItem(_Model):
    name: Line
    price: Money = Field(description="价格（元）")
    unit: Line = Field("元", description="计价单位，如 元/次、元/只")
    note: Optional[Text] = None


class LabourFee(_Model):
    price: Money = Field(description="保修期外维修的人工费（元）")
    unit: Line = Field("元/次", description="计价单位，如 元/次、元/工时")
    note: Optional[Text] = None


class RepairNetwork(_Model):
    """维修由品牌（生产者）的授权服务网络承担：本公司受理、核实三包、引导或代送、跟踪结果."""
    name: Optional[Line] = Field(None, description="授权服务网络的名称，如 华为授权服务中心（缺省：品牌加“授权服务中心”）")
    hotline: Optional[Phone] = Field(None, description="品牌的服务热线，如 950800")
    website: Optional[Line] = Field(None, description="品牌查询授权服务网点的网站")


class Product(_Model):
    id: Id
    name: Line = Field(description="产品线名称")
    category: CategoryCode
    label: Optional[Line] = Field(
        None, description="类别的名称，印在文件中代替词表名称（category 为 other 或词表名称不贴切时填写，如 中央软水机）")
    models: list[Line] = Field(default_factory=list, description="主要型号")
    description: Optional[Text] = None
    warranty: Warranty
    installation_required: bool = Field(False, description="是否需要上门安装调试")
    installation_free: bool = Field(True, description="安装是否免费")
    delivery: bool = Field(False, description="是否提供送货上门")
    maintenance: Optional[Maintenance] = None
    service_life_years: Optional[Annotated[int, Field(gt=0, le=100)]] = Field(None, description="安全使用年限（年）")
    parts: list[PriceItem] = Field(default_factory=list, description="常用备件价格")
    labour_fee: Optional[LabourFee] = Field(None, description="保修期外维修的人工费（收费标准公示表按产品线列出）")
    brand: Optional[Line] = Field(None, description="品牌（经销商填写所经销的品牌）")
    manufacturer: Optional[Line] = Field(None, description="生产者全称（经销商执行其保修政策）")
    warranty_start: Optional[WarrantyStart] = Field(
        None, description="保修期起算日：invoice（开具发票之日）| delivery（交付之日）| installation（安装验收合格之日）；缺省按三包规定")
    family: Optional[Line] = Field(
        None, description="产品族：同族产品线合开一门产品知识培训，如 厨房电器；缺省按商品类别归族（可选）")
    return_exclusion: Optional[Literal["made_to_order", "perishable", "digital", "periodical"]] = Field(
        None, description="依法不适用七日无理由退货的商品（消费者权益保护法第二十五条）：made_to_order（消费者定作的，"
                          "如按订单定制的家具）| perishable（鲜活易腐的）| digital（在线下载或者消费者拆封的音像制品、"
                          "计算机软件等数字化商品）| periodical（交付的报纸、期刊）")
    repair_network: Optional[RepairNetwork] = Field(
        None, description="商品维修由品牌（生产者）授权服务网络承担时填写，本公司不自行维修；"
                          "可写 {} 或给出 name、hotline、website")

    @property
    def category_label(self) -> str:
        """The name the documents print for its category: its own label, else the vocabulary's."""
        return self.label or vocab.CATEGORIES[self.category]["label"]


class ServiceTerms(_Model):
    """服务水平承诺：each limit runs from the customer's call (救援 from the alarm)."""
    response_hours: Optional[Hours] = Field(None, description="受理后响应时限（小时）")
    arrival_hours: Optional[Hours] = Field(None, description="到达现场时限（小时）")
    resolution_hours: Optional[Hours] = Field(None, description="一般故障排除时限（小时）")
    rescue_minutes: Optional[Minutes] = Field(None, description="紧急救援（如电梯困人）到达现场时限（分钟）")


class ServiceContract(_Model):
    term_months: Optional[Months] = Field(None, description="合同期（月）")
    renewal: Optional[Text] = Field(None, description="续签安排，如 期满前30天书面确认续签")
    payment: Optional[Text] = Field(None, description="付款方式，如 按季度预付")
    note: Optional[Text] = None


class Service(_Model):
    id: Id
    name: Line = Field(description="服务项目名称，如 电梯日常维护保养")
    kind: ServiceKind = Field(description="服务种类（封闭词表）")
    trade: TradeCode = Field(description="所属行业（封闭词表），决定适用的法规、资格证书和记录")
    equipment: list[Line] = Field(default_factory=list, description="服务的设备类型，如 曳引式乘客电梯")
    description: Optional[Text] = None
    terms: ServiceTerms = Field(default_factory=ServiceTerms, description="服务水平承诺（时限）")
    cycle_days: Optional[Days] = Field(None, description="维护保养周期（天），如 电梯 15")
    items: list[Text] = Field(default_factory=list, description="服务内容或维保项目")
    workmanship_months: Optional[Months] = Field(None, description="维修、安装工艺质保期（月）")
    parts_months: Optional[Months] = Field(None, description="更换配件的质保期（月）")
    contract: Optional[ServiceContract] = Field(None, description="服务合同条款")
    prices: list[PriceItem] = Field(default_factory=list, description="收费标准")


class Loaner(_Model):
    vehicles: Optional[Count] = Field(None, description="备用车（代步车）数量")
    condition: Text = Field(description="提供条件，如 维修超过5日的提供备用车或交通费用补偿")


class OnsiteLimit(_Model):
    area: Line = Field(description="区域，如 城区、县城、乡镇")
    hours: Hours = Field(description="时限（小时；不足1小时写小数，如 0.5 即30分钟）")
    kind: Optional[OnsiteKind] = Field(
        None, description="工作种类：onsite（上门服务）| rescue（道路救援）| emergency（紧急救援）| repair | installation | "
                          "maintenance | delivery；缺省按区域名称中是否含“救援”判断")
    start: Optional[OnsiteStart] = Field(None, description="该时限的起算点（缺省：上门服务按 onsite_start，救援自接到求助）")


class RemoteService(_Model):
    province: Optional[Line] = Field(None, description="一个省级行政区（与 provinces 二选一）")
    provinces: list[Line] = Field(default_factory=list, description="同一安排的多个省级行政区（与 province 二选一）")
    arrangement: Text = Field(description="无网点地区的服务安排")
    onsite: list[OnsiteLimit] = Field(default_factory=list,
                                      description="该地区不同于总体承诺的上门时限（在服务承诺中作为例外公示）")

    @model_validator(mode="after")
    def _one_form(self):
        if (self.province is None) == (not self.provinces):
            raise PydanticCustomError(
                "remote_form", "an entry names its area either with province (one) or with provinces (a list), "
                "exactly one of them: e.g. provinces: [北京市, 天津市]", {"field": "provinces" if self.provinces else "province"})
        return self

    @property
    def names(self) -> tuple[str, ...]:
        """The provinces this entry covers, in the order written."""
        return (self.province,) if self.province is not None else tuple(dict.fromkeys(self.provinces))


class Fees(_Model):
    publicity: list[Text] = Field(min_length=1, description="收费标准公示的地点和渠道")
    items: list[PriceItem] = Field(default_factory=list, description="服务收费项目")
    in_warranty_free: bool = True


class Commitments(_Model):
    hotline: Phone = Field(description="服务热线")
    supervision_channels: list[Text] = Field(
        default_factory=list,
        description="独立于服务热线的监督渠道，如 监督电话 0571-88886600、总经理信箱 gm@example.com")
    hotline_hours: Line = Field(description="热线服务时间，如 7×24小时")
    online_channels: list[Line] = Field(default_factory=list)
    response_hours: Hours = Field(description="受理后响应时限（小时）")
    onsite: list[OnsiteLimit] = Field(
        default_factory=list, description="分区域上门时限（全部商品由品牌授权服务网络维修的企业可不承诺上门）")
    onsite_start: Optional[OnsiteStart] = Field(
        None, description="上门时限的起算点：report（受理报修后，缺省）| appointment（与顾客预约确认后）")
    repair_days: Days = Field(description="一般故障修复时限（天）")
    callback_days: Days = Field(description="服务完成后回访时限（天）")
    complaint_response_hours: Hours = Field(description="投诉响应时限（小时）")
    complaint_resolution_days: Days = Field(description="投诉处理完结时限（天）")
    satisfaction_target: Percent = Field(description="顾客满意度目标（%）")
    parts_retention_years: Optional[Months] = Field(None, description="停产后备件保留年限（生产企业；销售或服务企业填写即作承诺）")
    parts_delivery_hours: Optional[Hours] = Field(None, description="常用备件送达网点的时限（小时）")
    fees: Fees
    take_back: Optional[Text] = Field(None, description="废旧商品回收安排")
    remote_service: list[RemoteService] = Field(default_factory=list)
    loaner: Optional[Loaner] = Field(None, description="维修期间的备用车（代步车）安排（汽车经销商）")


class Trainer(_Model):
    name: Line
    title: Line
    department: Optional[Id] = Field(None, description="内部讲师所在部门 id")
    organisation: Optional[Line] = Field(None, description="外部讲师所在机构")
    topics: list[Line] = Field(default_factory=list, description="擅长领域，年度培训计划据此和所在部门分配课程")


class Programme(_Model):
    name: Line
    content: Optional[Text] = Field(None, description="培训内容")
    month: int = Field(ge=1, le=12)
    hours: Hours
    audience: list[RoleCode] = Field(min_length=1)
    trainer: Line = Field(description="讲师姓名（须在 trainers 中）")
    method: TrainingMethod = "课堂讲授"
    assessment: Line = Field("笔试", description="考核方式")


class Training(_Model):
    year: int = Field(ge=2000, le=2100, description="计划年度")
    hours_per_role: dict[RoleCode, Hours] = Field(min_length=1, description="各岗位年度培训学时")
    trainers: list[Trainer] = Field(min_length=1)
    programmes: list[Programme] = Field(default_factory=list, description="另行安排的培训项目")
    incentives: list[Text] = Field(default_factory=list, description="考核、奖励与晋升机制")
    employee_care: list[Text] = Field(default_factory=list, description="员工关爱措施")


class PastIssue(_Model):
    version: Version = Field(description="此前的版本号，如 A/0")
    date: Date = Field(description="该版的实施日期")
    summary: Text = Field(description="该版的发布或修订内容，如 首次发布、按组织机构调整全面修订")
    author: Optional[Line] = Field(None, description="修订人（缺省不填）")


class DocumentControl(_Model):
    prefix: Line = Field(description="文件编号前缀，如 HX/SS")
    version: Version = Field(description="版本号，如 A/0")
    effective_date: Date = Field(description="实施日期")
    issue_date: Optional[Date] = Field(None, description="发布日期（缺省同实施日期）")
    drafted_by: Line
    reviewed_by: Line
    approved_by: Line
    reference_doc: Optional[Text] = Field(
        None, description="企业的 Word 模板（.docx，路径相对于本文件）：取其样式字体、页边距和页眉页脚图片")
    history: list[PastIssue] = Field(
        default_factory=list, description="本版之前各版的发布记录（由早到晚）：印在每份文件修订记录的前几行")
    summary: Optional[Text] = Field(
        None, description="本版的发布或修订内容，印在修订记录本版一行（缺省：A/0 写“首次发布”，其他版本写“按…版换版发布”）")

    @model_validator(mode="after")
    def _ordered(self):
        if self.issue_date and self.issue_date > self.effective_date:
            raise PydanticCustomError("order", "issue date {issue} is after the effective date {eff}",
                                      {"issue": str(self.issue_date), "eff": str(self.effective_date),
                                       "field": "issue_date"})
        before, when = None, None
        for past in self.history:
            if version_order(past.version) >= version_order(self.version) or (
                    before is not None and version_order(past.version) <= version_order(before)):
                raise PydanticCustomError(
                    "order", "history lists {v} out of order: list the versions before {now}, oldest first",
                    {"v": past.version, "now": self.version, "field": "history"})
            if past.date > self.issued or (when is not None and past.date < when):
                raise PydanticCustomError(
                    "order", "history gives {v} the date {d}: dates go from the oldest version to the newest, "
                             "before this version's issue date {issued}",
                    {"v": past.version, "d": str(past.date), "issued": str(self.issued), "field": "history"})
            before, when = past.version, past.date
        return self

    @property
    def issued(self) -> dt.date:
        return self.issue_date or self.effective_date


class CertifiedPerson(_Model):
    name: Line = Field(description="姓名")
    certificate: Line = Field(description="售后服务管理师证书编号")
    department: Optional[Id] = Field(None, description="所在部门 id")


class Supervisor(_Model):
    name: Line = Field(description="服务监督员姓名")
    department: Optional[Id] = Field(None, description="所在部门 id")
    phone: Optional[Phone] = Field(None, description="监督电话")


class People(_Model):
    service_managers: list[CertifiedPerson] = Field(
        default_factory=list, description="持证售后服务管理师（任命书逐一列出）")
    supervisors: list[Supervisor] = Field(default_factory=list, description="服务监督员（任命书逐一列出）")
    appointed: Optional[Date] = Field(None, description="任命日期（缺省：文件实施日期）")
    headcount: dict[Text, Count] = Field(
        default_factory=dict, description="岗位定员：岗位代码 -> 人数，如 dispatcher: 4（岗位代码见岗位职责说明书）")


class BudgetItem(_Model):
    name: Line = Field(description="预算项目，如 备件储备")
    amount: Money = Field(description="金额（万元）")
    note: Optional[Text] = None


class Budget(_Model):
    year: int = Field(ge=2000, le=2100, description="预算年度")
    items: list[BudgetItem] = Field(min_length=1, description="售后服务经费预算项目")
    reserve: Optional[Money] = Field(None, description="质量问题和安全事故专项准备金（万元）")


class Resources(_Model):
    budget: Optional[Budget] = Field(None, description="年度售后服务经费预算")
    facilities: list[Text] = Field(default_factory=list, description="服务场所与设施，如 维修车间 600平方米")
    tools: list[Text] = Field(default_factory=list, description="维修工具和检测仪器")
    hotline_seats: Optional[Count] = Field(None, description="热线坐席数")
    call_recording: Optional[bool] = Field(None, description="热线是否全程录音")
    information_system: Optional[Line] = Field(None, description="客户服务信息系统的名称")
    parts_stock: Optional[Text] = Field(None, description="备件库存策略，如 常用备件按近三个月平均用量的1.5倍储备")


class ActivitySetting(_Model):
    owner: Optional[Id] = Field(None, description="负责该活动的部门 id")
    every_months: Optional[Months] = Field(None, description="周期（月）：1 每月，3 每季度，12 每年")


class Responsibilities(_Model):
    """Explicit decisions where the departments' functions leave a choice."""
    functions: dict[FunctionCode, Id] = Field(
        default_factory=dict, description="职能 -> 主责部门 id（多个部门承担同一职能时指定）")
    clauses: dict[Text, Id] = Field(default_factory=dict, description="条款号 -> 主责部门 id，如 '5.2.1': rd")
    not_applicable: dict[Text, Text] = Field(
        default_factory=dict, description="不适用的条款：条款号 -> 理由，如 '5.2.3': 本公司不向顾客配送商品")
    activities: dict[ActivityCode, ActivitySetting] = Field(
        default_factory=dict, description="周期性活动的负责部门和周期，如 satisfaction_survey")


class Profile(_Model):
    company: Company
    service_head: ServiceHead
    departments: list[Department] = Field(min_length=1)
    outlets: list[Outlet] = Field(min_length=1)
    products: list[Product] = Field(default_factory=list, description="销售的商品（生产企业、销售企业必填）")
    services: list[Service] = Field(default_factory=list, description="服务项目（服务企业必填）")
    commitments: Commitments
    training: Training
    document_control: DocumentControl
    responsibilities: Responsibilities = Field(default_factory=Responsibilities,
                                               description="职能、条款和周期性活动的主责部门（可选）")
    people: People = Field(default_factory=People, description="任命的售后服务管理师、服务监督员和岗位定员（可选）")
    targets: dict[KpiCode, Percent] = Field(
        default_factory=dict, description="年度服务目标（%），如 first_time_fix: 92；缺省按文档规则取值")
    resources: Resources = Field(default_factory=Resources, description="服务经费、设施、工具和信息系统（可选）")

    @model_validator(mode="after")
    def _offer(self):
        kind = self.company.business_type
        if kind != "service_provider" and not self.products:
            raise PydanticCustomError(
                "offer", "a {label} lists the goods it sells under products (at least one product line)",
                {"label": "manufacturer" if kind == "manufacturer" else "distributor", "field": "products"})
        if kind == "service_provider" and not self.products and not self.services:
            raise PydanticCustomError(
                "offer", "a service provider lists its services under services (at least one)",
                {"field": "services"})
        if not self.commitments.onsite and (self.services or not self.products
                                            or any(p.repair_network is None for p in self.products)):
            raise PydanticCustomError(
                "onsite", "commitments.onsite needs at least one entry (an area and its on-site time limit): "
                "only a company whose goods are all repaired by the brands' authorised networks "
                "(products[].repair_network) may promise no on-site visit",
                {"field": "commitments"})
        return self


TOP_KEYS = tuple(Profile.model_fields)
