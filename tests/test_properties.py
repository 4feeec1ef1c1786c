"""Properties of the engine on generated weeks (hypothesis).

On any small week and any policy: the emitted rota breaks no hard rule by the
independent checker; the solver's objective equals the sum of the rules' own
evaluation, rule by rule; a proven optimum equals its bound and no valid rota found
by changing it is cheaper.
"""

from __future__ import annotations

import datetime as dt
import math
from itertools import combinations
from typing import Any

import pytest
from helpers import MONDAY, at, day, week
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rota
from rota.engine import Result
from rota.model import (
    Agreement,
    Assignment,
    AvailabilityWindow,
    Problem,
    PublishedAssignment,
    ServiceUser,
    Session,
    TravelEntry,
    Worker,
)
from rota.model.travel import haversine_km
from rota.policy import Limits, Policy, Weights

PROPERTY = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SKILLS = ("medication", "hoist")
GENDERS = ("female", "male", None)
CENTRE = (55.86, -4.25)


def _clock(minutes: int) -> dt.time:
    minutes %= 24 * 60
    return dt.time(minutes // 60, minutes % 60)


@st.composite
def places(draw: st.DrawFn) -> tuple[float, float]:
    """A spot within about 2 km of the centre."""
    north = draw(st.integers(-15, 15)) / 1000
    east = draw(st.integers(-25, 25)) / 1000
    return CENTRE[0] + north, CENTRE[1] + east


@st.composite
def workers(draw: st.DrawFn, count: int) -> list[Worker]:
    """Workers with random contracts, caps, skills, gender and transport."""
    out = []
    for i in range(count):
        contracted = draw(st.sampled_from([0, 4, 8, 16]))
        lat, lon = draw(places())
        out.append(
            Worker(
                worker_id=f"w{i}",
                name=f"Worker {i}",
                contracted_hours=contracted,
                max_hours=contracted + draw(st.sampled_from([0, 4, 12, 30])),
                max_hours_per_day=draw(st.sampled_from([None, None, 5, 8])),
                max_days_per_week=draw(st.sampled_from([None, None, 2, 4])),
                hourly_rate=draw(st.sampled_from([10.5, 12.0, 14.25])),
                skills=tuple(s for s in SKILLS if draw(st.booleans())),
                home_lat=lat,
                home_lon=lon,
                transport=draw(
                    st.sampled_from(["car", "car", "car", "walk", "public"])
                ),
                max_travel_minutes=draw(st.sampled_from([None, None, None, 15, 60])),
                gender=draw(st.sampled_from(GENDERS)),
                **_present(
                    Worker,
                    max_sessions_of_kind=draw(
                        st.sampled_from(
                            [None, None, None, ("sleep_in=1",), ("late=0",)]
                        )
                    ),
                    max_consecutive_days=draw(st.sampled_from([None, None, None, 1])),
                    max_total_hours=draw(st.sampled_from([None, None, None, 3.0])),
                ),
            )
        )
    return out


@st.composite
def windows(
    draw: st.DrawFn, staff: list[Worker], days: list[int]
) -> list[AvailabilityWindow]:
    """Some workers state their hours (most days, long windows); some mark
    preferred, undesired or unavailable time."""
    out = []

    def add(worker_id: str, n: int, start: int, length: int, kind: str) -> None:
        out.append(
            AvailabilityWindow(
                worker_id=worker_id,
                date=day(n),
                start=_clock(start),
                end=_clock(start + length),
                kind=kind,
                weight=draw(st.sampled_from([None, 0.5, 2.0])),
            )
        )

    for w in staff:
        stated = draw(st.booleans())
        for n in days:
            if stated and draw(st.integers(0, 3)) > 0:
                start = draw(st.integers(6 * 4, 12 * 4)) * 15
                add(
                    w.worker_id,
                    n,
                    start,
                    draw(st.sampled_from([480, 720, 900])),
                    "available",
                )
            if draw(st.integers(0, 4)) == 0:
                # A preferred or undesired window makes a worker's hours stated (she
                # is then limited to her windows): only workers who state them get one.
                kinds = ["preferred", "undesired", "unavailable"] if stated else []
                kind = draw(st.sampled_from(kinds or ["unavailable"]))
                start = draw(st.integers(6 * 4, 20 * 4)) * 15
                add(w.worker_id, n, start, draw(st.sampled_from([60, 180, 480])), kind)
    return out


@st.composite
def people(draw: st.DrawFn, count: int, staff: list[Worker]) -> list[ServiceUser]:
    """People with budgets, preferred and excluded workers, gender wishes."""
    ids = [w.worker_id for w in staff]
    out = []
    for i in range(count):
        lat, lon = draw(places())
        chosen = draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))
        excluded = draw(st.sampled_from([[], [], [], [draw(st.sampled_from(ids))]]))
        out.append(
            ServiceUser(
                user_id=f"u{i}",
                name=f"Person {i}",
                lat=lat,
                lon=lon,
                weekly_budget=draw(st.sampled_from([None, None, 60.0, 200.0])),
                charge_rate=draw(st.sampled_from([None, 20.0])),
                preferred_workers=tuple(w for w in chosen if w not in excluded),
                excluded_workers=tuple(excluded),
                gender_preference=draw(st.sampled_from([None, None, None, "female"])),
                max_distinct_workers=draw(st.sampled_from([None, 1, 2])),
            )
        )
    return out


@st.composite
def sessions(
    draw: st.DrawFn, count: int, users: list[ServiceUser], days: list[int]
) -> list[Session]:
    """Visits, double-ups, flexible starts, nights and visits away from home."""
    out = []
    for i in range(count):
        night = draw(st.integers(0, 9)) == 0
        if night:
            start, end = 22 * 60, 7 * 60
        else:
            start = draw(st.integers(6 * 4, 21 * 4)) * 15
            end = start + draw(st.sampled_from([30, 45, 60, 90, 120, 240]))
        away = draw(st.integers(0, 5)) == 0
        lat, lon = draw(places()) if away else (None, None)
        out.append(
            Session(
                session_id=f"s{i}",
                user_id=draw(st.sampled_from(users)).user_id,
                date=day(draw(st.sampled_from(days))),
                start=_clock(start),
                end=_clock(end),
                staff_required=draw(st.sampled_from([1, 1, 1, 2])),
                skills_required=tuple(
                    s for s in SKILLS if draw(st.integers(0, 5)) == 0
                ),
                priority=draw(st.sampled_from(["essential", "standard", "flexible"])),
                flex_minutes=0 if night else draw(st.sampled_from([0, 0, 15, 30])),
                lat=lat,
                lon=lon,
                kind=_kind(start, night),
                **_present(
                    Session,
                    uncovered_weight=draw(
                        st.sampled_from([None, None, None, 0.0, 40.0])
                    ),
                    cover_weight=draw(st.sampled_from([None, None, None, 1.0])),
                ),
            )
        )
    return out


def _kind(start: int, night: bool) -> str | None:
    if night:
        return "sleep_in"
    if start < 8 * 60:
        return "early"
    return "late" if start >= 18 * 60 else None


def _present(model: type, **fields: Any) -> dict[str, Any]:
    """The fields the record type has (optional extension columns come and go)."""
    return {k: v for k, v in fields.items() if k in model.model_fields}


@st.composite
def extras(
    draw: st.DrawFn,
    staff: list[Worker],
    users: list[ServiceUser],
    visits: list[Session],
    days: list[int],
) -> dict[str, Any]:
    """Known journeys, a published rota and answered requests, sometimes.

    Known journeys join people's homes and sessions away from home, never a
    worker's home, and take at least the walking estimate. Listed journeys that
    undercut the estimates, or a worker's home journey listed longer than a detour
    through estimated ones, make the cheap `max_journey` filter stricter than the
    rule (see tests/rules/test_journeys.py).
    """
    worker_ids = [w.worker_id for w in staff]
    coords = {u.user_id: (u.lat, u.lon) for u in users} | {
        s.session_id: (s.lat, s.lon)
        for s in visits
        if s.lat is not None and s.lon is not None
    }
    travel = []
    if len(coords) >= 2:
        for _ in range(draw(st.integers(0, 3))):
            a, b = draw(
                st.lists(
                    st.sampled_from(sorted(coords)), min_size=2, max_size=2, unique=True
                )
            )
            km = haversine_km(coords[a], coords[b]) * Limits().road_factor
            walk = math.ceil(km / Limits().speed_walk_kmh * 60)
            travel.append(
                TravelEntry(
                    from_id=a,
                    to_id=b,
                    minutes=walk + draw(st.integers(0, 30)),
                    miles=draw(st.sampled_from([None, 1.5, 6.0])),
                )
            )
    told = []
    if draw(st.booleans()):
        for s in visits:
            if draw(st.booleans()):
                chosen = draw(
                    st.lists(
                        st.sampled_from(worker_ids),
                        min_size=s.staff_required,
                        max_size=s.staff_required,
                        unique=True,
                    )
                    if len(worker_ids) >= s.staff_required
                    else st.just([])
                )
                told += [
                    PublishedAssignment(session_id=s.session_id, worker_id=w)
                    for w in chosen
                ]
    agreements = []
    for i in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["availability", "move", "overtime", "travel"]))
        answer = draw(st.sampled_from(["yes", "yes", "no"]))
        s = draw(st.sampled_from(visits))
        start = draw(st.integers(7 * 4, 19 * 4)) * 15
        fields: dict[str, Any] = {}
        if kind == "availability":
            party = draw(st.sampled_from(worker_ids))
            fields = {
                "date": day(draw(st.sampled_from(days))),
                "start": _clock(start),
                "end": _clock(start + 180),
            }
        elif kind == "move":
            party = s.user_id
            length = (
                dt.datetime.combine(MONDAY, s.end)
                - dt.datetime.combine(MONDAY, s.start)
            ).seconds // 60
            fields = {
                "session_id": s.session_id,
                "date": s.date,
                "start": _clock(start),
                "end": _clock(start + length),
            }
        elif kind == "overtime":
            party = draw(st.sampled_from(worker_ids))
            fields = {"extra_minutes": draw(st.sampled_from([60, 240]))}
        else:
            party = draw(st.sampled_from(worker_ids))
            fields = {"session_id": s.session_id}
        agreements.append(
            Agreement(
                agreement_id=f"a{i}",
                party_id=party,
                kind=kind,
                answer=answer,
                **fields,
            )
        )
    return {"travel": travel, "published": told, "agreements": agreements}


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    """A small week (sometimes a fortnight, for the per-week and per-fortnight
    rules): 2-4 workers, 2-5 people, 3-10 sessions over 2-4 days."""
    horizon = draw(st.sampled_from([7, 7, 14]))
    days = sorted(
        draw(st.lists(st.integers(0, horizon - 1), min_size=2, max_size=4, unique=True))
    )
    staff = draw(workers(draw(st.integers(2, 4))))
    users = draw(people(draw(st.integers(2, 5)), staff))
    visits = draw(sessions(draw(st.integers(3, 10)), users, days))
    return week(
        staff,
        users,
        visits,
        availability=draw(windows(staff, days)),
        **draw(extras(staff, users, visits, days)),
        days=horizon,
    )


def _weight(name: str) -> st.SearchStrategy[int]:
    if name.startswith("uncovered_"):
        return st.sampled_from([50, 300, 1000])
    return st.sampled_from([0, 0, 1, 2, 5, 20])


@st.composite
def policies(draw: st.DrawFn) -> Policy:
    """Weights 0 or positive, and limits from strict to relaxed."""
    weights = {name: draw(_weight(name)) for name in Weights.model_fields}
    limits: dict[str, Any] = {
        "max_hours_per_day": draw(st.sampled_from([6.0, 10.0])),
        "max_days_per_week": draw(st.sampled_from([3, 6])),
        "max_travel_minutes": draw(st.sampled_from([20, 45])),
        "travel_counts_in_hours": draw(st.booleans()),
        "commute_counts_in_hours": draw(st.booleans()),
        "min_rest_hours": draw(st.sampled_from([0.0, 8.0, 11.0])),
        "weekly_rest": draw(st.booleans()),
        "break_after_hours": draw(st.sampled_from([3.0, 6.0])),
        "break_minutes": draw(st.sampled_from([0, 20, 30])),
        "max_day_span_hours": draw(st.sampled_from([8.0, 13.0])),
        "flex_step_minutes": draw(st.sampled_from([15, 30])),
        "frozen_hours": draw(st.sampled_from([0.0, 0.0, 30.0])),
        "notice_days": draw(st.sampled_from([0.0, 2.0, 7.0])),
        "split_gap_minutes": draw(st.sampled_from([60, 90])),
        "min_paid_minutes_per_day": draw(st.sampled_from([0, 120, 180])),
        "allow_split_shifts": draw(st.sampled_from([True, True, False])),
        "min_paid_minutes_hard": draw(st.sampled_from([0, 0, 120])),
        "span_allowance_minutes": draw(st.sampled_from([60, 120])),
        "unsocial_premium_percent": draw(st.sampled_from([0.0, 50.0])),
        "pay_travel": draw(st.booleans()),
    }
    limits |= {
        "max_sessions_of_kind": draw(st.sampled_from([{}, {}, {"sleep_in": 1}])),
        "forbidden_kind_sequences": draw(
            st.sampled_from([[], [], [("sleep_in", "early"), ("late", "early")]])
        ),
        "max_consecutive_days": draw(st.sampled_from([None, None, 2, 3])),
        "min_consecutive_days": draw(st.sampled_from([None, None, 2])),
        "min_consecutive_days_off": draw(st.sampled_from([None, None, 2])),
        "max_working_weekends": draw(st.sampled_from([None, None, 0, 1])),
        "max_total_hours": draw(st.sampled_from([None, None, 8.0])),
        # A minimum total may be impossible to meet: then there is no rota at all.
        "min_total_hours": draw(st.sampled_from([None] * 7 + [1.0])),
    }
    limits = {k: v for k, v in limits.items() if k in Limits.model_fields}
    # Let the model see every successor, so a valid rota is never out of its reach.
    if "max_successors" in Limits.model_fields:
        limits["max_successors"] = 50
    return Policy(name="generated", limits=Limits(**limits), weights=Weights(**weights))


def _now(draw: st.DrawFn) -> dt.datetime | None:
    hours = draw(st.sampled_from([None, None, 9, 30, 60]))
    return None if hours is None else at(0, "00:00") + dt.timedelta(hours=hours)


def _has_minimum_total(problem: Problem, policy: Policy) -> bool:
    """A minimum of hours over the rota can make a week impossible to roster."""
    limits = policy.limits.model_dump()
    own = [w.model_dump().get("min_total_hours") for w in problem.workers]
    return bool(limits.get("min_total_hours")) or any(own)


def _solve(problem: Problem, policy: Policy, now: dt.datetime | None) -> Result:
    return rota.solve(problem, policy, time_limit=2, seed=0, workers=1, now=now)


@PROPERTY
@given(problem=problems(), policy=policies(), data=st.data())
def test_emitted_rotas_pass_the_checker_and_price_the_same(
    problem: Problem, policy: Policy, data: st.DataObject
) -> None:
    """On any generated week and policy the solver emits a rota (a tiny week never
    ends without one, unless a minimum of hours over the rota cannot be met), the
    checker finds no hard violation in it, its objective equals the checker's and
    the rules' own sum, rule by rule, and a proven optimum equals its bound."""
    now = _now(data.draw)
    result = _solve(problem, policy, now)
    if result.status == "INFEASIBLE" and _has_minimum_total(problem, policy):
        return
    assert result.status in ("OPTIMAL", "FEASIBLE")
    report = rota.check(problem, result.assignments, policy, now=now)
    assert report.violations == []
    assert result.violations == []
    assert result.objective_raw == sum(e.penalty for e in result.evaluations)
    assert report.objective_raw == result.objective_raw
    assert [(e.rule, e.penalty) for e in report.evaluations] == [
        (e.rule, e.penalty) for e in result.evaluations
    ]
    if result.status == "OPTIMAL":
        assert result.best_bound_raw == result.objective_raw


def _variants(result: Result) -> list[list[Assignment]]:
    """Rotas one step from the solver's: a session given to another worker, moved
    to another allowed time, or dropped."""
    data = result.data
    base = result.assignments
    out: list[list[Assignment]] = []
    horizon = data.problem.period
    for session in data.sessions:
        kept = [a for a in base if a.session_id != session.id]
        mine = [a for a in base if a.session_id == session.id]
        if mine:
            out.append(kept)
        team = [a.worker_id for a in mine]
        for k in session.slots:
            slot = data.slots[k]
            start, end = horizon.to_datetime(slot.start), horizon.to_datetime(slot.end)
            ids = [w.id for w in data.workers]
            choices = [team] if team else []
            if session.staff == 1:
                choices += [[w] for w in ids]
            elif team:
                choices += [[team[0], w] for w in ids if w not in team]
            else:
                choices += [list(c) for c in combinations(ids, session.staff)]
            for workers_ in choices:
                out.append(
                    kept
                    + [
                        Assignment(
                            session_id=session.id, worker_id=w, start=start, end=end
                        )
                        for w in workers_
                    ]
                )
    return out


@PROPERTY
@given(problem=problems(), policy=policies())
def test_no_valid_neighbour_of_an_optimal_rota_is_cheaper(
    problem: Problem, policy: Policy
) -> None:
    """A proven optimum is really optimal: every rota one change away from it that
    the checker finds valid costs at least as much. (An encoding that forbids a
    valid rota, or prices one differently from its evaluation, shows up here.)"""
    result = _solve(problem, policy, None)
    if result.status != "OPTIMAL":
        return
    assert result.objective_raw is not None
    for variant in _variants(result):
        report = rota.check(problem, variant, policy)
        if report.ok:
            assert report.objective_raw >= result.objective_raw, variant


@st.composite
def pooled_problems(draw: st.DrawFn) -> Problem:
    """A generated week with some sessions asked for two to four times over (a
    house that needs several workers on one shift, each a session of their own),
    the copies differing only in priority and cover weights: the engine searches
    such sessions as one pool (rota/search/pools.py)."""
    problem = draw(problems())
    copies = []
    for s in draw(st.lists(st.sampled_from(problem.sessions), min_size=1, max_size=2)):
        if s.staff_required != 1:
            continue
        for n in range(draw(st.integers(1, 3))):
            copies.append(
                s.model_copy(
                    update={
                        "session_id": f"{s.session_id}-copy{n}-{len(copies)}",
                        "priority": draw(
                            st.sampled_from(["essential", "standard", "flexible"])
                        ),
                        **_present(
                            Session,
                            uncovered_weight=draw(
                                st.sampled_from([None, None, 0.0, 40.0])
                            ),
                            cover_weight=draw(st.sampled_from([None, None, 1.0])),
                        ),
                    }
                )
            )
    return problem.model_copy(update={"sessions": (*problem.sessions, *copies)})


@PROPERTY
@given(problem=pooled_problems(), policy=policies())
def test_pooled_sessions_keep_the_rules_and_the_optimum(
    problem: Problem, policy: Policy
) -> None:
    """With interchangeable sessions pooled, the emitted rota passes the checker
    and prices as the rules do, and a proven optimum is the optimum of the same
    week searched with every session apart."""
    pooled = _solve(problem, policy, None)
    if pooled.status == "INFEASIBLE" and _has_minimum_total(problem, policy):
        return
    assert pooled.status in ("OPTIMAL", "FEASIBLE")
    report = rota.check(problem, pooled.assignments, policy)
    assert report.violations == []
    assert report.objective_raw == pooled.objective_raw
    assert pooled.objective_raw == sum(e.penalty for e in pooled.evaluations)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("rota.engine.find_pools", lambda *_: [])
        apart = _solve(problem, policy, None)
    if pooled.status == "OPTIMAL" and apart.status == "OPTIMAL":
        assert pooled.objective_raw == apart.objective_raw
