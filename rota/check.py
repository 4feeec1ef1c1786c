"""check(): every rule's own evaluation of any rota, without CP-SAT."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import Assignment, Problem, Summary
from .policy import Policy, load_policy
from .rules import Evaluation, Violation, all_rules, impossible_reasons
from .solver.data import SCALE, Compiled, compile_problem
from .solver.plan import Plan


@dataclass
class CheckReport:
    """Hard-rule violations and the soft rules' penalties of one rota."""

    data: Compiled
    plan: Plan
    evaluations: list[Evaluation]
    unmatched: list[Violation] = field(default_factory=list)
    """Assignments at a time the session may not run at (rule ``flex``)."""

    @property
    def violations(self) -> list[Violation]:
        """Every hard-rule violation, in registry order."""
        hard = {r.id for r in all_rules() if r.hard}
        found = [v for e in self.evaluations if e.rule in hard for v in e.violations]
        return self.unmatched + found

    @property
    def ok(self) -> bool:
        """True when no hard rule is broken."""
        return not self.violations

    @property
    def objective_raw(self) -> int:
        """The sum of the soft rules' penalties, in 1/SCALE points."""
        return sum(e.penalty for e in self.evaluations)

    @property
    def objective(self) -> float:
        """The sum of the soft rules' penalties in points."""
        return self.objective_raw / SCALE

    def summary(self) -> Summary:
        """A summary.json of this rota by the rules' own evaluation (no search:
        status FEASIBLE when no hard rule is broken, else INFEASIBLE)."""
        hard = {r.id for r in all_rules() if r.hard}
        raw = {e.rule: e.penalty for e in self.evaluations if e.rule not in hard}
        sessions = len(self.data.sessions)
        covered = sum(1 for s in range(sessions) if self.plan.covered(s))
        return Summary(
            status="FEASIBLE" if self.ok else "INFEASIBLE",
            objective=self.objective,
            best_bound=None,
            wall_seconds=0.0,
            breakdown={k: v / SCALE for k, v in raw.items()},
            objective_raw=self.objective_raw,
            breakdown_raw=raw,
            sessions=sessions,
            covered=covered,
            coverage=round(covered / sessions, 4) if sessions else 1.0,
            policy=self.data.policy.name,
        )

    def breakdown(self) -> dict[str, float]:
        """Penalty by soft rule, in points."""
        hard = {r.id for r in all_rules() if r.hard}
        return {
            e.rule: e.penalty / SCALE for e in self.evaluations if e.rule not in hard
        }


def plan_of(
    data: Compiled, assignments: Iterable[Assignment]
) -> tuple[Plan, list[Violation]]:
    """Map assignments onto the sessions' allowed times (slots).

    A time inside the person's flex, in policy steps, or any minute of a start
    window (up to the policy's late allowance), is allowed even when the model did
    not offer it as a slot (the model thins long flex ranges and steps through
    windows); it gets a slot of its own here.
    """
    horizon = data.problem.period
    step = data.policy.limits.flex_step_minutes
    pairs = []
    unmatched = []
    for a in assignments:
        s = data.session_index.get(a.session_id)
        w = data.worker_index.get(a.worker_id)
        if s is None or w is None:
            what = "session" if s is None else "worker"
            name = a.session_id if s is None else a.worker_id
            unmatched.append(Violation("rota_file", f"unknown {what} '{name}'"))
            continue
        start, end = horizon.to_minutes(a.start), horizon.to_minutes(a.end)
        session = data.sessions[s]
        slot = next(
            (
                k
                for k in session.slots
                if (data.slots[k].start, data.slots[k].end) == (start, end)
            ),
            None,
        )
        shift = start - session.start
        if session.latest is None:
            agreed = abs(shift) <= session.flex and shift % step == 0
        else:
            # Any minute of a start window (and of the late allowance) was agreed;
            # the model only offers it in steps.
            late = data.policy.limits.max_late_minutes
            agreed = session.start <= start <= session.latest + late
        if slot is None and end - start == session.duration and agreed:
            slot = data.add_slot(s, start, end)
        if slot is None:
            unmatched.append(
                Violation(
                    "flex",
                    f"{a.session_id} is rostered {a.start:%a %d %b %H:%M}-{a.end:%H:%M}, "
                    "a time outside what the person agreed (requested time, flex or an "
                    "agreed move)",
                    (w,),
                    (s,),
                )
            )
            continue
        pairs.append((w, slot))
    return Plan.from_pairs(data, pairs), unmatched


def check(
    problem: Problem,
    assignments: Iterable[Assignment],
    policy: Policy | None = None,
    *,
    now: dt.datetime | None = None,
) -> CheckReport:
    """Evaluate every rule in the registry on a rota, independently of the solver.

    Parameters
    ----------
    problem
        The week the rota is for.
    assignments
        The rota: who is on which session, at what times.
    policy
        Rules and weights (the balanced preset when None).
    now
        The moment for notice and frozen periods (default: the horizon start).
    """
    data = compile_problem(problem, policy or load_policy(), now=now)
    plan, unmatched = plan_of(data, assignments)
    evaluations = [r.evaluate(plan) for r in all_rules() if r.active(data)]
    return CheckReport(data, plan, evaluations, unmatched)


def impossible(
    problem: Problem, policy: Policy | None = None, *, now: dt.datetime | None = None
) -> list[str]:
    """Why no rota of this week can keep every hard rule, found without solving.

    Parameters
    ----------
    problem
        The week.
    policy
        Rules and weights (the balanced preset when None).
    now
        The moment for notice and frozen periods (default: the horizon start).

    Returns
    -------
    list[str]
        One sentence per worker or session a rule can never be kept for (e.g. a
        ``min_total_hours`` above what the worker's ``max_hours`` allow), naming
        them and the figures; empty when no such case is found. The same sentences
        :func:`rota.solve` gives as its reason when it stops before searching.
    """
    data = compile_problem(problem, policy or load_policy(), now=now)
    return impossible_reasons(data, all_rules())
