"""Helpers the store's commands share: opening the store, finding the week."""

from __future__ import annotations

import datetime as dt
import getpass
from pathlib import Path
from typing import NoReturn

import typer
from rich.markup import escape

from ..model import Problem
from ..store import Store, StoreError, WeekRef
from .app import err_console
from .common import problem_or_exit

DB_HELP = "database URL (default: ROTA_DATABASE_URL, else SQLite in your data folder)"
TEAM_HELP = "the team's name in the store (default: the data folder's name)"


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one plain error line and exit."""
    err_console.print(
        f"[red]error[/red] {escape(message)}", highlight=False, soft_wrap=True
    )
    raise typer.Exit(code)


def store_or_exit(url: str | None) -> Store:
    """Open the store; one line and exit 1 when it cannot be used."""
    try:
        return Store(url)
    except StoreError as exc:
        fail(str(exc))


def team_name(folder: Path, team: str | None) -> str:
    """The team a data folder belongs to."""
    if team:
        return team
    resolved = folder.expanduser().resolve()
    return resolved.stem if resolved.suffix.lower() == ".xlsx" else resolved.name


def week_or_exit(
    folder: Path, team: str | None, week: str | None
) -> tuple[WeekRef, Problem | None]:
    """The team's week: from ``--week`` when given, else from the folder's data."""
    name = team_name(folder, team)
    if week is not None:
        try:
            start = dt.date.fromisoformat(week)
        except ValueError:
            fail(f"--week: '{week}' is not a date (expected YYYY-MM-DD)")
        return WeekRef(name, start), None
    problem = problem_or_exit(folder)
    return Store.week_of(problem, name), problem


def actor(by: str | None) -> str:
    """Who is acting: ``--by``, else the signed-in user of this computer."""
    if by and by.strip():
        return by.strip()
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def when(moment: dt.datetime) -> str:
    """A moment as people read it: 'Mon 30 Nov 2026 09:05'."""
    return f"{moment:%a} {moment.day} {moment:%b %Y %H:%M}"
