"""The contract's outputs of a solve: rota.csv, unmet.csv, asks.csv, summary.json.

Rows are built once as typed values (user text as ``str``, numbers as numbers,
dates and times as such) so that the CSV writers here and the Excel export share
them and only user text is guarded against formula injection. ``read_rota_csv``
reads a rota file back, so any rota (ours or hand-made) can be checked.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

from ..model import Ask, Assignment, Problem, Summary, Unmet
from ..model.time import parse_date, parse_hhmm, span
from .csv_folder import not_text
from .inputs_writer import cell as contract_cell
from .safe_cells import csv_text, csv_unguard

log = logging.getLogger("rota")

_T = TypeVar("_T")

Value = str | int | float | dt.date | dt.time | None
"""A cell before formatting: ``str`` values are user text and get guarded."""

Table = tuple[list[str], list[list[Value]]]

ROTA_FILE = "rota.csv"
UNMET_FILE = "unmet.csv"
ASKS_FILE = "asks.csv"
SUMMARY_FILE = "summary.json"

ROTA_COLUMNS = (
    "session_id",
    "worker_id",
    "user_id",
    "date",
    "start",
    "end",
    "worker_name",
    "user_name",
    "hours",
    "kind",
    "priority",
)
UNMET_COLUMNS = (
    "session_id",
    "reason",
    "user_id",
    "date",
    "start",
    "end",
    "priority",
    "user_name",
    "staff_required",
    "kind",
)
ASKS_COLUMNS = (
    "ask_id",
    "to_id",
    "kind",
    "session_ids",
    "message",
    "cost",
    "group",
    "date",
    "start",
    "end",
    "extra_minutes",
)
ROTA_READ_COLUMNS = ("session_id", "worker_id", "date", "start", "end")
"""The columns :func:`read_rota_csv` needs; any others are ignored."""


def hours_between(start: dt.datetime, end: dt.datetime) -> float:
    """Length of an interval in hours, to two decimals."""
    return round((end - start).total_seconds() / 3600, 2)


def rota_table(problem: Problem, assignments: Sequence[Assignment]) -> Table:
    """Header and rows of rota.csv, sorted by date, start, worker and session."""
    rows: list[list[Value]] = []
    ordered = sorted(
        assignments, key=lambda a: (a.start, a.worker_id, a.session_id, a.end)
    )
    for a in ordered:
        session = problem.session_by_id.get(a.session_id)
        worker = problem.worker_by_id.get(a.worker_id)
        if session is None or worker is None:
            log.warning(
                "rota line %s/%s names an unknown session or worker",
                a.session_id,
                a.worker_id,
            )
        user = problem.user_by_id.get(session.user_id) if session else None
        rows.append(
            [
                a.session_id,
                a.worker_id,
                session.user_id if session else None,
                a.start.date(),
                a.start.time(),
                a.end.time(),
                worker.name if worker else None,
                user.name if user else None,
                hours_between(a.start, a.end),
                session.kind if session else None,
                session.priority if session else None,
            ]
        )
    return list(ROTA_COLUMNS), rows


def unmet_table(problem: Problem, unmet: Sequence[Unmet]) -> Table:
    """Header and rows of unmet.csv, sorted by the session's date and start."""

    def when(u: Unmet) -> tuple[dt.date, dt.time, str]:
        s = problem.session_by_id.get(u.session_id)
        return (s.date, s.start, u.session_id) if s else (dt.date.max, dt.time(), "")

    rows: list[list[Value]] = []
    for u in sorted(unmet, key=when):
        s = problem.session_by_id.get(u.session_id)
        if s is None:
            log.warning("unmet line names unknown session %s", u.session_id)
            rows.append([u.session_id, u.reason, *[None] * 8])
            continue
        user = problem.user_by_id.get(s.user_id)
        rows.append(
            [
                u.session_id,
                u.reason,
                s.user_id,
                s.date,
                s.start,
                s.end,
                s.priority,
                user.name if user else None,
                s.staff_required,
                s.kind,
            ]
        )
    return list(UNMET_COLUMNS), rows


def asks_table(asks: Sequence[Ask]) -> Table:
    """Header and rows of asks.csv, in the order the asks were given."""
    rows: list[list[Value]] = [
        [
            a.ask_id,
            a.to_id,
            a.kind,
            ";".join(a.session_ids),
            a.message,
            a.cost,
            a.group,
            a.date,
            a.start,
            a.end,
            a.extra_minutes,
        ]
        for a in asks
    ]
    return list(ASKS_COLUMNS), rows


def csv_cell(value: Value) -> str:
    """A typed value as CSV text: user text guarded, everything else as the contract."""
    if isinstance(value, str):
        return csv_text(value)
    if isinstance(value, float):
        value = round(value, 6)
    return contract_cell(value)


def write_table_csv(path: str | Path, table: Table) -> Path:
    """Write a header and typed rows as a UTF-8 CSV file with a byte-order mark.

    The mark makes Excel read the file as UTF-8 (names such as Zoë and Łukasz);
    every reader in rota opens CSV files as ``utf-8-sig``, which drops it.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    header, rows = table
    with target.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([csv_cell(v) for v in row] for row in rows)
    return target


def write_rota_csv(
    path: str | Path, problem: Problem, assignments: Sequence[Assignment]
) -> Path:
    """Write rota.csv: one row per worker on a covered session.

    Parameters
    ----------
    path
        The file to write.
    problem
        The problem the rota is for (names, people, kinds, priorities).
    assignments
        The rostered assignments, at the times actually rostered.

    Returns
    -------
    Path
        The file written.
    """
    return write_table_csv(path, rota_table(problem, assignments))


def write_unmet_csv(path: str | Path, problem: Problem, unmet: Sequence[Unmet]) -> Path:
    """Write unmet.csv: one row per session left uncovered, with the reason.

    Parameters
    ----------
    path
        The file to write.
    problem
        The problem the sessions belong to.
    unmet
        The uncovered sessions.

    Returns
    -------
    Path
        The file written.
    """
    return write_table_csv(path, unmet_table(problem, unmet))


def write_asks_csv(path: str | Path, asks: Sequence[Ask]) -> Path:
    """Write asks.csv: the requests that would cover what is left uncovered.

    Parameters
    ----------
    path
        The file to write.
    asks
        The requests, in the order to show them.

    Returns
    -------
    Path
        The file written.
    """
    return write_table_csv(path, asks_table(asks))


def write_summary_json(path: str | Path, summary: Summary) -> Path:
    """Write summary.json: every field of the summary, indented by two spaces.

    Parameters
    ----------
    path
        The file to write.
    summary
        How the solve went and the objective by rule.

    Returns
    -------
    Path
        The file written.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(summary.model_dump(mode="json"), indent=2, ensure_ascii=False)
    target.write_text(text + "\n", encoding="utf-8")
    return target


def write_outputs(
    out_dir: str | Path,
    problem: Problem,
    assignments: Sequence[Assignment],
    unmet: Sequence[Unmet],
    asks: Sequence[Ask],
    summary: Summary,
) -> dict[str, Path]:
    """Write the four outputs of ``rota solve DIR --out OUT`` into ``out_dir``.

    Parameters
    ----------
    out_dir
        The output folder; created when missing, existing files replaced one by
        one. For a run's outputs that must never be left half written, write into
        :func:`rota.io.safe_write.staged_outputs` instead.
    problem, assignments, unmet, asks, summary
        The problem and what the engine made of it.

    Returns
    -------
    dict[str, Path]
        Each file name (``rota.csv``, ``unmet.csv``, ``asks.csv``,
        ``summary.json``) with the path written.
    """
    out = Path(out_dir)
    return {
        ROTA_FILE: write_rota_csv(out / ROTA_FILE, problem, assignments),
        UNMET_FILE: write_unmet_csv(out / UNMET_FILE, problem, unmet),
        ASKS_FILE: write_asks_csv(out / ASKS_FILE, asks),
        SUMMARY_FILE: write_summary_json(out / SUMMARY_FILE, summary),
    }


def read_rota_csv(
    path: str | Path, problem: Problem
) -> tuple[list[Assignment], list[str]]:
    """Read a rota file (rota.csv or any file with its key columns).

    Only ``session_id, worker_id, date, start, end`` are read; an ``end`` not
    after ``start`` is on the next day. A ``'`` put before formula-like text by
    the writers is removed again.

    Parameters
    ----------
    path
        The rota file.
    problem
        The problem whose sessions and workers the rota must name.

    Returns
    -------
    tuple[list[Assignment], list[str]]
        The assignments of every good row, and one message per problem found,
        each naming the file, the row (1 = first data row) and the column.
    """
    source = Path(path)
    name = source.name
    try:
        data = source.read_bytes()
    except OSError as exc:
        return [], [f"{name}: cannot be read ({exc.strerror or exc})"]
    binary = not_text(name, data)  # e.g. a workbook given as the rota file
    if binary is not None:
        return [], [str(binary)]
    try:
        text = data.decode("utf-8-sig")
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        return [], [f"{name}: is not a readable CSV file ({exc})"]
    if not records:
        return [], [f"{name}: the file is empty; expected a header row"]
    header = [h.strip() for h in records[0]]
    missing = [c for c in ROTA_READ_COLUMNS if c not in header]
    if missing:
        return [], [f"{name}: missing column {c}" for c in missing]
    at = {c: header.index(c) for c in ROTA_READ_COLUMNS}
    assignments: list[Assignment] = []
    errors: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    for number, record in enumerate(records[1:], start=1):
        if not any(v.strip() for v in record):
            continue
        values = {c: (record[i] if i < len(record) else "") for c, i in at.items()}
        problems: list[str] = []
        line = _read_line(values, problem, problems)
        errors += [f"{name} row {number}, column {p}" for p in problems]
        if line is None:
            continue
        key = (line.session_id, line.worker_id)
        if key in seen:
            errors.append(
                f"{name} row {number}, column worker_id: worker '{key[1]}' is "
                f"already on session '{key[0]}' in row {seen[key]}"
            )
            continue
        seen[key] = number
        assignments.append(line)
    return assignments, errors


def _known_id(text: str, pool: Mapping[str, object]) -> str | None:
    """The id a cell names: guarded form first, then the text exactly as given."""
    for candidate in (csv_unguard(text), text):
        if candidate in pool:
            return candidate
    return None


def _read_line(
    values: dict[str, str], problem: Problem, problems: list[str]
) -> Assignment | None:
    """One rota row as an Assignment; appends ``column: message`` on errors."""
    ids: dict[str, str] = {}
    pools: dict[str, tuple[Mapping[str, object], str, str]] = {
        "session_id": (problem.session_by_id, "session", "sessions.csv"),
        "worker_id": (problem.worker_by_id, "worker", "workers.csv"),
    }
    for column, (pool, what, file) in pools.items():
        text = values[column].strip()
        found = _known_id(text, pool)
        if not text:
            problems.append(f"{column}: expected a {what} id, found an empty cell")
        elif found is None:
            problems.append(f"{column}: '{text}' is not a {what} in {file}")
        else:
            ids[column] = found
    date = _parsed("date", values, parse_date, problems)
    start = _parsed("start", values, parse_hhmm, problems)
    end = _parsed("end", values, parse_hhmm, problems)
    if problems or date is None or start is None or end is None:
        return None
    begin, finish = span(date, start, end)
    return Assignment(
        session_id=ids["session_id"],
        worker_id=ids["worker_id"],
        start=begin,
        end=finish,
    )


def _parsed(
    column: str,
    values: dict[str, str],
    parse: Callable[[str], _T],
    problems: list[str],
) -> _T | None:
    """A parsed cell, or None with ``column: message`` appended."""
    try:
        return parse(values[column])
    except ValueError as exc:
        problems.append(f"{column}: {exc}")
        return None
