"""`rota solve DIR --out OUT`: build the rota and write the contract's outputs."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from types import FrameType

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..engine import Result, solve
from ..io import write_outputs
from ..model import Ask, Problem
from ..negotiation import negotiate
from ..policy import Policy
from ..store import Store, StoreError, WeekRef
from .app import app, console
from .common import now_or_exit, policy_or_exit, problem_or_exit
from .stored import DB_HELP, TEAM_HELP, actor, fail, store_or_exit, team_name


def print_summary(result: Result) -> None:
    """A short table of how the solve went and the biggest penalties."""
    summary = result.summary()
    table = Table(title=f"rota: {summary.status}", show_header=False)
    table.add_row("sessions covered", f"{summary.covered} of {summary.sessions}")
    table.add_row("coverage", f"{summary.coverage:.1%}")
    table.add_row(
        "objective",
        f"{summary.objective:,.1f}" if summary.objective is not None else "-",
    )
    table.add_row(
        "best bound",
        f"{summary.best_bound:,.1f}" if summary.best_bound is not None else "-",
    )
    first = summary.first_solution_seconds
    table.add_row("first rota", f"{first:.1f} s" if first is not None else "-")
    table.add_row("wall time", f"{summary.wall_seconds:.1f} s")
    console.print(table)
    parts = sorted(summary.breakdown.items(), key=lambda kv: -kv[1])
    breakdown = Table(title="objective by rule (points)")
    breakdown.add_column("rule")
    breakdown.add_column("points", justify="right")
    for rule, points in parts:
        if points:
            breakdown.add_row(rule, f"{points:,.1f}")
    console.print(breakdown)


@app.command("solve")
def solve_command(
    folder: Path = typer.Argument(..., help="data folder (or .xlsx workbook)"),
    out: Path = typer.Option(Path("out"), "--out", help="folder for the outputs"),
    policy: str | None = typer.Option(
        None, "--policy", help="preset name or TOML file"
    ),
    time_limit: float = typer.Option(30.0, "--time-limit", help="seconds of search"),
    seed: int = typer.Option(0, "--seed", help="random seed"),
    workers: int = typer.Option(2, "--workers", help="CP-SAT search workers"),
    now: str | None = typer.Option(None, "--now", help="ISO date-time of 'now'"),
    excel: bool = typer.Option(False, "--excel", help="also write rota.xlsx"),
    ical: bool = typer.Option(False, "--ical", help="also write one .ics per worker"),
    use_store: bool = typer.Option(
        False,
        "--store",
        help="measure changes against the store's latest version, use its answers "
        "and record the run (the default store; --db names another)",
    ),
    db: str | None = typer.Option(None, "--db", help=DB_HELP + "; implies --store"),
    team: str | None = typer.Option(None, "--team", help=TEAM_HELP),
    by: str | None = typer.Option(None, "--by", help="who runs it, for the store"),
) -> None:
    """Build the best rota in the time allowed; Ctrl-C stops and keeps the best."""
    store = store_or_exit(db) if use_store or db else None
    chosen = policy_or_exit(policy)
    problem = problem_or_exit(folder, chosen)
    moment = now_or_exit(now)
    week = base = None
    if store is not None:
        week = store.week_of(problem, team_name(folder, team))
        try:
            problem, base = store.with_store(problem, week)
        except StoreError as exc:
            fail(str(exc))
    stop = threading.Event()

    def interrupt(signum: int, frame: FrameType | None) -> None:
        console.print("[yellow]stopping: keeping the best rota found[/yellow]")
        stop.set()

    previous = signal.signal(signal.SIGINT, interrupt)
    with Progress(
        TextColumn("[bold]searching[/bold]"),
        BarColumn(),
        TextColumn("{task.fields[best]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("solve", total=time_limit, best="building the model")

        def progress(elapsed: float, objective: float, bound: float) -> None:
            bar.update(
                task,
                completed=min(elapsed, time_limit),
                best=f"best {objective:,.1f}  bound {bound:,.1f}",
            )

        ticker = threading.Thread(
            target=_tick, args=(bar, task, time_limit, stop), daemon=True
        )
        ticker.start()
        result = solve(
            problem,
            chosen,
            time_limit=time_limit,
            seed=seed,
            workers=workers,
            now=moment,
            on_progress=progress,
            stop=stop,
        )
    signal.signal(signal.SIGINT, previous)
    reasons, asks = negotiate(result)
    paths = write_outputs(
        out, problem, result.assignments, result.unmet(reasons), asks, result.summary()
    )
    if excel:
        from ..io import write_excel

        write_excel(
            out / "rota.xlsx",
            problem,
            result.assignments,
            result.unmet(reasons),
            asks,
            result.summary(),
        )
    if ical:
        from ..io import write_ical

        write_ical(out / "calendars", problem, result.assignments)
    print_summary(result)
    if store is not None and week is not None:
        _record(store, week, problem, chosen, result, reasons, asks, by, base)
    if asks:
        console.print(f"{len(asks)} request(s) would help: see {out / 'asks.csv'}")
    console.print(f"wrote {', '.join(str(p) for p in paths.values())}")
    if result.no_rota is not None:
        console.print(f"[red]{result.no_rota}[/red]")
        raise typer.Exit(1)
    if result.violations:
        raise typer.Exit(2)


def _record(
    store: Store,
    week: WeekRef,
    problem: Problem,
    policy: Policy,
    result: Result,
    reasons: dict[int, str],
    asks: list[Ask],
    by: str | None,
    base: int | None,
) -> None:
    """Keep the run in the store; its rota becomes a draft."""
    try:
        run = store.record_run(
            week,
            problem,
            policy,
            result.summary(),
            result.assignments,
            asks,
            by=actor(by),
            base_version=base or None,
        )
    except StoreError as exc:
        fail(f"the rota was written, but the run was not recorded: {exc}")
    against = f"version {base}" if base else "no published version"
    draft = f", rota kept as draft {run.draft_id}" if run.draft_id else ""
    console.print(
        f"recorded run {run.id} of {escape(str(week))} (against {against}){draft}",
        highlight=False,
        soft_wrap=True,
    )


def _tick(bar: Progress, task: object, limit: float, stop: threading.Event) -> None:
    """Advance the bar with the clock between improving rotas."""
    import time

    began = time.perf_counter()
    while not stop.wait(0.5):
        elapsed = time.perf_counter() - began
        bar.update(task, completed=min(elapsed, limit))  # type: ignore[arg-type]
        if elapsed > limit + 5:
            break
