"""One worker's week, one person's week, and everyone's hours against contract.

Like the other figures of :mod:`rota.reports`, these are read off the plan the rules
evaluate (:func:`rota.check`): journeys, paid hours and charges are the ones the
rules count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..check import CheckReport
from ..io.outputs import Table, Value
from ..model import Assignment, Problem
from ..model.records import Session
from ..policy import Policy
from ..rules.budget import covered_charges
from ..rules.continuity import plan_seen
from ..rules.hours import week_cap
from ..rules.travel_cost import day_travel_minutes
from ..solver.data import Compiled
from ..solver.plan import Plan
from .kpis import checked

HOURS_COLUMNS = (
    "worker_id",
    "name",
    "contracted_hours",
    "max_hours",
    "paid_hours",
    "difference",
    "travel_minutes",
    "days",
)


@dataclass(frozen=True)
class Visit:
    """A session in a worker's week, as the worker needs to see it.

    Attributes
    ----------
    session_id, user_id, user_name
        The session and whose it is.
    start, end
        The times rostered.
    address
        Where to go: the session's address, else (at the person's home) the
        person's, else the place's coordinates as ``55.8995, -4.4393``.
    journey_minutes_before
        The journey to it: from home for the day's first visit, else from the
        visit before.
    priority, kind
        The session's priority and kind (None when it has none).
    co_workers
        Names of the other workers on it (a double-up), in the problem's order.
    """

    session_id: str
    user_id: str
    user_name: str
    start: dt.datetime
    end: dt.datetime
    address: str
    journey_minutes_before: int
    priority: str
    kind: str | None
    co_workers: tuple[str, ...]


@dataclass(frozen=True)
class WorkerWeek:
    """A worker's rota: visits in order, and hours against contract.

    Hours are over the whole horizon: ``contracted_hours`` and ``max_hours`` are
    the weekly figures times the horizon's weeks, and ``max_hours`` includes any
    overtime the worker agreed (the cap the rules hold them to).
    """

    worker_id: str
    name: str
    contracted_hours: float
    max_hours: float
    paid_hours: float
    travel_minutes: int
    visits: list[Visit]
    days_worked: int


@dataclass(frozen=True)
class PersonSession:
    """A session in a person's week and who is coming.

    ``start`` and ``end`` are the times rostered when any worker is on it, else
    the times asked for. ``workers`` are names; empty when nobody is coming. A
    double-up with only one of its two workers lists that one, with ``covered``
    False.
    """

    session_id: str
    start: dt.datetime
    end: dt.datetime
    priority: str
    workers: tuple[str, ...]
    covered: bool


@dataclass(frozen=True)
class PersonWeek:
    """A person's sessions, continuity and cost against budget.

    ``charged`` is in pounds over the horizon, for the covered sessions, as the
    ``budget`` rule charges them (charge rate x hours x workers);
    ``weekly_budget`` is per week (None: no cap).
    """

    user_id: str
    name: str
    sessions: list[PersonSession]
    distinct_workers: int
    max_distinct_workers: int | None
    charged: float
    weekly_budget: float | None


def address_of(problem: Problem, session: Session) -> str:
    """Where a session happens, in words: its address, the person's (when at
    home), else the place's coordinates to 4 decimals."""
    if session.address:
        return session.address
    if session.lat is not None and session.lon is not None:
        # Away from home: the person's home address would send staff astray.
        return f"{session.lat:.4f}, {session.lon:.4f}"
    user = problem.user_by_id[session.user_id]
    return user.address or f"{user.lat:.4f}, {user.lon:.4f}"


def _index(data: Compiled, worker_id: str) -> int:
    w = data.worker_index.get(worker_id)
    if w is None:
        raise ValueError(f"'{worker_id}' is not a worker in this problem")
    return w


def _worker_week(plan: Plan, w: int) -> WorkerWeek:
    data = plan.data
    problem = data.problem
    time = problem.period.to_datetime
    record = problem.workers[w]
    weeks = len(data.weeks)
    visits = []
    days = plan.worker_days(w)
    for day in days:
        for k, slot in enumerate(day.slots):
            s = data.sessions[data.slots[slot].session]
            session = problem.session_by_id[s.id]
            others = sorted(x for x in plan.by_slot[slot] if x != w)
            visits.append(
                Visit(
                    session_id=s.id,
                    user_id=session.user_id,
                    user_name=data.users[s.user].name,
                    start=time(day.starts[k]),
                    end=time(day.ends[k]),
                    address=address_of(problem, session),
                    journey_minutes_before=day.legs[k].minutes,
                    priority=s.priority,
                    kind=s.kind,
                    co_workers=tuple(data.workers[x].name for x in others),
                )
            )
    return WorkerWeek(
        worker_id=record.worker_id,
        name=record.name,
        contracted_hours=record.contracted_hours * weeks,
        max_hours=week_cap(data, w) * weeks / 60,
        paid_hours=sum(plan.paid_minutes(d) for d in days) / 60,
        travel_minutes=sum(day_travel_minutes(d) for d in days),
        visits=visits,
        days_worked=len(days),
    )


def worker_week(
    problem: Problem,
    assignments: Sequence[Assignment],
    worker_id: str,
    policy: Policy | None = None,
    *,
    report: CheckReport | None = None,
) -> WorkerWeek:
    """One worker's rota: where and when, the journeys, hours against contract.

    Parameters
    ----------
    problem
        The week the rota is for.
    assignments
        The rota.
    worker_id
        The worker.
    policy
        Rules and settings (the balanced preset when None).
    report
        A :func:`rota.check` report of this rota, to reuse.

    Raises
    ------
    ValueError
        For a worker not in the problem.
    """
    report = checked(problem, assignments, policy, report=report)
    return _worker_week(report.plan, _index(report.data, worker_id))


def person_week(
    problem: Problem,
    assignments: Sequence[Assignment],
    user_id: str,
    policy: Policy | None = None,
    *,
    report: CheckReport | None = None,
) -> PersonWeek:
    """One person's sessions, who is coming, continuity and cost against budget.

    Parameters
    ----------
    problem
        The week the rota is for.
    assignments
        The rota.
    user_id
        The person.
    policy
        Rules and settings (the balanced preset when None).
    report
        A :func:`rota.check` report of this rota, to reuse.

    Raises
    ------
    ValueError
        For a person not in the problem.
    """
    report = checked(problem, assignments, policy, report=report)
    plan, data = report.plan, report.data
    u = data.user_index.get(user_id)
    if u is None:
        raise ValueError(f"'{user_id}' is not a person in this problem")
    time = problem.period.to_datetime
    sessions = []
    for s in sorted((x for x in data.sessions if x.user == u), key=lambda x: x.start):
        used = plan.session_workers(s.index)
        start, end = s.start, s.end
        if used:
            slot = min(used, key=lambda k: data.slots[k].start)
            start, end = data.slots[slot].start, data.slots[slot].end
        names = tuple(
            data.workers[w].name
            for w in sorted({w for ws in used.values() for w in ws})
        )
        sessions.append(
            PersonSession(
                s.id, time(start), time(end), s.priority, names, plan.covered(s.index)
            )
        )
    record = problem.users[u]
    charged = sum(p for (user, _), p in covered_charges(plan).items() if user == u)
    return PersonWeek(
        user_id=record.user_id,
        name=record.name,
        sessions=sessions,
        distinct_workers=len(plan_seen(plan).get(u, ())),
        max_distinct_workers=record.max_distinct_workers,
        charged=charged / 100,
        weekly_budget=record.weekly_budget,
    )


def hours_table(
    problem: Problem,
    assignments: Sequence[Assignment],
    policy: Policy | None = None,
    *,
    report: CheckReport | None = None,
) -> Table:
    """Every worker's hours against contract, one row each in the problem's order.

    Parameters
    ----------
    problem, assignments, policy, report
        As for :func:`worker_week`.

    Returns
    -------
    Table
        Columns ``worker_id, name, contracted_hours, max_hours, paid_hours,
        difference, travel_minutes, days``: hours over the horizon as in
        :class:`WorkerWeek`, rounded to 2 decimals; ``difference`` is paid minus
        contracted (negative: hours short of the contract); ``days`` the days
        worked.
    """
    report = checked(problem, assignments, policy, report=report)
    rows: list[list[Value]] = []
    for w in range(len(report.data.workers)):
        week = _worker_week(report.plan, w)
        rows.append(
            [
                week.worker_id,
                week.name,
                round(week.contracted_hours, 2),
                round(week.max_hours, 2),
                round(week.paid_hours, 2),
                round(week.paid_hours - week.contracted_hours, 2),
                week.travel_minutes,
                week.days_worked,
            ]
        )
    return list(HOURS_COLUMNS), rows
