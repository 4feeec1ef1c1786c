"""``rota validate``: check a data folder or workbook and list every issue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from ..io import LoadResult, load
from ..io.excel import EXCEL_SUFFIXES
from ..model import Horizon, Problem
from ..policy import PolicyError, load_policy
from .app import app, console, err_console

_STYLE = {"error": "bold red", "warning": "yellow"}


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def week_summary(problem: Problem) -> str:
    """One line about a clean problem: who, how much, and which dates.

    Parameters
    ----------
    problem
        A loaded problem.

    Returns
    -------
    str
        Counts of workers, people and sessions, the hours requested (and staff
        hours when double-ups make them differ) and the horizon's dates.
    """
    hours = staff_hours = 0.0
    for s in problem.sessions:
        begin, end = problem.period.interval(s.date, s.start, s.end)
        hours += (end - begin) / 60
        staff_hours += (end - begin) / 60 * s.staff_required
    extra = f" ({_number(staff_hours)} staff hours)" if staff_hours != hours else ""
    period = problem.period
    last = period.date_of(period.days - 1)
    people = "1 person" if len(problem.users) == 1 else f"{len(problem.users)} people"
    return (
        f"{_plural(len(problem.workers), 'worker')}, {people} supported, "
        f"{_plural(len(problem.sessions), 'session')}, "
        f"{_number(hours)} hours requested{extra}, "
        f"{period.start.isoformat()} to {last.isoformat()}"
    )


def _report(result: LoadResult, source: Path) -> None:
    for issue in result.issues:
        style = _STYLE[issue.severity]
        console.print(
            f"[{style}]{issue.severity}[/{style}] {escape(str(issue))}",
            soft_wrap=True,
            highlight=False,
        )
    errors, warnings = len(result.errors), len(result.warnings)
    if source.suffix.lower() in EXCEL_SUFFIXES and any(i.row for i in result.issues):
        console.print(
            "(sheets are named like the files; row 1 is the row under the header)",
            highlight=False,
        )
    counts = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    if result.problem is None:
        console.print(f"[bold red]{counts}[/bold red]", highlight=False)
    else:
        summary = escape(week_summary(result.problem))
        console.print(
            f"[green]{counts}[/green]: {summary}", highlight=False, soft_wrap=True
        )


@app.command("validate")
def validate(
    path: Annotated[
        Path, typer.Argument(help="A folder of CSV files or an .xlsx workbook.")
    ],
    policy: Annotated[
        str | None,
        typer.Option(help="Preset name or policy TOML (for default charge rates)."),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(help="First day of the rota (YYYY-MM-DD); default: from data."),
    ] = None,
    days: Annotated[int, typer.Option(min=1, help="Days in the rota.")] = 7,
) -> None:
    """Check input data: list every error and warning, then a one-line summary.

    Exits with status 1 when there is any error, 0 otherwise (warnings allowed).
    """
    horizon = None
    if start is not None:
        try:
            horizon = Horizon(start=dt.date.fromisoformat(start), days=days)
        except ValueError:
            err_console.print(
                f"[red]error[/red] --start '{escape(start)}' is not a date"
            )
            raise typer.Exit(1) from None
    try:
        chosen = load_policy(policy)
    except PolicyError as exc:
        err_console.print(f"[red]error[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(1) from None
    result = load(path, horizon=horizon, policy=chosen)
    _report(result, path)
    if result.errors:
        raise typer.Exit(1)
