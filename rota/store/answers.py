"""Answers to asks (the agreements), kept per week with who recorded them."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, func, insert, select

from ..model import Agreement
from ..model.time import format_hhmm, parse_hhmm
from . import audit
from .connect import StoreError, writing
from .records import WeekRef
from .schema import AgreementRow
from .weeks import ensure_week, find_week


def record_agreement(
    engine: Engine,
    week: WeekRef,
    agreement: Agreement,
    *,
    by: str,
    ask_id: str | None = None,
    run_id: int | None = None,
) -> Agreement:
    """Keep an answer. An id already used for this week gets the next free one.

    Returns
    -------
    Agreement
        The answer as kept (with its id in the store).
    """
    with writing(engine) as conn:
        week_row = ensure_week(conn, week, actor=by)
        used = set(
            conn.execute(
                select(AgreementRow.agreement_id).where(
                    AgreementRow.week_id == week_row
                )
            ).scalars()
        )
        kept = agreement
        if agreement.agreement_id in used:
            count = conn.execute(
                select(func.count()).where(AgreementRow.week_id == week_row)
            ).scalar_one()
            number = int(count) + 1
            while f"ag{number}" in used:
                number += 1
            kept = agreement.model_copy(update={"agreement_id": f"ag{number}"})
        conn.execute(
            insert(AgreementRow).values(
                week_id=week_row,
                agreement_id=kept.agreement_id,
                party_id=kept.party_id,
                kind=kept.kind,
                session_id=kept.session_id,
                date=kept.date,
                start=format_hhmm(kept.start) if kept.start else None,
                end=format_hhmm(kept.end) if kept.end else None,
                extra_minutes=kept.extra_minutes,
                answer=kept.answer,
                answered_at=kept.answered_at,
                recorded_by=by,
                ask_run_id=run_id,
                ask_id=ask_id,
            )
        )
        audit.append(
            conn,
            actor=by,
            action="agreement.record",
            week=week,
            subject=kept.agreement_id,
            party_id=kept.party_id,
            kind=kept.kind,
            session_id=kept.session_id,
            answer=kept.answer,
            ask_id=ask_id,
        )
    return kept


def agreements(conn: Connection, week: WeekRef) -> list[Agreement]:
    """The week's answers in the order recorded (none for a week never seen)."""
    week_row = find_week(conn, week)
    if week_row is None:
        return []
    rows = conn.execute(
        select(AgreementRow)
        .where(AgreementRow.week_id == week_row)
        .order_by(AgreementRow.id)
    )
    try:
        return [
            Agreement(
                agreement_id=r.agreement_id,
                party_id=r.party_id,
                kind=r.kind,
                session_id=r.session_id,
                date=r.date,
                start=parse_hhmm(r.start) if r.start else None,
                end=parse_hhmm(r.end) if r.end else None,
                extra_minutes=r.extra_minutes,
                answer=r.answer,
                answered_at=r.answered_at,
            )
            for r in rows
        ]
    except ValueError as exc:  # pragma: no cover - rows are written valid
        raise StoreError(f"an answer kept for {week} cannot be read: {exc}") from None
