"""The shape of a working day: split shifts, short days, long unpaid spans, and the
hard limits a policy may set on them (no split shifts, a minimum paid day)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..solver.data import SCALE, Compiled
from ..solver.model import RotaModel
from ..solver.plan import Plan, WorkerDay
from .base import Evaluation, HardRule, SoftRule, Violation, hours
from .text import clock, day_of, worker_name


def split_gaps(plan: Plan, day: WorkerDay) -> list[int]:
    """Unpaid minutes of each gap in a working day that makes it a split shift
    (at or over the policy's ``split_gap_minutes``)."""
    threshold = plan.data.policy.limits.split_gap_minutes
    return [unpaid for _, _, unpaid in day.gaps() if unpaid >= threshold]


def short_minutes(plan: Plan, day: WorkerDay) -> int:
    """Paid minutes a working day falls short of the policy's daily minimum."""
    minimum = plan.data.policy.limits.min_paid_minutes_per_day
    return max(0, minimum - plan.paid_minutes(day))


def unpaid_gap(
    data: Compiled, worker: int, a: int, b: int, *, least: bool = False
) -> int:
    """Unpaid minutes between slot ``a`` and slot ``b`` directly after it (travel
    between them is paid, so not part of the gap); with ``least``, the smallest
    gap slots with start variables may leave (``a`` at its latest)."""
    travel = data.journey_minutes(worker, data.place(a), data.place(b))
    end = data.slots[a].latest_end if least else data.slots[a].end
    return data.slots[b].start - end - travel


def moving_gaps(m: RotaModel) -> Iterator[tuple[int, int, Any, Any, int, int]]:
    """(worker, day, arc literal, unpaid gap expression, least, most) of every
    day-route arc into or out of a slot with a start variable."""
    data = m.data
    for (w, d), route in m.routes.items():
        for (a, b), lit in route.arcs.items():
            if a in m.starts or b in m.starts:
                travel = data.slot_journey(w, a, b)
                gap = m.start_of(b) - m.end_of(a) - travel
                least = unpaid_gap(data, w, a, b, least=True)
                most = data.slots[b].latest_start - data.slots[a].end - travel
                yield w, d, lit, gap, least, most


class NoSplitShift(HardRule):
    """No split shifts: with ``limits.allow_split_shifts`` false, no working day has
    an unpaid gap at or over ``split_gap_minutes`` between two sessions."""

    id = "no_split_shift"
    label = "kept from a split shift"
    breaks_persist = False  # a visit between may close the gap
    title = "No split shifts"

    def active(self, data: Compiled) -> bool:
        return not data.policy.limits.allow_split_shifts

    flexible_starts = True

    def may_follow(self, data: Compiled, worker: int, a: int, b: int) -> bool:
        # The day routes never link two visits with a split gap between them: the
        # limit costs no variable at all (where starts are fixed).
        gap = unpaid_gap(data, worker, a, b, least=True)
        return gap < data.policy.limits.split_gap_minutes

    def encode(self, m: RotaModel) -> list:
        threshold = m.data.policy.limits.split_gap_minutes
        for _, _, lit, gap, _, most in moving_gaps(m):
            if most >= threshold:
                m.cp.add(gap <= threshold - 1).only_enforce_if(lit)
        return []

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        threshold = data.policy.limits.split_gap_minutes
        result = Evaluation(self.id)
        for day in plan.days.values():
            for a, b, unpaid in day.gaps():
                if unpaid >= threshold:
                    result.violations.append(
                        Violation(
                            self.id,
                            f"{worker_name(data, day.worker)} would have a split "
                            f"shift on {day_of(data, day.day)}: {unpaid} unpaid "
                            f"minutes between {clock(data, data.slots[a].end)} and "
                            f"{clock(data, data.slots[b].start)} (split shifts are "
                            f"not allowed; a gap of {threshold} minutes splits a day)",
                            (day.worker,),
                            (data.slots[a].session, data.slots[b].session),
                        )
                    )
        return result


class MinPaidDay(HardRule):
    """Minimum paid day: with ``limits.min_paid_minutes_hard`` above 0, every working
    day has at least that many paid minutes (a worker is not sent out for less)."""

    flexible_starts = True

    id = "min_paid_day"
    label = "short of a minimum paid day"
    title = "Minimum paid working day"
    lower_bound = True
    """A partial rota may break it until more work is added to the day."""

    def minimum(self, data: Compiled) -> int:
        """The fewest paid minutes of a working day."""
        return data.policy.limits.min_paid_minutes_hard

    def active(self, data: Compiled) -> bool:
        return self.minimum(data) > 0

    def encode(self, m: RotaModel) -> list:
        minimum = self.minimum(m.data)
        for route in m.routes.values():
            if m.keeps_minimums(route.worker):
                m.cp.add(m.paid_minutes(route) >= minimum).only_enforce_if(route.worked)
        return []

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        minimum = self.minimum(data)
        result = Evaluation(self.id)
        for day in plan.days.values():
            paid = plan.paid_minutes(day)
            if paid < minimum:
                result.violations.append(
                    Violation(
                        self.id,
                        f"{worker_name(data, day.worker)} would work "
                        f"{hours(paid)} paid hours on {day_of(data, day.day)}, "
                        f"fewer than the minimum working day of {hours(minimum)} "
                        "hours",
                        (day.worker,),
                    )
                )
        return result


class SplitShift(SoftRule):
    """Split shifts: each extra block in a day after an unpaid gap at or over the
    policy's threshold (the day tied up for a few hours' pay)."""

    id = "split_shift"
    day_local = True
    title = "Split shifts"
    flexible_starts = True

    def encode(self, m: RotaModel) -> list:
        data = m.data
        threshold = data.policy.limits.split_gap_minutes
        unit = self.weight(data) * SCALE
        terms = []
        for route in m.routes.values():
            for (a, b), lit in route.arcs.items():
                if a in m.starts or b in m.starts:
                    continue
                if unpaid_gap(data, route.worker, a, b) >= threshold:
                    terms.append(unit * lit)
        for w, d, lit, gap, least, most in moving_gaps(m):
            if least >= threshold:
                terms.append(unit * lit)
            elif most >= threshold:
                # Exactly: a split when the arc is taken with a gap this long.
                split = m.cp.new_bool_var(f"split_w{w}_d{d}_{len(terms)}")
                m.cp.add_implication(split, lit)
                m.cp.add(gap >= threshold).only_enforce_if(split)
                m.cp.add(gap <= threshold - 1).only_enforce_if([lit, ~split])
                terms.append(unit * split)
        return terms

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        unit = self.weight(data) * SCALE
        result = Evaluation(self.id)
        for day in plan.days.values():
            for unpaid in split_gaps(plan, day):
                result.add(
                    f"{worker_name(data, day.worker)} {day_of(data, day.day)}: "
                    f"{unpaid}-minute unpaid gap",
                    unit,
                )
        return result


class ShortDay(SoftRule):
    """Short days: a working day with fewer paid minutes than the policy's minimum,
    per hour short."""

    flexible_starts = True

    id = "short_day"
    day_local = True
    title = "Short working days"

    def encode(self, m: RotaModel) -> list:
        minimum = m.data.policy.limits.min_paid_minutes_per_day
        weight = self.weight(m.data)
        terms = []
        for (w, d), route in m.routes.items():
            short = m.cp.new_int_var(0, minimum, f"short_w{w}_d{d}")
            m.cp.add_max_equality(
                short, [0, minimum * route.worked - m.paid_minutes(route)]
            )
            terms.append(weight * short)
        return terms

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        weight = self.weight(data)
        result = Evaluation(self.id)
        for day in plan.days.values():
            short = short_minutes(plan, day)
            result.add(
                f"{worker_name(data, day.worker)} {day_of(data, day.day)}: "
                f"{short} minutes short",
                weight * short,
            )
        return result


class LongSpan(SoftRule):
    """Long spans: unpaid time between the first start and the last end of a day
    beyond the policy's allowance, per hour."""

    flexible_starts = True

    id = "long_span"
    day_local = True
    title = "Long days for little pay"

    def encode(self, m: RotaModel) -> list:
        allowance = m.data.policy.limits.span_allowance_minutes
        weight = self.weight(m.data)
        terms = []
        for (w, d), route in m.routes.items():
            excess = m.cp.new_int_var(0, 2 * 24 * 60, f"span_w{w}_d{d}")
            spare = (
                m.last_end(route)
                - m.first_start(route)
                - m.paid_minutes(route)
                - allowance
            )
            m.cp.add_max_equality(excess, [0, spare])
            terms.append(weight * excess)
        return terms

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        allowance = data.policy.limits.span_allowance_minutes
        weight = self.weight(data)
        result = Evaluation(self.id)
        for day in plan.days.values():
            spare = day.last_end - day.first_start - plan.paid_minutes(day) - allowance
            result.add(
                f"{worker_name(data, day.worker)} {day_of(data, day.day)}: "
                f"{max(0, spare)} unpaid minutes over the allowance",
                weight * max(0, spare),
            )
        return result
