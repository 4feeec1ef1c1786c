"""The staff team of a sample week, recruited and trained for its people."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import replace

from .archetypes import Package, Visit
from .availability import PatternChooser, demand_by_hour
from .geography import Point, Town
from .names import NameBook
from .skills import Need, skill_chances, skill_share, top_up_skills
from .staff import (
    StaffMember,
    contract_hours,
    contracts_for,
    genders_for,
    make_staff_member,
)


def make_team(
    rng: random.Random,
    *,
    count: int,
    packages: Sequence[Package],
    town: Town,
    names: NameBook,
    monday: dt.date,
) -> list[StaffMember]:
    """``count`` workers whose hours, genders and skills fit the people supported.

    Contracts, homes and transport are drawn as any provider's would be; what
    workers state about their hours, their gender mix and their training are
    drawn to fit the week's demand (see :class:`PatternChooser`,
    :func:`genders_for`, :func:`top_up_skills`), so the team as a whole can
    cover most of the week while peaks stay tight.

    Parameters
    ----------
    rng
        The generator's random source.
    count
        Number of workers; ids are ``W001`` onwards.
    packages
        The people supported and their visits.
    town
        Where homes are drawn.
    names
        Hands out names.
    monday
        First day of the week.
    """
    visits = [v for p in packages for v in p.visits]
    total = sum(v.minutes * v.staff_required for v in visits) or 1
    patterns = PatternChooser(demand_by_hour(visits))
    chances = skill_chances(skill_share(visits))
    contracts = contracts_for(count, rng)
    hours = _fit_hours(
        rng, contracts, [contract_hours(rng, c) for c in contracts], total / 60
    )
    genders = genders_for(count, rng, _gender_share(packages, total))
    width = max(3, len(str(count)))
    staff = [
        make_staff_member(
            rng,
            worker_id=f"W{i:0{width}d}",
            contract=contract,
            hours=worker_hours,
            gender=gender,
            town=town,
            names=names,
            monday=monday,
            patterns=patterns,
            work_places=[p.home for p in packages],
            chances=chances,
        )
        for i, (contract, worker_hours, gender) in enumerate(
            zip(contracts, hours, genders, strict=True), 1
        )
    ]
    staff = top_up_skills(rng, staff, _needs(packages), total)
    # A skill no session asks for only clutters the file (and draws a warning).
    needed = {s for v in visits for s in v.skills}
    return [
        replace(
            m,
            worker=m.worker.model_copy(
                update={"skills": tuple(s for s in m.worker.skills if s in needed)}
            ),
        )
        for m in staff
    ]


def target_load(count: int) -> float:
    """Demand as a share of the team's maximum hours that a provider staffs to.

    A small team needs more slack than a large one, where hours pool across many
    workers; at about 150 workers a provider runs at 80% of maximum hours.
    """
    return 0.7 + 0.1 * min(1.0, count / 150)


def _fit_hours(
    rng: random.Random,
    contracts: Sequence[str],
    hours: list[tuple[float, float]],
    demand_hours: float,
) -> list[tuple[float, float]]:
    """Offer more hours (within each contract's range) until demand fits the load.

    A provider whose team is short of hours offers relief staff more shifts,
    part-timers more contracted hours and full-timers agreed overtime.
    """
    goal = demand_hours / target_load(len(hours))
    order = list(range(len(hours)))
    rng.shuffle(order)
    for step in range(20 * len(hours)):
        if sum(m for _, m in hours) >= goal:
            break
        k = order[step % len(order)]
        contracted, maximum = hours[k]
        if contracts[k] == "relief":
            maximum = min(30.0, maximum + 4)
        elif contracts[k] == "part_time":
            contracted = min(25.0, contracted + 2)
            maximum = min(contracted + 8, maximum + 2)
        else:
            maximum = min(45.0, maximum + 2)
        hours[k] = (contracted, max(maximum, contracted))
    return hours


def _gender_share(packages: Sequence[Package], total: float) -> dict[str, float]:
    asked: dict[str, float] = {}
    for package in packages:
        if package.gender_preference:
            minutes = sum(v.minutes * v.staff_required for v in package.visits)
            key = package.gender_preference
            asked[key] = asked.get(key, 0.0) + minutes / total
    return asked


def _needs(packages: Sequence[Package]) -> dict[Need, list[tuple[Visit, Point]]]:
    needs: dict[Need, list[tuple[Visit, Point]]] = {}
    for package in packages:
        for visit in package.visits:
            if visit.skills:
                need = Need(tuple(sorted(visit.skills)), package.gender_preference)
                place = visit.place if visit.place is not None else package.home
                needs.setdefault(need, []).append((visit, place))
    return needs
