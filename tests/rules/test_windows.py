"""Rules ``lateness`` and ``max_lateness``: start windows with late starts priced."""

from __future__ import annotations

import pytest
from helpers import (
    assign,
    check,
    covering,
    penalty,
    person,
    session,
    solve,
    week,
    worker,
)

from rota.solver.data import SCALE, window_shifts

WINDOW = {"window_step_minutes": 15, "max_late_minutes": 30}


def _start(result, session_id: str) -> int:
    data = result.data
    (slot,) = [
        k
        for _, k in result.plan.pairs
        if data.sessions[data.slots[k].session].id == session_id
    ]
    return data.slots[slot].start


def _busy_morning(latest: str):
    """Bea alone: Bob's visit is fixed at 09:00-10:00; Ann's 30-minute breakfast
    call may start from 09:00 to ``latest``."""
    return week(
        [worker("bea")],
        [person("ann"), person("bob")],
        [
            session("s1", "ann", 0, "09:00", "09:30", latest_start=latest),
            session("s2", "bob", 0, "09:00", "10:00"),
        ],
    )


def test_lateness_prices_each_minute_past_the_window() -> None:
    """lateness: Ann's call can start 09:00-09:30, Bob's fills 09:00-10:00, so
    Ann's starts at 10:00 at the soonest, 30 minutes late (1 point a minute).

    Expected: both covered (leaving Ann's uncovered would cost 300 an hour x 30
    minutes = 9000 units); Ann's starts 10:00; objective = 30 x 60 = 1800.
    """
    result = solve(_busy_morning("09:30"), covering(WINDOW, lateness=1))
    assert _start(result, "s1") == 10 * 60
    assert penalty(result, "lateness") == 30 * SCALE
    assert result.objective_raw == 30 * SCALE


def test_lateness_inside_the_window_is_free_and_limited_past_it() -> None:
    """lateness: with the window to 10:00 Ann's call starts at 10:00 on time
    (objective 0); with max_late_minutes 0 (the default) and the window to 09:30
    it cannot start at all and is left uncovered (300 an hour x 30 minutes)."""
    on_time = solve(_busy_morning("10:00"), covering(WINDOW, lateness=1))
    assert _start(on_time, "s1") == 10 * 60
    assert on_time.objective_raw == 0
    hard = solve(_busy_morning("09:30"), covering({"window_step_minutes": 15}))
    assert penalty(hard, "uncovered_standard") == 300 * 30
    assert hard.objective_raw == 300 * 30


def test_lateness_and_max_lateness_checked_on_a_hand_rota() -> None:
    """lateness, max_lateness: Ann's call at 09:45 is 15 minutes late, Cal's at
    10:30 is 30 minutes late (window to 10:00). lateness at 1 point a minute is
    (15 + 30) x 60 = 2700; max_lateness at 2 points a minute of the latest start
    is 2 x 30 x 60 = 3600."""
    problem = week(
        [worker("bea")],
        [person("ann"), person("cal")],
        [
            session("s1", "ann", 0, "09:00", "09:30", latest_start="09:30"),
            session("s3", "cal", 0, "09:00", "09:30", latest_start="10:00"),
        ],
    )
    report = check(
        problem,
        covering(WINDOW, lateness=1, max_lateness=2),
        assign("s1", "bea", 0, "09:45", "10:15"),
        assign("s3", "bea", 0, "10:30", "11:00"),
    )
    assert report.ok
    assert penalty(report, "lateness") == 45 * SCALE
    assert penalty(report, "max_lateness") == 2 * 30 * SCALE


def test_max_lateness_prices_the_latest_start() -> None:
    """max_lateness: Ann's and Cal's calls are both due at 09:00 (30 minutes each,
    up to 30 minutes late allowed); Bea makes one at a time. The second starts
    09:30 at the soonest, so the latest start is 30 minutes late whatever the
    order: objective = 1 point x 30 x 60 = 1800 (no idle time before it)."""
    problem = week(
        [worker("bea")],
        [person("ann"), person("cal")],
        [
            session("s1", "ann", 0, "09:00", "09:30", latest_start="09:00"),
            session("s3", "cal", 0, "09:00", "09:30", latest_start="09:00"),
        ],
    )
    result = solve(problem, covering(WINDOW, max_lateness=1))
    assert sorted([_start(result, "s1"), _start(result, "s3")]) == [540, 570]
    assert penalty(result, "max_lateness") == 30 * SCALE


@pytest.mark.parametrize("latest", ["08:59"])
def test_latest_start_before_start_is_an_error(latest: str) -> None:
    """lateness: a window whose latest_start is before its start is refused with
    both times named."""
    with pytest.raises(ValueError, match="latest_start 08:59 is before start 09:00"):
        session("s1", "ann", 0, "09:00", "09:30", latest_start=latest)


def test_lateness_check_accepts_any_minute_of_the_window() -> None:
    """lateness: a hand rota may start a window session at any minute (09:07),
    not only on the model's steps; past the late allowance (10:01 with 30 minutes
    allowed after 09:30) it is a time the person never agreed to (``flex``).
    09:07 is on time, so lateness is 0."""
    problem = _busy_morning("09:30")
    policy = covering(WINDOW, lateness=1)
    inside = check(problem, policy, assign("s1", "bea", 0, "09:07", "09:37"))
    assert inside.ok
    assert penalty(inside, "lateness") == 0
    beyond = check(problem, policy, assign("s1", "bea", 0, "10:01", "10:31"))
    assert {v.rule for v in beyond.violations} == {"flex"}


def test_lateness_start_times_offered() -> None:
    """lateness: a 2-hour window in 10-minute steps offers 13 starts; 120 minutes
    of late allowance adds 1, 2, 4 and 8 steps late and the last late start only,
    so a long allowance stays cheap; no allowance adds none."""
    inside = list(range(0, 121, 10))
    assert window_shifts(120, 120, 10) == [*inside, 130, 140, 160, 200, 240]
    assert window_shifts(120, 0, 10) == inside
    assert window_shifts(25, 0, 10) == [0, 10, 20, 25]
