"""Sample support workers: contracts, skills, homes, transport and stated hours."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from ..model import AvailabilityWindow, Worker
from ..model.records import Transport
from .availability import leave_windows, pick_pattern, stated_windows
from .geography import Town
from .names import NameBook

CONTRACT_SHARES = {"full_time": 0.35, "part_time": 0.40, "relief": 0.25}
SKILL_SHARES = {
    "medication": 0.75,
    "hoist": 0.5,
    "autism": 0.35,
    "epilepsy": 0.3,
    "peg_feeding": 0.12,
}
DRIVER_SHARE = 0.6
"""Share of car users who may drive the people they support."""


@dataclass(frozen=True)
class StaffMember:
    """A worker with the rows they state in availability.csv."""

    worker: Worker
    windows: tuple[AvailabilityWindow, ...]
    pattern: str | None


def _contract_hours(rng: random.Random, contract: str) -> tuple[float, float]:
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
        return "walk", rng.choice((25, 30, 35, 40))
    return "public", rng.choice((30, 40, 45))


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
    town: Town,
    names: NameBook,
    monday: dt.date,
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
    town
        Where homes are drawn.
    names
        Hands out names.
    monday
        First day of the week.
    """
    gender = rng.choices(("female", "male", "non-binary"), weights=(74, 24, 2))[0]
    contracted, maximum = _contract_hours(rng, contract)
    transport, max_travel = _transport(rng)
    if transport == "walk":
        # Walkers only take work near home: they live in a neighbourhood's middle.
        home = town.around(rng, rng.choice(town.clusters), 0.4)
    elif transport == "public":
        home = town.near_cluster(rng, 1.2)
    else:
        home = town.home(rng, clustered=0.65)
    skills = [s for s, share in SKILL_SHARES.items() if rng.random() < share]
    if transport == "car" and rng.random() < DRIVER_SHARE:
        skills.append("driver")
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
    pattern = pick_pattern(rng, contract)
    windows = stated_windows(rng, worker_id, pattern, monday)
    windows += leave_windows(rng, worker_id, monday)
    return StaffMember(worker, tuple(windows), pattern)
