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
    "training_plan": (("training", "hr"), 12),
}

# Words in a department's own duty text that name an activity; used to warn
# when the text contradicts the owner or period the documents state.
ACTIVITY_WORDS: dict[str, tuple[str, ...]] = {
    "satisfaction_survey": ("满意度调查",),
    "callback_review": ("回访复核",),
    "management_review": ("管理评审",),
    "complaint_analysis": ("投诉分析",),
    "parts_stocktake": ("盘点",),
}

# Period words in free text -> months, longest first ("半年" before "年").
PERIOD_WORDS: dict[str, int] = {"半年": 6, "季度": 3, "每季": 3, "每月": 1, "月度": 1, "每年": 12, "年度": 12}

# 三包 periods: when they start.
GOODS_WARRANTY_START = "自开具发票之日起计算"
CAR_WARRANTY_START = "自销售者开具购车发票之日起计算；开具购车发票日期与交付家用汽车产品日期不一致的，自交付之日起计算"
CAR_EARLY_WINDOW = "自三包有效期起算之日起60日内或者行驶里程3000公里之内（以先到者为准）"

DEFAULT_PHILOSOPHY = "顾客至上、诚信服务、快速响应、持续改进"

RESCUE_START = "接到救援请求后"
