"""Consent: a published session starting soon changes only where the affected party
said yes (agreement kind ``change``)."""

from __future__ import annotations

from ..solver.data import Compiled
from ..solver.model import RotaModel
from ..solver.plan import Plan
from .base import Evaluation, HardRule, Rule, Violation
from .changes import is_late
from .text import clock, worker_name


def needs_consent(data: Compiled, session: int) -> bool:
    """True for a published session that starts inside the notice period after now
    (sessions already started or past are not this rule's)."""
    return (
        session in data.published
        and data.sessions[session].start >= data.now
        and is_late(data, session)
    )


def agreed(data: Compiled, session: int, party: str) -> bool:
    """True when ``party`` (a worker or person id) said yes to changing the session."""
    return party in data.consented.get(session, frozenset())


def time_changed(data: Compiled, slot: int) -> int | None:
    """The published start when ``slot`` runs at another time without the person's
    yes, else None.

    The requested start (sessions.csv) and a start the person agreed to when asked
    (a ``move``) are theirs already; any other start needs their ``change`` yes.
    """
    k = data.slots[slot]
    published = data.published_start.get(k.session)
    if published is None or k.start == published:
        return None
    session = data.sessions[k.session]
    if k.start == session.start or k.start in data.agreed_starts.get(
        k.session, frozenset()
    ):
        return None
    if agreed(data, k.session, data.users[session.user].id):
        return None
    return published


def missing_yes(data: Compiled, worker: int, slot: int) -> list[str]:
    """The ids whose yes ``worker`` on ``slot`` still needs: the worker's own when
    they were not published on the session, the person's for a change of time."""
    s = data.slots[slot].session
    if not needs_consent(data, s):
        return []
    out = []
    w = data.workers[worker].id
    if worker not in data.published[s] and not agreed(data, s, w):
        out.append(w)
    if time_changed(data, slot) is not None:
        out.append(data.users[data.sessions[s].user].id)
    return out


def _names(data: Compiled, workers: frozenset[int] | set[int]) -> str:
    return ", ".join(worker_name(data, w) for w in sorted(workers))


def _hard_filters(data: Compiled) -> list[Rule]:
    from .registry import hard_rules  # the registry lists this rule: import late

    return [r for r in hard_rules() if r.active(data)]


def can_take(data: Compiled, worker: int, session: int) -> bool:
    """True when some time of the session passes every hard rule's cheap filter for
    the worker: a published worker who cannot may leave the session to others."""
    rules = _hard_filters(data)
    return any(
        all(not r.blocks(data, worker, k) for r in rules)
        for k in data.sessions[session].slots
    )


class Consent(HardRule):
    """Consent for short-notice changes: inside the notice period a published worker
    stays on their session whenever it is covered unless they said yes to giving it
    up (or can no longer take it), another worker takes it only with their own yes,
    and it runs at another time than published only with the person's yes."""

    flexible_starts = True

    id = "consent"
    label = "waiting for consent to a short-notice change"
    asked_by = "change"
    per_person = True
    title = "Short-notice changes need consent"

    def active(self, data: Compiled) -> bool:
        return data.policy.limits.change_consent and bool(data.published)

    def admits(self, data: Compiled, worker: int, slot: int) -> str | None:
        s = data.slots[slot].session
        if not needs_consent(data, s):
            return None
        if worker not in data.published[s] and not agreed(
            data, s, data.workers[worker].id
        ):
            return (
                f"it was published to {_names(data, data.published[s])}, and taking "
                "it on this close to the start needs your consent"
            )
        published = time_changed(data, slot)
        if published is not None:
            person = data.users[data.sessions[s].user].name
            return (
                f"it was published for {clock(data, published)}, and moving it to "
                f"{clock(data, data.slots[slot].start)} this close to the start needs "
                f"{person}'s consent"
            )
        return None

    def encode(self, m: RotaModel) -> list:
        data = m.data
        for s in data.published:
            if not needs_consent(data, s):
                continue
            for w in sorted(data.published[s]):
                if agreed(data, s, data.workers[w].id):
                    continue
                if any((w, k) in m.x for k in data.sessions[s].slots):
                    m.cp.add(m.assigned(w, s) == m.covered[s])
                elif can_take(data, w, s):
                    # Not in this (restricted) model, yet able: nobody else may
                    # take the session from them.
                    m.cp.add(m.covered[s] == 0)
        return []

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        # Only sessions someone works can break the rule (an uncovered one keeps
        # its published workers off it legitimately).
        worked = {data.slots[k].session for k, ws in plan.by_slot.items() if ws}
        for s in sorted(worked):
            if not needs_consent(data, s):
                continue
            sid = data.sessions[s].id
            told = data.published[s]
            on = {w for ws in plan.session_workers(s).values() for w in ws}
            for w in sorted(on - told):
                if not agreed(data, s, data.workers[w].id):
                    result.violations.append(
                        Violation(
                            self.id,
                            f"{sid} was published to {_names(data, told)}: "
                            f"{worker_name(data, w)} was added at short notice "
                            "without their consent",
                            (w,),
                            (s,),
                        )
                    )
            if plan.covered(s):
                for w in sorted(told - on):
                    if agreed(data, s, data.workers[w].id) or not can_take(data, w, s):
                        continue
                    result.violations.append(
                        Violation(
                            self.id,
                            f"{sid} was published to {worker_name(data, w)}, who was "
                            "taken off at short notice without their consent",
                            (w,),
                            (s,),
                        )
                    )
            for k, ws in plan.session_workers(s).items():
                published = time_changed(data, k)
                if published is None:
                    continue
                person = data.users[data.sessions[s].user].name
                result.violations.append(
                    Violation(
                        self.id,
                        f"{sid} was published for {clock(data, published)} but runs "
                        f"at {clock(data, data.slots[k].start)} without {person}'s "
                        "consent",
                        tuple(sorted(ws)),
                        (s,),
                    )
                )
        return result
