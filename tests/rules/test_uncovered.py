"""Rules ``uncovered_essential``, ``uncovered_standard`` and ``uncovered_flexible``:
each hour left uncovered, priced by the session's priority."""

from __future__ import annotations

from helpers import (
    agreement,
    assign,
    check,
    covering,
    penalty,
    person,
    rostered,
    session,
    solve,
    week,
    worker,
)

POLICY = covering()  # 1000 / 300 / 100 points an hour
# Three sessions at once; Bea, the only worker, can take one.
SESSIONS = [
    session("ess", "ann", 0, "09:00", "09:30", priority="essential"),  # 30 min
    session("std", "ann", 0, "09:00", "11:00"),  # 120 min
    session("flex", "ann", 0, "09:00", "10:00", priority="flexible"),  # 60 min
]


def test_uncovered_weights_per_hour_by_priority() -> None:
    """uncovered_essential, uncovered_standard, uncovered_flexible: penalties are
    per hour, so a long standard session can outweigh a short essential one.

    Leaving ess costs 1000 x 30 = 30000, std 300 x 120 = 36000, flex 100 x 60 =
    6000. Expected: Bea covers std; objective = 30000 + 6000 = 36000.
    """
    result = solve(week([worker("bea")], [person("ann")], SESSIONS), POLICY)
    assert rostered(result) == {("std", "bea")}
    assert penalty(result, "uncovered_essential") == 30000
    assert penalty(result, "uncovered_standard") == 0
    assert penalty(result, "uncovered_flexible") == 6000
    assert result.objective_raw == 36000


def test_uncovered_essential_first_when_weights_say_so() -> None:
    """uncovered_essential: raising its weight to 5000 an hour makes the short
    essential session the one to cover (5000 x 30 = 150000 > 36000).

    Expected: Bea covers ess; objective = 36000 + 6000 = 42000.
    """
    problem = week([worker("bea")], [person("ann")], SESSIONS)
    result = solve(problem, covering(uncovered_essential=5000))
    assert rostered(result) == {("ess", "bea")}
    assert result.objective_raw == 42000


def test_uncovered_check_prices_every_session_left() -> None:
    """uncovered_essential, uncovered_standard, uncovered_flexible: the checker
    prices an empty rota at each priority's weight times its minutes, and a covered
    session at nothing; a zero weight prices nothing."""
    problem = week([worker("bea")], [person("ann")], SESSIONS)
    empty = check(problem, POLICY)
    assert penalty(empty, "uncovered_essential") == 1000 * 30
    assert penalty(empty, "uncovered_standard") == 300 * 120
    assert penalty(empty, "uncovered_flexible") == 100 * 60
    one = check(problem, POLICY, assign("flex", "bea", 0, "09:00", "10:00"))
    assert penalty(one, "uncovered_flexible") == 0
    assert one.objective_raw == 30000 + 36000
    off = check(problem, covering(uncovered_flexible=0))
    assert "uncovered_flexible" not in off.breakdown()


def test_agreed_uncovered_keeps_a_yes_from_being_wasted() -> None:
    """agreed_uncovered: Bea said yes to an overtime ask for the essential call
    (agreements.csv names it). Without the rule the standard session (36000) wins
    Bea's one slot over the essential one (30000); with it, leaving the agreed
    essential call costs 30000 + 1000 x 30 = 60000, so Bea takes it.

    Expected: Bea covers ess; objective = 36000 (std) + 6000 (flex) = 42000, and
    agreed_uncovered prices nothing.
    """
    yes = agreement("ag1", "bea", "overtime", extra_minutes=30, session_id="ess")
    problem = week([worker("bea")], [person("ann")], SESSIONS, agreements=[yes])
    off = solve(problem, covering(agreed_uncovered=0))
    assert rostered(off) == {("std", "bea")}
    result = solve(problem, covering(agreed_uncovered=1000))
    assert rostered(result) == {("ess", "bea")}
    assert penalty(result, "agreed_uncovered") == 0
    assert result.objective_raw == 42000


def test_agreed_uncovered_check_prices_only_sessions_a_yes_names() -> None:
    """agreed_uncovered: on an empty rota the checker prices the session a yes
    names (1000 x 30 = 30000) and not the one a no names."""
    answers = [
        agreement("ag1", "bea", "travel", session_id="ess"),
        agreement("ag2", "bea", "travel", session_id="std", answer="no"),
    ]
    problem = week([worker("bea")], [person("ann")], SESSIONS, agreements=answers)
    empty = check(problem, covering(agreed_uncovered=1000))
    assert penalty(empty, "agreed_uncovered") == 30000
