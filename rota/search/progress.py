"""What a search reports while it runs: progress callbacks and CP-SAT's statuses."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from ortools.sat.python import cp_model

from ..model.rota import Status
from ..solver.data import SCALE

Progress = Callable[[float, float, float], None]
"""on_progress(elapsed seconds, objective, best bound) at each improving rota."""
Coverage = Callable[[float, int], None]
"""on_coverage(elapsed seconds, sessions covered) at each improving rota."""

STATUS: dict[Any, Status] = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.MODEL_INVALID: "MODEL_INVALID",
    cp_model.UNKNOWN: "UNKNOWN",
}


class SolutionProgress(cp_model.CpSolverSolutionCallback):
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
