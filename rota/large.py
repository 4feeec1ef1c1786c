"""Large weeks: a greedy rota improved by neighbourhood search, no full model."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from .build import build_model, estimated_arcs
from .result import Result, evaluate, finish
from .rules import Rule
from .solver.data import SCALE, Compiled
from .solver.hint import greedy_pairs
from .solver.lns import Incumbent, improve, solve_restricted
from .solver.model import RotaModel
from .solver.plan import Plan

log = logging.getLogger("rota")

Progress = Callable[[float, float, float], None]


def solve_large(
    data: Compiled,
    rules: list[Rule],
    candidates: dict[int, list[int]],
    start_pairs: list[tuple[int, int]],
    *,
    began: float,
    deadline: float,
    seed: int,
    workers: int,
    on_progress: Progress | None,
    stop: threading.Event | None,
) -> Result:
    """Greedy rota, then neighbourhood search on restricted models (no full model)."""

    def build(
        limited: dict[int, list[int]], keep: frozenset[tuple[int, int, int]]
    ) -> tuple[RotaModel, list]:
        return build_model(data, rules, candidates=limited, keep_arcs=keep)

    by_slot: dict[int, list[int]] = {}
    for w, slots in candidates.items():
        for k in slots:
            by_slot.setdefault(k, []).append(w)
    stats = {
        "pairs": sum(map(len, candidates.values())),
        "estimated_arcs": estimated_arcs(data, candidates),
    }
    pairs = greedy_pairs(data, by_slot, rules, start_pairs)
    # The rules' own evaluation prices the greedy rota exactly (the objective of
    # any model of it would be the same sum), so no solve is needed for a first rota.
    evaluations = evaluate(Plan.from_pairs(data, pairs), rules)
    start: Incumbent | None = Incumbent(pairs, sum(e.penalty for e in evaluations))
    if any(e.violations for e in evaluations):
        # The greedy leaves minimums (fewest hours, fewest consecutive days) to the
        # solver: search the whole week from the greedy rota for one that keeps them.
        broken = sorted({e.rule for e in evaluations if e.violations})
        log.info("the greedy rota breaks %s; searching the whole week", broken)
        start = solve_restricted(
            data,
            build,
            candidates,
            pairs,
            time_limit=max(0.05, deadline - time.perf_counter()),
            seed=seed,
            workers=workers,
            stop=stop,
        )
    if start is None:
        # No rota keeps every hard rule in the time given: emit none, never a rota
        # that breaks one.
        return finish(
            data,
            rules,
            [],
            status="UNKNOWN",
            objective=None,
            bound=None,
            began=began,
            first=None,
            stats=stats,
            seed=seed,
            workers=workers,
            stop=stop,
        )
    first = time.perf_counter() - began
    log.info("first rota (greedy) after %.2fs", first)
    if on_progress is not None:
        on_progress(first, start.objective / SCALE, 0.0)

    def report(best: Incumbent) -> None:
        if on_progress is not None:
            on_progress(time.perf_counter() - began, best.objective / SCALE, 0.0)

    best = improve(
        data,
        build,
        candidates,
        start,
        deadline=deadline,
        seed=seed,
        workers=workers,
        stop=stop,
        on_improve=report,
    )
    return finish(
        data,
        rules,
        best.pairs,
        status="FEASIBLE",
        objective=best.objective,
        bound=None,
        began=began,
        first=first,
        stats=stats,
        seed=seed,
        workers=workers,
        stop=stop,
    )
