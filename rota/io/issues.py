"""What the loaders say about a data folder: issues, the load result, the error."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..model import Problem
from .columns import INPUT_FILES

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class DataIssue:
    """One thing wrong (error) or suspicious (warning) in the input files.

    Attributes
    ----------
    severity
        ``"error"`` stops the data being used; ``"warning"`` is legal but odd.
    file
        The contract's file name, e.g. ``"sessions.csv"`` (also for a workbook,
        whose sheets are named like the files).
    row
        1 for the first data row (the line after the header); ``None`` when the
        issue is about the whole file.
    column
        The column concerned, or ``None``.
    message
        A plain sentence saying what is wrong and what was expected.
    """

    severity: Severity
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return f"{self.file}: {self.message}"
        if self.column is None:
            return f"{self.file} row {self.row}: {self.message}"
        return f"{self.file} row {self.row}, column {self.column}: {self.message}"


def error(file: str, row: int | None, column: str | None, message: str) -> DataIssue:
    """An error issue (shorthand for the loaders)."""
    return DataIssue("error", file, row, column, message)


def warning(file: str, row: int | None, column: str | None, message: str) -> DataIssue:
    """A warning issue (shorthand for the loaders)."""
    return DataIssue("warning", file, row, column, message)


_FILE_ORDER = {spec.name: i for i, spec in enumerate(INPUT_FILES)}


def in_file_order(issues: Sequence[DataIssue]) -> list[DataIssue]:
    """Issues sorted by file (the contract's order) then row; file-level first.

    The sort is stable, so issues on one row keep the order they were found in.
    """
    return sorted(issues, key=lambda i: (_FILE_ORDER.get(i.file, -1), i.row or 0))


class DataError(ValueError):
    """Input files with errors; ``issues`` holds every one (and any warnings)."""

    def __init__(self, issues: Sequence[DataIssue]) -> None:
        self.issues = list(issues)
        errors = [i for i in self.issues if i.severity == "error"]
        shown = "\n".join(str(i) for i in errors[:20])
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"{len(errors)} error(s) in the input:\n{shown}{more}")

    @property
    def errors(self) -> list[DataIssue]:
        """The issues that are errors."""
        return [i for i in self.issues if i.severity == "error"]


@dataclass(frozen=True)
class LoadResult:
    """What :func:`rota.io.load` found: the problem (when usable) and every issue.

    Attributes
    ----------
    problem
        The validated problem, or ``None`` when there are errors.
    issues
        Errors and warnings in file order.
    """

    problem: Problem | None
    issues: list[DataIssue] = field(default_factory=list)

    @property
    def errors(self) -> list[DataIssue]:
        """The issues that stop the data being used."""
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[DataIssue]:
        """The issues that are legal but suspicious."""
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings allowed)."""
        return self.problem is not None and not self.errors
