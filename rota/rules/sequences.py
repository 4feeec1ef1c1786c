"""Patterns of working days: forbidden kind successions and consecutive-day limits.

A *working day* is a day on which one of the worker's sessions starts (the day
route's ``worked`` literal). Runs of working days or of days off are judged as the
Curtois & Qu benchmark does: a run touching the first or the last day of the rota
may continue beyond it, so it is exempt from the minimum rules, while the days
before and after the rota count as days off for the maximum rule.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ortools.sat.python import cp_model

from ..solver.data import Compiled
from ..solver.model import RotaModel, lsum
from ..solver.plan import Plan
from .base import Evaluation, HardRule, Violation
from .text import day_of, worker_name


def worked_literals(m: RotaModel, w: int) -> list[Any]:
    """Per day of the horizon: the worker's ``worked`` literal, or None when they
    have no session that could start that day."""
    return [
        route.worked if (route := m.routes.get((w, d))) is not None else None
        for d in range(m.data.days)
    ]


def worked_days(plan: Plan) -> dict[int, list[bool]]:
    """Per worker with a session, per day of the horizon: does a session of theirs
    start that day. (A worker with none is off every day: no run of work, and one
    run of days off touching both ends of the rota, so no limit on runs applies.)"""
    out = {w: [False] * plan.data.days for w in sorted(plan.by_worker)}
    for w, d in plan.days:
        out[w][d] = True
    return out


def runs(flags: list[bool]) -> list[tuple[bool, int, int]]:
    """Maximal runs of equal values as (value, first day, length)."""
    out: list[tuple[bool, int, int]] = []
    start = 0
    for day in range(1, len(flags) + 1):
        if day == len(flags) or flags[day] != flags[start]:
            out.append((flags[start], start, day - start))
            start = day
    return out


def _works(
    m: RotaModel,
    w: int,
    key: tuple[int, str],
    by_day_kind: dict[tuple[int, str], list[Any]],
    made: dict[tuple[int, str], Any],
) -> Any:
    """A literal implied by each of the worker's sessions of a kind starting a day.

    Forbidding a pair of these literals is linear in the sessions, where forbidding
    every pair of sessions would be quadratic.
    """
    if key not in made:
        lits = by_day_kind[key]
        if len(lits) == 1:
            made[key] = lits[0]
        else:
            day, kind = key
            made[key] = m.cp.new_bool_var(f"kind_w{w}_d{day}_{kind}")
            for lit in lits:
                m.cp.add_implication(lit, made[key])
    return made[key]


def _span(data: Compiled, start: int, length: int) -> str:
    if length == 1:
        return f"on {day_of(data, start)}"
    return f"from {day_of(data, start)} to {day_of(data, start + length - 1)}"


class ForbiddenKindSequence(HardRule):
    """Forbidden successions: for each pair (a, b) of session kinds in the policy, no
    session of kind b starts the day after a session of kind a (e.g. no early start
    after a waking night)."""

    flexible_starts = True

    id = "forbidden_kind_sequence"
    label = "kept from that succession of visits"
    title = "Forbidden successions of kinds"

    def pairs(self, data: Compiled) -> list[tuple[str, str]]:
        """The forbidden (first kind, next day's kind) pairs."""
        return [(a, b) for a, b in data.policy.limits.forbidden_kind_sequences]

    def active(self, data: Compiled) -> bool:
        return bool(self.pairs(data))

    def encode(self, m: RotaModel) -> list:
        data = m.data
        pairs = self.pairs(data)
        kinds = {k for pair in pairs for k in pair}
        for w, slots in m.by_worker.items():
            by_day_kind: dict[tuple[int, str], list[Any]] = defaultdict(list)
            for k in slots:
                kind = data.sessions[data.slots[k].session].kind
                if kind in kinds:
                    by_day_kind[(data.slots[k].day, kind)].append(m.x[(w, k)])
            on: dict[tuple[int, str], Any] = {}
            for a, b in pairs:
                for day in range(data.days - 1):
                    if by_day_kind.get((day, a)) and by_day_kind.get((day + 1, b)):
                        first = _works(m, w, (day, a), by_day_kind, on)
                        second = _works(m, w, (day + 1, b), by_day_kind, on)
                        m.cp.add_bool_or([~first, ~second])
        return []

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        pairs = self.pairs(data)
        result = Evaluation(self.id)
        for (w, day), today in sorted(plan.days.items()):
            tomorrow = plan.days.get((w, day + 1))
            if tomorrow is None:
                continue
            before = {data.sessions[data.slots[k].session].kind for k in today.slots}
            after = {data.sessions[data.slots[k].session].kind for k in tomorrow.slots}
            for a, b in pairs:
                if a in before and b in after:
                    result.violations.append(
                        Violation(
                            self.id,
                            f"{worker_name(data, w)} would work a '{b}' session on "
                            f"{day_of(data, day + 1)} after a '{a}' session the day "
                            f"before, which the policy does not allow",
                            (w,),
                        )
                    )
        return result


class MaxConsecutiveDays(HardRule):
    """Most consecutive working days: no run of working days longer than the limit
    (the days before and after the rota count as days off)."""

    flexible_starts = True

    id = "max_consecutive_days"
    label = "at their most days in a row"
    title = "Most working days in a row"

    def active(self, data: Compiled) -> bool:
        return any(w.max_consecutive_days is not None for w in data.workers)

    def encode(self, m: RotaModel) -> list:
        for w in m.by_worker:
            most = m.data.workers[w].max_consecutive_days
            if most is None:
                continue
            worked = worked_literals(m, w)
            for start in range(len(worked) - most):
                window = [
                    lit for lit in worked[start : start + most + 1] if lit is not None
                ]
                if len(window) > most:
                    m.cp.add(lsum(window) <= most)
        return []

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        worked = worked_days(plan)
        for w in worked:
            worker = data.workers[w]
            most = worker.max_consecutive_days
            if most is None:
                continue
            for is_work, start, length in runs(worked[w]):
                if is_work and length > most:
                    result.violations.append(
                        Violation(
                            self.id,
                            f"{worker_name(data, w)} would work {length} days in a "
                            f"row {_span(data, start, length)} (at most {most})",
                            (w,),
                        )
                    )
        return result


def _clause_or_none(literals: list[Any]) -> list[Any] | None:
    """A clause without its constant-false members; None when a member is true."""
    out = []
    for lit in literals:
        if lit is True:
            return None
        if lit is not False:
            out.append(lit)
    return out


class MinConsecutiveDays(HardRule):
    """Fewest consecutive working days: every run of working days at least the limit
    long, except a run touching the first or last day of the rota."""

    flexible_starts = True

    id = "min_consecutive_days"
    label = "short of their fewest days in a row"
    title = "Fewest working days in a row"
    lower_bound = True
    """A partial rota may break it until more work is added (see docs/rules.md)."""

    def active(self, data: Compiled) -> bool:
        return any((w.min_consecutive_days or 1) > 1 for w in data.workers)

    def light_exact(self, data: Compiled) -> bool:
        return True  # reads worked days only

    def encode(self, m: RotaModel) -> list:
        for w in m.by_worker:
            if not m.keeps_minimums(w):
                continue
            least = m.data.workers[w].min_consecutive_days or 1
            worked = worked_literals(m, w)
            days = len(worked)
            for first in range(1, days - 1):
                if worked[first] is None:
                    continue
                for length in range(1, least):
                    after = first + length
                    if after >= days:
                        break
                    if any(lit is None for lit in worked[first:after]):
                        break  # a day off inside: no run of this length starts here
                    # Not (off before, worked first..after-1, off after).
                    clause = _clause_or_none(
                        [_lit(worked[first - 1])]
                        + [_neg(lit) for lit in worked[first:after]]
                        + [_lit(worked[after])]
                    )
                    if clause is not None:
                        m.cp.add_bool_or(clause)
        return []

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        worked = worked_days(plan)
        for w in worked:
            worker = data.workers[w]
            least = worker.min_consecutive_days or 1
            flags = worked[w]
            for is_work, start, length in runs(flags):
                inside = start > 0 and start + length < len(flags)
                if is_work and inside and length < least:
                    result.violations.append(
                        Violation(
                            self.id,
                            f"{worker_name(data, w)} would work only {length} "
                            f"day(s) in a row {_span(data, start, length)} "
                            f"(at least {least})",
                            (w,),
                        )
                    )
        return result


class MinConsecutiveDaysOff(HardRule):
    """Fewest consecutive days off: every run of days off between two working days
    at least the limit long (a run touching the first or last day is exempt)."""

    flexible_starts = True

    id = "min_consecutive_days_off"
    label = "short of their days off in a row"
    title = "Fewest days off in a row"
    lower_bound = True
    """A partial rota may break it until more work is added (see docs/rules.md)."""

    def active(self, data: Compiled) -> bool:
        return any((w.min_consecutive_days_off or 1) > 1 for w in data.workers)

    def light_exact(self, data: Compiled) -> bool:
        return True  # reads worked days only

    def encode(self, m: RotaModel) -> list:
        for w in m.by_worker:
            if not m.keeps_minimums(w):
                continue
            least = m.data.workers[w].min_consecutive_days_off or 1
            worked = worked_literals(m, w)
            days = len(worked)
            for first in range(1, days - 1):
                if worked[first - 1] is None:
                    continue  # no work the day before: no run of days off starts here
                for length in range(1, least):
                    after = first + length
                    if after >= days:
                        break
                    if worked[after] is None:
                        continue
                    # Not (worked before, off first..after-1, worked after).
                    clause = _clause_or_none(
                        [_neg(worked[first - 1])]
                        + [_lit(lit) for lit in worked[first:after]]
                        + [_neg(worked[after])]
                    )
                    if clause is not None:
                        m.cp.add_bool_or(clause)
        return []

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        worked = worked_days(plan)
        for w in worked:
            worker = data.workers[w]
            least = worker.min_consecutive_days_off or 1
            flags = worked[w]
            for is_work, start, length in runs(flags):
                inside = start > 0 and start + length < len(flags)
                if not is_work and inside and length < least:
                    result.violations.append(
                        Violation(
                            self.id,
                            f"{worker_name(data, w)} would have only {length} "
                            f"day(s) off in a row {_span(data, start, length)} "
                            f"(at least {least})",
                            (w,),
                        )
                    )
        return result


def _lit(lit: cp_model.IntVar | None) -> Any:
    """A worked literal for a clause (False when the day cannot be worked)."""
    return False if lit is None else lit


def _neg(lit: cp_model.IntVar | None) -> Any:
    """The negation of a worked literal (True when the day cannot be worked)."""
    return True if lit is None else ~lit
