"""The greedy construction builds runs of days where a minimum asks for them."""

from __future__ import annotations

from helpers import covering, person, session, week, worker

from rota.rules import all_rules
from rota.search.construct import greedy_pairs, lone_days
from rota.solver.data import compile_problem
from rota.solver.plan import Plan


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


def test_the_greedy_builds_runs_of_days_where_they_are_asked_for() -> None:
    """Two workers, one session a day for a fortnight, at most three days in a
    row, at least two days in a row and two days off in a row: the greedy rota
    covers every day and keeps both minimums (taking days in order, it extends
    a run or starts one after a long enough rest)."""
    limits = {
        "min_consecutive_days": 2,
        "min_consecutive_days_off": 2,
        "max_consecutive_days": 3,
    }
    problem = week(
        [worker("bea"), worker("cat")],
        [person("ann")],
        [session(f"s{n}", "ann", n, "09:00", "12:00") for n in range(14)],
        days=14,
    )
    data = compile_problem(problem, covering(limits))
    rules = all_rules()
    by_slot = {k.index: [0, 1] for k in data.slots}
    pairs = greedy_pairs(data, by_slot, rules, [])
    plan = Plan.from_pairs(data, pairs)
    minimums = [r for r in rules if r.lower_bound and r.active(data)]
    assert {r.id for r in minimums} >= {
        "min_consecutive_days",
        "min_consecutive_days_off",
    }
    assert [v.message for r in minimums for v in r.evaluate(plan).violations] == []
