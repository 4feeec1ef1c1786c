"""Loading an Excel workbook: the same problem and messages as the CSV folder."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from rota.io import load, load_problem
from rota.io.excel import cell_text

DATA = Path(__file__).parent.parent / "data"
TINY = DATA / "tiny"


def workbook_from_folder(folder: Path, target: Path) -> Path:
    """Write each CSV of ``folder`` as a sheet named like the file, cells as text."""
    book = Workbook()
    book.remove(book.active)
    for path in sorted(folder.glob("*.csv")):
        sheet = book.create_sheet(path.stem)
        with path.open(newline="", encoding="utf-8-sig") as handle:
            for row in csv.reader(handle):
                sheet.append(row)
    book.save(target)
    return target


def test_workbook_gives_the_same_problem_as_the_folder(tmp_path: Path) -> None:
    """Every record type loads from the workbook exactly as from the CSVs."""
    book = workbook_from_folder(TINY, tmp_path / "tiny.xlsx")
    result = load(book)
    assert result.issues == []
    assert result.problem == load_problem(TINY)


def test_typed_excel_cells_become_contract_text(tmp_path: Path) -> None:
    """Dates, times and numbers typed into Excel read like the contract's text."""
    path = workbook_from_folder(TINY, tmp_path / "typed.xlsx")
    book = load_workbook(path)
    sheet = book["sessions"]
    sheet["C2"] = dt.datetime(2026, 3, 2)  # a date cell
    sheet["D2"] = dt.time(8, 0)
    sheet["E2"] = dt.time(9, 0)
    sheet["F2"] = 1.0
    sheet["I2"] = 15
    book["workers"]["G2"] = 12.6
    book.save(path)
    assert load_problem(path) == load_problem(TINY)


def test_cell_text_formats() -> None:
    """Each kind of Excel value is written the way the contract spells it."""
    assert cell_text(None) == ""
    assert cell_text(dt.datetime(2026, 3, 2)) == "2026-03-02"
    assert cell_text(dt.datetime(2026, 3, 2, 10, 15)) == "2026-03-02T10:15"
    assert cell_text(dt.time(7, 5)) == "07:05"
    assert cell_text(dt.time(7, 5, 30)) == "07:05:30"
    assert cell_text(dt.timedelta(hours=9, minutes=30)) == "09:30"
    assert cell_text(3.0) == "3" and cell_text(2.5) == "2.5"


def test_bad_cells_give_the_csv_messages(tmp_path: Path) -> None:
    """A broken workbook reports the same file, row, column and text as CSV."""
    folder = DATA / "bad" / "many_defects"
    book = workbook_from_folder(folder, tmp_path / "bad.xlsx")
    from_book = [str(i) for i in load(book).issues]
    from_folder = [str(i) for i in load(folder).issues]
    # A CSV row with more cells than the header is an error; in a sheet the
    # unlabelled cell is only ignored, with a warning, so that line differs.
    differs = "published_rota.csv row 3"
    assert [m for m in from_book if not m.startswith(differs)] == [
        m for m in from_folder if not m.startswith(differs)
    ]
    assert len(from_folder) == 35


def test_missing_sheet_is_reported(tmp_path: Path) -> None:
    """A workbook without a required sheet names the file and the sheet."""
    path = workbook_from_folder(TINY, tmp_path / "tiny.xlsx")
    book = load_workbook(path)
    # openpyxl refuses a title differing only in case, so go through another.
    book["workers"].title = "staff"
    book["staff"].title = "Workers"
    book.save(path)
    assert [str(i) for i in load(path).errors] == [
        "workers.csv: required file is missing (no sheet named 'workers'); "
        "there is 'Workers': sheet names are lower case"
    ]


def test_empty_sheet_is_reported(tmp_path: Path) -> None:
    """An empty required sheet is an error that says what the first row needs."""
    path = workbook_from_folder(TINY, tmp_path / "tiny.xlsx")
    book = load_workbook(path)
    del book["sessions"]
    book.create_sheet("sessions")
    book.save(path)
    (issue,) = load(path).errors
    assert str(issue).startswith("sessions.csv: is empty: the first line must name")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("broken.xlsx", b"this is not a zip", "is not an Excel workbook"),
        ("old.xls", b"\xd0\xcf\x11\xe0", "is not a folder of CSV files or an .xlsx"),
    ],
)
def test_a_file_that_is_not_a_workbook(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    """A file that cannot be read as a workbook gives one plain error."""
    path = tmp_path / name
    path.write_bytes(content)
    result = load(path)
    assert result.problem is None
    (issue,) = result.issues
    assert issue.file == name and expected in issue.message
