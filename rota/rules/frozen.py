"""Frozen period: published sessions starting soon are not changed."""

from __future__ import annotations

from ..solver.data import Compiled
from ..solver.model import RotaModel
from ..solver.plan import Plan
from .base import Evaluation, HardRule, Violation
from .text import worker_name


def frozen_sessions(data: Compiled) -> list[int]:
    """Published sessions that start within the frozen period after now."""
    horizon = round(data.policy.limits.frozen_hours * 60)
    return [
        s
        for s in data.published
        if data.now <= data.sessions[s].start < data.now + horizon
    ]


class Frozen(HardRule):
    """Frozen period: inside it, no worker is added to or taken off a published session
    (a published worker who can no longer take it leaves it uncovered, never replaced)."""

    flexible_starts = True

    id = "frozen"
    label = "not on it when it was frozen"
    per_person = True
    title = "No changes inside the frozen period"

    def active(self, data: Compiled) -> bool:
        return data.policy.limits.frozen_hours > 0 and bool(data.published)

    def admits(self, data: Compiled, worker: int, slot: int) -> str | None:
        s = data.slots[slot].session
        if s in frozen_sessions(data) and worker not in data.published[s]:
            return "the session is inside the frozen period with other workers"
        return None

    def encode(self, m: RotaModel) -> list:
        for s in frozen_sessions(m.data):
            for w in m.data.published[s]:
                if m.data.sessions[s].start >= m.data.now and any(
                    (w, k) in m.x for k in m.data.sessions[s].slots
                ):
                    m.cp.add(m.assigned(w, s) == m.covered[s])
        return []

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        for s in frozen_sessions(data):
            now = {w for ws in plan.session_workers(s).values() for w in ws}
            added = now - data.published[s]
            if added:
                names = ", ".join(worker_name(data, w) for w in sorted(added))
                result.violations.append(
                    Violation(
                        self.id,
                        f"{data.sessions[s].id} is frozen but {names} was added",
                        tuple(sorted(added)),
                        (s,),
                    )
                )
        return result
