"""Tight weeks (``feasible=True, tight=True``): the planted rota and nothing more.

The planted rota must still keep every hard rule by rota's own checker under the
default policy and cover every session, while each worker's availability is exactly
their planted days and ``max_hours`` exactly their planted paid hours.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from printed import shows
from typer.testing import CliRunner

import rota
from rota.check import CheckReport
from rota.cli import (
    app,
    commands,  # noqa: F401  (registers the subcommands)
)
from rota.generate import generate_week, generate_week_with_plan
from rota.generate.tight import hours_holding
from rota.io import load
from rota.model import Assignment, Problem
from rota.model.time import span
from rota.rules.contract import week_paid

CASES = [(12, 1), (12, 5), (30, 2), (30, 7)]
"""(workers, seed): small weeks, a few seeds."""

Week = tuple[Problem, list[tuple[str, str]]]


@pytest.fixture(scope="module", params=CASES, ids=lambda c: f"{c[0]}w-seed{c[1]}")
def tight(request: pytest.FixtureRequest) -> Week:
    workers, seed = request.param
    return generate_week_with_plan(workers, seed=seed, feasible=True, tight=True)


def checked(problem: Problem, plan: list[tuple[str, str]]) -> CheckReport:
    """rota's own checker on the planted pairs, under the default policy."""
    lines = []
    for session_id, worker_id in plan:
        s = problem.session_by_id[session_id]
        begin, end = span(s.date, s.start, s.end)
        lines.append(
            Assignment(session_id=session_id, worker_id=worker_id, start=begin, end=end)
        )
    return rota.check(problem, lines, rota.load_policy())


def planted_days(problem: Problem, plan: list[tuple[str, str]]) -> dict[str, list]:
    """Worker -> their planted days as (first start, last end) horizon minutes."""
    days: dict[str, dict[int, list[tuple[int, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for session_id, worker_id in plan:
        s = problem.session_by_id[session_id]
        begin, end = problem.period.interval(s.date, s.start, s.end)
        days[worker_id][begin // 1440].append((begin, end))
    return {
        w: [(min(v)[0], max(e for _, e in v)) for _, v in sorted(d.items())]
        for w, d in days.items()
    }


def rows(problem: Problem, worker_id: str, kind: str) -> list[tuple[int, int]]:
    """A worker's rows of one kind as horizon minutes, in order."""
    return sorted(
        problem.period.interval(r.date, r.start, r.end)
        for r in problem.availability
        if r.worker_id == worker_id and r.kind == kind
    )


def test_the_planted_rota_keeps_every_hard_rule_and_covers_everything(
    tight: Week,
) -> None:
    """Cutting the week down leaves its planted rota legal by rota.check under the
    default policy, and still covering every session in full."""
    problem, plan = tight
    report = checked(problem, plan)
    assert [v.message for v in report.violations] == []
    assert all(report.plan.covered(s) for s in range(len(report.data.sessions)))
    staffed: dict[str, int] = defaultdict(int)
    for session_id, _ in plan:
        staffed[session_id] += 1
    assert staffed == {s.session_id: s.staff_required for s in problem.sessions}


def test_availability_is_exactly_the_planted_days(tight: Week) -> None:
    """One available window per planted day, first start to last end; nothing on
    other days; preferred and undesired windows only inside those; a worker with
    no planted work is unavailable all week (no rows at all would mean any time)."""
    problem, plan = tight
    days = planted_days(problem, plan)
    assert any(w.worker_id in days for w in problem.workers)
    for worker in problem.workers:
        mine = days.get(worker.worker_id, [])
        assert rows(problem, worker.worker_id, "available") == mine
        for kind in ("preferred", "undesired"):
            for a, b in rows(problem, worker.worker_id, kind):
                assert any(c <= a and b <= d for c, d in mine), (worker.worker_id, kind)
        if not mine:
            blocked = rows(problem, worker.worker_id, "unavailable")
            assert [(d * 1440, d * 1440 + 1440) for d in range(7)] <= blocked


def test_max_hours_is_exactly_the_planted_paid_hours(tight: Week) -> None:
    """max_hours is the planted paid hours as the rules count them (visits plus
    travel between them), rounded up to hundredths (thousandths where needed) and
    no further: the engine reads it back as exactly those minutes. Contracted
    hours are never above it."""
    problem, plan = tight
    report = checked(problem, plan)
    data = report.data
    for worker in problem.workers:
        paid = week_paid(report.plan, data.worker_index[worker.worker_id], 0)
        assert worker.max_hours * 60 >= paid
        assert worker.max_hours < paid / 60 + 0.01
        assert data.workers[data.worker_index[worker.worker_id]].max_week == paid
        assert worker.contracted_hours <= worker.max_hours


def test_hours_holding_is_exact_for_every_minute_of_a_week() -> None:
    """For every whole number of minutes in a week, the hours written hold it
    (times 60 in floating point is not below it) and round back to it exactly."""
    for minutes in range(7 * 1440 + 1):
        hours = hours_holding(minutes)
        assert hours * 60 >= minutes
        assert round(hours * 60) == minutes
        assert float(str(hours)) == hours
    assert hours_holding(440) == 7.34
    assert hours_holding(123) == 2.051


def test_tight_needs_feasible() -> None:
    """A tight week is cut to a planted full rota; without one it is refused."""
    with pytest.raises(ValueError, match="needs feasible"):
        generate_week(12, seed=1, tight=True)


def test_cli_tight_writes_the_same_week_and_refuses_without_feasible(
    tmp_path,
) -> None:
    """`rota generate --feasible --tight` writes the library's tight week (hours
    survive the CSV round trip); --tight alone is one plain error, nothing written."""
    out = tmp_path / "week"
    args = ["generate", "--size", "12", "--seed", "1", "--out", str(out)]
    refused = CliRunner().invoke(app, [*args, "--tight"])
    assert refused.exit_code == 1
    assert shows(refused.output, "--tight needs --feasible"), refused.output
    assert not out.exists()
    result = CliRunner().invoke(app, [*args, "--feasible", "--tight"])
    assert result.exit_code == 0, result.output
    loaded = load(out)
    assert loaded.problem is not None
    expected = generate_week(12, seed=1, feasible=True, tight=True)
    assert loaded.problem.workers == expected.workers
    assert loaded.problem.availability == expected.availability
