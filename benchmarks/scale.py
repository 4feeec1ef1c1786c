"""How the engine scales: one model against solving by area, 10 to 1,000 workers.

Usage:

    python benchmarks/scale.py [--sizes 10 30 100 300 1000] [--time-limit 60]
        [--workers 2] [--seed 0] [--areas-from 300]

Each week is generated once (seed fixed) in its own process, and every solve runs
in a process of its own, so peak memory (``getrusage``) is that run's alone.

The single model runs at ``--workers`` CP-SAT workers with a time limit of 10, 30
and 60 s (each mark below ``--time-limit``, and ``--time-limit`` itself); coverage
and objective at a mark are that run's. A run whose first rota came later than a
shorter mark makes that mark "-" (no rota by then) without running it. Weeks of
``--areas-from`` workers or more are also solved by area (parts of about 50
workers, two at a time with one CP-SAT worker each: the same two cores), with
``--time-limit`` for all the parts together.

Prints two markdown tables.
"""

from __future__ import annotations

import argparse
import json
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MARKS = (10.0, 30.0, 60.0)


def _peak_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def generate(size: int, seed: int, path: Path) -> dict:
    """Generate a week, store it for the solves and report the time taken."""
    from rota.generate import generate_week

    began = time.perf_counter()
    problem = generate_week(size, seed=seed)
    seconds = time.perf_counter() - began
    path.write_bytes(pickle.dumps(problem))
    return {
        "workers": len(problem.workers),
        "people": len(problem.users),
        "sessions": len(problem.sessions),
        "generate_s": seconds,
        "peak_mib": _peak_mib(),
    }


def single(path: Path, time_limit: float, workers: int, seed: int) -> dict:
    """Solve the whole week as one model."""
    from rota import solve

    problem = pickle.loads(path.read_bytes())
    timeline: list[tuple[float, float]] = []
    began = time.perf_counter()
    result = solve(
        problem,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        on_progress=lambda t, o, b: timeline.append((t, o)),
    )
    summary = result.summary()
    return {
        "status": summary.status,
        "first_s": summary.first_solution_seconds,
        "wall_s": time.perf_counter() - began,
        "coverage": summary.coverage,
        "objective": summary.objective,
        "violations": len(result.violations),
        "pairs": result.model_stats.get("pairs", 0),
        "arcs": result.model_stats.get(
            "arcs", result.model_stats.get("estimated_arcs", 0)
        ),
        "path": "full" if "routes" in result.model_stats else "neighbourhood",
        "improvements": len(timeline),
        "peak_mib": _peak_mib(),
    }


def areas(path: Path, time_limit: float, seed: int) -> dict:
    """Solve the week by area, two parts at a time with one CP-SAT worker each."""
    from rota.decompose import solve_by_area

    problem = pickle.loads(path.read_bytes())
    result = solve_by_area(
        problem, time_limit=time_limit, seed=seed, workers_per_part=1, parallel=2
    )
    sizes = sorted(p.workers for p in result.parts)
    return {
        "parts": len(result.parts),
        "part_workers": f"{sizes[0]}-{sizes[-1]}",
        "wall_s": result.wall_seconds,
        "slowest_part_s": max(p.wall_seconds for p in result.parts),
        "check_s": result.check_seconds,
        "coverage": result.coverage,
        "objective": result.objective,
        "violations": len(result.violations),
        "peak_mib": _peak_mib(),
        "part_peak_mib": _peak_mib(resource.RUSAGE_CHILDREN),
    }


def _run(*args: str) -> dict:
    """One measurement in a fresh process; its last line of output is JSON."""
    out = subprocess.run(
        [sys.executable, __file__, "--one", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _fmt(value: float | None, spec: str = ",.0f") -> str:
    return "-" if value is None else format(value, spec)


def main() -> None:
    """Measure every size and print the tables."""
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--sizes", nargs="+", type=int, default=[10, 30, 100, 300, 1000]
    )
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--areas-from", type=int, default=300)
    parser.add_argument("--one", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        what, path = args.one[0], Path(args.one[1])
        if what == "generate":
            row = generate(int(args.one[2]), args.seed, path)
        elif what == "single":
            row = single(path, args.time_limit, args.workers, args.seed)
        else:
            row = areas(path, args.time_limit, args.seed)
        print(json.dumps(row))
        return
    marks = sorted({m for m in MARKS if m < args.time_limit} | {args.time_limit})
    common = ["--seed", str(args.seed), "--workers", str(args.workers)]
    rows, by_area = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"week{size}.pickle"
            week = _run("generate", str(path), str(size), *common)
            runs: dict[float, dict | None] = {}
            for mark in reversed(marks):
                longest = runs.get(marks[-1])
                if longest is not None and (
                    longest["first_s"] is None or longest["first_s"] > mark
                ):
                    runs[mark] = None  # no rota yet at this mark
                    continue
                runs[mark] = _run(
                    "single", str(path), "--time-limit", str(mark), *common
                )
            rows.append((size, week, runs))
            _log(f"{size} workers: single model done")
            if size >= args.areas_from:
                split = _run(
                    "areas", str(path), "--time-limit", str(args.time_limit), *common
                )
                by_area.append((size, week, split))
                _log(f"{size} workers: by area done")
    _print_single(rows, marks)
    if by_area:
        print()
        _print_areas(by_area, runs_by_size={s: r for s, _, r in rows}, last=marks[-1])


def _print_single(rows: list, marks: list[float]) -> None:
    head = ["workers", "sessions", "generate s", "pairs", "route arcs", "first rota s"]
    for mark in marks:
        head += [f"coverage @{mark:g}s", f"objective @{mark:g}s"]
    head += ["hard violations", "peak MiB"]
    print("| " + " | ".join(head) + " |")
    print("|---" * len(head) + "|")
    for size, week, runs in rows:
        last = runs[marks[-1]]
        cells = [
            str(size),
            f"{week['sessions']:,}",
            f"{week['generate_s']:.1f}",
            f"{last['pairs']:,}",
            _arcs(last),
            _fmt(last["first_s"], ".1f"),
        ]
        for mark in marks:
            run = runs[mark]
            cells += [_coverage(run), "-" if run is None else _fmt(run["objective"])]
        peak = max(r["peak_mib"] for r in runs.values() if r is not None)
        cells += [str(last["violations"]), f"{peak:,.0f}"]
        print("| " + " | ".join(cells) + " |")
    sys.stdout.flush()


def _print_areas(rows: list, runs_by_size: dict, last: float) -> None:
    head = [
        "workers",
        "parts (workers each)",
        "wall s",
        "slowest part s",
        "coverage",
        "objective",
        f"single model coverage @{last:g}s",
        "hard violations",
        "peak MiB (main / part)",
    ]
    print("| " + " | ".join(head) + " |")
    print("|---" * len(head) + "|")
    for size, _, row in rows:
        single_run = runs_by_size[size][last]
        print(
            f"| {size} | {row['parts']} ({row['part_workers']}) | "
            f"{row['wall_s']:.1f} | {row['slowest_part_s']:.1f} | "
            f"{row['coverage']:.1%} | {_fmt(row['objective'])} | "
            f"{_coverage(single_run)} | {row['violations']} | "
            f"{row['peak_mib']:,.0f} / {row['part_peak_mib']:,.0f} |"
        )
    sys.stdout.flush()


def _arcs(run: dict) -> str:
    """Route arcs of the full model, or the estimate that sent it to LNS."""
    if not run["arcs"]:
        return "-"
    return f"{run['arcs']:,}" + ("" if run["path"] == "full" else " (est.)")


def _coverage(run: dict | None) -> str:
    """A run's coverage; "no rota" when it ended without one."""
    if run is None:
        return "-"
    if run["first_s"] is None:
        return "no rota"
    return f"{run['coverage']:.1%}"


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
