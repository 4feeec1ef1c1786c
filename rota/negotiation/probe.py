"""Trying one worker on one slot of a rota: which hard rules would stop them.

The explainer and the ask finder both ask the same question of the same rules the
solver and the checker use: the rules' cheap filters (``admits``) first, then, on
a hypothetical rota with the pair added, the hard violations that are new and
concern that worker or that session. Budget is judged for the session as a whole,
since one worker alone does not cover a double-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..rules import Rule, all_rules
from ..rules.budget import pounds, weekly_charges
from ..rules.text import clock, worker_name
from ..solver.data import SCALE, Compiled
from ..solver.plan import Plan

_WEEK = 7 * 1440

_SESSION_RULES = frozenset({"coverage", "budget"})
"""Judged for the session, not for a worker trying it."""


@dataclass(frozen=True)
class Reason:
    """Why a worker cannot take a session: the rule's id and its plain sentence."""

    rule: str
    message: str

    def __str__(self) -> str:
        return self.message


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
        self.plan = Plan.from_pairs(data, self.pairs)

    @cached_property
    def hard(self) -> list[Rule]:
        """Active hard rules a worker can break by taking a slot."""
        return [
            r
            for r in all_rules()
            if r.hard and r.id not in _SESSION_RULES and r.active(self.data)
        ]

    @cached_property
    def soft(self) -> list[Rule]:
        """Active soft rules except the uncovered penalties (a cost, not a saving)."""
        return [
            r
            for r in all_rules()
            if not r.hard and not r.id.startswith("uncovered_") and r.active(self.data)
        ]

    def without(self, session: int) -> list[tuple[int, int]]:
        """The rota's pairs with nobody on ``session``."""
        slots = set(self.data.sessions[session].slots)
        return [(w, k) for w, k in self.pairs if k not in slots]

    def filters(self, worker: int, slot: int) -> list[Reason]:
        """The cheap filters' reasons against a pair, whatever the rota."""
        out = []
        for rule in self.hard:
            reason = rule.admits(self.data, worker, slot)
            if reason is not None:
                out.append(Reason(rule.id, reason))
        return out

    def conflicts(
        self,
        base: list[tuple[int, int]],
        worker: int,
        slot: int,
        *,
        skip: frozenset[str] = frozenset(),
    ) -> list[Reason]:
        """New hard violations concerning ``worker`` or the session when the pair
        joins ``base``.

        Only the worker's own pairs and the person's sessions can change a verdict
        that concerns them, so the rules evaluate that part of the rota alone.
        """
        data = self.data
        session = data.slots[slot].session
        user = data.sessions[session].user
        near = [
            (w, k)
            for w, k in base
            if w == worker or data.sessions[data.slots[k].session].user == user
        ]
        before = Plan.from_pairs(data, near)
        after = Plan.from_pairs(data, [*near, (worker, slot)])
        out: list[Reason] = []
        for rule in self.hard:
            if rule.id in skip:
                continue
            known = {v.message for v in rule.evaluate(before).violations}
            for v in rule.evaluate(after).violations:
                if v.message in known:
                    continue
                if worker not in v.workers and session not in v.sessions:
                    continue
                out.append(Reason(rule.id, self._sentence(after, worker, slot, v)))
        return out

    def _sentence(self, after: Plan, worker: int, slot: int, violation) -> str:
        data = self.data
        if violation.rule == "travel_time":
            return self._busy(after, worker, slot)
        text: str = violation.message
        name = worker_name(data, worker)
        for prefix, replacement in ((f"{name}: ", ""), (f"{name}'s ", "their ")):
            if text.startswith(prefix):
                return replacement + text[len(prefix) :]
        return text.removeprefix(f"{name} ")

    def _busy(self, after: Plan, worker: int, slot: int) -> str:
        """'already at another visit 09:00-10:00 and the journey takes 25 minutes'."""
        data = self.data
        mine = data.slots[slot]
        clashes = []
        for other in after.by_worker.get(worker, []):
            if other == slot or abs(data.slots[other].start - mine.start) >= 1440:
                continue
            a, b = sorted((other, slot), key=lambda k: data.slots[k].start)
            minutes = data.journey_minutes(worker, data.place(a), data.place(b))
            if data.slots[a].end + minutes <= data.slots[b].start:
                continue
            ko = data.slots[other]
            visit = (
                f"already at another visit {clock(data, ko.start)}-"
                f"{clock(data, ko.end)} ({data.sessions[ko.session].id})"
            )
            if mine.start < ko.end and ko.start < mine.end:
                clashes.append(f"{visit} at the same time")
            else:
                gap = data.slots[b].start - data.slots[a].end
                clashes.append(
                    f"{visit} and the journey takes {minutes} minutes "
                    f"({gap} minutes between them)"
                )
        return "; ".join(clashes) or "already at another visit"

    def budget(self, base: list[tuple[int, int]], session: int) -> Reason | None:
        """Why covering ``session`` would break its person's weekly budget, or None."""
        data = self.data
        target = data.sessions[session]
        budget = data.users[target.user].budget_pence
        if budget is None:
            return None
        plan = Plan.from_pairs(data, base)
        covered = [
            s.index
            for s in data.sessions
            if s.user == target.user and s.index != session and plan.covered(s.index)
        ]
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
        plan = Plan.from_pairs(self.data, pairs)
        return sum(r.evaluate(plan).penalty for r in self.soft)

    def points(self, raw: int) -> float:
        """A raw penalty in points."""
        return raw / SCALE
