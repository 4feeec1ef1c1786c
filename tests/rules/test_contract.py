"""Rules ``contract_shortfall`` and ``overtime``: hours against the contract."""

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


def test_contract_shortfall_offers_contracted_hours_first() -> None:
    """contract_shortfall: the 2-hour visit goes to Bea (contract 3 h) although Ann
    prefers Cal (contract 0), because Bea's lost hours cost more.

    Bea: shortfall 60 min x 10 = 600, plus non-preferred 2 x 120 = 240 -> 840.
    Cal: Bea's shortfall 180 x 10 = 1800. Expected: Bea, objective 840.
    """
    problem = week(
        [worker("bea", contracted_hours=3), worker("cal")],
        [person("ann", preferred_workers=("cal",))],
        [session("s1", "ann", 0, "09:00", "11:00")],
    )
    result = solve(problem, covering(contract_shortfall=10, non_preferred_worker=2))
    assert rostered(result) == {("s1", "bea")}
    assert result.objective_raw == 840


def test_contract_shortfall_check_is_per_week() -> None:
    """contract_shortfall: over a fortnight a week with no work loses the whole
    contract: 3 h contract, 2 h worked in week 1 -> (60 + 180) x 10 = 2400."""
    problem = week(
        [worker("bea", contracted_hours=3)],
        [person("ann")],
        [session("s1", "ann", 0, "09:00", "11:00")],
        days=14,
    )
    report = check(
        problem,
        covering(contract_shortfall=10),
        assign("s1", "bea", 0, "09:00", "11:00"),
    )
    assert penalty(report, "contract_shortfall") == 2400


def test_overtime_goes_to_the_worker_with_contract_room() -> None:
    """overtime: Ann prefers Bea (contract 1 h), Cal has a 2 h contract.

    Bea: 60 minutes over contract x 3 = 180. Cal: non-preferred 120 x 2 = 240.
    Expected: Bea, objective 180. With overtime at 5 an hour (300) Cal, 240.
    """
    problem = week(
        [worker("bea", contracted_hours=1), worker("cal", contracted_hours=2)],
        [person("ann", preferred_workers=("bea",))],
        [session("s1", "ann", 0, "09:00", "11:00")],
    )
    cheap = solve(problem, covering(overtime=3, non_preferred_worker=2))
    assert rostered(cheap) == {("s1", "bea")}
    assert cheap.objective_raw == 180
    dear = solve(problem, covering(overtime=5, non_preferred_worker=2))
    assert rostered(dear) == {("s1", "cal")}
    assert dear.objective_raw == 240


def test_overtime_check_counts_paid_travel() -> None:
    """overtime: paid travel counts, so 2 h of visits with a 30-minute journey
    between them for a 2 h contract is 30 minutes over -> 3 x 30 = 90."""
    problem = week(
        [worker("bea", contracted_hours=2)],
        [person("ann"), person("bob")],
        [
            session("s1", "ann", 0, "09:00", "10:00"),
            session("s2", "bob", 0, "10:30", "11:30"),
        ],
        travel=journey("ann", "bob", 30),
    )
    report = check(
        problem,
        covering(overtime=3),
        assign("s1", "bea", 0, "09:00", "10:00"),
        assign("s2", "bea", 0, "10:30", "11:30"),
    )
    assert penalty(report, "overtime") == 90
