"""Semantic differences between two profiles, matched by id, not by position.

The whole model is walked (`walk`): every field that differs is found, whatever it is,
and every one is covered by a `Change`. The changes people make most often get a
sentence of their own for the 修订记录 (e.g. `客户服务部更名为客户服务中心`); any other
field gets a general one from the field's own description (`企业网址由…调整为…`).

Each change also names the profile locations it covers (`paths`), so that it can be
taken back on its own (`revert`): that is how a build finds exactly which documents a
change touches (sskit.regen.attribution).
"""
from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Any, Optional

from pydantic import BaseModel

from sskit.profile import vocab
from sskit.profile.model import Profile
from sskit.phrasing import months_text


@dataclass(frozen=True)
class Id:
    """A list entry matched by its id (outlets, departments, products, services …)."""
    value: str


Path = tuple  # of str (a mapping key) and Id (a list entry)


@dataclass(frozen=True)
class Change:
    area: str  # company | service_head | department | outlet | product | service | commitments | training | …
    kind: str  # added | removed | renamed | moved | reparented | changed
    subject: str  # the id (or field) the change is about
    text: str  # Chinese summary, as written into the 修订记录
    mentions: tuple[str, ...] = ()  # words that identify the documents it touches (a fallback only)
    paths: tuple[Path, ...] = ()  # the profile locations it covers
    name: str = ""  # the entry's printed name, for a short summary of many (撤销网点 39 个（德阳旌湖店等）)

    def to_json(self) -> dict:
        return {"area": self.area, "kind": self.kind, "subject": self.subject, "text": self.text,
                "paths": [dotted(path) for path in self.paths]}


def dotted(path: tuple) -> str:
    """outlets[cixi-hq].phone, training.trainers[0].title: a path as the profile's readers write it."""
    return "".join(f"[{part.value}]" if isinstance(part, Id) else f"[{part}]" if isinstance(part, int)
                   else (f".{part}" if i else str(part)) for i, part in enumerate(path))


def _p(*parts) -> Path:
    return tuple(parts)


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
            out.append(Change("department", "added", ident, f"新设{dept.name}", (dept.name,),
                              (_p("departments", Id(ident)),), dept.name))
            continue
        before = a[ident]
        if before.name != dept.name:
            out.append(Change("department", "renamed", ident, f"{before.name}更名为{dept.name}",
                              (before.name, dept.name), (_p("departments", Id(ident), "name"),), dept.name))
        if (before.parent or None) != (dept.parent or None):
            parent = names_b.get(dept.parent or "", "最高管理者")
            out.append(Change("department", "reparented", ident, f"{dept.name}改为隶属{parent}",
                              (dept.name,), (_p("departments", Id(ident), "parent"),), dept.name))
        if before.head != dept.head:
            out.append(Change("department", "changed", ident, f"{dept.name}负责人由{before.head}调整为{dept.head}",
                              (before.head, dept.head, dept.name), (_p("departments", Id(ident), "head"),),
                              dept.name))
        if set(before.functions) != set(dept.functions):
            gained = [vocab.FUNCTIONS[f] for f in dept.functions if f not in before.functions]
            lost = [vocab.FUNCTIONS[f] for f in before.functions if f not in dept.functions]
            parts = ([f"增加{'、'.join(gained)}职能"] if gained else []) + ([f"不再承担{'、'.join(lost)}职能"] if lost else [])
            out.append(Change("department", "changed", ident, f"{dept.name}{'，'.join(parts)}", (dept.name,),
                              (_p("departments", Id(ident), "functions"),), dept.name))
        if list(before.duties) != list(dept.duties):
            out.append(Change("department", "changed", ident, f"{dept.name}职责调整", (dept.name,),
                              (_p("departments", Id(ident), "duties"),), dept.name))
    for ident, dept in a.items():
        if ident not in b:
            out.append(Change("department", "removed", ident, f"撤销{dept.name}", (dept.name,),
                              (_p("departments", Id(ident)),), dept.name))
    return out


def _outlets(old: Profile, new: Profile) -> list[Change]:
    out: list[Change] = []
    a, b = _by_id(old.outlets), _by_id(new.outlets)
    for ident, outlet in b.items():
        if ident not in a:
            out.append(Change("outlet", "added", ident, f"新增网点：{outlet.name}", (outlet.name,),
                              (_p("outlets", Id(ident)),), outlet.name))
            continue
        before = a[ident]
        if before.name != outlet.name:
            out.append(Change("outlet", "renamed", ident, f"网点{before.name}更名为{outlet.name}",
                              (before.name, outlet.name), (_p("outlets", Id(ident), "name"),), outlet.name))
        if (before.province, before.city, before.address) != (outlet.province, outlet.city, outlet.address):
            out.append(Change("outlet", "moved", ident, f"网点{outlet.name}迁至{outlet.address}",
                              (outlet.name, before.address, outlet.address),
                              tuple(_p("outlets", Id(ident), f) for f in ("province", "city", "address")),
                              outlet.name))
        if before.kind != outlet.kind:
            out.append(Change("outlet", "changed", ident,
                              f"网点{outlet.name}由{before.kind}改为{outlet.kind}",
                              (outlet.name,), (_p("outlets", Id(ident), "kind"),), outlet.name))
        for field, label in (("phone", "电话"), ("hours", "营业时间"), ("manager", "负责人"),
                             ("technicians", "技术人员数")):
            x, y = getattr(before, field), getattr(outlet, field)
            if x != y:
                out.append(Change("outlet", "changed", ident, f"网点{outlet.name}{label}由{x}调整为{y}",
                                  (outlet.name, str(x), str(y)), (_p("outlets", Id(ident), field),), outlet.name))
        if set(before.categories) != set(outlet.categories):
            out.append(Change("outlet", "changed", ident, f"网点{outlet.name}服务类别调整", (outlet.name,),
                              (_p("outlets", Id(ident), "categories"),), outlet.name))
    for ident, outlet in a.items():
        if ident not in b:
            out.append(Change("outlet", "removed", ident, f"撤销网点：{outlet.name}", (outlet.name,),
                              (_p("outlets", Id(ident)),), outlet.name))
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
            out.append(Change("product", "added", ident, f"新增产品线：{product.name}", (product.name,),
                              (_p("products", Id(ident)),), product.name))
            continue
        before = a[ident]
        name = product.name
        if before.name != name:
            out.append(Change("product", "renamed", ident, f"产品线{before.name}更名为{name}", (before.name, name),
                              (_p("products", Id(ident), "name"),), name))
        for field, label, unit in _WARRANTY_FIELDS:
            x, y = getattr(before.warranty, field), getattr(product.warranty, field)
            if x != y:
                out.append(Change("product", "changed", ident,
                                  f"{name}{label}由{_period(x, unit)}调整为{_period(y, unit)}", (name,),
                                  (_p("products", Id(ident), "warranty", field),), name))
        parts_a = {p.name: p for p in before.warranty.main_parts}
        for part in product.warranty.main_parts:
            was = parts_a.get(part.name)
            if was is None:
                out.append(Change("product", "changed", ident, f"{name}增列主要部件{part.name}", (name,),
                                  (_p("products", Id(ident), "warranty", "main_parts"),), name))
            elif (was.months, was.km) != (part.months, part.km):
                out.append(Change("product", "changed", ident,
                                  f"{name}{part.name}保修期由{months_text(was.months)}调整为{months_text(part.months)}",
                                  (name,), (_p("products", Id(ident), "warranty", "main_parts"),), name))
        kept = {p.name for p in product.warranty.main_parts}
        for part_name in [n for n in parts_a if n not in kept]:  # in the old list's order
            out.append(Change("product", "changed", ident, f"{name}不再单列主要部件{part_name}", (name,),
                              (_p("products", Id(ident), "warranty", "main_parts"),), name))
        if before.labour_fee != product.labour_fee:
            fee = product.labour_fee
            text = (f"{name}保修期外人工费调整为{_num(fee.price)}{fee.unit}" if fee
                    else f"{name}不再单列保修期外人工费")
            out.append(Change("product", "changed", ident, text, (name,), (_p("products", Id(ident), "labour_fee"),),
                              name))
        for field, label in (("installation_required", "安装服务"), ("delivery", "送货服务"),
                             ("maintenance", "保养安排"), ("parts", "备件价格"), ("models", "型号"),
                             ("description", "产品说明")):
            was, now = getattr(before, field), getattr(product, field)
            if was != now:
                text = (f"{name}{label}调整" if not isinstance(now, bool)
                        else f"{name}增加{label}" if now else f"{name}不再提供{label}")
                out.append(Change("product", "changed", ident, text, (name,),
                                  (_p("products", Id(ident), field),), name))
    for ident, product in a.items():
        if ident not in b:
            out.append(Change("product", "removed", ident, f"停售产品线：{product.name}", (product.name,),
                              (_p("products", Id(ident)),), product.name))
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
                              (str(_num(x)), str(_num(y)), label), (_p("commitments", field),)))
    onsite_a = {o.area: o.hours for o in a.onsite}
    for area in b.onsite:
        if onsite_a.get(area.area) != area.hours:
            was = onsite_a.get(area.area)
            text = (f"{area.area}上门时限由{_num(was)}小时调整为{_num(area.hours)}小时" if was is not None
                    else f"新增{area.area}上门时限{_num(area.hours)}小时")
            out.append(Change("commitments", "changed", "onsite", text, (area.area,), (_p("commitments", "onsite"),)))
    still = {o.area for o in b.onsite}
    for area in [x for x in onsite_a if x not in still]:  # in the old list's order
        out.append(Change("commitments", "changed", "onsite", f"取消{area}上门时限", (area,),
                          (_p("commitments", "onsite"),)))
    for field, label in (("online_channels", "线上服务渠道"), ("fees", "收费标准"), ("take_back", "废旧商品回收安排"),
                         ("remote_service", "远程服务安排"), ("onsite_start", "上门时限的起算点")):
        if getattr(a, field) != getattr(b, field):
            out.append(Change("commitments", "changed", field, f"{label}调整", (label,), (_p("commitments", field),)))
    if a.supervision_channels != b.supervision_channels:  # the documents print the channels themselves
        out.append(Change("commitments", "changed", "supervision_channels",
                          f"服务监督渠道调整为{'；'.join(b.supervision_channels) or '服务热线'}",
                          tuple(a.supervision_channels) + tuple(b.supervision_channels),
                          (_p("commitments", "supervision_channels"),)))
    return out


def _people(old: Profile, new: Profile) -> list[Change]:
    out: list[Change] = []
    ca, cb = old.company, new.company
    for field, label in (("name", "企业名称"), ("short_name", "企业简称"), ("address", "企业地址"),
                         ("industry", "所属行业")):
        x, y = getattr(ca, field), getattr(cb, field)
        if x != y:
            out.append(Change("company", "changed", field, f"{label}由{x}变更为{y}", (x, y), (_p("company", field),)))
    if ca.top_manager != cb.top_manager:
        out.append(Change("company", "changed", "top_manager",
                          f"最高管理者由{ca.top_manager.name}变更为{cb.top_manager.name}",
                          (ca.top_manager.name, cb.top_manager.name), (_p("company", "top_manager"),)))
    if ca.sales_channels != cb.sales_channels:
        out.append(Change("company", "changed", "sales_channels", "销售渠道调整", ("无理由退货", "销售"),
                          (_p("company", "sales_channels"),)))
    if old.responsibilities != new.responsibilities:
        names = tuple(d.name for d in new.departments
                      if d.id in set(new.responsibilities.functions.values())
                      | set(new.responsibilities.clauses.values())
                      | {a.owner for a in new.responsibilities.activities.values() if a.owner})
        out.append(Change("responsibilities", "changed", "responsibilities", "主责部门和周期性活动的安排调整",
                          names or ("主责",), (_p("responsibilities"),)))
    if (ca.service_philosophy or "") != (cb.service_philosophy or ""):
        out.append(Change("company", "changed", "service_philosophy", "服务理念调整", ("服务理念",),
                          (_p("company", "service_philosophy"),)))
    ha, hb = old.service_head, new.service_head
    if (ha.name, ha.title) != (hb.name, hb.title):
        out.append(Change("service_head", "changed", "service_head",
                          f"服务体系负责人由{ha.name}调整为{hb.name}" if ha.name != hb.name
                          else f"服务体系负责人职务调整为{hb.title}", (ha.name, hb.name),
                          (_p("service_head", "name"), _p("service_head", "title"))))
    if ha.reports_to != hb.reports_to:
        out.append(Change("service_head", "changed", "reports_to", "服务体系负责人汇报关系调整", (hb.name,),
                          (_p("service_head", "reports_to"),)))
    if old.training != new.training:
        out.append(Change("training", "changed", "training", "培训安排调整", ("培训",), (_p("training"),)))
    da, db = old.document_control, new.document_control
    for field, label in (("drafted_by", "编制人"), ("reviewed_by", "审核人"), ("approved_by", "批准人")):
        if getattr(da, field) != getattr(db, field):
            out.append(Change("document_control", "changed", field,
                              f"{label}由{getattr(da, field)}调整为{getattr(db, field)}",
                              (getattr(da, field), getattr(db, field)), (_p("document_control", field),)))
    return out


_MISSING = object()

# what a part of the profile is called in a 修订记录 (its model has no description)
_SECTIONS = {
    "company": "企业信息", "service_head": "管理者代表", "departments": "部门", "outlets": "网点",
    "products": "产品线", "services": "服务项目", "commitments": "服务承诺", "training": "培训安排",
    "document_control": "文件控制", "responsibilities": "主责部门和周期性活动的安排", "people": "人员任命",
    "targets": "年度服务目标", "resources": "服务资源配置",
}
# the fields whose model has no description
_KEYS = {
    "website": "网址", "postcode": "邮政编码", "phone": "电话", "province": "所在省份", "city": "所在城市",
    "district": "所在区县", "address": "地址", "start": "起始日期", "end": "终止日期", "category": "品类",
    "description": "说明", "warranty": "保修条款", "name": "名称", "km": "里程", "note": "备注",
    "maintenance": "保养安排", "online_channels": "线上服务渠道", "fees": "收费标准",
    "in_warranty_free": "保修期内免费项目", "remote_service": "偏远地区服务安排", "trainers": "培训师",
    "title": "职务", "topics": "授课专题", "month": "月份", "hours": "学时", "audience": "对象",
    "method": "方式", "drafted_by": "编制人", "reviewed_by": "审核人", "approved_by": "批准人",
    "contract": "合作协议", "programmes": "培训项目", "parts": "备件",
}
# how a section's own fields are introduced (企业网址, 管理者代表电话)
_OWNER_WORD = {"company": "企业", "service_head": "管理者代表", "document_control": "文件"}
_ENTRY_AREAS = {"departments": "department", "outlets": "outlet", "products": "product", "services": "service"}


@dataclass(frozen=True)
class Leaf:
    """One difference found by walking the two models: the value at `path` was `old`, is `new`
    (`_MISSING` where the entry or key did not exist)."""
    path: Path
    old: Any
    new: Any


def _keyed(items) -> bool:
    return isinstance(items, list) and all(isinstance(i, dict) and isinstance(i.get("id"), str) for i in items)


def walk(old: Any, new: Any, path: Path = ()) -> list[Leaf]:
    """Every difference between two JSON-like values (Profile.model_dump(mode="json")):
    mappings key by key, lists of entries with ids entry by entry (matched by id, so a
    reordering is no change), any other list or value as a whole."""
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        found: list[Leaf] = []
        for key in sorted(set(old) | set(new), key=str):
            found += walk(old.get(key, _MISSING), new.get(key, _MISSING), path + (key,))
        return found
    if _keyed(old) and _keyed(new) and (old or new):
        a = {item["id"]: item for item in old}
        b = {item["id"]: item for item in new}
        found = []
        for ident, item in b.items():
            found += walk(a.get(ident, _MISSING), item, path + (Id(ident),))
        found += [Leaf(path + (Id(ident),), item, _MISSING) for ident, item in a.items() if ident not in b]
        return found
    return [Leaf(path, old, new)]


def _covers(prefix: Path, path: Path) -> bool:
    return path[:len(prefix)] == prefix


def profile_diff(old: Profile, new: Profile, new_dump: Optional[dict] = None) -> list[Change]:
    """Every change from OLD to NEW: the ones with a sentence of their own, then one general
    change per entry or field for whatever else differs (nothing is left out). `new_dump`:
    NEW's model_dump(mode="json") when the caller has made it already."""
    named = (_people(old, new) + _departments(old, new) + _outlets(old, new) + _products(old, new)
             + _commitments(old, new))
    covered = [path for change in named for path in change.paths]
    if new_dump is None:
        new_dump = new.model_dump(mode="json")
    rest = [leaf for leaf in walk(old.model_dump(mode="json"), new_dump)
            if not any(_covers(prefix, leaf.path) for prefix in covered)]
    return named + _general(rest, old, new)


def _general(leaves: list[Leaf], old: Profile, new: Profile) -> list[Change]:
    """One change per list entry (a service, an outlet …) or per field of a section."""
    groups: dict[Path, list[Leaf]] = {}
    for leaf in leaves:
        head = leaf.path[:2] if len(leaf.path) > 1 else leaf.path
        groups.setdefault(head, []).append(leaf)
    out: list[Change] = []
    for head, found in groups.items():
        section = head[0]
        if len(head) == 2 and isinstance(head[1], Id):
            out.append(_entry_change(section, head[1].value, found, old, new))
            continue
        out.append(_field_change(head, found))
    return out


def _entry_change(section: str, ident: str, leaves: list[Leaf], old: Profile, new: Profile) -> Change:
    area = _ENTRY_AREAS.get(section, section)
    label = _SECTIONS.get(section, section)
    before = {getattr(e, "id", None): e for e in getattr(old, section, []) or []}.get(ident)
    after = {getattr(e, "id", None): e for e in getattr(new, section, []) or []}.get(ident)
    name = str(getattr(after or before, "name", ident))
    path = _p(section, Id(ident))
    if before is None:
        return Change(area, "added", ident, f"新增{label}：{name}", (name,), (path,), name)
    if after is None:
        return Change(area, "removed", ident, f"取消{label}：{name}", (name,), (path,), name)
    fields = list(dict.fromkeys(_label(leaf.path) for leaf in leaves))
    text = (_value_sentence(f"{label}{name}", leaves[0]) if len(leaves) == 1 and _plain_value(leaves[0])
            else f"{label}{name}的{'、'.join(fields)}调整")
    return Change(area, "changed", ident, text, (name,), tuple(leaf.path for leaf in leaves), name)


def _field_change(head: Path, leaves: list[Leaf]) -> Change:
    section = head[0]
    label = _label(head) if len(head) > 1 else _SECTIONS.get(section, section)
    owner = _OWNER_WORD.get(section, "")
    if len(head) > 1 and owner and not label.startswith(owner):
        label = owner + label
    if len(leaves) == 1 and _plain_value(leaves[0]):
        text = _value_sentence(label if len(head) > 1 else "", leaves[0])
    else:
        text = f"{label}调整"
    subject = str(head[-1]) if len(head) > 1 else section
    mentions = tuple(str(v) for leaf in leaves for v in (leaf.old, leaf.new)
                     if isinstance(v, (str, int, float)) and not isinstance(v, bool) and str(v))
    return Change(section, "changed", subject, text, mentions or (label,), (head,))


def _plain_value(leaf: Leaf) -> bool:
    return all(v is _MISSING or v is None or (isinstance(v, (str, int, float)) and not isinstance(v, bool)
                                              and len(str(v)) <= 40) for v in (leaf.old, leaf.new))


def _shown(value) -> str:
    if value is _MISSING or value is None:
        return "未规定"
    return _num(value) if isinstance(value, (int, float)) else str(value)


def _value_sentence(subject: str, leaf: Leaf) -> str:
    label = _label(leaf.path)
    what = label if not subject else (subject if subject.endswith(label) else f"{subject}{label}")
    if leaf.old is _MISSING or leaf.old is None:
        return f"{what}明确为{_shown(leaf.new)}"
    if leaf.new is _MISSING or leaf.new is None:
        return f"{what}不再规定（原为{_shown(leaf.old)}）"
    return f"{what}由{_shown(leaf.old)}调整为{_shown(leaf.new)}"


def _label(path: Path) -> str:
    """The Chinese name of the field at `path`, from the model's own description (up to its
    first bracket or comma); the section's name where a field has none."""
    model: Any = Profile
    label = _SECTIONS.get(str(path[0]), "") if path else ""
    for part in path:
        if isinstance(part, Id):
            continue
        info = _field_info(model, part)
        if info is None:
            break
        label = _trim(info.description) if info.description else _KEYS.get(str(part), label)
        model = _inner_model(info.annotation)
        if model is None:
            break
    return label or "相关内容"


def _field_info(model, key):
    if model is None or not (isinstance(model, type) and issubclass(model, BaseModel)):
        return None
    return model.model_fields.get(key)


def _inner_model(annotation) -> Optional[type]:
    """The model inside Optional[...], list[...], dict[..., ...] or Annotated[...]."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _trim(description: str) -> str:
    for stop in ("（", "(", "，", ",", "；", "：", " ", "，如", "|"):
        description = description.split(stop)[0]
    return description.strip()


# --- taking one change back ---------------------------------------------------------------

def revert(new: dict, old: dict, change: Change) -> dict:
    """A copy of NEW (a model_dump) with the locations `change` covers set back to what OLD
    had: the profile as if the change had not been made, every other change kept."""
    result = _copy(new)
    for path in change.paths:
        _set(result, old, path)
    return result


def _copy(value):
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _get(value, path: Path):
    for part in path:
        if value is _MISSING:
            return _MISSING
        if isinstance(part, Id):
            value = next((e for e in value if isinstance(e, dict) and e.get("id") == part.value), _MISSING) \
                if isinstance(value, list) else _MISSING
        else:
            value = value.get(part, _MISSING) if isinstance(value, dict) else _MISSING
    return value


def _set(target, old_root, path: Path) -> None:
    """Set TARGET's value at PATH to OLD_ROOT's (an entry missing from one side is removed
    from, or put back into, its list at its old place)."""
    if not path:
        return
    parent = _get(target, path[:-1])
    last = path[-1]
    was = _get(old_root, path)
    if parent is _MISSING:
        return  # the containing entry is itself new or gone: another change covers it
    if isinstance(last, Id):
        if not isinstance(parent, list):
            return
        place = next((i for i, e in enumerate(parent) if isinstance(e, dict) and e.get("id") == last.value), None)
        if was is _MISSING:
            if place is not None:
                del parent[place]
        elif place is not None:
            parent[place] = _copy(was)
        else:
            old_list = _get(old_root, path[:-1])
            at = next((i for i, e in enumerate(old_list) if e.get("id") == last.value), len(parent))
            parent.insert(min(at, len(parent)), _copy(was))
    elif isinstance(parent, dict):
        if was is _MISSING:
            parent.pop(last, None)
        else:
            parent[last] = _copy(was)


def affects(change: Change, old_text: str, new_text: str) -> bool:
    """Whether a document's text (before or after) mentions what changed: the fallback when a
    change cannot be taken back on its own (the profile would not validate without it)."""
    return any(word and (word in old_text or word in new_text) for word in change.mentions)
