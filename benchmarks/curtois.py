"""Curtois & Qu instances on the engine; prints a markdown table.

Each instance runs as `rota bench curtois` in its own process, so one instance's
memory or a crash cannot touch another. The objective and the hard violations are
the benchmark evaluator's (rota.bench.evaluate_curtois), never the solver's. Usage:

    python benchmarks/curtois.py [--instances 1-10] [--time-limit 60]
        [--workers 2] [--seed 0] [--extra 2 | --exact] [--folder DIR]

``--instances`` takes numbers and ranges (``1-10 14 20-24``). The folder defaults to
``shared/benchmarks/curtois`` beside the repository checkout.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from bench_cli import run_bench

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT.parent / "shared" / "benchmarks" / "curtois"


def numbers(specs: list[str]) -> list[int]:
    """'1-3 7' -> [1, 2, 3, 7]."""
    out: list[int] = []
    for spec in specs:
        for part in spec.split(","):
            first, _, last = part.partition("-")
            out += range(int(first), int(last or first) + 1)
    return out


def best_known(folder: Path) -> dict[str, int]:
    """Best known upper bound by instance name, from best_known.csv."""
    path = folder / "best_known.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["instance"]: int(row["best_known_ub"]) for row in csv.DictReader(handle)
        }


def run(path: Path, args: argparse.Namespace) -> dict:
    """One instance through the CLI; its JSON line as a dict (or the failure)."""
    options = ["--workers", str(args.workers), "--seed", str(args.seed)]
    options += ["--extra", str(args.extra)] + (["--exact"] if args.exact else [])
    return run_bench("curtois", path, args.time_limit, options)


def cell(value: object, digits: int = 0) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", nargs="+", default=["1-10"])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--extra", type=int, default=2)
    parser.add_argument("--exact", action="store_true")
    parser.add_argument("--folder", type=Path, default=FOLDER)
    args = parser.parse_args()
    known = best_known(args.folder)
    print(
        "| instance | status | objective | best bound | best known | gap to best "
        "known | time (s) | hard violations |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in numbers(args.instances):
        path = args.folder / f"Instance{n}.txt"
        line = run(path, args)
        best = known.get(path.stem)
        objective = line.get("objective")
        gap = None
        if objective is not None and best:
            gap = f"{(objective - best) / best:.1%}"
        print(
            f"| {path.stem} | {line.get('status')} | {cell(objective)} | "
            f"{cell(line.get('best_bound'))} | {cell(best)} | {cell(gap)} | "
            f"{cell(line.get('wall_seconds'), 1)} | {cell(line.get('hard_violations'))} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
