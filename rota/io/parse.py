"""From a read table to records: header checks, cells, and the records' own rules.

Every bad cell of every row is reported, not just the first: a row whose cells do
not all parse is still offered to its record type without them, so a range error
in another cell of the same row is found too. Pydantic's messages are rewritten as
plain sentences naming the value and what was expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from annotated_types import Ge, Gt, Le, Lt
from pydantic import BaseModel, ValidationError

from ..model import (
    Agreement,
    AvailabilityWindow,
    PublishedAssignment,
    ServiceUser,
    Session,
    TravelEntry,
    Worker,
)
from .cells import CellError, Parser, parser_for
from .columns import (
    AGREEMENTS,
    AVAILABILITY,
    PUBLISHED,
    SERVICE_USERS,
    SESSIONS,
    TRAVEL,
    WORKERS,
)
from .issues import DataIssue, error, warning
from .table import RawTable

RECORD_TYPES: dict[str, type[BaseModel]] = {
    WORKERS.name: Worker,
    AVAILABILITY.name: AvailabilityWindow,
    SERVICE_USERS.name: ServiceUser,
    SESSIONS.name: Session,
    TRAVEL.name: TravelEntry,
    PUBLISHED.name: PublishedAssignment,
    AGREEMENTS.name: Agreement,
}
"""The record type each input file's rows become."""

ID_COLUMNS: dict[str, str] = {
    WORKERS.name: "worker_id",
    SERVICE_USERS.name: "user_id",
    SESSIONS.name: "session_id",
    AGREEMENTS.name: "agreement_id",
}
"""The column holding each file's unique id."""

# Why a bound exists, said after the range so the office knows what to fix.
_BOUND_REASONS = {
    "staff_required": "a session needs at least one worker",
    "max_days_per_week": "a week has 7 days",
    "max_distinct_workers": "at least one worker must be allowed",
    "contracted_hours": "a week has 168 hours",
    "max_hours": "a week has 168 hours",
    "max_hours_per_day": "a day has 24 hours",
    "hourly_rate": "pounds per hour",
    "charge_rate": "pounds per hour",
    "weekly_budget": "pounds per week",
    "max_travel_minutes": "a journey of at most a day",
    "minutes": "a journey of at most a day",
    "miles": "a journey of at most 1,000 miles",
    "flex_minutes": "a start moves by at most a day",
    "extra_minutes": "at most a week of overtime",
    "min_total_hours": "hours over the whole rota",
    "max_total_hours": "hours over the whole rota",
}

_RANGE_ERRORS = frozenset(
    {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}
)


@dataclass
class ParsedTable:
    """The records of one file that parsed, with their source rows and issues.

    Attributes
    ----------
    records
        Records of the rows without errors, in file order.
    rows
        The source row of each record (``rows[i]`` belongs to ``records[i]``).
    issues
        Every issue found in the file.
    ids
        ``(row, id)`` for every row with a non-empty id cell, parsed or not, so
        duplicates and references to broken rows are judged on all rows.
    broken_ids
        Ids of rows that did not parse.
    """

    records: list[Any] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    issues: list[DataIssue] = field(default_factory=list)
    ids: list[tuple[int, str]] = field(default_factory=list)
    broken_ids: set[str] = field(default_factory=set)


def _header_issues(table: RawTable) -> tuple[dict[str, int], list[DataIssue]]:
    """Column positions by name, and the header's problems."""
    spec = table.spec
    positions: dict[str, int] = {}
    issues: list[DataIssue] = []
    for index, name in enumerate(table.header):
        if not name:
            continue
        if name in positions:
            issues.append(
                error(spec.name, None, name, f"column '{name}' appears twice")
            )
            continue
        positions[name] = index
    for column in spec.required:
        if column in positions:
            continue
        message = f"missing required column '{column}'"
        near = [n for n in positions if n.casefold() == column.casefold()]
        if near:
            message += f" (there is a column '{near[0]}': names are lower case)"
        elif len(positions) == 1 and re.search(r"[;\t]", table.header[0]):
            message += " (the header looks separated by ';' or tabs, not commas)"
        issues.append(error(spec.name, None, column, message))
    return positions, issues


def _stray_cells(table: RawTable, row: int, cells: list[str]) -> DataIssue | None:
    """An issue for values in columns that have no header, if any."""
    named = len(table.header)
    stray = [
        i
        for i, text in enumerate(cells)
        if text.strip() and (i >= named or not table.header[i])
    ]
    if not stray:
        return None
    if table.kind == "csv" and stray[-1] >= named:
        return error(
            table.spec.name,
            row,
            None,
            f"has {stray[-1] + 1} values but the header names only {named} "
            "columns (is there a comma inside a value that is not in quotes?)",
        )
    return warning(
        table.spec.name,
        row,
        None,
        f"values in column {stray[0] + 1}, which has no header, are ignored",
    )


def _figure(value: Any) -> str:
    """A bound as people write it: 1,000,000 rather than 1e+06."""
    number = float(value)
    return f"{number:,.0f}" if number.is_integer() else f"{number:g}"


def _bounds_phrase(record: type[BaseModel], column: str) -> str:
    """The allowed range of a numeric field in words, from its constraints."""
    low = high = None
    for item in record.model_fields[column].metadata:
        if isinstance(item, Ge):
            low = f"{_figure(item.ge)} or more"
        elif isinstance(item, Gt):
            low = f"more than {_figure(item.gt)}"
        elif isinstance(item, Le):
            high = f"{_figure(item.le)} or less"
        elif isinstance(item, Lt):
            high = f"less than {_figure(item.lt)}"
    if low and high and low.endswith(" or more") and high.endswith(" or less"):
        return f"between {low.split()[0]} and {high.split()[0]}"
    return " and ".join(p for p in (low, high) if p) or "in range"


def _field_message(record: type[BaseModel], column: str, raw: str, err: Any) -> str:
    if err["type"] in _RANGE_ERRORS:
        bounds = _bounds_phrase(record, column)
        if column.endswith("lat"):
            return f"'{raw}' is not a latitude: it must be {bounds}"
        if column.endswith("lon"):
            return f"'{raw}' is not a longitude: it must be {bounds}"
        reason = _BOUND_REASONS.get(column)
        return f"'{raw}' must be {bounds}" + (f": {reason}" if reason else "")
    text = str(err["msg"]).removeprefix("Value error, ")
    if text.startswith(("Input should", "String should")):
        return f"'{raw}' is not a valid {column}"
    return text


def _record_column(
    record: type[BaseModel], values: dict[str, Any], text: str
) -> str | None:
    """The column a whole-record rule is about."""
    if record is Worker:
        return "max_hours"
    if record is Session:
        first = text.split(" ", 1)[0]
        if first in ("end", "latest_start", "linked_to", "min_delay_minutes"):
            return first  # a window or link rule names its column first
        return "lon" if values.get("lat") is not None else "lat"
    if record is PublishedAssignment:
        return "start" if values.get("date") is not None else "date"
    match = re.search(r"needs (\w+)", text)  # an agreement names what it lacks
    return match.group(1) if match else None


def _validation_issues(
    record: type[BaseModel],
    exc: ValidationError,
    where: tuple[str, int],
    values: dict[str, Any],
    raw: dict[str, str],
    reported: set[str],
) -> list[DataIssue]:
    """Pydantic's errors as plain issues, minus those already said about a cell."""
    file, row = where
    issues: list[DataIssue] = []
    for err in exc.errors():
        loc = err["loc"]
        column = str(loc[0]) if loc else None
        if column in reported:
            continue
        if column is None or column not in record.model_fields:
            text = str(err["msg"]).removeprefix("Value error, ")
            about = _record_column(record, values, text)
            if about not in reported:  # a bad cell already said, not twice
                issues.append(error(file, row, about, text))
            continue
        message = _field_message(record, column, raw.get(column, ""), err)
        issues.append(error(file, row, column, message))
    return issues


def parse_table(table: RawTable) -> ParsedTable:
    """Check a table's header and turn each of its rows into a record.

    Parameters
    ----------
    table
        A file or sheet as read.

    Returns
    -------
    ParsedTable
        The records that parsed and every issue found. When a required column is
        missing no row is parsed: the missing column is the one issue to fix.
    """
    spec = table.spec
    record = RECORD_TYPES[spec.name]
    out = ParsedTable()
    positions, out.issues = _header_issues(table)
    if out.issues:
        return out
    known = {c: positions[c] for c in spec.columns if c in positions}
    parsers: dict[str, Parser] = {
        c: parser_for(record.model_fields[c].annotation) for c in known
    }
    extras = {n: i for n, i in positions.items() if n not in spec.columns}
    id_column = ID_COLUMNS.get(spec.name)
    for row, cells in table.rows:
        padded = cells + [""] * (len(table.header) - len(cells))
        before = len(out.issues)
        stray = _stray_cells(table, row, cells)
        if stray is not None:
            out.issues.append(stray)
        raw = {c: padded[i].strip() for c, i in known.items()}
        values: dict[str, Any] = {}
        reported: set[str] = set()
        for column, text in raw.items():
            try:
                if text:
                    values[column] = parsers[column](text)
                elif column in spec.required:
                    raise CellError("is empty but required")
            except CellError as exc:
                out.issues.append(error(spec.name, row, column, str(exc)))
                reported.add(column)
        if id_column and raw.get(id_column):
            out.ids.append((row, raw[id_column]))
        built: BaseModel | None = None
        try:
            # Extra columns keep their text exactly, so a round trip is lossless.
            built = record(**values, extra={n: padded[i] for n, i in extras.items()})
        except ValidationError as exc:
            where = (spec.name, row)
            out.issues += _validation_issues(record, exc, where, values, raw, reported)
        if any(i.severity == "error" for i in out.issues[before:]):
            if id_column and raw.get(id_column):
                out.broken_ids.add(raw[id_column])
        elif built is not None:
            out.records.append(built)
            out.rows.append(row)
    return out
