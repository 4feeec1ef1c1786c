"""The audit log: one row for every change to the store, only ever appended."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, insert, select

from .records import AuditInfo, WeekRef
from .schema import AuditEntry


def now() -> dt.datetime:
    """The store's clock: local wall-clock time to the second."""
    return dt.datetime.now().replace(microsecond=0)


def append(
    conn: Connection,
    *,
    actor: str,
    action: str,
    week: WeekRef | None = None,
    subject: str = "",
    at: dt.datetime | None = None,
    **detail: Any,
) -> None:
    """Add one line to the audit log, in the caller's transaction."""
    conn.execute(
        insert(AuditEntry).values(
            at=at or now(),
            actor=actor,
            action=action,
            team=week.team if week else None,
            week_start=week.start if week else None,
            subject=subject,
            detail=detail,
        )
    )


def entries(conn: Connection, *, week: WeekRef | None = None) -> list[AuditInfo]:
    """The log in the order written; only ``week``'s lines when given."""
    query = select(AuditEntry).order_by(AuditEntry.id)
    if week is not None:
        query = query.where(
            AuditEntry.team == week.team, AuditEntry.week_start == week.start
        )
    return [
        AuditInfo(
            id=row.id,
            at=row.at,
            actor=row.actor,
            action=row.action,
            team=row.team,
            week_start=row.week_start,
            subject=row.subject,
            detail=row.detail,
        )
        for row in conn.execute(query)
    ]
