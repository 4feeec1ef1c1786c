"""benchmarks/baseline.py: the plain CP-SAT model rota is measured against.

Its answers must keep the few rules it knows (candidates, no overlap, time to
travel between consecutive visits, weekly hours, at most the staff a session
needs) and never cover less than the greedy rota it starts from.
"""

from __future__ import annotations

from collections import defaultdict
from types import ModuleType

import pytest
from bench_scripts import load_script

import rota
from rota.generate import generate_week
from rota.model import Assignment, Problem
from rota.model.time import span
from rota.policy import Limits
from rota.rules import all_rules
from rota.solver.data import travel_matrix


@pytest.fixture(scope="module")
def baseline() -> ModuleType:
    return load_script("baseline")


def test_overlap_cliques_are_the_maximal_ones(baseline: ModuleType) -> None:
    """A [0,10) B [5,15) C [10,20) D [12,14) E [30,40): A and B overlap on 5-10;
    B, C and D on 12-14 (A ends as C starts, so A and C do not overlap); E
    overlaps nothing. So the maximal cliques are {A, B} and {B, C, D}."""
    spans = [(0, 10, 0), (5, 15, 1), (10, 20, 2), (12, 14, 3), (30, 40, 4)]
    assert baseline.overlap_cliques(spans) == [[0, 1], [1, 2, 3]]


def _assignments(problem: Problem, pairs: list[list[str]]) -> list[Assignment]:
    out = []
    for session_id, worker_id in pairs:
        s = problem.session_by_id[session_id]
        begin, end = span(s.date, s.start, s.end)
        out.append(
            Assignment(session_id=session_id, worker_id=worker_id, start=begin, end=end)
        )
    return out


def _breaches(problem: Problem, pairs: list[list[str]]) -> list[str]:
    """What the baseline promises, checked from the week itself: at most the staff
    needed, no overlap, time to travel between consecutive visits, weekly hours."""
    travel = travel_matrix(problem, Limits())
    found = []
    staffed: dict[str, int] = defaultdict(int)
    visits: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for session_id, worker_id in pairs:
        s = problem.session_by_id[session_id]
        staffed[session_id] += 1
        begin, end = problem.period.interval(s.date, s.start, s.end)
        visits[worker_id].append((begin, end, problem.place_of(s)))
    for session_id, n in staffed.items():
        if n > problem.session_by_id[session_id].staff_required:
            found.append(f"{session_id}: {n} workers")
    for worker_id, mine in visits.items():
        worker = problem.worker_by_id[worker_id]
        mine.sort()
        for (_, end, here), (begin, _, there) in zip(mine, mine[1:], strict=False):
            journey = travel.journey(here, there, worker.transport).minutes
            if begin < end + journey:
                found.append(f"{worker_id}: {end} then {begin} ({journey} min away)")
        minutes = sum(end - begin for begin, end, _ in mine)
        if minutes > round(worker.max_hours * 60):
            found.append(f"{worker_id}: {minutes} minutes")
    return found


@pytest.mark.parametrize(
    "week",
    [
        pytest.param(lambda: generate_week(6, seed=3), id="ordinary"),
        pytest.param(
            lambda: generate_week(6, seed=3, feasible=True, tight=True), id="tight"
        ),
    ],
)
def test_the_answer_keeps_what_the_model_knows(baseline: ModuleType, week) -> None:
    """On a tiny week (one CP-SAT worker, 2 s): every pair is a candidate (rota's
    own checker finds no availability, skills, exclusion or gender breach), no
    worker is on overlapping visits or on consecutive visits too close to travel
    between (by this test's own count and by rota's rule travel_time), and
    coverage is at least the greedy start's."""
    problem = week()
    row = baseline.solve_baseline(problem, 2.0, 0, 1)
    pairs = row["assignments"]
    assert pairs
    report = rota.check(problem, _assignments(problem, pairs), rota.load_policy())
    data = report.data
    allowed = baseline.candidate_pairs(data)
    for session_id, worker_id in pairs:
        w, s = data.worker_index[worker_id], data.session_index[session_id]
        assert s in allowed[w], (session_id, worker_id)
    known = {"availability", "skills", "excluded_worker", "gender", "travel_time"}
    assert known <= {r.id for r in all_rules()}
    assert [v.message for v in report.violations if v.rule in known] == []
    assert _breaches(problem, pairs) == []
    assert row["coverage"] >= row["greedy_coverage"]
    assert 0 <= row["greedy_seconds"] <= row["wall_seconds"]


def test_a_tight_week_is_covered_in_full(baseline: ModuleType) -> None:
    """A tight week's planted rota keeps every constraint of the plain model (which
    counts no travel in hours), so the model covers the week in full and says
    when it first did."""
    problem = generate_week(6, seed=3, feasible=True, tight=True)
    row = baseline.solve_baseline(problem, 2.0, 0, 1)
    assert row["coverage"] == 1.0
    assert row["full_coverage_seconds"] is not None
    assert row["full_coverage_seconds"] <= row["wall_seconds"]
