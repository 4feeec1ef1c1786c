"""When sample workers say they can work: patterns real staff state, and leave.

A pattern is a list of (day, start, end) in minutes after midnight of that day; an
end past 1440 runs into the next morning (nights). Preferred and undesired windows
are always cut from inside an available window, so a worker's stated hours are the
available windows alone.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable, Iterator, Sequence

from ..model.records import AvailabilityWindow, WindowKind
from .archetypes import ALL_DAYS, WEEKDAYS, WEEKEND, Visit, hhmm

Span = tuple[int, int, int]
"""(day, start, end) in minutes after that day's midnight."""

HOURS_IN_WEEK = 168


def _school_hours(rng: random.Random) -> list[Span]:
    # A parent with school pick-ups: weekdays only, home by mid-afternoon.
    end = rng.choice(("14:45", "15:00", "15:00"))
    return [(d, hhmm("07:00"), hhmm(end)) for d in WEEKDAYS]


def _evenings(rng: random.Random) -> list[Span]:
    days = sorted(rng.sample(ALL_DAYS, rng.choice((5, 6, 7))))
    return [(d, hhmm(rng.choice(("15:00", "15:30"))), hhmm("22:30")) for d in days]


def _weekends(rng: random.Random) -> list[Span]:
    spans = [(d, hhmm("07:00"), hhmm("22:30")) for d in WEEKEND]
    if rng.random() < 0.6:
        spans.insert(0, (4, hhmm("15:00"), hhmm("22:30")))
    return spans


def _days(rng: random.Random) -> list[Span]:
    spans = [(d, hhmm("07:00"), hhmm("19:00")) for d in WEEKDAYS]
    spans.append((rng.choice(WEEKEND), hhmm("07:00"), hhmm("15:00")))
    return spans


def _earlies(rng: random.Random) -> list[Span]:
    days = sorted(rng.sample(ALL_DAYS, rng.choice((5, 6))))
    return [(d, hhmm("07:00"), hhmm(rng.choice(("14:00", "15:00")))) for d in days]


def _lates(rng: random.Random) -> list[Span]:
    days = sorted(rng.sample(ALL_DAYS, rng.choice((5, 6))))
    return [(d, hhmm(rng.choice(("13:00", "14:00"))), hhmm("22:30")) for d in days]


def _nights(rng: random.Random) -> list[Span]:
    # Supported-living staff: sleep-in nights and some afternoons around them.
    nights = sorted(rng.sample(ALL_DAYS, rng.choice((3, 4))))
    spans = [(d, hhmm("21:00"), 1440 + hhmm("08:00")) for d in nights]
    free = [d for d in ALL_DAYS if d not in nights and d - 1 not in nights]
    spans += [(d, hhmm("12:00"), hhmm("20:00")) for d in free[:2]]
    return sorted(spans)


PATTERNS: dict[str, Callable[[random.Random], list[Span]]] = {
    "school_hours": _school_hours,
    "evenings": _evenings,
    "weekends": _weekends,
    "days": _days,
    "earlies": _earlies,
    "lates": _lates,
    "nights": _nights,
}

PATTERN_WEIGHTS: dict[str, dict[str | None, int]] = {
    # None: the worker states nothing and may be rostered at any time.
    "full_time": {None: 40, "days": 25, "earlies": 15, "lates": 10, "nights": 10},
    "part_time": {
        None: 20,
        "school_hours": 30,
        "evenings": 15,
        "weekends": 10,
        "earlies": 15,
        "lates": 10,
    },
    "relief": {None: 30, "weekends": 25, "evenings": 20, "nights": 15, "days": 10},
}


def demand_by_hour(visits: Iterable[Visit]) -> list[float]:
    """Staff-minutes asked for in each hour of the week (0 = Monday 00:00)."""
    demand = [0.0] * HOURS_IN_WEEK
    for visit in visits:
        begin = visit.day * 1440 + visit.start
        for minute in range(begin, begin + visit.minutes, 15):
            demand[(minute // 60) % HOURS_IN_WEEK] += 15 * visit.staff_required
    return demand


class PatternChooser:
    """Picks stated hours that fit what the people supported ask for.

    A provider recruits to its demand: each worker's pattern is the best of a few
    drawn in the usual shares for their contract, judged by the demand still
    unmet in the hours it covers. So the team as a whole fits the week, while
    each worker's hours remain a pattern real staff state.

    Parameters
    ----------
    demand
        Staff-minutes asked for in each hour of the week.
    draws
        Patterns drawn per worker.
    """

    def __init__(self, demand: Sequence[float], *, draws: int = 3) -> None:
        self.residual = list(demand)
        self.draws = draws

    def choose(
        self, rng: random.Random, contract: str, capacity_minutes: float
    ) -> tuple[str | None, list[Span]]:
        """A pattern name (None: any time) and its spans for one worker."""
        weights = PATTERN_WEIGHTS[contract]
        names = list(weights)
        best: tuple[float, str | None, list[Span], list[int]] | None = None
        for _ in range(self.draws):
            name = rng.choices(names, weights=[weights[n] for n in names])[0]
            spans = PATTERNS[name](rng) if name is not None else []
            hours = _hours_of(spans) if name is not None else range(HOURS_IN_WEEK)
            covered = sorted(set(hours))
            value = min(sum(self.residual[h] for h in covered), capacity_minutes)
            if best is None or value > best[0]:
                best = (value, name, spans, covered)
        assert best is not None
        _, name, spans, covered = best
        total = sum(self.residual[h] for h in covered)
        if total > 0:
            share = min(1.0, capacity_minutes / total)
            for h in covered:
                self.residual[h] -= self.residual[h] * share
        return name, spans


def _hours_of(spans: Iterable[Span]) -> Iterator[int]:
    for day, start, end in spans:
        for hour in range(start // 60, -(-end // 60)):
            yield (day * 24 + hour) % HOURS_IN_WEEK


def window(
    worker_id: str,
    monday: dt.date,
    span: Span,
    kind: WindowKind,
    weight: float | None = None,
) -> AvailabilityWindow:
    """An availability row for ``span`` of the week starting ``monday``."""
    day, start, end = span
    if start >= 1440:
        # A window cut from the morning end of a night belongs to the next date.
        day, start, end = day + 1, start - 1440, end - 1440
    return AvailabilityWindow(
        worker_id=worker_id,
        date=monday + dt.timedelta(days=day),
        start=_clock(start),
        end=_clock(end),
        kind=kind,
        weight=weight,
    )


def stated_windows(
    rng: random.Random, worker_id: str, spans: Sequence[Span], monday: dt.date
) -> list[AvailabilityWindow]:
    """Available windows of a pattern with some preferred and undesired ones inside.

    Parameters
    ----------
    rng
        The generator's random source.
    worker_id
        The worker the rows belong to.
    spans
        The pattern's spans; none for a worker who states nothing.
    monday
        First day of the week.
    """
    if not spans:
        return []
    rows = [window(worker_id, monday, s, "available") for s in spans]
    if rng.random() < 0.3:
        for day, start, end in rng.sample(spans, min(len(spans), rng.choice((1, 2)))):
            cut = start + (end - start) // 60 * 30
            weight = float(rng.choice((1, 2, 3, 5)))
            rows.append(
                window(worker_id, monday, (day, start, cut), "preferred", weight)
            )
    daytime = [s for s in spans if s[2] <= 1440]
    if daytime and rng.random() < 0.2:
        day, start, end = rng.choice(daytime)
        cut = max(start, end - 150)
        weight = float(rng.choice((2, 3, 5)))
        rows.append(window(worker_id, monday, (day, cut, end), "undesired", weight))
    return rows


def leave_windows(
    rng: random.Random, worker_id: str, monday: dt.date
) -> list[AvailabilityWindow]:
    """Unavailable rows: a few days of leave or an appointment, for some workers."""
    draw = rng.random()
    if draw < 0.12:
        first = rng.randrange(0, 6)
        days = range(first, min(7, first + rng.choice((1, 2, 3))))
        return [window(worker_id, monday, (d, 0, 1440), "unavailable") for d in days]
    if draw < 0.2:
        start = rng.choice((hhmm("09:00"), hhmm("10:00"), hhmm("13:00")))
        span = (rng.choice(WEEKDAYS), start, start + 120)
        return [window(worker_id, monday, span, "unavailable")]
    return []


def _clock(minutes: int) -> dt.time:
    minutes %= 1440
    return dt.time(minutes // 60, minutes % 60)
