"""Who is supported and what they ask for: one function per kind of package.

Each archetype draws a person's home, their wishes (gender of worker, continuity)
and a week of visits shaped like the support UK providers actually deliver.
Times are minutes after midnight; days are 0 (Monday) to 6 (Sunday).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Protocol

from ..model.records import Priority
from .geography import Point, Town

WEEKDAYS = (0, 1, 2, 3, 4)
WEEKEND = (5, 6)
ALL_DAYS = (0, 1, 2, 3, 4, 5, 6)
LONGEST_FEASIBLE_MINUTES = 360
"""Longest visit a planted rota may hold: a longer run of work needs a break."""


@dataclass(frozen=True)
class Visit:
    """A session before it has an id: day, clock time and what it needs."""

    day: int
    start: int
    minutes: int
    staff_required: int = 1
    skills: tuple[str, ...] = ()
    priority: Priority = "standard"
    flex_minutes: int = 0
    place: Point | None = None
    kind: str | None = None


@dataclass
class Package:
    """A person supported and their week of visits."""

    archetype: str
    home: Point
    gender_preference: str | None = None
    max_distinct_workers: int | None = None
    visits: list[Visit] = field(default_factory=list)


def hhmm(text: str) -> int:
    """Minutes after midnight of an ``HH:MM`` clock time."""
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _quarter_between(rng: random.Random, first: str, last: str) -> int:
    return rng.randrange(hhmm(first), hhmm(last) + 1, 15)


def _skills(*pairs: tuple[str, bool]) -> tuple[str, ...]:
    return tuple(name for name, wanted in pairs if wanted)


def older_home_care(rng: random.Random, town: Town, *, overnight: bool) -> Package:
    """Home care for an older person: 2-4 calls a day at set times.

    Morning and bed calls are personal care (essential); a person who needs a hoist
    has those calls as double-ups; medication calls are essential and need the skill.
    """
    home = town.home(rng)
    calls = rng.choices((2, 3, 4), weights=(3, 4, 3))[0]
    hoist = rng.random() < 0.25
    medication = rng.random() < 0.6
    peg = rng.random() < 0.05
    times = [("morning", _quarter_between(rng, "07:30", "09:30"))]
    if calls >= 3:
        middle = ["lunch", "tea"] if calls == 4 else [rng.choice(["lunch", "tea"])]
        for name in middle:
            first, last = ("12:00", "13:30") if name == "lunch" else ("16:30", "17:30")
            times.append((name, _quarter_between(rng, first, last)))
    times.append(("bed", _quarter_between(rng, "19:30", "21:30")))
    lengths = {
        "morning": rng.choice((45, 45, 60, 60, 30)),
        "lunch": 30,
        "tea": rng.choice((30, 30, 45)),
        "bed": rng.choice((30, 30, 45)),
    }
    medicated = {"morning"} if medication else set()
    if medication and calls >= 3:
        medicated.add(times[1][0])
    if medication and rng.random() < 0.5:
        medicated.add("bed")
    days = ALL_DAYS if rng.random() < 0.85 else WEEKDAYS
    flex = 15 if rng.random() < 0.5 else 0
    visits = []
    for day in days:
        for name, start in times:
            personal = name in ("morning", "bed")
            two = hoist and personal
            needs_meds = name in medicated
            visits.append(
                Visit(
                    day=day,
                    start=start,
                    minutes=lengths[name],
                    staff_required=2 if two else 1,
                    skills=_skills(
                        ("hoist", two),
                        ("medication", needs_meds),
                        ("peg_feeding", peg and name == "morning"),
                    ),
                    priority="essential" if personal or needs_meds else "standard",
                    flex_minutes=0 if needs_meds else flex,
                )
            )
    return Package(
        "older_home_care",
        home,
        gender_preference="female" if rng.random() < 0.35 else None,
        max_distinct_workers=rng.choice((4, 5)) if rng.random() < 0.3 else None,
        visits=visits,
    )


def children_respite(rng: random.Random, town: Town, *, overnight: bool) -> Package:
    """Short breaks for a disabled child: after-school blocks and weekend blocks.

    15:30-18:30 on weekdays and weekend days are the peaks providers struggle with;
    some children need a worker who drives, some a worker trained in autism.
    """
    home = town.home(rng)
    driver = rng.random() < 0.35
    autism = rng.random() < 0.3
    skills = _skills(("driver", driver), ("autism", autism))
    visits = []
    after_school = rng.choice(((15 * 60 + 30, 180), (15 * 60 + 30, 150), (960, 150)))
    for day in sorted(rng.sample(WEEKDAYS, rng.choice((2, 3, 4, 4)))):
        visits.append(Visit(day, after_school[0], after_school[1], skills=skills))
    weekend_blocks = rng.choices((0, 1, 2), weights=(2, 5, 2))[0]
    for day in sorted(rng.sample(WEEKEND, weekend_blocks)):
        start, minutes = rng.choice(((600, 360), (600, 240), (780, 240)))
        away = rng.random() < 0.3
        visits.append(
            Visit(
                day,
                start,
                minutes,
                staff_required=2 if rng.random() < 0.08 else 1,
                skills=skills,
                flex_minutes=30,
                place=rng.choice(town.venues) if away else None,
                kind="outing" if away else None,
            )
        )
    return Package(
        "children_respite",
        home,
        gender_preference="female" if rng.random() < 0.05 else None,
        max_distinct_workers=rng.choice((3, 4)) if rng.random() < 0.3 else None,
        visits=visits,
    )


def learning_disability(rng: random.Random, town: Town, *, overnight: bool) -> Package:
    """An adult with learning disabilities: day sessions, outings, sleep-ins.

    Long day sessions on weekdays, one or two outings (flexible, often away from
    home) and, for people in supported living, sleep-ins from 22:00 to 07:00.
    """
    home = town.home(rng)
    # One specialist need at most: people are matched to a team trained for it.
    special = rng.choices(("autism", "epilepsy", None), weights=(30, 20, 50))[0]
    medication = rng.random() < 0.35
    peg = special is None and rng.random() < 0.08
    base = (special,) if special else ()
    day_skills = base + _skills(("medication", medication), ("peg_feeding", peg))
    start, minutes = rng.choice(((540, 360), (570, 300), (600, 300), (600, 240)))
    two = rng.random() < 0.05
    visits = [
        Visit(
            day,
            start,
            minutes,
            staff_required=2 if two else 1,
            skills=day_skills,
            priority="essential" if peg or medication else "standard",
            flex_minutes=rng.choice((0, 15, 30)),
        )
        for day in sorted(rng.sample(WEEKDAYS, rng.choice((2, 2, 3, 4))))
    ]
    driver = rng.random() < 0.5
    for day in sorted(rng.sample(ALL_DAYS, rng.choice((1, 1, 2)))):
        when = rng.choice(((660, 240), (780, 180))) if day >= 5 else (1080, 180)
        if day < 5 and any(v.day == day for v in visits):
            when = (1110, 150)
        away = rng.random() < 0.6
        visits.append(
            Visit(
                day,
                when[0],
                when[1],
                skills=base + _skills(("driver", driver)),
                priority="flexible",
                flex_minutes=rng.choice((30, 45, 60)),
                place=rng.choice(town.venues) if away else None,
                kind="outing",
            )
        )
    if overnight and rng.random() < 0.25:
        for day in sorted(rng.sample(ALL_DAYS, rng.choice((2, 3)))):
            visits.append(Visit(day, 1320, 540, skills=base, kind="sleep_in"))
    preference = rng.choices((None, "female", "male"), weights=(80, 13, 7))[0]
    return Package(
        "learning_disability",
        home,
        gender_preference=preference,
        max_distinct_workers=rng.choice((3, 4, 5)) if rng.random() < 0.3 else None,
        visits=sorted(visits, key=lambda v: (v.day, v.start)),
    )


def mental_health(rng: random.Random, town: Town, *, overnight: bool) -> Package:
    """Mental-health outreach: a few 1-2 hour visits with an agreed flexible start."""
    home = town.home(rng, clustered=0.7)
    medication = rng.random() < 0.1
    visits = []
    for day in sorted(rng.sample(ALL_DAYS[:6], rng.choice((1, 2, 3, 3)))):
        visits.append(
            Visit(
                day,
                _quarter_between(rng, "10:00", "17:00"),
                rng.choice((60, 90, 120)),
                skills=_skills(("medication", medication)),
                priority="standard" if rng.random() < 0.6 else "flexible",
                flex_minutes=rng.choice((30, 45, 60)),
            )
        )
    return Package(
        "mental_health",
        home,
        gender_preference="female" if rng.random() < 0.15 else None,
        max_distinct_workers=rng.choice((2, 3)) if rng.random() < 0.2 else None,
        visits=visits,
    )


class ArchetypeFn(Protocol):
    """Draws one person and their week: ``overnight`` allows sleep-ins."""

    def __call__(
        self, rng: random.Random, town: Town, *, overnight: bool
    ) -> Package: ...


ARCHETYPES: dict[str, tuple[float, ArchetypeFn]] = {
    "older_home_care": (0.20, older_home_care),
    "children_respite": (0.23, children_respite),
    "learning_disability": (0.33, learning_disability),
    "mental_health": (0.24, mental_health),
}
"""Each archetype's share of the people supported, and its generator."""


def archetype_counts(people: int) -> dict[str, int]:
    """How many people of each archetype (largest remainder, each at least one)."""
    names = list(ARCHETYPES)
    exact = [ARCHETYPES[n][0] * people for n in names]
    counts = [max(1, int(x)) for x in exact]
    order = sorted(range(len(names)), key=lambda i: (counts[i] - exact[i], i))
    i = 0
    while sum(counts) < people:
        counts[order[i % len(order)]] += 1
        i += 1
    return dict(zip(names, counts, strict=True))
