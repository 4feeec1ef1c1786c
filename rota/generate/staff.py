"""Sample support workers: contracts, skills, homes, transport and stated hours."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import AvailabilityWindow, Worker
from ..model.records import Transport
from ..policy import Limits
from .archetypes import Visit
from .availability import PatternChooser, Span, leave_windows, stated_windows
from .geography import Point, Town, journey_minutes
from .names import NameBook

CONTRACT_SHARES = {"full_time": 0.35, "part_time": 0.40, "relief": 0.25}


@dataclass(frozen=True)
class StaffMember:
    """A worker with the rows they state in availability.csv."""

    worker: Worker
    windows: tuple[AvailabilityWindow, ...]
    pattern: str | None
    spans: tuple[Span, ...] = ()
    """The stated available spans; none for a worker available any time."""

    def reaches(self, place: Point) -> bool:
        """Whether ``place`` is within the worker's longest journey from home."""
        worker = self.worker
        reach = worker.max_travel_minutes
        if reach is None:
            reach = Limits().max_travel_minutes
        home = (worker.home_lat, worker.home_lon)
        return journey_minutes(home, place, worker.transport) <= reach

    def free_for(self, visit: Visit) -> bool:
        """Whether the visit falls inside the hours the worker stated."""
        if not self.spans:
            return True
        begin = visit.day * 1440 + visit.start
        return any(
            d * 1440 + a <= begin and begin + visit.minutes <= d * 1440 + b
            for d, a, b in self.spans
        )


def contract_hours(rng: random.Random, contract: str) -> tuple[float, float]:
    """Contracted and maximum weekly hours for a contract type."""
    if contract == "full_time":
        return rng.choice((35.0, 37.5, 37.5)), rng.choice((40.0, 42.0, 45.0))
    if contract == "part_time":
        hours = rng.choice((16.0, 18.0, 20.0, 22.5, 25.0))
        return hours, hours + rng.choice((0.0, 4.0, 8.0))
    return 0.0, rng.choice((20.0, 24.0, 30.0))


def _transport(rng: random.Random) -> tuple[Transport, int | None]:
    draw = rng.random()
    if draw < 0.8:
        return "car", rng.choice((30, 35, 40, 45, 45, None))
    if draw < 0.9:
        return "walk", rng.choice((30, 35, 40))
    return "public", rng.choice((30, 40, 45))


GENDER_WEIGHTS = {"female": 74, "male": 24, "non-binary": 2}
"""Most of the social-care workforce are women."""


def genders_for(
    count: int, rng: random.Random, asked: Mapping[str, float]
) -> list[str]:
    """Genders of ``count`` workers, enough of each that people ask for.

    Parameters
    ----------
    count
        Team size.
    rng
        The generator's random source.
    asked
        For each gender people ask for, the share of staff time they ask it for.
    """
    names = list(GENDER_WEIGHTS)
    genders = rng.choices(names, weights=list(GENDER_WEIGHTS.values()), k=count)
    for gender, share in sorted(asked.items()):
        target = min(count, max(2, math.ceil(count * min(0.9, 1.5 * share))))
        others = [i for i, g in enumerate(genders) if g != gender]
        rng.shuffle(others)
        for i in others[: max(0, target - genders.count(gender))]:
            genders[i] = gender
    return genders


def contracts_for(count: int, rng: random.Random) -> list[str]:
    """Contract types for ``count`` workers in the usual shares, shuffled."""
    full = round(count * CONTRACT_SHARES["full_time"])
    part = round(count * CONTRACT_SHARES["part_time"])
    kinds = ["full_time"] * full + ["part_time"] * part
    kinds += ["relief"] * (count - len(kinds))
    rng.shuffle(kinds)
    return kinds[:count]


def make_staff_member(
    rng: random.Random,
    *,
    worker_id: str,
    contract: str,
    hours: tuple[float, float],
    gender: str,
    town: Town,
    names: NameBook,
    monday: dt.date,
    patterns: PatternChooser,
    work_places: Sequence[Point],
    chances: Mapping[str, float],
) -> StaffMember:
    """One worker of the given contract type, with stated hours and leave.

    Parameters
    ----------
    rng
        The generator's random source.
    worker_id
        The id to give the worker.
    contract
        ``full_time``, ``part_time`` or ``relief``.
    hours
        Contracted and maximum weekly hours.
    gender
        As written in workers.csv.
    town
        Where homes are drawn.
    names
        Hands out names.
    monday
        First day of the week.
    patterns
        Chooses the hours the worker states, to fit the week's demand.
    work_places
        Homes of the people supported: staff without a car live near them.
    chances
        Chance of holding each skill (see :func:`skill_chances`).
    """
    contracted, maximum = hours
    transport, max_travel = _transport(rng)
    if transport == "walk":
        # Walkers only take work near home, so a provider hires them where the
        # work is: a short walk from someone it supports.
        home = town.around(rng, rng.choice(work_places), 0.5)
    elif transport == "public":
        home = town.around(rng, rng.choice(work_places), 1.5)
    else:
        home = town.home(rng, clustered=0.65)
    skills = [
        skill
        for skill, chance in chances.items()
        if (skill != "driver" or transport == "car") and rng.random() < chance
    ]
    per_day = rng.choice((8.0, 9.0)) if rng.random() < 0.2 else None
    days = 5 if rng.random() < 0.1 else None
    worker = Worker(
        worker_id=worker_id,
        name=names.name(gender if gender != "non-binary" else None),
        contracted_hours=contracted,
        max_hours=maximum,
        max_hours_per_day=per_day,
        max_days_per_week=days,
        hourly_rate=round(rng.uniform(11.5, 13.5) * 20) / 20,
        skills=tuple(sorted(skills)),
        home_lat=home[0],
        home_lon=home[1],
        transport=transport,
        max_travel_minutes=max_travel,
        gender=gender,
        extra={"contract": contract},
    )
    pattern, spans = patterns.choose(rng, contract, maximum * 60)
    windows = stated_windows(rng, worker_id, spans, monday)
    windows += leave_windows(rng, worker_id, monday)
    return StaffMember(worker, tuple(windows), pattern, tuple(spans))
