"""Rules ``split_shift``, ``short_day``, ``long_span``, ``no_split_shift`` and
``min_paid_day``: the shape of a working day."""

from __future__ import annotations

from helpers import (
    assign,
    broken,
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

import rota
from rota.check import CheckReport
from rota.model import Problem
from rota.solver.data import SCALE

# Ann's morning and evening visits; distinct_workers (1 point per face = 60) pulls
# towards one worker doing both.
MORNING_EVENING = [
    session("am", "ann", 0, "07:00", "08:00"),
    session("pm", "ann", 0, "17:00", "18:00"),
]


def test_split_shift_spreads_a_split_day_over_two_workers() -> None:
    """split_shift: one worker doing 07:00 and 17:00 has a 9-hour unpaid gap, a
    split shift (20 points = 1200) that outweighs a second face (60).

    Expected: two workers, objective = distinct 2 x 60 = 120. With split_shift 0,
    one worker does both (objective 60).
    """
    problem = week([worker("bea"), worker("cal")], [person("ann")], MORNING_EVENING)
    result = solve(problem, covering(split_shift=20, distinct_workers=1))
    assert {w for _, w in rostered(result)} == {"bea", "cal"}
    assert result.objective_raw == 120
    assert solve(problem, covering(distinct_workers=1)).objective_raw == 60


def _gap(second_start: str, second_end: str, travel: int = 0) -> Problem:
    return week(
        [worker("bea")],
        [person("ann"), person("bob")],
        [
            session("s1", "ann", 0, "09:00", "10:00"),
            session("s2", "bob", 0, second_start, second_end),
        ],
        travel=journey("ann", "bob", travel) if travel else (),
    )


def test_split_shift_check_threshold_is_unpaid_minutes() -> None:
    """split_shift: an unpaid gap of 90 minutes (the default threshold) is a split,
    89 is not, and travel time between the visits is not unpaid.

    Expected: 20 x 60 = 1200 at 90 minutes; 0 at 89; 0 for a 100-minute gap with a
    15-minute journey (85 unpaid).
    """
    policy = covering(split_shift=20)

    def split(start: str, end: str, travel: int = 0) -> int:
        report = check(
            _gap(start, end, travel),
            policy,
            assign("s1", "bea", 0, "09:00", "10:00"),
            assign("s2", "bea", 0, start, end),
        )
        assert report.ok
        return penalty(report, "split_shift")

    assert split("11:30", "12:30") == 20 * SCALE
    assert split("11:29", "12:29") == 0
    assert split("11:40", "12:40", travel=15) == 0


def test_short_day_gives_one_worker_both_hours() -> None:
    """short_day: two one-hour visits make one 2-hour day rather than two 1-hour
    days, even against the people's preferred workers.

    Ann prefers Bea, Bob prefers Cal (non_preferred 2 points an hour). Split: two
    days each 60 minutes short of 120 -> 2 x 5 x 60 = 600. One worker for both: one
    visit with a worker not preferred -> 2 x 60 = 120. Expected: one worker, 120;
    with short_day 0 each person gets their preferred worker.
    """
    problem = week(
        [worker("bea"), worker("cal")],
        [
            person("ann", preferred_workers=("bea",)),
            person("bob", preferred_workers=("cal",)),
        ],
        [
            session("s1", "ann", 0, "09:00", "10:00"),
            session("s2", "bob", 0, "10:00", "11:00"),
        ],
    )
    result = solve(problem, covering(short_day=5, non_preferred_worker=2))
    assert len({w for _, w in rostered(result)}) == 1
    assert len(rostered(result)) == 2
    assert result.objective_raw == 2 * 60
    apart = solve(problem, covering(non_preferred_worker=2))
    assert rostered(apart) == {("s1", "bea"), ("s2", "cal")}


def test_short_day_check_counts_paid_minutes() -> None:
    """short_day: a 60-minute day is 60 minutes short of 120 (5 x 60 = 300); paid
    travel between visits counts as paid time, the commute only when the policy says.
    """
    one = week(
        [worker("bea")], [person("ann")], [session("s1", "ann", 0, "09:00", "10:00")]
    )
    report = check(one, covering(short_day=5), assign("s1", "bea", 0, "09:00", "10:00"))
    assert penalty(report, "short_day") == 5 * 60
    two = _gap("10:30", "10:45", travel=15)  # 60 + 15 session + 15 travel = 90 paid
    pair = [
        assign("s1", "bea", 0, "09:00", "10:00"),
        assign("s2", "bea", 0, "10:30", "10:45"),
    ]
    assert penalty(check(two, covering(short_day=5), *pair), "short_day") == 5 * 30
    commute = week(
        [worker("bea")],
        [person("ann")],
        [session("s1", "ann", 0, "09:00", "10:00")],
        travel=journey("bea", "ann", 20),
    )
    policy = covering({"commute_counts_in_hours": True}, short_day=5)
    report = check(commute, policy, assign("s1", "bea", 0, "09:00", "10:00"))
    assert penalty(report, "short_day") == 5 * 20  # 60 + 20 + 20 paid


def test_long_span_spreads_a_long_unpaid_day() -> None:
    """long_span: 07:00-08:00 and 12:00-13:00 for one worker spans 360 minutes with
    120 paid, 240 unpaid, 120 over the 120-minute allowance -> 2 x 120 = 240, more
    than a second face (60).

    Expected: two workers, objective = distinct 2 x 60 = 120.
    """
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann")],
        [
            session("am", "ann", 0, "07:00", "08:00"),
            session("noon", "ann", 0, "12:00", "13:00"),
        ],
    )
    result = solve(problem, covering(long_span=2, distinct_workers=1))
    assert {w for _, w in rostered(result)} == {"bea", "cal"}
    assert result.objective_raw == 120


def test_long_span_check_prices_unpaid_minutes_over_the_allowance() -> None:
    """long_span: 240 unpaid minutes less the 120 allowance at 2 points an hour is
    240; with a 240-minute allowance it is 0."""
    problem = week(
        [worker("bea")],
        [person("ann")],
        [
            session("am", "ann", 0, "07:00", "08:00"),
            session("noon", "ann", 0, "12:00", "13:00"),
        ],
    )
    pair = [
        assign("am", "bea", 0, "07:00", "08:00"),
        assign("noon", "bea", 0, "12:00", "13:00"),
    ]
    assert penalty(check(problem, covering(long_span=2), *pair), "long_span") == 240
    roomy = covering({"span_allowance_minutes": 240}, long_span=2)
    assert penalty(check(problem, roomy, *pair), "long_span") == 0


NO_SPLITS = {"allow_split_shifts": False}


def test_no_split_shift_leaves_a_visit_uncovered_rather_than_split_a_day() -> None:
    """no_split_shift: Bea is the only worker for Ann's 07:00 and 17:00 visits. Priced
    (split_shift 20 = 1200), the split is far cheaper than leaving an hour of
    standard care uncovered (300 x 60 = 18000): Bea does both. With
    allow_split_shifts off the split is not allowed: one visit is left uncovered.

    Expected: objective 1200 with both visits; 18000 with one; the check of the
    solver's rota agrees with the solver's objective.
    """
    problem = week([worker("bea")], [person("ann")], MORNING_EVENING)
    priced = solve(problem, covering(split_shift=20))
    assert rostered(priced) == {("am", "bea"), ("pm", "bea")}
    assert priced.objective_raw == 20 * SCALE
    policy = covering(NO_SPLITS, split_shift=20)
    hard = solve(problem, policy)
    assert len(rostered(hard)) == 1
    assert hard.objective_raw == 300 * 60
    report = rota.check(problem, hard.assignments, policy)
    assert report.ok
    assert report.objective_raw == hard.objective_raw


def test_no_split_shift_check_reports_a_split_gap() -> None:
    """no_split_shift: a hand-written day with a 90-minute unpaid gap breaks the rule
    (it names the worker and the gap); 89 minutes, or 100 minutes with a 15-minute
    journey between the visits (85 unpaid), does not. With splits allowed the same
    day is only priced.
    """

    def report(
        start: str, end: str, travel: int = 0, limits: dict | None = NO_SPLITS
    ) -> CheckReport:
        return check(
            _gap(start, end, travel),
            covering(limits),
            assign("s1", "bea", 0, "09:00", "10:00"),
            assign("s2", "bea", 0, start, end),
        )

    split = report("11:30", "12:30")
    assert broken(split) == {"no_split_shift"}
    assert "90 unpaid minutes" in split.violations[0].message
    assert report("11:29", "12:29").ok
    assert report("11:40", "12:40", travel=15).ok
    assert report("11:30", "12:30", limits=None).ok


def test_min_paid_day_keeps_a_short_day_off_the_rota() -> None:
    """min_paid_day: a working day needs 120 paid minutes (min_paid_minutes_hard).
    Monday has one 60-minute visit: no day can hold it, so it is left uncovered
    (300 x 60 = 18000). Tuesday's two 60-minute visits make one 120-minute day for
    Bea: both covered. Without the limit every visit is covered (objective 0).

    Expected: objective 18000, Tuesday's visits both Bea's; the check agrees.
    """
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann")],
        [
            session("mon", "ann", 0, "09:00", "10:00"),
            session("tue1", "ann", 1, "09:00", "10:00"),
            session("tue2", "ann", 1, "10:00", "11:00"),
        ],
    )
    policy = covering({"min_paid_minutes_hard": 120})
    result = solve(problem, policy)
    pairs = rostered(result)
    assert {s for s, _ in pairs} == {"tue1", "tue2"}
    assert len({w for _, w in pairs}) == 1
    assert result.objective_raw == 300 * 60
    report = rota.check(problem, result.assignments, policy)
    assert report.ok
    assert report.objective_raw == result.objective_raw
    assert solve(problem, covering()).objective_raw == 0


def test_min_paid_day_check_counts_paid_minutes() -> None:
    """min_paid_day: a hand-written 60-minute day breaks a 90-minute minimum (naming
    the worker and the hours); 60 minutes of visits with 15 minutes' travel between
    them and a 15-minute visit make 90 paid minutes, which meets it, but not when
    travel does not count in hours (75).
    """
    one = week(
        [worker("bea")], [person("ann")], [session("s1", "ann", 0, "09:00", "10:00")]
    )
    policy = covering({"min_paid_minutes_hard": 90})
    short = check(one, policy, assign("s1", "bea", 0, "09:00", "10:00"))
    assert broken(short) == {"min_paid_day"}
    assert "1 paid hours on Monday" in short.violations[0].message
    assert "minimum working day of 1.5 hours" in short.violations[0].message
    two = _gap("10:30", "10:45", travel=15)
    pair = [
        assign("s1", "bea", 0, "09:00", "10:00"),
        assign("s2", "bea", 0, "10:30", "10:45"),
    ]
    assert check(two, policy, *pair).ok
    unpaid = covering({"min_paid_minutes_hard": 90, "travel_counts_in_hours": False})
    assert broken(check(two, unpaid, *pair)) == {"min_paid_day"}
