"""The commented starter profile written by `sskit init`.

It is a complete, valid profile of a fictional company, so a consultant can
check and build it at once and then replace the values section by section.
"""
from __future__ import annotations

from sskit.profile.fields import credit_check_char

_PRODUCTS = {
    "appliance": ("refrigerator", """\
  - id: fridge                      # 产品线标识
    name: 示范牌风冷变频冰箱         # 产品线名称
    category: refrigerator          # 商品类别（见 schema 中的枚举说明）
    labour_fee: {price: 80, unit: 元/次}   # 保修期外维修人工费，按本公司实际标准填写
    models: [BCD-456WP, BCD-520WP]
    delivery: true                  # 是否送货上门
    installation_required: false    # 是否需要上门安装调试
    warranty:
      return_days: 7                # 包退期（天），法定不少于 7 天
      exchange_days: 15             # 包换期（天），法定不少于 15 天
      whole_unit_months: 12         # 整机保修期（月）
      main_parts:                   # 主要部件保修期
        - {name: 压缩机, months: 36}
    parts:                          # 常用备件价格（用于收费标准公示表）
      - {name: 温控器, price: 85, unit: 元/只}
"""),
    "water_purifier": ("water_purifier", """\
  - id: ro
    name: 示范牌反渗透净水器
    category: water_purifier
    labour_fee: {price: 60, unit: 元/次}
    installation_required: true
    installation_free: true
    warranty:
      return_days: 7
      exchange_days: 15
      whole_unit_months: 12
      main_parts:
        - {name: 增压泵, months: 36}
    maintenance:                    # 滤芯更换等定期维护
      cycle_months: 6
      items: [更换PP棉滤芯, 水质检测]
"""),
    "auto": ("household_car", """\
  - id: sedan
    name: 示范牌家用轿车
    category: household_car
    brand: 示范牌                    # 经销的品牌
    manufacturer: 示范汽车股份有限公司  # 生产者：本公司执行其保修政策
    labour_fee: {price: 240, unit: 元/工时}
    warranty:
      return_days: 7
      exchange_days: 15
      whole_unit_months: 36         # 包修期（月），法定不少于 3 年或 6 万公里
      whole_unit_km: 100000
      sanbao_months: 24             # 三包有效期（月），法定不少于 2 年或 5 万公里
      sanbao_km: 50000
      main_parts:
        - {name: 发动机, months: 36, km: 100000}
        - {name: 变速器, months: 36, km: 100000}
"""),
    "general": ("other", """\
  - id: main
    name: 示范牌主营产品
    category: other
    labour_fee: {price: 60, unit: 元/次}
    warranty:
      return_days: 7
      exchange_days: 15
      whole_unit_months: 12
"""),
    # an equipment maker selling to businesses: no 包退/包换 days (the purchase contract governs),
    # the warranty runs from the customer's acceptance
    "industrial": ("industrial_equipment", """\
  - id: vmc
    name: 示范牌立式加工中心
    category: industrial_equipment
    label: 数控机床                  # 各文件印出的商品类别名称
    labour_fee: {price: 800, unit: 元/人·天}
    installation_required: true     # 到客户现场安装调试，验收合格后开始保修
    warranty_start: installation    # 自安装验收合格之日起计算
    warranty:                       # 单位客户：按购销合同约定，不填包退期、包换期
      whole_unit_months: 12
      main_parts:
        - {name: 主轴, months: 24}
    parts:
      - {name: 主轴轴承（成套）, price: 8600, unit: 元/套}
"""),
}

_BODY = """\
# yaml-language-server: $schema=profile.schema.json
# sskit 企业档案（company profile）。所有文件中的企业名称、人员、网点、期限都取自本文件。
# 把示例值替换为贵公司的实际信息，然后运行：sskit check profile.yaml
# 字段说明见同目录的 profile.schema.json（sskit schema 生成，编辑器据此自动补全和校验）

company:
  name: {company_name}有限公司              # 企业全称，与营业执照一致
  short_name: {company_name}               # 简称，用于页眉
  credit_code: {credit_code}   # 统一社会信用代码（18 位，含校验位）
  address: 浙江省杭州市滨江区示范路1号
  industry: {industry}
  business_type: {business_type}     # manufacturer（生产）/ distributor（销售）/ service_provider（服务）
  top_manager: {{name: 张明, title: 总经理}}   # 最高管理者，签发手册
  sales_regions: [浙江省]            # 销售覆盖的省级行政区
{customers}
service_head:                        # 服务体系负责人（管理者代表）
  name: 李华
  title: 副总经理
  reports_to: top_manager            # 应直接向最高管理者报告
  department: service
  appointed: 2026-01-01

departments:                         # 组织机构：parent 为上级部门 id，最高层留空
  - id: gm
    name: 总经理办公室
    head: 张明
    functions: [management, administration, legal]
  - id: service
    name: 客户服务中心
    parent: gm
    head: 李华
    functions: [{service_functions}]
  - id: quality
    name: 质量部
    parent: gm
    head: 王芳
    functions: [{quality_functions}]
  - id: hr
    name: 人力资源部
    parent: gm
    head: 赵敏
    functions: [hr, training, finance, it]
  - id: sales
    name: 营销中心
    parent: gm
    head: 陈刚
    functions: [{sales_functions}]

outlets:                             # 服务网点；kind：直营 / 特约 / 授权 / 第三方
  - id: hz01
    name: 杭州滨江服务中心
    kind: 直营
    province: 浙江省
    city: 杭州市
    address: 杭州市滨江区示范路1号
    phone: 0571-86001234
    hours: "08:30-17:30"
    manager: 孙伟
    technicians: 5
    {outlet_offer}

{offer}
commitments:
  hotline: 400-800-1234
  hotline_hours: 7×24小时
  supervision_channels: [服务监督电话 0571-88886600]   # 独立于服务热线的监督渠道
  response_hours: 2                  # 受理后响应时限（小时）
{onsite}
  repair_days: 3                     # 一般故障修复时限（天）
  callback_days: 3                   # 完工后回访时限（天）
  complaint_response_hours: 24
  complaint_resolution_days: 7
  satisfaction_target: 95            # 顾客满意度目标（%）
{parts}  fees:
    publicity: [各服务网点服务大厅, 公司官方网站]

training:
  year: 2026
  hours_per_role: {{technician: 40, customer_service: 24, service_manager: 24, all_staff: 8}}
  trainers:
    - {{name: 李华, title: 副总经理, department: service}}

{not_applicable}document_control:
  prefix: SF/SS                      # 文件编号前缀
  version: A/0
  effective_date: 2026-01-01
  drafted_by: 孙伟
  reviewed_by: 李华
  approved_by: 张明
"""

_INDUSTRY = {
    "appliance": ("家用电器制造", "manufacturer"),
    "water_purifier": ("净水设备制造", "manufacturer"),
    "auto": ("汽车销售与维修", "distributor"),
    "general": ("商品生产与销售", "manufacturer"),
    "service": ("设备维护保养服务", "service_provider"),
    "industrial": ("工业设备制造", "manufacturer"),
}

# a service company lists services instead of products (and may declare clauses not applicable)
_SERVICES = """\
services:                            # 服务项目；kind、trade 见 sskit schema
  - id: maintenance
    name: 设备定期维护保养
    kind: maintenance_contract
    trade: industrial_equipment
    terms: {response_hours: 2, arrival_hours: 24, resolution_hours: 48}   # 服务水平承诺（小时）
    cycle_days: 30                   # 维护保养周期（天）
    items: [设备运行状态检查, 清洁润滑和紧固]
    contract: {term_months: 12}
  - id: repair
    name: 设备故障维修
    kind: repair
    trade: industrial_equipment
    terms: {arrival_hours: 24, resolution_hours: 48}
    workmanship_months: 3            # 维修工艺质保期（月）
    parts_months: 6                  # 更换配件质保期（月）
"""
_SERVICE_ONSITE = """\
  onsite:                            # 分区域、分工作种类的时限（小时）
    - {area: 城区, kind: repair, hours: 24}
    - {area: 县城及乡镇, kind: repair, hours: 48}
"""
_GOODS_ONSITE = """\
  onsite:                            # 分区域上门时限（小时）
    - {area: 城区, hours: 24}
    - {area: 县城及乡镇, hours: 48}
"""
_BUSINESS_CUSTOMERS = """\
  customers: businesses              # 顾客类型：consumers（个人消费者）/ businesses（单位客户）/ both
  sales_channels: [direct, dealer]   # direct：本公司直销（含招投标）；dealer：经销商销售
"""
_NOT_APPLICABLE = """\
responsibilities:
  not_applicable:                    # 不适用的条款及理由
    "5.2.3": 本公司不销售商品，不向顾客配送商品
    "5.2.6": 本公司不销售商品；维修更换下的旧部件归顾客所有，经其确认后交还

"""


def starter_profile(industry: str = "appliance") -> str:
    industry_text, business_type = _INDUSTRY[industry]
    base = "91330108MA2B0C1D2"
    service = business_type == "service_provider"
    if service:
        offer, outlet_offer = _SERVICES, "services: [maintenance, repair]"
    else:
        category, products = _PRODUCTS[industry]
        offer, outlet_offer = "products:\n" + products, f"categories: [{category}]"
    return _BODY.format(
        credit_code=base + credit_check_char(base), industry=industry_text, business_type=business_type,
        outlet_offer=outlet_offer, offer=offer, onsite=_SERVICE_ONSITE if service else _GOODS_ONSITE,
        parts="" if service else "  parts_retention_years: 5           # 停产后备件保留年限\n",
        not_applicable=_NOT_APPLICABLE if service else "",
        customers=_BUSINESS_CUSTOMERS if industry == "industrial" else "",
        company_name="示范机械" if industry == "industrial" else "示范电器",
        # a service company has no research and development, delivers no goods and takes none back
        service_functions="service_management, customer_service, complaints, repair, parts, technical_support",
        quality_functions="quality, supervision, standardization" + ("" if service else ", rd"),
        sales_functions="sales, marketing" + ("" if service else ", delivery, recycling"))
