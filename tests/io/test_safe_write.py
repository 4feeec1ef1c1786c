"""Outputs staged and moved into place whole: rota.io.safe_write, and the BOM."""

from __future__ import annotations

from pathlib import Path

import pytest

from rota.io.safe_write import (
    NO_ROTA_FILE,
    PREVIOUS,
    OutputError,
    check_output_folder,
    staged_outputs,
    write_no_rota,
)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def previous_run(out: Path) -> dict[str, bytes]:
    """A folder holding a good run's outputs, with a calendar and a user's note."""
    (out / "calendars").mkdir(parents=True)
    (out / "calendars" / "w1.ics").write_text("BEGIN:VCALENDAR\n")
    for name in ("rota.csv", "unmet.csv", "asks.csv", "summary.json", "rota.xlsx"):
        (out / name).write_text(f"old {name}\n")
    (out / "notes.txt").write_text("the manager's own file\n")
    return snapshot(out)


def test_staged_outputs_replace_the_run_and_keep_the_last_one_aside(
    tmp_path: Path,
) -> None:
    """A complete run replaces every output kind; the previous run's files (the
    xlsx and calendars this run did not write included) move to OUT/.previous,
    and files rota never writes stay where they are."""
    out = tmp_path / "out"
    before = previous_run(out)
    with staged_outputs(out) as stage:
        (stage / "rota.csv").write_text("new\n")
        (stage / "summary.json").write_text("{}\n")
        assert not (out / "rota.csv").read_text().startswith("new")  # not yet
    assert (out / "rota.csv").read_text() == "new\n"
    assert not (out / "rota.xlsx").exists() and not (out / "calendars").exists()
    assert (out / "notes.txt").read_bytes() == before["notes.txt"]
    kept = snapshot(out / PREVIOUS)
    assert kept == {k: v for k, v in before.items() if k != "notes.txt"}
    assert sorted(p.name for p in out.iterdir()) == [
        PREVIOUS,
        "notes.txt",
        "rota.csv",
        "summary.json",
    ]


def test_a_failure_while_writing_leaves_the_previous_outputs_exactly(
    tmp_path: Path,
) -> None:
    """A writer failing part-way (a full disk, say) changes nothing in OUT and
    comes out as one OutputError, with no staging folder left behind."""
    out = tmp_path / "out"
    before = previous_run(out)
    with (
        pytest.raises(OutputError, match="No space left"),
        staged_outputs(out) as stage,
    ):
        (stage / "rota.csv").write_text("new\n")
        raise OSError(28, "No space left on device", str(stage / "unmet.csv"))
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == sorted(
        {"calendars", "notes.txt", *before} - {"calendars/w1.ics"}
    )


def test_a_move_failing_part_way_is_undone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If moving the new files into place fails after some moved, the moves are
    undone: OUT holds the previous run exactly, and its .previous too."""
    import rota.io.safe_write as safe_write

    out = tmp_path / "out"
    previous_run(out)
    (out / PREVIOUS).mkdir()
    (out / PREVIOUS / "rota.csv").write_text("two runs ago\n")
    before = snapshot(out)
    real = safe_write.os.replace
    failed: list[str] = []

    def failing(src: str | Path, dst: str | Path) -> None:
        new = Path(dst).parent == out and "rota-writing" in str(src)
        if new and Path(dst).name == "summary.json" and not failed:
            failed.append(str(dst))  # the third new file of four
            raise OSError(13, "Permission denied", str(dst))
        real(src, dst)

    monkeypatch.setattr(safe_write.os, "replace", failing)
    with (
        pytest.raises(OutputError, match="Permission denied"),
        staged_outputs(out) as stage,
    ):
        for name in ("asks.csv", "rota.csv", "summary.json", "unmet.csv"):
            (stage / name).write_text("new\n")
    assert snapshot(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".rota-writing")]


def test_a_new_folder_is_not_left_behind_by_a_failed_run(tmp_path: Path) -> None:
    """A run that fails into a folder it created removes that folder again."""
    out = tmp_path / "new" / "out"
    with pytest.raises(OutputError), staged_outputs(out):
        raise OSError(5, "Input/output error")
    assert not out.exists()


def test_no_rota_file_names_what_was_kept(tmp_path: Path) -> None:
    """NO-ROTA.txt says why, lists the earlier outputs left beside it, and is the
    only file it touches."""
    out = tmp_path / "out"
    before = previous_run(out)
    path = write_no_rota(out, "no rota keeps every hard rule", ["1 of 1 uncovered"])
    assert path == out / NO_ROTA_FILE
    text = path.read_text()
    assert "no rota keeps every hard rule" in text
    assert "rota.csv, unmet.csv, asks.csv, summary.json, rota.xlsx, calendars" in text
    assert "1 of 1 uncovered" in text
    assert {k: v for k, v in snapshot(out).items() if k != NO_ROTA_FILE} == before


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("a-file", "is a file, not a folder"),
        ("a-file/below", "a-file is a file"),
        ("/proc/rota-out", "is a system folder"),
        ("/proc", "is a system folder"),
    ],
)
def test_an_output_folder_that_cannot_be_used_is_refused(
    tmp_path: Path, where: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--out naming a file, a path below a file, or /proc is refused at once."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(OutputError, match=message):
        check_output_folder(where)


def test_an_output_folder_to_be_made_is_accepted_and_not_made(tmp_path: Path) -> None:
    """A folder that does not exist yet is fine; checking it does not create it."""
    assert check_output_folder(tmp_path / "a" / "b") == tmp_path / "a" / "b"
    assert not (tmp_path / "a").exists()
    assert list(tmp_path.iterdir()) == []
