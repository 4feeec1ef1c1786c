"""Reading the contract's CSV folder into raw text tables.

Only reading happens here: bytes to text (UTF-8 with or without a byte-order
mark), text to rows. Whether the rows make sense is decided by :mod:`.parse`,
which the Excel reader shares.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .columns import INPUT_FILES, FileSpec
from .issues import DataIssue, error
from .table import RawTable, empty_table

# Leading bytes of formats people save by mistake under a .csv name.
_SIGNATURES = {
    b"PK\x03\x04": "an Excel workbook or other zip file",
    b"\xd0\xcf\x11\xe0": "an old Excel (.xls) or Word file",
    b"%PDF": "a PDF",
}


def not_text(name: str, data: bytes) -> DataIssue | None:
    """An issue when ``data`` is not UTF-8 text, saying what it seems to be."""
    for magic, what in _SIGNATURES.items():
        if data.startswith(magic):
            return error(
                name, None, None, f"is not a CSV text file: it looks like {what}"
            )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        return error(
            name,
            None,
            None,
            "is not a CSV text file: it holds binary data (or UTF-16 text); "
            "save it as 'CSV UTF-8'",
        )
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return error(
            name,
            None,
            None,
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at position "
            f"{exc.start}); save it as 'CSV UTF-8'",
        )
    return None


def _unclosed_quote(name: str, text: str, lines: list[list[str]]) -> DataIssue | None:
    """An error at the row where a quote opens that is never closed.

    csv reads everything after such a quote, to the end of the file, as one value:
    without this the rows it swallowed would give a cascade of unrelated errors.
    """
    last = lines[-1]
    if len(lines) < 2 or not any("\n" in cell or "\r" in cell for cell in last):
        return None
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), strict=True):
            pass
    except csv.Error as exc:
        if "unexpected end of data" not in str(exc):
            return None
    else:
        return None  # a quoted value spanning lines, closed: legal
    row = len(lines) - 1
    header = [h.strip() for h in lines[0]]
    at = len(last) - 1
    column = header[at] if at < len(header) and header[at] else None
    swallowed = sum(1 for c in last[at] if c == "\n")
    return error(
        name,
        row,
        column,
        f"a '\"' opens a quoted value that is never closed, so the {swallowed} "
        "line(s) after it were read as part of this one value; remove the quote or "
        "close it",
    )


def read_csv_text(
    spec: FileSpec, data: bytes
) -> tuple[RawTable | None, DataIssue | None]:
    """Read one file's bytes into a table, or say why it cannot be read.

    Parameters
    ----------
    spec
        The contract's description of the file.
    data
        The file's bytes.

    Returns
    -------
    tuple
        ``(table, None)`` when read, ``(None, issue)`` otherwise. An empty optional
        file reads as no rows, with a warning.
    """
    problem = not_text(spec.name, data)
    if problem is not None:
        return None, problem
    text = data.decode("utf-8-sig")
    if not text.strip():
        return empty_table(spec)
    try:
        lines = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        return None, error(spec.name, None, None, f"cannot be read as CSV: {exc}")
    unclosed = _unclosed_quote(spec.name, text, lines)
    if unclosed is not None:
        return None, unclosed
    header = [name.strip() for name in lines[0]]
    rows = [
        (number, cells)
        for number, cells in enumerate(lines[1:], start=1)
        if any(c.strip() for c in cells)
    ]
    return RawTable(spec, header, rows, "csv"), None


def read_folder(folder: Path) -> tuple[dict[str, RawTable], list[DataIssue]]:
    """Every contract file present in ``folder``, and the reading issues.

    Parameters
    ----------
    folder
        A directory holding the contract's CSV files.

    Returns
    -------
    tuple
        Tables by file name (only files that could be read) and the issues:
        missing required files, files that are not text, empty files.
    """
    tables: dict[str, RawTable] = {}
    issues: list[DataIssue] = []
    present = {p.name.casefold(): p.name for p in folder.iterdir() if p.is_file()}
    for spec in INPUT_FILES:
        path = folder / spec.name
        if not path.is_file():
            if spec.required_file:
                message = "required file is missing"
                found = present.get(spec.name.casefold())
                if found:
                    message += f" (there is '{found}': file names are lower case)"
                issues.append(error(spec.name, None, None, message))
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            reason = exc.strerror or str(exc)
            issues.append(error(spec.name, None, None, f"cannot be read ({reason})"))
            continue
        table, issue = read_csv_text(spec, data)
        if issue is not None:
            issues.append(issue)
        if table is not None:
            tables[spec.name] = table
    return tables, issues
