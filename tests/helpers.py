"""Tiny hand-made weeks for the engine's tests.

Every week starts on Monday 30 November 2026 (day 0) and lasts seven days. Everyone
lives at the same spot unless a test says otherwise, so journeys take 0 minutes
except where :func:`journey` lists them. Penalties are in the objective's unit,
1/60 point (``SCALE``): a weight "per hour" times minutes, or a weight "per event"
times 60.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import rota
from rota.check import CheckReport
from rota.engine import Result
from rota.model import (
    Agreement,
    Assignment,
    AvailabilityWindow,
    Horizon,
    Problem,
    PublishedAssignment,
    ServiceUser,
    Session,
    TravelEntry,
    Worker,
)
from rota.policy import Limits, Policy, Weights

MONDAY = dt.date(2026, 11, 30)
HOME = (55.86, -4.25)
NO_WEIGHTS = {name: 0 for name in Weights.model_fields}


def hhmm(clock: str) -> dt.time:
    """'09:30' as a time."""
    hours, minutes = clock.split(":")
    return dt.time(int(hours), int(minutes))


def day(n: int) -> dt.date:
    """The date ``n`` days after the Monday."""
    return MONDAY + dt.timedelta(days=n)


def at(n: int, clock: str) -> dt.datetime:
    """Day ``n`` at ``clock``."""
    return dt.datetime.combine(day(n), hhmm(clock))


def worker(worker_id: str, **fields: Any) -> Worker:
    """A worker at HOME, 0 contracted hours, 48 at most, £10 an hour."""
    values: dict[str, Any] = {
        "name": worker_id.upper(),
        "contracted_hours": 0,
        "max_hours": 48,
        "hourly_rate": 10.0,
        "home_lat": HOME[0],
        "home_lon": HOME[1],
    }
    return Worker(worker_id=worker_id, **(values | fields))


def person(user_id: str, **fields: Any) -> ServiceUser:
    """A person living at HOME."""
    values: dict[str, Any] = {"name": user_id.upper(), "lat": HOME[0], "lon": HOME[1]}
    return ServiceUser(user_id=user_id, **(values | fields))


def session(
    session_id: str, user_id: str, n: int, start: str, end: str, **fields: Any
) -> Session:
    """A session on day ``n`` from ``start`` to ``end`` (next day when not after)."""
    return Session(
        session_id=session_id,
        user_id=user_id,
        date=day(n),
        start=hhmm(start),
        end=hhmm(end),
        **fields,
    )


def window(
    worker_id: str,
    n: int,
    start: str,
    end: str,
    kind: str = "available",
    weight: float | None = None,
) -> AvailabilityWindow:
    """An availability row for day ``n``."""
    return AvailabilityWindow(
        worker_id=worker_id,
        date=day(n),
        start=hhmm(start),
        end=hhmm(end),
        kind=kind,
        weight=weight,
    )


def journey(
    a: str, b: str, minutes: int, miles: float | None = None
) -> list[TravelEntry]:
    """A known journey between two places, both ways."""
    return [
        TravelEntry(from_id=a, to_id=b, minutes=minutes, miles=miles),
        TravelEntry(from_id=b, to_id=a, minutes=minutes, miles=miles),
    ]


def published(*pairs: tuple[str, str]) -> tuple[PublishedAssignment, ...]:
    """Published (session_id, worker_id) lines."""
    return tuple(PublishedAssignment(session_id=s, worker_id=w) for s, w in pairs)


def agreement(agreement_id: str, party_id: str, kind: str, **fields: Any) -> Agreement:
    """A 'yes' answer unless ``answer`` says otherwise."""
    values: dict[str, Any] = {"answer": "yes"}
    for name in ("start", "end"):
        if isinstance(fields.get(name), str):
            fields[name] = hhmm(fields[name])
    if isinstance(fields.get("date"), int):
        fields["date"] = day(fields["date"])
    return Agreement(
        agreement_id=agreement_id,
        party_id=party_id,
        kind=kind,
        **(values | fields),
    )


def week(
    workers: Sequence[Worker],
    users: Sequence[ServiceUser],
    sessions: Sequence[Session],
    *,
    availability: Iterable[AvailabilityWindow] = (),
    travel: Iterable[TravelEntry] = (),
    published: Iterable[PublishedAssignment] = (),
    agreements: Iterable[Agreement] = (),
    days: int = 7,
) -> Problem:
    """A problem for the week from MONDAY."""
    return Problem(
        workers=tuple(workers),
        users=tuple(users),
        sessions=tuple(sessions),
        availability=tuple(availability),
        travel=tuple(travel),
        published=tuple(published),
        agreements=tuple(agreements),
        horizon=Horizon(start=MONDAY, days=days),
    )


def only(limits: dict[str, Any] | None = None, **weights: int) -> Policy:
    """A policy whose weights are all 0 except those given (hard rules stay on)."""
    return Policy(
        name="test",
        limits=Limits(**(limits or {})),
        weights=Weights(**(NO_WEIGHTS | weights)),
    )


COVER = {"uncovered_essential": 1000, "uncovered_standard": 300}
"""The default weights of leaving an essential or standard session uncovered."""


def covering(limits: dict[str, Any] | None = None, **weights: int) -> Policy:
    """``only`` with the default uncovered weights switched on as well."""
    return only(limits, **(COVER | {"uncovered_flexible": 100} | weights))


def solve(problem: Problem, policy: Policy, **options: Any) -> Result:
    """The tests' standard solve (5 s, seed 0, one search worker), proven optimal,
    with no hard rule broken and the objective equal to the rules' own evaluation."""
    settings: dict[str, Any] = {"time_limit": 5, "seed": 0, "workers": 1}
    result = rota.solve(problem, policy, **(settings | options))
    assert result.status == "OPTIMAL", result.status
    assert not result.violations, result.violations
    assert result.objective_raw == sum(e.penalty for e in result.evaluations)
    return result


def assign(session_id: str, worker_id: str, n: int, start: str, end: str) -> Assignment:
    """A hand-written assignment on day ``n`` (end on the next day when not after)."""
    begin = at(n, start)
    finish = at(n, end)
    if finish <= begin:
        finish += dt.timedelta(days=1)
    return Assignment(
        session_id=session_id, worker_id=worker_id, start=begin, end=finish
    )


def rostered(result: Result | CheckReport) -> set[tuple[str, str]]:
    """(session_id, worker_id) pairs of a rota."""
    data = result.data
    return {
        (data.sessions[data.slots[k].session].id, data.workers[w].id)
        for w, k in result.plan.pairs
    }


def penalty(result: Result | CheckReport, rule_id: str) -> int:
    """A soft rule's penalty in 1/60 points (0 when the rule is switched off)."""
    return sum(e.penalty for e in result.evaluations if e.rule == rule_id)


def broken(report: Result | CheckReport) -> set[str]:
    """Ids of the rules a rota breaks."""
    return {v.rule for v in report.violations}


def check(problem: Problem, policy: Policy, *assignments: Assignment) -> CheckReport:
    """``rota.check`` of hand-written assignments."""
    return rota.check(problem, list(assignments), policy)
