"""Small weeks: the full model once, from the greedy rota, searched to the limit."""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from ..build import build_model, estimated_arcs, model_stats
from ..model.rota import Status
from ..result import Result, evaluate, finish
from ..rules import Rule
from ..solver.data import SCALE, Compiled
from ..solver.model import RotaModel, lsum
from ..solver.plan import Plan
from ..solver.stopping import Phases, stoppable
from .construct import greedy_pairs
from .cpsat import (
    complete_hint,
    hint_pairs,
    model_slot,
    search_solver,
    solution_pairs,
)
from .neighbourhoods import kept_arcs
from .pools import Pools, pooled_candidates
from .progress import STATUS, Coverage, Progress, SolutionProgress
from .repair import repair_minimums

log = logging.getLogger("rota")

PRESOLVE_MAX_ARCS = 2_000
"""Full models with more day-route arcs than this are searched without presolve."""
LNS_ONLY_MIN_ARCS = 2_000
"""Full models with start variables and more day-route arcs than this are searched
by CP-SAT's large neighbourhood search alone, on every worker: no worker spends the
limit on a proof it will not reach (docs/engine.md, "Small weeks")."""
EXACT_MAX_ARCS = 20_000
"""A model with every arc up to this size is exact (OPTIMAL means optimal)."""
EXACT_MAX_ARCS_MOVING = 80_000
"""The same with start variables: a visit that may start late may follow any
other, so its nearest few in time miss the short journeys (docs/engine.md)."""


REPAIR_SHARE = 0.5
"""Of the time left after the greedy, the most that repairing its minimums takes."""


def _meet_minimums(
    data: Compiled,
    rules: list[Rule],
    candidates: dict[int, list[int]],
    pairs: list[tuple[int, int]],
    *,
    deadline: float,
    seed: int,
    stop: threading.Event | None,
    pools: Pools = (),
) -> list[tuple[int, int]]:
    """The greedy rota with the minimums it leaves short repaired, when it can be.

    A start short of fewest hours or days in a row is no rota at all, so its hint
    cannot be completed and CP-SAT would search from nothing (on Curtois Instance 8
    that found a roster in some runs only). Unchanged when it keeps every rule or
    the repair fails.
    """
    if not any(e.violations for e in evaluate(Plan.from_pairs(data, pairs), rules)):
        return pairs
    log.info("the greedy rota is short of a minimum; repairing it")
    repaired = repair_minimums(
        data,
        rules,
        candidates,
        pairs,
        deadline=deadline,
        seed=seed,
        stop=stop,
        pools=pools,
    )
    return pairs if repaired is None else repaired.pairs


def everyone_short(data: Compiled, rules: list[Rule]) -> bool:
    """True when a rota with no visit breaks a hard minimum (fewest hours or days
    over the rota for some worker): the greedy, which leaves minimums to the
    search, then makes a start that is no rota, and on such weeks its repair
    took the time the search from nothing needed (Curtois & Qu Instances 13 and
    15: no roster in 60 s after 16-19 s of greedy and 15-20 s of failed repair,
    one searched from nothing; docs/engine.md, "Small weeks")."""
    minimums = [r for r in rules if r.hard and r.lower_bound and r.active(data)]
    return any(e.violations for e in evaluate(Plan.from_pairs(data, []), minimums))


@dataclass
class Steps:
    """The week compiled with a start per step of each window, for the greedy and
    its repair when the model has start variables."""

    data: Compiled
    candidates: dict[int, list[int]]
    start_pairs: list[tuple[int, int]]


def _on_moving(
    data: Compiled, stepped: Compiled, pairs: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """A rota made on ``stepped`` as fixed slots of ``data`` (where a start
    variable's range holds each start). A session whose start has no place there
    (a step past midnight) is left out, with the session it is linked to."""
    placed: dict[int, list[tuple[int, int]]] = defaultdict(list)
    lost: set[int] = set()
    for w, k in pairs:
        slot = stepped.slots[k]
        s = slot.session
        here = data.fixed_slot(s, slot.start)
        holder = data.moving_slot(s, slot.start)
        if here is None and holder is not None:
            here = data.fixed_at(holder, slot.start)
        if here is None:
            lost.add(s)
            continue
        placed[s].append((w, here))
    for s in list(lost):
        session = data.sessions[s]
        lost |= {t.index for t in data.sessions if t.linked == s}
        if session.linked is not None:
            lost.add(session.linked)
    return [pair for s, found in placed.items() if s not in lost for pair in found]


def _construct(
    data: Compiled,
    model: RotaModel | None,
    rules: list[Rule],
    candidates: dict[int, list[int]],
    start_pairs: list[tuple[int, int]],
    steps: Steps | None,
    *,
    deadline: float,
    phases: Phases,
    seed: int,
    stop: threading.Event | None,
    pools: Pools = (),
) -> list[tuple[int, int]]:
    """The greedy rota with its minimums repaired, on the model's own slots (its
    routes' arcs only), or, where the model has start variables, on the window's
    steps (moved onto fixed slots of ``data`` at those starts; the model is built
    afterwards, keeping the arcs this rota uses)."""
    if steps is None:
        assert model is not None
        routes = model.routes

        def linked_in_model(w: int, d: int, a: int, b: int) -> bool:
            return (model_slot(model, a), model_slot(model, b)) in routes[(w, d)].arcs

        on = data
        has_arc: Callable[[int, int, int, int], bool] | None = linked_in_model
    else:
        has_arc = None  # the steps' slots are not the model's
        on, candidates, start_pairs = steps.data, steps.candidates, steps.start_pairs
    # The greedy places every session (a pooled model has one slot per group).
    by_slot: dict[int, list[int]] = defaultdict(list)
    for w, ks in sorted(candidates.items()):
        for k in ks:
            by_slot[k].append(w)
    pairs = greedy_pairs(
        on,
        by_slot,
        rules,
        start_pairs,
        has_arc=has_arc,
        time_budget=max(0.1, (deadline - time.perf_counter()) / 3),
        stop=stop,
    )
    phases.lap("construction")
    pairs = _meet_minimums(
        on,
        rules,
        candidates,
        pairs,
        deadline=time.perf_counter() + REPAIR_SHARE * (deadline - time.perf_counter()),
        seed=seed,
        stop=stop,
        pools=pools,
    )
    phases.lap("repair")
    return pairs if steps is None else _on_moving(data, on, pairs)


def _model_arcs(
    data: Compiled, pairs: list[tuple[int, int]]
) -> frozenset[tuple[int, int, int]]:
    """The day-route arcs (worker, a, b) a rota uses, each visit at a fixed time
    inside a start variable's range named by that variable's slot."""

    def holder(k: int) -> int:
        slot = data.slots[k]
        moving = data.moving_slot(slot.session, slot.start)
        return k if moving is None or slot.flexible else moving

    return frozenset((w, holder(a), holder(b)) for w, a, b in kept_arcs(data, pairs))


def solve_small(
    data: Compiled,
    rules: list[Rule],
    candidates: dict[int, list[int]],
    start_pairs: list[tuple[int, int]],
    *,
    began: float,
    deadline: float,
    phases: Phases,
    seed: int,
    workers: int,
    on_progress: Progress | None,
    stop: threading.Event | None,
    greedy: bool,
    on_coverage: Coverage | None = None,
    steps: Steps | None = None,
    pools: Pools = (),
) -> Result:
    """The full model from the greedy rota (completed into a full hint), searched
    until ``deadline``; a stop in a phase with no rota raises Stopped. ``pools``
    (``rota.search.pools``) share one variable per worker in the model."""
    # A small week gets every arc, so the model is exact and OPTIMAL means optimal.
    limit = EXACT_MAX_ARCS_MOVING if data.start_variables else EXACT_MAX_ARCS
    pooled = pooled_candidates(data, pools, candidates)
    exact = estimated_arcs(data, pooled, most=1 << 30) <= limit
    keep: frozenset[tuple[int, int, int]] = frozenset()
    if greedy and steps is not None:
        # The greedy reads the steps, not the model: build the model after it,
        # keeping the day-route arcs its rota uses (a model with fewer arcs than
        # every pair would otherwise miss some, and the hint could not complete).
        start_pairs = _construct(
            data, None, rules, candidates, start_pairs, steps,
            deadline=deadline, phases=phases, seed=seed, stop=stop,
        )  # fmt: skip
        keep = _model_arcs(data, start_pairs)
    model, terms = build_model(
        data,
        rules,
        candidates=pooled,
        pools=pools,
        keep_arcs=keep,
        max_successors=(1 << 30) if exact else None,
        stop=stop,
    )
    model.cp.minimize(lsum(terms))
    stats = model_stats(model)
    log.info("model built in %.2fs: %s", time.perf_counter() - began, stats)
    phases.lap("build")
    if greedy and steps is None and not everyone_short(data, rules):
        start_pairs = _construct(
            data,
            model,
            rules,
            candidates,
            start_pairs,
            steps,
            deadline=deadline,
            phases=phases,
            seed=seed,
            stop=stop,
            pools=pools,
        )
    hint_pairs(model, start_pairs)
    incumbent = None
    if start_pairs:
        incumbent = complete_hint(
            model,
            time_limit=min(10.0, max(0.05, deadline - time.perf_counter()) / 3),
            seed=seed,
            stop=stop,
        )
        if incumbent is None:
            # A start that breaks a hard rule misleads CP-SAT's first-solution
            # search (Curtois Instance14: no roster in 60 s with it kept as the
            # hint, one after 51 s without it; docs/engine.md, "Small weeks").
            log.warning(
                "the greedy start could not be completed; searching from scratch"
            )
            model.cp.clear_hints()
    first = None
    if incumbent is not None:
        first = time.perf_counter() - began
        if on_progress is not None:
            on_progress(first, incumbent.objective / SCALE, 0.0)
        if on_coverage is not None:
            hinted = incumbent.values
            on_coverage(first, sum(hinted[c.Index()] for c in model.covered.values()))
    # Presolve pays on small models; on a 10-worker week it took 20 s before the
    # search began (measured, see docs/engine.md), so larger models skip it.
    solver = search_solver(
        deadline - time.perf_counter(),
        seed=seed,
        workers=workers,
        presolve=stats["arcs"] <= PRESOLVE_MAX_ARCS,
    )
    # With 2 workers one runs the full search for a bound, the other every
    # neighbourhood in turn. With start variables the bound is never closed on a
    # model this size and LNS on both finds better rotas (Mankowska C1-C10: 7 of
    # 10); without them the full search's rotas are better (sample_data/small).
    solver.parameters.use_lns_only = (
        data.start_variables and stats["arcs"] > LNS_ONLY_MIN_ARCS
    )
    callback = SolutionProgress(began, on_progress, on_coverage, model.covered.values())
    solver.parameters.log_search_progress = log.isEnabledFor(logging.DEBUG)
    if stop is not None and stop.is_set():
        code = cp_model.UNKNOWN
    else:
        with stoppable(solver, stop):
            code = solver.solve(model.cp, callback)
    status: Status = STATUS.get(code, "UNKNOWN")
    objective: int | None = None
    bound: int | None = None
    values: list[int] | None = None
    if status in ("OPTIMAL", "FEASIBLE"):
        values = list(solver.response_proto.solution)
        objective = round(solver.objective_value)
        bound = round(solver.best_objective_bound)
    if status == "OPTIMAL" and model.truncated:
        status, bound = "FEASIBLE", None  # optimal for the restricted model only
    if incumbent is not None and (objective is None or incumbent.objective < objective):
        values, objective = incumbent.values, incumbent.objective
        if status not in ("OPTIMAL", "FEASIBLE"):
            status = "FEASIBLE"
    pairs = solution_pairs(model, values) if values is not None else []
    phases.lap("search")
    return finish(
        data,
        rules,
        pairs,
        status=status,
        objective=objective,
        bound=bound,
        began=began,
        first=first if first is not None else callback.first,
        stats=stats,
        seed=seed,
        workers=workers,
        stop=stop,
        phases=phases,
    )
