"""Runs with their asks and drafts; answers kept per week and merged with the
folder's; the problem as the store knows it (latest version as published)."""

from __future__ import annotations

import datetime as dt

from helpers import agreement, published

from rota.model import Ask, Summary
from rota.policy import load_policy
from rota.store import Store, merge_agreements

from .week import rota_of, tiny_week


def _summary(objective: float | None = 12.5) -> Summary:
    return Summary(
        status="FEASIBLE" if objective is not None else "UNKNOWN",
        objective=objective,
        best_bound=0.0,
        wall_seconds=1.5,
        sessions=3,
        covered=2,
        coverage=2 / 3,
    )


ASK = Ask(
    ask_id="A1",
    to_id="bea",
    kind="availability",
    session_ids=("S3",),
    message="Would Bea work Friday 4 Dec 09:00-10:00?",
    cost=3.0,
    date=dt.date(2026, 12, 4),
    start=dt.time(9),
    end=dt.time(10),
)


def test_a_run_keeps_its_figures_its_rota_as_a_draft_and_its_asks(db_url):
    """The run's policy, status, objective and coverage are kept; its rota is a
    draft tied to it; its asks come back exactly."""
    store = Store(db_url)
    problem = tiny_week()
    week = store.week_of(problem, "north")
    rota = rota_of(("S1", "ann"), ("S2", "ann"))
    run = store.record_run(
        week,
        problem,
        load_policy("balanced"),
        _summary(),
        rota,
        [ASK],
        by="mo",
        base_version=None,
    )
    [kept] = store.runs(week)
    assert (kept.id, kept.status, kept.objective, kept.draft_id) == (
        run.id,
        "FEASIBLE",
        12.5,
        run.draft_id,
    )
    assert store.draft_lines(week, run.draft_id) == rota
    assert store.asks(week) == [ASK]
    assert store.asks(week, run.id) == [ASK]
    store.close()


def test_a_run_with_no_rota_keeps_no_draft(db_url):
    """A solve that found no rota is recorded, but no empty draft is made of it."""
    store = Store(db_url)
    problem = tiny_week()
    week = store.week_of(problem, "north")
    run = store.record_run(
        week,
        problem,
        load_policy(None),
        _summary(None),
        [],
        [],
        by="mo",
        base_version=None,
    )
    assert run.draft_id is None and store.drafts(week) == []
    store.close()


def test_answers_are_kept_per_week_and_an_id_in_use_gets_the_next(db_url):
    """Two answers given the same id are both kept (the second renamed), in the
    order recorded, with who recorded them in the audit log."""
    store = Store(db_url)
    problem = tiny_week()
    week = store.week_of(problem, "north")
    yes = agreement(
        "ag1",
        "bea",
        "availability",
        date=dt.date(2026, 12, 4),
        start=dt.time(9),
        end=dt.time(10),
    )
    no = agreement("ag1", "ann", "overtime", extra_minutes=60, answer="no")
    store.record_agreement(week, yes, by="mo", ask_id="A1")
    kept = store.record_agreement(week, no, by="mo")
    assert kept.agreement_id == "ag2"
    assert store.agreements(week) == [yes, kept]
    assert [e.subject for e in store.audit(week) if e.action == "agreement.record"] == [
        "ag1",
        "ag2",
    ]
    store.close()


def test_merge_keeps_the_folders_answers_and_adds_the_stores_once():
    """An answer in both the folder and the store counts once; a different answer
    under an id the folder uses is kept under another id."""
    a = agreement("ag1", "bea", "overtime", extra_minutes=60)
    b = agreement("ag1", "ann", "overtime", extra_minutes=30)
    c = agreement("ag7", "ann", "overtime", extra_minutes=90)
    merged = merge_agreements((a,), (a, b, c))
    assert [m.agreement_id for m in merged] == ["ag1", "ag1-store", "ag7"]
    assert merged[1].party_id == "ann"


def test_the_store_supplies_the_latest_version_as_the_published_rota(db_url):
    """With a version published, the problem the store gives measures changes
    against that version (not the folder's published_rota.csv), and carries the
    store's answers too."""
    store = Store(db_url)
    problem = tiny_week().model_copy(update={"published": published(("S1", "bea"))})
    week = store.week_of(problem, "north")
    same, base = store.with_store(problem, week)
    assert base == 0 and same.published == problem.published
    store.publish(
        week, problem, rota_of(("S1", "ann"), ("S2", "bea")), by="m", expect_version=0
    )
    store.record_agreement(
        week, agreement("ag1", "bea", "overtime", extra_minutes=60), by="m"
    )
    context, base = store.with_store(problem, week)
    assert base == 1
    assert {
        (p.session_id, p.worker_id, p.date, p.start) for p in context.published
    } == {
        ("S1", "ann", dt.date(2026, 11, 30), dt.time(9)),
        ("S2", "bea", dt.date(2026, 12, 2), dt.time(9)),
    }
    assert [a.agreement_id for a in context.agreements] == ["ag1"]
    store.close()


def test_the_week_data_saved_last_is_the_one_planned_with(db_url):
    """The app's working copy: the data saved last comes back exactly, and every
    save is in the audit log."""
    store = Store(db_url)
    problem = tiny_week()
    week = store.week_of(problem, "north")
    assert store.week_data(week) is None
    store.save_data(week, problem, by="mo")
    fewer = problem.model_copy(update={"sessions": problem.sessions[:2]})
    fewer = type(problem)(**dict(fewer))
    store.save_data(week, fewer, by="jo")
    assert store.week_data(week) == fewer
    assert [e.actor for e in store.audit(week) if e.action == "data.save"] == [
        "mo",
        "jo",
    ]
    store.close()
