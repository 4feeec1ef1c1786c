"""One worker's week, one person's week, and hours against contract.

The week (from Monday 30 Nov 2026; journeys 0 minutes except those listed):

=====  ======  =================  ======================  ===========
id     person  when               where                   rota
=====  ======  =================  ======================  ===========
S1     Smith   Mon 09:00-10:00    Smith's home            ann
S2     Jones   Mon 11:00-12:00    Jones's home            ann, bea (a double-up)
S3     Jones   Tue 14:00-15:00    Leisure Centre (away)   ann
S4     Smith   Wed 18:00-19:00    an outing, no address   ann
S5     Jones   Thu 09:00-10:00    Jones's home            (none)
=====  ======  =================  ======================  ===========

Smith's address is "12 Elm Street, Paisley"; Jones has none, so visits at Jones's
home show the coordinates. Journeys: Ann's home to Smith's 10 minutes, Smith's to
Jones's 25, Ann's home to the Leisure Centre 30 and to S4's place 20 (each both
ways); Jones's home to Ann's is not listed and both are at one spot: 0.
"""

from __future__ import annotations

import pytest
from helpers import HOME, assign, at, journey, only, person, session, week, worker

from rota.reports import HOURS_COLUMNS, hours_table, person_week, worker_week

PROBLEM = week(
    [
        worker("ann", name="Ann", contracted_hours=5, max_hours=6),
        worker("bea", name="Bea"),
    ],
    [
        person("u1", name="Smith", address="12 Elm Street, Paisley"),
        person(
            "u2",
            name="Jones",
            weekly_budget=100,
            charge_rate=20,
            max_distinct_workers=1,
        ),
    ],
    [
        session("S1", "u1", 0, "09:00", "10:00", priority="essential"),
        session("S2", "u2", 0, "11:00", "12:00", staff_required=2),
        session(
            "S3",
            "u2",
            1,
            "14:00",
            "15:00",
            lat=55.8995,
            lon=-4.4393,
            address="Leisure Centre, Paisley",
            kind="outing",
        ),
        session("S4", "u1", 2, "18:00", "19:00", lat=55.81826, lon=-4.41115),
        session("S5", "u2", 3, "09:00", "10:00"),
    ],
    travel=[
        *journey("ann", "u1", 10),
        *journey("u1", "u2", 25),
        *journey("ann", "S3", 30),
        *journey("ann", "S4", 20),
    ],
)
ROTA = [
    assign("S1", "ann", 0, "09:00", "10:00"),
    assign("S2", "ann", 0, "11:00", "12:00"),
    assign("S2", "bea", 0, "11:00", "12:00"),
    assign("S3", "ann", 1, "14:00", "15:00"),
    assign("S4", "ann", 2, "18:00", "19:00"),
]
JONES_AT_HOME = f"{HOME[0]:.4f}, {HOME[1]:.4f}"


def test_worker_week_visits_with_addresses_and_journeys():
    """Each visit says where to go (the session's address, the person's, else the
    coordinates; an outing without an address shows its own coordinates, not the
    person's home), the journey to it (from home for the day's first) and who else
    is on a double-up."""
    ann = worker_week(PROBLEM, ROTA, "ann", only())
    assert [
        (v.session_id, v.address, v.journey_minutes_before, v.co_workers)
        for v in ann.visits
    ] == [
        ("S1", "12 Elm Street, Paisley", 10, ()),
        ("S2", JONES_AT_HOME, 25, ("Bea",)),
        ("S3", "Leisure Centre, Paisley", 30, ()),
        ("S4", "55.8183, -4.4112", 20, ()),
    ]
    first = ann.visits[0]
    assert (first.user_id, first.user_name, first.priority) == (
        "u1",
        "Smith",
        "essential",
    )
    assert (first.start, first.end) == (at(0, "09:00"), at(0, "10:00"))
    assert ann.visits[2].kind == "outing" and first.kind is None


def test_worker_week_hours_against_contract():
    """Ann: 4 paid hours and the 25 minutes between visits (travel counts) against 5
    contracted and 6 at most; travel is every journey, home included: Monday 10 +
    25 + 0, Tuesday 30 + 30, Wednesday 20 + 20."""
    ann = worker_week(PROBLEM, ROTA, "ann", only())
    assert (ann.name, ann.contracted_hours, ann.max_hours) == ("Ann", 5, 6)
    assert ann.paid_hours == pytest.approx(4 + 25 / 60)
    assert ann.travel_minutes == 35 + 60 + 40
    assert ann.days_worked == 3


def test_person_week_with_a_double_up_and_an_uncovered_session():
    """Jones sees both workers on the double-up, the outing's worker, and the
    uncovered Thursday session with nobody; two different workers against a wish
    of one; charged as the budget rule charges: (2 workers x 1 h + 1 h) x £20."""
    jones = person_week(PROBLEM, ROTA, "u2", only())
    assert [(s.session_id, s.workers, s.covered) for s in jones.sessions] == [
        ("S2", ("Ann", "Bea"), True),
        ("S3", ("Ann",), True),
        ("S5", (), False),
    ]
    assert jones.sessions[2].start == at(3, "09:00")
    assert (jones.distinct_workers, jones.max_distinct_workers) == (2, 1)
    assert (jones.charged, jones.weekly_budget) == (60.0, 100)


def test_hours_table_has_a_row_per_worker():
    """One row per worker in the problem's order, Bea (0 contracted, 1 h on the
    double-up) one hour over her contract."""
    header, rows = hours_table(PROBLEM, ROTA, only())
    assert tuple(header) == HOURS_COLUMNS
    assert rows[1] == ["bea", "Bea", 0, 48, 1.0, 1.0, 0, 1]
    assert rows[0][:3] == ["ann", "Ann", 5] and rows[0][5] == round(4 + 25 / 60 - 5, 2)


def test_unknown_ids_are_refused():
    """A worker or person not in the problem is a clear error, not an empty week."""
    with pytest.raises(ValueError, match="'zed' is not a worker"):
        worker_week(PROBLEM, ROTA, "zed", only())
    with pytest.raises(ValueError, match="'u9' is not a person"):
        person_week(PROBLEM, ROTA, "u9", only())
