"""Ctrl-C and SIGTERM during a solve: the first stops it, a second exits at once.

A Python signal handler runs only in the main thread, between bytecodes, so it
cannot run while the main thread sits in CP-SAT's ``solve()``. The work runs in
a thread of its own instead, and the main thread only waits, ready to take the
signal: the first sets the engine's ``stop`` event (every phase checks it, see
rota/solver/stopping.py) and the best rota found is kept; a second ends the
process at once with 128 + the signal's number (130 for Ctrl-C), without a
traceback and without writing anything. While the outputs are being moved into
place, a second signal waits for the moves to end so no half-published folder
is left.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any, TypeVar

from .app import console, err_console

T = TypeVar("T")

SIGNALS = (signal.SIGINT, signal.SIGTERM)
STOPPING = "stopping: keeping the best rota found"
REPEAT_SECONDS = 0.25
"""A second signal this soon after the first is the same one delivered twice:
``timeout -s INT`` sends it to the process and then to its whole group, and no
one presses Ctrl-C twice within a quarter of a second."""


class Interrupts:
    """The stop event of one command and the signal handlers that set it."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        self.asked = False
        """True once a signal asked to stop (the engine sets ``stop`` itself too)."""
        self._first = 0.0
        self._holding = False
        self._pending: int | None = None

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if not self.asked:
            self.asked = True
            self._first = time.monotonic()
            self.stop.set()
            console.print(f"[yellow]{STOPPING}[/yellow]", highlight=False)
            return
        if time.monotonic() - self._first < REPEAT_SECONDS:
            return  # the same stop delivered twice (see REPEAT_SECONDS)
        if self._holding:
            self._pending = signum
            return
        _exit_now(signum)

    @contextmanager
    def installed(self) -> Iterator[Interrupts]:
        """SIGINT and SIGTERM handled by this object within the block.

        Only the main thread may set handlers; elsewhere (a test runner's thread)
        the block runs with the signals as they are.
        """
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        previous = {s: signal.signal(s, self._handle) for s in SIGNALS}
        try:
            yield self
        finally:
            for s, handler in previous.items():
                signal.signal(s, handler)

    @contextmanager
    def held(self) -> Iterator[None]:
        """A second signal waits until the block (moving files into place) ends."""
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
            if self._pending is not None:
                _exit_now(self._pending, "stopped at once, the outputs in place")

    def run(self, work: Callable[[], T]) -> T:
        """``work()`` in a thread of its own; the main thread waits, taking signals."""
        box: dict[str, Any] = {}

        def target() -> None:
            try:
                box["value"] = work()
            except BaseException as exc:  # handed to the main thread below
                box["error"] = exc

        thread = threading.Thread(target=target, name="rota-solve", daemon=True)
        thread.start()
        while thread.is_alive():
            thread.join(0.1)
        if "error" in box:
            raise box["error"]
        return box["value"]


def _exit_now(signum: int, say: str = "stopped at once; no outputs written") -> None:
    """End the process at once: no clean-up that could wait on CP-SAT's threads."""
    err_console.print(say, highlight=False)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(128 + signum)
