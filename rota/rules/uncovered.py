"""Pricing cover: sessions left uncovered (per hour, by priority or the session's own
weight), and the cost of covering sessions that carry a cover weight."""

from __future__ import annotations

from ..solver.data import Compiled
from ..solver.model import RotaModel
from ..solver.plan import Plan
from .base import Evaluation, SoftRule


class Uncovered(SoftRule):
    """Uncovered: each hour of a session left uncovered, weighted by its priority, or
    by the session's own ``uncovered_weight`` when it has one."""

    flexible_starts = True

    title = "Uncovered sessions"
    prices_cover = True

    def __init__(self, priority: str) -> None:
        self.priority = priority
        self.id = f"uncovered_{priority}"  # the weight's name

    def _sessions(self, data: Compiled) -> list[int]:
        return [s.index for s in data.sessions if s.priority == self.priority]

    def cost(self, data: Compiled, s: int) -> int:
        """Penalty of leaving session ``s`` uncovered, in 1/SCALE points."""
        session = data.sessions[s]
        if session.uncovered_weight is not None:
            return round(session.uncovered_weight * session.duration)
        return self.weight(data) * session.duration

    def cover_price(self, data: Compiled, s: int) -> int:
        if data.sessions[s].priority != self.priority:
            return 0
        return -self.cost(data, s)

    def active(self, data: Compiled) -> bool:
        """On with a priority weight, or when a session's own weight prices it."""
        return self.weight(data) > 0 or any(
            (data.sessions[s].uncovered_weight or 0) > 0 for s in self._sessions(data)
        )

    def encode(self, m: RotaModel) -> list:
        terms = []
        for s in self._sessions(m.data):
            cost = self.cost(m.data, s)
            if cost:
                terms.append(cost * (1 - m.covered[s]))
        return terms

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        for s in self._sessions(data):
            if not plan.covered(s):
                result.add(data.sessions[s].id, self.cost(data, s))
        return result


class CoverCost(SoftRule):
    """Cover cost: each hour of a covered session that has a ``cover_weight`` costs
    that weight times the policy's ``cover_cost`` (nice-to-have cover, such as a
    second worker on a busy shift, that should only be given when it pays)."""

    flexible_starts = True

    id = "cover_cost"
    title = "Cost of optional cover"
    prices_cover = True

    def cost(self, data: Compiled, s: int) -> int:
        """Penalty of covering session ``s``, in 1/SCALE points."""
        session = data.sessions[s]
        if not session.cover_weight:
            return 0
        return round(self.weight(data) * session.cover_weight * session.duration)

    def cover_price(self, data: Compiled, s: int) -> int:
        return self.cost(data, s)

    def active(self, data: Compiled) -> bool:
        return self.weight(data) > 0 and any(s.cover_weight for s in data.sessions)

    def encode(self, m: RotaModel) -> list:
        terms = []
        for s in m.data.sessions:
            cost = self.cost(m.data, s.index)
            if cost:
                terms.append(cost * m.covered[s.index])
        return terms

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        for s in data.sessions:
            if plan.covered(s.index):
                result.add(s.id, self.cost(data, s.index))
        return result


class AgreedUncovered(SoftRule):
    """Agreed, then uncovered: each hour of a session that a worker or person said
    yes to an ask for (agreements.csv names it), left uncovered all the same. They
    changed their week for it; the rota should not waste that."""

    flexible_starts = True

    id = "agreed_uncovered"
    title = "Agreed for, left uncovered"
    prices_cover = True

    def cover_price(self, data: Compiled, s: int) -> int:
        if s not in data.agreed_sessions:
            return 0
        return -self.weight(data) * data.sessions[s].duration

    def active(self, data: Compiled) -> bool:
        return self.weight(data) > 0 and bool(data.agreed_sessions)

    def encode(self, m: RotaModel) -> list:
        weight = self.weight(m.data)
        return [
            weight * m.data.sessions[s].duration * (1 - m.covered[s])
            for s in sorted(m.data.agreed_sessions)
        ]

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        for s in sorted(data.agreed_sessions):
            if not plan.covered(s):
                session = data.sessions[s]
                result.add(session.id, self.weight(data) * session.duration)
        return result
