"""Semantic differences between two profiles, matched by id, not by position.

Each `Change` carries a Chinese sentence for the 修订记录 (e.g.
`客户服务部更名为客户服务中心`) and the words that show which documents it
touches (a document is affected when it mentions one of them).
"""
from __future__ import annotations

from dataclasses import dataclass

from sskit.profile import vocab
from sskit.profile.model import Profile
from sskit.phrasing import months_text


@dataclass(frozen=True)
class Change:
    area: str  # company | service_head | department | outlet | product | commitments | training | document_control | responsibilities
    kind: str  # added | removed | renamed | moved | reparented | changed
    subject: str  # the id (or field) the change is about
    text: str  # Chinese summary, as written into the 修订记录
    mentions: tuple[str, ...] = ()  # words that identify the documents it touches

    def to_json(self) -> dict:
        return {"area": self.area, "kind": self.kind, "subject": self.subject, "text": self.text}


def _by_id(items) -> dict:
    return {item.id: item for item in items}


def _num(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _departments(old: Profile, new: Profile) -> list[Change]:
    out: list[Change] = []
    a, b = _by_id(old.departments), _by_id(new.departments)
    names_b = {k: v.name for k, v in b.items()}
    for ident, dept in b.items():
        if ident not in a:
            out.append(Change("department", "added", ident, f"新设{dept.name}", (dept.name,)))
            continue
        before = a[ident]
        if before.name != dept.name:
            out.append(Change("department", "renamed", ident, f"{before.name}更名为{dept.name}",
                              (before.name, dept.name)))
        if (before.parent or None) != (dept.parent or None):
            parent = names_b.get(dept.parent or "", "最高管理者")
            out.append(Change("department", "reparented", ident, f"{dept.name}改为隶属{parent}",
                              (dept.name,)))
        if before.head != dept.head:
            out.append(Change("department", "changed", ident, f"{dept.name}负责人由{before.head}调整为{dept.head}",
                              (before.head, dept.head, dept.name)))
        if set(before.functions) != set(dept.functions):
            gained = [vocab.FUNCTIONS[f] for f in dept.functions if f not in before.functions]
            lost = [vocab.FUNCTIONS[f] for f in before.functions if f not in dept.functions]
            parts = ([f"增加{'、'.join(gained)}职能"] if gained else []) + ([f"不再承担{'、'.join(lost)}职能"] if lost else [])
            out.append(Change("department", "changed", ident, f"{dept.name}{'，'.join(parts)}", (dept.name,)))
        if list(before.duties) != list(dept.duties):
            out.append(Change("department", "changed", ident, f"{dept.name}职责调整", (dept.name,)))
    for ident, dept in a.items():
        if ident not in b:
            out.append(Change("department", "removed", ident, f"撤销{dept.name}", (dept.name,)))
    return out


def _outlets(old: Profile, new: Profile) -> list[Change]:
    out: list[Change] = []
    a, b = _by_id(old.outlets), _by_id(new.outlets)
    for ident, outlet in b.items():
        if ident not in a:
            out.append(Change("outlet", "added", ident, f"新增网点：{outlet.name}", (outlet.name,)))
            continue
        before = a[ident]
        if before.name != outlet.name:
            out.append(Change("outlet", "renamed", ident, f"网点{before.name}更名为{outlet.name}",
                              (before.name, outlet.name)))
        if (before.province, before.city, before.address) != (outlet.province, outlet.city, outlet.address):
            out.append(Change("outlet", "moved", ident, f"网点{outlet.name}迁至{outlet.address}",
                              (outlet.name, before.address, outlet.address)))
        if before.kind != outlet.kind:
            out.append(Change("outlet", "changed", ident, f"网点{outlet.name}由{before.kind}改为{outlet.kind}",
                              (outlet.name,)))
        for field, label in (("phone", "电话"), ("hours", "营业时间"), ("manager", "负责人"),
                             ("technicians", "技术人员数")):
            x, y = getattr(before, field), getattr(outlet, field)
            if x != y:
                out.append(Change("outlet", "changed", ident, f"网点{outlet.name}{label}由{x}调整为{y}",
                                  (outlet.name, str(x), str(y))))
        if set(before.categories) != set(outlet.categories):
            out.append(Change("outlet", "changed", ident, f"网点{outlet.name}服务类别调整", (outlet.name,)))
    for ident, outlet in a.items():
        if ident not in b:
            out.append(Change("outlet", "removed", ident, f"撤销网点：{outlet.name}", (outlet.name,)))
    return out


_WARRANTY_FIELDS = (
    ("return_days", "包退期", "天"), ("exchange_days", "包换期", "天"),
    ("whole_unit_months", "整机保修期", "months"), ("whole_unit_km", "整机包修里程", "公里"),
    ("sanbao_months", "三包有效期", "months"), ("sanbao_km", "三包有效期里程", "公里"),
)


def _period(value, unit: str) -> str:
    if value is None:
        return "未规定"
    return months_text(value) if unit == "months" else f"{value}{unit}"


def _products(old: Profile, new: Profile) -> list[Change]:
    out: list[Change] = []
    a, b = _by_id(old.products), _by_id(new.products)
    for ident, product in b.items():
        if ident not in a:
            out.append(Change("product", "added", ident, f"新增产品线：{product.name}", (product.name,)))
            continue
        before = a[ident]
        name = product.name
        if before.name != name:
            out.append(Change("product", "renamed", ident, f"产品线{before.name}更名为{name}", (before.name, name)))
        for field, label, unit in _WARRANTY_FIELDS:
            x, y = getattr(before.warranty, field), getattr(product.warranty, field)
            if x != y:
                out.append(Change("product", "changed", ident,
                                  f"{name}{label}由{_period(x, unit)}调整为{_period(y, unit)}", (name,)))
        parts_a = {p.name: p for p in before.warranty.main_parts}
        for part in product.warranty.main_parts:
            was = parts_a.get(part.name)
            if was is None:
                out.append(Change("product", "changed", ident, f"{name}增列主要部件{part.name}", (name,)))
            elif (was.months, was.km) != (part.months, part.km):
                out.append(Change("product", "changed", ident,
                                  f"{name}{part.name}保修期由{months_text(was.months)}调整为{months_text(part.months)}",
                                  (name,)))
        for part_name in parts_a.keys() - {p.name for p in product.warranty.main_parts}:
            out.append(Change("product", "changed", ident, f"{name}不再单列主要部件{part_name}", (name,)))
        if before.labour_fee != product.labour_fee:
            fee = product.labour_fee
            text = (f"{name}保修期外人工费调整为{_num(fee.price)}{fee.unit}" if fee
                    else f"{name}不再单列保修期外人工费")
            out.append(Change("product", "changed", ident, text, (name,)))
        for field, label in (("installation_required", "安装服务"), ("delivery", "送货服务"),
                             ("maintenance", "保养安排"), ("parts", "备件价格"), ("models", "型号"),
                             ("description", "产品说明")):
            if getattr(before, field) != getattr(product, field):
                out.append(Change("product", "changed", ident, f"{name}{label}调整", (name,)))
    for ident, product in a.items():
        if ident not in b:
            out.append(Change("product", "removed", ident, f"停售产品线：{product.name}", (product.name,)))
    return out


_COMMITMENTS = (
    ("hotline", "服务热线", ""), ("hotline_hours", "热线服务时间", ""), ("response_hours", "响应时限", "小时"),
    ("repair_days", "修复时限", "天"), ("callback_days", "回访时限", "天"),
    ("complaint_response_hours", "投诉响应时限", "小时"), ("complaint_resolution_days", "投诉处理时限", "天"),
    ("satisfaction_target", "满意度目标", "%"), ("parts_retention_years", "备件保留年限", "年"),
    ("parts_delivery_hours", "备件送达时限", "小时"),
)


def _commitments(old: Profile, new: Profile) -> list[Change]:
    out: list[Change] = []
    a, b = old.commitments, new.commitments
    for field, label, unit in _COMMITMENTS:
        x, y = getattr(a, field), getattr(b, field)
        if x != y:
            out.append(Change("commitments", "changed", field, f"{label}由{_num(x)}{unit}调整为{_num(y)}{unit}",
                              (str(_num(x)), str(_num(y)), label)))
    onsite_a = {o.area: o.hours for o in a.onsite}
    for area in b.onsite:
        if onsite_a.get(area.area) != area.hours:
            was = onsite_a.get(area.area)
            text = (f"{area.area}上门时限由{_num(was)}小时调整为{_num(area.hours)}小时" if was is not None
                    else f"新增{area.area}上门时限{_num(area.hours)}小时")
            out.append(Change("commitments", "changed", "onsite", text, (area.area,)))
    for area in onsite_a.keys() - {o.area for o in b.onsite}:
        out.append(Change("commitments", "changed", "onsite", f"取消{area}上门时限", (area,)))
    for field, label in (("online_channels", "线上服务渠道"), ("fees", "收费标准"), ("take_back", "废旧商品回收安排"),
                         ("remote_service", "远程服务安排"), ("onsite_start", "上门时限的起算点")):
        if getattr(a, field) != getattr(b, field):
            out.append(Change("commitments", "changed", field, f"{label}调整", (label,)))
    if a.supervision_channels != b.supervision_channels:  # the documents print the channels themselves
        out.append(Change("commitments", "changed", "supervision_channels",
                          f"服务监督渠道调整为{'；'.join(b.supervision_channels) or '服务热线'}",
                          tuple(a.supervision_channels) + tuple(b.supervision_channels)))
    return out


def _people(old: Profile, new: Profile) -> list[Change]:
    out: list[Change] = []
    ca, cb = old.company, new.company
    for field, label in (("name", "企业名称"), ("short_name", "企业简称"), ("address", "企业地址"),
                         ("industry", "所属行业")):
        x, y = getattr(ca, field), getattr(cb, field)
        if x != y:
            out.append(Change("company", "changed", field, f"{label}由{x}变更为{y}", (x, y)))
    if ca.top_manager != cb.top_manager:
        out.append(Change("company", "changed", "top_manager",
                          f"最高管理者由{ca.top_manager.name}变更为{cb.top_manager.name}",
                          (ca.top_manager.name, cb.top_manager.name)))
    if ca.sales_channels != cb.sales_channels:
        out.append(Change("company", "changed", "sales_channels", "销售渠道调整", ("无理由退货", "销售")))
    if old.responsibilities != new.responsibilities:
        names = tuple(d.name for d in new.departments
                      if d.id in set(new.responsibilities.functions.values())
                      | set(new.responsibilities.clauses.values())
                      | {a.owner for a in new.responsibilities.activities.values() if a.owner})
        out.append(Change("responsibilities", "changed", "responsibilities", "主责部门和周期性活动的安排调整",
                          names or ("主责",)))
    if (ca.service_philosophy or "") != (cb.service_philosophy or ""):
        out.append(Change("company", "changed", "service_philosophy", "服务理念调整", ("服务理念",)))
    ha, hb = old.service_head, new.service_head
    if (ha.name, ha.title) != (hb.name, hb.title):
        out.append(Change("service_head", "changed", "service_head",
                          f"服务体系负责人由{ha.name}调整为{hb.name}" if ha.name != hb.name
                          else f"服务体系负责人职务调整为{hb.title}", (ha.name, hb.name)))
    if ha.reports_to != hb.reports_to:
        out.append(Change("service_head", "changed", "reports_to", "服务体系负责人汇报关系调整", (hb.name,)))
    if old.training != new.training:
        out.append(Change("training", "changed", "training", "培训安排调整", ("培训",)))
    da, db = old.document_control, new.document_control
    for field, label in (("drafted_by", "编制人"), ("reviewed_by", "审核人"), ("approved_by", "批准人")):
        if getattr(da, field) != getattr(db, field):
            out.append(Change("document_control", "changed", field,
                              f"{label}由{getattr(da, field)}调整为{getattr(db, field)}",
                              (getattr(da, field), getattr(db, field))))
    return out


def profile_diff(old: Profile, new: Profile) -> list[Change]:
    return (_people(old, new) + _departments(old, new) + _outlets(old, new) + _products(old, new)
            + _commitments(old, new))


def affects(change: Change, old_text: str, new_text: str) -> bool:
    """Whether a document's text (before or after) mentions what changed."""
    return any(word and (word in old_text or word in new_text) for word in change.mentions)
