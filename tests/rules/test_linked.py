"""Rule ``linked_sessions``: two visits tied together, by two different workers."""

from __future__ import annotations

import pytest
from helpers import (
    assign,
    broken,
    check,
    covering,
    person,
    rostered,
    session,
    solve,
    week,
    worker,
)

STEP = {"window_step_minutes": 15}


def _pair(min_delay: int, max_delay: int, latest: str = "11:00"):
    """Ann needs a hoist call at 09:00 (fixed) and a medication call whose start
    may fall 09:00-``latest``, linked to the first with the given delay. Bea has
    the hoist skill, Cal medication, Dan both."""
    return week(
        [
            worker("bea", skills=("hoist",)),
            worker("cal", skills=("meds",)),
            worker("dan", skills=("hoist", "meds")),
        ],
        [person("ann")],
        [
            session("s1", "ann", 0, "09:00", "09:30", skills_required=("hoist",)),
            session(
                "s2",
                "ann",
                0,
                "09:00",
                "09:30",
                skills_required=("meds",),
                latest_start=latest,
                linked_to="s1",
                min_delay_minutes=min_delay,
                max_delay_minutes=max_delay,
            ),
        ],
    )


def _start(result, session_id: str) -> int:
    data = result.data
    (slot,) = {
        k
        for _, k in result.plan.pairs
        if data.sessions[data.slots[k].session].id == session_id
    }
    return data.slots[slot].start


def test_linked_sessions_keep_their_delay() -> None:
    """linked_sessions: the medication call must start 60-90 minutes after the
    hoist call (09:00), so 10:00-10:30, by another worker than the first.

    Expected: both covered, by two workers, delay in [60, 90]; objective 0."""
    result = solve(_pair(60, 90), covering(STEP))
    pairs = rostered(result)
    assert {s for s, _ in pairs} == {"s1", "s2"}
    assert len({w for _, w in pairs}) == 2
    assert 60 <= _start(result, "s2") - _start(result, "s1") <= 90
    assert result.objective_raw == 0


def test_linked_sessions_simultaneous_needs_two_workers() -> None:
    """linked_sessions: delay 0/0 is a double-up: both calls at 09:00. With Dan
    alone (both skills) neither is covered, not one: objective = two calls
    uncovered at 300 an hour x 30 minutes = 18000."""
    problem = _pair(0, 0)
    alone = problem.model_copy(update={"workers": problem.workers[2:]})
    result = solve(alone, covering(STEP))
    assert rostered(result) == set()
    assert result.objective_raw == 2 * 300 * 30
    together = solve(problem, covering(STEP))
    assert _start(together, "s1") == _start(together, "s2") == 9 * 60


@pytest.mark.parametrize(
    ("assignments", "what"),
    [
        ([("s2", "cal", "10:00", "10:30")], "s1 is not covered"),
        (
            [("s1", "dan", "09:00", "09:30"), ("s2", "dan", "10:00", "10:30")],
            "need different workers",
        ),
        (
            [("s1", "bea", "09:00", "09:30"), ("s2", "cal", "09:30", "10:00")],
            "starts 30 minutes after s1 (between 60 and 90 needed)",
        ),
    ],
)
def test_linked_sessions_check_names_the_breach(
    assignments: list[tuple[str, str, str, str]], what: str
) -> None:
    """linked_sessions: a hand rota with only one of the pair, both by one worker,
    or the second too soon, breaks exactly this rule, and says how."""
    report = check(
        _pair(60, 90),
        covering(STEP),
        *(assign(s, w, 0, a, b) for s, w, a, b in assignments),
    )
    assert broken(report) == {"linked_sessions"}
    assert any(what in v.message for v in report.violations)


def test_linked_sessions_reference_must_exist() -> None:
    """linked_sessions: linked_to naming no session is an error naming the file,
    column and value."""
    problem = _pair(0, 0)
    bad = problem.sessions[1].model_copy(update={"linked_to": "nope"})
    with pytest.raises(ValueError, match=r"linked_to.*'nope' is not a session"):
        type(problem)(
            workers=problem.workers,
            users=problem.users,
            sessions=(problem.sessions[0], bad),
            horizon=problem.horizon,
        )


def test_linked_sessions_short_delay_gets_its_own_start() -> None:
    """linked_sessions: a second call 1-2 minutes after the first (09:00) is not on
    the window's 15-minute steps; the linked session is offered 09:01 as well, so
    both are covered, 1 minute apart (objective 0)."""
    result = solve(_pair(1, 2), covering(STEP))
    assert _start(result, "s2") - _start(result, "s1") == 1
    assert result.objective_raw == 0
