"""Expensive evaluations, kept per process: a draft or a version never changes, so
its check (and everything drawn from it) is computed once."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from rota.check import CheckReport, check
from rota.model import Assignment, Problem
from rota.policy import Policy, PolicyError, load_policy
from rota.store import Store, WeekRef


@dataclass(frozen=True)
class Evaluated:
    """A rota with its data and the rules' own evaluation of it."""

    problem: Problem
    lines: list[Assignment]
    report: CheckReport


def _policy(name: str) -> Policy:
    try:
        return load_policy(name)
    except PolicyError:
        return load_policy(None)


@st.cache_resource(max_entries=16, show_spinner="Checking the rota")
def draft(
    _store: Store, url: str, week: WeekRef, draft_id: int, policy: str
) -> Evaluated:
    """A draft with its evaluation."""
    problem = _store.draft_problem(week, draft_id)
    lines = _store.draft_lines(week, draft_id)
    return Evaluated(problem, lines, check(problem, lines, _policy(policy)))


@st.cache_resource(max_entries=16, show_spinner="Checking the rota")
def version(_store: Store, url: str, week: WeekRef, number: int) -> Evaluated:
    """A published version with its evaluation."""
    problem = _store.version_problem(week, number)
    lines = _store.version_lines(week, number)
    return Evaluated(problem, lines, check(problem, lines))
