"""Asks: the cheapest requests that would let the rota cover what it leaves uncovered.

Uncovered sessions are taken essential first. For each, every way of covering it
that needs only askable relaxations is priced by the policy's ask weights: a
worker working outside their stated hours (never in an unavailable window), a
longer journey, overtime above their weekly maximum, or the person moving the
session beyond their agreed flex. Each candidate is tested the way the next solve
will see it: its agreements are compiled into the problem and the rota with it
must break no hard rule. The cheapest is kept and built on, so later asks fit with
earlier ones.
"""

from __future__ import annotations

import itertools
import logging
from collections import Counter

from ..model import Agreement, Ask
from ..rules.hours import week_cap, week_of
from ..solver.data import Compiled
from ..solver.plan import Plan
from .needs import Need
from .state import Option, Working

log = logging.getLogger("rota")

_ORDER = {"essential": 0, "standard": 1, "flexible": 2}
_VERIFY_LIMIT = 24
"""Candidates fully tested per session at most (each test compiles the problem)."""
_POOL = 8
"""Cheapest workers per slot combined for double-ups."""


def _askable(
    data: Compiled, probe_reasons: list, worker: int, slot: int
) -> list[Need] | None:
    """Needs for the cheap filters' reasons, or None when one cannot be asked."""
    k = data.slots[slot]
    w = data.workers[worker]
    needs: list[Need] = []
    for reason in probe_reasons:
        if reason.rule == "availability" and not reason.message.startswith(
            "unavailable"
        ):
            needs.append(Need("availability", w.id, k.session, k.start, k.end))
        elif reason.rule == "max_journey":
            needs.append(Need("travel", w.id, k.session, k.start, k.end))
        else:
            return None
    return needs


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


def needs_for(work: Working, worker: int, slot: int) -> list[Need] | None:
    """What ``worker`` would have to agree to for ``slot``; None when no ask helps."""
    data, probe = work.data, work.probe
    needs = _askable(data, probe.filters(worker, slot), worker, slot)
    if needs is None:
        return None
    session = data.slots[slot].session
    base = work.base(session)
    conflicts = probe.conflicts(base, worker, slot, skip=frozenset({"availability"}))
    mine = [(w, k) for w, k in base if w == worker]
    after = Plan.from_pairs(data, [*mine, (worker, slot)])
    k = data.slots[slot]
    w = data.workers[worker]
    for reason in conflicts:
        if reason.rule == "max_journey":
            if not any(n.kind == "travel" for n in needs):
                needs.append(Need("travel", w.id, session, k.start, k.end))
        elif reason.rule == "max_hours_week":
            extra = _overtime(data, after, worker, slot)
            if not 0 < extra <= data.policy.asks.max_overtime_minutes:
                return None
            needs.append(Need("overtime", w.id, session, k.start, k.end, extra))
        else:
            return None
    out = []
    for need in needs:
        if need.kind == "travel":
            need = Need(
                "travel",
                w.id,
                session,
                k.start,
                k.end,
                _journey(data, after, worker, slot),
            )
        if need.refused(data):
            return None
        out.append(need)
    return out


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


def _worker_options(work: Working, session: int) -> Option | None:
    """The cheapest tested way for workers to cover ``session`` at its slots."""
    data = work.data
    staff = data.sessions[session].staff
    best: Option | None = None
    tested = 0
    for k in data.sessions[session].slots:
        slot = data.slots[k]
        found: list[tuple[float, int, list[Need]]] = []
        for w in range(len(data.workers)):
            needs = needs_for(work, w, k)
            if needs is None:
                continue
            price = _price(work, needs)
            if price is not None:
                found.append((price, w, needs))
        found.sort(key=lambda f: (f[0], f[1]))
        teams = sorted(
            itertools.combinations(found[: max(_POOL, staff)], staff),
            key=lambda team: sum(f[0] for f in team),
        )
        for team in teams:
            needs = [n for f in team for n in f[2]]
            price = _price(work, needs)
            if price is None or (best is not None and price > best.cost):
                continue
            if tested >= _VERIFY_LIMIT:
                break
            tested += 1
            members = [(f[1], session, slot.start, slot.end) for f in team]
            soft = work.test(needs, members)
            if soft is not None:
                option = Option(price, soft, needs, members)
                best = option if best is None else min(best, option)
                break
    return best


def _move_option(work: Working, session: int, bound: float | None) -> Option | None:
    """The nearest move beyond the person's flex that workers could then cover."""
    data = work.data
    s = data.sessions[session]
    user = data.users[s.user].id
    step = data.policy.limits.flex_step_minutes
    limit = data.policy.asks.max_move_minutes
    horizon = data.problem.period.minutes
    best: Option | None = None
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
            if (bound is not None and price >= bound) or (
                best is not None and price >= best.cost
            ):
                break
            option = work.cover_after_move(need, price)
            if option is not None:
                best = option if best is None else min(best, option)
                break
    return best


def propose_asks(data: Compiled, plan: Plan) -> list[Ask]:
    """The cheapest set of requests that would cover what the rota leaves uncovered.

    Parameters
    ----------
    data
        The compiled problem (``Result.data``); its agreements' 'no' answers are
        never asked again.
    plan
        The rota (``Result.plan``).

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
        if work.probe.budget(work.base(s.index), s.index) is not None:
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
        work = work.apply(best.needs, best.team)
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
