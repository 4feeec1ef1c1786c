"""Optional extension columns: workers' supported-living limits and sessions' own
cover prices are read from the CSV folder, checked per cell and written back."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from rota.io import load, load_problem
from rota.io.inputs_writer import write_folder

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
    assert "'0' must be 1 or more" in errors[("workers.csv", 2, "min_consecutive_days")]
