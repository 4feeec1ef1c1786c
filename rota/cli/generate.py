"""``rota generate``: write a realistic sample week as a data folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from ..generate import generate_week_with_plan
from ..io import write_folder
from ..io.columns import INPUT_FILES
from .app import app, console, err_console
from .validate import week_summary


def _fail(message: str) -> typer.Exit:
    err_console.print(f"[red]error[/red] {escape(message)}", highlight=False)
    return typer.Exit(1)


@app.command("generate")
def generate(
    out: Annotated[
        Path, typer.Option("--out", help="Folder to write the CSV files into.")
    ],
    size: Annotated[
        str,
        typer.Option(
            help="small (10 workers), medium (40), large (150) or a number of workers."
        ),
    ] = "small",
    seed: Annotated[int, typer.Option(help="Same seed, same week.")] = 1,
    start: Annotated[
        str | None,
        typer.Option(
            help="The Monday the week starts (YYYY-MM-DD); default 2026-11-30."
        ),
    ] = None,
    feasible: Annotated[
        bool,
        typer.Option(
            "--feasible",
            help="Build the week around a rota known to cover every session.",
        ),
    ] = False,
    tight: Annotated[
        bool,
        typer.Option(
            "--tight",
            help="With --feasible: cut each worker's availability to their days in "
            "that rota (first start to last end) and max_hours to its paid hours, "
            "travel included, so it leaves no slack.",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace the data files already in --out."),
    ] = False,
) -> None:
    """Generate a sample week of a UK care provider: staff, people, sessions.

    The week is realistic rather than real: a town about 20 km across, older
    people's home care, children's respite, adults with learning disabilities and
    mental-health outreach, staff on full-time, part-time and relief contracts
    with the hours they can work. The same size and seed always give the same
    files.

    With --feasible --tight the week has no slack: each worker is available only
    on the days the known rota gives them, from its first start to its last end,
    and may work only its paid hours.
    """
    if tight and not feasible:
        raise _fail(
            "--tight needs --feasible: a tight week is cut down to the rota a "
            "feasible week is built around"
        )
    monday = None
    if start is not None:
        try:
            monday = dt.date.fromisoformat(start)
        except ValueError:
            raise _fail(f"--start '{start}' is not a date (YYYY-MM-DD)") from None
    if out.exists() and not out.is_dir():
        raise _fail(f"--out {out} is a file, not a folder")
    existing = [s.name for s in INPUT_FILES if (out / s.name).exists()]
    if existing and not force:
        raise _fail(
            f"{out} already holds {', '.join(existing)}; pass --force to replace them"
        )
    try:
        problem, _ = generate_week_with_plan(
            size, seed=seed, start=monday, feasible=feasible, tight=tight
        )
    except ValueError as exc:
        raise _fail(str(exc)) from None
    for name in existing:
        # Stale files (a published rota, agreements) would change the week.
        (out / name).unlink()
    try:
        write_folder(problem, out)
    except OSError as exc:
        raise _fail(f"cannot write {out}: {exc.strerror or exc}") from None
    console.print(
        f"Wrote {escape(str(out))}: {escape(week_summary(problem))}"
        + (" [green](a full-coverage rota exists)[/green]" if feasible else "")
        + (" [green]with no slack[/green]" if tight else ""),
        highlight=False,
        soft_wrap=True,
    )
