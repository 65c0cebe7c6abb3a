"""Facts stage: Profile -> Facts, the one place where "who / how often / how fast /
from when / under which rule" is decided. Views and templates only read it."""
from sskit.facts.derive import derive_facts
from sskit.facts.model import Activity, AreaLimit, ClauseResponsibility, Decision, Facts, Unit

__all__ = ["Activity", "AreaLimit", "ClauseResponsibility", "Decision", "Facts", "Unit", "derive_facts"]
