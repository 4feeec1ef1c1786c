"""Interchangeable sessions are searched as one pool: one variable per worker for
the group, its sessions covered first to last by what covering them saves."""

from __future__ import annotations

import time
from typing import Any

import pytest
from helpers import covering, person, published, session, solve, week, worker
from ortools.sat.python import cp_model

import rota
import rota.engine
from rota.build import build_model
from rota.model import Session
from rota.result import evaluate
from rota.rules import all_rules
from rota.search.cpsat import hint_pairs, solution_pairs
from rota.search.pools import find_pools, in_order, pooled_candidates
from rota.search.repair import repair_minimums
from rota.solver.data import compile_problem
from rota.solver.model import candidate_slots
from rota.solver.plan import Plan
from rota.solver.stopping import new_solver


def _shift() -> list[Session]:
    """Three copies of one Monday shift at the house (an essential, a standard
    and an optional one, written in that worst order)."""
    return [
        session(
            "optional", "h", 0, "09:00", "17:00", uncovered_weight=0.0, cover_weight=1.0
        ),
        session("standard", "h", 0, "09:00", "17:00"),
        session("essential", "h", 0, "09:00", "17:00", priority="essential"),
    ]


def _house(**extra: Any) -> rota.Problem:
    """A house needing three workers 09:00-17:00 on Monday (an essential, a
    standard and an optional session, written in that worst order), a visit at
    another time, and a fourth copy already published with w1."""
    return week(
        [worker(f"w{i}") for i in range(1, 4)],
        [person("h")],
        [
            *_shift(),
            session("later", "h", 0, "10:00", "17:00"),
            session("told", "h", 1, "09:00", "17:00"),
            session("told-too", "h", 1, "09:00", "17:00"),
        ],
        **extra,
    )


def _compiled(problem: rota.Problem) -> Any:
    data = compile_problem(problem, covering(cover_cost=1))
    rules = all_rules()
    active = [r for r in rules if r.active(data)]
    candidates, _ = candidate_slots(
        data, [(r.id, r.blocks) for r in active if r.hard and r.filters_pairs]
    )
    return data, rules, candidates


def _ids(data: Any, pools: Any) -> list[list[str]]:
    return [[data.sessions[s].id for s in group] for group in pools]


def test_alike_sessions_pool_in_the_order_covering_them_saves() -> None:
    """The three Monday copies form one pool, essential, then standard, then the
    optional one that costs to cover; a session at another time is apart, and so
    is a copy the published rota names (``told``), which leaves its twin alone."""
    data, rules, candidates = _compiled(_house(published=published(("told", "w1"))))
    assert _ids(data, find_pools(data, rules, candidates)) == [
        ["essential", "standard", "optional"]
    ]
    data, rules, candidates = _compiled(_house())
    assert _ids(data, find_pools(data, rules, candidates)) == [
        ["essential", "standard", "optional"],
        ["told", "told-too"],
    ]


def test_sessions_some_worker_cannot_take_alike_are_apart() -> None:
    """The same shift with a skill only w2 has is not interchangeable with the
    others: different workers can take it."""
    problem = _house()
    problem = problem.model_copy(
        update={
            "workers": (
                worker("w1"),
                worker("w2", skills=("hoist",)),
                worker("w3"),
            ),
            "sessions": (
                *problem.sessions,
                session("hoist", "h", 0, "09:00", "17:00", skills_required=("hoist",)),
            ),
        }
    )
    data, rules, candidates = _compiled(problem)
    assert _ids(data, find_pools(data, rules, candidates)) == [
        ["essential", "standard", "optional"],
        ["told", "told-too"],
    ]


def test_a_rota_is_moved_onto_the_first_sessions_of_its_pool() -> None:
    """A rota holding the optional copy only holds the essential one instead."""
    data, rules, candidates = _compiled(_house())
    pools = find_pools(data, rules, candidates)
    slot = {s.id: s.slots[0] for s in data.sessions}
    moved = in_order(data, pools, [(0, slot["optional"]), (1, slot["later"])])
    assert sorted(moved) == sorted([(0, slot["essential"]), (1, slot["later"])])


def test_a_pooled_model_has_a_variable_per_worker_for_the_group() -> None:
    """Three workers, three copies: 3 variables for the pool where there were 9,
    and a rota of two workers reads back as the essential and standard copies."""
    data, rules, candidates = _compiled(_house())
    pools = find_pools(data, rules, candidates)
    apart, _ = build_model(data, rules, candidates=candidates)
    pooled, _ = build_model(
        data, rules, candidates=pooled_candidates(data, pools, candidates), pools=pools
    )
    assert len(apart.x) - len(pooled.x) == 3 * 2 + 3 * 1  # two spare copies + twin
    slot = {s.id: s.slots[0] for s in data.sessions}
    hint_pairs(pooled, [(2, slot["optional"]), (0, slot["standard"])])
    solver = new_solver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.num_workers = 1
    assert solver.solve(pooled.cp) == cp_model.OPTIMAL  # the hint holds
    pairs = solution_pairs(pooled, list(solver.response_proto.solution))
    assert sorted(pairs) == [(0, slot["essential"]), (2, slot["standard"])]


def test_the_engine_covers_a_pool_first_to_last() -> None:
    """Two workers free for the three-worker shift: the essential and standard
    copies are covered, the optional one (it costs) is not, and the rota is the
    one the week searched with every session apart finds."""
    problem = week(
        [worker("w1"), worker("w2")],
        [person("h")],
        _shift(),
    )
    policy = covering(cover_cost=1)
    pooled = solve(problem, policy)
    assert sorted(a.session_id for a in pooled.assignments) == [
        "essential",
        "standard",
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rota.engine, "find_pools", lambda *_: [])
        apart = solve(problem, policy)
    assert apart.objective_raw == pooled.objective_raw


def test_pooled_pairs_decide_the_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """A week over the whole-week search's limit of pairs only because of its
    copies is searched whole once they are pooled."""
    problem = _house()
    data, rules, candidates = _compiled(problem)
    pools = find_pools(data, rules, candidates)
    pairs = sum(len(v) for v in candidates.values())
    fewer = sum(len(v) for v in pooled_candidates(data, pools, candidates).values())
    monkeypatch.setattr(rota.engine, "LNS_MIN_PAIRS", fewer)
    searched: list[str] = []
    monkeypatch.setattr(
        rota.engine, "solve_large", lambda *a, **k: searched.append("large")
    )
    real_small = rota.engine.solve_small

    def small(*a: Any, **k: Any) -> Any:
        searched.append("small")
        return real_small(*a, **k)

    monkeypatch.setattr(rota.engine, "solve_small", small)
    assert fewer < pairs
    rota.solve(problem, covering(cover_cost=1), time_limit=5, seed=0, workers=1)
    assert searched == ["small"]


def test_a_repair_frees_workers_onto_a_pool() -> None:
    """Amy and Bea each need 8 hours over the rota and the Monday shift is the
    only work; from no rota at all, the repair (pooled: one variable per worker
    for the three copies) gives each a copy of their own, the essential and the
    standard ones, and the rota keeps every hard rule. A worker kept as they are
    holding a later copy keeps the shift: read back first to last."""
    problem = week(
        [worker("amy", min_total_hours=8), worker("bea", min_total_hours=8)],
        [person("h")],
        _shift(),
    )
    data = compile_problem(problem, covering(cover_cost=1))
    rules = all_rules()
    active = [r for r in rules if r.active(data)]
    candidates, _ = candidate_slots(
        data, [(r.id, r.blocks) for r in active if r.hard and r.filters_pairs]
    )
    pools = find_pools(data, rules, candidates)
    assert _ids(data, pools) == [["essential", "standard", "optional"]]
    slot = {s.id: s.slots[0] for s in data.sessions}
    amy, bea = data.worker_index["amy"], data.worker_index["bea"]
    for start in ([], [(bea, slot["optional"])]):
        fixed = repair_minimums(
            data,
            rules,
            candidates,
            start,
            deadline=time.perf_counter() + 10,
            seed=0,
            pools=pools,
        )
        assert fixed is not None
        assert sorted(fixed.pairs) == sorted(
            [(amy, slot["essential"]), (bea, slot["standard"])]
        ) or sorted(fixed.pairs) == sorted(
            [(bea, slot["essential"]), (amy, slot["standard"])]
        )
        plan = Plan.from_pairs(data, fixed.pairs)
        assert not any(e.violations for e in evaluate(plan, rules))
        assert fixed.objective == sum(e.penalty for e in evaluate(plan, rules))
