"""Issue 18: a document's file name depends only on the document (its fixed place in the
register, its number and title), never on which other documents apply."""
from __future__ import annotations

import re
from pathlib import Path

from sskit.documents import document_specs, file_stem, sequence
from sskit.profile import read_profile
from sskit.pipeline import render_document_set
from sskit.render import TemplateSet
from sskit.standard import load_catalogue

# the register as released: a new document goes after the last one, never between
RELEASED = (
    "index", "manual", "matrix", "training", "crossref",
    "proc-repair", "proc-installation", "proc-delivery", "proc-complaint", "proc-callback",
    "proc-outlet", "proc-parts", "proc-training", "proc-product-info", "proc-improvement",
    "proc-document", "proc-assessment", "form-call-log", "form-dispatch", "form-repair-card",
    "form-receipt", "form-goods-log", "form-onsite", "form-parts-use", "form-callback",
    "form-complaint", "form-survey", "form-outlet-inspection", "form-fees", "form-training-signin",
    "form-training-exam", "proc-internal-audit", "proc-management-review", "proc-capa", "form-audit-checklist",
    "form-audit-plan", "form-audit-report", "form-management-review", "form-capa", "form-drill",
    "proc-maintenance", "proc-emergency-rescue", "pledge", "targets", "job-descriptions",
    "appointments", "conduct", "emergency-plan", "law-list", "outlet-list",
    "resources", "form-complaint-ledger", "form-customer-file", "form-callback-review", "form-quality-feedback",
    "form-quality-report", "form-doc-distribution", "form-doc-change", "form-doc-review", "form-record-destruction",
    "form-outlet-assessment", "form-rectification", "form-outlet-agreement", "form-outlet-termination", "form-old-parts",
    "form-take-back", "form-parts-receipt", "form-parts-ledger", "form-parts-quota", "form-training-needs",
    "form-training-evaluation", "form-certified-staff", "form-training-file", "form-performance", "form-appeal",
    "form-award", "form-care-record", "form-customer-care", "form-survey-report", "form-complaint-report",
    "form-capa-stats", "form-research", "form-standards-review", "form-incident", "form-attachment-check",
    "form-promo-review", "form-delivery-note", "form-repair-order", "form-settlement", "form-pdi",
    "form-handover", "form-loaner", "form-sanbao-return", "form-rescue-record", "form-vehicle-receipt",
    "form-filter-record", "form-water-test", "form-filter-reminder", "form-gas-acceptance", "form-ac-acceptance",
    "form-training-summary", "form-outlet-evaluation", "form-outlet-plan", "form-maintenance-plan", "form-maintenance-record",
    "form-emergency-rescue-record", "form-inspection-support", "form-contract-ledger", "self-assessment",
)

ROOT = Path(__file__).resolve().parents[2]


def test_every_released_document_keeps_its_place():
    keys = [s.key for s in document_specs()]
    assert tuple(keys[:len(RELEASED)]) == RELEASED
    assert [sequence(k) for k in RELEASED] == list(range(1, len(RELEASED) + 1))


def test_a_file_name_is_its_place_number_and_title():
    assert file_stem("manual", "HX/SS-SC-01", "售后服务手册") == "002-HX-SS-SC-01-售后服务手册"
    assert file_stem("self-assessment", "A:B", "自评*报告") == f"{sequence('self-assessment'):03d}-A-B-自评-报告"


def test_names_do_not_move_when_a_procedure_starts_to_apply():
    catalogue, templates = load_catalogue(), TemplateSet()
    profile = read_profile(ROOT / "tests" / "fixtures" / "minimal.yaml")
    installs = profile.model_copy(update={"products": [p.model_copy(update={"installation_required": True})
                                                     for p in profile.products]})
    before = {d.spec.key: d.stem for d in render_document_set(profile, catalogue, templates, ())}
    after = {d.spec.key: d.stem for d in render_document_set(installs, catalogue, templates, ())}
    assert set(after) - set(before) == {"proc-installation"}
    assert all(after[key] == stem for key, stem in before.items())
    assert re.fullmatch(r"007-.+-CX-02-安装调试控制程序", after["proc-installation"])
