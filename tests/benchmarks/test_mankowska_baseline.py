"""benchmarks/mankowska_baseline.py: the plain CP-SAT model of a Mankowska instance,
and the ``--baseline`` columns of benchmarks/mankowska.py.

The plain model's routes must do every visit with no hard violation by the
benchmark's own evaluator, its objective must be that evaluator's on the routes it
returns, and its bound must never exceed it. The tiny instance
(tests/bench/data/mankowska_tiny.txt) has the optimum 47/3, worked out by hand in
tests/bench/test_mankowska_engine.py.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from bench_scripts import load_script

from rota.bench import (
    MankowskaInstance,
    evaluate_mankowska,
    read_mankowska,
    read_routes_csv,
)

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "bench" / "data" / "mankowska_tiny.txt"
TINY_ROUTES = ROOT / "tests" / "bench" / "data" / "mankowska_tiny_routes.csv"
SHARED = ROOT.parent / "shared" / "benchmarks" / "mankowska-hhcrsp"
OPTIMUM = 47 / 3


@pytest.fixture(scope="module")
def plain() -> ModuleType:
    return load_script("mankowska_baseline")


@pytest.fixture(scope="module")
def table() -> ModuleType:
    return load_script("mankowska")


@pytest.fixture(scope="module")
def tiny() -> MankowskaInstance:
    return read_mankowska(TINY)


def _check(instance: MankowskaInstance, row: dict) -> None:
    """Every visit done, no hard violation, the objective the evaluator's, the
    bound no higher."""
    score = evaluate_mankowska(instance, row["routes"])
    assert score.hard_violations == []
    assert row["feasible"] is True and row["hard_violations"] == 0
    assert row["objective"] == pytest.approx(score.objective, abs=1e-9)
    assert row["best_bound"] is not None
    assert row["best_bound"] <= row["objective"]
    assert row["wall_seconds"] >= 0


def test_tiny_reaches_the_optimum_and_proves_it(plain, tiny) -> None:
    """One worker, seed 0: OPTIMAL at 47/3, the routes of the hand computation, and
    a bound equal to the optimum but for its rounding down (the distances are
    whole, so the rounded model is exact here)."""
    row = plain.solve_plain(tiny, time_limit=5, workers=1, seed=0)
    _check(tiny, row)
    assert row["status"] == "OPTIMAL"
    assert row["objective"] == pytest.approx(OPTIMUM)
    assert OPTIMUM - 1e-4 <= row["best_bound"] <= OPTIMUM
    assert [[(v.node, v.service, v.start) for v in r] for r in row["routes"]] == [
        [(1, 0, 5.0), (3, 0, 20.0), (2, 1, 41.0)],
        [(3, 1, 25.0)],
    ]
    assert row["first_solution_seconds"] is not None
    assert row["wall_seconds"] <= 5


def test_fractional_distances_keep_the_routes_valid_and_the_bound_below(
    plain, tiny
) -> None:
    """With every distance 0.337 longer (fractional, as in the published files) the
    model rounds journeys down, so its starts would be early by up to 0.01: the
    routes are re-timed with the real distances, and the evaluator finds them
    valid, at or above the model's bound. The tiny instance's best routes then
    cost 47/3 plus the extra distance of its 6 journeys, and start their visits
    no earlier, so the optimum is at least that."""
    n = tiny.n_nodes
    longer = tuple(
        tuple(0.0 if i == j else tiny.distance[i][j] + 0.337 for j in range(n))
        for i in range(n)
    )
    instance = dataclasses.replace(tiny, distance=longer)
    row = plain.solve_plain(instance, time_limit=5, workers=1, seed=0)
    _check(instance, row)
    assert row["objective"] >= OPTIMUM + 6 * 0.337 / 3 - 1e-9
    assert row["best_bound"] >= OPTIMUM


def test_the_bound_is_below_known_routes(plain, tiny) -> None:
    """The hand-made routes of data/mankowska_tiny_routes.csv (56/3) are a solution
    too: the bound never passes them, nor does the greedy start's objective pass
    below the optimum."""
    known = evaluate_mankowska(tiny, read_routes_csv(TINY_ROUTES))
    row = plain.solve_plain(tiny, time_limit=5, workers=1, seed=0)
    assert row["best_bound"] <= known.objective
    assert row["greedy_objective"] >= OPTIMUM - 1e-9


def test_greedy_routes_are_valid(plain, tiny) -> None:
    """The greedy start alone, timed by the evaluator's earliest schedule, does
    every visit, the double service by two caregivers within its delay."""
    found = plain.routes_of(tiny, plain.greedy(tiny))
    assert found is not None
    routes, score = found
    assert score.hard_violations == []
    assert sum(len(r) for r in routes) == 4


def test_cli_prints_the_rota_bench_fields(plain, capsys, tmp_path) -> None:
    """The JSON line has the fields `rota bench mankowska` prints, and --out writes
    routes that score the printed objective."""
    out = tmp_path / "routes.csv"
    options = ["--time-limit", "5", "--workers", "1", "--seed", "0"]
    plain.main([str(TINY), *options, "--out", str(out)])
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    fields = {"instance", "status", "objective", "best_bound", "wall_seconds"}
    assert fields | {"feasible", "hard_violations"} <= set(line)
    assert line["instance"] == "mankowska_tiny"
    assert line["objective"] == pytest.approx(OPTIMUM, abs=1e-4)
    assert line["feasible"] is True
    rescored = evaluate_mankowska(read_mankowska(TINY), read_routes_csv(out))
    assert rescored.objective == pytest.approx(line["objective"], abs=1e-4)


def test_ratio_needs_both_complete(table) -> None:
    """rota / plain to 2 decimals; "-" when either has no objective or leaves
    visits undone."""
    done = {"objective": 20.0, "feasible": True}
    assert table.ratio({"objective": 30.0, "feasible": True}, done) == "1.50"
    assert table.ratio({"objective": 30.0, "feasible": False}, done) == "-"
    assert table.ratio({"objective": None}, done) == "-"
    assert table.ratio(done, {"status": "failed: boom"}) == "-"
    assert table.ratio(done, {"objective": 20.0, "feasible": False}) == "-"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "mankowska"
    folder.mkdir()
    (folder / "mankowska_tiny.txt").write_bytes(TINY.read_bytes())
    (folder / "best_known.csv").write_text(
        "instance,file,best_known_upper_bound\nA1,mankowska_tiny.txt,15.67\n",
        encoding="utf-8",
    )
    return folder


def _table(table, capsys, monkeypatch, options: list[str]) -> list[str]:
    monkeypatch.setattr(sys, "argv", ["mankowska.py", *options])
    table.main()
    return capsys.readouterr().out.strip().splitlines()


def test_baseline_adds_the_plain_columns(table, tmp_path, capsys, monkeypatch):
    """--baseline on a folder with the tiny instance: rota and the plain model each
    run in their own process (3 s, one worker) and both reach 47/3, so the row
    has the plain objective, its time and the ratio 1.00."""
    folder = _folder(tmp_path)
    options = ["--instances", "A1", "--folder", str(folder), "--time-limit", "3"]
    options += ["--workers", "1", "--step", "1", "--baseline"]
    head, rule, row = _table(table, capsys, monkeypatch, options)
    assert head.endswith("| plain objective | plain time (s) | rota / plain |")
    assert rule.endswith("| ---: | ---: | ---: |")
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert len(cells) == 11
    assert cells[0] == "A1" and cells[2] == "15.67" and cells[7] == "yes"
    assert cells[8] == "15.67"
    assert 0 <= float(cells[9]) <= 3.5
    assert cells[10] == "1.00"


def test_without_baseline_the_table_is_unchanged(
    table, tmp_path, capsys, monkeypatch
) -> None:
    """No --baseline: the eight columns as before, and the plain model never runs
    (rota's run is stubbed here)."""
    line = {"status": "OPTIMAL", "objective": 15.6667, "wall_seconds": 1.0}
    monkeypatch.setattr(table, "run", lambda path, args: line | {"feasible": True})

    def refuse(path, args):
        raise AssertionError("the plain model ran without --baseline")

    monkeypatch.setattr(table, "run_plain", refuse)
    options = ["--instances", "A1", "--folder", str(_folder(tmp_path))]
    head, rule, row = _table(table, capsys, monkeypatch, options)
    assert head == (
        "| instance | status | objective | best bound | best known | gap to best "
        "known | time (s) | all visits done |"
    )
    assert rule == "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"
    assert row == "| A1 | OPTIMAL | 15.67 | - | 15.67 | 0.0% | 1.0 | yes |"


def test_a1_reaches_its_proven_optimum(plain) -> None:
    """Shared instance A1 (10 patients, 3 caregivers, proven optimum 218.20): the
    plain model proves it within seconds on one worker."""
    if not SHARED.is_dir():
        pytest.skip("the shared benchmark folder is not present")
    instance = read_mankowska(SHARED / "InstanzCPLEX_HCSRP_10_1.txt")
    row = plain.solve_plain(instance, time_limit=10, workers=1, seed=0)
    _check(instance, row)
    assert row["status"] == "OPTIMAL"
    assert row["objective"] == pytest.approx(218.20, abs=0.05)
