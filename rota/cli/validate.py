"""``rota validate``: check a data folder or workbook and list every issue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from ..check import impossible
from ..io import LoadResult, load
from ..io.excel import EXCEL_SUFFIXES
from ..model import Horizon, Problem
from ..model.time import MAX_HORIZON_DAYS
from ..policy import PolicyError, load_policy
from .app import app, console, err_console
from .common import MAX_SHOWN, issue_lines, print_capped, write_lines

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


def _lines(result: LoadResult, impossible: list[str]) -> list[str]:
    return issue_lines(result.issues) + [f"error {reason}" for reason in impossible]


def _report(
    result: LoadResult, source: Path, impossible: list[str], all_errors: Path | None
) -> None:
    issues = _lines(result, impossible)
    styles = [_STYLE[i.severity] for i in result.issues]
    styles += [_STYLE["error"]] * len(impossible)
    more = (
        f"the whole list is in {all_errors}"
        if all_errors
        else (f"`rota validate {source} --all-errors FILE` writes them all to FILE")
    )
    print_capped(issues, console, more=more, styles=styles)
    errors = len(result.errors) + len(impossible)
    warnings = len(result.warnings)
    if source.suffix.lower() in EXCEL_SUFFIXES and any(i.row for i in result.issues):
        console.print(
            "(sheets are named like the files; row 1 is the row under the header)",
            highlight=False,
        )
    counts = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    if result.problem is None or impossible:
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
    all_errors: Annotated[
        Path | None,
        typer.Option(
            "--all-errors",
            help=f"Write every error and warning to this file (the screen shows "
            f"the first {MAX_SHOWN}).",
        ),
    ] = None,
) -> None:
    """Check input data: list every error and warning, then a one-line summary.

    At most the first 200 issues are shown, then a count; --all-errors FILE
    writes every one. A minimum no rota can meet (e.g. min_total_hours above
    what max_hours allows) is an error too. Exits with status 1 when there is
    any error, 0 otherwise (warnings allowed).
    """
    horizon = None
    if start is not None:
        try:
            first = dt.date.fromisoformat(start)
        except ValueError:
            err_console.print(
                f"[red]error[/red] --start '{escape(start)}' is not a date"
            )
            raise typer.Exit(1) from None
        try:
            horizon = Horizon(start=first, days=days)
        except ValueError:
            err_console.print(
                f"[red]error[/red] --start {first} --days {days}: a rota starts in "
                f"the years 1900 to 2999 and lasts at most {MAX_HORIZON_DAYS} days",
                highlight=False,
            )
            raise typer.Exit(1) from None
    try:
        chosen = load_policy(policy)
    except PolicyError as exc:
        err_console.print(f"[red]error[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(1) from None
    result = load(path, horizon=horizon, policy=chosen)
    # A minimum no rota can meet is found here, before anyone runs a solve.
    reasons = impossible(result.problem, chosen) if result.problem else []
    if all_errors is not None:
        failed = write_lines(all_errors, _lines(result, reasons))
        if failed is not None:
            err_console.print(f"[red]error[/red] {escape(failed)}", highlight=False)
    _report(result, path, reasons, all_errors)
    if result.errors or reasons:
        raise typer.Exit(1)
