"""CP-SAT variables the rules build on: assignments, slot choice, day routes.

Only worker-slot pairs that pass every rule's cheap filter get a variable; the
reasons for the others are kept for the explainer. Each worker's working day is a
circuit from home through the slots they could work that day, in start order, so
journeys, gaps, first starts and last ends are exact linear expressions.
"""

from __future__ import annotations

import bisect
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from .data import Compiled
from .stopping import checkpoint

PairFilter = Callable[[Compiled, int, int], bool]
"""(data, worker, slot) -> True when a rule means the worker can never take it."""
ArcFilter = Callable[[Compiled, int, int, int], bool]
"""(data, worker, slot a, slot b) -> may b directly follow a in a day."""


@dataclass
class DayRoute:
    """The circuit of one worker's day: home, then candidate slots in time order."""

    worker: int
    day: int
    slots: list[int]
    worked: cp_model.IntVar
    first: dict[int, cp_model.IntVar] = field(default_factory=dict)
    """slot -> literal: the day starts with this slot (journey from home)."""
    last: dict[int, cp_model.IntVar] = field(default_factory=dict)
    """slot -> literal: the day ends with this slot (journey home)."""
    arcs: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    """(a, b) -> literal: slot b directly follows slot a."""


def lsum(terms: Iterable[Any]) -> cp_model.LinearExpr:
    """Sum of linear terms as one expression (typed, and fast for long lists)."""
    return cp_model.LinearExpr.sum(list(terms))


def overlap_var(m: RotaModel, k: int, start: int, end: int, name: str) -> Any:
    """Minutes slot ``k`` (with a start variable) spends from ``start`` to
    ``end``: max(0, min(its end, end) - max(its start, start)), exactly."""
    slot = m.data.slots[k]
    top = m.cp.new_int_var(min(slot.end, end), min(slot.latest_end, end), f"{name}_top")
    m.cp.add_min_equality(top, [m.end_of(k), end])
    low = m.cp.new_int_var(
        max(slot.start, start), max(slot.latest_start, start), f"{name}_low"
    )
    m.cp.add_max_equality(low, [m.start_of(k), start])
    inside = m.cp.new_int_var(0, slot.duration, name)
    m.cp.add_max_equality(inside, [0, top - low])
    return inside


def candidate_slots(
    data: Compiled,
    pair_filters: list[tuple[str, PairFilter]],
    *,
    stop: threading.Event | None = None,
) -> tuple[dict[int, list[int]], dict[tuple[int, int], str]]:
    """Slots each worker may take, and the first rule refusing each other pair.

    The reasons in words come from the rules' ``admits`` when the explainer asks.
    Setting ``stop`` raises :class:`~rota.solver.stopping.Stopped` between workers.
    """
    candidates: dict[int, list[int]] = defaultdict(list)
    rejected: dict[tuple[int, int], str] = {}
    for w in range(len(data.workers)):
        checkpoint(stop)
        for slot in data.slots:
            refused = next(
                (
                    rule_id
                    for rule_id, blocks in pair_filters
                    if blocks(data, w, slot.index)
                ),
                None,
            )
            if refused is None:
                candidates[w].append(slot.index)
            else:
                rejected[(w, slot.index)] = refused
    return candidates, rejected


class RotaModel:
    """The CP-SAT model with the variables every rule reads.

    Parameters
    ----------
    data
        The compiled problem.
    pair_filters
        Hard rules' cheap filters; a pair any of them rejects gets no variable.
    arc_filters
        Hard rules' sequencing filters; an arc any of them rejects is not created.
    """

    def __init__(
        self,
        data: Compiled,
        pair_filters: list[tuple[str, PairFilter]],
        arc_filters: list[ArcFilter],
        *,
        candidates: dict[int, list[int]] | None = None,
        keep_arcs: frozenset[tuple[int, int, int]] = frozenset(),
        max_successors: int | None = None,
        minimums_for: frozenset[int] | None = None,
        light: bool = False,
        pools: Sequence[Sequence[int]] = (),
        check: Callable[[], None] | None = None,
    ) -> None:
        self.data = data
        self.pools = [list(group) for group in pools]
        """Groups of interchangeable sessions (one worker each, the same visit in
        every way the rules read but their cover price), each in the order they
        are covered: one assignment variable per worker for the whole group, on
        its first session's slot, and the group's first n sessions covered when n
        workers take it (no two rotas that differ only by which worker holds which
        of them)."""
        self.pool_slot: dict[int, int] = {
            data.sessions[s].slots[0]: data.sessions[group[0]].slots[0]
            for group in self.pools
            for s in group
        }
        """Slot of a pooled session -> the slot its group's variables are on."""
        self._check = check or (lambda: None)
        """Called while the day routes are made (it raises to stop the build:
        a worker's route over a few thousand slots can take seconds)."""
        self.light = light
        """A light model: assignments and worked days only, no day circuits. Visits
        that overlap are kept apart by one at-most-one per clique, and the shared
        expressions below are lower bounds (travel at its least), so hard caps
        encoded on it are relaxations; the rules' ``relax`` encode themselves here."""
        self.minimums_for = minimums_for
        """Workers whose minimums (rules with ``lower_bound``) are encoded; None:
        everyone. Repairing a rota that breaks minimums frees a few workers at a
        time, with the others' minimums left out until their turn."""
        self.max_successors = (
            data.policy.limits.max_successors
            if max_successors is None
            else max_successors
        )
        self.truncated = False
        """True when some visit was not linked to a later one it could precede: the
        model is then a restriction, and an OPTIMAL status holds for it only."""
        self.cp = cp_model.CpModel()
        self.rejected: dict[tuple[int, int], str] = {}
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        self.by_slot: dict[int, list[int]] = defaultdict(list)
        self.by_worker: dict[int, list[int]] = defaultdict(list)
        self.keep_arcs = keep_arcs
        """(worker, a, b) arcs made whatever max_successors says (a rota to keep)."""
        self._kept_from = {(w, a) for w, a, _ in keep_arcs}
        if candidates is None:
            candidates, self.rejected = candidate_slots(data, pair_filters)
        for w, slots in sorted(candidates.items()):
            for k in sorted(slots):
                if self.pool_slot.get(k, k) != k:
                    continue  # its group's variable is on the first session's slot
                self.x[(w, k)] = self.cp.new_bool_var(f"x_w{w}_k{k}")
                self.by_slot[k].append(w)
                self.by_worker[w].append(k)
        self.chosen: dict[int, cp_model.IntVar] = {}
        self.covered: dict[int, cp_model.IntVar] = {}
        self.starts: dict[int, cp_model.IntVar] = {}
        """Slot -> its start, for slots with a start variable (``Slot.flexible``)."""
        self._coverage()
        self.routes: dict[tuple[int, int], DayRoute] = {}
        self.cache: dict[str, Any] = {}
        self._exprs: dict[tuple[str, int, int], cp_model.LinearExpr] = {}
        self._reach: dict[tuple[int, int], tuple[Any, Any, Any]] = {}
        """Variables several rules share, made once by the first that needs them."""
        self.incoming: dict[tuple[int, int], cp_model.IntVar] = {}
        """On a light model, the journey minutes into each visit (a lower bound:
        at least the nearest visit it could follow, and exact on the legs
        ``exact_leg`` was given)."""
        self._legs: set[tuple[int, int, int]] = set()
        if light:
            self._light_routes()
        else:
            self._routes(arc_filters)

    def _coverage(self) -> None:
        """Covered by exactly staff_required workers on one slot, or not at all."""
        cp = self.cp
        pooled = set()
        for group in self.pools:
            self._pool(group)
            pooled.update(group)
        for session in self.data.sessions:
            if session.index in pooled:
                continue
            cover = cp.new_bool_var(f"covered_s{session.index}")
            self.covered[session.index] = cover
            picks = []
            for k in session.slots:
                slot = self.data.slots[k]
                if slot.flexible:
                    self.starts[k] = cp.new_int_var(
                        slot.start, slot.latest_start, f"start_k{k}"
                    )
                pick = cp.new_bool_var(f"slot_k{k}")
                self.chosen[k] = pick
                picks.append(pick)
                workers = self.by_slot.get(k, [])
                if len(workers) < session.staff:
                    cp.add(pick == 0)
                cp.add(sum(self.x[(w, k)] for w in workers) == session.staff * pick)
            cp.add(sum(picks) == cover)

    def _pool(self, group: list[int]) -> None:
        """A group of interchangeable one-worker sessions: as many of them covered,
        first to last, as workers take its one variable each."""
        cp = self.cp
        covers = []
        for s in group:
            cover = cp.new_bool_var(f"covered_s{s}")
            self.covered[s] = cover
            covers.append(cover)
        for before, after in zip(covers, covers[1:], strict=False):
            cp.add_implication(after, before)
        k = self.data.sessions[group[0]].slots[0]
        self.chosen[k] = covers[0]
        cp.add(lsum(self.x[(w, k)] for w in self.by_slot.get(k, [])) == lsum(covers))

    def start_of(self, k: int) -> Any:
        """Slot ``k``'s start: its variable, or its fixed minute."""
        return self.starts.get(k, self.data.slots[k].start)

    def end_of(self, k: int) -> Any:
        """Slot ``k``'s end: its start plus its length."""
        return self.start_of(k) + self.data.slots[k].duration

    def keeps_minimums(self, worker: int) -> bool:
        """True when the lower-bound rules are encoded for this worker."""
        return self.minimums_for is None or worker in self.minimums_for

    def _day_routes(self) -> Iterator[DayRoute]:
        """A route (no arcs yet) per worker and day they have candidates on, its
        slots in start order."""
        data = self.data
        for w, slots in self.by_worker.items():
            per_day: dict[int, list[int]] = defaultdict(list)
            for k in slots:
                per_day[data.slots[k].day].append(k)
            for day, members in sorted(per_day.items()):
                members.sort(key=lambda k: (data.slots[k].start, k))
                yield DayRoute(
                    w, day, members, self.cp.new_bool_var(f"worked_w{w}_d{day}")
                )

    def _routes(self, arc_filters: list[ArcFilter]) -> None:
        """Each worker's day: a circuit, or on a day where none of its visits may
        follow another, one visit at most (as its first and last)."""
        cp = self.cp
        for route in self._day_routes():
            w, members = route.worker, route.slots
            self._arcs(route, arc_filters)
            for k in members:
                cp.add_implication(self.x[(w, k)], route.worked)
            if not route.arcs:
                # No visit may follow another: the day holds one at most, which
                # is its first and its last (no circuit to search).
                route.first = {k: self.x[(w, k)] for k in members}
                route.last = dict(route.first)
                cp.add(lsum(route.first.values()) == route.worked)
            else:
                self._circuit(route)
            self.routes[(w, route.day)] = route

    def _circuit(self, route: DayRoute) -> None:
        """The day as a circuit from home through its visits and back."""
        cp, w = self.cp, route.worker
        arcs: list[tuple[int, int, cp_model.LiteralT]] = [(0, 0, ~route.worked)]
        node = {k: i + 1 for i, k in enumerate(route.slots)}
        for k in route.slots:
            lit = self.x[(w, k)]
            arcs.append((node[k], node[k], ~lit))
            route.first[k] = cp.new_bool_var(f"first_w{w}_k{k}")
            route.last[k] = cp.new_bool_var(f"last_w{w}_k{k}")
            arcs.append((0, node[k], route.first[k]))
            arcs.append((node[k], 0, route.last[k]))
        arcs += [(node[a], node[b], lit) for (a, b), lit in route.arcs.items()]
        cp.add_bool_or([self.x[(w, k)] for k in route.slots]).only_enforce_if(
            route.worked
        )
        cp.add_circuit(arcs)

    def _arcs(self, route: DayRoute, arc_filters: list[ArcFilter]) -> None:
        """The literal of each arc the day may take: a visit to one of its nearest
        possible next visits (``max_successors``), those a rota to keep uses, and
        only where every hard rule's ``may_follow`` allows it."""
        data, cp = self.data, self.cp
        w, members = route.worker, route.slots
        most = self.max_successors
        starts = [data.slots[k].start for k in members]
        flexible = any(data.slots[k].flexible for k in members)
        for a in members:
            self._check()
            # Visits starting before this one ends can never follow it.
            first = bisect.bisect_left(starts, data.slots[a].end)
            later = members[first:]
            if flexible:
                # A start variable may move a visit after one starting later;
                # the nearest are those it would keep least waiting or late.
                end = data.slots[a].end
                later = [b for b in members if data.slots[b].latest_start >= end]
                later.sort(key=lambda b: self._follow_delay(end, b))
            reached: set[int] = set()
            for b in later:
                session_b = data.slots[b].session
                kept = (w, a, b) in self.keep_arcs
                if session_b not in reached and len(reached) >= most and not kept:
                    self.truncated = True
                    if (w, a) not in self._kept_from:
                        break  # later visits are reached through nearer ones
                    continue
                if data.slots[a].session == session_b:
                    continue
                fixed = not (data.slots[a].flexible or data.slots[b].flexible)
                if fixed and data.slots[b].start <= data.slots[a].start:
                    continue
                if all(f(data, w, a, b) for f in arc_filters):
                    lit = cp.new_bool_var(f"arc_w{w}_k{a}_k{b}")
                    route.arcs[(a, b)] = lit
                    reached.add(session_b)

    def _follow_delay(self, end: int, b: int) -> int:
        """Minutes slot ``b`` would wait or be late if it began once a visit
        ending at ``end`` (at the earliest) had ended, leaving travel aside."""
        slot = self.data.slots[b]
        begin = max(slot.start, end)
        return begin - end + self.data.sessions[slot.session].late(begin)

    def day_reach(self, route: DayRoute) -> tuple[Any, Any, Any]:
        """Numpy matrices over a day's slots (row: from, column: to): journey
        minutes; ``reach`` (the journey fits between the two, other sessions);
        ``after`` (the second starts once the first has ended)."""
        key = (route.worker, route.day)
        if key not in self._reach:
            import numpy as np

            slots = [self.data.slots[k] for k in route.slots]
            starts = np.asarray([k.start for k in slots])
            ends = np.asarray([k.end for k in slots])
            sessions = np.asarray([k.session for k in slots])
            table = self.data.journeys_between(route.worker, route.slots)
            apart = sessions[:, None] != sessions[None, :]
            reach = (ends[:, None] + table <= starts[None, :]) & apart
            after = (starts[None, :] >= ends[:, None]) & apart
            self._reach[key] = (table, reach, after)
        return self._reach[key]

    def _light_routes(self) -> None:
        """Worked-day literals and no-overlap cliques, without circuits."""
        data = self.data
        cp = self.cp
        for route in self._day_routes():
            w, members = route.worker, route.slots
            for k in members:
                cp.add_implication(self.x[(w, k)], route.worked)
            cp.add_bool_or([self.x[(w, k)] for k in members]).only_enforce_if(
                route.worked
            )
            self.routes[(w, route.day)] = route
        for w, slots in self.by_worker.items():
            for clique in overlap_cliques(data, slots):
                cp.add_at_most_one(self.x[(w, k)] for k in clique)

    # Expressions the rules share -------------------------------------------------

    def session_minutes(self, route: DayRoute) -> cp_model.LinearExpr:
        """Minutes at sessions in a worker's day."""
        key = ("session_minutes", route.worker, route.day)
        if key not in self._exprs:
            self._exprs[key] = self._session_minutes(route)
        return self._exprs[key]

    def _session_minutes(self, route: DayRoute) -> cp_model.LinearExpr:
        slots = self.data.slots
        return lsum(
            [slots[k].duration * self.x[(route.worker, k)] for k in route.slots]
        )

    def between_travel(self, route: DayRoute) -> cp_model.LinearExpr:
        """Minutes travelling between sessions in a worker's day."""
        key = ("between_travel", route.worker, route.day)
        if key not in self._exprs:
            self._exprs[key] = self._between_travel(route)
        return self._exprs[key]

    def _between_travel(self, route: DayRoute) -> cp_model.LinearExpr:
        data = self.data
        if self.light:
            # Every visit but the day's first is reached from one that ends in time
            # for the journey: at least the nearest such (the first needs none, so
            # the day takes off the largest of these).
            import numpy as np

            # The day's travel is the journeys into its visits, one variable each
            # (``exact_leg`` adds what a given journey costs, when asked).
            w = route.worker
            table, reach, _ = self.day_reach(route)
            big = np.iinfo(np.int64).max
            nearest = np.where(reach, table, big).min(axis=0)
            nearest = np.where(nearest == big, 0, nearest)
            most = np.where(reach, table, 0).max(axis=0)
            into = []
            for k, top in zip(route.slots, most, strict=True):
                var = self.cp.new_int_var(0, int(top), f"into_w{w}_k{k}")
                self.incoming[(w, k)] = var
                into.append(var)
            self.cp.add(
                lsum(into)
                >= lsum(
                    [
                        int(n) * self.x[(w, k)]
                        for k, n in zip(route.slots, nearest, strict=True)
                    ]
                    + [-int(nearest.max(initial=0)) * route.worked]
                )
            )
            return lsum(into)
        return lsum(
            [
                data.slot_journey(route.worker, a, b) * lit
                for (a, b), lit in route.arcs.items()
            ]
        )

    def exact_leg(self, w: int, a: int, b: int) -> bool:
        """On a light model, make the journey from visit ``a`` to ``b`` count in
        full whenever the worker works both with none of their visits between
        (what the circuits would say of that leg); True when newly added."""
        into = self.incoming.get((w, b))
        if into is None or (w, a, b) in self._legs or (w, a) not in self.x:
            return False
        self._legs.add((w, a, b))
        minutes = self.data.slot_journey(w, a, b)
        end, start = self.data.slots[a].end, self.data.slots[b].start
        if minutes <= 0 or start < end:
            return False  # no journey, or ``b`` cannot follow ``a``
        between = [
            self.x[(w, k)]
            for k in self.by_worker[w]
            if self.data.slots[k].start >= end and self.data.slots[k].end <= start
        ]
        self.cp.add(
            into >= minutes * (self.x[(w, a)] + self.x[(w, b)] - 1 - lsum(between))
        )
        return True

    def commute_travel(self, route: DayRoute) -> cp_model.LinearExpr:
        """Minutes travelling from and to home in a worker's day."""
        key = ("commute_travel", route.worker, route.day)
        if key not in self._exprs:
            self._exprs[key] = self._commute_travel(route)
        return self._exprs[key]

    def _commute_travel(self, route: DayRoute) -> cp_model.LinearExpr:
        data = self.data
        home = data.workers[route.worker].home
        w = route.worker
        if self.light:
            there = min(
                data.journey_minutes(w, home, data.place(k)) for k in route.slots
            )
            back = min(
                data.journey_minutes(w, data.place(k), home) for k in route.slots
            )
            return (there + back) * route.worked
        return lsum(
            [
                data.journey_minutes(w, home, data.place(k)) * lit
                for k, lit in route.first.items()
            ]
            + [
                data.journey_minutes(w, data.place(k), home) * lit
                for k, lit in route.last.items()
            ]
        )

    def paid_minutes(self, route: DayRoute) -> cp_model.LinearExpr:
        """Minutes that count towards hours caps (mirrors Plan.paid_minutes)."""
        key = ("paid_minutes", route.worker, route.day)
        if key not in self._exprs:
            self._exprs[key] = self._paid_minutes(route)
        return self._exprs[key]

    def _paid_minutes(self, route: DayRoute) -> cp_model.LinearExpr:
        limits = self.data.policy.limits
        parts = [self.session_minutes(route)]
        if limits.travel_counts_in_hours:
            parts.append(self.between_travel(route))
        if limits.commute_counts_in_hours:
            parts.append(self.commute_travel(route))
        return lsum(parts)

    def first_start(self, route: DayRoute) -> cp_model.LinearExpr:
        """Start of the day's first session (0 when the day is not worked)."""
        key = ("first_start", route.worker, route.day)
        if key not in self._exprs:
            self._exprs[key] = self._first_start(route)
        return self._exprs[key]

    def _first_start(self, route: DayRoute) -> cp_model.LinearExpr:
        if self.light:
            return self._light_bound(route, first=True)
        if any(k in self.starts for k in route.slots):
            return self._moving_bound(route, first=True)
        return lsum([self.data.slots[k].start * lit for k, lit in route.first.items()])

    def last_end(self, route: DayRoute) -> cp_model.LinearExpr:
        """End of the day's last session (0 when the day is not worked)."""
        key = ("last_end", route.worker, route.day)
        if key not in self._exprs:
            self._exprs[key] = self._last_end(route)
        return self._exprs[key]

    def _last_end(self, route: DayRoute) -> cp_model.LinearExpr:
        if self.light:
            return self._light_bound(route, first=False)
        if any(k in self.starts for k in route.slots):
            return self._moving_bound(route, first=False)
        return lsum([self.data.slots[k].end * lit for k, lit in route.last.items()])

    def _moving_bound(self, route: DayRoute, *, first: bool) -> cp_model.IntVar:
        """The day's first start (or last end) where a start is a variable: equal
        to the start (end) of the visit the day begins (ends) with; 0 when the
        day is not worked, as the fixed-time sum is."""
        slots = [self.data.slots[k] for k in route.slots]
        high = max(k.latest_end for k in slots)
        name = "first" if first else "last"
        var = self.cp.new_int_var(0, high, f"{name}_w{route.worker}_d{route.day}")
        ends = route.first if first else route.last
        for k, lit in ends.items():
            at = self.start_of(k) if first else self.end_of(k)
            self.cp.add(var == at).only_enforce_if(lit)
        self.cp.add(var == 0).only_enforce_if(~route.worked)
        return var

    def _light_bound(self, route: DayRoute, *, first: bool) -> cp_model.IntVar:
        """On a light model, a variable no later than the day's first start (or no
        earlier than its last end): the search makes it exact where a rule needs."""
        slots = [self.data.slots[k] for k in route.slots]
        low = min(k.start for k in slots)
        high = max(k.end for k in slots)
        name = "first" if first else "last"
        var = self.cp.new_int_var(low, high, f"{name}_w{route.worker}_d{route.day}")
        for k, slot in zip(route.slots, slots, strict=True):
            lit = self.x[(route.worker, k)]
            if first:
                self.cp.add(var <= slot.start).only_enforce_if(lit)
            else:
                self.cp.add(var >= slot.end).only_enforce_if(lit)
        return var

    def worker_routes(self, w: int) -> list[DayRoute]:
        """A worker's day routes in day order."""
        return sorted(
            (r for (ww, _), r in self.routes.items() if ww == w), key=lambda r: r.day
        )

    def assigned(self, w: int, session: int) -> cp_model.LinearExpr:
        """1 when worker ``w`` is on any slot of ``session``."""
        return lsum(
            [
                self.x[(w, k)]
                for k in self.data.sessions[session].slots
                if (w, k) in self.x
            ]
        )


def overlap_cliques(data: Compiled, slots: Iterable[int]) -> list[list[int]]:
    """Groups of slots that all overlap in time, one per start, covering every
    overlapping pair (two overlapping visits both hold the later one's start)."""
    ordered = sorted(slots, key=lambda k: (data.slots[k].start, k))
    cliques: list[list[int]] = []
    active: list[int] = []
    for k in ordered:
        start = data.slots[k].start
        kept = [j for j in active if data.slots[j].end > start]
        if len(kept) < len(active) and len(active) > 1:
            cliques.append(active)  # maximal: the next start drops a member
        active = [*kept, k]
    if len(active) > 1:
        cliques.append(active)
    return cliques
