"""`rota solve DIR --out OUT`: build the rota and write the contract's outputs."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..engine import Result, solve
from ..io import (
    NO_ROTA_FILE,
    OutputError,
    staged_outputs,
    write_no_rota,
    write_outputs,
)
from ..io.outputs import ASKS_FILE
from ..io.safe_write import CALENDARS, EXCEL_FILE, PREVIOUS
from ..model import Ask, Problem, Unmet
from ..negotiation import negotiate, negotiation_reserve
from ..policy import Policy
from ..store import Store, StoreError, WeekRef
from . import STARTED
from .app import app, console, err_console
from .common import (
    limits_or_exit,
    now_or_exit,
    out_or_exit,
    policy_or_exit,
    problem_or_exit,
)
from .interrupts import Interrupts
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
    time_limit: float = typer.Option(
        30.0,
        "--time-limit",
        help="seconds for the whole command (loading, search, asks, writing)",
    ),
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
    """Build the best rota in the time allowed; Ctrl-C stops and keeps the best.

    The outputs appear only when all are written (the previous ones move to
    OUT/.previous); a run with no rota leaves them as they were and writes
    OUT/NO-ROTA.txt.
    """
    limits_or_exit(time_limit=time_limit, workers=workers)
    out_or_exit(out)
    interrupts = Interrupts()
    with interrupts.installed():
        _solve(
            interrupts,
            folder,
            out,
            policy=policy,
            time_limit=time_limit,
            seed=seed,
            workers=workers,
            now=now,
            excel=excel,
            ical=ical,
            store=store_or_exit(db) if use_store or db else None,
            team=team,
            by=by,
        )


def _solve(
    interrupts: Interrupts,
    folder: Path,
    out: Path,
    *,
    policy: str | None,
    time_limit: float,
    seed: int,
    workers: int,
    now: str | None,
    excel: bool,
    ical: bool,
    store: Store | None,
    team: str | None,
    by: str | None,
) -> None:
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
    stop = interrupts.stop
    # The limit bounds the whole command: the solve gets what is left once the
    # reasons, the asks and the writing have their share.
    deadline = STARTED + time_limit
    after = after_solve(time_limit)
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
        result = interrupts.run(
            lambda: solve(
                problem,
                chosen,
                time_limit=max(0.1, deadline - after - time.perf_counter()),
                seed=seed,
                workers=workers,
                now=moment,
                on_progress=progress,
                stop=stop,
            )
        )
    negotiating = time.perf_counter()
    reasons, asks = negotiate(result, deadline=deadline - WRITE_RESERVE)
    unmet = result.unmet(reasons)
    summary = result.summary()
    summary.timings["negotiate"] = round(time.perf_counter() - negotiating, 3)
    summary.timings["total"] = round(time.perf_counter() - STARTED, 3)
    if result.no_rota is not None:
        print_summary(result)
        if store is not None and week is not None:
            _record(store, week, problem, chosen, result, reasons, asks, by, base)
        console.print(f"[red]{escape(result.no_rota)}[/red]")
        kept = _explain_no_rota(out, result.no_rota, no_rota_details(problem, unmet))
        console.print(kept, highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    try:
        with interrupts.held(), staged_outputs(out) as stage:
            write_outputs(stage, problem, result.assignments, unmet, asks, summary)
            if excel:
                from ..io import write_excel

                write_excel(
                    stage / EXCEL_FILE,
                    problem,
                    result.assignments,
                    unmet,
                    asks,
                    summary,
                )
            if ical:
                from ..io import write_ical

                write_ical(stage / CALENDARS, problem, result.assignments)
            written = sorted(p.name for p in stage.iterdir())
    except OutputError as exc:
        kept = _explain_no_rota(out, f"a rota was made but could not be written: {exc}")
        err_console.print(
            f"[red]--out:[/red] {escape(str(exc))}; {escape(kept)}",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(1) from None
    print_summary(result)
    if store is not None and week is not None:
        _record(store, week, problem, chosen, result, reasons, asks, by, base)
    if asks:
        console.print(f"{len(asks)} request(s) would help: see {out / ASKS_FILE}")
    console.print(
        f"wrote {', '.join(str(out / name) for name in written)}",
        highlight=False,
        soft_wrap=True,
    )
    if (out / PREVIOUS).exists():
        console.print(
            f"the run before this one is in {out / PREVIOUS}", highlight=False
        )
    if result.violations:
        raise typer.Exit(2)


WRITE_RESERVE = 0.5
"""Seconds of the time limit kept for writing the outputs."""


def after_solve(time_limit: float) -> float:
    """Seconds of the time limit kept for the reasons, the asks and the writing."""
    return min(WRITE_RESERVE + negotiation_reserve(time_limit), 0.4 * time_limit)


def no_rota_details(problem: Problem, unmet: list[Unmet]) -> list[str]:
    """The sessions a run left uncovered, grouped by reason, for NO-ROTA.txt."""
    by_reason: dict[str, list[str]] = {}
    for u in unmet:
        by_reason.setdefault(u.reason, []).append(u.session_id)
    lines = [f"{len(unmet)} of {len(problem.sessions)} sessions uncovered:"]
    for reason, ids in sorted(by_reason.items(), key=lambda kv: -len(kv[1])):
        shown = ", ".join(ids[:10]) + (
            f" and {len(ids) - 10} more" if len(ids) > 10 else ""
        )
        lines.append(f"- {reason} ({len(ids)}): {shown}")
    return lines


def _explain_no_rota(out: Path, reason: str, details: list[str] | None = None) -> str:
    """Write NO-ROTA.txt beside the previous outputs; a sentence saying so."""
    kept = f"the previous outputs in {out} were left as they were"
    try:
        path = write_no_rota(out, reason, details or [])
    except OSError as exc:
        return f"{kept} ({NO_ROTA_FILE} not written: {exc.strerror or exc})"
    return f"{kept}; see {path}"


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
