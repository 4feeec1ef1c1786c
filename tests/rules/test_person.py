"""Rules ``skills``, ``excluded_worker`` and ``gender``: what the session and the
person require of the worker."""

from __future__ import annotations

from helpers import (
    assign,
    broken,
    check,
    covering,
    journey,
    person,
    rostered,
    session,
    solve,
    week,
    worker,
)

# Cal lives 20 minutes from Ann's home, Bea next door; travel_minutes (1 point an
# hour) makes Bea the natural choice unless a person rule rules her out.
POLICY = covering(travel_minutes=1)
FAR = journey("cal", "ann", 20)


def test_skills_a_worker_without_the_skill_is_never_sent() -> None:
    """skills: a session needing a hoist goes to the worker trained for it.

    Bea (next door) lacks `hoist`; Cal (20 minutes away) has it. Expected: Cal covers
    s1; objective = travel 20 + 20 minutes x 1 = 40.
    """
    problem = week(
        [worker("bea", skills=("medication",)), worker("cal", skills=("hoist",))],
        [person("ann")],
        [session("s1", "ann", 0, "09:00", "10:00", skills_required=("hoist",))],
        travel=FAR,
    )
    result = solve(problem, POLICY)
    assert rostered(result) == {("s1", "cal")}
    assert result.objective_raw == 40


def test_skills_every_worker_of_a_double_up_needs_them() -> None:
    """skills: a double-up is covered only when both workers have every skill.

    Only Bea has medication; the double-up needs two with it. Expected: uncovered,
    objective = uncovered_essential 1000 x 60 = 60000.
    """
    problem = week(
        [worker("bea", skills=("medication",)), worker("cal")],
        [person("ann")],
        [
            session(
                "s1",
                "ann",
                0,
                "09:00",
                "10:00",
                staff_required=2,
                skills_required=("medication",),
                priority="essential",
            )
        ],
    )
    result = solve(problem, POLICY)
    assert rostered(result) == set()
    assert result.objective_raw == 1000 * 60


def test_excluded_worker_is_never_sent() -> None:
    """excluded_worker: a worker the person excluded is never sent, however near.

    Ann excludes Bea. Expected: Cal covers s1; objective = 40 (Cal's travel).
    """
    problem = week(
        [worker("bea"), worker("cal")],
        [person("ann", excluded_workers=("bea",))],
        [session("s1", "ann", 0, "09:00", "10:00")],
        travel=FAR,
    )
    result = solve(problem, POLICY)
    assert rostered(result) == {("s1", "cal")}
    assert result.objective_raw == 40


def test_gender_only_a_matching_worker_is_sent() -> None:
    """gender: a person asking for a female worker gets one (matched without regard
    to case); a worker of another or no stated gender is never sent.

    Expected: Cal ("Female", 20 minutes away) covers s1; objective = 40.
    """
    problem = week(
        [worker("bea", gender="male"), worker("cal", gender="Female"), worker("dee")],
        [person("ann", gender_preference="female")],
        [session("s1", "ann", 0, "09:00", "10:00")],
        travel=FAR + journey("dee", "ann", 10),
    )
    result = solve(problem, POLICY)
    assert rostered(result) == {("s1", "cal")}
    assert result.objective_raw == 40


def test_person_rules_check_reports_each_breach() -> None:
    """skills, excluded_worker, gender: the checker names the rule each assignment
    breaks."""
    problem = week(
        [worker("bea", gender="male"), worker("cal", gender="female")],
        [
            person("ann", excluded_workers=("cal",)),
            person("bob", gender_preference="female"),
        ],
        [
            session("s1", "ann", 0, "09:00", "10:00", skills_required=("hoist",)),
            session("s2", "ann", 1, "09:00", "10:00"),
            session("s3", "bob", 2, "09:00", "10:00"),
        ],
    )
    no_skill = check(problem, POLICY, assign("s1", "bea", 0, "09:00", "10:00"))
    excluded = check(problem, POLICY, assign("s2", "cal", 1, "09:00", "10:00"))
    wrong_gender = check(problem, POLICY, assign("s3", "bea", 2, "09:00", "10:00"))
    right = check(problem, POLICY, assign("s3", "cal", 2, "09:00", "10:00"))
    assert broken(no_skill) == {"skills"}
    assert broken(excluded) == {"excluded_worker"}
    assert broken(wrong_gender) == {"gender"}
    assert right.ok
