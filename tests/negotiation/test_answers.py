"""Recording answers in agreements.csv, reading asks.csv, and the two commands."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from printed import shows
from typer.testing import CliRunner, Result

from rota.cli import (
    app,
    commands,  # noqa: F401  (registers the subcommands)
)
from rota.io import load_problem, write_asks_csv
from rota.model import Ask
from rota.negotiation import NegotiationError, read_asks_csv, record_answer

TINY = Path(__file__).parent.parent / "data" / "tiny"
AT = dt.datetime(2026, 2, 28, 9, 30)
HEADER = (
    "agreement_id,party_id,kind,session_id,date,start,end,extra_minutes,answer,"
    "answered_at"
)

AVAILABILITY = Ask(
    ask_id="A1",
    to_id="w3",
    kind="availability",
    session_ids=("s4",),
    message="Carys Lloyd, would you work Wednesday 4 Mar 14:00-15:30?",
    cost=12.0,
    date=dt.date(2026, 3, 4),
    start=dt.time(14, 0),
    end=dt.time(15, 30),
)
TRAVEL = Ask(
    ask_id="A2",
    to_id="w3",
    kind="travel",
    session_ids=("s3",),
    message="=Carys Lloyd, would you make a 68-minute journey?",
    cost=12.27,
    group="G1",
)
OVERTIME = Ask(
    ask_id="A3",
    to_id="w2",
    kind="overtime",
    session_ids=("s3",),
    message="Ben Murray, would you work 30 minutes more?",
    cost=9.0,
    group="G1",
    extra_minutes=30,
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the tiny week, with its four recorded agreements."""
    return Path(shutil.copytree(TINY, tmp_path / "tiny"))


def test_answer_is_appended_and_every_existing_byte_kept(folder: Path) -> None:
    """A 'yes' is appended as one contract row; the file before it is unchanged
    and the folder still loads, with the new agreement in it."""
    path = folder / "agreements.csv"
    before = path.read_bytes()
    made, replaced, _ = record_answer(folder, AVAILABILITY, "yes", at=AT)
    after = path.read_bytes()
    assert after.startswith(before)
    assert after[len(before) :].decode().strip() == (
        "ag5,w3,availability,s4,2026-03-04,14:00,15:30,,yes,2026-02-28T09:30"
    )
    assert made.agreement_id == "ag5" and made.answer == "yes" and replaced is None
    problem = load_problem(folder)
    assert problem.agreements[-1] == made


def test_travel_and_overtime_answers_carry_what_their_kind_needs(
    folder: Path,
) -> None:
    """A travel answer names its session, an overtime answer its minutes; a 'no'
    is recorded like a 'yes'."""
    record_answer(folder, TRAVEL, "no", at=AT)
    record_answer(folder, OVERTIME, "yes", at=AT)
    lines = (folder / "agreements.csv").read_text().splitlines()
    assert lines[-2:] == [
        "ag5,w3,travel,s3,,,,,no,2026-02-28T09:30",
        "ag6,w2,overtime,s3,,,,30,yes,2026-02-28T09:30",
    ]
    agreements = load_problem(folder).agreements
    assert [a.answer for a in agreements[-2:]] == ["no", "yes"]


def test_missing_file_is_created_with_the_contract_header(tmp_path: Path) -> None:
    """A folder without agreements.csv gets one, header first."""
    record_answer(tmp_path, AVAILABILITY, "no", at=AT)
    assert (tmp_path / "agreements.csv").read_text().splitlines() == [
        HEADER,
        "ag1,w3,availability,s4,2026-03-04,14:00,15:30,,no,2026-02-28T09:30",
    ]


def test_file_without_optional_columns_keeps_its_rows_and_extras(
    tmp_path: Path,
) -> None:
    """A hand-written file lacking optional columns (and with one of its own) is
    rewritten with them added: every row and every extra value is kept."""
    path = tmp_path / "agreements.csv"
    path.write_text(
        "agreement_id,party_id,kind,extra_minutes,answer,note\n"
        "x1,w2,overtime,60,yes,asked by phone\n"
    )
    record_answer(tmp_path, AVAILABILITY, "yes", at=AT)
    lines = path.read_text().splitlines()
    assert lines[0].split(",")[:6] == [
        "agreement_id",
        "party_id",
        "kind",
        "extra_minutes",
        "answer",
        "note",
    ]
    assert lines[1].startswith("x1,w2,overtime,60,yes,asked by phone")
    assert lines[2].startswith("ag2,w3,availability,,yes,,")


def test_answer_must_be_yes_or_no(tmp_path: Path) -> None:
    """Anything but yes or no is refused before the file is touched."""
    with pytest.raises(NegotiationError, match="yes or no"):
        record_answer(tmp_path, AVAILABILITY, "maybe", at=AT)  # type: ignore[arg-type]
    assert not (tmp_path / "agreements.csv").exists()


def test_asks_file_round_trips(tmp_path: Path) -> None:
    """asks.csv written by the engine reads back as the same asks, formula guard
    and all."""
    path = write_asks_csv(tmp_path / "asks.csv", [AVAILABILITY, TRAVEL, OVERTIME])
    assert read_asks_csv(path) == [AVAILABILITY, TRAVEL, OVERTIME]


def test_bad_asks_file_names_row_and_column(tmp_path: Path) -> None:
    """A bad kind is reported with the file, row and column."""
    path = write_asks_csv(tmp_path / "asks.csv", [AVAILABILITY])
    path.write_text(path.read_text().replace(",availability,", ",holiday,"))
    with pytest.raises(NegotiationError, match=r"asks\.csv row 1, column kind"):
        read_asks_csv(path)


def run(*args: str) -> Result:
    """Invoke ``rota ARGS`` as a user would."""
    return CliRunner().invoke(app, list(args))


def test_answer_command_appends_a_row_and_keeps_the_rest(
    folder: Path, tmp_path: Path
) -> None:
    """`rota answer DIR A2 yes --asks OUT/asks.csv` appends one row, keeps every
    existing row, and names the asks that only work with it."""
    asks = write_asks_csv(
        tmp_path / "out" / "asks.csv", [AVAILABILITY, TRAVEL, OVERTIME]
    )
    before = (folder / "agreements.csv").read_text().splitlines()
    result = run("answer", str(folder), "A2", "yes", "--asks", str(asks))
    assert result.exit_code == 0, result.output
    after = (folder / "agreements.csv").read_text().splitlines()
    assert after[: len(before)] == before and len(after) == len(before) + 1
    assert after[-1].startswith("ag5,w3,travel,s3,,,,,yes,")
    assert shows(result.output, "A2 only helps together with A3"), result.output


@pytest.mark.parametrize(
    ("ask_id", "answer", "message"),
    [("A9", "yes", "no ask 'A9'"), ("A1", "maybe", "must be yes or no")],
)
def test_answer_command_refuses_plainly(
    folder: Path, tmp_path: Path, ask_id: str, answer: str, message: str
) -> None:
    """An unknown ask or an answer other than yes/no: exit 1, a plain message, no
    traceback, and agreements.csv untouched."""
    asks = write_asks_csv(tmp_path / "asks.csv", [AVAILABILITY])
    before = (folder / "agreements.csv").read_bytes()
    result = run("answer", str(folder), ask_id, answer, "--asks", str(asks))
    assert result.exit_code == 1
    assert shows(result.output, message) and "Traceback" not in result.output
    assert (folder / "agreements.csv").read_bytes() == before


@pytest.mark.parametrize("party", ["w3", "u1"])
def test_answer_command_records_a_change_from_a_worker_or_a_person(
    folder: Path, tmp_path: Path, party: str
) -> None:
    """A change ask may go to a worker (taking a session on at short notice) or to
    the person (another time): either answer is recorded with its session, and the
    folder still loads; a change ask to someone unknown is refused."""
    change = Ask(
        ask_id="A1",
        to_id=party,
        kind="change",
        session_ids=("s1",),
        message="Would you take on s1 at short notice?",
        cost=12.0,
    )
    asks = write_asks_csv(tmp_path / "asks.csv", [change])
    result = run("answer", str(folder), "A1", "yes", "--asks", str(asks))
    assert result.exit_code == 0, result.output
    last = (folder / "agreements.csv").read_text().splitlines()[-1]
    assert last.startswith(f"ag5,{party},change,s1,,,,,yes,")
    assert load_problem(folder).agreements[-1].kind == "change"
    stranger = write_asks_csv(
        tmp_path / "stranger.csv", [change.model_copy(update={"to_id": "u99"})]
    )
    refused = run("answer", str(folder), "A1", "yes", "--asks", str(stranger))
    assert refused.exit_code == 1 and "another folder" in refused.output


def test_answer_command_refuses_asks_made_for_another_folder(
    folder: Path, tmp_path: Path
) -> None:
    """An ask naming a worker the folder does not have is not recorded."""
    stranger = AVAILABILITY.model_copy(update={"to_id": "w99"})
    asks = write_asks_csv(tmp_path / "asks.csv", [stranger])
    result = run("answer", str(folder), "A1", "yes", "--asks", str(asks))
    assert result.exit_code == 1 and "another folder" in result.output


def test_explain_command_against_a_rota_file(tmp_path: Path) -> None:
    """`rota explain DIR s3 --rota ROTA` prints each worker's verdict with the
    rules' reasons and the session's short reason."""
    rota_csv = tmp_path / "rota.csv"
    rota_csv.write_text("session_id,worker_id,date,start,end\n")
    result = run("explain", str(TINY), "s3", "--rota", str(rota_csv))
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "uncovered:" in text
    assert "lacks skill: hoist [skills]" in text
    assert "the journey from home takes 68 minutes" in text


def test_explain_command_solves_when_no_rota_is_given() -> None:
    """Without --rota a short solve gives the current rota."""
    result = run("explain", str(TINY), "s1", "--time-limit", "2", "--worker", "w2")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "covered by w1" in text
    assert "the person asks for a female worker" in text


def test_explain_command_unknown_session_exits_one() -> None:
    """An unknown session is a plain error, exit 1."""
    result = run("explain", str(TINY), "nope", "--time-limit", "1")
    assert result.exit_code == 1
    assert "not a session" in result.output and "Traceback" not in result.output


def test_a_repeated_answer_replaces_the_earlier_row(folder: Path) -> None:
    """yes, yes, then no to the same ask: one row for it, holding the latest
    answer, in the place (and with the id) of the first; the others untouched."""
    path = folder / "agreements.csv"
    before = path.read_text().splitlines()
    first = record_answer(folder, AVAILABILITY, "yes", at=AT)
    assert first.replaced is None
    second = record_answer(folder, AVAILABILITY, "yes", at=AT)
    assert (second.replaced, second.previous) == ("ag5", "yes")
    third = record_answer(folder, AVAILABILITY, "no", at=AT)
    assert (third.replaced, third.previous) == ("ag5", "yes")
    after = path.read_text().splitlines()
    assert after[: len(before)] == before and len(after) == len(before) + 1
    assert (
        after[-1]
        == "ag5,w3,availability,s4,2026-03-04,14:00,15:30,,no,2026-02-28T09:30"
    )
    agreements = load_problem(folder).agreements
    assert [a.answer for a in agreements if a.party_id == "w3"][-1] == "no"
    # Another ask of the same party is a new row, not a replacement.
    assert record_answer(folder, TRAVEL, "no", at=AT).replaced is None


def test_answer_command_says_it_replaced(folder: Path, tmp_path: Path) -> None:
    """`rota answer` twice for one ask: the second run says the earlier answer
    was replaced, and the file keeps one row for it."""
    asks = write_asks_csv(tmp_path / "asks.csv", [AVAILABILITY])
    assert run("answer", str(folder), "A1", "yes", "--asks", str(asks)).exit_code == 0
    result = run("answer", str(folder), "A1", "no", "--asks", str(asks))
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert (
        "w3 had already answered this ask (yes, ag5): the earlier answer is replaced"
        in said
    )
    rows = (folder / "agreements.csv").read_text().splitlines()
    assert sum(",w3,availability,s4," in r for r in rows) == 1
