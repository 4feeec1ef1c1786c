"""Per-session cover prices: ``uncovered_weight`` (rules ``uncovered_essential``,
``uncovered_standard``, ``uncovered_flexible``) and ``cover_weight`` (rule
``cover_cost``)."""

from __future__ import annotations

from typing import Any

from helpers import (
    assign,
    check,
    covering,
    only,
    penalty,
    person,
    rostered,
    session,
    solve,
    week,
    worker,
)

from rota.model import Problem

HOUR = 60


def _nobody(**fields: Any) -> Problem:
    # An 8-hour session no one can take (the only worker is away all day).
    return week(
        [worker("bea", max_hours_per_day=4)],
        [person("ann")],
        [session("s1", "ann", 0, "06:00", "14:00", **fields)],
    )


def test_uncovered_standard_uses_the_session_weight() -> None:
    """uncovered_standard: a session's own uncovered_weight (12.5 per hour) replaces
    the priority's 300, so 8 hours uncovered cost exactly 100 points; it counts even
    when the priority weight is 0."""
    result = solve(_nobody(uncovered_weight=12.5), covering())
    assert penalty(result, "uncovered_standard") == 100 * HOUR
    result = solve(_nobody(uncovered_weight=12.5), only())
    assert result.objective_raw == 100 * HOUR


def test_uncovered_essential_weight_zero_makes_a_session_free_to_drop() -> None:
    """uncovered_essential: an uncovered_weight of 0 means leaving the session
    uncovered costs nothing, whatever its priority."""
    result = solve(_nobody(priority="essential", uncovered_weight=0), covering())
    assert result.objective_raw == 0


def _optional_cover(cover_weight: float, **both: Any) -> Problem:
    # s1 must be covered; s2 at the same time is nice to have, priced when covered.
    return week(
        [worker("amy", **both), worker("bea", **both)],
        [person("ann")],
        [
            session("s1", "ann", 0, "09:00", "11:00"),
            session(
                "s2",
                "ann",
                0,
                "09:00",
                "11:00",
                priority="flexible",
                uncovered_weight=0,
                cover_weight=cover_weight,
            ),
        ],
    )


def test_cover_cost_leaves_optional_cover_out_unless_it_pays() -> None:
    """cover_cost: covering s2 costs 1 point an hour and leaving it costs nothing,
    so it stays uncovered (objective 0). When Amy and Bea must each work 2 hours
    over the rota, both sessions are covered and s2's two hours cost 2 points."""
    policy = covering(cover_cost=1)
    result = solve(_optional_cover(1.0), policy)
    assert {s for s, _ in rostered(result)} == {"s1"}
    assert result.objective_raw == 0
    result = solve(_optional_cover(1.0, min_total_hours=2), policy)
    assert {s for s, _ in rostered(result)} == {"s1", "s2"}
    assert penalty(result, "cover_cost") == 2 * HOUR
    assert result.objective_raw == 2 * HOUR


def test_cover_cost_weight_scales_the_session_weights() -> None:
    """cover_cost: the policy weight multiplies each session's cover_weight (3 x 1.5
    per hour x 2 hours = 9 points); a weight of 0 switches the rule off."""
    problem = _optional_cover(1.5)
    assignments = [
        assign("s1", "amy", 0, "09:00", "11:00"),
        assign("s2", "bea", 0, "09:00", "11:00"),
    ]
    report = check(problem, covering(cover_cost=3), *assignments)
    assert report.ok
    assert penalty(report, "cover_cost") == 9 * HOUR
    report = check(problem, covering(cover_cost=0), *assignments)
    assert "cover_cost" not in report.breakdown()
