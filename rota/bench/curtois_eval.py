"""Independent evaluation of a Curtois & Qu roster: hard rules and the objective.

Written from the benchmark's own definition (see docs/benchmarks.md) without any
solver, so that a solver's rosters can be scored by code that shares nothing with it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from .curtois import CurtoisInstance, CurtoisStaff, RosterLike, roster_entries

HARD_RULES = (
    "unknown_reference",
    "one_shift_per_day",
    "cannot_follow",
    "max_shifts",
    "max_total_minutes",
    "min_total_minutes",
    "max_consecutive_shifts",
    "min_consecutive_shifts",
    "min_consecutive_days_off",
    "max_weekends",
    "days_off",
)
"""Stable ids of the hard rules; every violation message starts with one and ':'."""

OBJECTIVE_TERMS = (
    "shift_on_requests",
    "shift_off_requests",
    "cover_under",
    "cover_over",
)
"""Stable ids of the objective's terms, the keys of ``CurtoisScore.breakdown``."""


@dataclass(frozen=True)
class CurtoisScore:
    """The benchmark's objective, its terms and every hard rule the roster breaks.

    Attributes
    ----------
    objective
        Sum of the terms in ``breakdown``: the benchmark's penalty, lower is better.
    breakdown
        Penalty by term id (see ``OBJECTIVE_TERMS``).
    hard_violations
        One message per breach, each starting with its rule id (see ``HARD_RULES``).
    """

    objective: int
    breakdown: Mapping[str, int]
    hard_violations: list[str] = field(default_factory=list)

    @property
    def feasible(self) -> bool:
        """True when no hard rule is broken."""
        return not self.hard_violations

    def violations_of(self, rule: str) -> list[str]:
        """The violation messages of one hard rule."""
        return [v for v in self.hard_violations if v.startswith(f"{rule}:")]


def _runs(worked: list[bool]) -> list[tuple[bool, int, int]]:
    """Maximal runs of equal values as (value, first day, length)."""
    runs: list[tuple[bool, int, int]] = []
    start = 0
    for day in range(1, len(worked) + 1):
        if day == len(worked) or worked[day] != worked[start]:
            runs.append((worked[start], start, day - start))
            start = day
    return runs


def _employee_violations(
    instance: CurtoisInstance,
    person: CurtoisStaff,
    days: Mapping[int, list[str]],
) -> list[str]:
    """Every hard rule one employee's days break, in ``HARD_RULES`` order."""
    out: list[str] = []
    who = f"employee {person.id}"
    shifts = instance.shift_by_id
    horizon = instance.horizon
    for day in sorted(days):
        if len(days[day]) > 1:
            worked = ", ".join(days[day])
            out.append(f"one_shift_per_day: {who} has {worked} on day {day}")
    for day in sorted(days):
        for first in days[day]:
            for second in days.get(day + 1, ()):
                if second in shifts[first].cannot_follow:
                    out.append(
                        f"cannot_follow: {who} works {second} on day {day + 1} "
                        f"after {first} on day {day}"
                    )
    counts = Counter(s for worked in days.values() for s in worked)
    for sid, limit in person.max_shifts.items():
        if counts[sid] > limit:
            out.append(
                f"max_shifts: {who} works {sid} {counts[sid]} times (max {limit})"
            )
    minutes = sum(shifts[s].minutes * n for s, n in counts.items())
    if minutes > person.max_total_minutes:
        out.append(
            f"max_total_minutes: {who} works {minutes} minutes "
            f"(max {person.max_total_minutes})"
        )
    if minutes < person.min_total_minutes:
        out.append(
            f"min_total_minutes: {who} works {minutes} minutes "
            f"(min {person.min_total_minutes})"
        )
    out.extend(_run_violations(person, [d in days for d in range(horizon)]))
    weekends = [
        w
        for w in range((horizon + 1) // 7)
        if any(d in days for d in (7 * w + 5, 7 * w + 6) if d < horizon)
    ]
    if len(weekends) > person.max_weekends:
        out.append(
            f"max_weekends: {who} works {len(weekends)} weekends "
            f"(max {person.max_weekends}): weeks {', '.join(map(str, weekends))}"
        )
    for day in sorted(instance.days_off.get(person.id, frozenset()) & days.keys()):
        out.append(f"days_off: {who} works on day {day}, a day off")
    return out


def _run_violations(person: CurtoisStaff, worked: list[bool]) -> list[str]:
    """Consecutive-day rules, with the benchmark's treatment of the horizon ends.

    Before and after the horizon the employee is taken to be off for the maximum
    rule, while a block touching either end is exempt from both minimum rules
    (an unbounded run is assumed beyond the horizon).
    """
    out: list[str] = []
    who = f"employee {person.id}"
    last = len(worked) - 1
    for is_work, start, length in _runs(worked):
        span = f"days {start}-{start + length - 1}"
        inside = start > 0 and start + length - 1 < last
        if is_work and length > person.max_consecutive_shifts:
            out.append(
                f"max_consecutive_shifts: {who} works {length} days in a row, {span} "
                f"(max {person.max_consecutive_shifts})"
            )
        if is_work and inside and length < person.min_consecutive_shifts:
            out.append(
                f"min_consecutive_shifts: {who} works only {length} days in a row, "
                f"{span} (min {person.min_consecutive_shifts})"
            )
        if not is_work and inside and length < person.min_consecutive_days_off:
            out.append(
                f"min_consecutive_days_off: {who} has only {length} days off in a row, "
                f"{span} (min {person.min_consecutive_days_off})"
            )
    return out


def evaluate_curtois(instance: CurtoisInstance, roster: RosterLike) -> CurtoisScore:
    """Score a roster by the benchmark's definition and list its hard violations.

    Parameters
    ----------
    instance
        The instance the roster is for.
    roster
        A mapping ``(employee, day) -> shift id`` (absent = day off), or rows of
        ``(employee, day, shift)``, which may hold two shifts for one day.

    Returns
    -------
    CurtoisScore
        ``objective`` = on-request weights not honoured + off-request weights not
        honoured + WeightUnder per missing and WeightOver per surplus employee on
        each covered (day, shift); ``hard_violations`` names every broken rule.
        Rows naming an unknown employee, shift or day are reported under
        ``unknown_reference`` and otherwise ignored.
    """
    violations: list[str] = []
    staff = instance.staff_by_id
    shifts = instance.shift_by_id
    worked: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for entry in roster_entries(roster):
        employee, day, shift = entry
        problems = [
            f"unknown employee {employee!r}" if employee not in staff else "",
            f"unknown shift {shift!r}" if shift not in shifts else "",
            f"day {day} outside 0..{instance.horizon - 1}"
            if not 0 <= day < instance.horizon
            else "",
        ]
        if any(problems):
            detail = "; ".join(p for p in problems if p)
            violations.append(f"unknown_reference: row {tuple(entry)}: {detail}")
            continue
        worked[employee][day].append(shift)

    for person in instance.staff:
        violations.extend(_employee_violations(instance, person, worked[person.id]))

    def works(employee: str, day: int, shift: str) -> bool:
        return shift in worked[employee].get(day, ())

    breakdown = dict.fromkeys(OBJECTIVE_TERMS, 0)
    for request in instance.on_requests:
        if not works(request.employee, request.day, request.shift):
            breakdown["shift_on_requests"] += request.weight
    for request in instance.off_requests:
        if works(request.employee, request.day, request.shift):
            breakdown["shift_off_requests"] += request.weight
    assigned = Counter(
        (day, shift)
        for days in worked.values()
        for day, on_day in days.items()
        for shift in on_day
    )
    for cover in instance.cover:
        count = assigned[(cover.day, cover.shift)]
        breakdown["cover_under"] += cover.weight_under * max(
            0, cover.requirement - count
        )
        breakdown["cover_over"] += cover.weight_over * max(0, count - cover.requirement)
    return CurtoisScore(sum(breakdown.values()), breakdown, violations)
