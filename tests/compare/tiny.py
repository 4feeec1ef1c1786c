"""A tiny week every comparison test solves to OPTIMAL in well under a second.

Ann (20 contracted hours) and Bea (none) look after Mrs Cole and Mr Dunn: eight
visits from Monday 30 Nov 2026, two of them on Tuesday morning and evening (a
split shift for whoever takes both), and one linked pair on Thursday.
"""

from __future__ import annotations

from helpers import person, session, week, worker

from rota.model import Problem

NAMES = ("Ann Able", "Bea Bright", "Mrs Cole", "Mr Dunn")
"""Every person's and worker's name, which HR must never see."""


def tiny_week() -> Problem:
    """The week (no availability rows: anyone may work any time)."""
    return week(
        [
            worker("ann", name="Ann Able", contracted_hours=20),
            worker("bea", name="Bea Bright", hourly_rate=12.0),
        ],
        [person("cole", name="Mrs Cole"), person("dunn", name="Mr Dunn")],
        [
            session("S1", "cole", 0, "09:00", "10:00", priority="essential"),
            session("S2", "cole", 1, "08:00", "09:00"),
            session("S3", "cole", 1, "18:00", "19:00"),
            session("S4", "dunn", 1, "12:00", "14:00", flex_minutes=30),
            session("S5", "dunn", 2, "10:00", "12:00"),
            session("S6", "cole", 3, "09:00", "10:00"),
            session("S7", "cole", 3, "11:00", "11:30", linked_to="S6"),
            session("S8", "dunn", 5, "20:00", "22:00"),
        ],
    )
