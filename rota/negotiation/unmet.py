"""The short reason an uncovered session gives in unmet.csv."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence

from ..model import Ask
from ..rules import rules_by_id
from ..solver.data import Compiled
from ..solver.plan import Plan
from .why_not import SessionExplanation, WorkerExplanation, explain_index

_RULES = rules_by_id()


def _label(worker: WorkerExplanation) -> str:
    """What stops a worker, in a word or two, as the rule says it: the person's
    wishes first, then the first rule in the registry's order."""
    wishes = [r for r in worker.reasons if _RULES[r.rule].person_wish]
    first = wishes[0] if wishes else worker.reasons[0]
    return _RULES[first.rule].short_label(first.message)


def _skills_missing(data: Compiled, session: int) -> str | None:
    needed = data.sessions[session].skills
    if not needed or any(needed <= w.skills for w in data.workers):
        return None
    held = set().union(*(w.skills for w in data.workers))
    nobody = sorted(needed - held)
    if nobody:
        return f"no worker has skill {', '.join(nobody)}"
    return f"no worker has all of: {', '.join(sorted(needed))}"


def short_reason(data: Compiled, session: int, found: SessionExplanation) -> str:
    """One line on why a session is uncovered, from its explanation.

    Parameters
    ----------
    data
        The compiled problem.
    session
        The session's index.
    found
        Its explanation against the current rota.
    """
    if found.budget is not None:
        return "budget: " + found.budget.message.removeprefix(
            "the person's budget has "
        )
    missing = _skills_missing(data, session)
    if missing is not None:
        return missing
    able = found.able
    staff = found.staff
    if len(able) >= staff:
        names = ", ".join(w.worker_id for w in able[:5])
        return f"left uncovered by the search although {names} could take it"
    pool = [w for w in found.workers if not w.can_take and w.reasons]
    pool = [w for w in pool if all(r.rule != "skills" for r in w.reasons)]
    if not pool:
        return "no worker can take it"
    counts = Counter(_label(w) for w in pool)
    parts = ", ".join(f"{n} {label}" for label, n in counts.most_common())
    who = "workers with the skills" if data.sessions[session].skills else "workers"
    one = who.replace("workers", "worker")
    if able:
        others = (
            f"the other {one} is {_label(pool[0])}"
            if len(pool) == 1
            else f"the other {len(pool)} {who}: {parts}"
        )
        return f"only {len(able)} of the {staff} workers needed can take it; {others}"
    if len(pool) == 1:
        return f"the only {one} is {_label(pool[0])}"
    return f"all {len(pool)} {who} are unavailable or busy: {parts}"


NOT_EXAMINED = "not examined: the time limit ran out before its reasons were worked out"


def unmet_reasons(
    data: Compiled, plan: Plan, *, deadline: float | None = None
) -> dict[int, str]:
    """The short reason for every session the rota leaves uncovered.

    Parameters
    ----------
    data
        The compiled problem (``Result.data``).
    plan
        The rota (``Result.plan``).

    Returns
    -------
    dict[int, str]
        Session index -> e.g. "no worker has skill hoist", "all 4 workers with the
        skills are unavailable or busy: 2 not available, 1 at another visit, 1 at
        their weekly maximum" or "budget: £12.00 left this week, this session costs
        £25.00".
    """
    out: dict[int, str] = {}
    for s in data.sessions:
        if plan.covered(s.index):
            continue
        if deadline is not None and time.perf_counter() > deadline:
            out[s.index] = NOT_EXAMINED
            continue
        found = explain_index(data, plan, s.index, costs=False)
        out[s.index] = short_reason(data, s.index, found)
    return out


def cannot_cover(
    data: Compiled,
    plan: Plan,
    asks: Sequence[Ask],
    *,
    reasons: dict[int, str] | None = None,
    examined: set[int] | None = None,
) -> dict[int, str]:
    """'cannot be covered: <reason>' for each uncovered session no ask would cover.

    Parameters
    ----------
    data, plan
        The compiled problem and the rota.
    asks
        The asks proposed for the rota (:func:`~rota.negotiation.propose_asks`).

    Returns
    -------
    dict[int, str]
        Session index -> the plain statement, for the sessions left out of every ask.
    """
    asked = {sid for a in asks for sid in a.session_ids}
    if reasons is None:
        reasons = unmet_reasons(data, plan)
    return {
        s: f"cannot be covered: {reason}"
        for s, reason in reasons.items()
        if data.sessions[s].id not in asked
        and reason != NOT_EXAMINED
        and (examined is None or s in examined)
    }
