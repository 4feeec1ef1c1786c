"""Warnings about a loaded problem: legal data that is probably not what was meant.

None of these stops a solve. Each points at the row to look at: a person whose
requested week costs more than their budget, a worker skill no session asks for
(often a spelling slip), a session no worker could ever take, a session outside
the rota's dates, an id used for two different places, and what
:mod:`.plausible` finds.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

from ..model import Problem, ServiceUser, Session, Worker
from ..policy import Policy
from .issues import DataIssue, in_file_order, warning
from .plausible import plausibility_warnings

Interval = tuple[int, int]
RowOf = Callable[[str, int], int]
MINUTES_PER_WEEK = 7 * 24 * 60


def _hours(problem: Problem, session: Session) -> float:
    begin, end = problem.period.interval(session.date, session.start, session.end)
    return (end - begin) / 60


def _outside_horizon(problem: Problem, row: RowOf) -> list[DataIssue]:
    period = problem.period
    last = period.date_of(period.days - 1)
    out = []
    for i, s in enumerate(problem.sessions):
        begin, _ = period.interval(s.date, s.start, s.end)
        if not 0 <= begin < period.minutes:
            message = (
                f"{s.date.isoformat()} is outside the rota's dates "
                f"({period.start.isoformat()} to {last.isoformat()})"
            )
            out.append(warning("sessions.csv", row("sessions.csv", i), "date", message))
    return out


def _over_budget(problem: Problem, policy: Policy, row: RowOf) -> list[DataIssue]:
    weekly: dict[tuple[str, int], float] = defaultdict(float)
    for s in problem.sessions:
        week = problem.period.interval(s.date, s.start, s.end)[0] // MINUTES_PER_WEEK
        user = problem.user_by_id[s.user_id]
        rate = user.charge_rate
        if rate is None:
            rate = policy.limits.default_charge_rate
        weekly[(s.user_id, week)] += rate * _hours(problem, s) * s.staff_required
    out = []
    for i, user in enumerate(problem.users):
        if user.weekly_budget is None:
            continue
        for week in range(problem.period.weeks):
            cost = weekly.get((user.user_id, week), 0.0)
            if cost <= user.weekly_budget + 0.005:
                continue
            cost_text = f"cost £{cost:,.2f} a week"
            if problem.period.weeks > 1:
                start = problem.period.date_of(7 * week).isoformat()
                cost_text = f"in the week from {start} cost £{cost:,.2f}"
            message = (
                f"requested sessions {cost_text} against a weekly budget of "
                f"£{user.weekly_budget:,.2f}"
            )
            r = row("service_users.csv", i)
            out.append(warning("service_users.csv", r, "weekly_budget", message))
    return out


def _unused_skills(problem: Problem, row: RowOf) -> list[DataIssue]:
    needed = {skill for s in problem.sessions for skill in s.skills_required}
    if not problem.sessions:
        return []
    out = []
    for i, worker in enumerate(problem.workers):
        for skill in worker.skills:
            if skill in needed:
                continue
            message = f"no session needs the skill '{skill}'"
            near = difflib.get_close_matches(skill, sorted(needed), n=1)
            if near:
                message += f" (sessions ask for '{near[0]}': a spelling slip?)"
            out.append(warning("workers.csv", row("workers.csv", i), "skills", message))
    return out


def _merged(intervals: list[Interval]) -> list[Interval]:
    out: list[Interval] = []
    for begin, end in sorted(intervals):
        if out and begin <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((begin, end))
    return out


def _inside(span: Interval, windows: list[Interval]) -> bool:
    return any(b <= span[0] and span[1] <= e for b, e in windows)


def _overlaps(span: Interval, windows: list[Interval]) -> bool:
    return any(span[0] < e and b < span[1] for b, e in windows)


class _Availability:
    """When each worker could ever work: stated windows, leave, agreed extras."""

    def __init__(self, problem: Problem) -> None:
        period = problem.period
        stated: dict[str, list[Interval]] = defaultdict(list)
        self.blocked: dict[str, list[Interval]] = defaultdict(list)
        self.agreed: dict[str, list[Interval]] = defaultdict(list)
        for w in problem.availability:
            span = period.interval(w.date, w.start, w.end)
            target = self.blocked if w.kind == "unavailable" else stated
            target[w.worker_id].append(span)
        for a in problem.agreements:
            if a.kind == "availability" and a.answer == "yes":
                if a.date is not None and a.start is not None and a.end is not None:
                    span = period.interval(a.date, a.start, a.end)
                    self.agreed[a.party_id].append(span)
        self.stated = {k: _merged(v) for k, v in stated.items()}

    def allows(self, worker_id: str, spans: list[Interval]) -> bool:
        """Whether the worker could work any one of ``spans``."""
        for span in spans:
            if _inside(span, self.agreed.get(worker_id, [])):
                return True
            if _overlaps(span, self.blocked.get(worker_id, [])):
                continue
            windows = self.stated.get(worker_id)
            if windows is None or _inside(span, windows):
                return True
        return False


def _spans(problem: Problem, session: Session, step: int) -> list[Interval]:
    """Every time the session could run: as asked, flexed, or as agreed."""
    begin, end = problem.period.interval(session.date, session.start, session.end)
    flex = session.flex_minutes
    shifts = {0, -flex, flex} | {
        k * step for k in range(-flex // step, flex // step + 1)
    }
    spans = [(begin + d, end + d) for d in sorted(shifts) if abs(d) <= flex]
    for a in problem.agreements:
        if (
            a.kind == "move"
            and a.answer == "yes"
            and a.session_id == session.session_id
        ):
            if a.date is not None and a.start is not None and a.end is not None:
                spans.append(problem.period.interval(a.date, a.start, a.end))
    return spans


def _why_not(
    worker: Worker, session: Session, user: ServiceUser, can_work: bool
) -> str | None:
    """The first reason this worker could never take the session, if any."""
    if worker.worker_id in user.excluded_workers:
        return "excluded by the person"
    preference = (user.gender_preference or "").strip().casefold()
    if preference and (worker.gender or "").strip().casefold() != preference:
        return f"not matching the gender preference '{user.gender_preference}'"
    missing = sorted(set(session.skills_required) - set(worker.skills))
    if missing:
        return "lacking " + ", ".join(missing)
    return None if can_work else "not available at that time"


def _untakeable(problem: Problem, policy: Policy, row: RowOf) -> list[DataIssue]:
    availability = _Availability(problem)
    step = max(1, policy.limits.flex_step_minutes)
    out = []
    for i, s in enumerate(problem.sessions):
        spans = _spans(problem, s, step)
        user = problem.user_by_id[s.user_id]
        able: list[str] = []
        reasons: dict[str, int] = defaultdict(int)
        for w in problem.workers:
            reason = _why_not(w, s, user, availability.allows(w.worker_id, spans))
            if reason is None:
                able.append(w.worker_id)
            else:
                reasons[reason] += 1
        if len(able) >= s.staff_required:
            continue
        detail = "; ".join(f"{n} {why}" for why, n in reasons.items())
        if not problem.workers:
            detail = "there are no workers"
        if not able:
            message = f"no worker could ever take this session ({detail})"
        else:
            message = (
                f"needs {s.staff_required} workers at once but only {len(able)} "
                f"could ever take it ({', '.join(able)}); others: {detail}"
            )
        out.append(warning("sessions.csv", row("sessions.csv", i), None, message))
    return out


def _shared_ids(problem: Problem, row: RowOf) -> list[DataIssue]:
    """Ids that name two places: travel rows and distances would mix them up."""
    owners: dict[str, str] = {}
    out = []
    files = (
        ("workers.csv", "worker_id", [w.worker_id for w in problem.workers]),
        ("service_users.csv", "user_id", [u.user_id for u in problem.users]),
        ("sessions.csv", "session_id", [s.session_id for s in problem.sessions]),
    )
    for file, column, ids in files:
        for i, value in enumerate(ids):
            if value in owners and owners[value] != file:
                message = (
                    f"id '{value}' is also used in {owners[value]}; travel.csv "
                    "cannot tell the two places apart"
                )
                out.append(warning(file, row(file, i), column, message))
            owners.setdefault(value, file)
    return out


def data_warnings(
    problem: Problem,
    policy: Policy | None = None,
    *,
    source_rows: Mapping[str, Sequence[int]] | None = None,
) -> list[DataIssue]:
    """Everything legal but suspicious in a problem, as warnings.

    Parameters
    ----------
    problem
        A validated problem.
    policy
        Supplies the default charge rate and the flex step; default: built-in
        defaults.
    source_rows
        For each file name, the source row of each record (as the loader keeps
        them); default: the record's position plus one.

    Returns
    -------
    list[DataIssue]
        Warnings in file and row order: sessions outside the horizon, weekly
        costs above a person's budget (charge rate x hours x staff required),
        worker skills no session needs, sessions no worker could ever take
        (skills, exclusions, gender preference, availability), ids shared by two
        kinds of place, sessions longer than the policy's longest session,
        availability, published and agreement rows dated outside the rota.
    """
    policy = policy or Policy()
    rows = source_rows or {}

    def row(file: str, index: int) -> int:
        numbers = rows.get(file)
        return numbers[index] if numbers and index < len(numbers) else index + 1

    found = (
        _outside_horizon(problem, row)
        + _over_budget(problem, policy, row)
        + _unused_skills(problem, row)
        + _untakeable(problem, policy, row)
        + _shared_ids(problem, row)
        + plausibility_warnings(problem, policy, row)
    )
    return in_file_order(found)
