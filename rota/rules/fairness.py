"""Fairness: weekend and unsocial-hours work spread across workers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model.time import MINUTES_PER_DAY
from ..solver.data import Compiled
from ..solver.model import RotaModel, lsum, overlap_var
from ..solver.plan import Plan
from .base import Evaluation, SoftRule
from .text import worker_name


def weekend_minutes(data: Compiled, slot: int) -> int:
    """Minutes of a slot falling on a Saturday or Sunday."""
    k = data.slots[slot]
    first = data.problem.period.start.weekday()
    total = 0
    for day in range(k.start // MINUTES_PER_DAY, (k.end - 1) // MINUTES_PER_DAY + 1):
        if (first + day) % 7 >= 5:
            lo, hi = day * MINUTES_PER_DAY, (day + 1) * MINUTES_PER_DAY
            total += max(0, min(k.end, hi) - max(k.start, lo))
    return total


def unsocial_minutes(data: Compiled, slot: int) -> int:
    """Minutes of a slot before the policy's morning or after its evening limit."""
    k = data.slots[slot]
    early = data.minutes_of(data.policy.limits.unsocial_before)
    late = data.minutes_of(data.policy.limits.unsocial_after)
    total = 0
    for day in range(
        k.start // MINUTES_PER_DAY - 1, (k.end - 1) // MINUTES_PER_DAY + 1
    ):
        base = day * MINUTES_PER_DAY
        for lo, hi in ((base + late, base + MINUTES_PER_DAY + early),):
            total += max(0, min(k.end, hi) - max(k.start, lo))
    return total


def worker_loads(plan: Plan, minutes: Callable[[Compiled, int], int]) -> dict[int, int]:
    """Worker -> sum of ``minutes`` over their slots, for every worker with work."""
    return {
        w: sum(minutes(plan.data, k) for k in slots)
        for w, slots in plan.by_worker.items()
    }


class _MaxLoad(SoftRule):
    """Penalises the largest load of some kind of minutes over all workers."""

    def minutes(self, data: Compiled, slot: int) -> int:
        raise NotImplementedError

    def moving_minutes(self, m: RotaModel, slot: int) -> Any:
        """The minutes of a slot with a start variable, as a model expression
        (by default fixed wherever it starts)."""
        return self.minutes(m.data, slot)

    def encode(self, m: RotaModel) -> list:
        loads = []
        spent: dict[int, Any] = {}  # slot -> its minutes: a number or an expression
        for w, slots in m.by_worker.items():
            terms = []
            for k in slots:
                if k not in spent:
                    flexible = m.data.slots[k].flexible
                    spent[k] = (
                        self.moving_minutes(m, k)
                        if flexible
                        else self.minutes(m.data, k)
                    )
                lit = m.x[(w, k)]
                if isinstance(spent[k], int):
                    if spent[k]:
                        terms.append(spent[k] * lit)
                    continue
                taken = m.cp.new_int_var(
                    0, m.data.slots[k].duration, f"{self.id}_w{w}_k{k}"
                )
                m.cp.add(taken == spent[k]).only_enforce_if(lit)
                m.cp.add(taken == 0).only_enforce_if(~lit)
                terms.append(taken)
            if terms:
                loads.append(lsum(terms))
        if not loads:
            return []
        top = m.cp.new_int_var(0, m.data.days * MINUTES_PER_DAY, f"max_{self.id}")
        m.cp.add_max_equality(top, loads)
        return [self.weight(m.data) * top]

    def evaluate(self, plan: Plan) -> Evaluation:
        result = Evaluation(self.id)
        loads = worker_loads(plan, self.minutes)
        if loads:
            w = max(loads, key=lambda v: (loads[v], -v))
            result.add(
                f"busiest: {worker_name(plan.data, w)} {loads[w]} minutes",
                self.weight(plan.data) * loads[w],
            )
        return result


class WeekendFairness(_MaxLoad):
    """Weekend fairness: the weekend hours of the busiest worker."""

    id = "weekend_fairness"
    title = "Weekend work spread"
    flexible_starts = True
    """A slot with a start variable ends within its day: its weekend minutes are
    fixed."""

    def minutes(self, data: Compiled, slot: int) -> int:
        return weekend_minutes(data, slot)


class UnsocialFairness(_MaxLoad):
    """Unsocial fairness: the early and late hours of the busiest worker."""

    id = "unsocial_fairness"
    title = "Unsocial hours spread"
    flexible_starts = True
    """A slot with a start variable counts the unsocial minutes of the start the
    model gives it, exactly (``moving_minutes``)."""

    def minutes(self, data: Compiled, slot: int) -> int:
        return unsocial_minutes(data, slot)

    def moving_minutes(self, m: RotaModel, slot: int) -> Any:
        """The slot's minutes inside each night it can reach (from the evening
        limit to the next morning's), wherever its start falls."""
        data = m.data
        k = data.slots[slot]
        early = data.minutes_of(data.policy.limits.unsocial_before)
        late = data.minutes_of(data.policy.limits.unsocial_after)
        parts = []
        first, last = (
            k.start // MINUTES_PER_DAY - 1,
            (k.latest_end - 1) // MINUTES_PER_DAY,
        )
        for day in range(first, last + 1):
            lo = day * MINUTES_PER_DAY + late
            hi = (day + 1) * MINUTES_PER_DAY + early
            if hi > k.start and lo < k.latest_end:
                parts.append(overlap_var(m, slot, lo, hi, f"unsocial_k{slot}_d{day}"))
        return lsum(parts) if parts else 0
