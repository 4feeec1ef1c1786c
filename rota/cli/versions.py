"""`rota history`, `rota show`, `rota diff`, `rota notices`, `rota drafts`: what
the store keeps of a week's published versions, exactly as it was."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table as RichTable

from ..io import write_rota_csv
from ..io.outputs import Table, rota_table, write_table_csv
from ..model import Problem
from ..publish import version_changes
from ..reports import SessionChange, change_notices, changes_table, notices_table
from ..store import Store, StoreError, WeekRef
from .app import app, console
from .common import policy_or_exit
from .stored import DB_HELP, TEAM_HELP, fail, store_or_exit, week_or_exit, when

WEEK_HELP = "the week's first day, YYYY-MM-DD (default: the data folder's week)"


def print_table(title: str, table: Table) -> None:
    """A header and rows as a rich table."""
    header, rows = table
    shown = RichTable(title=title)
    for name in header:
        shown.add_column(name)
    for row in rows:
        shown.add_row(*("" if v is None else escape(str(v)) for v in row))
    console.print(shown)


def _open(
    folder: Path, team: str | None, week: str | None, db: str | None
) -> tuple[Store, WeekRef]:
    store = store_or_exit(db)
    ref, _ = week_or_exit(folder, team, week)
    if not store.knows(ref):
        teams = ", ".join(store.teams()) or "none yet"
        fail(f"the store has nothing for {ref} (teams in the store: {teams})")
    return store, ref


def _changes(
    store: Store, week: WeekRef, before: int, after: int, notice_days: float
) -> tuple[list[SessionChange], Problem]:
    try:
        return version_changes(store, week, before, after, notice_days=notice_days)
    except StoreError as exc:
        fail(str(exc))


@app.command("history")
def history_command(
    folder: Path = typer.Argument(..., help="the team's data folder"),
    policy: str | None = typer.Option(None, "--policy", help="for the notice period"),
    week: str | None = typer.Option(None, "--week", help=WEEK_HELP),
    team: str | None = typer.Option(None, "--team", help=TEAM_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Every published version of the week: when, who, why, and what changed."""
    store, ref = _open(folder, team, week, db)
    notice_days = policy_or_exit(policy).limits.notice_days
    table = RichTable(title=f"published versions: {escape(str(ref))}")
    for name in ("version", "published", "by", "lines", "changed", "late", "note"):
        table.add_column(
            name, justify="right" if name in ("lines", "changed") else "left"
        )
    for info in store.versions(ref):
        changes, _ = _changes(store, ref, info.number - 1, info.number, notice_days)
        first = info.number == 1
        table.add_row(
            str(info.number),
            when(info.published_at),
            escape(info.published_by),
            str(info.lines),
            "-" if first else str(len(changes)),
            "-" if first else str(sum(c.late for c in changes)),
            escape(info.note),
        )
    console.print(table)
    drafts = store.drafts(ref)
    if drafts:
        console.print(
            f"{len(drafts)} draft(s) kept as well: `rota drafts {escape(str(folder))}`",
            highlight=False,
        )


@app.command("show")
def show_command(
    folder: Path = typer.Argument(..., help="the team's data folder"),
    version: int | None = typer.Option(None, "--version", help="a published version"),
    draft: int | None = typer.Option(None, "--draft", help="a draft instead"),
    out: Path | None = typer.Option(None, "--out", help="write it as a rota.csv"),
    week: str | None = typer.Option(None, "--week", help=WEEK_HELP),
    team: str | None = typer.Option(None, "--team", help=TEAM_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """A version's rota exactly as it was published (or a draft's)."""
    if (version is None) == (draft is None):
        fail("give one of --version N or --draft N")
    store, ref = _open(folder, team, week, db)
    try:
        if version is not None:
            lines = store.version_lines(ref, version)
            problem = store.version_problem(ref, version)
            what = f"version {version}"
        else:
            assert draft is not None
            lines = store.draft_lines(ref, draft)
            problem = store.draft_problem(ref, draft)
            what = f"draft {draft}"
    except StoreError as exc:
        fail(str(exc))
    if out is not None:
        try:
            write_rota_csv(out, problem, lines)
        except OSError as exc:
            fail(f"cannot write {out}: {exc.strerror or exc}")
        console.print(f"wrote {what} ({len(lines)} lines) to {escape(str(out))}")
        return
    print_table(f"{what}: {ref}", rota_table(problem, lines))


@app.command("diff")
def diff_command(
    folder: Path = typer.Argument(..., help="the team's data folder"),
    a: int = typer.Argument(..., help="the earlier version"),
    b: int = typer.Argument(..., help="the later version"),
    out: Path | None = typer.Option(None, "--out", help="also write the changes CSV"),
    policy: str | None = typer.Option(None, "--policy", help="for the notice period"),
    week: str | None = typer.Option(None, "--week", help=WEEK_HELP),
    team: str | None = typer.Option(None, "--team", help=TEAM_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """The changes from version A to version B, each marked when it falls inside
    the notice period (counted from B's publication)."""
    notice_days = policy_or_exit(policy).limits.notice_days
    store, ref = _open(folder, team, week, db)
    changes, problem = _changes(store, ref, a, b, notice_days)
    table = changes_table(changes, problem)
    if out is not None:
        write_table_csv(out, table)
    if not changes:
        console.print(f"versions {a} and {b} of {escape(str(ref))} are the same rota")
        return
    print_table(f"version {a} -> {b}: {len(changes)} session(s) changed", table)
    late = sum(c.late for c in changes)
    console.print(
        f"{late} change(s) inside the {notice_days:g}-day notice period.",
        highlight=False,
    )


@app.command("notices")
def notices_command(
    folder: Path = typer.Argument(..., help="the team's data folder"),
    version: int = typer.Option(..., "--version", help="the version published"),
    out: Path | None = typer.Option(None, "--out", help="write the notices as CSV"),
    policy: str | None = typer.Option(None, "--policy", help="for the notice period"),
    week: str | None = typer.Option(None, "--week", help=WEEK_HELP),
    team: str | None = typer.Option(None, "--team", help=TEAM_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """What changed for each worker and each person supported when a version was
    published, and how much notice they got."""
    notice_days = policy_or_exit(policy).limits.notice_days
    store, ref = _open(folder, team, week, db)
    changes, problem = _changes(store, ref, version - 1, version, notice_days)
    notices = change_notices(changes, problem)
    table = notices_table(notices)
    if out is not None:
        try:
            write_table_csv(out, table)
        except OSError as exc:
            fail(f"cannot write {out}: {exc.strerror or exc}")
        console.print(f"wrote {len(notices)} notice(s) to {escape(str(out))}")
    if not notices:
        console.print(f"version {version} changed nothing for anyone")
        return
    print_table(f"change notices of version {version}: {ref}", table)


@app.command("drafts")
def drafts_command(
    folder: Path = typer.Argument(..., help="the team's data folder"),
    week: str | None = typer.Option(None, "--week", help=WEEK_HELP),
    team: str | None = typer.Option(None, "--team", help=TEAM_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Rotas kept without being published: solver runs and refused publishes."""
    store, ref = _open(folder, team, week, db)
    table = RichTable(title=f"drafts: {escape(str(ref))}")
    for name in ("draft", "kept", "by", "why", "made against", "lines", "note"):
        table.add_column(name)
    for d in store.drafts(ref):
        table.add_row(
            str(d.id),
            when(d.created_at),
            escape(d.created_by),
            d.reason,
            f"version {d.base_version}" if d.base_version else "-",
            str(d.lines),
            escape(d.note),
        )
    console.print(table)
