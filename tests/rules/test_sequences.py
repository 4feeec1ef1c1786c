"""Rules ``forbidden_kind_sequence``, ``max_consecutive_days``,
``min_consecutive_days`` and ``min_consecutive_days_off``."""

from __future__ import annotations

from typing import Any

from helpers import (
    assign,
    broken,
    check,
    covering,
    person,
    rostered,
    session,
    solve,
    week,
    worker,
)

from rota.model import Problem

HOUR = 60


def _late_then_early(first: str, second: str) -> Problem:
    # Bea could do a 'late' on Monday and an 'early' on Tuesday (3 hours each, far
    # apart in time, so only the succession rule can stand between them).
    return week(
        [worker("bea")],
        [person("ann")],
        [
            session("s1", "ann", 0, "09:00", "12:00", kind=first, priority="essential"),
            session("s2", "ann", 1, "09:00", "12:00", kind=second),
        ],
    )


FORBID = {"forbidden_kind_sequences": [("late", "early")]}


def test_forbidden_kind_sequence_keeps_the_next_day_clear() -> None:
    """forbidden_kind_sequence: an 'early' may not start the day after a 'late'.

    Bea can take only one; the essential 'late' wins. Expected: s2 uncovered,
    objective = 300 x 180.
    """
    result = solve(_late_then_early("late", "early"), covering(FORBID))
    assert rostered(result) == {("s1", "bea")}
    assert result.objective_raw == 300 * 3 * HOUR


def test_forbidden_kind_sequence_is_one_way_and_off_by_default() -> None:
    """forbidden_kind_sequence: an 'early' before a 'late' is fine, and with no pairs
    in the policy both orders are. Expected: both covered, objective 0."""
    assert solve(_late_then_early("early", "late"), covering(FORBID)).objective_raw == 0
    assert solve(_late_then_early("late", "early"), covering()).objective_raw == 0


def test_forbidden_kind_sequence_check_names_the_days() -> None:
    """forbidden_kind_sequence: the checker flags the pair and only that."""
    report = check(
        _late_then_early("late", "early"),
        covering(FORBID),
        assign("s1", "bea", 0, "09:00", "12:00"),
        assign("s2", "bea", 1, "09:00", "12:00"),
    )
    assert broken(report) == {"forbidden_kind_sequence"}
    assert "'early' session on Tuesday 1 Dec after a 'late'" in (
        report.violations[0].message
    )


def _every_day(**bea: Any) -> Problem:
    # One standard hour a day, Monday to Sunday, for Bea alone.
    return week(
        [worker("bea", **bea)],
        [person("ann")],
        [session(f"s{d}", "ann", d, "09:00", "10:00") for d in range(7)],
    )


def test_max_consecutive_days_splits_the_week() -> None:
    """max_consecutive_days: at most 3 days in a row (Bea's own column).

    Six of the seven days in runs of at most 3 leave exactly Thursday (s3) off.
    Expected: s3 uncovered, objective = 300 x 60.
    """
    result = solve(_every_day(max_consecutive_days=3), covering())
    assert {s for s, _ in rostered(result)} == {f"s{d}" for d in range(7)} - {"s3"}
    assert result.objective_raw == 300 * HOUR


def test_max_consecutive_days_policy_wide_and_counted_at_the_start() -> None:
    """max_consecutive_days: the policy's limit applies to a worker without one, and
    a run from the first day counts in full (the day before the rota is off)."""
    policy = covering({"max_consecutive_days": 3})
    report = check(
        _every_day(),
        policy,
        *(assign(f"s{d}", "bea", d, "09:00", "10:00") for d in range(4)),
    )
    assert broken(report) == {"max_consecutive_days"}
    assert "4 days in a row" in report.violations[0].message
    assert solve(_every_day(), policy).objective_raw == 300 * HOUR


def _lonely(days: list[int], **bea: Any) -> Problem:
    return week(
        [worker("bea", **bea)],
        [person("ann")],
        [session(f"s{d}", "ann", d, "09:00", "10:00") for d in days],
    )


def test_min_consecutive_days_refuses_a_lone_day() -> None:
    """min_consecutive_days: a run of 1 working day (Wednesday) inside the week is
    shorter than 2. Expected: s2 uncovered, objective = 300 x 60; with Thursday's
    session as well, both are worked, objective 0."""
    result = solve(_lonely([2], min_consecutive_days=2), covering())
    assert rostered(result) == set()
    assert result.objective_raw == 300 * HOUR
    result = solve(_lonely([2, 3], min_consecutive_days=2), covering())
    assert result.objective_raw == 0


def test_min_consecutive_days_exempts_runs_at_the_ends() -> None:
    """min_consecutive_days: a lone Monday or Sunday touches the rota's ends, which
    may continue beyond it. Expected: both covered, objective 0."""
    result = solve(_lonely([0, 6], min_consecutive_days=3), covering())
    assert result.objective_raw == 0


def test_min_consecutive_days_check_reports_the_short_run() -> None:
    """min_consecutive_days: the checker flags Wednesday alone and nothing else."""
    report = check(
        _lonely([2]),
        covering({"min_consecutive_days": 2}),
        assign("s2", "bea", 2, "09:00", "10:00"),
    )
    assert broken(report) == {"min_consecutive_days"}
    assert "only 1 day(s) in a row on Wednesday 2 Dec" in report.violations[0].message


def test_min_consecutive_days_off_needs_two_days_between_work() -> None:
    """min_consecutive_days_off: Monday and Wednesday worked leave one day off
    between. Expected: the essential Monday is kept, Wednesday uncovered, objective =
    300 x 60; Monday and Thursday (two days off between) are both covered."""
    problem = week(
        [worker("bea", min_consecutive_days_off=2)],
        [person("ann")],
        [
            session("s0", "ann", 0, "09:00", "10:00", priority="essential"),
            session("s2", "ann", 2, "09:00", "10:00"),
        ],
    )
    result = solve(problem, covering())
    assert rostered(result) == {("s0", "bea")}
    assert result.objective_raw == 300 * HOUR
    assert (
        solve(_lonely([0, 3], min_consecutive_days_off=2), covering()).objective_raw
        == 0
    )


def test_min_consecutive_days_off_check_reports_the_short_break() -> None:
    """min_consecutive_days_off: the checker flags a single day off between two
    working days, and not the days off that run to the end of the week."""
    report = check(
        _lonely([0, 2]),
        covering({"min_consecutive_days_off": 2}),
        assign("s0", "bea", 0, "09:00", "10:00"),
        assign("s2", "bea", 2, "09:00", "10:00"),
    )
    assert broken(report) == {"min_consecutive_days_off"}
    assert len(report.violations) == 1
    assert "only 1 day(s) off in a row on Tuesday 1 Dec" in (
        report.violations[0].message
    )
