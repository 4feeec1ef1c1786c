"""A solve running in the background while the page shows its progress.

The search runs in a thread of its own so the page can redraw its progress bar
and offer Stop (a rerun never interrupts the search half-way). When it ends the
run is recorded in the store, so it is kept even if the manager walks away.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import streamlit as st

from rota import solve
from rota.negotiation import negotiate, negotiation_reserve
from rota.policy import load_policy
from rota.store import RunInfo, Store, WeekRef

JOB = "solve_job"


@dataclass
class Job:
    """One background solve and what it has reported so far."""

    week: WeekRef
    policy: str
    time_limit: float
    stop: threading.Event = field(default_factory=threading.Event)
    started: float = field(default_factory=time.monotonic)
    objective: float | None = None
    bound: float | None = None
    run: RunInfo | None = None
    error: str | None = None
    done: bool = False

    @property
    def elapsed(self) -> float:
        """Seconds since the solve started."""
        return time.monotonic() - self.started


def _work(job: Job, store: Store, by: str) -> None:
    try:
        problem = store.week_data(job.week)
        if problem is None:
            raise ValueError(f"no data saved for {job.week}")
        problem, base = store.with_store(problem, job.week)
        policy = load_policy(job.policy)

        def progress(elapsed: float, objective: float, bound: float) -> None:
            job.objective, job.bound = objective, bound

        # The limit covers the asks too: the solve leaves them their share.
        deadline = time.perf_counter() + job.time_limit
        result = solve(
            problem,
            policy,
            time_limit=job.time_limit - negotiation_reserve(job.time_limit),
            seed=0,
            workers=2,
            on_progress=progress,
            stop=job.stop,
        )
        _, asks = negotiate(result, deadline=deadline)
        job.run = store.record_run(
            job.week,
            problem,
            policy,
            result.summary(),
            result.assignments,
            asks,
            by=by,
            base_version=base or None,
        )
    except Exception as exc:  # shown on the page, never a traceback
        job.error = f"{exc.__class__.__name__}: {exc}"
    finally:
        job.done = True


def start(store: Store, week: WeekRef, policy: str, time_limit: float, by: str) -> Job:
    """Start a solve of the week's data in the background."""
    job = Job(week, policy, time_limit)
    threading.Thread(target=_work, args=(job, store, by), daemon=True).start()
    st.session_state[JOB] = job
    return job


def current(week: WeekRef) -> Job | None:
    """The session's solve for ``week``, running or just finished."""
    job = st.session_state.get(JOB)
    return job if isinstance(job, Job) and job.week == week else None


def wait(job: Job, seconds: float) -> None:
    """Block until the job ends (for tests and scripted runs)."""
    deadline = time.monotonic() + seconds
    while not job.done and time.monotonic() < deadline:
        time.sleep(0.1)
