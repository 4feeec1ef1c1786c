"""Loading a rota problem from a CSV folder or an Excel workbook, with every issue.

Both sources are read into the same raw tables and go through the same checks:
cells first (:mod:`.parse`), then, among the rows that parsed, the cross-file
checks of :func:`rota.model.reference_issues`, mapped back to source rows. Only
data without errors becomes a :class:`~rota.model.Problem`; its warnings come
from :func:`.warnings.data_warnings`.
"""

from __future__ import annotations

import io
import logging
import re
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from ..model import Horizon, Problem, ProblemError, reference_issues
from ..policy import Policy
from .columns import INPUT_FILES
from .csv_folder import read_csv_text, read_folder
from .excel import EXCEL_SUFFIXES, read_workbook
from .issues import DataError, DataIssue, LoadResult, error, in_file_order
from .parse import ID_COLUMNS, ParsedTable, parse_table
from .plausible import horizon_issues
from .table import RawTable
from .warnings import data_warnings

log = logging.getLogger("rota")

_UNKNOWN = re.compile(r"^'(?P<value>.*)' is not a ")


def _read(path: Path) -> tuple[dict[str, RawTable], list[DataIssue]]:
    if path.is_dir():
        try:
            return read_folder(path)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            return {}, [error(path.name, None, None, f"cannot be read ({reason})")]
    if not path.exists():
        return {}, [error(path.name, None, None, "no such folder or workbook")]
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return read_workbook(path)
    hint = " (save it as .xlsx)" if path.suffix.lower() == ".xls" else ""
    message = f"is not a folder of CSV files or an .xlsx workbook{hint}"
    return {}, [error(path.name, None, None, message)]


def _duplicates(parsed: dict[str, ParsedTable]) -> list[DataIssue]:
    """Duplicate ids over every row with an id, whether or not the row parsed."""
    issues: list[DataIssue] = []
    for file, column in ID_COLUMNS.items():
        first: dict[str, int] = {}
        for row, value in parsed[file].ids:
            if value in first:
                message = f"duplicate id '{value}' (first on row {first[value]})"
                issues.append(error(file, row, column, message))
            else:
                first.setdefault(value, row)
    return issues


def _references(parsed: dict[str, ParsedTable]) -> list[DataIssue]:
    """Unknown references among parsed rows, at their source rows.

    A reference to an id whose own row is broken is not reported again: the
    broken row is the error to fix.
    """
    broken = set().union(*(p.broken_ids for p in parsed.values()))
    found = reference_issues(
        workers=parsed["workers.csv"].records,
        users=parsed["service_users.csv"].records,
        sessions=parsed["sessions.csv"].records,
        availability=parsed["availability.csv"].records,
        travel=parsed["travel.csv"].records,
        published=parsed["published_rota.csv"].records,
        agreements=parsed["agreements.csv"].records,
    )
    issues: list[DataIssue] = []
    for item in found:
        if item.message.startswith("duplicate id"):
            continue  # judged on all rows by _duplicates
        match = _UNKNOWN.match(item.message)
        if match is not None and match.group("value") in broken:
            continue
        row = parsed[item.file].rows[item.index]
        issues.append(error(item.file, row, item.column, item.message))
    return issues


def load(
    path: str | Path,
    *,
    horizon: Horizon | None = None,
    policy: Policy | None = None,
) -> LoadResult:
    """Read a problem from a CSV folder or an Excel workbook, collecting all issues.

    Parameters
    ----------
    path
        A folder of the contract's CSV files, or an ``.xlsx`` workbook with one
        sheet per file (named like the file without ``.csv``).
    horizon
        The rota period; default: whole weeks from the Monday on or before the
        first session, covering every session.
    policy
        Used for the warnings' defaults (the charge rate when a person has none);
        default: the built-in defaults.

    Returns
    -------
    LoadResult
        The problem (``None`` when there is any error) and every error and
        warning, in file and row order. Never raises for bad data.
    """
    source = Path(path)
    tables, issues = _read(source)
    return _load_tables(source.name, tables, issues, horizon=horizon, policy=policy)


def load_texts(
    files: Mapping[str, str],
    *,
    source: str = "data",
    horizon: Horizon | None = None,
    policy: Policy | None = None,
) -> LoadResult:
    """Read a problem from the contract's files held as text (e.g. in the store).

    Parameters
    ----------
    files
        CSV text by file name (``workers.csv`` ...); names the contract does not
        know are ignored, a missing required file is an error.
    source
        What to call the data in messages.
    horizon, policy
        As for :func:`load`.

    Returns
    -------
    LoadResult
        As for :func:`load`.
    """
    encoded = {name: text.encode("utf-8") for name, text in files.items()}
    tables, issues = _read_files(encoded)
    return _load_tables(source, tables, issues, horizon=horizon, policy=policy)


def _read_files(
    files: Mapping[str, bytes],
) -> tuple[dict[str, RawTable], list[DataIssue]]:
    """The contract's files among ``files`` (bytes by file name), as tables."""
    tables: dict[str, RawTable] = {}
    issues: list[DataIssue] = []
    for spec in INPUT_FILES:
        if spec.name not in files:
            if spec.required_file:
                issues.append(error(spec.name, None, None, "required file is missing"))
            continue
        table, issue = read_csv_text(spec, files[spec.name])
        if issue is not None:
            issues.append(issue)
        if table is not None:
            tables[spec.name] = table
    return tables, issues


def _load_tables(
    source_name: str,
    tables: dict[str, RawTable],
    issues: list[DataIssue],
    *,
    horizon: Horizon | None,
    policy: Policy | None,
) -> LoadResult:
    parsed = {spec.name: ParsedTable() for spec in INPUT_FILES}
    for name, table in tables.items():
        parsed[name] = parse_table(table)
        issues += parsed[name].issues
    issues += _duplicates(parsed)
    unread = [n for n in parsed if n not in tables and any(i.file == n for i in issues)]
    if not unread and not any(i.severity == "error" and i.row is None for i in issues):
        # A missing or unreadable file or column leaves no sound base for
        # cross-file checks.
        issues += _references(parsed)
    sessions = parsed["sessions.csv"]
    issues += horizon_issues(
        sessions.records,
        sessions.rows,
        horizon=horizon,
        policy=policy or Policy(),
        source=source_name,
    )
    if any(i.severity == "error" for i in issues):
        return LoadResult(None, in_file_order(issues))
    try:
        problem = Problem(
            workers=tuple(parsed["workers.csv"].records),
            users=tuple(parsed["service_users.csv"].records),
            sessions=tuple(parsed["sessions.csv"].records),
            availability=tuple(parsed["availability.csv"].records),
            travel=tuple(parsed["travel.csv"].records),
            published=tuple(parsed["published_rota.csv"].records),
            agreements=tuple(parsed["agreements.csv"].records),
            horizon=horizon,
        )
    except (ProblemError, ValidationError) as exc:  # pragma: no cover - checked above
        issues.append(error(source_name, None, None, f"inconsistent data: {exc}"))
        return LoadResult(None, in_file_order(issues))
    rows = {name: table.rows for name, table in parsed.items()}
    issues += data_warnings(problem, policy, source_rows=rows)
    log.debug("loaded %s: %d issue(s)", source_name, len(issues))
    return LoadResult(problem, in_file_order(issues))


def load_problem(
    path: str | Path,
    *,
    horizon: Horizon | None = None,
    policy: Policy | None = None,
) -> Problem:
    """Read a problem, raising when the files have errors; warnings are logged.

    Parameters
    ----------
    path
        A folder of the contract's CSV files or an ``.xlsx`` workbook.
    horizon
        The rota period; default: whole weeks covering every session.
    policy
        Used for the warnings' defaults.

    Returns
    -------
    Problem
        The validated problem.

    Raises
    ------
    DataError
        When there is any error; its ``issues`` hold every error and warning.
    """
    result = load(path, horizon=horizon, policy=policy)
    if result.problem is None:
        raise DataError(result.issues)
    for issue in result.warnings:
        log.warning("%s", issue)
    return result.problem


def load_upload(
    filename: str,
    data: bytes,
    *,
    horizon: Horizon | None = None,
    policy: Policy | None = None,
) -> LoadResult:
    """Read a problem from an uploaded file: a zip of the CSV folder or a workbook.

    Parameters
    ----------
    filename
        The uploaded file's name (its suffix says what it is).
    data
        Its bytes.
    horizon, policy
        As for :func:`load`.

    Returns
    -------
    LoadResult
        As for :func:`load`; a file that is neither gives one error naming it.
    """
    suffix = Path(filename).suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / Path(filename).name
            path.write_bytes(data)
            return load(path, horizon=horizon, policy=policy)
    if suffix != ".zip":
        message = "is not a zip of the CSV folder or an .xlsx workbook"
        return LoadResult(None, [error(filename, None, None, message)])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            files = {
                PurePosixPath(info.filename).name: archive.read(info)
                for info in archive.infolist()
                if not info.is_dir() and not info.filename.startswith("__MACOSX")
            }
    except (zipfile.BadZipFile, OSError) as exc:
        return LoadResult(
            None, [error(filename, None, None, f"cannot be opened ({exc})")]
        )
    tables, issues = _read_files(files)
    return _load_tables(filename, tables, issues, horizon=horizon, policy=policy)
