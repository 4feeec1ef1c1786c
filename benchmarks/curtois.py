"""Curtois & Qu instances on the engine; prints a markdown table.

Each instance runs as `rota bench curtois` in its own process, so one instance's
memory or a crash cannot touch another. The objective and the hard violations are
the benchmark evaluator's (rota.bench.evaluate_curtois), never the solver's. Usage:

    python benchmarks/curtois.py [--instances 1-10] [--time-limit 60]
        [--workers 2] [--seed 0] [--extra 2 | --exact] [--folder DIR]
        [--baseline]

``--instances`` takes numbers and ranges (``1-10 14 20-24``). The folder defaults to
``shared/benchmarks/curtois`` beside the repository checkout.

With ``--baseline`` each instance is then also solved by the plain CP-SAT model of
benchmarks/curtois_baseline.py, in a process of its own after rota's, with the same
time limit, workers and seed, and scored by the same evaluator. Three columns are
added: ``plain objective``, ``plain time (s)`` and ``rota / plain``, the ratio of
the two objectives (below 1 when rota's roster is better; "-" when either run has
no roster free of hard violations). Both runs of an instance come from one
invocation, one after the other, so the ratio holds on a noisy machine. Without
``--baseline`` the table is as before.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from bench_cli import PLAIN_HEAD, PLAIN_RULE, run_baseline, run_bench

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


def run_plain(path: Path, args: argparse.Namespace) -> dict:
    """One instance through benchmarks/curtois_baseline.py in its own process,
    with rota's time limit, workers and seed; its JSON line (or the failure)."""
    return run_baseline(
        "curtois_baseline.py", path, args.time_limit, args.workers, args.seed
    )


def valid(line: dict) -> int | None:
    """The objective of a run whose roster breaks no hard rule, else None."""
    objective = line.get("objective")
    return objective if line.get("hard_violations") == 0 else None


def ratio(rota: int | None, plain: int | None) -> str:
    """rota's objective over the plain model's, 2 decimals ("-" without both)."""
    if rota is None or plain is None:
        return "-"
    if plain == 0:
        return "1.00" if rota == 0 else "-"
    return f"{rota / plain:.2f}"


def cell(value: object, digits: int = 0) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", nargs="+", default=["1-10"])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--extra", type=int, default=2)
    parser.add_argument("--exact", action="store_true")
    parser.add_argument("--folder", type=Path, default=FOLDER)
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="also run the plain CP-SAT model and show the ratio",
    )
    args = parser.parse_args(argv)
    known = best_known(args.folder)
    header = (
        "| instance | status | objective | best bound | best known | gap to best "
        "known | time (s) | hard violations |"
    )
    rule = "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    if args.baseline:
        header += PLAIN_HEAD
        rule += PLAIN_RULE
    print(header)
    print(rule)
    for n in numbers(args.instances):
        path = args.folder / f"Instance{n}.txt"
        line = run(path, args)
        best = known.get(path.stem)
        objective = line.get("objective")
        gap = None
        if objective is not None and best:
            gap = f"{(objective - best) / best:.1%}"
        row = (
            f"| {path.stem} | {line.get('status')} | {cell(objective)} | "
            f"{cell(line.get('best_bound'))} | {cell(best)} | {cell(gap)} | "
            f"{cell(line.get('wall_seconds'), 1)} | {cell(line.get('hard_violations'))} |"
        )
        if args.baseline:
            plain = run_plain(path, args)
            row += (
                f" {cell(valid(plain))} | {cell(plain.get('wall_seconds'), 1)} | "
                f"{ratio(valid(line), valid(plain))} |"
            )
        print(row, flush=True)


if __name__ == "__main__":
    main()
