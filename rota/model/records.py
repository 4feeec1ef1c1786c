"""The rows of the input folder, one pydantic type per file of the data contract."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .time import MINUTES_PER_DAY

Transport = Literal["car", "walk", "public"]
WindowKind = Literal["available", "preferred", "undesired", "unavailable"]
Priority = Literal["essential", "standard", "flexible"]
AgreementKind = Literal["availability", "move", "overtime", "travel", "change"]

# Sane bounds on every number a row may hold (docs/data.md, "Bounds"): each is
# written once, here, so every number the solver sees is bounded and a slip such
# as 100000 contracted hours or an hourly rate of 1e300 is a located error.
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
MAX_WEEK_HOURS = 168
"""Most hours in a week a worker's contract or maximum may name: the week's own 168
(the benchmark mappings use it for "no weekly cap")."""
MAX_RATE = 1000
"""Most pounds per hour for a wage or a charge rate."""
MAX_BUDGET = 1_000_000
"""Most pounds in a person's weekly budget."""
MAX_MILES = 1000
"""Longest journey in miles."""
MAX_WEIGHT = 1_000_000
"""Largest per-row weight (availability, a session's cover weights)."""
MAX_STAFF = 100
"""Most workers one session or one person's week may name."""
MAX_DAYS = 366
"""Most days a per-worker day count may name (a year)."""
MAX_WEEKS = 53
"""Most weeks (or weekends) a per-worker count may name (a year)."""
MAX_TOTAL_HOURS = 5000
"""Most hours over a whole rota (a year at 100 hours a week is 5,200)."""


def kind_limits(items: tuple[str, ...]) -> dict[str, int]:
    """Parse ``kind=n`` items (e.g. ``sleep_in=2``) into kind -> n.

    Raises
    ------
    ValueError
        For an item that is not ``kind=n`` with a whole number n >= 0, or a kind
        given twice.
    """
    out: dict[str, int] = {}
    for item in items:
        kind, sep, number = item.partition("=")
        kind, number = kind.strip(), number.strip()
        if not sep or not kind or not number.isdigit():
            raise ValueError(
                f"'{item}' is not kind=number (e.g. sleep_in=2; several separated "
                "by ';')"
            )
        if kind in out:
            raise ValueError(f"kind '{kind}' is given twice")
        out[kind] = int(number)
    return out


class Record(BaseModel):
    """Base of every input row: immutable, unknown fields rejected, extras kept."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    extra: dict[str, str] = Field(default_factory=dict, repr=False)
    """Columns the contract does not know: kept for round trips, otherwise ignored."""


class Worker(Record):
    """A support worker (workers.csv)."""

    worker_id: str = Field(min_length=1)
    name: str
    contracted_hours: float = Field(ge=0, le=MAX_WEEK_HOURS)
    max_hours: float = Field(ge=0, le=MAX_WEEK_HOURS)
    max_hours_per_day: float | None = Field(default=None, gt=0, le=24)
    max_days_per_week: int | None = Field(default=None, ge=0, le=7)
    hourly_rate: float = Field(ge=0, le=MAX_RATE)
    skills: tuple[str, ...] = ()
    home_lat: float = Field(ge=-90, le=90)
    home_lon: float = Field(ge=-180, le=180)
    transport: Transport = "car"
    max_travel_minutes: int | None = Field(default=None, ge=0, le=MINUTES_PER_DAY)
    gender: str | None = None
    # Optional extension columns (supported living, longer rotas): None = policy.
    max_sessions_of_kind: tuple[str, ...] | None = None
    """Items ``kind=n``: at most n sessions of that kind over the rota."""
    min_consecutive_days: int | None = Field(default=None, ge=1, le=MAX_DAYS)
    max_consecutive_days: int | None = Field(default=None, ge=1, le=MAX_DAYS)
    min_consecutive_days_off: int | None = Field(default=None, ge=1, le=MAX_DAYS)
    max_working_weekends: int | None = Field(default=None, ge=0, le=MAX_WEEKS)
    min_total_hours: float | None = Field(default=None, ge=0, le=MAX_TOTAL_HOURS)
    max_total_hours: float | None = Field(default=None, ge=0, le=MAX_TOTAL_HOURS)

    @field_validator("max_sessions_of_kind")
    @classmethod
    def _kind_limits_parse(
        cls, value: tuple[str, ...] | None
    ) -> tuple[str, ...] | None:
        if value is not None:
            kind_limits(value)
        return value

    @property
    def kind_limits(self) -> dict[str, int]:
        """``max_sessions_of_kind`` as kind -> most sessions (empty when not set)."""
        return kind_limits(self.max_sessions_of_kind or ())

    @model_validator(mode="after")
    def _max_covers_contract(self) -> Worker:
        if self.max_hours < self.contracted_hours:
            raise ValueError(
                f"max_hours {self.max_hours:g} is below contracted_hours "
                f"{self.contracted_hours:g}"
            )
        return self


class AvailabilityWindow(Record):
    """A stated window of a worker (availability.csv)."""

    worker_id: str = Field(min_length=1)
    date: dt.date
    start: dt.time
    end: dt.time
    kind: WindowKind
    weight: float | None = Field(default=None, ge=0, le=MAX_WEIGHT)


class ServiceUser(Record):
    """A person receiving support, the budget holder (service_users.csv)."""

    user_id: str = Field(min_length=1)
    name: str
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    weekly_budget: float | None = Field(default=None, ge=0, le=MAX_BUDGET)
    charge_rate: float | None = Field(default=None, ge=0, le=MAX_RATE)
    preferred_workers: tuple[str, ...] = ()
    excluded_workers: tuple[str, ...] = ()
    gender_preference: str | None = None
    max_distinct_workers: int | None = Field(default=None, ge=1, le=MAX_STAFF)
    # Optional extension column: where staff go, in words.
    address: str | None = None
    """The person's home address as staff should see it (None: coordinates only)."""


class Session(Record):
    """Support a person has asked for (sessions.csv)."""

    session_id: str = Field(min_length=1)
    user_id: str = Field(min_length=1)
    date: dt.date
    start: dt.time
    end: dt.time
    staff_required: int = Field(default=1, ge=1, le=MAX_STAFF)
    skills_required: tuple[str, ...] = ()
    priority: Priority = "standard"
    flex_minutes: int = Field(default=0, ge=0, le=MINUTES_PER_DAY)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    kind: str | None = None
    # Optional extension columns: pricing one session's cover on its own.
    uncovered_weight: float | None = Field(default=None, ge=0, le=MAX_WEIGHT)
    """Points per hour left uncovered, instead of the priority's weight."""
    cover_weight: float | None = Field(default=None, ge=0, le=MAX_WEIGHT)
    """Points per hour when covered (nice-to-have cover that costs something)."""
    # Optional extension columns: a start window, and visits linked to another.
    latest_start: dt.time | None = None
    """The start may fall anywhere from ``start`` to this time the same day."""
    linked_to: str | None = None
    """Another session this one is tied to (double-up by two carers, or a visit
    that must follow another within a delay)."""
    min_delay_minutes: int | None = Field(
        default=None, ge=-MINUTES_PER_WEEK, le=MINUTES_PER_WEEK
    )
    """Least minutes from the linked session's start to this one's (default 0)."""
    max_delay_minutes: int | None = Field(
        default=None, ge=-MINUTES_PER_WEEK, le=MINUTES_PER_WEEK
    )
    """Most minutes from the linked session's start to this one's (default 0)."""
    # Optional extension column: the address of a session away from home.
    address: str | None = None
    """Where the session happens when not at the person's home (None: their home's
    address, or the coordinates)."""

    @model_validator(mode="after")
    def _both_coordinates(self) -> Session:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon must be given together")
        return self

    @model_validator(mode="after")
    def _end_not_start(self) -> Session:
        if self.end == self.start:
            raise ValueError(
                f"end {self.end:%H:%M} equals start: an end before the start is "
                "read as the next day, so this would be a 24-hour session; give the "
                "time the support ends"
            )
        return self

    @model_validator(mode="after")
    def _window_and_link(self) -> Session:
        if self.latest_start is not None and self.latest_start < self.start:
            raise ValueError(
                f"latest_start {self.latest_start:%H:%M} is before start "
                f"{self.start:%H:%M} (a start window lies within one day)"
            )
        delays = (self.min_delay_minutes, self.max_delay_minutes)
        if self.linked_to is None and any(d is not None for d in delays):
            raise ValueError("min_delay_minutes and max_delay_minutes need linked_to")
        if self.linked_to == self.session_id:
            raise ValueError("linked_to names the session itself")
        if self.min_delay > self.max_delay:
            raise ValueError(
                f"min_delay_minutes {self.min_delay} is above max_delay_minutes "
                f"{self.max_delay}"
            )
        return self

    @property
    def min_delay(self) -> int:
        """Least minutes from the linked session's start to this one's."""
        return self.min_delay_minutes or 0

    @property
    def max_delay(self) -> int:
        """Most minutes from the linked session's start to this one's."""
        return self.max_delay_minutes or 0


class TravelEntry(Record):
    """A known journey (travel.csv)."""

    from_id: str = Field(min_length=1)
    to_id: str = Field(min_length=1)
    minutes: int = Field(ge=0, le=MINUTES_PER_DAY)
    miles: float | None = Field(default=None, ge=0, le=MAX_MILES)
    transport: Transport | None = None


class PublishedAssignment(Record):
    """A line of the rota staff and people were last told (published_rota.csv)."""

    session_id: str = Field(min_length=1)
    worker_id: str = Field(min_length=1)
    # Optional extension columns: the times as published (a rota.csv has them), so
    # a change of time can be told from a change of worker.
    date: dt.date | None = None
    start: dt.time | None = None
    end: dt.time | None = None

    @model_validator(mode="after")
    def _date_with_start(self) -> PublishedAssignment:
        if (self.date is None) != (self.start is None):
            raise ValueError(
                "a published time needs both date and start (end is optional)"
            )
        return self


class Agreement(Record):
    """An answer to a request (agreements.csv)."""

    agreement_id: str = Field(min_length=1)
    party_id: str = Field(min_length=1)
    kind: AgreementKind
    session_id: str | None = None
    date: dt.date | None = None
    start: dt.time | None = None
    end: dt.time | None = None
    extra_minutes: int | None = Field(default=None, ge=0, le=MINUTES_PER_WEEK)
    answer: Literal["yes", "no"]
    answered_at: dt.datetime | None = None

    @model_validator(mode="after")
    def _fields_for_kind(self) -> Agreement:
        missing: list[str] = []
        if self.kind in ("move", "travel", "change") and not self.session_id:
            missing.append("session_id")
        if self.kind in ("availability", "move"):
            missing += [
                name for name in ("date", "start", "end") if getattr(self, name) is None
            ]
        if self.kind == "overtime" and self.extra_minutes is None:
            missing.append("extra_minutes")
        if missing:
            raise ValueError(f"a '{self.kind}' agreement needs {', '.join(missing)}")
        return self
