"""A Mankowska et al. (2014) HHCRSP instance as a rota problem for rota's engine.

Nothing here is special-cased in the engine: the instance becomes one day of
workers, people, sessions with start windows and linked sessions, and journeys;
the engine's rota becomes routes that :func:`rota.bench.evaluate_mankowska`
scores independently.

The mapping (docs/benchmarks.md, "The engine on Mankowska"):

- each caregiver is a worker whose home is the depot (nodes 0 and N-1 are the same
  place in every file) and whose skills are the services they are qualified for;
- each patient is a person; each service they require is a session at their home
  with the skill of that service, its window [e, l] as ``start`` and
  ``latest_start`` (``start`` raised to the journey from the depot, which every
  route leaves at 0), and its duration (the same for every caregiver);
- a double service's second session (the higher service index) is linked to the
  first with the instance's [mind, maxd] delay; 0 and 0 is simultaneous;
- the distance matrix gives the journeys: miles are the real distances, minutes
  their ceiling, so every rota the engine makes is feasible with the real values;
- the policy prices a mile, a minute late and the latest lateness at 1 point each
  (``travel_miles``, ``lateness``, ``max_lateness``), so the engine minimises
  D + T + Tmax, three times the benchmark's objective; every session must be
  covered (a high ``uncovered_weight``), and care rules the benchmark lacks are off.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..bench import MankowskaInstance, Visit, earliest_schedule
from ..model import Horizon, Problem, ServiceUser, Session, TravelEntry, Worker
from ..model.time import MINUTES_PER_DAY
from ..policy import Limits, Policy, Weights

START = dt.date(2024, 1, 1)
"""The benchmark's single day (a Monday)."""
DEFAULT_STEP = 10
"""Minutes between the start times offered inside a window."""
DEFAULT_LATE = MINUTES_PER_DAY
"""How far past a window's end a visit may still start (late): the benchmark puts
no cap on tardiness, so a whole day, and only the objective holds visits back
(docs/benchmarks.md, "A whole day late")."""
MUST_COVER = 100_000.0
"""Points per hour uncovered: far above any route's cost, so all is covered."""
_PLACE = (55.86, -4.25)


class MankowskaMappingError(ValueError):
    """An instance rota's model cannot express as it stands."""


@dataclass(frozen=True)
class MankowskaMapping:
    """An instance mapped onto rota's model.

    Attributes
    ----------
    instance
        The benchmark instance.
    problem, policy
        What the engine solves.
    visits
        Session id -> (node, service) of the benchmark.
    """

    instance: MankowskaInstance
    problem: Problem
    policy: Policy
    visits: dict[str, tuple[int, int]]


def worker_id(caregiver: int) -> str:
    """The rota worker id of a caregiver index."""
    return f"c{caregiver}"


def session_id(node: int, service: int) -> str:
    """The rota session id of a patient node's service."""
    return f"n{node}-s{service}"


def _clock(minute: int) -> dt.time:
    if not 0 <= minute < MINUTES_PER_DAY:
        raise MankowskaMappingError(f"time {minute} is outside one day")
    return dt.time(minute // 60, minute % 60)


def map_mankowska(
    instance: MankowskaInstance,
    *,
    step: int = DEFAULT_STEP,
    late: int = DEFAULT_LATE,
) -> MankowskaMapping:
    """Map an instance onto rota's problem and policy.

    Parameters
    ----------
    instance
        The instance (from :func:`rota.bench.read_mankowska`).
    step
        Minutes between the start times offered inside a window (the policy's
        ``window_step_minutes``); smaller is closer to the benchmark's continuous
        time and makes a larger model.
    late
        Minutes past a window's end a visit may still start (``max_late_minutes``).

    Raises
    ------
    MankowskaMappingError
        When durations differ between caregivers, or a time falls outside a day.
    """
    inst = instance
    depot, end_depot = inst.start_depot, inst.end_depot
    workers = [
        Worker(
            worker_id=worker_id(k),
            name=f"Caregiver {k}",
            contracted_hours=0,
            max_hours=24,
            max_hours_per_day=24,
            hourly_rate=0,
            skills=tuple(f"s{s}" for s, ok in enumerate(inst.qualified[k]) if ok),
            home_lat=_PLACE[0],
            home_lon=_PLACE[1],
        )
        for k in range(inst.n_caregivers)
    ]
    users = [
        ServiceUser(user_id=f"n{i}", name=f"Patient {i}", lat=_PLACE[0], lon=_PLACE[1])
        for i in inst.patients
    ]
    sessions: list[Session] = []
    visits: dict[str, tuple[int, int]] = {}
    for i in inst.patients:
        services = inst.services_required(i)
        # Every route leaves the depot at 0: no visit starts before it can be
        # reached. (rota does not time the journey from home; this says it here.)
        begin = max(math.ceil(inst.earliest[i]), math.ceil(inst.distance[depot][i]))
        latest = max(begin, math.floor(inst.latest[i]))
        for n, s in enumerate(services):
            lengths = {inst.duration[i][k][s] for k in range(inst.n_caregivers)}
            if len(lengths) != 1:
                raise MankowskaMappingError(
                    f"node {i} service {s}: durations differ between caregivers"
                )
            length = math.ceil(lengths.pop())
            link: dict[str, object] = {}
            if n == 1:
                link = {
                    "linked_to": session_id(i, services[0]),
                    "min_delay_minutes": math.ceil(inst.delta_min[i]),
                    "max_delay_minutes": math.floor(inst.delta_max[i]),
                }
            sid = session_id(i, s)
            visits[sid] = (i, s)
            sessions.append(
                Session(
                    session_id=sid,
                    user_id=f"n{i}",
                    date=START,
                    start=_clock(begin),
                    end=_clock(begin + length),
                    skills_required=(f"s{s}",),
                    priority="essential",
                    latest_start=_clock(latest),
                    uncovered_weight=MUST_COVER,
                    **link,
                )
            )
    travel = _travel(inst, workers, depot, end_depot)
    return MankowskaMapping(
        instance=inst,
        problem=Problem(
            workers=tuple(workers),
            users=tuple(users),
            sessions=tuple(sessions),
            travel=tuple(travel),
            horizon=Horizon(start=START, days=1),
        ),
        policy=mankowska_policy(step=step, late=late),
        visits=visits,
    )


def _travel(
    inst: MankowskaInstance, workers: Sequence[Worker], depot: int, end_depot: int
) -> list[TravelEntry]:
    """Journeys: real distances as miles, their ceiling as minutes."""

    def entry(origin: str, destination: str, d: float) -> TravelEntry:
        return TravelEntry(
            from_id=origin, to_id=destination, minutes=math.ceil(d), miles=d
        )

    out = [
        entry(f"n{i}", f"n{j}", inst.distance[i][j])
        for i in inst.patients
        for j in inst.patients
        if i != j
    ]
    for w in workers:
        for i in inst.patients:
            out.append(entry(w.worker_id, f"n{i}", inst.distance[depot][i]))
            out.append(entry(f"n{i}", w.worker_id, inst.distance[i][end_depot]))
    return out


def mankowska_policy(*, step: int = DEFAULT_STEP, late: int = DEFAULT_LATE) -> Policy:
    """The policy: a mile, a minute late and the latest lateness cost 1 point each;
    rest, breaks, day spans and hours caps, which the benchmark lacks, are off."""
    limits = Limits(
        max_hours_per_day=24,
        max_days_per_week=7,
        max_travel_minutes=MINUTES_PER_DAY,
        min_rest_hours=0,
        weekly_rest=False,
        break_minutes=0,
        max_day_span_hours=24,
        window_step_minutes=step,
        max_late_minutes=late,
    )
    weights = {name: 0 for name in Weights.model_fields}
    weights |= {"travel_miles": 1, "lateness": 1, "max_lateness": 1}
    return Policy(
        name="mankowska",
        description="Mankowska et al. (2014) home health care routing benchmark",
        limits=limits,
        weights=Weights(**weights),
    )


def routes_of(
    mapping: MankowskaMapping, pairs: Iterable[tuple[str, str, int]]
) -> list[list[Visit]]:
    """Benchmark routes from (worker id, session id, start minute) visits.

    Each caregiver's visits are ordered by their start in the rota; the start
    times written are the earliest feasible ones with the instance's real
    distances (:func:`rota.bench.earliest_schedule`), which are never later than
    the rota's.
    """
    inst = mapping.instance
    by_worker: list[list[tuple[int, str]]] = [[] for _ in range(inst.n_caregivers)]
    index = {worker_id(k): k for k in range(inst.n_caregivers)}
    for worker, sid, start in pairs:
        by_worker[index[worker]].append((start, sid))
    sequences = [
        [mapping.visits[sid] for _, sid in sorted(visits)] for visits in by_worker
    ]
    return earliest_schedule(inst, sequences)
