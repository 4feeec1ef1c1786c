"""Rules ``max_hours_day``, ``max_hours_week`` and ``max_days_week``."""

from __future__ import annotations

from typing import Any

from helpers import (
    agreement,
    assign,
    broken,
    check,
    covering,
    journey,
    person,
    rostered,
    session,
    solve,
    week,
    worker,
)

from rota.model import Problem, Session
from rota.policy import Policy

POLICY = covering()


def _day_of_two(**limits: Any) -> tuple[Problem, Policy]:
    # Bea (daily cap 4.25 hours) could do 09:00-11:00 at Ann's and 11:30-13:30 at
    # Bob's, with a 30-minute journey between: 240 session + 30 travel minutes.
    problem = week(
        [worker("bea", max_hours_per_day=4.25)],
        [person("ann"), person("bob")],
        [
            session("s1", "ann", 0, "09:00", "11:00", priority="essential"),
            session("s2", "bob", 0, "11:30", "13:30"),
        ],
        travel=journey("ann", "bob", 30),
    )
    return problem, covering(limits)


def test_max_hours_day_paid_travel_counts_towards_the_cap() -> None:
    """max_hours_day: travel between visits counts in the daily cap by default.

    240 session + 30 travel = 270 minutes > 255 (4.25 h). Expected: s2 uncovered,
    objective = 300 x 120 = 36000.
    """
    problem, policy = _day_of_two()
    result = solve(problem, policy)
    assert rostered(result) == {("s1", "bea")}
    assert result.objective_raw == 300 * 120


def test_max_hours_day_travel_not_counted_when_policy_says_so() -> None:
    """max_hours_day: with travel_counts_in_hours off, 240 minutes fit in 255.

    Expected: both covered, objective 0.
    """
    problem, policy = _day_of_two(travel_counts_in_hours=False)
    result = solve(problem, policy)
    assert rostered(result) == {("s1", "bea"), ("s2", "bea")}
    assert result.objective_raw == 0


def test_max_hours_day_check_reports_a_long_day() -> None:
    """max_hours_day: the checker flags 270 paid minutes against a 255-minute cap."""
    problem, policy = _day_of_two()
    report = check(
        problem,
        policy,
        assign("s1", "bea", 0, "09:00", "11:00"),
        assign("s2", "bea", 0, "11:30", "13:30"),
    )
    assert broken(report) == {"max_hours_day"}
    assert "4.5 hours" in report.violations[0].message


def _three_days() -> list[Session]:
    return [
        session("s1", "ann", 0, "09:00", "11:00"),
        session("s2", "ann", 1, "09:00", "11:00"),
        session("s3", "ann", 2, "09:00", "11:00", priority="flexible"),
    ]


def test_max_hours_week_caps_the_week_and_overtime_agreed_lifts_it() -> None:
    """max_hours_week: 5 hours a week at most takes two 2-hour sessions of three; a
    'yes' to 60 minutes' overtime lets her take all three (6 hours).

    Expected: flexible s3 uncovered, objective = 100 x 120 = 12000; then 0.
    """
    capped = week([worker("bea", max_hours=5)], [person("ann")], _three_days())
    result = solve(capped, POLICY)
    assert rostered(result) == {("s1", "bea"), ("s2", "bea")}
    assert result.objective_raw == 100 * 120
    agreed = week(
        [worker("bea", max_hours=5)],
        [person("ann")],
        _three_days(),
        agreements=[agreement("a1", "bea", "overtime", extra_minutes=60)],
    )
    assert solve(agreed, POLICY).objective_raw == 0


def test_max_hours_week_check_reports_the_week() -> None:
    """max_hours_week: the checker flags 6 hours against a 5-hour maximum."""
    problem = week([worker("bea", max_hours=5)], [person("ann")], _three_days())
    report = check(
        problem,
        POLICY,
        assign("s1", "bea", 0, "09:00", "11:00"),
        assign("s2", "bea", 1, "09:00", "11:00"),
        assign("s3", "bea", 2, "09:00", "11:00"),
    )
    assert broken(report) == {"max_hours_week"}


def test_max_days_week_limits_working_days() -> None:
    """max_days_week: a worker's own two-day maximum leaves the third day uncovered.

    Expected: flexible s3 uncovered, objective = 100 x 120 = 12000.
    """
    problem = week([worker("bea", max_days_per_week=2)], [person("ann")], _three_days())
    result = solve(problem, POLICY)
    assert rostered(result) == {("s1", "bea"), ("s2", "bea")}
    assert result.objective_raw == 100 * 120


def test_max_days_week_check_reports_a_third_day() -> None:
    """max_days_week: the checker flags three working days against a maximum of two,
    and the policy's default (6) applies when the worker states none."""
    capped = week([worker("bea", max_days_per_week=2)], [person("ann")], _three_days())
    rota_ = [
        assign("s1", "bea", 0, "09:00", "11:00"),
        assign("s2", "bea", 1, "09:00", "11:00"),
        assign("s3", "bea", 2, "09:00", "11:00"),
    ]
    assert broken(check(capped, POLICY, *rota_)) == {"max_days_week"}
    default = week([worker("bea")], [person("ann")], _three_days())
    assert check(default, POLICY, *rota_).ok
    assert broken(check(default, covering({"max_days_per_week": 2}), *rota_)) == {
        "max_days_week"
    }
