"""Plain-language pieces the rules use in their messages."""

from __future__ import annotations

from ..model.time import MINUTES_PER_DAY
from ..solver.data import Compiled

DAY_NAMES = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)


def clock(data: Compiled, minute: int) -> str:
    """'HH:MM' of a horizon minute."""
    return data.problem.period.to_datetime(minute).strftime("%H:%M")


def day_name(data: Compiled, minute: int) -> str:
    """Weekday and date of a horizon minute, e.g. 'Tuesday 1 Dec'."""
    moment = data.problem.period.to_datetime(minute)
    return f"{DAY_NAMES[moment.weekday()]} {moment.day} {moment.strftime('%b')}"


def when(data: Compiled, start: int, end: int) -> str:
    """'Tuesday 1 Dec 09:00-10:00'."""
    return f"{day_name(data, start)} {clock(data, start)}-{clock(data, end)}"


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
