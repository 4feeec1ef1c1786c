"""Week variants: the week as given, and N-1 seeded variations of its demand and
availability, so a difference between policies is not an accident of one week.

Week 1 is the week itself. Each later week ``k`` draws from a generator seeded by
``(seed, k)`` alone, so the same seed always gives the same variants, whichever
order or machine they are made on. A variant:

- drops a share of the sessions (a cancelled visit),
- adds as many copies of other sessions on another day of the horizon (a new or
  moved visit, id ``<session_id>-w<k>``),
- shifts a share of the rest by 30 or 60 minutes earlier or later (within the day),
- makes a share of the workers unavailable for one whole day (leave, sickness).

Sessions that are linked to another (``linked_to``), or that another links to,
are left as they are, so every reference stays valid; the published rota and the
agreements lose only the lines of dropped sessions. Every variant is built as a
new :class:`~rota.model.Problem`, so it is validated like any week.
"""

from __future__ import annotations

import datetime as dt
import random

from ..model import AvailabilityWindow, Problem, Session

SESSION_SHARE = 0.1
"""Share of the sessions dropped, added and shifted (each) in a variant."""
WORKER_SHARE = 0.2
"""Share of the workers who lose one day in a variant."""
SHIFTS = (-60, -30, 30, 60)
"""Minutes a shifted session moves by."""


def week_variants(problem: Problem, weeks: int, *, seed: int = 0) -> list[Problem]:
    """The week as given, then ``weeks - 1`` seeded variants of it.

    Parameters
    ----------
    problem
        The week.
    weeks
        How many weeks to return (at least 1).
    seed
        Seed of the variations; the same seed gives the same variants.

    Returns
    -------
    list[Problem]
        ``weeks`` problems; the first is ``problem`` itself.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be 1 or more, not {weeks}")
    return [problem] + [vary_week(problem, k, seed=seed) for k in range(2, weeks + 1)]


def vary_week(problem: Problem, k: int, *, seed: int = 0) -> Problem:
    """Variant ``k`` of the week (see the module's description)."""
    rng = random.Random(f"rota-compare:{seed}:{k}")
    linked = {s.linked_to for s in problem.sessions if s.linked_to} | {
        s.session_id for s in problem.sessions if s.linked_to
    }
    free = [s.session_id for s in problem.sessions if s.session_id not in linked]
    count = min(len(free) // 3, max(1, round(SESSION_SHARE * len(problem.sessions))))
    picked = rng.sample(free, 3 * count) if count else []
    dropped = set(picked[:count])
    shifted = {sid: rng.choice(SHIFTS) for sid in picked[count : 2 * count]}
    copied = picked[2 * count :]
    days = [problem.period.date_of(d) for d in range(problem.period.days)]

    sessions = [
        _shifted(s, shifted[s.session_id]) if s.session_id in shifted else s
        for s in problem.sessions
        if s.session_id not in dropped
    ]
    added: dict[str, str] = {}
    for sid in copied:
        original = problem.session_by_id[sid]
        others = [d for d in days if d != original.date]
        if not others:
            continue
        new_id = f"{sid}-w{k}"
        added[sid] = new_id
        sessions.append(
            original.model_copy(
                update={"session_id": new_id, "date": rng.choice(others)}
            )
        )
    travel = [t for t in problem.travel if not {t.from_id, t.to_id} & dropped]
    for t in problem.travel:
        # A copy away from home is its own place: it gets the original's journeys.
        if t.from_id in added or t.to_id in added:
            travel.append(
                t.model_copy(
                    update={
                        "from_id": added.get(t.from_id, t.from_id),
                        "to_id": added.get(t.to_id, t.to_id),
                    }
                )
            )
    away = max(1, round(WORKER_SHARE * len(problem.workers))) if problem.workers else 0
    availability = list(problem.availability) + [
        AvailabilityWindow(
            worker_id=w.worker_id,
            date=rng.choice(days),
            start=dt.time(0, 0),
            end=dt.time(23, 59),
            kind="unavailable",
        )
        for w in rng.sample(list(problem.workers), away)
    ]
    return Problem(
        workers=problem.workers,
        users=problem.users,
        sessions=tuple(sessions),
        availability=tuple(availability),
        travel=tuple(travel),
        published=tuple(p for p in problem.published if p.session_id not in dropped),
        agreements=tuple(a for a in problem.agreements if a.session_id not in dropped),
        horizon=problem.horizon,
    )


def _shifted(session: Session, minutes: int) -> Session:
    """The session ``minutes`` later (earlier when negative), if it stays within its
    day; otherwise unchanged."""
    day = dt.datetime.combine(session.date, dt.time(0, 0))
    start = dt.datetime.combine(session.date, session.start)
    end = dt.datetime.combine(session.date, session.end)
    if end <= start:
        return session  # overnight: moving it could change the days it spans
    latest = (
        dt.datetime.combine(session.date, session.latest_start)
        if session.latest_start is not None
        else start
    )
    delta = dt.timedelta(minutes=minutes)
    lo, hi = start + delta, max(end, latest) + delta
    if lo < day or hi >= day + dt.timedelta(days=1):
        return session
    update: dict[str, object] = {"start": lo.time(), "end": (end + delta).time()}
    if session.latest_start is not None:
        update["latest_start"] = (latest + delta).time()
    return session.model_copy(update=update)
