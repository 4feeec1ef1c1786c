"""Curtois & Qu reader, roster CSV and independent evaluator.

The tiny instance (data/curtois_tiny.txt, 7 days, day 0 a Monday) and its roster
(data/curtois_tiny_roster.csv):

    day         0  1  2  3  4  5  6
    A           E  E  L  .  .  .  .    (day 6 is a day off)
    B           .  E  E  E  E  .  .
    C           .  .  L  L  .  .  .    (day 0 is a day off; no weekends)

Hard rules all hold: A works 480+480+600 = 1560 minutes (exactly its max, min
1440), 3 days in a row (max 3) and then is off to the end; B works 4 days in a row
(max 4), 1920 minutes in [960, 2400], E 4 times (max 5); C works L twice (L may
be followed by L, only not by E), 1200 minutes; nobody works day 5 or 6.

Objective, by term:
    on-requests:  A,0,E honoured; B,3,E honoured; C,2,L honoured;
                  A,4,E (A off) 2; B,0,E (B off) 3; C,3,E (C works L) 1   ->  6
    off-requests: A,2,E (A works L) 0; A,1,E 2; B,1,E 2; C,5,L 0          ->  4
    cover under:  day 0 L 1 wanted, 0 there: 1 x 50;
                  day 5 E 2 wanted, 0 there: 2 x 100                      -> 250
    cover over:   day 2 L 1 wanted, 2 there (A, C): 1 x 3                  ->  3
    total 263
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from rota.bench import (
    CurtoisFormatError,
    CurtoisInstance,
    RosterEntry,
    evaluate_curtois,
    read_curtois,
    read_roster_csv,
    write_roster_csv,
)
from rota.bench.curtois_eval import HARD_RULES

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "curtois"


@pytest.fixture(scope="module")
def tiny() -> CurtoisInstance:
    return read_curtois(DATA / "curtois_tiny.txt")


@pytest.fixture()
def roster() -> dict[tuple[str, int], str]:
    rows = read_roster_csv(DATA / "curtois_tiny_roster.csv")
    return {(r.employee, r.day): r.shift for r in rows}


def test_reader_keeps_every_field(tiny: CurtoisInstance) -> None:
    """Each section lands in the right field, with ids, numbers and order kept."""
    assert tiny.name == "curtois_tiny"
    assert tiny.horizon == 7 and tiny.weeks == 1
    shifts = tiny.shift_by_id
    assert [s.id for s in tiny.shifts] == ["E", "L"]
    assert shifts["E"].minutes == 480 and shifts["E"].cannot_follow == frozenset()
    assert shifts["L"].minutes == 600 and shifts["L"].cannot_follow == {"E"}
    a = tiny.staff_by_id["A"]
    assert dict(a.max_shifts) == {"E": 4, "L": 2}
    assert (
        a.max_total_minutes,
        a.min_total_minutes,
        a.max_consecutive_shifts,
        a.min_consecutive_shifts,
        a.min_consecutive_days_off,
        a.max_weekends,
    ) == (1560, 1440, 3, 2, 2, 1)
    assert dict(tiny.days_off) == {"A": {6}, "C": {0}}
    assert tiny.days_off_entries == 2
    assert [(r.employee, r.day, r.shift, r.weight) for r in tiny.on_requests][3] == (
        "A",
        4,
        "E",
        2,
    )
    assert len(tiny.off_requests) == 4
    cover = next(c for c in tiny.cover if (c.day, c.shift) == (0, "L"))
    assert (cover.requirement, cover.weight_under, cover.weight_over) == (1, 50, 1)


def test_tiny_roster_scores_as_worked_out(tiny, roster) -> None:
    """The objective and each term equal the hand computation in the docstring."""
    score = evaluate_curtois(tiny, roster)
    assert score.hard_violations == []
    assert score.feasible
    assert dict(score.breakdown) == {
        "shift_on_requests": 6,
        "shift_off_requests": 4,
        "cover_under": 250,
        "cover_over": 3,
    }
    assert score.objective == 263


def _changed(
    roster: dict[tuple[str, int], str],
    drop: tuple[tuple[str, int], ...] = (),
    **put: str,
) -> dict[tuple[str, int], str]:
    """The roster without ``drop`` and with ``put`` given as ``A3="L"``."""
    out = {k: v for k, v in roster.items() if k not in drop}
    out.update({(key[0], int(key[1:])): shift for key, shift in put.items()})
    return out


# Each change breaks exactly the rules listed (worked out per case):
CASES = {
    # A: L on day 1 then E on day 2; L may not be followed by E.
    "cannot_follow": dict(A1="L", A2="E"),
    # B may never work L; 3 x 480 + 600 = 2040 minutes is still within 2400.
    "max_shifts": dict(B4="L"),
    # A: E, L, L = 1680 minutes > 1560; L twice (max 2); L after L allowed.
    "max_total_minutes": dict(A1="L"),
    # B: 5 days in a row (1..5) > 4; 2400 minutes and E 5 times are at the max;
    # day 5 is its one weekend (max 1).
    "max_consecutive_shifts": dict(B5="E"),
    # C: Saturday is a weekend day and C may work none; days 4-5 are 2 days off.
    "max_weekends": dict(C6="E"),
    # C: day 0 is one of C's days off (runs 0..3 = 4 days, max 5).
    "days_off": dict(C0="E", C1="L"),
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_hard_rule_is_reported_alone(tiny, roster, rule: str) -> None:
    """A change that breaks one rule is reported under that rule and no other."""
    score = evaluate_curtois(tiny, _changed(roster, **CASES[rule]))
    assert len(score.hard_violations) == 1, score.hard_violations
    assert score.hard_violations[0].startswith(f"{rule}:")
    assert not score.feasible


def test_min_total_minutes(tiny, roster) -> None:
    """Dropping A's day 0 leaves 1080 minutes < 1440 (days 1-2 still a 2-day run)."""
    score = evaluate_curtois(tiny, _changed(roster, drop=(("A", 0),)))
    assert score.hard_violations == [
        "min_total_minutes: employee A works 1080 minutes (min 1440)"
    ]


def test_min_consecutive_shifts_inside_horizon(tiny, roster) -> None:
    """A lone working day inside the horizon breaks A's minimum run of 2.

    A works E 0, E 1, off 2-3, L 4, off 5-6: 1560 minutes; the off run 2-3 is 2 long.
    """
    changed = _changed(roster, drop=(("A", 2),), A4="L")
    assert evaluate_curtois(tiny, changed).hard_violations == [
        "min_consecutive_shifts: employee A works only 1 days in a row, days 4-4 "
        "(min 2)"
    ]


def test_min_consecutive_days_off_inside_horizon(tiny, roster) -> None:
    """One day off between two working days breaks C's minimum of 2 days off."""
    changed = _changed(roster, drop=(("C", 3),), C4="E")
    assert evaluate_curtois(tiny, changed).hard_violations == [
        "min_consecutive_days_off: employee C has only 1 days off in a row, days 3-3 "
        "(min 2)"
    ]


def test_blocks_touching_the_horizon_ends_are_exempt_from_minimums(
    tiny, roster
) -> None:
    """A 1-day working block on day 0 and a 1-day off block on day 0 are allowed.

    A: E 0, off 1-2, E 3, L 4 (1560 minutes); C: off 0 (its day off), L 1, 2, 3.
    """
    changed = _changed(roster, drop=(("A", 1), ("A", 2)), A3="E", A4="L", C1="L")
    assert evaluate_curtois(tiny, changed).hard_violations == []


def test_max_consecutive_counts_blocks_at_the_ends(tiny, roster) -> None:
    """A block that starts on day 0 still counts in full against the maximum."""
    changed = _changed(roster, B0="E")  # B works 0..4 = 5 days, 2400 minutes
    rules = [v.split(":")[0] for v in evaluate_curtois(tiny, changed).hard_violations]
    assert rules == ["max_consecutive_shifts"]


@pytest.mark.parametrize(
    ("day", "weekend"), [(1, False), (4, False), (5, True), (6, True)]
)
def test_weekend_is_saturday_or_sunday(tiny, roster, day: int, weekend: bool) -> None:
    """Day 0 is a Monday: only days 5 and 6 count against C's zero weekends.

    C works that one day only, so its runs touch an end or are long enough.
    """
    changed = _changed(roster, drop=(("C", 2), ("C", 3)), **{f"C{day}": "E"})
    rules = [v.split(":")[0] for v in evaluate_curtois(tiny, changed).hard_violations]
    assert rules == (["max_weekends"] if weekend else [])


def test_two_shifts_on_one_day_and_unknown_rows(tiny, roster) -> None:
    """Rows may hold two shifts a day or bad references; both are reported."""
    rows = [(*key, shift) for key, shift in roster.items()]
    # A: E and L on day 2 (2040 > 1560 minutes too); then three unknown rows.
    rows += [("A", 2, "E"), ("Z", 0, "E"), ("A", 7, "E"), ("B", 3, "X")]
    score = evaluate_curtois(tiny, rows)
    rules = [v.split(":")[0] for v in score.hard_violations]
    assert rules.count("unknown_reference") == 3
    assert "one_shift_per_day" in rules and "max_total_minutes" in rules
    assert set(rules) <= set(HARD_RULES)
    # A works both E and L on day 2: the off-request (A, 2, E) now costs 1 and
    # day 2 E has 2 where 1 is wanted: one more over-cover unit at weight 1.
    assert score.breakdown["shift_off_requests"] == 5
    assert score.breakdown["cover_over"] == 4


def test_roster_csv_round_trip(tmp_path: Path, tiny, roster) -> None:
    """A written roster reads back to the same rows and scores the same."""
    path = tmp_path / "roster.csv"
    write_roster_csv(path, roster)
    with path.open() as handle:
        assert next(csv.reader(handle)) == ["employee", "day", "shift"]
    rows = read_roster_csv(path)
    assert sorted(rows) == sorted(RosterEntry(e, d, s) for (e, d), s in roster.items())
    assert evaluate_curtois(tiny, rows) == evaluate_curtois(tiny, roster)


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("employee,day\nA,1\n", 1, "missing column(s) shift"),
        ("employee,day,shift\nA,1,E\nA,x,E\n", 3, "day must be a whole number"),
        ("employee,day,shift\nA,1,\n", 2, "empty shift"),
    ],
)
def test_bad_roster_csv_names_the_line(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    """A malformed roster CSV raises an error naming its line."""
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(CurtoisFormatError) as caught:
        read_roster_csv(path)
    assert caught.value.line == line
    assert fragment in str(caught.value)


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = (DATA / "curtois_tiny.txt").read_text()
    assert old in text
    path = tmp_path / "broken.txt"
    path.write_text(text.replace(old, new, 1))
    return path


@pytest.mark.parametrize(
    ("old", "new", "line", "fragment"),
    [
        ("E,480,", "E,eight hours,", 9, "LengthInMinutes must be a whole number"),
        ("L,600,E", "L,600,E|N", 10, "unknown shift 'N' in CannotFollow"),
        ("A,E=4|L=2,", "A,E=4|N=2,", 14, "unknown shift 'N' in MaxShifts"),
        ("B,E=5|L=0,2400,960,4,1,1,1", "B,E=5|L=0,2400", 15, "expected 8"),
        ("C,0\n", "C,9\n", 21, "day 9 is outside 0..6"),
        ("B,3,E,1", "Q,3,E,1", 26, "unknown employee 'Q'"),
        ("5,E,2,100,1", "5,E,2,100", 51, "expected 5 comma-separated fields"),
        ("SECTION_COVER", "SECTION_CUSTOM", 39, "unknown section"),
        ("C,E=5", "A,E=5", 16, "duplicate employee id 'A'"),
    ],
)
def test_malformed_instance_names_the_line(
    tmp_path: Path, old: str, new: str, line: int, fragment: str
) -> None:
    """A malformed instance file raises an error with its line and the cause."""
    with pytest.raises(CurtoisFormatError) as caught:
        read_curtois(_broken(tmp_path, old, new))
    assert caught.value.line == line, str(caught.value)
    assert fragment in str(caught.value)
    assert f"line {line}" in str(caught.value)


def _best_known() -> list[dict[str, str]]:
    if not SHARED.is_dir():
        pytest.skip("the shared benchmark folder is not present")
    with (SHARED / "best_known.csv").open() as handle:
        return list(csv.DictReader(handle))


def test_every_published_instance_parses_with_its_sizes() -> None:
    """All 24 files parse, and their sizes equal best_known.csv's size columns."""
    rows = _best_known()
    assert len(rows) == 24
    for row in rows:
        inst = read_curtois(SHARED / row["file"])
        got = (
            inst.horizon,
            inst.weeks,
            len(inst.staff),
            len(inst.shifts),
            inst.days_off_entries,
            len(inst.on_requests),
            len(inst.off_requests),
        )
        columns = ("days", "weeks", "staff", "shift_types", "days_off_entries")
        columns += ("shift_on_requests", "shift_off_requests")
        assert got == tuple(int(row[c]) for c in columns), row["file"]


def test_readme_example_and_empty_roster_on_instance1() -> None:
    """Instance1's employee A is as the README quotes it; an empty roster costs
    every on-request weight plus WeightUnder for every required shift, and breaks
    only the minimum-minutes rule (an all-off horizon touches both ends)."""
    _best_known()
    inst = read_curtois(SHARED / "Instance1.txt")
    a = inst.staff_by_id["A"]
    assert dict(a.max_shifts) == {"D": 14}
    assert (a.max_total_minutes, a.min_total_minutes) == (4320, 3360)
    assert (a.max_consecutive_shifts, a.min_consecutive_shifts) == (5, 2)
    assert (a.min_consecutive_days_off, a.max_weekends) == (2, 1)
    score = evaluate_curtois(inst, {})
    expected = sum(r.weight for r in inst.on_requests) + sum(
        c.requirement * c.weight_under for c in inst.cover
    )
    assert score.objective == expected
    assert [v.split(":")[0] for v in score.hard_violations] == [
        "min_total_minutes"
    ] * len(inst.staff)


def test_evaluators_share_nothing_with_the_solver() -> None:
    """rota.bench imports neither OR-Tools nor any other part of rota, so its
    scores are independent of the engine they judge."""
    import ast

    import rota.bench

    package = Path(rota.bench.__file__).parent
    for source in package.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [("." * node.level) + (node.module or "")]
            else:
                continue
            for name in names:
                assert not name.startswith(("ortools", "rota", "..")), (source, name)
