"""Week variants: deterministic from the seed, valid, and really varied."""

from __future__ import annotations

import pytest

from rota.compare import week_variants
from rota.io import load_problem
from rota.model import Problem

from .tiny import tiny_week


def _key(problem: Problem) -> tuple:
    return (problem.sessions, problem.availability, problem.travel, problem.published)


def test_week_one_is_the_week_and_the_same_seed_gives_the_same_variants():
    """Week 1 is the week as given; weeks 2.. are equal for equal seeds and differ
    from the week and (for another seed) from each other."""
    problem = load_problem("sample_data/small")
    first = week_variants(problem, 3, seed=7)
    again = week_variants(problem, 3, seed=7)
    other = week_variants(problem, 3, seed=8)
    assert first[0] is problem
    assert [_key(p) for p in first] == [_key(p) for p in again]
    assert _key(first[1]) != _key(problem)
    assert _key(first[1]) != _key(first[2])
    assert _key(first[1]) != _key(other[1])


def test_a_variant_keeps_every_id_valid_and_the_links():
    """A variant is a valid Problem (revalidated), keeps the horizon and the
    workers, only names known sessions and workers, and leaves linked sessions as
    they were; it drops, adds and moves some sessions and takes a day off some
    workers."""
    problem = tiny_week()
    for k, variant in enumerate(week_variants(problem, 4, seed=1)[1:], start=2):
        Problem.model_validate(variant.model_dump())
        assert variant.horizon == problem.horizon
        assert variant.workers == problem.workers
        ids = {s.session_id for s in variant.sessions}
        assert {"S6", "S7"} <= ids
        assert variant.session_by_id["S7"] == problem.session_by_id["S7"]
        assert any(i.endswith(f"-w{k}") for i in ids)
        assert len(ids & {s.session_id for s in problem.sessions}) < len(
            problem.sessions
        )
        days_off = [a for a in variant.availability if a.kind == "unavailable"]
        assert len(days_off) == 1 and days_off[0].worker_id in {"ann", "bea"}


def test_weeks_below_one_are_refused():
    """No week to compare is an error, not an empty comparison."""
    with pytest.raises(ValueError, match="1 or more"):
        week_variants(tiny_week(), 0)
