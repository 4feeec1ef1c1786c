"""The store's commands as a manager uses them: publish, history, show, diff,
notices, drafts, accounts, db, and solve/answer with --db. Bad input of every kind
gets one line and a non-zero exit, never a traceback, and changes nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers import agreement, person
from typer.testing import CliRunner

from rota.cli import (
    app,
    commands,  # noqa: F401  (registers the subcommands)
)
from rota.io import write_folder, write_rota_csv
from rota.model import Assignment, Problem
from rota.store import Store
from rota.store.connect import make_engine
from rota.store.migrate import upgrade

from .week import rota_of, tiny_week

runner = CliRunner()
TOLD = "2026-11-16T12:00"
"""Two weeks before the rota starts: outside the 7-day notice period."""
LATE = "2026-12-01T12:00"
"""Tuesday noon: Wednesday's and Friday's visits are inside the 7-day notice."""


def rota(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    """Run ``rota ARGS`` and return the result."""
    return runner.invoke(app, list(args), input=input)


def _folder(tmp_path: Path, problem: Problem | None = None) -> Path:
    folder = tmp_path / "north"
    write_folder(problem or tiny_week(), folder)
    return folder


def _rota(tmp_path: Path, name: str, lines: list[Assignment], problem=None) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    write_rota_csv(path, problem or tiny_week(), lines)
    return path


def _one_line_error(result) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code != 0
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    text = result.output.strip()
    assert "Traceback" not in text
    assert len(text.splitlines()) == 1, text


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_publish_history_show_diff_and_notices(db_url, tmp_path):
    """Two versions published: history lists both with the change count, show
    gives version 1 back as the very rows published, diff marks the change inside
    the notice period, and the notices tell Ann, Bea and Mrs Cole."""
    folder = _folder(tmp_path)
    first = _rota(tmp_path, "v1.csv", rota_of(("S1", "ann"), ("S2", "ann")))
    second = _rota(tmp_path, "v2.csv", rota_of(("S1", "ann"), ("S2", "bea")))
    db = ["--db", db_url]
    result = rota(
        "publish",
        str(folder),
        "--rota",
        str(first),
        "--by",
        "Mo",
        "--note",
        "first week",
        "--now",
        TOLD,
        *db,
    )
    assert result.exit_code == 0, result.output
    assert "version 1" in result.output
    publish_second = [
        "publish",
        str(folder),
        "--rota",
        str(second),
        "--by",
        "Jo",
        "--now",
        LATE,
        *db,
    ]
    # Inside the notice period the swap needs Ann's and Bea's yes (rule consent).
    refused = rota(*publish_second)
    assert refused.exit_code == 1 and "consent" in refused.output
    store = Store(db_url)
    week = Store.week_of(tiny_week(), "north")
    for n, party in enumerate(("ann", "bea"), start=1):
        store.record_agreement(
            week, agreement(f"ag{n}", party, "change", session_id="S2"), by="Jo"
        )
    store.close()
    result = rota(*publish_second)
    assert result.exit_code == 0, result.output
    assert "1 session(s) changed against version 1, 1 inside" in result.output
    result = rota("history", str(folder), *db)
    assert result.exit_code == 0
    assert "first week" in result.output and "Jo" in result.output
    shown = tmp_path / "shown.csv"
    assert (
        rota("show", str(folder), "--version", "1", "--out", str(shown), *db).exit_code
        == 0
    )
    assert _rows(shown) == _rows(first)
    changes = tmp_path / "changes.csv"
    result = rota("diff", str(folder), "1", "2", "--out", str(changes), *db)
    assert result.exit_code == 0, result.output
    [change] = _rows(changes)
    assert (change["session_id"], change["before"], change["after"]) == (
        "S2",
        "ann",
        "bea",
    )
    assert change["late"] == "yes"
    notices = tmp_path / "notices.csv"
    result = rota("notices", str(folder), "--version", "2", "--out", str(notices), *db)
    assert result.exit_code == 0, result.output
    told = {(r["party_id"], r["session_id"]) for r in _rows(notices)}
    assert told == {("ann", "S2"), ("bea", "S2"), ("cole", "S2")}


def test_a_rota_that_breaks_a_hard_rule_is_refused_with_the_violations(
    db_url, tmp_path
):
    """Mrs Cole never wants Bea: a rota sending Bea is refused, the violation is
    listed, and nothing is published."""
    problem = tiny_week()
    problem = Problem(
        **(
            dict(problem)
            | {"users": (person("cole", name="Mrs Cole", excluded_workers=("bea",)),)}
        )
    )
    folder = _folder(tmp_path, problem)
    bad = _rota(tmp_path, "bad.csv", rota_of(("S1", "bea")), problem)
    result = rota("publish", str(folder), "--rota", str(bad), "--db", db_url)
    assert result.exit_code == 1
    assert "refused" in result.output and "excluded" in result.output.lower()
    assert Store(db_url).versions(Store.week_of(problem, "north")) == []


def test_a_conflict_names_both_versions_and_keeps_the_rota_as_a_draft(db_url, tmp_path):
    """Publishing against version 1 once version 2 is out: exit 3, the word
    conflict and both versions named; `rota show --draft` gives the rota back."""
    folder = _folder(tmp_path)
    db = ["--db", db_url]
    one = _rota(tmp_path, "one.csv", rota_of(("S1", "ann")))
    two = _rota(tmp_path, "two.csv", rota_of(("S1", "bea")))
    three = _rota(tmp_path, "three.csv", rota_of(("S1", "ann"), ("S3", "bea")))
    assert (
        rota("publish", str(folder), "--rota", str(one), "--now", TOLD, *db).exit_code
        == 0
    )
    assert (
        rota(
            "publish",
            str(folder),
            "--rota",
            str(two),
            "--now",
            TOLD,
            "--expect-version",
            "1",
            *db,
        ).exit_code
        == 0
    )
    result = rota(
        "publish",
        str(folder),
        "--rota",
        str(three),
        "--now",
        TOLD,
        "--expect-version",
        "1",
        *db,
    )
    assert result.exit_code == 3
    assert "conflict" in result.output
    assert "version 1" in result.output and "version 2" in result.output
    draft = result.output.split("--draft ")[1].split("`")[0]
    kept = tmp_path / "kept.csv"
    assert (
        rota("show", str(folder), "--draft", draft, "--out", str(kept), *db).exit_code
        == 0
    )
    assert _rows(kept) == _rows(three)
    assert "conflict" in rota("drafts", str(folder), *db).output


@pytest.mark.parametrize(
    "args",
    [
        ["show", "{folder}", "--version", "9"],
        ["diff", "{folder}", "1", "7"],
        ["notices", "{folder}", "--version", "4"],
        ["publish", "{folder}", "--rota", "{unknown}"],
        ["publish", "{folder}", "--rota", "{one}", "--expect-version", "5"],
        ["history", "{folder}", "--team", "nobody"],
        ["accounts", "remove", "ghost"],
    ],
    ids=[
        "unknown-version",
        "diff-unknown",
        "notices-unknown",
        "unknown-session",
        "future-base",
        "unknown-team",
        "unknown-account",
    ],
)
def test_bad_requests_get_one_line_and_change_nothing(db_url, tmp_path, args):
    """Unknown versions, teams and accounts, a rota naming a session the week
    does not have, a base version that does not exist yet: one line, non-zero,
    and the store holds exactly what it did."""
    folder = _folder(tmp_path)
    one = _rota(tmp_path, "one.csv", rota_of(("S1", "ann")))
    unknown = tmp_path / "unknown.csv"
    unknown.write_text(
        "session_id,worker_id,date,start,end\nS99,ann,2026-11-30,09:00,10:00\n",
        encoding="utf-8",
    )
    assert (
        rota(
            "publish", str(folder), "--rota", str(one), "--now", TOLD, "--db", db_url
        ).exit_code
        == 0
    )
    before = Store(db_url).audit()
    filled = [a.format(folder=folder, one=one, unknown=unknown) for a in args]
    result = rota(*filled, "--db", db_url)
    if args[0] == "publish" and "{unknown}" in args:
        assert result.exit_code == 1 and "S99" in result.output
        assert "Traceback" not in result.output
    else:
        _one_line_error(result)
    assert Store(db_url).audit() == before


@pytest.mark.parametrize(
    "args",
    [
        ["publish", "{folder}", "--rota", "{one}"],
        ["history", "{folder}"],
        ["show", "{folder}", "--version", "1"],
        ["diff", "{folder}", "1", "2"],
        ["notices", "{folder}", "--version", "1"],
        ["drafts", "{folder}"],
        ["accounts", "list"],
        ["accounts", "add", "mo", "--role", "manager"],
        ["accounts", "remove", "mo"],
        ["db", "status"],
        ["db", "upgrade"],
        ["solve", "{folder}", "--out", "{out}", "--time-limit", "1"],
        ["answer", "{folder}", "A1", "yes"],
    ],
    ids=lambda a: "-".join(a[:2]).replace("{folder}", "dir"),
)
def test_a_database_that_cannot_be_reached_is_one_line(tmp_path, args):
    """Every command given a database it cannot reach says so in one line, exits
    non-zero and writes nothing (no outputs, no agreements)."""
    folder = _folder(tmp_path)
    one = _rota(tmp_path, "one.csv", rota_of(("S1", "ann")))
    out = tmp_path / "out"
    filled = [a.format(folder=folder, one=one, out=out) for a in args]
    result = rota(
        *filled, "--db", "postgresql://rota:pw@127.0.0.1:1/rota", input="long enough\n"
    )
    _one_line_error(result)
    assert "cannot reach" in result.output
    assert not out.exists() and not (folder / "agreements.csv").exists()


def test_a_store_at_an_older_schema_is_refused_by_every_command(db_url, tmp_path):
    """With the store at schema 0001, publish says to upgrade and publishes
    nothing; `rota db upgrade` then lets it through."""
    folder = _folder(tmp_path)
    one = _rota(tmp_path, "one.csv", rota_of(("S1", "ann")))
    engine = make_engine(db_url)
    upgrade(engine, "0001")
    engine.dispose()
    result = rota("publish", str(folder), "--rota", str(one), "--db", db_url)
    _one_line_error(result)
    assert "rota db upgrade" in result.output
    assert "0001" in rota("db", "status", "--db", db_url).output
    assert rota("db", "upgrade", "--db", db_url).exit_code == 0
    assert (
        rota("publish", str(folder), "--rota", str(one), "--db", db_url).exit_code == 0
    )


def test_accounts_read_the_password_from_standard_input(db_url):
    """`accounts add` takes the password from stdin (never argv), `list` shows the
    account without any hash, `remove` deletes it."""
    result = rota(
        "accounts",
        "add",
        "ann",
        "--role",
        "staff",
        "--worker",
        "W001",
        "--db",
        db_url,
        input="long enough\n",
    )
    assert result.exit_code == 0, result.output
    assert Store(db_url).verify("ann", "long enough") is not None
    listed = rota("accounts", "list", "--db", db_url).output
    assert "ann" in listed and "W001" in listed and "argon2" not in listed
    assert (
        rota(
            "accounts",
            "add",
            "bo",
            "--role",
            "staff",
            "--db",
            db_url,
            input="long enough\n",
        ).exit_code
        == 1
    )
    assert rota("accounts", "remove", "ann", "--db", db_url).exit_code == 0
    assert Store(db_url).accounts() == []


def test_solve_and_answer_with_the_store(db_url, tmp_path):
    """`solve --db` measures against the published version and records the run
    with its rota as a draft; `answer --db` keeps the answer in the store as well
    as in agreements.csv."""
    folder = _folder(tmp_path)
    one = _rota(
        tmp_path, "one.csv", rota_of(("S1", "ann"), ("S2", "ann"), ("S3", "ann"))
    )
    db = ["--db", db_url]
    assert (
        rota("publish", str(folder), "--rota", str(one), "--now", TOLD, *db).exit_code
        == 0
    )
    out = tmp_path / "out"
    result = rota(
        "solve",
        str(folder),
        "--out",
        str(out),
        "--time-limit",
        "3",
        "--workers",
        "1",
        *db,
    )
    assert result.exit_code == 0, result.output
    assert "against version 1" in result.output
    store = Store(db_url)
    week = Store.week_of(tiny_week(), "north")
    [run] = store.runs(week)
    assert run.base_version == 1 and run.draft_id is not None
    asks = tmp_path / "asks.csv"
    asks.write_text(
        "ask_id,to_id,kind,session_ids,message,cost,date,start,end,extra_minutes\n"
        "A1,bea,overtime,S3,Would Bea work an extra hour?,2,,,,60\n",
        encoding="utf-8",
    )
    result = rota("answer", str(folder), "A1", "yes", "--asks", str(asks), *db)
    assert result.exit_code == 0, result.output
    [kept] = store.agreements(week)
    assert (kept.party_id, kept.kind, kept.answer) == ("bea", "overtime", "yes")
    assert (folder / "agreements.csv").exists()
    store.close()
