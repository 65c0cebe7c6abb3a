"""Stage 2 (facts): who counts as 服务管理人员 (5.1.2.2), the base of the 10 % of certified
售后服务管理师. Decided here once, for the readiness rule SS104 and the 自评报告 alike, from the
names the company gives: the service head and the heads of the service departments, the managers
of its own outlets, its named certified managers, and the 售后服务经理 posts it staffs.
"""
from __future__ import annotations

from dataclasses import dataclass

from sskit.phrasing import join_cn
from sskit.profile.model import Profile
from sskit.records import applies
from sskit.standard import load_data


@dataclass(frozen=True)
class ManagementStaff:
    """The 服务管理人员 of 5.1.2.2 (the base of the 10 % of certified 售后服务管理师): the people
    the company names in a management post, each once. Hotline agents, technicians and clerks
    are service staff, not management staff, whatever department they sit in."""
    heads: tuple[str, ...]  # the service head and the heads of the service departments
    outlet_managers: tuple[str, ...]  # the managers of the company's own (直营) outlets not counted above
    certified: tuple[str, ...]  # named 售后服务管理师 not counted above
    directors: int  # 售后服务经理 by the post's headcount, beyond the heads
    count: int

    @property
    def basis(self) -> str:
        """How the figure was counted, in the report's words."""
        parts = [f"服务体系负责人和售后服务相关部门负责人{len(self.heads)}人"]
        if self.outlet_managers:
            parts.append(f"直营服务网点负责人{len(self.outlet_managers)}人")
        if self.certified:
            parts.append(f"其他持证售后服务管理师{len(self.certified)}人")
        if self.directors:
            parts.append(f"售后服务经理{self.directors}人")
        extra = self.count - len(self.heads) - len(self.outlet_managers) - len(self.certified) - self.directors
        if extra:  # certificates counted without names: held beside a post, at least that many managers
            parts.append(f"未列名的持证售后服务管理师{extra}人")
        return f"按管理岗位计：{join_cn(parts)}，同一人只计一次；客服、维修等一线岗位人员不计入"


def _once(names) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def service_departments(profile: Profile, facts) -> list:
    """The departments the set counts as 售后服务相关部门 (the manual's staff paragraph): the
    service head's tree and the owners of the service functions (facts.staff.service_ids)."""
    return [d for d in profile.departments if d.id in facts.staff.service_ids]


def management_staff(profile: Profile, facts) -> ManagementStaff:
    """Who counts as 服务管理人员, decided from the names the company gives: a department's
    whole headcount (a call centre's agents) is never the base."""
    departments = service_departments(profile, facts)
    heads = _once([profile.service_head.name, *(d.head for d in departments)])
    outlets = _once(o.manager for o in profile.outlets if o.kind == "直营" and o.manager not in heads)
    certified = _once(p.name for p in profile.people.service_managers
                      if p.name not in heads and p.name not in outlets)
    directors = 0
    for post in load_data("posts")["posts"]:
        if (post.get("role") == "service_manager" and not post.get("concurrent")
                and applies(post, facts.traits, facts.categories)):
            stated = profile.people.headcount.get(post["key"], 0)
            # the head of the post's own department, when not the service head, may hold it: never twice
            held = int(facts.function_owner[post["function"]].head != profile.service_head.name)
            directors += max(0, stated - held)
    named = len(heads) + len(outlets) + len(certified) + directors
    certificates = facts.appointments.certified_count if facts.appointments else 0
    return ManagementStaff(heads, outlets, certified, directors, max(named, certificates))
