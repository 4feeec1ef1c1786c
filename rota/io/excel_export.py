"""One Excel workbook of a solved week, for the people who read rotas in Excel.

Sheets: Rota (as rota.csv), By worker (hours against contract), Unmet, Asks and
Summary (the objective by rule). Dates, times and numbers are stored as Excel
values so the sheets sort and filter properly; user text goes through
:func:`rota.io.safe_cells.set_excel_text` so it can never become a formula.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ..model import Ask, Assignment, Problem, Summary, Unmet
from .outputs import Table, Value, asks_table, hours_between, rota_table, unmet_table
from .safe_cells import set_excel_text

DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "hh:mm"
MIN_WIDTH, MAX_WIDTH = 8, 60

BY_WORKER_COLUMNS = (
    "worker_id",
    "name",
    "contracted_hours",
    "max_hours",
    "rostered_hours",
    "hours_vs_contract",
    "sessions",
    "days",
    "people",
)
SUMMARY_FIELDS = (
    "status",
    "objective",
    "best_bound",
    "wall_seconds",
    "first_solution_seconds",
    "sessions",
    "covered",
    "coverage",
    "policy",
    "seed",
    "workers",
)


def by_worker_table(problem: Problem, assignments: Sequence[Assignment]) -> Table:
    """A row per worker: contract, hours rostered in the horizon, sessions, days.

    ``hours_vs_contract`` compares the rostered hours with the weekly contract
    times the number of weeks in the horizon; travel time is not included.
    """
    mine: dict[str, list[Assignment]] = defaultdict(list)
    for a in assignments:
        mine[a.worker_id].append(a)
    weeks = problem.period.weeks
    rows: list[list[Value]] = []
    for w in problem.workers:
        lines = mine.get(w.worker_id, [])
        hours = round(sum(hours_between(a.start, a.end) for a in lines), 2)
        people = {
            problem.session_by_id[a.session_id].user_id
            for a in lines
            if a.session_id in problem.session_by_id
        }
        rows.append(
            [
                w.worker_id,
                w.name,
                w.contracted_hours,
                w.max_hours,
                hours,
                round(hours - w.contracted_hours * weeks, 2),
                len(lines),
                len({a.start.date() for a in lines}),
                len(people),
            ]
        )
    return list(BY_WORKER_COLUMNS), rows


def summary_tables(summary: Summary) -> tuple[Table, Table]:
    """The summary's headline fields, and the breakdown table with a total row."""
    fields: list[list[Value]] = [
        [name, getattr(summary, name)] for name in SUMMARY_FIELDS
    ]
    breakdown: list[list[Value]] = [
        [rule, value] for rule, value in summary.breakdown.items()
    ]
    breakdown.append(["total", round(sum(summary.breakdown.values()), 6)])
    return (["field", "value"], fields), (["rule", "points"], breakdown)


def write_excel(
    path: str | Path,
    problem: Problem,
    assignments: Sequence[Assignment],
    unmet: Sequence[Unmet],
    asks: Sequence[Ask],
    summary: Summary,
) -> Path:
    """Write the whole solve as one .xlsx workbook.

    Parameters
    ----------
    path
        The workbook to write (``.xlsx``); replaced when it exists.
    problem, assignments, unmet, asks, summary
        The problem and what the engine made of it.

    Returns
    -------
    Path
        The file written.
    """
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    _sheet(book, "Rota", [rota_table(problem, assignments)])
    _sheet(book, "By worker", [by_worker_table(problem, assignments)])
    _sheet(book, "Unmet", [unmet_table(problem, unmet)])
    _sheet(book, "Asks", [asks_table(asks)])
    _sheet(book, "Summary", list(summary_tables(summary)))
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target


def _sheet(book: Workbook, title: str, tables: list[Table]) -> None:
    """Add a sheet holding tables one under another, a blank row between them."""
    sheet = book.create_sheet(title)
    widths: dict[int, int] = defaultdict(int)
    row = 1
    for header, rows in tables:
        for col, name in enumerate(header, start=1):
            cell = sheet.cell(row=row, column=col)
            set_excel_text(cell, name)
            cell.font = Font(bold=True)
            widths[col] = max(widths[col], len(name) + 2)
        for values in rows:
            row += 1
            for col, value in enumerate(values, start=1):
                _put(sheet.cell(row=row, column=col), value)
                widths[col] = max(widths[col], _width(value))
        row += 2
    sheet.freeze_panes = "A2"
    if len(tables) == 1:
        # Filter buttons only where the sheet is one table, or they would span two.
        sheet.auto_filter.ref = sheet.dimensions
    for col, width in widths.items():
        letter = get_column_letter(col)
        sheet.column_dimensions[letter].width = min(MAX_WIDTH, max(MIN_WIDTH, width))


def _put(cell: Any, value: Value) -> None:
    """Write a typed value: text guarded, dates and times with a readable format."""
    if isinstance(value, str):
        set_excel_text(cell, value)
        return
    cell.value = value
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, dt.time):
        cell.number_format = TIME_FORMAT


def _width(value: Value) -> int:
    """Roughly how many characters a value shows as."""
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return len(DATE_FORMAT) + 1
    if isinstance(value, dt.time):
        return len(TIME_FORMAT) + 1
    if isinstance(value, float):
        return len(f"{value:g}") + 1
    longest = max((len(part) for part in str(value).splitlines()), default=0)
    return longest + 1
