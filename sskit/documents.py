"""The document set: which documents exist, their templates, numbers and views.

One `DocumentSpec` per document. Adding a document means adding a template
and a spec here; the key is what the clause catalogue's `evidence` refers to.
"""
from __future__ import annotations

import functools

import re
from dataclasses import dataclass, replace
from typing import Callable, Optional

from sskit.profile.model import Profile
from sskit.records import form_entries, spec_condition
from sskit.standard import ClauseCatalogue
from sskit.view.crossref import crossref_view, index_view
from sskit.view.self_assessment import self_assessment_view
from sskit.view.manual import manual_view
from sskit.view.matrix import matrix_view
from sskit.view.training import training_view
from sskit.view.registers import (
    audit_checklist_view, complaint_levels_view, emergency_view, job_descriptions_view, law_list_view,
    outlet_list_view, resources_view, targets_view,
)


def _no_extra(profile: Profile, catalogue: ClauseCatalogue, facts) -> dict:
    return {}


def _always(profile: Profile) -> bool:
    return True


def _light(profile: Profile) -> int:
    return 1


def _per_outlet(profile: Profile) -> int:
    return len(profile.outlets)


@dataclass(frozen=True)
class DocumentSpec:
    key: str  # stable key, used by the clause catalogue's evidence lists
    template: str  # path relative to the template folders
    title: str
    code: str  # appended to the profile's document-number prefix
    group: str  # manual | matrix | training | procedure | form | crossref | index | document | list | report
    # who drafts it: a function code, "clause:ID" (its 主责) or "activity:KEY" (who runs it)
    owner: str = "service_management"
    view: Callable[[Profile, ClauseCatalogue, object], dict] = _no_extra
    # documents about the set itself are rendered last, from the other documents
    late_view: Optional[Callable] = None
    applies: Callable[[Profile], bool] = _always
    landscape: bool = False
    chapter_page_break: bool = False
    compact: bool = False  # a one-page notice: smaller body text
    toc: bool = True
    cover: bool = True
    # the title for a company that sells no goods (a service provider without products)
    service_title: Optional[str] = None
    # a procedure for work under service contracts: a company without services does that work
    # (a car's maintenance, road rescue) under its other procedures, so its absence is no gap
    services_only: bool = False
    # how much larger than a usual document it grows with the profile (e.g. a row per outlet):
    # the heaviest start first when the documents are shared between processes
    weight: Callable[[Profile], int] = _light

    def number(self, profile: Profile) -> str:
        return f"{profile.document_control.prefix}-{self.code}"


def _installs(profile: Profile) -> bool:
    return any(p.installation_required for p in profile.products)


def _trait(name: str) -> Callable[[Profile], bool]:
    """DocumentSpec.applies from one of the facts stage's traits (as the forms' conditions are)."""
    from sskit.facts.derive import product_traits

    return lambda profile: bool(getattr(product_traits(profile), name))


def _delivers(profile: Profile) -> bool:
    return any(p.delivery for p in profile.products)


def _network_view(profile: Profile, catalogue: ClauseCatalogue, facts) -> dict:
    """Who repairs the goods (the brands' networks or the company), and which outlets handle returned
    and forwarded goods (退换货), for the procedures that differ."""
    from sskit.facts.returns import returns_centres

    from sskit.facts import rules

    # the limits MB-01 measures (退款按时率, 验货及时率) are the ones the procedure states
    return {"network": facts.network, "returns_centres": list(returns_centres(profile)),
            "refund_within": rules.RETURNS_REFUND_WITHIN, "inspection_within": rules.RETURNS_INSPECTION_WITHIN}


def _takes_returns(profile: Profile) -> bool:
    from sskit.facts.returns import takes_returns

    return takes_returns(profile)


# forms with a view of their own (the others read the shared context)
_FORM_VIEWS = {"audit-checklist": audit_checklist_view}


def _forms(first: int, last: int) -> list[DocumentSpec]:
    """The forms of the records registry (sskit/standard/records.yaml) numbered first..last."""
    return [DocumentSpec(f"form-{e['key']}", f"procedures/forms/{e['template']}.md.j2", e["title"],
                         f"BD-{e['code']:02d}", "form", toc=False, cover=False, owner=e["owner"],
                         landscape=e.get("layout") == "register", compact=e.get("layout") == "register",
                         applies=spec_condition(e),
                         view=_FORM_VIEWS.get(e["key"], _no_extra))
            for e in form_entries() if first <= e["code"] <= last]


def _procedure(key: str, template: str, title: str, number: int, owner: str, **kw) -> DocumentSpec:
    return DocumentSpec(key, f"procedures/{template}.md.j2", title, f"CX-{number:02d}", "procedure",
                        owner=owner, **kw)


# The order here is the order of the 文件清单 and the registry's fixed order: a document's
# file name begins with its place in this tuple (`sequence`), whichever documents apply, so a
# document that starts or stops applying renames no other file. New documents go at the END
# (tests/documents/test_file_names.py freezes the places of the existing ones).
_SPECS: tuple[DocumentSpec, ...] = (
    DocumentSpec("index", "manuals/index.md.j2", "文件清单", "QD-01", "index", toc=False,
                 late_view=index_view),
    DocumentSpec("manual", "manuals/manual.md.j2", "售后服务手册", "SC-01", "manual",
                 view=manual_view, chapter_page_break=True),
    DocumentSpec("matrix", "manuals/matrix.md.j2", "部门职责分配表", "ZZ-01", "matrix",
                 view=matrix_view, landscape=True, toc=False),
    DocumentSpec("training", "manuals/training_plan.md.j2", "年度培训计划", "PX-01", "training",
                 owner="activity:training_plan", view=training_view, landscape=True, toc=False),
    DocumentSpec("crossref", "manuals/crossref.md.j2", "条款对照表", "DZ-01", "crossref",
                 landscape=True, toc=False, late_view=lambda p, c, late: crossref_view(p, c, late.rendered, late.facts)),
    _procedure("proc-repair", "repair", "维修服务控制程序", 1, "repair", view=_network_view),
    _procedure("proc-installation", "installation", "安装调试控制程序", 2, "installation", applies=_installs),
    _procedure("proc-delivery", "delivery", "商品配送控制程序", 3, "delivery", applies=_delivers),
    _procedure("proc-complaint", "complaint", "顾客投诉处理程序", 4, "complaints", view=complaint_levels_view),
    _procedure("proc-callback", "callback", "顾客回访与满意度调查程序", 5, "customer_service"),
    _procedure("proc-outlet", "outlet", "服务网点管理程序", 6, "activity:outlet_management", view=_network_view),
    _procedure("proc-parts", "parts", "备件管理程序", 7, "parts", view=_network_view),
    _procedure("proc-training", "training", "培训管理程序", 8, "activity:training_plan"),
    _procedure("proc-product-info", "product_info", "商品信息管理程序", 9, "clause:5.2.1",
               service_title="服务信息管理程序"),
    _procedure("proc-improvement", "improvement", "信息反馈与持续改进程序", 10, "clause:5.1.6"),
    _procedure("proc-document", "document_control", "文件和记录控制程序", 11, "service_management"),
    _procedure("proc-assessment", "assessment", "服务人员考核与激励程序", 12, "hr"),
    *_forms(1, 14),
    # added in the second release: after the first release's documents, so that their
    # file names keep their order numbers
    _procedure("proc-internal-audit", "internal_audit", "内部审核程序", 13, "activity:internal_audit"),
    _procedure("proc-management-review", "management_review", "管理评审程序", 14, "service_management"),
    _procedure("proc-capa", "capa", "纠正和预防措施程序", 15, "clause:5.1.6"),
    *_forms(15, 20),
    # added for service companies (issue 12)
    _procedure("proc-maintenance", "maintenance", "维护保养控制程序", 16, "repair", applies=_trait("contract_maintenance"),
               services_only=True),
    _procedure("proc-emergency-rescue", "emergency_rescue", "应急救援控制程序", 17, "repair", applies=_trait("emergency"),
               services_only=True),
    DocumentSpec("pledge", "manuals/pledge.md.j2", "售后服务承诺书", "CN-01", "document", toc=False, compact=True),
    DocumentSpec("targets", "manuals/targets.md.j2", "年度服务目标", "MB-01", "document", toc=False,
                 view=targets_view),
    DocumentSpec("job-descriptions", "manuals/job_descriptions.md.j2", "岗位职责说明书", "GW-01", "document",
                 owner="hr", view=job_descriptions_view),
    DocumentSpec("appointments", "manuals/appointments.md.j2", "任命书", "RM-01", "document", owner="hr",
                 toc=False),
    DocumentSpec("conduct", "manuals/conduct.md.j2", "服务行为规范", "GF-01", "document"),
    DocumentSpec("emergency-plan", "manuals/emergency.md.j2", "售后服务应急预案", "YA-01", "document",
                 view=emergency_view),
    DocumentSpec("law-list", "manuals/law_list.md.j2", "法律法规及其他要求清单", "WB-01", "list", owner="legal",
                 view=law_list_view, landscape=True, toc=False),
    DocumentSpec("outlet-list", "manuals/outlet_list.md.j2", "服务网点清单", "WD-01", "list",
                 view=outlet_list_view, landscape=True, toc=False, weight=_per_outlet),
    DocumentSpec("resources", "manuals/resources.md.j2", "售后服务经费预算及资源配置表", "ZY-01", "list",
                 owner="finance", view=resources_view, toc=False),
    # the forms of the records registry's later entries
    *_forms(21, 77),
    DocumentSpec("self-assessment", "manuals/self_assessment.md.j2", "售后服务自评报告", "ZP-01", "report",
                 landscape=True, toc=False, late_view=self_assessment_view),
    # forms added after the 自评报告 took its place (BD-78 on)
    *_forms(78, 79),
    # returns and exchanges of a company that sells at a distance or keeps returns centres (a23 finding 14)
    _procedure("proc-returns", "returns", "退换货管理程序", 18, "customer_service", applies=_takes_returns,
               view=_network_view),
    DocumentSpec("form-returns-register", "procedures/forms/returns_register.md.j2", "退换货登记表", "BD-80",
                 "form", toc=False, cover=False, owner="customer_service", landscape=True, compact=True,
                 applies=_takes_returns),
    # forms added after the returns register keep the set's order (the file numbers of older sets)
    *_forms(81, 999),
)

_SEQUENCE = {spec.key: place for place, spec in enumerate(_SPECS, start=1)}


def document_specs() -> tuple[DocumentSpec, ...]:
    return _SPECS


def sequence(key: str) -> int:
    """The document's fixed place in the registry (the order prefix of its file name)."""
    return _SEQUENCE[key]


def applicable_specs(profile: Profile) -> list[DocumentSpec]:
    """The documents of this company's set, titled for what it is (a company that sells
    no goods gets the service_title where a document has one)."""
    sells = bool(profile.products)
    return [s if sells or not s.service_title else replace(s, title=s.service_title)
            for s in _SPECS if s.applies(profile)]


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\s]+')


def safe_name(text: str, limit: int = 60, max_bytes: int = 100, fallback: str = "document") -> str:
    """A file-name part that cannot leave the output folder or upset Windows: at most `limit`
    characters and `max_bytes` bytes of UTF-8 (a name of 4-byte characters must still fit the
    255-byte limit of most file systems together with its other parts); `fallback` when
    nothing usable is left ("..")."""
    cleaned = _UNSAFE.sub("-", text).strip(".-") or fallback
    cleaned = cleaned[:limit]
    while len(cleaned.encode("utf-8")) > max_bytes:
        cleaned = cleaned[:-1]
    return cleaned.rstrip(".-") or fallback


def file_stem(key: str, number: str, title: str) -> str:
    """A file name that depends only on the document itself: its registry place, number and
    title (never on which other documents apply)."""
    return f"{sequence(key):03d}-{safe_name(number)}-{safe_name(title)}"


# -- the filing order: the 文件清单 and the PDF volume list the set as a 文控 binds it ----------------
# 文件清单, 售后服务手册, the manual's companions, every 程序文件 by number, the third-level documents,
# every 表单 by number, then the records (自评报告). Derived from each spec's `group` (its level)
# and its number (series and serial): a document added to the registry later (CX-13 after BD-14)
# still files with its series.
# level of each DocumentSpec.group: 0 the register, 1 the manual, 2 the manual's companions
# (responsibilities, clause correspondence), 3 procedures, 4 third-level documents (plans,
# lists, 岗位职责说明书, 应急预案 …), 5 forms, 6 records of the set
FILING_LEVELS = {"index": 0, "manual": 1, "matrix": 2, "crossref": 2, "procedure": 3,
          "training": 4, "document": 4, "list": 4, "form": 5, "report": 6}


def _series(code: str) -> tuple[str, int]:
    """"CX-13" -> ("CX", 13); a code without a numeric serial files at 0 of its series."""
    series, _, serial = code.rpartition("-")
    return (series, int(serial)) if serial.isdigit() else (code, 0)


@functools.cache
def _series_places() -> dict[str, int]:
    """Each series' place: the registry place of its first document (CX where CX-01 is)."""
    places: dict[str, int] = {}
    for spec in document_specs():
        places.setdefault(_series(spec.code)[0], sequence(spec.key))
    return places


def filing_key(spec: DocumentSpec) -> tuple:
    series, serial = _series(spec.code)
    return FILING_LEVELS[spec.group], _series_places().get(series, sequence(spec.key)), serial, spec.code


def filing_order(specs) -> list:
    """`specs` (DocumentSpecs, or anything with a `.spec`) in filing order."""
    return sorted(specs, key=lambda item: filing_key(getattr(item, "spec", item)))
