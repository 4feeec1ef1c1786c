"""One iCalendar (.ics) file per worker, so staff can take their shifts into their
own calendar app.

Times are local UK clock times (``TZID=Europe/London`` with its VTIMEZONE), and
each shift keeps the same UID across solves, so importing a newer file updates the
shift instead of adding a second copy. A worker with no shifts gets no file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from ..model import Assignment, Problem, Session

TIMEZONE = "Europe/London"
PRODID = "-//rota//rota optimiser//EN"
UID_DOMAIN = "rota"

_FILE_SAFE = re.compile(r"[^A-Za-z0-9._-]")

# UK clock rules since 1996, as yearly rules: shorter than the generated form and
# with no end year. Other zones fall back to icalendar's generated VTIMEZONE.
_LONDON_VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/London
BEGIN:DAYLIGHT
TZOFFSETFROM:+0000
TZOFFSETTO:+0100
TZNAME:BST
DTSTART:19810329T010000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0100
TZOFFSETTO:+0000
TZNAME:GMT
DTSTART:19961027T020000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
"""


def shift_uid(session_id: str, worker_id: str) -> str:
    """The stable UID of one worker's shift on one session."""
    return f"{session_id}-{worker_id}@{UID_DOMAIN}"


def ics_file_names(worker_ids: Sequence[str]) -> dict[str, str]:
    """A distinct, file-system-safe ``.ics`` name for each worker id.

    A plain id (letters, digits, ``.``, ``_``, ``-``) is used as it is. An id
    that had to be changed, or that clashes with another on a file system that
    ignores case, gets a short hash of the id so no two workers share a file.
    """
    slugs = {w: _FILE_SAFE.sub("_", w).lstrip(".-") for w in worker_ids}
    plain = [w for w, slug in slugs.items() if slug == w]
    folded: dict[str, int] = defaultdict(int)
    for worker_id in plain:
        folded[worker_id.lower()] += 1
    names: dict[str, str] = {}
    for worker_id, slug in slugs.items():
        if slug != worker_id or folded[slug.lower()] > 1:
            sha = hashlib.sha1(worker_id.encode(), usedforsecurity=False)
            digest = sha.hexdigest()[:8]
            slug = f"{slug}-{digest}" if slug else digest
        names[worker_id] = f"{slug}.ics"
    return names


def write_ical(
    folder: str | Path,
    problem: Problem,
    assignments: Sequence[Assignment],
    *,
    stamp: dt.datetime | None = None,
    timezone: str = TIMEZONE,
) -> list[Path]:
    """Write one .ics calendar per worker who has at least one shift.

    Parameters
    ----------
    folder
        Where to write the files (created when missing).
    problem
        The problem the rota is for (names, places, skills).
    assignments
        The rostered assignments; their naive datetimes are local clock times.
    stamp
        DTSTAMP of every event (UTC); defaults to now. Fix it for identical files.
    timezone
        The IANA time zone the rota's clock times are in.

    Returns
    -------
    list[Path]
        The files written, in the order of the workers in the problem.
    """
    zone = ZoneInfo(timezone)
    when = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    shifts: dict[str, list[Assignment]] = defaultdict(list)
    crew: dict[str, list[str]] = defaultdict(list)
    for a in assignments:
        shifts[a.worker_id].append(a)
        crew[a.session_id].append(a.worker_id)
    team = [w.worker_id for w in problem.workers]
    strangers = sorted(set(shifts) - set(team))
    # Names come from the whole team, so a worker's file name does not depend on
    # who else happens to have shifts this week.
    names = ics_file_names(team + strangers)
    order = [w for w in team if w in shifts] + strangers
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for worker_id in order:
        calendar = _calendar(_worker_name(problem, worker_id), timezone)
        if timezone == TIMEZONE:
            calendar.add_component(Timezone.from_ical(_LONDON_VTIMEZONE))
        for a in sorted(shifts[worker_id], key=lambda a: (a.start, a.session_id)):
            others = [
                _worker_name(problem, w) for w in crew[a.session_id] if w != worker_id
            ]
            calendar.add_component(_event(problem, a, zone, when, others))
        if timezone != TIMEZONE:
            calendar.add_missing_timezones()
        target = out / names[worker_id]
        target.write_bytes(calendar.to_ical())
        written.append(target)
    return written


def _worker_name(problem: Problem, worker_id: str) -> str:
    """A worker's display name, or the id when the worker is unknown."""
    worker = problem.worker_by_id.get(worker_id)
    return worker.name if worker else worker_id


def _calendar(worker_name: str, timezone: str) -> Calendar:
    """An empty calendar named for the worker."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Rota: {worker_name}")
    calendar.add("x-wr-timezone", timezone)
    return calendar


def _event(
    problem: Problem,
    a: Assignment,
    zone: ZoneInfo,
    stamp: dt.datetime,
    colleagues: Sequence[str],
) -> Event:
    """One shift as a VEVENT."""
    session = problem.session_by_id.get(a.session_id)
    user = problem.user_by_id.get(session.user_id) if session else None
    event = Event()
    event.add("uid", shift_uid(a.session_id, a.worker_id))
    event.add("dtstamp", stamp)
    event.add("dtstart", a.start.replace(tzinfo=zone))
    event.add("dtend", a.end.replace(tzinfo=zone))
    event.add("summary", f"Support: {user.name if user else a.session_id}")
    if session is None:
        return event
    where = _where(problem, session)
    if where is not None:
        # Coordinates rather than a name: calendar and map apps can route to them.
        event.add("location", f"{where[0]:.5f},{where[1]:.5f}")
        event.add("geo", where)
    event.add("description", _description(session, colleagues))
    return event


def _where(problem: Problem, session: Session) -> tuple[float, float] | None:
    """Coordinates of a session: its own, or the person's home."""
    if session.lat is not None and session.lon is not None:
        return session.lat, session.lon
    user = problem.user_by_id.get(session.user_id)
    return (user.lat, user.lon) if user else None


def _description(session: Session, colleagues: Sequence[str]) -> str:
    """Session id, kind, priority, skills and who else is on it, one per line."""
    lines = [f"Session: {session.session_id}"]
    if session.kind:
        lines.append(f"Kind: {session.kind}")
    lines.append(f"Priority: {session.priority}")
    if session.skills_required:
        lines.append(f"Skills: {', '.join(session.skills_required)}")
    if colleagues:
        lines.append(f"With: {', '.join(colleagues)}")
    return "\n".join(lines)
