"""The store's tables, as SQLAlchemy 2 declarative classes.

The schema is created and upgraded only by the Alembic migrations in
``migrations/versions``; these classes are what the queries use, and a test
compares them with the migrated database so the two cannot drift apart.

Times are the provider's local wall-clock time, as in the data folder. Published
versions, their lines, problem snapshots and the audit log are immutable: the
migrations add triggers that refuse an UPDATE or DELETE on them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """The declarative base of every table."""


class Team(Base):
    """A team (or provider area) whose weeks are rostered together."""

    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Week(Base):
    """One rota horizon of a team, from its first day."""

    __tablename__ = "weeks"
    __table_args__ = (UniqueConstraint("team_id", "start", name="uq_weeks_team"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    start: Mapped[dt.date] = mapped_column(Date)
    days: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    data_snapshot_id: Mapped[int | None] = mapped_column(
        ForeignKey("snapshots.id", name="fk_weeks_data_snapshot", use_alter=True),
        nullable=True,
    )
    """The data the week is being planned with (the latest saved)."""


class Snapshot(Base):
    """The problem data (the contract's CSV files) a run or version was built from."""

    __tablename__ = "snapshots"
    __table_args__ = (UniqueConstraint("week_id", "digest", name="uq_snapshots"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    week_id: Mapped[int] = mapped_column(ForeignKey("weeks.id"), index=True)
    digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SnapshotFile(Base):
    """One CSV file of a snapshot, as text."""

    __tablename__ = "snapshot_files"
    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("snapshots.id"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    content: Mapped[str] = mapped_column(Text)


class Version(Base):
    """A published rota: numbered 1, 2, ... per week, never changed once written."""

    __tablename__ = "versions"
    __table_args__ = (UniqueConstraint("week_id", "number", name="uq_versions"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    week_id: Mapped[int] = mapped_column(ForeignKey("weeks.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("snapshots.id"))
    published_at: Mapped[dt.datetime] = mapped_column(DateTime)
    published_by: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"), nullable=True)


class _Line:
    """The columns every rota line has: one worker on one session, as rostered."""

    session_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    worker_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    start: Mapped[dt.datetime] = mapped_column(DateTime)
    end: Mapped[dt.datetime] = mapped_column(DateTime)


class VersionLine(_Line, Base):
    """One worker on one session in a published version."""

    __tablename__ = "version_lines"
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"), primary_key=True)


class Draft(Base):
    """A rota kept but not published: a solver run's rota, or a refused publish."""

    __tablename__ = "drafts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    week_id: Mapped[int] = mapped_column(ForeignKey("weeks.id"), index=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("snapshots.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    base_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"), nullable=True)


class DraftLine(_Line, Base):
    """One worker on one session in a draft."""

    __tablename__ = "draft_lines"
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), primary_key=True)


class Run(Base):
    """A solve: the policy it used, its figures and its summary."""

    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    week_id: Mapped[int] = mapped_column(ForeignKey("weeks.id"), index=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("snapshots.id"))
    base_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(200))
    policy: Mapped[str] = mapped_column(String(200))
    settings: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20))
    objective: Mapped[float | None] = mapped_column(Float, nullable=True)
    coverage: Mapped[float] = mapped_column(Float)
    wall_seconds: Mapped[float] = mapped_column(Float)
    summary: Mapped[dict] = mapped_column(JSON)


class AskRow(Base):
    """A request a run proposed (asks.csv)."""

    __tablename__ = "asks"
    __table_args__ = (UniqueConstraint("run_id", "ask_id", name="uq_asks"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"), index=True)
    ask_id: Mapped[str] = mapped_column(String(50))
    to_id: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    session_ids: Mapped[str] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)
    cost: Mapped[float] = mapped_column(Float)
    group: Mapped[str | None] = mapped_column(String(50), nullable=True)
    date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    start: Mapped[str | None] = mapped_column(String(5), nullable=True)
    end: Mapped[str | None] = mapped_column(String(5), nullable=True)
    extra_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)


class AgreementRow(Base):
    """An answer to a request (agreements.csv), kept with who recorded it."""

    __tablename__ = "agreements"
    __table_args__ = (
        UniqueConstraint("week_id", "agreement_id", name="uq_agreements"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    week_id: Mapped[int] = mapped_column(ForeignKey("weeks.id"), index=True)
    agreement_id: Mapped[str] = mapped_column(String(50))
    party_id: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    session_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    start: Mapped[str | None] = mapped_column(String(5), nullable=True)
    end: Mapped[str | None] = mapped_column(String(5), nullable=True)
    extra_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    answer: Mapped[str] = mapped_column(String(3))
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    recorded_by: Mapped[str] = mapped_column(String(200))
    ask_run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"), nullable=True)
    ask_id: Mapped[str | None] = mapped_column(String(50), nullable=True)


class Account(Base):
    """A person who signs in to the app: a manager, a member of staff or HR."""

    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    worker_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    email: Mapped[str | None] = mapped_column(String(320), nullable=True, unique=True)
    password_hash: Mapped[str] = mapped_column(String(400))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class AuditEntry(Base):
    """One change to the store: who, when, what. Rows are only ever added."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(50))
    team: Mapped[str | None] = mapped_column(String(200), nullable=True)
    week_start: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    subject: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[dict] = mapped_column(JSON)


IMMUTABLE_TABLES = ("snapshots", "snapshot_files", "versions", "version_lines", "audit")
"""Tables whose rows are never updated or deleted (triggers refuse it)."""
