"""Rule ``availability``: stated availability is a limit, unavailable always blocks."""

from __future__ import annotations

from helpers import (
    agreement,
    assign,
    broken,
    check,
    covering,
    person,
    rostered,
    session,
    solve,
    week,
    window,
    worker,
)

# Ann would rather see Bea (non_preferred_worker 2 points an hour), so without the
# availability rule the solver would send Bea to her Monday 09:00-10:00 session.
POLICY = covering(non_preferred_worker=2)
ANN = person("ann", preferred_workers=("bea",))
S1 = session("s1", "ann", 0, "09:00", "10:00")


def test_availability_sends_the_worker_who_stated_the_time() -> None:
    """availability: a worker who stated other hours is never rostered outside them.

    Bea stated Monday 12:00-18:00 only; Cal stated nothing, so may work any time.
    Expected: Cal covers s1; objective = non_preferred_worker 2 x 60 min = 120.
    """
    problem = week(
        [worker("bea"), worker("cal")],
        [ANN],
        [S1],
        availability=[window("bea", 0, "12:00", "18:00")],
    )
    result = solve(problem, POLICY)
    assert rostered(result) == {("s1", "cal")}
    assert result.objective_raw == 2 * 60


def test_availability_unavailable_blocks_inside_stated_hours() -> None:
    """availability: an `unavailable` row blocks even inside a stated window.

    Bea is available 08:00-12:00 but unavailable 09:30-11:00 (an appointment), and
    she is the only worker. Expected: s1 uncovered; objective = 300 x 60 = 18000.
    """
    problem = week(
        [worker("bea")],
        [ANN],
        [S1],
        availability=[
            window("bea", 0, "08:00", "12:00"),
            window("bea", 0, "09:30", "11:00", "unavailable"),
        ],
    )
    result = solve(problem, POLICY)
    assert rostered(result) == set()
    assert result.objective_raw == 300 * 60


def test_availability_agreed_window_widens_and_a_no_does_not() -> None:
    """availability: a 'yes' to an availability request widens exactly that window;
    a 'no' changes nothing.

    Bea stated Monday 12:00-18:00 only and is the only worker. With her 'yes' for
    09:00-10:00 she covers s1 (objective 0); with a 'no' s1 stays uncovered (18000).
    """
    base = {
        "workers": [worker("bea")],
        "users": [ANN],
        "sessions": [S1],
        "availability": [window("bea", 0, "12:00", "18:00")],
    }
    asked = {"date": 0, "start": "09:00", "end": "10:00"}
    yes = week(**base, agreements=[agreement("a1", "bea", "availability", **asked)])
    no = week(
        **base,
        agreements=[agreement("a1", "bea", "availability", answer="no", **asked)],
    )
    assert rostered(solve(yes, POLICY)) == {("s1", "bea")}
    assert solve(yes, POLICY).objective_raw == 0
    assert solve(no, POLICY).objective_raw == 300 * 60


def test_availability_check_reports_work_outside_stated_hours() -> None:
    """availability: the checker flags a rota that sends a worker outside her hours
    (and does not flag one inside them)."""
    problem = week(
        [worker("bea")],
        [ANN],
        [S1, session("s2", "ann", 0, "13:00", "14:00")],
        availability=[window("bea", 0, "12:00", "18:00")],
    )
    outside = check(problem, POLICY, assign("s1", "bea", 0, "09:00", "10:00"))
    inside = check(problem, POLICY, assign("s2", "bea", 0, "13:00", "14:00"))
    assert broken(outside) == {"availability"}
    assert [v.sessions for v in outside.violations] == [(0,)]
    assert inside.ok


def test_availability_check_reports_an_unavailable_window() -> None:
    """availability: the checker flags work overlapping an `unavailable` window of a
    worker who stated nothing else."""
    problem = week(
        [worker("bea")],
        [ANN],
        [S1],
        availability=[window("bea", 0, "09:45", "12:00", "unavailable")],
    )
    report = check(problem, POLICY, assign("s1", "bea", 0, "09:00", "10:00"))
    assert broken(report) == {"availability"}
    assert "unavailable" in report.violations[0].message
