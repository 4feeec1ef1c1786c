"""Uploads (the app's Week data page): a zip of the CSV folder or a workbook is read
like the folder itself, and a bad upload is one clear issue, never an exception."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from test_load_excel import TINY, workbook_from_folder

from rota.io import load, load_upload

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "small"


def _zip(files: dict[str, bytes], folder: str = "week/") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(folder + name, data)
    return buffer.getvalue()


def test_a_zipped_folder_reads_as_the_folder_does():
    """The small sample week zipped (inside a folder, as people zip) gives the
    same problem and the same warnings as the folder."""
    files = {p.name: p.read_bytes() for p in SAMPLE.glob("*.csv")}
    got = load_upload("small.zip", _zip(files))
    want = load(SAMPLE)
    assert got.problem == want.problem
    assert [str(i) for i in got.issues] == [str(i) for i in want.issues]


def test_a_bad_cell_in_a_zip_names_file_row_and_column():
    """A session starting at 25:00 inside the zip is reported at sessions.csv,
    row 1, column start, like the folder reader would."""
    files = {p.name: p.read_bytes() for p in SAMPLE.glob("*.csv")}
    lines = files["sessions.csv"].decode().splitlines()
    cells = lines[1].split(",")
    cells[3] = "25:00"
    lines[1] = ",".join(cells)
    files["sessions.csv"] = ("\n".join(lines) + "\n").encode()
    got = load_upload("week.zip", _zip(files))
    assert got.problem is None
    [bad] = [i for i in got.issues if i.severity == "error"]
    assert (bad.file, bad.row, bad.column) == ("sessions.csv", 1, "start")


def test_uploads_that_are_not_a_week_are_one_issue():
    """Not a zip, a broken zip, a zip without workers.csv: each says what is wrong."""
    [wrong] = load_upload("notes.txt", b"hello").issues
    assert "not a zip" in wrong.message
    [broken] = load_upload("week.zip", b"PK\x03\x04 broken").issues
    assert broken.file == "week.zip" and "cannot be opened" in broken.message
    partial = load_upload("week.zip", _zip({"sessions.csv": b"session_id\n"}))
    assert any(
        i.file == "workers.csv" and "missing" in i.message for i in partial.issues
    )


def test_a_workbook_upload_reads_as_the_workbook(tmp_path):
    """An .xlsx upload gives the same problem as the folder it was made from."""
    book = workbook_from_folder(TINY, tmp_path / "week.xlsx")
    got = load_upload("week.xlsx", book.read_bytes())
    assert got.problem is not None
    assert got.problem == load(TINY).problem
