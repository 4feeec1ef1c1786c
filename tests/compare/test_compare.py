"""compare(): a kpis row per policy and week from the rules' own figures, and the
same rows serially and on a 2-worker Dask LocalCluster."""

from __future__ import annotations

import dataclasses

import pytest

from rota import solve
from rota.compare import CompareError, compare
from rota.negotiation import negotiate
from rota.policy import PolicyError, load_policy
from rota.reports import kpis, kpis_row

from .tiny import tiny_week

POLICIES = ["balanced", "cost_first"]


def _figures(rows: list[dict]) -> list[dict]:
    """The rows without the one column that depends on the machine."""
    return [{k: v for k, v in row.items() if k != "wall_seconds"} for row in rows]


def test_rows_for_two_policies_and_two_weeks_are_the_rules_figures():
    """2 policies x 2 weeks give 4 rows in policy then week order, each OPTIMAL,
    each the kpis of that rota with asks from negotiate and cost = wage cost."""
    problem = tiny_week()
    seen: list[tuple[int, int]] = []
    comparison = compare(
        problem,
        POLICIES,
        weeks=2,
        time_limit=3,
        on_done=lambda outcome, done, total: seen.append((done, total)),
    )
    rows = comparison.rows
    assert [(r["policy"], r["week"]) for r in rows] == [
        ("balanced", 1),
        ("balanced", 2),
        ("cost_first", 1),
        ("cost_first", 2),
    ]
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert {r["status"] for r in rows} == {"OPTIMAL"}
    for row, week in zip(rows, comparison.weeks * 2, strict=True):
        policy = load_policy(str(row["policy"]))
        result = solve(week, policy, time_limit=3, seed=0, workers=1)
        _, asks = negotiate(result)
        expected = kpis_row(
            dataclasses.replace(kpis(week, result.assignments, policy), asks=len(asks))
        )
        assert {k: row[k] for k in expected} == expected
        assert row["cost"] == row["wage_cost"]
        assert row["weekend_spread_minutes"] == (
            row["weekend_minutes_max"] - row["weekend_minutes_min"]
        )
    summary = comparison.summary()
    assert [s["policy"] for s in summary] == POLICIES
    first = summary[0]
    covered = [float(r["coverage"]) for r in rows[:2]]
    assert first["coverage_min"] == min(covered)
    assert first["coverage_max"] == max(covered)
    assert first["coverage_mean"] == pytest.approx(sum(covered) / 2, abs=1e-4)
    assert first["runs"] == 2


def test_a_two_worker_local_cluster_gives_the_serial_rows():
    """The same seeds on a LocalCluster of 2 worker processes give the same
    figures, row for row, as one run after another here."""
    problem = tiny_week()
    options = {"weeks": 2, "time_limit": 3, "seed": 3}
    serial = compare(problem, POLICIES, **options)
    local = compare(problem, POLICIES, scheduler="local", **options)
    assert {r["status"] for r in serial.rows} == {"OPTIMAL"}
    assert _figures(local.rows) == _figures(serial.rows)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"time_limit": 0}, "above 0"),
        ({"workers": 0}, "workers must be 1 or more"),
        ({"weeks": 0}, "weeks must be 1 or more"),
    ],
)
def test_bad_options_are_refused_before_any_run(options, message):
    """A time limit of 0, no worker or no week is one plain error."""
    with pytest.raises(CompareError, match=message):
        compare(tiny_week(), POLICIES, **options)


def test_no_policy_a_twice_named_or_an_unknown_one_is_refused():
    """Nothing to compare, a policy named twice and an unknown preset are errors
    before any run."""
    with pytest.raises(CompareError, match="at least one"):
        compare(tiny_week(), [])
    with pytest.raises(CompareError, match="named twice"):
        compare(tiny_week(), ["balanced", "balanced"])
    with pytest.raises(PolicyError, match="no policy preset 'nope'"):
        compare(tiny_week(), ["balanced", "nope"])
