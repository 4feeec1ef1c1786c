"""`rota explain DIR SESSION_ID`: who could take a session, and why the others cannot."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from ..check import check
from ..engine import solve
from ..io import read_rota_csv
from ..model import Problem
from ..negotiation import NegotiationError, SessionExplanation, explain
from ..negotiation.unmet import short_reason
from ..negotiation.why_not import explain_index
from ..policy import Policy
from ..solver.data import Compiled
from ..solver.plan import Plan
from .app import app, console, err_console
from .common import limits_or_exit, now_or_exit, policy_or_exit, problem_or_exit


def _current(
    problem: Problem,
    policy: Policy,
    rota: Path | None,
    *,
    time_limit: float,
    seed: int,
    now: str | None,
) -> tuple[Compiled, Plan, str]:
    """The rota to explain against: the file given, or a quick solve."""
    moment = now_or_exit(now)
    if rota is not None:
        assignments, errors = read_rota_csv(rota, problem)
        if errors:
            for message in errors:
                err_console.print(message, markup=False, highlight=False)
            raise typer.Exit(1)
        report = check(problem, assignments, policy, now=moment)
        return report.data, report.plan, f"the rota in {rota.name}"
    with console.status("solving to have a current rota"):
        result = solve(
            problem, policy, time_limit=time_limit, seed=seed, workers=1, now=moment
        )
    if result.status not in ("OPTIMAL", "FEASIBLE"):
        return result.data, result.plan, "an empty rota (the solve found none)"
    return result.data, result.plan, f"a {time_limit:g}-second solve"


def _verdict(found: SessionExplanation, data: Compiled, plan: Plan) -> str:
    if found.covered:
        return f"covered by {', '.join(found.rostered)}"
    session = data.session_index[found.session_id]
    if len(found.workers) < len(data.workers):  # --worker: judge on everyone
        found = explain_index(data, plan, session, costs=False)
    return f"uncovered: {short_reason(data, session, found)}"


def _print(found: SessionExplanation, data: Compiled, plan: Plan, source: str) -> None:
    staff = f", {found.staff} workers at once" if found.staff > 1 else ""
    console.print(
        f"[bold]{escape(found.session_id)}[/bold] for {escape(found.person)}, "
        f"{found.when} ({found.priority}{staff}) in {escape(source)}: "
        f"{escape(_verdict(found, data, plan))}",
        highlight=False,
        soft_wrap=True,
    )
    table = Table(show_lines=False)
    table.add_column("worker")
    table.add_column("can take it")
    table.add_column("why not / what it would cost the rota")
    for w in found.workers:
        who = escape(f"{w.name} ({w.worker_id})")
        if w.can_take:
            parts = []
            if w.cost_delta is not None:
                parts.append(f"{w.cost_delta:+,.1f} points")
            if w.at:
                parts.append(f"at {w.at}")
            if w.note:
                parts.append(w.note)
            table.add_row(who, "[green]yes[/green]", escape("; ".join(parts)))
        else:
            why = "\n".join(f"{r.message} [{r.rule}]" for r in w.reasons)
            table.add_row(who, "[red]no[/red]", escape(why))
    console.print(table)


@app.command("explain")
def explain_command(
    folder: Path = typer.Argument(..., help="data folder (or .xlsx workbook)"),
    session_id: str = typer.Argument(..., help="the session to explain"),
    rota: Path | None = typer.Option(
        None, "--rota", help="explain against this rota.csv instead of solving"
    ),
    worker: str | None = typer.Option(None, "--worker", help="only this worker"),
    policy: str | None = typer.Option(
        None, "--policy", help="preset name or TOML file"
    ),
    time_limit: float = typer.Option(
        5.0, "--time-limit", help="seconds of search when no --rota is given"
    ),
    seed: int = typer.Option(0, "--seed", help="random seed of that search"),
    now: str | None = typer.Option(None, "--now", help="ISO date-time of 'now'"),
) -> None:
    """Why each worker can or cannot take a session, and what it would cost.

    Without --rota a short solve builds the current rota first (the published
    rota is its starting point); with --rota the given rota is used as it is.
    """
    limits_or_exit(time_limit=time_limit)
    chosen = policy_or_exit(policy)
    problem = problem_or_exit(folder, chosen)
    if session_id not in problem.session_by_id:
        err_console.print(
            f"[red]error[/red] '{escape(session_id)}' is not a session in sessions.csv",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(1)
    data, plan, source = _current(
        problem, chosen, rota, time_limit=time_limit, seed=seed, now=now
    )
    try:
        found = explain(data, plan, session_id, worker)
    except NegotiationError as exc:
        err_console.print(
            f"[red]error[/red] {escape(str(exc))}", highlight=False, soft_wrap=True
        )
        raise typer.Exit(1) from None
    _print(found, data, plan, source)
