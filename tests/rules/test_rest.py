"""Rules ``daily_rest``, ``max_day_span``, ``weekly_rest`` and ``rest_break``: the
Working Time Regulations' defaults."""

from __future__ import annotations

from helpers import (
    assign,
    broken,
    check,
    covering,
    person,
    rostered,
    session,
    solve,
    week,
    worker,
)
from hypothesis import example, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from rota.model import Problem
from rota.rules.rest import RestBreak
from rota.solver.data import compile_problem
from rota.solver.model import RotaModel
from rota.solver.plan import Plan
from rota.solver.stopping import new_solver

POLICY = covering()


def _late_then_early() -> Problem:
    # Monday 18:00-22:00, then Tuesday 07:00-08:00: 9 hours between them.
    return week(
        [worker("bea")],
        [person("ann")],
        [
            session("s1", "ann", 0, "18:00", "22:00", priority="essential"),
            session("s2", "ann", 1, "07:00", "08:00"),
        ],
    )


def test_daily_rest_needs_eleven_hours_between_days() -> None:
    """daily_rest: 9 hours between Monday's last session and Tuesday's first is
    under 11; with min_rest_hours 8 it is enough.

    Expected: s2 uncovered (300 x 60 = 18000); with 8 hours both covered (0).
    """
    result = solve(_late_then_early(), POLICY)
    assert rostered(result) == {("s1", "bea")}
    assert result.objective_raw == 300 * 60
    relaxed = solve(_late_then_early(), covering({"min_rest_hours": 8}))
    assert relaxed.objective_raw == 0


def test_daily_rest_check_reports_short_rest() -> None:
    """daily_rest: the checker flags 9 hours' rest when 11 are needed."""
    report = check(
        _late_then_early(),
        POLICY,
        assign("s1", "bea", 0, "18:00", "22:00"),
        assign("s2", "bea", 1, "07:00", "08:00"),
    )
    assert broken(report) == {"daily_rest"}
    assert "only 9 hours' rest" in report.violations[0].message


def _long_day(last_start: str, last_end: str) -> Problem:
    return week(
        [worker("bea")],
        [person("ann")],
        [
            session("s1", "ann", 0, "07:00", "08:00", priority="essential"),
            session("s2", "ann", 0, last_start, last_end),
        ],
    )


def test_max_day_span_limits_first_start_to_last_end() -> None:
    """max_day_span: 07:00 to 21:30 spans 14.5 hours, over the 13-hour default; to
    20:00 is exactly 13 and allowed.

    Expected: s2 uncovered (18000), then both covered (0).
    """
    over = solve(_long_day("20:30", "21:30"), POLICY)
    assert rostered(over) == {("s1", "bea")}
    assert over.objective_raw == 300 * 60
    exact = solve(_long_day("19:00", "20:00"), POLICY)
    assert exact.objective_raw == 0


def test_max_day_span_check_reports_the_span() -> None:
    """max_day_span: the checker flags a 14.5-hour working day."""
    report = check(
        _long_day("20:30", "21:30"),
        POLICY,
        assign("s1", "bea", 0, "07:00", "08:00"),
        assign("s2", "bea", 0, "20:30", "21:30"),
    )
    assert broken(report) == {"max_day_span"}
    assert "14.5 hours" in report.violations[0].message


def _every_day() -> Problem:
    # Bea may work seven days (so only weekly rest limits her); Sunday is flexible.
    return week(
        [worker("bea", max_days_per_week=7)],
        [person("ann")],
        [
            session(f"s{n}", "ann", n, "10:00", "11:00", priority=p)
            for n, p in enumerate(["standard"] * 6 + ["flexible"])
        ],
    )


def test_weekly_rest_keeps_a_whole_day_free() -> None:
    """weekly_rest: one calendar day in the week stays free; switched off, she may
    work all seven.

    Expected: Sunday's flexible s6 uncovered (100 x 60 = 6000); then 0.
    """
    result = solve(_every_day(), POLICY)
    assert ("s6", "bea") not in rostered(result)
    assert len(rostered(result)) == 6
    assert result.objective_raw == 100 * 60
    assert solve(_every_day(), covering({"weekly_rest": False})).objective_raw == 0


def test_weekly_rest_check_counts_a_night_on_both_days() -> None:
    """weekly_rest: a sleep-in from Saturday 22:00 to Sunday 07:00 takes both days,
    so with day sessions Monday to Friday it leaves no free day."""
    problem = week(
        [worker("bea", max_days_per_week=7)],
        [person("ann")],
        [session(f"s{n}", "ann", n, "10:00", "11:00") for n in range(5)]
        + [session("night", "ann", 5, "22:00", "07:00")],
    )
    days = [assign(f"s{n}", "bea", n, "10:00", "11:00") for n in range(5)]
    night = assign("night", "bea", 5, "22:00", "07:00")
    assert check(problem, POLICY, *days).ok
    assert broken(check(problem, POLICY, *days, night)) == {"weekly_rest"}


def _back_to_back(second_start: str, second_end: str) -> Problem:
    return week(
        [worker("bea")],
        [person("ann")],
        [
            session("s1", "ann", 0, "08:00", "11:00", priority="essential"),
            session("s2", "ann", 0, second_start, second_end),
        ],
    )


def test_rest_break_needs_twenty_minutes_in_a_run_over_six_hours() -> None:
    """rest_break: 08:00-11:00 then 11:00-14:30 is 6.5 hours without a break; a
    20-minute gap (11:20-14:50) is a break.

    Expected: s2 uncovered (300 x 210 = 63000); with the gap both covered (0).
    """
    run = solve(_back_to_back("11:00", "14:30"), POLICY)
    assert rostered(run) == {("s1", "bea")}
    assert run.objective_raw == 300 * 210
    assert solve(_back_to_back("11:20", "14:50"), POLICY).objective_raw == 0


def test_rest_break_check_reports_the_run_and_not_a_short_gap_run() -> None:
    """rest_break: the checker flags a 6.5-hour run with a 19-minute gap, not one
    with a 20-minute gap, and not a single 7-hour session."""
    tight = check(
        _back_to_back("11:19", "14:30"),
        POLICY,
        assign("s1", "bea", 0, "08:00", "11:00"),
        assign("s2", "bea", 0, "11:19", "14:30"),
    )
    room = check(
        _back_to_back("11:20", "14:50"),
        POLICY,
        assign("s1", "bea", 0, "08:00", "11:00"),
        assign("s2", "bea", 0, "11:20", "14:50"),
    )
    single = week(
        [worker("bea")], [person("ann")], [session("s1", "ann", 0, "08:00", "15:00")]
    )
    assert broken(tight) == {"rest_break"}
    assert room.ok
    assert check(single, POLICY, assign("s1", "bea", 0, "08:00", "15:00")).ok


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    times=st.lists(
        st.tuples(st.integers(24, 76), st.integers(2, 16)), min_size=2, max_size=9
    ),
    picks=st.lists(st.booleans(), min_size=9, max_size=9),
)
# 08:00-10:00, 10:00-14:00, 14:15-15:00: the run's last visit starts more than six
# hours after its first, and no two of them alone make a run too long.
@example(times=[(32, 8), (40, 16), (57, 3)], picks=[True] * 9)
def test_rest_break_on_the_light_model_is_the_rule_when_journeys_take_nothing(
    times: list[tuple[int, int]], picks: list[bool]
) -> None:
    """rest_break's light encoding (no day circuits): with every journey 0 minutes
    a day's visits are allowed together exactly when the rule's own check passes
    (quarter hours from 06:00, 30 minutes to 4 hours each)."""
    sessions = [
        session(f"s{i}", "ann", 0, _clock(15 * q), _clock(15 * (q + n)))
        for i, (q, n) in enumerate(times)
    ]
    problem = week([worker("bea")], [person("ann")], sessions)
    data = compile_problem(problem, POLICY)
    model = RotaModel(
        data, [], [], candidates={0: list(range(len(data.slots)))}, light=True
    )
    RestBreak().relax(model)
    chosen: list[int] = []
    for k, pick in zip(range(len(data.slots)), picks, strict=False):
        slot = data.slots[k]
        if pick and all(
            slot.end <= data.slots[j].start or data.slots[j].end <= slot.start
            for j in chosen
        ):
            chosen.append(k)
    for k in range(len(data.slots)):
        model.cp.add(model.x[(0, k)] == int(k in chosen))
    solver = new_solver()
    solver.parameters.num_workers = 1
    allowed = solver.solve(model.cp) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    plan = Plan.from_pairs(data, [(0, k) for k in chosen])
    assert allowed == (not RestBreak().evaluate(plan).violations)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
