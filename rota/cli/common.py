"""Helpers the subcommands share: loading data and policy with plain errors."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from ..io import (
    DataError,
    DataIssue,
    OutputError,
    check_output_folder,
    load_problem,
)
from ..model import Problem
from ..policy import Policy, PolicyError, load_policy
from .app import err_console

MAX_SHOWN = 200
"""Most issues printed; the rest are counted (``rota validate --all-errors``)."""


def print_capped(
    lines: Sequence[str],
    out: Console,
    *,
    more: str,
    styles: Sequence[str] | None = None,
) -> None:
    """Print the first :data:`MAX_SHOWN` lines, then one line counting the rest.

    Parameters
    ----------
    lines
        The messages, plain text (no markup).
    out
        Where to print.
    more
        Said after the count of lines left out, e.g. how to see them all.
    styles
        A rich style for each line's first word (``error``/``warning``), or None.
    """
    for i, line in enumerate(lines[:MAX_SHOWN]):
        style = styles[i] if styles is not None else ""
        if style:
            head, _, rest = line.partition(" ")
            out.print(head, style=style, end=" ", highlight=False)
            out.print(rest, markup=False, highlight=False, soft_wrap=True)
        else:
            out.print(line, markup=False, highlight=False, soft_wrap=True)
    if len(lines) > MAX_SHOWN:
        out.print(
            f"... and {len(lines) - MAX_SHOWN:,} more; {more}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )


def issue_lines(issues: Sequence[DataIssue]) -> list[str]:
    """Issues as printed: severity, then file, row, column and message."""
    return [f"{i.severity} {i}" for i in issues]


def write_lines(path: Path, lines: Sequence[str]) -> str | None:
    """Write ``lines`` to ``path``, one a line; the reason when it cannot."""
    try:
        path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    except OSError as exc:
        return f"cannot write {path} ({exc.strerror or exc})"
    return None


def problem_or_exit(folder: Path, policy: Policy | None = None) -> Problem:
    """Load a data folder or workbook; print the errors (at most
    :data:`MAX_SHOWN`) and exit 1 when bad.

    ``policy`` supplies the plausibility limits (``limits.max_horizon_weeks``,
    ``limits.longest_session_hours``); default: the built-in defaults.
    """
    try:
        return load_problem(folder, policy=policy)
    except DataError as exc:
        print_capped(
            [str(issue) for issue in exc.issues],
            err_console,
            more=f"`rota validate {folder} --all-errors FILE` writes them all.",
        )
        err_console.print(
            f"[red]{len(exc.errors)} error(s) in {folder}[/red]; "
            f"`rota validate {folder}` lists them with warnings.",
            highlight=False,
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
