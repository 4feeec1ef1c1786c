"""What the store hands back: small frozen records, never live database rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from .connect import StoreError

Role = Literal["manager", "staff", "hr"]
ROLES: tuple[Role, ...] = ("manager", "staff", "hr")


@dataclass(frozen=True)
class WeekRef:
    """A team's week: the team's name and the horizon's first day and length."""

    team: str
    start: dt.date
    days: int = 7

    def __str__(self) -> str:
        return f"{self.team}, week of {self.start:%a %d %b %Y}"


@dataclass(frozen=True)
class VersionInfo:
    """A published version of a week's rota."""

    number: int
    published_at: dt.datetime
    published_by: str
    note: str
    lines: int
    run_id: int | None


@dataclass(frozen=True)
class DraftInfo:
    """A rota kept without being published."""

    id: int
    created_at: dt.datetime
    created_by: str
    reason: str
    note: str
    base_version: int | None
    lines: int
    run_id: int | None


@dataclass(frozen=True)
class RunInfo:
    """A recorded solve."""

    id: int
    at: dt.datetime
    by: str
    policy: str
    status: str
    objective: float | None
    coverage: float
    wall_seconds: float
    base_version: int | None
    draft_id: int | None


@dataclass(frozen=True)
class AccountInfo:
    """An account of the app (never with its password hash)."""

    username: str
    role: Role
    worker_id: str | None
    email: str | None
    created_at: dt.datetime


@dataclass(frozen=True)
class AuditInfo:
    """One line of the audit log."""

    id: int
    at: dt.datetime
    actor: str
    action: str
    team: str | None
    week_start: dt.date | None
    subject: str
    detail: dict[str, Any]


class PublishConflict(StoreError):
    """A publish against a version that is no longer the latest.

    The refused rota is kept as draft ``draft_id``.
    """

    def __init__(self, week: WeekRef, expected: int, latest: int, draft_id: int):
        self.week = week
        self.expected = expected
        self.latest = latest
        self.draft_id = draft_id
        base = f"version {expected}" if expected else "no published version"
        super().__init__(
            f"conflict: this rota was made against {base}, but version {latest} "
            f"is now the latest for {week}; nothing was published, and the rota is "
            f"kept as draft {draft_id}"
        )
