"""Closed vocabularies of the profile, with their Chinese labels.

Later stages map GB/T 27922 clauses to department functions and statutory
三包 rules to product categories, so both lists are closed: a typo is an error,
not a silently unowned clause.
"""
from __future__ import annotations

# 部门职能: code -> Chinese label
FUNCTIONS: dict[str, str] = {
    "management": "经营管理",
    "service_management": "售后服务管理",
    "customer_service": "客户服务与热线",
    "complaints": "投诉处理",
    "repair": "维修服务",
    "installation": "安装调试",
    "delivery": "配送物流",
    "parts": "备件管理",
    "technical_support": "技术支持",
    "quality": "质量管理",
    "supervision": "服务监督",
    "rd": "研发设计",
    "standardization": "标准化",
    "sales": "销售",
    "marketing": "品牌与市场",
    "hr": "人力资源",
    "training": "培训",
    "it": "信息化",
    "finance": "财务",
    "procurement": "采购",
    "production": "生产制造",
    "warehouse": "仓储",
    "legal": "法务",
    "administration": "行政",
    "recycling": "废旧商品回收",
}

# 商品类别. `sanbao` marks categories named by a statutory 三包 rule; the
# rule values themselves live in sskit/standard/ (correctable data). `data` marks goods that
# hold their user's personal data (the repair procedure then says how it is protected); `battery`
# marks goods that hold a lithium battery (the emergency plan's battery fire scenario).
CATEGORIES: dict[str, dict] = {
    "refrigerator": {"label": "家用电冰箱", "sanbao": True},
    "freezer": {"label": "电冰柜", "sanbao": True},
    "air_conditioner": {"label": "房间空气调节器", "sanbao": True},
    "washing_machine": {"label": "洗衣机", "sanbao": True},
    "tv": {"label": "彩色电视机", "sanbao": True},
    "microwave_oven": {"label": "微波炉", "sanbao": True},
    "vacuum_cleaner": {"label": "吸尘器", "sanbao": True},
    "electric_fan": {"label": "电风扇", "sanbao": True},
    "range_hood": {"label": "吸排油烟机", "sanbao": True},
    "gas_water_heater": {"label": "燃气热水器", "sanbao": True},
    "electric_water_heater": {"label": "电热水器", "sanbao": False},
    "gas_stove": {"label": "家用燃气灶具", "sanbao": False},
    "dishwasher": {"label": "洗碗机", "sanbao": False},
    "small_appliance": {"label": "小家电", "sanbao": False},
    "water_purifier": {"label": "净水器", "sanbao": False},
    "water_dispenser": {"label": "饮水机", "sanbao": False},
    "air_purifier": {"label": "空气净化器", "sanbao": False},
    "video_recorder": {"label": "家用录像机", "sanbao": True},
    "camcorder": {"label": "摄像机", "sanbao": True},
    "audio": {"label": "收录机", "sanbao": True},
    "electronic_keyboard": {"label": "电子琴", "sanbao": True},
    "sewing_machine": {"label": "缝纫机", "sanbao": True},
    "watch_clock": {"label": "钟表", "sanbao": True},
    "bicycle": {"label": "自行车", "sanbao": True},
    "motorcycle": {"label": "摩托车", "sanbao": True},
    "mobile_phone": {"label": "移动电话机", "sanbao": True, "data": True, "battery": True},
    "fixed_phone": {"label": "固定电话机", "sanbao": True, "data": True},
    "computer": {"label": "微型计算机", "sanbao": True, "data": True, "battery": True},
    "household_car": {"label": "家用汽车产品", "sanbao": True},
    "electric_bicycle": {"label": "电动自行车", "sanbao": False, "battery": True},
    "doors_windows": {"label": "门窗", "sanbao": False},
    "furniture": {"label": "家具", "sanbao": False},
    "sanitary_ware": {"label": "卫浴洁具", "sanbao": False},
    "lighting": {"label": "照明电器", "sanbao": False},
    "medical_device": {"label": "家用医疗器械", "sanbao": False},
    "industrial_equipment": {"label": "工业设备", "sanbao": False},
    "other": {"label": "其他商品", "sanbao": False},
}

# Goods whose name or category label holds one of these words are radio transmitting equipment
# (无线电发射设备): 《中华人民共和国无线电管理条例》 applies to their sale and repair.
RADIO_WORDS: tuple[str, ...] = ("对讲机", "无线电台")

# 产品族: the product-knowledge course a category is taught in (products.family overrides).
# A category not listed here is its own family, under its own label.
PRODUCT_FAMILIES: dict[str, tuple[str, ...]] = {
    "制冷电器": ("refrigerator", "freezer", "air_conditioner"),
    "厨房电器": ("range_hood", "gas_stove", "microwave_oven", "dishwasher"),
    "热水器": ("gas_water_heater", "electric_water_heater"),
    "净水饮水设备": ("water_purifier", "water_dispenser"),
    "生活电器": ("vacuum_cleaner", "electric_fan", "air_purifier", "small_appliance"),
    "影音电器": ("tv", "video_recorder", "camcorder", "audio", "electronic_keyboard"),
    "通信及计算机产品": ("mobile_phone", "fixed_phone", "computer"),
    "两轮车": ("bicycle", "electric_bicycle", "motorcycle"),
    "家居建材": ("doors_windows", "furniture", "sanitary_ware", "lighting"),
}

# 省级行政区: what sales_regions and remote_service name (one entry, one province)
PROVINCES: tuple[str, ...] = (
    "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省",
    "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区",
    "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省",
    "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区", "台湾省",
)

# 网点类型
OUTLET_KINDS: tuple[str, ...] = ("直营", "特约", "授权", "第三方")

# 企业类型
BUSINESS_TYPES: dict[str, str] = {
    "manufacturer": "生产企业",
    "distributor": "销售企业",
    "service_provider": "服务企业",
}

# 培训对象（岗位）
ROLES: dict[str, str] = {
    "management": "管理层",
    "service_manager": "服务管理人员",
    "customer_service": "客服人员",
    "technician": "维修技术人员",
    "installer": "安装人员",
    "delivery": "配送人员",
    "parts_clerk": "备件管理人员",
    "sales": "销售人员",
    "service_advisor": "服务顾问",
    "quality": "质量与监督人员",
    "outlet_staff": "网点服务人员",
    "all_staff": "全体员工",
}

# 培训方式
TRAINING_METHODS: tuple[str, ...] = ("课堂讲授", "现场实操", "线上学习", "案例研讨", "外派培训", "师带徒")

# 周期性活动: code -> Chinese label. Who runs each and how often is decided in
# the facts stage (sskit/facts/rules.py); `responsibilities.activities` overrides.
ACTIVITIES: dict[str, str] = {
    "satisfaction_survey": "顾客满意度调查",
    "callback_review": "回访复核",
    "outlet_inspection": "服务网点检查",
    "outlet_evaluation": "服务网点年度综合考核",
    "data_analysis": "服务数据统计分析",
    "quality_feedback": "质量信息反馈",
    "complaint_analysis": "投诉统计分析",
    "management_review": "管理评审",
    "document_review": "文件评审",
    "law_review": "法律法规有效性核查",
    "parts_stocktake": "备件盘点",
    "training_plan": "年度培训计划编制",
    "internal_audit": "内部审核",
    "emergency_drill": "应急演练",
    "outlet_management": "服务网点管理",
    "maintenance_plan": "年度维保计划编制",
    "price_list": "收费标准编制",
}

# 时限的起算点
ONSITE_STARTS: dict[str, str] = {
    "report": "受理报修后",
    "appointment": "与顾客预约确认后",
    "alarm": "接到救援求助后",
    "order": "顾客下单后",
    "plan": "按维保计划日期",
}

# 时限所针对的工作种类（commitments.onsite[].kind）
ONSITE_KINDS: dict[str, str] = {
    "onsite": "上门服务",
    "rescue": "道路救援",
    "emergency": "紧急救援",
    "repair": "故障维修",
    "installation": "安装",
    "maintenance": "维护保养",
    "delivery": "送货",
}

# 服务项目的种类（服务企业 services[].kind）
SERVICE_KINDS: dict[str, str] = {
    "maintenance_contract": "合同维护保养",
    "repair": "故障维修",
    "inspection": "检测巡检",
    "installation": "安装调试",
    "modernisation": "改造更新",
    "operation": "运行维护",
    "it_support": "IT技术支持",
    "cleaning": "清洗消毒",
    "training": "客户培训",
    "other": "其他服务",
}

# 服务所属行业（services[].trade）。`traits` are the facts-stage traits the trade
# brings: they select laws, certificates, posts, procedures and forms from the
# data files in sskit/standard/ (a row's `traits:` condition).
TRADES: dict[str, dict] = {
    "elevator": {"label": "电梯", "traits": ["elevator", "special_equipment"]},
    "vehicle_repair": {"label": "机动车维修", "traits": ["vehicle_repair"]},
    "electrical": {"label": "电气设备", "traits": ["electrical"]},
    "hvac": {"label": "暖通空调", "traits": ["hvac", "electrical"]},
    "it_equipment": {"label": "IT及办公设备", "traits": ["it"]},
    "kitchen_equipment": {"label": "商用厨房设备", "traits": ["gas_work", "electrical"]},
    "fire_safety": {"label": "消防设施", "traits": ["fire_safety", "electrical"]},
    "boiler": {"label": "锅炉及压力容器", "traits": ["special_equipment"]},
    "medical_equipment": {"label": "医疗设备", "traits": ["electrical"]},
    "industrial_equipment": {"label": "工业设备", "traits": ["electrical"]},
    "other": {"label": "其他", "traits": []},
}

# 保修期的起算日（经销商执行的制造商保修）
WARRANTY_STARTS: dict[str, str] = {
    "invoice": "自开具发票之日起计算",
    "delivery": "自交付之日起计算",
    # goods the company installs (custom furniture, water purifiers): the period runs from the day the
    # customer accepts the installation, which is never earlier than the invoice or the delivery
    "installation": "自安装验收合格之日起计算",
}

# 顾客类型. The consumer law (消费者权益保护法), the 三包 rules and the 7-day no-reason return
# protect consumers, who buy for their own living (生活消费); a customer that buys for its business
# (a factory, a hotel, a hospital) is served under its purchase contract and the Civil Code's
# contract rules (民法典合同编).
CUSTOMERS: dict[str, str] = {
    "consumers": "个人消费者（为生活消费购买，适用消费者权益保护法和三包规定）",
    "businesses": "单位客户（企业、机关、事业单位等为生产经营购买，按购销合同和《民法典》合同编）",
    "both": "个人消费者和单位客户都有",
}

# 销售渠道. Distance channels (网络、电视、电话、邮购) bring the 7-day no-reason
# return of 消费者权益保护法 Art. 25.
SALES_CHANNELS: dict[str, str] = {
    "store": "门店销售",
    "online": "网络销售（自营网店、电商平台）",
    "tv": "电视购物",
    "phone": "电话销售",
    "mail": "邮购",
    "dealer": "经销商销售",
    "direct": "直销（本公司销售人员与客户签订购销合同，含招投标）",
}
DISTANCE_CHANNELS: tuple[str, ...] = ("online", "tv", "phone", "mail")

# 年度服务目标的指标: code -> Chinese label. How each is measured and its default
# target are documented rules (sskit/facts/rules.py KPI_RULES); `targets` overrides.
KPIS: dict[str, str] = {
    "response_on_time": "报修响应及时率",
    "onsite_on_time": "上门及时率",
    "mail_in_on_time": "寄修按时修复率",
    "rescue_on_time": "救援到达及时率",
    "installation_on_time": "安装及时率",
    "first_time_fix": "一次修复率",
    "repair_on_time": "维修及时率",
    "inspection_on_time": "验货及时率",
    "refund_on_time": "退款按时率",
    "callback_rate": "回访率",
    "satisfaction": "顾客满意度",
    "complaint_response_on_time": "投诉响应及时率",
    "complaint_closure": "投诉按时办结率",
    "parts_on_time": "备件供应及时率",
    "record_completeness": "服务记录完整率",
    "training_completion": "培训计划完成率",
    "outlet_inspection_done": "网点检查计划完成率",
    "maintenance_on_time": "维保计划按时完成率",
    "emergency_on_time": "紧急救援到达及时率",
}
