"""The paid-minutes account of benchmarks/engine_speed.py on generated weeks."""

from __future__ import annotations

from types import ModuleType

import pytest

from rota.generate import generate_week_with_plan
from rota.policy import load_policy
from rota.solver.data import compile_problem
from rota.solver.plan import Plan
from tests.bench_scripts import load_script


@pytest.fixture(scope="module")
def speed() -> ModuleType:
    return load_script("engine_speed")


def test_a_tight_weeks_planted_rota_uses_every_cap_minute(speed: ModuleType) -> None:
    problem, plan = generate_week_with_plan(8, seed=3, feasible=True, tight=True)
    data = compile_problem(problem, load_policy())
    account = speed.paid_account(speed.planted_plan(data, plan))
    assert account["uncovered"] == 0
    assert account["left"] == 0
    assert account["travel"] > 0


def test_an_empty_rota_leaves_every_session_and_every_cap(speed: ModuleType) -> None:
    problem, _ = generate_week_with_plan(8, seed=3, feasible=True, tight=True)
    data = compile_problem(problem, load_policy())
    account = speed.paid_account(Plan.from_pairs(data, []))
    assert account["uncovered"] == sum(
        (s.end - s.start) * s.staff for s in data.sessions
    )
    assert account["left"] == sum(w.max_week for w in data.workers)
    assert account["travel"] == 0


def test_what_a_tight_rota_leaves_is_hours_left_plus_extra_travel(
    speed: ModuleType,
) -> None:
    # Every cap minute of a tight week is the planted rota's, so for any rota
    # keeping the caps: uncovered = minutes left + travel beyond the planted rota's.
    row = speed.one("10", 3.0, 1, 0, feasible=True, tight=True)
    ours, planted = row["account"], row["planted"]
    assert row["violations"] == 0
    assert planted["uncovered"] == planted["left"] == 0
    assert ours["uncovered"] == ours["left"] + ours["travel"] - planted["travel"]


def test_a_shipped_week_has_no_planted_rota(speed: ModuleType) -> None:
    problem, plan = speed.week_and_plan("small", 0, True, True)
    assert plan is None
    assert problem.sessions
