"""Running one published benchmark instance through `rota bench`, in its own process.

Shared by benchmarks/curtois.py and benchmarks/mankowska.py: a separate process per
instance, so one instance's memory or a crash cannot touch another. Baseline
scripts that print the same JSON line run the same way (``run_json_line``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def run_bench(
    benchmark: str, path: Path, time_limit: float, options: list[str]
) -> dict:
    """`rota bench BENCHMARK PATH --time-limit T OPTIONS...`; its JSON line as a
    dict, or {"instance", "status"} saying how it failed."""
    command = [
        sys.executable,
        "-c",
        "from rota.cli import main; main()",
        "bench",
        benchmark,
        str(path),
        "--time-limit",
        str(time_limit),
        *options,
    ]
    return run_json_line(command, path, time_limit)


def run_json_line(command: list[str], path: Path, time_limit: float) -> dict:
    """Run a command that prints one JSON line for the instance at ``path`` (such
    as `rota bench` or a baseline script); that line as a dict, or {"instance",
    "status"} saying how it failed."""
    # Mapping and model building come on top of the search time; a run that
    # takes far longer than both is stopped and reported as such.
    limit = 3 * time_limit + 600
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, check=False, timeout=limit
        )
    except subprocess.TimeoutExpired:
        return {"instance": path.stem, "status": f"stopped after {limit:.0f} s"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        message = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"instance": path.stem, "status": f"failed: {message}"}
    return json.loads(lines[-1])


PLAIN_HEAD = " plain objective | plain time (s) | rota / plain |"
PLAIN_RULE = " ---: | ---: | ---: |"
"""The columns ``--baseline`` adds to a benchmark's table (and their alignment)."""


def run_baseline(
    script: str, path: Path, time_limit: float, workers: int, seed: int
) -> dict:
    """``benchmarks/SCRIPT PATH`` (a plain model) in its own process, with rota's
    time limit, workers and seed; its JSON line, or how it failed (as
    ``run_bench``)."""
    command = [sys.executable, str(Path(__file__).resolve().with_name(script))]
    command += [str(path), "--time-limit", str(time_limit)]
    command += ["--workers", str(workers), "--seed", str(seed)]
    return run_json_line(command, path, time_limit)
