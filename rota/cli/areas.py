"""`rota solve-areas DIR --out OUT`: a big week solved area by area, in parallel."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import typer
from rich.markup import escape
from rich.table import Table

from ..decompose import AreaResult, DecomposeError, ExecutorKind, solve_by_area
from ..io import OutputError, staged_outputs, write_outputs
from .app import app, console, err_console
from .common import (
    limits_or_exit,
    now_or_exit,
    out_or_exit,
    policy_or_exit,
    problem_or_exit,
)


def print_areas(result: AreaResult) -> None:
    """One row per area, then the whole week's figures."""
    table = Table(title=f"rota by area: {result.status}")
    for name in ("area", "workers", "people", "sessions", "covered", "seconds"):
        table.add_column(name, justify="left" if name == "area" else "right")
    for part in result.parts:
        table.add_row(
            part.label,
            str(part.workers),
            str(part.people),
            str(part.sessions),
            f"{part.covered / part.sessions:.1%}" if part.sessions else "-",
            f"{part.wall_seconds:.1f}",
        )
    console.print(table)
    whole = Table(title="whole week (checked as one rota)", show_header=False)
    whole.add_row("sessions covered", f"{result.covered} of {result.sessions}")
    whole.add_row("coverage", f"{result.coverage:.1%}")
    whole.add_row("objective", f"{result.objective:,.1f}")
    whole.add_row("hard-rule violations", str(len(result.violations)))
    whole.add_row("wall time", f"{result.wall_seconds:.1f} s")
    console.print(whole)


@app.command("solve-areas")
def solve_areas_command(
    folder: Path = typer.Argument(..., help="data folder (or .xlsx workbook)"),
    out: Path = typer.Option(Path("out"), "--out", help="folder for the outputs"),
    parts: int | None = typer.Option(
        None, "--parts", help="number of areas (default: about one per 50 workers)"
    ),
    time_limit: float = typer.Option(
        60.0, "--time-limit", help="seconds for all the areas together"
    ),
    parallel: int = typer.Option(2, "--parallel", help="areas solved at once"),
    workers: int = typer.Option(1, "--workers", help="CP-SAT workers per area"),
    by: str = typer.Option(
        "auto", "--by", help="auto, location, or a column of service_users.csv"
    ),
    executor: str = typer.Option(
        "process", "--executor", help="process, dask or serial"
    ),
    policy: str | None = typer.Option(
        None, "--policy", help="preset name or TOML file"
    ),
    seed: int = typer.Option(0, "--seed", help="random seed"),
    now: str | None = typer.Option(None, "--now", help="ISO date-time of 'now'"),
) -> None:
    """Split the week by area, solve the areas in parallel, merge and check the whole.

    Writes the same files as `rota solve`, in the same safe way; asks.csv is
    written empty (requests are proposed by `rota solve`).
    """
    limits_or_exit(time_limit=time_limit, workers=workers)
    if parallel < 1:
        err_console.print(f"[red]--parallel:[/red] {parallel} is not 1 or more")
        raise typer.Exit(1)
    out_or_exit(out)
    chosen = policy_or_exit(policy)
    problem = problem_or_exit(folder, chosen)
    moment = now_or_exit(now)
    if executor not in ("process", "dask", "serial"):
        err_console.print(
            f"[red]--executor:[/red] {escape(executor)} is not process, dask or serial"
        )
        raise typer.Exit(1)
    try:
        with console.status("solving the areas"):
            result = solve_by_area(
                problem,
                chosen,
                parts=parts,
                time_limit=time_limit,
                seed=seed,
                workers_per_part=workers,
                parallel=parallel,
                executor=cast(ExecutorKind, executor),
                by=by,
                now=moment,
                reasons=True,
            )
    except DecomposeError as exc:
        err_console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(1) from None
    try:
        with staged_outputs(out) as stage:
            paths = write_outputs(
                stage, problem, result.assignments, result.unmet(), [], result.summary()
            )
    except OutputError as exc:
        err_console.print(
            f"[red]--out:[/red] {escape(str(exc))}; the previous outputs in {out} "
            "were left as they were",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(1) from None
    print_areas(result)
    console.print(
        f"wrote {', '.join(str(out / name) for name in paths)}",
        highlight=False,
        soft_wrap=True,
    )
    if result.violations:
        raise typer.Exit(2)
