"""A policy comparison running in the background while its page shows progress.

As with a solve (:mod:`ui.jobs`), the runs go on in a thread of their own so the
page can redraw its progress bar; the comparison itself is one call into
:func:`rota.compare.compare`.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import streamlit as st

from rota.compare import Comparison, compare
from rota.model import Problem
from rota.store import WeekRef

JOB = "compare_job"


@dataclass
class CompareJob:
    """One background comparison and what it has reported so far."""

    week: WeekRef
    policies: list[str]
    weeks: int
    time_limit: float
    scheduler: str | None
    started: float = field(default_factory=time.monotonic)
    finished: int = 0
    comparison: Comparison | None = None
    error: str | None = None
    done: bool = False

    @property
    def total(self) -> int:
        """Runs in all: one per policy and week."""
        return len(self.policies) * self.weeks

    @property
    def elapsed(self) -> float:
        """Seconds since the comparison started."""
        return time.monotonic() - self.started


def _work(job: CompareJob, problem: Problem) -> None:
    try:

        def done(_outcome: object, finished: int, _total: int) -> None:
            job.finished = finished

        job.comparison = compare(
            problem,
            job.policies,
            weeks=job.weeks,
            seed=0,
            time_limit=job.time_limit,
            workers=1,
            scheduler=job.scheduler,
            on_done=done,
        )
    except Exception as exc:  # shown on the page, never a traceback
        job.error = f"{exc.__class__.__name__}: {exc}"
    finally:
        job.done = True


def start(
    problem: Problem,
    week: WeekRef,
    policies: list[str],
    *,
    weeks: int,
    time_limit: float,
    scheduler: str | None,
) -> CompareJob:
    """Start comparing ``policies`` on the week (and its variants) in the
    background."""
    job = CompareJob(week, list(policies), weeks, time_limit, scheduler)
    threading.Thread(target=_work, args=(job, problem), daemon=True).start()
    st.session_state[JOB] = job
    return job


def current() -> CompareJob | None:
    """The session's comparison, running or finished."""
    job = st.session_state.get(JOB)
    return job if isinstance(job, CompareJob) else None


def wait(job: CompareJob, seconds: float) -> None:
    """Block until the comparison ends (for tests and scripted runs)."""
    deadline = time.monotonic() + seconds
    while not job.done and time.monotonic() < deadline:
        time.sleep(0.1)
