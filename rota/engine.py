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
from .solver.model import RotaModel, lsum
from .solver.plan import Plan

log = logging.getLogger("rota")

PRESOLVE_MAX_ARCS = 20_000
"""Models with more day-route arcs than this are searched without presolve."""

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


def build_model(data: Compiled, rules: list[Rule]) -> tuple[RotaModel, list]:
    """The CP-SAT model with every active rule encoded; returns it and its objective."""
    active = [r for r in rules if r.active(data)]
    model = RotaModel(
        data,
        pair_filters=[(r.id, r.admits) for r in active if r.hard],
        arc_filters=[r.may_follow for r in active if r.hard],
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
    model, terms = build_model(data, rules)
    model.cp.minimize(lsum(terms))
    stats = {
        "pairs": len(model.x),
        "routes": len(model.routes),
        "arcs": sum(len(r.arcs) for r in model.routes.values()),
        "slots": len(data.slots),
    }
    log.info("model built in %.2fs: %s", time.perf_counter() - began, stats)

    if hint is None:
        hint = [(line.session_id, line.worker_id) for line in problem.published]
    start_pairs = _hint_pairs(data, model, hint)
    if greedy:
        start_pairs = greedy_pairs(data, model, rules, start_pairs)
    _add_hint(model, start_pairs)
    if start_pairs:
        _complete_hint(model, time_limit=min(10.0, time_limit / 3), seed=seed)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    if workers == 1:
        solver.parameters.interleave_search = False
    callback = _Progress(began, on_progress)
    watcher = None
    if stop is not None:
        watcher = threading.Thread(
            target=_stop_when_set, args=(stop, solver), daemon=True
        )
        watcher.start()
    solver.parameters.log_search_progress = log.isEnabledFor(logging.DEBUG)
    # Presolve pays on small models; on a 40-worker week it alone took 19 s of a
    # 20 s limit (measured, see docs/engine.md), so large models skip it.
    solver.parameters.cp_model_presolve = stats["arcs"] <= PRESOLVE_MAX_ARCS
    code = solver.solve(model.cp, callback)
    status: Status = _STATUS.get(code, "UNKNOWN")
    wall = time.perf_counter() - began
    if status in ("OPTIMAL", "FEASIBLE"):
        pairs = [key for key, lit in model.x.items() if solver.boolean_value(lit)]
        objective: int | None = round(solver.objective_value)
        bound: int | None = round(solver.best_objective_bound)
    else:
        pairs, objective, bound = [], None, None
    plan = Plan.from_pairs(data, pairs)
    evaluations = evaluate(plan, rules)
    result = Result(
        status=status,
        objective_raw=objective,
        best_bound_raw=bound,
        wall_seconds=wall,
        first_solution_seconds=callback.first,
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


def _complete_hint(model: RotaModel, *, time_limit: float, seed: int) -> None:
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
        return
    values = [
        helper.value(model.cp.get_int_var_from_proto_index(i))
        for i in range(len(model.cp.proto.variables))
    ]
    model.cp.clear_hints()
    for i, value in enumerate(values):
        model.cp.add_hint(model.cp.get_int_var_from_proto_index(i), value)
    log.info("complete start hint in %.2fs", helper.wall_time)


def _stop_when_set(stop: threading.Event, solver: cp_model.CpSolver) -> None:
    stop.wait()
    solver.stop_search()


def _hint_pairs(
    data: Compiled, model: RotaModel, hint: Iterable[tuple[str, str]]
) -> list[tuple[int, int]]:
    pairs = []
    for session_id, worker_id in hint:
        s = data.session_index.get(session_id)
        w = data.worker_index.get(worker_id)
        if s is None or w is None:
            continue
        base = data.sessions[s].slots[0]
        if (w, base) in model.x:
            pairs.append((w, base))
    return pairs


def _add_hint(model: RotaModel, pairs: list[tuple[int, int]]) -> None:
    chosen = set(pairs)
    for key, lit in model.x.items():
        model.cp.add_hint(lit, key in chosen)
    for var, value in hint_routes(model, pairs).items():
        model.cp.add_hint(var, value)
