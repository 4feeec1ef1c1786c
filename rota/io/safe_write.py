"""Writing a run's outputs so that a failed run never replaces a good rota.

Every file of a run is first written into a hidden staging folder inside the
output folder (the same file system, so each move is an atomic ``os.replace``,
and it works for ``--out .`` too). Only when every file is complete are the
outputs already there (of every kind rota writes) moved into ``OUT/.previous/``
and the new ones moved into place. A run that finds no rota writes only
``NO-ROTA.txt`` beside the previous outputs and touches nothing else.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

from .outputs import ASKS_FILE, ROTA_FILE, SUMMARY_FILE, UNMET_FILE

EXCEL_FILE = "rota.xlsx"
CALENDARS = "calendars"
NO_ROTA_FILE = "NO-ROTA.txt"
PREVIOUS = ".previous"
STAGING_PREFIX = ".rota-writing-"
OUTPUT_KINDS = (
    ROTA_FILE,
    UNMET_FILE,
    ASKS_FILE,
    SUMMARY_FILE,
    EXCEL_FILE,
    CALENDARS,
    NO_ROTA_FILE,
)
"""Every name a run may write; a successful run moves all of these aside first."""

_SYSTEM = (Path("/proc"), Path("/sys"), Path("/dev"))


class OutputError(Exception):
    """The outputs cannot be written there; the message is one plain line."""


def check_output_folder(out: str | Path) -> Path:
    """Fail early, before any work, when ``out`` cannot take a run's outputs.

    Parameters
    ----------
    out
        The output folder; it need not exist yet.

    Returns
    -------
    Path
        ``out`` as an absolute path.

    Raises
    ------
    OutputError
        ``out`` is a file, lies under a file, under /proc, /sys or /dev, or
        cannot be written (a folder is made and removed there to make sure).
    """
    folder = Path(os.path.abspath(out))
    if any(folder == s or s in folder.parents for s in _SYSTEM):
        raise OutputError(f"{out} is a system folder, not a place for outputs")
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{out} is a file, not a folder")
    existing = folder
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"{out} cannot be made: {existing} is a file")
    try:
        probe = tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=existing)
        os.rmdir(probe)
    except OSError as exc:
        raise OutputError(f"cannot write in {existing}: {_why(exc)}") from None
    return folder


@contextmanager
def staged_outputs(out: str | Path) -> Iterator[Path]:
    """A staging folder to write a run's files into; published when the block ends.

    On leaving the block normally, the outputs already in ``out`` (the names in
    :data:`OUTPUT_KINDS`) move to ``out/.previous/`` (replacing what was there)
    and the staged files move into ``out``. On an exception nothing in ``out``
    changes; an ``OSError`` comes out as :class:`OutputError`.

    Yields
    ------
    Path
        The staging folder.
    """
    folder = Path(out)
    made = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
    except OSError as exc:
        raise OutputError(f"cannot write in {out}: {_why(exc)}") from None
    try:
        yield stage
        publish(stage, folder)
    except OSError as exc:
        raise OutputError(f"the outputs were not written: {_why(exc)}") from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        if made and not any(folder.iterdir()):
            folder.rmdir()


def publish(stage: Path, out: Path) -> list[Path]:
    """Move the previous outputs to ``out/.previous`` and the staged ones into ``out``.

    Each move is an ``os.replace`` within one file system; if one fails, the
    moves made so far are undone, so ``out`` holds the previous outputs again.
    """
    moved: list[tuple[Path, Path]] = []
    scratch: list[Path] = []
    previous = out / PREVIOUS
    old = [out / name for name in OUTPUT_KINDS if (out / name).exists()]
    written: list[Path] = []
    try:
        if old:
            aside = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
            scratch.append(aside)
            for path in old:
                _move(path, aside / path.name, moved)
            if previous.exists():
                retired = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
                scratch.append(retired)
                _move(previous, retired / PREVIOUS, moved)
            _move(aside, previous, moved)
        for path in sorted(stage.iterdir()):
            _move(path, out / path.name, moved)
            written.append(out / path.name)
    except OSError:
        # Best effort: the error raised below is what the user needs to see.
        for src, dst in reversed(moved):
            with suppress(OSError):
                os.replace(dst, src)
        for folder in scratch:
            with suppress(OSError):
                folder.rmdir()  # only when empty: never delete what was not undone
        raise
    for folder in scratch:
        shutil.rmtree(folder, ignore_errors=True)  # the outputs of two runs ago
    return written


def write_no_rota(
    out: str | Path,
    reason: str,
    details: Sequence[str] = (),
    *,
    now: dt.datetime | None = None,
) -> Path:
    """Write ``NO-ROTA.txt`` in ``out``, leaving every other file as it was.

    Parameters
    ----------
    out
        The output folder (created when missing).
    reason
        Why this run made no rota, in one plain sentence.
    details
        Further lines, e.g. the sessions left uncovered and why.
    now
        The time to give in the file; default: now.

    Returns
    -------
    Path
        The file written.
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    when = (now or dt.datetime.now()).isoformat(timespec="seconds")
    kept = [name for name in OUTPUT_KINDS[:-1] if (folder / name).exists()]
    beside = (
        "The files beside this one are from an earlier run and were left as they "
        f"were: {', '.join(kept)}."
        if kept
        else "There are no earlier outputs in this folder."
    )
    lines = [f"No rota was made by the run at {when}.", "", reason, "", beside]
    if details:
        lines += ["", *details]
    target = folder / NO_ROTA_FILE
    handle, temporary = tempfile.mkstemp(prefix=STAGING_PREFIX, dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write("\n".join(lines) + "\n")
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _move(src: Path, dst: Path, moved: list[tuple[Path, Path]]) -> None:
    os.replace(src, dst)
    moved.append((src, dst))


def _why(exc: OSError) -> str:
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{exc.strerror or exc}"
