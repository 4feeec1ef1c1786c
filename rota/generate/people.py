"""People supported in a sample week: records, wishes about staff and budgets."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Sequence

from ..model import ServiceUser, Session, TravelMatrix, Worker
from ..policy import Limits
from .archetypes import Package, Visit

SHORT_BUDGET_SHARE = 0.12
NO_CAP_SHARE = 0.08
NO_RATE_SHARE = 0.1
CHARGE_RATES = tuple(22.0 + 0.5 * i for i in range(13))
"""£22.00 to £28.00 an hour in 50p steps."""


def session_of(
    visit: Visit, *, session_id: str, user_id: str, monday: dt.date
) -> Session:
    """The sessions.csv row of a visit."""
    lat, lon = visit.place if visit.place is not None else (None, None)
    return Session(
        session_id=session_id,
        user_id=user_id,
        date=monday + dt.timedelta(days=visit.day),
        start=_clock(visit.start),
        end=_clock(visit.start + visit.minutes),
        staff_required=visit.staff_required,
        skills_required=visit.skills,
        priority=visit.priority,
        flex_minutes=visit.flex_minutes,
        lat=lat,
        lon=lon,
        kind=visit.kind,
    )


def package_cost(visits: Sequence[Visit], charge_rate: float) -> float:
    """What the whole package charges to the budget in a week, in pounds."""
    hours = sum(v.minutes * v.staff_required for v in visits) / 60
    return hours * charge_rate


def weekly_budget(
    rng: random.Random, cost: float, *, allow_short: bool
) -> float | None:
    """A budget sized to the package: mostly covering it, a few slightly short."""
    draw = rng.random()
    if draw < NO_CAP_SHARE:
        return None
    if allow_short and draw < NO_CAP_SHARE + SHORT_BUDGET_SHARE:
        return float(5 * math.floor(cost * rng.uniform(0.85, 0.97) / 5))
    return float(5 * math.ceil(cost * rng.uniform(1.0, 1.12) / 5))


def make_user(
    rng: random.Random,
    *,
    user_id: str,
    name: str,
    package: Package,
    allow_short_budget: bool,
) -> ServiceUser:
    """A person's service_users.csv row, before wishes about particular staff."""
    rate = None if rng.random() < NO_RATE_SHARE else rng.choice(CHARGE_RATES)
    charged = rate if rate is not None else Limits().default_charge_rate
    cost = package_cost(package.visits, charged)
    return ServiceUser(
        user_id=user_id,
        name=name,
        lat=package.home[0],
        lon=package.home[1],
        weekly_budget=weekly_budget(rng, cost, allow_short=allow_short_budget),
        charge_rate=rate,
        gender_preference=package.gender_preference,
        max_distinct_workers=package.max_distinct_workers,
        extra={"archetype": package.archetype},
    )


def with_staff_wishes(
    rng: random.Random,
    user: ServiceUser,
    sessions: Sequence[Session],
    workers: Sequence[Worker],
    travel: TravelMatrix,
) -> ServiceUser:
    """Add preferred workers (about half of people) and an exclusion (a few).

    Only workers who could plausibly come (skills, gender, within their travel
    limit) are named, as a person names staff they have met.
    """
    needed = {s for session in sessions for s in session.skills_required}
    default_travel = Limits().max_travel_minutes
    plausible = [
        w
        for w in workers
        if needed <= set(w.skills)
        and (not user.gender_preference or w.gender == user.gender_preference)
        and travel.journey(w.worker_id, user.user_id, w.transport).minutes
        <= (w.max_travel_minutes or default_travel)
    ]
    preferred: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    if plausible and rng.random() < 0.5:
        chosen = rng.sample(plausible, min(len(plausible), rng.choice((1, 2, 3))))
        preferred = tuple(sorted(w.worker_id for w in chosen))
    others = [w for w in plausible if w.worker_id not in preferred]
    if len(others) > 3 and rng.random() < 0.08:
        excluded = (rng.choice(others).worker_id,)
    return user.model_copy(
        update={"preferred_workers": preferred, "excluded_workers": excluded}
    )


def _clock(minutes: int) -> dt.time:
    minutes %= 1440
    return dt.time(minutes // 60, minutes % 60)
