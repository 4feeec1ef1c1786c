"""Which workers hold which skills: training follows what people need.

A provider trains staff for the people it supports, so the chance of a skill
follows the share of staff time that needs it, and sets of skills sessions need
together (with the person's wish about the worker's gender) are then topped up
until enough workers free at those times, within reach, hold them in full.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from .archetypes import Visit
from .geography import Point
from .staff import StaffMember

SKILL_FLOORS = {
    "medication": 0.6,
    "hoist": 0.35,
    "driver": 0.5,
    "autism": 0.2,
    "epilepsy": 0.15,
    "peg_feeding": 0.05,
}
"""Least chance a worker has a skill the week needs at all (driver: car users)."""


@dataclass(frozen=True)
class Need:
    """Skills some sessions need together, and the gender the person asks for."""

    skills: tuple[str, ...]
    gender: str | None = None

    def key(self) -> tuple[tuple[str, ...], str]:
        """A sort key: needs are met in a fixed order."""
        return self.skills, self.gender or ""


def skill_share(visits: Sequence[Visit]) -> dict[str, float]:
    """Share of all staff time that needs each skill."""
    total = sum(v.minutes * v.staff_required for v in visits) or 1
    needing: dict[str, float] = {}
    for visit in visits:
        for skill in visit.skills:
            minutes = visit.minutes * visit.staff_required
            needing[skill] = needing.get(skill, 0) + minutes
    return {skill: minutes / total for skill, minutes in sorted(needing.items())}


def skill_chances(share: Mapping[str, float]) -> dict[str, float]:
    """Chance a worker holds each skill, given the share of staff time needing it."""
    return {
        skill: max(SKILL_FLOORS.get(skill, 0.1), min(0.9, 0.05 + 2.2 * part))
        for skill, part in sorted(share.items())
    }


def top_up_skills(
    rng: random.Random,
    staff: Sequence[StaffMember],
    needs: Mapping[Need, Sequence[tuple[Visit, Point]]],
    total_minutes: float,
) -> list[StaffMember]:
    """Train more workers where too few hold a set of skills sessions ask for.

    Parameters
    ----------
    rng
        The generator's random source.
    staff
        The team as drawn.
    needs
        Each need with its visits and where they happen.
    total_minutes
        Staff-minutes the whole week asks for.

    Returns
    -------
    list[StaffMember]
        The team, where each need is met in full by at least twice the workers
        a session needs at once and by a head count in line with its share of
        staff time. Workers who are free when those visits happen and within
        reach of them, then those closest to holding the set, are trained first.
    """
    skills = {m.worker.worker_id: set(m.worker.skills) for m in staff}
    reach: dict[tuple[str, Point], bool] = {}
    for need, visits in sorted(needs.items(), key=lambda pair: pair[0].key()):
        wanted = set(need.skills)
        at_once = max(v.staff_required for v, _ in visits)
        share = sum(v.minutes * v.staff_required for v, _ in visits) / total_minutes
        target = max(2 * at_once, math.ceil(len(staff) * min(0.9, 1.5 * share)))
        suited = [
            m
            for m in staff
            if (need.gender is None or m.worker.gender == need.gender)
            and ("driver" not in wanted or m.worker.transport == "car")
        ]
        held = sum(wanted <= skills[m.worker.worker_id] for m in suited)
        lacking = []
        for m in suited:
            worker_id = m.worker.worker_id
            if wanted <= skills[worker_id]:
                continue
            served = sum(
                m.free_for(visit) and _reaches(reach, m, place)
                for visit, place in visits
            )
            missing = len(wanted - skills[worker_id])
            lacking.append((-served, missing, rng.random(), worker_id))
        for *_, worker_id in sorted(lacking)[: max(0, target - held)]:
            skills[worker_id] |= wanted
    return [
        replace(
            m,
            worker=m.worker.model_copy(
                update={"skills": tuple(sorted(skills[m.worker.worker_id]))}
            ),
        )
        for m in staff
    ]


def _reaches(
    cache: dict[tuple[str, Point], bool], member: StaffMember, place: Point
) -> bool:
    key = (member.worker.worker_id, place)
    if key not in cache:
        cache[key] = member.reaches(place)
    return cache[key]
