"""Which search a week gets: the full model's size in arcs and pairs, and what the
small-week search does with a start it cannot complete."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import journey, person, session, week, worker

import rota
import rota.engine
import rota.search.small
from rota.build import days_with_follows, estimated_arcs
from rota.rules import all_rules
from rota.solver.data import compile_problem
from rota.solver.model import candidate_slots


def _compiled(problem: rota.Problem) -> Any:
    data = compile_problem(problem, rota.load_policy())
    active = [r for r in all_rules() if r.active(data)]
    candidates, _ = candidate_slots(
        data, [(r.id, r.blocks) for r in active if r.hard and r.filters_pairs]
    )
    return data, candidates


def _one_visit_days() -> rota.Problem:
    """Two long sessions a day at two homes an hour apart: no one can do both."""
    return week(
        [worker("w1"), worker("w2")],
        [person("p1"), person("p2")],
        [
            session(f"{p}-{n}", p, n, "08:00", start)
            for n in range(3)
            for p, start in (("p1", "14:00"), ("p2", "14:30"))
        ],
        travel=journey("p1", "p2", 60),
        days=3,
    )


def test_a_day_where_no_visit_can_follow_another_has_no_arcs() -> None:
    """Overlapping sessions leave every day without a possible journey between
    them: no day has follows and the full model is estimated at no arcs, though
    every worker has a candidate visit on every day."""
    data, candidates = _compiled(_one_visit_days())
    assert sum(len(v) for v in candidates.values()) == 12
    assert days_with_follows(data) == set()
    assert estimated_arcs(data, candidates) == 0


def _two_visits(minutes: int) -> rota.Problem:
    """Visits 09:00-10:00 and 11:00-12:00 at homes ``minutes`` apart."""
    return week(
        [worker("w1")],
        [person("p1"), person("p2")],
        [
            session("a", "p1", 0, "09:00", "10:00"),
            session("b", "p2", 0, "11:00", "12:00"),
        ],
        travel=journey("p1", "p2", minutes),
        days=1,
    )


def test_a_day_with_time_for_the_journey_counts_its_arcs() -> None:
    """A second visit starting after the first ends plus the journey makes its
    day one with follows, and its arcs count; a journey longer than the gap
    leaves the day without, and its arcs out."""
    data, candidates = _compiled(_two_visits(30))
    assert days_with_follows(data) == {0}
    # The rough estimate: n x min(n, max_successors) for the day's n = 2 visits.
    assert estimated_arcs(data, candidates) == 4
    data, candidates = _compiled(_two_visits(90))
    assert days_with_follows(data) == set()
    assert estimated_arcs(data, candidates) == 0


@pytest.mark.parametrize("most_pairs, large", [(100_000, False), (5, True)])
def test_many_pairs_take_the_neighbourhood_search_even_without_arcs(
    monkeypatch: pytest.MonkeyPatch, most_pairs: int, large: bool
) -> None:
    """A week with no arcs takes the small-week search (the whole model at once)
    until its worker-visit pairs pass LNS_MIN_PAIRS; either way its rota covers
    every session, one per worker and day."""
    monkeypatch.setattr(rota.engine, "LNS_MIN_PAIRS", most_pairs)
    result = rota.solve(_one_visit_days(), time_limit=10, seed=0, workers=1)
    assert ("estimated_arcs" in result.model_stats) is large  # the large path's stat
    assert result.status in ("OPTIMAL", "FEASIBLE")
    days = [(a.worker_id, a.start.date()) for a in result.assignments]
    assert len(days) == 6 and len(set(days)) == 6


def test_a_start_that_cannot_be_completed_is_not_left_as_the_hint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When the greedy rota cannot be completed into a solution, the search gets
    no hint at all (a start breaking a hard rule misled CP-SAT's first-solution
    search on Curtois Instance14), and still finds the rota."""
    models: list[Any] = []
    hinted: list[int] = []

    def cannot_complete(model: Any, **_: Any) -> None:
        models.append(model)
        hinted.append(len(model.cp.proto.solution_hint.vars))
        return None

    monkeypatch.setattr(rota.search.small, "complete_hint", cannot_complete)
    result = rota.solve(_one_visit_days(), time_limit=10, seed=0, workers=1)
    assert len(models) == 1 and hinted[0] > 0  # the greedy start was hinted
    assert len(models[0].cp.proto.solution_hint.vars) == 0  # and searched without
    assert result.status in ("OPTIMAL", "FEASIBLE")
    assert len(result.assignments) == 6
