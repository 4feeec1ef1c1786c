"""Coverage first: the most cover every hard rule allows, found on a light model.

The light model (:class:`~rota.solver.model.RotaModel` with ``light=True``) holds
the assignments, each session's start, the worked days and one at-most-one per
clique of overlapping visits, with no day circuits; every hard rule encodes
itself on it through its ``relax`` (exact for most, a relaxation for the rest),
and its objective is the rules that price cover. Each rota it finds is checked
with the rules' own evaluation; a break is cut off ("not all of these visits
together", on a smallest set of the worker's visits that still breaks the rule)
and the model solved again from the best valid rota. Between rounds the rota is
made valid by taking off, worker by worker, the fewest visits that mend their
days, then filling greedily, so the best valid rota so far is always at hand.
Minimums (rules with ``lower_bound``) are left to the full model and the repairs,
except those whose encoding is exact on the light model (``Rule.light_exact``:
days in a row); a rota leaving fewer workers short of a minimum is better
whatever its cover, and a start short of one the light model leaves out (fewest
hours) goes straight to the repair. Travel between visits is at its least on the light model until a
round's rota uses a journey; from then on that leg counts in full
(:meth:`~rota.solver.model.RotaModel.exact_leg`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from ..rules import Rule
from ..solver.data import Compiled
from ..solver.model import RotaModel, lsum
from ..solver.plan import Plan
from ..solver.stopping import Stopped, checkpoint, stoppable
from .construct import greedy_pairs
from .cpsat import (
    FOUND,
    complete_hint,
    hint_pairs,
    hint_solution,
    local_solver,
    modelled,
    search_solver,
)

log = logging.getLogger("rota")

Fill = Callable[[list[tuple[int, int]]], list[tuple[int, int]]]
"""A rota -> a valid one: what fits is kept, the rest is filled greedily."""


@dataclass
class Cover:
    """The coverage phase's best valid rota and how it was found."""

    pairs: list[tuple[int, int]]
    cost: int
    """The cover-pricing rules' penalty of ``pairs`` (lower is more cover)."""
    bound: int | None = None
    """No rota keeping the hard rules has a lower cover cost (the light model's
    proven bound), when known."""
    rounds: int = 0
    cuts: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def cover_cost(
    data: Compiled, rules: Sequence[Rule], pairs: list[tuple[int, int]]
) -> int:
    """The cover-pricing rules' penalty of a rota, by their own evaluation."""
    plan = Plan.from_pairs(data, pairs)
    return sum(
        r.evaluate(plan).penalty for r in rules if r.prices_cover and r.active(data)
    )


def breaks(
    data: Compiled, rules: Sequence[Rule], pairs: list[tuple[int, int]]
) -> list[Rule]:
    """The hard rules (minimums aside) a rota breaks."""
    plan = Plan.from_pairs(data, pairs)
    return [r for r in _checked(data, rules) if r.evaluate(plan).violations]


def kept_minimums(data: Compiled, rules: Sequence[Rule]) -> list[Rule]:
    """The minimums the light model keeps exactly (``Rule.light_exact``)."""
    return [
        r
        for r in rules
        if r.hard and r.lower_bound and r.active(data) and r.light_exact(data)
    ]


def unkept_minimums(data: Compiled, rules: Sequence[Rule]) -> list[Rule]:
    """The minimums the light model leaves out (the full model's to keep)."""
    return [
        r
        for r in rules
        if r.hard and r.lower_bound and r.active(data) and not r.light_exact(data)
    ]


def short(
    data: Compiled, minimums: Sequence[Rule], pairs: list[tuple[int, int]]
) -> bool:
    """True when the rota is short of one of these minimums."""
    return shortfall(data, minimums, pairs) > 0


def shortfall(
    data: Compiled, minimums: Sequence[Rule], pairs: list[tuple[int, int]]
) -> int:
    """How many workers the rota leaves short of one of these minimums."""
    if not minimums:
        return 0
    plan = Plan.from_pairs(data, pairs)
    return len(
        {w for r in minimums for v in r.evaluate(plan).violations for w in v.workers}
    )


def _checked(data: Compiled, rules: Sequence[Rule]) -> list[Rule]:
    return [r for r in rules if r.hard and not r.lower_bound and r.active(data)]


class LightModel:
    """The light model, built once; cuts are added between rounds."""

    def __init__(
        self,
        data: Compiled,
        rules: Sequence[Rule],
        candidates: dict[int, list[int]],
        stop: threading.Event | None,
        deadline: float | None = None,
    ) -> None:
        self.data = data
        self.model = RotaModel(data, [], [], candidates=candidates, light=True)
        hard = [r for r in rules if r.hard and r.active(data)]
        for rule in hard:  # each rule says how (minimums leave themselves out)
            checkpoint(stop)
            if deadline is not None and time.perf_counter() > deadline:
                raise Stopped  # the phase's time is gone before the model is built
            rule.relax(self.model)
        self._adjacent(hard)
        terms: list = []
        for rule in rules:
            if rule.prices_cover and rule.active(data):
                terms += rule.encode(self.model)
        self.model.cp.minimize(lsum(terms))
        self.cuts = 0
        self.proving = len(self.model.x) <= PRESOLVE_MAX_PAIRS
        """Small enough to presolve: a tree search follows each round's local
        search, for a proof; larger models' rounds are local search alone, and a
        round from the best rota does better than one twice as long (a tight
        300-worker week: 1,521,000 after five rounds of 20 s, 2,277,000 after
        one of 60 s)."""
        self.one_local_worker = (
            len(self.model.cp.proto.constraints) > ONE_LOCAL_WORKER_ABOVE
        )
        """Too large for a local-search worker per core (each keeps its own copy
        of the constraints): one searches."""
        self.infeasible = False
        """True when the last solve proved no rota keeps what the model holds."""

    def _adjacent(self, checked: Sequence[Rule]) -> None:
        """Two visits with no candidate visit between them follow each other when
        both are worked: keep them apart where a rule's ``may_follow`` refuses."""
        data, m = self.data, self.model
        for (w, _), route in m.routes.items():
            ks = route.slots
            for i, a in enumerate(ks):
                end = data.slots[a].end
                later = [k for k in ks[i + 1 :] if data.slots[k].start >= end]
                if not later:
                    continue
                soonest = min(data.slots[k].end for k in later)
                for b in later:
                    if data.slots[b].start >= soonest:
                        break
                    if data.slots[a].session != data.slots[b].session and not all(
                        r.may_follow(data, w, a, b) for r in checked
                    ):
                        m.cp.add_bool_or([~m.x[(w, a)], ~m.x[(w, b)]])

    def cut(self, worker: int, slots: list[int]) -> None:
        """Never all of these visits of this worker together."""
        self.model.cp.add_bool_or([~self.model.x[(worker, k)] for k in slots])
        self.cuts += 1

    def solve(
        self,
        hint: list[tuple[int, int]],
        *,
        time_limit: float,
        seed: int,
        workers: int,
        stop: threading.Event | None,
    ) -> tuple[list[tuple[int, int]] | None, int | None, bool]:
        """(pairs, bound, proved optimal) from ``hint``; pairs None when none found."""
        m = self.model
        began = time.perf_counter()
        hint_pairs(m, hint)
        # Complete the hint first (only propagation with every assignment fixed):
        # from a complete hint CP-SAT starts at once, from a partial one a large
        # model can spend the whole round in presolve.
        complete_hint(m, time_limit=max(0.05, time_limit / 2), seed=seed, stop=stop)
        # CP-SAT's local search first: on a coverage model it finds far more cover
        # than the tree search in the same time (docs/engine.md, item 5); on a
        # model small enough to presolve the tree search then goes on from its
        # rota, for a proof. Above, the round is the local search's alone (on a
        # tight 120-worker week the tree search never bettered its rota).
        local = local_solver(
            (LOCAL_SHARE if self.proving else 1.0)
            * (time_limit - (time.perf_counter() - began)),
            seed=seed,
            workers=1 if self.one_local_worker else workers,
        )
        with stoppable(local, stop):
            code = local.solve(m.cp)
        solver = local
        if (
            self.proving
            and code != cp_model.OPTIMAL
            and time.perf_counter() < began + time_limit
        ):
            if code == cp_model.FEASIBLE:  # the tree search goes on from it
                hint_solution(m, list(local.response_proto.solution))
            solver = search_solver(
                time_limit - (time.perf_counter() - began),
                seed=seed,
                workers=workers,
            )
            with stoppable(solver, stop):
                tree = solver.solve(m.cp)
            log.debug(
                "light round: local search %s, tree search %s",
                local.objective_value if code in FOUND else None,
                solver.objective_value if tree in FOUND else None,
            )
            if tree in FOUND or code not in FOUND:
                code = tree
            else:
                solver = local  # the tree search found nothing in its share
        self.infeasible = code == cp_model.INFEASIBLE
        if code not in FOUND:
            return None, None, False
        pairs = [key for key, lit in m.x.items() if solver.boolean_value(lit)]
        bound = round(solver.best_objective_bound)
        return pairs, bound, code == cp_model.OPTIMAL


def smallest_break(
    data: Compiled, rule: Rule, worker: int, slots: list[int]
) -> list[int] | None:
    """A smallest set of the worker's visits that breaks the rule on its own (each
    visit dropped in turn while the rest still breaks it), or None when the
    worker's visits alone keep it."""

    def broken(members: list[int]) -> bool:
        plan = Plan.from_pairs(data, [(worker, k) for k in members])
        return any(worker in v.workers for v in rule.evaluate(plan).violations)

    if not broken(slots):
        return None
    members = list(slots)
    for k in list(members):
        trial = [j for j in members if j != k]
        if broken(trial):
            members = trial
    return members


LOCAL_SHARE = 0.75
"""Of a light-model round on a model small enough to presolve
(``PRESOLVE_MAX_PAIRS``), the share CP-SAT's local search has before the tree
search goes on from its rota for a proof; larger models' rounds are the local
search's alone."""
ROUND_PER_BUILD = 2.0
"""A light-model round lasts at least this many times the model's build."""
STALE_ROUNDS = 2
"""Rounds in a row that mend into no better rota before the phase gives up."""
PRESOLVE_MAX_PAIRS = 2_000
"""Larger light models are searched without presolve: it can take the round (on
the medium sample week, 9,522 pairs, a 5 s round found no rota at all, and the
phase ended at once; without presolve seven rounds took its cover cost from
2,940,000 to 2,016,000)."""
ONE_LOCAL_WORKER_ABOVE = 800_000
"""Light models with more constraints are searched by one local-search worker:
each worker keeps its own copy of the constraints. A tight 300-worker week under
the default rules (1.1 million constraints) peaked at 2,390 MiB with two and
1,868 MiB with one, covering 3,184 and 3,200 sessions; relaxed (567,000) it peaks
at 1,373 MiB with two, and one covered less (97.6 % against 97.9 %)."""
LIGHT_MAX_PAIRS = 40_000
"""A light model over more worker-visit pairs is narrowed: first to each session's
requested start (and the start rota's), then to the workers living nearest."""
LIGHT_MOST_PAIRS = 3 * LIGHT_MAX_PAIRS
"""Still more pairs once narrowed (weeks where everyone lives at one place, as in
nurse rostering): the coverage phase is skipped (on a Curtois instance of 384,000
pairs its model took 42 s to build)."""
NEAREST_PER_SLOT = 16
"""Workers kept per visit when narrowing (besides those the start rota has)."""


def narrowed(
    data: Compiled,
    candidates: dict[int, list[int]],
    start: list[tuple[int, int]],
    most: int = LIGHT_MAX_PAIRS,
    per_slot: int = NEAREST_PER_SLOT,
) -> tuple[dict[int, list[int]], bool]:
    """The candidates, or when there are more than ``most`` pairs the requested
    starts only, and if still too many, for each visit the workers living nearest
    it (the start rota's pairs always kept); True when narrowed."""
    if sum(map(len, candidates.values())) <= most:
        return candidates, False
    keep = set(start)
    # First the requested starts only (windows are the search's to use later).
    requested = {
        k for s in data.sessions for k in s.slots if data.slots[k].start == s.start
    }
    used = {k for _, k in start}
    candidates = {
        w: [k for k in slots if k in requested or k in used]
        for w, slots in candidates.items()
    }
    if sum(map(len, candidates.values())) <= most:
        return candidates, True
    by_slot: dict[int, list[int]] = {}
    for w, slots in candidates.items():
        for k in slots:
            by_slot.setdefault(k, []).append(w)
    for k, able in by_slot.items():
        place = data.place(k)
        near = sorted(
            able,
            key=lambda w: (data.journey_minutes(w, data.workers[w].home, place), w),
        )
        keep.update((w, k) for w in near[:per_slot])
    out: dict[int, list[int]] = {w: [] for w in candidates}
    for w, slots in candidates.items():
        out[w] = [k for k in slots if (w, k) in keep]
    return out, True


def cover(
    data: Compiled,
    rules: Sequence[Rule],
    candidates: dict[int, list[int]],
    start: list[tuple[int, int]],
    fill: Fill,
    *,
    deadline: float,
    seed: int,
    workers: int,
    stop: threading.Event | None = None,
    round_seconds: float = 5.0,
) -> Cover:
    """The rota covering the most, from a valid ``start``, until ``deadline``.

    Stops early when the light model proves no rota covers more. A stop keeps the
    best valid rota so far.
    """
    began = time.perf_counter()
    best = Cover(list(start), cover_cost(data, rules, start))
    kept = kept_minimums(data, rules)
    unkept = unkept_minimums(data, rules)
    minimums = kept + unkept
    # Workers the start leaves short of a minimum: a rota leaving fewer short is
    # better whatever its cover.
    owed = shortfall(data, minimums, start)
    if best.cost == 0 and not owed:
        return best
    if short(data, unkept, start):
        # Short of a minimum the light model leaves out (fewest hours): every rota
        # it finds would be short too, so the repair that follows is what makes
        # the first rota; the phase would only take the repair's time.
        log.info("coverage phase skipped: the start is short of a minimum")
        return best
    limited, narrow = narrowed(data, candidates, start)
    size = sum(map(len, limited.values()))
    if size > LIGHT_MOST_PAIRS:
        log.info("coverage phase skipped: %d pairs after narrowing", size)
        return best  # building it would take the time of the whole search
    try:
        light = LightModel(data, rules, limited, stop, deadline)
    except Stopped:
        return best  # stopped (or out of time) while building: the start stands
    best.timings["light_build"] = time.perf_counter() - began
    log.info(
        "light model built in %.2fs: %d pairs, cover cost %s to beat",
        best.timings["light_build"],
        len(light.model.x),
        best.cost,
    )
    hint = list(start)
    stale = 0
    # CP-SAT's loading of the model takes a share of each round, growing with the
    # model as its build does: on a tight 300-worker week (build 9.4 s) a 5 s
    # round's local search found no rota from a complete hint.
    seconds = max(round_seconds, ROUND_PER_BUILD * best.timings["light_build"])
    while time.perf_counter() < deadline - 0.2 and not (stop and stop.is_set()):
        best.rounds += 1
        try:
            pairs, bound, optimal = light.solve(
                hint,
                time_limit=min(seconds, deadline - time.perf_counter()),
                seed=seed + best.rounds,
                workers=workers,
                stop=stop,
            )
        except Stopped:
            break  # stopped before the round's rota: the best so far stands
        log.info(
            "cover round %d: light model %s after %.2fs (bound %s)",
            best.rounds,
            "no rota" if pairs is None else cover_cost(data, rules, pairs),
            time.perf_counter() - began,
            bound,
        )
        if pairs is None:
            stale += not owed
            if not light.infeasible and stale < STALE_ROUNDS:
                # Short of a minimum, the first rota keeping them all can take
                # longer than a round to find, and so can any rota on a large
                # model (a tight 300-worker week: its hint took the first 5 s
                # round): a longer round from the same hint.
                seconds *= 2
                continue
            break
        if not owed and cover_cost(data, rules, pairs) >= cover_cost(
            data, rules, modelled(light.model, hint)
        ):
            # A round that found nothing better than its own start: the model is
            # too large to search in a round, and the neighbourhood search makes
            # better use of the time (docs/engine.md, "Large weeks: coverage first").
            log.info("coverage phase: the light model found nothing better")
            break
        broken = breaks(data, rules, pairs)
        if not broken:
            if cover_cost(data, rules, pairs):
                # A local search's rota leaves visits a worker could still take
                # as it stands (on a tight 300-worker week the fill of a mended
                # rota covered more than the light model's own rota).
                try:
                    pairs = fill(pairs)
                except Stopped:
                    break  # stopped while filling: the best so far stands
            cost = cover_cost(data, rules, pairs)
            # It keeps the days in a row, but may leave someone short of hours.
            lack = shortfall(data, minimums, pairs)
            if (lack, cost) <= (owed, best.cost):
                best.pairs, best.cost, owed = pairs, cost, lack
            if lack:
                break  # short of a minimum the model leaves out: the repair's turn
            if optimal and not narrow:
                best.bound = bound
            if optimal or cost == 0:
                break
            hint = best.pairs  # valid and not yet proved best: search on from it
            if light.proving:
                seconds *= 2  # nothing to cut: a longer round, for a proof
            continue
        added = _cut_breaks(data, light, broken, pairs)
        try:
            valid = fill(mend(data, rules, pairs, stop))
        except Stopped:
            break  # stopped while mending: the best so far stands
        cost = cover_cost(data, rules, valid)
        still = shortfall(data, minimums, valid)
        log.info(
            "cover round %d: %d cuts for %s (%d in all), valid rota at %s",
            best.rounds,
            added,
            ", ".join(r.id for r in broken),
            light.cuts,
            cost,
        )
        if (still, cost) < (owed, best.cost):
            best.pairs, best.cost, owed = valid, cost, still
            stale = 0
        else:
            stale += 1
        if stale >= STALE_ROUNDS:
            break  # the light model's rotas no longer mend into better ones
        if best.cost == 0 and not owed:
            break  # everything covered, every minimum kept: nothing more to find
        if added == 0:
            break  # nothing to cut: the light model cannot tell more
        hint = best.pairs  # keeps every cut (a valid rota holds no break)
    best.cuts = light.cuts
    best.timings["cover"] = time.perf_counter() - began
    log.info(
        "coverage phase: %d rounds, %d cuts, cover cost %s in %.2fs",
        best.rounds,
        best.cuts,
        best.cost,
        best.timings["cover"],
    )
    return best


_PRIORITY = {"essential": 0, "standard": 1, "flexible": 2}


def mend(
    data: Compiled,
    rules: Sequence[Rule],
    pairs: list[tuple[int, int]],
    stop: threading.Event | None = None,
) -> list[tuple[int, int]]:
    """The rota with, for each worker whose own days break a rule, the fewest
    visits taken off that make them keep it (each time the visit whose loss
    leaves the fewest breaks, the least urgent and shortest first); a double-up
    left short loses its other workers too. What is left keeps every rule a
    worker's own days can break, so a fill keeps all of it."""
    checks = [r for r in _checked(data, rules) if not r.per_person]
    mine: dict[int, list[int]] = {}
    for w, k in pairs:
        mine.setdefault(w, []).append(k)

    def broken(w: int, slots: list[int]) -> int:
        plan = Plan.from_pairs(data, [(w, k) for k in slots])
        return sum(len(r.evaluate(plan).violations) for r in checks)

    def urgency(k: int) -> tuple[int, int]:
        session = data.sessions[data.slots[k].session]
        return (-_PRIORITY.get(session.priority, 1), session.duration)

    for w, slots in mine.items():
        checkpoint(stop)
        left = broken(w, slots)
        while left and slots:
            trials = [
                (broken(w, [j for j in slots if j != k]), urgency(k), k) for k in slots
            ]
            left, _, k = min(trials)
            slots.remove(k)
    kept = [(w, k) for w, slots in mine.items() for k in slots]
    plan = Plan.from_pairs(data, kept)
    return [(w, k) for w, k in kept if plan.covered(data.slots[k].session)]


def _cut_breaks(
    data: Compiled, light: LightModel, broken: list[Rule], pairs: list[tuple[int, int]]
) -> int:
    """Cut off each worker's smallest break of each broken rule; how many cuts."""
    mine: dict[int, list[int]] = {}
    for w, k in pairs:
        mine.setdefault(w, []).append(k)
    plan = Plan.from_pairs(data, pairs)
    added = _exact_legs(light, plan)
    for rule in broken:
        if not rule.breaks_persist:
            added += _cut_neighbours(data, light, rule, plan)
            continue
        workers = sorted({w for v in rule.evaluate(plan).violations for w in v.workers})
        for w in workers:
            members = smallest_break(data, rule, w, sorted(mine.get(w, [])))
            if members:
                light.cut(w, members)
                added += 1
    return added


COVER_SHARE = 0.8
"""Of the time left after the construction, the most the coverage phase takes."""


def cover_first(
    data: Compiled,
    rules: Sequence[Rule],
    candidates: dict[int, list[int]],
    by_slot: dict[int, list[int]],
    start: list[tuple[int, int]],
    *,
    deadline: float,
    seed: int,
    workers: int,
    stop: threading.Event | None = None,
) -> Cover:
    """:func:`cover` from the greedy rota ``start``, with its share of the time."""

    def fill(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return greedy_pairs(data, by_slot, rules, pairs, stop=stop)

    now = time.perf_counter()
    return cover(
        data,
        rules,
        candidates,
        start,
        fill,
        deadline=now + COVER_SHARE * max(0.0, deadline - now),
        seed=seed,
        workers=workers,
        stop=stop,
    )


def _exact_legs(light: LightModel, plan: Plan) -> int:
    """Make the light model count the journeys of this rota's days in full
    (their travel was at its least there): how many legs were added."""
    return sum(
        light.model.exact_leg(day.worker, a, b)
        for day in plan.days.values()
        for a, b in zip(day.slots, day.slots[1:], strict=False)
    )


def _cut_neighbours(data: Compiled, light: LightModel, rule: Rule, plan: Plan) -> int:
    """For a rule on which visit follows which: two visits it refuses side by side
    are never both worked with none of the worker's visits between them."""
    added = 0
    for day in plan.days.values():
        w = day.worker
        for a, b in zip(day.slots, day.slots[1:], strict=False):
            if rule.may_follow(data, w, a, b):
                continue
            end, start = data.slots[a].end, data.slots[b].start
            between = [
                k
                for k in light.model.by_worker[w]
                if start > data.slots[k].start >= end and data.slots[k].end <= start
            ]
            x = light.model.x
            light.model.cp.add(
                x[(w, a)] + x[(w, b)] <= 1 + lsum(x[(w, k)] for k in between)
            )
            light.cuts += 1
            added += 1
    return added


def keep_cover(
    data: Compiled, rules: Sequence[Rule], m: RotaModel, pairs: list[tuple[int, int]]
) -> None:
    """Add to a model that its rota covers at least what ``pairs`` covers (by the
    cover-pricing rules' own terms): coverage first, then the human costs."""
    terms = [t for r in rules if r.prices_cover and r.active(data) for t in r.encode(m)]
    m.cp.add(lsum(terms) <= cover_cost(data, rules, pairs))
