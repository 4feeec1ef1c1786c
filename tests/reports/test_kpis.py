"""The key figures of a rota, computed by the rules' own evaluation of it.

The week (from Monday 30 Nov 2026; everyone at one spot, so journeys take 0 minutes
except those listed: Smith's home to Jones's 15 minutes, Bea's home to Jones's 15)
is checked with a notice period of one day, told at the horizon start:

=====  ======  ==============  =========  =========  ====================
id     person  when            priority   rota       published
=====  ======  ==============  =========  =========  ====================
S1     Smith   Mon 09:00-10:00  essential  ann        bea
S2     Jones   Mon 12:00-13:00  standard   ann        (none)
S3     Jones   Tue 09:00-10:30  standard   bea        cal
S4     Jones   Wed 10:00-11:00  essential  (none)
S5     Smith   Thu 09:00-09:30  standard   (none)
=====  ======  ==============  =========  =========  ====================

Ann (3 contracted hours, £10 an hour) works Monday: S1, 15 minutes to Jones's, an
unpaid gap of 12:00 - 10:15 = 105 minutes (a split shift: 105 >= 90), S2. Paid
minutes 60 + 15 (travel between visits counts) + 60 = 135, in a span of 09:00-13:00
= 240. Bea (0 contracted, £12 an hour) works Tuesday: 15 minutes there, S3 (90
minutes, a short day: 90 < 120), 15 minutes home. Cal (5 contracted) does not work.
"""

from __future__ import annotations

import pytest
from helpers import assign, at, check, journey, only, person, published, session, week
from helpers import worker as make_worker

from rota.reports import Kpis, kpis, kpis_row

POLICY = only(
    {"notice_days": 1},
    split_shift=1,
    short_day=1,
    travel_minutes=1,
    contract_shortfall=1,
    overtime=1,
    change=1,
    late_change=1,
    wage_cost=1,
)
PROBLEM = week(
    [
        make_worker("ann", name="Ann", contracted_hours=3),
        make_worker("bea", name="Bea", hourly_rate=12.0),
        make_worker("cal", name="Cal", contracted_hours=5),
    ],
    [
        person("u1", name="Smith"),
        person("u2", name="Jones", weekly_budget=50, charge_rate=25),
    ],
    [
        session("S1", "u1", 0, "09:00", "10:00", priority="essential"),
        session("S2", "u2", 0, "12:00", "13:00"),
        session("S3", "u2", 1, "09:00", "10:30"),
        session("S4", "u2", 2, "10:00", "11:00", priority="essential"),
        session("S5", "u1", 3, "09:00", "09:30"),
    ],
    travel=[*journey("u1", "u2", 15), *journey("bea", "u2", 15)],
    published=published(("S1", "bea"), ("S3", "cal")),
)
ROTA = [
    assign("S1", "ann", 0, "09:00", "10:00"),
    assign("S2", "ann", 0, "12:00", "13:00"),
    assign("S3", "bea", 1, "09:00", "10:30"),
]


@pytest.fixture(scope="module")
def figures() -> tuple[Kpis, object]:
    report = check(PROBLEM, POLICY, *ROTA)
    return kpis(PROBLEM, ROTA, POLICY, report=report), report


def _evaluation(report, rule_id: str):
    (found,) = [e for e in report.evaluations if e.rule == rule_id]
    return found


def test_coverage_and_uncovered_hours(figures):
    """Coverage is the share of sessions covered; uncovered hours count each
    uncovered session's length once, essential ones apart: 3 of 5 covered, S4 (1 h,
    essential) and S5 (0.5 h) uncovered."""
    k, _ = figures
    assert (k.sessions, k.covered, k.coverage) == (5, 3, 0.6)
    assert k.uncovered_hours == 1.5
    assert k.essential_uncovered_hours == 1.0


def test_split_shift_and_short_day_are_counted_as_the_rules_count_them(figures):
    """Ann's 105-minute gap is one split shift and Bea's 90 paid minutes one short
    day, the same events the split_shift and short_day rules price."""
    k, report = figures
    assert (k.split_shifts, k.short_days) == (1, 1)
    assert k.split_shifts == len(_evaluation(report, "split_shift").details)
    assert k.short_days == len(_evaluation(report, "short_day").details)


def test_yardsticks_are_the_same_whatever_the_policy(figures):
    """gaps_2h and days_under_3h measure every policy's rota alike: Ann's 105-minute
    gap is under 2 hours, and both working days are under 3 hours (Ann 60 + 15 +
    60 = 135 minutes, Bea 90). A policy counting split shifts from 60 minutes and
    short days under 60 paid minutes changes split_shifts and short_days, never
    the yardsticks."""
    k, _ = figures
    assert (k.gaps_2h, k.days_under_3h) == (0, 2)
    other = only(
        {"notice_days": 1, "split_gap_minutes": 60, "min_paid_minutes_per_day": 60},
        split_shift=1,
    )
    k2 = kpis(PROBLEM, ROTA, other)
    assert (k2.split_shifts, k2.short_days) == (1, 0)
    assert (k2.gaps_2h, k2.days_under_3h) == (0, 2)


def test_travel_minutes_are_every_journey(figures):
    """Ann's 15 minutes between visits and Bea's 15 there and 15 back: 45, what the
    travel_minutes rule prices (at a weight of 1, one unit a minute)."""
    k, report = figures
    assert k.travel_minutes == 45
    assert _evaluation(report, "travel_minutes").penalty == 45


def test_contract_shortfall_and_hours_over_contract(figures):
    """Paid 2.25 h (Ann) + 1.5 h (Bea) against 3 + 0 + 5 contracted: Ann 0.75 h and
    Cal 5 h short, Bea 1.5 h over; the contract rules price the same minutes."""
    k, report = figures
    assert k.contracted_hours == 8
    assert k.paid_hours == 3.75
    assert k.contract_shortfall_hours == 5.75
    assert k.hours_over_contract == 1.5
    assert _evaluation(report, "contract_shortfall").penalty == 345
    assert _evaluation(report, "overtime").penalty == 90


def test_fragmentation_is_paid_time_over_the_days_spans(figures):
    """(135 + 90) paid minutes inside spans of 240 + 90 minutes."""
    k, _ = figures
    assert k.fragmentation == pytest.approx(225 / 330)


def test_changes_against_the_published_rota(figures):
    """Monday is inside the one-day notice: Bea off S1, Ann on S1 and on S2 are
    three short-notice changes; Cal off S3 and Bea on it are two changes. The
    consent rule flags the short-notice ones, but the rota is still evaluated."""
    k, report = figures
    assert (k.changes, k.short_notice_changes) == (2, 3)
    assert "consent" in {v.rule for v in report.violations}
    assert _evaluation(report, "change").penalty == 2 * 60
    assert _evaluation(report, "late_change").penalty == 3 * 60


def test_wage_cost_is_the_cost_rules_basis(figures):
    """Ann: 2 h at £10 plus 15 paid minutes of travel (£2.50); Bea 1.5 h at £12:
    £40.50, which at a weight of 1 a pound is the wage_cost penalty (60 a point)."""
    k, report = figures
    assert k.wage_cost == pytest.approx(40.5)
    assert _evaluation(report, "wage_cost").penalty == round(k.wage_cost * 60)


def test_person_over_budget_and_distinct_workers(figures):
    """Jones's covered 2.5 h at £25 is £62.50 against £50: one person over budget
    (the budget rule says so too). Smith sees Ann, Jones Ann and Bea: 1.5 workers
    per person with a covered session."""
    k, report = figures
    assert k.people_over_budget == 1
    assert len(_evaluation(report, "budget").violations) == 1
    assert k.distinct_workers_per_person == 1.5


def test_kpis_runs_the_check_itself():
    """Without a report, kpis checks the rota once itself and gets the same."""
    report = check(PROBLEM, POLICY, *ROTA)
    assert kpis(PROBLEM, ROTA, POLICY) == kpis(PROBLEM, ROTA, POLICY, report=report)


def test_now_moves_the_notice_period():
    """Told on the Saturday before the week, with one day's notice, no session is
    inside the notice period: all five changes are made with notice."""
    k = kpis(PROBLEM, ROTA, POLICY, now=at(-2, "09:00"))
    assert (k.changes, k.short_notice_changes) == (5, 0)


def test_weekend_and_unsocial_spread_over_workers_who_work():
    """Ann works Saturday 19:00-21:00 (120 weekend minutes, 60 after 20:00), Bea
    Monday 06:00-07:00 (60 before 07:00), Cal nothing: weekend 120 at most and 0
    at least, unsocial 60 and 60 (Cal, who does not work, is not counted)."""
    problem = week(
        [make_worker(w) for w in ("ann", "bea", "cal")],
        [person("u1")],
        [
            session("A", "u1", 5, "19:00", "21:00"),
            session("B", "u1", 0, "06:00", "07:00"),
        ],
    )
    rota = [
        assign("A", "ann", 5, "19:00", "21:00"),
        assign("B", "bea", 0, "06:00", "07:00"),
    ]
    k = kpis(problem, rota, only())
    assert (k.weekend_minutes_max, k.weekend_minutes_min) == (120, 0)
    assert (k.unsocial_minutes_max, k.unsocial_minutes_min) == (60, 60)


def test_an_empty_rota():
    """Nobody works: nothing covered, fragmentation 1.0 (no unpaid time), no
    changes without a published rota, every contracted hour short."""
    problem = week(
        [make_worker("ann", contracted_hours=4)],
        [person("u1")],
        [session("A", "u1", 0, "09:00", "10:00")],
    )
    k = kpis(problem, [], only())
    assert (k.covered, k.coverage, k.fragmentation) == (0, 0.0, 1.0)
    assert (k.changes, k.short_notice_changes, k.travel_minutes) == (0, 0, 0)
    assert k.contract_shortfall_hours == 4
    assert k.distinct_workers_per_person == 0.0
    assert (k.weekend_minutes_max, k.unsocial_minutes_min) == (0, 0)


def test_kpis_row_is_flat_and_rounded(figures):
    """A kpis.csv row: every field by its own snake_case name, shares to 4
    decimals, hours and pounds to 2, counts whole; asks as the caller set it."""
    k, _ = figures
    row = kpis_row(k)
    assert list(row) == list(Kpis.__dataclass_fields__)
    assert row["fragmentation"] == 0.6818
    assert row["wage_cost"] == 40.5
    assert row["split_shifts"] == 1 and isinstance(row["split_shifts"], int)
    assert row["asks"] == 0
