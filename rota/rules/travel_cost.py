"""Travel as a human cost: minutes and miles of every journey, home included."""

from __future__ import annotations

from typing import Any

from ..solver.data import SCALE, Compiled
from ..solver.model import DayRoute, RotaModel
from ..solver.plan import Plan, WorkerDay
from .base import Evaluation, SoftRule
from .text import day_of, worker_name


def _route_legs(m: RotaModel, route: DayRoute) -> list[tuple[str, str, Any]]:
    data = m.data
    home = data.workers[route.worker].home
    legs: list[tuple[str, str, Any]] = []
    legs += [(home, data.place(k), lit) for k, lit in route.first.items()]
    legs += [(data.place(k), home, lit) for k, lit in route.last.items()]
    legs += [(data.place(a), data.place(b), lit) for (a, b), lit in route.arcs.items()]
    return legs


def day_travel_minutes(day: WorkerDay) -> int:
    """Minutes travelling in a working day: from home, between visits and home."""
    return sum(leg.minutes for leg in day.legs)


class TravelMinutes(SoftRule):
    """Travel time: every minute travelling, from home, between visits and home."""

    flexible_starts = True

    id = "travel_minutes"
    day_local = True
    title = "Travel time"

    def encode(self, m: RotaModel) -> list:
        weight = self.weight(m.data)
        terms = []
        for route in m.routes.values():
            for origin, destination, lit in _route_legs(m, route):
                minutes = m.data.journey_minutes(route.worker, origin, destination)
                if minutes:
                    terms.append(weight * minutes * lit)
        return terms

    def evaluate(self, plan: Plan) -> Evaluation:
        weight = self.weight(plan.data)
        result = Evaluation(self.id)
        for day in plan.days.values():
            minutes = day_travel_minutes(day)
            result.add(
                f"{worker_name(plan.data, day.worker)} {day_of(plan.data, day.day)}: "
                f"{minutes} minutes",
                weight * minutes,
            )
        return result


def mile_cost(data: Compiled, weight: int, miles: float) -> int:
    """Penalty of one journey's miles (whole objective units per journey)."""
    return round(weight * miles * SCALE)


class TravelMiles(SoftRule):
    """Travel distance: every mile travelled, from home, between visits and home."""

    flexible_starts = True

    id = "travel_miles"
    day_local = True
    title = "Travel distance"

    def encode(self, m: RotaModel) -> list:
        weight = self.weight(m.data)
        terms = []
        for route in m.routes.values():
            for origin, destination, lit in _route_legs(m, route):
                miles = m.data.journey_miles(route.worker, origin, destination)
                cost = mile_cost(m.data, weight, miles)
                if cost:
                    terms.append(cost * lit)
        return terms

    def evaluate(self, plan: Plan) -> Evaluation:
        weight = self.weight(plan.data)
        result = Evaluation(self.id)
        for day in plan.days.values():
            cost = sum(mile_cost(plan.data, weight, leg.miles) for leg in day.legs)
            result.add(
                f"{worker_name(plan.data, day.worker)} {day_of(plan.data, day.day)}",
                cost,
            )
        return result
