"""Bars for a per-worker timeline chart: sessions, journeys and unpaid gaps.

The bars are read off the plan every rule evaluates (:func:`rota.check`), so the
journeys and gaps a chart shows are the ones the travel and split-shift rules price.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from ..check import CheckReport
from ..model import Assignment, Problem
from ..policy import Policy
from ..solver.plan import Plan, WorkerDay
from .kpis import checked
from .wording import duration_text

BarKind = Literal["session", "journey", "gap"]


@dataclass(frozen=True)
class Bar:
    """One bar of a worker's timeline.

    Attributes
    ----------
    worker_id, worker_name
        Whose timeline the bar is on.
    start, end
        When it begins and ends (local time).
    kind
        ``session`` (a session at the times rostered), ``journey`` (travel from
        home, between visits or home, as the plan has it: straight after a
        session, or arriving just in time for the day's first) or ``gap`` (unpaid
        time between arriving at the next place and the next session).
    session_id, user_id, user_name, priority
        The session's, for a session bar; None otherwise.
    label
        What the bar says, e.g. ``S0012 Alan Clark 09:00-10:00``, ``journey 14
        min``, ``journey from home 10 min``, ``unpaid gap 2 h 15 min``.
    """

    worker_id: str
    worker_name: str
    start: dt.datetime
    end: dt.datetime
    kind: BarKind
    session_id: str | None
    user_id: str | None
    user_name: str | None
    priority: str | None
    label: str


def _day_bars(plan: Plan, day: WorkerDay) -> list[Bar]:
    data = plan.data
    time = data.problem.period.to_datetime
    w = data.workers[day.worker]

    def bar(start: int, end: int, kind: BarKind, label: str) -> Bar:
        return Bar(
            w.id, w.name, time(start), time(end), kind, None, None, None, None, label
        )

    bars = []
    first = day.legs[0].minutes
    if first:
        label = f"journey from home {duration_text(first)}"
        bars.append(bar(day.first_start - first, day.first_start, "journey", label))
    gaps = day.gaps()
    for k, slot in enumerate(day.slots):
        session = data.sessions[data.slots[slot].session]
        user = data.users[session.user]
        start, end = day.starts[k], day.ends[k]
        bars.append(
            Bar(
                w.id,
                w.name,
                time(start),
                time(end),
                "session",
                session.id,
                user.id,
                user.name,
                session.priority,
                f"{session.id} {user.name} {time(start):%H:%M}-{time(end):%H:%M}",
            )
        )
        minutes = day.legs[k + 1].minutes
        home = k == len(day.slots) - 1
        if minutes:
            what = "journey home" if home else "journey"
            bars.append(
                bar(end, end + minutes, "journey", f"{what} {duration_text(minutes)}")
            )
        if not home and gaps[k][2] > 0:
            unpaid = gaps[k][2]
            label = f"unpaid gap {duration_text(unpaid)}"
            bars.append(bar(end + minutes, end + minutes + unpaid, "gap", label))
    return bars


def timeline(
    problem: Problem,
    assignments: Sequence[Assignment],
    policy: Policy | None = None,
    *,
    worker_ids: Collection[str] | None = None,
    report: CheckReport | None = None,
) -> list[Bar]:
    """Every worker's sessions, journeys and unpaid gaps as chart bars.

    Parameters
    ----------
    problem
        The week the rota is for.
    assignments
        The rota.
    policy
        Rules and settings (the balanced preset when None).
    worker_ids
        Only these workers (default: everyone with work).
    report
        A :func:`rota.check` report of this rota, to reuse.

    Returns
    -------
    list[Bar]
        Sorted by worker (in the problem's order) then start; journeys of 0
        minutes and gaps of none are left out.
    """
    report = checked(problem, assignments, policy, report=report)
    plan = report.plan
    wanted = None if worker_ids is None else set(worker_ids)
    bars: list[tuple[int, Bar]] = []
    for (w, _), day in plan.days.items():
        if wanted is None or plan.data.workers[w].id in wanted:
            bars += [(w, b) for b in _day_bars(plan, day)]
    bars.sort(key=lambda item: (item[0], item[1].start, item[1].end))
    return [b for _, b in bars]
