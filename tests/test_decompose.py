"""Decomposition by area: splitting a week into parts, solving them, merging."""

from __future__ import annotations

import importlib.util
from collections import Counter
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from printed import shows
from typer.testing import CliRunner

import rota
from rota.cli import (
    app,
    commands,  # noqa: F401  (registers the subcommands)
)
from rota.decompose import (
    DecomposeError,
    Part,
    run_parts,
    solve_by_area,
    split_by_area,
)
from rota.decompose.balance import balanced_assign
from rota.generate import generate_week_with_plan
from rota.io import write_folder
from rota.model import Agreement, Problem, PublishedAssignment, TravelEntry
from rota.policy import Limits, Policy

runner = CliRunner()


@cache
def _week() -> Problem:
    """A generated 20-worker week with a published rota, journeys and agreements.

    The extra records reach across the whole town, so some link people and
    workers that end up in different parts.
    """
    problem, plan = generate_week_with_plan(20, seed=3)
    workers = [w.worker_id for w in problem.workers]
    users = [u.user_id for u in problem.users]
    sessions = [s.session_id for s in problem.sessions]
    travel = [
        TravelEntry(from_id=workers[i], to_id=users[j], minutes=5 + i)
        for i in range(0, len(workers), 3)
        for j in range(0, len(users), 5)
    ]
    agreements = [
        Agreement(
            agreement_id=f"A{i}",
            party_id=workers[i],
            kind="travel",
            session_id=sessions[i * 7],
            answer="yes",
        )
        for i in range(6)
    ] + [
        Agreement(
            agreement_id="A-ot",
            party_id=workers[1],
            kind="overtime",
            extra_minutes=60,
            answer="no",
        )
    ]
    return problem.model_copy(
        update={
            "published": tuple(
                PublishedAssignment(session_id=s, worker_id=w) for s, w in plan[::2]
            ),
            "travel": tuple(travel),
            "agreements": tuple(agreements),
        }
    )


def _owner(parts: list[Part]) -> dict[str, int]:
    """Which part each worker and person is in."""
    return {pid: p.index for p in parts for pid in (*p.worker_ids, *p.user_ids)}


def test_split_keeps_every_worker_person_and_session_exactly_once() -> None:
    """No record is lost or duplicated: each worker, person, session and
    availability window is in exactly one part."""
    problem = _week()
    parts = split_by_area(problem, 3, seed=0)
    assert len(parts) == 3
    for name, key in (
        ("workers", "worker_id"),
        ("users", "user_id"),
        ("sessions", "session_id"),
    ):
        seen = Counter(getattr(r, key) for p in parts for r in getattr(p.problem, name))
        whole = Counter(getattr(r, key) for r in getattr(problem, name))
        assert seen == whole, name
    windows = sum(len(p.problem.availability) for p in parts)
    assert windows == len(problem.availability)


def test_records_follow_their_parties_and_only_within_a_part() -> None:
    """Published lines, journeys and agreements are kept exactly when all their
    parties are in the same part, and a person's worker lists name only that
    part's workers."""
    problem = _week()
    parts = split_by_area(problem, 3, seed=0)
    owner = _owner(parts)
    session_owner = {s.session_id: owner[s.user_id] for s in problem.sessions}
    owner_of = {**owner, **session_owner}
    kept_published = {
        (line.session_id, line.worker_id) for p in parts for line in p.problem.published
    }
    expected = {
        (line.session_id, line.worker_id)
        for line in problem.published
        if session_owner[line.session_id] == owner[line.worker_id]
    }
    assert kept_published == expected
    assert 0 < len(expected) < len(problem.published)  # the test reaches both cases
    kept_travel = {(t.from_id, t.to_id) for p in parts for t in p.problem.travel}
    assert kept_travel == {
        (t.from_id, t.to_id)
        for t in problem.travel
        if owner_of[t.from_id] == owner_of[t.to_id]
    }
    kept_agreements = {a.agreement_id for p in parts for a in p.problem.agreements}
    assert kept_agreements == {
        a.agreement_id
        for a in problem.agreements
        if a.session_id is None or owner[a.party_id] == session_owner[a.session_id]
    }
    for part in parts:
        mine = set(part.worker_ids)
        for user in part.problem.users:
            assert set(user.preferred_workers) <= mine
            assert set(user.excluded_workers) <= mine


def test_each_part_is_a_valid_problem_with_the_same_horizon() -> None:
    """A part passes the Problem's own validation again (every reference inside
    the part) and keeps the whole week's horizon."""
    problem = _week()
    for part in split_by_area(problem, 3, seed=0):
        again = Problem.model_validate(part.problem.model_dump())
        assert again.period == problem.period
        assert part.problem.period == problem.period
        assert part.problem.workers and part.problem.sessions


def test_split_is_deterministic_for_a_seed() -> None:
    """The same week and seed give the same parts, record for record."""
    problem = _week()
    first = split_by_area(problem, 3, seed=7)
    second = split_by_area(problem, 3, seed=7)
    assert [(p.label, p.worker_ids, p.user_ids) for p in first] == [
        (p.label, p.worker_ids, p.user_ids) for p in second
    ]


def test_parts_are_compact_areas() -> None:
    """People in a part live nearer their own part's centre than the average
    distance to the other centres: the split follows geography."""
    problem = _week()
    parts = split_by_area(problem, 2, seed=0)
    nearer = 0
    for part in parts:
        others = [p.centre for p in parts if p is not part]
        for user in part.problem.users:
            own = np.hypot(user.lat - part.centre[0], user.lon - part.centre[1])
            away = np.mean([np.hypot(user.lat - c[0], user.lon - c[1]) for c in others])
            nearer += own < away
    assert nearer >= 0.8 * len(problem.users)


def test_an_area_column_defines_the_parts() -> None:
    """With an `area` column on every person the parts are those areas, and a
    worker with an area joins it wherever they live."""
    problem = _week()
    users = tuple(
        u.model_copy(update={"extra": {"area": "north" if i % 2 else "south"}})
        for i, u in enumerate(problem.users)
    )
    workers = tuple(
        w.model_copy(update={"extra": {"area": "north"}}) if i == 0 else w
        for i, w in enumerate(problem.workers)
    )
    named = problem.model_copy(update={"users": users, "workers": workers})
    parts = split_by_area(named, 5, seed=0)
    assert sorted(p.label for p in parts) == ["north", "south"]
    by_label = {p.label: p for p in parts}
    assert problem.workers[0].worker_id in by_label["north"].worker_ids
    assert set(by_label["north"].user_ids) == {
        u.user_id for u in users if u.extra["area"] == "north"
    }
    # Asked for by location, the column is ignored.
    assert len(split_by_area(named, 3, seed=0, by="location")) == 3


def test_a_named_column_missing_for_someone_is_a_plain_error() -> None:
    """Asking to split by a column that some people lack names them."""
    with pytest.raises(DecomposeError, match="no 'team' value"):
        split_by_area(_week(), by="team")
    with pytest.raises(DecomposeError, match="at least 1"):
        split_by_area(_week(), 0)


def test_balanced_assignment_shares_the_load() -> None:
    """Points all nearest one centre are shared out once it is full."""
    xy = np.array([[0.0, 0.0]] * 6)
    centres = np.array([[0.0, 0.0], [5.0, 0.0]])
    groups = balanced_assign(xy, [1.0] * 6, centres, [3.0, 3.0])
    assert Counter(groups) == {0: 3, 1: 3}


# The week's published lines reach across areas, which a part cannot keep (rule
# consent would need the worker of another area): the merge tests judge every other
# hard rule, and test_published_lines_across_areas_are_warned_about that limit.
ACROSS = Policy(limits=Limits(change_consent=False))


def test_merged_rota_breaks_no_hard_rule_on_the_whole_week() -> None:
    """Parts solved in separate processes merge into one rota that the checker,
    run on the whole week, finds free of hard-rule violations; the reported
    objective and coverage are the whole week's."""
    problem = _week()
    result = solve_by_area(
        problem,
        ACROSS,
        parts=2,
        time_limit=3,
        workers_per_part=1,
        parallel=2,
        seed=0,
    )
    assert len(result.parts) == 2
    assert result.violations == []
    report = rota.check(problem, result.assignments, ACROSS)
    assert report.ok
    assert result.objective == pytest.approx(report.objective)
    assert result.covered > 0
    assert result.covered == sum(p.covered for p in result.parts)
    summary = result.summary()
    assert summary.status == "FEASIBLE"
    assert summary.objective_raw == report.objective_raw
    assert sum(summary.breakdown_raw.values()) == summary.objective_raw
    assert len(result.unmet()) == summary.sessions - summary.covered


def test_published_lines_across_areas_are_warned_about(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """With rule consent on, published lines joining a person and a worker of
    different areas are named in a warning (a part cannot keep them); with it off,
    no warning."""
    problem = _week()
    parts = split_by_area(problem, 2, seed=0)
    across = len(problem.published) - sum(len(p.problem.published) for p in parts)
    assert across > 0
    with caplog.at_level("WARNING", logger="rota"):
        solve_by_area(problem, ACROSS, parts=2, time_limit=1, executor="serial")
    assert "in different areas" not in caplog.text
    with caplog.at_level("WARNING", logger="rota"):
        solve_by_area(problem, parts=2, time_limit=1, executor="serial")
    assert f"{across} published line(s) join a person and a worker" in caplog.text


def test_serial_executor_solves_every_part_in_this_process() -> None:
    """Without a process pool every part is still solved and the merged rota
    still breaks no hard rule."""
    problem = _week()
    here = solve_by_area(problem, ACROSS, parts=2, time_limit=2, executor="serial")
    assert here.violations == []
    assert sorted(p.index for p in here.parts) == [0, 1]
    assert sum(p.sessions for p in here.parts) == len(problem.sessions)
    assert here.covered > 0


@pytest.mark.skipif(
    importlib.util.find_spec("dask") is not None, reason="dask is installed"
)
def test_dask_without_dask_is_a_plain_error() -> None:
    """Asking for the Dask executor without Dask says how to install it."""
    with pytest.raises(DecomposeError, match=r"rota\[scale\]"):
        solve_by_area(_week(), parts=2, time_limit=1, executor="dask")


@pytest.mark.skipif(
    importlib.util.find_spec("dask") is None, reason="dask is not installed"
)
def test_dask_executor_merges_a_valid_rota() -> None:
    """On a local Dask cluster the parts are solved and merge into a rota that
    breaks no hard rule on the whole week."""
    result = solve_by_area(
        _week(), ACROSS, parts=2, time_limit=2, parallel=2, executor="dask"
    )
    assert result.violations == []
    assert len(result.parts) == 2
    assert result.covered > 0


def test_an_unknown_executor_is_a_plain_error() -> None:
    """A misspelt executor is refused before anything is solved."""
    with pytest.raises(DecomposeError, match="process, dask or serial"):
        run_parts([], time_limit=1, executor="threads")  # type: ignore[arg-type]


def test_cli_writes_the_solve_outputs(tmp_path: Path) -> None:
    """`rota solve-areas` writes rota.csv, unmet.csv, asks.csv and summary.json
    and prints the areas and the whole week's figures."""
    folder = write_folder(_week(), tmp_path / "week")
    out = tmp_path / "out"
    policy = tmp_path / "across.toml"
    policy.write_text("[limits]\nchange_consent = false\n", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "solve-areas",
            str(folder),
            "--policy",
            str(policy),
            "--out",
            str(out),
            "--parts",
            "2",
            "--time-limit",
            "2",
            "--executor",
            "serial",
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "asks.csv",
        "rota.csv",
        "summary.json",
        "unmet.csv",
    ]
    assert shows(result.output, "whole week (checked as one rota)"), result.output


def test_cli_bad_options_exit_1_without_traceback(tmp_path: Path) -> None:
    """A bad executor or a missing column gives a plain message and exit 1."""
    folder = write_folder(_week(), tmp_path / "week")
    for extra in (["--executor", "threads"], ["--by", "team"]):
        result = runner.invoke(
            app, ["solve-areas", str(folder), "--out", str(tmp_path / "o"), *extra]
        )
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert not isinstance(result.exception, Exception) or isinstance(
            result.exception, SystemExit
        )
