"""Names and amounts as the reports put them to people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..model import Problem
from ..model.time import span_text


def worker_name(problem: Problem | None, worker_id: str) -> str:
    """A worker's name from the problem, or the id when the worker is unknown."""
    worker = problem.worker_by_id.get(worker_id) if problem else None
    return worker.name if worker else worker_id


def person_name(problem: Problem | None, user_id: str) -> str:
    """A person's name from the problem, or the id when the person is unknown."""
    user = problem.user_by_id.get(user_id) if problem else None
    return user.name if user else user_id


def names_text(names: Sequence[str]) -> str:
    """'Ann', 'Ann and Bea', 'Ann, Bea and Cal'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def hours_text(hours: float) -> str:
    """'1 hour', '30 hours', '2.5 hours' (to one decimal)."""
    text = f"{round(hours, 1):.1f}".removesuffix(".0")
    return f"{text} hour" if text == "1" else f"{text} hours"


def notice_text(hours: float) -> str:
    """'1 hour's notice', '30 hours' notice'."""
    text = hours_text(hours)
    return f"{text}'s notice" if text.endswith("hour") else f"{text}' notice"


def moved_text(start: dt.datetime, end: dt.datetime, *, since: dt.datetime) -> str:
    """An interval's clock times alone when on the day of ``since``, else in full."""
    if start.date() == since.date():
        return f"{start:%H:%M}-{end:%H:%M}"
    return span_text(start, end)


def duration_text(minutes: int) -> str:
    """'14 min', '1 h', '2 h 15 min'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"
