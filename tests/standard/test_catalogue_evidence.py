"""Every record the clause catalogue and the internal-audit checklist cite as evidence is one
the set defines: a record of the registry or a document of the set (no evidence the set never
produces, such as a 服务宣传活动记录 no form keeps)."""
from __future__ import annotations

import re

from sskit.documents import document_specs
from sskit.records import record_entries
from sskit.standard import load_catalogue, load_data


def _defined() -> set[str]:
    titles = {e["title"] for e in record_entries()}
    titles |= {s.title for s in document_specs()} | {s.service_title for s in document_specs() if s.service_title}
    # a form printed as a model (服务合作协议（范本）) is kept, filled in, under its name
    return titles | {t.removesuffix("（范本）") for t in titles}


def test_every_record_of_every_catalogue_entry_is_defined_by_the_set():
    defined = _defined()
    cited = [(c.id, r) for c in load_catalogue().clauses for r in (*c.records, *(c.service_records or ()))]
    assert len(cited) > 60
    assert [(clause, r) for clause, r in cited if r not in defined] == []


def test_every_evidence_of_the_audit_checklist_is_defined_by_the_set():
    defined = _defined()
    cited = [(e["clause"], item) for e in load_data("audit")["checklist"] for item in e["evidence"]]
    assert len(cited) > 100
    # 《title》 optionally followed by a section name, or a record by its bare title
    names = [(clause, m[1] if (m := re.match(r"《(.+?)》", item)) else item) for clause, item in cited]
    assert [(clause, name) for clause, name in names if name not in defined] == []


def test_the_check_fails_on_an_undefined_record():
    assert "服务宣传活动记录" not in _defined() and "荣誉证书登记簿" not in _defined()
    assert {"服务合作协议", "旧件回收登记表", "任命书", "售后服务手册"} <= _defined()
