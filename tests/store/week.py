"""A tiny week for the store's tests, and rotas of it (no solver needed).

Two workers, Ann and Bea, and one person, Mrs Cole, with three one-hour visits on
Monday 30 Nov, Wednesday 2 Dec and Friday 4 Dec 2026 at 09:00.
"""

from __future__ import annotations

import datetime as dt

from helpers import assign, person, session, week, worker

from rota.model import Assignment, Problem

TOLD = dt.datetime(2026, 11, 16, 12, 0)
"""Two weeks before the rota starts: every change then is outside the notice."""


def tiny_week() -> Problem:
    """The week; no availability rows, so anyone may work any time."""
    return week(
        [worker("ann", name="Ann"), worker("bea", name="Bea")],
        [person("cole", name="Mrs Cole")],
        [
            session("S1", "cole", 0, "09:00", "10:00"),
            session("S2", "cole", 2, "09:00", "10:00"),
            session("S3", "cole", 4, "09:00", "10:00"),
        ],
    )


def rota_of(*pairs: tuple[str, str]) -> list[Assignment]:
    """Assignments at the sessions' own times, e.g. ``rota_of(("S1", "ann"))``."""
    days = {"S1": 0, "S2": 2, "S3": 4}
    return [assign(s, w, days[s], "09:00", "10:00") for s, w in pairs]
