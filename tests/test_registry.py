"""The rule registry: every rule has a unique snake_case id, a weight when soft, and
a test of its own under tests/rules/."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import get_args

import pytest

from rota.model.records import AgreementKind
from rota.policy import Weights
from rota.rules import all_rules, hard_rules, rules_by_id, soft_rules

RULES_TESTS = Path(__file__).parent / "rules"
IDS = [rule.id for rule in all_rules()]


def _tests() -> list[tuple[str, str]]:
    """(name, docstring) of every test function under tests/rules/."""
    found: list[tuple[str, str]] = []
    for path in sorted(RULES_TESTS.glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                found.append((node.name, ast.get_docstring(node) or ""))
    return found


def _names(rule_id: str, name: str, docstring: str) -> bool:
    """The test is named after the rule, or its docstring names the id as a word."""
    if name == f"test_{rule_id}" or name.startswith(f"test_{rule_id}_"):
        return True
    return (
        re.search(rf"(?<![a-z_]){re.escape(rule_id)}(?![a-z_])", docstring) is not None
    )


TESTS = _tests()


@pytest.mark.parametrize("rule_id", IDS)
def test_every_rule_has_a_test(rule_id: str) -> None:
    """A rule added to the registry without a test under tests/rules/ that names its
    id (in the test's name or docstring) fails here."""
    assert any(_names(rule_id, *test) for test in TESTS), (
        f"no test under tests/rules/ names rule '{rule_id}'"
    )


def test_rule_test_lookup_tells_ids_apart() -> None:
    """The lookup does not take one id for another that contains it."""
    assert _names("change", "test_change_keeps", "")
    assert not _names("change", "test_late_change_costs", "late_change: two moves")
    assert _names("change", "test_x", "change, late_change: both")
    assert not _names("no_such_rule", "test_x", "no_such_rules and more")


def test_rule_ids_are_unique_and_snake_case() -> None:
    """Rule ids are stable keys in policy files, summary.json and reports: unique
    and snake_case."""
    assert len(IDS) == len(set(IDS))
    for rule_id in IDS:
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", rule_id), rule_id


def test_every_soft_rule_is_priced_by_a_weight_of_its_id() -> None:
    """Each soft rule's id is a field of Weights, and every weight prices a rule."""
    soft = {rule.id for rule in soft_rules()}
    assert soft <= set(Weights.model_fields)
    assert set(Weights.model_fields) <= soft


def test_registry_lists_hard_rules_then_soft_rules() -> None:
    """The registry is hard rules first, then soft, each flagged accordingly."""
    hard, soft = hard_rules(), soft_rules()
    assert [r.id for r in all_rules()] == [r.id for r in hard + soft]
    assert all(r.hard for r in hard)
    assert not any(r.hard for r in soft)


def test_docs_list_every_rule_in_registry_order() -> None:
    """docs/rules.md has a section for every rule, in registry order, so the rules'
    documentation cannot fall behind the registry."""
    text = (Path(__file__).parent.parent / "docs" / "rules.md").read_text("utf-8")
    documented = [
        rule_id
        for heading in re.findall(r"^### (.*)$", text, re.MULTILINE)
        for rule_id in re.findall(r"`([a-z0-9_]+)`", heading.split(":")[0])
    ]
    assert documented == IDS


def test_rules_declare_what_negotiation_needs() -> None:
    """Each hard rule a worker can be stopped by says it in a few words for
    unmet.csv, and the agreements that lift rules are kinds an answer can hold:
    negotiation keeps no table of its own to fall behind the registry."""
    kinds = set(get_args(AgreementKind))
    for rule in hard_rules():
        if rule.asked_by is not None:
            assert rule.asked_by in kinds, rule.id
        if not rule.session_wide:
            assert rule.label, f"hard rule '{rule.id}' has no label"
            assert rule.label != rule.id
    lifted = {r.id: r.asked_by for r in all_rules() if r.asked_by}
    assert lifted == {
        "availability": "availability",
        "max_journey": "travel",
        "consent": "change",
        "max_hours_week": "overtime",
    }
    assert {r.id for r in all_rules() if r.person_wish} == {"excluded_worker", "gender"}
    assert rules_by_id()["availability"].short_label("unavailable Mon") == (
        "on leave or unavailable"
    )


@pytest.mark.parametrize("seed", [0, 3])
def test_every_rules_fast_filter_agrees_with_its_reason(seed: int) -> None:
    """``blocks`` (the fast filter candidates are made with) refuses exactly the
    pairs ``admits`` gives a reason for, and a rule left out of the filters
    (``filters_pairs`` False) refuses none."""
    from rota.generate import generate_week
    from rota.policy import load_policy
    from rota.solver.data import compile_problem

    data = compile_problem(generate_week(12, seed=seed), load_policy())
    refused = 0
    for rule in hard_rules():
        for w in range(len(data.workers)):
            for k in range(len(data.slots)):
                reason = rule.admits(data, w, k)
                assert rule.blocks(data, w, k) == (reason is not None), (rule.id, w, k)
                assert rule.filters_pairs or reason is None, rule.id
                refused += reason is not None
    assert refused, "the generated week should refuse some pairs"
