"""check(): every rule's own verdict on any rota, without the solver."""

from __future__ import annotations

import datetime as dt

from helpers import (
    agreement,
    assign,
    broken,
    check,
    covering,
    penalty,
    person,
    published,
    session,
    solve,
    week,
    window,
    worker,
)

import rota
from rota.model import Assignment
from rota.rules import all_rules
from rota.solver.data import SCALE

POLICY = covering(non_preferred_worker=2, distinct_workers=1)


def _week() -> rota.Problem:
    # Ann prefers Bea; s1 may move 30 minutes either way in 15-minute steps.
    return week(
        [worker("bea"), worker("cal")],
        [person("ann", preferred_workers=("bea",))],
        [
            session("s1", "ann", 0, "09:00", "10:00", flex_minutes=30),
            session("s2", "ann", 1, "09:00", "10:00", priority="essential"),
        ],
    )


def test_check_of_an_empty_rota_prices_every_session_uncovered() -> None:
    """An empty rota breaks no hard rule and costs exactly the uncovered weights."""
    report = check(_week(), POLICY)
    assert report.ok
    assert report.objective_raw == 300 * 60 + 1000 * 60
    assert report.objective == report.objective_raw / SCALE


def test_check_accepts_agreed_flex_times_and_flags_others() -> None:
    """An assignment at a flexed start the person agreed to (15-minute steps within
    flex) passes; one at another time is reported under the id `flex`."""
    problem = _week()
    moved = check(problem, POLICY, assign("s1", "bea", 0, "09:30", "10:30"))
    assert moved.ok
    off_step = check(problem, POLICY, assign("s1", "bea", 0, "09:10", "10:10"))
    too_far = check(problem, POLICY, assign("s1", "bea", 0, "08:00", "09:00"))
    for report in (off_step, too_far):
        assert broken(report) == {"flex"}
        assert "outside what the person agreed" in report.violations[0].message


def test_check_accepts_an_agreed_move() -> None:
    """A 'yes' to a move lets the session run at the agreed time; the same time
    without the agreement is a `flex` violation."""
    problem = _week()
    moved = problem.model_copy(
        update={
            "agreements": (
                agreement(
                    "a1",
                    "ann",
                    "move",
                    session_id="s2",
                    date=1,
                    start="14:00",
                    end="15:00",
                ),
            )
        }
    )
    late = assign("s2", "bea", 1, "14:00", "15:00")
    assert rota.check(moved, [late], POLICY).ok
    assert broken(check(problem, POLICY, late)) == {"flex"}


def test_check_breakdown_lists_soft_rules_in_points() -> None:
    """The breakdown has every active soft rule (and no hard rule) in points, and
    adds up to the objective."""
    report = check(_week(), POLICY, assign("s2", "cal", 1, "09:00", "10:00"))
    hard = {r.id for r in all_rules() if r.hard}
    breakdown = report.breakdown()
    assert not hard & set(breakdown)
    assert set(breakdown) == {
        "uncovered_essential",
        "uncovered_standard",
        "uncovered_flexible",
        "distinct_workers",
        "non_preferred_worker",
    }
    assert breakdown["non_preferred_worker"] == 2
    assert abs(sum(breakdown.values()) - report.objective) < 1e-9


def test_check_reports_every_broken_rule_of_one_rota() -> None:
    """Several breaches in one rota are all reported, each under its own rule id."""
    problem = week(
        [worker("bea", max_hours=1)],
        [person("ann", excluded_workers=("bea",))],
        [
            session("s1", "ann", 0, "09:00", "10:00", skills_required=("hoist",)),
            session("s2", "ann", 0, "09:30", "10:30"),
        ],
        availability=[window("bea", 0, "09:00", "10:00")],
    )
    report = check(
        problem,
        POLICY,
        assign("s1", "bea", 0, "09:00", "10:00"),
        assign("s2", "bea", 0, "09:30", "10:30"),
    )
    assert broken(report) == {
        "availability",
        "skills",
        "excluded_worker",
        "travel_time",
        "max_hours_week",
    }
    assert not report.ok


def test_check_uses_now_for_notice_and_frozen_periods() -> None:
    """`now` moves the notice period: the same change is ordinary or late."""
    problem = _week().model_copy(update={"published": published(("s2", "bea"))})
    policy = covering({"notice_days": 1}, change=5, late_change=50)
    rota_ = [assign("s2", "cal", 1, "09:00", "10:00")]
    early = rota.check(problem, rota_, policy)
    late = rota.check(problem, rota_, policy, now=dt.datetime(2026, 11, 30, 12))
    assert (penalty(early, "change"), penalty(early, "late_change")) == (600, 0)
    assert (penalty(late, "change"), penalty(late, "late_change")) == (0, 6000)


def test_check_agrees_with_the_solver_on_its_own_rota() -> None:
    """Checking the solver's rota finds no violation and the same objective and
    per-rule penalties the solve reported."""
    problem = _week()
    result = solve(problem, POLICY)
    report = rota.check(problem, result.assignments, POLICY)
    assert report.ok
    assert report.objective_raw == result.objective_raw
    assert [(e.rule, e.penalty) for e in report.evaluations] == [
        (e.rule, e.penalty) for e in result.evaluations
    ]


def test_check_sees_the_rostered_times_not_the_requested_ones() -> None:
    """A rota's assignment carries its actual times: the same worker at the
    requested and at a moved time are different rotas to the checker."""
    problem = _week()
    at_nine = Assignment(
        session_id="s1",
        worker_id="bea",
        start=dt.datetime(2026, 11, 30, 9),
        end=dt.datetime(2026, 11, 30, 10),
    )
    report = rota.check(problem, [at_nine], POLICY)
    (slot,) = report.plan.by_worker[0]
    assert report.data.slots[slot].start == 9 * 60
