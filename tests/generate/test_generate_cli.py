"""`rota generate`: writes a loadable folder, refuses to clobber, never a traceback."""

from __future__ import annotations

from pathlib import Path

from printed import shows
from typer.testing import CliRunner

from rota.cli import (
    app,
    commands,  # noqa: F401  (registers the subcommands)
)
from rota.generate import generate_week
from rota.io import load

runner = CliRunner()


def test_generate_writes_a_folder_the_loader_reads(tmp_path: Path) -> None:
    """The folder holds the contract's files and loads back as the same week."""
    out = tmp_path / "week"
    result = runner.invoke(
        app, ["generate", "--size", "small", "--seed", "4", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "10 workers" in result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "availability.csv",
        "service_users.csv",
        "sessions.csv",
        "workers.csv",
    ]
    loaded = load(out)
    assert loaded.errors == []
    assert loaded.problem is not None
    assert loaded.problem.sessions == generate_week("small", seed=4).sessions


def test_feasible_and_numeric_size(tmp_path: Path) -> None:
    """--feasible and a head count are passed through to the generator."""
    out = tmp_path / "week"
    args = ["generate", "--size", "6", "--seed", "2", "--out", str(out), "--feasible"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "full-coverage" in result.output
    loaded = load(out)
    assert loaded.problem is not None
    assert len(loaded.problem.workers) == 6
    assert not any(s.kind == "sleep_in" for s in loaded.problem.sessions)


def test_existing_data_is_kept_unless_forced(tmp_path: Path) -> None:
    """A folder already holding data is not overwritten without --force; with it,
    stale contract files (a published rota) are removed too."""
    out = tmp_path / "week"
    assert runner.invoke(app, ["generate", "--out", str(out)]).exit_code == 0
    (out / "published_rota.csv").write_text("session_id,worker_id\n")
    refused = runner.invoke(app, ["generate", "--seed", "9", "--out", str(out)])
    assert refused.exit_code == 1
    assert shows(refused.output, "pass --force to replace them"), refused.output
    assert refused.exception is None or isinstance(refused.exception, SystemExit)
    forced = runner.invoke(
        app, ["generate", "--seed", "9", "--out", str(out), "--force"]
    )
    assert forced.exit_code == 0, forced.output
    assert not (out / "published_rota.csv").exists()


def test_bad_arguments_exit_1_without_traceback(tmp_path: Path) -> None:
    """A bad size, start date or non-Monday gives a plain message and status 1
    (compared as read: the console may break it anywhere)."""
    out = str(tmp_path / "week")
    cases = {
        ("--size", "huge"): "size must be",
        ("--start", "30/11/2026"): "not a date",
        ("--start", "2026-12-02"): "Monday",
    }
    for args, message in cases.items():
        result = runner.invoke(app, ["generate", "--out", out, *args])
        assert result.exit_code == 1
        assert shows(result.output, message), result.output
        assert "Traceback" not in result.output
        assert isinstance(result.exception, SystemExit)
    assert not Path(out).exists()
