"""Implausible input is caught by `rota validate` (and every loader), located.

Each case is a real bad folder under tests/data/bad/, a copy of tests/data/tiny
with one kind of slip planted (see tests/data/bad/README.md).
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from printed import said, shows
from typer.testing import CliRunner, Result

from rota import impossible, solve
from rota.cli import (
    app,
    commands,  # noqa: F401  (registers the subcommands)
)
from rota.io import load
from rota.policy import Limits, Policy

DATA = Path(__file__).parent.parent / "data"
TINY = DATA / "tiny"
BAD = DATA / "bad"


def validate(*args: str) -> Result:
    """Invoke ``rota validate ARGS`` as a user would."""
    return CliRunner().invoke(app, ["validate", *args])


def issue_lines(result: Result) -> list[str]:
    """The printed issues, without the count line."""
    return [
        line
        for line in result.output.splitlines()
        if line.startswith(("error ", "warning "))
    ]


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            "year_0001",
            "error sessions.csv row 4, column date: '0001-01-01' is not a plausible "
            "date: the year must be from 1900 to 2999 (is it mistyped?)",
        ),
        (
            "year_9999",
            "error sessions.csv row 8, column date: '9999-12-31' is not a plausible "
            "date: the year must be from 1900 to 2999 (is it mistyped?)",
        ),
        (
            "year_2030",
            "error sessions.csv row 5, column date: '2030-03-03' is far from the "
            "other sessions (2026-03-02 to 2026-03-07): the rota would span 209 "
            "weeks, more than the policy's limits.max_horizon_weeks (8); is the year "
            "or month mistyped?",
        ),
        (
            "end_equals_start",
            "error sessions.csv row 4, column end: end 14:00 equals start: an end "
            "before the start is read as the next day, so this would be a 24-hour "
            "session; give the time the support ends",
        ),
        (
            "unclosed_quote",
            "error sessions.csv row 3, column skills_required: a '\"' opens a quoted "
            "value that is never closed, so the 6 line(s) after it were read as part "
            "of this one value; remove the quote or close it",
        ),
    ],
)
def test_one_located_error_and_exit_one(case: str, expected: str) -> None:
    """A mistyped year (0001, 9999, 2030), an end equal to the start or an
    unclosed quote gives exactly one error naming file, row and column (no
    OverflowError, no cascade), and exit 1."""
    result = validate(str(BAD / case))
    assert result.exit_code == 1, result.output
    assert issue_lines(result) == [expected]
    assert result.output.strip().splitlines()[-1] == "1 error, 0 warnings"
    assert "Traceback" not in result.output


def test_a_20_hour_overnight_is_a_warning() -> None:
    """22:00-18:00 reads as 20 hours: legal, but longer than the policy's longest
    session (16 h), so a warning; exit 0."""
    result = validate(str(BAD / "long_overnight"))
    assert result.exit_code == 0, result.output
    assert issue_lines(result) == [
        "warning sessions.csv row 8, column end: 22:00-18:00 is 20 hours (an end "
        "before the start is the next day), longer than the policy's longest "
        "session (16 hours): is the end mistyped?"
    ]


def test_a_longer_limit_in_the_policy_allows_a_long_session(tmp_path: Path) -> None:
    """limits.longest_session_hours is the policy's to set."""
    policy = tmp_path / "policy.toml"
    policy.write_text("[limits]\nlongest_session_hours = 21\n")
    result = validate(str(BAD / "long_overnight"), "--policy", str(policy))
    assert result.exit_code == 0 and issue_lines(result) == []


def test_every_bound_is_a_located_error() -> None:
    """Hours, rates, money, minutes and miles above their documented bounds (at
    least one per file that has numbers) are errors at their cells."""
    found = {(i.file, i.row, i.column) for i in load(BAD / "out_of_bounds").errors}
    assert found == {
        ("workers.csv", 1, "contracted_hours"),
        ("workers.csv", 1, "max_travel_minutes"),
        ("workers.csv", 2, "hourly_rate"),
        ("workers.csv", 3, "max_hours"),
        ("workers.csv", 3, "max_hours_per_day"),
        ("availability.csv", 3, "weight"),
        ("service_users.csv", 1, "weekly_budget"),
        ("service_users.csv", 2, "charge_rate"),
        ("sessions.csv", 1, "flex_minutes"),
        ("travel.csv", 1, "minutes"),
        ("travel.csv", 2, "miles"),
        ("agreements.csv", 3, "extra_minutes"),
    }
    result = validate(str(BAD / "out_of_bounds"))
    assert result.exit_code == 1
    lines = issue_lines(result)
    assert (
        "error sessions.csv row 1, column flex_minutes: '100000000' must be between "
        "0 and 1,440: a start moves by at most a day"
    ) in lines
    assert (
        "error workers.csv row 2, column hourly_rate: '1e300' must be between 0 and "
        "1,000: pounds per hour"
    ) in lines
    assert result.output.strip().splitlines()[-1] == "12 errors, 0 warnings"


def test_an_absurd_policy_weight_is_a_policy_error() -> None:
    """A weight of 10^12 could overflow the model: the policy file is refused
    before anything is read, naming the setting."""
    result = validate(str(TINY), "--policy", str(BAD / "absurd_weight/policy.toml"))
    assert result.exit_code == 1
    assert said(result.output) == (
        "error policy.toml: weights.uncovered_essential: Input should be less than "
        "or equal to 100000"
    )


def test_impossible_minimum_names_the_worker_and_the_figures() -> None:
    """min_total_hours 160 against max_hours 42: validate says who and by how much
    (exit 1), and a solve stops at once with the same sentence."""
    sentence = (
        "Aisha Khan (w1) must work at least 160 hours over the rota "
        "(min_total_hours) but can work at most 42: max_hours 42 a week over 1 week"
    )
    result = validate(str(BAD / "impossible_minimum"))
    assert result.exit_code == 1
    assert issue_lines(result) == [f"error {sentence}"]
    problem = load(BAD / "impossible_minimum").problem
    assert problem is not None and impossible(problem) == [sentence]
    solved = solve(problem, time_limit=30)
    assert solved.status == "INFEASIBLE" and solved.wall_seconds < 5
    assert solved.no_rota == f"no rota keeps every hard rule: {sentence}"


def test_horizon_limit_is_the_policys(tmp_path: Path) -> None:
    """Sessions spanning 9 weeks: an error under the default 8, none when the
    policy allows 10."""
    folder = Path(shutil.copytree(TINY, tmp_path / "tiny"))
    sessions = folder / "sessions.csv"
    sessions.write_text(
        sessions.read_text().replace("s7,u1,2026-03-06", "s7,u1,2026-05-01")
    )
    errors = load(folder).errors
    assert [(e.file, e.row, e.column) for e in errors] == [("sessions.csv", 7, "date")]
    wide = Policy(limits=Limits(max_horizon_weeks=10))
    assert load(folder, policy=wide).errors == []


def test_rows_dated_outside_the_rota_are_warnings(tmp_path: Path) -> None:
    """Availability and agreement rows dated outside the sessions' weeks are never
    used: a warning each, at the row."""
    folder = Path(shutil.copytree(TINY, tmp_path / "tiny"))
    for name, old, new in [
        ("availability.csv", "w3,2026-03-02", "w3,2026-04-02"),
        ("agreements.csv", "availability,,2026-03-06", "availability,,2026-02-06"),
    ]:
        path = folder / name
        path.write_text(path.read_text().replace(old, new))
    found = [(w.file, w.row, w.column) for w in load(folder).warnings]
    assert ("availability.csv", 6, "date") in found
    assert ("agreements.csv", 1, "date") in found
    assert load(folder).errors == []


def test_50000_bad_rows_print_200_lines_and_a_count(tmp_path: Path) -> None:
    """50,000 broken rows: the screen shows the first 200 issues and one line
    counting the rest; --all-errors FILE holds every one."""
    folder = Path(shutil.copytree(TINY, tmp_path / "tiny"))
    with (folder / "workers.csv").open("a", newline="") as handle:
        writer = csv.writer(handle)
        for n in range(50_000):
            writer.writerow([f"x{n}", "X", "lots", 30, "", "", 12, "", 55.8, -4.2])
    result = validate(str(folder))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(issue_lines(result)) == 200
    assert len(lines) <= 203
    assert lines[-2] == (
        f"... and 49,800 more; `rota validate {folder} --all-errors FILE` writes "
        "them all to FILE"
    )
    assert lines[-1] == "50000 errors, 0 warnings"
    full = tmp_path / "all.txt"
    result = validate(str(folder), "--all-errors", str(full))
    written = full.read_text().splitlines()
    assert len(written) == 50_000
    assert written[0] == (
        "error workers.csv row 4, column contracted_hours: 'lots' is not a number"
    )
    assert result.output.strip().splitlines()[-2] == (
        f"... and 49,800 more; the whole list is in {full}"
    )


def test_the_shared_loader_caps_too(tmp_path: Path) -> None:
    """Commands that read a week (here `rota solve`) print at most 200 issues, a
    line counting the rest and one naming the folder (which may wrap: its path is
    as long as the temporary folder's)."""
    folder = Path(shutil.copytree(TINY, tmp_path / "tiny"))
    with (folder / "sessions.csv").open("a") as handle:
        handle.writelines(f"b{n},u1,2026-03-0x,08:00,09:00\n" for n in range(500))
    result = CliRunner().invoke(app, ["solve", str(folder), "--out", str(tmp_path)])
    assert result.exit_code == 1
    issues = [
        line for line in result.output.splitlines() if line.startswith("sessions.csv")
    ]
    assert len(issues) == 200
    assert shows(result.output, "... and 300 more;")
    assert shows(result.output, f"500 error(s) in {folder}; `rota validate {folder}`")
