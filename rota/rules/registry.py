"""The ordered list of rules: the solver, checker, breakdown and explainer all use it."""

from __future__ import annotations

from collections.abc import Iterable

from ..solver.data import PRIORITIES, Compiled
from .availability import Availability
from .base import Rule
from .budget import Budget
from .changes import Change, LateChange
from .consent import Consent
from .continuity import Continuity, DistinctWorkers, NonPreferredWorker
from .contract import ContractShortfall, Overtime
from .cost import WageCost
from .coverage import Coverage
from .day_shape import LongSpan, MinPaidDay, NoSplitShift, ShortDay, SplitShift
from .fairness import UnsocialFairness, WeekendFairness
from .frozen import Frozen
from .horizon_limits import (
    MaxSessionsOfKind,
    MaxTotalHours,
    MaxWorkingWeekends,
    MinTotalHours,
)
from .hours import MaxDaysWeek, MaxHoursDay, MaxHoursWeek
from .journeys import MaxJourney, TravelTime
from .linked import LinkedSessions
from .person import Excluded, Gender, Skills
from .preferences import PreferredUnused, UndesiredTime
from .rest import DailyRest, DaySpan, RestBreak, WeeklyRest
from .sequences import (
    ForbiddenKindSequence,
    MaxConsecutiveDays,
    MinConsecutiveDays,
    MinConsecutiveDaysOff,
)
from .travel_cost import TravelMiles, TravelMinutes
from .uncovered import AgreedUncovered, CoverCost, Uncovered
from .windows import Lateness, MaxLateness


def hard_rules() -> list[Rule]:
    """Every hard rule, cheap filters first."""
    return [
        Availability(),
        Skills(),
        Excluded(),
        Gender(),
        MaxJourney(),
        Frozen(),
        Consent(),
        Coverage(),
        LinkedSessions(),
        TravelTime(),
        MaxHoursDay(),
        MaxHoursWeek(),
        MaxDaysWeek(),
        DailyRest(),
        DaySpan(),
        NoSplitShift(),
        MinPaidDay(),
        WeeklyRest(),
        RestBreak(),
        MaxSessionsOfKind(),
        ForbiddenKindSequence(),
        MaxConsecutiveDays(),
        MinConsecutiveDays(),
        MinConsecutiveDaysOff(),
        MaxWorkingWeekends(),
        MaxTotalHours(),
        MinTotalHours(),
        Budget(),
    ]


def soft_rules() -> list[Rule]:
    """Every soft rule, in the order the objective breakdown lists them."""
    return [
        *(Uncovered(p) for p in PRIORITIES),
        CoverCost(),
        AgreedUncovered(),
        SplitShift(),
        ShortDay(),
        LongSpan(),
        TravelMinutes(),
        TravelMiles(),
        Lateness(),
        MaxLateness(),
        ContractShortfall(),
        Overtime(),
        UndesiredTime(),
        PreferredUnused(),
        Continuity(),
        DistinctWorkers(),
        NonPreferredWorker(),
        Change(),
        LateChange(),
        WeekendFairness(),
        UnsocialFairness(),
        WageCost(),
    ]


def all_rules() -> list[Rule]:
    """The registry: hard rules, then soft rules."""
    return [*hard_rules(), *soft_rules()]


def rules_by_id() -> dict[str, Rule]:
    """Every rule by its id (what a :class:`Violation` or a reason names)."""
    return {rule.id: rule for rule in all_rules()}


def impossible_reasons(data: Compiled, rules: Iterable[Rule]) -> list[str]:
    """Every active hard rule's reasons no rota can ever keep it, in registry order."""
    return [
        reason
        for rule in rules
        if rule.hard and rule.active(data)
        for reason in rule.impossible(data)
    ]
