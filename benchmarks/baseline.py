"""A plain CP-SAT model of a week, to measure rota's engine against.

The model a practitioner would write first, knowing only coverage, overlaps,
travel time and weekly hours:

- one boolean per worker and session, and only for pairs rota's own cheap hard
  filters allow (``rota.solver.model.candidate_slots`` with every active hard
  rule's ``blocks``, as the engine does): the worker is available for the whole
  session, has its skills, is not on leave, not excluded, of the wished gender,
  within their longest journey from home, and so on. A session with several
  times (flex moves, a start window) is offered at its requested start only;
- each session takes at most the workers it needs (``staff_required``);
- each worker takes at most one visit of every maximal clique of mutually
  overlapping visits (found by a sweep over starts and ends);
- two visits of a worker where the gap from the end of one to the start of the
  next is shorter than the journey between them cannot both be taken (any pair,
  so also across midnight);
- each worker's session minutes in each 7-day week stay within ``max_hours``
  (plus agreed overtime): session minutes only, no travel;
- the objective is coverage only: the number of sessions fully covered (as many
  workers as they need). That is the figure reported, and it makes the result
  at least as good as the greedy start. A double-up with one worker counts for
  nothing (and may be left so in the answer).

It is started from a greedy rota: sessions with the fewest candidate workers
first, each place given to the first candidate (in worker order) that keeps the
constraints above; a session whose places cannot all be filled is left out.

It does NOT know rota's other hard rules: breaks, day span, daily hours, rest
between days, days per week, journeys between visits longer than the worker's
maximum, budgets, travel counting in paid hours, linked visits, or any soft rule.
Its answers may break them, so compare its coverage with rota's as a bound on
what a plain model reaches, not as rotas of the same quality. ``engine_speed.py
--relaxed`` runs rota with the policy relaxed towards what this model knows.

Usage (one week, JSON on stdout)::

    python benchmarks/baseline.py --size 30 [--feasible] [--tight]
        [--time-limit 10] [--workers 2] [--seed 0]
"""

from __future__ import annotations

import argparse
import bisect
import json
import time
from collections import defaultdict
from typing import Any

from ortools.sat.python import cp_model

from rota.model import Problem
from rota.policy import Policy, load_policy
from rota.rules import all_rules
from rota.solver.data import Compiled, compile_problem
from rota.solver.model import PairFilter, candidate_slots, lsum
from rota.solver.stopping import new_solver

Pair = tuple[int, int]
"""(worker index, session index)."""
Conflict = tuple[int, int, int]
"""(worker index, session, later session) that cannot both be the worker's."""


def requested_slot(data: Compiled, session: int) -> int:
    """The slot of a session at its requested start (the one the baseline offers)."""
    s = data.sessions[session]
    return next(k for k in s.slots if data.slots[k].start == s.start)


def candidate_pairs(data: Compiled) -> dict[int, list[int]]:
    """Worker -> sessions (at their requested start) rota's hard filters allow."""
    filters: list[tuple[str, PairFilter]] = [
        (r.id, r.blocks) for r in all_rules() if r.hard and r.active(data)
    ]
    allowed, _ = candidate_slots(data, filters)
    requested = {requested_slot(data, s) for s in range(len(data.sessions))}
    return {
        w: sorted(data.slots[k].session for k in slots if k in requested)
        for w, slots in allowed.items()
    }


def overlap_cliques(intervals: list[tuple[int, int, int]]) -> list[list[int]]:
    """Maximal sets of mutually overlapping intervals, by a sweep.

    Parameters
    ----------
    intervals
        (start, end, key); an interval is half open, so one ending when another
        starts does not overlap it.

    Returns
    -------
    list[list[int]]
        The keys of each maximal clique with two or more members.
    """
    events = sorted(
        [(start, 1, key) for start, _, key in intervals]
        + [(end, 0, key) for _, end, key in intervals]
    )
    active: set[int] = set()
    grew = False
    cliques = []
    for _, is_start, key in events:
        if is_start:
            active.add(key)
            grew = True
            continue
        if grew and len(active) > 1:
            cliques.append(sorted(active))
        grew = False
        active.discard(key)
    return cliques


def travel_conflicts(
    data: Compiled, worker: int, sessions: list[int]
) -> list[tuple[int, int]]:
    """Pairs of the worker's sessions too close in time for the journey between."""
    slot = {s: requested_slot(data, s) for s in sessions}
    ordered = sorted(sessions, key=lambda s: data.sessions[s].start)
    starts = [data.sessions[s].start for s in ordered]
    longest = data.longest_journey(worker)
    conflicts = []
    for a in ordered:
        end = data.sessions[a].end
        first = bisect.bisect_left(starts, end)
        last = bisect.bisect_left(starts, end + longest)
        for b in ordered[first:last]:
            gap = data.sessions[b].start - end
            if gap < data.slot_journey(worker, slot[a], slot[b]):
                conflicts.append((a, b))
    return conflicts


def week_cap(data: Compiled, worker: int) -> int:
    """Minutes of sessions a worker may take in a 7-day week: max_hours plus
    agreed overtime."""
    return data.workers[worker].max_week + data.overtime_extra.get(worker, 0)


class _Greedy:
    """The greedy start: the same constraints, checked one place at a time."""

    def __init__(self, data: Compiled, conflicts: set[Conflict]) -> None:
        self.data = data
        self.conflicts = conflicts
        self.taken: dict[int, list[int]] = defaultdict(list)
        self.minutes: dict[tuple[int, int], int] = defaultdict(int)

    def fits(self, worker: int, session: int) -> bool:
        s = self.data.sessions[session]
        week = (s.start // 1440) // 7
        if self.minutes[(worker, week)] + s.duration > week_cap(self.data, worker):
            return False
        for other in self.taken[worker]:
            o = self.data.sessions[other]
            if o.start < s.end and s.start < o.end:
                return False
            pair = (other, session) if o.start < s.start else (session, other)
            if (worker, *pair) in self.conflicts:
                return False
        return True

    def take(self, worker: int, session: int, sign: int = 1) -> None:
        s = self.data.sessions[session]
        if sign > 0:
            self.taken[worker].append(session)
        else:
            self.taken[worker].remove(session)
        self.minutes[(worker, (s.start // 1440) // 7)] += sign * s.duration


def greedy(
    data: Compiled, workers_of: dict[int, list[int]], conflicts: set[Conflict]
) -> set[Pair]:
    """Hardest sessions first, each place to the first candidate that still fits."""
    state = _Greedy(data, conflicts)
    chosen: set[Pair] = set()
    order = sorted(
        range(len(data.sessions)),
        key=lambda s: (len(workers_of[s]), data.sessions[s].start, s),
    )
    for s in order:
        need = data.sessions[s].staff
        picked: list[int] = []
        for w in workers_of[s]:
            if len(picked) == need:
                break
            if state.fits(w, s):
                state.take(w, s)
                picked.append(w)
        if len(picked) < need:
            for w in picked:
                state.take(w, s, -1)
            continue
        chosen.update((w, s) for w in picked)
    return chosen


class _Timeline(cp_model.CpSolverSolutionCallback):
    """Times of the first solution and of the first covering every session."""

    def __init__(self, began: float, everything: int) -> None:
        super().__init__()
        self.began = began
        self.everything = everything
        self.first: float | None = None
        self.full: float | None = None

    def on_solution_callback(self) -> None:
        elapsed = time.perf_counter() - self.began
        if self.first is None:
            self.first = elapsed
        if self.full is None and self.objective_value >= self.everything - 0.5:
            self.full = elapsed


def _covered(data: Compiled, pairs: set[Pair]) -> int:
    staffed: dict[int, int] = defaultdict(int)
    for _, s in pairs:
        staffed[s] += 1
    return sum(1 for s, n in staffed.items() if n == data.sessions[s].staff)


def solve_baseline(
    problem: Problem,
    time_limit: float,
    seed: int,
    workers: int,
    *,
    policy: Policy | None = None,
) -> dict[str, Any]:
    """Solve the week with the plain model and report how far it got, and when.

    Parameters
    ----------
    problem
        The week.
    time_limit
        Seconds for the whole call, compiling and the greedy included (as
        ``rota.solve`` counts its own): CP-SAT gets what is left.
    seed, workers
        CP-SAT's random seed and number of search workers.
    policy
        For rota's candidate filters and defaults (``balanced`` when None).

    Returns
    -------
    dict
        ``sessions``, ``pairs``, ``cliques``, ``travel_conflicts`` (model size);
        ``greedy_coverage`` (fraction of sessions fully covered by the greedy
        start) and ``greedy_seconds`` (from the call's start to the greedy rota);
        ``status``, ``coverage`` (the final fraction fully covered: the better of
        CP-SAT's last rota and the greedy one), ``bound`` (most sessions CP-SAT
        proved coverable, as a fraction), ``first_solution_seconds``,
        ``full_coverage_seconds`` (the first CP-SAT rota covering every session,
        or None), ``wall_seconds``; ``assignments``, the final rota as sorted
        [session_id, worker_id] pairs.
    """
    began = time.perf_counter()
    data = compile_problem(problem, policy or load_policy())
    sessions_of = candidate_pairs(data)
    workers_of: dict[int, list[int]] = defaultdict(list)
    for w, sessions in sorted(sessions_of.items()):
        for s in sessions:
            workers_of[s].append(w)
    conflicts = {
        (w, a, b)
        for w, mine in sessions_of.items()
        for a, b in travel_conflicts(data, w, mine)
    }
    start = greedy(data, workers_of, conflicts)
    greedy_seconds = time.perf_counter() - began
    count = len(data.sessions)

    cp = cp_model.CpModel()
    x = {
        (w, s): cp.new_bool_var(f"x_w{w}_s{s}")
        for w, sessions in sessions_of.items()
        for s in sessions
    }
    full: dict[int, Any] = {}
    for s in range(count):
        staff = [x[(w, s)] for w in workers_of[s]]
        need = data.sessions[s].staff
        if len(staff) < need:
            continue
        cp.add(lsum(staff) <= need)
        if need == 1:
            full[s] = lsum(staff)
        else:
            full[s] = cp.new_bool_var(f"full_s{s}")
            cp.add(lsum(staff) >= need * full[s])
    cliques = 0
    for w, sessions in sessions_of.items():
        spans = [(data.sessions[s].start, data.sessions[s].end, s) for s in sessions]
        for clique in overlap_cliques(spans):
            cp.add_at_most_one(x[(w, s)] for s in clique)
            cliques += 1
        weeks: dict[int, list[tuple[Any, int]]] = defaultdict(list)
        for s in sessions:
            k = data.sessions[s]
            weeks[(k.start // 1440) // 7].append((x[(w, s)], k.duration))
        for parts in weeks.values():
            if sum(d for _, d in parts) > week_cap(data, w):
                cp.add(lsum(d * v for v, d in parts) <= week_cap(data, w))
    for w, a, b in conflicts:
        cp.add_bool_or([x[(w, a)].Not(), x[(w, b)].Not()])
    cp.maximize(lsum(full.values()))
    for pair, var in x.items():
        cp.add_hint(var, pair in start)

    solver = new_solver()
    solver.parameters.max_time_in_seconds = max(
        0.1, time_limit - (time.perf_counter() - began)
    )
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    timeline = _Timeline(began, count)
    status = solver.solve(cp, timeline)
    answer = start
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        found = {pair for pair, var in x.items() if solver.value(var)}
        if _covered(data, found) >= _covered(data, start):
            answer = found
    wall = time.perf_counter() - began
    return {
        "sessions": count,
        "pairs": len(x),
        "cliques": cliques,
        "travel_conflicts": len(conflicts),
        "greedy_coverage": _covered(data, start) / count if count else 1.0,
        "greedy_seconds": greedy_seconds,
        "status": solver.status_name(status),
        "coverage": _covered(data, answer) / count if count else 1.0,
        "bound": solver.best_objective_bound / count
        if count and timeline.first
        else None,
        "first_solution_seconds": timeline.first,
        "full_coverage_seconds": timeline.full,
        "wall_seconds": wall,
        "assignments": sorted(
            [data.sessions[s].id, data.workers[w].id] for w, s in answer
        ),
    }


def main() -> None:
    """Generate one week, solve it with the plain model, print the figures."""
    from rota.generate import generate_week

    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--feasible", action="store_true")
    parser.add_argument("--tight", action="store_true")
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    problem = generate_week(
        args.size, seed=args.seed, feasible=args.feasible, tight=args.tight
    )
    row = solve_baseline(problem, args.time_limit, args.seed, args.workers)
    row.pop("assignments")
    print(json.dumps(row))


if __name__ == "__main__":
    main()
