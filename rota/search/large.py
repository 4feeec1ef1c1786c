"""Large weeks: a greedy rota improved by neighbourhood search, no full model."""

from __future__ import annotations

import logging
import threading
import time

from ..build import build_model, estimated_arcs
from ..result import Result, evaluate, finish
from ..rules import Rule
from ..solver.data import SCALE, Compiled
from ..solver.model import RotaModel
from ..solver.plan import Plan
from ..solver.stopping import Phases, Stopped, checkpoint
from .construct import greedy_pairs
from .cover import cover_cost, cover_first, keep_cover
from .days import DayPrices
from .neighbourhoods import Incumbent, improve, solve_restricted
from .pools import Pools
from .progress import Coverage, Progress
from .repair import repair_minimums

log = logging.getLogger("rota")


def _covered(data: Compiled, pairs: list[tuple[int, int]]) -> int:
    plan = Plan.from_pairs(data, pairs)
    return sum(1 for s in range(len(data.sessions)) if plan.covered(s))


def construct(
    data: Compiled,
    by_slot: dict[int, list[int]],
    rules: list[Rule],
    start: list[tuple[int, int]],
    *,
    time_budget: float,
    stop: threading.Event | None,
) -> list[tuple[int, int]]:
    """The greedy rota (workers in the greedy's order), or, when it covers every
    session, the better of it and a rota giving each visit to the worker whose day
    it shapes best (``shape_days``): more cover (the cover-pricing rules), then the
    lower soft penalty. A rota leaving sessions uncovered goes to the coverage
    phase, whose rounds reshape it whole, so a shaped start bought nothing there
    (medium week under ``no-split-shifts``: 350 covered from the plain start
    against 348 from the shaped one) and took 4-13 s on tight 120- and 300-worker
    weeks. Where no rule prices a day's shape (nurse rostering's benchmark
    policies) only the plain rota is made."""
    began = time.perf_counter()
    shaped_too = bool(DayPrices(data, rules).local)
    plain = greedy_pairs(
        data,
        by_slot,
        rules,
        start,
        time_budget=time_budget / 2 if shaped_too else time_budget,
        stop=stop,
    )
    if not shaped_too:
        return plain  # no rule prices a day's shape: the shaped rota is the same
    if cover_cost(data, rules, plain) > 0:
        return plain  # the coverage phase's to reshape (see above)
    try:
        shaped = greedy_pairs(
            data,
            by_slot,
            rules,
            start,
            time_budget=max(0.05, time_budget - (time.perf_counter() - began)),
            stop=stop,
            shape_days=True,
        )
    except Stopped:
        return plain  # stopped during the second: the first rota stands

    def price(pairs: list[tuple[int, int]]) -> tuple[int, int]:
        plan = Plan.from_pairs(data, pairs)
        soft = sum(e.penalty for e in evaluate(plan, rules))
        return cover_cost(data, rules, pairs), soft

    best = min((plain, shaped), key=price)
    log.info(
        "construction: %s rota kept (plain %s, shaped %s)",
        "shaped" if best is shaped else "plain",
        price(plain),
        price(shaped),
    )
    return best


def insert_uncovered(
    data: Compiled,
    rules: list[Rule],
    by_slot: dict[int, list[int]],
    best: Incumbent,
    seconds: float,
    stop: threading.Event | None,
) -> Incumbent | None:
    """``best`` with the uncovered sessions a worker can take as the rota stands
    added by the greedy, when the rules' own evaluation finds every hard rule kept
    and a lower objective; else None."""
    if seconds < 0.05:
        return None
    try:
        pairs = greedy_pairs(
            data, by_slot, rules, best.pairs, time_budget=seconds, stop=stop
        )
    except Stopped:
        return None  # the search stops at once, with ``best``
    evaluations = evaluate(Plan.from_pairs(data, pairs), rules)
    objective = sum(e.penalty for e in evaluations)
    if any(e.violations for e in evaluations) or objective >= best.objective:
        return None
    log.info("insertion: objective %s -> %s", best.objective, objective)
    return Incumbent(pairs, objective)


WHOLE_WEEK_MOST_PAIRS = 120_000
"""Above this many worker-visit pairs a failed repair is not followed by a search
of the whole week: its model alone takes longer to build than any time limit
(Curtois Instance 24, 677,000 pairs: over 140 s in the build, past a 60 s limit)."""


def solve_large(
    data: Compiled,
    rules: list[Rule],
    candidates: dict[int, list[int]],
    start_pairs: list[tuple[int, int]],
    *,
    began: float,
    deadline: float,
    phases: Phases | None = None,
    seed: int,
    workers: int,
    on_progress: Progress | None,
    stop: threading.Event | None,
    on_coverage: Coverage | None = None,
    pools: Pools = (),
) -> Result:
    """Greedy rota, then neighbourhood search on restricted models (no full model).

    ``pools`` (``rota.search.pools``) pool the repair's models; the coverage
    phase and the neighbourhood search keep every session apart.

    A stop during the greedy or the repairs raises
    :class:`~rota.solver.stopping.Stopped` (there is no rota to keep yet); during
    the neighbourhood search it keeps the best rota so far.
    """

    def build(
        limited: dict[int, list[int]], keep: frozenset[tuple[int, int, int]]
    ) -> tuple[RotaModel, list]:
        return build_model(
            data,
            rules,
            candidates=limited,
            keep_arcs=keep,
            stop=stop,
            deadline=deadline,
        )

    by_slot: dict[int, list[int]] = {}
    for w, slots in candidates.items():
        for k in slots:
            by_slot.setdefault(k, []).append(w)
    stats = {
        "pairs": sum(map(len, candidates.values())),
        "estimated_arcs": estimated_arcs(data, candidates),
    }
    phases = phases or Phases()
    pairs = construct(
        data,
        by_slot,
        rules,
        start_pairs,
        time_budget=max(0.1, (deadline - time.perf_counter()) / 3),
        stop=stop,
    )
    phases.lap("construction")
    first: float | None = None
    greedy = evaluate(Plan.from_pairs(data, pairs), rules)
    if not any(e.violations for e in greedy):
        # A valid rota already: report it before the coverage phase looks for more.
        first = time.perf_counter() - began
        if on_progress is not None:
            on_progress(first, sum(e.penalty for e in greedy) / SCALE, 0.0)
        if on_coverage is not None:
            on_coverage(first, _covered(data, pairs))
    pairs = cover_first(
        data,
        rules,
        candidates,
        by_slot,
        pairs,
        deadline=deadline,
        seed=seed,
        workers=workers,
        stop=stop,
    ).pairs
    phases.lap("cover")
    # The rules' own evaluation prices the greedy rota exactly (the objective of
    # any model of it would be the same sum), so no solve is needed for a first rota.
    evaluations = evaluate(Plan.from_pairs(data, pairs), rules)
    start: Incumbent | None = Incumbent(pairs, sum(e.penalty for e in evaluations))
    if any(e.violations for e in evaluations):
        # The greedy leaves minimums (fewest hours, fewest consecutive days) to the
        # solver: repair the workers below theirs a few at a time, and search the
        # whole week only if that fails.
        broken = sorted({e.rule for e in evaluations if e.violations})
        log.info("the greedy rota breaks %s; repairing it", broken)
        start = repair_minimums(
            data,
            rules,
            candidates,
            pairs,
            deadline=deadline,
            seed=seed,
            stop=stop,
            pools=pools,
        )
        if (
            start is None
            and time.perf_counter() < deadline - 1
            and stats["pairs"] <= WHOLE_WEEK_MOST_PAIRS
        ):
            log.info("repair failed; searching the whole week")
            try:
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
            except Stopped:
                checkpoint(stop)  # a stop goes on up; out of time, no rota
    phases.lap("repair")
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
            phases=phases,
        )
    now = time.perf_counter() - began
    if first is None:
        first = now
    log.info("first rota after %.2fs; the search starts after %.2fs", first, now)
    # The rota the search starts from, at the time it was found (the greedy rota,
    # if valid, was reported at its own time before the coverage phase).
    if on_progress is not None:
        on_progress(now, start.objective / SCALE, 0.0)
    if on_coverage is not None:
        on_coverage(now, _covered(data, start.pairs))

    def report(best: Incumbent) -> None:
        elapsed = time.perf_counter() - began
        if on_progress is not None:
            on_progress(elapsed, best.objective / SCALE, 0.0)
        if on_coverage is not None:
            on_coverage(elapsed, _covered(data, best.pairs))

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
        keep_cover=lambda m, pairs: keep_cover(data, rules, m, pairs),
        prices=DayPrices(data, rules),
        insert=lambda best, seconds: insert_uncovered(
            data, rules, by_slot, best, seconds, stop
        ),
    )
    phases.lap("search")
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
        phases=phases,
    )
