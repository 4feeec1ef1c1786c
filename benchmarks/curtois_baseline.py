"""A plain CP-SAT model of a Curtois & Qu instance, to measure rota's engine against.

The model a practitioner writes first, straight from the benchmark's definition
(docs/benchmarks.md and ``rota.bench.curtois_eval``). Of rota it uses only the
instance reader and the evaluator, nothing of the engine or its mapping:

- one boolean per employee, day and shift type, and none on the employee's days
  off or for a shift type their MaxShifts sets to 0;
- one "works that day" boolean per employee and day, exactly one of it negated
  and the day's shift booleans holding (so at most one shift a day);
- CannotFollow as clauses: a shift on day d rules out each of its forbidden
  successors on day d+1 (nothing before day 0 or after the last day);
- MaxShifts per shift type and Min/MaxTotalMinutes as linear sums;
- MaxConsecutiveShifts as a sliding window: at most that many worked days in
  every window one day longer (the days outside the horizon count as off, so a
  block at either end counts in full, as the evaluator has it);
- MinConsecutiveShifts and MinConsecutiveDaysOff as forbidden short patterns
  (off, 1..k-1 worked days, off; and worked, 1..k-1 days off, worked), only for
  blocks with a day of the other kind on both sides inside the horizon: a block
  touching day 0 or the last day is exempt, as the evaluator has it;
- MaxWeekends with one worked-weekend literal per weekend (days 7w+5 and 7w+6,
  weekends w < (horizon + 1) // 7, as the evaluator counts them), implied by
  each of its worked days;
- the objective exactly as the evaluator scores it: every on-request's weight
  when that shift is not worked, every off-request's weight when it is, and per
  cover row WeightUnder per employee missing and WeightOver per employee over
  (the shortfall and surplus are slack variables of ``count + under - over =
  requirement``). The model's optimum and bound are therefore in the
  benchmark's units, and its bound is a valid lower bound on the benchmark.

It has no hint, no symmetry breaking, no redundant constraint, no decomposition
and no search strategy: CP-SAT's defaults, with ``num_workers`` and
``random_seed`` fixed. The objective reported is ``evaluate_curtois``'s score of
the roster, never the solver's value (the two agree; the tests check it).

Usage (one instance, one JSON line on stdout, the fields of ``rota bench
curtois``)::

    python benchmarks/curtois_baseline.py PATH [--time-limit 60] [--workers 2]
        [--seed 0] [--out ROSTER_CSV]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ortools.sat.python import cp_model
from ortools.sat.python.cp_model import LinearExpr

from rota.bench import (
    CurtoisFormatError,
    CurtoisInstance,
    CurtoisStaff,
    RosterEntry,
    evaluate_curtois,
    read_curtois,
    write_roster_csv,
)

Key = tuple[str, int, str]
"""(employee id, day, shift id)."""
Day = tuple[int, str]
"""(day, shift id), for one employee."""

FOUND = (cp_model.OPTIMAL, cp_model.FEASIBLE)

RESERVE = 0.3
"""Seconds of the time limit kept for reading the roster back and scoring it..."""
RESERVE_PER_VARIABLE = 4e-6
"""...plus this many per shift boolean (about 4 s more on Instance24: with 2 µs
the call ended 1.6 s past a 60 s limit there)."""
PRESOLVE_MAX_SHIFTS = 500_000
"""Models with more shift booleans are searched without CP-SAT's presolve, which
does not stop at the time limit on them: on Instance24 (1.04 million booleans,
9.7 million clauses) presolve alone ran 6 s past CP-SAT's 29 s, and the call took
63.8 s for a 60 s limit (70.8 s in another run); without presolve CP-SAT kept to
within 1.2 s of its limit and the call took 58.9 s (57.2 s with the reserve above)."""


@dataclass
class PlainModel:
    """The CP-SAT model and the shift booleans a roster is read from."""

    cp: cp_model.CpModel
    shifts: dict[Key, Any]


def shift_vars(
    cp: cp_model.CpModel, instance: CurtoisInstance, person: CurtoisStaff
) -> dict[Day, Any]:
    """One boolean per (day, shift type) the employee may work at all: not on a
    day off, not a shift type their MaxShifts sets to 0."""
    off = instance.days_off.get(person.id, frozenset())
    allowed = [s.id for s in instance.shifts if person.max_shifts.get(s.id) != 0]
    return {
        (day, sid): cp.new_bool_var(f"x_{person.id}_{day}_{sid}")
        for day in range(instance.horizon)
        if day not in off
        for sid in allowed
    }


def worked_days(
    cp: cp_model.CpModel,
    instance: CurtoisInstance,
    person: CurtoisStaff,
    mine: dict[Day, Any],
) -> list[Any]:
    """The employee's "works that day" booleans, day by day; exactly one of its
    negation and the day's shift booleans holds."""
    days = []
    for day in range(instance.horizon):
        works = cp.new_bool_var(f"w_{person.id}_{day}")
        shifts = [mine[k] for s in instance.shifts if (k := (day, s.id)) in mine]
        cp.add_exactly_one([*shifts, ~works])
        days.append(works)
    return days


def add_successions(
    cp: cp_model.CpModel, instance: CurtoisInstance, mine: dict[Day, Any]
) -> None:
    """CannotFollow: shift s on day d forbids every shift in CannotFollow(s) on
    day d+1 (one clause per pair, posted as one implication per shift and day)."""
    for shift in instance.shifts:
        blocked = sorted(shift.cannot_follow)
        for day in range(instance.horizon - 1):
            first = mine.get((day, shift.id))
            nexts = [mine[k] for sid in blocked if (k := (day + 1, sid)) in mine]
            if first is not None and nexts:
                cp.add_bool_and([~n for n in nexts]).only_enforce_if(first)


def add_totals(
    cp: cp_model.CpModel,
    instance: CurtoisInstance,
    person: CurtoisStaff,
    mine: dict[Day, Any],
) -> None:
    """MaxShifts per shift type, and total minutes within [min, max]."""
    by_kind: dict[str, list[Any]] = {}
    for (_, sid), var in mine.items():
        by_kind.setdefault(sid, []).append(var)
    for sid, limit in person.max_shifts.items():
        of_kind = by_kind.get(sid, [])
        if limit < len(of_kind):
            cp.add(LinearExpr.sum(of_kind) <= limit)
    length = {s.id: s.minutes for s in instance.shifts}
    keys = list(mine)
    total = LinearExpr.weighted_sum(
        [mine[k] for k in keys], [length[s] for _, s in keys]
    )
    if person.min_total_minutes > 0:
        cp.add(total >= person.min_total_minutes)
    if person.max_total_minutes < sum(length[s] for _, s in keys):
        cp.add(total <= person.max_total_minutes)


def add_max_run(cp: cp_model.CpModel, days: Sequence[Any], longest: int) -> None:
    """At most ``longest`` worked days in every window of ``longest + 1`` days."""
    for start in range(len(days) - longest):
        cp.add(LinearExpr.sum(days[start : start + longest + 1]) <= longest)


def forbid_short_blocks(
    cp: cp_model.CpModel, days: Sequence[Any], shortest: int, worked: bool
) -> None:
    """No block of 1..shortest-1 worked (or off) days with a day of the other kind
    on both sides inside the horizon; blocks touching either end are exempt."""

    def same(day: int) -> Any:
        return days[day] if worked else ~days[day]

    last = len(days) - 1
    for length in range(1, shortest):
        for start in range(1, last - length + 1):
            block = range(start, start + length)
            # Not (other kind, the block, other kind): one clause.
            cp.add_bool_or(
                [same(start - 1), *(~same(d) for d in block), same(start + length)]
            )


def add_weekends(
    cp: cp_model.CpModel, person: CurtoisStaff, days: Sequence[Any]
) -> None:
    """At most MaxWeekends weekends worked; weekend w (days 7w+5 and 7w+6 within
    the horizon, w < (horizon + 1) // 7) is worked if either day is."""
    horizon = len(days)
    weekends = [
        [d for d in (7 * w + 5, 7 * w + 6) if d < horizon]
        for w in range((horizon + 1) // 7)
    ]
    if len(weekends) <= person.max_weekends:
        return
    worked = []
    for w, weekend in enumerate(weekends):
        literal = cp.new_bool_var(f"weekend_{person.id}_{w}")
        for d in weekend:
            cp.add_implication(days[d], literal)
        worked.append(literal)
    cp.add(LinearExpr.sum(worked) <= person.max_weekends)


def objective(
    cp: cp_model.CpModel, instance: CurtoisInstance, x: dict[Key, Any]
) -> Any:
    """The benchmark's objective over the shift booleans (constant terms included)."""
    variables: list[Any] = []
    weights: list[int] = []
    constant = 0
    for request in instance.on_requests:
        constant += request.weight
        var = x.get((request.employee, request.day, request.shift))
        if var is not None:
            variables.append(var)
            weights.append(-request.weight)
    for request in instance.off_requests:
        var = x.get((request.employee, request.day, request.shift))
        if var is not None:
            variables.append(var)
            weights.append(request.weight)
    on_shift: dict[tuple[int, str], list[Any]] = {}
    for (_, day, sid), var in x.items():
        on_shift.setdefault((day, sid), []).append(var)
    for n, cover in enumerate(instance.cover):
        staff = on_shift.get((cover.day, cover.shift), [])
        need = cover.requirement
        under = cp.new_int_var(0, max(0, need), f"under_{n}")
        over = cp.new_int_var(0, max(0, len(staff) - need), f"over_{n}")
        cp.add(LinearExpr.sum(staff) + under - over == need)
        variables += [under, over]
        weights += [cover.weight_under, cover.weight_over]
    return LinearExpr.weighted_sum(variables, weights) + constant


def build_model(
    instance: CurtoisInstance, deadline: float | None = None
) -> PlainModel | None:
    """Every hard rule and the objective, as the module docstring lists them;
    None when ``time.perf_counter()`` passes ``deadline`` before it is done."""
    cp = cp_model.CpModel()
    x: dict[Key, Any] = {}
    for person in instance.staff:
        if deadline is not None and time.perf_counter() > deadline:
            return None
        mine = shift_vars(cp, instance, person)
        x.update({(person.id, day, sid): var for (day, sid), var in mine.items()})
        days = worked_days(cp, instance, person, mine)
        add_successions(cp, instance, mine)
        add_totals(cp, instance, person, mine)
        add_max_run(cp, days, person.max_consecutive_shifts)
        forbid_short_blocks(cp, days, person.min_consecutive_shifts, worked=True)
        forbid_short_blocks(cp, days, person.min_consecutive_days_off, worked=False)
        add_weekends(cp, person, days)
    cp.minimize(objective(cp, instance, x))
    return PlainModel(cp, x)


def whole(bound: float) -> int | None:
    """CP-SAT's bound as a whole number of points (None when infinite).

    Every coefficient of the objective is a whole number, so its optimum is too and
    the bound may be rounded up; CP-SAT's float offset can leave it at 4.9999...
    """
    return math.ceil(bound - 1e-6) if math.isfinite(bound) else None


def solve_plain(
    instance: CurtoisInstance, *, time_limit: float, workers: int = 2, seed: int = 0
) -> dict[str, Any]:
    """Build the plain model, solve it and score the roster with the evaluator.

    Parameters
    ----------
    instance
        The instance.
    time_limit
        Seconds for the whole call: building the model, the search, reading the
        roster back and scoring it. CP-SAT gets what building left, less a
        reserve for the rest; with nothing left (or when building alone runs
        out of time, which stops it) CP-SAT is not started and the status is
        UNKNOWN.
    workers, seed
        CP-SAT's ``num_workers`` and ``random_seed``.

    Returns
    -------
    dict
        The fields of ``rota bench curtois``'s JSON line: ``instance``,
        ``objective`` (``evaluate_curtois``'s, None without a roster),
        ``best_bound`` (CP-SAT's bound in benchmark points, a whole number, None
        when it proved none), ``status`` (CP-SAT's), ``wall_seconds``,
        ``hard_violations`` (None without a roster); and, not printed,
        ``solver_objective`` (CP-SAT's own value, None without a roster),
        ``variables`` (shift booleans, None when the model was not finished) and
        ``roster`` (sorted ``RosterEntry`` rows).
    """
    began = time.perf_counter()
    model = build_model(instance, deadline=began + time_limit - RESERVE)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    left = 0.0
    status = cp_model.UNKNOWN
    if model is not None:
        reserve = RESERVE + RESERVE_PER_VARIABLE * len(model.shifts)
        left = time_limit - (time.perf_counter() - began) - reserve
    if model is not None and left > 0:
        solver.parameters.max_time_in_seconds = left
        solver.parameters.cp_model_presolve = len(model.shifts) <= PRESOLVE_MAX_SHIFTS
        status = solver.solve(model.cp)
    found = status in FOUND
    roster: list[RosterEntry] = []
    if model is not None and found:
        values = solver.response_proto.solution
        roster = sorted(
            RosterEntry(*key) for key, var in model.shifts.items() if values[var.index]
        )
    score = evaluate_curtois(instance, roster)
    bound: int | None = None
    if left > 0 and status in (*FOUND, cp_model.UNKNOWN):
        bound = whole(solver.best_objective_bound)
    return {
        "instance": instance.name,
        "objective": score.objective if found else None,
        "best_bound": bound,
        "status": solver.status_name(status),
        "wall_seconds": round(time.perf_counter() - began, 2),
        "hard_violations": len(score.hard_violations) if found else None,
        "solver_objective": round(solver.objective_value) if found else None,
        "variables": None if model is None else len(model.shifts),
        "roster": roster,
    }


PRINTED = (
    "instance",
    "objective",
    "best_bound",
    "status",
    "wall_seconds",
    "hard_violations",
)
"""The fields of the JSON line, those of `rota bench curtois`."""


def main(argv: Sequence[str] | None = None) -> None:
    """Read one instance, solve it with the plain model, print the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="a Curtois & Qu InstanceN.txt file")
    parser.add_argument(
        "--time-limit",
        type=float,
        default=60.0,
        help="seconds for reading, building, search and scoring",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="write the roster as CSV")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    try:
        instance = read_curtois(args.path)
    except (CurtoisFormatError, OSError) as exc:
        print(f"instance: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    row = solve_plain(
        instance,
        time_limit=args.time_limit - (time.perf_counter() - began),
        workers=args.workers,
        seed=args.seed,
    )
    if args.out is not None:
        write_roster_csv(args.out, row["roster"])
    print(json.dumps({key: row[key] for key in PRINTED}), flush=True)


if __name__ == "__main__":
    main()
