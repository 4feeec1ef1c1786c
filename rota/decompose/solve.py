"""solve_by_area(): solve a big week area by area, in parallel, and re-check it whole."""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass

from ..check import CheckReport, check
from ..model import Assignment, Problem, Summary, Unmet
from ..model.rota import Status
from ..policy import Policy, load_policy
from ..rules import Violation, all_rules
from ..solver.data import SCALE
from .parts import PartOutcome, PartTask
from .schedule import ExecutorKind, run_parts
from .split import split_by_area

log = logging.getLogger("rota")

_WORST: tuple[Status, ...] = ("MODEL_INVALID", "INFEASIBLE", "UNKNOWN")


@dataclass
class AreaResult:
    """A week solved area by area: the merged rota, checked on the whole week."""

    problem: Problem
    parts: list[PartOutcome]
    report: CheckReport
    """Every rule's evaluation of the merged rota on the whole week."""
    assignments: list[Assignment]
    wall_seconds: float
    split_seconds: float
    solve_seconds: float
    check_seconds: float
    seed: int = 0
    workers_per_part: int = 1
    parallel: int = 1
    executor: str = "process"
    policy_name: str = "balanced"

    @property
    def violations(self) -> list[Violation]:
        """Hard-rule violations of the merged rota (empty when all is well)."""
        return self.report.violations

    @property
    def sessions(self) -> int:
        """Sessions in the week."""
        return len(self.problem.sessions)

    @property
    def covered(self) -> int:
        """Sessions the merged rota covers."""
        plan = self.report.plan
        return sum(plan.covered(s.index) for s in self.report.data.sessions)

    @property
    def coverage(self) -> float:
        """Share of the week's sessions covered."""
        return self.covered / self.sessions if self.sessions else 1.0

    @property
    def objective(self) -> float:
        """The whole week's objective (the checker's sum of soft rules), in points."""
        return self.report.objective

    @property
    def parts_objective(self) -> float:
        """The sum of the parts' own objectives, in points.

        It differs from :attr:`objective` where a rule looks across areas: a
        preferred worker or a published line in another area is not seen by the
        part, only by the whole week's check.
        """
        return sum(p.summary.objective or 0.0 for p in self.parts)

    @property
    def status(self) -> Status:
        """``FEASIBLE`` when every part has a rota; else the worst part's status.

        Never ``OPTIMAL``: a rota made area by area is not proven best for the week.
        """
        statuses = {p.summary.status for p in self.parts}
        for worst in _WORST:
            if worst in statuses:
                return worst
        return "FEASIBLE"

    def unmet(self) -> list[Unmet]:
        """Uncovered sessions, each with the reason found within its area."""
        reasons: dict[str, str] = {}
        for part in self.parts:
            for session_id, reason in part.reasons.items():
                reasons[session_id] = f"{reason} (within {part.label})"
        data, plan = self.report.data, self.report.plan
        return [
            Unmet(
                session_id=s.id,
                reason=reasons.get(s.id, "no worker in its area can be fitted in"),
            )
            for s in data.sessions
            if not plan.covered(s.index)
        ]

    def summary(self) -> Summary:
        """summary.json's content; the objective is the whole week's check."""
        hard = {r.id for r in all_rules() if r.hard}
        raw = {e.rule: e.penalty for e in self.report.evaluations if e.rule not in hard}
        return Summary(
            status=self.status,
            objective=self.objective,
            best_bound=None,
            wall_seconds=round(self.wall_seconds, 3),
            breakdown={k: v / SCALE for k, v in raw.items()},
            objective_raw=self.report.objective_raw,
            breakdown_raw=raw,
            sessions=self.sessions,
            covered=self.covered,
            coverage=round(self.coverage, 4),
            # Area by area, a whole rota exists only once every part is solved.
            first_solution_seconds=round(self.wall_seconds, 3),
            policy=self.policy_name,
            seed=self.seed,
            workers=self.workers_per_part,
        )


def solve_by_area(
    problem: Problem,
    policy: Policy | None = None,
    *,
    parts: int | None = None,
    time_limit: float = 60.0,
    seed: int = 0,
    workers_per_part: int = 1,
    parallel: int = 2,
    executor: ExecutorKind = "process",
    by: str = "auto",
    now: dt.datetime | None = None,
    reasons: bool = False,
    scheduler: str | None = None,
) -> AreaResult:
    """Split a week by area, solve the parts in parallel, merge and re-check.

    Parameters
    ----------
    problem
        The whole week.
    policy
        Rules and weights; the ``balanced`` preset when None.
    parts
        Number of areas; about one per 50 workers when None (see
        :func:`~rota.decompose.split_by_area`, also for ``by``).
    time_limit
        Seconds for solving all the parts, shared among them as they start (in
        proportion to their sessions, see :func:`~rota.decompose.run_parts`); a
        part's first rota may take longer than its share, and splitting and the
        final check add a little.
    seed
        Seed of the split and of every part's search.
    workers_per_part
        CP-SAT search workers for each part.
    parallel
        Parts solved at the same time.
    executor
        ``"process"`` (a process pool on this machine), ``"dask"`` (a
        dask.distributed cluster: a local one, or ``scheduler``'s) or ``"serial"``
        (one after another in this process).
    by
        What defines an area: ``"auto"``, ``"location"`` or a column name.
    now
        The moment the rota is made, for notice and frozen periods.
    reasons
        Also work out why each uncovered session is uncovered (for unmet.csv).
    scheduler
        Address of a running Dask scheduler, for ``executor="dask"``.

    Returns
    -------
    AreaResult
        The merged rota, each part's figures and the whole week's check.

    Raises
    ------
    DecomposeError
        For a split that cannot be made, an unknown executor, or Dask asked for
        but not installed.
    """
    began = time.perf_counter()
    chosen = policy or load_policy()
    split = split_by_area(problem, parts, seed=seed, by=by)
    split_seconds = time.perf_counter() - began
    across = len(problem.published) - sum(len(p.problem.published) for p in split)
    if across and chosen.limits.change_consent:
        # A part sees only its own workers, so it cannot keep a session with a
        # worker of another area: the whole week's check judges rule consent.
        log.warning(
            "%d published line(s) join a person and a worker in different areas; "
            "short-notice changes to them may break rule consent on the whole week",
            across,
        )
    tasks = [
        PartTask(
            index=p.index,
            label=p.label,
            problem=p.problem,
            policy=chosen,
            time_limit=time_limit,
            seed=seed,
            workers=workers_per_part,
            now=now,
            reasons=reasons,
        )
        for p in split
    ]
    log.info("%d parts by area, %d at a time", len(tasks), parallel)
    solving = time.perf_counter()
    outcomes = run_parts(
        tasks,
        time_limit=time_limit,
        executor=executor,
        parallel=parallel,
        scheduler=scheduler,
    )
    solve_seconds = time.perf_counter() - solving
    assignments = sorted(
        (a for o in outcomes for a in o.assignments),
        key=lambda a: (a.start, a.worker_id, a.session_id),
    )
    checking = time.perf_counter()
    report = check(problem, assignments, chosen, now=now)
    check_seconds = time.perf_counter() - checking
    for violation in report.violations:
        log.error("hard rule broken in the merged rota: %s", violation.message)
    return AreaResult(
        problem=problem,
        parts=sorted(outcomes, key=lambda o: o.index),
        report=report,
        assignments=assignments,
        wall_seconds=time.perf_counter() - began,
        split_seconds=split_seconds,
        solve_seconds=solve_seconds,
        check_seconds=check_seconds,
        seed=seed,
        workers_per_part=workers_per_part,
        parallel=parallel,
        executor=executor,
        policy_name=chosen.name,
    )
