"""Rule ``coverage``: a session is covered by exactly its staff, at one time, or not
at all (double-ups by both or neither)."""

from __future__ import annotations

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
    window,
    worker,
)

POLICY = covering()
DOUBLE = session("s1", "ann", 0, "09:00", "10:00", staff_required=2)


def test_coverage_double_up_by_both_or_neither() -> None:
    """coverage: a double-up with one worker free is left uncovered, nobody is sent
    alone; with both free both go.

    Expected: Cal on leave -> nobody rostered, objective = 300 x 60 = 18000; both
    free -> Bea and Cal on s1, objective 0.
    """
    leave = [window("cal", 0, "08:00", "12:00", "unavailable")]
    alone = week(
        [worker("bea"), worker("cal")], [person("ann")], [DOUBLE], availability=leave
    )
    result = solve(alone, POLICY)
    assert rostered(result) == set()
    assert result.objective_raw == 300 * 60
    both = solve(
        week([worker("bea"), worker("cal")], [person("ann")], [DOUBLE]), POLICY
    )
    assert rostered(both) == {("s1", "bea"), ("s1", "cal")}
    assert both.objective_raw == 0


def test_coverage_both_workers_at_the_same_flexed_time() -> None:
    """coverage: a double-up that must move (flex 30) moves for both workers alike.

    Bea is free from 09:30 only, Cal from 09:00. Expected: both at 09:30-10:30;
    objective 0.
    """
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann")],
        [session("s1", "ann", 0, "09:00", "10:00", staff_required=2, flex_minutes=30)],
        availability=[window("bea", 0, "09:30", "18:00")],
    )
    result = solve(problem, POLICY)
    assert {(a.worker_id, a.start.strftime("%H:%M")) for a in result.assignments} == {
        ("bea", "09:30"),
        ("cal", "09:30"),
    }
    assert result.objective_raw == 0


def test_coverage_check_reports_a_half_covered_double_up() -> None:
    """coverage: the checker flags a double-up with one worker, and one whose two
    workers come at different times."""
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann")],
        [session("s1", "ann", 0, "09:00", "10:00", staff_required=2, flex_minutes=30)],
    )
    half = check(problem, POLICY, assign("s1", "bea", 0, "09:00", "10:00"))
    split = check(
        problem,
        POLICY,
        assign("s1", "bea", 0, "09:00", "10:00"),
        assign("s1", "cal", 0, "09:30", "10:30"),
    )
    assert broken(half) == {"coverage"}
    assert "needs 2 worker(s) at once, has 1" in half.violations[0].message
    assert broken(split) == {"coverage"}
    assert "more than one time" in split.violations[0].message
