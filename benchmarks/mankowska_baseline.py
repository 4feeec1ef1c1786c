"""A plain CP-SAT model of a Mankowska et al. (2014) HHCRSP instance, to measure
rota against.

The model a practitioner would write first: a start-time variable per visit and one
circuit per caregiver. It knows every rule of the benchmark
(``rota.bench.mankowska_eval``), with times in hundredths of a minute (``SCALE``):

- a visit is one (patient, service) the patient requires; each is done by exactly
  one caregiver qualified for its service;
- one ``add_circuit`` per caregiver over the depot and the visits that caregiver may
  do; a visit's self-loop means "not this caregiver's", the depot's self-loop means
  the caregiver stays at home (and then does no visit);
- an arc a -> b taken implies ``start_b >= start_a + duration_a + travel(a, b)``,
  with the duration of a's service for that caregiver; an arc from the depot,
  ``start_b >= earliest(depot) + travel(depot, b)``; ``start >= earliest`` always;
- a double-service patient's two services go to two different caregivers, and the
  start of the higher-indexed service minus that of the lower one lies in
  [mind, maxd] (both 0: simultaneous), as the evaluator checks;
- ``tardiness_v >= start_v - latest_v`` (and >= 0), ``tmax >= tardiness_v``, and
  the objective is distance + total tardiness + tmax: three times the benchmark's
  ``(D + T + Tmax) / 3``.

Rounding: the distances are fractional, so every distance and travel time is scaled
by 100 and rounded DOWN (and ``latest`` and ``maxd`` up, ``earliest``, ``mind`` and
durations down, though they are whole numbers in every file). The model is then a
relaxation of the instance: any real schedule, its times scaled and rounded down,
is a solution of the model costing no more, so the solver's bound divided by
3 x 100 is a valid lower bound of the benchmark's objective (``best_bound``, also
rounded down). A model solution is not timed validly as it stands (its journeys
are up to 0.01 short), so each one's visit sequences are re-timed at their
earliest with the real distances (``rota.bench.earliest_schedule``) and scored by
``rota.bench.evaluate_mankowska``; the answer is the best one with no hard
violation, the greedy start included. ``objective`` is always the evaluator's,
never the solver's, and ``OPTIMAL`` means optimal for the rounded model: the
routes' real score may exceed the bound by the rounding (at most 0.01 a journey
and what it delays).

It is started from a greedy rota (the hint, complete: arcs, starts, tardiness):
visits in the order their windows open, each appended to the end of the route
of the qualified caregiver where it adds least travel and tardiness (a double
service to the best pair of different caregivers at once, its starts the least
that keep the delay). It stays feasible because appending never moves a start.

It does NOT have: symmetry breaking between identical caregivers, arc pruning
(every visit may follow every other: the model grows with the square of the
visits, so sets D-G are large), any neighbourhood search of its own or tuned
CP-SAT parameters, or the end depot's time (the benchmark does not check it).
The whole call, building and the greedy included, stays within ``time_limit``:
when the model would not be built in time (extrapolated after each caregiver's
circuit), it is dropped and the greedy's routes are the answer, with status
``UNKNOWN`` and ``built`` false.

Usage (one instance, one JSON line on stdout)::

    python benchmarks/mankowska_baseline.py PATH [--time-limit 60] [--workers 2]
        [--seed 0] [--out ROUTES_CSV]
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from ortools.sat.python import cp_model

from rota.bench import (
    MankowskaInstance,
    MankowskaScore,
    Visit,
    earliest_schedule,
    evaluate_mankowska,
    read_mankowska,
    write_routes_csv,
)
from rota.solver.model import lsum
from rota.solver.stopping import new_solver

SCALE = 100
"""Model time units per minute (and distance units per benchmark unit)."""
DIVISOR = 3 * SCALE
"""Model objective / DIVISOR = the benchmark's (D + T + Tmax) / 3."""
RESERVE = 0.1
"""Seconds of the time limit kept back from CP-SAT for returning the answer."""

Key = tuple[int, int]
"""(node, service): one visit."""
Sequences = list[list[Key]]
"""Per caregiver, the visits in the order made."""


def down(value: float) -> int:
    """``value`` in model units, rounded down exactly (no float error)."""
    return math.floor(Fraction(value) * SCALE)


def up(value: float) -> int:
    """``value`` in model units, rounded up exactly."""
    return math.ceil(Fraction(value) * SCALE)


@dataclass(frozen=True)
class Scaled:
    """The instance in whole model units, rounded so the model is a relaxation."""

    visits: list[Key]
    candidates: list[list[int]]
    """Per caregiver, the visits (indexes into ``visits``) they are qualified for."""
    distance: list[list[int]]
    duration: list[list[int]]
    """``duration[v][k]``: visit v done by caregiver k."""
    earliest: list[int]
    latest: list[int]
    depart: int
    """When every route leaves the start depot."""
    pairs: list[tuple[int, int, int, int]]
    """Double services: (first visit, second visit, least, most delay)."""
    horizon: int


def scale(instance: MankowskaInstance) -> Scaled:
    """The visits and every number the model uses, in model units.

    The horizon bounds every start of a least schedule, so it cuts off no optimum:
    the latest lower bound of a start plus, for every visit, the most its start can
    push the next one (a duration and the longest journey on, or its least delay).
    """
    inst = instance
    visits = [(i, s) for i in inst.patients for s in inst.services_required(i)]
    index = {key: v for v, key in enumerate(visits)}
    n = inst.n_nodes
    distance = [[down(inst.distance[i][j]) for j in range(n)] for i in range(n)]
    duration = [
        [down(inst.duration[i][k][s]) for k in range(inst.n_caregivers)]
        for i, s in visits
    ]
    depart = down(inst.earliest[inst.start_depot])
    pairs = []
    for node in sorted(inst.double_service):
        first, second = inst.services_required(node)
        pairs.append(
            (
                index[(node, first)],
                index[(node, second)],
                down(inst.delta_min[node]),
                up(inst.delta_max[node]),
            )
        )
    lowest = max(
        (
            max(inst.earliest[i], inst.earliest[inst.start_depot] + inst.distance[0][i])
            for i, _ in visits
        ),
        default=0.0,
    )
    push = sum(
        max(
            max(inst.duration[i][k][s] for k in range(inst.n_caregivers))
            + max(inst.distance[i]),
            inst.delta_min[i],
        )
        for i, s in visits
    )
    return Scaled(
        visits=visits,
        candidates=[
            [v for v, (_, s) in enumerate(visits) if inst.qualified[k][s]]
            for k in range(inst.n_caregivers)
        ],
        distance=distance,
        duration=duration,
        earliest=[down(inst.earliest[i]) for i, _ in visits],
        latest=[up(inst.latest[i]) for i, _ in visits],
        depart=depart,
        pairs=pairs,
        horizon=up(lowest + push) + 1,
    )


def greedy(instance: MankowskaInstance) -> Sequences:
    """Visits in the order their windows open, each appended where it costs least.

    The cost of appending is the extra travel (to the visit and home again, less
    the journey home it replaces) plus the visit's tardiness; a double service goes
    to the best ordered pair of different caregivers, its first start raised to
    within ``maxd`` of the second's arrival and the second to ``mind`` after the
    first. A visit no caregiver may do is left out.
    """
    inst = instance
    end = inst.end_depot
    last = [inst.start_depot] * inst.n_caregivers
    ready = [inst.earliest[inst.start_depot]] * inst.n_caregivers
    routes: Sequences = [[] for _ in range(inst.n_caregivers)]

    def arrival(k: int, node: int) -> float:
        return max(inst.earliest[node], ready[k] + inst.distance[last[k]][node])

    def extra(k: int, node: int, start: float) -> float:
        d = inst.distance
        travel = d[last[k]][node] + d[node][end] - d[last[k]][end]
        return travel + max(0.0, start - inst.latest[node])

    def take(k: int, node: int, service: int, start: float) -> None:
        routes[k].append((node, service))
        last[k] = node
        ready[k] = start + inst.duration[node][k][service]

    order = sorted(inst.patients, key=lambda i: (inst.earliest[i], inst.latest[i], i))
    for node in order:
        services = inst.services_required(node)
        able = [
            [k for k in range(inst.n_caregivers) if inst.qualified[k][s]]
            for s in services
        ]
        if len(services) == 1:
            if able[0]:
                k = min(able[0], key=lambda k: (extra(k, node, arrival(k, node)), k))
                take(k, node, services[0], arrival(k, node))
            continue
        low, high = inst.delta_min[node], inst.delta_max[node]
        best: tuple[float, int, int, float, float] | None = None
        for a in able[0]:
            for b in able[1]:
                if a == b:
                    continue
                first = max(arrival(a, node), arrival(b, node) - high)
                second = max(arrival(b, node), first + low)
                cost = extra(a, node, first) + extra(b, node, second)
                if best is None or cost < best[0]:
                    best = (cost, a, b, first, second)
        if best is not None:
            _, a, b, first, second = best
            take(a, node, services[0], first)
            take(b, node, services[1], second)
    return routes


def model_times(data: Scaled, sequences: Sequences) -> dict[int, int] | None:
    """Least starts (model units) of fixed routes in the model, or None when the
    double services' delays cannot hold on them."""
    index = {key: v for v, key in enumerate(data.visits)}
    start: dict[int, int] = {}
    edges: list[tuple[int, int, int]] = []
    for k, seq in enumerate(sequences):
        for position, key in enumerate(seq):
            v = index[key]
            start[v] = max(data.earliest[v], data.depart + data.distance[0][key[0]])
            if position:
                u = index[seq[position - 1]]
                gap = data.duration[u][k] + data.distance[seq[position - 1][0]][key[0]]
                edges.append((u, v, gap))
    for first, second, least, most in data.pairs:
        if first in start and second in start:
            edges.append((first, second, least))
            edges.append((second, first, -most))
    for _ in range(len(start) + 1):
        moved = False
        for before, after, gap in edges:
            if start[before] + gap > start[after]:
                start[after] = start[before] + gap
                moved = True
        if not moved:
            return start
    return None


@dataclass
class Model:
    """The CP-SAT model and the variables read back from its solutions."""

    cp: cp_model.CpModel
    start: list[Any]
    tardiness: list[Any]
    tmax: Any
    arcs: list[list[tuple[int, int, Any]]]
    """Per caregiver, (from visit, to visit, literal); -1 is the depot, and only
    arcs between two different circuit nodes are listed."""
    done: dict[tuple[int, int], Any] = field(default_factory=dict)
    """(caregiver, visit) -> done by that caregiver."""
    home: list[Any] = field(default_factory=list)
    """Per caregiver: stays at the depot."""


def build(data: Scaled, n_caregivers: int, deadline: float) -> Model | None:
    """The plain model, or None when building it would pass ``deadline``.

    After each caregiver's circuit the time the rest will take is extrapolated
    from the arcs made so far, and the build is given up as soon as it would not
    end by the deadline (so that a model too large to build is dropped while it is
    still small: freeing a large one takes time too).
    """
    began = time.perf_counter()
    total = sum(len(m) * (len(m) + 1) for m in data.candidates)
    made = 0
    cp = cp_model.CpModel()
    count = len(data.visits)
    start = [
        cp.new_int_var(data.earliest[v], data.horizon, f"start_{v}")
        for v in range(count)
    ]
    tardiness = [cp.new_int_var(0, data.horizon, f"tard_{v}") for v in range(count)]
    tmax = cp.new_int_var(0, data.horizon, "tmax")
    for v in range(count):
        cp.add(tardiness[v] >= start[v] - data.latest[v])
        cp.add(tmax >= tardiness[v])
    model = Model(cp, start, tardiness, tmax, [])
    end = len(data.distance) - 1
    travel = []
    for k in range(n_caregivers):
        mine = data.candidates[k]
        home = cp.new_bool_var(f"home_{k}")
        model.home.append(home)
        circuit: list[tuple[int, int, Any]] = [(0, 0, home)]
        arcs: list[tuple[int, int, Any]] = []
        for position, v in enumerate(mine, start=1):
            done = cp.new_bool_var(f"done_{k}_{v}")
            model.done[(k, v)] = done
            cp.add_implication(done, home.Not())
            circuit.append((position, position, done.Not()))
        nodes = [(0, -1)] + [(p, v) for p, v in enumerate(mine, start=1)]
        for tail, a in nodes:
            if time.perf_counter() > deadline:
                return None
            here = 0 if a < 0 else data.visits[a][0]
            for head, b in nodes:
                if head == tail:
                    continue
                lit = cp.new_bool_var(f"arc_{k}_{a}_{b}")
                circuit.append((tail, head, lit))
                arcs.append((a, b, lit))
                if b < 0:
                    travel.append(data.distance[here][end] * lit)
                    continue
                there = data.visits[b][0]
                travel.append(data.distance[here][there] * lit)
                if a < 0:
                    least = data.depart + data.distance[0][there]
                    cp.add(start[b] >= least).only_enforce_if(lit)
                else:
                    gap = data.duration[a][k] + data.distance[here][there]
                    cp.add(start[b] >= start[a] + gap).only_enforce_if(lit)
        cp.add_circuit(circuit)
        model.arcs.append(arcs)
        made += len(arcs)
        now = time.perf_counter()
        if made and now + (now - began) * (total - made) / made > deadline:
            return None
    for v in range(count):
        cp.add_exactly_one(
            model.done[(k, v)] for k in range(n_caregivers) if (k, v) in model.done
        )
    for first, second, least, most in data.pairs:
        for k in range(n_caregivers):
            if (k, first) in model.done and (k, second) in model.done:
                cp.add_at_most_one(model.done[(k, first)], model.done[(k, second)])
        cp.add(start[second] - start[first] >= least)
        cp.add(start[second] - start[first] <= most)
    cp.minimize(lsum(travel) + lsum(tardiness) + tmax)
    return model


def hint(model: Model, data: Scaled, sequences: Sequences) -> bool:
    """Hint the whole model from fixed routes; False when they do not fit it."""
    times = model_times(data, sequences)
    if times is None:
        return False
    index = {key: v for v, key in enumerate(data.visits)}
    for k, arcs in enumerate(model.arcs):
        route = [index[key] for key in sequences[k]]
        used = set(zip([-1, *route], [*route, -1], strict=True)) if route else set()
        for a, b, lit in arcs:
            model.cp.add_hint(lit, (a, b) in used)
        model.cp.add_hint(model.home[k], not route)
        for (carer, v), done in model.done.items():
            if carer == k:
                model.cp.add_hint(done, v in route)
    worst = 0
    for v, at in times.items():
        late = max(0, at - data.latest[v])
        worst = max(worst, late)
        model.cp.add_hint(model.start[v], at)
        model.cp.add_hint(model.tardiness[v], late)
    model.cp.add_hint(model.tmax, worst)
    return True


def routes_of(
    instance: MankowskaInstance, sequences: Sequences
) -> tuple[list[list[Visit]], MankowskaScore] | None:
    """Fixed routes timed at their earliest with the real distances, and their
    score; None when the double services' delays cannot hold on them."""
    try:
        routes = earliest_schedule(instance, sequences)
    except ValueError:
        return None
    return routes, evaluate_mankowska(instance, routes)


class _Best(cp_model.CpSolverSolutionCallback):
    """Re-times every solution with the real distances and keeps the best valid."""

    def __init__(
        self,
        instance: MankowskaInstance,
        model: Model,
        data: Scaled,
        began: float,
        best: tuple[list[list[Visit]], MankowskaScore] | None,
    ) -> None:
        super().__init__()
        self.instance = instance
        self.model = model
        self.data = data
        self.began = began
        self.best = best
        self.first: float | None = None

    def sequences(self) -> Sequences:
        out: Sequences = []
        for arcs in self.model.arcs:
            after = {a: b for a, b, lit in arcs if self.boolean_value(lit)}
            seq, at = [], after.get(-1, -1)
            while at >= 0:
                seq.append(self.data.visits[at])
                at = after[at]
            out.append(seq)
        return out

    def on_solution_callback(self) -> None:
        if self.first is None:
            self.first = time.perf_counter() - self.began
        found = routes_of(self.instance, self.sequences())
        if found is None or not found[1].feasible:
            return
        if self.best is None or found[1].objective < self.best[1].objective:
            self.best = found


def lower_bound(solver_bound: float) -> float:
    """The solver's bound in the benchmark's units, rounded down to 4 decimals.

    The model's objective is a whole number, so the bound rounded up to one is a
    bound too (less a hair, for the float the solver reports it in)."""
    whole = math.ceil(solver_bound - 1e-6)
    return math.floor(Fraction(whole * 10_000, DIVISOR)) / 10_000


def solve_plain(
    instance: MankowskaInstance,
    *,
    time_limit: float,
    workers: int = 2,
    seed: int = 0,
) -> dict[str, Any]:
    """Solve an instance with the plain model; routes scored by the benchmark.

    Parameters
    ----------
    instance
        The instance.
    time_limit
        Seconds for the whole call (scaling, the greedy, building, the search and
        scoring): CP-SAT gets what is left.
    workers, seed
        CP-SAT's ``num_workers`` and ``random_seed``.

    Returns
    -------
    dict
        ``instance``, ``status`` (CP-SAT's, or ``UNKNOWN`` when the model could
        not be built in time), ``objective`` (``evaluate_mankowska``'s on
        ``routes``, None with no routes), ``best_bound`` (a lower bound of the
        benchmark's objective, None when CP-SAT gave none), ``wall_seconds``,
        ``hard_violations`` (a count), ``feasible`` (every visit done, no hard
        rule broken), ``greedy_objective``, ``first_solution_seconds`` (CP-SAT's
        first), ``visits``, ``arcs`` (of the whole model, depot arcs included),
        ``built`` (False when the model would not have been built in time), and
        ``routes`` (one list of timed visits per caregiver).
    """
    began = time.perf_counter()
    deadline = began + time_limit - RESERVE
    data = scale(instance)
    start = greedy(instance)
    fallback = routes_of(instance, start)
    greedy_objective = None if fallback is None else fallback[1].objective
    # A greedy rota that leaves visits undone is the answer only if nothing else
    # comes: the best kept is always valid.
    best = fallback if fallback is not None and fallback[1].feasible else None
    status, bound, first = "UNKNOWN", None, None
    model = build(data, instance.n_caregivers, deadline)
    if model is not None:
        if best is not None:
            hint(model, data, start)
        solver = new_solver()
        solver.parameters.max_time_in_seconds = max(
            0.05, deadline - time.perf_counter()
        )
        solver.parameters.num_workers = workers
        solver.parameters.random_seed = seed
        keeper = _Best(instance, model, data, began, best)
        code = solver.solve(model.cp, keeper)
        status = solver.status_name(code)
        best, first = keeper.best, keeper.first
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            bound = lower_bound(solver.best_objective_bound)
    answer = best or fallback
    score = None if answer is None else answer[1]
    return {
        "instance": instance.name,
        "status": status,
        "objective": None if score is None else score.objective,
        "best_bound": bound,
        "wall_seconds": time.perf_counter() - began,
        "hard_violations": None if score is None else len(score.hard_violations),
        "feasible": score is not None and score.feasible,
        "greedy_objective": greedy_objective,
        "first_solution_seconds": first,
        "visits": len(data.visits),
        "arcs": sum(len(m) * (len(m) + 1) for m in data.candidates),
        "built": model is not None,
        "routes": [] if answer is None else answer[0],
    }


def summary(row: dict[str, Any]) -> dict[str, Any]:
    """The JSON line: ``solve_plain``'s figures without the routes, rounded as
    ``rota bench mankowska`` rounds its own."""
    line = {k: v for k, v in row.items() if k != "routes"}
    for key in ("objective", "greedy_objective"):
        if line[key] is not None:
            line[key] = round(line[key], 4)
    line["wall_seconds"] = round(line["wall_seconds"], 2)
    if line["first_solution_seconds"] is not None:
        line["first_solution_seconds"] = round(line["first_solution_seconds"], 2)
    return line


def main(argv: Sequence[str] | None = None) -> None:
    """Solve one instance file with the plain model and print its JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="write the routes as CSV here")
    args = parser.parse_args(argv)
    row = solve_plain(
        read_mankowska(args.path),
        time_limit=args.time_limit,
        workers=args.workers,
        seed=args.seed,
    )
    if args.out is not None:
        write_routes_csv(args.out, row["routes"])
    print(json.dumps(summary(row)))


if __name__ == "__main__":
    main()
