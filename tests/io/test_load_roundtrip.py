"""Load, write back with ``write_folder``, load again: nothing is lost."""

from __future__ import annotations

import shutil
from pathlib import Path

from rota.io import load_problem, write_folder

TINY = Path(__file__).parent.parent / "data" / "tiny"


def test_round_trip_gives_an_identical_problem(tmp_path: Path) -> None:
    """Every record and the horizon survive a write and a reload unchanged."""
    first = load_problem(TINY)
    again = load_problem(write_folder(first, tmp_path / "out"))
    assert again == first


def test_round_trip_keeps_extra_columns(tmp_path: Path) -> None:
    """Columns outside the contract are written back and read again as they were."""
    folder = Path(shutil.copytree(TINY, tmp_path / "in"))
    for name, column in (("workers.csv", "payroll_ref"), ("travel.csv", "note")):
        path = folder / name
        lines = path.read_text().splitlines()
        lines[0] += f",{column}"
        lines[1:] = [f'{line},"x, {i}"' for i, line in enumerate(lines[1:])]
        lines[-1] = lines[-1].rsplit(",", 2)[0] + ","  # one empty extra cell
        path.write_text("\n".join(lines) + "\n")
    first = load_problem(folder)
    assert first.workers[0].extra == {"payroll_ref": "x, 0"}
    assert first.workers[-1].extra == {"payroll_ref": ""}
    assert first.travel[1].extra == {"note": "x, 1"}
    again = load_problem(write_folder(first, tmp_path / "out"))
    assert again == first
    assert [w.extra for w in again.workers] == [w.extra for w in first.workers]
