"""Plausibility: legal values that cannot be what the office meant.

A date typed as 2030 among a week of 2026 sessions would silently make the rota
four years long; a 20-hour overnight session is usually an end time typed wrong;
an availability window dated outside the rota is never used. The first is an error
(the horizon is longer than the policy allows), the others are warnings. Dates
themselves are bounded by the cell parser (:data:`.cells.FIRST_YEAR`), so the
arithmetic here never overflows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from ..model import Horizon, Problem, Session
from ..policy import Policy
from .issues import DataIssue, error, warning

RowOf = Callable[[str, int], int]


def _monday(date: dt.date) -> dt.date:
    return date - dt.timedelta(days=date.weekday())


def _weeks_spanned(first: dt.date, last: dt.date) -> int:
    return -(-((last - _monday(first)).days + 1) // 7)


def _bulk(dates: list[dt.date], weeks: int) -> tuple[dt.date, dt.date]:
    """The ``weeks`` from a Monday that hold the most sessions (earliest on a tie)."""
    ordered = sorted(dates)
    best: tuple[int, dt.date] = (-1, _monday(ordered[0]))
    for first in sorted({_monday(d) for d in ordered}):
        end = first + dt.timedelta(days=7 * weeks)
        count = sum(1 for d in ordered if first <= d < end)
        if count > best[0]:
            best = (count, first)
    return best[1], best[1] + dt.timedelta(days=7 * weeks - 1)


def horizon_issues(
    sessions: Sequence[Session],
    rows: Sequence[int],
    *,
    horizon: Horizon | None,
    policy: Policy,
    source: str,
) -> list[DataIssue]:
    """Errors when the rota would be longer than ``limits.max_horizon_weeks``.

    Parameters
    ----------
    sessions, rows
        The sessions that parsed and the source row of each.
    horizon
        The rota period asked for, or None to take it from the sessions' dates.
    policy
        Supplies ``limits.max_horizon_weeks``.
    source
        What to call the data when the horizon asked for is itself too long.

    Returns
    -------
    list[DataIssue]
        One error per session far from the bulk of the others (the weeks from a
        Monday holding most sessions), naming its date; or one error about the
        horizon asked for.
    """
    most = policy.limits.max_horizon_weeks
    if horizon is not None:
        if horizon.weeks <= most:
            return []
        message = (
            f"the rota asked for is {horizon.days} days, longer than the policy's "
            f"limits.max_horizon_weeks ({most} weeks)"
        )
        return [error(source, None, None, message)]
    dates = [s.date for s in sessions]
    if not dates or _weeks_spanned(min(dates), max(dates)) <= most:
        return []
    first, last = _bulk(dates, most)
    kept = [d for d in dates if first <= d <= last]
    spanned = _weeks_spanned(min(dates), max(dates))
    issues = []
    for session, row in zip(sessions, rows, strict=True):
        if first <= session.date <= last:
            continue
        message = (
            f"'{session.date.isoformat()}' is far from the other sessions "
            f"({min(kept).isoformat()} to {max(kept).isoformat()}): the rota would span "
            f"{spanned} weeks, more than the policy's limits.max_horizon_weeks "
            f"({most}); is the year or month mistyped?"
        )
        issues.append(error("sessions.csv", row, "date", message))
    return issues


def _long_sessions(problem: Problem, policy: Policy, row: RowOf) -> list[DataIssue]:
    longest = round(policy.limits.longest_session_hours * 60)
    out = []
    for i, s in enumerate(problem.sessions):
        begin, end = problem.period.interval(s.date, s.start, s.end)
        if end - begin <= longest:
            continue
        night = " (an end before the start is the next day)" if s.end < s.start else ""
        message = (
            f"{s.start:%H:%M}-{s.end:%H:%M} is {(end - begin) / 60:g} hours"
            f"{night}, longer than the policy's longest session "
            f"({policy.limits.longest_session_hours:g} hours): is the end mistyped?"
        )
        out.append(warning("sessions.csv", row("sessions.csv", i), "end", message))
    return out


def _dated_outside(problem: Problem, row: RowOf) -> list[DataIssue]:
    period = problem.period
    first, last = period.start, period.date_of(period.days - 1)
    found: list[tuple[str, int, dt.date | None]] = []
    found += [
        ("availability.csv", i, w.date) for i, w in enumerate(problem.availability)
    ]
    found += [
        ("published_rota.csv", i, p.date) for i, p in enumerate(problem.published)
    ]
    found += [("agreements.csv", i, a.date) for i, a in enumerate(problem.agreements)]
    out = []
    for file, index, date in found:
        if date is None or first <= date <= last:
            continue
        message = (
            f"{date.isoformat()} is outside the rota's dates ({first.isoformat()} "
            f"to {last.isoformat()}), so this row is not used"
        )
        out.append(warning(file, row(file, index), "date", message))
    return out


def plausibility_warnings(
    problem: Problem, policy: Policy, row: RowOf
) -> list[DataIssue]:
    """Sessions longer than ``limits.longest_session_hours``, and availability,
    published and agreement rows dated outside the rota."""
    return _long_sessions(problem, policy, row) + _dated_outside(problem, row)
