"""`rota compare`: the folders, kpis.csv, summary.csv and charts.html it writes,
and one plain line for each bad option."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rota.cli import app
from rota.cli import commands as _commands  # noqa: F401  (registers the subcommands)
from rota.io import write_folder

from .tiny import tiny_week

KPI_COLUMNS = (
    "policy",
    "week",
    "coverage",
    "essential_uncovered_hours",
    "cost",
    "split_shifts",
    "travel_minutes",
    "short_notice_changes",
    "asks",
    "contract_shortfall_hours",
    "fragmentation",
    "weekend_spread_minutes",
    "unsocial_spread_minutes",
    "distinct_workers_per_person",
    "people_over_budget",
)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "week"
    write_folder(tiny_week(), folder)
    return folder


def compare(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["compare", *args])


def test_compare_writes_each_run_the_tables_and_the_charts(data, tmp_path):
    """2 policies x 2 weeks, one after another: OUT/<policy>/week-<k> holds the
    contract's outputs, kpis.csv a row per policy and week with every column the
    issue lists, summary.csv a mean/min/max row per policy, and charts.html the
    interactive charts."""
    out = tmp_path / "out"
    result = compare(
        str(data),
        *("--policy", "balanced", "--policy", "worker_first"),
        *("--weeks", "2", "--time-limit", "2", "--scheduler", "none"),
        *("--out", str(out)),
    )
    assert result.exit_code == 0, result.output
    for policy in ("balanced", "worker_first"):
        for k in (1, 2):
            folder = out / policy / f"week-{k}"
            names = {p.name for p in folder.iterdir()}
            assert {"rota.csv", "unmet.csv", "asks.csv", "summary.json"} <= names
    rows = _rows(out / "kpis.csv")
    assert [(r["policy"], r["week"]) for r in rows] == [
        ("balanced", "1"),
        ("balanced", "2"),
        ("worker_first", "1"),
        ("worker_first", "2"),
    ]
    assert set(KPI_COLUMNS) <= set(rows[0])
    summary = _rows(out / "summary.csv")
    assert [r["policy"] for r in summary] == ["balanced", "worker_first"]
    assert {"coverage_mean", "coverage_min", "coverage_max", "cost_mean"} <= set(
        summary[0]
    )
    page = (out / "charts.html").read_text(encoding="utf-8")
    assert "Coverage against wage cost" in page and "Split shifts" in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--time-limit", "0"], "--time-limit: 0.0 is not a number of seconds above 0"),
        (["--workers", "0"], "--workers: 0 is not a number of workers of 1 or more"),
        (["--weeks", "0"], "--weeks: 0 is not a number of weeks of 1 or more"),
        (["--policy", "nope"], "--policy: no policy preset 'nope'; presets:"),
        (["--scheduler", "nowhere"], "--scheduler: nowhere is not local, none or"),
    ],
)
def test_bad_options_give_one_plain_line(data, tmp_path, args, message):
    """Each bad option is refused before any run, with one line naming it, and
    nothing is written."""
    policy = [] if "--policy" in args else ["--policy", "balanced"]
    out = tmp_path / "out"
    result = compare(str(data), *policy, *args, "--out", str(out))
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(message), result.output
    assert not out.exists()


def test_no_policy_is_one_plain_line(data, tmp_path):
    """Without --policy there is nothing to compare: one line saying so."""
    result = compare(str(data), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.output.strip().startswith("--policy: name at least one policy")
