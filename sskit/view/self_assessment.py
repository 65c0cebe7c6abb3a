"""Stage 2 (after the other documents): the 自评报告 as a scored pre-assessment of the documents.

Each leaf indicator of the catalogue gets its points from the scoring scheme
(sskit/standard/scoring.yaml), loses a share for every finding of the readiness check
on it, for every document or record an auditor asks for that the set lacks, and for a
statutory check that could not be completed; it is left out (the score rescaled) only
when it does not apply. The report judges what the set says, not only the profile: the
training plan's programmes as the plan prints them, the procedures' text against the service
promised (mail-in areas, goods sent by courier, another trade's emergencies, the governing
三包 rule), and a not-applicable declaration the set itself contradicts (a remark to resolve).
A finding that repeats per province, outlet or programme is one finding naming them all, and
every finding carries its remedy, the evidence that shows it done and the department that
sees to it (scoring.yaml). The records to accumulate are the set's forms an auditor samples.
The report is read by the certification body: it speaks in business terms (products by name,
what the company will do) and names no profile field, rule code, file or tool.
Its staff figures are counted as an auditor counts them: the 售后服务管理师 share is taken of the
management staff the company names (heads and managers, each once; never a call centre's whole
headcount), and an own outlet's technicians that sit in the department running the outlet are
not added to that department a second time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sskit.facts.management import management_staff, service_departments
from sskit.phrasing import date_text, format_number, join_cn, months_text
from sskit.profile import vocab
from sskit.profile.model import Profile
from sskit.records import absent_titles, checklist_applies
from sskit.standard import ClauseCatalogue, load_data
from sskit.standard.scoring import load_scoring
from sskit.standard.statutory import load_statutory
from sskit.view.common import uncatalogued
from sskit.view.crossref import crossref_view, held_records

SEVERITY_LABELS = {"error": "不符合", "warning": "部分符合", "info": "提示"}
_NOT_APPLICABLE = {"delivery": "本公司不提供配送服务"}
# a finding that names several provinces, outlets or programmes speaks of them in the plural
_PLURAL = (("该地区", "这些地区"), ("该省", "这些省份"), ("该培训项目", "这些培训项目"), ("该项目", "这些项目"),
           ("该网点", "这些网点"))
WARRANTY_CLAUSE = "5.2.5"  # 质量保证: warranties not below the statutory minimums
DELIVERY_CLAUSE = "5.2.3"  # 配送: the record of a delivery is the one the delivery procedure uses
VISIT_RECORD = "上门服务确认单"
MANAGERS_CLAUSE = "5.1.2.2"  # 售后服务管理师: at least 10 % of the service management staff
STAFF_CLAUSE = "5.1.2.1"  # 服务人员: the staff roster is sampled here
STAFF_PATH = "company.service_staff"  # the facts' own remark on the staff total, which the report restates


def _share(profile: Profile, scheme, findings: list) -> float:
    """What the findings on one indicator cost, as a share of its points."""
    share = 0.0
    counted: dict[str, int] = {}
    for e in findings:
        if e["rule"] in scheme.proportional and e["severity"] != "info":
            counted[e["rule"]] = counted.get(e["rule"], 0) + 1
        elif "share" in e:
            share += e["share"]
        elif e["severity"] == "error":
            share += scheme.deductions.error
        elif e["severity"] == "warning":
            share += scheme.deductions.warning
    for rule, n in counted.items():
        items = profile
        for part in scheme.proportional[rule].split("."):
            items = getattr(items, part)
        share += n / max(1, len(items))
    return share


def _named(product) -> str:
    """A product line by its name and what it is: its own label (海岳立式加工中心（数控机床）), else,
    where the name already says that (尚木居整体橱柜, label 整体橱柜), its category's (家具); a line
    of category other by its name alone unless its own label adds to the name."""
    vocabulary = "" if product.category == "other" else vocab.CATEGORIES.get(product.category, {}).get("label", "")
    label = product.label if product.label and product.label not in product.name else vocabulary
    return product.name if not label else f"{product.name}（{label}）"


def contract_warranty(profile: Profile, facts) -> str:
    """The 质量保证 evidence of a company whose customers are all businesses: no 三包 rule governs
    its goods, each line's warranty is the purchase contract's, from the start the lines state."""
    periods = [f"{p.name}{months_text(p.warranty.whole_unit_months)}" for p in profile.products
               if p.warranty and p.warranty.whole_unit_months]
    terms = "、".join(periods) + "，" if periods else ""
    return (f"本公司的客户均为单位客户，不适用国家三包规定：保修按购销合同的质保条款执行（整机保修期：{terms}"
            f"{facts.goods_warranty_start}），依据《民法典》合同编和《产品质量法》")


def unchecked_warranties(profile: Profile) -> list[str]:
    """The products under a 三包 rule whose whole-unit minimum the data lacks, so that their
    warranty could not be held against it: each by its name and, when known, its category."""
    table = load_statutory()
    return [_named(p) for p in profile.products
            if vocab.CATEGORIES[p.category]["sanbao"] and "whole_unit_months" not in table.minimums(p.category)]


def outside_catalogue(profile: Profile) -> list[str]:
    """The products no 三包 rule covers: no statutory minimum to meet, the company's own periods
    apply (a remark, not a finding)."""
    return [_named(p) for p in uncatalogued(profile)]


def _warranty_finding(profile: Profile) -> dict | None:
    named = unchecked_warranties(profile)
    if not named:
        return None
    return {"severity": "warning", "clause_id": WARRANTY_CLAUSE, "share": len(named) / len(profile.products),
            "message": f"{'、'.join(named)}的整机保修期未能与法定最低期限核对：现有的国家三包规定资料中没有该类商品"
                       f"的整机保修期，" + ("本指标的法定要求只核对了其余商品" if len(named) < len(profile.products)
                                          else "本指标的法定要求本次均未能核对"),
            "action": "查明该类商品有无国家或行业规定的最低保修期，有规定的按规定核对并调整保修承诺",
            "evidence": "所依据的规定文本和核对后的《售后服务承诺书》", "owner_ref": "clause:" + WARRANTY_CLAUSE}


def managers_ratio(profile: Profile, facts) -> tuple[str, dict | None]:
    """The 售后服务管理师 share of the service management staff, as the report states it, with
    the finding when it falls short or when the number of certificates is not known."""
    if not profile.people.service_managers and profile.company.certified_service_managers is None:
        return "", {"severity": "warning", "clause_id": MANAGERS_CLAUSE,
                    "message": "未登记持证售后服务管理师的人数，是否达到服务管理人员的10%无法计算",
                    "action": "登记持证售后服务管理师的姓名和证书编号，核算持证比例",
                    "evidence": "售后服务管理师证书复印件和持证人员台账", "owner_ref": "hr"}
    staff = management_staff(profile, facts)
    certified = facts.appointments.certified_count
    share = format_number(round(certified / staff.count * 100, 1))
    ratio = (f"持证售后服务管理师{certified}名，服务管理人员{staff.count}人，占{share}%（要求不少于10%且至少1名）；"
             f"服务管理人员{staff.basis}")
    needed = max(1, -(-staff.count // 10))
    if certified >= needed:
        return ratio, None
    return ratio, {"severity": "warning", "clause_id": MANAGERS_CLAUSE,
                   "message": f"持证售后服务管理师{certified}名，按服务管理人员{staff.count}人的10%且不少于1名计算，"
                              f"应至少{needed}名", **_remedy(load_scoring(), "SS104")}


@dataclass(frozen=True)
class StaffCount:
    """The service staff counted once. Department figures leave out the outlets' people and the
    own outlets' technicians are added (the manual's breakdown); when the company's own total
    says otherwise, an own outlet's technicians that the department running it can hold are
    taken to be in that department's figure, not added to it a second time."""
    departments: tuple[tuple[str, int, tuple], ...]  # (name, staff, ((own outlet, technicians) counted inside))
    whole: int  # the service head's departments and the own outlets' technicians outside them
    whole_names: tuple[str, ...]  # those departments
    partly: tuple[tuple[str, int], ...]  # departments that carry a service function beside other work
    outside: int  # own outlets' technicians not inside a department's figure
    total: int


def staff_once(profile: Profile, facts) -> StaffCount:
    departments = [d for d in service_departments(profile, facts) if d.staff is not None]
    staff = facts.staff
    # the facts decide which own outlets' technicians a department's figure already holds
    inside = dict(staff.held)
    outside = staff.direct_technicians - sum(n for outlets in inside.values() for _, n in outlets)
    tree = staff.tree_ids
    return StaffCount(tuple((d.name, d.staff, tuple(inside.get(d.id, ()))) for d in departments),
                      sum(d.staff for d in departments if d.id in tree) + outside,
                      tuple(d.name for d in departments if d.id in tree),
                      tuple((d.name, d.staff) for d in departments if d.id not in tree),
                      outside, sum(d.staff for d in departments) + outside)


def _staff_finding(profile: Profile, facts) -> dict | None:
    """The company's service-staff total against its departments and own outlets, each person
    counted once: agreeing, no finding; within what the departments that only partly serve
    after-sales can explain, a remark asking for the roster; otherwise a figure to correct."""
    declared, count = facts.staff.declared, staff_once(profile, facts)
    if declared is None or not count.departments or declared == count.total:
        return None
    parts = []
    for name, staff, outlets in count.departments:
        held = join_cn(f"{o}的技术人员{n}人" for o, n in outlets)
        parts.append(f"{name}{staff}人" + (f"（含{held}）" if outlets else ""))
    if count.outside:
        parts.append(f"直营服务网点技术人员{count.outside}人")
    where = "售后服务相关部门和直营服务网点" if count.outside else "售后服务相关部门"
    listed = f"{where}为{join_cn(parts)}，合计{count.total}人（每人只计一次）"
    whole = join_cn([*count.whole_names, *(["直营服务网点技术人员"] if count.outside else [])], "和")
    roster = {"action": f"编制售后服务人员花名册，逐人列明所在部门、岗位和所在网点，核对合计为{declared}人",
              "evidence": "售后服务人员花名册（含直营服务网点人员）", "owner_ref": "hr"}
    if count.partly and count.whole <= declared < count.total:
        partly = join_cn(f"{n}（{k}人）" for n, k in count.partly)
        return {"severity": "info", "clause_id": STAFF_CLAUSE, **roster,
                "message": f"各文件按售后服务人员{declared}人表述；{listed}。其中{whole}{'共' if '和' in whole else ''}"
                           f"{count.whole}人全部从事售后服务，其余{declared - count.whole}人应是{partly}中从事售后服务的人员，"
                           "审核时须以花名册逐人说明"}
    return {"severity": "warning", "clause_id": STAFF_CLAUSE,
            "message": f"各文件按售后服务人员{declared}人表述，而{listed}，两者不一致",
            "action": "核实售后服务人员总数，按核实的人数统一修订《售后服务手册》等文件的表述，并编制逐人列明部门和岗位的花名册",
            "evidence": "售后服务人员花名册和修订后的文件", "owner_ref": "hr"}


def self_assessment_view(profile: Profile, catalogue: ClauseCatalogue, late) -> dict:
    scheme = load_scoring()
    facts = late.facts
    sells = facts.traits.sells
    rows = {r["label"]: r for r in crossref_view(profile, catalogue, late.rendered, facts)["clauses"]}
    by_id = {c.id: c for c in catalogue.clauses}
    by_label = {c.label: c for c in catalogue.clauses}
    built = {s.key for s in late.specs}
    texts = {d.spec.key: d.markdown for d in late.rendered}
    titles = {s.key: s.title for s in late.specs}
    absent = absent_titles(facts)
    forms = {t for s in late.specs if s.group == "form" for t in (s.title, s.title.removesuffix("（范本）"))}
    asked = _asked_records(scheme, facts.traits)
    # the delivery procedure as the set prints it: a business customer signs the 配送单 (goods shipped
    # by freight or delivered to its premises), not the visit form, unless the procedure says so
    delivery = texts.get("proc-delivery", VISIT_RECORD)
    # SS701 only says which documented rule decided an open question: not a finding
    # (and a remark of the profile reader, which has no rule: about the file, not the company)
    # (SS507 already judges the programmes as the plan prints them)
    # (the staff total is restated below, each person counted once)
    findings = [f for f in (late.check.findings if late.check else ())
                if f.rule and f.rule != "SS701" and f.rule not in scheme.restated
                and not (f.rule == "SS702" and f.path == STAFF_PATH)]
    raw = [{"rule": f.rule, "severity": f.severity, "message": _dates(f.message), "path": f.path,
            "clause_id": scheme.leaf(by_label[f.clause].id) if f.clause in by_label else "",
            **_remedy(scheme, f.rule)} for f in findings]
    ratio, ratio_finding = managers_ratio(profile, facts)
    # a business customer's warranty is the contract's: no statutory minimum to hold it against
    statutory = sells and not facts.customers.business_only
    raw += [dict(e, rule="") for e in (_warranty_finding(profile) if statutory else None, ratio_finding,
                                       _staff_finding(profile, facts)) if e]
    raw += [dict(e, rule="") for e in _set_findings(profile, facts, texts, titles)]
    remarks = _applicability_remarks(facts, texts, titles)
    outside = outside_catalogue(profile)
    per_leaf: dict[str, list] = {}
    for e in raw:
        per_leaf.setdefault(e["clause_id"], []).append(e)
    indicators = []
    for weight in scheme.weights:
        clause = by_id.get(weight.clause)
        if clause is None:
            continue  # a corrected catalogue without this indicator
        row = rows.get(clause.label, {})
        shown = catalogue.shown(clause)
        declared = facts.not_applicable.get(weight.clause, "")
        excluded = declared or ("" if weight.applies_if is None or getattr(facts.traits, weight.applies_if)
                                else _NOT_APPLICABLE.get(weight.applies_if, "本公司不涉及该项业务"))
        # an exclusion is the company's declaration (with its reason, as the 条款对照表 and the 部门职责
        # 分配表 print it) or the trait the indicator needs: the report follows it, never contradicts it,
        # but says where the set itself does what the declaration excludes (a remark to resolve)
        mine = per_leaf.setdefault(clause.id, [])
        applies = not excluded
        missing = [d.title for d in scheme.documents if d.clause == clause.id and (d.key is None or d.key not in built)]
        owned = bool(row.get("owners"))
        share = _share(profile, scheme, mine) + scheme.deductions.missing_document * len(missing)
        if not any(e["severity"] == "error" for e in mine):
            share = min(share, scheme.deductions.partial_cap)
        if not owned:
            share = 1.0  # nobody is accountable for it
        deduction = round(min(1.0, share) * weight.points, 1) if applies else 0.0
        worst = {e["severity"] for e in mine}
        verdict = ("不适用" if not applies else "不符合" if "error" in worst or not owned
                   else "部分符合" if "warning" in worst or missing else "待核实" if mine else "符合")
        evidence = [] if declared else list(row.get("evidence", []))
        if clause.id == MANAGERS_CLAUSE and ratio:
            evidence.append(ratio)
        if clause.id == WARRANTY_CLAUSE and sells and facts.customers.business_only:
            evidence.append(contract_warranty(profile, facts))
        elif clause.id == WARRANTY_CLAUSE and sells and outside:
            evidence.append(f"{'、'.join(outside)}不在国家三包规定的商品目录内，无法定最低保修期，"
                            "按本公司承诺的三包期限执行")
        # what the auditor samples: the set's forms the catalogue and the 内审检查表 name for the
        # indicator (records that pile up in operation), never the set's own documents
        held = held_records(clause.id, [*clause.records_for(sells), *asked.get(clause.id, ())], facts, built)
        records = [r for r in held if r in forms and r not in absent] if applies else []
        if clause.id == DELIVERY_CLAUSE and facts.customers.businesses and VISIT_RECORD not in delivery:
            records = [r for r in records if r != VISIT_RECORD]  # the 配送单 is the delivery's record
        indicators.append({
            "id": clause.id, "shown": shown, "title": clause.title, "points": format_number(float(weight.points)),
            "applies": applies, "not_applicable": excluded if not applies else "",
            "evidence": evidence, "records": records,
            "findings": mine if applies else remarks.get(clause.id, []), "missing": missing, "verdict": verdict,
            "deduction": format_number(deduction), "earned": format_number(weight.points - deduction if applies else 0.0),
            "owner": (row.get("owners") or [""])[0] if not declared else "",
            "_documents": [e for e in row.get("evidence", ()) if e.startswith("《")],
            "_points": weight.points, "_deduction": deduction, "_top": clause.id.split(".")[1],
        })
    scored = {i["id"] for i in indicators}
    numbered = _number(profile, indicators, [e for leaf, es in per_leaf.items() if leaf not in scored for e in es], facts)
    applicable = sum(i["_points"] for i in indicators if i["applies"])
    lost = sum(i["_deduction"] for i in indicators)
    score = round((applicable - lost) / applicable * 100, 1) if applicable else 0.0
    records: dict[str, list[str]] = {}
    for i in indicators:
        for record in i["records"]:
            records.setdefault(record, []).append(i["shown"])
    return {
        "standard": catalogue.standard,
        "standard_title": catalogue.title,
        "score": format_number(score),
        "bands": [b.model_dump() for b in catalogue.scoring],
        "applicable_points": format_number(applicable),
        "lost_points": format_number(round(lost, 1)),
        "levels": _levels(indicators, by_id),
        "indicators": indicators,
        "reasons": sorted((i for i in indicators if i["_deduction"] > 0), key=lambda i: -i["_deduction"])[:5],
        "not_applicable": [i for i in indicators if not i["applies"]],
        "questioned": [i for i in indicators if not i["applies"] and i["findings"]],
        "findings": numbered,
        "errors": sum(1 for f in numbered if f["severity"] == "error"),
        "warnings": sum(1 for f in numbered if f["severity"] == "warning"),
        "verdicts": {v: sum(1 for i in indicators if i["verdict"] == v) for v in ("不符合", "部分符合", "待核实", "符合")},
        "missing_documents": list(dict.fromkeys(t for i in indicators if i["applies"] for t in i["missing"])),
        "records": [{"record": r, "clauses": c} for r, c in records.items()],
        "source_note": scheme.source_note,
        "unconfirmed_numbers": any(not catalogue.certain(c) for c in catalogue.clauses),
    }


def _dates(message: str) -> str:
    """A check message's ISO dates as the set prints dates (the 服务网点清单: 2026年5月31日)."""
    return re.sub(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)", lambda m: date_text(m[0]), message)


def _remedy(scheme, rule: str) -> dict:
    remedy = scheme.actions.get(rule)
    return {"action": remedy.action, "evidence": remedy.evidence, "owner_ref": remedy.owner} if remedy else {}


def _asked_records(scheme, traits) -> dict[str, list[str]]:
    """The records the 内审检查表 (audit.yaml) asks to see, per scored indicator: its bare titles
    (a 《document》 is no record) of the entries that apply to this company."""
    asked: dict[str, list[str]] = {}
    for entry in load_data("audit")["checklist"]:
        if not checklist_applies(entry, traits):
            continue
        leaf = asked.setdefault(scheme.leaf(str(entry["clause"])), [])
        leaf += [item for item in entry["evidence"] if not item.startswith("《")]
    return asked


def _item(profile: Profile, path: str, message: str) -> str:
    """What a per-item finding is about, as its message names it: the province, outlet or
    programme at its profile path (company.sales_regions[3], outlets[2].contract.end), with the
    quotation marks around it when the message quotes it; "" when the path names no list item."""
    node = profile
    for name, index in re.findall(r"([A-Za-z_]+)|\[(\d+)\]", path):
        if name:
            node = getattr(node, name, None)
        elif isinstance(node, (list, tuple)) and int(index) < len(node):
            node = node[int(index)]
            break
        else:
            return ""
        if node is None:
            return ""
    else:
        return ""
    names = [node] if isinstance(node, str) else [getattr(node, a, None) for a in ("name", "province", "area")]
    item = next((n for n in names if isinstance(n, str) and n and n in message), "")
    return f"“{item}”" if item and f"“{item}”" in message else item


def _grouped(profile: Profile, findings: list[dict]) -> list[dict]:
    """One finding for a rule that repeats per province, outlet or programme, naming them all
    (29 provinces without an outlet are one problem with one remedy, not 29 rows)."""
    groups: dict[tuple, list[dict]] = {}
    for n, e in enumerate(findings):
        path = e.get("path", "")
        key = ((e["rule"], e["severity"], e["clause_id"], re.sub(r"\[\d+\]", "[]", path))
               if e["rule"] and "[" in path else (n,))
        groups.setdefault(key, []).append(e)
    merged = []
    for same in groups.values():
        if len(same) == 1 or len({e["path"] for e in same}) < len(same):
            merged += same  # one item, or two problems of the same item: each stands alone
            continue
        messages = [e["message"] for e in same]
        items = [_item(profile, e["path"], e["message"]) for e in same]
        templates = {m.replace(i, "\0", 1) for m, i in zip(messages, items) if i}
        if all(items) and len(templates) == 1:
            # quoted names stand side by side without 、 (GB/T 15834: “甲”“乙”)
            message = templates.pop().replace("\0", ("" if items[0].startswith("“") else "、").join(items))
        else:  # the items differ in more than their name (each outlet's own date): one clause each
            tail = _common_tail(messages)
            parts = [m[:len(m) - len(tail)] for m in messages]
            message = ("；" if any("，" in p for p in parts) else "、").join(parts) + tail
        action = same[0].get("action", "")
        for one, many in _PLURAL:
            message, action = message.replace(one, many), action.replace(one, many)
        merged.append(dict(same[0], message=message, **({"action": action} if action else {})))
    return merged


def _common_tail(messages: list[str]) -> str:
    """The end the messages share, from a comma on (never cutting a date or a name)."""
    tail = messages[0]
    for m in messages[1:]:
        while not m.endswith(tail):
            tail = tail[1:]
    at = tail.find("，")
    return tail[at:] if at >= 0 else ""


def _set_findings(profile: Profile, facts, texts: dict[str, str], titles: dict[str, str]) -> list[dict]:
    """What the set itself shows an auditor that no profile check sees: a procedure that does not
    describe the service the commitments promise."""
    found = []
    mail_only = [e for e in facts.limits.exceptions if not e.limits]
    repair = texts.get("proc-repair")
    if mail_only and repair is not None and not any(w in repair for w in ("寄修", "邮寄")):
        title = f"《{titles['proc-repair']}》"
        found.append({
            "severity": "warning", "clause_id": "5.2.4",
            "message": f"{'、'.join(e.province for e in mail_only)}没有服务网点，也没有上门时限，只按远程安排为顾客服务；"
                       f"{title}只规定上门和到店维修的流程，没有寄修商品的受理、收件登记、检测修复、运费和寄回的规定，"
                       "这些地区的维修无程序可依",
            "action": f"在{title}中增加寄修流程（寄修申请受理、收件登记和检测、修复时限、寄回和运费承担、寄修商品的进出登记），"
                      "并在《售后服务承诺书》中写明寄修商品的修复和寄回时限",
            "evidence": f"修订后的{title}和《售后服务承诺书》，寄修商品的收发登记", "owner_ref": "clause:5.2.4"})
    delivery = texts.get("proc-delivery")
    shipped = facts.courier_goods
    if delivery is not None and shipped and "快递" not in delivery:
        title = f"《{titles['proc-delivery']}》"
        found.append({
            "severity": "warning", "clause_id": "5.2.3",
            "message": f"{'、'.join(shipped)}远程销售、无须安装，由快递寄给顾客，而{title}只规定送货上门"
                       "（约定送货时间、当面验收签收），没有快递发货的包装防护、交寄、物流跟踪、签收和运输破损处理的规定",
            "action": f"在{title}中增加快递发货的规定（包装防护、交寄和运单登记、物流跟踪、顾客签收、运输破损和丢失的处理及"
                      "与快递企业的赔偿约定），送货上门的规定只用于实际送货上门的商品",
            "evidence": f"修订后的{title}、与快递企业的服务协议和发货签收记录", "owner_ref": "delivery"})
    if facts.traits.sells and not facts.customers.business_only:  # business customers: no 三包 rule
        found += _statute_findings(profile, texts, titles)
    rescue = texts.get("proc-emergency-rescue")
    if rescue is not None and facts.traits.emergency and not facts.traits.elevator and "被困" in rescue:
        title = f"《{titles['proc-emergency-rescue']}》"
        trades = "、".join(dict.fromkeys(s.trade_label for s in facts.services)) or "本公司服务的"
        found.append({
            "severity": "warning", "clause_id": "5.2.4",
            "message": f"{title}按电梯困人救援编写（询问被困人数、解救被困人员），而本公司的紧急服务是{trades}设备的紧急故障，"
                       "程序没有规定该类设备紧急故障的接警、到场处置和恢复运行",
            "action": f"按{trades}设备的紧急故障重写{title}和应急救援记录的栏目（接警、到场时限、应急处置、恢复运行），"
                      "删除困人救援的表述",
            "evidence": f"修订后的{title}和应急救援记录表样", "owner_ref": "clause:5.2.4"})
    return found


def _statute_findings(profile: Profile, texts: dict[str, str], titles: dict[str, str]) -> list[dict]:
    """A product whose governing 三包 rule the manual or the law list does not name: the set then
    holds its warranty to another rule than the one the auditor checks it against."""
    table = load_statutory()
    unnamed: dict[str, list[str]] = {}
    for product in profile.products:
        key = table.governing_rule(product.category)
        if key is None:
            continue
        rule = table.rules[key]["name"]
        lacking = [f"《{titles[k]}》" for k in ("manual", "law-list") if k in texts and rule not in texts[k]]
        if lacking:
            unnamed.setdefault((rule, table.rules[key]["source"], "".join(lacking)), []).append(_named(product))
    return [{"severity": "warning", "clause_id": WARRANTY_CLAUSE,
             "message": f"{'、'.join(names)}的三包责任适用{rule}（{source}），而{lacking}没有引用该规定，"
                        "三包期限和退换货条件按其他规定表述",
             "action": f"在{lacking}中按{rule}表述该类商品的三包责任、期限和退换货条件，同步核对三包凭证",
             "evidence": f"修订后的{lacking}和三包凭证样张", "owner_ref": "clause:" + WARRANTY_CLAUSE}
            for (rule, source, lacking), names in unnamed.items()]


def _applicability_remarks(facts, texts: dict[str, str], titles: dict[str, str]) -> dict[str, list[dict]]:
    """A clause the company declares not applicable while its own set does what the clause asks
    (old parts taken back and recorded, parts brought to the outlets): a remark the consultant
    resolves with the certification body; the declaration stands until then."""
    remarks: dict[str, list[dict]] = {}
    forms = set(titles.values())

    def remark(clause: str, message: str, keep: str) -> None:
        remarks.setdefault(clause, []).append({
            "rule": "", "severity": "info", "clause_id": clause, "message": message,
            "action": f"与认证机构确认该指标是否适用：适用的，撤回不适用声明，按{keep}接受评价；不适用的，"
                      "在不适用声明中写明上述做法为何不属于该指标",
            "evidence": "认证机构的确认意见和修订后的《条款对照表》", "owner_ref": "service_management"})

    if "5.2.6" in facts.not_applicable and "旧件回收登记表" in forms:
        remark("5.2.6", "本公司声明该指标不适用，但体系文件规定了维修更换旧件的确认、交还或委托处置，并设有旧件回收登记表："
                        "对服务企业，该指标评价的正是旧件的处置", "旧件回收登记表和备件管理的旧件处置规定")
    # (5.2.3 is the delivery of goods to customers: spare parts sent to the company's own outlets
    # are internal logistics and do not contradict a declaration that it does not apply)
    return remarks


def _number(profile: Profile, indicators: list[dict], unscored: list[dict], facts) -> list[dict]:
    """The findings in the order of the indicators (then those on no scored indicator), those
    that repeat per item grouped, numbered for the body and the 整改计划, each with what the
    company will do, what shows it is done and who sees to it. On an indicator that does not
    apply only the remarks on its declaration are kept."""
    numbered = []
    fallback = facts.who("service_management")
    for i in indicators:
        i["findings"] = _grouped(profile, i["findings"])
        for e in i["findings"]:
            e.update(clause=i["shown"], owner=i["owner"] or fallback)
            if not e.get("action"):  # a rule the scheme has no remedy for yet: revise what the indicator cites
                docs = "、".join(i["_documents"]) or "相关文件"
                e.update(action=f"按问题所述修订{docs}，经批准后重新发布", evidence=f"修订后的{docs}")
            numbered.append(e)
    for e in _grouped(profile, unscored):
        e.update(clause="—", owner=fallback)
        if not e.get("action"):
            e.update(action="按问题所述修订相关文件，经批准后重新发布", evidence="修订后的文件和文件更改申请单")
        numbered.append(e)
    for n, e in enumerate(numbered, 1):
        e.update(n=n, label=SEVERITY_LABELS[e["severity"]])
        if e.get("owner_ref"):
            e["owner"] = facts.owner_unit(e["owner_ref"]).name
    return numbered


def _levels(indicators: list[dict], by_id: dict) -> list[dict]:
    levels = []
    for top in ("1", "2", "3"):
        mine = [i for i in indicators if i["_top"] == top and i["applies"]]
        if mine:
            first = by_id.get(f"5.{top}")
            levels.append({"title": f"{first.label} {first.title}" if first else f"5.{top}",
                           "points": format_number(sum(i["_points"] for i in mine)),
                           "lost": format_number(round(sum(i["_deduction"] for i in mine), 1)),
                           "earned": format_number(round(sum(i["_points"] - i["_deduction"] for i in mine), 1))})
    return levels
