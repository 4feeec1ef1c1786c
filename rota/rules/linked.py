"""Linked sessions: two visits tied together, by two different workers.

A session with ``linked_to`` is covered exactly when the session it names is, by
other workers, and starts between ``min_delay_minutes`` and ``max_delay_minutes``
after it (0 and 0: both at once, e.g. two carers with different skills arriving
together; 60 and 120: a second call one to two hours after the first).
"""

from __future__ import annotations

from ..solver.data import Compiled
from ..solver.model import RotaModel
from ..solver.plan import Plan
from .base import Evaluation, HardRule, Violation


def _pairs(data: Compiled) -> list[tuple[int, int]]:
    """(session, the session it is linked to) for every linked session."""
    return [(s.index, s.linked) for s in data.sessions if s.linked is not None]


class LinkedSessions(HardRule):
    """Linked sessions: both covered or neither, by different workers, with the
    start of the later within its delay of the start of the earlier."""

    flexible_starts = True

    id = "linked_sessions"
    label = "not free for the linked visit"
    title = "Linked sessions together"
    lower_bound = True
    """A partial rota may hold one of a pair before the other is added."""

    def active(self, data: Compiled) -> bool:
        return bool(_pairs(data))

    def relax(self, m: RotaModel) -> None:
        self.encode(m)  # reads assignments and chosen starts only: exact anywhere

    def encode(self, m: RotaModel) -> list:
        data = m.data
        cp = m.cp
        for s, t in _pairs(data):
            this, other = data.sessions[s], data.sessions[t]
            cp.add(m.covered[s] == m.covered[t])
            for a in this.slots:
                for b in other.slots:
                    ka, kb = data.slots[a], data.slots[b]
                    pair = [m.chosen[a], m.chosen[b]]
                    if a in m.starts or b in m.starts:
                        # Start variables: the delay between them, to the minute.
                        most = ka.latest_start - kb.start
                        least = ka.start - kb.latest_start
                        if most < this.min_delay or least > this.max_delay:
                            cp.add_bool_or([~lit for lit in pair])
                        else:
                            delay = m.start_of(a) - m.start_of(b)
                            cp.add_linear_constraint(
                                delay, this.min_delay, this.max_delay
                            ).only_enforce_if(pair)
                        continue
                    delay = ka.start - kb.start
                    if not this.min_delay <= delay <= this.max_delay:
                        cp.add_bool_or([~lit for lit in pair])
            for w in set(m.by_worker):
                if any((w, k) in m.x for k in this.slots) and any(
                    (w, k) in m.x for k in other.slots
                ):
                    cp.add(m.assigned(w, s) + m.assigned(w, t) <= 1)
        return []

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        for s, t in _pairs(data):
            this, other = data.sessions[s], data.sessions[t]
            here, there = plan.covered(s), plan.covered(t)
            message = None
            workers: set[int] = set()
            if here != there:
                missing = other if here else this
                message = (
                    f"{this.id} and {other.id} are linked, but {missing.id} is not "
                    "covered"
                )
            elif here:
                ((a, mine),) = plan.session_workers(s).items()
                ((b, theirs),) = plan.session_workers(t).items()
                workers = set(mine) | set(theirs)
                delay = data.slots[a].start - data.slots[b].start
                if set(mine) & set(theirs):
                    message = f"{this.id} and {other.id} need different workers"
                elif not this.min_delay <= delay <= this.max_delay:
                    message = (
                        f"{this.id} starts {delay} minutes after {other.id} "
                        f"(between {this.min_delay} and {this.max_delay} needed)"
                    )
            if message is not None:
                result.violations.append(
                    Violation(self.id, message, tuple(sorted(workers)), (s, t))
                )
        return result
