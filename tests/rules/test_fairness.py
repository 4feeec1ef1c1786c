"""Rules ``weekend_fairness`` and ``unsocial_fairness``: the busiest worker's
weekend and unsocial hours."""

from __future__ import annotations

from helpers import (
    assign,
    check,
    covering,
    penalty,
    person,
    rostered,
    session,
    solve,
    week,
    worker,
)


def test_weekend_fairness_shares_the_saturday() -> None:
    """weekend_fairness: two 2-hour Saturday visits for Ann (day 5). One worker:
    busiest has 240 weekend minutes x 1 + distinct 60 = 300; shared: 120 + 2 x 60 =
    240. Expected: shared, objective 240.
    """
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann")],
        [
            session("s1", "ann", 5, "10:00", "12:00"),
            session("s2", "ann", 5, "14:00", "16:00"),
        ],
    )
    result = solve(problem, covering(weekend_fairness=1, distinct_workers=1))
    assert {w for _, w in rostered(result)} == {"bea", "cal"}
    assert result.objective_raw == 240


def test_weekend_fairness_check_counts_weekend_minutes_only() -> None:
    """weekend_fairness: a Friday 22:00-Saturday 02:00 night has 120 weekend
    minutes; the busiest worker's total is priced (2 points an hour -> 240)."""
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann")],
        [
            session("fri", "ann", 4, "22:00", "02:00"),
            session("sun", "ann", 6, "10:00", "11:00"),
        ],
    )
    report = check(
        problem,
        covering(weekend_fairness=2),
        assign("fri", "bea", 4, "22:00", "02:00"),
        assign("sun", "cal", 6, "10:00", "11:00"),
    )
    assert penalty(report, "weekend_fairness") == 2 * 120


def test_unsocial_fairness_shares_the_late_evenings() -> None:
    """unsocial_fairness: Monday and Tuesday 20:00-22:00 are all unsocial (after
    20:00). One worker: 240 + distinct 60 = 300; shared: 120 + 120 = 240.
    Expected: shared, objective 240.
    """
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann")],
        [
            session("s1", "ann", 0, "20:00", "22:00"),
            session("s2", "ann", 1, "20:00", "22:00"),
        ],
    )
    result = solve(problem, covering(unsocial_fairness=1, distinct_workers=1))
    assert {w for _, w in rostered(result)} == {"bea", "cal"}
    assert result.objective_raw == 240


def test_unsocial_fairness_check_counts_before_and_after_the_limits() -> None:
    """unsocial_fairness: a 22:00-07:00 night is 540 unsocial minutes; 06:00-08:00
    has 60; 1 point an hour prices the busiest worker's total."""
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann")],
        [
            session("night", "ann", 0, "22:00", "07:00"),
            session("early", "ann", 2, "06:00", "08:00"),
        ],
    )
    policy = covering(unsocial_fairness=1)
    night = check(problem, policy, assign("night", "bea", 0, "22:00", "07:00"))
    early = check(problem, policy, assign("early", "cal", 2, "06:00", "08:00"))
    both = check(
        problem,
        policy,
        assign("night", "bea", 0, "22:00", "07:00"),
        assign("early", "bea", 2, "06:00", "08:00"),
    )
    assert penalty(night, "unsocial_fairness") == 540
    assert penalty(early, "unsocial_fairness") == 60
    assert penalty(both, "unsocial_fairness") == 600
    assert penalty(check(problem, policy), "unsocial_fairness") == 0
