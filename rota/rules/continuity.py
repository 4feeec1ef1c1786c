"""Continuity of care: few different faces, and the workers a person prefers."""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from ..solver.data import SCALE, Compiled
from ..solver.model import RotaModel, lsum
from ..solver.plan import Plan
from .base import Evaluation, SoftRule


def seen(m: RotaModel) -> dict[int, dict[int, cp_model.IntVar]]:
    """user -> worker -> literal: the worker is on any of the person's sessions."""
    if "seen" not in m.cache:
        out: dict[int, dict[int, cp_model.IntVar]] = defaultdict(dict)
        lits: dict[tuple[int, int], list] = defaultdict(list)
        for (w, k), lit in m.x.items():
            lits[(m.data.sessions[m.data.slots[k].session].user, w)].append(lit)
        for (u, w), members in lits.items():
            var = m.cp.new_bool_var(f"seen_u{u}_w{w}")
            m.cp.add_max_equality(var, members)
            out[u][w] = var
        m.cache["seen"] = out
    return m.cache["seen"]


def plan_seen(plan: Plan) -> dict[int, set[int]]:
    """user -> workers on any of their sessions."""
    out: dict[int, set[int]] = defaultdict(set)
    for w, k in plan.pairs:
        out[plan.data.sessions[plan.data.slots[k].session].user].add(w)
    return out


class Continuity(SoftRule):
    """Continuity: each distinct worker beyond the person's max_distinct_workers."""

    flexible_starts = True

    id = "continuity"
    title = "Too many different workers"

    def encode(self, m: RotaModel) -> list:
        unit = self.weight(m.data) * SCALE
        terms = []
        for u, workers in seen(m).items():
            limit = m.data.users[u].max_distinct
            if limit is None or len(workers) <= limit:
                continue
            excess = m.cp.new_int_var(0, len(workers), f"excess_u{u}")
            m.cp.add_max_equality(excess, [0, lsum(workers.values()) - limit])
            terms.append(unit * excess)
        return terms

    def evaluate(self, plan: Plan) -> Evaluation:
        unit = self.weight(plan.data) * SCALE
        result = Evaluation(self.id)
        for u, workers in plan_seen(plan).items():
            limit = plan.data.users[u].max_distinct
            if limit is not None and len(workers) > limit:
                result.add(
                    f"{plan.data.users[u].name}: {len(workers)} workers (wish {limit})",
                    unit * (len(workers) - limit),
                )
        return result


class DistinctWorkers(SoftRule):
    """Distinct workers: each different worker a person sees in the horizon."""

    flexible_starts = True

    id = "distinct_workers"
    title = "Different workers per person"

    def encode(self, m: RotaModel) -> list:
        unit = self.weight(m.data) * SCALE
        return [unit * lit for workers in seen(m).values() for lit in workers.values()]

    def evaluate(self, plan: Plan) -> Evaluation:
        unit = self.weight(plan.data) * SCALE
        result = Evaluation(self.id)
        for u, workers in plan_seen(plan).items():
            result.add(
                f"{plan.data.users[u].name}: {len(workers)}", unit * len(workers)
            )
        return result


class NonPreferredWorker(SoftRule):
    """Non-preferred worker: each hour a person with preferred workers gets another."""

    flexible_starts = True

    id = "non_preferred_worker"
    title = "Hours with a worker the person did not ask for"

    def cost(self, data: Compiled, w: int, slot: int) -> int:
        """Penalty for worker ``w`` on ``slot``."""
        k = data.slots[slot]
        user = data.users[data.sessions[k.session].user]
        if not user.preferred or data.workers[w].id in user.preferred:
            return 0
        return self.weight(data) * k.duration

    def encode(self, m: RotaModel) -> list:
        return [
            self.cost(m.data, w, k) * lit
            for (w, k), lit in m.x.items()
            if self.cost(m.data, w, k)
        ]

    def evaluate(self, plan: Plan) -> Evaluation:
        result = Evaluation(self.id)
        for w, k in plan.pairs:
            cost = self.cost(plan.data, w, k)
            if cost:
                result.add(
                    f"{plan.data.workers[w].id} on {plan.data.slots[k].session}", cost
                )
        return result
