"""Optional extension columns: workers' supported-living limits, sessions' own
cover prices and published times are read from the CSV folder, checked per cell
and written back."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

from rota.io import load, load_problem
from rota.io.inputs_writer import write_folder
from rota.policy import load_policy
from rota.solver.data import compile_problem

TINY = Path(__file__).parent.parent / "data" / "tiny"


def _add_column(path: Path, column: str, values: dict[str, str]) -> None:
    """Append a column to a CSV file, filled by the row's first cell (its id)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[0].append(column)
    for row in rows[1:]:
        row.append(values.get(row[0], ""))
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def _folder(tmp_path: Path) -> Path:
    folder = Path(shutil.copytree(TINY, tmp_path / "tiny"))
    workers = folder / "workers.csv"
    _add_column(workers, "max_sessions_of_kind", {"w1": "sleep_in=2;early=0"})
    _add_column(workers, "max_consecutive_days", {"w1": "5"})
    _add_column(workers, "min_consecutive_days_off", {"w2": "2"})
    _add_column(workers, "max_working_weekends", {"w3": "1"})
    _add_column(workers, "min_total_hours", {"w1": "10"})
    _add_column(workers, "max_total_hours", {"w1": "30.5"})
    sessions = folder / "sessions.csv"
    _add_column(sessions, "uncovered_weight", {"s1": "12.5"})
    _add_column(sessions, "cover_weight", {"s2": "1"})
    return folder


def test_extension_columns_are_read(tmp_path: Path) -> None:
    """Each optional column becomes a typed field; an empty cell stays None."""
    problem = load_problem(_folder(tmp_path))
    w1, w2 = problem.worker_by_id["w1"], problem.worker_by_id["w2"]
    assert w1.kind_limits == {"sleep_in": 2, "early": 0}
    assert (w1.max_consecutive_days, w1.min_total_hours, w1.max_total_hours) == (
        5,
        10,
        30.5,
    )
    assert w2.min_consecutive_days_off == 2 and w2.max_sessions_of_kind is None
    assert problem.worker_by_id["w3"].max_working_weekends == 1
    s1, s2 = problem.sessions[0], problem.sessions[1]
    assert (s1.uncovered_weight, s1.cover_weight) == (12.5, None)
    assert s2.cover_weight == 1


def test_extension_columns_round_trip(tmp_path: Path) -> None:
    """Writing the problem out and reading it back keeps every extension value."""
    problem = load_problem(_folder(tmp_path))
    again = load_problem(write_folder(problem, tmp_path / "out"))
    assert again.workers == problem.workers
    assert again.sessions == problem.sessions


def test_extension_column_errors_name_row_and_column(tmp_path: Path) -> None:
    """A bad cell in an extension column is an error with file, row and column."""
    folder = _folder(tmp_path)
    _add_column(folder / "workers.csv", "min_consecutive_days", {"w2": "0"})
    text = (folder / "workers.csv").read_text(encoding="utf-8")
    (folder / "workers.csv").write_text(
        text.replace("sleep_in=2;early=0", "sleep_in=two"), encoding="utf-8"
    )
    errors = {(e.file, e.row, e.column): e.message for e in load(folder).errors}
    assert "is not kind=number" in errors[("workers.csv", 1, "max_sessions_of_kind")]
    assert (
        "'0' must be between 1 and 366"
        in errors[("workers.csv", 2, "min_consecutive_days")]
    )


def _consent_folder(tmp_path: Path, published: str, agreements: str) -> Path:
    """The tiny week with the given published_rota.csv and extra agreement rows."""
    folder = Path(shutil.copytree(TINY, tmp_path / "consent"))
    (folder / "published_rota.csv").write_text(published, encoding="utf-8")
    with (folder / "agreements.csv").open("a", encoding="utf-8") as handle:
        handle.write(agreements)
    return folder


# A rota.csv as `rota solve` writes it, used as published_rota.csv.
ROTA_AS_PUBLISHED = (
    "session_id,worker_id,user_id,date,start,end,worker_name,hours\n"
    "s1,w1,u1,2026-03-02,08:15,09:15,Aisha Khan,1.0\n"
    "s3,w2,u2,,,,Ben Murray,2.0\n"
)


def test_published_times_and_change_agreements_are_read(tmp_path: Path) -> None:
    """published_rota.csv's optional date, start and end become typed fields (empty
    cells None, rota.csv's other columns kept as extras), and the compiled week
    knows s1's published start; a change agreement may come from a worker or a
    person."""
    folder = _consent_folder(
        tmp_path,
        ROTA_AS_PUBLISHED,
        "c1,w3,change,s1,,,,,yes,\nc2,u1,change,s1,,,,,yes,\n",
    )
    problem = load_problem(folder)
    first, second = problem.published
    assert (first.date, first.start, first.end) == (
        dt.date(2026, 3, 2),
        dt.time(8, 15),
        dt.time(9, 15),
    )
    assert first.extra["worker_name"] == "Aisha Khan"
    assert (second.date, second.start, second.end) == (None, None, None)
    changes = [a for a in problem.agreements if a.kind == "change"]
    assert [(a.party_id, a.session_id) for a in changes] == [
        ("w3", "s1"),
        ("u1", "s1"),
    ]
    data = compile_problem(problem, load_policy())
    s1, s3 = data.session_index["s1"], data.session_index["s3"]
    assert data.published_start == {s1: 8 * 60 + 15}
    assert s3 not in data.published_start
    assert data.consented[s1] == {"w3", "u1"}
    again = load_problem(write_folder(problem, tmp_path / "out"))
    assert again.published == problem.published


def test_published_time_and_change_errors_name_file_row_and_column(
    tmp_path: Path,
) -> None:
    """A bad published time, a date without a start, a change without its session
    and a change from someone unknown are errors naming file, row and column."""
    folder = _consent_folder(
        tmp_path,
        "session_id,worker_id,date,start,end\n"
        "s1,w1,2026-03-02,9am,09:00\n"
        "s3,w2,2026-03-02,,\n",
        "c1,w3,change,,,,,,yes,\nc2,nobody,change,s1,,,,,yes,\n",
    )
    errors = {(e.file, e.row, e.column): e.message for e in load(folder).errors}
    assert "9am" in errors[("published_rota.csv", 1, "start")]
    assert "needs both date and start" in errors[("published_rota.csv", 2, "start")]
    assert "needs session_id" in errors[("agreements.csv", 5, "session_id")]
    assert "is not a worker or person" in errors[("agreements.csv", 6, "party_id")]
