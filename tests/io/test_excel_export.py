"""The Excel workbook of a solve: sheets, layout, values and formula safety."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from rota.io import write_excel
from rota.model import (
    Ask,
    Assignment,
    Problem,
    ServiceUser,
    Session,
    Summary,
    Unmet,
    Worker,
)

MONDAY = dt.date(2025, 3, 3)
EVIL = '=HYPERLINK("http://evil.example","click")'


def worker(worker_id: str, name: str, contracted: float) -> Worker:
    return Worker(
        worker_id=worker_id,
        name=name,
        contracted_hours=contracted,
        max_hours=40,
        hourly_rate=12.5,
        home_lat=55.86,
        home_lon=-4.25,
    )


def at(day: int, hour: int) -> dt.datetime:
    return dt.datetime.combine(MONDAY + dt.timedelta(days=day), dt.time(hour))


def session(session_id: str, day: int, start: int, end: int) -> Session:
    return Session(
        session_id=session_id,
        user_id="u1",
        date=MONDAY + dt.timedelta(days=day),
        start=dt.time(start),
        end=dt.time(end),
    )


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A week: w1 works 2 h on Monday and 9 h overnight into Tuesday; w3 idle.

    By worker, worked out: w1 11 h in 2 sessions on 1 day (both start Monday),
    against 10 contracted: +1; w2 ("@SUM(1)") 2 h on 1 day, contract 0: +2;
    w3 nothing, contract 5: -5.
    """
    problem = Problem(
        workers=[
            worker("w1", EVIL, 10),
            worker("w2", "@SUM(1)", 0),
            worker("w3", "-2+3", 5),
        ],
        users=[ServiceUser(user_id="u1", name="Ann", lat=55.87, lon=-4.26)],
        sessions=[session("s1", 0, 9, 11), session("s2", 0, 22, 7)],
    )
    assignments = [
        Assignment(session_id="s2", worker_id="w1", start=at(0, 22), end=at(1, 7)),
        Assignment(session_id="s1", worker_id="w1", start=at(0, 9), end=at(0, 11)),
        Assignment(session_id="s1", worker_id="w2", start=at(0, 9), end=at(0, 11)),
    ]
    unmet = [Unmet(session_id="s2", reason="-no second worker")]
    asks = [
        Ask(
            ask_id="a1",
            to_id="w3",
            kind="overtime",
            session_ids=("s1", "s2"),
            message="@w3 could you do one more hour?",
            cost=-2.5,
            extra_minutes=60,
        )
    ]
    summary = Summary(
        status="OPTIMAL",
        objective=-3.5,
        best_bound=-3.5,
        wall_seconds=0.5,
        breakdown={"coverage": -6.0, "travel": 2.5},
    )
    return write_excel(
        tmp_path / "week.xlsx", problem, assignments, unmet, asks, summary
    )


def test_sheets_and_layout(book: Path) -> None:
    """Five named sheets, each with a bold frozen header and sensible widths."""
    wb = load_workbook(book)
    assert wb.sheetnames == ["Rota", "By worker", "Unmet", "Asks", "Summary"]
    for sheet in wb.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.bold
        for letter, dim in sheet.column_dimensions.items():
            if sheet[f"{letter}1"].value is not None:
                assert 8 <= dim.width <= 60


def test_rota_sheet_matches_rota_csv(book: Path) -> None:
    """The Rota sheet has rota.csv's columns, sorted rows, real dates and times."""
    sheet = load_workbook(book)["Rota"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("session_id", "worker_id", "user_id", "date", "start", "end")
    assert [(r[0], r[1]) for r in rows[1:]] == [
        ("s1", "w1"),
        ("s1", "w2"),
        ("s2", "w1"),
    ]
    overnight = rows[3]
    assert overnight[3] == dt.datetime(2025, 3, 3)
    assert overnight[4:6] == (dt.time(22), dt.time(7))
    assert overnight[8] == 9
    assert sheet["D2"].number_format == "yyyy-mm-dd"


def test_by_worker_hours_against_contract(book: Path) -> None:
    """By worker: every worker, idle ones too, with hours and counts."""
    rows = list(load_workbook(book)["By worker"].iter_rows(values_only=True))
    assert rows[0] == (
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
    got = {r[0]: (r[4], r[5], r[6], r[7], r[8]) for r in rows[1:]}
    assert got == {
        "w1": (11, 1, 2, 1, 1),
        "w2": (2, 2, 1, 1, 1),
        "w3": (0, -5, 0, 0, 0),
    }


def test_summary_sheet_breakdown_adds_up(book: Path) -> None:
    """Summary: headline fields, then the breakdown with a total equal to objective."""
    rows = list(load_workbook(book)["Summary"].iter_rows(values_only=True))
    fields = {r[0]: r[1] for r in rows if r[0] is not None}
    assert fields["status"] == "OPTIMAL"
    assert fields["objective"] == -3.5
    start = next(i for i, r in enumerate(rows) if r[0] == "rule")
    table = {r[0]: r[1] for r in rows[start + 1 :]}
    assert table == {"coverage": -6, "travel": 2.5, "total": -3.5}


def test_user_text_never_becomes_a_formula(book: Path) -> None:
    """Formula-like names and messages stay text; numbers we wrote stay numbers."""
    wb = load_workbook(book)
    by_worker = wb["By worker"]
    names = {by_worker.cell(r, 1).value: by_worker.cell(r, 2) for r in range(2, 5)}
    for worker_id, text in [("w1", EVIL), ("w2", "@SUM(1)"), ("w3", "-2+3")]:
        assert names[worker_id].value == text
        assert names[worker_id].data_type == "s"
        assert names[worker_id].quotePrefix  # stays text if edited in Excel
    assert by_worker["F4"].value == -5 and by_worker["F4"].data_type == "n"
    rota = wb["Rota"]
    assert rota["G2"].value == EVIL and rota["G2"].data_type == "s"
    unmet = wb["Unmet"]
    assert unmet["B2"].value == "-no second worker"
    assert unmet["B2"].data_type == "s"
    asks = wb["Asks"]
    assert asks["E2"].data_type == "s"
    assert asks["F2"].value == -2.5 and asks["F2"].data_type == "n"
    assert wb["Summary"]["B3"].value == -3.5


def test_no_formula_anywhere_in_the_file(book: Path) -> None:
    """The saved sheets contain no formula element at all (checked in the XML)."""
    with zipfile.ZipFile(book) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert len(sheets) == 5
        for name in sheets:
            assert "<f>" not in archive.read(name).decode("utf-8")
            assert "<f " not in archive.read(name).decode("utf-8")
