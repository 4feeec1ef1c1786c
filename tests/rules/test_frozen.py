"""Rule ``frozen``: inside the frozen period nobody is added to a published session."""

from __future__ import annotations

from helpers import (
    agreement,
    assign,
    broken,
    check,
    covering,
    person,
    published,
    rostered,
    session,
    solve,
    week,
    window,
    worker,
)

from rota.model import Problem

FROZEN = {"frozen_hours": 48}
SESSIONS = [
    session("s1", "ann", 0, "09:00", "10:00"),  # Monday: inside 48 hours of now
    session("s2", "ann", 3, "09:00", "10:00"),  # Thursday: outside
]


def _yes(*workers: str) -> list:
    """Each worker's yes to changing both sessions at short notice (rule consent):
    the frozen period holds even so."""
    return [
        agreement(f"{w}-{s.session_id}", w, "change", session_id=s.session_id)
        for w in workers
        for s in SESSIONS
    ]


def _bea_off_sick() -> Problem:
    # Both sessions were published with Bea, who is now unavailable all week; Cal
    # has said yes to taking either on at short notice.
    return week(
        [worker("bea"), worker("cal")],
        [person("ann")],
        SESSIONS,
        availability=[
            window("bea", n, "00:00", "00:00", "unavailable") for n in range(7)
        ],
        published=published(("s1", "bea"), ("s2", "bea")),
        agreements=_yes("cal"),
    )


def test_frozen_session_is_left_uncovered_rather_than_reassigned() -> None:
    """frozen: a published session inside the frozen period whose worker can no
    longer take it is left uncovered, never given to someone else (not even to Cal,
    who said yes to a short-notice change); outside the period it is reassigned.

    Expected (now = Monday 00:00, frozen 48 h): s1 uncovered, Cal takes s2;
    objective = 300 x 60 = 18000. With no frozen period Cal takes both (0).
    """
    result = solve(_bea_off_sick(), covering(FROZEN))
    assert rostered(result) == {("s2", "cal")}
    assert result.objective_raw == 300 * 60
    assert solve(_bea_off_sick(), covering()).objective_raw == 0


def test_frozen_keeps_the_published_worker() -> None:
    """frozen: the published worker stays on a frozen session even when the person
    now prefers another (2 points an hour) and both workers said yes to a change;
    outside the period the rota follows the preference.

    Expected: Bea keeps s1 (non_preferred 2 x 60 = 120), Cal takes s2.
    """
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann", preferred_workers=("cal",))],
        SESSIONS,
        published=published(("s1", "bea"), ("s2", "bea")),
        agreements=_yes("bea", "cal"),
    )
    result = solve(problem, covering(FROZEN, non_preferred_worker=2))
    assert rostered(result) == {("s1", "bea"), ("s2", "cal")}
    assert result.objective_raw == 2 * 60


def test_frozen_check_reports_a_worker_added() -> None:
    """frozen: the checker flags Cal added to a frozen session, not to one outside
    the period."""
    problem = _bea_off_sick()
    inside = check(problem, covering(FROZEN), assign("s1", "cal", 0, "09:00", "10:00"))
    outside = check(problem, covering(FROZEN), assign("s2", "cal", 3, "09:00", "10:00"))
    assert broken(inside) == {"frozen"}
    assert "CAL (cal) was added" in inside.violations[0].message
    assert outside.ok
