"""Writing a Problem back out as the contract's CSV folder."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..model import Problem
from ..model.time import format_hhmm
from .columns import (
    AGREEMENTS,
    AVAILABILITY,
    PUBLISHED,
    SERVICE_USERS,
    SESSIONS,
    TRAVEL,
    WORKERS,
    FileSpec,
)


def cell(value: Any) -> str:
    """A field value as the contract writes it in a cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return format_hhmm(value)
    if isinstance(value, tuple | list | frozenset | set):
        return ";".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def rows_of(
    spec: FileSpec, records: Sequence[BaseModel]
) -> tuple[list[str], list[list[str]]]:
    """Header and rows for records: the contract's columns, then any extra columns."""
    extras: list[str] = []
    for record in records:
        for key in getattr(record, "extra", {}):
            if key not in extras and key not in spec.columns:
                extras.append(key)
    columns = [
        c
        for c in spec.columns
        if c not in spec.extensions or any(getattr(r, c) is not None for r in records)
    ]
    header = [*columns, *extras]
    rows = []
    for record in records:
        extra = getattr(record, "extra", {})
        row = [cell(getattr(record, c)) for c in columns]
        row += [extra.get(c, "") for c in extras]
        rows.append(row)
    return header, rows


def tables(problem: Problem) -> list[tuple[FileSpec, Sequence[BaseModel]]]:
    """Each input file with its records; optional files only when they hold rows."""
    pairs: list[tuple[FileSpec, Sequence[BaseModel]]] = [
        (WORKERS, problem.workers),
        (AVAILABILITY, problem.availability),
        (SERVICE_USERS, problem.users),
        (SESSIONS, problem.sessions),
        (TRAVEL, problem.travel),
        (PUBLISHED, problem.published),
        (AGREEMENTS, problem.agreements),
    ]
    return [(s, r) for s, r in pairs if s.required_file or r]


def folder_texts(problem: Problem) -> dict[str, str]:
    """Each file of the data folder ``problem`` reads back from, as CSV text."""
    texts: dict[str, str] = {}
    for spec, records in tables(problem):
        header, rows = rows_of(spec, records)
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        texts[spec.name] = buffer.getvalue()
    return texts


def write_folder(problem: Problem, folder: str | Path) -> Path:
    """Write ``problem`` as a data folder the loader reads back unchanged."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in folder_texts(problem).items():
        with (out / name).open("w", newline="", encoding="utf-8") as handle:
            handle.write(text)
    return out
