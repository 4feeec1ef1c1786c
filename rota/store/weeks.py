"""Teams, their weeks, and the problem data each run or version was built from."""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection, insert, select, update

from ..io import folder_texts, load_texts
from ..model import Horizon, Problem
from . import audit
from .connect import StoreError, new_id
from .records import WeekRef
from .schema import Snapshot, SnapshotFile, Team, Week


def week_of(problem: Problem, team: str) -> WeekRef:
    """The team's week a problem covers."""
    return WeekRef(team=team, start=problem.period.start, days=problem.period.days)


def find_week(conn: Connection, week: WeekRef) -> int | None:
    """The week's row id, or None when the store has never seen it."""
    return conn.execute(
        select(Week.id)
        .join(Team, Team.id == Week.team_id)
        .where(Team.name == week.team, Week.start == week.start)
    ).scalar_one_or_none()


def week_id(conn: Connection, week: WeekRef) -> int:
    """The week's row id; raises when unknown."""
    found = find_week(conn, week)
    if found is None:
        raise StoreError(f"the store has nothing for {week}")
    return found


def ensure_week(conn: Connection, week: WeekRef, *, actor: str) -> int:
    """The week's row id, creating the team and the week when new."""
    found = find_week(conn, week)
    if found is not None:
        return found
    team_id = conn.execute(
        select(Team.id).where(Team.name == week.team)
    ).scalar_one_or_none()
    at = audit.now()
    if team_id is None:
        team_id = new_id(
            conn.execute(insert(Team).values(name=week.team, created_at=at))
        )
        audit.append(conn, actor=actor, action="team.create", subject=week.team)
    new = new_id(
        conn.execute(
            insert(Week).values(
                team_id=team_id, start=week.start, days=week.days, created_at=at
            )
        )
    )
    audit.append(conn, actor=actor, action="week.create", week=week)
    return int(new)


def teams(conn: Connection) -> list[str]:
    """Every team's name."""
    return list(conn.execute(select(Team.name).order_by(Team.name)).scalars())


def weeks(conn: Connection, team: str | None = None) -> list[WeekRef]:
    """Every week the store holds, newest first (one team's when given)."""
    query = (
        select(Team.name, Week.start, Week.days)
        .join(Team, Team.id == Week.team_id)
        .order_by(Week.start.desc(), Team.name)
    )
    if team is not None:
        query = query.where(Team.name == team)
    return [WeekRef(n, s, d) for n, s, d in conn.execute(query)]


def _digest(texts: dict[str, str]) -> str:
    hasher = hashlib.sha256()
    for name in sorted(texts):
        hasher.update(name.encode() + b"\0" + texts[name].encode() + b"\0")
    return hasher.hexdigest()


def save_snapshot(conn: Connection, week_row: int, problem: Problem) -> int:
    """Keep the problem's data (once per distinct content) and return its id."""
    texts = folder_texts(problem)
    digest = _digest(texts)
    found = conn.execute(
        select(Snapshot.id).where(
            Snapshot.week_id == week_row, Snapshot.digest == digest
        )
    ).scalar_one_or_none()
    if found is not None:
        return int(found)
    new = new_id(
        conn.execute(
            insert(Snapshot).values(
                week_id=week_row, digest=digest, created_at=audit.now()
            )
        )
    )
    conn.execute(
        insert(SnapshotFile),
        [{"snapshot_id": new, "name": n, "content": t} for n, t in texts.items()],
    )
    return int(new)


def load_snapshot(conn: Connection, snapshot_id: int, week: WeekRef) -> Problem:
    """The problem a snapshot holds, exactly as it was saved."""
    rows = conn.execute(
        select(SnapshotFile.name, SnapshotFile.content).where(
            SnapshotFile.snapshot_id == snapshot_id
        )
    ).all()
    result = load_texts(
        {name: content for name, content in rows},
        source=f"snapshot {snapshot_id}",
        horizon=Horizon(start=week.start, days=week.days),
    )
    if result.problem is None:  # pragma: no cover - snapshots are saved valid
        raise StoreError(f"snapshot {snapshot_id} of {week} cannot be read back")
    return result.problem


def save_data(conn: Connection, week: WeekRef, problem: Problem, *, actor: str) -> int:
    """Make ``problem`` the data the week is planned with; returns its snapshot."""
    week_row = ensure_week(conn, week, actor=actor)
    snapshot = save_snapshot(conn, week_row, problem)
    conn.execute(
        update(Week).where(Week.id == week_row).values(data_snapshot_id=snapshot)
    )
    audit.append(
        conn,
        actor=actor,
        action="data.save",
        week=week,
        subject=f"snapshot {snapshot}",
        workers=len(problem.workers),
        people=len(problem.users),
        sessions=len(problem.sessions),
    )
    return snapshot


def week_data(conn: Connection, week: WeekRef) -> Problem | None:
    """The data the week is planned with; None when none was saved."""
    snapshot = conn.execute(
        select(Week.data_snapshot_id).where(Week.id == week_id(conn, week))
    ).scalar_one()
    return None if snapshot is None else load_snapshot(conn, snapshot, week)
