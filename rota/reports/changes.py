"""What changed between two rotas of the same horizon, session by session.

A change is told to people at ``told_at``; its notice is the time from then to the
session's start (the earlier start when it moved). A change with less notice than
the notice period is *late*, unless the session had already started when told,
since nobody can be given notice of the past.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..io.outputs import Table, Value
from ..model import Assignment, Problem
from ..model.time import span_text
from .wording import (
    hours_text,
    moved_text,
    names_text,
    notice_text,
    person_name,
    worker_name,
)

CHANGES_COLUMNS = (
    "session_id",
    "user_id",
    "date",
    "start",
    "end",
    "before",
    "after",
    "change",
    "notice_hours",
    "late",
    "message",
)

CHANGE_KINDS = (
    "covered",
    "uncovered",
    "worker_added",
    "worker_removed",
    "time_changed",
)
"""Every kind of change, in the order :attr:`SessionChange.kinds` lists them."""


@dataclass(frozen=True)
class SessionChange:
    """How one session differs between the rota before and the rota after.

    Attributes
    ----------
    session_id
        The session.
    user_id
        The person the session is for; ``''`` when the problem does not know it.
    workers_before, workers_after
        Worker ids on the session in each rota, sorted; empty when uncovered.
    start_before, end_before, start_after, end_after
        The rostered times in each rota; None when uncovered in that rota.
    notice_hours
        Hours from ``told_at`` to the session's earliest start in either rota;
        negative when the session had already started.
    notice_days
        The notice period the change was judged against.
    late
        Whether the notice is shorter than the notice period (never for a session
        already started when told).
    """

    session_id: str
    user_id: str
    workers_before: tuple[str, ...]
    workers_after: tuple[str, ...]
    start_before: dt.datetime | None
    end_before: dt.datetime | None
    start_after: dt.datetime | None
    end_after: dt.datetime | None
    notice_hours: float
    notice_days: float
    late: bool

    @property
    def start(self) -> dt.datetime:
        """The earliest start of the session in either rota."""
        starts = [s for s in (self.start_before, self.start_after) if s is not None]
        return min(starts)

    @property
    def times(self) -> tuple[dt.datetime, dt.datetime]:
        """The times after the change, or before it when now uncovered."""
        if self.start_after is not None and self.end_after is not None:
            return self.start_after, self.end_after
        assert self.start_before is not None and self.end_before is not None
        return self.start_before, self.end_before

    @property
    def added(self) -> tuple[str, ...]:
        """Workers on the session after the change only, sorted."""
        return tuple(w for w in self.workers_after if w not in self.workers_before)

    @property
    def removed(self) -> tuple[str, ...]:
        """Workers on the session before the change only, sorted."""
        return tuple(w for w in self.workers_before if w not in self.workers_after)

    @property
    def kept(self) -> tuple[str, ...]:
        """Workers on the session both before and after, sorted."""
        return tuple(w for w in self.workers_after if w in self.workers_before)

    @property
    def moved(self) -> bool:
        """Whether the session is covered in both rotas at different times."""
        return (
            bool(self.workers_before)
            and bool(self.workers_after)
            and (self.start_before, self.end_before)
            != (self.start_after, self.end_after)
        )

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of change, in :data:`CHANGE_KINDS` order.

        ``covered`` and ``uncovered`` stand alone: workers are only said to be
        added or removed, and times to change, on a session covered in both rotas.
        """
        if not self.workers_before:
            return ("covered",)
        if not self.workers_after:
            return ("uncovered",)
        kinds = []
        if self.added:
            kinds.append("worker_added")
        if self.removed:
            kinds.append("worker_removed")
        if self.moved:
            kinds.append("time_changed")
        return tuple(kinds)

    def describe(self, problem: Problem | None = None) -> str:
        """One plain sentence for the office, with names and the notice given.

        Parameters
        ----------
        problem
            Where names come from; ids are used for anyone it does not know.

        Returns
        -------
        str
            E.g. ``"S3 (Mrs A Smith, Tuesday 1 Dec 09:00-10:00): Bea replaces Ann;
            30 hours' notice (inside the 7-day notice period)"``.
        """
        start, end = self.times
        where = span_text(start, end)
        if self.user_id:
            where = f"{person_name(problem, self.user_id)}, {where}"
        parts = self._what(problem)
        parts.append(self._notice())
        return f"{self.session_id} ({where}): {'; '.join(parts)}"

    def _what(self, problem: Problem | None) -> list[str]:
        def names(ids: Sequence[str]) -> str:
            return names_text([worker_name(problem, w) for w in ids])

        if not self.workers_before:
            return [f"now covered by {names(self.workers_after)}"]
        if not self.workers_after:
            return [f"now uncovered ({names(self.workers_before)} taken off)"]
        parts = []
        added, removed = self.added, self.removed
        if added and removed:
            verb = "replaces" if len(added) == 1 else "replace"
            parts.append(f"{names(added)} {verb} {names(removed)}")
        elif added:
            parts.append(f"{names(added)} added")
        elif removed:
            parts.append(f"{names(removed)} taken off")
        if self.moved:
            assert self.start_before is not None and self.end_before is not None
            old = moved_text(self.start_before, self.end_before, since=self.times[0])
            parts.append(f"moved from {old}")
        return parts

    def _notice(self) -> str:
        if self.notice_hours < 0:
            return f"told {hours_text(-self.notice_hours)} after it started"
        text = notice_text(self.notice_hours)
        if self.late:
            return f"{text} (inside the {self.notice_days:g}-day notice period)"
        return text


def diff_rotas(
    before: Sequence[Assignment],
    after: Sequence[Assignment],
    *,
    told_at: dt.datetime,
    notice_days: float,
    problem: Problem | None = None,
) -> list[SessionChange]:
    """The sessions whose workers or times differ between two rotas.

    Parameters
    ----------
    before, after
        The rota people were last told, and the new one.
    told_at
        When people are told of the new rota.
    notice_days
        The notice period: a change inside it is late.
    problem
        Where each session's person comes from; without it (or for a session it
        does not know) ``user_id`` is ``''``.

    Returns
    -------
    list[SessionChange]
        One per changed session, by earliest start then session id. A session
        with the same workers at the same times in both rotas is left out.
    """
    old, new = _by_session(before), _by_session(after)
    changes = []
    for session_id in old.keys() | new.keys():
        was, now = old.get(session_id), new.get(session_id)
        if was == now:
            continue
        session = problem.session_by_id.get(session_id) if problem else None
        starts = [cover[1] for cover in (was, now) if cover is not None]
        notice = (min(starts) - told_at).total_seconds() / 3600
        changes.append(
            SessionChange(
                session_id=session_id,
                user_id=session.user_id if session else "",
                workers_before=was[0] if was else (),
                workers_after=now[0] if now else (),
                start_before=was[1] if was else None,
                end_before=was[2] if was else None,
                start_after=now[1] if now else None,
                end_after=now[2] if now else None,
                notice_hours=notice,
                notice_days=notice_days,
                late=0 <= notice < notice_days * 24,
            )
        )
    return sorted(changes, key=lambda c: (c.start, c.session_id))


_Cover = tuple[tuple[str, ...], dt.datetime, dt.datetime]


def _by_session(assignments: Sequence[Assignment]) -> dict[str, _Cover]:
    """Sorted workers, earliest start and latest end of every covered session."""
    lines: dict[str, list[Assignment]] = defaultdict(list)
    for a in assignments:
        lines[a.session_id].append(a)
    return {
        session_id: (
            tuple(sorted({a.worker_id for a in group})),
            min(a.start for a in group),
            max(a.end for a in group),
        )
        for session_id, group in lines.items()
    }


def changes_table(changes: Sequence[SessionChange], problem: Problem) -> Table:
    """Header and rows of a changes file, one row per change in the order given.

    Parameters
    ----------
    changes
        The changes, as :func:`diff_rotas` gives them.
    problem
        Where the names in ``message`` come from.

    Returns
    -------
    Table
        Columns ``session_id, user_id, date, start, end, before, after, change,
        notice_hours, late, message``; the times are the new ones, or the old
        when the session is now uncovered, and ``before``/``after`` are worker
        ids joined by ``;`` (empty when uncovered).
    """
    rows: list[list[Value]] = []
    for c in changes:
        start, end = c.times
        rows.append(
            [
                c.session_id,
                c.user_id,
                start.date(),
                start.time(),
                end.time(),
                ";".join(c.workers_before),
                ";".join(c.workers_after),
                ";".join(c.kinds),
                round(c.notice_hours, 1),
                "yes" if c.late else "no",
                c.describe(problem),
            ]
        )
    return list(CHANGES_COLUMNS), rows
