"""Compiled problem data: everything the rules need as integers.

Times are minutes from the horizon start, money is pence, and every session becomes
one or more *slots*: the times it may run at (its requested time, the flex moves the
person agreed to in policy steps, and any move they agreed to when asked).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..model import Problem, TravelMatrix
from ..model.records import Agreement
from ..model.time import MINUTES_PER_DAY, clock_minutes, parse_hhmm
from ..policy import Limits, Policy

SCALE = 60
"""Objective unit: 1/60 point, so per-hour weights times minutes stay whole."""

PRIORITIES = ("essential", "standard", "flexible")

_T = TypeVar("_T")


@dataclass(frozen=True)
class Window:
    """A stated availability window in horizon minutes."""

    start: int
    end: int
    kind: str
    weight: float


@dataclass
class WorkerData:
    """One worker, compiled."""

    index: int
    id: str
    name: str
    transport: str
    home: str
    max_travel: int
    contracted_week: int
    max_week: int
    max_day: int
    max_days: int
    rate_pence_hour: int
    skills: frozenset[str]
    gender: str | None
    windows: list[Window]
    """available, preferred and undesired windows, plus agreed extra windows."""
    blocked: list[Window]
    """unavailable windows: always block."""
    stated: bool
    """True when the worker stated any available/preferred/undesired window."""
    travel_ok_sessions: frozenset[str] = frozenset()
    """Sessions the worker agreed to travel further for."""
    kind_limits: dict[str, int] = field(default_factory=dict)
    """Kind -> most sessions of it over the horizon (policy, then the worker's own)."""
    min_consecutive_days: int | None = None
    max_consecutive_days: int | None = None
    min_consecutive_days_off: int | None = None
    max_working_weekends: int | None = None
    min_total: int | None = None
    """Fewest paid minutes over the horizon (None: no minimum)."""
    max_total: int | None = None
    """Most paid minutes over the horizon (None: no maximum)."""


@dataclass
class UserData:
    """One person supported, compiled."""

    index: int
    id: str
    name: str
    budget_pence: int | None
    charge_pence_hour: int
    preferred: frozenset[str]
    excluded: frozenset[str]
    gender_preference: str | None
    max_distinct: int | None


@dataclass
class SessionData:
    """One requested session, compiled."""

    index: int
    id: str
    user: int
    start: int
    end: int
    staff: int
    skills: frozenset[str]
    priority: str
    flex: int
    place: str
    kind: str | None
    charge_pence: int
    slots: list[int] = field(default_factory=list)
    uncovered_weight: float | None = None
    """Points per hour uncovered instead of the priority's weight (None: priority)."""
    cover_weight: float | None = None
    """Points per hour covered (None: covering costs nothing)."""
    latest: int | None = None
    """Latest start free of lateness, in horizon minutes (None: no start window)."""
    linked: int | None = None
    """Index of the session this one is linked to (None: not linked)."""
    min_delay: int = 0
    """Least minutes from the linked session's start to this one's."""
    max_delay: int = 0
    """Most minutes from the linked session's start to this one's."""

    @property
    def duration(self) -> int:
        """Length in minutes."""
        return self.end - self.start

    def late(self, start: int) -> int:
        """Minutes a start at ``start`` is after the latest start (0 when none)."""
        return 0 if self.latest is None else max(0, start - self.latest)


@dataclass(frozen=True)
class Slot:
    """A time a session may run at: from ``start`` to ``end``, or, for a slot
    with a start variable (``last_start`` set), starting at any minute from
    ``start`` to ``last_start`` (``start`` and ``end`` are then the earliest)."""

    index: int
    session: int
    start: int
    end: int
    last_start: int | None = None
    """Latest start of a slot with a start variable (None: it starts at ``start``)."""

    @property
    def flexible(self) -> bool:
        """True when the model chooses the start (a start variable)."""
        return self.last_start is not None

    @property
    def latest_start(self) -> int:
        """The latest the slot may start (``start`` for a fixed slot)."""
        return self.start if self.last_start is None else self.last_start

    @property
    def latest_end(self) -> int:
        """The latest the slot may end (``end`` for a fixed slot)."""
        return self.end + self.latest_start - self.start

    @property
    def day(self) -> int:
        """The working day the slot belongs to: the day it starts."""
        return self.start // MINUTES_PER_DAY

    @property
    def duration(self) -> int:
        """Length in minutes."""
        return self.end - self.start


@dataclass
class Compiled:
    """A problem and policy compiled to integers for the rules."""

    problem: Problem
    policy: Policy
    now: int
    workers: list[WorkerData]
    users: list[UserData]
    sessions: list[SessionData]
    slots: list[Slot]
    travel: TravelMatrix
    published: dict[int, frozenset[int]]
    """Session index -> indexes of the workers it was published with."""
    overtime_extra: dict[int, int]
    """Worker index -> agreed minutes above max_hours, per week."""
    refused: list[Agreement]
    agreed_sessions: frozenset[int] = frozenset()
    """Indexes of the sessions a yes answer in agreements.csv names."""
    published_start: dict[int, int] = field(default_factory=dict)
    """Session index -> its start as published, in horizon minutes, when the
    published rota gives its times."""
    consented: dict[int, frozenset[str]] = field(default_factory=dict)
    """Session index -> ids of the workers and people who said yes to a change of
    it (agreement kind ``change``)."""
    agreed_starts: dict[int, frozenset[int]] = field(default_factory=dict)
    """Session index -> starts its person agreed to when asked (an agreed move, or
    a change agreed for one time)."""
    start_variables: bool = False
    """True when some slot's start is a model variable (``Slot.flexible``)."""
    worker_index: dict[str, int] = field(default_factory=dict)
    session_index: dict[str, int] = field(default_factory=dict)
    user_index: dict[str, int] = field(default_factory=dict)

    @property
    def days(self) -> int:
        """Days in the horizon."""
        return self.problem.period.days

    @property
    def weeks(self) -> list[range]:
        """Day indexes of each 7-day week of the horizon."""
        return [range(w, min(w + 7, self.days)) for w in range(0, self.days, 7)]

    def __post_init__(self) -> None:
        self._places: dict[str, int] = {}
        for place in self.problem.places():
            self._place_id(place)
        self._slot_place = [
            self._place_id(self.sessions[k.session].place) for k in self.slots
        ]
        self._tables: dict[str, list[list[int]]] = {}
        self._longest: dict[tuple[str, int], int] = {}
        self._arrays: dict[tuple[str, int], Any] = {}

    def _place_id(self, place: str) -> int:
        if place not in self._places:
            self._places[place] = len(self._places)
        return self._places[place]

    def _table(self, transport: str) -> list[list[int]]:
        """Journey minutes between every two known places, for one transport."""
        table = self._tables.get(transport)
        if table is None or len(table) != len(self._places):
            table = self.travel.minutes_table(list(self._places), transport)
            self._tables[transport] = table
        return table

    def journey_minutes(self, worker: int, origin: str, destination: str) -> int:
        """Minutes for a worker's journey between two places."""
        a, b = self._place_id(origin), self._place_id(destination)
        table = self._tables.get(self.workers[worker].transport)
        if table is None or len(table) != len(self._places):
            table = self._table(self.workers[worker].transport)
        return table[a][b]

    def add_slot(self, session: int, start: int, end: int) -> int:
        """Add a time a session may run at (for checking a rota made elsewhere)."""
        slot = Slot(len(self.slots), session, start, end)
        self.slots.append(slot)
        self.sessions[session].slots.append(slot.index)
        self._slot_place.append(self._place_id(self.sessions[session].place))
        return slot.index

    def fixed_slot(self, session: int, start: int) -> int | None:
        """The session's fixed slot starting at ``start``, if it has one."""
        return next(
            (
                k
                for k in self.sessions[session].slots
                if not self.slots[k].flexible and self.slots[k].start == start
            ),
            None,
        )

    def moving_slot(self, session: int, start: int) -> int | None:
        """The session's slot with a start variable whose range holds ``start``."""
        return next(
            (
                k
                for k in self.sessions[session].slots
                if self.slots[k].flexible
                and self.slots[k].start <= start <= self.slots[k].latest_start
            ),
            None,
        )

    def fixed_at(self, slot: int, start: int) -> int:
        """The fixed slot of ``slot``'s session starting at ``start`` (added when
        new): where a rota found with a start variable puts the visit."""
        session = self.slots[slot].session
        found = self.fixed_slot(session, start)
        if found is not None:
            return found
        return self.add_slot(session, start, start + self.slots[slot].duration)

    def longest_journey(self, worker: int) -> int:
        """The longest journey between any two places for this worker's transport."""
        transport = self.workers[worker].transport
        key = (transport, len(self._places))  # places may grow (add_slot)
        if key not in self._longest:
            table = self._table(transport)
            self._longest[key] = max((max(row) for row in table), default=0)
        return self._longest[key]

    def slot_journey(self, worker: int, a: int, b: int) -> int:
        """Minutes for a worker's journey from slot ``a``'s place to slot ``b``'s."""
        table = self._tables.get(self.workers[worker].transport)
        if table is None or len(table) != len(self._places):
            table = self._table(self.workers[worker].transport)
        return table[self._slot_place[a]][self._slot_place[b]]

    def journeys_between(self, worker: int, slots: Sequence[int]) -> Any:
        """Minutes from each slot's place to each other's, as a numpy matrix
        (row: from, column: to), for bulk work over a worker's day."""
        import numpy as np

        transport = self.workers[worker].transport
        table = self._table(transport)
        key = (transport, len(self._places))
        array = self._arrays.get(key)
        if array is None:
            array = self._arrays[key] = np.asarray(table, dtype=np.int64)
        places = np.asarray([self._slot_place[k] for k in slots], dtype=np.int64)
        return array[np.ix_(places, places)]

    def journey_miles(self, worker: int, origin: str, destination: str) -> float:
        """Miles for a worker's journey between two places."""
        transport = self.workers[worker].transport
        return self.travel.journey(origin, destination, transport).miles

    def place(self, slot: int) -> str:
        """Where a slot happens."""
        return self.sessions[self.slots[slot].session].place

    def minutes_of(self, clock: str) -> int:
        """A policy clock time (HH:MM) as minutes after midnight."""
        return clock_minutes(parse_hhmm(clock))


def flex_shifts(flex: int, step: int, most: int) -> list[int]:
    """Start moves a session may take: 0 and steps up to ``flex`` each way.

    With more than ``most`` options, the steps widen (to whole multiples of ``step``)
    so the requested time and both extremes stay, keeping the model small.
    """
    steps = flex // step
    if steps == 0:
        return [0]
    per_side = max(1, (most - 1) // 2)
    stride = -(-steps // per_side)
    sides = sorted({min(steps, k * stride) for k in range(1, per_side + 1)} | {steps})
    return sorted({0} | {k * step for k in sides} | {-k * step for k in sides})


def window_shifts(window: int, late: int, step: int) -> list[int]:
    """Start moves for a start window of ``window`` minutes that may run ``late``
    minutes past its end: every ``step`` from 0 to the window's end, which is always
    on offer; past it, 1, 2, 4, 8 ... steps late (the nearer, the finer) and the
    latest late start, so a long allowance adds few start times."""
    shifts = set(range(0, window + 1, step)) | {window}
    past = step
    while past < late:
        shifts.add(window + past)
        past *= 2
    if late:
        shifts.add(window + late)
    return sorted(shifts)


def _align_linked(
    session: SessionData, other: SessionData, slots: list[Slot], late: int
) -> None:
    """Give a linked session with a start window the starts that keep its delay
    after each start of the session it is linked to (the window's steps alone may
    miss a short delay range, such as 1-2 minutes)."""
    if session.latest is None or any(slots[k].flexible for k in session.slots):
        return  # no window, or a start variable that takes any delay
    have = {slots[k].start for k in session.slots}
    last = session.latest + late
    for k in list(other.slots):
        after = slots[k].start
        if any(
            after + session.min_delay <= t <= after + session.max_delay for t in have
        ):
            continue
        # The least delay that lands inside this session's times, else the most.
        for begin in (after + session.min_delay, after + session.max_delay):
            if session.start <= begin <= last:
                have.add(begin)
                session.slots.append(len(slots))
                slots.append(
                    Slot(len(slots), session.index, begin, begin + session.duration)
                )
                break


def _day_end(minute: int) -> int:
    """The end of the day ``minute`` falls in."""
    return (minute // MINUTES_PER_DAY + 1) * MINUTES_PER_DAY


def _pence(pounds: float) -> int:
    return round(pounds * 100)


def _own(own: _T | None, policy: _T | None) -> _T | None:
    """The worker's own setting when given, else the policy's."""
    return own if own is not None else policy


def _minutes(hours: float | None) -> int | None:
    return None if hours is None else round(hours * 60)


def compile_problem(
    problem: Problem,
    policy: Policy,
    *,
    now: dt.datetime | None = None,
    start_variables: bool = False,
) -> Compiled:
    """Compile ``problem`` under ``policy``; ``now`` defaults to the horizon start.

    With ``start_variables``, a session with a start window that is not on the
    published rota gets one slot whose start the model chooses to the minute
    (up to ``max_late_minutes`` past the window, within its day) instead of a
    slot per step of the window.
    """
    horizon = problem.period
    limits = policy.limits
    now_min = 0 if now is None else horizon.to_minutes(now)
    yes = [a for a in problem.agreements if a.answer == "yes"]
    refused = [a for a in problem.agreements if a.answer == "no"]

    worker_index = {w.worker_id: i for i, w in enumerate(problem.workers)}
    windows: dict[str, list[Window]] = defaultdict(list)
    blocked: dict[str, list[Window]] = defaultdict(list)
    for row in problem.availability:
        start, end = horizon.interval(row.date, row.start, row.end)
        weight = row.weight if row.weight is not None else 1.0
        window = Window(start, end, row.kind, weight)
        (blocked if row.kind == "unavailable" else windows)[row.worker_id].append(
            window
        )
    stated = {wid for wid, ws in windows.items() if ws}
    for a in yes:
        if a.kind == "availability":
            assert a.date and a.start and a.end
            start, end = horizon.interval(a.date, a.start, a.end)
            windows[a.party_id].append(Window(start, end, "agreed", 0.0))
    overtime: dict[int, int] = defaultdict(int)
    travel_ok: dict[str, set[str]] = defaultdict(set)
    for a in yes:
        if a.kind == "overtime" and a.extra_minutes:
            overtime[worker_index[a.party_id]] += a.extra_minutes
        if a.kind == "travel" and a.session_id:
            travel_ok[a.party_id].add(a.session_id)

    workers = [
        WorkerData(
            index=i,
            id=w.worker_id,
            name=w.name,
            transport=w.transport,
            home=w.worker_id,
            max_travel=(
                w.max_travel_minutes
                if w.max_travel_minutes is not None
                else limits.max_travel_minutes
            ),
            contracted_week=round(w.contracted_hours * 60),
            max_week=round(w.max_hours * 60),
            max_day=round((w.max_hours_per_day or limits.max_hours_per_day) * 60),
            max_days=(
                w.max_days_per_week
                if w.max_days_per_week is not None
                else limits.max_days_per_week
            ),
            rate_pence_hour=_pence(w.hourly_rate),
            skills=frozenset(w.skills),
            gender=(w.gender or "").strip().lower() or None,
            windows=sorted(windows.get(w.worker_id, []), key=lambda x: x.start),
            blocked=sorted(blocked.get(w.worker_id, []), key=lambda x: x.start),
            stated=w.worker_id in stated,
            travel_ok_sessions=frozenset(travel_ok.get(w.worker_id, ())),
            kind_limits=limits.max_sessions_of_kind | w.kind_limits,
            min_consecutive_days=_own(
                w.min_consecutive_days, limits.min_consecutive_days
            ),
            max_consecutive_days=_own(
                w.max_consecutive_days, limits.max_consecutive_days
            ),
            min_consecutive_days_off=_own(
                w.min_consecutive_days_off, limits.min_consecutive_days_off
            ),
            max_working_weekends=_own(
                w.max_working_weekends, limits.max_working_weekends
            ),
            min_total=_minutes(_own(w.min_total_hours, limits.min_total_hours)),
            max_total=_minutes(_own(w.max_total_hours, limits.max_total_hours)),
        )
        for i, w in enumerate(problem.workers)
    ]
    users = [
        UserData(
            index=i,
            id=u.user_id,
            name=u.name,
            budget_pence=None if u.weekly_budget is None else _pence(u.weekly_budget),
            charge_pence_hour=_pence(
                u.charge_rate
                if u.charge_rate is not None
                else limits.default_charge_rate
            ),
            preferred=frozenset(u.preferred_workers),
            excluded=frozenset(u.excluded_workers),
            gender_preference=(u.gender_preference or "").strip().lower() or None,
            max_distinct=u.max_distinct_workers,
        )
        for i, u in enumerate(problem.users)
    ]
    user_index = {u.id: u.index for u in users}
    moves: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for a in yes:
        if a.kind == "move" and a.session_id:
            assert a.date and a.start and a.end
            moves[a.session_id].append(horizon.interval(a.date, a.start, a.end))

    sessions: list[SessionData] = []
    slots: list[Slot] = []
    on_rota = {line.session_id for line in problem.published}
    published_ids = {
        i for i, s in enumerate(problem.sessions) if s.session_id in on_rota
    }
    for i, s in enumerate(problem.sessions):
        start, end = horizon.interval(s.date, s.start, s.end)
        user = users[user_index[s.user_id]]
        data = SessionData(
            index=i,
            id=s.session_id,
            user=user.index,
            start=start,
            end=end,
            staff=s.staff_required,
            skills=frozenset(s.skills_required),
            priority=s.priority,
            flex=s.flex_minutes,
            place=problem.place_of(s),
            kind=s.kind,
            charge_pence=round(
                user.charge_pence_hour * (end - start) * s.staff_required / 60
            ),
            uncovered_weight=s.uncovered_weight,
            cover_weight=s.cover_weight,
        )
        if s.latest_start is not None:
            width = clock_minutes(s.latest_start) - clock_minutes(s.start)
            # A start window replaces the flex moves: the whole window is agreed.
            data.latest = start + width
            shifts = window_shifts(
                width, limits.max_late_minutes, limits.window_step_minutes
            )
        else:
            shifts = flex_shifts(
                s.flex_minutes, limits.flex_step_minutes, limits.max_flex_options
            )
        times = [(start + d, end + d) for d in shifts]
        # One slot whose start the model chooses to the minute, ending within its
        # day (so the days and weekend minutes it touches do not move with it).
        last = min(start + shifts[-1], _day_end(start) - (end - start))
        last = min(last, horizon.minutes - (end - start))
        moving = s.latest_start is not None and i not in published_ids
        if start_variables and moving and last > start:
            data.slots.append(len(slots))
            slots.append(Slot(len(slots), i, start, end, last))
            times = []
        times += [t for t in moves.get(s.session_id, []) if t not in times]
        for begin, finish in times:
            if begin < 0 or finish > horizon.minutes:
                continue  # a move may not leave the horizon
            data.slots.append(len(slots))
            slots.append(Slot(len(slots), i, begin, finish))
        if not data.slots:
            data.slots.append(len(slots))
            slots.append(Slot(len(slots), i, start, end))
        sessions.append(data)
    session_index = {s.id: s.index for s in sessions}
    for s, data in zip(problem.sessions, sessions, strict=True):
        if s.linked_to is not None:
            data.linked = session_index[s.linked_to]
            data.min_delay, data.max_delay = s.min_delay, s.max_delay
            _align_linked(data, sessions[data.linked], slots, limits.max_late_minutes)
    published: dict[int, set[int]] = defaultdict(set)
    published_start: dict[int, int] = {}
    for line in problem.published:
        at = session_index[line.session_id]
        published[at].add(worker_index[line.worker_id])
        if line.date is not None and line.start is not None:
            moment = dt.datetime.combine(line.date, line.start)
            published_start.setdefault(at, horizon.to_minutes(moment))
    consented: dict[int, set[str]] = defaultdict(set)
    agreed_starts: dict[int, set[int]] = defaultdict(set)
    for a in yes:
        if a.session_id not in session_index:
            continue
        at = session_index[a.session_id]
        timed = a.date is not None and a.start is not None and a.end is not None
        if a.kind == "change" and (a.party_id in worker_index or not timed):
            consented[at].add(a.party_id)
        elif a.kind in ("move", "change") and a.date and a.start and a.end:
            # The person's yes to one time is a yes to that time only.
            agreed_starts[at].add(horizon.interval(a.date, a.start, a.end)[0])

    travel = travel_matrix(problem, limits)
    return Compiled(
        problem=problem,
        policy=policy,
        now=now_min,
        workers=workers,
        users=users,
        sessions=sessions,
        slots=slots,
        travel=travel,
        start_variables=any(k.flexible for k in slots),
        published={k: frozenset(v) for k, v in published.items()},
        published_start=published_start,
        consented={k: frozenset(v) for k, v in consented.items()},
        agreed_starts={k: frozenset(v) for k, v in agreed_starts.items()},
        overtime_extra=dict(overtime),
        refused=refused,
        agreed_sessions=frozenset(
            session_index[a.session_id]
            for a in yes
            if a.session_id is not None and a.session_id in session_index
        ),
        worker_index=worker_index,
        session_index=session_index,
        user_index=user_index,
    )


def travel_matrix(problem: Problem, limits: Limits) -> TravelMatrix:
    """Journeys between the week's places as the policy estimates them (its road
    factor and speeds), the week's own travel.csv rows first."""
    return TravelMatrix(
        problem.places(),
        problem.travel,
        road_factor=limits.road_factor,
        speeds_kmh=limits.speeds(),
    )
