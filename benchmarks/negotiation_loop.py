"""The negotiation loop on the sample weeks: solve, agree to every ask, solve again.

For each week: solve, propose the asks, record 'yes' to every one in a copy of the
data folder's agreements.csv, load the copy and solve again (the first rota as the
hint, as `rota solve` would after answers). Prints a markdown table:

    python benchmarks/negotiation_loop.py [--sizes small medium] [--time-limit 60]
        [--workers 2] [--seed 0]

Columns: uncovered sessions before; asks; sessions the asks name; of those, how many
the second rota covers; uncovered sessions after that were named by an ask (should
be 0); uncovered sessions no ask names (hard-to-cover sessions the search left, or
ones that cannot be covered); hard violations in the second rota.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def loop(size: str, time_limit: float, workers: int, seed: int) -> dict:
    """One week's loop, returned as the table's figures."""
    import rota
    from rota.io import load_problem
    from rota.negotiation import cannot_cover, propose_asks, record_answer

    source = ROOT / "sample_data" / size
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / size
        shutil.copytree(source, folder)
        options = {"time_limit": time_limit, "workers": workers, "seed": seed}
        first = rota.solve(load_problem(folder), **options)
        asks = propose_asks(first.data, first.plan)
        none = cannot_cover(first.data, first.plan, asks)
        for ask in asks:
            record_answer(folder, ask, "yes", at=dt.datetime(2026, 1, 1, 9, 0))
        hint = [(a.session_id, a.worker_id) for a in first.assignments]
        second = rota.solve(load_problem(folder), hint=hint, **options)
    named = {sid for a in asks for sid in a.session_ids}
    after = {second.data.sessions[s].id for s in second.uncovered}
    return {
        "week": size,
        "sessions": len(first.data.sessions),
        "before": len(first.uncovered),
        "asks": len(asks),
        "named": len(named),
        "named_covered": len(named - after),
        "named_left": len(named & after),
        "cannot": len(none),
        "other_left": len(after - named),
        "violations": len(second.violations),
    }


def main() -> None:
    """Run the loop on each week and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="+", default=["small", "medium"])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(
        "| week | sessions | uncovered before | asks | sessions named by asks | "
        "of those covered after | of those uncovered after | cannot be covered | "
        "other uncovered after | hard violations |"
    )
    print("|---" * 10 + "|")
    for size in args.sizes:
        r = loop(size, args.time_limit, args.workers, args.seed)
        print(
            f"| {r['week']} | {r['sessions']} | {r['before']} | {r['asks']} | "
            f"{r['named']} | {r['named_covered']} | {r['named_left']} | "
            f"{r['cannot']} | {r['other_left']} | {r['violations']} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
