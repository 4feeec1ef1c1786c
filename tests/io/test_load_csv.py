"""Loading the contract's CSV folder: every record type, defaults, encodings."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from rota.io import load, load_problem
from rota.model import Horizon

TINY = Path(__file__).parent.parent / "data" / "tiny"


@pytest.fixture
def tiny_copy(tmp_path: Path) -> Path:
    """A writable copy of the tiny data set."""
    return Path(shutil.copytree(TINY, tmp_path / "tiny"))


def test_tiny_loads_clean() -> None:
    """The shared tiny data set loads with no errors and no warnings."""
    result = load(TINY)
    assert result.issues == []
    assert result.ok
    problem = result.problem
    assert problem is not None
    assert (len(problem.workers), len(problem.users), len(problem.sessions)) == (
        3,
        3,
        8,
    )
    assert problem.period == Horizon(start=dt.date(2026, 3, 2), days=7)


def test_every_record_type_reads_its_columns() -> None:
    """Each file's cells become the right typed values on its record."""
    problem = load_problem(TINY)
    w2 = problem.worker_by_id["w2"]
    assert (w2.contracted_hours, w2.max_hours, w2.max_hours_per_day) == (16, 24, 8)
    assert w2.max_days_per_week == 5 and w2.hourly_rate == 12.6
    assert w2.skills == ("medication", "hoist") and w2.transport == "public"
    assert (w2.home_lat, w2.home_lon, w2.max_travel_minutes) == (55.87, -4.29, 40)
    assert w2.gender == "male"

    window = problem.availability[2]
    assert (window.worker_id, window.date, window.kind, window.weight) == (
        "w1",
        dt.date(2026, 3, 5),
        "preferred",
        2,
    )
    assert (window.start, window.end) == (dt.time(8), dt.time(12))

    u2 = problem.user_by_id["u2"]
    assert u2.preferred_workers == ("w2", "w3") and u2.excluded_workers == ("w1",)
    assert u2.weekly_budget == 400 and u2.charge_rate is None

    s5 = problem.session_by_id["s5"]
    assert (s5.priority, s5.flex_minutes, s5.kind) == ("flexible", 30, "outing")
    assert (s5.lat, s5.lon, s5.skills_required) == (55.88, -4.2, ("driver",))
    s3 = problem.session_by_id["s3"]
    assert s3.staff_required == 2 and s3.skills_required == ("hoist",)
    s8 = problem.session_by_id["s8"]
    assert (s8.start, s8.end) == (dt.time(22), dt.time(7))

    travel = problem.travel[2]
    assert (travel.from_id, travel.to_id, travel.minutes) == ("u2", "u3", 20)
    assert travel.miles is None and travel.transport == "public"

    assert [(p.session_id, p.worker_id) for p in problem.published][:2] == [
        ("s1", "w1"),
        ("s3", "w2"),
    ]

    a1, a2, a3, a4 = problem.agreements
    assert (a1.kind, a1.answer, a1.answered_at) == (
        "availability",
        "no",
        dt.datetime(2026, 2, 26, 10, 15),
    )
    assert (a2.session_id, a2.date, a2.start, a2.end) == (
        "s2",
        dt.date(2026, 3, 3),
        dt.time(8, 30),
        dt.time(9, 30),
    )
    assert a3.extra_minutes == 60 and a3.answered_at is None
    assert (a4.kind, a4.session_id) == ("travel", "s5")


def test_empty_optional_cells_take_defaults() -> None:
    """Empty optional cells give the record's default, not an error."""
    problem = load_problem(TINY)
    w1 = problem.worker_by_id["w1"]
    assert w1.max_hours_per_day is None and w1.max_days_per_week is None
    s4 = problem.session_by_id["s4"]
    assert s4.skills_required == () and s4.lat is None and s4.kind is None
    u3 = problem.user_by_id["u3"]
    assert u3.weekly_budget is None and u3.gender_preference is None
    assert u3.preferred_workers == () and u3.max_distinct_workers is None


def test_missing_optional_columns_and_files_take_defaults(tmp_path: Path) -> None:
    """A folder with only the required files and columns loads with defaults."""
    (tmp_path / "workers.csv").write_text(
        "worker_id,name,contracted_hours,max_hours,hourly_rate,home_lat,home_lon\n"
        "w1,Ann,10,20,12,55.8,-4.2\n"
    )
    (tmp_path / "service_users.csv").write_text(
        "user_id,name,lat,lon\nu1,Bo,55.8,-4.3\n"
    )
    (tmp_path / "sessions.csv").write_text(
        "session_id,user_id,date,start,end\ns1,u1,2026-03-04,9:00,10:00\n"
    )
    problem = load_problem(tmp_path)
    assert problem.workers[0].transport == "car" and problem.workers[0].skills == ()
    session = problem.sessions[0]
    assert (session.staff_required, session.priority, session.flex_minutes) == (
        1,
        "standard",
        0,
    )
    assert session.start == dt.time(9)
    assert problem.availability == () and problem.agreements == ()


def test_byte_order_mark_is_accepted(tiny_copy: Path) -> None:
    """A UTF-8 file saved with a byte-order mark (as Excel does) reads the same."""
    path = tiny_copy / "workers.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_problem(tiny_copy) == load_problem(TINY)


def test_extra_columns_are_kept_on_records(tiny_copy: Path) -> None:
    """Columns the contract does not know land in each record's ``extra``."""
    path = tiny_copy / "sessions.csv"
    lines = path.read_text().splitlines()
    lines[0] += ",care_plan_ref"
    lines[1:] = [f"{line}, CP-{i} " for i, line in enumerate(lines[1:], start=1)]
    path.write_text("\n".join(lines) + "\n")
    problem = load_problem(tiny_copy)
    assert problem.sessions[0].extra == {"care_plan_ref": " CP-1 "}
    assert problem.workers[0].extra == {}


def test_blank_lines_are_skipped_but_counted(tiny_copy: Path) -> None:
    """A blank line is ignored, and later rows keep the number the office sees."""
    path = tiny_copy / "sessions.csv"
    lines = path.read_text().splitlines()
    lines.insert(2, ",,,,,,,,,,,")
    lines[4] = lines[4].replace("2026-03-02", "2026-03-32")
    path.write_text("\n".join(lines) + "\n")
    result = load(tiny_copy)
    assert [str(i) for i in result.errors] == [
        "sessions.csv row 4, column date: '2026-03-32' is not a date (YYYY-MM-DD)"
    ]


def test_spaces_around_cells_and_headers_are_ignored(tiny_copy: Path) -> None:
    """Stray spaces around values and column names do not change what loads."""
    path = tiny_copy / "published_rota.csv"
    path.write_text(" session_id , worker_id\n s1 , w1\ns3,w2\ns3,w3\ns6,w2\n")
    assert load_problem(tiny_copy) == load_problem(TINY)


def test_explicit_horizon_is_used() -> None:
    """A horizon passed to the loader replaces the one derived from sessions."""
    horizon = Horizon(start=dt.date(2026, 3, 2), days=14)
    assert load_problem(TINY, horizon=horizon).period == horizon
