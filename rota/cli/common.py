"""Helpers the subcommands share: loading data and policy with plain errors."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import typer
from rich.markup import escape

from ..io import DataError, OutputError, check_output_folder, load_problem
from ..model import Problem
from ..policy import Policy, PolicyError, load_policy
from .app import err_console


def problem_or_exit(folder: Path) -> Problem:
    """Load a data folder or workbook; print every error and exit 1 when bad."""
    try:
        return load_problem(folder)
    except DataError as exc:
        for issue in exc.issues:
            err_console.print(str(issue), markup=False, highlight=False)
        err_console.print(
            f"[red]{len(exc.errors)} error(s) in {folder}[/red]; "
            f"`rota validate {folder}` lists them with warnings."
        )
        raise typer.Exit(1) from None


def policy_or_exit(spec: str | None) -> Policy:
    """A preset name or TOML file; a plain message and exit 1 when bad."""
    try:
        return load_policy(spec)
    except PolicyError as exc:
        err_console.print(f"[red]policy:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None


def now_or_exit(text: str | None) -> dt.datetime | None:
    """Parse --now (ISO date or date-time)."""
    if text is None:
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        err_console.print(f"[red]--now:[/red] '{text}' is not an ISO date-time")
        raise typer.Exit(1) from None


def limits_or_exit(
    *, time_limit: float | None = None, workers: int | None = None
) -> None:
    """--time-limit a finite number of seconds above 0, --workers at least 1."""
    if time_limit is not None and not (math.isfinite(time_limit) and time_limit > 0):
        err_console.print(
            f"[red]--time-limit:[/red] {time_limit} is not a number of seconds above 0",
            highlight=False,
        )
        raise typer.Exit(1)
    if workers is not None and workers < 1:
        err_console.print(
            f"[red]--workers:[/red] {workers} is not a number of workers of 1 or more",
            highlight=False,
        )
        raise typer.Exit(1)


def out_or_exit(out: Path) -> Path:
    """Check --out before any work: one plain line and exit 1 when it cannot be used."""
    try:
        return check_output_folder(out)
    except OutputError as exc:
        err_console.print(
            f"[red]--out:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True
        )
        raise typer.Exit(1) from None
