"""Rules ``change`` and ``late_change``: changes against the published rota, priced
by the notice they give."""

from __future__ import annotations

import datetime as dt

from helpers import (
    assign,
    check,
    covering,
    penalty,
    person,
    published,
    rostered,
    session,
    solve,
    week,
    window,
    worker,
)

import rota
from rota.solver.data import SCALE

# With a 2-day notice period and now = Monday 00:00, Monday's s1 is inside the notice
# period (a change is late) and Thursday's s2 is outside it. These tests are about
# the price of changes, so the consent a late change needs (rule consent,
# tests/rules/test_consent.py) is switched off.
NOTICE = {"notice_days": 2, "change_consent": False}
SESSIONS = [
    session("s1", "ann", 0, "09:00", "10:00"),
    session("s2", "ann", 3, "09:00", "10:00"),
]
TOLD = published(("s1", "bea"), ("s2", "bea"))


def test_change_keeps_the_published_worker() -> None:
    """change: Ann now prefers Cal (2 points an hour) but both sessions were
    published with Bea; moving s2 would be two changes (Bea off, Cal on) = 2 x 5 x
    60 = 600 > 120.

    Expected: Bea keeps both; objective = non-preferred 2 x 2 x 60 = 240. With
    change 0 (and late_change 0) Cal takes both, objective 0.
    """
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann", preferred_workers=("cal",))],
        SESSIONS,
        published=TOLD,
    )
    result = solve(
        problem, covering(NOTICE, change=5, late_change=50, non_preferred_worker=2)
    )
    assert rostered(result) == {("s1", "bea"), ("s2", "bea")}
    assert result.objective_raw == 240
    free = solve(problem, covering(NOTICE, non_preferred_worker=2))
    assert rostered(free) == {("s1", "cal"), ("s2", "cal")}


def test_late_change_costs_more_inside_the_notice_period() -> None:
    """change, late_change: Bea is now off all week, so Cal covers both sessions:
    s2 (Thursday) is 2 changes at 5 points = 600, s1 (Monday) 2 late changes at 50
    points = 6000.

    Expected: objective 6600, split between the two rules as stated.
    """
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann")],
        SESSIONS,
        published=TOLD,
        availability=[
            window("bea", n, "00:00", "00:00", "unavailable") for n in range(7)
        ],
    )
    result = solve(problem, covering(NOTICE, change=5, late_change=50))
    assert rostered(result) == {("s1", "cal"), ("s2", "cal")}
    assert penalty(result, "change") == 2 * 5 * SCALE
    assert penalty(result, "late_change") == 2 * 50 * SCALE
    assert result.objective_raw == 6600


def test_late_change_notice_is_counted_from_now() -> None:
    """late_change: with now = Wednesday 00:00, Thursday's s2 is inside the 2-day
    notice, so taking Bea off it is a late change (50 x 60); without now it is an
    ordinary change (5 x 60)."""
    problem = week(
        [worker("bea"), worker("cal")], [person("ann")], SESSIONS, published=TOLD
    )
    rota_ = [assign("s1", "bea", 0, "09:00", "10:00")]
    policy = covering(NOTICE, change=5, late_change=50)
    early = check(problem, policy, *rota_)
    assert penalty(early, "change") == 5 * SCALE
    assert penalty(early, "late_change") == 0
    late = rota.check(problem, rota_, policy, now=dt.datetime(2026, 12, 2))
    assert penalty(late, "change") == 0
    assert penalty(late, "late_change") == 50 * SCALE


def test_change_check_counts_additions_and_removals() -> None:
    """change: replacing Bea by Cal on s2 is two changes (5 x 60 each); keeping
    the published rota is none; with no published rota the rule is off."""
    problem = week(
        [worker("bea"), worker("cal")], [person("ann")], SESSIONS, published=TOLD
    )
    policy = covering(NOTICE, change=5)
    kept = check(
        problem,
        policy,
        assign("s1", "bea", 0, "09:00", "10:00"),
        assign("s2", "bea", 3, "09:00", "10:00"),
    )
    moved = check(
        problem,
        policy,
        assign("s1", "bea", 0, "09:00", "10:00"),
        assign("s2", "cal", 3, "09:00", "10:00"),
    )
    assert penalty(kept, "change") == 0
    assert penalty(moved, "change") == 2 * 5 * SCALE
    fresh = week([worker("bea"), worker("cal")], [person("ann")], SESSIONS)
    unpublished = check(fresh, policy, assign("s2", "cal", 3, "09:00", "10:00"))
    assert "change" not in unpublished.breakdown()
