"""Rules ``max_sessions_of_kind``, ``max_working_weekends``, ``max_total_hours`` and
``min_total_hours``."""

from __future__ import annotations

import time
from typing import Any

import pytest
from helpers import (
    assign,
    broken,
    check,
    covering,
    only,
    person,
    rostered,
    session,
    solve,
    week,
    worker,
)
from pydantic import ValidationError

import rota
import rota.search.small
from rota.model import Problem, Worker
from rota.policy import load_policy
from rota.result import evaluate
from rota.rules import all_rules
from rota.search.repair import repair_minimums
from rota.solver.data import compile_problem
from rota.solver.model import candidate_slots
from rota.solver.plan import Plan

HOUR = 60
NEW_RULES = {
    "max_sessions_of_kind",
    "forbidden_kind_sequence",
    "max_consecutive_days",
    "min_consecutive_days",
    "min_consecutive_days_off",
    "max_working_weekends",
    "max_total_hours",
    "min_total_hours",
}


def _two_sleep_ins(**bea: Any) -> Problem:
    # Two 9-hour sleep-ins, Monday and Wednesday night, for Bea alone.
    return week(
        [worker("bea", **bea)],
        [person("ann")],
        [
            session("n1", "ann", 0, "22:00", "07:00", kind="sleep_in"),
            session("n2", "ann", 2, "22:00", "07:00", kind="sleep_in"),
        ],
    )


def test_max_sessions_of_kind_per_worker_column() -> None:
    """max_sessions_of_kind: Bea's own 'sleep_in=1' lets her take one of the two.
    Expected: one uncovered, objective = 300 x 540."""
    result = solve(_two_sleep_ins(max_sessions_of_kind=("sleep_in=1",)), covering())
    assert len(rostered(result)) == 1
    assert result.objective_raw == 300 * 9 * HOUR


def test_max_sessions_of_kind_worker_overrides_policy() -> None:
    """max_sessions_of_kind: the policy's limit of 1 holds for Bea unless her own
    column says 2 for that kind. Expected: objective 300 x 540, then 0."""
    policy = covering({"max_sessions_of_kind": {"sleep_in": 1}})
    assert solve(_two_sleep_ins(), policy).objective_raw == 300 * 9 * HOUR
    own = _two_sleep_ins(max_sessions_of_kind=("sleep_in=2",))
    assert solve(own, policy).objective_raw == 0


def test_max_sessions_of_kind_zero_filters_the_pair() -> None:
    """max_sessions_of_kind: a limit of 0 means the worker never gets a variable for
    that kind, and the reason is kept for the explainer."""
    problem = _two_sleep_ins(max_sessions_of_kind=("sleep_in=0",))
    result = solve(problem, covering())
    assert rostered(result) == set()
    rule = next(r for r in all_rules() if r.id == "max_sessions_of_kind")
    data = compile_problem(problem, covering())
    assert rule.admits(data, 0, 0) == "they do not work 'sleep_in' sessions"


def test_max_sessions_of_kind_check_counts_sessions() -> None:
    """max_sessions_of_kind: the checker flags two sleep-ins against a limit of 1."""
    report = check(
        _two_sleep_ins(max_sessions_of_kind=("sleep_in=1",)),
        covering(),
        assign("n1", "bea", 0, "22:00", "07:00"),
        assign("n2", "bea", 2, "22:00", "07:00"),
    )
    assert broken(report) == {"max_sessions_of_kind"}
    assert "2 'sleep_in' sessions (at most 1)" in report.violations[0].message


def test_max_sessions_of_kind_column_must_be_kind_equals_number() -> None:
    """max_sessions_of_kind: a cell item that is not kind=number is refused with a
    plain message, and the parsed limits are a dict."""
    with pytest.raises(ValidationError, match="'sleep_in:2' is not kind=number"):
        worker("bea", max_sessions_of_kind=("sleep_in:2",))
    bea = worker("bea", max_sessions_of_kind=("sleep_in=2", "waking_night=3"))
    assert bea.kind_limits == {"sleep_in": 2, "waking_night": 3}
    assert Worker.model_fields["max_sessions_of_kind"].default is None


def _weekends(**bea: Any) -> Problem:
    # A fortnight: Saturday and Sunday of week 1, Sunday of week 2, one hour each.
    return week(
        [worker("bea", **bea)],
        [person("ann")],
        [
            session("sat1", "ann", 5, "09:00", "10:00", priority="essential"),
            session("sun1", "ann", 6, "09:00", "10:00", priority="essential"),
            session("sun2", "ann", 13, "09:00", "10:00"),
        ],
        days=14,
    )


def test_max_working_weekends_counts_a_weekend_once() -> None:
    """max_working_weekends: with 1 weekend allowed, Saturday and Sunday of week 1
    are one weekend; week 2's Sunday would be a second. Expected: sun2 uncovered,
    objective = 300 x 60."""
    result = solve(_weekends(max_working_weekends=1), covering())
    assert rostered(result) == {("sat1", "bea"), ("sun1", "bea")}
    assert result.objective_raw == 300 * HOUR


def test_max_working_weekends_check_lists_the_weekends() -> None:
    """max_working_weekends: the checker flags two weekends against a limit of 1."""
    report = check(
        _weekends(),
        covering({"max_working_weekends": 1}),
        assign("sat1", "bea", 5, "09:00", "10:00"),
        assign("sun2", "bea", 13, "09:00", "10:00"),
    )
    assert broken(report) == {"max_working_weekends"}
    assert "2 weekends (at most 1)" in report.violations[0].message


def _fortnight(**bea: Any) -> Problem:
    # Three hours on each Monday of a fortnight.
    return week(
        [worker("bea", **bea)],
        [person("ann")],
        [
            session("m1", "ann", 0, "09:00", "12:00", priority="essential"),
            session("m2", "ann", 7, "09:00", "12:00"),
        ],
        days=14,
    )


def test_max_total_hours_over_the_horizon() -> None:
    """max_total_hours: 5 hours over the fortnight fit one Monday, not both, though
    each week is far under max_hours. Expected: m2 uncovered, objective 300 x 180."""
    result = solve(_fortnight(max_total_hours=5), covering())
    assert rostered(result) == {("m1", "bea")}
    assert result.objective_raw == 300 * 3 * HOUR


def test_max_total_hours_check_and_filter() -> None:
    """max_total_hours: the checker flags 6 hours against 5, and a session longer
    than the whole allowance gets no variable."""
    problem = _fortnight()
    policy = covering({"max_total_hours": 5})
    report = check(
        problem,
        policy,
        assign("m1", "bea", 0, "09:00", "12:00"),
        assign("m2", "bea", 7, "09:00", "12:00"),
    )
    assert broken(report) == {"max_total_hours"}
    assert "6 hours over the rota (at most 5)" in report.violations[0].message
    rule = next(r for r in all_rules() if r.id == "max_total_hours")
    data = compile_problem(_fortnight(max_total_hours=2), policy)
    assert rule.admits(data, 0, 0) is not None


def _cheap_or_dear(**amy: Any) -> Problem:
    # Amy (£20/h) or Bea (£10/h) can take a 2-hour session.
    return week(
        [worker("amy", hourly_rate=20.0, **amy), worker("bea")],
        [person("ann")],
        [session("s1", "ann", 0, "09:00", "11:00")],
    )


def test_min_total_hours_gives_the_worker_their_hours() -> None:
    """min_total_hours: by wage alone Bea would take the session; Amy's minimum of 2
    hours gives it to her. Expected: objective = 2 h x £20 = 40 points."""
    policy = covering(wage_cost=1)
    assert rostered(solve(_cheap_or_dear(), policy)) == {("s1", "bea")}
    result = solve(_cheap_or_dear(min_total_hours=2), policy)
    assert rostered(result) == {("s1", "amy")}
    assert result.objective_raw == 40 * HOUR


def test_min_total_hours_that_cannot_be_met_is_infeasible() -> None:
    """min_total_hours: a hard minimum the week cannot give makes the rota
    infeasible rather than quietly broken."""
    result = rota.solve(_cheap_or_dear(min_total_hours=3), covering(), time_limit=5)
    assert result.status == "INFEASIBLE"


def test_min_total_hours_check_flags_a_worker_with_no_work() -> None:
    """min_total_hours: a worker with nothing at all is below their minimum."""
    report = check(
        _cheap_or_dear(min_total_hours=2),
        covering(),
        assign("s1", "bea", 0, "09:00", "11:00"),
    )
    assert broken(report) == {"min_total_hours"}
    assert "AMY (amy) would work 0 hours" in report.violations[0].message


def test_supported_living_limits_are_off_by_default() -> None:
    """None of the limits is active, so nothing is added to the model, until the
    policy or a worker sets it."""
    data = compile_problem(_two_sleep_ins(), only())
    active = {r.id for r in all_rules() if r.active(data)}
    assert not active & NEW_RULES
    data = compile_problem(_two_sleep_ins(max_total_hours=40), only())
    assert {r.id for r in all_rules() if r.active(data)} & NEW_RULES == {
        "max_total_hours"
    }


def test_min_total_hours_on_the_neighbourhood_search_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """min_total_hours on the large-week path: the greedy start gives the session
    to cheap Bea and so breaks Amy's minimum; the engine must search on from it
    and emit a rota that keeps the minimum (Amy takes it), never the greedy one."""
    monkeypatch.setattr(rota.engine, "LNS_MIN_ARCS", -1)  # force the large path
    # Bea listed first, so the greedy (ties by order) hands her the session.
    problem = week(
        [worker("bea"), worker("amy", hourly_rate=20.0, min_total_hours=2)],
        [person("ann")],
        [session("s1", "ann", 0, "09:00", "11:00")],
    )
    result = rota.solve(problem, covering(wage_cost=1), time_limit=5, workers=1)
    assert result.status == "FEASIBLE"
    assert not result.violations
    assert rostered(result) == {("s1", "amy")}
    assert result.objective_raw == sum(e.penalty for e in result.evaluations)


def test_unmeetable_minimum_on_the_large_path_emits_no_rota(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """min_total_hours on the large-week path: when no rota keeps a minimum, none
    is emitted (status UNKNOWN or INFEASIBLE, no objective), rather than an empty
    rota reported as feasible."""
    monkeypatch.setattr(rota.engine, "LNS_MIN_ARCS", -1)
    result = rota.solve(
        _cheap_or_dear(min_total_hours=3), covering(), time_limit=2, workers=1
    )
    assert result.status in ("UNKNOWN", "INFEASIBLE")
    assert result.objective_raw is None
    assert rostered(result) == set()


def test_repair_minimums_hands_a_visit_to_the_worker_below_their_minimum() -> None:
    """min_total_hours repair (large-week path): the start rota gives the only
    session to Bea, leaving Amy below her 2-hour minimum. Freed alone, Amy finds
    the visit taken; freed with Bea (who holds it), the visit changes hands.
    Expected: Amy takes s1 and no hard rule is broken."""

    problem = week(
        [worker("bea"), worker("amy", min_total_hours=2)],
        [person("ann")],
        [session("s1", "ann", 0, "09:00", "11:00")],
    )
    data = compile_problem(problem, load_policy())
    rules = all_rules()
    hard = [(r.id, r.blocks) for r in rules if r.hard and r.active(data)]
    candidates, _ = candidate_slots(data, hard)
    start = [(0, data.sessions[0].slots[0])]  # Bea on s1
    assert any(e.violations for e in evaluate(Plan.from_pairs(data, start), rules))
    fixed = repair_minimums(
        data, rules, candidates, start, deadline=time.perf_counter() + 10, seed=0
    )
    assert fixed is not None
    assert {w for w, _ in fixed.pairs} == {1}
    plan = Plan.from_pairs(data, fixed.pairs)
    assert not any(e.violations for e in evaluate(plan, rules))


def test_small_path_repairs_a_greedy_start_short_of_a_minimum(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """min_consecutive_days on the small-week path: a greedy start giving Amy a
    lone working day (she asks for two in a row; s1 is mid-week) is repaired
    before the search, so its hint is complete and CP-SAT starts from a rota, not
    from nothing. Expected: Bea on s1, and the hint completed."""
    problem = week(
        [worker("bea"), worker("amy", min_consecutive_days=2)],
        [person("ann")],
        [session("s1", "ann", 3, "09:00", "11:00")],
    )

    def amy_on_s1(data: Any, *args: Any, **kwargs: Any) -> list[tuple[int, int]]:
        return [(data.worker_index["amy"], data.sessions[0].slots[0])]

    monkeypatch.setattr(rota.search.small, "greedy_pairs", amy_on_s1)
    caplog.set_level("INFO", logger="rota")
    result = solve(problem, load_policy())
    assert rostered(result) == {("s1", "bea")}
    assert "repairing it" in caplog.text
    assert "could not be completed" not in caplog.text


def test_small_path_searches_from_nothing_when_every_rota_starts_short(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """min_total_hours: a rota with no visit already leaves Amy short, so the
    greedy (which leaves minimums to the search) is not run on the small-week
    path, and the search finds the rota keeping her minimum on its own.
    Expected: no greedy call, Amy on s1."""
    problem = week(
        [worker("bea"), worker("amy", min_total_hours=2)],
        [person("ann")],
        [session("s1", "ann", 0, "09:00", "11:00")],
    )
    calls: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> list[tuple[int, int]]:
        calls.append(1)
        return []

    monkeypatch.setattr(rota.search.small, "greedy_pairs", counted)
    result = solve(problem, load_policy())
    assert rostered(result) == {("s1", "amy")}
    assert calls == []
