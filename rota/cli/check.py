"""`rota check DIR ROTA_CSV`: every hard rule on any rota file, without the solver."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from ..check import check
from ..io import read_rota_csv
from .app import app, console, err_console
from .common import now_or_exit, policy_or_exit, problem_or_exit


@app.command("check")
def check_command(
    folder: Path = typer.Argument(..., help="data folder (or .xlsx workbook)"),
    rota_csv: Path = typer.Argument(..., help="a rota.csv to check"),
    policy: str | None = typer.Option(
        None, "--policy", help="preset name or TOML file"
    ),
    now: str | None = typer.Option(None, "--now", help="ISO date-time of 'now'"),
) -> None:
    """List every hard-rule violation in a rota; exit 1 when there is one."""
    chosen = policy_or_exit(policy)
    problem = problem_or_exit(folder, chosen)
    assignments, errors = read_rota_csv(rota_csv, problem)
    if errors:
        for message in errors:
            err_console.print(message, markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    report = check(problem, assignments, chosen, now=now_or_exit(now))
    if report.violations:
        table = Table(title=f"{len(report.violations)} hard-rule violation(s)")
        table.add_column("rule")
        table.add_column("what")
        for v in report.violations:
            table.add_row(v.rule, v.message)
        console.print(table)
    else:
        console.print(
            f"[green]no hard-rule violations[/green] in {len(assignments)} lines"
        )
    console.print(f"objective by the rules' own evaluation: {report.objective:,.2f}")
    if report.violations:
        raise typer.Exit(1)
