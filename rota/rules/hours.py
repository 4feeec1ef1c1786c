"""Working hours: daily cap, weekly maximum (plus agreed overtime), days per week."""

from __future__ import annotations

from ..solver.data import Compiled
from ..solver.model import RotaModel, lsum
from ..solver.plan import Plan
from .base import Evaluation, HardRule, Violation, hours
from .text import day_of, worker_name


def week_of(data: Compiled, day: int) -> int:
    """Index of the 7-day week a day index falls in."""
    return day // 7


class MaxHoursDay(HardRule):
    """Daily cap: paid hours in a working day within the worker's daily maximum."""

    flexible_starts = True

    id = "max_hours_day"
    label = "at their daily maximum"
    title = "Hours per day"

    def admits(self, data: Compiled, worker: int, slot: int) -> str | None:
        k = data.slots[slot]
        cap = data.workers[worker].max_day
        if k.duration > cap:
            return f"the session alone is {hours(k.duration)} hours (daily cap {hours(cap)})"
        return None

    def encode(self, m: RotaModel) -> list:
        for route in m.routes.values():
            m.cp.add(m.paid_minutes(route) <= m.data.workers[route.worker].max_day)
        return []

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        for day in plan.days.values():
            paid = plan.paid_minutes(day)
            cap = data.workers[day.worker].max_day
            if paid > cap:
                result.violations.append(
                    Violation(
                        self.id,
                        f"{worker_name(data, day.worker)} would work {hours(paid)} hours "
                        f"on {day_of(data, day.day)} against a daily cap of {hours(cap)}",
                        (day.worker,),
                    )
                )
        return result


def week_cap(data: Compiled, worker: int) -> int:
    """Weekly maximum in minutes including agreed overtime."""
    return data.workers[worker].max_week + data.overtime_extra.get(worker, 0)


class MaxHoursWeek(HardRule):
    """Weekly maximum: paid hours in each week within max_hours plus agreed overtime."""

    flexible_starts = True

    id = "max_hours_week"
    label = "at their weekly maximum"
    asked_by = "overtime"
    title = "Hours per week"

    def encode(self, m: RotaModel) -> list:
        data = m.data
        for w in m.by_worker:
            weeks: dict[int, list] = {}
            for route in m.worker_routes(w):
                weeks.setdefault(week_of(data, route.day), []).append(
                    m.paid_minutes(route)
                )
            for parts in weeks.values():
                m.cp.add(lsum(parts) <= week_cap(data, w))
        return []

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        totals: dict[tuple[int, int], int] = {}
        for day in plan.days.values():
            key = (day.worker, week_of(data, day.day))
            totals[key] = totals.get(key, 0) + plan.paid_minutes(day)
        for (w, week), paid in sorted(totals.items()):
            cap = week_cap(data, w)
            if paid > cap:
                result.violations.append(
                    Violation(
                        self.id,
                        f"{worker_name(data, w)} would work {hours(paid)} hours in week "
                        f"{week + 1} against a maximum of {hours(cap)}",
                        (w,),
                    )
                )
        return result


class MaxDaysWeek(HardRule):
    """Days per week: working days in each week within the worker's maximum."""

    flexible_starts = True

    id = "max_days_week"
    label = "at their most working days"
    title = "Working days per week"

    def encode(self, m: RotaModel) -> list:
        data = m.data
        for w in m.by_worker:
            weeks: dict[int, list] = {}
            for route in m.worker_routes(w):
                weeks.setdefault(week_of(data, route.day), []).append(route.worked)
            for worked in weeks.values():
                if len(worked) > data.workers[w].max_days:
                    m.cp.add(lsum(worked) <= data.workers[w].max_days)
        return []

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        counts: dict[tuple[int, int], int] = {}
        for day in plan.days.values():
            key = (day.worker, week_of(data, day.day))
            counts[key] = counts.get(key, 0) + 1
        for (w, week), count in sorted(counts.items()):
            cap = data.workers[w].max_days
            if count > cap:
                result.violations.append(
                    Violation(
                        self.id,
                        f"{worker_name(data, w)} would work {count} days in week "
                        f"{week + 1} against a maximum of {cap}",
                        (w,),
                    )
                )
        return result
