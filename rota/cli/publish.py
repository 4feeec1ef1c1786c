"""`rota publish DIR --rota ROTA_CSV`: check a rota and keep it as the next version."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from ..io import read_rota_csv
from ..publish import RotaRefused, publish_rota
from ..store import PublishConflict, StoreError
from .app import app, console, err_console
from .common import now_or_exit, policy_or_exit, problem_or_exit
from .stored import DB_HELP, TEAM_HELP, actor, fail, store_or_exit, team_name

CONFLICT_EXIT = 3
"""Exit code of a publish refused because another version came first."""


@app.command("publish")
def publish_command(
    folder: Path = typer.Argument(..., help="the data folder the rota was made for"),
    rota_csv: Path = typer.Option(..., "--rota", help="the rota.csv to publish"),
    by: str | None = typer.Option(None, "--by", help="who publishes"),
    note: str = typer.Option("", "--note", help="why, for the history"),
    expect_version: int | None = typer.Option(
        None,
        "--expect-version",
        help="the version this rota was made against (0: none); refused as a "
        "conflict when another is now the latest",
    ),
    policy: str | None = typer.Option(None, "--policy", help="preset or TOML file"),
    now: str | None = typer.Option(
        None, "--now", help="ISO date-time staff are told (default: now)"
    ),
    team: str | None = typer.Option(None, "--team", help=TEAM_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Publish a rota: every hard rule is checked first, then it becomes the next
    version. Nothing is ever overwritten: a conflict keeps the rota as a draft."""
    store = store_or_exit(db)
    chosen = policy_or_exit(policy)
    problem = problem_or_exit(folder, chosen)
    moment = now_or_exit(now)
    week = store.week_of(problem, team_name(folder, team))
    assignments, errors = read_rota_csv(rota_csv, problem)
    if errors:
        for message in errors:
            err_console.print(message, markup=False, highlight=False)
        fail(f"{rota_csv} cannot be published: {len(errors)} error(s); nothing changed")
    try:
        done = publish_rota(
            store,
            week,
            problem,
            assignments,
            policy=chosen,
            by=actor(by),
            note=note,
            expect_version=expect_version,
            now=moment,
        )
    except RotaRefused as exc:
        table = Table(title=f"{len(exc.violations)} hard-rule violation(s)")
        table.add_column("rule")
        table.add_column("what")
        for v in exc.violations:
            table.add_row(v.rule, v.message)
        console.print(table)
        fail(f"{rota_csv}: {exc}")
    except PublishConflict as exc:
        fail(
            f"{exc} (see it with `rota show {folder} --draft {exc.draft_id}`)",
            CONFLICT_EXIT,
        )
    except StoreError as exc:
        fail(str(exc))
    what = (
        f"{len(done.changes)} session(s) changed against version {done.base}, "
        f"{done.late} inside the notice period"
        if done.base
        else "the first version"
    )
    console.print(
        f"published [bold]version {done.version.number}[/bold] of "
        f"{escape(str(week))}: {done.version.lines} line(s), {what}.",
        highlight=False,
        soft_wrap=True,
    )
    console.print(
        f"Change notices: `rota notices {escape(str(folder))} --version "
        f"{done.version.number}`",
        highlight=False,
        soft_wrap=True,
    )
