"""Bad input: every error is found, and each names its file, row and column."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from rota.io import DataError, DataIssue, load, load_problem

DATA = Path(__file__).parent.parent / "data"
TINY = DATA / "tiny"
BAD = DATA / "bad"

# The planted defects of tests/data/bad/many_defects, in file and row order. Rows
# that reference an id whose own row is broken (sessions row 7 -> u1, availability
# row 5 -> w3, published_rota row 1 -> w1) must NOT add a second error.
MANY_DEFECTS = [
    "workers.csv row 1, column max_hours: max_hours 15 is below contracted_hours 20",
    "workers.csv row 2, column hourly_rate: 'twelve' is not a number",
    "workers.csv row 2, column home_lat: '95.5' is not a latitude: it must be "
    "between -90 and 90",
    "workers.csv row 3, column transport: 'bike' is not one of: car, walk, public",
    "workers.csv row 4, column worker_id: duplicate id 'w2' (first on row 2)",
    "workers.csv row 5, column contracted_hours: '-5' must be between 0 and 168: "
    "a week has 168 hours",
    "workers.csv row 5, column max_days_per_week: '9' must be between 0 and 7: "
    "a week has 7 days",
    "availability.csv row 1, column date: '2026-13-01' is not a date (YYYY-MM-DD)",
    "availability.csv row 2, column start: '25:00' is not a time (HH:MM, 24-hour)",
    "availability.csv row 3, column kind: 'sometimes' is not one of: available, "
    "preferred, undesired, unavailable",
    "availability.csv row 4, column worker_id: 'w9' is not a worker in workers.csv",
    "service_users.csv row 1, column lon: '-200' is not a longitude: it must be "
    "between -180 and 180",
    "service_users.csv row 2, column excluded_workers: 'w7' is not a worker in "
    "workers.csv",
    "service_users.csv row 3, column weekly_budget: '£350' is not a number (write "
    "pounds as a plain number, e.g. 12.50)",
    "service_users.csv row 4, column name: is empty but required",
    "service_users.csv row 4, column max_distinct_workers: '0' must be between 1 and "
    "100: at least one worker must be allowed",
    "sessions.csv row 1, column staff_required: '0' must be between 1 and 100: a "
    "session needs at least one worker",
    "sessions.csv row 2, column date: '2026-02-30' is not a date (YYYY-MM-DD)",
    "sessions.csv row 3, column user_id: 'u9' is not a person in service_users.csv",
    "sessions.csv row 4, column priority: 'urgent' is not one of: essential, "
    "standard, flexible",
    "sessions.csv row 4, column flex_minutes: '-10' must be between 0 and 1,440: a "
    "start moves by at most a day",
    "sessions.csv row 5, column lon: lat and lon must be given together",
    "sessions.csv row 6, column session_id: duplicate id 's5' (first on row 5)",
    "sessions.csv row 8, column staff_required: '1.5' is not a whole number",
    "travel.csv row 1, column minutes: 'ten' is not a whole number",
    "travel.csv row 2, column from_id: 'zz' is not a place in workers.csv, "
    "service_users.csv or sessions.csv",
    "travel.csv row 3, column transport: 'bus' is not one of: car, walk, public",
    "published_rota.csv row 1, column session_id: 's99' is not a session in "
    "sessions.csv",
    "published_rota.csv row 2, column session_id: is empty but required",
    "published_rota.csv row 3: has 3 values but the header names only 2 columns "
    "(is there a comma inside a value that is not in quotes?)",
    "agreements.csv row 1, column session_id: a 'move' agreement needs session_id, "
    "date, start, end",
    "agreements.csv row 2, column answer: 'maybe' is not one of: yes, no",
    "agreements.csv row 3, column answered_at: 'yesterday' is not a date and time "
    "(YYYY-MM-DDTHH:MM)",
    "agreements.csv row 4, column agreement_id: duplicate id 'a3' (first on row 3)",
    "agreements.csv row 5, column party_id: 'ghost' is not a worker in workers.csv",
]


@pytest.fixture
def tiny_copy(tmp_path: Path) -> Path:
    """A writable copy of the tiny data set."""
    return Path(shutil.copytree(TINY, tmp_path / "tiny"))


def test_every_planted_defect_is_reported_exactly() -> None:
    """All defects across all files are found, with exact file, row and column."""
    result = load(BAD / "many_defects")
    assert result.problem is None
    assert [str(i) for i in result.issues] == MANY_DEFECTS
    assert all(i.severity == "error" for i in result.issues)


def test_issue_fields_match_the_message() -> None:
    """An issue's file, row and column are fields too, not only text."""
    issues = load(BAD / "many_defects").issues
    date = next(i for i in issues if i.file == "availability.csv")
    assert (date.file, date.row, date.column) == ("availability.csv", 1, "date")
    assert date.message == "'2026-13-01' is not a date (YYYY-MM-DD)"


def test_no_pydantic_wording_reaches_the_office() -> None:
    """Messages are plain: no 'Input should be', 'Value error' or error types."""
    for issue in load(BAD / "many_defects").issues:
        for jargon in ("Input should", "Value error", "validation error", "type="):
            assert jargon not in issue.message


def test_missing_files_columns_and_empty_files() -> None:
    """Missing file, missing column, repeated column, ';' header, empty file."""
    result = load(BAD / "missing_parts")
    assert [(i.severity, str(i)) for i in result.issues] == [
        ("error", "workers.csv: required file is missing"),
        (
            "error",
            "service_users.csv: missing required column 'user_id' (there is a "
            "column 'User_ID': names are lower case)",
        ),
        ("error", "sessions.csv: missing required column 'date'"),
        ("error", "travel.csv: column 'minutes' appears twice"),
        (
            "error",
            "published_rota.csv: missing required column 'session_id' (the header "
            "looks separated by ';' or tabs, not commas)",
        ),
        (
            "error",
            "published_rota.csv: missing required column 'worker_id' (the header "
            "looks separated by ';' or tabs, not commas)",
        ),
        ("warning", "agreements.csv: is empty (no header row); read as having no rows"),
    ]
    missing = result.issues[2]
    assert (missing.row, missing.column) == (None, "date")


def test_binary_file_is_named_plainly(tiny_copy: Path) -> None:
    """Random bytes in workers.csv give one error saying it is not text."""
    noise = random.Random(7).randbytes(2000)
    (tiny_copy / "workers.csv").write_bytes(noise)
    result = load(tiny_copy)
    assert result.problem is None
    (issue,) = [i for i in result.errors if i.file == "workers.csv"]
    assert issue.row is None
    assert "is not a CSV text file" in issue.message or "is not UTF-8" in issue.message


def test_workbook_saved_as_csv_is_recognised(tiny_copy: Path) -> None:
    """An .xlsx renamed to .csv is called what it is."""
    (tiny_copy / "sessions.csv").write_bytes(b"PK\x03\x04" + bytes(100))
    assert [str(i) for i in load(tiny_copy).errors] == [
        "sessions.csv: is not a CSV text file: it looks like an Excel workbook or "
        "other zip file"
    ]


def test_latin1_file_is_not_utf8(tiny_copy: Path) -> None:
    """A file saved in a legacy encoding says so and where the bad byte is."""
    path = tiny_copy / "service_users.csv"
    text = path.read_text().replace("Tom Reilly", "Tom O’Reilly £")
    path.write_bytes(text.encode("cp1252"))
    (issue,) = load(tiny_copy).errors
    assert issue.file == "service_users.csv"
    assert issue.message.startswith("is not UTF-8 text (byte 0x92 at position")
    assert issue.message.endswith("save it as 'CSV UTF-8'")


def test_empty_required_file(tiny_copy: Path) -> None:
    """An empty required file is an error that lists the columns it needs."""
    (tiny_copy / "sessions.csv").write_text("\n")
    (issue,) = load(tiny_copy).errors
    assert str(issue).startswith(
        "sessions.csv: is empty: the first line must name the columns (session_id,"
    )


def test_header_only_file_has_no_rows(tiny_copy: Path) -> None:
    """An optional file with only its header loads as no rows, without issues."""
    (tiny_copy / "travel.csv").write_text("from_id,to_id,minutes\n")
    result = load(tiny_copy)
    assert result.issues == [] and result.problem is not None
    assert result.problem.travel == ()


def test_unlabelled_trailing_cells_are_harmless_when_empty(tiny_copy: Path) -> None:
    """Trailing commas (empty cells past the header) are not an error."""
    path = tiny_copy / "published_rota.csv"
    path.write_text("session_id,worker_id,\ns1,w1,,\ns3,w2\ns3,w3\ns6,w2\n")
    assert load(tiny_copy).issues == []


def test_nonexistent_path_is_an_error_not_an_exception(tmp_path: Path) -> None:
    """A path that does not exist gives an issue; the loader never raises."""
    result = load(tmp_path / "nowhere")
    assert [str(i) for i in result.issues] == ["nowhere: no such folder or workbook"]


def test_load_problem_raises_data_error_with_all_issues() -> None:
    """load_problem raises DataError carrying every issue, errors first to read."""
    with pytest.raises(DataError) as caught:
        load_problem(BAD / "many_defects")
    assert [str(i) for i in caught.value.errors] == MANY_DEFECTS
    assert "35 error(s)" in str(caught.value)


def test_reference_to_good_row_still_checked_when_others_break(
    tiny_copy: Path,
) -> None:
    """A bad cell elsewhere does not hide an unknown reference in a good row."""
    path = tiny_copy / "sessions.csv"
    text = (
        path.read_text()
        .replace("s4,u2,", "s4,u7,")
        .replace("08:00,09:00,1,", "8h,09:00,1,", 1)
    )
    path.write_text(text)
    assert [str(i) for i in load(tiny_copy).errors] == [
        "sessions.csv row 1, column start: '8h' is not a time (HH:MM, 24-hour)",
        "sessions.csv row 4, column user_id: 'u7' is not a person in service_users.csv",
    ]


def test_issue_text_formats() -> None:
    """str() of an issue reads 'file row R, column C: message', shorter when unset."""
    assert (
        str(DataIssue("error", "sessions.csv", 4, "date", "'x' is not a date"))
        == "sessions.csv row 4, column date: 'x' is not a date"
    )
    assert str(DataIssue("warning", "sessions.csv", 2, None, "odd")) == (
        "sessions.csv row 2: odd"
    )
    assert str(DataIssue("error", "workers.csv", None, None, "gone")) == (
        "workers.csv: gone"
    )
