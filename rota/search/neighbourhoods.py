"""Large-neighbourhood search: free a few workers, keep the rest, re-solve exactly.

On weeks of dozens of workers the full model is too large for CP-SAT to improve a
rota within a minute on two cores. Each step here frees a few workers (around an
uncovered session, on its day or across two days of the week, a person's workers,
or at random), builds the model with every rule over the whole week but with the
other workers limited to the sessions they already have (they may drop one, never
take a new one), and lets CP-SAT find the best rota of that smaller model,
starting from the current one. The model's
objective is the full objective, so an improvement is an improvement of the week.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from ortools.sat.python import cp_model

from ..rules.contract import week_paid
from ..rules.hours import week_cap, week_of
from ..solver.data import Compiled
from ..solver.model import RotaModel, lsum
from ..solver.plan import Plan
from ..solver.stopping import Stopped, checkpoint, stoppable
from .cpsat import (
    FOUND,
    complete_hint,
    hint_pairs,
    local_solver,
    model_slot,
    search_solver,
)
from .days import DayPrices
from .pools import Pools, in_order, pooled_arcs

log = logging.getLogger("rota")

Build = Callable[
    [dict[int, list[int]], frozenset[tuple[int, int, int]]], tuple[RotaModel, list[Any]]
]
"""(candidates, arcs to keep) -> model with every rule encoded, objective terms."""


@dataclass
class Incumbent:
    """The best rota so far: (worker, slot) pairs and their objective."""

    pairs: list[tuple[int, int]]
    objective: int
    proved: bool = False
    """True when CP-SAT proved it the best of its neighbourhood."""


def kept_arcs(
    data: Compiled, pairs: list[tuple[int, int]]
) -> frozenset[tuple[int, int, int]]:
    """Consecutive visits of each worker-day in a rota, as (worker, a, b)."""
    plan = Plan.from_pairs(data, pairs)
    return frozenset(
        (day.worker, a, b)
        for day in plan.days.values()
        for a, b in zip(day.slots, day.slots[1:], strict=False)
    )


def solve_restricted(
    data: Compiled,
    build: Build,
    candidates: dict[int, list[int]],
    hint: list[tuple[int, int]],
    *,
    time_limit: float,
    seed: int,
    workers: int,
    fixed: frozenset[tuple[int, int]] = frozenset(),
    stop: threading.Event | None = None,
    first_only: bool = False,
    constrain: Callable[[RotaModel], None] | None = None,
    timing: dict[str, float] | None = None,
    until: float | None = None,
    pools: Pools = (),
    complete: bool = True,
) -> Incumbent | None:
    """The best rota of the model limited to ``candidates``, from ``hint``.

    Pairs in ``fixed`` are kept in the rota (propagation settles them at once,
    leaving CP-SAT only the freed part to search). ``time_limit`` includes
    building the model. With ``first_only`` the first rota found is returned.
    ``timing`` gets the seconds the build took (``build``). With ``until`` (a
    ``time.perf_counter()`` value) CP-SAT is not started when too little time is
    left before it: loading a large model takes CP-SAT seconds whatever its time
    limit (about a third of the time Python took to build it). With ``pools``
    (which ``build`` must pool too, on candidates pooled by
    ``pooled_candidates``), a group's sessions share their variables, ``fixed``
    and ``hint`` may name any of its copies, and the rota found holds the
    group's workers first to last. ``complete`` false skips completing the
    hint (a hint known to break a rule, as a repair's is, never completes, and
    trying took CP-SAT half a second a step on a 26-week rostering week).
    """
    began = time.perf_counter()
    model, terms = build(candidates, pooled_arcs(data, pools, kept_arcs(data, hint)))
    model_built = time.perf_counter() - began
    if timing is not None:
        timing["build"] = model_built
    checkpoint(stop)
    if until is not None and time.perf_counter() + LOAD_SHARE * model_built > until:
        return None  # CP-SAT would still be loading the model at ``until``
    model.cp.minimize(lsum(terms))
    time_limit -= time.perf_counter() - began  # the time limit includes building
    for w, k in fixed:
        model.cp.add(model.x[(w, model_slot(model, k))] == 1)
    if constrain is not None:
        constrain(model)
    hint_pairs(model, hint)
    # Complete the hint first: with every assignment fixed CP-SAT only propagates,
    # and a complete hint is taken as the first solution at once.
    fixing = time.perf_counter()
    completed = None
    if complete:
        completed = complete_hint(
            model, time_limit=max(0.05, time_limit / 2), seed=seed, stop=stop
        )
    log.debug("hint completion: %s", "done" if completed else "failed")
    built = time.perf_counter() - began
    code = cp_model.UNKNOWN
    if first_only and completed is None:
        # Any rota will do and the hint is none: CP-SAT's local search finds one
        # where its tree search on one worker wanders (a nurse over 26 weeks with
        # fewest hours, days in a row and days off: 0.2 s against none in 10 s).
        solver = local_solver(
            LOCAL_SHARE * (time_limit - (time.perf_counter() - fixing)),
            seed=seed,
            workers=1,
        )
        solver.parameters.stop_after_first_solution = True
        with stoppable(solver, stop):
            code = solver.solve(model.cp)
    if code not in FOUND:
        # No presolve: on a 120-worker week it took 11 s of a step before the
        # search began, while the fixed pairs are settled by propagation at the
        # root anyway and the complete hint is the first solution at once
        # (docs/engine.md).
        solver = search_solver(
            time_limit - (time.perf_counter() - fixing),
            seed=seed,
            workers=workers,
            presolve=False,
        )
        solver.parameters.stop_after_first_solution = first_only
        with stoppable(solver, stop):
            code = solver.solve(model.cp)
    log.debug(
        "restricted model: %d pairs, built %.2fs (model %.2fs), solved %.2fs: %s %s",
        len(model.x),
        built,
        model_built,
        solver.wall_time,
        solver.status_name(code),
        solver.objective_value if code in FOUND else "",
    )
    if code not in FOUND:
        return None
    pairs = [key for key, lit in model.x.items() if solver.boolean_value(lit)]
    return Incumbent(
        in_order(data, model.pools, pairs),
        round(solver.objective_value),
        proved=code == cp_model.OPTIMAL,
    )


LOCAL_SHARE = 0.25
"""Of a step that wants any rota from no complete hint, the share CP-SAT's local
search (``use_ls_only``) has before its tree search takes the rest."""

LOAD_SHARE = 0.5
"""CP-SAT's loading of a step's model, as a share of the Python build time it
follows (measured 0.25-0.35 on Mankowska G1's steps), with a margin."""
BUILD_MARGIN = 1.5
"""A step is started only when this many times the slowest step model's build
so far fits before the deadline (steps' models differ in size)."""

Insert = Callable[[Incumbent, float], Incumbent | None]
"""(rota, seconds) -> the rota with every uncovered session a worker can take as
it stands added greedily, when that lowers the objective; else None."""


class Chooser:
    """Which neighbourhood to try next: in proportion to a score that rises when
    a kind improves the rota and decays when it does not (adaptive LNS), each
    kind kept above a floor so none is forgotten."""

    START: ClassVar[dict[str, float]] = {
        "insert": 1.0,
        "uncovered": 1.0,
        "costly": 1.0,
        "chain": 1.0,
        "person": 0.1,
        "random": 0.4,
    }
    FLOOR = 0.05

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.score = dict(self.START)

    def pick(self, possible: Sequence[str]) -> str:
        """A kind among ``possible`` (never empty: ``random`` always is)."""
        weights = [self.score[k] for k in possible]
        return self.rng.choices(list(possible), weights=weights)[0]

    def reward(self, kind: str, improved: bool) -> None:
        """Move the kind's score towards 2 on an improvement, towards 0.1 if not."""
        target = 2.0 if improved else 0.1
        self.score[kind] = max(self.FLOOR, 0.8 * self.score[kind] + 0.2 * target)


def _neighbourhood(
    data: Compiled,
    candidates: dict[int, list[int]],
    by_slot: dict[int, list[int]],
    incumbent: Incumbent,
    rng: random.Random,
    size: int,
    kind: str,
    costs: dict[tuple[int, int], int],
    coverable: list[int],
) -> tuple[set[int], Collection[int]]:
    """Workers to free, and the days they are freed on.

    ``uncovered``: everyone who could take an uncovered session, on its day.
    ``chain``: :func:`chain_neighbourhood`, over two days of the week.
    ``costly``: a worker-day picked in proportion to its day-local penalty (a split
    shift, a short day ...) and the workers who could swap visits with it that day.
    ``person``: a person's workers over the whole horizon, for continuity.
    ``random``: random workers on a random run of three days.
    """
    workers = sorted(candidates)
    chosen: set[int] = set()
    days = range(data.days)
    if kind == "uncovered":
        # Small enough to solve in a moment, wide enough to reshuffle that day.
        s = rng.choice(coverable)
        pool = sorted({w for k in data.sessions[s].slots for w in by_slot.get(k, [])})
        rng.shuffle(pool)
        chosen.update(pool[: 3 * size])
        day = data.slots[data.sessions[s].slots[0]].day
        # And who could take the visits in their way that day (an ejection chain
        # of two: on weeks with little slack the able workers are few and busy).
        held = {data.slots[k].session for w, k in incumbent.pairs if w in chosen}
        second = sorted(
            {
                w
                for h in held
                if data.slots[data.sessions[h].slots[0]].day == day
                for k in data.sessions[h].slots
                for w in by_slot.get(k, [])
            }
            - chosen
        )
        rng.shuffle(second)
        chosen.update(second[:size])
        return chosen, range(day, day + 1)
    if kind == "chain":
        return chain_neighbourhood(
            data, by_slot, incumbent, rng, size, rng.choice(coverable)
        )
    if kind == "costly":
        keys = sorted(costs)
        w, day = rng.choices(keys, weights=[costs[key] for key in keys])[0]
        chosen.update(_swappable(data, by_slot, incumbent, w, day, 3 * size, rng))
        return chosen, range(day, day + 1)
    if kind == "person":
        u = rng.randrange(len(data.users))
        chosen.update(
            w
            for w, k in incumbent.pairs
            if data.sessions[data.slots[k].session].user == u
        )
    else:
        day = rng.randrange(data.days)
        days = range(max(0, day - 1), min(data.days, day + 2))
    while len(chosen) < min(size, len(workers)):
        chosen.add(rng.choice(workers))
    return chosen, days


def chain_neighbourhood(
    data: Compiled,
    by_slot: dict[int, list[int]],
    incumbent: Incumbent,
    rng: random.Random,
    size: int,
    s: int,
) -> tuple[set[int], set[int]]:
    """Workers and days to free so hours can move between days: who could take
    uncovered session ``s`` on its day, and on another day of theirs that week
    the workers with the most paid minutes left under their cap who could take
    one of their visits there. On weeks with no slack the workers free on ``s``'s
    day are at their weekly cap: one of them takes ``s`` only by handing a visit
    of another day to someone with minutes left (an ejection chain across days).
    """
    plan = Plan.from_pairs(data, incumbent.pairs)
    day = data.slots[data.sessions[s].slots[0]].day
    week = week_of(data, day)
    left = {
        w.index: week_cap(data, w.index) - week_paid(plan, w.index, week)
        for w in data.workers
    }
    able = sorted({w for k in data.sessions[s].slots for w in by_slot.get(k, [])})
    rng.shuffle(able)
    first = set(able[: 2 * size])
    # Their visits on the week's other days, and who else could take each.
    takers: dict[int, set[int]] = {}
    for w, k in incumbent.pairs:
        other = data.slots[k].day
        if w in first and other != day and week_of(data, other) == week:
            for k2 in data.sessions[data.slots[k].session].slots:
                takers.setdefault(other, set()).update(
                    w2 for w2 in by_slot.get(k2, []) if w2 not in first
                )
    if not takers:
        return first, {day}
    other = rng.choice(sorted(takers))
    second = sorted(takers[other], key=lambda w2: (-left[w2], rng.random()))
    return first | set(second[:size]), {day, other}


def _coverable(
    data: Compiled, by_slot: dict[int, list[int]], incumbent: Incumbent
) -> list[int]:
    """Uncovered sessions some worker could take."""
    plan = Plan.from_pairs(data, incumbent.pairs)
    return [
        s.index
        for s in data.sessions
        if not plan.covered(s.index) and any(by_slot.get(k) for k in s.slots)
    ]


def _swappable(
    data: Compiled,
    by_slot: dict[int, list[int]],
    incumbent: Incumbent,
    worker: int,
    day: int,
    most: int,
    rng: random.Random,
) -> list[int]:
    """``worker`` and, most shared first, the workers who could take one of its
    visits that day or who hold a visit of that day it could take."""
    shared: dict[int, int] = {}
    theirs = [k for w, k in incumbent.pairs if w == worker and data.slots[k].day == day]
    for k in theirs:
        for k2 in data.sessions[data.slots[k].session].slots:
            for w2 in by_slot.get(k2, []):
                shared[w2] = shared.get(w2, 0) + 1
    for w2, k in incumbent.pairs:
        if data.slots[k].day == day and worker in by_slot.get(k, []):
            shared[w2] = shared.get(w2, 0) + 1
    shared.pop(worker, None)
    others = sorted(shared, key=lambda w2: (-shared[w2], rng.random()))
    return [worker, *others[: most - 1]]


def freed_candidates(
    data: Compiled,
    candidates: dict[int, list[int]],
    incumbent: Incumbent,
    free: set[int],
    days: Collection[int],
) -> dict[int, list[int]]:
    """A step's candidates: each worker kept to their own visits, and each freed
    worker also offered their candidates on the freed days, except the visits the
    kept workers hold (kept workers keep their visits, so a freed worker could
    take such a session only as a missing member of its team, at its slot)."""
    mine: dict[int, list[int]] = {w: [] for w in candidates}
    kept: dict[int, tuple[int, int]] = {}  # session -> (its slot, kept holders)
    for w, k in incumbent.pairs:
        mine.setdefault(w, []).append(k)
        if w not in free:
            s = data.slots[k].session
            kept[s] = (k, kept.get(s, (k, 0))[1] + 1)

    def open_to(k: int) -> bool:
        slot = data.slots[k]
        held = kept.get(slot.session)
        if held is None:
            return True
        return held[0] == k and held[1] < data.sessions[slot.session].staff

    return {
        w: (
            sorted(
                set(mine[w])
                | {k for k in candidates[w] if data.slots[k].day in days and open_to(k)}
            )
            if w in free
            else mine[w]
        )
        for w in candidates
    }


def _floor(
    keep_cover: Callable[[RotaModel, list[tuple[int, int]]], None] | None,
    pairs: list[tuple[int, int]],
) -> Callable[[RotaModel], None] | None:
    if keep_cover is None:
        return None

    def add(model: RotaModel) -> None:
        keep_cover(model, pairs)

    return add


def improve(
    data: Compiled,
    build: Build,
    candidates: dict[int, list[int]],
    incumbent: Incumbent,
    *,
    deadline: float,
    seed: int,
    workers: int,
    neighbourhood: int = 4,
    step_seconds: float = 2.0,
    stop: threading.Event | None = None,
    on_improve: Callable[[Incumbent], None] | None = None,
    keep_cover: Callable[[RotaModel, list[tuple[int, int]]], None] | None = None,
    prices: DayPrices | None = None,
    insert: Insert | None = None,
) -> Incumbent:
    """Improve ``incumbent`` until ``deadline`` (a time.perf_counter() value).

    ``keep_cover(model, pairs)`` adds to each step's model that it covers at least
    what ``pairs`` covers, so the human costs improve without losing cover.
    ``prices`` (:class:`~rota.search.days.DayPrices`) lets steps free the
    costliest days;
    ``insert`` is a step of its own, tried once per rota (no CP-SAT: it adds what
    fits as the rota stands), and once more on the last rota.
    """
    rng = random.Random(seed)
    chooser = Chooser(rng)
    tried: Incumbent | None = None  # the last rota ``insert`` was tried on
    seen: Incumbent | None = None  # the rota ``costs`` and ``coverable`` are of
    costs: dict[tuple[int, int], int] = {}
    coverable: list[int] = []
    by_slot: dict[int, list[int]] = {}
    for w, slots in candidates.items():
        for k in slots:
            by_slot.setdefault(k, []).append(w)
    steps = improved = 0
    size = neighbourhood
    slowest_build = 0.0  # the longest a step's model took to build so far
    while time.perf_counter() < deadline - 0.5:
        if stop is not None and stop.is_set():
            break
        if time.perf_counter() + BUILD_MARGIN * slowest_build > deadline - 0.5:
            # A step whose model would still be building at the deadline only
            # overruns it (on Mankowska G1 a step's model took 7-9 s to build).
            log.info("LNS: no time left to build another step's model")
            break
        steps += 1
        if seen is not incumbent:  # what a step can aim at, once per rota
            seen = incumbent
            costs = prices.of(incumbent.pairs) if prices is not None else {}
            coverable = _coverable(data, by_slot, incumbent)
        possible = [
            k
            for k, able in (
                (
                    "insert",
                    insert is not None and bool(coverable) and tried is not incumbent,
                ),
                ("uncovered", bool(coverable)),
                ("chain", bool(coverable)),
                ("costly", bool(costs)),
                ("person", True),
                ("random", True),
            )
            if able
        ]
        kind = chooser.pick(possible)
        if kind == "insert" and insert is not None:
            tried = incumbent
            found = insert(incumbent, deadline - 0.5 - time.perf_counter())
            chooser.reward(kind, found is not None)
            if found is not None:
                incumbent = tried = found
                improved += 1
                if on_improve is not None:
                    on_improve(incumbent)
            continue
        free, days = _neighbourhood(
            data, candidates, by_slot, incumbent, rng, size, kind, costs, coverable
        )
        limited = freed_candidates(data, candidates, incumbent, free, days)
        timing: dict[str, float] = {}
        try:
            found = solve_restricted(
                data,
                build,
                limited,
                incumbent.pairs,
                time_limit=min(step_seconds, deadline - time.perf_counter()),
                seed=rng.randrange(1 << 30),
                workers=workers,
                fixed=frozenset((w, k) for w, k in incumbent.pairs if w not in free),
                stop=stop,
                constrain=_floor(keep_cover, incumbent.pairs),
                timing=timing,
                until=deadline - 0.2,
            )
        except Stopped:
            break  # stopped while building the step: the incumbent stands
        slowest_build = max(slowest_build, timing.get("build", 0.0))
        # Adaptive size: a neighbourhood solved to optimality leaves room for a
        # larger one; one that runs out of time asks for a smaller one.
        if found is not None and found.proved:
            size = min(size + 1, 4 * neighbourhood)
        else:
            size = max(2, size - 1)
        better = found is not None and found.objective < incumbent.objective
        chooser.reward(kind, better)
        if found is None:
            continue
        if found.objective < incumbent.objective:
            incumbent = found
            improved += 1
            if on_improve is not None:
                on_improve(incumbent)
    if insert is not None and tried is not incumbent:
        found = insert(incumbent, deadline - 0.1 - time.perf_counter())
        if found is not None:
            incumbent = found
            improved += 1
            if on_improve is not None:
                on_improve(incumbent)
    log.info(
        "LNS: %d steps, %d improvements, last size %d, scores %s",
        steps,
        improved,
        size,
        {k: round(v, 2) for k, v in chooser.score.items()},
    )
    return incumbent
