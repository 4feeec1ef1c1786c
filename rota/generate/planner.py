"""A greedy rota that keeps every hard rule: the planted answer of a feasible week.

It is deliberately simple and conservative (it is not the engine): a session is
given to a worker only if the worker's whole day still keeps to the rules below,
reading each rule in its strictest sense, so that any fair engine accepts the
plan too.

- skills, the person's gender preference and exclusions;
- stated availability (when asked to respect it) and leave, which always blocks;
- no overlap, and time to travel between consecutive sessions of a day;
- no single journey (including from and to home) beyond ``max_travel_minutes``;
- at most ``max_hours_per_day`` paid hours (sessions plus travel between them);
- first start to last end of a day within ``max_day_span_hours``;
- no run of work (gaps shorter than the break count as work) longer than
  ``break_after_hours``, so a sleep-in (22:00-07:00) is never planned;
- ``min_rest_hours`` between the last end of a working day and the next start;
- at most ``max_days_per_week`` days touched by work;
- weekly paid hours within ``max_hours``;
- the person's weekly budget covers every session planned for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..model import Horizon, ServiceUser, Session, TravelMatrix, Worker
from ..model.records import AvailabilityWindow
from ..policy import Limits

DAY = 1440
PRIORITY_RANK = {"essential": 0, "standard": 1, "flexible": 2}


@dataclass(frozen=True)
class Slot:
    """A session in a worker's plan, in horizon minutes, at a place id."""

    start: int
    end: int
    place: str
    session_id: str
    user_id: str


@dataclass
class WorkerWeek:
    """One worker's planned week and the limits it must keep."""

    worker: Worker
    day_cap: int
    week_cap: int
    max_days: int
    max_travel: int
    stated: list[tuple[int, int]]
    blocked: list[tuple[int, int]]
    days: dict[int, list[Slot]] = field(default_factory=dict)
    paid: dict[int, int] = field(default_factory=dict)
    users: set[str] = field(default_factory=set)

    @property
    def minutes(self) -> int:
        """Paid minutes planned this week."""
        return sum(self.paid.values())


class Planner:
    """Places sessions one at a time on the best worker whose week stays legal.

    Parameters
    ----------
    workers, users
        The week's people.
    availability
        Stated windows and leave.
    horizon
        The week.
    travel
        Journey times between place ids.
    limits
        Hard limits (defaults of the policy when not given).
    respect_availability
        When false, stated windows are ignored (leave still blocks): the caller
        then widens the availability to hold what was planned.
    """

    def __init__(
        self,
        workers: Sequence[Worker],
        users: Sequence[ServiceUser],
        availability: Iterable[AvailabilityWindow],
        horizon: Horizon,
        travel: TravelMatrix,
        *,
        limits: Limits | None = None,
        respect_availability: bool = True,
    ) -> None:
        self.limits = limits or Limits()
        self.horizon = horizon
        self.travel = travel
        self.users = {u.user_id: u for u in users}
        self.respect_availability = respect_availability
        self.weeks = {w.worker_id: self._week_of(w) for w in workers}
        for row in availability:
            interval = horizon.interval(row.date, row.start, row.end)
            week = self.weeks[row.worker_id]
            if row.kind == "unavailable":
                week.blocked.append(interval)
            elif row.kind == "available":
                week.stated.append(interval)
        self.assigned: dict[str, list[str]] = {}
        self._minutes: dict[tuple[str, str, str], int] = {}
        self.charged: dict[str, float] = {}

    def _week_of(self, worker: Worker) -> WorkerWeek:
        limits = self.limits
        per_day = worker.max_hours_per_day or limits.max_hours_per_day
        days = worker.max_days_per_week
        return WorkerWeek(
            worker=worker,
            day_cap=int(per_day * 60),
            week_cap=int(worker.max_hours * 60),
            max_days=limits.max_days_per_week if days is None else days,
            max_travel=(
                limits.max_travel_minutes
                if worker.max_travel_minutes is None
                else worker.max_travel_minutes
            ),
            stated=[],
            blocked=[],
        )

    def slot_of(self, session: Session) -> Slot:
        """The session as a slot in horizon minutes."""
        start, end = self.horizon.interval(session.date, session.start, session.end)
        place = session.session_id if session.lat is not None else session.user_id
        return Slot(start, end, place, session.session_id, session.user_id)

    def suits(self, week: WorkerWeek, session: Session, slot: Slot) -> bool:
        """Whether the worker may ever take the session, whatever else they do."""
        worker = week.worker
        user = self.users[session.user_id]
        if not set(session.skills_required) <= set(worker.skills):
            return False
        if user.gender_preference and worker.gender != user.gender_preference:
            return False
        if worker.worker_id in user.excluded_workers:
            return False
        if self._journey(week, worker.worker_id, slot.place) > week.max_travel:
            return False
        if any(slot.start < b and a < slot.end for a, b in week.blocked):
            return False
        if self.respect_availability and week.stated:
            return any(a <= slot.start and slot.end <= b for a, b in week.stated)
        return True

    def _journey(self, week: WorkerWeek, origin: str, destination: str) -> int:
        key = (origin, destination, week.worker.transport)
        minutes = self._minutes.get(key)
        if minutes is None:
            minutes = self.travel.journey(*key).minutes
            self._minutes[key] = minutes
        return minutes

    def fits(self, week: WorkerWeek, slot: Slot) -> int | None:
        """The day's paid minutes if the slot keeps the week legal, else None."""
        limits = self.limits
        day = slot.start // DAY
        slots = sorted([*week.days.get(day, []), slot], key=lambda s: s.start)
        paid = 0
        run_start: int | None = None
        for i, current in enumerate(slots):
            paid += current.end - current.start
            gap_travel = 0
            if i:
                before = slots[i - 1]
                gap_travel = self._journey(week, before.place, current.place)
                if gap_travel > week.max_travel:
                    return None
                if current.start < before.end + gap_travel:
                    return None
                paid += gap_travel
            if (
                run_start is None
                or current.start - slots[i - 1].end - gap_travel >= limits.break_minutes
            ):
                run_start = current.start
            if current.end - run_start > limits.break_after_hours * 60:
                return None
        if paid > week.day_cap:
            return None
        first, last = slots[0].start, max(s.end for s in slots)
        if last - first > limits.max_day_span_hours * 60:
            return None
        if week.minutes - week.paid.get(day, 0) + paid > week.week_cap:
            return None
        rest = limits.min_rest_hours * 60
        earlier = [d for d in week.days if d < day]
        if earlier and first - max(s.end for s in week.days[max(earlier)]) < rest:
            return None
        later = [d for d in week.days if d > day]
        if later and min(s.start for s in week.days[min(later)]) - last < rest:
            return None
        touched = {d for s in (slot, *self._all(week)) for d in _days_touched(s)}
        if len(touched) > week.max_days:
            return None
        return paid

    def _all(self, week: WorkerWeek) -> Iterable[Slot]:
        for slots in week.days.values():
            yield from slots

    def commit(self, week: WorkerWeek, slot: Slot, paid: int) -> None:
        """Put the slot in the worker's week."""
        day = slot.start // DAY
        week.days.setdefault(day, []).append(slot)
        week.days[day].sort(key=lambda s: s.start)
        week.paid[day] = paid
        week.users.add(slot.user_id)
        self.assigned.setdefault(slot.session_id, []).append(week.worker.worker_id)

    def withdraw(self, week: WorkerWeek, slot: Slot) -> None:
        """Take the slot back out (a double-up whose second worker was not found)."""
        day = slot.start // DAY
        week.days[day].remove(slot)
        if week.days[day]:
            week.paid[day] = self._day_paid(week, week.days[day])
        else:
            del week.days[day]
            del week.paid[day]
        self.assigned[slot.session_id].remove(week.worker.worker_id)
        if not self.assigned[slot.session_id]:
            del self.assigned[slot.session_id]

    def _day_paid(self, week: WorkerWeek, slots: list[Slot]) -> int:
        paid = sum(s.end - s.start for s in slots)
        for before, after in zip(slots, slots[1:], strict=False):
            paid += self._journey(week, before.place, after.place)
        return paid

    def _score(self, week: WorkerWeek, slot: Slot) -> float:
        user = self.users[slot.user_id]
        day = week.days.get(slot.start // DAY, [])
        before = [s for s in day if s.end <= slot.start]
        origin = before[-1].place if before else week.worker.worker_id
        score = float(self._journey(week, origin, slot.place))
        if week.worker.worker_id in user.preferred_workers:
            score -= 40
        if slot.user_id in week.users:
            score -= 25
        if week.minutes < week.worker.contracted_hours * 60:
            score -= 20
        if not day:
            # Opening a new working day costs more than adding to one.
            score += 15
        return score + 30 * week.minutes / max(week.week_cap, 1)

    def place(self, sessions: Iterable[Session]) -> list[Session]:
        """Plan the sessions, hardest first; return those left unplanned."""
        candidates: dict[str, list[WorkerWeek]] = {}
        ordered = []
        for session in sessions:
            slot = self.slot_of(session)
            fitting = [w for w in self.weeks.values() if self.suits(w, session, slot)]
            candidates[session.session_id] = fitting
            ordered.append((session, slot))
        ordered.sort(
            key=lambda pair: (
                -pair[0].staff_required,
                pair[1].start - pair[1].end,
                PRIORITY_RANK[pair[0].priority],
                len(candidates[pair[0].session_id]),
                pair[1].start,
                pair[0].session_id,
            )
        )
        left = []
        for session, slot in ordered:
            cost = self._charge(session, slot)
            user = self.users[session.user_id]
            charged = self.charged.get(user.user_id, 0.0)
            if user.weekly_budget is not None and charged + cost > user.weekly_budget:
                left.append(session)
            elif self._place_one(session, slot, candidates[session.session_id]):
                self.charged[user.user_id] = charged + cost
            else:
                left.append(session)
        return left

    def _charge(self, session: Session, slot: Slot) -> float:
        """What covering the session charges to the person's budget, in pounds."""
        rate = self.users[session.user_id].charge_rate
        if rate is None:
            rate = self.limits.default_charge_rate
        return (slot.end - slot.start) / 60 * rate * session.staff_required

    def _place_one(
        self, session: Session, slot: Slot, candidates: list[WorkerWeek]
    ) -> bool:
        taken: list[WorkerWeek] = []
        for _ in range(session.staff_required):
            best: tuple[float, int, WorkerWeek, int] | None = None
            for index, week in enumerate(candidates):
                if week in taken:
                    continue
                paid = self.fits(week, slot)
                if paid is None:
                    continue
                key = (self._score(week, slot), index, week, paid)
                if best is None or key[:2] < best[:2]:
                    best = key
            if best is None:
                for week in taken:
                    self.withdraw(week, slot)
                return False
            self.commit(best[2], slot, best[3])
            taken.append(best[2])
        return True

    def pairs(self) -> list[tuple[str, str]]:
        """The plan as (session_id, worker_id) pairs, sorted."""
        return sorted((s, w) for s, workers in self.assigned.items() for w in workers)


def _days_touched(slot: Slot) -> range:
    return range(slot.start // DAY, (slot.end - 1) // DAY + 1)
