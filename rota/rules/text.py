"""Plain-language pieces the rules use in their messages."""

from __future__ import annotations

from ..model.time import MINUTES_PER_DAY, day_text, span_text
from ..solver.data import Compiled


def clock(data: Compiled, minute: int) -> str:
    """'HH:MM' of a horizon minute."""
    return data.problem.period.to_datetime(minute).strftime("%H:%M")


def day_name(data: Compiled, minute: int) -> str:
    """Weekday and date of a horizon minute, e.g. 'Tuesday 1 Dec'."""
    return day_text(data.problem.period.to_datetime(minute).date())


def when(data: Compiled, start: int, end: int) -> str:
    """'Tuesday 1 Dec 09:00-10:00'."""
    period = data.problem.period
    return span_text(period.to_datetime(start), period.to_datetime(end))


def slot_text(data: Compiled, slot: int) -> str:
    """A session at a slot's time, e.g. 's12 (Ann) Tuesday 1 Dec 09:00-10:00'."""
    k = data.slots[slot]
    session = data.sessions[k.session]
    person = data.users[session.user].name
    return f"{session.id} ({person}) {when(data, k.start, k.end)}"


def day_of(data: Compiled, day: int) -> str:
    """Weekday and date of a day index."""
    return day_name(data, day * MINUTES_PER_DAY)


def worker_name(data: Compiled, worker: int) -> str:
    """A worker's display name with id."""
    w = data.workers[worker]
    return f"{w.name} ({w.id})"
