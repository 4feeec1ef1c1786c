"""`rota bench curtois|mankowska FILE`: a published benchmark instance solved by the
engine and scored by the benchmark's own evaluator."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from ..bench import (
    CurtoisFormatError,
    MankowskaFormatError,
    read_curtois,
    read_mankowska,
    write_roster_csv,
    write_routes_csv,
)
from ..benchrun import (
    CurtoisMappingError,
    MankowskaMappingError,
    solve_curtois,
    solve_mankowska,
)
from ..benchrun.curtois_map import DEFAULT_EXTRA
from ..benchrun.mankowska_map import DEFAULT_LATE, DEFAULT_STEP
from .app import app, console, err_console
from .common import limits_or_exit

bench_app = typer.Typer(
    help="Run published benchmark instances on the engine.", no_args_is_help=True
)
app.add_typer(bench_app, name="bench")


_FORMAT_ERRORS = (CurtoisFormatError, MankowskaFormatError)
_MAPPING_ERRORS = (CurtoisMappingError, MankowskaMappingError)


SCORE_RESERVE = 0.5
"""Seconds of the limit kept for scoring the result and printing it."""


def _left(time_limit: float, began: float) -> float:
    """What is left of the command's limit (counted from ``began``, the command's
    start) for mapping and solving, once the instance is read."""
    return max(0.05, time_limit - (time.perf_counter() - began) - SCORE_RESERVE)


def _bench(
    file: Path,
    out: Path | None,
    read: Callable[[Path], Any],
    solve: Callable[[Any], Any],
    write: Callable[[Path, Any], None],
) -> None:
    """Read, solve, optionally write the solution, print the JSON line; every
    failure is one plain line on stderr and exit 1."""
    try:
        instance = read(file)
    except _FORMAT_ERRORS as exc:
        err_console.print(f"[red]instance:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None
    except OSError as exc:
        err_console.print(
            f"[red]instance:[/red] {file}: {exc.strerror or exc}", highlight=False
        )
        raise typer.Exit(1) from None
    try:
        run = solve(instance)
    except _MAPPING_ERRORS as exc:
        err_console.print(f"[red]mapping:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None
    if out is not None:
        try:
            write(out, run)
        except OSError as exc:
            err_console.print(
                f"[red]--out:[/red] {out}: {exc.strerror or exc}", highlight=False
            )
            raise typer.Exit(1) from None
    console.print(
        json.dumps(run.summary()), markup=False, highlight=False, soft_wrap=True
    )


@bench_app.command("curtois")
def curtois_command(
    file: Path = typer.Argument(..., help="a Curtois & Qu InstanceN.txt file"),
    time_limit: float = typer.Option(
        60.0,
        "--time-limit",
        help="seconds for the whole command (reading, mapping, search)",
    ),
    seed: int = typer.Option(0, "--seed", help="random seed"),
    workers: int = typer.Option(2, "--workers", help="CP-SAT search workers"),
    out: Path | None = typer.Option(
        None, "--out", help="write the roster as employee,day,shift"
    ),
    extra: int = typer.Option(
        DEFAULT_EXTRA,
        "--extra",
        min=0,
        help="optional over-cover workers per day and shift",
    ),
    exact: bool = typer.Option(
        False,
        "--exact",
        help="allow every eligible over-cover (exact; reports the engine's bound)",
    ),
) -> None:
    """Print one JSON line: the benchmark's own score of the engine's roster."""
    began = time.perf_counter()
    limits_or_exit(time_limit=time_limit, workers=workers)
    _bench(
        file,
        out,
        read_curtois,
        lambda instance: solve_curtois(
            instance,
            time_limit=_left(time_limit, began),
            seed=seed,
            workers=workers,
            extra=None if exact else extra,
        ),
        lambda path, run: write_roster_csv(path, run.roster),
    )


@bench_app.command("mankowska")
def mankowska_command(
    file: Path = typer.Argument(..., help="a Mankowska et al. HHCRSP instance file"),
    time_limit: float = typer.Option(
        60.0,
        "--time-limit",
        help="seconds for the whole command (reading, mapping, search)",
    ),
    seed: int = typer.Option(0, "--seed", help="random seed"),
    workers: int = typer.Option(2, "--workers", help="CP-SAT search workers"),
    out: Path | None = typer.Option(
        None, "--out", help="write the routes as caregiver,position,node,service,start"
    ),
    step: int = typer.Option(
        DEFAULT_STEP, "--step", min=1, help="minutes between start times in a window"
    ),
    late: int = typer.Option(
        DEFAULT_LATE, "--late", min=0, help="minutes a visit may start past its window"
    ),
) -> None:
    """Print one JSON line: the benchmark's own score of the engine's routes."""
    began = time.perf_counter()
    limits_or_exit(time_limit=time_limit, workers=workers)
    _bench(
        file,
        out,
        read_mankowska,
        lambda instance: solve_mankowska(
            instance,
            time_limit=_left(time_limit, began),
            seed=seed,
            workers=workers,
            step=step,
            late=late,
        ),
        lambda path, run: write_routes_csv(path, run.routes),
    )
