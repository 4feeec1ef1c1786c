"""Uncovered sessions, priced per hour by priority."""

from __future__ import annotations

from ..solver.data import Compiled
from ..solver.model import RotaModel
from ..solver.plan import Plan
from .base import Evaluation, SoftRule


class Uncovered(SoftRule):
    """Uncovered: each hour of a session left uncovered, weighted by its priority."""

    title = "Uncovered sessions"

    def __init__(self, priority: str) -> None:
        self.priority = priority
        self.id = f"uncovered_{priority}"  # the weight's name

    def _sessions(self, data: Compiled) -> list[int]:
        return [s.index for s in data.sessions if s.priority == self.priority]

    def encode(self, m: RotaModel) -> list:
        weight = self.weight(m.data)
        return [
            weight * m.data.sessions[s].duration * (1 - m.covered[s])
            for s in self._sessions(m.data)
        ]

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        weight = self.weight(data)
        result = Evaluation(self.id)
        for s in self._sessions(data):
            if not plan.covered(s):
                result.add(data.sessions[s].id, weight * data.sessions[s].duration)
        return result
