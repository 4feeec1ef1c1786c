"""Key figures of one rota, computed by the rules' own evaluation of it.

Every figure comes from :func:`rota.check` (the plan every rule evaluates) and from
the very functions the rules use, never from the solver, so a rota made by hand, by
another tool or by an older version is measured exactly as the objective prices it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from ..check import CheckReport, check
from ..model import Assignment, Problem
from ..policy import Policy
from ..rules.budget import covered_charges
from ..rules.changes import changed
from ..rules.continuity import plan_seen
from ..rules.contract import over_contract_minutes, shortfall_minutes
from ..rules.cost import pay_items
from ..rules.day_shape import short_minutes, split_gaps
from ..rules.fairness import unsocial_minutes, weekend_minutes, worker_loads
from ..rules.travel_cost import day_travel_minutes
from ..solver.plan import Plan, WorkerDay


@dataclass(frozen=True)
class Kpis:
    """Figures about one rota over its whole horizon.

    Attributes
    ----------
    sessions, covered
        Sessions asked for, and those covered by exactly the workers they need.
    coverage
        ``covered / sessions`` (1.0 when there are no sessions).
    uncovered_hours, essential_uncovered_hours
        Hours of the sessions left uncovered (each session's length once, as the
        ``uncovered_*`` rules price it), all and ``essential`` ones only.
    contracted_hours
        The team's contracted hours over the horizon: each worker's weekly hours
        times the horizon's weeks (a part week counts whole, as the
        ``contract_shortfall`` rule counts it).
    paid_hours
        The team's paid hours: minutes that count towards hours, as the policy
        says (sessions, and travel when it counts).
    contract_shortfall_hours, hours_over_contract
        Sum over workers and weeks of the hours short of the contract and above
        it, as ``contract_shortfall`` and ``overtime`` count them.
    split_shifts
        Unpaid gaps at or over the policy's ``split_gap_minutes``, counted as the
        ``split_shift`` rule counts them (one per such gap).
    short_days
        Working days with fewer paid minutes than the policy's minimum (the days
        the ``short_day`` rule prices).
    gaps_2h, days_under_3h
        The same two figures by one yardstick for every policy, so policies can be
        compared: unpaid gaps of 2 hours or more between visits, and working days
        of under 3 hours of visits and journeys between them (paid or not).
    fragmentation
        Paid minutes inside the working days' spans (sessions, and journeys between
        visits when travel counts in hours) over the spans' minutes (first start to
        last end): 1.0 means no unpaid time in the day; 1.0 when nobody works.
    travel_minutes
        Every journey's minutes, from home, between visits and home (as
        ``travel_minutes`` counts them).
    changes, short_notice_changes
        Workers added to or taken off sessions against the published rota, after
        the notice period and inside it (rules ``change`` and ``late_change``); 0
        without a published rota.
    wage_cost
        Pounds, as ``wage_cost`` prices wages: session pay with the unsocial
        premium, and travel between visits when the policy pays it.
    people_over_budget
        People whose covered sessions charge more than their weekly budget in some
        week (rule ``budget``).
    weekend_minutes_max, weekend_minutes_min, unsocial_minutes_max, unsocial_minutes_min
        The most and fewest weekend (Saturday, Sunday) and unsocial minutes of one
        worker, over the workers who work at all (as the fairness rules compare
        them); unsocial is before the policy's ``unsocial_before`` or after its
        ``unsocial_after`` (07:00 and 20:00 by default). 0 when nobody works.
    distinct_workers_per_person
        Mean over the people with a covered session of the different workers on
        their sessions (as ``continuity`` counts them); 0.0 when nobody is covered.
    asks
        The asks a caller made for the rota (filled by callers that have them).
    """

    sessions: int
    covered: int
    coverage: float
    uncovered_hours: float
    essential_uncovered_hours: float
    contracted_hours: float
    paid_hours: float
    contract_shortfall_hours: float
    hours_over_contract: float
    split_shifts: int
    short_days: int
    gaps_2h: int
    days_under_3h: int
    fragmentation: float
    travel_minutes: int
    changes: int
    short_notice_changes: int
    wage_cost: float
    people_over_budget: int
    weekend_minutes_max: int
    weekend_minutes_min: int
    unsocial_minutes_max: int
    unsocial_minutes_min: int
    distinct_workers_per_person: float
    asks: int = 0


def checked(
    problem: Problem,
    assignments: Sequence[Assignment],
    policy: Policy | None = None,
    *,
    now: dt.datetime | None = None,
    report: CheckReport | None = None,
) -> CheckReport:
    """``report`` when given, else :func:`rota.check` of the rota (run once)."""
    if report is not None:
        return report
    return check(problem, assignments, policy, now=now)


def paid_in_span(plan: Plan, day: WorkerDay) -> int:
    """Paid minutes between a day's first start and last end (journeys from and
    to home fall outside it)."""
    commute = (
        day.commute_travel if plan.data.policy.limits.commute_counts_in_hours else 0
    )
    return plan.paid_minutes(day) - commute


def kpis(
    problem: Problem,
    assignments: Sequence[Assignment],
    policy: Policy | None = None,
    *,
    now: dt.datetime | None = None,
    report: CheckReport | None = None,
) -> Kpis:
    """The key figures of a rota, as the rules evaluate it.

    Parameters
    ----------
    problem
        The week the rota is for.
    assignments
        The rota: who is on which session, at what times.
    policy
        Rules and settings (the balanced preset when None).
    now
        The moment changes are told, for short notice (default: the horizon start).
    report
        A :func:`rota.check` report of this rota, to reuse; ``policy`` and ``now``
        are then ignored.

    Returns
    -------
    Kpis
        The figures; ``asks`` is 0.
    """
    report = checked(problem, assignments, policy, now=now, report=report)
    plan, data = report.plan, report.data
    covered = [s.index for s in data.sessions if plan.covered(s.index)]
    uncovered = [s for s in data.sessions if not plan.covered(s.index)]
    days = list(plan.days.values())
    weeks = range(len(data.weeks))
    workers = range(len(data.workers))
    paid = sum(plan.paid_minutes(d) for d in days)
    span = sum(d.last_end - d.first_start for d in days)
    weekend = worker_loads(plan, weekend_minutes).values()
    unsocial = worker_loads(plan, unsocial_minutes).values()
    over_budget = {
        u
        for (u, _), charged in covered_charges(plan).items()
        if (budget := data.users[u].budget_pence) is not None and charged > budget
    }
    seen = plan_seen(plan)
    people = {data.sessions[s].user for s in covered}
    return Kpis(
        sessions=len(data.sessions),
        covered=len(covered),
        coverage=len(covered) / len(data.sessions) if data.sessions else 1.0,
        uncovered_hours=sum(s.duration for s in uncovered) / 60,
        essential_uncovered_hours=sum(
            s.duration for s in uncovered if s.priority == "essential"
        )
        / 60,
        contracted_hours=sum(w.contracted_week for w in data.workers) * len(weeks) / 60,
        paid_hours=paid / 60,
        contract_shortfall_hours=sum(
            shortfall_minutes(plan, w, k) for w in workers for k in weeks
        )
        / 60,
        hours_over_contract=sum(
            over_contract_minutes(plan, w, k) for w in workers for k in weeks
        )
        / 60,
        split_shifts=sum(len(split_gaps(plan, d)) for d in days),
        short_days=sum(1 for d in days if short_minutes(plan, d) > 0),
        gaps_2h=sum(1 for d in days for *_, unpaid in d.gaps() if unpaid >= 2 * 60),
        days_under_3h=sum(
            1 for d in days if d.session_minutes + d.between_travel < 3 * 60
        ),
        fragmentation=sum(paid_in_span(plan, d) for d in days) / span if span else 1.0,
        travel_minutes=sum(day_travel_minutes(d) for d in days),
        changes=len(changed(plan, late=False)),
        short_notice_changes=len(changed(plan, late=True)),
        wage_cost=sum(sum(pay_items(plan, w)) for w in plan.by_worker) / 100,
        people_over_budget=len(over_budget),
        weekend_minutes_max=max(weekend, default=0),
        weekend_minutes_min=min(weekend, default=0),
        unsocial_minutes_max=max(unsocial, default=0),
        unsocial_minutes_min=min(unsocial, default=0),
        distinct_workers_per_person=(
            sum(len(seen[u]) for u in people) / len(people) if people else 0.0
        ),
    )


_DECIMALS = {"coverage": 4, "fragmentation": 4, "distinct_workers_per_person": 2}


def kpis_row(k: Kpis) -> dict[str, float | int]:
    """The figures as one flat row for a kpis.csv, keys as the fields are named.

    Hours and pounds are rounded to 2 decimals, shares to 4; counts and minutes
    stay whole.
    """
    row: dict[str, float | int] = {}
    for key, value in asdict(k).items():
        row[key] = (
            round(value, _DECIMALS.get(key, 2)) if isinstance(value, float) else value
        )
    return row
