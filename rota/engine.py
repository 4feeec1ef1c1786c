"""solve(): build the CP-SAT model from the rule registry, search, decode, report."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from .model import Assignment, Problem, Summary, Unmet
from .model.rota import Status
from .policy import Policy, load_policy
from .rules import Rule, all_rules
from .rules.base import Evaluation
from .solver.data import SCALE, Compiled, compile_problem
from .solver.hint import greedy_pairs, hint_routes
from .solver.lns import Incumbent, improve, solve_restricted
from .solver.model import RotaModel, candidate_slots, lsum
from .solver.plan import Plan

log = logging.getLogger("rota")

PRESOLVE_MAX_ARCS = 2_000
"""Full models with more day-route arcs than this are searched without presolve."""
LNS_MIN_ARCS = 20_000
"""Weeks whose full model would have more day-route arcs use neighbourhood search."""

Progress = Callable[[float, float, float], None]
"""on_progress(elapsed seconds, objective, best bound) at each improving rota."""

_STATUS: dict[Any, Status] = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.MODEL_INVALID: "MODEL_INVALID",
    cp_model.UNKNOWN: "UNKNOWN",
}


@dataclass
class Result:
    """What a solve returns: the rota, what is left uncovered and how good it is."""

    status: Status
    objective_raw: int | None
    best_bound_raw: int | None
    wall_seconds: float
    first_solution_seconds: float | None
    data: Compiled
    plan: Plan
    evaluations: list[Evaluation]
    model_stats: dict[str, int] = field(default_factory=dict)
    seed: int = 0
    workers: int = 1

    @property
    def objective(self) -> float | None:
        """Objective in penalty points."""
        return None if self.objective_raw is None else self.objective_raw / SCALE

    @property
    def best_bound(self) -> float | None:
        """Best proven lower bound in penalty points."""
        return None if self.best_bound_raw is None else self.best_bound_raw / SCALE

    @property
    def breakdown_raw(self) -> dict[str, int]:
        """Soft rules' own evaluation of the rota, by rule id (1/SCALE points)."""
        return {e.rule: e.penalty for e in self.evaluations if not _is_hard(e)}

    @property
    def violations(self) -> list:
        """Hard-rule violations of the emitted rota (always empty when all is well)."""
        return [v for e in self.evaluations for v in e.violations]

    @property
    def assignments(self) -> list[Assignment]:
        """Each worker on each covered session, at the rostered times."""
        data = self.data
        horizon = data.problem.period
        out = []
        for w, k in self.plan.pairs:
            slot = data.slots[k]
            out.append(
                Assignment(
                    session_id=data.sessions[slot.session].id,
                    worker_id=data.workers[w].id,
                    start=horizon.to_datetime(slot.start),
                    end=horizon.to_datetime(slot.end),
                )
            )
        return sorted(out, key=lambda a: (a.start, a.worker_id, a.session_id))

    @property
    def uncovered(self) -> list[int]:
        """Indexes of sessions left uncovered."""
        return [s.index for s in self.data.sessions if not self.plan.covered(s.index)]

    def unmet(self, reasons: dict[int, str] | None = None) -> list[Unmet]:
        """Uncovered sessions with a short reason each."""
        reasons = reasons or {}
        return [
            Unmet(
                session_id=self.data.sessions[s].id,
                reason=reasons.get(s, "no worker can be fitted in"),
            )
            for s in self.uncovered
        ]

    def summary(self) -> Summary:
        """summary.json's content."""
        sessions = len(self.data.sessions)
        covered = sessions - len(self.uncovered)
        breakdown_raw = {e.rule: e.penalty for e in self.evaluations if not _is_hard(e)}
        return Summary(
            status=self.status,
            objective=self.objective,
            best_bound=self.best_bound,
            wall_seconds=round(self.wall_seconds, 3),
            breakdown={k: v / SCALE for k, v in breakdown_raw.items()},
            objective_raw=self.objective_raw,
            breakdown_raw=breakdown_raw,
            sessions=sessions,
            covered=covered,
            coverage=round(covered / sessions, 4) if sessions else 1.0,
            first_solution_seconds=self.first_solution_seconds,
            policy=self.data.policy.name,
            seed=self.seed,
            workers=self.workers,
        )


def _is_hard(evaluation: Evaluation) -> bool:
    return evaluation.rule in {r.id for r in all_rules() if r.hard}


def evaluate(plan: Plan, rules: Iterable[Rule] | None = None) -> list[Evaluation]:
    """Every active rule's own evaluation of a plan, in registry order."""
    return [r.evaluate(plan) for r in (rules or all_rules()) if r.active(plan.data)]


def build_model(
    data: Compiled,
    rules: list[Rule],
    *,
    candidates: dict[int, list[int]] | None = None,
    keep_arcs: frozenset[tuple[int, int, int]] = frozenset(),
    max_successors: int | None = None,
) -> tuple[RotaModel, list]:
    """The CP-SAT model with every active rule encoded; returns it and its objective.

    ``candidates`` (worker -> slots) skips the pair filters, for models restricted
    to part of the rota; ``keep_arcs`` are day-route arcs always made.
    """
    active = [r for r in rules if r.active(data)]
    model = RotaModel(
        data,
        pair_filters=[(r.id, r.blocks) for r in active if r.hard],
        arc_filters=[r.may_follow for r in active if r.hard],
        candidates=candidates,
        keep_arcs=keep_arcs,
        max_successors=max_successors,
    )
    terms: list = []
    for rule in active:
        terms += rule.encode(model)
    return model, terms


class _Progress(cp_model.CpSolverSolutionCallback):
    def __init__(self, start: float, on_progress: Progress | None) -> None:
        super().__init__()
        self.start = start
        self.first: float | None = None
        self.on_progress = on_progress

    def on_solution_callback(self) -> None:
        elapsed = time.perf_counter() - self.start
        if self.first is None:
            self.first = elapsed
        if self.on_progress is not None:
            self.on_progress(
                elapsed, self.objective_value / SCALE, self.best_objective_bound / SCALE
            )


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
) -> Result:
    """Build the best rota CP-SAT finds in the time allowed.

    Parameters
    ----------
    problem
        The week (or longer horizon) to roster.
    policy
        Rules and weights; the ``balanced`` preset when None.
    time_limit
        Seconds of search.
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

    Returns
    -------
    Result
        Status, objective, bound, timings, the plan and each rule's evaluation.
    """
    began = time.perf_counter()
    policy = policy or load_policy()
    data = compile_problem(problem, policy, now=now)
    rules = all_rules()
    active = [r for r in rules if r.active(data)]
    candidates, _ = candidate_slots(data, [(r.id, r.blocks) for r in active if r.hard])
    if hint is None:
        hint = [(line.session_id, line.worker_id) for line in problem.published]
    start_pairs = _hint_pairs(data, candidates, hint)
    deadline = began + time_limit
    if estimated_arcs(data, candidates) > LNS_MIN_ARCS:
        return _solve_large(
            data,
            rules,
            candidates,
            start_pairs,
            began=began,
            deadline=deadline,
            seed=seed,
            workers=workers,
            on_progress=on_progress,
            stop=stop,
        )
    # A small week gets every arc, so the model is exact and OPTIMAL means optimal.
    exact = estimated_arcs(data, candidates, most=1 << 30) <= LNS_MIN_ARCS
    model, terms = build_model(
        data, rules, candidates=candidates, max_successors=(1 << 30) if exact else None
    )
    model.cp.minimize(lsum(terms))
    stats = _stats(model)
    log.info("model built in %.2fs: %s", time.perf_counter() - began, stats)
    if greedy:
        start_pairs = greedy_pairs(
            data,
            model.by_slot,
            rules,
            start_pairs,
            has_arc=lambda w, d, a, b: (a, b) in model.routes[(w, d)].arcs,
        )
    _add_hint(model, start_pairs)
    incumbent = None
    if start_pairs:
        incumbent = _complete_hint(
            model, time_limit=min(10.0, time_limit / 3), seed=seed
        )
    first = None
    if incumbent is not None:
        first = time.perf_counter() - began
        if on_progress is not None:
            on_progress(first, incumbent.objective / SCALE, 0.0)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, deadline - time.perf_counter())
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    if workers == 1:
        solver.parameters.interleave_search = False
    callback = _Progress(began, on_progress)
    watcher = None
    searched = threading.Event()
    if stop is not None:
        watcher = threading.Thread(
            target=_stop_when_set, args=(stop, solver, searched), daemon=True
        )
        watcher.start()
    solver.parameters.log_search_progress = log.isEnabledFor(logging.DEBUG)
    # Presolve pays on small models; on a 10-worker week it took 20 s before the
    # search began (measured, see docs/engine.md), so larger models skip it.
    solver.parameters.cp_model_presolve = stats["arcs"] <= PRESOLVE_MAX_ARCS
    if stop is not None and stop.is_set():
        code = cp_model.UNKNOWN
    else:
        code = solver.solve(model.cp, callback)
    searched.set()
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
    return _finish(
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
    )


def _finish(
    data: Compiled,
    rules: list[Rule],
    pairs: list[tuple[int, int]],
    *,
    status: Status,
    objective: int | None,
    bound: int | None,
    began: float,
    first: float | None,
    stats: dict[str, int],
    seed: int,
    workers: int,
    stop: threading.Event | None,
) -> Result:
    """Evaluate the chosen rota with every rule and wrap it up as a Result."""
    wall = time.perf_counter() - began
    plan = Plan.from_pairs(data, pairs)
    # With no rota found there is nothing to evaluate (an empty rota may well break
    # a minimum such as min_total_hours, but it was never emitted).
    evaluations = evaluate(plan, rules) if objective is not None else []
    result = Result(
        status=status,
        objective_raw=objective,
        best_bound_raw=bound,
        wall_seconds=wall,
        first_solution_seconds=first,
        data=data,
        plan=plan,
        evaluations=evaluations,
        model_stats=stats,
        seed=seed,
        workers=workers,
    )
    if stop is not None:
        stop.set()  # releases the watcher thread
    if objective is not None:
        own = sum(e.penalty for e in evaluations)
        if own != objective:
            log.error(
                "objective %s differs from the rules' evaluation %s", objective, own
            )
    for violation in result.violations:
        log.error("hard rule broken: %s", violation.message)
    return result


@dataclass
class _Values:
    """Every model variable's value in a solution, and its objective."""

    values: list[int]
    objective: int


def _stats(model: RotaModel) -> dict[str, int]:
    return {
        "pairs": len(model.x),
        "routes": len(model.routes),
        "arcs": sum(len(r.arcs) for r in model.routes.values()),
        "slots": len(model.data.slots),
    }


def estimated_arcs(
    data: Compiled, candidates: dict[int, list[int]], most: int | None = None
) -> int:
    """Roughly how many day-route arcs the full model would have."""
    most = data.policy.limits.max_successors if most is None else most
    total = 0
    for slots in candidates.values():
        per_day: dict[int, int] = {}
        for k in slots:
            per_day[data.slots[k].day] = per_day.get(data.slots[k].day, 0) + 1
        total += sum(n * min(n, most) for n in per_day.values())
    return total


def _solve_large(
    data: Compiled,
    rules: list[Rule],
    candidates: dict[int, list[int]],
    start_pairs: list[tuple[int, int]],
    *,
    began: float,
    deadline: float,
    seed: int,
    workers: int,
    on_progress: Progress | None,
    stop: threading.Event | None,
) -> Result:
    """Greedy rota, then neighbourhood search on restricted models (no full model)."""

    def build(
        limited: dict[int, list[int]], keep: frozenset[tuple[int, int, int]]
    ) -> tuple[RotaModel, list]:
        return build_model(data, rules, candidates=limited, keep_arcs=keep)

    by_slot: dict[int, list[int]] = {}
    for w, slots in candidates.items():
        for k in slots:
            by_slot.setdefault(k, []).append(w)
    pairs = greedy_pairs(data, by_slot, rules, start_pairs)
    mine: dict[int, list[int]] = {w: [] for w in candidates}
    for w, k in pairs:
        mine[w].append(k)
    start = solve_restricted(
        data,
        build,
        mine,
        pairs,
        time_limit=max(1.0, deadline - time.perf_counter()),
        seed=seed,
        workers=workers,
    )
    if start is None:
        log.error("the greedy rota could not be evaluated as a model")
        return _finish(
            data,
            rules,
            [],
            status="UNKNOWN",
            objective=None,
            bound=None,
            began=began,
            first=None,
            stats={"pairs": sum(map(len, candidates.values()))},
            seed=seed,
            workers=workers,
            stop=stop,
        )
    first = time.perf_counter() - began
    log.info("first rota (greedy) after %.2fs", first)
    if on_progress is not None:
        on_progress(first, start.objective / SCALE, 0.0)

    def report(best: Incumbent) -> None:
        if on_progress is not None:
            on_progress(time.perf_counter() - began, best.objective / SCALE, 0.0)

    best = improve(
        data,
        build,
        candidates,
        start,
        deadline=deadline,
        seed=seed,
        workers=workers,
        stop=stop,
        on_improve=report,
    )
    stats = {
        "pairs": sum(map(len, candidates.values())),
        "estimated_arcs": estimated_arcs(data, candidates),
    }
    return _finish(
        data,
        rules,
        best.pairs,
        status="FEASIBLE",
        objective=best.objective,
        bound=None,
        began=began,
        first=first,
        stats=stats,
        seed=seed,
        workers=workers,
        stop=stop,
    )


def _complete_hint(model: RotaModel, *, time_limit: float, seed: int) -> _Values | None:
    """Turn a hint of assignments into a complete hint of every variable.

    CP-SAT accepts a complete feasible hint as its first solution at once; from a
    partial one, a large model can spend its whole time limit in presolve. Fixing the
    hinted literals leaves only propagation to do, which is fast.
    """
    helper = cp_model.CpSolver()
    helper.parameters.fix_variables_to_their_hinted_value = True
    helper.parameters.max_time_in_seconds = max(0.5, time_limit)
    helper.parameters.num_workers = 1
    helper.parameters.random_seed = seed
    if helper.solve(model.cp) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
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


def _stop_when_set(
    stop: threading.Event, solver: cp_model.CpSolver, searched: threading.Event
) -> None:
    stop.wait()
    # stop_search() is a no-op until solve() has started, so a stop set while the
    # model was being built would be lost: keep asking until the search is over.
    while not searched.wait(0.05):
        solver.stop_search()


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
