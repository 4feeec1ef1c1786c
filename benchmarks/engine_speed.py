"""Engine speed and quality on sample and generated weeks; prints a markdown table.

Each run is a separate process (so peak memory is its own). Usage:

    python benchmarks/engine_speed.py [--sizes small medium large 10 30 ...]
        [--time-limit 60] [--workers 2] [--seed 0] [--feasible] [--tight]
        [--relaxed] [--baseline]

A number is a generated week of that many workers (a name is a shipped sample week,
which the flags below do not change):

- ``--feasible``: generated so that a rota covering every session is known to exist.
- ``--tight``: feasible and with no slack: each worker available only on the days
  the known rota gives them and for its paid hours (``rota generate --feasible
  --tight``, docs/sample_data.md). Implies ``--feasible``.
- ``--relaxed``: rota solves under the ``balanced`` policy relaxed towards the rules
  the plain baseline knows: ``travel_counts_in_hours = false``, ``break_minutes =
  0`` (no rest-break rule) and ``max_day_span_hours = 24``. Its daily cap, rest
  between days, days per week, weekly rest, budgets and soft rules stay.
- ``--baseline``: also solves each week with the plain CP-SAT model of
  ``benchmarks/baseline.py`` (in its own process, same time limit, seed and
  workers), and prints a second table with both side by side and the ratios
  rota / baseline.

On generated ``--feasible`` weeks a second table says where the paid minutes went
(``paid_account``): the session-minutes left uncovered, the paid minutes still left
under the workers' weekly caps, and the travel between visits in rota's rota and in
the planted one. On a tight week every cap minute is used by the planted rota, so
whatever rota's rota leaves uncovered that its workers' caps cannot hold is travel
it spends beyond the planted rota's ("extra travel").

Columns: model build and first-rota times, objective and bound at 10/30/60 s (the
last improving rota before each mark), the final gap, coverage, the time of the
first rota covering every session ("full cover s", "-" when none did: reported by
``rota.solve``'s ``on_coverage`` at each improving rota), hard violations and peak
memory. Times count from the start of the solve, compiling included, for rota and
the baseline alike; generating the week is not counted.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MARKS = (10, 30, 60)
RELAXED = {
    "travel_counts_in_hours": False,
    "break_minutes": 0,
    "max_day_span_hours": 24.0,
}
"""The policy limits --relaxed changes (the rules the baseline does not know)."""


def week(size: str, seed: int, feasible: bool, tight: bool) -> Any:
    """A shipped sample week by name, else a generated week of ``size`` workers."""
    return week_and_plan(size, seed, feasible, tight)[0]


def week_and_plan(
    size: str, seed: int, feasible: bool, tight: bool
) -> tuple[Any, list[tuple[str, str]] | None]:
    """The week, and for a generated feasible week its planted full rota as
    (session_id, worker_id) pairs (None for a shipped week or an unplanted one)."""
    from rota.generate import generate_week_with_plan
    from rota.io import load_problem

    folder = ROOT / "sample_data" / size
    if folder.is_dir():
        return load_problem(folder), None
    problem, plan = generate_week_with_plan(
        int(size), seed=seed, feasible=feasible or tight, tight=tight
    )
    return problem, plan if feasible or tight else None


def planted_plan(data: Any, plan: list[tuple[str, str]]) -> Any:
    """The planted rota as a :class:`~rota.solver.plan.Plan` of ``data`` (each
    visit at its requested start)."""
    from rota.negotiation.probe import base_slot
    from rota.solver.plan import Plan

    return Plan.from_pairs(
        data,
        [
            (data.worker_index[worker], base_slot(data, data.session_index[session]))
            for session, worker in plan
        ],
    )


def paid_account(plan: Any) -> dict[str, int]:
    """Where a rota's paid minutes go: ``uncovered`` session-minutes (each
    session's length times the staff it needs), ``left``: the minutes still
    free under each worker's weekly cap (agreed overtime included), summed, and
    ``travel``: minutes of travel between visits. A one-week horizon, as the
    generated weeks are."""
    from rota.rules.contract import week_paid
    from rota.rules.hours import week_cap

    data = plan.data
    travel = sum(day.between_travel for day in plan.days.values())
    return {
        "uncovered": sum(
            (s.end - s.start) * s.staff
            for s in data.sessions
            if not plan.covered(s.index)
        ),
        "left": sum(
            max(0, week_cap(data, w.index) - week_paid(plan, w.index, 0))
            for w in data.workers
        ),
        "travel": travel,
    }


def policy(relaxed: bool) -> Any:
    """The balanced preset, relaxed to the baseline's rules on request."""
    from rota.policy import load_policy

    chosen = load_policy()
    if not relaxed:
        return chosen
    limits = chosen.limits.model_copy(update=RELAXED)
    return chosen.model_copy(update={"name": "relaxed", "limits": limits})


def one(
    size: str,
    time_limit: float,
    workers: int,
    seed: int,
    feasible: bool = False,
    tight: bool = False,
    relaxed: bool = False,
) -> dict:
    """Solve one week in this process and report the figures as a dict."""
    from rota import solve

    problem, plan = week_and_plan(size, seed, feasible, tight)
    count = len(problem.sessions)
    timeline: list[tuple[float, float, float]] = []
    full: list[float] = []

    def covering(elapsed: float, covered: int) -> None:
        if covered == count:
            full.append(elapsed)

    began = time.perf_counter()
    result = solve(
        problem,
        policy(relaxed),
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        on_progress=lambda t, o, b: timeline.append((t, o, b)),
        on_coverage=covering,
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
        "sessions": count,
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
        "full_s": full[0] if full else None,
        "violations": len(result.violations),
        "wall_s": time.perf_counter() - began,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "account": paid_account(result.plan),
        "planted": (
            None if plan is None else paid_account(planted_plan(result.data, plan))
        ),
    }


def one_baseline(
    size: str, time_limit: float, workers: int, seed: int, feasible: bool, tight: bool
) -> dict:
    """Solve the same week with the plain model in this process."""
    from baseline import solve_baseline  # benchmarks/ is this script's folder

    row = solve_baseline(week(size, seed, feasible, tight), time_limit, seed, workers)
    row.pop("assignments")
    row["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return row


def _fmt(value: float | None, spec: str = ",.0f") -> str:
    return "-" if value is None else format(value, spec)


def _ratio(ours: float | None, theirs: float | None) -> str:
    if ours is None or not theirs:
        return "-"
    return f"{ours / theirs:.2f}"


def _run(args: argparse.Namespace, size: str, mode: str) -> dict:
    """One week in a process of its own; its JSON line."""
    flags = [
        *(["--feasible"] if args.feasible else []),
        *(["--tight"] if args.tight else []),
        *(["--relaxed"] if args.relaxed else []),
    ]
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            mode,
            size,
            "--time-limit",
            str(args.time_limit),
            "--workers",
            str(args.workers),
            "--seed",
            str(args.seed),
            *flags,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _print_side_by_side(pairs: list[tuple[dict, dict]]) -> None:
    print()
    print(
        "| week | sessions | rota coverage | baseline coverage | ratio | "
        "rota full cover s | baseline full cover s | ratio | rota wall s | "
        "baseline wall s | ratio | baseline greedy coverage | baseline greedy s |"
    )
    print("|---" * 13 + "|")
    for ours, theirs in pairs:
        print(
            f"| {ours['week']} | {ours['sessions']} | {ours['coverage']:.1%} | "
            f"{theirs['coverage']:.1%} | "
            f"{_ratio(ours['coverage'], theirs['coverage'])} | "
            f"{_fmt(ours['full_s'], '.2f')} | "
            f"{_fmt(theirs['full_coverage_seconds'], '.2f')} | "
            f"{_ratio(ours['full_s'], theirs['full_coverage_seconds'])} | "
            f"{ours['wall_s']:.1f} | {theirs['wall_seconds']:.1f} | "
            f"{_ratio(ours['wall_s'], theirs['wall_seconds'])} | "
            f"{theirs['greedy_coverage']:.1%} | {theirs['greedy_seconds']:.2f} |"
        )


def _print_account(rows: list[dict]) -> None:
    """Where the paid minutes went, beside the planted rota's travel."""
    print()
    print(
        "| week | sessions | uncovered session-minutes | minutes left under caps | "
        "travel (rota) | travel (planted) | extra travel |"
    )
    print("|---" * 7 + "|")
    for row in rows:
        ours, planted = row["account"], row["planted"]
        print(
            f"| {row['week']} | {row['sessions']} | {ours['uncovered']:,} | "
            f"{ours['left']:,} | {ours['travel']:,} | {planted['travel']:,} | "
            f"{ours['travel'] - planted['travel']:,} |"
        )


def main() -> None:
    """Run each size in its own process and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="+", default=["small", "medium", "large"])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--feasible", action="store_true")
    parser.add_argument("--tight", action="store_true")
    parser.add_argument("--relaxed", action="store_true")
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--one-baseline", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        row = one(
            args.one,
            args.time_limit,
            args.workers,
            args.seed,
            args.feasible,
            args.tight,
            args.relaxed,
        )
        print(json.dumps(row))
        return
    if args.one_baseline:
        row = one_baseline(
            args.one_baseline,
            args.time_limit,
            args.workers,
            args.seed,
            args.feasible,
            args.tight,
        )
        print(json.dumps(row))
        return
    header = (
        "| week | workers | sessions | arcs | first rota s | obj@10s | obj@30s | "
        "obj@60s | final obj | bound | gap | coverage | full cover s | "
        "hard violations | peak MiB |"
    )
    print(header)
    print("|---" * 15 + "|")
    compared: list[tuple[dict, dict]] = []
    accounted: list[dict] = []
    for size in args.sizes:
        row = _run(args, size, "--one")
        if row["planted"] is not None:
            accounted.append(row)
        marks = row["marks"]
        print(
            f"| {row['week']} | {row['workers']} | {row['sessions']} | {row['arcs']:,} | "
            f"{_fmt(row['first_s'], '.1f')} | {_fmt(marks['10'][0])} | "
            f"{_fmt(marks['30'][0])} | {_fmt(marks['60'][0])} | {_fmt(row['objective'])} | "
            f"{_fmt(row['bound'])} | {_fmt(row['gap'], '.1%')} | {row['coverage']:.1%} | "
            f"{_fmt(row['full_s'], '.2f')} | {row['violations']} | "
            f"{row['peak_mib']:,.0f} |"
        )
        sys.stdout.flush()
        if args.baseline:
            compared.append((row, _run(args, size, "--one-baseline")))
    if accounted:
        _print_account(accounted)
    if compared:
        _print_side_by_side(compared)


if __name__ == "__main__":
    main()
