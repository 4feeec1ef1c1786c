"""The greedy construction builds runs of days where a minimum asks for them."""

from __future__ import annotations

from helpers import covering, person, session, week, worker

from rota.search.construct import lone_days
from rota.solver.data import compile_problem


def _one_session_a_day(**limits: int):
    problem = week(
        [worker("bea")],
        [person("ann")],
        [session(f"s{n}", "ann", n, "09:00", "12:00") for n in range(7)],
    )
    return compile_problem(problem, covering(limits))


def _slot(data, day: int) -> int:
    return next(k.index for k in data.slots if k.day == day)


def test_lone_days_counts_a_lone_day_and_a_short_rest_it_makes() -> None:
    """With two days in a row and two days off in a row asked for, a Thursday
    beside a worked Wednesday makes no lone day; a Thursday alone is one; a
    Thursday after a worked Tuesday is also a single day off (Wednesday)."""
    data = _one_session_a_day(min_consecutive_days=2, min_consecutive_days_off=2)
    thursday = _slot(data, 3)
    assert lone_days(data, 0, {2}, thursday) == 0
    assert lone_days(data, 0, set(), thursday) == 1
    assert lone_days(data, 0, {1}, thursday) == 2
    assert lone_days(data, 0, {0, 1}, thursday) == 2
    assert lone_days(data, 0, {0, 5, 6}, thursday) == 2  # Friday alone off
    assert lone_days(data, 0, set(), _slot(data, 0)) == 0  # the rota's ends exempt


def test_lone_days_is_zero_without_those_minimums() -> None:
    """By default nothing asks for runs, so the greedy's order is unchanged."""
    data = _one_session_a_day()
    assert lone_days(data, 0, {1}, _slot(data, 3)) == 0
