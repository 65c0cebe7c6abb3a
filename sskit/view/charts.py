"""Stage 2: the charts of the document set, as plain dicts of the drawing interface.

- `company_org_chart`: 组织机构图 — the top manager, the 管理者代表 and the departments with
  their heads, nested as the profile nests them;
- `service_org_chart`: 售后服务组织机构图 — the service departments, their posts and
  headcounts, and the outlets grouped by province (or by kind when they are in few provinces);
- `service_flow_chart`: 售后服务流程图 — the overall flow from the customer's call to the
  callback and the complaint, one lane per responsible department, with the time limits.

Each returns {"kind", "title", "nodes", "edges", "lanes"}; a template places it with the
`drawing` filter. Pure functions of the view data and the facts: a figure the profile does
not give is left out, never filled in.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Optional

from sskit.facts.rules import SERVICE_FUNCTIONS
from sskit.records import applies
from sskit.standard import load_data

# Above this many departments, the departments sharing a column of the responsibility matrix
# (a declared Department.group, or alike by the facts stage's rule) share one box.
GROUP_ABOVE = 24
# At most this many outlet boxes; the smallest provinces share one 其他地区 box.
OUTLET_BOXES = 12
# Outlets in fewer provinces than this are grouped by kind (直营, 特约 …) instead.
PROVINCES_FOR_GROUPING = 3


def _node(id_: str, text: str, shape: str = "box", *, lane: str = "", detail: str = "",
          records: str = "", level: int = 0) -> dict:
    """A node with only its non-default fields (the drawing filter's JSON stays short)."""
    node = {"id": id_, "text": text, "shape": shape}
    for key, value in (("lane", lane), ("detail", detail), ("records", records), ("level", level)):
        if value:
            node[key] = value
    return node


def _edge(source: str, target: str, label: str = "", style: str = "solid") -> dict:
    edge = {"source": source, "target": target}
    if label:
        edge["label"] = label
    if style != "solid":
        edge["style"] = style
    return edge


def _chart(kind: str, title: str, nodes: list, edges: list, lanes: list | None = None) -> dict:
    return {"kind": kind, "title": title, "nodes": nodes, "edges": edges, "lanes": list(lanes or [])}


def _parents(tree: list[dict]) -> dict[str, str | None]:
    """Department id -> the id of the department above it in the tree (None at the top)."""
    above: dict[str, str | None] = {}
    path: list[str] = []
    for dept in tree:
        del path[dept["depth"]:]
        above[dept["id"]] = path[-1] if path else None
        path.append(dept["id"])
    return above


def _staff(n) -> str:
    return f"{n}人" if n is not None else ""


def _department_text(dept: dict) -> str:
    return f"{dept['name']}\n负责人 {dept['head']}"


# --------------------------------------------------------------------------- 组织机构图

def company_org_chart(tree: list[dict], top_manager: dict, service_head: dict, groups=()) -> dict:
    """The company's 组织机构图. `tree`: the departments in tree order (common.org_tree);
    `service_head`: the 管理者代表 (name, reports_to_id: None for the top manager).

    The 管理者代表 is an appointment, not a department: a dotted line from the one he
    reports to. With more than GROUP_ABOVE departments, the departments the facts stage
    puts in one column of the responsibility matrix (`groups`: (name, member ids), declared
    by Department.group or alike by rule) share one group box where they share a parent."""
    nodes = [_node("top", f"{top_manager['title']}\n{top_manager['name']}")]
    edges = []
    above = _parents(tree)
    group_of: dict[str, str] = {}  # department id -> the group box standing for it
    boxes: dict[str, tuple[str, list[dict]]] = {}  # group box -> (its name, its departments)
    if len(tree) > GROUP_ABOVE:
        by_id = {d["id"]: d for d in tree}
        for name, members in groups:
            by_parent: "OrderedDict[str | None, list[dict]]" = OrderedDict()
            for m in members:
                by_parent.setdefault(above[m], []).append(by_id[m])
            for depts in by_parent.values():
                if len(depts) > 1:
                    box = f"g-{depts[0]['id']}"
                    boxes[box] = (name, depts)
                    group_of.update((d["id"], box) for d in depts)
    reports = service_head.get("reports_to_id")
    nodes.append(_node("rep", f"管理者代表\n{service_head['name']}"))
    edges.append(_edge(group_of.get(reports, f"d-{reports}") if reports in above else "top", "rep", style="dotted"))
    drawn = set()
    for dept in tree:
        node_id = group_of.get(dept["id"], f"d-{dept['id']}")
        if node_id in drawn:
            continue
        drawn.add(node_id)
        parent = above[dept["id"]]
        if node_id in boxes:
            name, members = boxes[node_id]
            staff = [m["staff"] for m in members]
            total = sum(staff) if None not in staff else None
            nodes.append(_node(node_id, f"{name}\n{len(members)}个部门", "group", detail=_staff(total)))
        else:
            nodes.append(_node(node_id, _department_text(dept), detail=_staff(dept["staff"])))
        edges.append(_edge(group_of.get(parent, f"d-{parent}") if parent else "top", node_id))
    return _chart("org", "组织机构图", nodes, edges)


# --------------------------------------------------------------------------- 售后服务组织机构图

def service_posts(facts, headcount: dict) -> list[dict]:
    """The service posts of the 岗位职责说明书 (sskit/standard/posts.yaml) that the company
    has, each with the id of the department it sits in, whether it works at the outlets,
    and the headcount the profile gives ("" when it gives none). A post held beside
    another (兼任) is left out."""
    out = []
    for post in load_data("posts")["posts"]:
        if post.get("concurrent") or not applies(post, facts.traits, facts.categories):
            continue
        count = headcount.get(post["key"])
        out.append({"key": post["key"], "title": post["title"], "department": facts.function_owner[post["function"]].id,
                    "outlet": post.get("place") == "outlet", "headcount": f"{count}人" if count is not None else ""})
    return out


def _subtree(tree: list[dict], root: str) -> set[str]:
    """The department `root` and every department below it."""
    above = _parents(tree)
    found = set()
    for dept in tree:
        d = dept["id"]
        while d is not None and d != root:
            d = above[d]
        if d is not None:
            found.add(dept["id"])
    return found


def outlet_groups(outlets: list[dict]) -> list[dict]:
    """The outlets as at most OUTLET_BOXES boxes: per province, largest first (in the
    profile's order among equals), the rest together in one box; by kind when the
    outlets lie in fewer than PROVINCES_FOR_GROUPING provinces. Each: {text, count}."""
    by_province: "OrderedDict[str, list[dict]]" = OrderedDict()
    for o in outlets:
        by_province.setdefault(o["province"], []).append(o)
    if len(by_province) < PROVINCES_FOR_GROUPING:
        by_kind: "OrderedDict[str, list[dict]]" = OrderedDict()
        for o in outlets:
            by_kind.setdefault(o["kind"], []).append(o)
        return [{"text": f"{kind}网点\n{len(items)}个", "count": len(items)} for kind, items in by_kind.items()]
    ranked = sorted(by_province.items(), key=lambda kv: -len(kv[1]))  # stable: profile order among equals
    shown = ranked if len(ranked) <= OUTLET_BOXES else ranked[:OUTLET_BOXES - 1]
    rest = ranked[len(shown):]
    groups = [{"text": f"{province}\n{len(items)}个", "count": len(items)} for province, items in shown]
    if rest:
        items = [o for _, group in rest for o in group]
        groups.append({"text": f"其他{len(rest)}个省份\n{len(items)}个", "count": len(items)})
    return groups


def service_org_chart(tree: list[dict], service_head: dict, facts, posts: list[dict], outlets: list[dict],
                      technicians: int) -> dict:
    """The 售后服务组织机构图: the 管理者代表 on top; the service departments, nested as in
    the profile (a department outside his own line hangs from him by a dotted line), each
    box listing its staff and its posts; the outlet network under the department that
    manages it, with the posts at the outlets, and its outlets in grouped boxes with counts."""
    # his own line: his department (else the service management's) and everything below it;
    # with the owners of the service functions (the facts stage's rule for service staff)
    line = _subtree(tree, service_head.get("department_id") or facts.function_owner["service_management"].id)
    ids = line | {facts.function_owner[f].id for f in SERVICE_FUNCTIONS}
    above = _parents(tree)
    nodes = [_node("rep", f"管理者代表\n{service_head['name']}")]
    edges = []
    for dept in tree:
        if dept["id"] not in ids:
            continue
        parent = above[dept["id"]]
        while parent is not None and parent not in ids:
            parent = above[parent]
        # the department's posts are listed in its box (a box per post would crowd the page)
        lines = [f"共{dept['staff']}人" if dept["staff"] is not None else ""] + [
            p["title"] + p["headcount"] for p in posts if p["department"] == dept["id"] and not p["outlet"]]
        nodes.append(_node(f"d-{dept['id']}", _department_text(dept), detail="\n".join(x for x in lines if x)))
        if parent is not None:
            edges.append(_edge(f"d-{parent}", f"d-{dept['id']}"))
        else:
            edges.append(_edge("rep", f"d-{dept['id']}", style="solid" if dept["id"] in line else "dotted"))
    manager = facts.function_owner["service_management"].id
    # the posts at the outlets are listed in the network's box, under its technicians
    at_outlets = [p["title"] + p["headcount"] for p in posts if p["outlet"]]
    nodes.append(_node("net", f"服务网点\n共{len(outlets)}个",
                       detail="\n".join([f"持证技术人员{technicians}名", *at_outlets])))
    edges.append(_edge(f"d-{manager}" if manager in ids else "rep", "net"))
    for i, group in enumerate(outlet_groups(outlets)):
        nodes.append(_node(f"o-{i + 1}", group["text"], "group"))
        edges.append(_edge("net", f"o-{i + 1}"))
    return _chart("org", "售后服务组织机构图", nodes, edges)


# --------------------------------------------------------------------------- 售后服务流程图

def _range(limits) -> str:
    """Several areas' limits in one phrase: 受理报修后24小时～72小时内（按区域）."""
    if not limits:
        return ""
    if len(limits) == 1:
        return limits[0].text
    low = min(limits, key=lambda a: a.hours)
    high = max(limits, key=lambda a: a.hours)
    start = low.start if low.start == high.start else ""
    if low.hours == high.hours:
        return f"{start}{low.duration}内"
    return f"{start}{low.duration}～{high.duration}内（按区域）"


class _Flow:
    """Builds a flow chart step by step: lanes in first-appearance order."""

    def __init__(self):
        self.nodes: list[dict] = []
        self.edges: list[dict] = []
        self.lanes: list[str] = []

    def add(self, id_: str, text: str, lane: str, shape: str = "box", detail: str = "") -> None:
        if lane not in self.lanes:
            self.lanes.append(lane)
        self.nodes.append(_node(id_, text, shape, lane=lane, detail=detail))

    def link(self, *chain: str, label: str = "") -> None:
        for source, target in zip(chain, chain[1:]):
            self.edges.append(_edge(source, target, label if source == chain[0] else ""))


def service_flow_chart(facts, client: str = "顾客", returns: Optional[bool] = None) -> dict:
    """The manual's 售后服务流程图: 咨询/报修 → 受理 → 派工 → 上门/送修 (进店, 到达现场) →
    保修或合同范围的判定, 报价确认 → 维修 → 验收签字 → 回访 → 投诉/改进, as the company works and
    as its 维修服务控制程序 (CX-01) lays it out: goods repaired on site or at the outlet, cars at
    the store (with road rescue where promised: fixed on the spot, else towed in), equipment
    under service contracts on site (with emergency rescue where promised). The complaint
    analysis sits with the department the complaint procedure gives it to."""
    t, limits, who = facts.traits, facts.limits, facts.who
    f = _Flow()  # the layout gives each node its own row, in the order they are added
    cs, repair = who("customer_service"), who("repair")
    f.add("start", "咨询/报修", client, "terminator")
    f.add("accept", "受理登记", cs, detail="即时")
    f.link("start", "accept")
    # an emergency (road rescue, people trapped) goes out at once, before any other question
    urgent = (("道路救援", limits.rescue) if t.car and t.rescue
              else ("应急救援", limits.emergency) if not t.sells and t.emergency else None)
    if urgent:
        f.add("urgent", f"需要{urgent[0]}？", cs, "decision")
        f.add("rescue", urgent[0], repair, detail=_range(urgent[1]))
        f.link("accept", "urgent")
        f.link("urgent", "rescue", label="是")
    if t.car and urgent:  # CX-01: fixed on the spot, else towed to the store
        f.add("on_spot", "能否现场排除？", repair, "decision")
        f.add("tow", "拖车进店", repair)
        f.link("rescue", "on_spot")
        f.link("on_spot", "tow", label="不能")
    brand = facts.network is not None and facts.network.all and not t.car and not urgent
    if brand:  # the brands' authorised networks repair every line: the company refers and follows up
        # a seller that takes goods back (CX-18) asks that first: its main work, not a repair
        if returns is None:
            returns = facts.takes_returns
        if returns:
            f.add("returns_q", "退货或换货？", cs, "decision")
            f.add("returns", "验货，退款或换货", cs)
            f.link("accept", "returns_q")
            f.link("returns_q", "returns", label="是")
        f.add("consult", "需要维修？", cs, "decision")
        f.link("returns_q" if returns else "accept", "consult", label="否" if returns else "")
        f.link("consult", "answer", label="否")
        f.add("check", "核实三包、引导送修或代为寄送", cs, detail=limits.response)
        f.add("fix", "授权服务网点维修", "品牌授权服务网点", detail=limits.repair)
        f.add("sign", "跟踪进度、告知结果", cs)
        f.link("consult", "check", label="是")
        f.link("check", "fix", "sign")
        return _flow_tail(f, facts, client, t, urgent)
    # a business customer's equipment is diagnosed remotely first, as CX-01 steps 3-4 (a26-6)
    remote = facts.customers.business_only and t.sells and not t.car
    if remote:
        f.add("diagnose", "远程诊断", facts.owner_unit("clause:5.2.2").name, detail="受理后即时")
        f.add("consult", "能否远程排除？", cs, "decision")
        f.link("accept", "diagnose", "consult")
        f.link("consult", "answer", label="能")
    else:
        f.add("consult", "需要进店维修？" if t.car else "需要上门服务？", cs, "decision")
        f.link("urgent" if urgent else "accept", "consult", label="否" if urgent else "")
        f.link("consult", "answer", label="否")
    # then as CX-01: the warranty (or contract) question, the quote and the customer's yes to
    # it (a refusal ends the job unrepaired), the repair and the customer's signature
    if t.car:
        f.add("dispatch", "预约进店", cs, detail=limits.response)
        f.add("visit", "接车检查", repair, detail="车辆进店时")
        f.add("quote", "诊断报价", repair, detail="接车当日")
        f.add("agree", f"{client}同意维修方案？", repair, "decision")
        f.add("decline", "不修交车", repair)
        f.add("fix", "维修作业", repair, detail=limits.repair)
        f.add("accept_work", "质检试车、交车", repair, detail="完工后")
        f.add("sign", "验车签字", client)
        f.link("consult", "dispatch", label="是")
        f.link("dispatch", "visit", "quote", "agree")
        if urgent:
            f.link("tow", "visit")
    elif t.sells:
        f.add("dispatch", "派工", cs, detail=limits.response)
        f.add("visit", "上门检测", repair, detail=_range(limits.onsite))
        f.add("onsite", "能否现场修复？", repair, "decision")
        # what cannot be repaired on site goes as CX-01 step "不能" has it: a module changed on site and the
        # faulty one sent back (business customers' installed goods), the goods' own route where they are
        # never carried in (部件返修 of machine tools, 返厂重做 of fitted goods), else carried in (a26-6)
        off_site = facts.goods_terms.off_site[0]
        carry = ("部件返修（现场换件）" if t.module_repair
                 else "送修（开具领取收据）" if t.carry_in or not off_site else off_site)
        f.add("carry", carry, repair)
        f.add("scope", "是否在保修期内？", repair, "decision")
        f.add("quote", "报价确认", repair, detail="维修前")
        f.add("agree", f"{client}同意报价？", repair, "decision")
        f.add("decline", "不修交还", repair)
        f.add("fix", "维修", repair, detail=limits.repair)
        f.add("accept_work", "验收交付", repair, detail="维修完成时")
        f.add("sign", "验收签字", client)
        f.link("consult", "dispatch", label="不能" if remote else "是")
        f.link("dispatch", "visit", "onsite")
        f.link("onsite", "scope", label="能")
        f.link("onsite", "carry", label="不能")
        f.link("carry", "scope")
    else:
        arrive = [a for a in limits.onsite + limits.work if a.kind in ("onsite", "repair")]
        f.add("dispatch", "派工", cs, detail=limits.response)
        f.add("visit", "到达现场", repair, detail=_range(arrive))
        f.add("scope", "属于合同或质保范围？", repair, "decision")
        f.add("quote", "报价确认", repair, detail="修理前")
        f.add("agree", f"{client}同意报价？", repair, "decision")
        f.add("decline", "不修处置", repair)
        f.add("fix", "诊断修理", repair, detail=limits.repair)
        f.add("accept_work", "验收", repair, detail="修理完成时")
        f.add("sign", "验收签认", client)
        f.link("consult", "dispatch", label="是")
        f.link("dispatch", "visit", "scope")
        if urgent:
            f.link("rescue", "fix")
    if not t.car:
        f.link("scope", "fix", label="是")
        f.link("scope", "quote", label="否")
        f.link("quote", "agree")
    f.link("agree", "fix", label="同意")
    f.link("agree", "decline", label="不同意")
    f.link("fix", "accept_work", "sign")
    return _flow_tail(f, facts, client, t, urgent, remote)


def _flow_tail(f: "_Flow", facts, client: str, t, urgent, remote: bool = False) -> dict:
    """The 售后服务流程图 from the customer's signature on: 回访, complaint, analysis, archive."""
    limits, who = facts.limits, facts.who
    cs = who("customer_service")
    analysis = facts.activities.get("complaint_analysis")
    f.add("callback", "回访", cs, detail=limits.callback_within)
    f.add("satisfied", f"{client}满意？", cs, "decision")
    f.add("complaint", "投诉处理", who("complaints"), detail=limits.complaint_resolution_within)
    f.add("improve", "分析改进", analysis.owner if analysis else who("complaints"),
          detail=f"{analysis.every}统计分析" if analysis else "")
    if remote:  # fixed by remote guidance: recorded and called back, as a repair (CX-01 step 4)
        f.add("answer", "远程指导排除，记录诊断", facts.owner_unit("clause:5.2.2").name)
    else:
        f.add("answer", "解答咨询、远程指导", who("technical_support"))
    f.add("archive", "归档", cs)
    f.add("end", "结束", cs, "terminator")
    f.link("sign", "callback", "satisfied")
    if any(node["id"] == "returns" for node in f.nodes):
        f.link("returns", "callback")
    if any(node["id"] == "decline" for node in f.nodes):
        f.link("decline", "callback")
    if t.car and urgent:
        f.link("on_spot", "callback", label="能")
    f.link("answer", "callback" if remote else "archive")
    f.link("satisfied", "archive", label="满意")
    f.link("satisfied", "complaint", label="不满意")
    f.link("complaint", "improve", "archive", "end")
    return _chart("flow", "售后服务流程图", f.nodes, f.edges, f.lanes)
