"""solve(): compile the week, pick the search for its size (rota/search/), report."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Iterable

from .build import estimated_arcs
from .model import Problem
from .model.rota import Status
from .policy import Policy, load_policy
from .result import Result as Result
from .result import evaluate as evaluate
from .result import finish
from .rules import Rule, all_rules, impossible_reasons
from .search.large import solve_large
from .search.pools import find_pools, pooled_candidates
from .search.progress import Coverage, Progress
from .search.small import Steps, solve_small
from .solver.data import Compiled, compile_problem
from .solver.model import candidate_slots
from .solver.stopping import Phases, Stopped, checkpoint

log = logging.getLogger("rota")

LNS_MIN_ARCS = 20_000
"""Weeks whose full model would have more day-route arcs use neighbourhood search."""
LNS_MIN_PAIRS = 50_000
"""...and so do weeks with more worker-visit pairs, arcs or none (a rostering
week's days hold one visit each, so its full model has no arcs at all). Curtois
Instance12 (58,431 pairs) found no roster searched whole in 60 s, and 18,708 by
the neighbourhood search; 11 (35,781) did better whole (docs/benchmarks.md)."""


def solve(
    problem: Problem,
    policy: Policy | None = None,
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    workers: int = 1,
    hint: Iterable[tuple[str, str]] | None = None,
    now: dt.datetime | None = None,
    on_progress: Progress | None = None,
    stop: threading.Event | None = None,
    greedy: bool = True,
    on_coverage: Coverage | None = None,
) -> Result:
    """Build the best rota CP-SAT finds in the time allowed.

    Parameters
    ----------
    problem
        The week (or longer horizon) to roster.
    policy
        Rules and weights; the ``balanced`` preset when None.
    time_limit
        Seconds for the whole solve: compiling, building, the construction, the
        search and the final evaluation (a little is kept back for the last).
    seed, workers
        CP-SAT's random seed and number of search workers; with the same values (and
        ``workers=1``) the answer is repeatable.
    hint
        (session_id, worker_id) pairs to start from; the published rota when None.
    now
        The moment the rota is made, for notice and frozen periods; default: the
        horizon start.
    on_progress
        Called with (elapsed, objective, bound) at each improving rota.
    stop
        Setting this event stops the search; the best rota so far is kept.
    greedy
        Start from a quick greedy rota (completed from the hint) so a first rota is
        found at once.
    on_coverage
        Called with (elapsed, sessions covered) at each improving rota, at the
        same moments as ``on_progress`` (for benchmarks: the objective alone does
        not say when every session is covered).

    Returns
    -------
    Result
        Status, objective, bound, timings, the plan and each rule's evaluation.
    """
    began = time.perf_counter()
    phases = Phases()
    policy = policy or load_policy()
    data = compile_problem(problem, policy, now=now)
    rules = all_rules()
    impossible = impossible_reasons(data, rules)
    phases.lap("compile")
    if impossible:
        # A minimum no rota can meet: say who and why at once, without a search.
        return _no_rota(
            data, rules, "INFEASIBLE", began, seed, workers, stop, impossible, phases
        )
    try:
        return _search(
            data,
            rules,
            problem,
            began=began,
            phases=phases,
            time_limit=max(0.05, time_limit - finish_reserve(time_limit)),
            seed=seed,
            workers=workers,
            hint=hint,
            on_progress=on_progress,
            stop=stop,
            greedy=greedy,
            on_coverage=on_coverage,
        )
    except Stopped:
        # Stopped while building or in the greedy: there is no rota to keep yet.
        log.info(
            "stopped after %.2fs, before a rota was found", time.perf_counter() - began
        )
        return _no_rota(
            data, rules, "UNKNOWN", began, seed, workers, stop, None, phases
        )


def finish_reserve(time_limit: float) -> float:
    """Seconds of the limit kept for evaluating the rota found."""
    return min(0.3 + 0.01 * time_limit, 0.25 * time_limit)


def _no_rota(
    data: Compiled,
    rules: list[Rule],
    status: Status,
    began: float,
    seed: int,
    workers: int,
    stop: threading.Event | None,
    impossible: list[str] | None = None,
    phases: Phases | None = None,
) -> Result:
    """The result of a solve that ends before any rota was found."""
    return finish(
        data,
        rules,
        [],
        status=status,
        objective=None,
        bound=None,
        began=began,
        first=None,
        stats={},
        seed=seed,
        workers=workers,
        stop=stop,
        impossible=impossible or (),
        phases=phases,
    )


def _search(
    data: Compiled,
    rules: list[Rule],
    problem: Problem,
    *,
    began: float,
    phases: Phases,
    time_limit: float,
    seed: int,
    workers: int,
    hint: Iterable[tuple[str, str]] | None,
    on_progress: Progress | None,
    stop: threading.Event | None,
    greedy: bool,
    on_coverage: Coverage | None = None,
) -> Result:
    """solve() once the week is compiled; a stop in a phase with no rota raises."""
    active = [r for r in rules if r.active(data)]
    candidates, _ = candidate_slots(
        data,
        [(r.id, r.blocks) for r in active if r.hard and r.filters_pairs],
        stop=stop,
    )
    checkpoint(stop)
    if hint is None:
        hint = [(line.session_id, line.worker_id) for line in problem.published]
    start_pairs = _hint_pairs(data, candidates, hint)
    deadline = began + time_limit
    moving = _with_start_variables(data, active, stop)
    steps = None
    if moving is not None:
        # The greedy and its repair place visits on the window's steps (they read
        # fixed times); the search then moves them to the minute.
        steps = Steps(data, candidates, start_pairs)
        data, candidates = moving
        start_pairs = _hint_pairs(data, candidates, hint)
    pools = find_pools(data, active, candidates)  # none with start variables
    phases.lap("candidates")
    if _large(data, pooled_candidates(data, pools, candidates)):
        return solve_large(
            data,
            rules,
            candidates,
            start_pairs,
            began=began,
            deadline=deadline,
            phases=phases,
            seed=seed,
            workers=workers,
            on_progress=on_progress,
            stop=stop,
            on_coverage=on_coverage,
            pools=pools,
        )
    return solve_small(
        data,
        rules,
        candidates,
        start_pairs,
        began=began,
        deadline=deadline,
        phases=phases,
        seed=seed,
        workers=workers,
        on_progress=on_progress,
        stop=stop,
        greedy=greedy,
        on_coverage=on_coverage,
        steps=steps,
        pools=pools,
    )


def _with_start_variables(
    data: Compiled, active: list[Rule], stop: threading.Event | None
) -> tuple[Compiled, dict[int, list[int]]] | None:
    """The week compiled with a start variable per windowed session, and its
    candidates, when the policy asks for it, every active rule's encoding allows
    it (``Rule.flexible_starts``) and the week takes the small-week path (the
    neighbourhood search's light model and moves read fixed times); None to keep
    a start per step of each window."""
    if not data.policy.limits.start_variables or all(
        s.latest is None for s in data.sessions
    ):
        return None
    blocking = [r.id for r in active if not r.takes_start_variables(data)]
    if blocking:
        log.info("start windows in steps: %s read fixed times", ", ".join(blocking))
        return None
    moving = compile_problem(data.problem, data.policy, now=None, start_variables=True)
    if not moving.start_variables:
        return None
    moving.now = data.now
    candidates, _ = candidate_slots(
        moving,
        [(r.id, r.blocks) for r in active if r.hard and r.filters_pairs],
        stop=stop,
    )
    if _large(moving, candidates):
        log.info("start windows in steps: the week takes the neighbourhood search")
        return None
    return moving, candidates


def _large(data: Compiled, candidates: dict[int, list[int]]) -> bool:
    """True when the full model is too large to search whole."""
    pairs = sum(len(slots) for slots in candidates.values())
    return pairs > LNS_MIN_PAIRS or estimated_arcs(data, candidates) > LNS_MIN_ARCS


def _hint_pairs(
    data: Compiled, candidates: dict[int, list[int]], hint: Iterable[tuple[str, str]]
) -> list[tuple[int, int]]:
    pairs = []
    for session_id, worker_id in hint:
        s = data.session_index.get(session_id)
        w = data.worker_index.get(worker_id)
        if s is None or w is None:
            continue
        # Staff were told the requested time; slots[0] is the earliest flex move.
        session = data.sessions[s]
        base = next(
            (k for k in session.slots if data.slots[k].start == session.start),
            session.slots[0],
        )
        if base in candidates.get(w, ()):
            pairs.append((w, base))
    return pairs
