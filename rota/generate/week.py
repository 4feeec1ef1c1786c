"""Whole sample weeks: size, people, staff, and (on request) a planted full rota."""

from __future__ import annotations

import datetime as dt
import logging
import random

from ..model import (
    AvailabilityWindow,
    Horizon,
    Problem,
    ServiceUser,
    Session,
    TravelMatrix,
    Worker,
)
from ..model.time import span
from ..policy import Limits
from .addresses import with_addresses
from .archetypes import ARCHETYPES, archetype_counts
from .geography import make_town
from .names import NameBook
from .people import make_user, session_of, with_staff_wishes
from .planner import Planner
from .planted import plant_full_rota
from .team import make_team
from .tight import tighten

log = logging.getLogger("rota")

SIZES: dict[str, tuple[int, int]] = {
    "small": (10, 15),
    "medium": (40, 60),
    "large": (150, 250),
}
"""Named sizes: (workers, people supported)."""

PEOPLE_PER_WORKER = 1.6
"""People supported per worker when the size is a number of workers."""

MIN_WORKERS = 3
DEFAULT_START = dt.date(2026, 11, 30)
"""A fixed Monday, so that sample data does not change with the calendar."""


def resolve_size(size: str | int) -> tuple[int, int]:
    """Workers and people for a named size or a number of workers.

    Raises
    ------
    ValueError
        For an unknown name or too few workers.
    """
    if isinstance(size, str) and size.strip().lower() in SIZES:
        return SIZES[size.strip().lower()]
    try:
        workers = int(size)
    except ValueError:
        names = ", ".join(SIZES)
        raise ValueError(
            f"size must be {names} or a number of workers, not '{size}'"
        ) from None
    if workers < MIN_WORKERS:
        raise ValueError(f"size must be at least {MIN_WORKERS} workers, not {workers}")
    return workers, max(len(ARCHETYPES), round(workers * PEOPLE_PER_WORKER))


def generate_week(
    size: str | int,
    *,
    seed: int,
    start: dt.date | None = None,
    feasible: bool = False,
    tight: bool = False,
) -> Problem:
    """A realistic week of a UK personalised-care provider.

    Parameters
    ----------
    size
        ``small`` (10 workers, 15 people), ``medium`` (40, 60), ``large``
        (150, 250), or a number of workers (people scale with it).
    seed
        Same seed, same week, byte for byte.
    start
        The Monday the week starts (default 2026-11-30).
    feasible
        Build the week around a planted rota that covers every session within
        every hard rule (see :func:`generate_week_with_plan`).
    tight
        With ``feasible``: cut every worker's availability and ``max_hours`` down
        to exactly what the planted rota gives them (see
        :func:`rota.generate.tight.tighten`).

    Returns
    -------
    Problem
        Workers, people, sessions and availability; no travel, published rota or
        agreements.
    """
    return generate_week_with_plan(
        size, seed=seed, start=start, feasible=feasible, tight=tight
    )[0]


def generate_week_with_plan(
    size: str | int,
    *,
    seed: int,
    start: dt.date | None = None,
    feasible: bool = False,
    tight: bool = False,
) -> tuple[Problem, list[tuple[str, str]]]:
    """A sample week and a rota for it that keeps every hard rule.

    With ``feasible`` the rota covers every session (each with as many workers
    as it needs): the week was built around it. Sessions longer than a run of
    work may last without a break (sleep-ins) are left out of such weeks. Without
    ``feasible`` the rota is a greedy partial one inside stated availability: a
    lower bound on what can be covered, not a limit.

    With ``tight`` as well, the week is cut to the planted rota: each worker is
    available exactly on their planted days, from their first planted start to
    their last planted end, and nowhere else, and ``max_hours`` is the rota's paid
    hours for them (travel between visits included), so the rota still keeps every
    hard rule but leaves no worker a minute to spare.

    Parameters
    ----------
    size, seed, start, feasible, tight
        As for :func:`generate_week`.

    Returns
    -------
    tuple[Problem, list[tuple[str, str]]]
        The week and the rota as sorted (session_id, worker_id) pairs.

    Raises
    ------
    ValueError
        For a bad size, a start that is not a Monday, or ``tight`` without
        ``feasible``.
    """
    if tight and not feasible:
        raise ValueError(
            "a tight week is cut to its planted full rota, so it must be feasible "
            "too (tight=True needs feasible=True)"
        )
    monday = start or DEFAULT_START
    if monday.weekday() != 0:
        raise ValueError(f"the week must start on a Monday; {monday} is not one")
    worker_count, people_count = resolve_size(size)
    rng = random.Random(seed)
    town = make_town(rng, clusters=min(6, 3 + worker_count // 30))
    names = NameBook(rng)
    kinds = [k for k, n in archetype_counts(people_count).items() for _ in range(n)]
    rng.shuffle(kinds)
    packages = [ARCHETYPES[k][1](rng, town, overnight=not feasible) for k in kinds]
    width = max(3, len(str(len(packages))))
    users = [
        make_user(
            rng,
            user_id=f"U{i:0{width}d}",
            name=names.name(None),
            package=package,
            allow_short_budget=not feasible,
        )
        for i, package in enumerate(packages, start=1)
    ]
    drafts = sorted(
        (
            (visit.day, visit.start, user.user_id, visit)
            for user, package in zip(users, packages, strict=True)
            for visit in package.visits
        ),
        key=lambda row: row[:3],
    )
    width = max(4, len(str(len(drafts))))
    sessions = [
        session_of(visit, session_id=f"S{i:0{width}d}", user_id=uid, monday=monday)
        for i, (_, _, uid, visit) in enumerate(drafts, start=1)
    ]
    staff = make_team(
        rng,
        count=worker_count,
        packages=packages,
        town=town,
        names=names,
        monday=monday,
    )
    workers = [m.worker for m in staff]
    horizon = Horizon(start=monday, days=7)
    travel = _travel(workers, users, sessions)
    by_user: dict[str, list[Session]] = {u.user_id: [] for u in users}
    for session in sessions:
        by_user[session.user_id].append(session)
    users = [
        with_staff_wishes(rng, u, by_user[u.user_id], workers, travel) for u in users
    ]
    availability = [w for m in staff for w in m.windows]
    if feasible:
        planted = plant_full_rota(
            workers, users, sessions, availability, horizon, travel
        )
        sessions, availability, plan = _renumbered(*planted)
        users = _budgets_covering(users, sessions)
    else:
        planner = Planner(workers, users, availability, horizon, travel)
        planner.place(sessions)
        plan = planner.pairs()
    users, sessions = with_addresses(users, sessions, town, seed)
    problem = Problem(
        workers=tuple(workers),
        users=tuple(users),
        sessions=tuple(sessions),
        availability=tuple(availability),
        horizon=horizon,
    )
    if tight:
        problem = tighten(problem, plan)
    log.info(
        "generated %d workers, %d people, %d sessions (seed %d)",
        len(workers),
        len(users),
        len(sessions),
        seed,
    )
    return problem, plan


def _travel(
    workers: list[Worker], users: list[ServiceUser], sessions: list[Session]
) -> TravelMatrix:
    places: dict[str, tuple[float, float]] = {}
    for w in workers:
        places[w.worker_id] = (w.home_lat, w.home_lon)
    for u in users:
        places[u.user_id] = (u.lat, u.lon)
    for s in sessions:
        if s.lat is not None and s.lon is not None:
            places[s.session_id] = (s.lat, s.lon)
    limits = Limits()
    return TravelMatrix(
        places, road_factor=limits.road_factor, speeds_kmh=limits.speeds()
    )


def _renumbered(
    sessions: list[Session],
    availability: list[AvailabilityWindow],
    plan: list[tuple[str, str]],
) -> tuple[list[Session], list[AvailabilityWindow], list[tuple[str, str]]]:
    # Sessions left out of a planted week would leave gaps in the ids.
    width = max(4, len(str(len(sessions))))
    new_id = {s.session_id: f"S{i:0{width}d}" for i, s in enumerate(sessions, 1)}
    renamed = [
        s.model_copy(update={"session_id": new_id[s.session_id]}) for s in sessions
    ]
    pairs = sorted((new_id[sid], wid) for sid, wid in plan)
    return renamed, availability, pairs


def _budgets_covering(
    users: list[ServiceUser], sessions: list[Session]
) -> list[ServiceUser]:
    # A planted week must be affordable in full: raise any budget the final
    # package outgrows (sessions may have been dropped, never added).
    default_rate = Limits().default_charge_rate
    hours: dict[str, float] = {u.user_id: 0.0 for u in users}
    for s in sessions:
        begin, end = span(s.date, s.start, s.end)
        hours[s.user_id] += (end - begin).total_seconds() / 3600 * s.staff_required
    result = []
    for user in users:
        rate = user.charge_rate if user.charge_rate is not None else default_rate
        cost = hours[user.user_id] * rate
        if user.weekly_budget is not None and user.weekly_budget < cost:
            user = user.model_copy(update={"weekly_budget": float(-(-cost // 5) * 5)})
        result.append(user)
    return result
