"""The optional ``address`` columns of service_users.csv and sessions.csv: read from
the CSV folder as text (commas inside quotes kept), empty as None, written back only
when some row fills them."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from rota.io import load_problem
from rota.io.inputs_writer import folder_texts, write_folder

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


def _first_ids(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row[0] for row in list(csv.reader(handle))[1:]]


def test_address_columns_are_read_and_round_trip(tmp_path: Path) -> None:
    """A person's and a session's address become text, spaces around them dropped
    and the comma inside kept; an empty cell is None; writing the folder out and
    reading it back keeps them."""
    folder = Path(shutil.copytree(TINY, tmp_path / "tiny"))
    user, other = _first_ids(folder / "service_users.csv")[:2]
    session = _first_ids(folder / "sessions.csv")[0]
    _add_column(
        folder / "service_users.csv", "address", {user: " 12 Elm Street, Paisley "}
    )
    _add_column(
        folder / "sessions.csv", "address", {session: "Leisure Centre, Paisley"}
    )
    problem = load_problem(folder)
    assert problem.user_by_id[user].address == "12 Elm Street, Paisley"
    assert problem.user_by_id[other].address is None
    assert problem.session_by_id[session].address == "Leisure Centre, Paisley"
    again = load_problem(write_folder(problem, tmp_path / "out"))
    assert again.user_by_id[user].address == "12 Elm Street, Paisley"
    assert again.session_by_id[session].address == "Leisure Centre, Paisley"


def test_a_folder_without_addresses_is_written_without_the_column() -> None:
    """A folder with no address anywhere is written back as it was: no empty
    ``address`` column appears in either file."""
    texts = folder_texts(load_problem(TINY))
    for name in ("service_users.csv", "sessions.csv"):
        assert "address" not in texts[name].splitlines()[0].split(",")
