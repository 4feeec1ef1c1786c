"""The working rota the ask finder builds on: agreements so far and who works what.

Agreements change the compiled problem (an agreed move adds a slot, so slot
indexes move), so the working rota is kept as (worker, session, start, end) and
mapped onto each compilation afresh.
"""

from __future__ import annotations

import itertools
import logging
from collections import Counter
from dataclasses import dataclass, field

from ..model import Agreement
from ..rules import all_rules
from ..rules.availability import Availability
from ..solver.data import Compiled, compile_problem
from ..solver.plan import Plan
from .needs import Need
from .probe import Probe, base_slot, soft_penalty

log = logging.getLogger("rota")

Member = tuple[int, int, int, int]
"""(worker, session, start, end): a worker on a session at a time."""

_SCORED = 6
"""Teams of workers tested when several could take a moved session."""


@dataclass(order=True)
class Option:
    """One way to cover a session: what must be agreed and who would work it."""

    cost: float
    soft: int = 0
    needs: list[Need] = field(default_factory=list, compare=False)
    team: list[Member] = field(default_factory=list, compare=False)
    """The workers to add to the working rota."""
    data: Compiled | None = field(default=None, compare=False, repr=False)
    """The problem compiled with the working agreements and these needs."""


def slot_at(data: Compiled) -> dict[tuple[int, int, int], int]:
    """(session, start, end) -> slot index, for one compilation."""
    return {(k.session, k.start, k.end): k.index for k in data.slots}


def pairs_in(
    data: Compiled,
    team: list[Member],
    at: dict[tuple[int, int, int], int] | None = None,
) -> list[tuple[int, int]]:
    """The (worker, slot) pairs of ``team`` in a compilation (``at`` its slots)."""
    at = slot_at(data) if at is None else at
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
    data
        The original problem compiled with ``agreements``, when already at hand.
    """

    def __init__(
        self,
        original: Compiled,
        agreements: list[Agreement],
        team: list[Member],
        asked: Counter[str],
        *,
        data: Compiled | None = None,
    ) -> None:
        self.original = original
        self.agreements = agreements
        self.team = team
        self.asked = asked
        if data is None:
            data = self.compile([]) if agreements else original
        self.data = data
        self.at = slot_at(data)
        self.probe = Probe(self.data, pairs_in(self.data, team, self.at))

    @staticmethod
    def start(data: Compiled, plan: Plan) -> Working:
        """The working state of a solved rota, before any ask."""
        team = [
            (w, data.slots[k].session, data.slots[k].start, data.slots[k].end)
            for w, k in plan.pairs
        ]
        asked = Counter(a.party_id for a in data.problem.agreements)
        return Working(data, [], team, asked)

    def compile(self, extra: list[Agreement]) -> Compiled:
        """The original problem compiled with the agreements so far and ``extra``."""
        problem = self.original.problem
        added = (*self.agreements, *extra)
        hypothetical = problem.model_copy(
            update={"agreements": (*problem.agreements, *added)}
        )
        now = problem.period.to_datetime(self.original.now)
        data = compile_problem(hypothetical, self.original.policy, now=now)
        _share_journeys(data, self.original)
        return data

    def _agreements(self, needs: list[Need]) -> list[Agreement]:
        first = len(self.agreements)
        return [
            n.agreement(self.data, f"proposed-{first + i + 1}")
            for i, n in enumerate(needs)
        ]

    def _near(self, members: list[Member]) -> list[Member]:
        """The part of the working rota the new members can affect: their own days
        and every session of the people they would support."""
        sessions = self.data.sessions
        workers = {m[0] for m in members}
        users = {sessions[m[1]].user for m in members}
        return [m for m in self.team if m[0] in workers or sessions[m[1]].user in users]

    def test(
        self, needs: list[Need], members: list[Member], price: float
    ) -> Option | None:
        """The option of ``members`` joining the working rota under ``needs``, or
        None when a hard rule would break; its ``soft`` is how much the soft
        penalties grow.

        Every hard rule concerns one worker, one session or one person, so the
        members' own days and their people's sessions are all that can change.
        """
        data = self.compile(self._agreements(needs)) if needs else self.data
        near = self._near(members)
        at = self.at if data is self.data else slot_at(data)
        after = Plan.from_pairs(data, pairs_in(data, [*near, *members], at))
        before = Plan.from_pairs(self.data, pairs_in(self.data, near, self.at))
        if hard_violations(after) - hard_violations(before):
            return None
        return Option(
            price, soft_penalty(after) - soft_penalty(before), needs, members, data
        )

    def movers(self, session: int, start: int, end: int) -> list[int]:
        """Workers who might take the session at a new time, judged before the
        move is compiled: every cheap filter but availability depends only on the
        session, so the requested time's verdicts hold; availability is judged at
        the new time; and the worker must not already be working then."""
        probe = self.probe
        data = self.data
        first = base_slot(data, session)
        stated = [r for r in probe.hard if isinstance(r, Availability)]
        out = []
        for w in range(len(data.workers)):
            if any(r.rule != "availability" for r in probe.filters(w, first)):
                continue
            if any(r.reason(data, w, start, end) for r in stated):
                continue
            if any(
                data.slots[k].start < end and start < data.slots[k].end
                for _, k in probe.mine(w, session)
            ):
                continue
            out.append(w)
        return out

    def cover_after_move(self, candidates: list[tuple[float, Need]]) -> Option | None:
        """The first move, in the order given, that workers could then cover
        without asks of their own.

        Every candidate time is compiled at once (one hypothetical problem with
        all the moves); only the move chosen is then tested on its own.
        """
        if not candidates:
            return None
        data = self.compile(self._agreements([need for _, need in candidates]))
        at = slot_at(data)
        probe = Probe(data, pairs_in(data, self.team, at))
        for price, need in candidates:
            slot = at.get((need.session, need.start, need.end))
            if slot is None:
                continue
            able = [
                w
                for w in self.movers(need.session, need.start, need.end)
                if not probe.filters(w, slot) and not probe.conflicts(w, slot)
            ]
            staff = data.sessions[need.session].staff
            teams = itertools.combinations(able, staff)
            for team in itertools.islice(teams, _SCORED):
                members = [(w, need.session, need.start, need.end) for w in team]
                option = self.test([need], members, price)
                if option is not None:
                    return option
        return None

    def apply(self, option: Option) -> Working:
        """The working state once an option's agreements and workers are in."""
        asked = self.asked.copy()
        asked.update(n.party for n in option.needs)
        return Working(
            self.original,
            [*self.agreements, *self._agreements(option.needs)],
            [*self.team, *option.team],
            asked,
            data=option.data,
        )


def _share_journeys(data: Compiled, original: Compiled) -> None:
    """Agreements never add or move places, so journeys already worked out for the
    original compilation hold for a hypothetical one; sharing them saves
    rebuilding the journey tables for every candidate tested."""
    if getattr(data, "_places", None) == getattr(original, "_places", None) and hasattr(
        original, "_tables"
    ):
        data._tables = original._tables
