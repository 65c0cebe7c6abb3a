"""The documented rules the facts stage applies where the profile leaves a choice.

They are data, kept here in one place; the README repeats them. A profile
overrides any of them under `responsibilities` (or the named field).
"""
from __future__ import annotations

# Functions whose departments make up the after-sales service organisation
# besides the service head's own department tree (for staff counts).
SERVICE_FUNCTIONS: tuple[str, ...] = (
    "service_management", "customer_service", "complaints", "repair", "installation",
    "parts", "technical_support", "supervision", "recycling",
)

# Recurring activities: the functions that may run them, in order of preference,
# and the default period in months. The first function some department carries
# decides the owner (that function's owner department).
ACTIVITY_RULES: dict[str, tuple[tuple[str, ...], int]] = {
    "satisfaction_survey": (("quality", "customer_service", "service_management"), 12),
    "callback_review": (("supervision", "quality", "service_management"), 1),
    "outlet_inspection": (("supervision", "quality", "service_management"), 3),
    "outlet_evaluation": (("service_management",), 12),
    "data_analysis": (("quality", "service_management"), 1),
    "quality_feedback": (("service_management",), 1),
    "complaint_analysis": (("complaints", "customer_service"), 1),
    "management_review": (("management",), 12),
    "document_review": (("service_management",), 12),
    "law_review": (("legal", "service_management"), 12),
    "parts_stocktake": (("warehouse", "parts"), 3),
    "training_plan": (("training", "hr"), 12),  # its owner also organises the training and keeps its records
    "internal_audit": (("quality", "supervision", "service_management"), 12),
    "emergency_drill": (("service_management",), 12),
    # one owner for each of these, whatever document states it: every procedure, form
    # and record that names the work reads this owner
    "outlet_management": (("service_management",), 12),
    "maintenance_plan": (("service_management", "repair"), 12),
    "price_list": (("parts", "service_management"), 12),
}

# A company that sells nothing prices its services in its contracts: the department that
# signs them sets the fees.
SERVICE_ONLY_ACTIVITY_RULES: dict[str, tuple[str, ...]] = {
    "price_list": ("sales", "service_management"),
}

# Labels of activities that sskit/profile/vocab.py ACTIVITIES does not list (yet): the profile
# cannot name them under responsibilities.activities until it does.
ACTIVITY_LABELS: dict[str, str] = {
    "outlet_management": "服务网点管理",  # layout plan, admission, agreements, outlet files, termination
    "maintenance_plan": "年度维保计划编制",
    "price_list": "收费标准编制",
}

# Clauses whose work is activities of the facts: the first activity's owner is the clause's
# 主责 (unless responsibilities.clauses names one) and the owners of the others are 配合, so
# the matrix never gives the clause to one department and the procedures the work to another.
CLAUSE_ACTIVITIES: dict[str, tuple[str, ...]] = {
    "5.1.1.2": ("outlet_management", "outlet_inspection", "outlet_evaluation", "training_plan"),
    "5.1.3.2a": ("training_plan",),
    "5.1.3.2b": ("training_plan",),
}

# Words in a department's own duty text that name an activity; used to warn
# when the text contradicts the owner or period the documents state.
ACTIVITY_WORDS: dict[str, tuple[str, ...]] = {
    "satisfaction_survey": ("满意度调查",),
    "callback_review": ("回访复核",),
    "management_review": ("管理评审",),
    "complaint_analysis": ("投诉分析",),
    "parts_stocktake": ("盘点",),
    "internal_audit": ("内部审核", "内审"),
    "outlet_inspection": ("对网点进行检查", "对服务网点进行检查", "网点检查", "检查网点", "检查服务网点",
                          "网点的检查", "网点进行监督检查"),
    "outlet_management": ("管理各服务网点", "管理服务网点", "服务网点的管理", "网点管理", "管理各直营", "管理各网点",
                          "管理特约", "管理各特约"),
    "maintenance_plan": ("编制年度维保计划", "编制维保计划", "编制年度维护保养计划", "编制维护保养计划"),
    "training_plan": ("编制年度培训计划", "编制培训计划", "培训档案"),
    "price_list": ("编制收费标准", "制定收费标准", "收费标准的编制", "收费标准的制定"),
}

# Period words in free text -> months, longest first ("半年" before "年").
PERIOD_WORDS: dict[str, int] = {"半年": 6, "季度": 3, "每季": 3, "每月": 1, "月度": 1, "每年": 12, "年度": 12}

# 三包 periods: when they start.
GOODS_WARRANTY_START = "自开具发票之日起计算"
CAR_WARRANTY_START = "自销售者开具购车发票之日起计算；开具购车发票日期与交付家用汽车产品日期不一致的，自交付之日起计算"
CAR_EARLY_WINDOW = "自三包有效期起算之日起60日内或者行驶里程3000公里之内（以先到者为准）"

DEFAULT_PHILOSOPHY = "顾客至上、诚信服务、快速响应、持续改进"

RESCUE_START = "接到救援请求后"

# 年度服务目标 (KPI): default target in %, the function whose department answers
# for it, the trait it needs (None: every company), how it is computed, and the
# record it is counted from. `targets: {key: value}` in the profile overrides a
# default; the satisfaction target is always commitments.satisfaction_target. The answering
# department is a function's owner, or activity:KEY, whoever runs that activity.
KPI_RULES: dict[str, tuple] = {
    "response_on_time": (98, "customer_service", None, "在响应时限内联系顾客的报修单数 ÷ 报修单总数 × 100%", "叫修登记表"),
    "onsite_on_time": (95, "repair", None, "在上门时限内到达的上门服务单数 ÷ 上门服务单总数 × 100%", "服务派工单"),
    "rescue_on_time": (95, "repair", "rescue", "在救援时限内到达的救援单数 ÷ 救援单总数 × 100%", "服务派工单"),
    "installation_on_time": (95, "installation", "installation",
                             "在安装时限内上门安装的单数 ÷ 安装单总数 × 100%", "上门服务确认单"),
    "mail_in_on_time": (95, "repair", None, "在寄修时限内修复寄回的寄修单数 ÷ 寄修单总数 × 100%", "客户商品进出登记簿"),
    "first_time_fix": (90, "repair", None, "首次维修即排除故障的维修单数 ÷ 维修单总数 × 100%", "维修记录卡"),
    "repair_on_time": (95, "repair", None, "在修复时限内修复的维修单数 ÷ 维修单总数 × 100%", "维修记录卡"),
    # a company that takes returns (facts/returns.py): the refund the law times and the inspection CX-18 times
    "inspection_on_time": (98, "warehouse", "takes_returns",
                           "在验货时限内完成验货的退回商品件数 ÷ 收到的退回商品总件数 × 100%", "退换货登记表"),
    "refund_on_time": (100, "finance", "takes_returns", "在退款时限内退款到账的退货单数 ÷ 退货单总数 × 100%",
                       "退换货登记表"),
    "callback_rate": (95, "customer_service", None, "在回访时限内完成回访的服务单数 ÷ 完工服务单总数 × 100%",
                      "回访记录表"),
    "satisfaction": (None, "customer_service", None, "满意度调查中评价为满意及以上的有效样本数 ÷ 有效样本数 × 100%", "顾客满意度调查表"),
    "complaint_response_on_time": (100, "complaints", None, "在响应时限内联系投诉人的投诉数 ÷ 投诉总数 × 100%",
                                   "投诉处理单"),
    "complaint_closure": (98, "complaints", None, "在处理时限内办结的投诉数 ÷ 投诉总数 × 100%", "投诉处理单"),
    "parts_on_time": (95, "parts", None, "在送达时限内送达的备件申领数 ÷ 备件申领总数 × 100%", "配件领用记录"),
    "record_completeness": (100, "supervision", None, "抽查中填写完整、签字齐全的服务记录份数 ÷ 抽查份数 × 100%",
                            "服务网点检查评分表"),
    "training_completion": (100, "activity:training_plan", None, "按期完成的培训项目数 ÷ 年度计划项目数 × 100%", "培训签到表"),
    "outlet_inspection_done": (100, "activity:outlet_inspection", None, "已完成检查的网点次数 ÷ 计划检查的网点次数 × 100%",
                               "服务网点检查评分表"),
    "maintenance_on_time": (98, "repair", "contract_maintenance",
                            "按维保计划日期完成的维保次数 ÷ 计划维保次数 × 100%", "维护保养记录"),
    "emergency_on_time": (100, "repair", "emergency",
                          "在救援时限内到达现场的紧急救援次数 ÷ 紧急救援总次数 × 100%", "应急救援记录"),
}

# Goods installed to the purchase contract's schedule (trades.yaml goods install.scheduled: machine tools)
# have no installation limit from the booking (CX-02: 到场时间以安装计划为准): the installation target is
# measured against the installation plan the customer confirmed. (label, standard, formula, record; the
# record where no acceptance report is kept, i.e. where consumers buy too, is the 上门服务确认单)
SCHEDULED_INSTALLATION_KPI = ("安装按期完成率", "按确认的安装计划日期完成安装验收",
                              "验收日期不晚于确认的安装计划日期的安装台数 ÷ 安装台数 × 100%",
                              "设备安装调试验收报告", "上门服务确认单")

# 退换货管理程序 (CX-18): the refund period (《网络购买商品七日无理由退货暂行办法》 and the 三包 rules:
# 7 days from receiving the returned goods) and the inspection period of goods received back; the
# returns targets are measured against them.
RETURNS_REFUND_WITHIN = "自收到退回商品之日起7日内"
RETURNS_INSPECTION_WITHIN = "收到商品后1个工作日内"

# Where a time limit of commitments.onsite declares no start event: the start its
# kind of work implies (the general on-site start is commitments.onsite_start).
KIND_STARTS: dict[str, str] = {
    "rescue": "alarm",
    "emergency": "alarm",
    "maintenance": "plan",
    "delivery": "order",
}

# 部门职责分配表: at most this many department columns share one landscape table (each column
# keeps three characters of 五号 text beside the clause and indicator columns); a wider matrix is
# split into several tables that each repeat the clause columns. Departments declaring the same
# `group` share one column. When the matrix has more departments than one table holds, those that
# declare no group and have the same parent and the same functions share one column as well
# (their marks would be the same apart from the one 主责).
MATRIX_COLUMNS_PER_TABLE = 12
