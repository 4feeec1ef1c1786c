"""Cost: wages for sessions, unsocial-hours premium and paid travel between visits."""

from __future__ import annotations

from ..solver.data import SCALE, Compiled
from ..solver.model import RotaModel
from ..solver.plan import Plan
from .base import Evaluation, SoftRule
from .fairness import unsocial_minutes
from .text import worker_name


def wage_pence(data: Compiled, w: int, minutes: float) -> float:
    """Pay in pence for minutes at the worker's rate."""
    return data.workers[w].rate_pence_hour * minutes / 60


def slot_pay_pence(data: Compiled, w: int, slot: int) -> float:
    """Worker ``w``'s pay in pence for ``slot``, with the unsocial premium."""
    premium = data.policy.limits.unsocial_premium_percent / 100
    minutes = data.slots[slot].duration + premium * unsocial_minutes(data, slot)
    return wage_pence(data, w, minutes)


def travel_pay_pence(data: Compiled, w: int, minutes: int) -> float:
    """Pay in pence for a journey between visits (0 when travel is not paid)."""
    if not data.policy.limits.pay_travel:
        return 0.0
    return wage_pence(data, w, minutes)


def pay_items(plan: Plan, w: int) -> list[float]:
    """Worker ``w``'s pay in pence, item by item: each slot, then each journey
    between visits (commutes are never paid)."""
    data = plan.data
    items = [slot_pay_pence(data, w, k) for k in plan.by_worker.get(w, [])]
    for day in plan.worker_days(w):
        items += [
            travel_pay_pence(data, w, leg.minutes)
            for leg in day.legs
            if not leg.commute
        ]
    return items


class WageCost(SoftRule):
    """Wage cost: pay for session time (with the unsocial premium) and, when travel
    is paid, for travel between visits; per pound."""

    flexible_starts = True

    id = "wage_cost"
    title = "Wage bill"

    def price(self, data: Compiled, pence: float) -> int:
        """Penalty for paying ``pence`` (the weight is per pound)."""
        return round(self.weight(data) * pence * SCALE / 100)

    def slot_cost(self, data: Compiled, w: int, slot: int) -> int:
        """Penalty for worker ``w``'s pay on ``slot``."""
        return self.price(data, slot_pay_pence(data, w, slot))

    def travel_cost(self, data: Compiled, w: int, minutes: int) -> int:
        """Penalty for paying a journey between visits."""
        return self.price(data, travel_pay_pence(data, w, minutes))

    def encode(self, m: RotaModel) -> list:
        data = m.data
        terms = [self.slot_cost(data, w, k) * lit for (w, k), lit in m.x.items()]
        for route in m.routes.values():
            for (a, b), lit in route.arcs.items():
                minutes = data.journey_minutes(
                    route.worker, data.place(a), data.place(b)
                )
                cost = self.travel_cost(data, route.worker, minutes)
                if cost:
                    terms.append(cost * lit)
        return terms

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        for w in plan.by_worker:
            # Sessions and paid travel apart, so the breakdown shows what travel
            # costs (each item priced alone, as the encoding prices each variable).
            slots = plan.by_worker[w]
            result.add(
                f"{worker_name(data, w)}: sessions",
                sum(self.slot_cost(data, w, k) for k in slots),
            )
            result.add(
                f"{worker_name(data, w)}: travel between visits",
                sum(
                    self.travel_cost(data, w, leg.minutes)
                    for day in plan.worker_days(w)
                    for leg in day.legs
                    if not leg.commute
                ),
            )
        return result
