"""Workers' soft wishes: undesired windows used, preferred windows left unused."""

from __future__ import annotations

from typing import Any

from ..solver.data import SCALE, Compiled
from ..solver.model import RotaModel, overlap_var
from ..solver.plan import Plan
from .base import Evaluation, SoftRule
from .text import slot_text, when, worker_name


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _moving_inside(m: RotaModel, w: int, k: int, start: int, end: int) -> Any:
    """A literal: worker ``w`` takes slot ``k`` (with a start variable) and it
    overlaps ``start``-``end``, exactly."""
    slot = m.data.slots[k]
    lit = m.x[(w, k)]
    if slot.latest_start < end and slot.end > start:
        return lit  # every start overlaps
    inside = m.cp.new_bool_var(f"in_w{w}_k{k}_{start}")
    m.cp.add_implication(inside, lit)
    begin = m.start_of(k)
    m.cp.add_linear_constraint(
        begin, start - slot.duration + 1, end - 1
    ).only_enforce_if(inside)
    before = m.cp.new_bool_var(f"before_w{w}_k{k}_{start}")
    m.cp.add(begin <= start - slot.duration).only_enforce_if([lit, ~inside, before])
    m.cp.add(begin >= end).only_enforce_if([lit, ~inside, ~before])
    return inside


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

    flexible_starts = True

    def takes_start_variables(self, data: Compiled) -> bool:
        # With a start variable the cost is a sum of minutes times each window's
        # weight: exact when those weights are whole (the evaluation rounds).
        return all(
            float(self.weight(data) * win.weight).is_integer()
            for worker in data.workers
            for win in worker.windows
            if win.kind == "undesired"
        )

    def encode(self, m: RotaModel) -> list:
        terms = []
        for (w, k), lit in m.x.items():
            if k in m.starts:
                terms += self._moving_terms(m, w, k, lit)
                continue
            cost = self.cost(m.data, w, k)
            if cost:
                terms.append(cost * lit)
        return terms

    def _moving_terms(self, m: RotaModel, w: int, k: int, lit: Any) -> list:
        """Minutes inside each undesired window, times its weight, for a slot with
        a start variable (0 when the worker does not take it)."""
        slot = m.data.slots[k]
        terms = []
        for i, win in enumerate(m.data.workers[w].windows):
            if win.kind != "undesired" or not _overlap(
                slot.start, slot.latest_end, win.start, win.end
            ):
                continue
            unit = round(self.weight(m.data) * win.weight)
            inside = overlap_var(m, k, win.start, win.end, f"und_w{w}_k{k}_{i}")
            taken = m.cp.new_int_var(0, slot.duration, f"und_x_w{w}_k{k}_{i}")
            m.cp.add(taken == inside).only_enforce_if(lit)
            m.cp.add(taken == 0).only_enforce_if(~lit)
            terms.append(unit * taken)
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

    flexible_starts = True

    def encode(self, m: RotaModel) -> list:
        terms: list = []
        for i, (w, start, end, cost) in enumerate(self._windows(m.data)):
            inside = [
                m.x[(w, k)]
                for k in m.by_worker.get(w, [])
                if k not in m.starts
                and _overlap(start, end, m.data.slots[k].start, m.data.slots[k].end)
            ] + [
                _moving_inside(m, w, k, start, end)
                for k in m.by_worker.get(w, [])
                if k in m.starts
                and _overlap(
                    start, end, m.data.slots[k].start, m.data.slots[k].latest_end
                )
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
