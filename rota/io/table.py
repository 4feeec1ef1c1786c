"""A file or sheet as read, before any cell is parsed: the shared reader output.

The CSV and Excel readers both produce a :class:`RawTable` of text cells, so every
check after reading (header, cells, records, references) is the same code for both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .columns import FileSpec
from .issues import DataIssue, error, warning

SourceKind = Literal["csv", "excel"]


@dataclass
class RawTable:
    """The text of one input file: its header and its non-blank data rows.

    Attributes
    ----------
    spec
        The contract's description of the file.
    header
        Column names as written (surrounding spaces removed).
    rows
        ``(row, cells)`` pairs; ``row`` is 1 for the first line after the header,
        and blank lines are skipped but still counted, so numbers match what the
        office sees in a spreadsheet.
    kind
        Where the table came from, for wording hints only.
    """

    spec: FileSpec
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    kind: SourceKind = "csv"


def empty_table(spec: FileSpec) -> tuple[RawTable | None, DataIssue]:
    """What an empty file or sheet means: no rows if optional, an error otherwise.

    Parameters
    ----------
    spec
        The contract's description of the file.

    Returns
    -------
    tuple
        ``(table with no rows, warning)`` for an optional file, ``(None, error)``
        for a required one.
    """
    if not spec.required_file:
        note = "is empty (no header row); read as having no rows"
        return RawTable(spec, list(spec.required)), warning(spec.name, None, None, note)
    columns = ", ".join(spec.columns)
    message = f"is empty: the first line must name the columns ({columns})"
    return None, error(spec.name, None, None, message)
