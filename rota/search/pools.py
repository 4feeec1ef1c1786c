"""Interchangeable sessions: one visit asked for several times over, searched as one.

A supported-living house that needs three workers on a shift, each a session of
their own, or a ward's cover of five nurses, gives a model one assignment per
worker per session: 3 or 5 variables where one would do, and a search that wastes
its time on rotas differing only by which worker holds which of them (a plain
model of Curtois & Qu Instance 5 got 1,948 points in 60 s with a variable per
worker and session, against 1,239 with one per worker and shift). Sessions that
every rule sees alike, but for what covering them is worth, are *pooled*: the
model holds one variable per worker for the group, and covers its sessions first
to last (``RotaModel._pool``), the order that costs least.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..rules import Rule
from ..solver.data import Compiled

Pools = Sequence[Sequence[int]]
"""Groups of session indexes, each in the order its sessions are covered."""


def _distinct(data: Compiled) -> set[int]:
    """Sessions something names on its own: a published rota, an answer to an
    ask, a link, a worker's yes to travel further for it."""
    named = set(data.published) | set(data.agreed_sessions)
    named |= set(data.published_start) | set(data.consented) | set(data.agreed_starts)
    for session in data.sessions:
        if session.linked is not None:
            named |= {session.index, session.linked}
    travel_ok = {i for w in data.workers for i in w.travel_ok_sessions}
    named |= {s.index for s in data.sessions if s.id in travel_ok}
    return named


def find_pools(
    data: Compiled, rules: Sequence[Rule], candidates: dict[int, list[int]]
) -> Pools:
    """Groups of two or more sessions the rules cannot tell apart but by their
    cover price: one worker each, one fixed time each, the same person, place,
    kind, skills, charge and time, the same workers able to take them, and named
    by nothing on their own. Each group is ordered by what covering a session
    saves under the rules that price cover (``Rule.cover_price``), most first."""
    if data.start_variables:
        return []
    able: dict[int, list[int]] = defaultdict(list)
    for w, slots in candidates.items():
        for k in slots:
            able[k].append(w)
    named = _distinct(data)
    groups: dict[tuple, list[int]] = defaultdict(list)
    for s in data.sessions:
        if (
            s.staff != 1
            or len(s.slots) != 1
            or s.index in named
            or s.latest is not None
        ):
            continue
        slot = data.slots[s.slots[0]]
        if slot.flexible or not able[slot.index]:
            continue
        key = (
            s.user, s.start, s.end, s.place, s.kind, s.skills, s.charge_pence,
            slot.start, slot.end, tuple(sorted(able[slot.index])),
        )  # fmt: skip
        groups[key].append(s.index)
    pricing = [r for r in rules if r.prices_cover and r.active(data)]

    def price(s: int) -> tuple[int, int]:
        return sum(r.cover_price(data, s) for r in pricing), s

    return [sorted(group, key=price) for group in groups.values() if len(group) > 1]


def first_slots(data: Compiled, pools: Pools) -> dict[int, int]:
    """Each pooled session's slot -> the slot of its group's first session (where a
    pooled model keeps the group's variables)."""
    return {
        data.sessions[s].slots[0]: data.sessions[group[0]].slots[0]
        for group in pools
        for s in group
    }


def pooled_candidates(
    data: Compiled, pools: Pools, candidates: dict[int, list[int]]
) -> dict[int, list[int]]:
    """The pairs a pooled model has: each pooled session's slot read as its
    group's first, once per worker (a worker kept to the copy they hold keeps the
    group)."""
    if not pools:
        return candidates
    first = first_slots(data, pools)
    return {
        w: list(dict.fromkeys(first.get(k, k) for k in ks))
        for w, ks in candidates.items()
    }


def pooled_arcs(
    data: Compiled, pools: Pools, arcs: frozenset[tuple[int, int, int]]
) -> frozenset[tuple[int, int, int]]:
    """Day-route arcs (worker, a, b) with each pooled slot read as its group's
    first."""
    if not pools:
        return arcs
    first = first_slots(data, pools)
    return frozenset((w, first.get(a, a), first.get(b, b)) for w, a, b in arcs)


def in_order(
    data: Compiled, pools: Pools, pairs: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The same rota with each group's workers on its first sessions, in order
    (what a pooled model can hold; never a higher cost, as the group is ordered by
    what covering saves)."""
    slot_of = {
        data.sessions[s].slots[0]: n for n, group in enumerate(pools) for s in group
    }
    held: dict[int, list[int]] = defaultdict(list)
    out = []
    for w, k in pairs:
        if k in slot_of:
            held[slot_of[k]].append(w)
        else:
            out.append((w, k))
    for n, workers in held.items():
        group = pools[n]
        out += [
            (w, data.sessions[s].slots[0])
            for w, s in zip(sorted(workers), group, strict=False)
        ]
    return out
