"""The data contract's files and columns, in order, with which are required."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileSpec:
    """One input file: its name, its columns in order and the required ones."""

    name: str
    columns: tuple[str, ...]
    required: tuple[str, ...]
    required_file: bool
    extensions: tuple[str, ...] = ()
    """Optional extension columns (docs/data.md): read like the others, written
    only when some row fills them, so a folder without them round-trips as is."""

    @property
    def stem(self) -> str:
        """File name without .csv: the Excel sheet name."""
        return self.name.removesuffix(".csv")


WORKERS = FileSpec(
    "workers.csv",
    (
        "worker_id",
        "name",
        "contracted_hours",
        "max_hours",
        "max_hours_per_day",
        "max_days_per_week",
        "hourly_rate",
        "skills",
        "home_lat",
        "home_lon",
        "transport",
        "max_travel_minutes",
        "gender",
        # Optional extension columns (docs/data.md): limits for supported living.
        "max_sessions_of_kind",
        "min_consecutive_days",
        "max_consecutive_days",
        "min_consecutive_days_off",
        "max_working_weekends",
        "min_total_hours",
        "max_total_hours",
    ),
    (
        "worker_id",
        "name",
        "contracted_hours",
        "max_hours",
        "hourly_rate",
        "home_lat",
        "home_lon",
    ),
    True,
    (
        "max_sessions_of_kind",
        "min_consecutive_days",
        "max_consecutive_days",
        "min_consecutive_days_off",
        "max_working_weekends",
        "min_total_hours",
        "max_total_hours",
    ),
)
AVAILABILITY = FileSpec(
    "availability.csv",
    ("worker_id", "date", "start", "end", "kind", "weight"),
    ("worker_id", "date", "start", "end", "kind"),
    False,
)
SERVICE_USERS = FileSpec(
    "service_users.csv",
    (
        "user_id",
        "name",
        "lat",
        "lon",
        "weekly_budget",
        "charge_rate",
        "preferred_workers",
        "excluded_workers",
        "gender_preference",
        "max_distinct_workers",
        # Optional extension column (docs/data.md): the home's address in words.
        "address",
    ),
    ("user_id", "name", "lat", "lon"),
    True,
    ("address",),
)
SESSIONS = FileSpec(
    "sessions.csv",
    (
        "session_id",
        "user_id",
        "date",
        "start",
        "end",
        "staff_required",
        "skills_required",
        "priority",
        "flex_minutes",
        "lat",
        "lon",
        "kind",
        # Optional extension columns (docs/data.md): one session's own cover prices.
        "uncovered_weight",
        "cover_weight",
        # Start windows and linked visits.
        "latest_start",
        "linked_to",
        "min_delay_minutes",
        "max_delay_minutes",
        # Where a session away from home happens, in words.
        "address",
    ),
    ("session_id", "user_id", "date", "start", "end"),
    True,
    (
        "uncovered_weight",
        "cover_weight",
        "latest_start",
        "linked_to",
        "min_delay_minutes",
        "max_delay_minutes",
        "address",
    ),
)
TRAVEL = FileSpec(
    "travel.csv",
    ("from_id", "to_id", "minutes", "miles", "transport"),
    ("from_id", "to_id", "minutes"),
    False,
)
PUBLISHED = FileSpec(
    "published_rota.csv",
    # Optional extension columns (docs/data.md): the times as published, in
    # rota.csv's own columns, so a rota.csv can be used as published_rota.csv.
    ("session_id", "worker_id", "date", "start", "end"),
    ("session_id", "worker_id"),
    False,
    ("date", "start", "end"),
)
AGREEMENTS = FileSpec(
    "agreements.csv",
    (
        "agreement_id",
        "party_id",
        "kind",
        "session_id",
        "date",
        "start",
        "end",
        "extra_minutes",
        "answer",
        "answered_at",
    ),
    ("agreement_id", "party_id", "kind", "answer"),
    False,
)

INPUT_FILES: tuple[FileSpec, ...] = (
    WORKERS,
    AVAILABILITY,
    SERVICE_USERS,
    SESSIONS,
    TRAVEL,
    PUBLISHED,
    AGREEMENTS,
)
"""Every input file, in the order errors are reported."""

LIST_COLUMNS = frozenset(
    {
        "skills",
        "skills_required",
        "preferred_workers",
        "excluded_workers",
        "max_sessions_of_kind",
    }
)
"""Columns holding ``;``-separated lists."""
