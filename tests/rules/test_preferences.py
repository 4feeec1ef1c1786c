"""Rules ``undesired_time`` and ``preferred_unused``: workers' soft wishes."""

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
    window,
    worker,
)

from rota.solver.data import SCALE


def test_undesired_time_sends_someone_else() -> None:
    """undesired_time: Bea marked Monday 09:00-10:00 undesired (window weight 2);
    Ann prefers Bea (non_preferred 2 an hour).

    Bea: 10 x 60 x 2 = 1200. Cal: non-preferred 2 x 60 = 120. Expected: Cal, 120.
    """
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann", preferred_workers=("bea",))],
        [session("s1", "ann", 0, "09:00", "10:00")],
        availability=[
            window("bea", 0, "08:00", "12:00"),
            window("bea", 0, "09:00", "10:00", "undesired", weight=2),
        ],
    )
    result = solve(problem, covering(undesired_time=10, non_preferred_worker=2))
    assert rostered(result) == {("s1", "cal")}
    assert result.objective_raw == 120


def test_undesired_time_check_prices_the_overlap_only() -> None:
    """undesired_time: 30 of the session's minutes fall in the undesired window
    (weight 1 when not given): 10 x 30 = 300. An undesired window also counts as
    stated availability, so the session is allowed inside it."""
    problem = week(
        [worker("bea")],
        [person("ann")],
        [session("s1", "ann", 0, "09:30", "10:30")],
        availability=[
            window("bea", 0, "08:00", "12:00"),
            window("bea", 0, "09:00", "10:00", "undesired"),
        ],
    )
    report = check(
        problem, covering(undesired_time=10), assign("s1", "bea", 0, "09:30", "10:30")
    )
    assert report.ok
    assert penalty(report, "undesired_time") == 300
    only_undesired = week(
        [worker("bea")],
        [person("ann")],
        [session("s1", "ann", 0, "09:00", "10:00")],
        availability=[window("bea", 0, "09:00", "10:00", "undesired")],
    )
    report = check(
        only_undesired,
        covering(undesired_time=10),
        assign("s1", "bea", 0, "09:00", "10:00"),
    )
    assert report.ok
    assert penalty(report, "undesired_time") == 600


def test_preferred_unused_gives_the_worker_her_preferred_time() -> None:
    """preferred_unused: Bea prefers Tuesday 09:00-12:00 (window weight 2); Ann
    prefers Cal (non_preferred 2 an hour).

    Cal: Bea's window unused 2 x 60 x 2 = 240. Bea: non-preferred 2 x 60 = 120.
    Expected: Bea, 120.
    """
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann", preferred_workers=("cal",))],
        [session("s1", "ann", 1, "10:00", "11:00")],
        availability=[window("bea", 1, "09:00", "12:00", "preferred", weight=2)],
    )
    result = solve(problem, covering(preferred_unused=2, non_preferred_worker=2))
    assert rostered(result) == {("s1", "bea")}
    assert result.objective_raw == 120


def test_preferred_unused_check_counts_windows_without_work() -> None:
    """preferred_unused: each preferred window with no work in it costs the weight
    (2 points = 120) times its own weight; any overlap uses it."""
    problem = week(
        [worker("bea")],
        [person("ann")],
        [session("s1", "ann", 1, "11:30", "12:30")],
        availability=[
            window("bea", 1, "09:00", "12:00", "preferred"),
            window("bea", 2, "09:00", "12:00", "preferred", weight=3),
            window("bea", 1, "12:00", "13:00"),
        ],
    )
    policy = covering(preferred_unused=2)
    assert penalty(check(problem, policy), "preferred_unused") == 2 * SCALE * (1 + 3)
    used = check(problem, policy, assign("s1", "bea", 1, "11:30", "12:30"))
    assert used.ok
    assert penalty(used, "preferred_unused") == 2 * SCALE * 3
