"""Timeline bars: each worker's sessions, journeys and unpaid gaps, with exact times.

The week (from Monday 30 Nov 2026; journeys 0 minutes except those listed):

- Ann works Monday: S1 at Smith's 09:00-10:00, 15 minutes to Jones's (10:00-10:15),
  an unpaid gap 10:15-12:00 (1 h 45 min), S2 at Jones's 12:00-13:00; Ann's home is
  next to Smith's and Jones's is 0 minutes from it too (not listed, same spot).
- Bea works Tuesday: 20 minutes from home to Jones's (08:40-09:00), S3 09:00-10:30,
  20 minutes home (10:30-10:50).
"""

from __future__ import annotations

from helpers import assign, at, check, journey, only, person, session, week, worker

from rota.reports import Bar, timeline

PROBLEM = week(
    [worker("ann", name="Ann"), worker("bea", name="Bea")],
    [person("u1", name="Smith"), person("u2", name="Jones")],
    [
        session("S1", "u1", 0, "09:00", "10:00", priority="essential"),
        session("S2", "u2", 0, "12:00", "13:00"),
        session("S3", "u2", 1, "09:00", "10:30"),
    ],
    travel=[*journey("u1", "u2", 15), *journey("bea", "u2", 20)],
)
ROTA = [
    assign("S1", "ann", 0, "09:00", "10:00"),
    assign("S2", "ann", 0, "12:00", "13:00"),
    assign("S3", "bea", 1, "09:00", "10:30"),
]


def _plain(bars: list[Bar]) -> list[tuple[str, str, str, str, str]]:
    return [
        (b.worker_id, b.kind, f"{b.start:%a %H:%M}", f"{b.end:%H:%M}", b.label)
        for b in bars
    ]


def test_sessions_journeys_and_gaps_with_exact_times():
    """A session bar at the rostered times, the journey straight after a session,
    the unpaid gap from arriving to the next start, and journeys from and to home
    as the plan has them; 0-minute journeys give no bar. Sorted by worker, then
    start."""
    assert _plain(timeline(PROBLEM, ROTA, only())) == [
        ("ann", "session", "Mon 09:00", "10:00", "S1 Smith 09:00-10:00"),
        ("ann", "journey", "Mon 10:00", "10:15", "journey 15 min"),
        ("ann", "gap", "Mon 10:15", "12:00", "unpaid gap 1 h 45 min"),
        ("ann", "session", "Mon 12:00", "13:00", "S2 Jones 12:00-13:00"),
        ("bea", "journey", "Tue 08:40", "09:00", "journey from home 20 min"),
        ("bea", "session", "Tue 09:00", "10:30", "S3 Jones 09:00-10:30"),
        ("bea", "journey", "Tue 10:30", "10:50", "journey home 20 min"),
    ]


def test_a_session_bar_carries_the_session():
    """A session bar names its session, person and priority; other bars carry
    none of them."""
    bars = timeline(PROBLEM, ROTA, only(), worker_ids=["ann"])
    first = bars[0]
    assert (first.worker_name, first.session_id, first.user_id) == ("Ann", "S1", "u1")
    assert (first.user_name, first.priority) == ("Smith", "essential")
    assert (first.start, first.end) == (at(0, "09:00"), at(0, "10:00"))
    others = [b for b in bars if b.kind != "session"]
    assert others and all(
        (b.session_id, b.user_id, b.user_name, b.priority) == (None, None, None, None)
        for b in others
    )


def test_worker_ids_pick_workers_and_a_report_is_reused():
    """Only the workers asked for are drawn; a given check report is used as is."""
    report = check(PROBLEM, only(), *ROTA)
    bars = timeline(PROBLEM, ROTA, worker_ids={"bea"}, report=report)
    assert {b.worker_id for b in bars} == {"bea"} and len(bars) == 3
