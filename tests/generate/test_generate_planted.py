"""Feasible weeks: the planted rota covers everything and keeps every hard rule.

The checker below is written from the rules as stated (not from the generator's
planner), so a planner bug cannot hide behind itself.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rota.generate import generate_week_with_plan
from rota.model import Problem, Session, TravelMatrix

DAY_CAP = 10 * 60
MAX_DAYS = 6
REST = 11 * 60
RUN = 6 * 60
BREAK = 20
MAX_TRAVEL = 45
DEFAULT_RATE = 25.0


def _minutes(problem: Problem, session: Session) -> tuple[int, int]:
    return problem.period.interval(session.date, session.start, session.end)


def _window_spans(problem: Problem, worker_id: str) -> tuple[list, list]:
    stated, blocked = [], []
    for row in problem.availability:
        if row.worker_id != worker_id:
            continue
        interval = problem.period.interval(row.date, row.start, row.end)
        (blocked if row.kind == "unavailable" else stated).append(interval)
    return stated, blocked


def hard_rule_breaches(problem: Problem, plan: list[tuple[str, str]]) -> list[str]:
    """Every breach of the hard rules by ``plan``, in words."""
    breaches: list[str] = []
    travel = TravelMatrix(problem.places(), problem.travel)
    by_worker: dict[str, list[Session]] = defaultdict(list)
    staff: dict[str, list[str]] = defaultdict(list)
    for session_id, worker_id in plan:
        by_worker[worker_id].append(problem.session_by_id[session_id])
        staff[session_id].append(worker_id)
    for session_id, workers in staff.items():
        session = problem.session_by_id[session_id]
        if len(set(workers)) != session.staff_required:
            breaches.append(f"{session_id}: {len(set(workers))} distinct workers")
    charged: dict[str, float] = defaultdict(float)
    for session_id, workers in staff.items():
        session = problem.session_by_id[session_id]
        user = problem.user_by_id[session.user_id]
        begin, end = _minutes(problem, session)
        rate = user.charge_rate if user.charge_rate is not None else DEFAULT_RATE
        charged[user.user_id] += (end - begin) / 60 * rate * len(workers)
    for user in problem.users:
        budget = user.weekly_budget
        if budget is not None and charged[user.user_id] > budget + 1e-6:
            breaches.append(f"{user.user_id}: £{charged[user.user_id]:.2f} > budget")
    for worker_id, sessions in by_worker.items():
        breaches += _worker_breaches(problem, travel, worker_id, sessions)
    return breaches


def _worker_breaches(
    problem: Problem, travel: TravelMatrix, worker_id: str, sessions: list[Session]
) -> list[str]:
    worker = problem.worker_by_id[worker_id]
    limit = worker.max_travel_minutes or MAX_TRAVEL
    day_cap = (worker.max_hours_per_day or DAY_CAP / 60) * 60
    max_days = worker.max_days_per_week or MAX_DAYS
    stated, blocked = _window_spans(problem, worker_id)
    found: list[str] = []

    def minutes(a: str, b: str) -> int:
        return travel.journey(a, b, worker.transport).minutes

    days: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for s in sessions:
        user = problem.user_by_id[s.user_id]
        begin, end = _minutes(problem, s)
        place = problem.place_of(s)
        if not set(s.skills_required) <= set(worker.skills):
            found.append(f"{worker_id} lacks skills for {s.session_id}")
        if user.gender_preference and worker.gender != user.gender_preference:
            found.append(f"{worker_id} is not {user.gender_preference}")
        if worker_id in user.excluded_workers:
            found.append(f"{worker_id} is excluded by {user.user_id}")
        if stated and not any(a <= begin and end <= b for a, b in stated):
            found.append(f"{s.session_id} is outside {worker_id}'s availability")
        if any(begin < b and a < end for a, b in blocked):
            found.append(f"{s.session_id} overlaps {worker_id}'s leave")
        if minutes(worker_id, place) > limit or minutes(place, worker_id) > limit:
            found.append(f"{worker_id} lives too far from {s.session_id}")
        days[begin // 1440].append((begin, end, place))
    paid_week = 0
    touched: set[int] = set()
    for day, items in sorted(days.items()):
        items.sort()
        paid = sum(end - begin for begin, end, _ in items)
        run_start = items[0][0]
        for (_, e0, p0), (b1, e1, p1) in zip(items, items[1:], strict=False):
            journey = minutes(p0, p1)
            paid += journey
            if journey > limit:
                found.append(f"{worker_id} day {day}: journey of {journey} min")
            if b1 < e0 + journey:
                found.append(f"{worker_id} day {day}: overlap or no time to travel")
            if b1 - e0 - journey >= BREAK:
                run_start = b1
            if e1 - run_start > RUN:
                found.append(f"{worker_id} day {day}: no break in {e1 - run_start}")
        if items[0][1] - items[0][0] > RUN:
            found.append(f"{worker_id} day {day}: one session longer than 6 h")
        if paid > day_cap:
            found.append(f"{worker_id} day {day}: {paid} paid minutes")
        paid_week += paid
        for begin, end, _ in items:
            touched.update(range(begin // 1440, (end - 1) // 1440 + 1))
    ordered = sorted(days)
    for first, second in zip(ordered, ordered[1:], strict=False):
        last_end = max(end for _, end, _ in days[first])
        next_start = min(begin for begin, _, _ in days[second])
        if next_start - last_end < REST:
            found.append(f"{worker_id}: {next_start - last_end} min rest")
    if len(touched) > max_days:
        found.append(f"{worker_id} works {len(touched)} days")
    if paid_week > worker.max_hours * 60:
        found.append(f"{worker_id} paid {paid_week} min > max_hours")
    return found


@pytest.fixture(scope="module")
def planted() -> tuple[Problem, list[tuple[str, str]]]:
    return generate_week_with_plan("medium", seed=2, feasible=True)


def test_the_plan_covers_every_session(
    planted: tuple[Problem, list[tuple[str, str]]],
) -> None:
    """A feasible week's plan staffs every session with as many as it needs."""
    problem, plan = planted
    staffed: dict[str, int] = defaultdict(int)
    for session_id, _ in plan:
        staffed[session_id] += 1
    assert {s.session_id: s.staff_required for s in problem.sessions} == staffed
    assert plan == sorted(set(plan))


def test_the_plan_keeps_every_hard_rule(
    planted: tuple[Problem, list[tuple[str, str]]],
) -> None:
    """No overlap, travel, rest, breaks, daily/weekly caps, skills, wishes, budget."""
    problem, plan = planted
    assert hard_rule_breaches(problem, plan) == []


def test_feasible_weeks_keep_their_shape(
    planted: tuple[Problem, list[tuple[str, str]]],
) -> None:
    """Feasible weeks are still realistic: all archetypes, leave, wishes, double-ups."""
    problem, _ = planted
    assert {u.extra["archetype"] for u in problem.users} == {
        "older_home_care",
        "children_respite",
        "learning_disability",
        "mental_health",
    }
    assert any(s.staff_required == 2 for s in problem.sessions)
    assert any(row.kind == "unavailable" for row in problem.availability)
    assert any(u.excluded_workers for u in problem.users)
    # Sleep-ins run 9 hours without a break, so a planted week leaves them out.
    assert not any(s.kind == "sleep_in" for s in problem.sessions)
    ids = [s.session_id for s in problem.sessions]
    assert ids == [f"S{i:04d}" for i in range(1, len(ids) + 1)]


def test_budgets_cover_the_planted_rota(
    planted: tuple[Problem, list[tuple[str, str]]],
) -> None:
    """Every capped budget pays for the whole package the plan delivers."""
    problem, plan = planted
    charged: dict[str, float] = defaultdict(float)
    for session_id, _ in plan:
        s = problem.session_by_id[session_id]
        user = problem.user_by_id[s.user_id]
        begin, end = _minutes(problem, s)
        charged[s.user_id] += (end - begin) / 60 * (user.charge_rate or DEFAULT_RATE)
    for user in problem.users:
        if user.weekly_budget is not None:
            assert charged[user.user_id] <= user.weekly_budget + 1e-6


def test_the_checker_catches_a_broken_plan(
    planted: tuple[Problem, list[tuple[str, str]]],
) -> None:
    """The checker above is not vacuous: a clash and a missing worker are reported."""
    problem, plan = planted
    worker_id = plan[0][1]
    mine = {sid for sid, wid in plan if wid == worker_id}
    begin, end = _minutes(problem, problem.session_by_id[min(mine)])

    def clashes(session_id: str) -> bool:
        b, e = _minutes(problem, problem.session_by_id[session_id])
        return b < end and begin < e

    clash = next((s, w) for s, w in plan if s not in mine and clashes(s))
    moved = [(s, worker_id) if (s, w) == clash else (s, w) for s, w in plan]
    assert any("overlap" in b for b in hard_rule_breaches(problem, moved))
    double = next(s.session_id for s in problem.sessions if s.staff_required == 2)
    half = [pair for pair in plan if pair[0] != double] + [
        next(pair for pair in plan if pair[0] == double)
    ]
    assert any("distinct workers" in b for b in hard_rule_breaches(problem, half))


def test_a_greedy_plan_of_an_ordinary_week_keeps_the_rules() -> None:
    """Without --feasible the returned plan is partial but still keeps the rules."""
    problem, plan = generate_week_with_plan("small", seed=1)
    assert 0 < len(plan) < sum(s.staff_required for s in problem.sessions)
    assert hard_rule_breaches(problem, plan) == []


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workers=st.integers(min_value=3, max_value=14), seed=st.integers(0, 10_000))
def test_any_feasible_week_has_a_valid_full_plan(workers: int, seed: int) -> None:
    """Whatever the size and seed, a feasible week's plan is complete and legal."""
    problem, plan = generate_week_with_plan(workers, seed=seed, feasible=True)
    assert len(plan) == sum(s.staff_required for s in problem.sessions)
    assert hard_rule_breaches(problem, plan) == []
    assert problem.period.start == dt.date(2026, 11, 30)


def test_the_project_checker_agrees(
    planted: tuple[Problem, list[tuple[str, str]]],
) -> None:
    """The rota engine's own checker finds no hard-rule violation in the plan."""
    from rota.check import check
    from rota.model import Assignment
    from rota.model.time import span
    from rota.policy import load_policy

    problem, plan = planted
    assignments = []
    for session_id, worker_id in plan:
        s = problem.session_by_id[session_id]
        begin, end = span(s.date, s.start, s.end)
        assignments.append(
            Assignment(session_id=session_id, worker_id=worker_id, start=begin, end=end)
        )
    report = check(problem, assignments, load_policy())
    assert [v.message for v in report.violations] == []
