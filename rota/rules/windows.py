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
    """(minutes late, chosen literal) of every fixed slot that starts late."""
    data = m.data
    out: list[tuple[int, Any]] = []
    for session in data.sessions:
        for k in session.slots:
            late = session.late(data.slots[k].start)
            if late and k not in m.starts:
                out.append((late, m.chosen[k]))
    return out


def _late_vars(m: RotaModel) -> list[tuple[int, Any]]:
    """(most minutes late, minutes late) of every slot with a start variable that
    may start late: the minutes past ``latest_start`` when the slot is chosen, else
    0 (exact, so the objective is what the rule's evaluation says)."""
    if "late_vars" in m.cache:
        return m.cache["late_vars"]
    data = m.data
    out: list[tuple[int, Any]] = []
    for k, start in m.starts.items():
        session = data.sessions[data.slots[k].session]
        most = session.late(data.slots[k].latest_start)
        if not most or session.latest is None:
            continue
        past = m.cp.new_int_var(0, most, f"past_k{k}")
        m.cp.add_max_equality(past, [0, start - session.latest])
        late = m.cp.new_int_var(0, most, f"late_k{k}")
        m.cp.add(late == past).only_enforce_if(m.chosen[k])
        m.cp.add(late == 0).only_enforce_if(~m.chosen[k])
        out.append((most, late))
    m.cache["late_vars"] = out
    return out


class Lateness(SoftRule):
    """Lateness: every minute a session starts after its ``latest_start``."""

    flexible_starts = True

    id = "lateness"
    title = "Late starts"

    def encode(self, m: RotaModel) -> list:
        weight = self.weight(m.data) * SCALE
        return [weight * late * lit for late, lit in _late_terms(m)] + [
            weight * late for _, late in _late_vars(m)
        ]

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

    flexible_starts = True

    id = "max_lateness"
    title = "Latest start"

    def encode(self, m: RotaModel) -> list:
        terms = _late_terms(m)
        moving = _late_vars(m)
        if not terms and not moving:
            return []
        top = max(late for late, _ in terms + moving)
        most = m.cp.new_int_var(0, top, "max_lateness")
        # Exactly the largest lateness of a chosen slot (0 when none is late).
        m.cp.add_max_equality(
            most, [0] + [late * lit for late, lit in terms] + [v for _, v in moving]
        )
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
