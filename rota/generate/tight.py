"""Tight weeks: a feasible week cut down to its planted rota.

Every worker's stated availability becomes exactly their planted working days: on
each day they work, one ``available`` window from the start of their first planted
visit to the end of their last; on any other day, nothing. ``max_hours`` becomes
exactly the paid hours the planted rota gives them (visits plus travel between
consecutive visits, the default policy's count), rounded up only as far as the
field needs to hold it. Contracted and minimum hours are lowered to that where they
were above it. The planted rota still keeps every hard rule, but no worker can take
on a minute more than it gives them, so a solver has no slack to lean on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..model import AvailabilityWindow, Horizon, Problem, TravelMatrix, Worker
from ..policy import Limits
from ..solver.data import travel_matrix
from .planted import window_row

DAY = 1440

Visit = tuple[int, int, str]
"""(start, end, place id) of a planted visit, in horizon minutes."""


def hours_holding(minutes: int) -> float:
    """The fewest hours, in as few decimals as will do, that hold ``minutes``.

    Hundredths of an hour always hold a whole number of minutes once rounded to
    the minute, as the engine reads hours (they overshoot by at most 0.4 minutes);
    a third decimal is used where the float of hundredths times 60 falls a hair
    short of ``minutes``, so neither rounding nor truncation widens or narrows the
    cap. E.g. 440 minutes -> 7.34, 123 minutes -> 2.051 (2.05 * 60 is
    122.99999999999999 in floating point).
    """
    for places in range(2, 10):
        scale = 10**places
        least = -(-minutes * scale // 60)
        for value in (least / scale, (least + 1) / scale):
            if value * 60 >= minutes and round(value * 60) == minutes:
                return value
    raise AssertionError(f"no decimal hours hold {minutes} minutes")  # pragma: no cover


def tighten(problem: Problem, plan: Sequence[tuple[str, str]]) -> Problem:
    """The week with availability and hours cut to the planted rota ``plan``.

    Parameters
    ----------
    problem
        A feasible week (built around ``plan``).
    plan
        (session_id, worker_id) pairs covering every session.

    Returns
    -------
    Problem
        The same week where each worker's ``available`` windows are their planted
        working days (``preferred`` and ``undesired`` windows clipped to them;
        leave kept; a worker with no planted work is unavailable every day of the
        horizon, since no stated window at all would mean "any time"), and
        ``max_hours`` is the planted paid hours (see :func:`hours_holding`), with
        ``contracted_hours`` and ``min_total_hours`` at most that.
    """
    horizon = problem.period
    travel = travel_matrix(problem, Limits())
    days: dict[str, dict[int, list[Visit]]] = defaultdict(lambda: defaultdict(list))
    for session_id, worker_id in plan:
        session = problem.session_by_id[session_id]
        start, end = horizon.interval(session.date, session.start, session.end)
        days[worker_id][start // DAY].append((start, end, problem.place_of(session)))
    workers: list[Worker] = []
    availability: list[AvailabilityWindow] = []
    for worker in problem.workers:
        mine = {day: sorted(visits) for day, visits in days[worker.worker_id].items()}
        windows = [
            (v[0][0], max(end for _, end, _ in v)) for _, v in sorted(mine.items())
        ]
        paid = sum(_paid(travel, worker, visits) for visits in mine.values())
        workers.append(_capped(worker, paid))
        availability += _stated(problem, horizon, worker.worker_id, windows)
    kinds = ("available", "preferred", "undesired", "unavailable")
    availability.sort(
        key=lambda w: (w.worker_id, w.date, w.start, kinds.index(w.kind), w.end)
    )
    # A new Problem, not model_copy: the copy would keep the cached lookups.
    return Problem(
        workers=tuple(workers),
        users=problem.users,
        sessions=problem.sessions,
        availability=tuple(availability),
        travel=problem.travel,
        published=problem.published,
        agreements=problem.agreements,
        horizon=horizon,
    )


def _paid(travel: TravelMatrix, worker: Worker, visits: list[Visit]) -> int:
    """Paid minutes of one planted day: the visits and the journeys between them."""
    paid = sum(end - start for start, end, _ in visits)
    for (_, _, here), (_, _, there) in zip(visits, visits[1:], strict=False):
        paid += travel.journey(here, there, worker.transport).minutes
    return paid


def _capped(worker: Worker, paid_minutes: int) -> Worker:
    most = hours_holding(paid_minutes)
    update: dict[str, float] = {
        "max_hours": most,
        "contracted_hours": min(worker.contracted_hours, most),
    }
    if worker.min_total_hours is not None:
        update["min_total_hours"] = min(worker.min_total_hours, most)
    return worker.model_copy(update=update)


def _stated(
    problem: Problem,
    horizon: Horizon,
    worker_id: str,
    windows: list[tuple[int, int]],
) -> list[AvailabilityWindow]:
    """The worker's rows: the planted days, soft windows clipped to them, leave."""
    rows = [window_row(horizon, worker_id, a, b, "available") for a, b in windows]
    for row in problem.availability:
        if row.worker_id != worker_id or row.kind == "available":
            continue
        if row.kind == "unavailable":
            rows.append(row)
            continue
        start, end = horizon.interval(row.date, row.start, row.end)
        for a, b in windows:
            if max(a, start) < min(b, end):
                rows.append(
                    window_row(
                        horizon,
                        worker_id,
                        max(a, start),
                        min(b, end),
                        row.kind,
                        row.weight,
                    )
                )
    if not windows:
        rows += [
            window_row(horizon, worker_id, d * DAY, (d + 1) * DAY, "unavailable")
            for d in range(horizon.days)
        ]
    return rows
