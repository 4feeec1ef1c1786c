"""Rules ``continuity``, ``distinct_workers`` and ``non_preferred_worker``: few
different faces, and the workers a person prefers."""

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

# Bea and Cal each have a 1-hour contract (shortfall 10 points an hour), so sharing
# Ann's two visits would honour both contracts.
WORKERS = [worker("bea", contracted_hours=1), worker("cal", contracted_hours=1)]
VISITS = [
    session("s1", "ann", 0, "09:00", "10:00"),
    session("s2", "ann", 1, "09:00", "10:00"),
]


def test_continuity_keeps_one_face_when_the_person_asks() -> None:
    """continuity: Ann wants one worker at most (15 points per extra face = 900).

    Sharing: continuity 900. One worker: the other's shortfall 60 x 10 = 600.
    Expected: one worker for both, objective 600. Without the wish: sharing, 0.
    """
    policy = covering(continuity=15, contract_shortfall=10)
    wish = week(WORKERS, [person("ann", max_distinct_workers=1)], VISITS)
    result = solve(wish, policy)
    assert len({w for _, w in rostered(result)}) == 1
    assert result.objective_raw == 600
    assert solve(week(WORKERS, [person("ann")], VISITS), policy).objective_raw == 0


def test_continuity_check_prices_faces_beyond_the_wish() -> None:
    """continuity: three workers against a wish of one is two extra: 2 x 15 x 60."""
    problem = week(
        [*WORKERS, worker("dee")],
        [person("ann", max_distinct_workers=1)],
        [*VISITS, session("s3", "ann", 2, "09:00", "10:00")],
    )
    report = check(
        problem,
        covering(continuity=15),
        assign("s1", "bea", 0, "09:00", "10:00"),
        assign("s2", "cal", 1, "09:00", "10:00"),
        assign("s3", "dee", 2, "09:00", "10:00"),
    )
    assert penalty(report, "continuity") == 2 * 15 * SCALE


def test_distinct_workers_prefers_fewer_faces() -> None:
    """distinct_workers: 20 points per face. One worker: 1200 + shortfall 600 =
    1800; sharing: 2400. Expected: one worker, 1800."""
    problem = week(WORKERS, [person("ann")], VISITS)
    result = solve(problem, covering(distinct_workers=20, contract_shortfall=10))
    assert len({w for _, w in rostered(result)}) == 1
    assert result.objective_raw == 1800


def test_distinct_workers_check_counts_per_person() -> None:
    """distinct_workers: Ann sees two workers, Bob one: 3 faces x 1 point = 180;
    a double-up counts both workers."""
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann"), person("bob")],
        [
            session("s1", "ann", 0, "09:00", "10:00", staff_required=2),
            session("s2", "bob", 1, "09:00", "10:00"),
        ],
    )
    report = check(
        problem,
        covering(distinct_workers=1),
        assign("s1", "bea", 0, "09:00", "10:00"),
        assign("s1", "cal", 0, "09:00", "10:00"),
        assign("s2", "bea", 1, "09:00", "10:00"),
    )
    assert penalty(report, "distinct_workers") == 3 * SCALE


def test_non_preferred_worker_sends_the_preferred_worker_further() -> None:
    """non_preferred_worker: Ann prefers Bea, who lives 20 minutes away; Cal lives
    next door. Bea: travel 40 x 1 = 40. Cal: 2 x 120 = 240. Expected: Bea, 40.
    """
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann", preferred_workers=("bea",))],
        [session("s1", "ann", 0, "09:00", "11:00")],
        travel=journey("bea", "ann", 20),
    )
    result = solve(problem, covering(non_preferred_worker=2, travel_minutes=1))
    assert rostered(result) == {("s1", "bea")}
    assert result.objective_raw == 40


def test_non_preferred_worker_check_prices_hours_only_with_a_preference() -> None:
    """non_preferred_worker: 2 hours with Cal when Ann prefers Bea is 2 x 120 = 240;
    Bob states no preference, so any worker is free of charge."""
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann", preferred_workers=("bea",)), person("bob")],
        [
            session("s1", "ann", 0, "09:00", "11:00"),
            session("s2", "bob", 1, "09:00", "11:00"),
        ],
    )
    report = check(
        problem,
        covering(non_preferred_worker=2),
        assign("s1", "cal", 0, "09:00", "11:00"),
        assign("s2", "cal", 1, "09:00", "11:00"),
    )
    assert penalty(report, "non_preferred_worker") == 240
