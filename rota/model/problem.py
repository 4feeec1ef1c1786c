"""A rota problem: one horizon of workers, people, sessions and what is known."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from pydantic import BaseModel, ConfigDict, model_validator

from .records import (
    Agreement,
    AvailabilityWindow,
    PublishedAssignment,
    ServiceUser,
    Session,
    TravelEntry,
    Worker,
)
from .time import Horizon


@dataclass(frozen=True)
class ReferenceIssue:
    """A broken cross-reference: ``index`` is the 0-based position in its file."""

    file: str
    index: int
    column: str
    message: str


def reference_issues(
    *,
    workers: Sequence[Worker],
    users: Sequence[ServiceUser],
    sessions: Sequence[Session],
    availability: Sequence[AvailabilityWindow] = (),
    travel: Sequence[TravelEntry] = (),
    published: Sequence[PublishedAssignment] = (),
    agreements: Sequence[Agreement] = (),
) -> list[ReferenceIssue]:
    """Every duplicate id and unknown reference across the files, in file order."""
    issues: list[ReferenceIssue] = []

    def unique(file: str, column: str, ids: Sequence[str]) -> set[str]:
        seen: set[str] = set()
        for index, value in enumerate(ids):
            if value in seen:
                issues.append(
                    ReferenceIssue(file, index, column, f"duplicate id '{value}'")
                )
            seen.add(value)
        return seen

    worker_ids = unique("workers.csv", "worker_id", [w.worker_id for w in workers])
    user_ids = unique("service_users.csv", "user_id", [u.user_id for u in users])
    session_ids = unique("sessions.csv", "session_id", [s.session_id for s in sessions])
    unique("agreements.csv", "agreement_id", [a.agreement_id for a in agreements])

    def known(
        file: str, index: int, column: str, value: str, pool: set[str], what: str
    ):
        if value not in pool:
            issues.append(
                ReferenceIssue(
                    file,
                    index,
                    column,
                    f"'{value}' is not a {what} in {_file_of(what)}",
                )
            )

    for i, user in enumerate(users):
        for column in ("preferred_workers", "excluded_workers"):
            for worker_id in getattr(user, column):
                known("service_users.csv", i, column, worker_id, worker_ids, "worker")
    for i, session in enumerate(sessions):
        known("sessions.csv", i, "user_id", session.user_id, user_ids, "person")
        if session.linked_to is not None:
            known(
                "sessions.csv",
                i,
                "linked_to",
                session.linked_to,
                session_ids,
                "session",
            )
    for i, window in enumerate(availability):
        known(
            "availability.csv", i, "worker_id", window.worker_id, worker_ids, "worker"
        )
    places = worker_ids | user_ids | session_ids
    for i, entry in enumerate(travel):
        for column in ("from_id", "to_id"):
            known("travel.csv", i, column, getattr(entry, column), places, "place")
    for i, line in enumerate(published):
        known(
            "published_rota.csv",
            i,
            "session_id",
            line.session_id,
            session_ids,
            "session",
        )
        known(
            "published_rota.csv", i, "worker_id", line.worker_id, worker_ids, "worker"
        )
    for i, agreement in enumerate(agreements):
        party_pool, what = {
            "move": (user_ids, "person"),
            # A change is agreed by the worker taking a session on or giving it up,
            # or by the person accepting a different worker or time.
            "change": (worker_ids | user_ids, "worker or person"),
        }.get(agreement.kind, (worker_ids, "worker"))
        known("agreements.csv", i, "party_id", agreement.party_id, party_pool, what)
        if agreement.session_id is not None:
            known(
                "agreements.csv",
                i,
                "session_id",
                agreement.session_id,
                session_ids,
                "session",
            )
    return issues


def _file_of(what: str) -> str:
    return {
        "worker": "workers.csv",
        "person": "service_users.csv",
        "worker or person": "workers.csv or service_users.csv",
        "session": "sessions.csv",
        "place": "workers.csv, service_users.csv or sessions.csv",
    }[what]


class ProblemError(ValueError):
    """A problem whose files do not fit together."""


class Problem(BaseModel):
    """One rota horizon: everything the engine needs, validated and cross-checked.

    Build it with :func:`rota.io.load` from files, or directly from records.
    ``horizon`` defaults to the whole weeks covering the sessions, from a Monday.
    """

    model_config = ConfigDict(frozen=True)

    workers: tuple[Worker, ...]
    users: tuple[ServiceUser, ...]
    sessions: tuple[Session, ...]
    availability: tuple[AvailabilityWindow, ...] = ()
    travel: tuple[TravelEntry, ...] = ()
    published: tuple[PublishedAssignment, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    horizon: Horizon | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Problem:
        issues = reference_issues(
            workers=self.workers,
            users=self.users,
            sessions=self.sessions,
            availability=self.availability,
            travel=self.travel,
            published=self.published,
            agreements=self.agreements,
        )
        if issues:
            lines = [
                f"{i.file} row {i.index + 1}, column {i.column}: {i.message}"
                for i in issues
            ]
            raise ProblemError("; ".join(lines))
        if self.horizon is None:
            object.__setattr__(
                self, "horizon", Horizon.covering([s.date for s in self.sessions])
            )
        return self

    @property
    def period(self) -> Horizon:
        """The horizon (always set after validation)."""
        assert self.horizon is not None
        return self.horizon

    @cached_property
    def worker_by_id(self) -> dict[str, Worker]:
        """Workers by id."""
        return {w.worker_id: w for w in self.workers}

    @cached_property
    def user_by_id(self) -> dict[str, ServiceUser]:
        """People by id."""
        return {u.user_id: u for u in self.users}

    @cached_property
    def session_by_id(self) -> dict[str, Session]:
        """Sessions by id."""
        return {s.session_id: s for s in self.sessions}

    def places(self) -> dict[str, tuple[float, float]]:
        """Coordinates of every place id: homes and sessions away from home."""
        coords: dict[str, tuple[float, float]] = {}
        for w in self.workers:
            coords[w.worker_id] = (w.home_lat, w.home_lon)
        for u in self.users:
            coords[u.user_id] = (u.lat, u.lon)
        for s in self.sessions:
            if s.lat is not None and s.lon is not None:
                coords[s.session_id] = (s.lat, s.lon)
        return coords

    def place_of(self, session: Session) -> str:
        """The place id where a session happens."""
        return session.session_id if session.lat is not None else session.user_id

    def session_counts(self) -> Counter[dt.date]:
        """Number of sessions per date (for summaries)."""
        return Counter(s.date for s in self.sessions)
