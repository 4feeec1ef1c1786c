"""Rule ``wage_cost``: pay for session time (with any unsocial premium) and paid
travel between visits, per pound."""

from __future__ import annotations

from helpers import (
    assign,
    check,
    covering,
    journey,
    penalty,
    person,
    rostered,
    session,
    solve,
    week,
    worker,
)

from rota.solver.data import SCALE


def test_wage_cost_sends_the_cheaper_worker() -> None:
    """wage_cost: Bea earns £10 an hour, Cal £12 (1 point a pound). Expected: Bea
    covers the 1-hour visit; objective = £10 x 60 = 600."""
    problem = week(
        [worker("bea", hourly_rate=10), worker("cal", hourly_rate=12)],
        [person("ann")],
        [session("s1", "ann", 0, "09:00", "10:00")],
    )
    result = solve(problem, covering(wage_cost=1))
    assert rostered(result) == {("s1", "bea")}
    assert result.objective_raw == 10 * SCALE


def test_wage_cost_check_adds_unsocial_premium() -> None:
    """wage_cost: 19:00-21:00 at £10 with a 50% premium after 20:00 pays 120 + 30
    minutes' worth = £25 -> 1500."""
    problem = week(
        [worker("bea")], [person("ann")], [session("s1", "ann", 0, "19:00", "21:00")]
    )
    policy = covering({"unsocial_premium_percent": 50}, wage_cost=1)
    report = check(problem, policy, assign("s1", "bea", 0, "19:00", "21:00"))
    assert penalty(report, "wage_cost") == 25 * SCALE


def test_wage_cost_check_pays_travel_between_visits_when_policy_says() -> None:
    """wage_cost: two 1-hour visits with a 20-minute journey between: £20 + £3.33
    travel -> 1200 + 200 = 1400; with pay_travel off, 1200. The journeys from and to
    home (15 minutes each) are never paid."""
    problem = week(
        [worker("bea")],
        [person("ann"), person("bob")],
        [
            session("s1", "ann", 0, "09:00", "10:00"),
            session("s2", "bob", 0, "10:30", "11:30"),
        ],
        travel=journey("ann", "bob", 20)
        + journey("bea", "ann", 15)
        + journey("bea", "bob", 15),
    )
    pair = [
        assign("s1", "bea", 0, "09:00", "10:00"),
        assign("s2", "bea", 0, "10:30", "11:30"),
    ]
    paid = check(problem, covering(wage_cost=1), *pair)
    unpaid = check(problem, covering({"pay_travel": False}, wage_cost=1), *pair)
    assert penalty(paid, "wage_cost") == 1400
    assert penalty(unpaid, "wage_cost") == 1200
