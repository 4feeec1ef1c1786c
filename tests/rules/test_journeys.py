"""Rules ``max_journey`` and ``travel_time``: no journey over the worker's maximum,
no overlap, and time to get from one session to the next."""

from __future__ import annotations

import pytest
from helpers import (
    agreement,
    assign,
    broken,
    check,
    covering,
    journey,
    person,
    rostered,
    session,
    solve,
    week,
    worker,
)

from rota.model import Problem, TravelEntry

POLICY = covering()


def test_max_journey_from_home_over_the_maximum_leaves_it_uncovered() -> None:
    """max_journey: a 50-minute journey from home is over the default 45 minutes.

    Bea is the only worker and lives 50 minutes from Ann. Expected: s1 uncovered,
    objective = 300 x 60 = 18000.
    """
    problem = week(
        [worker("bea")],
        [person("ann")],
        [session("s1", "ann", 0, "09:00", "10:00")],
        travel=journey("bea", "ann", 50),
    )
    result = solve(problem, POLICY)
    assert rostered(result) == set()
    assert result.objective_raw == 300 * 60


def test_max_journey_own_maximum_or_agreement_allows_it() -> None:
    """max_journey: the worker's own max_travel_minutes wins over the policy's, and a
    'yes' to a travel request allows the longer journey for that session only.

    Expected: with max_travel_minutes 60, Bea covers s1 (objective 0); with a travel
    agreement for s1 she covers s1 but still not s2 (objective 300 x 60 = 18000).
    """
    sessions = [
        session("s1", "ann", 0, "09:00", "10:00"),
        session("s2", "ann", 1, "09:00", "10:00"),
    ]
    longer = week(
        [worker("bea", max_travel_minutes=60)],
        [person("ann")],
        sessions,
        travel=journey("bea", "ann", 50),
    )
    agreed = week(
        [worker("bea")],
        [person("ann")],
        sessions,
        travel=journey("bea", "ann", 50),
        agreements=[agreement("a1", "bea", "travel", session_id="s1")],
    )
    assert solve(longer, POLICY).objective_raw == 0
    result = solve(agreed, POLICY)
    assert rostered(result) == {("s1", "bea")}
    assert result.objective_raw == 300 * 60


def test_max_journey_between_visits_counts_too() -> None:
    """max_journey: a 50-minute journey between two visits is over the maximum even
    with an hour to make it.

    Bea lives 10 minutes from Ann and from Bob, who live 50 minutes apart. Ann's
    s1 is essential, so Bob's s2 is left. Expected: objective = 300 x 60 = 18000.
    """
    problem = week(
        [worker("bea")],
        [person("ann"), person("bob")],
        [
            session("s1", "ann", 0, "09:00", "10:00", priority="essential"),
            session("s2", "bob", 0, "11:00", "12:00"),
        ],
        travel=journey("bea", "ann", 10)
        + journey("bea", "bob", 10)
        + journey("ann", "bob", 50),
    )
    result = solve(problem, POLICY)
    assert rostered(result) == {("s1", "bea")}
    assert result.objective_raw == 300 * 60


def test_max_journey_check_reports_the_long_leg() -> None:
    """max_journey: the checker flags a rota whose journey is over the maximum."""
    problem = week(
        [worker("bea")],
        [person("ann")],
        [session("s1", "ann", 0, "09:00", "10:00")],
        travel=journey("bea", "ann", 50),
    )
    report = check(problem, POLICY, assign("s1", "bea", 0, "09:00", "10:00"))
    assert broken(report) == {"max_journey"}
    assert "50-minute" in report.violations[0].message


def _two_visits(second_start: str) -> Problem:
    # Ann and Bob live 30 minutes apart; Bea (the only worker) near both.
    return week(
        [worker("bea")],
        [person("ann"), person("bob")],
        [
            session("s1", "ann", 0, "09:00", "10:00", priority="essential"),
            session("s2", "bob", 0, second_start, "11:00"),
        ],
        travel=journey("ann", "bob", 30),
    )


def test_travel_time_a_journey_that_does_not_fit_leaves_the_second_visit() -> None:
    """travel_time: a 30-minute journey does not fit in a 15-minute gap, and fits
    exactly in a 30-minute one.

    Expected: s2 at 10:15 uncovered (45 min x 300 = 13500); at 10:30 both covered (0).
    """
    tight = solve(_two_visits("10:15"), POLICY)
    assert rostered(tight) == {("s1", "bea")}
    assert tight.objective_raw == 300 * 45
    fits = solve(_two_visits("10:30"), POLICY)
    assert rostered(fits) == {("s1", "bea"), ("s2", "bea")}
    assert fits.objective_raw == 0


def test_travel_time_no_overlap_across_midnight() -> None:
    """travel_time: a sleep-in ending at 07:00 overlaps a 06:30 visit the next day,
    even with the daily-rest rule switched off.

    Expected: the essential sleep-in covered, the 06:30 visit uncovered (18000).
    """
    problem = week(
        [worker("bea")],
        [person("ann")],
        [
            session("s1", "ann", 0, "22:00", "07:00", priority="essential"),
            session("s2", "ann", 1, "06:30", "07:30"),
        ],
    )
    result = solve(problem, covering({"min_rest_hours": 0}))
    assert rostered(result) == {("s1", "bea")}
    assert result.objective_raw == 300 * 60


def test_travel_time_check_reports_overlap_and_short_journey() -> None:
    """travel_time: the checker flags overlapping sessions and a journey that does
    not fit the gap, and passes one that does."""
    short = check(
        _two_visits("10:15"),
        POLICY,
        assign("s1", "bea", 0, "09:00", "10:00"),
        assign("s2", "bea", 0, "10:15", "11:00"),
    )
    fits = check(
        _two_visits("10:30"),
        POLICY,
        assign("s1", "bea", 0, "09:00", "10:00"),
        assign("s2", "bea", 0, "10:30", "11:00"),
    )
    overlap = check(
        _two_visits("09:30"),
        POLICY,
        assign("s1", "bea", 0, "09:00", "10:00"),
        assign("s2", "bea", 0, "09:30", "11:00"),
    )
    assert broken(short) == {"travel_time"}
    assert "30 minutes" in short.violations[0].message
    assert fits.ok
    assert broken(overlap) == {"travel_time"}
    assert "overlaps" in overlap.violations[0].message


@pytest.mark.xfail(
    strict=True,
    reason="known limit: max_journey's cheap filter rejects a session whose journey "
    "home is too long even when the worker goes on to another visit instead",
)
def test_max_journey_only_journeys_actually_made_count() -> None:
    """max_journey: only the journeys of the rota count. travel.csv lists the
    journey from Ann's home to Bea's as 50 minutes (one way only), but Bea goes on
    from Ann to Bob, who lives next door to both, and home from there.

    Valid by the checker, so expected: Bea covers both visits, objective 0.
    """
    problem = week(
        [worker("bea")],
        [person("ann"), person("bob")],
        [
            session("s1", "ann", 0, "09:00", "10:00"),
            session("s2", "bob", 0, "10:30", "11:00"),
        ],
        travel=[TravelEntry(from_id="ann", to_id="bea", minutes=50)],
    )
    both = [
        assign("s1", "bea", 0, "09:00", "10:00"),
        assign("s2", "bea", 0, "10:30", "11:00"),
    ]
    assert check(problem, POLICY, *both).ok
    result = solve(problem, POLICY)
    assert result.objective_raw == 0
