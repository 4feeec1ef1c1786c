"""The ``rota`` command: one module per subcommand, all registered on one app."""

from __future__ import annotations

import os
import signal
import time
from types import FrameType

STARTED = time.perf_counter()
"""When the command began (before its subcommands load): a time limit counts from here."""

from .app import app as app  # noqa: E402  (after STARTED: loading counts)


def main() -> None:
    """Entry point of the ``rota`` console script."""
    # Loading the subcommands takes a second; a Ctrl-C (or SIGTERM) meanwhile has
    # nothing to keep, so it ends the process quietly rather than with a traceback.
    previous = {s: signal.signal(s, _quit) for s in (signal.SIGINT, signal.SIGTERM)}
    from . import commands  # noqa: F401  (registers the subcommands)

    for s, handler in previous.items():
        signal.signal(s, handler)
    app()


def _quit(signum: int, frame: FrameType | None) -> None:
    os._exit(128 + signum)
