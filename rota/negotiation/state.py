"""The working rota the ask finder builds on: agreements so far and who works what.

Agreements change the compiled problem (an agreed move adds a slot, so slot
indexes move), so the working rota is kept as (worker, session, start, end) and
mapped onto each compilation afresh.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from ..model import Agreement
from ..rules import all_rules
from ..solver.data import Compiled, compile_problem
from ..solver.plan import Plan
from .needs import Need
from .probe import Probe

log = logging.getLogger("rota")

Member = tuple[int, int, int, int]
"""(worker, session, start, end): a worker on a session at a time."""

_SCORED = 6
"""Workers compared by soft cost when several could take a moved session."""


@dataclass(order=True)
class Option:
    """One way to cover a session: what must be agreed and who would work it."""

    cost: float
    soft: int = 0
    needs: list[Need] = field(default_factory=list, compare=False)
    team: list[Member] = field(default_factory=list, compare=False)
    """The workers to add to the working rota."""


def pairs_in(data: Compiled, team: list[Member]) -> list[tuple[int, int]]:
    """The (worker, slot) pairs of ``team`` in a compilation."""
    at = {(k.session, k.start, k.end): k.index for k in data.slots}
    pairs = []
    for w, s, start, end in team:
        k = at.get((s, start, end))
        if k is None:
            log.warning("no slot for session %s at %s-%s", s, start, end)
            continue
        pairs.append((w, k))
    return pairs


def hard_violations(plan: Plan) -> set[tuple[str, str]]:
    """Every active hard rule's violations of a plan, as (rule, message)."""
    return {
        (v.rule, v.message)
        for r in all_rules()
        if r.hard and r.active(plan.data)
        for v in r.evaluate(plan).violations
    }


class Working:
    """The rota as it would be if every ask chosen so far were answered yes.

    Parameters
    ----------
    original
        The compiled problem as solved.
    agreements
        Hypothetical 'yes' agreements chosen so far.
    team
        The working rota.
    asked
        Asks per party: recorded answers plus asks chosen so far.
    """

    def __init__(
        self,
        original: Compiled,
        agreements: list[Agreement],
        team: list[Member],
        asked: Counter[str],
    ) -> None:
        self.original = original
        self.agreements = agreements
        self.team = team
        self.asked = asked
        self.data = self.compile([]) if agreements else original
        self.probe = Probe(self.data, pairs_in(self.data, team))

    @staticmethod
    def start(data: Compiled, plan: Plan) -> Working:
        """The working state of a solved rota, before any ask."""
        team = [
            (w, data.slots[k].session, data.slots[k].start, data.slots[k].end)
            for w, k in plan.pairs
        ]
        asked = Counter(a.party_id for a in data.problem.agreements)
        return Working(data, [], team, asked)

    @cached_property
    def baseline(self) -> set[tuple[str, str]]:
        """Hard violations the working rota already has (none for a solver's rota)."""
        return hard_violations(self.probe.plan)

    def base(self, session: int) -> list[tuple[int, int]]:
        """The working rota's pairs with nobody on ``session``."""
        return self.probe.without(session)

    def compile(self, extra: list[Agreement]) -> Compiled:
        """The original problem compiled with the agreements so far and ``extra``."""
        problem = self.original.problem
        added = (*self.agreements, *extra)
        hypothetical = problem.model_copy(
            update={"agreements": (*problem.agreements, *added)}
        )
        now = problem.period.to_datetime(self.original.now)
        return compile_problem(hypothetical, self.original.policy, now=now)

    def _agreements(self, needs: list[Need]) -> list[Agreement]:
        first = len(self.agreements)
        return [
            n.agreement(self.data, f"proposed-{first + i + 1}")
            for i, n in enumerate(needs)
        ]

    def test(self, needs: list[Need], members: list[Member]) -> int | None:
        """The soft penalty of the working rota plus ``members`` under ``needs``,
        or None when that rota would break a hard rule."""
        data = self.compile(self._agreements(needs)) if needs else self.data
        pairs = pairs_in(data, [*self.team, *members])
        plan = Plan.from_pairs(data, pairs)
        if hard_violations(plan) - self.baseline:
            return None
        probe = self.probe if data is self.data else Probe(data, pairs)
        return probe.soft_total(pairs)

    def cover_after_move(self, need: Need, price: float) -> Option | None:
        """Workers who could cover the session at the moved time without asks."""
        data = self.compile(self._agreements([need]))
        session = need.session
        slot = next(
            (
                k
                for k in data.sessions[session].slots
                if (data.slots[k].start, data.slots[k].end) == (need.start, need.end)
            ),
            None,
        )
        if slot is None:
            return None
        probe = Probe(data, pairs_in(data, self.team))
        base = probe.without(session)
        able = [
            w
            for w in range(len(data.workers))
            if not probe.filters(w, slot) and not probe.conflicts(base, w, slot)
        ]
        staff = data.sessions[session].staff
        if len(able) < staff:
            return None
        scored = sorted(
            able[: max(_SCORED, staff)],
            key=lambda w: probe.soft_total([*base, (w, slot)]),
        )
        members = [(w, session, need.start, need.end) for w in scored[:staff]]
        soft = self.test([need], members)
        if soft is None:
            return None
        return Option(price, soft, [need], members)

    def apply(self, needs: list[Need], members: list[Member]) -> Working:
        """The working state once an option's agreements and workers are in."""
        asked = self.asked.copy()
        asked.update(n.party for n in needs)
        return Working(
            self.original,
            [*self.agreements, *self._agreements(needs)],
            [*self.team, *members],
            asked,
        )
