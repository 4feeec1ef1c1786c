"""`rota check DIR ROTA` reads what `rota validate` reads, and says plainly when
the rota file is not CSV text."""

from __future__ import annotations

from pathlib import Path

from test_load_excel import TINY, workbook_from_folder
from typer.testing import CliRunner, Result

from rota.cli import (
    app,
    commands,  # noqa: F401  (registers the subcommands)
)

ROTA = "session_id,worker_id,user_id,date,start,end\ns4,w2,u2,2026-03-04,14:00,15:30\n"


def workbook(target: Path) -> Path:
    """The tiny week as a workbook, one sheet per file."""
    return workbook_from_folder(TINY, target)


def check(*args: str) -> Result:
    """Invoke ``rota check ARGS`` as a user would."""
    return CliRunner().invoke(app, ["check", *args])


def test_check_reads_a_workbook_like_a_folder(tmp_path: Path) -> None:
    """The same rota checked against the folder and its workbook gives the same
    verdict."""
    rota = tmp_path / "rota.csv"
    rota.write_text(ROTA, encoding="utf-8")
    book = workbook(tmp_path / "week.xlsx")
    from_folder = check(str(TINY), str(rota))
    from_book = check(str(book), str(rota))
    assert "Traceback" not in from_book.output
    assert from_book.exit_code == from_folder.exit_code
    assert from_book.output == from_folder.output
    assert "objective by the rules' own evaluation" in from_book.output


def test_a_binary_rota_file_gives_one_plain_line(tmp_path: Path) -> None:
    """A workbook given as ROTA_CSV: one line saying what it looks like, exit 1,
    no UnicodeDecodeError."""
    book = workbook(tmp_path / "week.xlsx")
    result = check(str(TINY), str(book))
    assert result.exit_code == 1
    assert result.output.strip() == (
        "week.xlsx: is not a CSV text file: it looks like an Excel workbook or "
        "other zip file"
    )


def test_a_rota_file_in_another_encoding_is_named(tmp_path: Path) -> None:
    """Latin-1 bytes in the rota file: one line naming the byte, no traceback."""
    rota = tmp_path / "rota.csv"
    rota.write_bytes(ROTA.encode() + b"s1,w1,Zo\xeb\n")
    result = check(str(TINY), str(rota))
    assert result.exit_code == 1
    assert result.output.strip().startswith("rota.csv: is not UTF-8 text (byte 0xeb")
