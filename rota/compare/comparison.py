"""compare(): the same weeks under several policies, side by side."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..model import Problem
from ..policy import Policy, load_policy
from .fanout import CompareError, OnDone, run_all
from .runs import Row, RunOutcome, RunSpec
from .summary import summarise
from .variants import week_variants


@dataclass(frozen=True)
class Comparison:
    """Every run of a comparison, in policy then week order."""

    policies: list[str]
    weeks: list[Problem]
    runs: list[RunOutcome]

    @property
    def rows(self) -> list[Row]:
        """One kpis row per policy and week."""
        return [run.row for run in self.runs]

    def summary(self) -> list[Row]:
        """Each figure's mean, min and max per policy."""
        return summarise(self.rows)


def policy_label(spec: str) -> str:
    """How a policy is named in the tables: a preset's name, a file's stem."""
    return Path(spec).stem if spec.endswith(".toml") else spec


def load_policies(specs: Sequence[str]) -> dict[str, Policy]:
    """Each preset name or TOML file loaded, by its label.

    Raises
    ------
    CompareError
        No policy, or one named twice.
    rota.policy.PolicyError
        An unknown preset or a bad file.
    """
    if not specs:
        raise CompareError("name at least one policy to compare")
    loaded: dict[str, Policy] = {}
    for spec in specs:
        label = policy_label(spec)
        if label in loaded:
            raise CompareError(f"policy '{label}' is named twice")
        loaded[label] = load_policy(spec)
    return loaded


def compare(
    problem: Problem,
    policies: Sequence[str],
    *,
    weeks: int = 1,
    seed: int = 0,
    time_limit: float = 10.0,
    workers: int = 1,
    scheduler: str | None = None,
    on_done: OnDone | None = None,
) -> Comparison:
    """Solve every week variant under every policy and measure each rota.

    Parameters
    ----------
    problem
        The week (week 1); weeks 2.. are its seeded variants
        (:func:`rota.compare.week_variants`).
    policies
        Preset names or policy TOML files.
    weeks
        Number of weeks (the week and its variants).
    seed
        Seed of the variants and of every solve.
    time_limit
        Seconds of search per run.
    workers
        CP-SAT workers per run; with 1 (the default) each run is repeatable.
    scheduler
        None: runs one after another here; ``"local"``: a LocalCluster of two
        processes; otherwise a Dask scheduler's address.
    on_done
        Called as each run finishes: (outcome, finished, total).

    Returns
    -------
    Comparison
        The runs; ``rows`` and ``summary()`` are the tables.

    Raises
    ------
    CompareError, rota.policy.PolicyError
        Options that cannot be run, with one plain line.
    """
    if not time_limit > 0:
        raise CompareError(f"time limit must be above 0 seconds, not {time_limit}")
    if workers < 1:
        raise CompareError(f"workers must be 1 or more, not {workers}")
    if weeks < 1:
        raise CompareError(f"weeks must be 1 or more, not {weeks}")
    loaded = load_policies(policies)
    variants = week_variants(problem, weeks, seed=seed)
    specs = [
        RunSpec(
            policy=label,
            settings=settings,
            week=k,
            problem=week,
            time_limit=time_limit,
            seed=seed,
            workers=workers,
        )
        for label, settings in loaded.items()
        for k, week in enumerate(variants, start=1)
    ]
    runs = run_all(specs, scheduler=scheduler, on_done=on_done)
    return Comparison(policies=list(loaded), weeks=variants, runs=runs)
