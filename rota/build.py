"""Building the CP-SAT model from the rule registry."""

from __future__ import annotations

import threading
import time

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
    stop: threading.Event | None = None,
    deadline: float | None = None,
) -> tuple[RotaModel, list]:
    """The CP-SAT model with every active rule encoded; returns it and its objective.

    ``candidates`` (worker -> slots) skips the pair filters, for models restricted
    to part of the rota; ``keep_arcs`` are day-route arcs always made;
    ``minimums_for`` limits the lower-bound rules to those workers (None: all).
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
    """Roughly how many day-route arcs the full model would have."""
    most = data.policy.limits.max_successors if most is None else most
    total = 0
    for slots in candidates.values():
        per_day: dict[int, int] = {}
        for k in slots:
            per_day[data.slots[k].day] = per_day.get(data.slots[k].day, 0) + 1
        total += sum(n * min(n, most) for n in per_day.values())
    return total
