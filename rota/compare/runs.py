"""One run of a comparison: a plain :func:`rota.solve` of one week under one
policy, measured by the rules' own evaluation of the rota it made."""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field

from ..engine import solve
from ..model import Ask, Assignment, Problem, Summary, Unmet
from ..negotiation import negotiate
from ..policy import Policy
from ..reports import kpis, kpis_row

Row = dict[str, str | float | int]
"""One line of kpis.csv."""


@dataclass(frozen=True)
class RunSpec:
    """What one run solves: small enough to send to a Dask worker."""

    policy: str
    """The policy's name as the comparison shows it."""
    settings: Policy
    week: int
    """1 for the week as given, 2.. for its variants."""
    problem: Problem
    time_limit: float
    seed: int
    workers: int


@dataclass(frozen=True)
class RunOutcome:
    """A run's figures and the contract's outputs to write."""

    policy: str
    week: int
    row: Row
    assignments: list[Assignment] = field(repr=False)
    unmet: list[Unmet] = field(repr=False)
    asks: list[Ask] = field(repr=False)
    summary: Summary = field(repr=False)
    no_rota: str | None = None


def run_one(spec: RunSpec) -> RunOutcome:
    """Solve one week under one policy and measure the rota.

    Every figure comes from :func:`rota.reports.kpis` (the rules' evaluation of the
    rota), ``asks`` from :func:`rota.negotiation.negotiate`; ``cost`` is the wage
    cost in pounds and the two spreads are the most minus the fewest weekend and
    unsocial minutes of one working worker.
    """
    began = time.perf_counter()
    result = solve(
        spec.problem,
        spec.settings,
        time_limit=spec.time_limit,
        seed=spec.seed,
        workers=spec.workers,
    )
    reasons, asks = negotiate(result)
    figures = dataclasses.replace(
        kpis(spec.problem, result.assignments, spec.settings), asks=len(asks)
    )
    row: Row = {"policy": spec.policy, "week": spec.week, "status": result.status}
    row |= kpis_row(figures)
    row["cost"] = row["wage_cost"]
    row["weekend_spread_minutes"] = (
        figures.weekend_minutes_max - figures.weekend_minutes_min
    )
    row["unsocial_spread_minutes"] = (
        figures.unsocial_minutes_max - figures.unsocial_minutes_min
    )
    row["wall_seconds"] = round(time.perf_counter() - began, 2)
    return RunOutcome(
        policy=spec.policy,
        week=spec.week,
        row=row,
        assignments=list(result.assignments),
        unmet=list(result.unmet(reasons)),
        asks=list(asks),
        summary=result.summary(),
        no_rota=result.no_rota,
    )
