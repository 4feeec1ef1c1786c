"""Cost: wages for sessions, unsocial-hours premium and paid travel between visits."""

from __future__ import annotations

from ..solver.data import Compiled
from ..solver.model import RotaModel
from ..solver.plan import Plan
from .base import Evaluation, SoftRule
from .fairness import unsocial_minutes
from .text import worker_name


def wage_pence(data: Compiled, w: int, minutes: float) -> float:
    """Pay in pence for minutes at the worker's rate."""
    return data.workers[w].rate_pence_hour * minutes / 60


class WageCost(SoftRule):
    """Wage cost: pay for session time (with the unsocial premium) and, when travel
    is paid, for travel between visits; per pound."""

    id = "wage_cost"
    title = "Wage bill"

    def slot_cost(self, data: Compiled, w: int, slot: int) -> int:
        """Penalty for worker ``w``'s pay on ``slot``."""
        premium = data.policy.limits.unsocial_premium_percent / 100
        minutes = data.slots[slot].duration + premium * unsocial_minutes(data, slot)
        return round(self.weight(data) * wage_pence(data, w, minutes) * 60 / 100)

    def travel_cost(self, data: Compiled, w: int, minutes: int) -> int:
        """Penalty for paying a journey between visits."""
        if not data.policy.limits.pay_travel:
            return 0
        return round(self.weight(data) * wage_pence(data, w, minutes) * 60 / 100)

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
        for w, slots in plan.by_worker.items():
            total = sum(self.slot_cost(data, w, k) for k in slots)
            for day in plan.worker_days(w):
                total += sum(
                    self.travel_cost(data, w, leg.minutes)
                    for leg in day.legs
                    if not leg.commute
                )
            result.add(worker_name(data, w), total)
        return result
