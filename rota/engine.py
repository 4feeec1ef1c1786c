"""solve(): build the CP-SAT model from the rule registry, search, decode, report."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from .build import build_model, estimated_arcs, model_stats
from .large import solve_large
from .model import Problem
from .model.rota import Status
from .policy import Policy, load_policy
from .result import Result as Result
from .result import evaluate as evaluate
from .result import finish
from .rules import Rule, all_rules, impossible_reasons
from .solver.data import SCALE, Compiled, compile_problem
from .solver.hint import greedy_pairs, hint_routes
from .solver.model import RotaModel, candidate_slots, lsum
from .solver.stopping import Phases, Stopped, checkpoint, new_solver, stoppable

log = logging.getLogger("rota")

PRESOLVE_MAX_ARCS = 2_000
"""Full models with more day-route arcs than this are searched without presolve."""
LNS_MIN_ARCS = 20_000
"""Weeks whose full model would have more day-route arcs use neighbourhood search."""

Progress = Callable[[float, float, float], None]
"""on_progress(elapsed seconds, objective, best bound) at each improving rota."""
Coverage = Callable[[float, int], None]
"""on_coverage(elapsed seconds, sessions covered) at each improving rota."""

_STATUS: dict[Any, Status] = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.MODEL_INVALID: "MODEL_INVALID",
    cp_model.UNKNOWN: "UNKNOWN",
}


class _Progress(cp_model.CpSolverSolutionCallback):
    def __init__(
        self,
        start: float,
        on_progress: Progress | None,
        on_coverage: Coverage | None = None,
        covered: Iterable[cp_model.IntVar] = (),
    ) -> None:
        super().__init__()
        self.start = start
        self.first: float | None = None
        self.on_progress = on_progress
        self.on_coverage = on_coverage
        self.covered = list(covered) if on_coverage is not None else []

    def on_solution_callback(self) -> None:
        elapsed = time.perf_counter() - self.start
        if self.first is None:
            self.first = elapsed
        if self.on_progress is not None:
            self.on_progress(
                elapsed, self.objective_value / SCALE, self.best_objective_bound / SCALE
            )
        if self.on_coverage is not None:
            self.on_coverage(elapsed, sum(self.value(c) for c in self.covered))


def solve(
    problem: Problem,
    policy: Policy | None = None,
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    workers: int = 1,
    hint: Iterable[tuple[str, str]] | None = None,
    now: dt.datetime | None = None,
    on_progress: Progress | None = None,
    stop: threading.Event | None = None,
    greedy: bool = True,
    on_coverage: Coverage | None = None,
) -> Result:
    """Build the best rota CP-SAT finds in the time allowed.

    Parameters
    ----------
    problem
        The week (or longer horizon) to roster.
    policy
        Rules and weights; the ``balanced`` preset when None.
    time_limit
        Seconds for the whole solve: compiling, building, the construction, the
        search and the final evaluation (a little is kept back for the last).
    seed, workers
        CP-SAT's random seed and number of search workers; with the same values (and
        ``workers=1``) the answer is repeatable.
    hint
        (session_id, worker_id) pairs to start from; the published rota when None.
    now
        The moment the rota is made, for notice and frozen periods; default: the
        horizon start.
    on_progress
        Called with (elapsed, objective, bound) at each improving rota.
    stop
        Setting this event stops the search; the best rota so far is kept.
    greedy
        Start from a quick greedy rota (completed from the hint) so a first rota is
        found at once.
    on_coverage
        Called with (elapsed, sessions covered) at each improving rota, at the
        same moments as ``on_progress`` (for benchmarks: the objective alone does
        not say when every session is covered).

    Returns
    -------
    Result
        Status, objective, bound, timings, the plan and each rule's evaluation.
    """
    began = time.perf_counter()
    phases = Phases()
    policy = policy or load_policy()
    data = compile_problem(problem, policy, now=now)
    rules = all_rules()
    impossible = impossible_reasons(data, rules)
    phases.lap("compile")
    if impossible:
        # A minimum no rota can meet: say who and why at once, without a search.
        return _no_rota(
            data, rules, "INFEASIBLE", began, seed, workers, stop, impossible, phases
        )
    try:
        return _search(
            data,
            rules,
            problem,
            began=began,
            phases=phases,
            time_limit=max(0.05, time_limit - finish_reserve(time_limit)),
            seed=seed,
            workers=workers,
            hint=hint,
            on_progress=on_progress,
            stop=stop,
            greedy=greedy,
            on_coverage=on_coverage,
        )
    except Stopped:
        # Stopped while building or in the greedy: there is no rota to keep yet.
        log.info(
            "stopped after %.2fs, before a rota was found", time.perf_counter() - began
        )
        return _no_rota(
            data, rules, "UNKNOWN", began, seed, workers, stop, None, phases
        )


def finish_reserve(time_limit: float) -> float:
    """Seconds of the limit kept for evaluating the rota found."""
    return min(0.3 + 0.01 * time_limit, 0.25 * time_limit)


def _no_rota(
    data: Compiled,
    rules: list[Rule],
    status: Status,
    began: float,
    seed: int,
    workers: int,
    stop: threading.Event | None,
    impossible: list[str] | None = None,
    phases: Phases | None = None,
) -> Result:
    """The result of a solve that ends before any rota was found."""
    return finish(
        data,
        rules,
        [],
        status=status,
        objective=None,
        bound=None,
        began=began,
        first=None,
        stats={},
        seed=seed,
        workers=workers,
        stop=stop,
        impossible=impossible or (),
        phases=phases,
    )


def _search(
    data: Compiled,
    rules: list[Rule],
    problem: Problem,
    *,
    began: float,
    phases: Phases,
    time_limit: float,
    seed: int,
    workers: int,
    hint: Iterable[tuple[str, str]] | None,
    on_progress: Progress | None,
    stop: threading.Event | None,
    greedy: bool,
    on_coverage: Coverage | None = None,
) -> Result:
    """solve() once the week is compiled; a stop in a phase with no rota raises."""
    active = [r for r in rules if r.active(data)]
    candidates, _ = candidate_slots(
        data, [(r.id, r.blocks) for r in active if r.hard], stop=stop
    )
    checkpoint(stop)
    if hint is None:
        hint = [(line.session_id, line.worker_id) for line in problem.published]
    start_pairs = _hint_pairs(data, candidates, hint)
    deadline = began + time_limit
    phases.lap("candidates")
    if estimated_arcs(data, candidates) > LNS_MIN_ARCS:
        return solve_large(
            data,
            rules,
            candidates,
            start_pairs,
            began=began,
            deadline=deadline,
            phases=phases,
            seed=seed,
            workers=workers,
            on_progress=on_progress,
            stop=stop,
            on_coverage=on_coverage,
        )
    # A small week gets every arc, so the model is exact and OPTIMAL means optimal.
    exact = estimated_arcs(data, candidates, most=1 << 30) <= LNS_MIN_ARCS
    model, terms = build_model(
        data,
        rules,
        candidates=candidates,
        max_successors=(1 << 30) if exact else None,
        stop=stop,
    )
    model.cp.minimize(lsum(terms))
    stats = model_stats(model)
    log.info("model built in %.2fs: %s", time.perf_counter() - began, stats)
    phases.lap("build")
    if greedy:
        start_pairs = greedy_pairs(
            data,
            model.by_slot,
            rules,
            start_pairs,
            has_arc=lambda w, d, a, b: (a, b) in model.routes[(w, d)].arcs,
            time_budget=max(0.1, (deadline - time.perf_counter()) / 3),
            stop=stop,
        )
        phases.lap("construction")
    _add_hint(model, start_pairs)
    incumbent = None
    if start_pairs:
        incumbent = _complete_hint(
            model,
            time_limit=min(10.0, max(0.05, deadline - time.perf_counter()) / 3),
            seed=seed,
            stop=stop,
        )
    first = None
    if incumbent is not None:
        first = time.perf_counter() - began
        if on_progress is not None:
            on_progress(first, incumbent.objective / SCALE, 0.0)
        if on_coverage is not None:
            hinted = incumbent.values
            on_coverage(first, sum(hinted[c.Index()] for c in model.covered.values()))
    solver = new_solver()
    solver.parameters.max_time_in_seconds = max(0.01, deadline - time.perf_counter())
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    if workers == 1:
        solver.parameters.interleave_search = False
    callback = _Progress(began, on_progress, on_coverage, model.covered.values())
    solver.parameters.log_search_progress = log.isEnabledFor(logging.DEBUG)
    # Presolve pays on small models; on a 10-worker week it took 20 s before the
    # search began (measured, see docs/engine.md), so larger models skip it.
    solver.parameters.cp_model_presolve = stats["arcs"] <= PRESOLVE_MAX_ARCS
    if stop is not None and stop.is_set():
        code = cp_model.UNKNOWN
    else:
        with stoppable(solver, stop):
            code = solver.solve(model.cp, callback)
    status: Status = _STATUS.get(code, "UNKNOWN")
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
    pairs = (
        [key for key, lit in model.x.items() if values[lit.Index()]]
        if values is not None
        else []
    )
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


@dataclass
class _Values:
    """Every model variable's value in a solution, and its objective."""

    values: list[int]
    objective: int


def _complete_hint(
    model: RotaModel, *, time_limit: float, seed: int, stop: threading.Event | None
) -> _Values | None:
    """Turn a hint of assignments into a complete hint of every variable.

    CP-SAT accepts a complete feasible hint as its first solution at once; from a
    partial one, a large model can spend its whole time limit in presolve. Fixing the
    hinted literals leaves only propagation to do, which is fast.
    """
    helper = new_solver()
    helper.parameters.fix_variables_to_their_hinted_value = True
    helper.parameters.max_time_in_seconds = max(0.5, time_limit)
    helper.parameters.num_workers = 1
    helper.parameters.random_seed = seed
    with stoppable(helper, stop):
        code = helper.solve(model.cp)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        checkpoint(stop)  # stopped before the start was complete: no rota yet
        log.warning("the greedy start could not be completed; searching from scratch")
        return None
    values = list(helper.response_proto.solution)
    hint = model.cp.proto.solution_hint
    hint.vars.clear()
    hint.values.clear()
    hint.vars.extend(range(len(values)))
    hint.values.extend(values)
    log.info("complete start hint in %.2fs", helper.wall_time)
    return _Values(values, round(helper.objective_value))


def _hint_pairs(
    data: Compiled, candidates: dict[int, list[int]], hint: Iterable[tuple[str, str]]
) -> list[tuple[int, int]]:
    pairs = []
    for session_id, worker_id in hint:
        s = data.session_index.get(session_id)
        w = data.worker_index.get(worker_id)
        if s is None or w is None:
            continue
        # Staff were told the requested time; slots[0] is the earliest flex move.
        session = data.sessions[s]
        base = next(
            (k for k in session.slots if data.slots[k].start == session.start),
            session.slots[0],
        )
        if base in candidates.get(w, ()):
            pairs.append((w, base))
    return pairs


def _add_hint(model: RotaModel, pairs: list[tuple[int, int]]) -> None:
    chosen = set(pairs)
    for key, lit in model.x.items():
        model.cp.add_hint(lit, key in chosen)
    for var, value in hint_routes(model, pairs).items():
        model.cp.add_hint(var, value)
