"""A finished rota as plain data: each worker's days with their journeys and gaps.

The rules evaluate a :class:`Plan` without CP-SAT, so the checker, the objective
breakdown and the explainer all read the same facts the solver encoded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .data import Compiled


@dataclass(frozen=True)
class Leg:
    """A journey within a working day; ``origin``/``destination`` None means home."""

    origin: int | None
    destination: int | None
    minutes: int
    miles: float

    @property
    def commute(self) -> bool:
        """True for a journey from or to home."""
        return self.origin is None or self.destination is None


@dataclass
class WorkerDay:
    """One worker's working day: slots in start order and the journeys between."""

    worker: int
    day: int
    slots: list[int]
    legs: list[Leg]
    starts: list[int]
    ends: list[int]

    @property
    def first_start(self) -> int:
        """Start of the first session."""
        return self.starts[0]

    @property
    def last_end(self) -> int:
        """End of the last session."""
        return self.ends[-1]

    @property
    def session_minutes(self) -> int:
        """Minutes at sessions."""
        return sum(e - s for s, e in zip(self.starts, self.ends, strict=True))

    @property
    def between_travel(self) -> int:
        """Minutes travelling between sessions (not from or to home)."""
        return sum(leg.minutes for leg in self.legs if not leg.commute)

    @property
    def commute_travel(self) -> int:
        """Minutes travelling from and to home."""
        return sum(leg.minutes for leg in self.legs if leg.commute)

    def gaps(self) -> list[tuple[int, int, int]]:
        """(before, after, unpaid minutes) between consecutive sessions."""
        out = []
        for k in range(len(self.slots) - 1):
            leg = self.legs[k + 1]
            unpaid = self.starts[k + 1] - self.ends[k] - leg.minutes
            out.append((self.slots[k], self.slots[k + 1], unpaid))
        return out


@dataclass
class Plan:
    """A rota as (worker, slot) pairs, with everything derived from them."""

    data: Compiled
    pairs: list[tuple[int, int]]
    by_worker: dict[int, list[int]] = field(init=False)
    by_slot: dict[int, list[int]] = field(init=False)
    days: dict[tuple[int, int], WorkerDay] = field(init=False)

    def __post_init__(self) -> None:
        self.by_worker = defaultdict(list)
        self.by_slot = defaultdict(list)
        for w, slot in self.pairs:
            self.by_worker[w].append(slot)
            self.by_slot[slot].append(w)
        self.days = {}
        for w, slots in self.by_worker.items():
            slots.sort(key=lambda k: (self.data.slots[k].start, k))
            per_day: dict[int, list[int]] = defaultdict(list)
            for k in slots:
                per_day[self.data.slots[k].day].append(k)
            for day, members in per_day.items():
                self.days[(w, day)] = self._day(w, day, members)

    def _day(self, w: int, day: int, members: list[int]) -> WorkerDay:
        data = self.data
        home = data.workers[w].home
        places = [home, *(data.place(k) for k in members), home]
        ends_at = [None, *members, None]
        legs = []
        for k in range(len(places) - 1):
            minutes = data.journey_minutes(w, places[k], places[k + 1])
            miles = data.journey_miles(w, places[k], places[k + 1])
            legs.append(Leg(ends_at[k], ends_at[k + 1], minutes, miles))
        return WorkerDay(
            worker=w,
            day=day,
            slots=members,
            legs=legs,
            starts=[data.slots[k].start for k in members],
            ends=[data.slots[k].end for k in members],
        )

    def worker_days(self, w: int) -> list[WorkerDay]:
        """A worker's working days in order."""
        return sorted(
            (d for (ww, _), d in self.days.items() if ww == w), key=lambda d: d.day
        )

    def sessions_of(self, w: int) -> set[int]:
        """Indexes of the sessions a worker is on."""
        return {self.data.slots[k].session for k in self.by_worker.get(w, [])}

    def session_workers(self, s: int) -> dict[int, list[int]]:
        """Slot -> workers, for the slots of session ``s`` that have any."""
        return {
            k: self.by_slot[k]
            for k in self.data.sessions[s].slots
            if self.by_slot.get(k)
        }

    def covered(self, s: int) -> bool:
        """True when exactly the required workers are on one slot of ``s``."""
        used = self.session_workers(s)
        if len(used) != 1:
            return False
        (workers,) = used.values()
        return len(set(workers)) == self.data.sessions[s].staff

    def paid_minutes(self, day: WorkerDay) -> int:
        """Minutes that count towards hours caps, as the policy says."""
        limits = self.data.policy.limits
        total = day.session_minutes
        if limits.travel_counts_in_hours:
            total += day.between_travel
        if limits.commute_counts_in_hours:
            total += day.commute_travel
        return total

    @staticmethod
    def from_pairs(data: Compiled, pairs: Iterable[tuple[int, int]]) -> Plan:
        """A plan from (worker index, slot index) pairs."""
        return Plan(data, sorted(set(pairs)))
