"""Reading an Excel workbook (one sheet per contract file) into raw text tables.

A sheet is named like its file without ``.csv`` (``workers``, ``sessions`` ...)
and has the same columns. Cells Excel stores as numbers, dates or times are
written back as the contract's text (``2026-03-02``, ``09:30``, ``12.5``), so the
same parsing and the same messages apply as for a CSV folder.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ..model.time import format_hhmm
from .columns import INPUT_FILES
from .issues import DataIssue, error
from .table import RawTable, empty_table

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
"""Workbook formats the loader reads."""


def cell_text(value: Any) -> str:
    """A cell's value as the contract's text.

    Parameters
    ----------
    value
        What openpyxl returns for a cell: ``None``, text, a number, a boolean, a
        date, a time, a datetime or a duration.

    Returns
    -------
    str
        Dates as ``YYYY-MM-DD`` (a datetime at midnight counts as a date), times
        as ``HH:MM`` (``HH:MM:SS`` when seconds are set, which then fails as a
        time), whole numbers without a decimal point.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(timespec="minutes" if not value.second else "seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return format_hhmm(value) if not value.second else value.isoformat()
    if isinstance(value, dt.timedelta):
        minutes = int(value.total_seconds() // 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_workbook(path: Path) -> tuple[dict[str, RawTable], list[DataIssue]]:
    """Every contract sheet in the workbook at ``path``, and the reading issues.

    Parameters
    ----------
    path
        An ``.xlsx`` or ``.xlsm`` file.

    Returns
    -------
    tuple
        Tables by the contract's file name (``workers.csv`` for the sheet
        ``workers``) and the issues: a file that is not a workbook, missing
        required sheets, empty sheets.
    """
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        reason = "it is not a readable .xlsx file"
        if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile):
            reason = f"it cannot be opened ({exc.strerror or exc})"
        return {}, [error(path.name, None, None, f"is not an Excel workbook: {reason}")]
    tables: dict[str, RawTable] = {}
    issues: list[DataIssue] = []
    try:
        sheets = {name.casefold(): name for name in book.sheetnames}
        for spec in INPUT_FILES:
            if spec.stem not in book.sheetnames:
                if spec.required_file:
                    message = f"required file is missing (no sheet named '{spec.stem}')"
                    found = sheets.get(spec.stem.casefold())
                    if found:
                        message += f"; there is '{found}': sheet names are lower case"
                    issues.append(error(spec.name, None, None, message))
                continue
            lines = [
                [cell_text(v) for v in values]
                for values in book[spec.stem].iter_rows(values_only=True)
            ]
            if not any(c.strip() for line in lines for c in line):
                table, issue = empty_table(spec)
                issues.append(issue)
                if table is not None:
                    tables[spec.name] = table
                continue
            header = [name.strip() for name in lines[0]]
            rows = [
                (number, cells)
                for number, cells in enumerate(lines[1:], start=1)
                if any(c.strip() for c in cells)
            ]
            tables[spec.name] = RawTable(spec, header, rows, "excel")
    finally:
        book.close()
    return tables, issues
