"""Answers: reading asks.csv back and recording an answer in agreements.csv.

An answer is appended as one row in the data contract's columns; existing rows,
their order and any extra columns are kept exactly as they were. An answer to an
ask already answered (same party, kind and session) replaces the earlier row. The next solve
reads the row like any other agreement: a yes widens that party's rule, a no keeps
the same request from being made again.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, NamedTuple, get_args

from pydantic import ValidationError

from ..io.columns import AGREEMENTS
from ..io.inputs_writer import cell
from ..io.safe_cells import csv_unguard
from ..model import Agreement, Ask
from ..model.records import AgreementKind
from ..model.time import parse_date, parse_hhmm
from .why_not import NegotiationError

Answer = Literal["yes", "no"]

_ASK_REQUIRED = ("ask_id", "to_id", "kind", "session_ids", "message", "cost")
_KINDS: tuple[str, ...] = get_args(AgreementKind)


def _optional(value: str, parse, problems: list[str], column: str):
    text = value.strip()
    if not text:
        return None
    try:
        return parse(text)
    except ValueError as exc:
        problems.append(f"column {column}: {exc}")
        return None


def _ask_row(row: dict[str, str], problems: list[str]) -> Ask | None:
    values = {k: csv_unguard(v or "") for k, v in row.items() if k is not None}
    for column in ("ask_id", "to_id"):
        if not values[column].strip():
            problems.append(f"column {column}: expected an id, found an empty cell")
    kind = values["kind"].strip()
    if kind not in _KINDS:
        problems.append(f"column kind: '{kind}' is not one of {', '.join(_KINDS)}")
    try:
        cost = float(values["cost"] or 0)
    except ValueError:
        problems.append(f"column cost: '{values['cost']}' is not a number")
        cost = 0.0
    date = _optional(values.get("date", ""), parse_date, problems, "date")
    start = _optional(values.get("start", ""), parse_hhmm, problems, "start")
    end = _optional(values.get("end", ""), parse_hhmm, problems, "end")
    extra = _optional(values.get("extra_minutes", ""), int, problems, "extra_minutes")
    if problems:
        return None
    return Ask(
        ask_id=values["ask_id"].strip(),
        to_id=values["to_id"].strip(),
        kind=kind,
        session_ids=tuple(s.strip() for s in values["session_ids"].split(";") if s),
        message=values["message"],
        cost=cost,
        group=values.get("group", "").strip() or None,
        date=date,
        start=start,
        end=end,
        extra_minutes=extra,
    )


def read_asks_csv(path: str | Path) -> list[Ask]:
    """Read the asks a solve wrote (asks.csv).

    Parameters
    ----------
    path
        The asks file.

    Returns
    -------
    list[Ask]
        The asks in file order.

    Raises
    ------
    NegotiationError
        When the file cannot be read, lacks a column, or has a bad row; the message
        names the file, the row (1 = first data row) and the column.
    """
    source = Path(path)
    try:
        with source.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
            header = rows[0].keys() if rows else []
    except FileNotFoundError:
        raise NegotiationError(f"{source.name}: file not found ({source})") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise NegotiationError(f"{source.name}: cannot be read ({exc})") from None
    missing = [c for c in _ASK_REQUIRED if rows and c not in header]
    if missing:
        raise NegotiationError(f"{source.name}: missing column {', '.join(missing)}")
    asks: list[Ask] = []
    errors: list[str] = []
    for number, row in enumerate(rows, start=1):
        problems: list[str] = []
        ask = _ask_row(row, problems)
        errors += [f"{source.name} row {number}, {p}" for p in problems]
        if ask is not None:
            asks.append(ask)
    if errors:
        raise NegotiationError("\n".join(errors))
    return asks


def answer_ask(
    ask: Ask, answer: Answer, *, agreement_id: str, at: dt.datetime
) -> Agreement:
    """The agreement a yes or no to ``ask`` records.

    Raises
    ------
    NegotiationError
        When the ask lacks what its kind needs.
    """
    try:
        return Agreement(
            agreement_id=agreement_id,
            party_id=ask.to_id,
            kind=ask.kind,
            # Every kind names the session it was asked for, so the next rota
            # knows which sessions a yes was given for (rule agreed_uncovered).
            session_id=ask.session_ids[0] if ask.session_ids else None,
            date=ask.date,
            start=ask.start,
            end=ask.end,
            extra_minutes=ask.extra_minutes if ask.kind == "overtime" else None,
            answer=answer,
            answered_at=at,
        )
    except ValidationError as exc:
        reason = "; ".join(e["msg"] for e in exc.errors())
        raise NegotiationError(
            f"ask {ask.ask_id} cannot be recorded: {reason}"
        ) from None


def _read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        records = [r for r in csv.reader(handle) if any(v.strip() for v in r)]
    if not records:
        return [], []
    return [h.strip() for h in records[0]], records[1:]


def _append(path: Path, row: list[str]) -> None:
    """Add one row at the end, leaving every byte before it as it was."""
    with path.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        ends_open = handle.tell() > 0
        if ends_open:
            handle.seek(-1, os.SEEK_END)
            ends_open = handle.read(1) not in (b"\n", b"\r")
    with path.open("a", newline="", encoding="utf-8") as out:
        if ends_open:
            out.write("\r\n")
        csv.writer(out).writerow(row)


def _next_id(header: list[str], rows: list[list[str]]) -> str:
    used = set()
    if "agreement_id" in header:
        at = header.index("agreement_id")
        used = {r[at].strip() for r in rows if len(r) > at}
    number = len(rows) + 1
    while f"ag{number}" in used:
        number += 1
    return f"ag{number}"


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """Replace ``path`` in one step, so a failure never leaves half a file."""
    handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows(rows)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class Recorded(NamedTuple):
    """What :func:`record_answer` wrote."""

    agreement: Agreement
    """The row written."""
    replaced: str | None
    """The earlier answer's agreement_id when the same ask (same party, kind and
    session) had been answered before and this answer replaced it; else None."""
    previous: str | None = None
    """The earlier answer (``yes``/``no``) when one was replaced."""


def _same_ask(header: list[str], row: list[str], agreement: Agreement) -> bool:
    def value(column: str) -> str:
        at = header.index(column) if column in header else -1
        return row[at].strip() if 0 <= at < len(row) else ""

    return (value("party_id"), value("kind"), value("session_id")) == (
        agreement.party_id,
        agreement.kind,
        agreement.session_id or "",
    )


def record_answer(
    folder: str | Path, ask: Ask, answer: Answer, *, at: dt.datetime | None = None
) -> Recorded:
    """Record a worker's or person's answer to an ask in the folder's agreements.csv.

    Parameters
    ----------
    folder
        The data folder; agreements.csv is created with the contract's header when
        missing.
    ask
        The ask answered (from :func:`read_asks_csv` or ``propose_asks``).
    answer
        ``"yes"`` or ``"no"``.
    at
        When it was answered; default: now, to the minute.

    Returns
    -------
    Recorded
        The row written, and whether it replaced an earlier answer. A new answer
        is appended and every existing row kept as it was; an answer to an ask
        already answered (same party, kind and session) replaces that row in
        place, keeping its agreement_id and extra columns, so the file holds one
        answer per ask and the latest one counts.

    Raises
    ------
    NegotiationError
        When the answer is not yes or no, or the ask lacks what its kind needs.
    """
    if answer not in ("yes", "no"):
        raise NegotiationError(f"the answer must be yes or no, not '{answer}'")
    target = Path(folder) / AGREEMENTS.name
    if not target.parent.is_dir():
        raise NegotiationError(f"{target.parent}: no such data folder")
    moment = (at or dt.datetime.now()).replace(second=0, microsecond=0)
    header, rows = _read_rows(target) if target.exists() else ([], [])
    agreement = answer_ask(ask, answer, agreement_id=_next_id(header, rows), at=moment)
    earlier = [i for i, r in enumerate(rows) if _same_ask(header, r, agreement)]
    if not earlier and header and all(c in header for c in AGREEMENTS.columns):
        values = {c: cell(getattr(agreement, c)) for c in AGREEMENTS.columns}
        _append(target, [values.get(c, "") for c in header])
        return Recorded(agreement, None)
    # A new file, one missing optional columns (written whole with them added), or
    # an ask answered before (its row replaced in place, the file rewritten).
    header = header + [c for c in AGREEMENTS.columns if c not in header]
    rows = [r + [""] * (len(header) - len(r)) for r in rows]
    replaced = previous = None
    if earlier:
        first = rows[earlier[0]]
        kept = first[header.index("agreement_id")].strip()
        if kept:
            agreement = agreement.model_copy(update={"agreement_id": kept})
        replaced = agreement.agreement_id
        previous = first[header.index("answer")].strip() or None
    values = {c: cell(getattr(agreement, c)) for c in AGREEMENTS.columns}
    if earlier:
        at_row = earlier[0]
        rows[at_row] = [
            values.get(c, v) for c, v in zip(header, rows[at_row], strict=False)
        ]
        rows = [r for i, r in enumerate(rows) if i not in earlier[1:]]
    else:
        rows.append([values.get(c, "") for c in header])
    _write(target, header, rows)
    return Recorded(agreement, replaced, previous)


def answer_given(ask: Ask, agreements: Sequence[Agreement]) -> Answer | None:
    """The latest answer the party asked gave to this kind of request for the
    ask's session; None when they have not answered."""
    session = ask.session_ids[0] if ask.session_ids else None
    for agreement in reversed(agreements):
        if (agreement.party_id, agreement.kind, agreement.session_id) == (
            ask.to_id,
            ask.kind,
            session,
        ):
            return agreement.answer
    return None
