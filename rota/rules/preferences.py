"""Workers' soft wishes: undesired windows used, preferred windows left unused."""

from __future__ import annotations

from ..solver.data import SCALE, Compiled
from ..solver.model import RotaModel
from ..solver.plan import Plan
from .base import Evaluation, SoftRule
from .text import slot_text, when, worker_name


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


class UndesiredTime(SoftRule):
    """Undesired time: each hour worked inside a window the worker marked undesired,
    times that window's weight."""

    id = "undesired_time"
    title = "Undesired hours worked"

    def cost(self, data: Compiled, w: int, slot: int) -> int:
        """Penalty for worker ``w`` taking ``slot``."""
        k = data.slots[slot]
        return round(
            sum(
                self.weight(data)
                * _overlap(k.start, k.end, win.start, win.end)
                * win.weight
                for win in data.workers[w].windows
                if win.kind == "undesired"
            )
        )

    def encode(self, m: RotaModel) -> list:
        terms = []
        for (w, k), lit in m.x.items():
            cost = self.cost(m.data, w, k)
            if cost:
                terms.append(cost * lit)
        return terms

    def evaluate(self, plan: Plan) -> Evaluation:
        result = Evaluation(self.id)
        for w, k in plan.pairs:
            result.add(
                f"{worker_name(plan.data, w)} on {slot_text(plan.data, k)}",
                self.cost(plan.data, w, k),
            )
        return result


class PreferredUnused(SoftRule):
    """Preferred windows unused: each window a worker marked preferred with no work in
    it, times its weight."""

    id = "preferred_unused"
    title = "Preferred windows not used"

    def _windows(self, data: Compiled) -> list[tuple[int, int, int, int]]:
        out = []
        for w, worker in enumerate(data.workers):
            for win in worker.windows:
                if win.kind == "preferred":
                    cost = round(self.weight(data) * SCALE * win.weight)
                    out.append((w, win.start, win.end, cost))
        return out

    def encode(self, m: RotaModel) -> list:
        terms: list = []
        for i, (w, start, end, cost) in enumerate(self._windows(m.data)):
            inside = [
                m.x[(w, k)]
                for k in m.by_worker.get(w, [])
                if _overlap(start, end, m.data.slots[k].start, m.data.slots[k].end)
            ]
            if not inside:
                terms.append(cost)
                continue
            used = m.cp.new_bool_var(f"pref_used_{i}")
            m.cp.add_max_equality(used, inside)
            terms.append(cost * (1 - used))
        return terms

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        for w, start, end, cost in self._windows(data):
            used = any(
                _overlap(start, end, data.slots[k].start, data.slots[k].end)
                for k in plan.by_worker.get(w, [])
            )
            if not used:
                result.add(f"{worker_name(data, w)} {when(data, start, end)}", cost)
        return result
