"""Building the CP-SAT model from the rule registry."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

from .rules import Rule
from .solver.data import Compiled
from .solver.model import RotaModel
from .solver.stopping import Stopped, checkpoint


def build_model(
    data: Compiled,
    rules: list[Rule],
    *,
    candidates: dict[int, list[int]] | None = None,
    keep_arcs: frozenset[tuple[int, int, int]] = frozenset(),
    max_successors: int | None = None,
    minimums_for: frozenset[int] | None = None,
    pools: Sequence[Sequence[int]] = (),
    stop: threading.Event | None = None,
    deadline: float | None = None,
) -> tuple[RotaModel, list]:
    """The CP-SAT model with every active rule encoded; returns it and its objective.

    ``candidates`` (worker -> slots) skips the pair filters, for models restricted
    to part of the rota; ``keep_arcs`` are day-route arcs always made;
    ``minimums_for`` limits the lower-bound rules to those workers (None: all);
    ``pools`` are groups of interchangeable sessions that share one variable per
    worker (``rota.search.pools``).
    Setting ``stop``, or passing ``deadline`` (a ``time.perf_counter()`` value),
    raises :class:`~rota.solver.stopping.Stopped` between rules.
    """

    def check() -> None:
        checkpoint(stop)
        if deadline is not None and time.perf_counter() > deadline:
            raise Stopped  # the time for this model is gone before it is built

    active = [r for r in rules if r.active(data)]
    check()
    model = RotaModel(
        data,
        pair_filters=[(r.id, r.blocks) for r in active if r.hard and r.filters_pairs],
        arc_filters=[r.may_follow for r in active if r.hard],
        candidates=candidates,
        keep_arcs=keep_arcs,
        max_successors=max_successors,
        minimums_for=minimums_for,
        pools=pools,
        check=check,
    )
    terms: list = []
    for rule in active:
        check()
        terms += rule.encode(model)
    check()
    return model, terms


def model_stats(model: RotaModel) -> dict[str, int]:
    return {
        "pairs": len(model.x),
        "routes": len(model.routes),
        "arcs": sum(len(r.arcs) for r in model.routes.values()),
        "slots": len(model.data.slots),
        "start_variables": len(model.starts),
    }


def estimated_arcs(
    data: Compiled, candidates: dict[int, list[int]], most: int | None = None
) -> int:
    """Roughly how many day-route arcs the full model would have: on a day where
    no visit can follow another (every visit of a rostering week's day overlaps
    or is too far from the rest), none."""
    most = data.policy.limits.max_successors if most is None else most
    linked = days_with_follows(data)
    total = 0
    for slots in candidates.values():
        per_day: dict[int, int] = {}
        for k in slots:
            per_day[data.slots[k].day] = per_day.get(data.slots[k].day, 0) + 1
        total += sum(n * min(n, most) for d, n in per_day.items() if d in linked)
    return total


def days_with_follows(data: Compiled) -> set[int]:
    """Days on which some visit could follow another for some worker: one ends,
    at its earliest, a journey (by some worker's transport) before the other's
    latest start. A day not listed gives every worker one visit at most."""
    import numpy as np

    by_day: dict[int, list[int]] = {}
    for slot in data.slots:
        by_day.setdefault(slot.day, []).append(slot.index)
    # One worker per means of transport stands for all who travel that way.
    travellers = list({w.transport: i for i, w in enumerate(data.workers)}.values())
    found = set()
    for day, slots in by_day.items():
        ends = np.asarray([data.slots[k].end for k in slots])
        starts = np.asarray([data.slots[k].latest_start for k in slots])
        sessions = np.asarray([data.slots[k].session for k in slots])
        apart = sessions[:, None] != sessions[None, :]
        for w in travellers:
            table = data.journeys_between(w, slots)
            if ((ends[:, None] + table <= starts[None, :]) & apart).any():
                found.add(day)
                break
    return found
