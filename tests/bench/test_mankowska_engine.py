"""The Mankowska et al. instances on rota's own model and engine (rota.benchrun).

The tiny instance (data/mankowska_tiny.txt, described in test_mankowska.py) has
optimum 47/3, worked out by hand: caregiver 1 is the only one who may do service 1
at node 3 once caregiver 0 does its service 0, and only caregiver 0 does service 0.

    caregiver 0: node 1 s0 at 5 (2 late, window ends 3), node 3 s0 at 20,
                 node 2 s1 at 41 (20 + 15 + 6; 1 late, window ends 40)
    caregiver 1: node 3 s1 at 25 (5 after s0: the least delay)
    D = (5 + 5 + 6 + 10) + (8 + 8) = 42, T = 2 + 1 = 3, Tmax = 2: (42+3+2)/3 = 47/3

Giving node 2 to caregiver 1 instead makes it 6 late (56/3, the routes in
data/mankowska_tiny_routes.csv); every other split travels no less and is later.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from printed import shows
from typer.testing import CliRunner

import rota
from rota.bench import evaluate_mankowska, read_mankowska, read_routes_csv
from rota.benchrun import map_mankowska, routes_of, solve_mankowska
from rota.cli import (
    app,
    commands,  # noqa: F401  (registers the subcommands)
)
from rota.model import Assignment
from rota.solver.data import SCALE

DATA = Path(__file__).parent / "data"
TINY = DATA / "mankowska_tiny.txt"
SHARED = (
    Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "mankowska-hhcrsp"
)


def test_engine_finds_the_tiny_optimum() -> None:
    """With start times in 1-minute steps the engine proves its optimum and the
    benchmark's own evaluator scores the routes, re-timed with the real distances,
    at the worked-out optimum 47/3 with no hard violation. The engine's own figure
    is 44/3: node 1's window [0, 3] cannot be reached before 5, so the mapping
    opens it at 5 and the engine does not see those 2 minutes late (T and Tmax)."""
    run = solve_mankowska(read_mankowska(TINY), time_limit=5, workers=1, step=1)
    assert run.status == "OPTIMAL"
    assert run.score is not None and run.score.hard_violations == []
    assert run.objective == pytest.approx(47 / 3)
    assert run.engine_objective == pytest.approx(44 / 3)
    assert [[(v.node, v.service, v.start) for v in r] for r in run.routes] == [
        [(1, 0, 5.0), (3, 0, 20.0), (2, 1, 41.0)],
        [(3, 1, 25.0)],
    ]


def test_mapping_prices_routes_as_the_benchmark() -> None:
    """rota's own check of the hand-made routes (data/mankowska_tiny_routes.csv)
    breaks no rota rule and prices them as the benchmark does (56/3: D 42, T 8,
    Tmax 6), times 3, less node 1's 2 minutes late, which the mapping's window
    (opened at the earliest arrival) does not see: 42 + 6 + 6 = 54 points, in the
    engine's unit of 1/60 point."""
    instance = read_mankowska(TINY)
    mapping = map_mankowska(instance, step=1)
    day = dt.datetime.combine(mapping.problem.sessions[0].date, dt.time())
    routes = read_routes_csv(DATA / "mankowska_tiny_routes.csv")
    assignments = []
    for caregiver, route in enumerate(routes):
        for visit in route:
            session = f"n{visit.node}-s{visit.service}"
            length = {"n1-s0": 10, "n2-s1": 20}.get(session, 15)
            start = day + dt.timedelta(minutes=visit.start)
            assignments.append(
                Assignment(
                    session_id=session,
                    worker_id=f"c{caregiver}",
                    start=start,
                    end=start + dt.timedelta(minutes=length),
                )
            )
    report = rota.check(mapping.problem, assignments, mapping.policy)
    assert report.ok, report.violations
    assert report.objective_raw == 54 * SCALE
    assert evaluate_mankowska(instance, routes).objective == pytest.approx(56 / 3)


def test_mapping_links_the_double_service_and_rounds_journeys_up() -> None:
    """Node 3's second service is linked to its first with the instance's 5..20
    delay; journeys carry the real distance as miles and its ceiling as minutes;
    caregivers have the skills of the services they are qualified for."""
    instance = read_mankowska(TINY)
    instance = type(instance)(
        **(
            vars(instance)
            | {
                "distance": tuple(
                    tuple(d + 0.25 for d in row) for row in instance.distance
                )
            }
        )
    )
    mapping = map_mankowska(instance)
    second = mapping.problem.session_by_id["n3-s1"]
    assert (second.linked_to, second.min_delay, second.max_delay) == ("n3-s0", 5, 20)
    assert mapping.problem.session_by_id["n3-s0"].linked_to is None
    journey = next(
        t for t in mapping.problem.travel if (t.from_id, t.to_id) == ("n1", "n2")
    )
    assert (journey.minutes, journey.miles) == (6, 5.25)
    assert [w.skills for w in mapping.problem.workers] == [("s0", "s1"), ("s1",)]


def test_routes_of_retimes_with_real_distances() -> None:
    """routes_of orders each caregiver's visits by the rota's start and gives them
    the earliest feasible starts, never later than the rota's."""
    mapping = map_mankowska(read_mankowska(TINY))
    routes = routes_of(
        mapping,
        [("c0", "n3-s0", 30), ("c0", "n1-s0", 5), ("c1", "n3-s1", 40)],
    )
    assert routes[0] == [(1, 0, 5.0), (3, 0, 20.0)]
    assert routes[1] == [(3, 1, 25.0)]


def test_cli_prints_the_json_line_and_writes_routes(tmp_path: Path) -> None:
    """`rota bench mankowska` prints one JSON line with the benchmark's score and
    writes routes that the evaluator scores to the same objective."""
    out = tmp_path / "routes.csv"
    result = CliRunner().invoke(
        app,
        [
            "bench",
            "mankowska",
            str(TINY),
            "--time-limit",
            "5",
            "--workers",
            "1",
            "--step",
            "1",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    line = json.loads(result.output.strip().splitlines()[-1])
    assert {"instance", "objective", "best_bound", "status", "wall_seconds"} <= set(
        line
    )
    assert line["instance"] == "mankowska_tiny"
    assert line["objective"] == pytest.approx(47 / 3, abs=1e-4)
    assert line["feasible"] is True
    instance = read_mankowska(TINY)
    rescored = evaluate_mankowska(instance, read_routes_csv(out))
    assert rescored.feasible
    assert rescored.objective == pytest.approx(line["objective"], abs=1e-4)


def test_cli_names_a_bad_instance_file(tmp_path: Path) -> None:
    """A file that is not an instance exits with 1 and the reader's message,
    which names the file (compared wherever the console broke the path)."""
    bad = tmp_path / "bad.txt"
    bad.write_text("nbNodes\nx\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["bench", "mankowska", str(bad)])
    assert result.exit_code == 1
    assert shows(result.output, f"instance: {bad}: missing block(s):"), result.output


@pytest.mark.skipif(not SHARED.exists(), reason="shared benchmark folder missing")
def test_a1_maps_every_service() -> None:
    """A1 maps to 13 sessions (10 patients, 3 of them double) on 3 workers, with
    one link per double service (solving it is left to benchmarks/mankowska.py)."""
    instance = read_mankowska(SHARED / "InstanzCPLEX_HCSRP_10_1.txt")
    problem = map_mankowska(instance).problem
    assert (len(problem.sessions), len(problem.workers)) == (13, 3)
    assert sum(s.linked_to is not None for s in problem.sessions) == 3
