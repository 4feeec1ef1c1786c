"""The large-week search: days priced by the day-local rules' own evaluation (the
shaped greedy puts a visit where it shapes the worker's day best, the neighbourhood
search frees the costliest days), neighbourhoods chosen by how they have done, and
an insertion step that adds what fits as the rota stands."""

from __future__ import annotations

import random

from helpers import covering, person, session, week, window, worker
from hypothesis import given, settings
from hypothesis import strategies as st

from rota.build import build_model
from rota.generate import generate_week_with_plan
from rota.policy import load_policy
from rota.result import evaluate
from rota.rules import all_rules
from rota.search.construct import greedy_pairs
from rota.search.days import DayPrices
from rota.search.large import insert_uncovered
from rota.search.neighbourhoods import (
    Chooser,
    Incumbent,
    chain_neighbourhood,
    freed_candidates,
    solve_restricted,
)
from rota.solver.data import compile_problem
from rota.solver.model import candidate_slots
from rota.solver.plan import Plan


def _by_slot(data, rules):
    active = [r for r in rules if r.active(data)]
    candidates, _ = candidate_slots(data, [(r.id, r.blocks) for r in active if r.hard])
    by_slot: dict[int, list[int]] = {}
    for w, slots in candidates.items():
        for k in slots:
            by_slot.setdefault(k, []).append(w)
    return by_slot


@settings(max_examples=10, deadline=None)
@given(workers=st.integers(4, 10), seed=st.integers(0, 50))
def test_day_costs_are_the_day_local_rules_evaluation_day_by_day(
    workers: int, seed: int
) -> None:
    """Each day's price is the split_shift, short_day, long_span, travel_minutes and
    travel_miles rules' own evaluation of that day alone, and the days add up to
    those rules' evaluation of the whole rota."""
    problem, _ = generate_week_with_plan(workers, seed=seed, feasible=True)
    data = compile_problem(problem, load_policy("min-3h-blocks"))
    rules = all_rules()
    pairs = greedy_pairs(data, _by_slot(data, rules), rules, [])
    costs = DayPrices(data, rules).of(pairs)
    plan = Plan.from_pairs(data, pairs)
    local = [r for r in rules if r.day_local and r.active(data)]
    assert {r.id for r in local} >= {"split_shift", "short_day", "travel_minutes"}
    assert sum(costs.values()) == sum(r.evaluate(plan).penalty for r in local)
    assert set(costs) <= set(plan.days)


def test_shaped_greedy_closes_a_gap_instead_of_splitting_a_day() -> None:
    """split_shift, short_day: A and B are equally able to take a 10:00 visit; A
    already works 08:00-10:00 and B 15:00-17:00. In the greedy's own order the
    visit goes to whoever comes first; shaped, it goes to A, whose day it extends
    with no gap, never to B, whose day it would split (a 5-hour gap)."""
    policy = covering(split_shift=80, short_day=100)
    people = [person("p")]
    visits = [
        session("a1", "p", 0, "08:00", "10:00"),
        session("b1", "p", 0, "15:00", "17:00"),
        session("x", "p", 0, "10:00", "11:00"),
    ]
    staff = [worker("a"), worker("b")]
    problem = week(
        staff,
        people,
        visits,
        availability=[
            window("a", 0, "07:00", "18:00"),
            window("b", 0, "07:00", "18:00"),
        ],
    )
    data = compile_problem(problem, policy)
    rules = all_rules()
    by_slot = _by_slot(data, rules)
    slot = {data.sessions[s].id: data.sessions[s].slots[0] for s in range(3)}
    a, b = data.worker_index["a"], data.worker_index["b"]
    start = [(a, slot["a1"]), (b, slot["b1"])]
    for order in ([a, b], [b, a]):
        by_slot[slot["x"]] = order
        shaped = greedy_pairs(data, by_slot, rules, start, shape_days=True)
        assert (a, slot["x"]) in shaped
        assert (b, slot["x"]) not in shaped
    by_slot[slot["x"]] = [b, a]
    assert (b, slot["x"]) in greedy_pairs(data, by_slot, rules, start)


def test_chooser_favours_the_neighbourhood_that_improves() -> None:
    """A kind that keeps improving the rota is picked more often than one that
    never does, and no kind falls below the floor or is picked when not possible."""
    chooser = Chooser(random.Random(0))
    for _ in range(20):
        chooser.reward("costly", True)
        chooser.reward("uncovered", False)
    assert chooser.score["costly"] > 1.5
    assert chooser.FLOOR <= chooser.score["uncovered"] < 0.2
    picks = [chooser.pick(["uncovered", "costly", "random"]) for _ in range(300)]
    assert picks.count("costly") > 3 * picks.count("uncovered")
    assert set(chooser.pick(["person", "random"]) for _ in range(50)) <= {
        "person",
        "random",
    }


def test_insertion_adds_what_fits_and_only_when_it_pays() -> None:
    """uncovered_standard: the rota leaves X (Monday 10:00-11:00) uncovered while
    B, who is free, could take it: the insertion step covers it and the objective
    drops by the rules' own evaluation. With X covered nothing is left to add, and
    a rota too short of time is left as it is."""
    problem = week(
        [worker("a"), worker("b")],
        [person("p")],
        [
            session("y", "p", 0, "10:00", "11:00"),
            session("x", "p", 0, "10:00", "11:00", staff_required=1),
        ],
        availability=[
            window("a", 0, "07:00", "18:00"),
            window("b", 0, "07:00", "18:00"),
        ],
    )
    data = compile_problem(problem, covering())
    rules = all_rules()
    by_slot = _by_slot(data, rules)
    a = data.worker_index["a"]
    y = data.sessions[data.session_index["y"]].slots[0]

    def incumbent(pairs):
        found = evaluate(Plan.from_pairs(data, pairs), rules)
        assert not any(e.violations for e in found)
        return Incumbent(pairs, sum(e.penalty for e in found))

    start = incumbent([(a, y)])
    better = insert_uncovered(data, rules, by_slot, start, 5.0, None)
    assert better is not None and better.objective < start.objective
    plan = Plan.from_pairs(data, better.pairs)
    assert all(plan.covered(s.index) for s in data.sessions)
    assert insert_uncovered(data, rules, by_slot, better, 5.0, None) is None
    assert insert_uncovered(data, rules, by_slot, start, 0.0, None) is None


def test_construction_shapes_days_only_where_priced_and_the_greedy_covers_all(
    monkeypatch,
) -> None:
    """With no day-local price (nurse rostering's policies), the day-shaped greedy
    would only repeat the plain one: the construction makes the plain rota once.
    With split shifts priced it makes both when the plain rota covers every
    session (started from the planted rota), and only the plain one when it
    leaves some uncovered (the coverage phase reshapes that rota whole)."""
    import rota.search.large as large
    from rota.engine import _hint_pairs
    from rota.search.cover import cover_cost

    problem, planted = generate_week_with_plan(6, seed=1, feasible=True)
    rules = all_rules()
    calls: list[bool] = []
    real = large.greedy_pairs

    def counted(*args, **kwargs):
        calls.append(kwargs.get("shape_days", False))
        return real(*args, **kwargs)

    monkeypatch.setattr(large, "greedy_pairs", counted)
    plain = covering()
    priced = covering(split_shift=80)
    for policy, planted_start, expected in (
        (plain, False, [False]),
        (priced, False, [False]),
        (priced, True, [False, True]),
    ):
        data = compile_problem(problem, policy)
        by_slot = _by_slot(data, rules)
        candidates: dict[int, list[int]] = {}
        for k, able in by_slot.items():
            for w in able:
                candidates.setdefault(w, []).append(k)
        start = _hint_pairs(data, candidates, planted) if planted_start else []
        first = real(data, by_slot, rules, start, time_budget=30)
        # The week is one the plain greedy cannot cover from nothing, and can
        # from the planted rota: both branches are taken.
        assert (cover_cost(data, rules, first) == 0) == planted_start
        calls.clear()
        pairs = large.construct(data, by_slot, rules, start, time_budget=30, stop=None)
        assert calls == expected
        if expected == [False]:
            assert pairs == first


def test_search_starts_no_step_whose_model_cannot_be_built_in_time() -> None:
    """Each step's model takes 0.6 s to build here (a large week's can take
    seconds): after the first, the search starts a step only when one and a half
    builds fit before its deadline, and CP-SAT is not started on a model built
    too close to it, so the search ends by its deadline with the rota it had."""
    import time

    from rota.build import build_model
    from rota.search.neighbourhoods import improve, solve_restricted

    problem, _ = generate_week_with_plan(4, seed=1, feasible=True)
    data = compile_problem(problem, covering())
    rules = all_rules()
    active = [r for r in rules if r.active(data)]
    candidates, _ = candidate_slots(data, [(r.id, r.blocks) for r in active if r.hard])
    by_slot = _by_slot(data, rules)
    pairs = greedy_pairs(data, by_slot, rules, [])
    found = evaluate(Plan.from_pairs(data, pairs), rules)
    start = Incumbent(pairs, sum(e.penalty for e in found))
    builds: list[float] = []

    def slow_build(limited, keep):
        builds.append(time.perf_counter())
        time.sleep(0.6)
        return build_model(data, rules, candidates=limited, keep_arcs=keep)

    began = time.perf_counter()
    deadline = began + 2.0
    best = improve(
        data, slow_build, candidates, start, deadline=deadline, seed=0, workers=1
    )
    assert time.perf_counter() <= deadline + 0.1
    assert best.objective <= start.objective
    # Every step began with room for 1.5 builds of 0.6 s before deadline - 0.5.
    assert builds and all(t + 0.9 <= deadline - 0.5 for t in builds[1:])
    # A model built past ``until`` is never handed to CP-SAT.
    assert (
        solve_restricted(
            data,
            slow_build,
            candidates,
            pairs,
            time_limit=5.0,
            seed=0,
            workers=1,
            until=time.perf_counter(),
        )
        is None
    )


def test_a_chain_moves_hours_between_days_where_one_day_cannot() -> None:
    """max_hours_week: A (2 hours a week) works Tuesday's T and is the only one
    free for Monday's S; B (2 hours, free on Tuesday only) works nothing. S is
    covered only if A takes it and hands T to B. The chain neighbourhood frees A
    and B on both days and its step covers both; freeing everyone able on S's
    day alone (the ``uncovered`` neighbourhood) cannot."""
    problem = week(
        [worker("a", max_hours=2), worker("b", max_hours=2)],
        [person("p")],
        [
            session("s", "p", 0, "10:00", "12:00"),
            session("t", "p", 1, "10:00", "12:00"),
        ],
        availability=[
            window("a", 0, "09:00", "13:00"),
            window("a", 1, "09:00", "13:00"),
            window("b", 1, "09:00", "13:00"),
        ],
    )
    data = compile_problem(problem, covering())
    rules = all_rules()
    active = [r for r in rules if r.active(data)]
    candidates, _ = candidate_slots(data, [(r.id, r.blocks) for r in active if r.hard])
    by_slot = _by_slot(data, rules)
    a, b = data.worker_index["a"], data.worker_index["b"]
    s = data.session_index["s"]
    t_slot = data.sessions[data.session_index["t"]].slots[0]
    start = [(a, t_slot)]
    objective = sum(e.penalty for e in evaluate(Plan.from_pairs(data, start), rules))
    incumbent = Incumbent(start, objective)

    free, days = chain_neighbourhood(data, by_slot, incumbent, random.Random(0), 2, s)
    assert (free, set(days)) == ({a, b}, {0, 1})

    def build(limited, keep):
        return build_model(data, rules, candidates=limited, keep_arcs=keep)

    def step(free, days):
        limited = freed_candidates(data, candidates, incumbent, free, days)
        found = solve_restricted(
            data, build, limited, start, time_limit=5, seed=0, workers=1
        )
        assert found is not None
        plan = Plan.from_pairs(data, found.pairs)
        assert not any(e.violations for e in evaluate(plan, rules))
        return sum(plan.covered(x.index) for x in data.sessions)

    assert step(free, days) == 2
    assert step({a, b}, range(0, 1)) == 1
