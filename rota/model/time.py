"""Clock time, dates and the rota horizon.

Inside the engine time is integer minutes from the start of the horizon. This module
is the only place (with ``rota.io``) that turns dates and clock times into minutes.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, Field

MINUTES_PER_DAY = 24 * 60
MAX_HORIZON_DAYS = 53 * 7
"""Longest horizon a rota may have (a policy's limits.max_horizon_weeks is
usually far shorter)."""

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_hhmm(text: str) -> dt.time:
    """Parse ``HH:MM`` (24-hour clock) into a time; raise ValueError otherwise."""
    match = _HHMM.match(text.strip())
    if match is None:
        raise ValueError(f"'{text}' is not a time (HH:MM, 24-hour)")
    return dt.time(int(match.group(1)), int(match.group(2)))


def clock_minutes(value: dt.time) -> int:
    """Minutes after midnight of a clock time."""
    return value.hour * 60 + value.minute


def format_hhmm(value: dt.time) -> str:
    """Format a time as ``HH:MM``."""
    return f"{value.hour:02d}:{value.minute:02d}"


DAY_NAMES = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)


def day_text(date: dt.date) -> str:
    """Weekday and date as messages give them, e.g. 'Tuesday 1 Dec'."""
    return f"{DAY_NAMES[date.weekday()]} {date.day} {date.strftime('%b')}"


def span_text(start: dt.datetime, end: dt.datetime) -> str:
    """An interval as messages give it, e.g. 'Tuesday 1 Dec 09:00-10:00'."""
    return f"{day_text(start.date())} {start:%H:%M}-{end:%H:%M}"


def parse_date(text: str) -> dt.date:
    """Parse ``YYYY-MM-DD`` into a date; raise ValueError otherwise."""
    try:
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", text.strip()):
            raise ValueError
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def span(
    date: dt.date, start: dt.time, end: dt.time
) -> tuple[dt.datetime, dt.datetime]:
    """Start and end datetimes; an end not after the start is on the next day."""
    begin = dt.datetime.combine(date, start)
    finish = dt.datetime.combine(date, end)
    if finish <= begin:
        finish += dt.timedelta(days=1)
    return begin, finish


class Horizon(BaseModel):
    """The period a rota covers: whole days from ``start`` (00:00 local time)."""

    model_config = ConfigDict(frozen=True)

    start: dt.date = Field(ge=dt.date(1900, 1, 1), le=dt.date(2999, 12, 24))
    """Years 1900 to 2999, like every date in the data, so the arithmetic on it
    never overflows."""
    days: int = Field(default=7, ge=1, le=MAX_HORIZON_DAYS)

    @property
    def minutes(self) -> int:
        """Length of the horizon in minutes."""
        return self.days * MINUTES_PER_DAY

    @property
    def weeks(self) -> int:
        """Number of (possibly partial) 7-day weeks in the horizon."""
        return -(-self.days // 7)

    def to_minutes(self, moment: dt.datetime) -> int:
        """Minutes from the horizon start to ``moment`` (may be negative)."""
        delta = moment - dt.datetime.combine(self.start, dt.time())
        return int(delta.total_seconds() // 60)

    def interval(self, date: dt.date, start: dt.time, end: dt.time) -> tuple[int, int]:
        """A date with start and end clock times as horizon minutes."""
        begin, finish = span(date, start, end)
        return self.to_minutes(begin), self.to_minutes(finish)

    def to_datetime(self, minute: int) -> dt.datetime:
        """The local datetime ``minute`` minutes after the horizon start."""
        return dt.datetime.combine(self.start, dt.time()) + dt.timedelta(minutes=minute)

    def date_of(self, day: int) -> dt.date:
        """The calendar date of day index ``day``."""
        return self.start + dt.timedelta(days=day)

    @staticmethod
    def covering(dates: list[dt.date]) -> Horizon:
        """Whole weeks from the Monday on or before the first date, covering all."""
        if not dates:
            today = dt.date.today()
            return Horizon(start=today - dt.timedelta(days=today.weekday()))
        first, last = min(dates), max(dates)
        monday = first - dt.timedelta(days=first.weekday())
        days = (last - monday).days + 1
        return Horizon(start=monday, days=7 * -(-days // 7))
