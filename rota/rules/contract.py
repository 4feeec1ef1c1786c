"""Contracts: hours not offered against the contract, and hours above it."""

from __future__ import annotations

from ..solver.model import RotaModel, lsum
from ..solver.plan import Plan
from .base import Evaluation, SoftRule
from .hours import week_of
from .text import worker_name


def _week_paid(m: RotaModel, w: int, week: int) -> list:
    return [
        m.paid_minutes(r) for r in m.worker_routes(w) if week_of(m.data, r.day) == week
    ]


def week_paid(plan: Plan, w: int, week: int) -> int:
    """Paid minutes of worker ``w`` in week ``week`` of a finished rota."""
    return sum(
        plan.paid_minutes(d)
        for d in plan.worker_days(w)
        if week_of(plan.data, d.day) == week
    )


def shortfall_minutes(plan: Plan, w: int, week: int) -> int:
    """Contracted minutes of a week that worker ``w`` is not offered."""
    return max(0, plan.data.workers[w].contracted_week - week_paid(plan, w, week))


def over_contract_minutes(plan: Plan, w: int, week: int) -> int:
    """Paid minutes of worker ``w`` in a week above the contract."""
    return max(0, week_paid(plan, w, week) - plan.data.workers[w].contracted_week)


class ContractShortfall(SoftRule):
    """Contract shortfall: each contracted hour a week not offered (income lost)."""

    flexible_starts = True

    id = "contract_shortfall"
    title = "Contracted hours not offered"

    def encode(self, m: RotaModel) -> list:
        weight = self.weight(m.data)
        terms: list = []
        for w, worker in enumerate(m.data.workers):
            target = worker.contracted_week
            if target == 0:
                continue
            for week in range(len(m.data.weeks)):
                parts = _week_paid(m, w, week)
                if not parts:
                    terms.append(weight * target)
                    continue
                short = m.cp.new_int_var(0, target, f"shortfall_w{w}_wk{week}")
                m.cp.add_max_equality(short, [0, target - lsum(parts)])
                terms.append(weight * short)
        return terms

    def evaluate(self, plan: Plan) -> Evaluation:
        weight = self.weight(plan.data)
        result = Evaluation(self.id)
        for w in range(len(plan.data.workers)):
            for week in range(len(plan.data.weeks)):
                short = shortfall_minutes(plan, w, week)
                result.add(
                    f"{worker_name(plan.data, w)} week {week + 1}: {short} minutes",
                    weight * short,
                )
        return result


class Overtime(SoftRule):
    """Overtime: each hour a week above the contract (allowed, not to be leaned on)."""

    flexible_starts = True

    id = "overtime"
    title = "Hours above contract"

    def encode(self, m: RotaModel) -> list:
        weight = self.weight(m.data)
        terms: list = []
        for w, worker in enumerate(m.data.workers):
            for week in range(len(m.data.weeks)):
                parts = _week_paid(m, w, week)
                if not parts:
                    continue
                over = m.cp.new_int_var(0, 7 * 24 * 60, f"overtime_w{w}_wk{week}")
                m.cp.add_max_equality(over, [0, lsum(parts) - worker.contracted_week])
                terms.append(weight * over)
        return terms

    def evaluate(self, plan: Plan) -> Evaluation:
        weight = self.weight(plan.data)
        result = Evaluation(self.id)
        for w in range(len(plan.data.workers)):
            for week in range(len(plan.data.weeks)):
                over = over_contract_minutes(plan, w, week)
                result.add(
                    f"{worker_name(plan.data, w)} week {week + 1}: {over} minutes",
                    weight * over,
                )
        return result
