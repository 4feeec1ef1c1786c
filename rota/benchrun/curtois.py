"""Solving a Curtois & Qu instance with rota's engine, scored by the benchmark.

The instance is mapped by :mod:`.curtois_map`; the engine's rota becomes a
benchmark roster that :func:`rota.bench.evaluate_curtois` scores independently,
so the objective reported is never the solver's own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ..bench import CurtoisInstance, CurtoisScore, RosterEntry, evaluate_curtois
from ..engine import Result, solve
from .curtois_map import DEFAULT_EXTRA, map_curtois


def roster_of(result: Result) -> list[RosterEntry]:
    """The engine's rota as benchmark roster rows (employee, day, shift)."""
    data = result.data
    rows = []
    for w, k in result.plan.pairs:
        slot = data.slots[k]
        kind = data.sessions[slot.session].kind
        assert kind is not None  # every mapped session has its shift as kind
        rows.append(RosterEntry(data.workers[w].id, slot.day, kind))
    return sorted(rows)


@dataclass
class CurtoisRun:
    """One instance solved by the engine and scored by the benchmark's evaluator.

    ``objective`` is :func:`rota.bench.evaluate_curtois`'s, never the solver's;
    ``best_bound`` is the engine's bound in benchmark points when the mapping is
    exact and the engine proved one, else None.
    """

    instance: str
    status: str
    objective: int | None
    best_bound: float | None
    wall_seconds: float
    engine_objective: float | None
    score: CurtoisScore
    roster: list[RosterEntry] = field(default_factory=list)

    def summary(self) -> dict[str, object]:
        """The JSON line ``rota bench curtois`` prints."""
        return {
            "instance": self.instance,
            "objective": self.objective,
            "best_bound": self.best_bound,
            "status": self.status,
            "wall_seconds": round(self.wall_seconds, 2),
            "hard_violations": (
                None if self.objective is None else len(self.score.hard_violations)
            ),
        }


def solve_curtois(
    instance: CurtoisInstance,
    *,
    time_limit: float = 60.0,
    seed: int = 0,
    workers: int = 1,
    extra: int | None = DEFAULT_EXTRA,
) -> CurtoisRun:
    """Map an instance, solve it with :func:`rota.solve` and score the roster.

    Parameters
    ----------
    instance
        The instance.
    time_limit, seed, workers
        Passed to the engine; the time limit covers mapping the instance and
        the solve (scoring the roster comes on top, in ``wall_seconds``).
    extra
        Most optional over-cover workers per day and shift (None: exact, and
        only then is the engine's bound reported).
    """
    began = time.perf_counter()
    mapping = map_curtois(instance, extra=extra)
    result = solve(
        mapping.problem,
        mapping.policy,
        # The limit covers mapping the instance too.
        time_limit=max(0.05, time_limit - (time.perf_counter() - began)),
        seed=seed,
        workers=workers,
    )
    found = result.status in ("OPTIMAL", "FEASIBLE")
    roster = roster_of(result) if found else []
    score = evaluate_curtois(instance, roster)
    bound = result.best_bound if mapping.exact and found else None
    return CurtoisRun(
        instance=instance.name,
        status=result.status,
        objective=score.objective if found else None,
        best_bound=bound,
        wall_seconds=time.perf_counter() - began,
        engine_objective=result.objective,
        score=score,
        roster=roster,
    )
