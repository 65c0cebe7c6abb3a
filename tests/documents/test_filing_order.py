"""The 文件清单 lists the set in filing order, the order the PDF volume binds it in: by level
(register, manual, companions, procedures, third-level documents, forms, records), then number."""
from __future__ import annotations

import re
from pathlib import Path

from sskit.documents import applicable_specs, filing_order
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile
from sskit.render import TemplateSet
from sskit.standard import load_catalogue

ROOT = Path(__file__).resolve().parents[2]


def test_the_register_lists_the_documents_in_the_volumes_order():
    profile = parse_profile((ROOT / "profiles" / "huaxia-appliance.yaml").read_text(encoding="utf-8"))
    docs = render_document_set(profile, load_catalogue(), TemplateSet(), formats=(), only=None)
    index = next(d for d in docs if d.spec.key == "index").markdown
    listed = re.findall(r"HXCY/SS-([A-Z]{2}-\d{2})", index)
    filed = [s.code for s in filing_order(applicable_specs(profile)) if s.group != "report"]
    assert [code for code in dict.fromkeys(listed) if code in filed] == filed
    # the procedures added later (CX-13…15) file with the other procedures, before the forms
    assert filed.index("CX-13") == filed.index("CX-12") + 1 and filed.index("CX-15") < filed.index("BD-01")
