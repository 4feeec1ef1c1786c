"""solve(): repeatable answers, the published rota as a start, stopping, and the
status and summary it reports."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from helpers import (
    COVER,
    agreement,
    assign,
    covering,
    journey,
    penalty,
    person,
    published,
    rostered,
    session,
    solve,
    week,
    window,
    worker,
)

import rota
from rota.model import Problem
from rota.policy import Limits
from rota.rules import soft_rules
from rota.solver.data import SCALE


def _busy(seed: int, workers: int, sessions: int) -> Problem:
    """A random week: workers and people scattered over a few km, visits of 30 to
    120 minutes between 07:00 and 21:00, some of them flexible."""
    rng = random.Random(seed)

    def spot() -> dict[str, float]:
        return {"lat": 55.8 + rng.random() * 0.1, "lon": -4.3 + rng.random() * 0.1}

    staff = []
    for i in range(workers):
        where = spot()
        staff.append(
            worker(
                f"w{i}",
                contracted_hours=rng.choice([0, 10, 20]),
                home_lat=where["lat"],
                home_lon=where["lon"],
            )
        )
    people = [person(f"u{i}", **spot()) for i in range(6)]
    visits = []
    for i in range(sessions):
        start = rng.randrange(7 * 4, 20 * 4) * 15
        end = start + rng.choice([30, 45, 60, 90, 120])
        visits.append(
            session(
                f"s{i}",
                f"u{rng.randrange(6)}",
                rng.randrange(7),
                f"{start // 60:02d}:{start % 60:02d}",
                f"{end // 60:02d}:{end % 60:02d}",
                flex_minutes=rng.choice([0, 0, 15, 30]),
            )
        )
    return week(staff, people, visits)


def test_same_seed_and_one_worker_give_the_same_rota() -> None:
    """Determinism: the same problem, policy and seed with one search worker give
    identical assignments and objective, solve after solve."""
    problem = _busy(seed=11, workers=3, sessions=9)
    policy = rota.load_policy()
    first = rota.solve(problem, policy, time_limit=20, seed=0, workers=1)
    again = rota.solve(problem, policy, time_limit=20, seed=0, workers=1)
    assert first.status == again.status == "OPTIMAL"
    assert first.assignments == again.assignments
    assert first.objective_raw == again.objective_raw


_RUN = """
import sys
sys.path.insert(0, {tests!r})
import rota
from test_engine import _busy
result = rota.solve(_busy(seed=11, workers=3, sessions=9), time_limit=20, seed=0, workers=1)
print(result.objective_raw, [(a.session_id, a.worker_id, str(a.start)) for a in result.assignments])
"""


def test_same_seed_gives_the_same_rota_in_another_process() -> None:
    """Determinism across runs: two processes with different string hashing (so any
    set or dict order the model depended on would differ) give the same rota."""
    code = _RUN.format(tests=str(Path(__file__).parent))
    outputs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-c", code],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].strip()


# Ann's two visits, published with Dee (s1) and Cal (s2). Wages (1 point a pound)
# make every choice of workers cost something different: Bea £10, Dee £11, Cal £13.
# Published: Dee 60 min + Cal 90 min = £11 + £19.50 = 30.5 points.
WAGES = [
    worker("bea", hourly_rate=10),
    worker("cal", hourly_rate=13),
    worker("dee", hourly_rate=11),
]
TWO_VISITS = [
    session("s1", "ann", 0, "09:00", "10:00"),
    session("s2", "ann", 1, "09:00", "10:30"),
]


# Every worker has said yes to changing both visits at short notice (rule consent),
# so the search may start from any rota and move to any other.
ALL_AGREED = [
    agreement(
        f"ag-{w.worker_id}-{s.session_id}",
        w.worker_id,
        "change",
        session_id=s.session_id,
    )
    for w in WAGES
    for s in TWO_VISITS
]


def _first_objective(problem: Problem, **options: object) -> tuple[float, float]:
    seen: list[float] = []
    result = rota.solve(
        problem,
        covering(wage_cost=1),
        time_limit=5,
        seed=0,
        workers=1,
        on_progress=lambda _elapsed, objective, _bound: seen.append(objective),
        **options,
    )
    assert result.status == "OPTIMAL"
    return seen[0], result.objective or 0.0


def test_the_published_rota_is_the_first_rota_tried() -> None:
    """The published rota is the solver's starting point: its first rota costs what
    the published one costs (30.5 points, a value no other choice of workers has),
    with or without the greedy completion; the search then improves on it (Bea on
    both, 25 points)."""
    problem = week(
        WAGES,
        [person("ann")],
        TWO_VISITS,
        published=published(("s1", "dee"), ("s2", "cal")),
        agreements=ALL_AGREED,
    )
    told = rota.check(
        problem,
        [
            assign("s1", "dee", 0, "09:00", "10:00"),
            assign("s2", "cal", 1, "09:00", "10:30"),
        ],
        covering(wage_cost=1),
    )
    assert told.objective == 30.5
    for greedy in (True, False):
        assert _first_objective(problem, greedy=greedy) == (30.5, 25.0)


def test_an_explicit_hint_replaces_the_published_rota() -> None:
    """hint=: the given pairs are the starting point instead of the published rota
    (Cal on both: 13 + 19.5 = 32.5 points)."""
    problem = week(
        WAGES,
        [person("ann")],
        TWO_VISITS,
        published=published(("s1", "dee"), ("s2", "cal")),
        agreements=ALL_AGREED,
    )
    assert _first_objective(problem, hint=[("s1", "cal"), ("s2", "cal")]) == (
        32.5,
        25.0,
    )


def test_the_published_rota_is_hinted_at_the_requested_time() -> None:
    """A published flexible session is hinted at the time staff were told, not at
    its earliest allowed move: 07:00 (no unsocial minutes) rather than 06:30 (30
    unsocial minutes before 07:00, priced by unsocial_fairness at 60 an hour)."""
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann", preferred_workers=("bea",))],
        [session("s1", "ann", 0, "07:00", "08:00", flex_minutes=30)],
        published=published(("s1", "cal")),
    )
    seen: list[float] = []
    rota.solve(
        problem,
        covering(unsocial_fairness=60, non_preferred_worker=2),
        time_limit=5,
        seed=0,
        workers=1,
        on_progress=lambda _e, objective, _b: seen.append(objective),
    )
    assert seen[0] == 2.0  # Cal at 07:00: only the non-preferred hour


def test_changes_to_the_published_rota_are_priced() -> None:
    """Changes against the published rota are in the objective and the breakdown:
    Bea, published on both sessions, is now on leave on Tuesday, so Cal, who said
    yes to taking s2 at short notice, takes it (Bea off, Cal on: 2 late changes x 50
    points); Bea keeps s1 (no change)."""
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann")],
        TWO_VISITS,
        published=published(("s1", "bea"), ("s2", "bea")),
        availability=[window("bea", 1, "00:00", "00:00", "unavailable")],
        agreements=[agreement("ag1", "cal", "change", session_id="s2")],
    )
    result = solve(problem, covering(change=5, late_change=50))
    assert rostered(result) == {("s1", "bea"), ("s2", "cal")}
    assert penalty(result, "late_change") == 2 * 50 * SCALE
    assert result.summary().breakdown["late_change"] == 100
    assert result.objective_raw == 2 * 50 * SCALE


def test_a_stop_set_before_the_search_ends_it_at_once() -> None:
    """stop: an event already set when solve() starts (say, a Stop pressed while the
    model was being built) ends the search at once instead of running the whole
    time limit."""
    stop = threading.Event()
    stop.set()
    began = time.perf_counter()
    result = rota.solve(
        _busy(seed=3, workers=4, sessions=20),
        time_limit=60,
        seed=0,
        workers=1,
        stop=stop,
    )
    assert time.perf_counter() - began < 10
    assert result.status in ("FEASIBLE", "UNKNOWN")


def test_a_stop_during_the_search_keeps_the_best_rota() -> None:
    """stop: setting the event during the search stops it well before the time
    limit; the best rota so far is kept and breaks no hard rule. (The week is one
    the solver cannot prove optimal within a second.)"""
    problem = _busy(seed=3, workers=4, sessions=20)
    stop = threading.Event()
    timer = threading.Timer(2.0, stop.set)
    began = time.perf_counter()
    timer.start()
    result = rota.solve(problem, time_limit=60, seed=0, workers=1, stop=stop)
    timer.cancel()
    assert time.perf_counter() - began < 20
    assert result.status == "FEASIBLE"
    assert result.assignments
    assert rota.check(problem, result.assignments).ok


def test_status_and_summary_fields() -> None:
    """The result and summary.json carry status, objective and bound in points, the
    breakdown by soft rule adding up to the objective, coverage, timings, policy,
    seed and workers; progress is reported with falling objectives."""
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann"), person("bob")],
        [
            session("s1", "ann", 0, "09:00", "10:00"),
            session("s2", "bob", 0, "09:00", "10:30", staff_required=2),
            session("s3", "bob", 0, "09:00", "09:30", priority="flexible"),
        ],
        travel=journey("cal", "bob", 5),
    )
    policy = covering(travel_minutes=1, distinct_workers=1)
    progress: list[tuple[float, float, float]] = []
    result = solve(problem, policy, on_progress=lambda *p: progress.append(p))
    summary = result.summary()
    # s2 (double-up, 90 min) takes both workers; s1 and s3 are left:
    # 300 x 60 + 100 x 30 = 21000; Cal's 10 travel minutes; Bob sees two faces (120).
    assert summary.status == "OPTIMAL"
    assert result.objective_raw == 21000 + 10 + 120
    assert summary.objective == result.objective_raw / SCALE
    assert summary.best_bound == summary.objective
    assert summary.objective_raw == result.objective_raw
    assert summary.breakdown_raw == {
        "uncovered_essential": 0,
        "uncovered_standard": 300 * 60,
        "uncovered_flexible": 100 * 30,
        "travel_minutes": 10,
        "distinct_workers": 120,
    }
    assert abs(sum(summary.breakdown.values()) - summary.objective) < 1e-9
    assert (summary.sessions, summary.covered, summary.coverage) == (3, 1, 0.3333)
    assert summary.policy == "test"
    assert (summary.seed, summary.workers) == (0, 1)
    assert summary.wall_seconds >= 0
    assert result.first_solution_seconds is not None
    assert [u.session_id for u in result.unmet()] == ["s1", "s3"]
    assert progress and progress[-1][1] == summary.objective
    objectives = [p[1] for p in progress]
    assert objectives == sorted(objectives, reverse=True)
    assert set(result.model_stats) >= {"pairs", "routes", "arcs", "slots"}


@pytest.mark.parametrize("path", ["full", "large"])
def test_coverage_is_reported_with_each_rota(path: str, monkeypatch) -> None:
    """on_coverage(elapsed, sessions covered) comes with every on_progress call, at
    the same moment, on the full model and on the large weeks' path alike; the
    last count is the result's. Three sessions, two workers: the double-up s2
    takes both, so the optimum covers one session (the test above)."""
    if path == "large":
        monkeypatch.setattr(rota.engine, "LNS_MIN_ARCS", -1)  # force the large path
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann"), person("bob")],
        [
            session("s1", "ann", 0, "09:00", "10:00"),
            session("s2", "bob", 0, "09:00", "10:30", staff_required=2),
            session("s3", "bob", 0, "09:00", "09:30", priority="flexible"),
        ],
    )
    progress: list[float] = []
    coverage: list[tuple[float, int]] = []
    result = rota.solve(
        problem,
        covering(),
        time_limit=2,
        seed=0,
        workers=1,
        on_progress=lambda elapsed, _o, _b: progress.append(elapsed),
        on_coverage=lambda elapsed, covered: coverage.append((elapsed, covered)),
    )
    assert coverage and [t for t, _ in coverage] == progress
    assert progress == sorted(progress)  # each at the moment its rota was found
    assert coverage[-1][1] == result.summary().covered == 1


def test_a_week_without_sessions_solves_to_an_empty_rota() -> None:
    """An empty week is solved (not an error): no assignments, and only the
    contracted hours not offered are priced (Bea's 2 h x 10 = 1200)."""
    problem = week([worker("bea", contracted_hours=2)], [person("ann")], [])
    result = solve(problem, covering(contract_shortfall=10))
    assert result.assignments == []
    assert result.objective_raw == 1200
    assert result.summary().coverage == 1.0


def test_every_soft_rule_switched_off_prices_nothing() -> None:
    """With every weight 0 no soft rule is active, and the objective is 0 whatever
    is left uncovered."""
    problem = week(
        [worker("bea", max_hours=1)],
        [person("ann")],
        [session("s1", "ann", 0, "09:00", "11:00")],
    )
    result = solve(problem, covering(**{k: 0 for k in COVER}, uncovered_flexible=0))
    assert result.objective_raw == 0
    assert result.evaluations
    assert not {e.rule for e in result.evaluations} & {r.id for r in soft_rules()}


def test_an_optimal_rota_is_no_dearer_than_a_valid_one_on_a_busy_day() -> None:
    """OPTIMAL means no valid rota is cheaper, even past the successor limit: small
    weeks link every visit to every later one, and a truncated model never says
    OPTIMAL. Bea alone has the hoist skill Ann's
    07:00 and 17:30 visits need; between them Bob has more half-hour visits than
    the model's successor limit, and prefers Cal (20 points an hour otherwise).

    Valid and free: Bea on Ann's two visits, Cal on all of Bob's (objective 0).
    """
    mids = Limits().model_dump().get("max_successors", 8) + 1
    visits = [
        session(f"m{i}", "bob", 0, f"{8 + i}:00", f"{8 + i}:30") for i in range(mids)
    ]
    problem = week(
        [worker("bea", skills=("hoist",)), worker("cal")],
        [person("ann"), person("bob", preferred_workers=("cal",))],
        [
            session("first", "ann", 0, "07:00", "07:30", skills_required=("hoist",)),
            *visits,
            session("last", "ann", 0, "17:30", "18:00", skills_required=("hoist",)),
        ],
    )
    policy = covering(non_preferred_worker=20)
    valid = rota.check(
        problem,
        [
            assign("first", "bea", 0, "07:00", "07:30"),
            assign("last", "bea", 0, "17:30", "18:00"),
        ]
        + [
            assign(f"m{i}", "cal", 0, f"{8 + i}:00", f"{8 + i}:30") for i in range(mids)
        ],
        policy,
    )
    assert valid.ok
    result = solve(problem, policy)
    assert result.objective_raw <= valid.objective_raw


def test_solve_command_says_plainly_when_no_rota_keeps_every_rule(
    tmp_path: Path,
) -> None:
    """A week no rota can keep (Amy's minimum of 3 hours, one 2-hour session):
    `rota solve` exits 1, says why, writes no rota, and NO-ROTA.txt gives that
    reason for the session rather than blaming the search."""
    from typer.testing import CliRunner

    from rota.cli import (
        app,
        commands,  # noqa: F401  (registers the subcommands)
    )
    from rota.io import write_folder

    problem = week(
        [worker("amy", min_total_hours=3), worker("bea")],
        [person("ann")],
        [session("s1", "ann", 0, "09:00", "11:00")],
    )
    folder = write_folder(problem, tmp_path / "week")
    out = tmp_path / "out"
    args = ["solve", str(folder), "--out", str(out), "--time-limit", "5"]
    result = CliRunner().invoke(app, [*args, "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert "no rota keeps every hard rule" in " ".join(result.output.split())
    assert not (out / "rota.csv").exists()
    why = (out / "NO-ROTA.txt").read_text()
    assert "no rota keeps every hard rule" in why
    assert "(1): s1" in why
