"""A Curtois & Qu instance as a rota problem, solved by rota's own engine.

Nothing here is special-cased in the engine: the instance becomes workers,
sessions, availability and a policy, and the engine's rota becomes a benchmark
roster that :func:`rota.bench.evaluate_curtois` scores independently.

The mapping (docs/benchmarks.md, "The engine on Curtois & Qu"):

- each employee is a worker, contracted 0 hours, with no weekly caps that the
  benchmark does not have; rest rules the benchmark lacks are off in the policy;
- each shift type is a session ``kind`` held at a place of its own; a day's shift
  types are laid end to end from 00:00 (see :func:`day_layout`), and the journey
  between two places is long enough that no day route can hold two sessions (one
  shift a day) yet short enough for any shift the next day. When the real lengths
  do not allow that, every length is divided by a common divisor (the *scale*);
  total-minute limits are divided by it too, rounded inwards, which keeps them
  exact because worked minutes are sums of whole shift lengths;
- a cover requirement R becomes R sessions of one worker each, whose
  ``uncovered_weight`` makes each missing worker cost exactly WeightUnder (one
  worker more or less is one change, which CP-SAT's local moves can make; teams
  of 1, 2, 4 ... covered whole or not at all were measured against them in
  docs/benchmarks.md); optional single sessions with ``uncovered_weight`` 0 and a
  ``cover_weight`` of WeightOver price over-cover (at most ``extra`` of them per
  day and shift; as many as there are eligible employees is exact);
- shift on-requests are ``preferred`` windows (weight = request weight, so an
  unused one costs it), off-requests ``undesired`` windows weighted so the shift
  costs exactly the request weight, days off ``unavailable`` windows;
- MaxShifts, total minutes, consecutive days, days off and weekends are the
  workers' own supported-living limits; CannotFollow is the policy's forbidden
  kind successions.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..bench import CoverRequirement, CurtoisInstance
from ..model import (
    Assignment,
    AvailabilityWindow,
    Horizon,
    Problem,
    ServiceUser,
    Session,
    TravelEntry,
    Worker,
)
from ..model.records import WindowKind
from ..model.time import MINUTES_PER_DAY, span
from ..policy import Limits, Policy, Weights
from ..solver.data import SCALE

START = dt.date(2024, 1, 1)
"""A Monday: the benchmark's day 0."""
WARD = "ward"
"""Prefix of the people (one per shift type, each at a place of its own)."""
_PLACE = (55.86, -4.25)
_MIDNIGHT = dt.time(0, 0)
DEFAULT_EXTRA = 2
"""Optional over-cover sessions per day and shift unless told otherwise."""


class CurtoisMappingError(ValueError):
    """An instance rota's rules cannot express (shifts that cannot share a day)."""


@dataclass(frozen=True)
class CurtoisMapping:
    """An instance mapped onto rota's model.

    Attributes
    ----------
    instance
        The benchmark instance.
    problem, policy
        What the engine solves.
    scale
        Benchmark minutes per rota minute (1 when the real lengths fit a day).
    shift_times
        Shift id -> (start minute within the day, length in rota minutes).
    exact
        True when every over-cover the benchmark allows has an optional session,
        so rota's optimum is the benchmark's and the engine's bound is a bound.
    """

    instance: CurtoisInstance
    problem: Problem
    policy: Policy
    scale: int
    shift_times: Mapping[str, tuple[int, int]]
    exact: bool


def day_layout(lengths: Mapping[str, int]) -> tuple[int, dict[str, tuple[int, int]]]:
    """Scale and times that make one session a day the only possibility.

    Shift types are laid end to end from 00:00, the two longest first and last.
    The journey between two shift types' places is then set to the gap from the
    day's last end to the next day's first start: every pair of sessions on
    consecutive days can still be worked, while no two sessions of one day can
    follow each other, because every same-day gap is shorter than that journey.
    That needs the middle shifts (the widest same-day gap) to be shorter than the
    rest of the day; when they are not, every length is divided by the smallest
    divisor ``k`` of their greatest common divisor that makes it so.

    Returns
    -------
    tuple[int, dict[str, tuple[int, int]]]
        ``k`` and shift id -> (start minute in the day, length in rota minutes).

    Raises
    ------
    CurtoisMappingError
        When no divisor makes the shifts fit.
    """
    order = sorted(lengths, key=lambda sid: -lengths[sid])
    order = order[:1] + order[2:] + order[1:2]  # longest first, second longest last
    divisor = math.gcd(*lengths.values())
    for k in range(1, divisor + 1):
        if divisor % k:
            continue
        total = sum(lengths.values()) // k
        ends = lengths[order[0]] // k + lengths[order[-1]] // k
        widest = total - ends if len(order) > 1 else 0
        if widest < MINUTES_PER_DAY - total:
            times: dict[str, tuple[int, int]] = {}
            offset = 0
            for sid in order:
                times[sid] = (offset, lengths[sid] // k)
                offset += lengths[sid] // k
            return k, times
    raise CurtoisMappingError(
        f"shift lengths {sorted(lengths.values())} cannot be laid out in one day"
    )


def _ward(shift: str) -> str:
    return f"{WARD}-{shift}"


def _clock(minute: int) -> dt.time:
    minute %= MINUTES_PER_DAY
    return dt.time(minute // 60, minute % 60)


def _eligible(instance: CurtoisInstance, day: int, shift: str) -> int:
    """Employees who could work ``shift`` on ``day`` at all."""
    return sum(
        1
        for person in instance.staff
        if person.max_shifts.get(shift, 1) > 0
        and day not in instance.days_off.get(person.id, frozenset())
    )


def _limit(value: int, useless_from: int) -> int | None:
    """A limit, or None when it cannot bind."""
    return None if value >= useless_from else value


def map_curtois(
    instance: CurtoisInstance, *, extra: int | None = DEFAULT_EXTRA
) -> CurtoisMapping:
    """Map a Curtois & Qu instance onto rota's problem and policy.

    Parameters
    ----------
    instance
        The instance (from :func:`rota.bench.read_curtois`).
    extra
        Most optional (over-cover) workers per day and shift; None allows every
        eligible employee, which is exact but makes the model larger and, in
        measurements, the search slower (docs/benchmarks.md).

    Returns
    -------
    CurtoisMapping
        The problem, the policy and how shifts became sessions.
    """
    scale, times = day_layout({s.id: s.minutes for s in instance.shifts})
    apart = MINUTES_PER_DAY - sum(length for _, length in times.values())
    horizon = Horizon(start=START, days=instance.horizon)
    weeks = instance.horizon // 7
    workers = [
        Worker(
            worker_id=p.id,
            name=f"Employee {p.id}",
            contracted_hours=0,
            max_hours=7 * 24,
            hourly_rate=0,
            home_lat=_PLACE[0],
            home_lon=_PLACE[1],
            max_sessions_of_kind=tuple(f"{s}={n}" for s, n in p.max_shifts.items()),
            max_consecutive_days=_limit(p.max_consecutive_shifts, instance.horizon),
            min_consecutive_days=p.min_consecutive_shifts or None,
            min_consecutive_days_off=p.min_consecutive_days_off or None,
            max_working_weekends=_limit(p.max_weekends, weeks),
            min_total_hours=math.ceil(p.min_total_minutes / scale) / 60,
            max_total_hours=(p.max_total_minutes // scale) / 60,
        )
        for p in instance.staff
    ]
    sessions: list[Session] = []
    exact = True
    for cover in _covers(instance):
        start, length = times[cover.shift]
        optional = max(
            0, _eligible(instance, cover.day, cover.shift) - cover.requirement
        )
        if extra is not None and extra < optional:
            optional, exact = extra, False
        under = cover.weight_under * SCALE / length
        over = cover.weight_over * SCALE / length
        day = horizon.date_of(cover.day)
        needed = [True] * cover.requirement + [False] * optional
        for group, required in enumerate(needed):
            # One worker each: a required one missing costs WeightUnder, an
            # optional one worked WeightOver.
            sessions.append(
                Session(
                    session_id=f"{cover.shift}-d{cover.day}-{group}",
                    user_id=_ward(cover.shift),
                    date=day,
                    start=_clock(start),
                    end=_clock(start + length),
                    staff_required=1,
                    kind=cover.shift,
                    uncovered_weight=under if required else 0,
                    cover_weight=None if required else over,
                )
            )
    return CurtoisMapping(
        instance=instance,
        problem=Problem(
            workers=tuple(workers),
            users=tuple(
                ServiceUser(
                    user_id=_ward(s.id),
                    name=f"Shift {s.id}",
                    lat=_PLACE[0],
                    lon=_PLACE[1],
                )
                for s in instance.shifts
            ),
            travel=tuple(
                TravelEntry(from_id=_ward(a.id), to_id=_ward(b.id), minutes=apart)
                for a in instance.shifts
                for b in instance.shifts
                if a.id != b.id
            ),
            sessions=tuple(sessions),
            availability=tuple(_windows(instance, horizon, times)),
            horizon=horizon,
        ),
        policy=curtois_policy(instance, times),
        scale=scale,
        shift_times=times,
        exact=exact,
    )


def _covers(instance: CurtoisInstance) -> list[CoverRequirement]:
    """Every (day, shift)'s cover row; a pair without one costs nothing, however
    many work it, which a requirement of 0 with weights of 0 says."""
    given = {(c.day, c.shift): c for c in instance.cover}
    return [
        given.get((day, s.id), CoverRequirement(day, s.id, 0, 0, 0))
        for day in range(instance.horizon)
        for s in instance.shifts
    ]


def _windows(
    instance: CurtoisInstance,
    horizon: Horizon,
    times: Mapping[str, tuple[int, int]],
) -> list[AvailabilityWindow]:
    """Days off, on- and off-requests; whole days available around the requests."""

    def window(
        emp: str,
        day: int,
        kind: WindowKind,
        shift: str | None = None,
        weight: float | None = None,
    ) -> AvailabilityWindow:
        if shift is None:
            begin = end = _MIDNIGHT
        else:
            start, length = times[shift]
            begin, end = _clock(start), _clock(start + length)
        return AvailabilityWindow(
            worker_id=emp,
            date=horizon.date_of(day),
            start=begin,
            end=end,
            kind=kind,
            weight=weight,
        )

    out = [
        window(emp, day, "unavailable")
        for emp, days in sorted(instance.days_off.items())
        for day in sorted(days)
    ]
    out += [
        window(r.employee, r.day, "preferred", r.shift, float(r.weight))
        for r in instance.on_requests
    ]
    out += [
        # undesired_time costs weight x minutes x window weight: the whole shift
        # inside the window then costs exactly the request's weight.
        window(
            r.employee,
            r.day,
            "undesired",
            r.shift,
            r.weight * SCALE / times[r.shift][1],
        )
        for r in instance.off_requests
    ]
    # A request counts as stated availability, which would confine the worker to
    # it: state every day as available for those who made any.
    stated = sorted({r.employee for r in instance.on_requests + instance.off_requests})
    out += [
        window(emp, day, "available")
        for emp in stated
        for day in range(instance.horizon)
    ]
    return out


def curtois_policy(
    instance: CurtoisInstance, times: Mapping[str, tuple[int, int]]
) -> Policy:
    """The policy: benchmark limits on, care-sector rules that do not apply off.

    Rest between days, weekly rest, breaks and day spans have no counterpart in the
    benchmark; every penalty but the three the benchmark prices is 0.
    """
    longest = max(length for _, length in times.values())
    limits = Limits(
        max_hours_per_day=longest / 60,
        max_days_per_week=7,
        max_travel_minutes=MINUTES_PER_DAY,
        min_rest_hours=0,
        weekly_rest=False,
        break_minutes=0,
        max_day_span_hours=24,
        max_successors=1,
        max_flex_options=1,
        forbidden_kind_sequences=[
            (s.id, later) for s in instance.shifts for later in sorted(s.cannot_follow)
        ],
    )
    weights = {name: 0 for name in Weights.model_fields}
    weights |= {"preferred_unused": 1, "undesired_time": 1, "cover_cost": 1}
    return Policy(
        name="curtois",
        description="Curtois & Qu nurse rostering benchmark",
        limits=limits,
        weights=Weights(**weights),
    )


def assignments_of(
    mapping: CurtoisMapping, roster: Iterable[tuple[str, int, str]]
) -> list[Assignment]:
    """A benchmark roster as rota assignments, so ``rota.check`` can judge it.

    Each (day, shift)'s workers fill its required sessions first (as many workers
    as the requirement allows), then optional ones.

    Raises
    ------
    CurtoisMappingError
        When a (day, shift) has more workers than its sessions can hold.
    """
    horizon = mapping.problem.period
    teams: dict[tuple[int, str], list[Session]] = defaultdict(list)
    for session in mapping.problem.sessions:
        assert session.kind is not None
        teams[((session.date - horizon.start).days, session.kind)].append(session)
    on: dict[tuple[int, str], list[str]] = defaultdict(list)
    for employee, day, shift in roster:
        on[(day, shift)].append(employee)
    out: list[Assignment] = []
    for (day, shift), employees in sorted(on.items()):
        groups = teams.get((day, shift), [])
        # Required sessions first, then optional ones (each holds one worker).
        chosen = sorted(groups, key=lambda s: s.cover_weight is not None)
        if len(employees) > len(chosen):
            raise CurtoisMappingError(
                f"day {day} shift {shift}: {len(employees)} workers do not fit "
                "its sessions (more over-cover than the mapping allows)"
            )
        for session, employee in zip(chosen, sorted(employees), strict=False):
            start, end = span(session.date, session.start, session.end)
            out.append(
                Assignment(
                    session_id=session.session_id,
                    worker_id=employee,
                    start=start,
                    end=end,
                )
            )
    return out
