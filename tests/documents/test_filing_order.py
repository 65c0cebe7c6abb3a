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


def test_every_gap_in_the_numbering_is_explained_in_the_register():
    """A procedure or form number the set skips (it does not apply) is listed under 未设的文件编号;
    numbers after the last used one are no gap and are not listed."""
    for name in ("huaxia-appliance", "chengyun-auto", "hengsheng-elevator", "qingquan-water"):
        profile = parse_profile((ROOT / "profiles" / f"{name}.yaml").read_text(encoding="utf-8"))
        docs = render_document_set(profile, load_catalogue(), TemplateSet(), formats=(), only=None)
        index = next(d for d in docs if d.spec.key == "index").markdown
        prefix = profile.document_control.prefix
        used: dict[str, set[int]] = {}
        for spec in applicable_specs(profile):
            series, _, place = spec.code.rpartition("-")
            used.setdefault(series, set()).add(int(place))
        gaps = [f"{series}-{n:02d}" for series in ("CX", "BD") for n in range(1, max(used[series]))
                if n not in used[series]]
        section = index.split("# 未设的文件编号", 1)[1].split("\n# ", 1)[0] if gaps else ""
        listed = re.findall(re.escape(prefix) + r"-([A-Z]{2}-\d{2})", section)
        assert sorted(listed) == sorted(gaps), name
        if not gaps:
            assert "未设的文件编号" not in index
