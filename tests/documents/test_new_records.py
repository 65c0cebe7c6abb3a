"""技术咨询记录 (5.2.2) and 顾客表扬和社会荣誉记录 (5.1.7.3): the two records the set lacked.

Each is a form of every set, kept by the department the facts stage makes 主责 of its clause,
named by the procedures where the work happens, placed after the 自评报告 so that no file of
an existing set is renamed, and no longer counted missing by the 自评报告."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sskit.documents import applicable_specs, file_stem, sequence
from sskit.facts import derive_facts
from sskit.markup.ir import Span, Table
from sskit.pipeline import render_document_set
from sskit.profile import read_profile
from sskit.render import TemplateSet
from sskit.standard import load_catalogue
from sskit.standard.scoring import load_scoring

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = load_catalogue()
# a maker with installation, an elevator service company (no goods), a car dealer
PROFILES = ("huaxia-appliance", "hengsheng-elevator", "chengyun-auto")


@pytest.fixture(scope="module", params=PROFILES)
def example(request):
    profile = read_profile(ROOT / "profiles" / f"{request.param}.yaml")
    facts = derive_facts(profile, CATALOGUE)
    docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=(), facts=facts)
    return request.param, profile, facts, {d.spec.key: d for d in docs}


def _related(doc) -> dict[str, list[str]]:
    """The 相关记录 table: record title -> the rest of its row (keeper, retention)."""
    table = next(b for b in doc.blocks if isinstance(b, Table) and b.caption == "相关记录")
    rows = [["".join(i.text for i in cell if isinstance(i, Span)) for cell in row] for row in table.rows]
    return {r[0]: r[1:] for r in rows}


def _section(markdown: str, heading: str) -> str:
    return markdown.split(heading, 1)[1].split("\n#", 1)[0]


def test_the_forms_come_after_the_self_assessment_and_rename_nothing():
    assert sequence("form-tech-consult") == sequence("self-assessment") + 1
    assert sequence("form-praise") == sequence("self-assessment") + 2
    assert sequence("self-assessment") == 109  # its place before the two forms were added
    profile = read_profile(ROOT / "profiles" / "huaxia-appliance.yaml")
    specs = {s.key: s for s in applicable_specs(profile)}
    assert file_stem("form-tech-consult", specs["form-tech-consult"].number(profile), "技术咨询记录") \
        == "110-HXCY-SS-BD-78-技术咨询记录"
    assert specs["form-praise"].number(profile).endswith("BD-79") and specs["form-praise"].landscape


def test_each_form_is_kept_by_the_clause_owner_the_facts_name(example):
    _, _, facts, docs = example
    tech, praise = docs["form-tech-consult"].markdown, docs["form-praise"].markdown
    assert f"登记部门：{facts.owner_unit('clause:5.2.2').name}" in tech
    assert f"登记部门：{facts.owner_unit('clause:5.1.7.3').name}" in praise
    # the overdue rule states the company's own repair limit, no figure of its own
    assert f"服务承诺时限（{facts.limits.repair}）" in tech
    assert "24小时" not in tech and not re.search(r"XXX|TODO|待填写", tech + praise)


def test_the_forms_speak_the_company_trade(example):
    name, _, _, docs = example
    tech, praise = docs["form-tech-consult"].markdown, docs["form-praise"].markdown
    sources = re.search(r"来源：A—(\S+?)，B—(\S+?)，C—(\S+?)；", tech).groups()
    expected = {"huaxia-appliance": ("顾客", "服务网点", "安装维修人员"),
                "hengsheng-elevator": ("使用单位", "服务网点", "维保人员"),
                "chengyun-auto": ("车主", "门店", "维修技师")}[name]
    assert sources == expected
    assert ("车牌号码<br>车型" in tech) == (name == "chengyun-auto")
    assert ("设备编号<br>设备类型" in tech) == (name == "hengsheng-elevator")
    assert ("涉及人员或门店" in praise) == (name == "chengyun-auto")
    assert ("使用单位表扬" in praise) == (name == "hengsheng-elevator")
    assert "使用单位姓名" not in praise


def test_the_procedures_name_and_list_the_records(example):
    _, _, facts, docs = example
    support = facts.owner_unit("clause:5.2.2").name
    repair = docs["proc-repair"]
    section = _section(repair.markdown, "## 技术咨询与疑难故障支持")
    assert f"提交{support}" in section and "技术咨询记录" in section and facts.limits.repair in section
    assert _related(repair)["技术咨询记录"] == [support, "3年"]
    if "proc-installation" in docs:
        assert "技术咨询记录" in _related(docs["proc-installation"])
    praise_owner = facts.owner_unit("clause:5.1.7.3").name
    callback = docs["proc-callback"]
    assert f"{praise_owner}记入顾客表扬和社会荣誉记录" in _section(callback.markdown, "## 顾客表扬与社会认可")
    assert _related(callback)["顾客表扬和社会荣誉记录"] == [praise_owner, "长期"]
    assert "以顾客表扬和社会荣誉记录中经核实的登记为依据" in docs["proc-assessment"].markdown


def test_the_manual_names_the_real_department(example):
    _, _, facts, docs = example
    section = _section(docs["manual"].markdown, "## 技术支持")
    support = facts.owner_unit("clause:5.2.2").name
    assert "技术支持部门" not in section and "24小时" not in section
    assert f"应及时提交{support}" in section and "记入技术咨询记录" in section


def test_no_indicator_waits_for_a_record_no_form_keeps():
    keyless = [d.title for d in load_scoring().documents if not d.key]
    assert keyless == []
