"""``rota validate``: every issue printed, a summary line, exit 1 on errors."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from openpyxl import Workbook
from typer.testing import CliRunner, Result

from rota.cli import (
    app,
    commands,  # noqa: F401  (registers the subcommands)
)

DATA = Path(__file__).parent.parent / "data"
TINY = DATA / "tiny"


def run(*args: str) -> Result:
    """Invoke ``rota validate ARGS`` as a user would, capturing the output."""
    return CliRunner().invoke(app, ["validate", *args])


def test_clean_folder_exits_zero_with_week_summary() -> None:
    """Clean data: exit 0, no issue lines, and a summary of the week."""
    result = run(str(TINY))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        "0 errors, 0 warnings: 3 workers, 3 people supported, 8 sessions, "
        "19.5 hours requested (21.5 staff hours), 2026-03-02 to 2026-03-08"
    )


def test_errors_are_listed_and_exit_one() -> None:
    """Every error is printed with file, row and column, then the count; exit 1."""
    result = run(str(DATA / "bad" / "many_defects"))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[0] == (
        "error workers.csv row 1, column max_hours: max_hours 15 is below "
        "contracted_hours 20"
    )
    assert "error sessions.csv row 4, column priority: 'urgent' is not one of: " in (
        result.output
    )
    assert lines[-1] == "35 errors, 0 warnings"
    assert "Traceback" not in result.output


def test_warnings_alone_exit_zero() -> None:
    """Warnings are printed but do not fail the check."""
    result = run(str(DATA / "bad" / "suspicious"))
    assert result.exit_code == 0
    assert "warning service_users.csv row 2, column weekly_budget: requested " in (
        result.output
    )
    assert result.output.strip().splitlines()[-1].startswith("0 errors, 5 warnings:")


def test_missing_path_is_a_plain_error() -> None:
    """A path that does not exist: one plain line, exit 1, no traceback."""
    result = run("no/such/folder")
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.output.splitlines() == [
        "error folder: no such folder or workbook",
        "1 error, 0 warnings",
    ]


def test_binary_file_is_a_plain_error(tmp_path: Path) -> None:
    """Garbage in a file is reported, not raised."""
    folder = Path(shutil.copytree(TINY, tmp_path / "tiny"))
    (folder / "workers.csv").write_bytes(bytes(range(256)) * 4)
    result = run(str(folder))
    assert result.exit_code == 1
    assert "error workers.csv: is not a CSV text file" in result.output
    assert "Traceback" not in result.output


def test_workbook_is_validated_too(tmp_path: Path) -> None:
    """An .xlsx is checked like a folder, with a note on how rows are counted."""
    book = Workbook()
    book.remove(book.active)
    for path in sorted(TINY.glob("*.csv")):
        sheet = book.create_sheet(path.stem)
        with path.open(newline="") as handle:
            for row in csv.reader(handle):
                sheet.append(row)
    book["sessions"]["C3"] = "tomorrow"
    target = tmp_path / "week.xlsx"
    book.save(target)
    result = run(str(target))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "error sessions.csv row 2, column date: 'tomorrow' is not a date (YYYY-MM-DD)",
        "(sheets are named like the files; row 1 is the row under the header)",
        "1 error, 0 warnings",
    ]


def test_unknown_policy_is_a_plain_error() -> None:
    """A policy name that is not a preset is reported without a traceback."""
    result = run(str(TINY), "--policy", "no_such_preset")
    assert result.exit_code == 1
    assert "no policy preset 'no_such_preset'" in result.output
    assert "Traceback" not in result.output


def test_start_option_sets_the_horizon() -> None:
    """--start and --days choose the dates the summary reports."""
    result = run(str(TINY), "--start", "2026-03-02", "--days", "14")
    assert result.exit_code == 0
    assert result.output.strip().endswith("2026-03-02 to 2026-03-15")
    bad = run(str(TINY), "--start", "March")
    assert bad.exit_code == 1 and "'March' is not a date" in bad.output
