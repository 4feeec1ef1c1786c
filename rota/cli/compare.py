"""`rota compare DIR --policy A --policy B --out OUT`: the same weeks under several
policies, side by side."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from ..compare import CompareError, Comparison, compare, load_policies, write_comparison
from ..compare.runs import RunOutcome
from ..io import OutputError
from ..policy import PolicyError
from .app import app, console, err_console
from .common import limits_or_exit, out_or_exit, problem_or_exit

SHOWN = (
    ("coverage", "coverage", "{:.1%}"),
    ("cost", "cost £", "{:,.0f}"),
    ("essential_uncovered_hours", "essential uncovered h", "{:.1f}"),
    ("split_shifts", "split shifts", "{:.1f}"),
    ("gaps_2h", "gaps ≥ 2 h", "{:.1f}"),
    ("days_under_3h", "days < 3 h", "{:.1f}"),
    ("contract_shortfall_hours", "shortfall h", "{:.1f}"),
    ("asks", "asks", "{:.1f}"),
)
"""The summary columns printed (the mean over the weeks); summary.csv has all."""


def _fail(option: str, message: str) -> None:
    err_console.print(
        f"[red]{option}:[/red] {escape(message)}", highlight=False, soft_wrap=True
    )
    raise typer.Exit(1)


@app.command("compare")
def compare_command(
    folder: Path = typer.Argument(..., help="data folder (or .xlsx workbook)"),
    policy: list[str] = typer.Option(
        [], "--policy", help="preset name or TOML file; give it once per policy"
    ),
    out: Path = typer.Option(Path("compare"), "--out", help="folder for the outputs"),
    weeks: int = typer.Option(1, "--weeks", help="the week and N-1 seeded variants"),
    seed: int = typer.Option(0, "--seed", help="seed of the variants and solves"),
    time_limit: float = typer.Option(
        30.0, "--time-limit", help="seconds of search per run"
    ),
    workers: int = typer.Option(1, "--workers", help="CP-SAT workers per run"),
    scheduler: str = typer.Option(
        "local",
        "--scheduler",
        help="local (a 2-process Dask LocalCluster), none (one run after another "
        "here) or a Dask scheduler's address, e.g. tcp://host:8786",
    ),
) -> None:
    """Run every week under every policy and write each run's outputs, kpis.csv,
    summary.csv and charts.html (and PNGs when plotly can make them)."""
    limits_or_exit(time_limit=time_limit, workers=workers)
    if weeks < 1:
        _fail("--weeks", f"{weeks} is not a number of weeks of 1 or more")
    if not policy:
        _fail("--policy", "name at least one policy to compare, e.g. --policy balanced")
    address = None if scheduler.lower() == "none" else scheduler
    if address not in (None, "local") and "://" not in address:
        _fail(
            "--scheduler",
            f"{scheduler} is not local, none or an address like tcp://host:8786",
        )
    out_or_exit(out)
    try:
        load_policies(policy)
    except (CompareError, PolicyError) as exc:
        _fail("--policy", str(exc).splitlines()[0])
    problem = problem_or_exit(folder)
    total = len(policy) * weeks
    with Progress(
        TextColumn("[bold]runs[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[last]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("compare", total=total, last="")

        def done(outcome: RunOutcome, finished: int, _: int) -> None:
            bar.update(
                task,
                completed=finished,
                last=f"{outcome.policy} week {outcome.week}: {outcome.row['status']}",
            )

        try:
            comparison = compare(
                problem,
                policy,
                weeks=weeks,
                seed=seed,
                time_limit=time_limit,
                workers=workers,
                scheduler=address,
                on_done=done,
            )
        except (CompareError, PolicyError) as exc:
            _fail("compare", str(exc).splitlines()[0])
    try:
        written = write_comparison(out, comparison)
    except (OutputError, OSError) as exc:
        _fail("--out", f"the comparison was run but not written: {exc}")
    _print(comparison)
    names = ", ".join(p.name for p in written)
    console.print(
        f"wrote {names} and one folder per policy and week in {out}",
        highlight=False,
        soft_wrap=True,
    )


def _print(comparison: Comparison) -> None:
    """The summary's means, one row per policy."""
    table = Table(title=f"mean over {len(comparison.weeks)} week(s)")
    table.add_column("policy", no_wrap=True)
    for _, title, _ in SHOWN:
        table.add_column(title, justify="right")
    for row in comparison.summary():
        cells = [fmt.format(float(row[f"{key}_mean"])) for key, _, fmt in SHOWN]
        table.add_row(escape(str(row["policy"])), *cells)
    console.print(table)
