"""Stopping a search from another thread (Ctrl-C, SIGTERM, a Stop button).

Two halves: :func:`stoppable` stops a running CP-SAT search when the event is set,
and :func:`checkpoint` lets the Python phases around it (compiling, building the
model, the greedy rota, repairs) give up between steps by raising :class:`Stopped`,
which the engine catches to keep the best rota it has. Every CP-SAT solver is made
by :func:`new_solver` so none installs its own SIGINT handler: the caller's
handler is the one that acts (several solvers running at once each swap the
process's handler in and out otherwise, and a Ctrl-C then aborts the process with
``std::bad_function_call``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ortools.sat.python import cp_model


class Stopped(Exception):
    """A stop was asked for during a phase that has no rota to give back yet."""


def checkpoint(stop: threading.Event | None) -> None:
    """Raise :class:`Stopped` when ``stop`` is set; cheap enough for any loop."""
    if stop is not None and stop.is_set():
        raise Stopped


def new_solver() -> cp_model.CpSolver:
    """A CP-SAT solver that leaves SIGINT to the program (see the module note)."""
    solver = cp_model.CpSolver()
    solver.parameters.catch_sigint_signal = False
    return solver


@contextmanager
def stoppable(
    solver: cp_model.CpSolver, stop: threading.Event | None
) -> Iterator[None]:
    """Within this block, setting ``stop`` stops ``solver``'s search."""
    if stop is None:
        yield
        return
    searched = threading.Event()

    def watch() -> None:
        # stop_search() is a no-op until solve() has started, so a stop set while
        # the model was being built would be lost: keep asking until it is over.
        while not searched.wait(0.05):
            if stop.is_set():
                solver.stop_search()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield
    finally:
        searched.set()
        watcher.join()


class Phases:
    """Seconds spent in each phase of a solve, for summary.json."""

    def __init__(self) -> None:
        import time

        self._now = time.perf_counter
        self._mark = self._now()
        self.seconds: dict[str, float] = {}

    def lap(self, name: str) -> None:
        """Charge the time since the last lap to ``name``."""
        now = self._now()
        self.seconds[name] = round(self.seconds.get(name, 0.0) + now - self._mark, 3)
        self._mark = now
