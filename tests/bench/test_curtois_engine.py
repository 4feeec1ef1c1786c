"""The Curtois & Qu instances on rota's own model and engine (rota.benchrun).

The tiny instance (data/curtois_tiny.txt) has optimum 5. Worked out by exhaustive
enumeration: each employee's feasible weeks on their own (A 14, B 109, C 35 of the
3^7 patterns), then every combination of the three scored by evaluate_curtois.
One optimal roster:

    day         0  1  2  3  4  5  6
    A           L  .  .  .  E  E  .
    B           E  E  E  E  .  E  .
    C           .  E  L  L  .  .  .

Every cover is met exactly (day 1 E: B and C; day 5 E: A and B), so only requests
cost: on-requests A,0,E (A works L) 2 and C,3,E (C works L) 1; off-requests A,1,E
honoured, B,1,E 2, C,5,L honoured; with A,2,E and B,0,E/B,3,E/C,2,L/A,4,E
honoured: 2 + 1 + 2 = 5. Any roster meeting all cover costs at least that, and
leaving one cover unmet costs at least 50.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from printed import shows
from typer.testing import CliRunner

import rota
from rota.bench import evaluate_curtois, read_curtois, read_roster_csv
from rota.benchrun import (
    CurtoisMappingError,
    assignments_of,
    day_layout,
    map_curtois,
    solve_curtois,
)
from rota.cli import (
    app,
    commands,  # noqa: F401  (registers the subcommands)
)
from rota.solver.data import SCALE

DATA = Path(__file__).parent / "data"
TINY = DATA / "curtois_tiny.txt"


def test_engine_finds_the_tiny_optimum_with_no_hard_violation() -> None:
    """The engine's roster for the tiny instance breaks no benchmark rule, and the
    benchmark's own evaluator scores it at the worked-out optimum, 5, which the
    engine also proves (bound 5) and reports as its own objective."""
    run = solve_curtois(read_curtois(TINY), time_limit=10, workers=1)
    assert run.status == "OPTIMAL"
    assert run.score.hard_violations == []
    assert run.objective == 5
    assert run.engine_objective == 5
    assert run.best_bound == 5


def test_mapping_prices_a_roster_exactly_as_the_benchmark() -> None:
    """rota's own check of the hand-made roster (263 points by the benchmark,
    under- and over-cover included) breaks no rota rule and costs the same."""
    instance = read_curtois(TINY)
    mapping = map_curtois(instance)
    roster = read_roster_csv(DATA / "curtois_tiny_roster.csv")
    report = rota.check(
        mapping.problem, assignments_of(mapping, roster), mapping.policy
    )
    assert report.ok, report.violations
    assert report.objective_raw == evaluate_curtois(instance, roster).objective * SCALE
    assert evaluate_curtois(instance, roster).objective == 263


def test_a_roster_with_more_over_cover_than_the_mapping_holds_is_refused() -> None:
    """With no optional sessions (``extra=0``) a (day, shift) holds at most its
    requirement: the hand-made roster, which over-covers, is refused with the day
    and shift named, while the exact mapping takes it."""
    instance = read_curtois(TINY)
    roster = read_roster_csv(DATA / "curtois_tiny_roster.csv")
    assert len(assignments_of(map_curtois(instance), roster)) == len(roster)
    with pytest.raises(CurtoisMappingError, match=r"day \d+ shift \w+: \d+ workers"):
        assignments_of(map_curtois(instance, extra=0), roster)


def test_day_and_shift_without_cover_row_is_free(tmp_path: Path) -> None:
    """A (day, shift) with no cover row costs nothing however many work it, in the
    benchmark and in the mapping alike: C's extra L on day 4 adds 0 to 263."""
    text = TINY.read_text(encoding="utf-8").replace("4,L,0,100,1\n", "")
    path = tmp_path / "no_row.txt"
    path.write_text(text, encoding="utf-8")
    instance = read_curtois(path)
    mapping = map_curtois(instance)
    roster = [*read_roster_csv(DATA / "curtois_tiny_roster.csv"), ("C", 4, "L")]
    assert evaluate_curtois(instance, roster).objective == 263
    report = rota.check(
        mapping.problem, assignments_of(mapping, roster), mapping.policy
    )
    assert report.ok, report.violations
    assert report.objective_raw == 263 * SCALE


RULES = {
    "one_shift_per_day": {"travel_time", "max_hours_day"},
    "cannot_follow": {"forbidden_kind_sequence"},
    "max_shifts": {"max_sessions_of_kind"},
    "max_total_minutes": {"max_total_hours"},
    "min_total_minutes": {"min_total_hours"},
    "max_consecutive_shifts": {"max_consecutive_days"},
    "min_consecutive_shifts": {"min_consecutive_days"},
    "min_consecutive_days_off": {"min_consecutive_days_off"},
    "max_weekends": {"max_working_weekends"},
    "days_off": {"availability"},
}
"""Each benchmark hard rule and the rota rules that carry it in the mapping."""


@pytest.mark.parametrize(
    ("added", "dropped"),
    [
        ([("C", 4, "E")], []),  # E the day after L
        ([("C", 6, "E")], []),  # C may work no weekend
        ([("A", 6, "E")], []),  # A's day off; 2040 minutes against 1560
        ([("B", 5, "E")], []),  # B's fifth day in a row (max 4)
        ([("B", 6, "L")], []),  # B may never work L; 2520 minutes against 2400
        ([("A", 0, "L")], []),  # two shifts on one day (and L before E)
        ([("A", 4, "E")], []),  # a lone working day and a lone day off for A
        ([], [("A", 2, "L")]),  # A down to 960 minutes against 1440
    ],
)
def test_mapping_breaches_are_the_same_rules(
    added: list[tuple[str, int, str]], dropped: list[tuple[str, int, str]]
) -> None:
    """A change to the feasible hand-made roster breaks exactly the rota rules
    that carry the benchmark rules it breaks (see RULES)."""
    instance = read_curtois(TINY)
    mapping = map_curtois(instance)
    base = read_roster_csv(DATA / "curtois_tiny_roster.csv")
    roster = [row for row in base if tuple(row) not in dropped] + added
    expected = set().union(
        *(
            RULES[v.split(":")[0]]
            for v in evaluate_curtois(instance, roster).hard_violations
        )
    )
    assert expected
    report = rota.check(
        mapping.problem, assignments_of(mapping, roster), mapping.policy
    )
    assert {v.rule for v in report.violations} == expected


def test_mapping_is_exact_only_with_room_for_every_over_cover() -> None:
    """With two optional sessions per day and shift the tiny instance is mapped
    exactly (no more than two spare employees on any day); with none it is not,
    and then the engine's bound is not reported as the benchmark's."""
    instance = read_curtois(TINY)
    assert map_curtois(instance).exact
    assert not map_curtois(instance, extra=0).exact
    run = solve_curtois(instance, time_limit=10, workers=1, extra=0)
    assert run.best_bound is None
    assert run.score.hard_violations == []


def test_day_layout_scales_only_when_shifts_do_not_fit() -> None:
    """Real lengths are kept when the widest same-day gap is shorter than the rest
    of the day; three 8-hour shifts are halved; two shifts keep their length."""
    assert day_layout({"E": 480, "L": 600}) == (1, {"L": (0, 600), "E": (600, 480)})
    scale, times = day_layout({"E": 480, "D": 480, "L": 480})
    assert scale == 2
    assert sorted(times.values()) == [(0, 240), (240, 240), (480, 240)]
    with pytest.raises(CurtoisMappingError):
        day_layout({"A": 1439, "B": 1})


def test_bench_cli_prints_one_json_line_and_writes_the_roster(tmp_path: Path) -> None:
    """`rota bench curtois FILE --out` prints the evaluator's score as one JSON line
    and writes a roster the benchmark reader accepts."""
    out = tmp_path / "roster.csv"
    result = CliRunner().invoke(
        app, ["bench", "curtois", str(TINY), "--time-limit", "10", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    line = json.loads(result.output.strip())
    assert line["instance"] == "curtois_tiny"
    assert line["objective"] == 5 and line["status"] == "OPTIMAL"
    assert line["best_bound"] == 5
    assert set(line) >= {"objective", "best_bound", "status", "wall_seconds"}
    roster = read_roster_csv(out)
    assert evaluate_curtois(read_curtois(TINY), roster).objective == 5


def test_bench_cli_bad_instance_is_a_plain_error(tmp_path: Path) -> None:
    """A file that is not an instance exits 1 with the reader's message naming the
    file and the line, and no traceback; a missing file is named too. The message
    is compared as read, wherever the console broke it (the path is as long as
    the checkout's)."""
    roster = DATA / "curtois_tiny_roster.csv"
    result = CliRunner().invoke(app, ["bench", "curtois", str(roster)])
    assert result.exit_code == 1
    assert shows(
        result.output,
        f"instance: {roster}, line 1: data before the first SECTION_ header",
    ), result.output
    assert "Traceback" not in result.output
    nowhere = tmp_path / "no.txt"
    missing = CliRunner().invoke(app, ["bench", "curtois", str(nowhere)])
    assert missing.exit_code == 1 and "Traceback" not in missing.output
    assert shows(missing.output, f"instance: {nowhere}: No such file"), missing.output
