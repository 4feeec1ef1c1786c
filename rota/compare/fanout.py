"""Running the runs: one after another here, or on Dask distributed.

The runs are independent, so they fan out as they are: a LocalCluster of two
one-thread worker processes, or any running cluster by its scheduler's address.
Each run is a plain solve with one CP-SAT worker and a fixed seed, so where it
runs changes nothing in its figures (only ``wall_seconds``).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from concurrent.futures import Future, as_completed

from ..decompose.schedule import open_executor
from .runs import RunOutcome, RunSpec, run_one

LOCAL_WORKERS = 2
"""Worker processes of the LocalCluster ``scheduler="local"`` starts."""

OnDone = Callable[[RunOutcome, int, int], None]
"""on_done(outcome, runs finished, runs in all), in the order runs finish."""


class CompareError(Exception):
    """A comparison that cannot be run as asked; the message is one plain line."""


def run_all(
    specs: Sequence[RunSpec],
    *,
    scheduler: str | None = None,
    on_done: OnDone | None = None,
) -> list[RunOutcome]:
    """Every run, in the order of ``specs``.

    Parameters
    ----------
    specs
        The runs.
    scheduler
        None: one after another in this process; ``"local"``: a LocalCluster of
        :data:`LOCAL_WORKERS` processes; otherwise a Dask scheduler's address
        (``tcp://host:8786``).
    on_done
        Called as each run finishes.
    """
    if scheduler is None:
        kind, slots, address = "serial", 1, None
    else:
        if importlib.util.find_spec("distributed") is None:
            raise CompareError(
                "running on Dask needs dask.distributed: pip install 'rota[scale]' "
                "(or --scheduler none)"
            )
        kind, slots = "dask", LOCAL_WORKERS
        address = None if scheduler == "local" else scheduler
    outcomes: dict[int, RunOutcome] = {}
    try:
        with open_executor(kind, slots, address) as pool:
            futures: dict[Future[RunOutcome], int] = {
                pool.submit(run_one, spec): i for i, spec in enumerate(specs)
            }
            for future in as_completed(futures):
                outcome = future.result()
                outcomes[futures[future]] = outcome
                if on_done is not None:
                    on_done(outcome, len(outcomes), len(specs))
    except OSError as exc:
        raise CompareError(
            f"cannot reach the Dask scheduler {scheduler}: {exc}"
        ) from None
    return [outcomes[i] for i in range(len(specs))]
