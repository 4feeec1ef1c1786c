"""Solver runs: the policy, the figures and the summary of each solve, its rota kept
as a draft and its asks kept for answering."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, Engine, insert, select

from ..model import Ask, Assignment, Problem, Summary
from ..model.time import format_hhmm, parse_hhmm
from ..policy import Policy
from . import audit
from .connect import StoreError, new_id, writing
from .records import RunInfo, WeekRef
from .schema import AskRow, Draft, Run
from .versions import _insert_draft
from .weeks import ensure_week, save_snapshot, week_id


def record_run(
    engine: Engine,
    week: WeekRef,
    problem: Problem,
    policy: Policy,
    summary: Summary,
    assignments: Sequence[Assignment],
    asks: Sequence[Ask],
    *,
    by: str,
    base_version: int | None,
) -> RunInfo:
    """Keep a solve: its settings, figures, rota (as a draft) and asks, in one go."""
    at = audit.now()
    with writing(engine) as conn:
        week_row = ensure_week(conn, week, actor=by)
        snapshot = save_snapshot(conn, week_row, problem)
        run = int(
            new_id(
                conn.execute(
                    insert(Run).values(
                        week_id=week_row,
                        snapshot_id=snapshot,
                        base_version=base_version,
                        at=at,
                        by=by,
                        policy=summary.policy,
                        settings=policy.model_dump(mode="json"),
                        status=summary.status,
                        objective=summary.objective,
                        coverage=summary.coverage,
                        wall_seconds=summary.wall_seconds,
                        summary=summary.model_dump(mode="json"),
                    )
                )
            )
        )
        if asks:
            conn.execute(insert(AskRow), [_ask_values(run, a) for a in asks])
        draft = None
        if summary.objective is not None:
            draft = _insert_draft(
                conn, week, problem, assignments, by, "solve", "", base_version, run
            )
        audit.append(
            conn,
            actor=by,
            action="run.record",
            week=week,
            subject=f"run {run}",
            status=summary.status,
            objective=summary.objective,
            asks=len(asks),
        )
    return RunInfo(
        run,
        at,
        by,
        summary.policy,
        summary.status,
        summary.objective,
        summary.coverage,
        summary.wall_seconds,
        base_version,
        draft,
    )


def _ask_values(run: int, ask: Ask) -> dict:
    return {
        "run_id": run,
        "ask_id": ask.ask_id,
        "to_id": ask.to_id,
        "kind": ask.kind,
        "session_ids": ";".join(ask.session_ids),
        "message": ask.message,
        "cost": ask.cost,
        "group": ask.group,
        "date": ask.date,
        "start": format_hhmm(ask.start) if ask.start else None,
        "end": format_hhmm(ask.end) if ask.end else None,
        "extra_minutes": ask.extra_minutes,
    }


def runs(conn: Connection, week: WeekRef) -> list[RunInfo]:
    """The week's runs, oldest first."""
    week_row = week_id(conn, week)
    rows = conn.execute(
        select(Run, Draft.id.label("draft_id"))
        .outerjoin(Draft, Draft.run_id == Run.id)
        .where(Run.week_id == week_row)
        .order_by(Run.id)
    )
    return [
        RunInfo(
            r.id,
            r.at,
            r.by,
            r.policy,
            r.status,
            r.objective,
            r.coverage,
            r.wall_seconds,
            r.base_version,
            r.draft_id,
        )
        for r in rows
    ]


def asks(conn: Connection, week: WeekRef, run: int | None = None) -> list[Ask]:
    """The asks of a run (default: the week's latest run that made any)."""
    week_row = week_id(conn, week)
    if run is None:
        run = conn.execute(
            select(Run.id)
            .join(AskRow, AskRow.run_id == Run.id)
            .where(Run.week_id == week_row)
            .order_by(Run.id.desc())
            .limit(1)
        ).scalar_one_or_none()
        if run is None:
            return []
    elif (
        conn.execute(
            select(Run.id).where(Run.id == run, Run.week_id == week_row)
        ).scalar_one_or_none()
        is None
    ):
        raise StoreError(f"no run {run} of {week}")
    rows = conn.execute(select(AskRow).where(AskRow.run_id == run).order_by(AskRow.id))
    return [
        Ask(
            ask_id=r.ask_id,
            to_id=r.to_id,
            kind=r.kind,
            session_ids=tuple(s for s in r.session_ids.split(";") if s),
            message=r.message,
            cost=r.cost,
            group=r.group,
            date=r.date,
            start=parse_hhmm(r.start) if r.start else None,
            end=parse_hhmm(r.end) if r.end else None,
            extra_minutes=r.extra_minutes,
        )
        for r in rows
    ]
