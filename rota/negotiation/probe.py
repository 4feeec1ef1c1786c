"""Trying one worker on one slot of a rota: which hard rules would stop them.

The explainer and the ask finder both ask the same question of the same rules the
solver and the checker use: the rules' cheap filters (``admits``) first, then, on
the worker's own rota with the pair added, the hard violations that are new.
Budget is judged for the session as a whole, since one worker alone does not cover
a double-up.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from ..rules import Rule, all_rules
from ..rules.budget import pounds, weekly_charges
from ..solver.data import Compiled
from ..solver.plan import Plan

_WEEK = 7 * 1440


@dataclass(frozen=True)
class Reason:
    """Why a worker cannot take a session: the rule's id and its plain sentence."""

    rule: str
    message: str

    def __str__(self) -> str:
        return self.message


def soft_penalty(plan: Plan) -> int:
    """The active soft rules' penalty of a plan, in 1/SCALE points, without the
    uncovered penalties: what working the rota costs, not what covering saves."""
    return sum(
        r.evaluate(plan).penalty
        for r in all_rules()
        if not r.hard and not r.id.startswith("uncovered_") and r.active(plan.data)
    )


def base_slot(data: Compiled, session: int) -> int:
    """The slot at the session's requested time."""
    s = data.sessions[session]
    return next(
        (
            k
            for k in s.slots
            if (data.slots[k].start, data.slots[k].end) == (s.start, s.end)
        ),
        s.slots[0],
    )


class Probe:
    """Questions about one compiled problem and one rota, answered by the rules.

    Parameters
    ----------
    data
        The compiled problem.
    pairs
        The rota as (worker, slot) pairs.
    """

    def __init__(self, data: Compiled, pairs: list[tuple[int, int]]) -> None:
        self.data = data
        self.pairs = sorted(set(pairs))
        self._by_worker: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for w, k in self.pairs:
            self._by_worker[w].append((w, k))
        self._before: dict[tuple[int, int], set[str]] = {}
        self._filters: dict[tuple[int, int], list[Reason]] = {}

    @cached_property
    def hard(self) -> list[Rule]:
        """Active hard rules a worker can break by taking a slot."""
        return [
            r
            for r in all_rules()
            if r.hard and not r.session_wide and r.active(self.data)
        ]

    def without(self, session: int) -> list[tuple[int, int]]:
        """The rota's pairs with nobody on ``session``."""
        slots = set(self.data.sessions[session].slots)
        return [(w, k) for w, k in self.pairs if k not in slots]

    def mine(self, worker: int, session: int) -> list[tuple[int, int]]:
        """The worker's pairs, leaving out ``session``."""
        slots = set(self.data.sessions[session].slots)
        return [(w, k) for w, k in self._by_worker.get(worker, []) if k not in slots]

    def filters(self, worker: int, slot: int) -> list[Reason]:
        """The cheap filters' reasons against a pair, whatever the rota."""
        key = (worker, slot)
        if key not in self._filters:
            out = []
            for rule in self.hard:
                reason = rule.admits(self.data, worker, slot)
                if reason is not None:
                    out.append(Reason(rule.id, reason))
            self._filters[key] = out
        return list(self._filters[key])

    def trial(
        self, worker: int, slot: int, *, skip: frozenset[str] = frozenset()
    ) -> tuple[Plan, list[Reason]]:
        """The worker's own rota with the slot in it (the session's other times
        taken out), and the hard violations that are new there.

        Every rule judged here concerns one worker's days, so the worker's own
        pairs are all it needs to see.
        """
        data = self.data
        session = data.slots[slot].session
        own = self.mine(worker, session)
        key = (worker, session)
        if key not in self._before:
            before = Plan.from_pairs(data, own)
            self._before[key] = {
                v.message for r in self.hard for v in r.evaluate(before).violations
            }
        known = self._before[key]
        after = Plan.from_pairs(data, [*own, (worker, slot)])
        out: list[Reason] = []
        for rule in self.hard:
            if rule.id in skip:
                continue
            for v in rule.evaluate(after).violations:
                if v.message in known:
                    continue
                reason = Reason(rule.id, rule.why_not(after, worker, slot, v))
                if reason not in out:
                    out.append(reason)
        return after, out

    def conflicts(self, worker: int, slot: int) -> list[Reason]:
        """New hard violations if ``worker`` took ``slot`` in this rota."""
        return self.trial(worker, slot)[1]

    def budget(self, session: int) -> Reason | None:
        """Why covering ``session`` would break its person's weekly budget, or None."""
        data = self.data
        target = data.sessions[session]
        budget = data.users[target.user].budget_pence
        if budget is None:
            return None
        theirs = {s.index for s in data.sessions if s.user == target.user}
        plan = Plan.from_pairs(
            data, [(w, k) for w, k in self.pairs if data.slots[k].session in theirs]
        )
        covered = [s for s in theirs if s != session and plan.covered(s)]
        week = target.start // _WEEK
        spent = weekly_charges(data, covered).get((target.user, week), 0)
        left = budget - spent
        if target.charge_pence <= left:
            return None
        return Reason(
            "budget",
            f"the person's budget has {pounds(max(left, 0))} left this week, "
            f"this session costs {pounds(target.charge_pence)}",
        )

    def soft_total(self, pairs: list[tuple[int, int]]) -> int:
        """The soft rules' penalty of a rota (uncovered penalties left out)."""
        return soft_penalty(Plan.from_pairs(self.data, pairs))
