"""What a solve leaves to negotiate: a reason for each uncovered session, and the
asks that would cover them."""

from __future__ import annotations

from ..model import Ask
from ..result import Result
from .asks import propose_asks
from .unmet import cannot_cover, unmet_reasons


def negotiation_reserve(time_limit: float) -> float:
    """Seconds of a time limit kept for the reasons and asks after the solve."""
    return min(0.1 * time_limit, 8.0)


def negotiate(
    result: Result, deadline: float | None = None
) -> tuple[dict[int, str], list[Ask]]:
    """Short reasons for the unmet sessions, and the asks that would cover them.

    Parameters
    ----------
    result
        A solve's result.
    deadline
        A ``time.perf_counter()`` moment: sessions not reached by then get a reason
        saying so and no ask (the command's time limit is a promise).

    Returns
    -------
    tuple
        Reasons by session index (an uncovered session no ask can help says so
        plainly: "cannot be covered: ..."), and the asks in the order proposed.
        With no rota at all, every session gets the reason why and there are no
        asks.
    """
    if result.no_rota is not None:
        return {s.index: result.no_rota for s in result.data.sessions}, []
    reasons = unmet_reasons(result.data, result.plan, deadline=deadline)
    examined: set[int] = set()
    asks = propose_asks(result.data, result.plan, deadline=deadline, examined=examined)
    reasons.update(
        cannot_cover(result.data, result.plan, asks, reasons=reasons, examined=examined)
    )
    return reasons, asks
