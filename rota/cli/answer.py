"""`rota answer DIR ASK_ID yes|no`: record an answer to an ask in agreements.csv."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from ..model import Ask, Problem
from ..negotiation import NegotiationError, read_asks_csv, record_answer
from ..store import StoreError
from .app import app, console
from .common import problem_or_exit
from .stored import DB_HELP, TEAM_HELP, actor, fail, store_or_exit, team_name


def _fits(ask: Ask, problem: Problem, asks_file: Path) -> None:
    """Stop when the ask names people or sessions this folder does not have."""
    parties: set[str] = set()
    if ask.kind in ("move", "change"):
        parties |= set(problem.user_by_id)
    if ask.kind != "move":
        parties |= set(problem.worker_by_id)
    unknown = [ask.to_id] if ask.to_id not in parties else []
    unknown += [s for s in ask.session_ids if s not in problem.session_by_id]
    if unknown:
        fail(
            f"ask {ask.ask_id} in {asks_file} names {', '.join(unknown)}, which this "
            "data folder does not have: were the asks made for another folder?"
        )


@app.command("answer")
def answer_command(
    folder: Path = typer.Argument(..., help="the data folder the asks were made for"),
    ask_id: str = typer.Argument(..., help="the ask answered, e.g. A1"),
    answer: str = typer.Argument(..., help="yes or no"),
    asks: Path = typer.Option(
        Path("out/asks.csv"), "--asks", help="the asks.csv the solve wrote"
    ),
    use_store: bool = typer.Option(
        False, "--store", help="record the answer in the default store as well"
    ),
    db: str | None = typer.Option(None, "--db", help=DB_HELP + "; implies --store"),
    team: str | None = typer.Option(None, "--team", help=TEAM_HELP),
    by: str | None = typer.Option(None, "--by", help="who records the answer"),
) -> None:
    """Record a yes or no in the folder's agreements.csv (a row is appended;
    a second answer to the same ask replaces the first, and says so).

    A yes widens exactly that person's rule at the next `rota solve`; a no is
    remembered, so the same request is not made again.
    """
    store = store_or_exit(db) if use_store or db else None
    choice = answer.strip().lower()
    if choice not in ("yes", "no"):
        fail(f"the answer must be yes or no, not '{answer}'")
    if not folder.is_dir():
        fail(f"{folder} is not a data folder (answers go in its agreements.csv)")
    try:
        found = read_asks_csv(asks)
    except NegotiationError as exc:
        fail(str(exc))
    ask = next((a for a in found if a.ask_id == ask_id), None)
    if ask is None:
        known = ", ".join(a.ask_id for a in found) or "none"
        fail(f"no ask '{ask_id}' in {asks} (asks there: {known})")
    assert ask is not None
    problem = problem_or_exit(folder)
    _fits(ask, problem, asks)
    try:
        recorded = record_answer(folder, ask, "yes" if choice == "yes" else "no")
    except NegotiationError as exc:
        fail(str(exc))
    agreement = recorded.agreement
    if store is not None:
        week = store.week_of(problem, team_name(folder, team))
        try:
            kept = store.record_agreement(
                week, agreement, by=actor(by), ask_id=ask.ask_id
            )
        except StoreError as exc:
            fail(f"recorded in agreements.csv, but not in the store: {exc}")
        console.print(
            f"kept in the store as {escape(kept.agreement_id)} for {escape(str(week))}",
            highlight=False,
        )
    if recorded.replaced is not None:
        console.print(
            f"[yellow]{escape(ask.to_id)} had already answered this ask "
            f"({escape(recorded.previous or '?')}, {escape(recorded.replaced)}): "
            "the earlier answer is replaced[/yellow]",
            highlight=False,
            soft_wrap=True,
        )
    console.print(
        f"recorded [bold]{choice}[/bold] from {escape(ask.to_id)} as "
        f"{agreement.agreement_id} in {escape(str(folder / 'agreements.csv'))}: "
        f'"{escape(ask.message)}"',
        highlight=False,
        soft_wrap=True,
    )
    partners = [a.ask_id for a in found if a.group and a.group == ask.group]
    partners = [p for p in partners if p != ask.ask_id]
    if partners:
        console.print(
            f"{ask.ask_id} only helps together with {', '.join(partners)} "
            f"(group {escape(ask.group or '')}).",
            highlight=False,
        )
    console.print(
        f"Run `rota solve {escape(str(folder))}` to rebuild the rota with it.",
        highlight=False,
    )
