"""A quick greedy rota, used as the solver's starting point.

CP-SAT finds a first rota far sooner from a complete, feasible hint than from
nothing. The greedy places sessions most-constrained first, each with the workers
whose own days stay free of hard-rule breaches (checked with the rules' own
evaluation, so the hint never breaks a rule the solver enforces).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..rules import Rule
from ..solver.data import Compiled
from ..solver.plan import Plan
from ..solver.stopping import checkpoint
from .days import DayPrices

log = logging.getLogger("rota")

DAY_CHOICES = 3
"""Workers who fit a visit, beyond the staff it needs, compared by what the visit
does to their day (the first that fit, in the greedy's order)."""
_PRIORITY_ORDER = {"essential": 0, "standard": 1, "flexible": 2}
OVERLAP, FOLLOW = 1, 2
"""Why a visit clashes with a worker's rota: it overlaps one of their visits, or
may not follow (or precede) its neighbour that day."""


def greedy_pairs(
    data: Compiled,
    by_slot: Mapping[int, list[int]],
    rules: Sequence[Rule],
    start: list[tuple[int, int]],
    *,
    has_arc: Callable[[int, int, int, int], bool] | None = None,
    time_budget: float = 20.0,
    tries_per_session: int = 1000,
    stop: threading.Event | None = None,
    shape_days: bool = False,
) -> list[tuple[int, int]]:
    """Extend ``start`` (kept where it stays valid) into a feasible greedy rota.

    Setting ``stop`` raises :class:`~rota.solver.stopping.Stopped` between sessions.
    With ``shape_days`` each visit goes, among the first few workers who fit, to
    the one whose day it shapes best by the day-local soft rules (fewer split
    shifts and short days where the policy prices them; often less cover).

    With start windows or linked sessions, two orders are tried (linked pairs
    first, or whichever window session has the fewest able workers first) and the
    rota covering more sessions is kept: neither order wins on every week.
    """

    def run(fewest_able_first: bool) -> list[tuple[int, int]]:
        return _greedy(
            data,
            by_slot,
            rules,
            start,
            fewest_able_first=fewest_able_first,
            has_arc=has_arc,
            time_budget=time_budget,
            tries_per_session=tries_per_session,
            stop=stop,
            shape_days=shape_days,
        )

    pairs = run(False)
    if not any(s.latest is not None or s.linked is not None for s in data.sessions):
        return pairs
    other = run(True)

    def covered(found: list[tuple[int, int]]) -> int:
        return len({data.slots[k].session for _, k in found})

    return other if covered(other) > covered(pairs) else pairs


def _greedy(
    data: Compiled,
    by_slot: Mapping[int, list[int]],
    rules: Sequence[Rule],
    start: list[tuple[int, int]],
    *,
    fewest_able_first: bool,
    has_arc: Callable[[int, int, int, int], bool] | None,
    time_budget: float,
    tries_per_session: int,
    stop: threading.Event | None,
    shape_days: bool,
) -> list[tuple[int, int]]:
    began = time.perf_counter()
    # Minimums (fewest total hours, fewest consecutive days ...) are broken by any
    # partial rota, so the greedy cannot grow a rota under them: it leaves them out
    # and the caller checks the finished rota (see rota/large.py).
    checks = [
        r
        for r in rules
        if r.hard and r.active(data) and not r.per_person and not r.lower_bound
    ]
    mine: dict[int, list[int]] = defaultdict(list)
    spent: dict[tuple[int, int], int] = defaultdict(int)

    follows = [r.may_follow for r in checks]

    def clashes(w: int, k: int) -> int:
        # What the hard rules would reject, found without building a plan: an
        # overlap with another visit (OVERLAP: for good, the rota only grows), or
        # a visit that may not directly follow the one before it that day (or
        # precede the one after), by the same arc filters (`may_follow`) the
        # model's day routes use (FOLLOW: a visit between may mend it).
        a = data.slots[k]
        before = after = None
        for k2 in mine[w]:
            b = data.slots[k2]
            if a.start < b.end and b.start < a.end:
                return OVERLAP
            if b.day != a.day:
                continue
            if b.end <= a.start and (before is None or b.end > data.slots[before].end):
                before = k2
            if b.start >= a.end and (
                after is None or b.start < data.slots[after].start
            ):
                after = k2
        if (before is not None and not all(f(data, w, before, k) for f in follows)) or (
            after is not None and not all(f(data, w, k, after) for f in follows)
        ):
            return FOLLOW
        return 0

    # Visits a worker's rota as it stands refuses by a rule that adding visits
    # never mends (``breaks_persist``): refused while the rota only grows, so
    # not evaluated again (set aside while the repair has a visit of theirs off).
    refused: dict[int, set[int]] = defaultdict(set)
    # Whether a worker's set of visits keeps the rules depends on the set alone:
    # half the sets asked about on a 300-worker week were asked before (the
    # repair's passes, and each session's workers tried again while their rotas
    # stand). ``refused`` learns from a set's first asking only.
    verdicts: dict[tuple[int, frozenset[int]], bool] = {}

    def fits(w: int, extra: list[int]) -> bool:
        one = extra[0] if len(extra) == 1 else None
        if one is not None and one in refused[w]:
            return False
        for k in extra:
            clash = clashes(w, k)
            if clash:
                if clash == OVERLAP and one is not None:
                    refused[w].add(one)
                return False
        key = (w, frozenset(mine[w]).union(extra))
        if key not in verdicts:
            verdicts[key] = keeps(w, mine[w] + extra, one)
        return verdicts[key]

    def keeps(w: int, slots: list[int], one: int | None) -> bool:
        plan = Plan.from_pairs(data, [(w, k) for k in slots])
        if has_arc is not None:
            for (_, d), day in plan.days.items():
                for a, b in zip(day.slots, day.slots[1:], strict=False):
                    if not has_arc(w, d, a, b):
                        return False  # the model links a visit to its nearest next ones
        for rule in checks:
            if rule.evaluate(plan).violations:
                if one is not None and rule.breaks_persist:
                    refused[w].add(one)
                return False
        return True

    def budget_ok(s: int) -> bool:
        session = data.sessions[s]
        budget = data.users[session.user].budget_pence
        key = (session.user, session.start // (7 * 1440))
        return budget is None or spent[key] + session.charge_pence <= budget

    def take(s: int, k: int, workers: list[int]) -> None:
        session = data.sessions[s]
        for w in workers:
            mine[w].append(k)
        spent[(session.user, session.start // (7 * 1440))] += session.charge_pence

    # Keep the hint's sessions first, complete ones only.
    hinted: dict[int, list[int]] = defaultdict(list)
    for w, k in start:
        hinted[k].append(w)
    done: set[int] = set()
    for k, workers in hinted.items():
        s = data.slots[k].session
        if len(workers) == data.sessions[s].staff and budget_ok(s):
            if all(fits(w, [k]) for w in workers):
                take(s, k, workers)
                done.add(s)

    partner: dict[int, int] = {}
    for session in data.sessions:
        if session.linked is not None:
            partner[session.index] = session.linked
            partner[session.linked] = session.index

    def order(s: int) -> tuple[int, int, int, int]:
        session = data.sessions[s]
        options = sum(len(by_slot.get(k, [])) for k in session.slots)
        # Linked pairs need two workers at related times: the most constrained,
        # placed first and in time order, as a route is built.
        able = len({w for k in session.slots for w in by_slot.get(k, [])})
        if fewest_able_first and session.latest is not None:
            return (_PRIORITY_ORDER[session.priority], 0, able, session.latest)
        if s in partner:
            return (_PRIORITY_ORDER[session.priority], 0, session.start, options)
        if session.latest is not None:
            # Fewest able workers first, then by deadline, as routes are built.
            return (_PRIORITY_ORDER[session.priority], 2, able, session.latest)
        return (_PRIORITY_ORDER[session.priority], 1, options, session.start)

    def agreed(w: int, k: int) -> bool:
        # A worker who said yes to an ask for this visit is tried first, so the
        # rota after answers covers what the answers were for.
        worker, slot = data.workers[w], data.slots[k]
        return (
            data.sessions[slot.session].id in worker.travel_ok_sessions
            or w in data.overtime_extra
            or any(
                win.kind == "agreed" and win.start <= slot.start and slot.end <= win.end
                for win in worker.windows
            )
        )

    # The workers who could take the fewest visits go first: the others have more
    # places to go (on tight weeks this covered 94.0% -> 95.1%, and 97.5% -> 99.1%
    # on a 120-worker feasible week).
    reach: dict[int, int] = defaultdict(int)
    for ws in by_slot.values():
        for w in ws:
            reach[w] += 1

    def load(w: int) -> int:
        return sum(data.slots[k].duration for k in mine[w])

    def days_of(w: int) -> set[int]:
        return {data.slots[k].day for k in mine[w]}

    prices = DayPrices(data, rules) if shape_days else None
    local = prices is not None and bool(prices.local)

    def day_cost(w: int, k: int) -> int:
        """What slot ``k`` adds to the day-local penalties of the worker's day
        (a split shift, a short day, travel) by those rules' own evaluation."""
        if prices is None:
            return 0
        day = data.slots[k].day
        same = [k2 for k2 in mine[w] if data.slots[k2].day == day]
        return prices.day(w, [*same, k]) - prices.day(w, same)

    def team_for(k: int, staff: int, avoid: list[int]) -> list[int]:
        windowed = data.sessions[data.slots[k].session].latest is not None
        pool = sorted(
            (w for w in by_slot.get(k, []) if w not in avoid),
            key=lambda w: (
                not agreed(w, k),
                (added_travel(w, k) if windowed else 0),
                runs_asked(data, w) and lone_days(data, w, days_of(w), k),
                load(w) >= data.workers[w].contracted_week,
                reach[w],
                load(w),
            ),
        )[:tries_per_session]
        # The first few that fit, in that order, and of those the ones whose day
        # the visit shapes best by the policy's day-local prices (cheapest
        # insertion): compact days where split shifts and short days cost.
        able: list[int] = []
        for w in pool:
            if fits(w, [k]):
                able.append(w)
                if len(able) == staff + (DAY_CHOICES if local else 0):
                    break
        if not local or len(able) <= staff:
            return able[:staff]
        rank = {w: i for i, w in enumerate(able)}
        return sorted(able, key=lambda w: (day_cost(w, k), rank[w]))[:staff]

    def added_travel(w: int, k: int) -> int:
        """Minutes of travel slot ``k`` adds to the worker's day as it stands."""
        a = data.slots[k]
        home = data.workers[w].home
        before = after = None
        for k2 in mine[w]:
            b = data.slots[k2]
            if b.day != a.day:
                continue
            if b.start < a.start and (
                before is None or b.start > data.slots[before].start
            ):
                before = k2
            if b.start > a.start and (
                after is None or b.start < data.slots[after].start
            ):
                after = k2
        origin = home if before is None else data.place(before)
        onward = home if after is None else data.place(after)
        here = data.place(k)
        if before is None and after is None:
            return data.journey_minutes(w, home, here) + data.journey_minutes(
                w, here, home
            )
        return (
            data.journey_minutes(w, origin, here)
            + data.journey_minutes(w, here, onward)
            - data.journey_minutes(w, origin, onward)
        )

    def take_cheapest(s: int) -> None:
        """A session with a start window, like a routing insertion: the worker and
        start that add the least travel plus minutes late, among those that fit."""
        session = data.sessions[s]
        options = sorted(
            (added_travel(w, k) + session.late(data.slots[k].start), k, w)
            for k in session.slots
            for w in by_slot.get(k, [])
            if not clashes(w, k)
        )
        for _, k, w in options[: 4 * tries_per_session]:
            if fits(w, [k]):
                take(s, k, [w])
                return

    def take_linked(s: int, t: int) -> None:
        """Place a linked pair together: other workers, starts within the delay."""
        later, first = (s, t) if data.sessions[s].linked == t else (t, s)
        low, high = data.sessions[later].min_delay, data.sessions[later].max_delay
        if not budget_ok(later) or not budget_ok(first):
            return
        staff = data.sessions[first].staff
        for a in data.sessions[first].slots:
            able = team_for(a, tries_per_session, [])
            # Each able worker in turn leads the team, so the one worker the other
            # session needs is not always taken first.
            for lead in range(max(0, len(able) - staff + 1)):
                team = able[lead : lead + staff]
                for b in data.sessions[later].slots:
                    if not low <= data.slots[b].start - data.slots[a].start <= high:
                        continue
                    others = team_for(b, data.sessions[later].staff, team)
                    if len(others) == data.sessions[later].staff:
                        take(first, a, team)
                        take(later, b, others)
                        done.update((s, t))
                        return

    for s in sorted((s.index for s in data.sessions if s.index not in done), key=order):
        checkpoint(stop)
        if time.perf_counter() - began > time_budget:
            log.info("greedy stopped at its time budget")
            break
        if s in done or not budget_ok(s):
            continue
        if s in partner:
            if partner[s] not in done:
                take_linked(s, partner[s])
            continue
        session = data.sessions[s]
        if session.uncovered_weight == 0 and session.cover_weight:
            continue  # optional cover that only costs: left to the search
        if session.latest is not None and session.staff == 1:
            take_cheapest(s)
            continue
        for k in session.slots:
            team = team_for(k, session.staff, [])
            if len(team) == session.staff:
                take(s, k, team)
                break
    # Repair: an uncovered single-worker session may be taken by a worker who hands
    # one nearby visit of theirs to a colleague (an ejection chain of length one).
    covered = {data.slots[k].session for ks in mine.values() for k in ks}
    owner: dict[int, list[int]] = defaultdict(list)
    for w, ks in mine.items():
        for k in ks:
            owner[k].append(w)

    def moves(k: int) -> list[int]:
        """Where a visit may go in a repair: its own start, then, for an unlinked
        session with a start window, its other starts nearest first."""
        session = data.sessions[data.slots[k].session]
        if session.index in partner:
            return []  # the pair's worker and timing are placed together
        if session.latest is None:
            return [k]
        start = data.slots[k].start
        return sorted(session.slots, key=lambda k3: abs(data.slots[k3].start - start))

    repaired = 0
    for _ in range(3):  # a repair can open the way for another
        before = repaired
        for s in sorted(
            (s.index for s in data.sessions if s.index not in covered), key=order
        ):
            checkpoint(stop)
            if time.perf_counter() - began > time_budget:
                break
            session = data.sessions[s]
            if session.staff != 1 or s in partner or not budget_ok(s):
                continue
            if _repair(
                data,
                by_slot,
                session,
                mine,
                owner,
                fits,
                tries_per_session,
                moves,
                refused,
            ):
                spent[(session.user, session.start // (7 * 1440))] += (
                    session.charge_pence
                )
                covered.add(s)
                repaired += 1
        if repaired == before:
            break
    pairs = [(w, k) for w, slots in mine.items() for k in slots]
    log.info(
        "greedy rota: %d assignments (%d by repair) in %.2fs",
        len(pairs),
        repaired,
        time.perf_counter() - began,
    )
    return pairs


def _repair(
    data: Compiled,
    by_slot: Mapping[int, list[int]],
    session: Any,
    mine: dict[int, list[int]],
    owner: dict[int, list[int]],
    fits: Callable[[int, list[int]], bool],
    tries: int,
    alternatives: Callable[[int], list[int]],
    refused: dict[int, set[int]],
) -> bool:
    """Cover ``session`` by moving one conflicting single-worker visit elsewhere
    (to another worker, or another start of its window: ``alternatives``).
    ``refused`` (what ``fits`` found a worker's rota refuses for good) is set
    aside for a worker while a visit of theirs is off: what it finds then still
    holds once the visit is back (their rota only grew), the rest comes back."""
    for k in session.slots:
        slot = data.slots[k]
        for w in by_slot.get(k, [])[:tries]:
            near = [
                k2
                for k2 in mine[w]
                if data.slots[k2].start < slot.end + 120
                and slot.start < data.slots[k2].end + 120
                and len(owner[k2]) == 1
            ]
            for k2 in near:
                mine[w].remove(k2)
                before = refused.pop(w, set())
                if fits(w, [k]):
                    for k3 in alternatives(k2):
                        for w2 in by_slot.get(k3, [])[:tries]:
                            if w2 != w and fits(w2, [k3]):
                                mine[w].append(k)
                                mine[w2].append(k3)
                                del owner[k2]
                                owner[k3] = [w2]
                                owner[k] = [w]
                                return True
                mine[w].append(k2)
                refused[w] |= before
    return False


def runs_asked(data: Compiled, w: int) -> bool:
    """True when the worker is asked for more than one day in a row, or days off
    in a row (by default neither is)."""
    worker = data.workers[w]
    return (worker.min_consecutive_days or 1) > 1 or (
        worker.min_consecutive_days_off or 1
    ) > 1


def lone_days(data: Compiled, w: int, days: set[int], k: int) -> int:
    """What slot ``k`` would leave short of the worker's fewest days in a row and
    fewest days off in a row, as their rota stands (0 when neither asks more than
    one, as by default): a lone working day, and a run of days off too short on
    either side of it. The greedy prefers workers it leaves fewest of, so it
    builds runs rather than scattering days a minimum would reject."""
    worker = data.workers[w]
    day = data.slots[k].day
    if day in days:
        return 0
    lone = 0
    inside = 0 < day < data.days - 1  # a run at an end of the rota is exempt
    if inside and (worker.min_consecutive_days or 1) > 1:
        lone += not {day - 1, day + 1} & days
    rest = worker.min_consecutive_days_off or 1
    for step in (-1, 1):
        off = 0
        other = day + step
        while 0 <= other < data.days and other not in days and off < rest:
            off += 1
            other += step
        if 0 < off < rest and other in days:
            lone += 1
    return lone
