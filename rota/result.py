"""What a solve returns, and wrapping a chosen rota up as one."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import Assignment, Summary, Unmet
from .model.rota import Status
from .rules import Rule, all_rules
from .rules.base import Evaluation
from .solver.data import SCALE, Compiled
from .solver.plan import Plan
from .solver.stopping import Phases

log = logging.getLogger("rota")


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
    impossible: list[str] = field(default_factory=list)
    """Why no rota can keep the hard rules, found before solving (rules'
    :meth:`~rota.rules.base.Rule.impossible`); empty when none was found."""
    stopped: bool = False
    """True when a stop (Ctrl-C, a Stop button) ended the solve early."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds by phase (compile, candidates, build, construction, cover, repair,
    search, finish), as summary.json reports them."""

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
    def no_rota(self) -> str | None:
        """Why no rota was emitted, in plain words; None when there is one."""
        if self.objective_raw is not None:
            return None
        if self.status == "INFEASIBLE" and self.impossible:
            return "no rota keeps every hard rule: " + "; ".join(self.impossible)
        if self.stopped:
            return (
                "stopped before a rota keeping every hard rule was found; "
                "let the next run search longer"
            )
        if self.status == "INFEASIBLE":
            return (
                "no rota keeps every hard rule: a minimum or a limit cannot be met "
                "(see docs/rules.md)"
            )
        return (
            f"no rota keeping every hard rule was found in the time allowed "
            f"({self.status}); a longer time limit may find one"
        )

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
            timings=dict(self.timings),
            start_variables=self.model_stats.get("start_variables", 0),
        )


def _is_hard(evaluation: Evaluation) -> bool:
    return evaluation.rule in {r.id for r in all_rules() if r.hard}


def evaluate(plan: Plan, rules: Iterable[Rule] | None = None) -> list[Evaluation]:
    """Every active rule's own evaluation of a plan, in registry order."""
    return [r.evaluate(plan) for r in (rules or all_rules()) if r.active(plan.data)]


def finish(
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
    impossible: Iterable[str] = (),
    phases: Phases | None = None,
) -> Result:
    """Evaluate the chosen rota with every rule and wrap it up as a Result."""
    stopped = stop is not None and stop.is_set()
    plan = Plan.from_pairs(data, pairs)
    # With no rota found there is nothing to evaluate (an empty rota may well break
    # a minimum such as min_total_hours, but it was never emitted).
    evaluations = evaluate(plan, rules) if objective is not None else []
    if phases is not None:
        phases.lap("finish")
    wall = time.perf_counter() - began
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
        impossible=list(impossible),
        stopped=stopped,
        timings=dict(phases.seconds) if phases is not None else {},
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
