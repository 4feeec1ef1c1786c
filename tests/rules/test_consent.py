"""Rule ``consent``: a published session starting inside the notice period changes
only where the affected worker or person said yes (agreement kind ``change``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from helpers import (
    agreement,
    assign,
    broken,
    check,
    covering,
    day,
    hhmm,
    penalty,
    person,
    published,
    rostered,
    session,
    solve,
    week,
    window,
    worker,
)

import rota
from rota.io import load_problem, write_folder
from rota.model import Problem, PublishedAssignment
from rota.negotiation import explain, propose_asks, record_answer
from rota.solver.data import SCALE

# Now = Monday 00:00 and 2 days' notice: Monday's s1 is inside the notice period,
# Thursday's s2 outside it. Bea earns £20 an hour, Cal £5: with wage_cost at 1 point
# a pound, an hour of Bea costs 20 x 60 = 1200, an hour of Cal 5 x 60 = 300.
NOTICE = {"notice_days": 2}
STAFF = [worker("bea", hourly_rate=20), worker("cal", hourly_rate=5)]
S1 = session("s1", "ann", 0, "09:00", "10:00")
S2 = session("s2", "ann", 3, "09:00", "10:00")


def _yes(*pairs: tuple[str, str], **fields: Any) -> list:
    """A 'change' yes from each (party, session)."""
    return [
        agreement(f"{p}-{s}", p, "change", session_id=s, **fields) for p, s in pairs
    ]


def _s1_told_to_bea(*agreements: Any, **changes: Any) -> Problem:
    return week(
        STAFF,
        [person("ann")],
        [S1],
        published=published(("s1", "bea")),
        agreements=agreements,
        **changes,
    )


def test_consent_keeps_the_published_worker_without_a_yes() -> None:
    """consent: Cal is cheaper (300 against 1200) but s1 was published to Bea and
    starts inside the notice period, so Bea keeps it unless both say yes: Bea to
    giving it up and Cal to taking it on. One yes alone changes nothing. With the
    rule switched off the cheaper Cal takes it.

    Expected: Bea (1200) with no yes, Bea's only, or Cal's only; Cal (300) with both.
    """
    policy = covering(NOTICE, wage_cost=1)
    for yeses in ((), _yes(("bea", "s1")), _yes(("cal", "s1"))):
        result = solve(_s1_told_to_bea(*yeses), policy)
        assert rostered(result) == {("s1", "bea")}, yeses
        assert result.objective_raw == 20 * SCALE
    both = solve(_s1_told_to_bea(*_yes(("bea", "s1"), ("cal", "s1"))), policy)
    assert rostered(both) == {("s1", "cal")}
    assert both.objective_raw == 5 * SCALE
    off = covering(NOTICE | {"change_consent": False}, wage_cost=1)
    assert rostered(solve(_s1_told_to_bea(), off)) == {("s1", "cal")}


def test_consent_a_worker_not_published_needs_their_own_yes() -> None:
    """consent: s1 now needs two workers but was published to Bea alone; Cal may
    join her only with his yes, and the explainer says why he cannot without it.

    Expected: uncovered without Cal's yes (300 x 60 = 18000); Bea and Cal with it
    (0).
    """
    double = session("s1", "ann", 0, "09:00", "10:00", staff_required=2)
    problem = week(STAFF, [person("ann")], [double], published=published(("s1", "bea")))
    alone = solve(problem, covering(NOTICE))
    assert rostered(alone) == set()
    assert alone.objective_raw == 300 * SCALE
    cal = next(
        w for w in explain(alone.data, alone.plan, "s1").workers if w.worker_id == "cal"
    )
    assert not cal.can_take
    assert [r.rule for r in cal.reasons] == ["consent"]
    assert "published to BEA (bea)" in cal.reasons[0].message
    assert "needs your consent" in cal.reasons[0].message
    agreed = problem.model_copy(update={"agreements": tuple(_yes(("cal", "s1")))})
    both = solve(agreed, covering(NOTICE))
    assert rostered(both) == {("s1", "bea"), ("s1", "cal")}
    assert both.objective_raw == 0


def test_consent_ask_to_a_colleague_covers_what_the_published_worker_cannot(
    tmp_path: Path,
) -> None:
    """consent: Bea, published on s1, is now off all week, so s1 is left uncovered
    rather than given to Cal without his yes; the ask finder asks Cal (kind
    change), and once his yes is recorded the next solve gives s1 to Cal; after a
    no, s1 stays uncovered and he is not asked again.

    Expected: uncovered (18000) first; one ask to cal for s1; then Cal, 0.
    """
    problem = _s1_told_to_bea(
        availability=[window("bea", 0, "00:00", "00:00", "unavailable")]
    )
    first = solve(problem, covering(NOTICE))
    assert rostered(first) == set()
    assert first.objective_raw == 300 * SCALE
    asks = propose_asks(first.data, first.plan)
    assert [(a.to_id, a.kind, a.session_ids) for a in asks] == [
        ("cal", "change", ("s1",))
    ]
    assert asks[0].message == (
        "CAL, would you take on Monday 30 Nov 09:00-10:00 to support ANN (session "
        "s1) at short notice? It was published to BEA, who can no longer do it."
    )
    assert asks[0].cost > 0
    folder = write_folder(problem, tmp_path / "week")
    recorded = record_answer(folder, asks[0], "yes").agreement
    assert (recorded.party_id, recorded.kind, recorded.session_id) == (
        "cal",
        "change",
        "s1",
    )
    again = solve(load_problem(folder), covering(NOTICE))
    assert rostered(again) == {("s1", "cal")}
    assert again.objective_raw == 0
    refused = write_folder(problem, tmp_path / "refused")
    record_answer(refused, asks[0], "no")
    after_no = solve(load_problem(refused), covering(NOTICE))
    assert rostered(after_no) == set()
    assert propose_asks(after_no.data, after_no.plan) == []


def test_consent_a_change_of_time_needs_the_person_yes() -> None:
    """consent: s1 may move an hour either way (flex 60) and Bea would rather not
    work 08:00-10:00 (undesired, 10 points an hour), but s1 was published for
    09:00: it moves to 10:00 only with Ann's yes. Without published times only the
    workers are held, and the move is free.

    Expected: 09:00 and 10 x 60 = 600 without Ann's yes; 10:00 and 0 with it, and
    0 when the published line has no time.
    """
    flexible = session("s1", "ann", 0, "09:00", "10:00", flex_minutes=60)
    timed = (
        PublishedAssignment(
            session_id="s1", worker_id="bea", date=day(0), start=hhmm("09:00")
        ),
    )
    policy = covering(NOTICE, undesired_time=10)

    def run(told: tuple, *yeses: Any) -> tuple[dt.datetime, int | None]:
        problem = week(
            [worker("bea")],
            [person("ann")],
            [flexible],
            availability=[
                window("bea", 0, "08:00", "10:00", "undesired"),
                window("bea", 0, "10:00", "12:00"),
            ],
            published=told,
            agreements=yeses,
        )
        result = solve(problem, policy)
        (only,) = result.assignments
        return only.start, result.objective_raw

    nine, ten = dt.datetime(2026, 11, 30, 9), dt.datetime(2026, 11, 30, 10)
    assert run(timed) == (nine, 10 * SCALE)
    assert run(timed, *_yes(("bea", "s1"))) == (nine, 10 * SCALE)  # not Bea's to give
    assert run(timed, *_yes(("ann", "s1"))) == (ten, 0)
    assert run(published(("s1", "bea"))) == (ten, 0)


def test_consent_outside_the_notice_period_changes_are_only_priced() -> None:
    """consent, change: Thursday's s2 is outside the 2-day notice, so Cal may take
    it from Bea without any yes; the change is priced by rule change (Bea off, Cal
    on: 2 x 5 x 60 = 600), and 300 + 600 is still below Bea's 1200.

    Expected: Cal, objective 900 (wage 300, change 600, no late change).
    """
    problem = week(STAFF, [person("ann")], [S2], published=published(("s2", "bea")))
    result = solve(problem, covering(NOTICE, wage_cost=1, change=5, late_change=50))
    assert rostered(result) == {("s2", "cal")}
    assert penalty(result, "change") == 2 * 5 * SCALE
    assert penalty(result, "late_change") == 0
    assert result.objective_raw == 900


def test_consent_check_names_the_session_and_the_worker() -> None:
    """consent: rota.check flags a rota giving s1 to Cal without consent (Cal added,
    Bea taken off, each naming s1 and the worker); Bea's and Cal's yeses make the
    same rota fine, and so does "now" after s1 started. The solver's rota checks
    to the solver's own objective.
    """
    problem = _s1_told_to_bea()
    policy = covering(NOTICE, wage_cost=1)
    cal = assign("s1", "cal", 0, "09:00", "10:00")
    report = check(problem, policy, cal)
    assert broken(report) == {"consent"}
    messages = [v.message for v in report.violations]
    assert messages == [
        "s1 was published to BEA (bea): CAL (cal) was added at short notice "
        "without their consent",
        "s1 was published to BEA (bea), who was taken off at short notice without "
        "their consent",
    ]
    agreed = _s1_told_to_bea(*_yes(("bea", "s1"), ("cal", "s1")))
    assert check(agreed, policy, cal).ok
    later = rota.check(problem, [cal], policy, now=dt.datetime(2026, 11, 30, 9, 30))
    assert later.ok
    result = solve(problem, policy)
    again = rota.check(problem, result.assignments, policy)
    assert again.ok
    assert again.objective_raw == result.objective_raw
