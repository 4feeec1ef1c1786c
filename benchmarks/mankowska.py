"""Mankowska et al. (2014) HHCRSP instances on the engine; prints a markdown table.

Each instance runs as `rota bench mankowska` in its own process, so one instance's
memory or a crash cannot touch another. The objective is the benchmark
evaluator's (rota.bench.evaluate_mankowska) on the routes, never the solver's.
Usage:

    python benchmarks/mankowska.py [--instances A1-A10 B1 C1-C3] [--time-limit 60]
        [--workers 2] [--seed 0] [--step 10] [--late 1440] [--folder DIR]
        [--baseline]

``--instances`` takes names from best_known.csv and ranges within a set
(``A1-A10``). The folder defaults to ``shared/benchmarks/mankowska-hhcrsp`` beside
the repository checkout.

``--baseline`` also runs the plain CP-SAT model (benchmarks/mankowska_baseline.py)
on each instance, in its own process after rota's, with the same time limit,
workers and seed, and adds three columns: ``plain objective`` (the evaluator's, on
its routes; marked when they leave visits undone), ``plain time (s)`` and
``rota / plain``, the ratio of the two objectives ("-" when either has none or
leaves visits undone; below 1 means rota is better). Both come from the same run
on the same machine, so the ratio holds when the machine is noisy. Without
``--baseline`` the table is unchanged.
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

from bench_cli import PLAIN_HEAD, PLAIN_RULE, run_baseline, run_bench

from rota.benchrun.mankowska_map import DEFAULT_LATE

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT.parent / "shared" / "benchmarks" / "mankowska-hhcrsp"
TIE = 0.05
"""Differences below this are ties (some published values have one decimal)."""


def names(specs: list[str]) -> list[str]:
    """'A1-A3 C2' -> ['A1', 'A2', 'A3', 'C2']."""
    out: list[str] = []
    for spec in specs:
        for part in spec.split(","):
            match = re.fullmatch(r"([A-G])(\d+)(?:-[A-G]?(\d+))?", part.strip())
            if match is None:
                raise SystemExit(f"not an instance or range: {part!r}")
            group, first, last = match.groups()
            out += [f"{group}{n}" for n in range(int(first), int(last or first) + 1)]
    return out


def table(folder: Path) -> dict[str, dict[str, str]]:
    """best_known.csv rows by instance name (A1 ...)."""
    with (folder / "best_known.csv").open(encoding="utf-8", newline="") as handle:
        return {row["instance"]: row for row in csv.DictReader(handle)}


def run(path: Path, args: argparse.Namespace) -> dict:
    """One instance through the CLI; its JSON line as a dict (or the failure)."""
    options = ["--workers", str(args.workers), "--seed", str(args.seed)]
    options += ["--step", str(args.step), "--late", str(args.late)]
    return run_bench("mankowska", path, args.time_limit, options)


def run_plain(path: Path, args: argparse.Namespace) -> dict:
    """The plain CP-SAT model on one instance, in its own process; its JSON line as
    a dict, or {"instance", "status"} saying how it failed (as ``run_bench``)."""
    return run_baseline(
        "mankowska_baseline.py", path, args.time_limit, args.workers, args.seed
    )


def ratio(rota_line: dict, plain_line: dict) -> str:
    """rota's objective over the plain model's, 2 decimals; "-" when either has
    none or leaves visits undone."""
    ours, theirs = rota_line.get("objective"), plain_line.get("objective")
    if ours is None or theirs is None or not theirs:
        return "-"
    if not (rota_line.get("feasible") and plain_line.get("feasible")):
        return "-"
    return f"{ours / theirs:.2f}"


def cell(value: object, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", nargs="+", default=["A1-A10"])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--step", type=int, default=10)
    parser.add_argument("--late", type=int, default=DEFAULT_LATE)
    parser.add_argument("--folder", type=Path, default=FOLDER)
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="also run the plain CP-SAT model and compare",
    )
    args = parser.parse_args()
    known = table(args.folder)
    head = (
        "| instance | status | objective | best bound | best known | gap to best "
        "known | time (s) | all visits done |"
    )
    rule = "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"
    if args.baseline:
        head += PLAIN_HEAD
        rule += PLAIN_RULE
    print(head)
    print(rule)
    for name in names(args.instances):
        row = known[name]
        line = run(args.folder / row["file"], args)
        best = float(row["best_known_upper_bound"])
        objective = line.get("objective")
        feasible = line.get("feasible")
        gap = None
        if objective is not None and feasible:
            # Published values are rounded to 0.05 at worst: closer is a tie.
            diff = 0.0 if abs(objective - best) < TIE else objective - best
            gap = f"{diff / best:.1%}"
        text = (
            f"| {name} | {line.get('status')} | {cell(objective)} | "
            f"{cell(line.get('best_bound'))} | {cell(best)} | {cell(gap)} | "
            f"{cell(line.get('wall_seconds'), 1)} | "
            f"{'-' if feasible is None else ('yes' if feasible else 'no')} |"
        )
        if args.baseline:
            plain = run_plain(args.folder / row["file"], args)
            mark = "" if plain.get("feasible") else " (visits undone)"
            if plain.get("objective") is None:
                mark = ""
            text += (
                f" {cell(plain.get('objective'))}{mark} | "
                f"{cell(plain.get('wall_seconds'), 1)} | {ratio(line, plain)} |"
            )
        print(text, flush=True)


if __name__ == "__main__":
    main()
