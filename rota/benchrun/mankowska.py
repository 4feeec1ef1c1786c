"""Solving a Mankowska et al. instance with rota's engine, scored by the benchmark.

The instance is mapped by :mod:`.mankowska_map`; the engine's rota becomes routes
that :func:`rota.bench.evaluate_mankowska` scores independently, so the objective
reported is never the solver's own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ..bench import MankowskaInstance, MankowskaScore, Visit, evaluate_mankowska
from ..engine import Result, solve
from .mankowska_map import (
    DEFAULT_LATE,
    DEFAULT_STEP,
    MankowskaMapping,
    map_mankowska,
    routes_of,
)

OBJECTIVE_DIVISOR = 3
"""The benchmark's objective is (D + T + Tmax) / 3; the engine prices D + T + Tmax."""


def visits_of(result: Result) -> list[tuple[str, str, int]]:
    """The engine's rota as (worker id, session id, start minute) visits."""
    data = result.data
    return [
        (
            data.workers[w].id,
            data.sessions[data.slots[k].session].id,
            data.slots[k].start,
        )
        for w, k in result.plan.pairs
    ]


@dataclass
class MankowskaRun:
    """One instance solved by the engine and scored by the benchmark's evaluator.

    ``objective`` is :func:`rota.bench.evaluate_mankowska`'s on the routes, never
    the solver's; ``best_bound`` is null (the mapping restricts start times to a
    grid, so the engine's bound is not a bound of the benchmark).
    """

    instance: str
    status: str
    objective: float | None
    best_bound: float | None
    wall_seconds: float
    engine_objective: float | None
    score: MankowskaScore | None
    routes: list[list[Visit]] = field(default_factory=list)

    def summary(self) -> dict[str, object]:
        """The JSON line ``rota bench mankowska`` prints."""
        feasible = self.score is not None and self.score.feasible
        return {
            "instance": self.instance,
            "objective": None if self.objective is None else round(self.objective, 4),
            "best_bound": self.best_bound,
            "status": self.status,
            "wall_seconds": round(self.wall_seconds, 2),
            "hard_violations": (
                None if self.score is None else len(self.score.hard_violations)
            ),
            "feasible": feasible,
        }


def solve_mankowska(
    instance: MankowskaInstance,
    *,
    time_limit: float = 60.0,
    seed: int = 0,
    workers: int = 1,
    step: int = DEFAULT_STEP,
    late: int = DEFAULT_LATE,
) -> MankowskaRun:
    """Map an instance, solve it with :func:`rota.solve` and score the routes.

    Parameters
    ----------
    instance
        The instance.
    time_limit, seed, workers
        Passed to the engine; the time limit covers mapping the instance and
        the solve (scoring comes on top, in ``wall_seconds``).
    step, late
        Start times offered inside a window, and how late past it (minutes).
    """
    began = time.perf_counter()
    mapping: MankowskaMapping = map_mankowska(instance, step=step, late=late)
    result = solve(
        mapping.problem,
        mapping.policy,
        # The limit covers mapping the instance too.
        time_limit=max(0.05, time_limit - (time.perf_counter() - began)),
        seed=seed,
        workers=workers,
    )
    found = result.status in ("OPTIMAL", "FEASIBLE") and not any(
        e.violations for e in result.evaluations
    )
    routes: list[list[Visit]] = []
    score: MankowskaScore | None = None
    if found:
        routes = routes_of(mapping, visits_of(result))
        score = evaluate_mankowska(instance, routes)
    return MankowskaRun(
        instance=instance.name,
        status=result.status,
        objective=score.objective if score is not None else None,
        best_bound=None,
        wall_seconds=time.perf_counter() - began,
        engine_objective=(
            None if result.objective is None else result.objective / OBJECTIVE_DIVISOR
        ),
        score=score,
        routes=routes,
    )
