"""Asks: the cheapest requests that would let the rota cover what it leaves uncovered.

Uncovered sessions are taken essential first. For each, every way of covering it
that needs only askable relaxations is priced by the policy's ask weights: a
worker working outside their stated hours (never in an unavailable window), a
longer journey, overtime above their weekly maximum, a worker taking on a
published session at short notice (or its person accepting another start), or the
person moving the session beyond their agreed flex. Each candidate is tested the way the next solve
will see it: its agreements are compiled into the problem and the rota with it
must break no hard rule. The cheapest is kept and built on, so later asks fit with
earlier ones.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections import Counter
from typing import NamedTuple

from ..model import Agreement, Ask
from ..rules import rules_by_id
from ..rules.consent import missing_yes
from ..rules.hours import week_cap, week_of
from ..solver.data import Compiled
from ..solver.plan import Plan
from .needs import Need
from .state import Option, Working

log = logging.getLogger("rota")

_RULES = rules_by_id()
_FILTERED = frozenset(
    r.id for r in _RULES.values() if r.asked_by in ("availability", "change")
)
"""Rules whose asks the filters already found (:func:`_askable_filters`)."""
_ORDER = {"essential": 0, "standard": 1, "flexible": 2}
_VERIFY_LIMIT = 24
"""Candidates fully tested per session at most (each test compiles the problem)."""
_POOL = 4
"""Cheapest workers found per session (and combined for double-ups)."""
_TIES = 3
"""Equal-price options with asks compared for their soft cost (each compiles)."""


def _journey(data: Compiled, plan: Plan, worker: int, slot: int) -> int:
    """The longest journey into or out of ``slot`` in the worker's day."""
    day = plan.days[(worker, data.slots[slot].day)]
    return max(leg.minutes for leg in day.legs if slot in (leg.origin, leg.destination))


def _overtime(data: Compiled, plan: Plan, worker: int, slot: int) -> int:
    """Minutes over the weekly maximum in the slot's week."""
    week = week_of(data, data.slots[slot].day)
    paid = sum(
        plan.paid_minutes(day)
        for (w, d), day in plan.days.items()
        if w == worker and week_of(data, d) == week
    )
    return paid - week_cap(data, worker)


def _askable_filters(work: Working, worker: int, slot: int) -> list[Need] | None:
    """The needs the cheap filters already show (a lower bound on the price), or
    None when a filter's reason cannot be asked.

    Each rule in the way says which agreement lifts it (``Rule.asked_by``) and
    whether it can be asked for here (stated availability can, an unavailable
    window cannot); a long journey is priced once the whole day is known
    (:func:`needs_for`).
    """
    data = work.data
    k = data.slots[slot]
    needs = []
    for reason in work.probe.filters(worker, slot):
        rule = _RULES[reason.rule]
        if not rule.askable(data, worker, slot):
            return None
        if rule.asked_by == "availability":
            w = data.workers[worker].id
            needs.append(Need("availability", w, k.session, k.start, k.end))
        elif rule.asked_by == "change":
            needs += _consent_needs(data, worker, slot)
        elif rule.asked_by != "travel":
            return None
    return needs


def _consent_needs(data: Compiled, worker: int, slot: int) -> list[Need]:
    """The yeses a short-notice change needs: the worker's, to take the session
    on, and the person's, to a start other than published."""
    k = data.slots[slot]
    out = []
    for party in missing_yes(data, worker, slot):
        shift = (
            0
            if party in data.worker_index
            else k.start - data.sessions[k.session].start
        )
        out.append(Need("change", party, k.session, k.start, k.end, shift))
    return out


def needs_for(work: Working, worker: int, slot: int) -> list[Need] | None:
    """What ``worker`` would have to agree to for ``slot``; None when no ask helps."""
    needs = _askable_filters(work, worker, slot)
    if needs is None:
        return None
    data = work.data
    k = data.slots[slot]
    w = data.workers[worker]
    # What the filters' rules lift is asked for above; the trial judges the rest.
    after, conflicts = work.probe.trial(worker, slot, skip=_FILTERED)
    travel = False
    for reason in conflicts:
        kind = _RULES[reason.rule].asked_by
        if kind == "travel":
            travel = True
        elif kind == "overtime":
            extra = _overtime(data, after, worker, slot)
            if not 0 < extra <= data.policy.asks.max_overtime_minutes:
                return None
            needs.append(Need("overtime", w.id, k.session, k.start, k.end, extra))
        else:
            return None
    if travel:
        longest = _journey(data, after, worker, slot)
        if longest <= w.max_travel:
            return None  # the long journey is not this session's
        needs.append(Need("travel", w.id, k.session, k.start, k.end, longest))
    if any(n.refused(data) for n in needs):
        return None
    return needs


def _price(work: Working, needs: list[Need]) -> float | None:
    """The needs' total cost, or None when a party would get too many asks."""
    data = work.data
    cap = data.policy.asks.max_asks_per_person
    extra = Counter(n.party for n in needs)
    if any(work.asked[p] + n > cap for p, n in extra.items()):
        return None
    seen: Counter[str] = Counter()
    total = 0.0
    for need in needs:
        total += need.cost(data, work.asked[need.party] + seen[need.party])
        seen[need.party] += 1
    return round(total, 2)


class Candidate(NamedTuple):
    """A worker who could take a slot if they agreed to ``needs``."""

    price: float
    worker: int
    slot: int
    needs: list[Need]


def _candidates(work: Working, session: int) -> list[Candidate]:
    """(price, worker, slot, needs) for the cheapest workers, found lazily.

    Workers are tried in the order of what their cheap filters already cost;
    the rota is consulted (overtime, journeys, rest) only until enough are found
    whose full price is no more than anyone left could cost.
    """
    data = work.data
    staff = data.sessions[session].staff
    wanted = max(_POOL, staff)
    ranked = []
    for k in data.sessions[session].slots:
        for w in range(len(data.workers)):
            first = _askable_filters(work, w, k)
            if first is None:
                continue
            floor = _price(work, first)
            if floor is not None:
                ranked.append((floor, w, k))
    ranked.sort()
    found: list[Candidate] = []
    for floor, w, k in ranked:
        if sum(1 for f in found if f.price <= floor) >= wanted:
            break
        needs = needs_for(work, w, k)
        price = None if needs is None else _price(work, needs)
        if needs is not None and price is not None:
            found.append(Candidate(price, w, k, needs))
    found.sort(key=lambda f: (f.price, f.worker, f.slot))
    return found


def _worker_options(work: Working, session: int) -> Option | None:
    """The cheapest tested way for workers to cover ``session`` at its slots."""
    data = work.data
    staff = data.sessions[session].staff
    by_slot: dict[int, list[Candidate]] = {}
    for one in _candidates(work, session):
        by_slot.setdefault(one.slot, []).append(one)
    teams: list[tuple[float, int, list[int], list[Need]]] = []
    for k, pool in by_slot.items():
        for team in itertools.combinations(pool[: max(_POOL, staff)], staff):
            # One yes from the person serves the whole team (a change of time).
            needs = list(dict.fromkeys(n for f in team for n in f.needs))
            price = _price(work, needs)
            if price is not None:
                teams.append((price, k, [f.worker for f in team], needs))
    teams.sort(key=lambda t: (t[0], t[1], t[2]))
    best: Option | None = None
    ties = 0
    for tested, (price, k, workers, needs) in enumerate(teams):
        if tested >= _VERIFY_LIMIT or (best is not None and price > best.cost):
            break
        if best is not None and needs:
            if ties >= _TIES:
                continue  # equal price: a few tries for a gentler rota, no more
            ties += 1
        slot = data.slots[k]
        members = [(w, session, slot.start, slot.end) for w in workers]
        option = work.test(needs, members, price)
        if option is not None:
            best = option if best is None else min(best, option)
    return best


def _move_option(work: Working, session: int, bound: float | None) -> Option | None:
    """The nearest move beyond the person's flex that workers could then cover."""
    data = work.data
    s = data.sessions[session]
    user = data.users[s.user].id
    step = data.policy.limits.flex_step_minutes
    limit = data.policy.asks.max_move_minutes
    horizon = data.problem.period.minutes
    candidates: list[tuple[float, Need]] = []
    for sign in (1, -1):
        for minutes in range(s.flex + step, limit + 1, step):
            shift = sign * minutes
            start, end = s.start + shift, s.end + shift
            if start < 0 or end > horizon:
                break
            need = Need("move", user, session, start, end, shift)
            if need.refused(data):
                break
            price = _price(work, [need])
            if price is None:
                return None
            if bound is not None and price >= bound:
                break
            if work.movers(session, start, end):
                candidates.append((price, need))
    candidates.sort(key=lambda c: (c[0], abs(c[1].minutes), -c[1].minutes))
    return work.cover_after_move(candidates)


def propose_asks(
    data: Compiled,
    plan: Plan,
    *,
    deadline: float | None = None,
    examined: set[int] | None = None,
) -> list[Ask]:
    """The cheapest set of requests that would cover what the rota leaves uncovered.

    Parameters
    ----------
    data
        The compiled problem (``Result.data``); its agreements' 'no' answers are
        never asked again.
    plan
        The rota (``Result.plan``).
    deadline
        A ``time.perf_counter()`` moment after which no further session is
        examined (those left get no ask).
    examined
        When given, filled with the sessions examined.

    Returns
    -------
    list[Ask]
        Essential care first. Each ask is addressed to one worker or person, says
        in one sentence what it asks, lists the sessions it would let the rota
        cover and its cost by the policy's ask weights; asks that only work
        together share a ``group``. Sessions no ask can cover get none.
    """
    work = Working.start(data, plan)
    todo = sorted(
        (s for s in data.sessions if not plan.covered(s.index)),
        key=lambda s: (_ORDER[s.priority], s.start, s.index),
    )
    asks: list[Ask] = []
    groups = 0
    for s in todo:
        if deadline is not None and time.perf_counter() > deadline:
            log.info("asks: the time limit ran out with sessions left to examine")
            break
        if examined is not None:
            examined.add(s.index)
        if work.probe.budget(s.index) is not None:
            continue
        best = _worker_options(work, s.index)
        floor = data.policy.asks.move
        if best is None or best.cost > floor:
            moved = _move_option(work, s.index, None if best is None else best.cost)
            if moved is not None and (best is None or moved < best):
                best = moved
        if best is None:
            log.info("no ask would cover %s", s.id)
            continue
        group = None
        if len(best.needs) > 1:
            groups += 1
            group = f"G{groups}"
        seen: Counter[str] = Counter()
        for need in best.needs:
            earlier = work.asked[need.party] + seen[need.party]
            seen[need.party] += 1
            asks.append(_ask(work.data, need, len(asks) + 1, group, earlier))
        work = work.apply(best)
    return asks


def _ask(
    data: Compiled, need: Need, number: int, group: str | None, earlier: int
) -> Ask:
    """The ask for a need, numbered in the order the asks are given."""
    agreement: Agreement = need.agreement(data, f"A{number}")
    return Ask(
        ask_id=f"A{number}",
        to_id=need.party,
        kind=need.kind,
        session_ids=(data.sessions[need.session].id,),
        message=need.message(data),
        cost=need.cost(data, earlier),
        group=group,
        date=agreement.date,
        start=agreement.start,
        end=agreement.end,
        extra_minutes=agreement.extra_minutes,
    )
