"""Engine speed and quality on sample and generated weeks; prints a markdown table.

Each run is a separate process (so peak memory is its own). Usage:

    python benchmarks/engine_speed.py [--sizes small medium large 10 30 ...]
        [--time-limit 60] [--workers 2] [--seed 0] [--feasible]

A number is a generated week of that many workers; with --feasible it is generated
so that a rota covering every session is known to exist.

Columns: model build and first-rota times, objective and bound at 10/30/60 s (the
last improving rota before each mark), the final gap, coverage and peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKS = (10, 30, 60)


def one(
    size: str, time_limit: float, workers: int, seed: int, feasible: bool = False
) -> dict:
    """Solve one week in this process and report the figures as a dict."""
    from rota import solve
    from rota.generate import generate_week
    from rota.io import load_problem

    folder = ROOT / "sample_data" / size
    if folder.is_dir():
        problem = load_problem(folder)
    else:
        problem = generate_week(int(size), seed=seed, feasible=feasible)
    timeline: list[tuple[float, float, float]] = []
    began = time.perf_counter()
    result = solve(
        problem,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        on_progress=lambda t, o, b: timeline.append((t, o, b)),
    )
    summary = result.summary()
    marks = {}
    for mark in MARKS:
        seen = [(o, b) for t, o, b in timeline if t <= mark]
        marks[mark] = seen[-1] if seen else (None, None)
    objective, bound = summary.objective, summary.best_bound
    gap = None
    if objective and bound is not None:
        gap = (objective - bound) / max(abs(objective), 1e-9)
    return {
        "week": size,
        "workers": len(problem.workers),
        "sessions": len(problem.sessions),
        "pairs": result.model_stats["pairs"],
        "arcs": result.model_stats.get(
            "arcs", result.model_stats.get("estimated_arcs", 0)
        ),
        "first_s": summary.first_solution_seconds,
        "marks": marks,
        "objective": objective,
        "bound": bound,
        "gap": gap,
        "coverage": summary.coverage,
        "violations": len(result.violations),
        "wall_s": time.perf_counter() - began,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _fmt(value: float | None, spec: str = ",.0f") -> str:
    return "-" if value is None else format(value, spec)


def main() -> None:
    """Run each size in its own process and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="+", default=["small", "medium", "large"])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--feasible", action="store_true")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        row = one(args.one, args.time_limit, args.workers, args.seed, args.feasible)
        print(json.dumps(row))
        return
    header = (
        "| week | workers | sessions | arcs | first rota s | obj@10s | obj@30s | "
        "obj@60s | final obj | bound | gap | coverage | hard violations | peak MiB |"
    )
    print(header)
    print("|---" * 14 + "|")
    for size in args.sizes:
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                size,
                "--time-limit",
                str(args.time_limit),
                "--workers",
                str(args.workers),
                "--seed",
                str(args.seed),
                *(["--feasible"] if args.feasible else []),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(out.stdout.strip().splitlines()[-1])
        marks = row["marks"]
        print(
            f"| {row['week']} | {row['workers']} | {row['sessions']} | {row['arcs']:,} | "
            f"{_fmt(row['first_s'], '.1f')} | {_fmt(marks['10'][0])} | "
            f"{_fmt(marks['30'][0])} | {_fmt(marks['60'][0])} | {_fmt(row['objective'])} | "
            f"{_fmt(row['bound'])} | {_fmt(row['gap'], '.1%')} | {row['coverage']:.1%} | "
            f"{row['violations']} | {row['peak_mib']:,.0f} |"
        )
        sys.stdout.flush()


if __name__ == "__main__":
    main()
