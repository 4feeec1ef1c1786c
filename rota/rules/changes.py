"""Changes against the published rota, weighted by how much notice they give."""

from __future__ import annotations

from ..solver.data import SCALE, Compiled
from ..solver.model import RotaModel
from ..solver.plan import Plan
from .base import Evaluation, SoftRule


def is_late(data: Compiled, session: int) -> bool:
    """True when the session starts inside the notice period after now."""
    notice = round(data.policy.limits.notice_days * 24 * 60)
    return data.sessions[session].start < data.now + notice


def changed(plan: Plan, *, late: bool) -> list[str]:
    """Each worker added to or taken off a session against the published rota, in
    words, for the sessions starting inside the notice period (``late``) or after
    it. Without a published rota there is nothing to change: none."""
    data = plan.data
    out: list[str] = []
    if not data.problem.published:
        return out
    for s in (x.index for x in data.sessions if is_late(data, x.index) == late):
        told = data.published.get(s, frozenset())
        now = {w for ws in plan.session_workers(s).values() for w in ws}
        out += [
            f"{data.workers[w].id} taken off {data.sessions[s].id}"
            for w in sorted(told - now)
        ]
        out += [
            f"{data.workers[w].id} added to {data.sessions[s].id}"
            for w in sorted(now - told)
        ]
    return out


class Change(SoftRule):
    """Changes: each worker added to or taken off a session against the published
    rota, for sessions starting after the notice period (``late_change`` inside it)."""

    flexible_starts = True

    id = "change"
    title = "Changes to the published rota"
    late = False

    def active(self, data: Compiled) -> bool:
        return super().active(data) and bool(data.problem.published)

    def _sessions(self, data: Compiled) -> list[int]:
        return [s.index for s in data.sessions if is_late(data, s.index) == self.late]

    def encode(self, m: RotaModel) -> list:
        unit = self.weight(m.data) * SCALE
        terms: list = []
        for s in self._sessions(m.data):
            told = m.data.published.get(s, frozenset())
            candidates = {
                w for k in m.data.sessions[s].slots for w in m.by_slot.get(k, [])
            }
            for w in told | candidates:
                if w not in candidates:
                    terms.append(unit)  # published worker who can no longer take it
                elif w in told:
                    terms.append(unit * (1 - m.assigned(w, s)))
                else:
                    terms.append(unit * m.assigned(w, s))
        return terms

    def evaluate(self, plan: Plan) -> Evaluation:
        unit = self.weight(plan.data) * SCALE
        result = Evaluation(self.id)
        for what in changed(plan, late=self.late):
            result.add(what, unit)
        return result


class LateChange(Change):
    """Late changes: a change to a session starting inside the notice period."""

    id = "late_change"
    title = "Changes at short notice"
    late = True
