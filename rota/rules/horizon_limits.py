"""Limits over the whole rota: sessions of a kind, working weekends, total hours.

Each limit is set policy-wide in ``[limits]`` and may be set per worker in the
optional workers.csv columns of the same name (the worker's own value wins; for
``max_sessions_of_kind`` kind by kind). They count over the whole horizon, which
is what rotas of several weeks (supported living, the Curtois & Qu benchmark) need.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from ..solver.data import Compiled
from ..solver.model import RotaModel, lsum
from ..solver.plan import Plan
from .base import Evaluation, HardRule, Violation, hours
from .hours import week_cap
from .sequences import worked_literals
from .text import day_of, worker_name


def _kind(data: Compiled, slot: int) -> str | None:
    return data.sessions[data.slots[slot].session].kind


class MaxSessionsOfKind(HardRule):
    """Sessions of a kind: at most the limit for that kind per worker over the rota
    (e.g. two sleep-ins); a limit of 0 means never that kind."""

    flexible_starts = True

    id = "max_sessions_of_kind"
    label = "at their most visits of that kind"
    title = "Sessions of a kind"

    def active(self, data: Compiled) -> bool:
        return any(w.kind_limits for w in data.workers)

    def admits(self, data: Compiled, worker: int, slot: int) -> str | None:
        kind = _kind(data, slot)
        if kind is not None and data.workers[worker].kind_limits.get(kind) == 0:
            return f"they do not work '{kind}' sessions"
        return None

    def encode(self, m: RotaModel) -> list:
        data = m.data
        for w, slots in m.by_worker.items():
            limits = data.workers[w].kind_limits
            if not limits:
                continue
            by_kind: dict[str, list[int]] = defaultdict(list)
            for k in slots:
                kind = _kind(data, k)
                if kind in limits:
                    by_kind[kind].append(k)
            for kind, members in by_kind.items():
                sessions = {data.slots[k].session for k in members}
                if len(sessions) > limits[kind]:
                    # One slot per session at most, so assignments count sessions.
                    m.cp.add(lsum(m.x[(w, k)] for k in members) <= limits[kind])
        return []

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        for w in sorted(plan.by_worker):  # a worker with no visit keeps a cap
            worker = data.workers[w]
            if not worker.kind_limits:
                continue
            counts = Counter(data.sessions[s].kind for s in plan.sessions_of(w))
            for kind, most in sorted(worker.kind_limits.items()):
                if counts[kind] > most:
                    result.violations.append(
                        Violation(
                            self.id,
                            f"{worker_name(data, w)} would work {counts[kind]} "
                            f"'{kind}' sessions (at most {most})",
                            (w,),
                        )
                    )
        return result


def weekends(data: Compiled) -> list[list[int]]:
    """Day indexes of each weekend (Saturday and Sunday) the horizon touches."""
    start: dt.date = data.problem.period.start
    groups: dict[int, list[int]] = defaultdict(list)
    for d in range(data.days):
        weekday = (start + dt.timedelta(days=d)).weekday()
        if weekday >= 5:
            groups[d - (weekday - 5)].append(d)  # keyed by the weekend's Saturday
    return [groups[key] for key in sorted(groups)]


class MaxWorkingWeekends(HardRule):
    """Working weekends: at most the limit of weekends worked over the rota; a
    weekend is worked when a session starts on its Saturday or its Sunday."""

    flexible_starts = True

    id = "max_working_weekends"
    label = "at their most weekends worked"
    title = "Weekends worked"

    def active(self, data: Compiled) -> bool:
        return any(w.max_working_weekends is not None for w in data.workers)

    def encode(self, m: RotaModel) -> list:
        data = m.data
        groups = weekends(data)
        for w in m.by_worker:
            most = data.workers[w].max_working_weekends
            if most is None:
                continue
            worked = worked_literals(m, w)
            used: list[Any] = []
            for i, group in enumerate(groups):
                lits = [worked[d] for d in group if worked[d] is not None]
                if len(lits) == 1:
                    used.append(lits[0])
                elif lits:
                    weekend = m.cp.new_bool_var(f"weekend_w{w}_{i}")
                    for lit in lits:
                        m.cp.add_implication(lit, weekend)
                    used.append(weekend)
            if len(used) > most:
                m.cp.add(lsum(used) <= most)
        return []

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        groups = weekends(data)
        for w in sorted(plan.by_worker):  # a worker with no visit keeps a cap
            worker = data.workers[w]
            most = worker.max_working_weekends
            if most is None:
                continue
            worked = [g for g in groups if any((w, d) in plan.days for d in g)]
            if len(worked) > most:
                first = ", ".join(day_of(data, g[0]) for g in worked)
                result.violations.append(
                    Violation(
                        self.id,
                        f"{worker_name(data, w)} would work {len(worked)} weekends "
                        f"(at most {most}): those of {first}",
                        (w,),
                    )
                )
        return result


def _plan_totals(plan: Plan) -> Counter[int]:
    """Each worker's paid minutes over the rota."""
    totals: Counter[int] = Counter()
    for (w, _), day in plan.days.items():
        totals[w] += plan.paid_minutes(day)
    return totals


def _totals(m: RotaModel) -> dict[int, list[Any]]:
    """Each worker's paid minutes per day route (one pass over the routes)."""
    out: dict[int, list[Any]] = defaultdict(list)
    for (w, _), route in m.routes.items():
        out[w].append(m.paid_minutes(route))
    return out


def _most_paid(data: Compiled, w: int) -> tuple[int, str]:
    """The most paid minutes the worker's own caps allow over the rota, and the
    cap that binds, in words."""
    worker = data.workers[w]
    weeks = data.weeks
    span = f"{len(weeks)} week{'s' if len(weeks) != 1 else ''}"
    weekly = week_cap(data, w)
    options = [
        (weekly * len(weeks), f"max_hours {hours(weekly)} a week over {span}"),
        (
            sum(worker.max_day * min(len(days), worker.max_days) for days in weeks),
            f"{hours(worker.max_day)} hours a day on at most {worker.max_days} days "
            f"a week over {span}",
        ),
    ]
    if worker.max_total is not None:
        options.append((worker.max_total, f"max_total_hours {hours(worker.max_total)}"))
    return min(options, key=lambda option: option[0])


class MinTotalHours(HardRule):
    """Fewest hours over the rota: paid minutes over the whole horizon at least the
    worker's minimum (a guaranteed total, e.g. for annualised hours)."""

    flexible_starts = True

    id = "min_total_hours"
    label = "short of their fewest hours"
    title = "Fewest hours over the rota"
    lower_bound = True
    """A partial rota may break it until more work is added (see docs/rules.md).
    Left off the coverage phase's light model even where it would be exact there:
    a first rota keeping everyone's fewest hours can take CP-SAT longer than the
    whole phase (Curtois Instance 11: none in 30 s); the repair met it there in 8 s."""

    def active(self, data: Compiled) -> bool:
        return any(w.min_total for w in data.workers)

    def impossible(self, data: Compiled) -> list[str]:
        out = []
        for w, worker in enumerate(data.workers):
            if not worker.min_total:
                continue
            most, why = _most_paid(data, w)
            if most < worker.min_total:
                out.append(
                    f"{worker_name(data, w)} must work at least "
                    f"{hours(worker.min_total)} hours over the rota (min_total_hours) "
                    f"but can work at most {hours(most)}: {why}"
                )
        return out

    def encode(self, m: RotaModel) -> list:
        totals = _totals(m)
        for w, worker in enumerate(m.data.workers):
            if worker.min_total and m.keeps_minimums(w):
                # A worker with no possible session makes the model infeasible, as
                # it must: the minimum cannot be met.
                m.cp.add(lsum(totals.get(w, [])) >= worker.min_total)
        return []

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        totals = _plan_totals(plan)
        for w, worker in enumerate(data.workers):
            total = totals[w]
            if worker.min_total and total < worker.min_total:
                result.violations.append(
                    Violation(
                        self.id,
                        f"{worker_name(data, w)} would work {hours(total)} hours over "
                        f"the rota (at least {hours(worker.min_total)})",
                        (w,),
                    )
                )
        return result


class MaxTotalHours(HardRule):
    """Most hours over the rota: paid minutes over the whole horizon within the
    worker's maximum."""

    flexible_starts = True

    id = "max_total_hours"
    label = "at their most hours over the rota"
    title = "Most hours over the rota"

    def active(self, data: Compiled) -> bool:
        return any(w.max_total is not None for w in data.workers)

    def admits(self, data: Compiled, worker: int, slot: int) -> str | None:
        most = data.workers[worker].max_total
        length = data.slots[slot].duration
        if most is not None and length > most:
            return (
                f"the session alone is {hours(length)} hours "
                f"(at most {hours(most)} over the rota)"
            )
        return None

    def encode(self, m: RotaModel) -> list:
        totals = _totals(m)
        for w, parts in totals.items():
            most = m.data.workers[w].max_total
            if most is not None:
                m.cp.add(lsum(parts) <= most)
        return []

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        totals = _plan_totals(plan)
        for w in sorted(plan.by_worker):  # a worker with no visit keeps a cap
            worker = data.workers[w]
            total = totals[w]
            if worker.max_total is not None and total > worker.max_total:
                result.violations.append(
                    Violation(
                        self.id,
                        f"{worker_name(data, w)} would work {hours(total)} hours over "
                        f"the rota (at most {hours(worker.max_total)})",
                        (w,),
                    )
                )
        return result
