"""Sessions' start-window and link columns (latest_start, linked_to,
min_delay_minutes, max_delay_minutes): read from the CSV folder, checked per cell
with file, row and column, and written back."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from rota.io import load, load_problem
from rota.io.inputs_writer import write_folder

TINY = Path(__file__).parent.parent / "data" / "tiny"


def _folder(tmp_path: Path, columns: dict[str, dict[str, str]]) -> Path:
    """The tiny folder with extra sessions.csv columns, filled by session id."""
    folder = Path(shutil.copytree(TINY, tmp_path / "tiny"))
    path = folder / "sessions.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    for column, values in columns.items():
        rows[0].append(column)
        for row in rows[1:]:
            row.append(values.get(row[0], ""))
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return folder


def _ids(folder: Path) -> list[str]:
    with (folder / "sessions.csv").open(encoding="utf-8", newline="") as handle:
        return [row["session_id"] for row in csv.DictReader(handle)]


def test_window_and_link_columns_are_read_and_round_trip(tmp_path: Path) -> None:
    """latest_start becomes a time, the link its id and delays; an empty cell is
    None; writing the folder out and back keeps them."""
    ids = _ids(TINY)
    folder = _folder(
        tmp_path,
        {
            "latest_start": {ids[0]: "23:59"},
            "linked_to": {ids[1]: ids[0]},
            "min_delay_minutes": {ids[1]: "60"},
            "max_delay_minutes": {ids[1]: "120"},
        },
    )
    problem = load_problem(folder)
    first, second = problem.sessions[0], problem.sessions[1]
    assert first.latest_start is not None and first.latest_start.hour == 23
    assert (second.linked_to, second.min_delay, second.max_delay) == (ids[0], 60, 120)
    assert problem.sessions[2].latest_start is None
    again = load_problem(write_folder(problem, tmp_path / "out"))
    assert again.sessions == problem.sessions


def test_window_and_link_errors_name_file_row_and_column(tmp_path: Path) -> None:
    """A bad time, a link to no session and delays without a link are errors that
    name sessions.csv, the row and the column."""
    ids = _ids(TINY)
    folder = _folder(
        tmp_path,
        {
            "latest_start": {ids[0]: "9am"},
            "linked_to": {ids[1]: "nope"},
            "min_delay_minutes": {ids[2]: "5"},
        },
    )
    errors = {(e.file, e.row, e.column): e.message for e in load(folder).errors}
    assert "'9am' is not a time" in errors[("sessions.csv", 1, "latest_start")]
    assert "'nope' is not a session" in errors[("sessions.csv", 2, "linked_to")]
    assert "need linked_to" in errors[("sessions.csv", 3, "min_delay_minutes")]


def test_window_before_start_names_latest_start(tmp_path: Path) -> None:
    """latest_start before start (s1 starts 08:00) is an error on that cell."""
    ids = _ids(TINY)
    folder = _folder(tmp_path, {"latest_start": {ids[0]: "07:30"}})
    errors = {(e.file, e.row, e.column): e.message for e in load(folder).errors}
    message = errors[("sessions.csv", 1, "latest_start")]
    assert message.startswith("latest_start 07:30 is before start 08:00")
