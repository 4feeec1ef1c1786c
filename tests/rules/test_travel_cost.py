"""Rules ``travel_minutes`` and ``travel_miles``: every journey, home included."""

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


def test_travel_minutes_sends_the_nearer_worker() -> None:
    """travel_minutes: Bea lives 10 minutes from Ann, Cal 25 (1 point an hour).

    Expected: Bea covers s1; objective = 10 there + 10 back = 20.
    """
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann")],
        [session("s1", "ann", 0, "09:00", "10:00")],
        travel=journey("bea", "ann", 10) + journey("cal", "ann", 25),
    )
    result = solve(problem, covering(travel_minutes=1))
    assert rostered(result) == {("s1", "bea")}
    assert result.objective_raw == 20


def test_travel_minutes_check_counts_every_leg() -> None:
    """travel_minutes: home -> Ann 10, Ann -> Bob 15, Bob -> home 10 = 35 minutes
    at 3 points an hour = 105."""
    problem = week(
        [worker("bea")],
        [person("ann"), person("bob")],
        [
            session("s1", "ann", 0, "09:00", "10:00"),
            session("s2", "bob", 0, "10:30", "11:00"),
        ],
        travel=journey("bea", "ann", 10)
        + journey("bea", "bob", 10)
        + journey("ann", "bob", 15),
    )
    report = check(
        problem,
        covering(travel_minutes=3),
        assign("s1", "bea", 0, "09:00", "10:00"),
        assign("s2", "bea", 0, "10:30", "11:00"),
    )
    assert report.ok
    assert penalty(report, "travel_minutes") == 3 * 35


def test_travel_miles_sends_the_shorter_drive() -> None:
    """travel_miles: Bea's drive is quicker but 3.5 miles, Cal's slower but 2 miles;
    only miles are priced (1 point a mile).

    Expected: Cal covers s1; objective = 2 x 2 miles x 60 = 240.
    """
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann")],
        [session("s1", "ann", 0, "09:00", "10:00")],
        travel=journey("bea", "ann", 8, miles=3.5) + journey("cal", "ann", 12, miles=2),
    )
    result = solve(problem, covering(travel_miles=1))
    assert rostered(result) == {("s1", "cal")}
    assert result.objective_raw == 2 * 2 * SCALE


def test_travel_miles_check_prices_each_leg() -> None:
    """travel_miles: 3.5 miles each way at 2 points a mile is 2 x 3.5 x 2 x 60 = 840."""
    problem = week(
        [worker("bea")],
        [person("ann")],
        [session("s1", "ann", 0, "09:00", "10:00")],
        travel=journey("bea", "ann", 8, miles=3.5),
    )
    report = check(
        problem, covering(travel_miles=2), assign("s1", "bea", 0, "09:00", "10:00")
    )
    assert penalty(report, "travel_miles") == 840
