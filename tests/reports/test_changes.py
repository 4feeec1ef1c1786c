"""Changes between two rotas of one week, the notices they call for, and their tables.

The week (from Monday 30 Nov 2026) has two people and four workers; the new rota
is told on Monday at 10:00 with a 2-day (48-hour) notice period:

====  =======  ===========  =============  ============  ======  =====
id    person   when         before         after         notice  late
====  =======  ===========  =============  ============  ======  =====
S0    Smith    Mon 07-08    bea            cal           -3 h    no (already started)
S1    Smith    Mon 12-13    ann            ann           (unchanged: absent)
S2    Smith    Tue 09-10    ann            bea           23 h    yes
S3    Jones    Tue 14-15    cal            (none)        28 h    yes
S4    Jones    Wed 09-10    (none)         dan           47 h    yes
S5    Smith    Thu 09-10    ann            ann 09:30     71 h    no
S6    Jones    Fri 18-19    ann, bea       ann, cal      104 h   no
====  =======  ===========  =============  ============  ======  =====
"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from helpers import assign, at, person, session, week, worker

from rota.io.outputs import write_table_csv
from rota.reports import (
    CHANGE_KINDS,
    SessionChange,
    change_notices,
    changes_table,
    diff_rotas,
    notices_table,
)

TOLD = at(0, "10:00")
SMITH, JONES = "Mrs A Smith", "Mr B Jones"

PROBLEM = week(
    [worker(w, name=w.title()) for w in ("ann", "bea", "cal", "dan")],
    [person("u1", name=SMITH), person("u2", name=JONES)],
    [
        session("S0", "u1", 0, "07:00", "08:00"),
        session("S1", "u1", 0, "12:00", "13:00"),
        session("S2", "u1", 1, "09:00", "10:00"),
        session("S3", "u2", 1, "14:00", "15:00"),
        session("S4", "u2", 2, "09:00", "10:00"),
        session("S5", "u1", 3, "09:00", "10:00", latest_start=dt.time(9, 30)),
        session("S6", "u2", 4, "18:00", "19:00", staff_required=2),
    ],
)

BEFORE = [
    assign("S0", "bea", 0, "07:00", "08:00"),
    assign("S1", "ann", 0, "12:00", "13:00"),
    assign("S2", "ann", 1, "09:00", "10:00"),
    assign("S3", "cal", 1, "14:00", "15:00"),
    assign("S5", "ann", 3, "09:00", "10:00"),
    assign("S6", "ann", 4, "18:00", "19:00"),
    assign("S6", "bea", 4, "18:00", "19:00"),
]
AFTER = [
    assign("S0", "cal", 0, "07:00", "08:00"),
    assign("S1", "ann", 0, "12:00", "13:00"),
    assign("S2", "bea", 1, "09:00", "10:00"),
    assign("S4", "dan", 2, "09:00", "10:00"),
    assign("S5", "ann", 3, "09:30", "10:30"),
    assign("S6", "cal", 4, "18:00", "19:00"),
    assign("S6", "ann", 4, "18:00", "19:00"),
]


def changes() -> list[SessionChange]:
    """The diff of the week's two rotas, told Monday 10:00 with 2 days' notice."""
    return diff_rotas(BEFORE, AFTER, told_at=TOLD, notice_days=2, problem=PROBLEM)


def by_id() -> dict[str, SessionChange]:
    return {c.session_id: c for c in changes()}


def test_only_changed_sessions_in_start_order():
    """An unchanged session is left out; changes come by start (then id)."""
    assert [c.session_id for c in changes()] == ["S0", "S2", "S3", "S4", "S5", "S6"]


def test_kinds_of_each_change():
    """Each change names its kinds; covered/uncovered stand alone, a double-up
    where one of two workers changes is an add and a remove, not a new cover."""
    kinds = {c.session_id: c.kinds for c in changes()}
    assert kinds == {
        "S0": ("worker_added", "worker_removed"),
        "S2": ("worker_added", "worker_removed"),
        "S3": ("uncovered",),
        "S4": ("covered",),
        "S5": ("time_changed",),
        "S6": ("worker_added", "worker_removed"),
    }
    assert all(set(k) <= set(CHANGE_KINDS) for k in kinds.values())


def test_workers_and_times_before_and_after():
    """Worker ids are sorted per rota; times are None in a rota not covering it."""
    c = by_id()
    assert c["S6"].workers_before == ("ann", "bea")
    assert c["S6"].workers_after == ("ann", "cal")
    assert (c["S6"].added, c["S6"].removed, c["S6"].kept) == (
        ("cal",),
        ("bea",),
        ("ann",),
    )
    assert c["S3"].workers_after == ()
    assert (c["S3"].start_after, c["S3"].end_after) == (None, None)
    assert (c["S4"].start_before, c["S4"].end_before) == (None, None)
    assert (c["S5"].start_before, c["S5"].start_after) == (
        at(3, "09:00"),
        at(3, "09:30"),
    )
    assert c["S2"].user_id == "u1"
    assert c["S3"].user_id == "u2"


def test_notice_and_late_against_the_notice_period():
    """Notice runs from told_at to the earliest start in either rota; inside the
    notice period is late, but a session already started (negative) is not."""
    got = {c.session_id: (c.notice_hours, c.late) for c in changes()}
    assert got == {
        "S0": (-3.0, False),
        "S2": (23.0, True),
        "S3": (28.0, True),
        "S4": (47.0, True),
        "S5": (71.0, False),
        "S6": (104.0, False),
    }


@pytest.mark.parametrize(
    ("told_at", "late"),
    [
        (at(0, "09:00"), False),  # exactly 48 hours before: the full period
        (at(0, "09:01"), True),  # a minute less
        (at(2, "09:00"), True),  # 0 hours: told as it starts, still notice
        (at(2, "09:01"), False),  # already started
    ],
)
def test_late_at_the_edges_of_the_period(told_at: dt.datetime, late: bool):
    """Exactly notice_days ahead is in time, a minute less is late, a change at
    the very start is late and one after it has started is not."""
    before = [assign("S4", "dan", 2, "09:00", "10:00")]
    after = [assign("S4", "cal", 2, "09:00", "10:00")]
    (change,) = diff_rotas(before, after, told_at=told_at, notice_days=2)
    assert change.late is late


def test_notice_counts_from_the_earlier_start_of_a_move():
    """A session moved earlier gives notice up to its new start, not the old."""
    before = [assign("S5", "ann", 3, "09:30", "10:30")]
    after = [assign("S5", "ann", 3, "09:00", "10:00")]
    (change,) = diff_rotas(before, after, told_at=TOLD, notice_days=3)
    assert change.notice_hours == 71.0
    assert change.late is True


def test_describe_sentences():
    """Each change reads as one sentence with names, the session's new times (old
    if now uncovered) and the notice given."""
    said = {c.session_id: c.describe(PROBLEM) for c in changes()}
    inside = "(inside the 2-day notice period)"
    assert said == {
        "S0": "S0 (Mrs A Smith, Monday 30 Nov 07:00-08:00): Cal replaces Bea; "
        "told 3 hours after it started",
        "S2": "S2 (Mrs A Smith, Tuesday 1 Dec 09:00-10:00): Bea replaces Ann; "
        f"23 hours' notice {inside}",
        "S3": "S3 (Mr B Jones, Tuesday 1 Dec 14:00-15:00): now uncovered "
        f"(Cal taken off); 28 hours' notice {inside}",
        "S4": "S4 (Mr B Jones, Wednesday 2 Dec 09:00-10:00): now covered by Dan; "
        f"47 hours' notice {inside}",
        "S5": "S5 (Mrs A Smith, Thursday 3 Dec 09:30-10:30): moved from "
        "09:00-10:00; 71 hours' notice",
        "S6": "S6 (Mr B Jones, Friday 4 Dec 18:00-19:00): Cal replaces Bea; "
        "104 hours' notice",
    }


def test_notices_for_every_party_in_order():
    """Workers added, taken off or moved, then every changed session's person,
    each by name then start; a worker kept on an unmoved double-up hears nothing."""
    got = [(n.party, n.party_id, n.name, n.session_id, n.what) for n in notices()]
    assert got == [
        ("worker", "ann", "Ann", "S2", "Taken off: Tuesday 1 Dec 09:00-10:00 at Mrs A Smith's (S2)"),
        ("worker", "ann", "Ann", "S5", "Moved: Thursday 3 Dec 09:30-10:30 at Mrs A Smith's (S5), was 09:00-10:00"),
        ("worker", "bea", "Bea", "S0", "Taken off: Monday 30 Nov 07:00-08:00 at Mrs A Smith's (S0)"),
        ("worker", "bea", "Bea", "S2", "New: Tuesday 1 Dec 09:00-10:00 at Mrs A Smith's (S2)"),
        ("worker", "bea", "Bea", "S6", "Taken off: Friday 4 Dec 18:00-19:00 at Mr B Jones's (S6)"),
        ("worker", "cal", "Cal", "S0", "New: Monday 30 Nov 07:00-08:00 at Mrs A Smith's (S0)"),
        ("worker", "cal", "Cal", "S3", "Taken off: Tuesday 1 Dec 14:00-15:00 at Mr B Jones's (S3)"),
        ("worker", "cal", "Cal", "S6", "New: Friday 4 Dec 18:00-19:00 at Mr B Jones's (S6)"),
        ("worker", "dan", "Dan", "S4", "New: Wednesday 2 Dec 09:00-10:00 at Mr B Jones's (S4)"),
        ("person", "u2", JONES, "S3", "Tuesday 1 Dec 14:00-15:00 (S3): now has no worker"),
        ("person", "u2", JONES, "S4", "Wednesday 2 Dec 09:00-10:00 (S4): now covered by Dan"),
        ("person", "u2", JONES, "S6", "Friday 4 Dec 18:00-19:00 (S6): Cal instead of Bea"),
        ("person", "u1", SMITH, "S0", "Monday 30 Nov 07:00-08:00 (S0): Cal instead of Bea"),
        ("person", "u1", SMITH, "S2", "Tuesday 1 Dec 09:00-10:00 (S2): Bea instead of Ann"),
        ("person", "u1", SMITH, "S5", "Thursday 3 Dec 09:00-10:00 (S5): moved to 09:30-10:30"),
    ]  # fmt: skip


def notices():
    return change_notices(changes(), PROBLEM)


def test_notices_carry_the_sessions_notice():
    """Every notice has its session's notice hours and lateness."""
    c = by_id()
    for n in notices():
        assert (n.notice_hours, n.late) == (
            c[n.session_id].notice_hours,
            c[n.session_id].late,
        )


def test_swap_and_move_together():
    """A session moved to another day with a new worker: the new worker hears the
    new times, the old one the old times, the person the move and the swap."""
    before = [assign("S2", "ann", 1, "09:00", "10:00")]
    after = [assign("S2", "bea", 2, "11:00", "12:00")]
    (change,) = diff_rotas(before, after, told_at=TOLD, notice_days=7, problem=PROBLEM)
    assert change.kinds == ("worker_added", "worker_removed", "time_changed")
    assert change.describe(PROBLEM) == (
        "S2 (Mrs A Smith, Wednesday 2 Dec 11:00-12:00): Bea replaces Ann; moved "
        "from Tuesday 1 Dec 09:00-10:00; 23 hours' notice (inside the 7-day notice "
        "period)"
    )
    assert [n.what for n in change_notices([change], PROBLEM)] == [
        "Taken off: Tuesday 1 Dec 09:00-10:00 at Mrs A Smith's (S2)",
        "New: Wednesday 2 Dec 11:00-12:00 at Mrs A Smith's (S2)",
        "Tuesday 1 Dec 09:00-10:00 (S2): moved to Wednesday 2 Dec 11:00-12:00; "
        "Bea instead of Ann",
    ]


def test_worker_added_or_removed_beside_a_kept_one():
    """On a double-up, a second worker joining or leaving is told to the person
    with the worker who stays."""
    one = [assign("S6", "ann", 4, "18:00", "19:00")]
    two = [*one, assign("S6", "bea", 4, "18:00", "19:00")]
    joined = diff_rotas(one, two, told_at=TOLD, notice_days=2, problem=PROBLEM)
    left = diff_rotas(two, one, told_at=TOLD, notice_days=2, problem=PROBLEM)
    assert joined[0].kinds == ("worker_added",)
    assert left[0].kinds == ("worker_removed",)
    assert joined[0].describe(PROBLEM).split(": ")[1] == "Bea added; 104 hours' notice"
    assert left[0].describe(PROBLEM).split(": ")[1] == (
        "Bea taken off; 104 hours' notice"
    )
    assert change_notices(joined, PROBLEM)[-1].what.endswith(": Bea as well as Ann")
    assert change_notices(left, PROBLEM)[-1].what.endswith(": Bea no longer coming")


def test_unknown_sessions_and_workers_fall_back_to_ids():
    """Without the problem (or for a session or worker it does not know) the
    user id is '', names are ids, and no person is told."""
    before = [assign("S9", "zed", 1, "09:00", "10:00")]
    (bare,) = diff_rotas(before, [], told_at=TOLD, notice_days=2)
    assert bare.user_id == ""
    assert bare.describe() == (
        "S9 (Tuesday 1 Dec 09:00-10:00): now uncovered (zed taken off); "
        "23 hours' notice (inside the 2-day notice period)"
    )
    (notice,) = change_notices([bare], PROBLEM)
    assert (notice.party, notice.name, notice.what) == (
        "worker",
        "zed",
        "Taken off: Tuesday 1 Dec 09:00-10:00 (S9)",
    )
    (known,) = diff_rotas(
        [], [assign("S3", "zed", 1, "14:00", "15:00")],
        told_at=TOLD, notice_days=2, problem=PROBLEM,
    )  # fmt: skip
    assert known.user_id == "u2"
    assert known.describe(PROBLEM).split(": ")[1] == "now covered by zed; 28 hours' notice (inside the 2-day notice period)"  # fmt: skip


def test_identical_rotas_have_no_changes():
    """The same assignments in another order, or repeated, are no change."""
    assert (
        diff_rotas(BEFORE, BEFORE[::-1] + BEFORE[:1], told_at=TOLD, notice_days=2) == []
    )


def test_changes_table_columns_and_rows(tmp_path: Path):
    """The changes table has the documented columns, new times (old when now
    uncovered), ';'-joined workers and kinds, rounded notice and yes/no."""
    header, rows = changes_table(changes(), PROBLEM)
    assert header == [
        "session_id",
        "user_id",
        "date",
        "start",
        "end",
        "before",
        "after",
        "change",
        "notice_hours",
        "late",
        "message",
    ]
    row = {r[0]: r for r in rows}
    assert row["S6"][:10] == [
        "S6",
        "u2",
        dt.date(2026, 12, 4),
        dt.time(18),
        dt.time(19),
        "ann;bea",
        "ann;cal",
        "worker_added;worker_removed",
        104.0,
        "no",
    ]
    assert row["S3"][2:8] == [
        dt.date(2026, 12, 1), dt.time(14), dt.time(15), "cal", "", "uncovered",
    ]  # fmt: skip
    assert row["S5"][3:5] == [dt.time(9, 30), dt.time(10, 30)]
    assert row["S2"][9:] == ["yes", by_id()["S2"].describe(PROBLEM)]
    written = write_table_csv(tmp_path / "changes.csv", (header, rows))
    lines = written.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == ",".join(header)
    assert lines[1].startswith("S0,u1,2026-11-30,07:00,08:00,bea,cal,")


def test_notice_hours_rounded_in_tables():
    """Tables give notice hours to one decimal; the change keeps them exact."""
    (change,) = diff_rotas(
        [assign("S2", "ann", 1, "09:00", "10:00")], [],
        told_at=at(0, "09:58"), notice_days=2,
    )  # fmt: skip
    assert change.notice_hours == pytest.approx(23 + 2 / 60)
    assert changes_table([change], PROBLEM)[1][0][8] == 23.0
    (notice,) = change_notices([change], PROBLEM)  # no problem given: no person
    assert notices_table([notice])[1][0][5] == 23.0


def test_notices_table_columns_and_rows():
    """The notices table has the documented columns, one row per notice in order."""
    header, rows = notices_table(notices())
    assert header == [
        "party",
        "party_id",
        "name",
        "session_id",
        "what",
        "notice_hours",
        "late",
    ]
    assert len(rows) == len(notices())
    assert rows[0] == [
        "worker",
        "ann",
        "Ann",
        "S2",
        "Taken off: Tuesday 1 Dec 09:00-10:00 at Mrs A Smith's (S2)",
        23.0,
        "yes",
    ]
    assert rows[-1][0] == "person"


def _rota_imports(path: Path) -> list[str]:
    """The rota modules a file imports, relative imports made absolute."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = ["rota", "reports"][: 3 - node.level]
            name = ".".join([*base, *(node.module or "").split(".")])
        elif isinstance(node, ast.ImportFrom):
            name = node.module or ""
        elif isinstance(node, ast.Import):
            name = node.names[0].name
        else:
            continue
        if name.startswith("rota"):
            names.append(name)
    return names


REPORTS = Path(__file__).parents[2] / "rota" / "reports"
CHANGE_REPORTS = ("changes.py", "notices.py", "wording.py")
FIGURE_REPORTS = ("kpis.py", "timeline.py", "weeks.py")


@pytest.mark.parametrize("name", CHANGE_REPORTS)
def test_change_reports_stand_on_model_and_io_only(name: str):
    """The change reports import nothing of the checker, solver, rules, search or
    engine, so any two rotas can be compared without them."""
    allowed = {"rota.model", "rota.io"}
    for imported in _rota_imports(REPORTS / name):
        top = ".".join(imported.split(".")[:2])
        assert top in allowed or imported in {
            f"rota.reports.{n.removesuffix('.py')}" for n in CHANGE_REPORTS
        }, f"{name} imports {imported}"


@pytest.mark.parametrize("name", FIGURE_REPORTS)
def test_figure_reports_stand_on_the_checker_and_rules(name: str):
    """The figures come from the rules' own evaluation (rota.check, the rules, the
    plan and compiled data, the policy), never from the engine, the store, the
    negotiation or streamlit."""
    allowed = {"rota.model", "rota.io", "rota.check", "rota.rules", "rota.policy"}
    allowed_exact = {"rota.solver.plan", "rota.solver.data"}
    for imported in _rota_imports(REPORTS / name):
        top = ".".join(imported.split(".")[:2])
        assert top in allowed or imported in allowed_exact or top == "rota.reports", (
            f"{name} imports {imported}"
        )
    assert "streamlit" not in (REPORTS / name).read_text(encoding="utf-8")


def test_every_report_module_is_layered():
    """Each module of rota.reports is held to one of the two layerings above."""
    modules = {p.name for p in REPORTS.glob("*.py")} - {"__init__.py"}
    assert modules == set(CHANGE_REPORTS) | set(FIGURE_REPORTS)
