"""benchmarks/curtois_baseline.py: the plain CP-SAT model of a Curtois & Qu instance,
and the ``--baseline`` columns of benchmarks/curtois.py.

The model must be the benchmark's own definition: its rosters break no hard rule by
``evaluate_curtois``, its optimum is the evaluator's (checked against exhaustive
enumeration on random small instances and on hand-built ones whose optimum is
worked out below, the horizon's edges included) and its bound is a lower bound.
Every solve uses one CP-SAT worker and seed 0.
"""

from __future__ import annotations

import itertools
import json
import math
import time
from pathlib import Path
from types import ModuleType

import pytest
from bench_scripts import load_script
from hypothesis import given, settings
from hypothesis import strategies as st

from rota.bench import (
    CoverRequirement,
    CurtoisInstance,
    CurtoisShift,
    CurtoisStaff,
    ShiftRequest,
    evaluate_curtois,
    read_curtois,
    read_roster_csv,
)

DATA = Path(__file__).resolve().parents[1] / "bench" / "data"
TINY = DATA / "curtois_tiny.txt"
TINY_ROSTER_SCORE = 263
"""curtois_tiny_roster.csv's score, worked out in tests/bench/test_curtois.py."""
TINY_OPTIMUM = 5
"""The tiny instance's optimum, by enumeration (tests/bench/test_curtois_engine.py)."""
PRINTED = {"instance", "objective", "best_bound", "status", "wall_seconds"}
PRINTED |= {"hard_violations"}


@pytest.fixture(scope="module")
def plain() -> ModuleType:
    return load_script("curtois_baseline")


@pytest.fixture(scope="module")
def table() -> ModuleType:
    return load_script("curtois")


def _solve(plain: ModuleType, instance: CurtoisInstance) -> dict:
    return plain.solve_plain(instance, time_limit=5.0, workers=1, seed=0)


def test_tiny_instance_reaches_its_optimum(plain: ModuleType) -> None:
    """On the tiny instance the roster breaks no hard rule, the reported objective
    is the evaluator's score of the roster returned (and CP-SAT's own value), it
    is no worse than the hand-made roster's 263 (it is the optimum, 5) and the
    bound is at most the objective (here equal: OPTIMAL)."""
    instance = read_curtois(TINY)
    hand_made = evaluate_curtois(
        instance, read_roster_csv(DATA / "curtois_tiny_roster.csv")
    )
    assert hand_made.objective == TINY_ROSTER_SCORE
    row = _solve(plain, instance)
    score = evaluate_curtois(instance, row["roster"])
    assert score.hard_violations == [] and row["hard_violations"] == 0
    assert row["objective"] == score.objective == row["solver_objective"]
    assert row["objective"] <= hand_made.objective
    assert row["best_bound"] <= row["objective"]
    assert row["status"] == "OPTIMAL"
    assert row["objective"] == row["best_bound"] == TINY_OPTIMUM


def test_a_model_searched_without_presolve_still_reaches_the_optimum(
    plain: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above PRESOLVE_MAX_SHIFTS shift booleans CP-SAT runs without presolve (it
    overran its limit on Instance24); the tiny instance, pushed over it, still
    reaches its optimum, proved."""
    monkeypatch.setattr(plain, "PRESOLVE_MAX_SHIFTS", 0)
    row = _solve(plain, read_curtois(TINY))
    assert row["status"] == "OPTIMAL" and row["hard_violations"] == 0
    assert row["objective"] == row["best_bound"] == TINY_OPTIMUM


def test_the_time_limit_covers_the_whole_call(plain: ModuleType) -> None:
    """No time at all: the model is not finished, CP-SAT never starts, and the
    row says no roster was found (objective and violations null)."""
    began = time.perf_counter()
    row = plain.solve_plain(read_curtois(TINY), time_limit=0.0, workers=1)
    assert time.perf_counter() - began < 0.5
    assert row["status"] == "UNKNOWN"
    assert row["objective"] is None and row["hard_violations"] is None
    assert row["roster"] == []


def test_cli_prints_rota_bench_fields(
    plain: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI prints one JSON line with exactly `rota bench curtois`'s fields and
    writes the roster it scored; a malformed file exits 1 with the reader's line."""
    out = tmp_path / "roster.csv"
    plain.main([str(TINY), "--time-limit", "5", "--workers", "1", "--out", str(out)])
    line = json.loads(capsys.readouterr().out.strip())
    assert set(line) == PRINTED
    assert line["instance"] == "curtois_tiny" and line["hard_violations"] == 0
    instance = read_curtois(TINY)
    assert (
        evaluate_curtois(instance, read_roster_csv(out)).objective == line["objective"]
    )
    bad = tmp_path / "bad.txt"
    bad.write_text(TINY.read_text().replace("E,480,", "E,eight hours,"))
    with pytest.raises(SystemExit) as stopped:
        plain.main([str(bad), "--time-limit", "1"])
    assert stopped.value.code == 1
    assert "line 9" in capsys.readouterr().err


# Hand-built instances: one nurse, one 480-minute shift D unless said otherwise.


def _instance(
    horizon: int,
    cover: dict[tuple[int, str], int],
    *,
    shifts: tuple[CurtoisShift, ...] = (CurtoisShift("D", 480, frozenset()),),
    max_run: int | None = None,
    min_run: int = 1,
    min_off: int = 1,
    max_weekends: int | None = None,
    on: tuple[tuple[int, str, int], ...] = (),
) -> CurtoisInstance:
    """Cover rows for every (day, shift): the requirement given (default 0) with
    WeightUnder 100 and WeightOver 1; the nurse's limits otherwise loose."""
    nurse = CurtoisStaff(
        "A",
        {s.id: horizon for s in shifts},
        max_total_minutes=10**6,
        min_total_minutes=0,
        max_consecutive_shifts=horizon if max_run is None else max_run,
        min_consecutive_shifts=min_run,
        min_consecutive_days_off=min_off,
        max_weekends=horizon if max_weekends is None else max_weekends,
    )
    rows = tuple(
        CoverRequirement(d, s.id, cover.get((d, s.id), 0), 100, 1)
        for d in range(horizon)
        for s in shifts
    )
    requests = tuple(ShiftRequest("A", d, s, w) for d, s, w in on)
    return CurtoisInstance("hand", horizon, shifts, (nurse,), {}, requests, (), rows)


@pytest.mark.parametrize(
    ("day", "optimum"),
    [
        # Day 0 or 6 alone: a block touching an end is exempt from the minimum.
        (0, 0),
        (6, 0),
        # Day 1: the block 0-1 touches the start (1 over); 1-3 is inside (2 over).
        (1, 1),
        # Day 3: a block of 3 inside (2 over) beats 0-3 (3 over) and no one (100).
        (3, 2),
    ],
)
def test_min_consecutive_shifts_exempts_the_horizon_ends(
    plain: ModuleType, day: int, optimum: int
) -> None:
    """7 days, min 3 consecutive shifts, one nurse wanted on one day only."""
    row = _solve(plain, _instance(7, {(day, "D"): 1}, min_run=3))
    assert (row["status"], row["objective"], row["hard_violations"]) == (
        "OPTIMAL",
        optimum,
        0,
    )


@pytest.mark.parametrize(("min_off", "optimum"), [(1, 100), (2, 200), (3, 300)])
def test_min_consecutive_days_off_inside_the_horizon(
    plain: ModuleType, min_off: int, optimum: int
) -> None:
    """7 days all wanting one nurse, at most 3 in a row (the days around the
    horizon count as off): min 1 day off works 0-2, 4-6 (one day short); min 2
    works 0-2, 5-6; min 3 works at most 4 days (0-2 and 6: the block of day 6
    touches the end, the days off 3-5 are 3)."""
    cover = {(d, "D"): 1 for d in range(7)}
    row = _solve(plain, _instance(7, cover, max_run=3, min_off=min_off))
    assert (row["status"], row["objective"]) == ("OPTIMAL", optimum)


@pytest.mark.parametrize(
    ("horizon", "max_weekends", "optimum"),
    [
        # Weekends are days 5-6 and day 12 (the 2nd weekend's Saturday only).
        (13, 1, 100),
        (13, 2, 0),
        # 6 days: one weekend, day 5 alone.
        (6, 0, 100),
    ],
)
def test_weekends_are_counted_as_the_evaluator_counts_them(
    plain: ModuleType, horizon: int, max_weekends: int, optimum: int
) -> None:
    """A nurse is wanted on day 5 and on the last day (12, or 5 itself)."""
    cover = {(5, "D"): 1, (horizon - 1, "D"): 1}
    row = _solve(plain, _instance(horizon, cover, max_weekends=max_weekends))
    assert (row["status"], row["objective"]) == ("OPTIMAL", optimum)


def test_forbidden_succession_and_requests(plain: ModuleType) -> None:
    """N may not be followed by D: N on day 0 and D on day 1 are both wanted, so
    one stays uncovered (100), and the nurse's on-request for D on day 1 (weight
    7) decides which: D on day 1, N on day 0 short."""
    shifts = (
        CurtoisShift("D", 480, frozenset()),
        CurtoisShift("N", 600, frozenset({"D"})),
    )
    cover = {(0, "N"): 1, (1, "D"): 1}
    instance = _instance(2, cover, shifts=shifts, on=((1, "D", 7),))
    row = _solve(plain, instance)
    assert (row["status"], row["objective"]) == ("OPTIMAL", 100)
    assert [tuple(r) for r in row["roster"]] == [("A", 1, "D")]


# Random small instances against exhaustive enumeration by the evaluator.


@st.composite
def small_instances(draw: st.DrawFn) -> CurtoisInstance:
    """1-2 nurses, 1-2 shift types and a horizon small enough that every roster
    can be scored (at most 3**7 of them); every rule drawn at random."""
    count = draw(st.integers(1, 2))
    ids = ["D", "N"][:count]
    shifts = tuple(
        CurtoisShift(
            sid,
            draw(st.sampled_from([240, 480, 600])),
            frozenset(draw(st.sets(st.sampled_from(ids)))),
        )
        for sid in ids
    )
    nurses = draw(st.integers(1, 2))
    longest = int(math.log(3**7) / math.log(count + 1)) // nurses
    horizon = draw(st.integers(1, min(longest, 9)))
    days = st.integers(0, horizon - 1)
    staff = []
    for n in range(nurses):
        least = draw(st.integers(0, 240 * horizon))
        staff.append(
            CurtoisStaff(
                f"S{n}",
                {sid: draw(st.integers(0, horizon)) for sid in ids},
                max_total_minutes=least + draw(st.integers(0, 3000)),
                min_total_minutes=least,
                max_consecutive_shifts=draw(st.integers(1, horizon)),
                min_consecutive_shifts=draw(st.integers(1, 4)),
                min_consecutive_days_off=draw(st.integers(1, 4)),
                max_weekends=draw(st.integers(0, 2)),
            )
        )
    people = [p.id for p in staff]
    days_off = {p: frozenset(draw(st.sets(days, max_size=2))) for p in people}
    request = st.builds(
        ShiftRequest,
        st.sampled_from(people),
        days,
        st.sampled_from(ids),
        st.integers(1, 5),
    )
    cover = tuple(
        CoverRequirement(
            d, sid, *draw(st.tuples(*[st.integers(0, k) for k in (2, 9, 3)]))
        )
        for d in range(horizon)
        for sid in ids
        if draw(st.booleans())
    )
    return CurtoisInstance(
        "random",
        horizon,
        shifts,
        tuple(staff),
        days_off,
        tuple(draw(st.lists(request, max_size=4))),
        tuple(draw(st.lists(request, max_size=4))),
        cover,
    )


def _enumerated_optimum(instance: CurtoisInstance) -> int | None:
    """The best score over every roster breaking no hard rule (None: none does)."""
    slots = [(p.id, d) for p in instance.staff for d in range(instance.horizon)]
    choices = [None, *(s.id for s in instance.shifts)]
    best = None
    for picked in itertools.product(choices, repeat=len(slots)):
        roster = {slot: s for slot, s in zip(slots, picked, strict=True) if s}
        score = evaluate_curtois(instance, roster)
        if score.feasible and (best is None or score.objective < best):
            best = score.objective
    return best


@settings(max_examples=60, deadline=None)
@given(small_instances())
def test_optimum_equals_exhaustive_enumeration(
    plain: ModuleType, instance: CurtoisInstance
) -> None:
    """CP-SAT proves optimal exactly the evaluator's best score over all rosters,
    with a bound equal to it, or proves infeasible exactly when no roster keeps
    every hard rule."""
    best = _enumerated_optimum(instance)
    row = _solve(plain, instance)
    if best is None:
        assert row["status"] == "INFEASIBLE" and row["objective"] is None
        return
    assert row["status"] == "OPTIMAL"
    assert row["objective"] == best == row["solver_objective"] == row["best_bound"]
    assert row["hard_violations"] == 0


# The --baseline columns of benchmarks/curtois.py.

OLD_HEADER = (
    "| instance | status | objective | best bound | best known | gap to best known "
    "| time (s) | hard violations |"
)


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "Instance1.txt").write_text(TINY.read_text())
    (tmp_path / "best_known.csv").write_text(
        f"instance,best_known_ub\nInstance1,{TINY_OPTIMUM}\n"
    )
    return tmp_path


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def test_table_without_baseline_is_unchanged(
    table: ModuleType,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Without --baseline the table has its eight columns and the plain model is
    never run (rota's run is stubbed here: no solver involved)."""
    line = {"instance": "Instance1", "status": "OPTIMAL", "objective": 5}
    line |= {"best_bound": None, "wall_seconds": 1.0, "hard_violations": 0}
    monkeypatch.setattr(table, "run", lambda path, args: line)
    monkeypatch.setattr(table, "run_plain", lambda path, args: pytest.fail("ran"))
    table.main(["--instances", "1", "--folder", str(_folder(tmp_path))])
    header, rule, row = capsys.readouterr().out.splitlines()
    assert header == OLD_HEADER
    assert len(_cells(rule)) == 8
    assert _cells(row) == ["Instance1", "OPTIMAL", "5", "-", "5", "0.0%", "1.0", "0"]


def test_ratio_cell(table: ModuleType) -> None:
    """2 decimals; "-" when either side has no valid roster (or only plain is 0)."""
    assert table.ratio(1448, 1143) == "1.27"
    assert table.ratio(None, 5) == table.ratio(5, None) == table.ratio(3, 0) == "-"
    assert table.ratio(0, 0) == "1.00"
    assert table.valid({"objective": 9, "hard_violations": 1}) is None


def test_table_with_baseline_shows_both_and_the_ratio(
    table: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--baseline runs rota and the plain model (each in its own process, 3 s, one
    worker) on the tiny instance and adds the plain objective, its time and the
    ratio of the two objectives."""
    folder = _folder(tmp_path)
    options = ["--instances", "1", "--time-limit", "3", "--workers", "1"]
    table.main([*options, "--folder", str(folder), "--baseline"])
    header, rule, row = capsys.readouterr().out.splitlines()
    assert header == OLD_HEADER + " plain objective | plain time (s) | rota / plain |"
    assert len(_cells(rule)) == 11
    cells = _cells(row)
    assert len(cells) == 11
    rota_objective, violations = cells[2], cells[7]
    plain_objective, plain_time, ratio = cells[8:]
    assert plain_objective == str(TINY_OPTIMUM)
    assert 0 <= float(plain_time) <= 3
    assert violations == "0", row
    assert ratio == f"{int(rota_objective) / TINY_OPTIMUM:.2f}"
