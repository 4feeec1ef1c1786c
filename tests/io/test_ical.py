"""iCalendar files per worker: events, local times, stable UIDs, file names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar

from rota.io import write_ical
from rota.io.ical import ics_file_names, shift_uid
from rota.model import Assignment, Problem, ServiceUser, Session, Worker

LONDON = ZoneInfo("Europe/London")
STAMP = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)
MONDAY = dt.date(2025, 3, 24)  # the week British Summer Time starts (Sun 30th)


def worker(worker_id: str, name: str) -> Worker:
    return Worker(
        worker_id=worker_id,
        name=name,
        contracted_hours=0,
        max_hours=40,
        hourly_rate=12.5,
        home_lat=55.86,
        home_lon=-4.25,
    )


def problem() -> Problem:
    """w1 and w2 share a double-up; w1 also has a sleep-in; w3 has nothing."""
    return Problem(
        workers=[worker("w1", "Bea"), worker("w2", "Cal"), worker("w3", "Dot")],
        users=[ServiceUser(user_id="u1", name="Ann", lat=55.87, lon=-4.26)],
        sessions=[
            Session(
                session_id="s1",
                user_id="u1",
                date=MONDAY,
                start=dt.time(9),
                end=dt.time(10),
                staff_required=2,
                skills_required=("hoist", "medication"),
                kind="early",
            ),
            Session(
                session_id="s2",
                user_id="u1",
                date=MONDAY + dt.timedelta(days=6),
                start=dt.time(22),
                end=dt.time(7),
                kind="sleep_in",
                lat=55.9,
                lon=-4.3,
            ),
        ],
    )


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(MONDAY + dt.timedelta(days=day), dt.time(hour, minute))


def rota(shift: int = 0) -> list[Assignment]:
    """The week's rota; ``shift`` moves the double-up by that many minutes."""
    moved = dt.timedelta(minutes=shift)
    return [
        Assignment(
            session_id="s1", worker_id=w, start=at(0, 9) + moved, end=at(0, 10) + moved
        )
        for w in ("w1", "w2")
    ] + [Assignment(session_id="s2", worker_id="w1", start=at(6, 22), end=at(7, 7))]


def events(path: Path) -> list:
    calendar = Calendar.from_ical(path.read_bytes())
    return [c for c in calendar.walk("VEVENT")]


def test_one_file_per_worker_with_shifts(tmp_path: Path) -> None:
    """Workers with shifts get a file each; a worker with none gets no file."""
    paths = write_ical(tmp_path, problem(), rota(), stamp=STAMP)
    assert [p.name for p in paths] == ["w1.ics", "w2.ics"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w1.ics", "w2.ics"]
    assert len(events(paths[0])) == 2
    assert len(events(paths[1])) == 1


def test_event_times_are_london_local(tmp_path: Path) -> None:
    """DTSTART/DTEND carry TZID Europe/London; overnight ends next day, in BST."""
    calendar = Calendar.from_ical(
        write_ical(tmp_path, problem(), rota(), stamp=STAMP)[0].read_bytes()
    )
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    first, sleep_in = calendar.walk("VEVENT")
    start = first.decoded("DTSTART")
    assert start == dt.datetime(2025, 3, 24, 9, tzinfo=LONDON)
    assert start.utcoffset() == dt.timedelta(0)
    assert first["DTSTART"].params["TZID"] == "Europe/London"
    end = sleep_in.decoded("DTEND")
    assert end.replace(tzinfo=None) == dt.datetime(2025, 3, 31, 7)
    assert end.astimezone(dt.UTC).hour == 6  # clocks went forward that night


def test_event_text(tmp_path: Path) -> None:
    """SUMMARY names the person, LOCATION and GEO the place, DESCRIPTION details."""
    first, sleep_in = events(write_ical(tmp_path, problem(), rota(), stamp=STAMP)[0])
    assert str(first["SUMMARY"]) == "Support: Ann"
    assert str(first["LOCATION"]) == "55.87000,-4.26000"
    assert str(sleep_in["LOCATION"]) == "55.90000,-4.30000"
    assert tuple(sleep_in.decoded("GEO")) == (55.9, -4.3)
    description = str(first["DESCRIPTION"])
    for part in ("Session: s1", "Kind: early", "Skills: hoist, medication", "Cal"):
        assert part in description


def test_uids_stable_across_solves(tmp_path: Path) -> None:
    """A re-solved week keeps each shift's UID, so re-importing updates it."""
    one = write_ical(tmp_path / "a", problem(), rota(), stamp=STAMP)[0]
    two = write_ical(tmp_path / "b", problem(), rota(shift=30), stamp=STAMP)[0]
    uids_one = [str(e["UID"]) for e in events(one)]
    uids_two = [str(e["UID"]) for e in events(two)]
    assert uids_one == uids_two == [shift_uid("s1", "w1"), shift_uid("s2", "w1")]
    assert uids_one[0] == "s1-w1@rota"
    assert events(one)[0].decoded("DTSTART") != events(two)[0].decoded("DTSTART")


def test_same_input_same_bytes(tmp_path: Path) -> None:
    """With a fixed stamp the files are identical from run to run."""
    one = write_ical(tmp_path / "a", problem(), rota(), stamp=STAMP)
    two = write_ical(tmp_path / "b", problem(), rota(), stamp=STAMP)
    assert [p.read_bytes() for p in one] == [p.read_bytes() for p in two]


def test_file_names_safe_and_distinct() -> None:
    """Odd ids get safe names; ids differing only by case never share a file."""
    names = ics_file_names(["w1", "a/b", "a_b", "Amy", "amy", "..", "-2+3"])
    assert names["w1"] == "w1.ics"
    assert names["a_b"] == "a_b.ics"
    assert names["a/b"].startswith("a_b-")
    assert len({n.lower() for n in names.values()}) == len(names)
    for name in names.values():
        assert "/" not in name and not name.startswith((".", "-"))
