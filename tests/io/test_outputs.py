"""The contract's output files: rota.csv, unmet.csv, asks.csv, summary.json."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from rota.io import (
    read_rota_csv,
    write_asks_csv,
    write_outputs,
    write_rota_csv,
    write_summary_json,
    write_unmet_csv,
)
from rota.io.safe_cells import csv_text, csv_unguard, starts_like_formula
from rota.model import (
    Ask,
    Assignment,
    Problem,
    ServiceUser,
    Session,
    Summary,
    Unmet,
    Worker,
)

MONDAY = dt.date(2025, 3, 3)


def worker(worker_id: str, name: str) -> Worker:
    return Worker(
        worker_id=worker_id,
        name=name,
        contracted_hours=10,
        max_hours=30,
        hourly_rate=12.5,
        home_lat=55.86,
        home_lon=-4.25,
    )


def problem(names: dict[str, str] | None = None) -> Problem:
    """Two workers, one person, a morning double-up and a sleep-in."""
    names = names or {"w1": "Bea", "w2": "Cal"}
    return Problem(
        workers=[worker(i, n) for i, n in names.items()],
        users=[ServiceUser(user_id="u1", name="Ann", lat=55.87, lon=-4.26)],
        sessions=[
            Session(
                session_id="s1",
                user_id="u1",
                date=MONDAY,
                start=dt.time(9),
                end=dt.time(10, 30),
                staff_required=2,
                priority="essential",
                kind="early",
            ),
            Session(
                session_id="s2",
                user_id="u1",
                date=MONDAY,
                start=dt.time(22),
                end=dt.time(7),
                kind="sleep_in",
            ),
            Session(
                session_id="s3",
                user_id="u1",
                date=MONDAY + dt.timedelta(days=1),
                start=dt.time(14),
                end=dt.time(15),
                priority="flexible",
            ),
        ],
    )


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(MONDAY + dt.timedelta(days=day), dt.time(hour, minute))


def rota(first: str = "w1", second: str = "w2") -> list[Assignment]:
    """Given out of order on purpose: the writer must sort."""
    return [
        Assignment(session_id="s2", worker_id=first, start=at(0, 22), end=at(1, 7)),
        Assignment(
            session_id="s1", worker_id=second, start=at(0, 9), end=at(0, 10, 30)
        ),
        Assignment(session_id="s1", worker_id=first, start=at(0, 9), end=at(0, 10, 30)),
    ]


def read(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def lines(rows: list[list[str]]) -> list[str]:
    return [",".join(row) for row in rows]


def test_rota_csv_header_rows_and_order(tmp_path: Path) -> None:
    """rota.csv has the contract's columns first, extras after, sorted rows."""
    path = write_rota_csv(tmp_path / "rota.csv", problem(), rota())
    rows = read(path)
    assert rows[0][:6] == ["session_id", "worker_id", "user_id", "date", "start", "end"]
    assert rows[0][6:] == ["worker_name", "user_name", "hours", "kind", "priority"]
    assert lines(rows[1:]) == [
        "s1,w1,u1,2025-03-03,09:00,10:30,Bea,Ann,1.5,early,essential",
        "s1,w2,u1,2025-03-03,09:00,10:30,Cal,Ann,1.5,early,essential",
        "s2,w1,u1,2025-03-03,22:00,07:00,Bea,Ann,9,sleep_in,standard",
    ]


def test_rota_csv_uses_rostered_times_not_requested(tmp_path: Path) -> None:
    """A session moved by agreed flex is written at its rostered time."""
    moved = [
        Assignment(
            session_id="s1", worker_id="w1", start=at(0, 9, 45), end=at(0, 11, 15)
        )
    ]
    rows = read(write_rota_csv(tmp_path / "rota.csv", problem(), moved))
    assert rows[1][3:6] == ["2025-03-03", "09:45", "11:15"]


def test_unmet_csv(tmp_path: Path) -> None:
    """unmet.csv: session_id and reason first, the session's details after."""
    unmet = [
        Unmet(session_id="s3", reason="no worker is available"),
        Unmet(session_id="s2", reason="needs a driver"),
    ]
    rows = read(write_unmet_csv(tmp_path / "unmet.csv", problem(), unmet))
    assert rows[0] == [
        "session_id",
        "reason",
        "user_id",
        "date",
        "start",
        "end",
        "priority",
        "user_name",
        "staff_required",
        "kind",
    ]
    assert lines(rows[1:2]) == [
        "s2,needs a driver,u1,2025-03-03,22:00,07:00,standard,Ann,1,sleep_in"
    ]
    assert rows[2][:7] == [
        "s3",
        "no worker is available",
        "u1",
        "2025-03-04",
        "14:00",
        "15:00",
        "flexible",
    ]


def test_asks_csv_joins_sessions_and_keeps_numbers(tmp_path: Path) -> None:
    """asks.csv: `;`-joined session ids, optional fields empty, cost a number."""
    asks = [
        Ask(
            ask_id="a1",
            to_id="w1",
            kind="availability",
            session_ids=("s2", "s3"),
            message="Could you work Tuesday 14:00-15:00?",
            cost=-2.5,
            group="g1",
            date=MONDAY,
            start=dt.time(14),
            end=dt.time(15),
        ),
        Ask(
            ask_id="a2",
            to_id="w2",
            kind="overtime",
            session_ids=("s1",),
            message="One more hour?",
            cost=3,
            extra_minutes=60,
        ),
    ]
    rows = read(write_asks_csv(tmp_path / "asks.csv", asks))
    assert rows[0] == [
        "ask_id",
        "to_id",
        "kind",
        "session_ids",
        "message",
        "cost",
        "group",
        "date",
        "start",
        "end",
        "extra_minutes",
    ]
    assert rows[1] == [
        "a1",
        "w1",
        "availability",
        "s2;s3",
        "Could you work Tuesday 14:00-15:00?",
        "-2.5",
        "g1",
        "2025-03-03",
        "14:00",
        "15:00",
        "",
    ]
    assert lines(rows[2:]) == ["a2,w2,overtime,s1,One more hour?,3,,,,,60"]


def test_summary_json(tmp_path: Path) -> None:
    """summary.json holds the summary's fields, indented, breakdown summing up."""
    summary = Summary(
        status="OPTIMAL",
        objective=-1.5,
        best_bound=-1.5,
        wall_seconds=0.25,
        breakdown={"coverage": -4.0, "travel": 2.5},
        sessions=3,
        covered=2,
    )
    path = write_summary_json(tmp_path / "summary.json", summary)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(data)[:5] == [
        "status",
        "objective",
        "best_bound",
        "wall_seconds",
        "breakdown",
    ]
    assert data["status"] == "OPTIMAL"
    assert data["objective"] == pytest.approx(sum(data["breakdown"].values()))
    assert data["covered"] == 2
    assert path.read_text(encoding="utf-8").startswith('{\n  "status"')


def test_write_outputs_writes_all_four(tmp_path: Path) -> None:
    """write_outputs creates the folder and the contract's four files."""
    summary = Summary(status="FEASIBLE", objective=0, best_bound=0, wall_seconds=1)
    paths = write_outputs(tmp_path / "out", problem(), rota(), [], [], summary)
    assert set(paths) == {"rota.csv", "unmet.csv", "asks.csv", "summary.json"}
    for name, path in paths.items():
        assert path == tmp_path / "out" / name
        assert path.is_file()
    assert len(read(paths["rota.csv"])) == 4
    assert read(paths["unmet.csv"])[1:] == []


def test_read_rota_round_trip_with_overnight(tmp_path: Path) -> None:
    """Writing then reading rota.csv gives the same assignments, sleep-in included."""
    the_rota = rota()
    path = write_rota_csv(tmp_path / "rota.csv", problem(), the_rota)
    back, errors = read_rota_csv(path, problem())
    assert errors == []
    key = lambda a: (a.session_id, a.worker_id)  # noqa: E731
    assert sorted(back, key=key) == sorted(the_rota, key=key)
    overnight = next(a for a in back if a.session_id == "s2")
    assert overnight.end == at(1, 7)


def test_read_rota_round_trip_with_formula_like_ids(tmp_path: Path) -> None:
    """Ids guarded with ' on the way out are read back as the real ids."""
    odd = problem({"=w1": "Bea", "-2+3": "Cal"})
    the_rota = rota("=w1", "-2+3")
    path = write_rota_csv(tmp_path / "rota.csv", odd, the_rota)
    assert "'-2+3" in path.read_text(encoding="utf-8")
    back, errors = read_rota_csv(path, odd)
    assert errors == []
    assert {a.worker_id for a in back} == {"=w1", "-2+3"}


def test_read_rota_hand_made_file(tmp_path: Path) -> None:
    """A hand-made file: BOM, other column order, extra columns, blank line."""
    path = tmp_path / "mine.csv"
    path.write_text(
        "\ufeffnote,worker_id,session_id,end,start,date\n"
        "x,w2,s3,15:30,14:30,2025-03-04\n"
        "\n"
        "y,w1,s2,06:00,21:00,2025-03-03\n",
        encoding="utf-8",
    )
    back, errors = read_rota_csv(path, problem())
    assert errors == []
    assert back == [
        Assignment(
            session_id="s3", worker_id="w2", start=at(1, 14, 30), end=at(1, 15, 30)
        ),
        Assignment(session_id="s2", worker_id="w1", start=at(0, 21), end=at(1, 6)),
    ]


def test_read_rota_bad_rows_name_row_and_column(tmp_path: Path) -> None:
    """Each bad cell gives a message with file, data row and column."""
    path = tmp_path / "rota.csv"
    path.write_text(
        "session_id,worker_id,date,start,end\n"
        "s1,w1,2025-03-03,09:00,10:30\n"
        "s9,w1,2025-03-03,09:00,10:30\n"
        "s1,nobody,03/03/2025,9am,10:30\n"
        "s1,,2025-03-03,09:00,25:00\n"
        "s1,w1,2025-03-03,09:00,10:30\n",
        encoding="utf-8",
    )
    back, errors = read_rota_csv(path, problem())
    assert len(back) == 1
    assert errors == [
        "rota.csv row 2, column session_id: 's9' is not a session in sessions.csv",
        "rota.csv row 3, column worker_id: 'nobody' is not a worker in workers.csv",
        "rota.csv row 3, column date: '03/03/2025' is not a date (YYYY-MM-DD)",
        "rota.csv row 3, column start: '9am' is not a time (HH:MM, 24-hour)",
        "rota.csv row 4, column worker_id: expected a worker id, found an empty cell",
        "rota.csv row 4, column end: '25:00' is not a time (HH:MM, 24-hour)",
        "rota.csv row 5, column worker_id: worker 'w1' is already on session 's1' "
        "in row 1",
    ]


def test_read_rota_missing_columns_and_files(tmp_path: Path) -> None:
    """A missing column, an empty file and a missing file are messages, not crashes."""
    path = tmp_path / "rota.csv"
    path.write_text("session_id,worker_id,date\ns1,w1,2025-03-03\n", encoding="utf-8")
    assert read_rota_csv(path, problem()) == (
        [],
        ["rota.csv: missing column start", "rota.csv: missing column end"],
    )
    path.write_text("", encoding="utf-8")
    assert read_rota_csv(path, problem())[1] == [
        "rota.csv: the file is empty; expected a header row"
    ]
    _, errors = read_rota_csv(tmp_path / "absent.csv", problem())
    assert len(errors) == 1 and errors[0].startswith("absent.csv: cannot be read")


def test_csv_formula_injection_guarded(tmp_path: Path) -> None:
    """Names that look like formulas are written with a leading ' in every CSV."""
    names = {"w1": '=HYPERLINK("http://evil.example","x")', "w2": "@SUM(1)"}
    odd = problem(names)
    odd_users = odd.model_copy(
        update={"users": (odd.users[0].model_copy(update={"name": "-2+3"}),)}
    )
    rows = read(write_rota_csv(tmp_path / "rota.csv", odd_users, rota()))
    by_worker = {r[1]: r for r in rows[1:]}
    assert by_worker["w1"][6] == "'" + names["w1"]
    assert by_worker["w2"][6] == "'@SUM(1)"
    assert by_worker["w1"][7] == "'-2+3"
    unmet = [Unmet(session_id="s3", reason="+44 rang")]
    assert read(write_unmet_csv(tmp_path / "u.csv", odd, unmet))[1][1] == "'+44 rang"
    ask = Ask(
        ask_id="a1",
        to_id="w1",
        kind="overtime",
        session_ids=("s1",),
        message="\tfoo",
        cost=-1.25,
        extra_minutes=30,
    )
    row = read(write_asks_csv(tmp_path / "a.csv", [ask]))[1]
    assert row[4] == "'\tfoo"
    assert row[5] == "-1.25"  # a number we wrote: never guarded


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_formula_rule_and_its_inverse(text: str) -> None:
    """Every risky first character is guarded, and unguarding restores the text."""
    assert starts_like_formula(text)
    assert csv_text(text) == "'" + text
    assert csv_unguard(csv_text(text)) == text


@pytest.mark.parametrize("text", ["Ann", "", "1-2", "'quoted", "a=b"])
def test_plain_text_untouched(text: str) -> None:
    """Text that cannot be a formula is written and read back unchanged."""
    assert not starts_like_formula(text)
    assert csv_text(text) == text
    assert csv_unguard(text) == text
