"""Splitting a week into parts by area, each a valid Problem on its own.

People are grouped by where they live (or by an ``area``/``team`` column when the
data carries one), each worker joins one group, and every record follows its
parties. No worker and no person is in two parts, so rotas made for the parts
never clash when put together: each hard rule concerns one worker or one person.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..model import Problem, Session
from ..model.time import span
from .balance import balanced_assign, kmeans_balanced

WORKERS_PER_PART = 50
"""Target size of a part when ``parts`` is not given (about 40 to 60 workers)."""

AREA_COLUMNS = ("area", "team")
"""Extra columns that name a person's area, looked up in this order."""

KM_PER_DEGREE_LAT = 110.574
KM_PER_DEGREE_LON_EQUATOR = 111.320


class DecomposeError(ValueError):
    """A week that cannot be split or solved by area as asked."""


@dataclass(frozen=True)
class Part:
    """One area: its people, its workers and the Problem made of their records."""

    index: int
    label: str
    problem: Problem
    centre: tuple[float, float]
    """Mean home (lat, lon) of the part's people."""

    @property
    def worker_ids(self) -> tuple[str, ...]:
        """The part's workers."""
        return tuple(w.worker_id for w in self.problem.workers)

    @property
    def user_ids(self) -> tuple[str, ...]:
        """The part's people."""
        return tuple(u.user_id for u in self.problem.users)


def auto_parts(problem: Problem) -> int:
    """About one part per :data:`WORKERS_PER_PART` workers, at least one."""
    return max(1, round(len(problem.workers) / WORKERS_PER_PART))


def split_by_area(
    problem: Problem,
    parts: int | None = None,
    *,
    seed: int = 0,
    by: str = "auto",
) -> list[Part]:
    """Split a week into parts by area.

    Parameters
    ----------
    problem
        The whole week.
    parts
        How many parts; about one per 50 workers when None. Ignored when the parts
        come from an area column.
    seed
        Seed of the clustering's start; the same seed gives the same split.
    by
        ``"auto"``: an ``area`` (or else ``team``) column of service_users.csv when
        every person has one, otherwise where people live; ``"location"``: where
        people live; any other value: the name of that column.

    Returns
    -------
    list[Part]
        Non-empty parts, largest demand first, each a valid Problem with the whole
        week's horizon. Every worker, person and session is in exactly one part.

    Raises
    ------
    DecomposeError
        When a named column is missing for some person, or ``parts`` is below 1.
    """
    if parts is not None and parts < 1:
        raise DecomposeError(f"parts must be at least 1, not {parts}")
    users = problem.users
    demand = _demand(problem)
    weights = [demand.get(u.user_id, 0.0) for u in users]
    column = _area_column(problem, by)
    xy = _project(
        [(u.lat, u.lon) for u in users]
        + [(w.home_lat, w.home_lon) for w in problem.workers]
    )
    people_xy, worker_xy = xy[: len(users)], xy[len(users) :]
    if column is not None:
        labels = sorted({u.extra[column].strip() for u in users})
        user_part = [labels.index(u.extra[column].strip()) for u in users]
        centres = _centres(people_xy, user_part, len(labels))
    else:
        k = min(parts or auto_parts(problem), max(1, len(users)))
        user_part, centres = kmeans_balanced(people_xy, weights, k, seed=seed)
        labels = [f"area {i + 1}" for i in range(k)]
    part_demand = [0.0] * len(labels)
    for weight, part in zip(weights, user_part, strict=True):
        part_demand[part] += weight
    worker_part = _workers_to_parts(
        problem, column, labels, worker_xy, centres, part_demand
    )
    built = []
    for c, label in enumerate(labels):
        people = {u.user_id for u, p in zip(users, user_part, strict=True) if p == c}
        staff = {
            w.worker_id
            for w, p in zip(problem.workers, worker_part, strict=True)
            if p == c
        }
        if not people and not staff:
            continue
        built.append((sum(demand.get(u, 0.0) for u in people), label, people, staff))
    built.sort(key=lambda row: (-row[0], row[1]))
    return [
        Part(
            index=i,
            label=label,
            problem=restrict(problem, people, staff),
            centre=_centre_of(problem, people),
        )
        for i, (_, label, people, staff) in enumerate(built)
    ]


def restrict(problem: Problem, user_ids: set[str], worker_ids: set[str]) -> Problem:
    """The part of a week that concerns some people and some workers.

    Sessions follow their person; availability its worker; travel rows need both
    places in the part; published lines and agreements need every party in it.
    A person's preferred and excluded workers outside the part are dropped (an
    excluded worker outside the part cannot be sent anyway).
    """
    sessions = tuple(s for s in problem.sessions if s.user_id in user_ids)
    session_ids = {s.session_id for s in sessions}
    places = user_ids | worker_ids | session_ids
    users = tuple(
        u.model_copy(
            update={
                "preferred_workers": tuple(
                    w for w in u.preferred_workers if w in worker_ids
                ),
                "excluded_workers": tuple(
                    w for w in u.excluded_workers if w in worker_ids
                ),
            }
        )
        for u in problem.users
        if u.user_id in user_ids
    )
    parties = user_ids | worker_ids
    return Problem(
        workers=tuple(w for w in problem.workers if w.worker_id in worker_ids),
        users=users,
        sessions=sessions,
        availability=tuple(
            a for a in problem.availability if a.worker_id in worker_ids
        ),
        travel=tuple(
            t for t in problem.travel if t.from_id in places and t.to_id in places
        ),
        published=tuple(
            p
            for p in problem.published
            if p.session_id in session_ids and p.worker_id in worker_ids
        ),
        agreements=tuple(
            a
            for a in problem.agreements
            if a.party_id in parties
            and (a.session_id is None or a.session_id in session_ids)
        ),
        horizon=problem.period,
    )


def _demand(problem: Problem) -> dict[str, float]:
    """Worker-minutes each person asks for in the week."""
    out: dict[str, float] = {}
    for s in problem.sessions:
        out[s.user_id] = out.get(s.user_id, 0.0) + _minutes(s) * s.staff_required
    return out


def _minutes(session: Session) -> float:
    begin, end = span(session.date, session.start, session.end)
    return (end - begin).total_seconds() / 60


def _area_column(problem: Problem, by: str) -> str | None:
    if by == "location":
        return None
    if by == "auto":
        for name in AREA_COLUMNS:
            if problem.users and all(
                u.extra.get(name, "").strip() for u in problem.users
            ):
                return name
        return None
    missing = [u.user_id for u in problem.users if not u.extra.get(by, "").strip()]
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise DecomposeError(
            f"service_users.csv has no '{by}' value for {len(missing)} person(s): "
            f"{shown}"
        )
    return by


def _workers_to_parts(
    problem: Problem,
    column: str | None,
    labels: Sequence[str],
    worker_xy: np.ndarray,
    centres: np.ndarray,
    part_demand: Sequence[float],
) -> list[int]:
    """Each worker's part: their own area when named, else near home, balanced.

    Workers without a named area go to a part near home, each part taking workers
    up to its share of everyone's weekly hours (its share of the demand), so that a
    dense neighbourhood does not take every worker nearby.
    """
    n = len(problem.workers)
    fixed: list[int | None] = [None] * n
    if column is not None:
        index = {label: i for i, label in enumerate(labels)}
        for i, w in enumerate(problem.workers):
            fixed[i] = index.get(w.extra.get(column, "").strip())
    supply = [w.max_hours * 60 for w in problem.workers]
    total_demand = sum(part_demand) or 1.0
    total_supply = sum(supply)
    capacity = [total_supply * d / total_demand for d in part_demand]
    for i, part in enumerate(fixed):
        if part is not None:
            capacity[part] -= supply[i]
    free = [i for i in range(n) if fixed[i] is None]
    if not free:
        return [p for p in fixed if p is not None]
    chosen = balanced_assign(
        worker_xy[free], [supply[i] for i in free], centres, capacity
    )
    out = list(fixed)
    for i, part in zip(free, chosen, strict=True):
        out[i] = part
    return [p if p is not None else 0 for p in out]


def _project(points: Sequence[tuple[float, float]]) -> np.ndarray:
    """(lat, lon) as kilometres east and north of a shared origin."""
    if not points:
        return np.zeros((0, 2))
    lat0 = sum(p[0] for p in points) / len(points)
    scale = KM_PER_DEGREE_LON_EQUATOR * math.cos(math.radians(lat0))
    return np.array([(lon * scale, lat * KM_PER_DEGREE_LAT) for lat, lon in points])


def _centres(xy: np.ndarray, part: Sequence[int], k: int) -> np.ndarray:
    centres = np.zeros((k, 2))
    for c in range(k):
        members = [i for i, p in enumerate(part) if p == c]
        if members:
            centres[c] = xy[members].mean(axis=0)
    return centres


def _centre_of(problem: Problem, user_ids: set[str]) -> tuple[float, float]:
    homes = [(u.lat, u.lon) for u in problem.users if u.user_id in user_ids]
    if not homes:
        return (math.nan, math.nan)
    return (
        round(sum(h[0] for h in homes) / len(homes), 5),
        round(sum(h[1] for h in homes) / len(homes), 5),
    )
