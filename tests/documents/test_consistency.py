"""Consistency over a rendered set: every time limit, owner, frequency, period,
approval and staff figure is stated the same way in every document.

`contradictions()` reads only the rendered text (and the IR of two tables) and
compares what it finds with the facts. It runs on the example profiles and on
property-based mutations of them: renamed, re-parented and merged departments,
functions moved between departments, changed time limits.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sskit.facts import derive_facts
from sskit.facts.rules import RESCUE_START
from sskit.markup import Heading, ListBlock, Paragraph, Span, Table
from sskit.pipeline import render_document_set
from sskit.profile import read_profile
from sskit.profile.model import Profile
from sskit.render import TemplateSet
from sskit.standard import load_catalogue

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "profiles").glob("*.yaml"))
CATALOGUE = load_catalogue()
TEMPLATES = TemplateSet()
_PERIODS = ("每月", "每季度", "每半年", "每年")


def _text(doc) -> str:
    """The Markdown as a reader sees it: escapes and emphasis marks removed."""
    return re.sub(r"\\(.)", r"\1", doc.markdown).replace("**", "")


def _cells(row) -> list[str]:
    return ["".join(i.text for i in cell if isinstance(i, Span)) for cell in row]


def _sentences(text: str):
    return [s for s in re.split(r"[。；\n|]", text) if s.strip()]


def contradictions(profile: Profile, facts, docs: dict) -> list[str]:
    out: list[str] = []
    lim = facts.limits
    texts = {key: _text(doc) for key, doc in docs.items()}
    # every committed arrival limit, with the start event it runs from: the per-area limits of
    # every kind of work, the remote exceptions, and the services' own terms
    starts: dict[str, set] = {}
    for a in lim.all + lim.installation + tuple(a for x in lim.exceptions for a in x.limits):
        starts.setdefault(a.duration, set()).add(a.start or (RESCUE_START if a.kind == "rescue" else lim.onsite_start))
    for service in facts.services:
        for _, term in service.terms:
            for m in re.finditer(r"(.{2,8}后)(\d+(?:\.\d+)?(?:小时|分钟))内", term):
                starts.setdefault(m[2], set()).add(m[1])
    durations = set(starts)
    names = sorted((d.name for d in profile.departments), key=len, reverse=True)
    survey = facts.activities["satisfaction_survey"]
    for key, text in texts.items():
        # 4/5/6: every on-site or rescue limit names its start event and a committed figure
        for m in re.finditer(r"(\d+(?:\.\d+)?(?:小时|分钟))内(上门|到达现场|到达)", text):
            before = text[max(0, m.start() - 12):m.start()]
            allowed = starts.get(m[1], {RESCUE_START if m[2] == "到达现场" else lim.onsite_start})
            if not any(start in before for start in allowed):
                out.append(f"{key}: on-site limit without its start event: …{before}{m[0]}")
            if m[1] not in durations:
                out.append(f"{key}: on-site limit {m[1]} is not a committed one ({sorted(durations)})")
        for m in re.finditer(r"(\d+(?:\.\d+)?(?:小时|分钟))内(与顾客联系|联系顾客|派工|响应派工|完成派工|确定承修门店)", text):
            if "投诉后" in text[max(0, m.start() - 4):m.start()]:
                continue  # the complaint clock, checked below
            if m[1] != lim.response_duration or not any(
                    start in text[max(0, m.start() - 6):m.start()] for start in ("受理报修后", "受理报装后", "受理申请后")):
                out.append(f"{key}: response limit stated as …{text[max(0, m.start() - 6):m.end()]}")
        for m in re.finditer(r"(?:完成|完工|交车|送达|交付|完毕)后(\d+(?:\.\d+)?)天内", text):
            if m[1] != lim.callback_days:
                out.append(f"{key}: callback within {m[1]} days, facts say {lim.callback_days}")
        callback_target = facts.target("callback_rate")
        for m in re.finditer(r"回访率(?:目标为|目标|≥)\s*(≥?\d+(?:\.\d+)?%)", text):
            if callback_target and m[1].lstrip("≥") != callback_target.shown.lstrip("≥"):
                out.append(f"{key}: callback rate target {m[1]}, facts say {callback_target.shown}")
        for m in re.finditer(r"(\d+(?:\.\d+)?)天内?修复", text):
            if m[1] != lim.repair_days:
                out.append(f"{key}: repair within {m[1]} days, facts say {lim.repair_days}")
        for m in re.finditer(r"(\d+(?:\.\d+)?)天内(?:处理完毕|结案)", text):
            if m[1] != lim.complaint_resolution_days:
                out.append(f"{key}: complaints closed within {m[1]} days, facts say {lim.complaint_resolution_days}")
        for m in re.finditer(r"投诉后(\d+(?:\.\d+)?(?:小时|分钟))内", text):
            if m[1] != lim.complaint_response.removeprefix("收到投诉后").removesuffix("内"):
                out.append(f"{key}: complaint response {m[1]}, facts say {lim.complaint_response}")
        # 3: who runs the satisfaction survey, and how often
        for s in _sentences(text):
            if "满意度调查" in s and "组织" in s:
                named = [n for n in names if n in s]
                if named and survey.owner not in s:
                    out.append(f"{key}: survey run by {named[0]}, facts say {survey.owner}: {s}")
                said = [p for p in _PERIODS if p in s]
                if said and said[0] != survey.every:
                    out.append(f"{key}: survey {said[0]}, facts say {survey.every}: {s}")
        # 3b: who organises the internal audit (CX-13 and every other mention)
        audit = facts.activities["internal_audit"]
        for s in _sentences(text):
            if "组织内部审核" in s:
                named = [n for n in names + [profile.service_head.name] if n in s]
                if named and audit.owner not in s:
                    out.append(f"{key}: internal audit organised by {named[0]}, facts say {audit.owner}: {s}")
        # 7: one start of the car 三包 periods
        if text.count("购车发票之日起") != text.count(facts.car_warranty_start) or \
                text.count("交付之日起") != text.count(facts.car_warranty_start):
            out.append(f"{key}: a car warranty period starts otherwise than '{facts.car_warranty_start}'")
        # 1: who approves the procedures and forms
        if "批准程序文件" in text and profile.service_head.name != facts.approval.approver:
            out.append(f"{key}: the 管理者代表 is said to approve procedures; the approver is {facts.approval.approver}")
        # 10: who buys spare parts
        for n in names:
            for m in re.finditer(re.escape(n) + r"[^。；，、]{0,8}?(?:负责备件采购|按需求计划采购备件)", text):
                if n != facts.who("procurement"):
                    out.append(f"{key}: {n} buys spare parts, facts say {facts.who('procurement')}")
        # 13: staff figures
        for m in re.finditer(r"售后服务人员(\d+)人", text):
            if int(m[1]) != facts.staff.stated:
                out.append(f"{key}: {m[0]}, facts say {facts.staff.stated}")
    # 2: covers follow the approval table of the document-control procedure
    table = next((b for b in docs["proc-document"].blocks if isinstance(b, Table) and b.caption == "文件编制和审批一览"),
                 None)
    if table is None:
        out.append("proc-document: no 文件编制和审批一览")
    else:
        rows = {cells[0]: cells for cells in map(_cells, table.rows)}
        for key, doc in docs.items():
            m = doc.meta
            want = rows.get(m.number)
            if want is None or want[3:] != [m.drafted_by, m.reviewed_by, m.approved_by]:
                out.append(f"{key}: cover {m.drafted_by}/{m.reviewed_by}/{m.approved_by} against CX-11 {want}")
    # 8: exactly one 主责 per clause over the matrix's tables (none where the company declares the
    # clause not applicable); a matrix split into several tables marks it in one of them
    owners: dict[str, int] = {}
    not_applicable = set()
    for block in docs["matrix"].blocks:
        if isinstance(block, Table) and block.caption.startswith("部门职责分配表"):
            for row in map(_cells, block.rows):
                if re.match(r"5(\.\d+)+", row[0]):
                    owners[row[0]] = owners.get(row[0], 0) + row.count("主责")
                    if any("不适用" in c for c in row[1:3]):
                        not_applicable.add(row[0])
    out += [f"matrix: clause {label} has {count} 主责" for label, count in owners.items()
            if count != (0 if label in not_applicable else 1)]
    if not owners:
        out.append("matrix: no 部门职责分配表")
    # 9: no duty sentence under two departments in one procedure
    for key, doc in docs.items():
        if doc.spec.group != "procedure":
            continue
        heading = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and _cells([b.inlines]) == ["职责"])
        duty_items = next(b for b in doc.blocks[heading:] if isinstance(b, ListBlock)).items
        seen: dict[str, str] = {}
        for item in duty_items:
            para = next((b for b in item if isinstance(b, Paragraph)), None)
            who, _, duties = "".join(i.text for i in para.inlines if isinstance(i, Span)).partition("：")
            for sentence in duties.rstrip("。").split("；"):
                if sentence in seen and seen[sentence] != who:
                    out.append(f"{key}: '{sentence}' is a duty of both {seen[sentence]} and {who}")
                seen[sentence] = who
    # 5/6/12: exceptions, rescue stores and declared promises are stated where the commitments are
    for x in lim.exceptions:
        out += [f"{key}: exception for {x.province} not stated" for key in ("manual", "proc-outlet")
                if x.text not in texts[key]]
    out += [f"manual: rescue store {o.name} not named" for o in profile.outlets if o.id in facts.rescue_outlets
            and o.name not in texts["manual"].split("道路救援由提供救援服务的", 1)[-1]]
    if lim.parts_delivery:
        out += [f"{key}: parts delivery '{lim.parts_delivery}' not stated" for key in ("manual", "proc-parts")
                if lim.parts_delivery not in texts[key]]
    out += [f"outlet-list: service area of {o.name} not stated" for o in profile.outlets
            if o.service_area and o.service_area not in texts["outlet-list"]]
    # 11: forms carry what their procedures record
    call_log = texts["form-call-log"].replace("<br>", "")
    wanted = (("车辆识别代号", "购车日期", "行驶里程") if facts.traits.car else ("购买", "日期") if facts.traits.sells
              else ("设备编号", "合同编号"))
    out += [f"form-call-log: no {w}" for w in wanted if w not in call_log]
    out += [f"form-survey: no item {item}" for item, _ in facts.survey_items if item not in texts["form-survey"]]
    out += [f"proc-callback: survey item {item} not listed" for item, _ in facts.survey_items
            if item not in texts["proc-callback"]]
    return out


def _render(profile: Profile):
    facts = derive_facts(profile, CATALOGUE)
    docs = render_document_set(profile, CATALOGUE, TEMPLATES, formats=(), facts=facts)
    return facts, {d.spec.key: d for d in docs}


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_sets_state_every_fact_the_same_way(path):
    profile = read_profile(path)
    facts, docs = _render(profile)
    assert contradictions(profile, facts, docs) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_clause_has_exactly_one_owner_in_the_facts(path):
    facts = derive_facts(read_profile(path), CATALOGUE)
    assert all((c.owner is None) == (c.clause_id in facts.not_applicable) for c in facts.clauses.values())
    assert all(c.owner.id not in c.supporters for c in facts.clauses.values() if c.owner is not None)


# ----------------------------------------------------------------------------- the test can fail

def test_the_checker_catches_a_contradiction_planted_in_the_text():
    profile = read_profile(next(p for p in EXAMPLES if p.stem == "huaxia-appliance"))
    facts, docs = _render(profile)
    manual = docs["manual"]
    planted = manual.markdown.replace(facts.limits.onsite[0].text,
                                      "预约确认后" + facts.limits.onsite[0].duration + "内上门", 1)
    survey = facts.activities["satisfaction_survey"]
    other = next(p for p in _PERIODS if p != survey.every)
    assert survey.at_least + "组织" in planted
    planted = planted.replace(survey.at_least + "组织", other + "组织", 1)
    planted += f"\n\n由服务体系负责人{profile.service_head.name}组织内部审核。\n"
    bad = dict(docs, manual=type(manual)(manual.spec, manual.meta, planted, manual.blocks, {}, manual.stem))
    found = contradictions(profile, facts, bad)
    assert any("without its start event" in f for f in found)
    assert any(f"survey {other}" in f for f in found)
    assert any("internal audit organised by " + profile.service_head.name in f for f in found)


# ----------------------------------------------------------------------------- mutations

def _mutate(data: dict, ops) -> dict:
    depts = data["departments"]
    for op, a, b in ops:
        i, j = a % len(depts), b % len(depts)
        if op == "rename":
            depts[i]["name"] = depts[i]["name"] + "（新）"
        elif op == "reparent" and depts[i].get("parent") and i != j and not _below(depts, depts[j]["id"], depts[i]["id"]):
            depts[i]["parent"] = depts[j]["id"]
        elif op == "merge" and i != j:  # i takes over j's functions: two carriers of each
            depts[i]["functions"] = list(dict.fromkeys(depts[i]["functions"] + depts[j]["functions"]))
        elif op == "move" and i != j and len(depts[j]["functions"]) > 1:
            moved = depts[j]["functions"].pop()
            depts[i]["functions"] = list(dict.fromkeys(depts[i]["functions"] + [moved]))
        elif op == "limits":
            cm = data["commitments"]
            cm["response_hours"] = (a % 4) + 1
            cm["repair_days"] = (b % 5) + 2
            cm["callback_days"] = (a % 3) + 1
            for k, area in enumerate(cm["onsite"]):
                area["hours"] = (k + 1) * ((b % 3) + 1) * 12
    return data


def _below(depts, node: str, ancestor: str) -> bool:
    """Whether `node` is `ancestor` or lies below it."""
    parent = {d["id"]: d.get("parent") for d in depts}
    while node:
        if node == ancestor:
            return True
        node = parent.get(node)
    return False


_OPS = st.lists(st.tuples(st.sampled_from(["rename", "reparent", "merge", "move", "limits"]),
                          st.integers(0, 50), st.integers(0, 50)), min_size=1, max_size=4)
_BASE = {p.stem: read_profile(p).model_dump(mode="json") for p in EXAMPLES}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(_BASE)), ops=_OPS)
def test_mutated_profiles_stay_consistent(name, ops):
    import copy

    data = _mutate(copy.deepcopy(_BASE[name]), ops)
    profile = Profile.model_validate(data)
    facts, docs = _render(profile)
    assert contradictions(profile, facts, docs) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_section_index_from_heading_lines_equals_the_parsed_one(path):
    from sskit.view.sections import section_index, section_index_of_markdown

    profile = read_profile(path)
    _, docs = _render(profile)
    cited = 0
    for doc in docs.values():
        index = section_index(doc.blocks)
        assert section_index_of_markdown(doc.markdown) == index, doc.spec.key
        cited += len(index)
    assert cited > 25  # the manual's cited sections
