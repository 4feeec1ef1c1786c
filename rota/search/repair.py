"""Repairing minimums: a rota short only of fewest hours or days in a row, mended
a few workers at a time on small restricted models."""

from __future__ import annotations

import logging
import threading
import time

from ..build import build_model
from ..result import evaluate
from ..rules import Rule
from ..solver.data import Compiled
from ..solver.model import RotaModel
from ..solver.plan import Plan
from ..solver.stopping import Stopped, checkpoint
from .neighbourhoods import Incumbent, solve_restricted
from .pools import Pools, pooled_candidates

log = logging.getLogger("rota")


def repair_minimums(
    data: Compiled,
    rules: list[Rule],
    candidates: dict[int, list[int]],
    pairs: list[tuple[int, int]],
    *,
    deadline: float,
    seed: int,
    stop: threading.Event | None = None,
    chunk: int = 4,
    partners: int = 3,
    pools: Pools = (),
) -> Incumbent | None:
    """A rota keeping every hard rule, from one that breaks only minimums.

    The workers below a minimum (rules with ``lower_bound``) are freed a few at a
    time over the whole horizon, everyone else kept as they are; the model
    encodes the minimums of the freed workers and of those already meeting
    theirs, so each step is small. ``chunk`` workers below are freed at a time;
    after a failed step, one at a time, and a worker who finds no room alone is
    freed again with the ``partners`` colleagues holding most of the visits it
    could take. None when no step helps any more or time runs out. With
    ``pools`` (``rota.search.pools``) each step's model shares one variable per
    worker among a group's sessions.
    """
    lower = {r.id for r in rules if r.lower_bound}
    current = list(pairs)
    size = chunk
    stuck: set[int] = set()
    alone: set[int] = set()
    while True:
        evaluations = evaluate(Plan.from_pairs(data, current), rules)
        broken = [v for e in evaluations for v in e.violations]
        if any(v.rule not in lower for v in broken):
            return None  # something other than a minimum is broken
        below = sorted({w for v in broken for w in v.workers})
        if not below:
            if broken:
                return None  # e.g. a linked pair half covered: no worker to free
            return Incumbent(current, sum(e.penalty for e in evaluations))
        left = deadline - time.perf_counter()
        if left < 0.5 or (stop is not None and stop.is_set()):
            return None
        todo = [w for w in below if w not in stuck]
        if not todo:
            return None
        mine: dict[int, list[int]] = {w: [] for w in candidates}
        for w, k in current:
            mine.setdefault(w, []).append(k)
        target = todo[0]
        if size > 1:
            free = frozenset(todo[:size])
        elif target in alone:
            # Alone it found no room: free with it the colleagues (meeting their
            # own minimums) who hold most of the visits it could take.
            could = set(candidates.get(target, []))
            rivals = sorted(
                (w for w in candidates if w not in below),
                key=lambda w: -len(could.intersection(mine[w])),
            )
            free = frozenset([target, *rivals[:partners]])
        else:
            free = frozenset([target])
        waiting = frozenset(below) - free
        limited = pooled_candidates(
            data,
            pools,
            {w: candidates[w] if w in free else mine[w] for w in candidates},
        )
        keeps = frozenset(range(len(data.workers))) - waiting
        seconds = min(left, max(5.0, left / max(1, len(below) / size)))

        def build(
            limited: dict[int, list[int]],
            keep: frozenset[tuple[int, int, int]],
            keeps: frozenset[int] = keeps,
            by: float = time.perf_counter() + seconds,
        ) -> tuple[RotaModel, list]:
            return build_model(
                data,
                rules,
                candidates=limited,
                keep_arcs=keep,
                minimums_for=keeps,
                pools=pools,
                stop=stop,
                deadline=by,
            )

        try:
            found = solve_restricted(
                data,
                build,
                limited,
                current,
                time_limit=seconds,
                seed=seed,
                workers=1,
                fixed=frozenset((w, k) for w, k in current if w not in free),
                stop=stop,
                first_only=True,
                pools=pools,
                complete=False,  # the freed workers are short: it never completes
            )
        except Stopped:
            checkpoint(stop)  # a stop goes on up; out of time, the repair fails
            return None
        log.info(
            "repairing minimums: %d workers below, freed %d: %s",
            len(below),
            len(free),
            "done" if found is not None else "no rota",
        )
        if found is None:
            if size > 1:
                size = 1  # try the workers one at a time
            elif target not in alone:
                alone.add(target)
            else:
                stuck.add(target)  # others' repairs may yet make room
            continue
        stuck.clear()
        size = min(chunk, size * 2)
        current = found.pairs
