"""Start windows: a session started after its ``latest_start`` is late.

A session with a start window may start at any of its slots from ``start`` to
``latest_start`` at no cost, and, when the policy's ``max_late_minutes`` allows,
later still. Each minute past ``latest_start`` costs ``lateness``; the latest start
of the whole rota costs ``max_lateness`` a minute, so lateness is spread rather than
heaped on one person.
"""

from __future__ import annotations

from typing import Any

from ..solver.data import SCALE
from ..solver.model import RotaModel
from ..solver.plan import Plan
from .base import Evaluation, SoftRule
from .text import slot_text


def _late_slots(plan: Plan) -> list[tuple[int, int]]:
    """(slot, minutes late) of every covered session that starts late."""
    data = plan.data
    out = []
    for session in data.sessions:
        if session.latest is None or not plan.covered(session.index):
            continue
        (slot,) = plan.session_workers(session.index)
        late = session.late(data.slots[slot].start)
        if late:
            out.append((slot, late))
    return out


def _late_terms(m: RotaModel) -> list[tuple[int, Any]]:
    """(minutes late, chosen literal) of every slot that starts late."""
    data = m.data
    out: list[tuple[int, Any]] = []
    for session in data.sessions:
        for k in session.slots:
            late = session.late(data.slots[k].start)
            if late:
                out.append((late, m.chosen[k]))
    return out


class Lateness(SoftRule):
    """Lateness: every minute a session starts after its ``latest_start``."""

    id = "lateness"
    title = "Late starts"

    def encode(self, m: RotaModel) -> list:
        weight = self.weight(m.data) * SCALE
        return [weight * late * lit for late, lit in _late_terms(m)]

    def evaluate(self, plan: Plan) -> Evaluation:
        weight = self.weight(plan.data) * SCALE
        result = Evaluation(self.id)
        for slot, late in _late_slots(plan):
            result.add(
                f"{slot_text(plan.data, slot)}: {late} minutes late", weight * late
            )
        return result


class MaxLateness(SoftRule):
    """Latest start: the most minutes any session starts after its
    ``latest_start``."""

    id = "max_lateness"
    title = "Latest start"

    def encode(self, m: RotaModel) -> list:
        terms = _late_terms(m)
        if not terms:
            return []
        most = m.cp.new_int_var(0, max(late for late, _ in terms), "max_lateness")
        for late, lit in terms:
            # Minimising keeps ``most`` at the largest lateness of a chosen slot.
            m.cp.add(most >= late).only_enforce_if(lit)
        return [self.weight(m.data) * SCALE * most]

    def evaluate(self, plan: Plan) -> Evaluation:
        weight = self.weight(plan.data) * SCALE
        result = Evaluation(self.id)
        late = _late_slots(plan)
        if late:
            slot, most = max(late, key=lambda item: item[1])
            result.add(
                f"{slot_text(plan.data, slot)}: {most} minutes late", weight * most
            )
        return result
