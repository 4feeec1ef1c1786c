"""Files to download: the rota as CSV and Excel, one worker's calendar."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from rota.check import CheckReport
from rota.io import write_excel, write_ical, write_rota_csv
from rota.model import Assignment, Problem, Unmet
from rota.negotiation import unmet_reasons


def rota_csv(problem: Problem, lines: Sequence[Assignment]) -> bytes:
    """rota.csv's bytes."""
    with tempfile.TemporaryDirectory() as folder:
        return write_rota_csv(Path(folder) / "rota.csv", problem, lines).read_bytes()


def rota_xlsx(
    problem: Problem, lines: Sequence[Assignment], report: CheckReport
) -> bytes:
    """The rota workbook's bytes (rota, by worker, uncovered, summary)."""
    reasons = unmet_reasons(report.data, report.plan)
    unmet = [
        Unmet(session_id=report.data.sessions[s].id, reason=r)
        for s, r in reasons.items()
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = write_excel(
            Path(folder) / "rota.xlsx", problem, lines, unmet, [], report.summary()
        )
        return path.read_bytes()


def calendar(
    problem: Problem, lines: Sequence[Assignment], worker_id: str
) -> bytes | None:
    """One worker's .ics, or None when they have no shifts."""
    mine = [a for a in lines if a.worker_id == worker_id]
    if not mine:
        return None
    with tempfile.TemporaryDirectory() as folder:
        [path] = write_ical(folder, problem, mine)
        return path.read_bytes()
