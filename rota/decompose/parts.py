"""Solving one part: what is sent to a worker process, and what comes back.

Both ends are plain picklable data, so a part can be solved in this process, in
a process pool or on a Dask worker alike; the heavy compiled model never leaves
the process that built it.
"""

from __future__ import annotations

import datetime as dt
import resource
import time
from dataclasses import dataclass, field

from ..engine import Result, solve
from ..model import Assignment, Problem, Summary
from ..policy import Policy


@dataclass(frozen=True)
class PartTask:
    """One part to solve, with the solver's settings."""

    index: int
    label: str
    problem: Problem
    policy: Policy | None
    time_limit: float
    seed: int
    workers: int
    now: dt.datetime | None = None
    reasons: bool = False
    """Also work out why each uncovered session is uncovered (for unmet.csv)."""


@dataclass
class PartOutcome:
    """A solved part: its rota, its own summary and how long it took."""

    index: int
    label: str
    workers: int
    people: int
    summary: Summary
    assignments: list[Assignment]
    wall_seconds: float
    time_limit: float
    """The search time the part was given."""
    model_stats: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    """Uncovered session id -> why, judged within the part."""
    peak_mib: float = 0.0
    """Peak memory of the process that solved it (shared by parts it solved)."""

    @property
    def sessions(self) -> int:
        """Sessions in the part."""
        return self.summary.sessions

    @property
    def covered(self) -> int:
        """Sessions the part's rota covers."""
        return self.summary.covered


def solve_part(task: PartTask) -> PartOutcome:
    """Solve one part with :func:`rota.solve` (runs in a worker process).

    Parameters
    ----------
    task
        The part and the solver's settings.

    Returns
    -------
    PartOutcome
        The part's rota and figures, without the compiled model.
    """
    began = time.perf_counter()
    problem = task.problem
    result = solve(
        problem,
        task.policy,
        time_limit=task.time_limit,
        seed=task.seed,
        workers=task.workers,
        now=task.now,
    )
    reasons: dict[str, str] = {}
    if task.reasons and result.uncovered:
        reasons = _reasons(result)
    return PartOutcome(
        index=task.index,
        label=task.label,
        workers=len(problem.workers),
        people=len(problem.users),
        summary=result.summary(),
        assignments=result.assignments,
        wall_seconds=time.perf_counter() - began,
        time_limit=task.time_limit,
        model_stats=dict(result.model_stats),
        reasons=reasons,
        peak_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )


def _reasons(result: Result) -> dict[str, str]:
    """Why each uncovered session of a part is uncovered, by session id."""
    try:
        from ..negotiation import unmet_reasons
    except ImportError:  # negotiation not installed in this build
        return {}
    found = unmet_reasons(result.data, result.plan)
    return {result.data.sessions[s].id: text for s, text in found.items()}
