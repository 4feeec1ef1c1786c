"""The time limit is a promise: the command's whole run fits in it, and what the
time went on is in summary.json."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from rota import solve
from rota.generate import generate_week
from rota.negotiation import negotiate
from rota.negotiation.unmet import NOT_EXAMINED

ROOT = Path(__file__).resolve().parents[2]


def test_reasons_and_asks_stop_at_the_deadline_and_say_so() -> None:
    problem = generate_week(8, seed=3)
    result = solve(problem, time_limit=2, seed=1, workers=1)
    assert result.uncovered, "the week should leave something uncovered"
    reasons, asks = negotiate(result, deadline=time.perf_counter() - 1)
    assert asks == []
    assert set(reasons) == {s for s in result.uncovered}
    assert set(reasons.values()) == {NOT_EXAMINED}
    # Without a deadline every session gets its own reason.
    reasons, _ = negotiate(result)
    assert NOT_EXAMINED not in reasons.values()


def test_solve_command_fits_its_time_limit_and_reports_the_phases(
    tmp_path: Path,
) -> None:
    limit = 6.0
    began = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "rota.cli",
            "solve",
            str(ROOT / "sample_data" / "small"),
            "--time-limit",
            str(limit),
            "--workers",
            "1",
            "--seed",
            "1",
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - began
    assert done.returncode == 0, done.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    timings = summary["timings"]
    assert {"compile", "candidates", "search", "finish", "negotiate", "total"} <= set(
        timings
    )
    phases = sum(v for k, v in timings.items() if k != "total")
    assert phases <= timings["total"] + 0.01
    assert timings["total"] <= limit
    assert wall <= limit + 2


def test_a_model_stops_building_at_its_deadline() -> None:
    """A model whose time is gone before it is built raises Stopped (the repair
    then fails in time instead of overrunning the limit), and builds in full with
    time left."""
    import pytest

    from rota.build import build_model
    from rota.policy import load_policy
    from rota.rules import all_rules
    from rota.solver.data import compile_problem
    from rota.solver.stopping import Stopped

    data = compile_problem(generate_week(6, seed=2), load_policy())
    with pytest.raises(Stopped):
        build_model(data, all_rules(), deadline=time.perf_counter() - 1)
    model, _ = build_model(data, all_rules(), deadline=time.perf_counter() + 600)
    assert model.x
