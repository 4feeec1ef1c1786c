"""Stopping a CP-SAT search from another thread (Ctrl-C, a Stop button)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ortools.sat.python import cp_model


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
