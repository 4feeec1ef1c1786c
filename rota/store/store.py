"""The store: one object the CLI and the app use for everything they keep."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

from sqlalchemy.exc import SQLAlchemyError

from ..model import Agreement, Ask, Assignment, Problem, PublishedAssignment, Summary
from ..policy import Policy
from . import accounts as _accounts
from . import answers as _answers
from . import audit as _audit
from . import runs as _runs
from . import versions as _versions
from . import weeks as _weeks
from .connect import StoreError, make_engine, reading, resolve_url, shown, writing
from .migrate import ensure_current
from .records import (
    AccountInfo,
    AuditInfo,
    DraftInfo,
    Role,
    RunInfo,
    VersionInfo,
    WeekRef,
)

_F = TypeVar("_F", bound=Callable[..., Any])


def _plain(method: _F) -> _F:
    """A database failure mid-way becomes one plain StoreError."""

    @functools.wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except SQLAlchemyError as exc:
            reason = " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]
            raise StoreError(f"the store {self.shown_url} failed: {reason}") from None

    return cast(_F, wrapper)


class Store:
    """Published versions, drafts, runs, answers, accounts and the audit log.

    Parameters
    ----------
    url
        A database URL; default ``ROTA_DATABASE_URL``, else SQLite in the user's
        data folder.
    create
        Create the schema in an empty database (default). A database at an older
        or unknown schema is always refused, and left as it is.

    Raises
    ------
    StoreError
        When the database cannot be reached or its schema is not this rota's.
    """

    def __init__(self, url: str | None = None, *, create: bool = True) -> None:
        self.url = resolve_url(url)
        self.shown_url = shown(self.url)
        self.engine = make_engine(self.url)
        try:
            ensure_current(self.engine, self.shown_url, create=create)
        except SQLAlchemyError as exc:
            self.engine.dispose()
            reason = " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]
            raise StoreError(f"the store {self.shown_url} failed: {reason}") from None
        except BaseException:
            self.engine.dispose()
            raise

    def close(self) -> None:
        """Release the store's connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Weeks -------------------------------------------------------------------
    @staticmethod
    def week_of(problem: Problem, team: str) -> WeekRef:
        """The team's week a problem covers."""
        return _weeks.week_of(problem, team)

    @_plain
    def teams(self) -> list[str]:
        """Every team's name."""
        with reading(self.engine) as conn:
            return _weeks.teams(conn)

    @_plain
    def weeks(self, team: str | None = None) -> list[WeekRef]:
        """Every week held, newest first."""
        with reading(self.engine) as conn:
            return _weeks.weeks(conn, team)

    @_plain
    def knows(self, week: WeekRef) -> bool:
        """True when the store holds anything for the week."""
        with reading(self.engine) as conn:
            return _weeks.find_week(conn, week) is not None

    @_plain
    def save_data(self, week: WeekRef, problem: Problem, *, by: str) -> None:
        """Keep ``problem`` as the data the week is planned with."""
        with writing(self.engine) as conn:
            _weeks.save_data(conn, week, problem, actor=by)

    @_plain
    def week_data(self, week: WeekRef) -> Problem | None:
        """The data the week is planned with (None when never saved)."""
        with reading(self.engine) as conn:
            if _weeks.find_week(conn, week) is None:
                return None
            return _weeks.week_data(conn, week)

    # Versions and drafts -----------------------------------------------------
    @_plain
    def latest(self, week: WeekRef) -> VersionInfo | None:
        """The latest published version; None when nothing is published."""
        with reading(self.engine) as conn:
            if _weeks.find_week(conn, week) is None:
                return None
            found = _versions.versions(conn, week)
        return found[-1] if found else None

    @_plain
    def versions(self, week: WeekRef) -> list[VersionInfo]:
        """Published versions, oldest first (none for a week never seen)."""
        with reading(self.engine) as conn:
            if _weeks.find_week(conn, week) is None:
                return []
            return _versions.versions(conn, week)

    @_plain
    def version(self, week: WeekRef, number: int) -> VersionInfo:
        """One version's details; raises StoreError naming the versions there are."""
        with reading(self.engine) as conn:
            return _versions.version_info(conn, week, number)

    @_plain
    def version_lines(self, week: WeekRef, number: int) -> list[Assignment]:
        """A version's rota exactly as published."""
        with reading(self.engine) as conn:
            return _versions.version_lines(conn, week, number)

    @_plain
    def version_problem(self, week: WeekRef, number: int) -> Problem:
        """The data a version was published with."""
        with reading(self.engine) as conn:
            snapshot = _versions.version_snapshot(conn, week, number)
            return _weeks.load_snapshot(conn, snapshot, week)

    @_plain
    def publish(
        self,
        week: WeekRef,
        problem: Problem,
        assignments: Sequence[Assignment],
        *,
        by: str,
        note: str = "",
        expect_version: int,
        at: dt.datetime | None = None,
        run_id: int | None = None,
    ) -> VersionInfo:
        """Publish as the next version; see :func:`rota.store.versions.publish`."""
        return _versions.publish(
            self.engine,
            week,
            problem,
            assignments,
            by=by,
            note=note,
            expect_version=expect_version,
            at=at,
            run_id=run_id,
        )

    @_plain
    def save_draft(
        self,
        week: WeekRef,
        problem: Problem,
        assignments: Sequence[Assignment],
        *,
        by: str,
        reason: str = "manual",
        note: str = "",
        base_version: int | None = None,
    ) -> int:
        """Keep a rota without publishing it; returns the draft's id."""
        return _versions.save_draft(
            self.engine,
            week,
            problem,
            assignments,
            by=by,
            reason=reason,
            note=note,
            base_version=base_version,
        )

    @_plain
    def drafts(self, week: WeekRef) -> list[DraftInfo]:
        """The week's drafts, oldest first."""
        with reading(self.engine) as conn:
            if _weeks.find_week(conn, week) is None:
                return []
            return _versions.drafts(conn, week)

    @_plain
    def draft_lines(self, week: WeekRef, draft: int) -> list[Assignment]:
        """A draft's rota."""
        with reading(self.engine) as conn:
            return _versions.draft_lines(conn, week, draft)

    @_plain
    def draft_problem(self, week: WeekRef, draft: int) -> Problem:
        """The data a draft was kept with."""
        with reading(self.engine) as conn:
            snapshot = _versions.draft_snapshot(conn, week, draft)
            return _weeks.load_snapshot(conn, snapshot, week)

    # Runs, asks and answers --------------------------------------------------
    @_plain
    def record_run(
        self,
        week: WeekRef,
        problem: Problem,
        policy: Policy,
        summary: Summary,
        assignments: Sequence[Assignment],
        asks: Sequence[Ask],
        *,
        by: str,
        base_version: int | None,
    ) -> RunInfo:
        """Keep a solve with its rota (as a draft) and its asks."""
        return _runs.record_run(
            self.engine,
            week,
            problem,
            policy,
            summary,
            assignments,
            asks,
            by=by,
            base_version=base_version,
        )

    @_plain
    def runs(self, week: WeekRef) -> list[RunInfo]:
        """The week's recorded solves, oldest first."""
        with reading(self.engine) as conn:
            if _weeks.find_week(conn, week) is None:
                return []
            return _runs.runs(conn, week)

    @_plain
    def asks(self, week: WeekRef, run: int | None = None) -> list[Ask]:
        """A run's asks (default: the latest run that made any)."""
        with reading(self.engine) as conn:
            if _weeks.find_week(conn, week) is None:
                return []
            return _runs.asks(conn, week, run)

    @_plain
    def record_agreement(
        self,
        week: WeekRef,
        agreement: Agreement,
        *,
        by: str,
        ask_id: str | None = None,
        run_id: int | None = None,
    ) -> Agreement:
        """Keep an answer; returns it with the id it was kept under."""
        return _answers.record_agreement(
            self.engine, week, agreement, by=by, ask_id=ask_id, run_id=run_id
        )

    @_plain
    def agreements(self, week: WeekRef) -> list[Agreement]:
        """The week's answers in the order recorded."""
        with reading(self.engine) as conn:
            return _answers.agreements(conn, week)

    def with_store(self, problem: Problem, week: WeekRef) -> tuple[Problem, int]:
        """The problem as the store knows it, and the version it is measured against.

        The latest published version, when there is one, becomes the published
        rota (changes are measured against it); the store's answers are added to
        the folder's (an answer in both is kept once).
        """
        latest = self.latest(week)
        published = problem.published
        if latest is not None:
            lines = self.version_lines(week, latest.number)
            published = tuple(
                PublishedAssignment(
                    session_id=a.session_id,
                    worker_id=a.worker_id,
                    date=a.start.date(),
                    start=a.start.time(),
                    end=a.end.time(),
                )
                for a in lines
                if a.session_id in problem.session_by_id
                and a.worker_id in problem.worker_by_id
            )
        agreements = merge_agreements(problem.agreements, self.agreements(week))
        fields = {name: getattr(problem, name) for name in Problem.model_fields}
        fields.update(published=published, agreements=agreements)
        return Problem(**fields), latest.number if latest else 0

    # Accounts ------------------------------------------------------------------
    @_plain
    def add_account(
        self,
        username: str,
        password: str,
        *,
        role: Role,
        worker_id: str | None = None,
        email: str | None = None,
        by: str,
    ) -> AccountInfo:
        """Create an account (the password is kept only as an Argon2 hash)."""
        return _accounts.add_account(
            self.engine,
            username,
            password,
            role=role,
            worker_id=worker_id,
            email=email,
            by=by,
        )

    @_plain
    def accounts(self) -> list[AccountInfo]:
        """Every account, by username."""
        with reading(self.engine) as conn:
            return _accounts.accounts(conn)

    @_plain
    def remove_account(self, username: str, *, by: str) -> None:
        """Delete an account."""
        _accounts.remove_account(self.engine, username, by=by)

    @_plain
    def verify(self, username: str, password: str) -> AccountInfo | None:
        """The account when the password is right, else None."""
        return _accounts.verify(self.engine, username, password)

    @_plain
    def account_by_email(self, email: str) -> AccountInfo | None:
        """The account an identity provider's e-mail maps to."""
        with reading(self.engine) as conn:
            return _accounts.account_by_email(conn, email)

    # Audit ---------------------------------------------------------------------
    @_plain
    def audit(self, week: WeekRef | None = None) -> list[AuditInfo]:
        """The audit log in the order written (one week's lines when given)."""
        with reading(self.engine) as conn:
            return _audit.entries(conn, week=week)


def _content(a: Agreement) -> str:
    return repr(sorted(a.model_dump(exclude={"agreement_id", "answered_at"}).items()))


def merge_agreements(
    folder: Sequence[Agreement], stored: Sequence[Agreement]
) -> tuple[Agreement, ...]:
    """The folder's answers, then the store's that the folder lacks.

    The same answer in both (same party, kind, session, times and answer) is kept
    once; a stored answer whose id the folder already uses for something else is
    kept under ``<id>-store``.
    """
    merged = list(folder)
    seen = {_content(a) for a in folder}
    ids = {a.agreement_id for a in folder}
    for agreement in stored:
        if _content(agreement) in seen:
            continue
        if agreement.agreement_id in ids:
            agreement = agreement.model_copy(
                update={"agreement_id": f"{agreement.agreement_id}-store"}
            )
        merged.append(agreement)
        seen.add(_content(agreement))
        ids.add(agreement.agreement_id)
    return tuple(merged)
