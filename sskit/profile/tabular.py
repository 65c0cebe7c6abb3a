"""Stage 1 (tables): the profile model seen as sheets of rows and columns.

Walks `Profile` once and returns the layout a spreadsheet needs: one `Table`
per part of the profile (a singleton section is a form of field rows, a list
is a table of rows, a mapping is a table of key/value rows), each with its
`Column`s — Chinese header, field key, kind of value, closed vocabulary,
required or not. New optional fields of the model appear here without code:
their header comes from the field's description.

It also converts between cell values and profile values (both directions) and
provides `LocatedSource`, a `Source` whose paths point into cells of other
files (`client.xlsx:服务网点!F12`, `outlets.csv:12:5`).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Optional

from pydantic import BaseModel, WithJsonSchema

from sskit.diagnostics import Diagnostic
from sskit.profile.model import Profile
from sskit.profile.yamlsource import Source, format_path

# Headers the descriptions do not give well (no description, or one that is a sentence).
# Keyed by "Model.field"; a field name alone is the fallback for any model.
_HEADERS = {
    "Company.business_type": "企业类型", "Company.customers": "顾客类型", "Company.website": "网站",
    "Company.postcode": "邮政编码",
    "Company.top_manager": "最高管理者", "Company.introduction": "企业简介",
    "ServiceHead.name": "姓名", "ServiceHead.reports_to": "直接上级",
    "ServiceHead.department": "兼任负责人的部门",
    "Department.id": "部门编号", "Department.parent": "上级部门", "Department.functions": "部门职能",
    "Outlet.id": "网点编号", "Outlet.kind": "网点类型", "Outlet.province": "省级行政区", "Outlet.city": "城市",
    "Outlet.district": "区县", "Outlet.address": "详细地址", "Outlet.rescue": "提供道路救援",
    "Outlet.contract": "合作协议", "Outlet.categories": "服务的商品类别", "Outlet.services": "承担的服务项目",
    "Contract.number": "编号", "Contract.start": "开始日期", "Contract.end": "截止日期",
    "Product.id": "产品线编号", "Product.category": "商品类别", "Product.label": "类别名称",
    "Product.description": "产品说明", "Product.warranty": "", "Product.maintenance": "",
    "Product.labour_fee": "人工费", "Product.service_life_years": "安全使用年限（年）",
    "Product.brand": "品牌", "Product.manufacturer": "生产者全称", "Product.warranty_start": "保修期起算日",
    "Warranty.note": "保修说明", "Part.name": "部件名称", "Part.km": "包修里程（公里）",
    "Maintenance.cycle_months": "保养周期（月）",
    "PriceItem.name": "项目名称", "PriceItem.unit": "计价单位",
    "LabourFee.unit": "计价单位", "LabourFee.note": "备注",
    "Service.id": "服务项目编号", "Service.name": "服务项目名称", "Service.kind": "服务种类",
    "Service.trade": "所属行业", "Service.description": "服务说明", "Service.terms": "",
    "Service.contract": "合同", "Service.cycle_days": "维护保养周期（天）",
    "ServiceContract.term_months": "合同期（月）", "ServiceContract.renewal": "续签安排",
    "ServiceContract.payment": "付款方式",
    "ServiceTerms.rescue_minutes": "紧急救援到达时限（分钟）",
    "Commitments.online_channels": "线上服务渠道", "Commitments.fees": "", "Commitments.loaner": "备用车",
    "Commitments.onsite_start": "上门时限起算点", "Commitments.parts_retention_years": "停产后备件保留年限（年）",
    "Commitments.supervision_channels": "监督渠道",
    "Fees.publicity": "收费标准公示地点和渠道", "Fees.in_warranty_free": "保修期内免费",
    "Loaner.vehicles": "数量", "Loaner.condition": "提供条件",
    "OnsiteLimit.area": "区域", "OnsiteLimit.hours": "时限（小时）", "OnsiteLimit.kind": "工作种类",
    "OnsiteLimit.start": "起算点", "RemoteService.province": "省级行政区",
    "RemoteService.arrangement": "服务安排",
    "Trainer.name": "讲师姓名", "Trainer.title": "职务/职称", "Trainer.department": "所在部门",
    "Trainer.organisation": "所在机构", "Trainer.topics": "授课主题",
    "Programme.name": "培训项目", "Programme.month": "月份", "Programme.hours": "学时（小时）",
    "Programme.audience": "培训对象", "Programme.method": "培训方式", "Programme.trainer": "讲师",
    "Training.year": "计划年度",
    "DocumentControl.drafted_by": "编制人", "DocumentControl.reviewed_by": "审核人",
    "DocumentControl.approved_by": "批准人",
    "ActivitySetting.owner": "负责部门", "ActivitySetting.every_months": "周期（月）",
    "CertifiedPerson.department": "所在部门", "Supervisor.department": "所在部门", "Supervisor.name": "姓名",
    "People.appointed": "任命日期",
    "Resources.budget": "经费预算", "Budget.year": "年度", "Budget.reserve": "专项准备金（万元）",
    "BudgetItem.name": "预算项目",
    # any model
    "id": "编号", "name": "名称", "note": "备注", "phone": "联系电话", "description": "说明", "title": "职务",
}

# Sheet names (at most 31 characters, Excel's limit), by the table's path.
_SHEETS = {
    "company": "企业信息", "service_head": "管理者代表", "departments": "组织机构", "outlets": "服务网点",
    "products": "产品", "products.warranty.main_parts": "主要部件保修期",
    "products.warranty.wear_parts": "易损件保修期", "products.parts": "备件价格",
    "services": "服务项目", "services.prices": "服务收费标准",
    "commitments": "服务承诺", "commitments.onsite": "上门时限", "commitments.fees.items": "服务收费项目",
    "commitments.remote_service": "无网点地区服务", "commitments.remote_service.onsite": "无网点地区上门时限",
    "training": "培训", "training.hours_per_role": "岗位培训学时", "training.trainers": "讲师",
    "training.programmes": "培训项目", "document_control": "文件控制",
    "responsibilities.functions": "职能主责部门", "responsibilities.clauses": "条款主责部门",
    "responsibilities.not_applicable": "不适用条款", "responsibilities.activities": "周期性活动",
    "people": "人员任命", "people.service_managers": "售后服务管理师", "people.supervisors": "服务监督员",
    "people.headcount": "岗位定员", "targets": "年度服务目标", "resources": "资源配置",
    "resources.budget.items": "经费预算项目",
}

# (key header, value header) of the mapping tables
_DICT_HEADERS = {
    "training.hours_per_role": ("岗位", "年度培训学时（小时）"),
    "responsibilities.functions": ("职能", "主责部门"),
    "responsibilities.clauses": ("条款号", "主责部门"),
    "responsibilities.not_applicable": ("条款号", "不适用的理由"),
    "responsibilities.activities": ("周期性活动", ""),
    "people.headcount": ("岗位代码", "定员人数"),
    "targets": ("服务指标", "目标值（%）"),
}

# Text lists whose items are short names: written on one line, 、-separated.
# Other text lists (duties, maintenance items...) hold sentences that may contain 、: one per line.
_SHORT_LISTS = {"Company.sales_regions", "Product.models", "Service.equipment", "Trainer.topics",
                "Commitments.online_channels"}

_UNITS = ("天", "月", "年", "小时", "分钟", "元", "万元", "%", "公里")

ROW_KEY = "#"  # the 序号 column of a list whose rows have no id but own rows of another table


@dataclass(frozen=True)
class Column:
    key: tuple[str, ...]  # path inside the row, e.g. ("contract", "start")
    header: str
    kind: str  # text | int | float | bool | date | code | codes | texts | ids
    required: bool = False
    codes: tuple[tuple[str, str], ...] = ()  # (code, label) of a closed vocabulary
    note: str = ""  # the field's description
    short: bool = True  # a text list of short names (、) or of sentences (one per line)

    @property
    def dotted(self) -> str:
        return ".".join(self.key)

    def label_of(self, code: str) -> str:
        return dict(self.codes).get(code, code)


@dataclass(frozen=True)
class Table:
    path: tuple[str, ...]  # profile path; "*" stands for each row of the parent table
    sheet: str
    shape: str  # form | list | dict
    columns: tuple[Column, ...]
    parent: Optional[str] = None  # sheet of the parent table (rows reference it)
    parent_ref: Optional[Column] = None  # the column holding the parent row's id or 序号
    ref_by: str = ""  # how other tables reference this table's rows: "id" or ROW_KEY

    @property
    def dotted(self) -> str:
        return ".".join(p for p in self.path if p != "*")


# --- walking the model -------------------------------------------------------------------

def _unwrap(annotation):
    """(base type, metadata) of an annotation, Optional and Annotated taken off."""
    meta: list = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            meta += list(annotation.__metadata__)
            annotation = annotation.__origin__
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation, meta
            annotation = args[0]
        else:
            return annotation, meta


def _codes(meta) -> tuple[tuple[str, str], ...]:
    for m in meta:
        if isinstance(m, WithJsonSchema) and m.json_schema and "enum" in m.json_schema:
            schema = m.json_schema
            return tuple(zip(schema["enum"], schema.get("enumDescriptions") or schema["enum"]))
    return ()


def _scalar_kind(base, meta) -> Optional[str]:
    if _codes(meta):
        return "code"
    if base is bool:
        return "bool"
    if base is int:
        return "int"
    if base is float:
        return "float"
    if base is dt.date:
        return "date"
    if base is str:
        return "text"
    return None


def _is_model(tp) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def header_of(model: type[BaseModel], name: str) -> str:
    key = f"{model.__name__}.{name}"
    if key in _HEADERS:
        return _HEADERS[key]
    description = model.model_fields[name].description or ""
    derived = _from_description(description)
    return derived or _HEADERS.get(name, name)


def _from_description(text: str) -> str:
    def paren(m):
        first = re.split(r"[；，,;]", m.group(1))[0].strip()
        return f"（{first}）" if first in _UNITS else ""
    text = re.sub(r"（([^）]*)）", paren, text)
    text = re.split(r"[，：；|]|,|\s如\s", text)[0].strip()
    return text if len(text) <= 16 else ""


def _join(prefix: str, label: str) -> str:
    if not prefix or prefix in label or len(label) > 6:
        return label
    return prefix + label


def _all_required(model, names) -> bool:
    return all(model.model_fields[n].is_required() for n in names)


@functools.lru_cache(maxsize=1)
def profile_tables() -> tuple[Table, ...]:
    """Every table of the profile, parents before their children."""
    out: list[Table] = []
    for name, info in Profile.model_fields.items():
        _section(out, (name,), info.annotation, info.is_required(), None, Profile, name)
    return tuple(out)


def table_for(dotted: str) -> Table:
    return next(t for t in profile_tables() if t.dotted == dotted)


def _sheet_name(dotted: str, model, name) -> str:
    if dotted in _SHEETS:
        return _SHEETS[dotted]
    label = header_of(model, name) or name
    return re.sub(r"[\[\]:*?/\\]", "", label)[:31]


def _section(out, path, annotation, required, parent: Optional[Table], owner, name):
    base, meta = _unwrap(annotation)
    dotted = ".".join(p for p in path if p != "*")
    sheet = _sheet_name(dotted, owner, name)
    origin = typing.get_origin(base)
    parent_ref = None
    if parent is not None and parent.shape != "form":
        by = "序号" if parent.ref_by == ROW_KEY else "编号"
        parent_ref = Column(("<parent>",), f"所属{parent.sheet}{by}", "text", True,
                            note=f"本行所属的{parent.sheet}（填写其{by}）")
    if _is_model(base):
        columns, children = _flatten(base, (), "")
        # a section with children only (e.g. 职能主责部门) needs no sheet of its own
        table = Table(path, sheet, "form", tuple(columns))
        out.append(table)
        for key, ann, req, model, fname in children:
            _section(out, path + key, ann, req, table, model, fname)
        return
    if origin is list:
        (item,) = typing.get_args(base)
        item_base, item_meta = _unwrap(item)
        if not _is_model(item_base):
            return  # a list of values in a form: a column of the parent, not a table
        columns, children = _flatten(item_base, (), "")
        ref_by = "id" if "id" in item_base.model_fields else (ROW_KEY if children else "")
        if ref_by == ROW_KEY:
            columns.insert(0, Column((ROW_KEY,), "序号", "int", True, note="行的序号，供下级表引用"))
        if parent_ref is not None:
            columns.insert(0, parent_ref)
        table = Table(path, sheet, "list", tuple(columns), parent.sheet if parent else None, parent_ref, ref_by)
        out.append(table)
        for key, ann, req, model, fname in children:
            _section(out, path + ("*",) + key, ann, req, table, model, fname)
        return
    if origin is dict:
        key_ann, value_ann = typing.get_args(base)
        key_base, key_meta = _unwrap(key_ann)
        key_header, value_header = _DICT_HEADERS.get(dotted, ("项目", "数值"))
        codes = _codes(key_meta)
        columns = [Column(("<key>",), key_header, "code" if codes else "text", True, codes,
                          note=owner.model_fields[name].description or "")]
        value_base, value_meta = _unwrap(value_ann)
        if _is_model(value_base):
            sub, _ = _flatten(value_base, (), "")
            columns += sub
        else:
            columns.append(Column(("<value>",), value_header, _scalar_kind(value_base, value_meta) or "text", True,
                                  _codes(value_meta), note=owner.model_fields[name].description or ""))
        if parent_ref is not None:
            columns.insert(0, parent_ref)
        out.append(Table(path, sheet, "dict", tuple(columns), parent.sheet if parent else None, parent_ref))


def _flatten(model: type[BaseModel], prefix_key: tuple, prefix_label: str, required: bool = True):
    """Columns of a model's scalar fields, nested models inlined; its lists of models and
    mappings become child tables: (columns, [(key path, annotation, required, owner, name)])."""
    columns: list[Column] = []
    children: list = []
    for name, info in model.model_fields.items():
        base, meta = _unwrap(info.annotation)
        meta = list(info.metadata) + meta
        key = prefix_key + (name,)
        label = _join(prefix_label, header_of(model, name))
        req = required and info.is_required()
        note = info.description or ""
        kind = _scalar_kind(base, meta)
        if kind:
            columns.append(Column(key, label, kind, req, _codes(meta), note))
            continue
        origin = typing.get_origin(base)
        if origin is list:
            (item,) = typing.get_args(base)
            item_base, item_meta = _unwrap(item)
            item_kind = _scalar_kind(item_base, item_meta)
            if item_kind:
                req = req and info.is_required()
                codes = _codes(item_meta)
                if codes:
                    columns.append(Column(key, label, "codes", req, codes, note))
                elif item_meta and any(getattr(m, "pattern", None) for m in item_meta):
                    columns.append(Column(key, label, "ids", req, (), note))
                else:
                    columns.append(Column(key, label, "texts", req, (), note,
                                          short=f"{model.__name__}.{name}" in _SHORT_LISTS))
                continue
            children.append((key, info.annotation, req, model, name))
            continue
        if origin is dict:
            children.append((key, info.annotation, req, model, name))
            continue
        if _is_model(base):
            sub_cols, sub_children = _flatten(base, key, _join(prefix_label, header_of(model, name)), req)
            columns += sub_cols
            children += sub_children
            continue
        columns.append(Column(key, label, "text", req, (), note))  # anything else: as text
    return columns, children


# --- cells <-> values ---------------------------------------------------------------------

_TRUE = {"是", "true", "yes", "y", "1", "√", "✓", "对", "有"}
_FALSE = {"否", "false", "no", "n", "0", "×", "无", "不"}
_ID_SPLIT = re.compile(r"[、,，;；\s]+")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_to_value(column: Column, value):
    """A cell's value as the profile holds it (the model validates it afterwards)."""
    kind = column.kind
    if isinstance(value, str):
        value = value.strip()
    if kind == "text":
        return as_text(value)
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 3653 <= value < 73051:
            # a date cell formatted as a number: Excel's day count (1910 to 2099)
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        if isinstance(value, str):
            m = _DATE.match(value)
            if m:
                try:
                    return dt.date(int(m[1]), int(m[2]), int(m[3]))
                except ValueError:
                    return value
        return value
    if kind in ("int", "float"):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            try:
                number = float(value.replace(",", ""))
                return int(number) if number.is_integer() and kind == "int" else number
            except ValueError:
                return value
        return value
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        return value
    if kind == "code":
        return _code_of(column, as_text(value))
    if kind == "codes":
        return [_code_of(column, token) for token in split_codes(column, as_text(value))]
    if kind == "ids":
        return [t for t in _ID_SPLIT.split(as_text(value)) if t]
    if kind == "texts":
        text = as_text(value)
        lines = [t.strip() for t in text.splitlines()]
        if column.short and len(lines) == 1:
            lines = [t.strip() for t in re.split(r"[、；;]", text)]
        return [t for t in lines if t]
    return value


def as_text(value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _code_of(column: Column, token: str) -> str:
    for code, label in column.codes:
        if token == label or token == code:
            return code
    low = token.lower()
    for code, label in column.codes:
        if low == code.lower():
            return code
    return token


def split_codes(column: Column, text: str) -> list[str]:
    """Split a list cell on 、/,/; while keeping a label that itself contains 、 whole."""
    names = sorted({n for pair in column.codes for n in pair}, key=len, reverse=True)
    seps = "、,，;；/ \n\t"
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] in seps:
            i += 1
            continue
        match = next((n for n in names if text.startswith(n, i)
                      and (i + len(n) == len(text) or text[i + len(n)] in seps)), None)
        if match is None:
            j = i
            while j < len(text) and text[j] not in seps:
                j += 1
            match = text[i:j]
        out.append(match)
        i += len(match)
    return out


def value_to_cell(column: Column, value):
    """A profile value as it is written into a cell (codes as their labels)."""
    if value is None:
        return None
    kind = column.kind
    if kind == "code":
        return column.label_of(value)
    if kind == "codes":
        return "、".join(column.label_of(v) for v in value) if value else None
    if kind == "ids":
        return "、".join(value) if value else None
    if kind == "texts":
        if not value:
            return None
        joined = "、".join(value)
        if column.short and not any("、" in v or "\n" in v for v in value):
            return joined
        return "\n".join(value)
    if kind == "bool":
        return "是" if value else "否"
    if kind == "float" and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def get_in(data, key: tuple):
    for part in key:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def set_in(data: dict, key: tuple, value) -> None:
    for part in key[:-1]:
        data = data.setdefault(part, {})
    data[key[-1]] = value


# --- located sources ------------------------------------------------------------------------

@dataclass
class LocatedSource(Source):
    """A profile whose values come from several files. A mark is either (line, col) in
    `file` (the YAML) or (file, line, col) elsewhere; a cell of a workbook is the file
    `client.xlsx:服务网点!F12` with no line."""

    warnings: list = field(default_factory=list)
    order: dict = field(default_factory=dict)  # file or file:sheet -> its place among the inputs

    def _where(self, path) -> tuple[str, int, int]:
        path = tuple(path)
        while True:
            mark = self.marks.get(path)
            if mark is not None:
                return (mark if len(mark) == 3 else (self.file, *mark))
            if not path:
                return self.file, 0, 0
            path = path[:-1]

    def diag(self, path, message: str, hint: str = "", *, key: bool = False,
             severity: str = "error") -> Diagnostic:
        where = None
        if key:
            where = self.marks.get(tuple(path) + ("<key>",))
            if where is not None and len(where) == 2:
                where = (self.file, *where)
        file, line, col = where or self._where(path)
        return Diagnostic(file, line, col, message, format_path(path), hint, severity)

    def locate(self, path) -> tuple[int, int]:
        return self._where(path)[1:]

    def sort_key(self, d: Diagnostic) -> tuple:
        """Inputs in the order they were read, a sheet's cells by row then column."""
        m = _CELL.match(d.file)
        if m:
            book, row, col = m[1], int(m[3]), _column_number(m[2])
        else:
            book, row, col = d.file, d.line, d.col
        return (self.order.get(book, -1), book, row, col, d.path, d.message)


_CELL = re.compile(r"^(.*)!([A-Z]+)(\d+)$")


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def cell_name(row: int, col: int) -> str:
    """1-based (row, column) -> A1 notation."""
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


def profile_order(path) -> tuple:
    """A path's place in a profile written in the model's field order (keys of a mapping and
    indexes of a list in their own order): sorts findings the same whichever file the profile
    came from (YAML lines, workbook cells)."""
    out = []
    model = Profile
    for part in path:
        if isinstance(part, int):
            out.append((part, ""))
            continue
        fields = list(model.model_fields) if model is not None else []
        if part in fields:
            out.append((fields.index(part), ""))
            base, _ = _unwrap(model.model_fields[part].annotation)
            model = _inner_model(base)
        else:
            out.append((len(fields), str(part)))  # a mapping's key
    return tuple(out)


def _inner_model(tp):
    if _is_model(tp):
        return tp
    for arg in typing.get_args(tp):
        base, _ = _unwrap(arg)
        found = _inner_model(base)
        if found is not None:
            return found
    return None
