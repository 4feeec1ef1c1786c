"""Why not: for a session, which workers could take it and why the others cannot.

Every reason is a rule's own sentence: the rules' cheap filters first, then the
hard violations a worker would add by taking the session in the current rota.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..rules.text import when
from ..solver.data import SCALE, Compiled
from ..solver.plan import Plan
from .probe import Probe, Reason, base_slot


class NegotiationError(ValueError):
    """A session, worker or ask that is not in the data, or an unusable asks file."""


@dataclass(frozen=True)
class WorkerExplanation:
    """One worker against one session.

    Attributes
    ----------
    worker_id, name
        Who.
    can_take
        True when some time the session may run at breaks no hard rule for them.
    reasons
        Why they cannot (empty when they can), at the session's requested time.
    cost_delta
        For a single-worker session they can take: the change in the rota's soft
        penalties (points, uncovered penalties left out) if they took it; None
        otherwise.
    at
        When they could take it (the requested time, or a flex move).
    note
        Anything else worth saying (already on it; more workers needed).
    """

    worker_id: str
    name: str
    can_take: bool
    reasons: tuple[Reason, ...] = ()
    cost_delta: float | None = None
    at: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class SessionExplanation:
    """Why a session is (or is not) covered, worker by worker.

    Attributes
    ----------
    session_id, person, when, priority, staff
        The session: who it is for, when, how important, how many workers at once.
    covered
        True when the current rota covers it.
    rostered
        Ids of the workers on it in the current rota.
    budget
        The person's budget reason when covering it would break their budget.
    workers
        One entry per worker asked about: those who could take it first, cheapest
        first, then the others in the data's order.
    """

    session_id: str
    person: str
    when: str
    priority: str
    staff: int
    covered: bool
    rostered: tuple[str, ...]
    budget: Reason | None
    workers: tuple[WorkerExplanation, ...]

    @property
    def able(self) -> list[WorkerExplanation]:
        """The workers who could take it."""
        return [w for w in self.workers if w.can_take]


def _worker(
    probe: Probe,
    base: list[tuple[int, int]],
    session: int,
    worker: int,
    *,
    reference: int | None,
    rostered: set[int],
    budget: Reason | None,
) -> WorkerExplanation:
    data = probe.data
    w = data.workers[worker]
    s = data.sessions[session]
    if worker in rostered:
        return WorkerExplanation(
            w.id, w.name, True, cost_delta=0.0, note="on it in the current rota"
        )
    first = base_slot(data, session)
    order = [first, *(k for k in s.slots if k != first)]
    found: list[Reason] | None = None
    for k in order:
        reasons = probe.filters(worker, k)
        if not reasons:
            reasons = probe.conflicts(worker, k)
        if budget is not None:
            reasons.append(budget)  # no worker and no time makes it affordable
        if not reasons:
            slot = data.slots[k]
            cost = None
            note = None
            if s.staff > 1:
                note = f"needs {s.staff - 1} more worker(s) at the same time"
            elif reference is not None:
                after = probe.soft_total([*base, (worker, k)])
                cost = round((after - reference) / SCALE, 2)
            moved = None if k == first else when(data, slot.start, slot.end)
            return WorkerExplanation(
                w.id, w.name, True, cost_delta=cost, at=moved, note=note
            )
        if found is None:
            found = reasons
    return WorkerExplanation(w.id, w.name, False, tuple(found or ()))


def explain_index(
    data: Compiled,
    plan: Plan,
    session: int,
    workers: list[int] | None = None,
    *,
    costs: bool = True,
) -> SessionExplanation:
    """:func:`explain` by indexes; ``costs=False`` skips the soft-cost deltas."""
    probe = Probe(data, plan.pairs)
    s = data.sessions[session]
    rostered = {w for ws in plan.session_workers(session).values() for w in ws}
    on_it = {data.workers[w].id for w in rostered}
    base = probe.without(session)
    reference = probe.soft_total(plan.pairs) if costs and s.staff == 1 else None
    budget = None if plan.covered(session) else probe.budget(session)
    chosen = range(len(data.workers)) if workers is None else workers
    found = [
        _worker(
            probe,
            base,
            session,
            w,
            reference=reference,
            rostered=rostered,
            budget=budget,
        )
        for w in chosen
    ]
    able = sorted(
        (e for e in found if e.can_take),
        key=lambda e: (e.worker_id not in on_it, e.cost_delta or 0.0),
    )
    return SessionExplanation(
        session_id=s.id,
        person=data.users[s.user].name,
        when=when(data, s.start, s.end),
        priority=s.priority,
        staff=s.staff,
        covered=plan.covered(session),
        rostered=tuple(data.workers[w].id for w in sorted(rostered)),
        budget=budget,
        workers=(*able, *(e for e in found if not e.can_take)),
    )


def explain(
    data: Compiled, plan: Plan, session_id: str, worker_id: str | None = None
) -> SessionExplanation:
    """Why each worker can or cannot take a session in the current rota.

    Parameters
    ----------
    data
        The compiled problem (``Result.data`` or ``CheckReport.data``).
    plan
        The current rota (``Result.plan`` or ``CheckReport.plan``).
    session_id
        The session to explain, covered or not.
    worker_id
        Only this worker; every worker when None.

    Returns
    -------
    SessionExplanation
        Per worker: whether they could take it, the rules' reasons why not, and
        what it would cost the rota.

    Raises
    ------
    NegotiationError
        When the session or the worker is not in the data.
    """
    session = data.session_index.get(session_id)
    if session is None:
        raise NegotiationError(f"'{session_id}' is not a session in sessions.csv")
    workers = None
    if worker_id is not None:
        if worker_id not in data.worker_index:
            raise NegotiationError(f"'{worker_id}' is not a worker in workers.csv")
        workers = [data.worker_index[worker_id]]
    return explain_index(data, plan, session, workers)
