"""Published versions and drafts of a week's rota.

Publishing is one transaction: the version row, its lines and the audit line are
all written, or none is. Version numbers are unique per week in the schema, so of
two publishes made against the same latest version exactly one can win, on SQLite
and on PostgreSQL alike; the other is told "conflict" and its rota is kept as a
draft.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Connection, Engine, func, insert, select
from sqlalchemy.exc import IntegrityError

from ..model import Assignment, Problem
from . import audit
from .connect import StoreError, new_id, reading, writing
from .records import DraftInfo, PublishConflict, VersionInfo, WeekRef
from .schema import Draft, DraftLine, Version, VersionLine
from .weeks import ensure_week, save_snapshot, week_id

PAUSE_ENV = "ROTA_STORE_TEST_PAUSE"
"""Fault injection for tests: ``STEP:FILE[:SECONDS]`` makes a publish touch FILE
and sleep (60 s unless told) at STEP (``version-row``: the version row written, its
lines not yet), so a test can kill the process, or race it, between two writes."""


def _pause(step: str) -> None:
    name, _, rest = os.environ.get(PAUSE_ENV, "").partition(":")
    marker, _, seconds = rest.partition(":")
    if name == step and marker:
        Path(marker).touch()
        time.sleep(float(seconds or 60))


def latest_number(conn: Connection, week_row: int) -> int:
    """The latest version's number; 0 when nothing is published."""
    found = conn.execute(
        select(func.max(Version.number)).where(Version.week_id == week_row)
    ).scalar_one()
    return int(found or 0)


def _lines(rows: Sequence[Assignment], key: str, owner: int) -> list[dict]:
    return [
        {
            key: owner,
            "session_id": a.session_id,
            "worker_id": a.worker_id,
            "start": a.start,
            "end": a.end,
        }
        for a in rows
    ]


def save_draft(
    engine: Engine,
    week: WeekRef,
    problem: Problem,
    assignments: Sequence[Assignment],
    *,
    by: str,
    reason: str,
    note: str = "",
    base_version: int | None = None,
    run_id: int | None = None,
) -> int:
    """Keep a rota without publishing it; returns the draft's id."""
    with writing(engine) as conn:
        return _insert_draft(
            conn, week, problem, assignments, by, reason, note, base_version, run_id
        )


def _insert_draft(
    conn: Connection,
    week: WeekRef,
    problem: Problem,
    assignments: Sequence[Assignment],
    by: str,
    reason: str,
    note: str,
    base_version: int | None,
    run_id: int | None,
) -> int:
    week_row = ensure_week(conn, week, actor=by)
    snapshot = save_snapshot(conn, week_row, problem)
    draft = new_id(
        conn.execute(
            insert(Draft).values(
                week_id=week_row,
                snapshot_id=snapshot,
                created_at=audit.now(),
                created_by=by,
                reason=reason,
                note=note,
                base_version=base_version,
                run_id=run_id,
            )
        )
    )
    if assignments:
        conn.execute(insert(DraftLine), _lines(assignments, "draft_id", draft))
    audit.append(
        conn,
        actor=by,
        action="draft.save",
        week=week,
        subject=f"draft {draft}",
        reason=reason,
        lines=len(assignments),
        base_version=base_version,
    )
    return int(draft)


def publish(
    engine: Engine,
    week: WeekRef,
    problem: Problem,
    assignments: Sequence[Assignment],
    *,
    by: str,
    note: str = "",
    expect_version: int,
    at: dt.datetime | None = None,
    run_id: int | None = None,
    _retry: bool = True,
) -> VersionInfo:
    """Publish a rota as the week's next version, if ``expect_version`` is the latest.

    Parameters
    ----------
    engine
        The store's engine.
    week
        The team's week.
    problem
        The data the rota was built from (kept with the version).
    assignments
        The rota; already checked against every hard rule by the caller.
    by, note
        Who publishes, and why.
    expect_version
        The version the rota was made against (0: none published yet).
    at
        The moment staff are told; default now.
    run_id
        The solve that made the rota, when known.

    Returns
    -------
    VersionInfo
        The new version.

    Raises
    ------
    PublishConflict
        When another version was published since ``expect_version``; nothing is
        published and the rota is kept as a draft.
    """
    moment = (at or audit.now()).replace(microsecond=0)
    latest: int | None = None
    try:
        with writing(engine) as conn:
            week_row = ensure_week(conn, week, actor=by)
            latest = latest_number(conn, week_row)
            if latest == expect_version:
                snapshot = save_snapshot(conn, week_row, problem)
                number = latest + 1
                version = new_id(
                    conn.execute(
                        insert(Version).values(
                            week_id=week_row,
                            number=number,
                            snapshot_id=snapshot,
                            published_at=moment,
                            published_by=by,
                            note=note,
                            run_id=run_id,
                        )
                    )
                )
                _pause("version-row")
                if assignments:
                    conn.execute(
                        insert(VersionLine), _lines(assignments, "version_id", version)
                    )
                audit.append(
                    conn,
                    actor=by,
                    action="version.publish",
                    week=week,
                    subject=f"version {number}",
                    at=moment,
                    lines=len(assignments),
                    note=note,
                )
                return VersionInfo(number, moment, by, note, len(assignments), run_id)
    except IntegrityError:
        # Another publish took the same number between our read and our write.
        with reading(engine) as conn:
            latest = latest_number(conn, week_id(conn, week))
        if latest == expect_version and _retry:
            # It was the team or the week created at the same moment: try again.
            return publish(
                engine,
                week,
                problem,
                assignments,
                by=by,
                note=note,
                expect_version=expect_version,
                at=at,
                run_id=run_id,
                _retry=False,
            )
    draft = save_draft(
        engine,
        week,
        problem,
        assignments,
        by=by,
        reason="conflict",
        note=note,
        base_version=expect_version,
        run_id=run_id,
    )
    assert latest is not None
    raise PublishConflict(week, expect_version, latest, draft)


def versions(conn: Connection, week: WeekRef) -> list[VersionInfo]:
    """The week's published versions, oldest first."""
    week_row = week_id(conn, week)
    count = (
        select(func.count())
        .where(VersionLine.version_id == Version.id)
        .scalar_subquery()
    )
    rows = conn.execute(
        select(Version, count.label("lines"))
        .where(Version.week_id == week_row)
        .order_by(Version.number)
    )
    return [
        VersionInfo(r.number, r.published_at, r.published_by, r.note, r.lines, r.run_id)
        for r in rows
    ]


def _version_row(conn: Connection, week: WeekRef, number: int):
    row = conn.execute(
        select(Version).where(
            Version.week_id == week_id(conn, week), Version.number == number
        )
    ).one_or_none()
    if row is None:
        known = [v.number for v in versions(conn, week)]
        have = ", ".join(map(str, known)) if known else "none yet"
        raise StoreError(f"no version {number} of {week} (versions: {have})")
    return row


def version_lines(conn: Connection, week: WeekRef, number: int) -> list[Assignment]:
    """A version's rota exactly as published."""
    row = _version_row(conn, week, number)
    return _read_lines(conn, VersionLine, VersionLine.version_id == row.id)


def version_snapshot(conn: Connection, week: WeekRef, number: int) -> int:
    """The snapshot a version was published with."""
    return int(_version_row(conn, week, number).snapshot_id)


def version_info(conn: Connection, week: WeekRef, number: int) -> VersionInfo:
    """One version's details."""
    found = [v for v in versions(conn, week) if v.number == number]
    if not found:
        _version_row(conn, week, number)  # raises with the versions there are
    return found[0]


def _read_lines(conn: Connection, table, where) -> list[Assignment]:
    rows = conn.execute(
        select(table.session_id, table.worker_id, table.start, table.end)
        .where(where)
        .order_by(table.start, table.worker_id, table.session_id)
    )
    return [
        Assignment(session_id=s, worker_id=w, start=a, end=b) for s, w, a, b in rows
    ]


def drafts(conn: Connection, week: WeekRef) -> list[DraftInfo]:
    """The week's drafts, oldest first."""
    week_row = week_id(conn, week)
    count = select(func.count()).where(DraftLine.draft_id == Draft.id).scalar_subquery()
    rows = conn.execute(
        select(Draft, count.label("lines"))
        .where(Draft.week_id == week_row)
        .order_by(Draft.id)
    )
    return [
        DraftInfo(
            r.id,
            r.created_at,
            r.created_by,
            r.reason,
            r.note,
            r.base_version,
            r.lines,
            r.run_id,
        )
        for r in rows
    ]


def _draft_row(conn: Connection, week: WeekRef, draft: int):
    row = conn.execute(
        select(Draft).where(Draft.week_id == week_id(conn, week), Draft.id == draft)
    ).one_or_none()
    if row is None:
        raise StoreError(f"no draft {draft} of {week}")
    return row


def draft_lines(conn: Connection, week: WeekRef, draft: int) -> list[Assignment]:
    """A draft's rota."""
    row = _draft_row(conn, week, draft)
    return _read_lines(conn, DraftLine, DraftLine.draft_id == row.id)


def draft_snapshot(conn: Connection, week: WeekRef, draft: int) -> int:
    """The snapshot a draft was kept with."""
    return int(_draft_row(conn, week, draft).snapshot_id)
