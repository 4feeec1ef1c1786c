"""Curtois & Qu nurse rostering instances (1..24): data, file reader, roster CSV.

The instance format is the benchmark's plain-text one: ``#`` comments, blank lines,
and ``SECTION_*`` headers each followed by comma-separated rows. Day 0 is a Monday.
A roster maps ``(employee, day)`` to a shift id; a day absent from it is a day off.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

SECTIONS = (
    "SECTION_HORIZON",
    "SECTION_SHIFTS",
    "SECTION_STAFF",
    "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS",
    "SECTION_SHIFT_OFF_REQUESTS",
    "SECTION_COVER",
)
ROSTER_COLUMNS = ("employee", "day", "shift")


class CurtoisFormatError(ValueError):
    """A Curtois instance or roster file that does not follow the format.

    Parameters
    ----------
    path
        The file.
    line
        1-based line number of the offending line (0 when it concerns the whole
        file).
    message
        What was wrong and what was expected.
    """

    def __init__(self, path: str | Path, line: int, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}, line {line}" if line else self.path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class CurtoisShift:
    """A shift type: its length and the shifts that may not be worked the next day."""

    id: str
    minutes: int
    cannot_follow: frozenset[str]


@dataclass(frozen=True)
class CurtoisStaff:
    """An employee's contract limits, exactly the SECTION_STAFF columns.

    ``max_shifts`` maps shift id to the most times it may be worked (0 = never);
    a shift type missing from it is not limited.
    """

    id: str
    max_shifts: Mapping[str, int]
    max_total_minutes: int
    min_total_minutes: int
    max_consecutive_shifts: int
    min_consecutive_shifts: int
    min_consecutive_days_off: int
    max_weekends: int


@dataclass(frozen=True)
class ShiftRequest:
    """An on- or off-request: ``employee`` wants (not) to work ``shift`` on ``day``."""

    employee: str
    day: int
    shift: str
    weight: int


@dataclass(frozen=True)
class CoverRequirement:
    """How many should work ``shift`` on ``day``, and the weight of each one off."""

    day: int
    shift: str
    requirement: int
    weight_under: int
    weight_over: int


@dataclass(frozen=True)
class CurtoisInstance:
    """One benchmark instance, as read from its file."""

    name: str
    horizon: int
    shifts: tuple[CurtoisShift, ...]
    staff: tuple[CurtoisStaff, ...]
    days_off: Mapping[str, frozenset[int]]
    on_requests: tuple[ShiftRequest, ...]
    off_requests: tuple[ShiftRequest, ...]
    cover: tuple[CoverRequirement, ...]

    @property
    def weeks(self) -> int:
        """Whole weeks in the horizon (every published instance is whole weeks)."""
        return self.horizon // 7

    @property
    def shift_by_id(self) -> dict[str, CurtoisShift]:
        """Shift types by id."""
        return {shift.id: shift for shift in self.shifts}

    @property
    def staff_by_id(self) -> dict[str, CurtoisStaff]:
        """Employees by id."""
        return {person.id: person for person in self.staff}

    @property
    def days_off_entries(self) -> int:
        """Number of (employee, day) pairs in SECTION_DAYS_OFF."""
        return sum(len(days) for days in self.days_off.values())


class RosterEntry(NamedTuple):
    """One worked day: ``employee`` works ``shift`` on 0-based ``day``."""

    employee: str
    day: int
    shift: str


RosterLike = Mapping[tuple[str, int], str] | Iterable[tuple[str, int, str]]
"""A roster as a mapping ``(employee, day) -> shift`` or as rows of the three."""


def roster_entries(roster: RosterLike) -> list[RosterEntry]:
    """Normalise a roster to a list of entries, keeping duplicates a list may hold.

    Parameters
    ----------
    roster
        A mapping ``(employee, day) -> shift id`` or an iterable of
        ``(employee, day, shift)`` rows.

    Returns
    -------
    list[RosterEntry]
        One entry per worked day, in the roster's own order.
    """
    if isinstance(roster, Mapping):
        return [RosterEntry(e, d, s) for (e, d), s in roster.items()]
    return [RosterEntry(*row) for row in roster]


def _int(path: Path, line: int, text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise CurtoisFormatError(
            path, line, f"{what} must be a whole number, got {text!r}"
        ) from None


@dataclass
class _Reader:
    """Parse state: raw rows with their line numbers, checked once all are read."""

    path: Path
    horizon: int | None = None
    shifts: list[tuple[int, str, int, list[str]]] = field(default_factory=list)
    staff: list[tuple[int, CurtoisStaff]] = field(default_factory=list)
    days_off: list[tuple[int, str, list[int]]] = field(default_factory=list)
    on: list[tuple[int, ShiftRequest]] = field(default_factory=list)
    off: list[tuple[int, ShiftRequest]] = field(default_factory=list)
    cover: list[tuple[int, CoverRequirement]] = field(default_factory=list)

    def fail(self, line: int, message: str) -> CurtoisFormatError:
        return CurtoisFormatError(self.path, line, message)

    def fields(self, line: int, text: str, count: int, layout: str) -> list[str]:
        parts = [part.strip() for part in text.split(",")]
        if len(parts) != count:
            raise self.fail(
                line,
                f"expected {count} comma-separated fields ({layout}), got {text!r}",
            )
        return parts

    def horizon_row(self, line: int, text: str) -> None:
        if self.horizon is not None:
            raise self.fail(line, "SECTION_HORIZON holds more than one value")
        self.horizon = _int(self.path, line, text.strip(), "the horizon")
        if self.horizon < 1:
            raise self.fail(line, f"the horizon must be at least 1 day, got {text!r}")

    def shift_row(self, line: int, text: str) -> None:
        sid, minutes, follow = self.fields(
            line, text, 3, "ShiftID, LengthInMinutes, CannotFollow"
        )
        if not sid:
            raise self.fail(line, "empty shift id")
        length = _int(self.path, line, minutes, "LengthInMinutes")
        blocked = [s.strip() for s in follow.split("|") if s.strip()]
        self.shifts.append((line, sid, length, blocked))

    def staff_row(self, line: int, text: str) -> None:
        layout = (
            "ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, "
            "MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends"
        )
        parts = self.fields(line, text, 8, layout)
        if not parts[0]:
            raise self.fail(line, "empty employee id")
        max_shifts: dict[str, int] = {}
        for item in filter(None, (p.strip() for p in parts[1].split("|"))):
            sid, sep, limit = item.partition("=")
            if not sep or not sid.strip():
                raise self.fail(line, f"MaxShifts item {item!r} is not ShiftID=max")
            max_shifts[sid.strip()] = _int(self.path, line, limit.strip(), "MaxShifts")
        names = layout.split(", ")[2:]
        values = [
            _int(self.path, line, v, n) for v, n in zip(parts[2:], names, strict=True)
        ]
        self.staff.append((line, CurtoisStaff(parts[0], max_shifts, *values)))

    def days_off_row(self, line: int, text: str) -> None:
        parts = [part.strip() for part in text.split(",")]
        days = [_int(self.path, line, p, "a day index") for p in parts[1:] if p]
        self.days_off.append((line, parts[0], days))

    def request_row(
        self, line: int, text: str, into: list[tuple[int, ShiftRequest]]
    ) -> None:
        emp, day, sid, weight = self.fields(
            line, text, 4, "EmployeeID, Day, ShiftID, Weight"
        )
        request = ShiftRequest(
            emp,
            _int(self.path, line, day, "Day"),
            sid,
            _int(self.path, line, weight, "Weight"),
        )
        into.append((line, request))

    def cover_row(self, line: int, text: str) -> None:
        layout = "Day, ShiftID, Requirement, WeightUnder, WeightOver"
        day, sid, req, under, over = self.fields(line, text, 5, layout)
        cover = CoverRequirement(
            _int(self.path, line, day, "Day"),
            sid,
            _int(self.path, line, req, "Requirement"),
            _int(self.path, line, under, "WeightUnder"),
            _int(self.path, line, over, "WeightOver"),
        )
        self.cover.append((line, cover))

    def handler(self, section: str) -> Callable[[int, str], None]:
        return {
            "SECTION_HORIZON": self.horizon_row,
            "SECTION_SHIFTS": self.shift_row,
            "SECTION_STAFF": self.staff_row,
            "SECTION_DAYS_OFF": self.days_off_row,
            "SECTION_SHIFT_ON_REQUESTS": lambda n, t: self.request_row(n, t, self.on),
            "SECTION_SHIFT_OFF_REQUESTS": lambda n, t: self.request_row(n, t, self.off),
            "SECTION_COVER": self.cover_row,
        }[section]

    def build(self, name: str) -> CurtoisInstance:
        """Check every cross-reference, then freeze the instance."""
        if self.horizon is None:
            raise self.fail(0, "no SECTION_HORIZON value")
        horizon = self.horizon
        shift_ids = self._unique("shift", [(n, s) for n, s, _, _ in self.shifts])
        staff_ids = self._unique("employee", [(n, p.id) for n, p in self.staff])
        if not shift_ids:
            raise self.fail(0, "no shifts in SECTION_SHIFTS")

        def check_shift(line: int, sid: str, where: str) -> None:
            if sid not in shift_ids:
                raise self.fail(line, f"unknown shift {sid!r} in {where}")

        def check_employee(line: int, emp: str) -> None:
            if emp not in staff_ids:
                raise self.fail(line, f"unknown employee {emp!r}")

        def check_day(line: int, day: int) -> None:
            if not 0 <= day < horizon:
                raise self.fail(line, f"day {day} is outside 0..{horizon - 1}")

        for line, _, _, blocked in self.shifts:
            for sid in blocked:
                check_shift(line, sid, "CannotFollow")
        for line, person in self.staff:
            for sid in person.max_shifts:
                check_shift(line, sid, "MaxShifts")
        days_off: dict[str, set[int]] = {}
        for line, emp, days in self.days_off:
            check_employee(line, emp)
            for day in days:
                check_day(line, day)
            days_off.setdefault(emp, set()).update(days)
        for line, request in self.on + self.off:
            check_employee(line, request.employee)
            check_day(line, request.day)
            check_shift(line, request.shift, "the request")
        for line, cover in self.cover:
            check_day(line, cover.day)
            check_shift(line, cover.shift, "SECTION_COVER")
        return CurtoisInstance(
            name=name,
            horizon=horizon,
            shifts=tuple(
                CurtoisShift(sid, minutes, frozenset(blocked))
                for _, sid, minutes, blocked in self.shifts
            ),
            staff=tuple(person for _, person in self.staff),
            days_off={emp: frozenset(days) for emp, days in days_off.items()},
            on_requests=tuple(r for _, r in self.on),
            off_requests=tuple(r for _, r in self.off),
            cover=tuple(c for _, c in self.cover),
        )

    def _unique(self, what: str, rows: list[tuple[int, str]]) -> set[str]:
        seen: set[str] = set()
        for line, key in rows:
            if key in seen:
                raise self.fail(line, f"duplicate {what} id {key!r}")
            seen.add(key)
        return seen


def read_curtois(path: str | Path) -> CurtoisInstance:
    """Read a Curtois & Qu instance file.

    Parameters
    ----------
    path
        An ``InstanceN.txt`` file (or one in the same format).

    Returns
    -------
    CurtoisInstance
        The instance, named after the file's stem.

    Raises
    ------
    CurtoisFormatError
        For a malformed file; the message names the line and what was expected.
    """
    path = Path(path)
    reader = _Reader(path)
    section: str | None = None
    seen: set[str] = set()
    with path.open(encoding="utf-8-sig") as handle:
        for number, raw in enumerate(handle, start=1):
            text = raw.strip()
            if not text or text.startswith("#"):
                continue
            if text.startswith("SECTION_"):
                if text not in SECTIONS:
                    raise reader.fail(number, f"unknown section {text!r}")
                if text in seen:
                    raise reader.fail(number, f"{text} appears twice")
                seen.add(text)
                section = text
                continue
            if section is None:
                raise reader.fail(number, "data before the first SECTION_ header")
            reader.handler(section)(number, text)
    return reader.build(path.stem)


def read_roster_csv(path: str | Path) -> list[RosterEntry]:
    """Read a roster CSV with header ``employee,day,shift``, one row per worked day.

    Duplicate ``(employee, day)`` rows are kept, so that the evaluator can report
    them as a broken "one shift a day" rule rather than silently dropping one.

    Raises
    ------
    CurtoisFormatError
        For a missing column, an empty cell or a day that is not a whole number.
    """
    path = Path(path)
    entries: list[RosterEntry] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.DictReader(handle)
        missing = [c for c in ROSTER_COLUMNS if c not in (rows.fieldnames or [])]
        if missing:
            raise CurtoisFormatError(
                path,
                1,
                f"missing column(s) {', '.join(missing)}; expected header "
                f"{','.join(ROSTER_COLUMNS)}",
            )
        for row in rows:
            line = rows.line_num
            values = [(row.get(c) or "").strip() for c in ROSTER_COLUMNS]
            for column, value in zip(ROSTER_COLUMNS, values, strict=True):
                if not value:
                    raise CurtoisFormatError(path, line, f"empty {column}")
            day = _int(path, line, values[1], "day")
            entries.append(RosterEntry(values[0], day, values[2]))
    return entries


def write_roster_csv(path: str | Path, roster: RosterLike) -> None:
    """Write a roster as ``employee,day,shift`` rows sorted by employee then day.

    Parameters
    ----------
    path
        The CSV file to write (overwritten).
    roster
        A mapping ``(employee, day) -> shift id`` or rows of the three.
    """
    entries = sorted(roster_entries(roster))
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(ROSTER_COLUMNS)
        writer.writerows(entries)
