"""Each figure's mean, min and max per policy over the weeks."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import fmean

from .runs import Row

NOT_FIGURES = ("policy", "week", "status")
"""Columns of a kpis row that are not figures to summarise."""


def summarise(rows: Sequence[Row]) -> list[Row]:
    """One row per policy (in the order they first appear): ``runs``, then
    ``<figure>_mean``, ``<figure>_min`` and ``<figure>_max`` for every figure of
    the kpis rows, and ``optimal_runs`` (runs proved optimal)."""
    by_policy: dict[str, list[Row]] = {}
    for row in rows:
        by_policy.setdefault(str(row["policy"]), []).append(row)
    out: list[Row] = []
    for policy, runs in by_policy.items():
        summary: Row = {
            "policy": policy,
            "runs": len(runs),
            "optimal_runs": sum(1 for r in runs if r["status"] == "OPTIMAL"),
        }
        for key in runs[0]:
            if key in NOT_FIGURES:
                continue
            values = [float(r[key]) for r in runs]
            summary[f"{key}_mean"] = round(fmean(values), 4)
            summary[f"{key}_min"] = min(values)
            summary[f"{key}_max"] = max(values)
        out.append(summary)
    return out
