"""Warnings: legal but suspicious data is pointed out without stopping the load."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from rota.io import data_warnings, load, load_problem
from rota.model import Horizon
from rota.policy import Limits, Policy

DATA = Path(__file__).parent.parent / "data"
TINY = DATA / "tiny"


@pytest.fixture
def tiny_copy(tmp_path: Path) -> Path:
    """A writable copy of the tiny data set."""
    return Path(shutil.copytree(TINY, tmp_path / "tiny"))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def _messages(folder: Path, **kwargs: object) -> list[str]:
    result = load(folder, **kwargs)  # type: ignore[arg-type]
    assert result.errors == []
    return [str(i) for i in result.warnings]


def test_suspicious_folder_gives_exact_warnings() -> None:
    """Each planted oddity gives its warning, and the problem still loads.

    u2 asks for s3 (2 h x 2 staff) and s4 (1.5 h) at the default £25/h:
    5.5 h x £25 = £137.50 against £100. w3's 'medicaton' is a misspelt skill.
    s3 needs two workers but w1 is excluded and w3 is now only free 09:00-11:00.
    s9 needs peg_feeding, which nobody has; s10 (Wed 09:00, female only) has no
    female worker free on Wednesday morning.
    """
    result = load(DATA / "bad" / "suspicious")
    assert result.problem is not None and result.errors == []
    assert [str(i) for i in result.warnings] == [
        "workers.csv row 3, column skills: no session needs the skill 'medicaton' "
        "(sessions ask for 'medication': a spelling slip?)",
        "service_users.csv row 2, column weekly_budget: requested sessions cost "
        "£137.50 a week against a weekly budget of £100.00",
        "sessions.csv row 3: needs 2 workers at once but only 1 could ever take it "
        "(w2); others: 1 excluded by the person; 1 not available at that time",
        "sessions.csv row 9: no worker could ever take this session "
        "(3 lacking peg_feeding)",
        "sessions.csv row 10: no worker could ever take this session (2 not "
        "available at that time; 1 not matching the gender preference 'female')",
    ]


def test_budget_uses_policy_default_rate(tiny_copy: Path) -> None:
    """A person without a charge rate is costed at the policy's default rate.

    u2: 5.5 staff hours; at £20/h that is £110.00, over a £100 budget; at the
    built-in £25/h it is £137.50.
    """
    _edit(
        tiny_copy / "service_users.csv",
        "u2,Tom Reilly,55.875,-4.28,400,",
        "u2,Tom Reilly,55.875,-4.28,100,",
    )
    cheap = Policy(limits=Limits(default_charge_rate=20))
    assert _messages(tiny_copy, policy=cheap) == [
        "service_users.csv row 2, column weekly_budget: requested sessions cost "
        "£110.00 a week against a weekly budget of £100.00"
    ]
    assert "£137.50" in _messages(tiny_copy)[0]


def test_budget_within_limit_is_quiet(tiny_copy: Path) -> None:
    """A budget exactly equal to the week's cost is not a warning (u2: £137.50)."""
    _edit(
        tiny_copy / "service_users.csv",
        "u2,Tom Reilly,55.875,-4.28,400,",
        "u2,Tom Reilly,55.875,-4.28,137.5,",
    )
    assert _messages(tiny_copy) == []


def test_budget_is_weekly_over_a_longer_horizon(tiny_copy: Path) -> None:
    """Over two weeks each week is compared with the weekly budget on its own.

    u1 has 3 h a week at £25 (£75); adding 20 h in week two makes it £500 there,
    over a £400 budget, while week one (£75) stays quiet.
    """
    _edit(
        tiny_copy / "service_users.csv",
        "u1,Morag Campbell,55.86,-4.26,600,",
        "u1,Morag Campbell,55.86,-4.26,400,",
    )
    with (tiny_copy / "sessions.csv").open("a") as handle:
        handle.write("s20,u1,2026-03-10,08:00,04:00,1,,standard,0,,,\n")
    horizon = Horizon(start=dt.date(2026, 3, 2), days=14)
    messages = _messages(tiny_copy, horizon=horizon)
    assert (
        "service_users.csv row 1, column weekly_budget: requested sessions in the "
        "week from 2026-03-09 cost £500.00 against a weekly budget of £400.00"
    ) in messages
    assert not any("2026-03-02 cost" in m for m in messages)


def test_session_outside_explicit_horizon(tiny_copy: Path) -> None:
    """A session dated outside a given horizon is pointed out."""
    horizon = Horizon(start=dt.date(2026, 3, 2), days=5)
    assert _messages(tiny_copy, horizon=horizon) == [
        "availability.csv row 9, column date: 2026-03-07 is outside the rota's "
        "dates (2026-03-02 to 2026-03-06), so this row is not used",
        "sessions.csv row 8, column date: 2026-03-07 is outside the rota's dates "
        "(2026-03-02 to 2026-03-06)",
    ]


def test_unavailable_window_blocks_and_agreement_reopens(tiny_copy: Path) -> None:
    """'unavailable' blocks a worker who is otherwise free any time; a 'yes'
    availability agreement for those exact hours makes the session takeable.

    s6 (Thu 09:00-10:00, medication) can go to w1 (preferred window) or w2 (no
    stated windows). Blocking w2 on Thursday and dropping w1's window leaves no one.
    """
    _edit(tiny_copy / "availability.csv", "w1,2026-03-05,08:00,12:00,preferred,2\n", "")
    with (tiny_copy / "availability.csv").open("a") as handle:
        handle.write("w2,2026-03-05,00:00,00:00,unavailable,\n")
    assert _messages(tiny_copy) == [
        "sessions.csv row 6: no worker could ever take this session (2 not "
        "available at that time; 1 lacking medication)"
    ]
    with (tiny_copy / "agreements.csv").open("a") as handle:
        handle.write("a9,w1,availability,,2026-03-05,09:00,10:00,,yes,\n")
    assert _messages(tiny_copy) == []


def test_flex_lets_a_session_fit_a_window(tiny_copy: Path) -> None:
    """A session that fits a window only when moved within its flex is takeable.

    s7 (Fri 18:00-19:00, female only) is w1's alone; w1's window becomes 17:00-18:30.
    Without flex nobody can take it; with 30 minutes' flex it can start at 17:30.
    """
    _edit(
        tiny_copy / "availability.csv",
        "w1,2026-03-06,17:00,20:00",
        "w1,2026-03-06,17:00,18:30",
    )
    assert len(_messages(tiny_copy)) == 1
    _edit(
        tiny_copy / "sessions.csv",
        "s7,u1,2026-03-06,18:00,19:00,1,,standard,0,",
        "s7,u1,2026-03-06,18:00,19:00,1,,standard,30,",
    )
    assert _messages(tiny_copy) == []


def test_ids_shared_between_files(tiny_copy: Path) -> None:
    """An id used for a worker and a person is flagged: travel cannot tell them apart."""
    _edit(tiny_copy / "service_users.csv", "u3,Jean", "w3,Jean")
    _edit(tiny_copy / "sessions.csv", ",u3,", ",w3,")
    _edit(tiny_copy / "travel.csv", "u3", "w3")
    assert _messages(tiny_copy) == [
        "service_users.csv row 3, column user_id: id 'w3' is also used in "
        "workers.csv; travel.csv cannot tell the two places apart"
    ]


def test_data_warnings_on_a_problem_without_source_rows() -> None:
    """data_warnings works on any Problem, numbering rows by position."""
    problem = load_problem(DATA / "bad" / "suspicious")
    found = data_warnings(problem)
    assert [(i.file, i.row) for i in found] == [
        ("workers.csv", 3),
        ("service_users.csv", 2),
        ("sessions.csv", 3),
        ("sessions.csv", 9),
        ("sessions.csv", 10),
    ]
