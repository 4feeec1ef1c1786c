"""Helpers the subcommands share: loading data and policy with plain errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from ..io import DataError, load_problem
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
