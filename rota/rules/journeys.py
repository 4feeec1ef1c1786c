"""Journeys: time to travel between sessions, and no journey over the worker's maximum."""

from __future__ import annotations

from itertools import pairwise

from ..solver.data import Compiled
from ..solver.model import RotaModel
from ..solver.plan import Plan
from .base import Evaluation, HardRule, Violation
from .text import clock, slot_text, worker_name


def _agreed(data: Compiled, worker: int, *slots: int | None) -> bool:
    ok = data.workers[worker].travel_ok_sessions
    return any(
        s is not None and data.sessions[data.slots[s].session].id in ok for s in slots
    )


class MaxJourney(HardRule):
    """Longest journey: no single journey, from home, between visits or home, longer
    than the worker's maximum, unless they agreed to it for that session."""

    flexible_starts = True

    id = "max_journey"
    label = "too far to travel"
    asked_by = "travel"
    breaks_persist = False  # a visit between may shorten the journey
    title = "Longest single journey"

    def blocks(self, data: Compiled, worker: int, slot: int) -> bool:
        w = data.workers[worker]
        there = data.journey_minutes(worker, w.home, data.place(slot))
        back = data.journey_minutes(worker, data.place(slot), w.home)
        return max(there, back) > w.max_travel and not _agreed(data, worker, slot)

    def admits(self, data: Compiled, worker: int, slot: int) -> str | None:
        if _agreed(data, worker, slot):
            return None
        w = data.workers[worker]
        there = data.journey_minutes(worker, w.home, data.place(slot))
        back = data.journey_minutes(worker, data.place(slot), w.home)
        longest = max(there, back)
        if longest > w.max_travel:
            return (
                f"the journey from home takes {longest} minutes "
                f"(their maximum is {w.max_travel})"
            )
        return None

    def may_follow(self, data: Compiled, worker: int, a: int, b: int) -> bool:
        minutes = data.slot_journey(worker, a, b)
        return minutes <= data.workers[worker].max_travel or _agreed(data, worker, a, b)

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        for day in plan.days.values():
            limit = data.workers[day.worker].max_travel
            for leg in day.legs:
                if leg.minutes > limit and not _agreed(
                    data, day.worker, leg.origin, leg.destination
                ):
                    target = (
                        leg.destination if leg.destination is not None else leg.origin
                    )
                    assert target is not None
                    result.violations.append(
                        Violation(
                            self.id,
                            f"{worker_name(data, day.worker)}: a {leg.minutes}-minute "
                            f"journey for {slot_text(data, target)} "
                            f"(their maximum is {limit})",
                            (day.worker,),
                            (data.slots[target].session,),
                        )
                    )
        return result


def _fits(data: Compiled, worker: int, a: int, b: int, *, moved: bool = False) -> bool:
    """Slot ``b`` can be reached after slot ``a`` (which starts no later); with
    ``moved``, for some start of slots with a start variable (``a`` at its
    earliest, ``b`` at its latest)."""
    ka, kb = data.slots[a], data.slots[b]
    minutes = data.slot_journey(worker, a, b)
    return ka.end + minutes <= (kb.latest_start if moved else kb.start)


def _moving_order(m: RotaModel) -> None:
    """Where a start is a variable, a visit that follows another in a day starts
    once the journey from it is done (fixed times: the arcs say it already)."""
    data = m.data
    for (w, _), route in m.routes.items():
        for (a, b), lit in route.arcs.items():
            if a in m.starts or b in m.starts:
                journey = data.slot_journey(w, a, b)
                m.cp.add(m.start_of(b) >= m.end_of(a) + journey).only_enforce_if(lit)


class TravelTime(HardRule):
    """One place at a time: no overlap, and the journey fits between two sessions."""

    id = "travel_time"
    label = "at another visit"
    title = "No overlap; time to travel"

    flexible_starts = True

    def may_follow(self, data: Compiled, worker: int, a: int, b: int) -> bool:
        return _fits(data, worker, a, b, moved=True)

    def why_not(self, plan: Plan, worker: int, slot: int, violation: Violation) -> str:
        """'already at another visit 09:00-10:00 (s12) and the journey takes 25
        minutes (10 minutes between them)', for each visit of theirs in the way."""
        data = plan.data
        mine = data.slots[slot]
        clashes = []
        for other in plan.by_worker.get(worker, []):
            if other == slot or abs(data.slots[other].start - mine.start) >= 1440:
                continue
            a, b = sorted((other, slot), key=lambda k: data.slots[k].start)
            minutes = data.journey_minutes(worker, data.place(a), data.place(b))
            if data.slots[a].end + minutes <= data.slots[b].start:
                continue
            ko = data.slots[other]
            visit = (
                f"already at another visit {clock(data, ko.start)}-"
                f"{clock(data, ko.end)} ({data.sessions[ko.session].id})"
            )
            if mine.start < ko.end and ko.start < mine.end:
                clashes.append(f"{visit} at the same time")
            else:
                gap = data.slots[b].start - data.slots[a].end
                clashes.append(
                    f"{visit} and the journey takes {minutes} minutes "
                    f"({gap} minutes between them)"
                )
        return "; ".join(clashes) or "already at another visit"

    def encode(self, m: RotaModel) -> list:
        # Same-day sequences are handled by the day circuits (arcs exist only where
        # the journey fits); pairs on different days need an explicit conflict.
        data = m.data
        if m.starts and not m.light:
            _moving_order(m)
        for (w, day), route in m.routes.items():
            nxt = m.routes.get((w, day + 1))
            if nxt is None:
                continue
            reach = data.longest_journey(w)
            for a in route.slots:
                ka = data.slots[a]
                for b in nxt.slots:  # in start order
                    kb = data.slots[b]
                    if kb.start >= ka.latest_end + reach:
                        break  # every later visit is far enough in time
                    if ka.session == kb.session:
                        continue
                    pair = [m.x[(w, a)], m.x[(w, b)]]
                    journey = data.slot_journey(w, a, b)
                    if not _fits(data, w, a, b, moved=True):
                        m.cp.add_bool_or([~lit for lit in pair])
                    elif ka.latest_end + journey > kb.start:  # only some starts fit
                        m.cp.add(
                            m.start_of(b) >= m.end_of(a) + journey
                        ).only_enforce_if(pair)
        return []

    def relax(self, m: RotaModel) -> None:
        # Without circuits, a visit the journey cannot reach in time after another
        # of the same day is kept apart from it (overlaps are the model's cliques).
        self.encode(m)
        import numpy as np

        for (w, _), route in m.routes.items():
            _, reach, after = m.day_reach(route)
            for i, j in zip(*np.nonzero(after & ~reach), strict=True):
                m.cp.add_bool_or([~m.x[(w, route.slots[i])], ~m.x[(w, route.slots[j])]])

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        for w, slots in plan.by_worker.items():
            for a, b in pairwise(slots):
                if _fits(data, w, a, b):
                    continue
                ka, kb = data.slots[a], data.slots[b]
                minutes = data.slot_journey(w, a, b)
                if kb.start < ka.end:
                    why = "overlaps"
                else:
                    why = (
                        f"the journey takes {minutes} minutes, "
                        f"leaving {clock(data, ka.end)} to arrive by {clock(data, kb.start)}"
                    )
                result.violations.append(
                    Violation(
                        self.id,
                        f"{worker_name(data, w)}: {slot_text(data, a)} and "
                        f"{slot_text(data, b)}: {why}",
                        (w,),
                        (ka.session, kb.session),
                    )
                )
        return result
