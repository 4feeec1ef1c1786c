"""Rule ``budget``: a person's covered sessions are never charged beyond the week's
budget."""

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
    worker,
)

POLICY = covering()
# Ann's budget is £60 a week at £25 an hour: s1 (2 h, £50) and s2 (1 h, £25) would
# cost £75.
ANN = person("ann", weekly_budget=60, charge_rate=25)
SESSIONS = [
    session("s1", "ann", 0, "09:00", "11:00", priority="essential"),
    session("s2", "ann", 1, "09:00", "10:00"),
]


def test_budget_covers_only_what_the_person_can_pay_for() -> None:
    """budget: £75 of sessions against £60 covers the essential one only.

    Expected: s2 uncovered, objective = 300 x 60 = 18000. With a budget of £75 both
    are covered (objective 0).
    """
    result = solve(week([worker("bea")], [ANN], SESSIONS), POLICY)
    assert rostered(result) == {("s1", "bea")}
    assert result.objective_raw == 300 * 60
    enough = person("ann", weekly_budget=75, charge_rate=25)
    assert solve(week([worker("bea")], [enough], SESSIONS), POLICY).objective_raw == 0


def test_budget_charges_a_double_up_for_both_workers() -> None:
    """budget: a 1.5-hour double-up at the default £25 an hour costs £75, over a £60
    budget, so it stays uncovered however many workers are free.

    Expected: objective = 300 x 90 = 27000.
    """
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann", weekly_budget=60)],
        [session("s1", "ann", 0, "09:00", "10:30", staff_required=2)],
    )
    result = solve(problem, POLICY)
    assert rostered(result) == set()
    assert result.objective_raw == 300 * 90


def test_budget_check_reports_the_overspend() -> None:
    """budget: the checker flags £75 of covered sessions against £60."""
    report = check(
        week([worker("bea")], [ANN], SESSIONS),
        POLICY,
        assign("s1", "bea", 0, "09:00", "11:00"),
        assign("s2", "bea", 1, "09:00", "10:00"),
    )
    assert broken(report) == {"budget"}
    assert "£75.00 against a budget of £60.00" in report.violations[0].message
