"""Sample weeks: deterministic, the sizes asked for, realistic and self-consistent."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from rota.generate import DEFAULT_START, generate_week, resolve_size
from rota.io import write_folder
from rota.model import Problem
from rota.model.time import span

ARCHETYPES = {
    "older_home_care",
    "children_respite",
    "learning_disability",
    "mental_health",
}


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _hours(problem: Problem) -> float:
    total = 0.0
    for s in problem.sessions:
        begin, end = span(s.date, s.start, s.end)
        total += (end - begin).total_seconds() / 3600 * s.staff_required
    return total


@pytest.fixture(scope="module")
def medium() -> Problem:
    return generate_week("medium", seed=2)


def test_same_seed_gives_identical_files(tmp_path: Path) -> None:
    """A seed fixes the week byte for byte (sample data and benchmarks rely on it)."""
    write_folder(generate_week("small", seed=7), tmp_path / "a")
    write_folder(generate_week("small", seed=7), tmp_path / "b")
    assert _bytes(tmp_path / "a") == _bytes(tmp_path / "b")


def test_different_seeds_give_different_weeks(tmp_path: Path) -> None:
    """Another seed is another week, not the same one relabelled."""
    write_folder(generate_week("small", seed=7), tmp_path / "a")
    write_folder(generate_week("small", seed=8), tmp_path / "b")
    first, second = _bytes(tmp_path / "a"), _bytes(tmp_path / "b")
    assert first["sessions.csv"] != second["sessions.csv"]
    assert first["workers.csv"] != second["workers.csv"]


@pytest.mark.parametrize(
    ("size", "seed", "workers", "people", "sessions"),
    [
        ("small", 1, 10, 15, (80, 160)),
        ("small", 5, 10, 15, (80, 160)),
        ("medium", 2, 40, 60, (330, 500)),
    ],
)
def test_named_sizes(
    size: str, seed: int, workers: int, people: int, sessions: tuple[int, int]
) -> None:
    """Named sizes give the documented team, caseload and number of sessions."""
    problem = generate_week(size, seed=seed)
    assert len(problem.workers) == workers
    assert len(problem.users) == people
    low, high = sessions
    assert low <= len(problem.sessions) <= high


def test_number_of_workers_scales_people() -> None:
    """An integer size is a head count; the caseload grows in proportion."""
    assert resolve_size(20) == (20, 32)
    assert resolve_size("100") == (100, 160)
    problem = generate_week(20, seed=3)
    assert len(problem.workers) == 20
    assert len(problem.users) == 32


@pytest.mark.parametrize("size", ["tiny", "2", "-5", ""])
def test_bad_sizes_are_refused(size: str) -> None:
    """Unknown names and teams too small to hold every archetype are errors."""
    with pytest.raises(ValueError, match="size must be"):
        resolve_size(size)


def test_week_starts_on_the_given_monday() -> None:
    """Every session falls in the seven days from the Monday asked for."""
    monday = dt.date(2027, 3, 1)
    problem = generate_week("small", seed=1, start=monday)
    assert problem.period.start == monday and problem.period.days == 7
    assert {s.date for s in problem.sessions} <= {
        monday + dt.timedelta(days=i) for i in range(7)
    }
    assert generate_week("small", seed=1).period.start == DEFAULT_START


def test_a_start_that_is_not_a_monday_is_refused() -> None:
    """Weeks start on Mondays: another day is an error, not silently moved."""
    with pytest.raises(ValueError, match="Monday"):
        generate_week("small", seed=1, start=dt.date(2026, 12, 1))


def test_every_archetype_is_present_in_medium(medium: Problem) -> None:
    """Medium weeks hold all four kinds of support, each with its typical sessions."""
    kinds = Counter(u.extra["archetype"] for u in medium.users)
    assert set(kinds) == ARCHETYPES
    by_kind: dict[str, list] = {k: [] for k in ARCHETYPES}
    for s in medium.sessions:
        by_kind[medium.user_by_id[s.user_id].extra["archetype"]].append(s)
    older = by_kind["older_home_care"]
    assert any(s.staff_required == 2 and "hoist" in s.skills_required for s in older)
    assert any("medication" in s.skills_required for s in older)
    assert all(s.priority == "essential" for s in older if s.skills_required)
    children = by_kind["children_respite"]
    assert any(s.date.weekday() >= 5 for s in children)
    assert any(s.start == dt.time(15, 30) for s in children)
    learning = by_kind["learning_disability"]
    assert any(s.kind == "sleep_in" and s.end == dt.time(7, 0) for s in learning)
    assert any(s.kind == "outing" and s.lat is not None for s in learning)
    assert all(s.priority == "flexible" for s in learning if s.kind == "outing")
    outreach = by_kind["mental_health"]
    assert all(30 <= s.flex_minutes <= 60 for s in outreach)


def test_ids_are_unique_and_references_resolve(medium: Problem) -> None:
    """Ids are unique in their files and every reference names a real record."""
    for ids in (
        [w.worker_id for w in medium.workers],
        [u.user_id for u in medium.users],
        [s.session_id for s in medium.sessions],
    ):
        assert len(ids) == len(set(ids))
    rebuilt = Problem.model_validate(medium.model_dump())
    assert rebuilt.sessions == medium.sessions
    workers = set(medium.worker_by_id)
    for user in medium.users:
        assert set(user.preferred_workers) <= workers
        assert set(user.excluded_workers) <= workers
        assert not set(user.preferred_workers) & set(user.excluded_workers)


def test_staff_look_like_a_care_team(medium: Problem) -> None:
    """Contracts, pay, travel limits and transport fall in realistic ranges."""
    contracts = Counter(w.extra["contract"] for w in medium.workers)
    assert set(contracts) == {"full_time", "part_time", "relief"}
    for w in medium.workers:
        assert 11.5 <= w.hourly_rate <= 13.5
        if w.extra["contract"] == "full_time":
            assert 35 <= w.contracted_hours <= 37.5 and 40 <= w.max_hours <= 45
        elif w.extra["contract"] == "part_time":
            assert 16 <= w.contracted_hours <= 25
        else:
            assert w.contracted_hours == 0 and 20 <= w.max_hours <= 30
    limits = [w.max_travel_minutes or 45 for w in medium.workers]
    assert sum(30 <= m <= 45 for m in limits) >= 0.9 * len(limits)
    transport = Counter(w.transport for w in medium.workers)
    assert transport["car"] > len(medium.workers) / 2
    assert transport["walk"] + transport["public"] >= 1
    needed = {k for s in medium.sessions for k in s.skills_required}
    assert {k for w in medium.workers for k in w.skills} == needed


def test_availability_mixes_patterns_leave_and_wishes(medium: Problem) -> None:
    """Some staff state nothing, others windows; some leave, preferences, dislikes."""
    kinds: dict[str, set[str]] = {w.worker_id: set() for w in medium.workers}
    for row in medium.availability:
        kinds[row.worker_id].add(row.kind)
        if row.kind in ("preferred", "undesired"):
            assert row.weight is not None and row.weight > 0
    stated = [k for k in kinds.values() if k & {"available"}]
    assert 0 < len(stated) < len(medium.workers)
    every = set().union(*kinds.values())
    assert every == {"available", "preferred", "undesired", "unavailable"}


def test_budgets_are_sized_to_packages(medium: Problem) -> None:
    """Most budgets cover the package, a few fall slightly short, rates are £22-£28."""
    cost: Counter[str] = Counter()
    for s in medium.sessions:
        user = medium.user_by_id[s.user_id]
        begin, end = span(s.date, s.start, s.end)
        hours = (end - begin).total_seconds() / 3600
        cost[s.user_id] += hours * s.staff_required * (user.charge_rate or 25.0)
    capped = [u for u in medium.users if u.weekly_budget is not None]
    short = [u for u in capped if u.weekly_budget < cost[u.user_id] - 1e-6]
    assert 0 < len(short) < len(capped) / 3
    for u in short:
        assert u.weekly_budget >= 0.8 * cost[u.user_id]
    rates = [u.charge_rate for u in medium.users if u.charge_rate is not None]
    assert rates and all(22 <= r <= 28 for r in rates)


def test_wishes_about_staff_appear(medium: Problem) -> None:
    """Preferred and excluded workers, gender wishes and continuity caps all occur."""
    users = medium.users
    assert sum(bool(u.preferred_workers) for u in users) >= len(users) / 4
    assert any(u.excluded_workers for u in users)
    assert any(u.gender_preference == "female" for u in users)
    caps = [u.max_distinct_workers for u in users if u.max_distinct_workers]
    assert caps and all(2 <= c <= 5 for c in caps)


def test_places_form_a_town_about_20_km_across(medium: Problem) -> None:
    """Homes sit in one town: a Scottish town's latitude, no two over 25 km apart."""
    from rota.model.travel import haversine_km

    points = list(medium.places().values())
    assert all(55 < lat < 57 and -6 < lon < -2 for lat, lon in points)
    widest = max(haversine_km(a, b) for a in points for b in points)
    assert 8 < widest < 25


def test_supply_exceeds_demand_overall(medium: Problem) -> None:
    """The team's maximum hours exceed the hours asked for, with room to spare."""
    capacity = sum(w.max_hours for w in medium.workers)
    assert 0.55 * capacity < _hours(medium) < 0.85 * capacity
