"""Asks: the cheapest requests that would cover what a rota leaves uncovered.

Weeks start on Monday 30 November 2026 (day 0). With the default ask weights an
ask for one hour costs its kind's weight plus 2 for the hour: availability 12,
move by an hour 14, and each earlier ask to the same person adds 5.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import (
    agreement,
    covering,
    day,
    hhmm,
    journey,
    person,
    session,
    solve,
    week,
    window,
)
from helpers import worker as make_worker

from rota.io import load_problem, write_folder
from rota.model import Ask, Problem, PublishedAssignment
from rota.negotiation import cannot_cover, propose_asks, record_answer
from rota.policy import Policy, load_policy
from rota.policy.settings import AskWeights

POLICY = covering()


def asks_for(problem: Problem, policy: Policy = POLICY) -> list[Ask]:
    """Solve the week, then propose asks for what is left uncovered."""
    result = solve(problem, policy)
    return propose_asks(result.data, result.plan)


def late_week(agreements=()) -> Problem:
    """Tuesday 17:00-18:00 medication for u1; w1 and w2 have medication and state
    09:00-17:00; w2 has answered an ask before; w3 is unskilled and free, w4 has
    the skill, is free, but u1 excluded them."""
    return week(
        [
            make_worker("w1", skills=("medication",)),
            make_worker("w2", skills=("medication",)),
            make_worker("w3"),
            make_worker("w4", skills=("medication",)),
        ],
        [person("u1", excluded_workers=("w4",))],
        [session("s1", "u1", 1, "17:00", "18:00", skills_required=("medication",))],
        availability=[
            window("w1", 1, "09:00", "17:00"),
            window("w2", 1, "09:00", "17:00"),
        ],
        agreements=[
            agreement("old", "w2", "availability", date=3, start="10:00", end="11:00"),
            *agreements,
        ],
    )


def test_wider_availability_gives_exactly_that_ask() -> None:
    """Only a worker's time outside their stated hours can cover the session: one
    availability ask, to the cheapest such worker, for exactly the session's time;
    the unskilled and the excluded worker are never asked."""
    (ask,) = asks_for(late_week())
    assert (ask.to_id, ask.kind, ask.session_ids) == ("w1", "availability", ("s1",))
    assert (ask.date, ask.start, ask.end) == (day(1), hhmm("17:00"), hhmm("18:00"))
    assert ask.cost == 12.0 and ask.group is None
    assert ask.message == (
        "W1, would you work Tuesday 1 Dec 17:00-18:00, outside the hours you "
        "stated, to support U1 (session s1)?"
    )


def test_no_gives_the_next_best_ask_then_cannot_be_covered() -> None:
    """Each 'no' moves on to the next-cheapest ask (the person moving the session
    an hour earlier, then the worker asked before), and when everyone has said no
    the session plainly cannot be covered."""
    refusals = [
        agreement("n1", "w1", "availability", date=1, start="17:00", end="18:00"),
        agreement(
            "n2", "u1", "move", session_id="s1", date=1, start="16:00", end="17:00"
        ),
        agreement("n3", "w2", "availability", date=1, start="17:00", end="18:00"),
    ]
    refusals = [a.model_copy(update={"answer": "no"}) for a in refusals]
    (second,) = asks_for(late_week(refusals[:1]))
    assert (second.to_id, second.kind) == ("u1", "move")
    assert (second.start, second.end, second.cost) == (
        hhmm("16:00"),
        hhmm("17:00"),
        14.0,
    )
    (third,) = asks_for(late_week(refusals[:2]))
    assert (third.to_id, third.kind, third.cost) == ("w2", "availability", 17.0)
    problem = late_week(refusals)
    result = solve(problem, POLICY)
    assert propose_asks(result.data, result.plan) == []
    assert cannot_cover(result.data, result.plan, []) == {
        0: "cannot be covered: all 3 workers with the skills are unavailable or "
        "busy: 2 not available, 1 excluded by the person"
    }


def test_later_start_gives_the_person_a_move_ask() -> None:
    """The only worker is unavailable (leave) until 09:00, so no worker can be
    asked; the person is asked to start at 09:00 instead of 08:00."""
    problem = week(
        [make_worker("w1")],
        [person("u1")],
        [session("s1", "u1", 1, "08:00", "09:00")],
        availability=[
            window("w1", 1, "09:00", "17:00"),
            window("w1", 1, "06:00", "09:00", "unavailable"),
        ],
    )
    (ask,) = asks_for(problem)
    assert (ask.to_id, ask.kind, ask.session_ids) == ("u1", "move", ("s1",))
    assert (ask.date, ask.start, ask.end) == (day(1), hhmm("09:00"), hhmm("10:00"))
    assert ask.message == (
        "U1, could session s1 on Tuesday 1 Dec run 09:00-10:00 instead of 08:00-09:00?"
    )


def test_weekly_maximum_gives_an_overtime_ask_of_the_exact_minutes() -> None:
    """Two hours a week at most, the essential two hours covered: the standard
    hour needs 60 minutes of overtime."""
    problem = week(
        [make_worker("w1", max_hours=2)],
        [person("u1")],
        [
            session("s1", "u1", 0, "09:00", "11:00", priority="essential"),
            session("s2", "u1", 1, "09:00", "10:00"),
        ],
    )
    (ask,) = asks_for(problem)
    assert (ask.to_id, ask.kind, ask.extra_minutes) == ("w1", "overtime", 60)
    assert ask.session_ids == ("s2",)
    assert "1 hour above your maximum of 2 hours in week 1" in ask.message


def test_long_journey_gives_a_travel_ask() -> None:
    """A 50-minute journey against a 30-minute limit: a travel ask for the session."""
    problem = week(
        [make_worker("w1", max_travel_minutes=30)],
        [person("u1", lat=55.9)],
        [session("s1", "u1", 0, "09:00", "10:00")],
        travel=journey("w1", "u1", 50),
    )
    (ask,) = asks_for(problem)
    assert (ask.to_id, ask.kind, ask.session_ids) == ("w1", "travel", ("s1",))
    assert "50-minute journey (your maximum is 30)" in ask.message


def test_double_up_asks_share_a_group() -> None:
    """Both workers of a double-up are outside their stated hours: two asks that
    only work together, in one group."""
    problem = week(
        [make_worker("w1"), make_worker("w2")],
        [person("u1")],
        [session("s1", "u1", 1, "17:00", "18:00", staff_required=2)],
        availability=[
            window("w1", 1, "09:00", "17:00"),
            window("w2", 1, "09:00", "17:00"),
        ],
    )
    policy = POLICY.model_copy(update={"asks": AskWeights(max_move_minutes=0)})
    asks = asks_for(problem, policy)
    assert sorted(a.to_id for a in asks) == ["w1", "w2"]
    assert {a.group for a in asks} == {"G1"}
    assert {a.kind for a in asks} == {"availability"}


def test_essential_care_comes_first_when_a_worker_can_only_be_asked_once() -> None:
    """With one ask per person allowed, the worker's one ask is for the essential
    session, not the flexible one listed before it."""
    problem = week(
        [make_worker("w1")],
        [person("u1"), person("u2")],
        [
            session("fun", "u2", 1, "17:00", "18:00", priority="flexible"),
            session("meds", "u1", 2, "17:00", "18:00", priority="essential"),
        ],
        availability=[
            window("w1", 1, "09:00", "17:00"),
            window("w1", 2, "09:00", "17:00"),
        ],
    )
    weights = AskWeights(max_move_minutes=0, max_asks_per_person=1)
    (ask,) = asks_for(problem, POLICY.model_copy(update={"asks": weights}))
    assert (ask.to_id, ask.session_ids) == ("w1", ("meds",))


def mixed_week() -> Problem:
    """One session for each kind of ask, kept apart by skills: availability (a),
    move (m), overtime (o, after o0), travel (t) and a double-up (d) whose
    workers stop five hours before it (too far to move)."""
    workers = [
        make_worker("wa", skills=("a",)),
        make_worker("wm", skills=("m",)),
        make_worker("wo", skills=("o",), max_hours=2),
        make_worker("wt", skills=("t",), max_travel_minutes=30),
        make_worker("wd1", skills=("d",)),
        make_worker("wd2", skills=("d",)),
    ]
    people = [person("u1"), person("u2", lat=55.9)]
    sessions = [
        session("a", "u1", 1, "17:00", "18:00", skills_required=("a",)),
        session("m", "u1", 2, "08:00", "09:00", skills_required=("m",)),
        session(
            "o0",
            "u1",
            0,
            "09:00",
            "11:00",
            skills_required=("o",),
            priority="essential",
        ),
        session("o", "u1", 3, "09:00", "10:00", skills_required=("o",)),
        session("t", "u2", 3, "12:00", "13:00", skills_required=("t",)),
        session(
            "d", "u1", 4, "17:00", "18:00", skills_required=("d",), staff_required=2
        ),
    ]
    windows = [
        window("wa", 1, "09:00", "17:00"),
        window("wm", 2, "09:00", "17:00"),
        window("wm", 2, "06:00", "09:00", "unavailable"),
        window("wd1", 4, "09:00", "12:00"),
        window("wd2", 4, "09:00", "12:00"),
    ]
    return week(
        workers, people, sessions, availability=windows, travel=journey("wt", "u2", 50)
    )


def test_yes_to_every_ask_covers_the_week(tmp_path: Path) -> None:
    """Record 'yes' to every ask in the data folder's agreements.csv, load it again
    and solve: every session is covered, and only the asked-for rules widened."""
    problem = mixed_week()
    policy = POLICY.model_copy(update={"asks": AskWeights(max_move_minutes=60)})
    first = solve(problem, policy)
    uncovered = {first.data.sessions[s].id for s in first.uncovered}
    assert uncovered == {"a", "m", "o", "t", "d"}
    asks = propose_asks(first.data, first.plan)
    assert {(a.to_id, a.kind) for a in asks} == {
        ("wa", "availability"),
        ("u1", "move"),
        ("wo", "overtime"),
        ("wt", "travel"),
        ("wd1", "availability"),
        ("wd2", "availability"),
    }
    folder = write_folder(problem, tmp_path / "week")
    for ask in asks:
        record_answer(folder, ask, "yes", at=dt.datetime(2026, 11, 27, 10, 0))
    again = solve(load_problem(folder), policy)
    assert again.uncovered == []
    assert {a.session_ids[0] for a in asks} == uncovered
    (group,) = {a.group for a in asks if a.session_ids == ("d",)}
    assert group is not None
    assert all(a.group is None for a in asks if a.session_ids != ("d",))


def test_policy_file_sets_the_ask_limits(tmp_path: Path) -> None:
    """An [asks] section in a policy file overrides the defaults: with moves
    limited to 0 minutes, the person whose session only a move could cover is not
    asked."""
    path = tmp_path / "strict.toml"
    path.write_text("[asks]\nmax_move_minutes = 0\nrepeat = 9\n")
    policy = load_policy(path)
    assert (policy.asks.max_move_minutes, policy.asks.repeat) == (0, 9.0)
    assert load_policy().asks == AskWeights()
    problem = week(
        [make_worker("w1")],
        [person("u1")],
        [session("s1", "u1", 1, "08:00", "09:00")],
        availability=[
            window("w1", 1, "09:00", "17:00"),
            window("w1", 1, "06:00", "09:00", "unavailable"),
        ],
    )
    strict = POLICY.model_copy(update={"asks": policy.asks})
    assert asks_for(problem, strict) == []


def test_a_change_of_published_time_is_asked_of_the_person(tmp_path: Path) -> None:
    """s1 was published to Bea for 09:00 and may move an hour (flex 60), but Bea is
    now unavailable until 10:00: moving it inside the notice period needs Ann's yes
    (rule consent), so Ann is asked (change, 10 + 2 for the hour moved = 12), and
    once she says yes the next solve runs s1 at 10:00 with Bea."""
    problem = week(
        [make_worker("bea")],
        [person("ann")],
        [session("s1", "ann", 0, "09:00", "10:00", flex_minutes=60)],
        availability=[window("bea", 0, "07:00", "10:00", "unavailable")],
        published=(
            PublishedAssignment(
                session_id="s1", worker_id="bea", date=day(0), start=hhmm("09:00")
            ),
        ),
    )
    policy = covering({"notice_days": 2})
    (ask,) = asks_for(problem, policy)
    assert (ask.to_id, ask.kind, ask.session_ids, ask.cost) == (
        "ann",
        "change",
        ("s1",),
        12.0,
    )
    assert (ask.start, ask.end) == (hhmm("10:00"), hhmm("11:00"))
    assert ask.message == (
        "ANN, could session s1 on Monday 30 Nov run 10:00-11:00 instead of the "
        "published 09:00-10:00, at short notice?"
    )
    folder = write_folder(problem, tmp_path / "week")
    record_answer(folder, ask, "yes")
    (again,) = solve(load_problem(folder), policy).assignments
    assert (again.worker_id, again.start) == ("bea", dt.datetime(2026, 11, 30, 10))
