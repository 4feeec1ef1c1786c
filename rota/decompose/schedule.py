"""Running the parts: a few at a time, sharing one deadline, on a chosen executor.

Each part's time limit is set when it starts, from the time left: the core-seconds
still free before the deadline are shared among the parts not yet started, in
proportion to their sessions. A part that overran (building a model takes what
it takes) leaves less for the rest, so the whole stays close to its limit. The
largest parts start first, so the small ones fill the gaps at the end.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    Executor,
    Future,
    ProcessPoolExecutor,
    wait,
)
from contextlib import contextmanager
from typing import Any, Literal

from .parts import PartOutcome, PartTask, solve_part
from .split import DecomposeError

ExecutorKind = Literal["process", "dask", "serial"]

MIN_PART_SECONDS = 1.0
"""No part is given less search time than this (its first rota may take longer)."""


def run_parts(
    tasks: Sequence[PartTask],
    *,
    time_limit: float,
    executor: ExecutorKind = "process",
    parallel: int = 2,
    scheduler: str | None = None,
) -> list[PartOutcome]:
    """Solve every part, ``parallel`` at a time, within about ``time_limit``.

    Parameters
    ----------
    tasks
        The parts (their own ``time_limit`` is replaced when each starts).
    time_limit
        Seconds for all the parts together.
    executor
        ``"process"``: a pool of spawned processes on this machine; ``"dask"``: a
        dask.distributed cluster (a local one, or ``scheduler``'s); ``"serial"``:
        one after another in this process.
    parallel
        Parts solved at the same time.
    scheduler
        Address of a running Dask scheduler (``executor="dask"`` only).

    Returns
    -------
    list[PartOutcome]
        One outcome per part, in the order of ``tasks``.

    Raises
    ------
    DecomposeError
        For an unknown executor, or Dask asked for but not installed.
    """
    if executor not in ("process", "dask", "serial"):
        raise DecomposeError(
            f"executor must be process, dask or serial, not '{executor}'"
        )
    if not tasks:
        return []
    slots = 1 if executor == "serial" else max(1, min(parallel, len(tasks)))
    deadline = time.perf_counter() + time_limit
    with open_executor(executor, slots, scheduler) as pool:
        done = _schedule(tasks, pool.submit, slots=slots, deadline=deadline)
    return [done[t.index] for t in tasks]


def _schedule(
    tasks: Sequence[PartTask],
    submit: Callable[..., Future[Any]],
    *,
    slots: int,
    deadline: float,
) -> dict[int, PartOutcome]:
    """Start parts as slots free up, each with its share of the time left."""
    pending = sorted(tasks, key=lambda t: (-_weight(t), t.index))
    running: dict[Future[Any], tuple[float, float]] = {}
    done: dict[int, PartOutcome] = {}
    while pending or running:
        while pending and len(running) < slots:
            task = pending.pop(0)
            now = time.perf_counter()
            busy = sum(
                max(0.0, start + limit - now) for start, limit in running.values()
            )
            free = max(0.0, (deadline - now) * slots - busy)
            weight = _weight(task)
            share = weight / (weight + sum(_weight(t) for t in pending))
            limit = max(MIN_PART_SECONDS, free * share)
            future = submit(solve_part, dataclasses.replace(task, time_limit=limit))
            running[future] = (now, limit)
        finished, _ = wait(list(running), return_when=FIRST_COMPLETED)
        for future in finished:
            del running[future]
            outcome: PartOutcome = future.result()
            done[outcome.index] = outcome
    return done


def _weight(task: PartTask) -> float:
    """How much search a part deserves: its number of sessions (at least one)."""
    return float(max(1, len(task.problem.sessions)))


@contextmanager
def open_executor(kind: str, slots: int, scheduler: str | None) -> Iterator[Executor]:
    """An executor of ``kind`` (process, dask or serial) running ``slots`` calls at
    once; ``scheduler`` is a running Dask scheduler's address (dask only), else a
    LocalCluster of ``slots`` one-thread worker processes. Closed on leaving."""
    if kind == "serial":
        yield _Serial()
    elif kind == "process":
        # spawn, not fork: a forked copy of a process with running threads (a web
        # server, a progress bar, OR-Tools) can deadlock.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=slots, mp_context=context) as pool:
            yield pool
    else:
        with _dask(slots, scheduler) as pool:
            yield pool


@contextmanager
def _dask(slots: int, scheduler: str | None) -> Iterator[Executor]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise DecomposeError(
            "executor 'dask' needs dask.distributed: pip install 'rota[scale]'"
        ) from None
    if scheduler is not None:
        with Client(scheduler) as client:
            yield client.get_executor(pure=False)
        return
    with (
        LocalCluster(
            n_workers=slots,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client.get_executor(pure=False)


class _Serial(Executor):
    """Runs each call at once, in this process (for one part at a time)."""

    def submit(
        self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any
    ) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:
            future.set_exception(exc)
        return future
