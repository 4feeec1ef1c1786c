"""Working Time Regulations defaults: daily rest, weekly rest, breaks, day span."""

from __future__ import annotations

import bisect
from typing import Any

from ..model.time import MINUTES_PER_DAY
from ..solver.data import Compiled
from ..solver.model import DayRoute, RotaModel, lsum
from ..solver.plan import Plan, WorkerDay
from .base import Evaluation, HardRule, Violation, hours
from .text import clock, day_of, worker_name


class DailyRest(HardRule):
    """Daily rest: the policy's hours (11) between one working day's last session and
    the next day's first."""

    flexible_starts = True

    id = "daily_rest"
    label = "short of rest between days"
    title = "Rest between working days"

    def minutes(self, data: Compiled) -> int:
        """The rest required, in minutes."""
        return round(data.policy.limits.min_rest_hours * 60)

    def active(self, data: Compiled) -> bool:
        return self.minutes(data) > 0

    def encode(self, m: RotaModel) -> list:
        rest = self.minutes(m.data)
        for (w, day), route in m.routes.items():
            nxt = m.routes.get((w, day + 1))
            if nxt is None:
                continue
            latest_end = max(m.data.slots[k].latest_end for k in route.slots)
            earliest_start = min(m.data.slots[k].start for k in nxt.slots)
            if earliest_start - latest_end >= rest:
                continue
            m.cp.add(m.first_start(nxt) - m.last_end(route) >= rest).only_enforce_if(
                [route.worked, nxt.worked]
            )
        return []

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        rest = self.minutes(data)
        result = Evaluation(self.id)
        for (w, day), today in sorted(plan.days.items()):
            tomorrow = plan.days.get((w, day + 1))
            if tomorrow is None:
                continue
            gap = tomorrow.first_start - today.last_end
            if gap < rest:
                result.violations.append(
                    Violation(
                        self.id,
                        f"{worker_name(data, w)} would have only {hours(gap)} hours' rest "
                        f"after {day_of(data, day)} (ends {clock(data, today.last_end)}, "
                        f"next starts {clock(data, tomorrow.first_start)}; "
                        f"{hours(rest)} needed)",
                        (w,),
                    )
                )
        return result


class DaySpan(HardRule):
    """Day span: first start to last end of a working day within the policy's limit
    (13 hours follows from 11 hours' rest in each 24)."""

    flexible_starts = True

    id = "max_day_span"
    label = "at their longest working day"
    title = "Length of the working day"

    def cap(self, data: Compiled) -> int:
        """The span limit in minutes."""
        return round(data.policy.limits.max_day_span_hours * 60)

    def admits(self, data: Compiled, worker: int, slot: int) -> str | None:
        k = data.slots[slot]
        if k.duration > self.cap(data):
            return f"the session is longer than a {hours(self.cap(data))}-hour day"
        return None

    def encode(self, m: RotaModel) -> list:
        cap = self.cap(m.data)
        for route in m.routes.values():
            slots = [m.data.slots[k] for k in route.slots]
            if max(k.latest_end for k in slots) - min(k.start for k in slots) > cap:
                m.cp.add(m.last_end(route) - m.first_start(route) <= cap)
        return []

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        cap = self.cap(data)
        result = Evaluation(self.id)
        for day in plan.days.values():
            length = day.last_end - day.first_start
            if length > cap:
                result.violations.append(
                    Violation(
                        self.id,
                        f"{worker_name(data, day.worker)}'s {day_of(data, day.day)} would "
                        f"span {hours(length)} hours (limit {hours(cap)})",
                        (day.worker,),
                    )
                )
        return result


def rest_blocks(days: int) -> list[tuple[range, int]]:
    """(days, free days needed): 1 in each week, or 2 per fortnight when longer."""
    blocks: list[tuple[range, int]] = []
    size, need = (14, 2) if days >= 14 else (7, 1)
    start = 0
    while start + size <= days:
        blocks.append((range(start, start + size), need))
        start += size
    if size == 14 and start + 7 <= days:
        blocks.append((range(start, start + 7), 1))
    return blocks


def _touches(start: int, end: int, day: int) -> bool:
    return start < (day + 1) * MINUTES_PER_DAY and day * MINUTES_PER_DAY < end


class WeeklyRest(HardRule):
    """Weekly rest: a whole free calendar day in each week (two in each fortnight for
    longer rotas), which gives the 24 (48) hours' uninterrupted rest the WTR require."""

    id = "weekly_rest"
    label = "without a day off"
    title = "Weekly rest"
    flexible_starts = True
    """A slot with a start variable ends within its day whatever its start, so the
    days it touches are fixed."""

    def active(self, data: Compiled) -> bool:
        return data.policy.limits.weekly_rest

    def encode(self, m: RotaModel) -> list:
        data = m.data
        for w, slots in m.by_worker.items():
            for block, need in rest_blocks(data.days):
                touching = {
                    d: [
                        k
                        for k in slots
                        if _touches(data.slots[k].start, data.slots[k].end, d)
                    ]
                    for d in block
                }
                if sum(1 for d in block if not touching[d]) >= need:
                    continue
                free: list[Any] = []
                for d in block:
                    if not touching[d]:
                        free.append(1)
                        continue
                    lit = m.cp.new_bool_var(f"free_w{w}_d{d}")
                    for k in touching[d]:
                        m.cp.add_implication(lit, ~m.x[(w, k)])
                    free.append(lit)
                m.cp.add(lsum(free) >= need)
        return []

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        for w, slots in plan.by_worker.items():
            for block, need in rest_blocks(data.days):
                free = [
                    d
                    for d in block
                    if not any(
                        _touches(data.slots[k].start, data.slots[k].end, d)
                        for k in slots
                    )
                ]
                if len(free) < need:
                    result.violations.append(
                        Violation(
                            self.id,
                            f"{worker_name(data, w)} would have {len(free)} free day(s) "
                            f"from {day_of(data, block[0])} to {day_of(data, block[-1])} "
                            f"({need} needed)",
                            (w,),
                        )
                    )
        return result


def _tight(data: Compiled, worker: int, a: int, b: int) -> bool:
    """No room for a break between slots a and b."""
    minutes = data.slot_journey(worker, a, b)
    gap = data.slots[b].start - data.slots[a].end - minutes
    return gap < data.policy.limits.break_minutes


def runs(data: Compiled, day: WorkerDay) -> list[list[int]]:
    """The day's runs of sessions with no room for a break between them."""
    out: list[list[int]] = []
    for k in day.slots:
        if out and _tight(data, day.worker, out[-1][-1], k):
            out[-1].append(k)
        else:
            out.append([k])
    return out


class RestBreak(HardRule):
    """Rest break: no run of back-to-back sessions longer than the policy's hours (6)
    without a break of its minutes (20). A single session that long is taken to
    include its own break."""

    id = "rest_break"
    label = "without a break"
    title = "Breaks in long runs of work"

    def active(self, data: Compiled) -> bool:
        return data.policy.limits.break_minutes > 0

    def limit(self, data: Compiled) -> int:
        """Longest run without a break, in minutes."""
        return round(data.policy.limits.break_after_hours * 60)

    flexible_starts = True

    def encode(self, m: RotaModel) -> list:
        data = m.data
        limit = self.limit(data)
        for route in m.routes.values():
            w = route.worker
            if any(k in m.starts for k in route.slots):
                _moving_runs(m, route, limit, data.policy.limits.break_minutes)
                continue
            tight = {ab: lit for ab, lit in route.arcs.items() if _tight(data, w, *ab)}
            if not tight:
                continue
            starts: dict[int, Any] = {}
            for k in route.slots:
                if any(b == k for (_, b) in tight):
                    starts[k] = m.cp.new_int_var(
                        0, data.slots[k].start, f"run_w{w}_k{k}"
                    )
                else:
                    starts[k] = data.slots[k].start
            for (a, b), lit in route.arcs.items():
                if not isinstance(starts[b], int):
                    if (a, b) in tight:
                        m.cp.add(starts[b] == starts[a]).only_enforce_if(lit)
                        m.cp.add(
                            data.slots[b].end - starts[a] <= limit
                        ).only_enforce_if(lit)
                    else:
                        m.cp.add(starts[b] == data.slots[b].start).only_enforce_if(lit)
                elif (a, b) in tight:
                    m.cp.add(data.slots[b].end - starts[a] <= limit).only_enforce_if(
                        lit
                    )
            for k, lit in route.first.items():
                if not isinstance(starts[k], int):
                    m.cp.add(starts[k] == data.slots[k].start).only_enforce_if(lit)
        return []

    def relax(self, m: RotaModel) -> None:
        # Without circuits (no arcs to follow): two worked visits of a day further
        # apart than the limit need a clear stretch of the break's minutes between
        # them. Journeys are left out, so this is never tighter than the rule; a run
        # made tight only by a journey is the coverage phase's to cut.
        limit = self.limit(m.data)
        for route in m.routes.values():
            _light_breaks(m, route, limit, m.data.policy.limits.break_minutes)

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        limit = self.limit(data)
        result = Evaluation(self.id)
        for day in plan.days.values():
            for run in runs(data, day):
                length = data.slots[run[-1]].end - data.slots[run[0]].start
                if len(run) > 1 and length > limit:
                    result.violations.append(
                        Violation(
                            self.id,
                            f"{worker_name(data, day.worker)} would work {hours(length)} "
                            f"hours without a {data.policy.limits.break_minutes}-minute "
                            f"break on {day_of(data, day.day)} "
                            f"from {clock(data, data.slots[run[0]].start)}",
                            (day.worker,),
                        )
                    )
        return result


def _moving_runs(m: RotaModel, route: DayRoute, limit: int, rest: int) -> None:
    """Rest breaks on a day route where some start is a variable: ``run[k]`` is the
    start of the run visit ``k`` is in. On an arc whose gap (start of the second,
    less the first's end and the journey) is under ``rest`` the run goes on and
    must end within ``limit`` of its start; otherwise a new run starts."""
    data = m.data
    w = route.worker
    run = {
        k: m.cp.new_int_var(0, data.slots[k].latest_start, f"run_w{w}_k{k}")
        for k in route.slots
    }
    for k, lit in route.first.items():
        m.cp.add(run[k] == m.start_of(k)).only_enforce_if(lit)
    for (a, b), lit in route.arcs.items():
        ka, kb = data.slots[a], data.slots[b]
        journey = data.slot_journey(w, a, b)
        least = kb.start - ka.latest_end - journey
        most = kb.latest_start - ka.end - journey
        if least >= rest:  # never tight: b starts a run
            m.cp.add(run[b] == m.start_of(b)).only_enforce_if(lit)
            continue
        tight: Any = lit
        if most >= rest:  # tight for some starts only
            tight = m.cp.new_bool_var(f"tight_w{w}_k{a}_k{b}")
            m.cp.add_implication(tight, lit)
            gap = m.start_of(b) - m.end_of(a) - journey
            m.cp.add(gap <= rest - 1).only_enforce_if(tight)
            m.cp.add(gap >= rest).only_enforce_if([lit, ~tight])
            m.cp.add(run[b] == m.start_of(b)).only_enforce_if([lit, ~tight])
        m.cp.add(run[b] == run[a]).only_enforce_if(tight)
        m.cp.add(m.end_of(b) - run[a] <= limit).only_enforce_if(tight)


def _light_breaks(m: RotaModel, route: DayRoute, limit: int, rest: int) -> None:
    """On a light model: for each two of the day's visits a run may not hold
    (the second ends more than ``limit`` after the first starts), not both worked
    unless ``rest`` minutes between them are clear of the worker's visits.

    Only pairs whose second starts within ``limit + rest`` of the first are needed:
    a run too long has a first visit ending past the limit, and it starts less than
    ``rest`` after the visit before it, which ended within the limit."""
    w = route.worker
    slots = [m.data.slots[k] for k in route.slots]  # in start order
    ends = sorted({k.end for k in slots})
    clear: dict[int, Any] = {}

    def clear_from(t: int) -> Any:
        """A literal: none of the day's visits is worked between t and t + rest."""
        if t not in clear:
            lit = m.cp.new_bool_var(f"break_w{w}_t{t}")
            for k in slots:
                if k.start < t + rest and k.end > t:
                    m.cp.add_implication(lit, ~m.x[(w, k.index)])
            clear[t] = lit
        return clear[t]

    for i, a in enumerate(slots):
        for b in slots[i + 1 :]:
            if b.start - a.start >= limit + rest:
                break
            if b.start < a.end or b.end - a.start <= limit or b.session == a.session:
                continue
            first = bisect.bisect_left(ends, a.end)
            last = bisect.bisect_right(ends, b.start - rest)
            breaks = [clear_from(t) for t in ends[first:last]]
            m.cp.add_bool_or([~m.x[(w, a.index)], ~m.x[(w, b.index)], *breaks])
