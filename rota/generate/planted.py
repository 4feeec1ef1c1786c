"""A week built around a known full rota ("feasible" sample weeks).

The planner first places sessions inside what workers stated; what is left is
placed ignoring stated hours (leave still blocks) and those workers' availability
is widened to hold it, as if they had offered those hours. Sessions no worker can
take within the hard rules even then are dropped from the week, so the week that
remains is covered in full by the plan.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Sequence

from ..model import AvailabilityWindow, Horizon, ServiceUser, Session, TravelMatrix
from ..model.records import WindowKind, Worker
from .planner import DAY, Planner

log = logging.getLogger("rota")

ROUND_MINUTES = 30
"""Widened availability is stated in half hours, as people say it."""


def plant_full_rota(
    workers: Sequence[Worker],
    users: Sequence[ServiceUser],
    sessions: Sequence[Session],
    availability: Sequence[AvailabilityWindow],
    horizon: Horizon,
    travel: TravelMatrix,
) -> tuple[list[Session], list[AvailabilityWindow], list[tuple[str, str]]]:
    """Plan every session it can, then fit the week to the plan.

    Returns
    -------
    tuple
        The sessions kept (all covered by the plan), the availability widened to
        contain the plan, and the plan as sorted (session_id, worker_id) pairs.
    """
    planner = Planner(workers, users, availability, horizon, travel)
    left = planner.place(sessions)
    planner.respect_availability = False
    left = planner.place(left)
    if left:
        log.info("planted week: %d sessions no worker could take dropped", len(left))
    kept = [s for s in sessions if s.session_id in planner.assigned]
    stated = {w.worker_id for w in availability if w.kind == "available"}
    extra: list[AvailabilityWindow] = []
    for worker_id, week in planner.weeks.items():
        if worker_id not in stated:
            continue
        for slots in week.days.values():
            for slot in slots:
                if not any(a <= slot.start and slot.end <= b for a, b in week.stated):
                    start = slot.start - slot.start % ROUND_MINUTES
                    end = -(-slot.end // ROUND_MINUTES) * ROUND_MINUTES
                    extra.append(window_row(horizon, worker_id, start, end))
    widened = _merge_available(horizon, [*availability, *extra])
    return kept, widened, planner.pairs()


def window_row(
    horizon: Horizon,
    worker_id: str,
    start: int,
    end: int,
    kind: WindowKind = "available",
    weight: float | None = None,
) -> AvailabilityWindow:
    """An availability.csv row for horizon minutes ``start``-``end``."""
    begin, finish = horizon.to_datetime(start), horizon.to_datetime(end)
    return AvailabilityWindow(
        worker_id=worker_id,
        date=begin.date(),
        start=begin.time(),
        end=finish.time(),
        kind=kind,
        weight=weight,
    )


def _merge_available(
    horizon: Horizon, rows: Sequence[AvailabilityWindow]
) -> list[AvailabilityWindow]:
    """Overlapping or touching available windows of a worker become one."""
    intervals: dict[str, list[tuple[int, int]]] = defaultdict(list)
    others: list[AvailabilityWindow] = []
    for row in rows:
        if row.kind == "available":
            intervals[row.worker_id].append(
                horizon.interval(row.date, row.start, row.end)
            )
        else:
            others.append(row)
    merged: list[AvailabilityWindow] = []
    for worker_id, spans in intervals.items():
        spans.sort()
        current = [spans[0]]
        for start, end in spans[1:]:
            last_start, last_end = current[-1]
            # A window of a day or more cannot be written as one row.
            if start <= last_end and max(end, last_end) - last_start < DAY:
                current[-1] = (last_start, max(end, last_end))
            else:
                current.append((start, end))
        merged += [window_row(horizon, worker_id, a, b) for a, b in current]
    result = merged + others
    return sorted(result, key=lambda w: (w.worker_id, _order(w)))


def _order(row: AvailabilityWindow) -> tuple[dt.date, dt.time, int, dt.time]:
    kinds = ("available", "preferred", "undesired", "unavailable")
    return row.date, row.start, kinds.index(row.kind), row.end
