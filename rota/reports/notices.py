"""The change notices each worker and each person gets, one per changed session.

A worker hears of a session they are new on, taken off, or still on at new
times; a worker whose session changed only in who else comes hears nothing. The
person hears of every change to their session, with their old times as the
heading since those are the times they know.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..io.outputs import Table, Value
from ..model import Problem
from ..model.time import span_text
from .changes import SessionChange
from .wording import moved_text, names_text, person_name, worker_name

Party = Literal["worker", "person"]

NOTICES_COLUMNS = (
    "party",
    "party_id",
    "name",
    "session_id",
    "what",
    "notice_hours",
    "late",
)


@dataclass(frozen=True)
class Notice:
    """What one worker or person is told about one changed session.

    Attributes
    ----------
    party_id
        The worker id or the person's user id.
    party
        ``"worker"`` or ``"person"``.
    name
        The party's name (the id when the problem does not know them).
    session_id
        The session that changed.
    what
        One plain sentence for that party.
    notice_hours, late
        As on the :class:`~rota.reports.SessionChange`.
    """

    party_id: str
    party: Party
    name: str
    session_id: str
    what: str
    notice_hours: float
    late: bool


def change_notices(changes: Sequence[SessionChange], problem: Problem) -> list[Notice]:
    """Every notice the changes call for.

    Parameters
    ----------
    changes
        The changes, as :func:`~rota.reports.diff_rotas` gives them.
    problem
        Where names come from. A session whose person it does not know
        (``user_id == ''``) gets no person notice.

    Returns
    -------
    list[Notice]
        Workers' notices first, then people's; each by name, then by the
        session's earliest start.
    """
    keyed = []
    for change in changes:
        for notice in _notices(change, problem):
            party = 0 if notice.party == "worker" else 1
            key = (party, notice.name, change.start, change.session_id, notice.party_id)
            keyed.append((key, notice))
    return [notice for _, notice in sorted(keyed, key=lambda pair: pair[0])]


def _notices(change: SessionChange, problem: Problem) -> list[Notice]:
    def notice(party: Party, party_id: str, name: str, what: str) -> Notice:
        return Notice(
            party_id=party_id,
            party=party,
            name=name,
            session_id=change.session_id,
            what=what,
            notice_hours=change.notice_hours,
            late=change.late,
        )

    at = ""
    if change.user_id:
        at = f" at {person_name(problem, change.user_id)}'s"
    label = f"{at} ({change.session_id})"
    out = []
    if change.added:
        new = span_text(*change.times)
        for w in change.added:
            out.append(
                notice("worker", w, worker_name(problem, w), f"New: {new}{label}")
            )
    if change.removed:
        old = span_text(*_before(change))
        for w in change.removed:
            what = f"Taken off: {old}{label}"
            out.append(notice("worker", w, worker_name(problem, w), what))
    if change.moved:
        start, end = change.times
        was = moved_text(*_before(change), since=start)
        what = f"Moved: {span_text(start, end)}{label}, was {was}"
        for w in change.kept:
            out.append(notice("worker", w, worker_name(problem, w), what))
    if change.user_id:
        name = person_name(problem, change.user_id)
        what = _person_what(change, problem)
        out.append(notice("person", change.user_id, name, what))
    return out


def _before(change: SessionChange) -> tuple[dt.datetime, dt.datetime]:
    assert change.start_before is not None and change.end_before is not None
    return change.start_before, change.end_before


def _person_what(change: SessionChange, problem: Problem) -> str:
    """E.g. 'Tuesday 1 Dec 09:00-10:00 (S3): Bea instead of Ann'."""

    def names(ids: Sequence[str]) -> str:
        return names_text([worker_name(problem, w) for w in ids])

    known = _before(change) if change.workers_before else change.times
    parts = []
    if not change.workers_before:
        parts.append(f"now covered by {names(change.workers_after)}")
    elif not change.workers_after:
        parts.append("now has no worker")
    else:
        if change.moved:
            start, end = change.times
            parts.append(f"moved to {moved_text(start, end, since=known[0])}")
        if change.added and change.removed:
            parts.append(f"{names(change.added)} instead of {names(change.removed)}")
        elif change.added:
            parts.append(f"{names(change.added)} as well as {names(change.kept)}")
        elif change.removed:
            parts.append(f"{names(change.removed)} no longer coming")
    return f"{span_text(*known)} ({change.session_id}): {'; '.join(parts)}"


def notices_table(notices: Sequence[Notice]) -> Table:
    """Header and rows of a notices file, one row per notice in the order given.

    Parameters
    ----------
    notices
        The notices, as :func:`change_notices` gives them.

    Returns
    -------
    Table
        Columns ``party, party_id, name, session_id, what, notice_hours, late``;
        ``notice_hours`` to one decimal, ``late`` as ``yes``/``no``.
    """
    rows: list[list[Value]] = [
        [
            n.party,
            n.party_id,
            n.name,
            n.session_id,
            n.what,
            round(n.notice_hours, 1),
            "yes" if n.late else "no",
        ]
        for n in notices
    ]
    return list(NOTICES_COLUMNS), rows
