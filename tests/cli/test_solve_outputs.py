"""`rota solve` never loses the previous rota: staged outputs, NO-ROTA.txt, --out
checked first, options checked, and CSV outputs Excel reads rightly."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import Result
from helpers import person, session, week, worker
from typer.testing import CliRunner

from rota.cli import app
from rota.cli import commands as _commands  # noqa: F401  (registers the subcommands)
from rota.io import read_rota_csv, write_folder, write_rota_csv
from rota.model import Assignment, Problem

ROOT = Path(__file__).resolve().parents[2]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def tiny(minimum: float | None = None) -> Problem:
    """Amy and Bea, one 2-hour session; Amy's minimum of 3 hours makes it impossible."""
    amy = worker("amy", name="Zoë Amy", min_total_hours=minimum)
    return week(
        [amy, worker("bea", name="Łukasz Bea")],
        [person("ann")],
        [session("s1", "ann", 0, "09:00", "11:00")],
    )


def solve(folder: Path, out: Path, *extra: str) -> Result:
    args = ["solve", str(folder), "--out", str(out), "--time-limit", "5"]
    return CliRunner().invoke(app, [*args, "--workers", "1", *extra])


def good_run(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A good run with every output (workbook and calendars too) in tmp/out."""
    out = tmp_path / "out"
    run = solve(write_folder(tiny(), tmp_path / "good"), out, "--excel", "--ical")
    assert run.exit_code == 0, run.output
    files = snapshot(out)
    assert {"rota.csv", "rota.xlsx", "summary.json"} <= set(files)
    assert any(name.startswith("calendars/") for name in files)
    return out, files


def test_a_week_with_no_rota_leaves_the_previous_outputs_byte_identical(
    tmp_path: Path,
) -> None:
    """A no-rota week solved into a folder holding a good run: exit 1, every
    previous file byte for byte as it was, and NO-ROTA.txt beside them saying why."""
    out, before = good_run(tmp_path)
    run = solve(write_folder(tiny(minimum=3), tmp_path / "bad"), out)
    assert run.exit_code == 1, run.output
    after = snapshot(out)
    why = after.pop("NO-ROTA.txt").decode()
    assert after == before
    assert "no rota keeps every hard rule" in why
    assert "left as they were: rota.csv" in why
    assert "were left as they were" in " ".join(run.output.split())


def test_the_next_good_run_moves_the_old_one_aside(tmp_path: Path) -> None:
    """After a no-rota run, a good run replaces every output: the workbook and
    calendars it does not write and NO-ROTA.txt go to OUT/.previous with the
    rest of the previous run."""
    out, before = good_run(tmp_path)
    solve(write_folder(tiny(minimum=3), tmp_path / "bad"), out)
    run = solve(tmp_path / "good", out)
    assert run.exit_code == 0, run.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [".previous", "asks.csv", "rota.csv", "summary.json", "unmet.csv"]
    kept = snapshot(out / ".previous")
    assert "NO-ROTA.txt" in kept
    assert {k: v for k, v in kept.items() if k != "NO-ROTA.txt"} == before


def test_a_write_failing_part_way_keeps_the_previous_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workbook's writer failing (a full disk) after the CSV files were
    written: exit 1, one plain line, no traceback, the previous outputs intact."""
    out, before = good_run(tmp_path)

    def full_disk(path: Path, *args: object) -> Path:
        Path(path).write_bytes(b"PK half a workbook")
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr("rota.io.write_excel", full_disk)
    run = solve(tmp_path / "good", out, "--excel")
    assert run.exit_code == 1
    errors = run.stderr.strip().splitlines()
    assert len(errors) == 1, errors
    assert "No space left on device" in errors[0]
    assert "previous outputs" in errors[0]
    assert "Traceback" not in run.output
    after = snapshot(out)
    assert (
        "a rota was made but could not be written" in after.pop("NO-ROTA.txt").decode()
    )
    assert after == before


@pytest.mark.parametrize("kind", ["file", "proc"])
def test_an_unusable_out_fails_before_any_work(tmp_path: Path, kind: str) -> None:
    """--out naming an existing file or a path under /proc: one plain line and
    exit 1 at once, on a week that would otherwise search for 60 seconds."""
    target = tmp_path / "taken.csv"
    target.write_text("keep me\n")
    out = str(target) if kind == "file" else "/proc/rota-out"
    began = time.perf_counter()
    done = subprocess.run(
        [
            *(sys.executable, "-m", "rota.cli", "solve"),
            *(str(ROOT / "sample_data/medium"), "--out", out, "--time-limit", "60"),
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert time.perf_counter() - began < 10
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip().count("\n") == 0, done.stderr
    assert "--out:" in done.stderr and "Traceback" not in done.stderr
    assert target.read_text() == "keep me\n"


@pytest.mark.parametrize(
    "args",
    [
        ["solve", "week", "--time-limit", "-5"],
        ["solve", "week", "--time-limit", "nan"],
        ["solve", "week", "--time-limit", "inf"],
        ["solve", "week", "--time-limit", "0"],
        ["solve", "week", "--workers", "-1"],
        ["solve", "week", "--workers", "0"],
        ["solve-areas", "week", "--time-limit", "nan"],
        ["solve-areas", "week", "--workers", "0"],
        ["explain", "week", "s1", "--time-limit", "-1"],
        ["bench", "curtois", "Instance1.txt", "--time-limit", "0"],
        ["bench", "mankowska", "x.txt", "--workers", "-1"],
    ],
)
def test_time_limit_and_workers_are_checked(tmp_path: Path, args: list[str]) -> None:
    """--time-limit must be a finite number above 0 and --workers at least 1: one
    plain line and exit 1, before any file is read."""
    out = ["--out", str(tmp_path / "o")] if args[0].startswith("solve") else []
    run = CliRunner().invoke(app, [*args, *out])
    assert run.exit_code == 1, run.output
    errors = run.stderr.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith(("--time-limit:", "--workers:"))
    assert not (tmp_path / "o").exists()


def test_csv_outputs_start_with_a_bom_and_read_back(tmp_path: Path) -> None:
    """rota.csv starts with the UTF-8 byte-order mark (Excel then shows Zoë and
    Łukasz rightly) and read_rota_csv reads it back unchanged."""
    problem = tiny()
    line = Assignment(
        session_id="s1",
        worker_id="amy",
        start=dt.datetime(2026, 11, 30, 9),
        end=dt.datetime(2026, 11, 30, 11),
    )
    path = write_rota_csv(tmp_path / "rota.csv", problem, [line])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfsession_id,")
    assert "Zoë Amy".encode() in raw
    with path.open(newline="", encoding="utf-8-sig") as handle:
        assert next(csv.reader(handle))[0] == "session_id"
    assert read_rota_csv(path, problem) == ([line], [])
