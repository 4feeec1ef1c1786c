"""Why not: each worker's reasons, in the rules' own words, and unmet.csv's short form.

Weeks start on Monday 30 November 2026 (day 0); everyone lives at the same spot, so
journeys take 0 minutes unless a test lists one.
"""

from __future__ import annotations

import pytest
from helpers import assign, check, covering, journey, person, session, week, window
from helpers import worker as make_worker

from rota.check import CheckReport
from rota.negotiation import NegotiationError, explain, unmet_reasons
from rota.negotiation.why_not import SessionExplanation

POLICY = covering()


def reasons_of(found: SessionExplanation, worker_id: str) -> list[str]:
    """The messages given for one worker."""
    (entry,) = [w for w in found.workers if w.worker_id == worker_id]
    return [r.message for r in entry.reasons]


def report(problem, *assignments) -> CheckReport:
    """The checker's view of a hand-made rota (it must break no hard rule)."""
    found = check(problem, POLICY, *assignments)
    assert found.ok, found.violations
    return found


def test_outside_stated_hours_names_the_time_and_the_stated_window() -> None:
    """A worker asked for a time outside their stated availability is 'not
    available', with the hours they did state that day."""
    problem = week(
        [make_worker("w1")],
        [person("u1")],
        [session("s1", "u1", 1, "17:00", "18:00")],
        availability=[window("w1", 1, "09:00", "17:00")],
    )
    found = report(problem)
    result = explain(found.data, found.plan, "s1", "w1")
    assert reasons_of(result, "w1") == [
        "not available Tuesday 1 Dec 17:00-18:00 (stated 09:00-17:00)"
    ]
    assert not result.covered and not result.able


def test_missing_skill_and_exclusion_are_the_persons_rules() -> None:
    """A worker without the session's skill 'lacks skill'; a worker the person
    excluded is named as such; a worker who fits can take it, with a cost."""
    problem = week(
        [
            make_worker("w1"),
            make_worker("w2", skills=("medication",)),
            make_worker("w3", skills=("medication",)),
        ],
        [person("u1", excluded_workers=("w2",))],
        [session("s1", "u1", 0, "09:00", "10:00", skills_required=("medication",))],
    )
    found = report(problem)
    result = explain(found.data, found.plan, "s1")
    assert reasons_of(result, "w1") == ["lacks skill: medication"]
    assert reasons_of(result, "w2") == [
        "the person has asked not to be sent this worker"
    ]
    assert [w.worker_id for w in result.able] == ["w3"]
    assert result.workers[0].worker_id == "w3"  # who could take it comes first
    assert isinstance(result.able[0].cost_delta, float)


def test_another_visit_too_close_gives_its_time_and_the_journey() -> None:
    """A worker already at a visit that ends ten minutes before, 25 minutes' drive
    away, is 'already at another visit 09:00-10:00 and the journey takes 25
    minutes'."""
    problem = week(
        [make_worker("w1")],
        [person("u1", lat=55.9), person("u2", lat=55.8)],
        [
            session("a", "u1", 0, "09:00", "10:00"),
            session("b", "u2", 0, "10:10", "11:00"),
        ],
        travel=[
            *journey("u1", "u2", 25),
            *journey("w1", "u1", 5),
            *journey("w1", "u2", 5),
        ],
    )
    found = report(problem, assign("a", "w1", 0, "09:00", "10:00"))
    (message,) = reasons_of(explain(found.data, found.plan, "b", "w1"), "w1")
    assert message == (
        "already at another visit 09:00-10:00 (a) and the journey takes "
        "25 minutes (10 minutes between them)"
    )


def test_weekly_maximum_gives_the_hours_it_would_come_to() -> None:
    """37.5 hours already rostered and a 2-hour session more: 'would work 39.5 hours
    in week 1 against a maximum of 37.5'."""
    days = [(n, "09:00", "16:00") for n in range(5)] + [(5, "09:00", "11:30")]
    sessions = [session(f"d{n}", "u1", n, a, b) for n, a, b in days]
    problem = week(
        [make_worker("w1", max_hours=37.5)],
        [person("u1")],
        [*sessions, session("extra", "u1", 5, "12:00", "14:00")],
    )
    found = report(problem, *(assign(f"d{n}", "w1", n, a, b) for n, a, b in days))
    assert reasons_of(explain(found.data, found.plan, "extra", "w1"), "w1") == [
        "would work 39.5 hours in week 1 against a maximum of 37.5"
    ]


def test_short_rest_after_a_late_names_the_day() -> None:
    """A late until 22:00 and an early at 07:00 the next day: 'only 9 hours' rest
    after Monday'."""
    problem = week(
        [make_worker("w1")],
        [person("u1")],
        [
            session("late", "u1", 0, "21:00", "22:00"),
            session("early", "u1", 1, "07:00", "08:00"),
        ],
    )
    found = report(problem, assign("late", "w1", 0, "21:00", "22:00"))
    (message,) = reasons_of(explain(found.data, found.plan, "early", "w1"), "w1")
    assert message.startswith("would have only 9 hours' rest after Monday 30 Nov")


def test_budget_gives_what_is_left_and_what_the_session_costs() -> None:
    """£37 a week at £25 an hour, one hour already covered: 'the person's budget
    has £12.00 left this week, this session costs £25.00', for every worker."""
    problem = week(
        [make_worker("w1"), make_worker("w2")],
        [person("u1", weekly_budget=37, charge_rate=25)],
        [
            session("a", "u1", 0, "09:00", "10:00"),
            session("b", "u1", 1, "09:00", "10:00"),
        ],
    )
    found = report(problem, assign("a", "w1", 0, "09:00", "10:00"))
    result = explain(found.data, found.plan, "b")
    expected = (
        "the person's budget has £12.00 left this week, this session costs £25.00"
    )
    assert result.budget is not None and result.budget.message == expected
    assert all(expected in reasons_of(result, w) for w in ("w1", "w2"))
    assert unmet_reasons(found.data, found.plan) == {
        1: "budget: £12.00 left this week, this session costs £25.00"
    }


def test_covered_session_lists_who_is_on_it_and_who_could_swap() -> None:
    """On a covered session the rostered worker is listed as on it; another free
    worker could take it instead."""
    problem = week(
        [make_worker("w1"), make_worker("w2")],
        [person("u1")],
        [session("s1", "u1", 0, "09:00", "10:00")],
    )
    found = report(problem, assign("s1", "w1", 0, "09:00", "10:00"))
    result = explain(found.data, found.plan, "s1")
    assert result.covered and result.rostered == ("w1",)
    assert [w.worker_id for w in result.able] == ["w1", "w2"]
    assert result.able[0].note == "on it in the current rota"


def test_double_up_says_how_many_more_workers_are_needed() -> None:
    """One free worker for a double-up can take it, but needs one more beside."""
    problem = week(
        [make_worker("w1"), make_worker("w2", skills=("hoist",))],
        [person("u1")],
        [session("s1", "u1", 0, "09:00", "10:00", staff_required=2)],
    )
    found = report(problem)
    result = explain(found.data, found.plan, "s1")
    assert [w.worker_id for w in result.able] == ["w1", "w2"]
    assert {w.note for w in result.able} == {"needs 1 more worker(s) at the same time"}
    assert unmet_reasons(found.data, found.plan)[0].startswith(
        "left uncovered by the search although w1, w2 could take it"
    )


@pytest.mark.parametrize(
    ("workers", "windows", "expected"),
    [
        (
            [make_worker("w1"), make_worker("w2")],
            [],
            "no worker has skill hoist",
        ),
        (
            [
                make_worker("w1", skills=("hoist",)),
                make_worker("w2", skills=("hoist",)),
                make_worker("w3", skills=("hoist",)),
            ],
            [window("w1", 0, "12:00", "17:00"), window("w2", 0, "12:00", "17:00")],
            "all 3 workers with the skills are unavailable or busy: "
            "2 not available, 1 at another visit",
        ),
        (
            [make_worker("w1", skills=("hoist",))],
            [window("w1", 0, "09:00", "10:00", "unavailable")],
            "the only worker with the skills is on leave or unavailable",
        ),
        (
            [make_worker("w1", skills=("hoist",)), make_worker("w2")],
            [window("w1", 0, "12:00", "17:00"), window("w2", 0, "12:00", "17:00")],
            "the only worker with the skills is not available",
        ),
    ],
)
def test_unmet_short_reason_counts_why_workers_are_out(
    workers, windows, expected
) -> None:
    """unmet.csv's reason: nobody has the skill, or how many workers with it are
    out for which reason (the first reason of each worker)."""
    problem = week(
        [*workers, make_worker("busy")],
        [person("u1", excluded_workers=("busy",)), person("u2")],
        [
            session("s1", "u1", 0, "09:00", "10:00", skills_required=("hoist",)),
            session("other", "u2", 0, "09:00", "10:00"),
        ],
        availability=windows,
    )
    pairs = [assign("other", "w3", 0, "09:00", "10:00")] if len(workers) == 3 else []
    found = report(problem, *pairs)
    assert unmet_reasons(found.data, found.plan)[0] == expected


def test_unknown_session_or_worker_is_a_plain_error() -> None:
    """Asking about a session or worker that does not exist raises the package's
    error, naming the file."""
    problem = week(
        [make_worker("w1")], [person("u1")], [session("s1", "u1", 0, "09:00", "10:00")]
    )
    found = report(problem)
    with pytest.raises(NegotiationError, match=r"sessions\.csv"):
        explain(found.data, found.plan, "nope")
    with pytest.raises(NegotiationError, match=r"workers\.csv"):
        explain(found.data, found.plan, "s1", "nobody")


def test_short_reason_names_the_persons_wish_before_availability() -> None:
    """A worker the person excluded is counted as excluded, even when they are
    also outside their stated hours."""
    problem = week(
        [make_worker("w1"), make_worker("w2")],
        [person("u1", excluded_workers=("w1",))],
        [session("s1", "u1", 0, "09:00", "10:00")],
        availability=[
            window("w1", 0, "12:00", "17:00"),
            window("w2", 0, "12:00", "17:00"),
        ],
    )
    found = report(problem)
    assert unmet_reasons(found.data, found.plan)[0] == (
        "all 2 workers are unavailable or busy: 1 excluded by the person, "
        "1 not available"
    )
