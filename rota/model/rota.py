"""What the engine produces: assignments, unmet sessions, asks and a summary."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .records import AgreementKind

Status = Literal["OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN", "MODEL_INVALID"]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Assignment(_Out):
    """One worker on one covered session, at the times actually rostered."""

    session_id: str
    worker_id: str
    start: dt.datetime
    end: dt.datetime


class Unmet(_Out):
    """A session left uncovered, and the short reason why."""

    session_id: str
    reason: str


class Ask(_Out):
    """A request to put to one worker or person (asks.csv)."""

    ask_id: str
    to_id: str
    kind: AgreementKind
    session_ids: tuple[str, ...]
    message: str
    cost: float
    group: str | None = None
    """Asks sharing a group only work together."""
    date: dt.date | None = None
    start: dt.time | None = None
    end: dt.time | None = None
    extra_minutes: int | None = None


class Summary(_Out):
    """summary.json: how the solve went and the objective by rule."""

    status: Status
    objective: float | None
    best_bound: float | None
    wall_seconds: float
    breakdown: dict[str, float] = Field(default_factory=dict)
    objective_raw: int | None = None
    """The objective in the solver's integer unit (1/60 point); sums exactly."""
    breakdown_raw: dict[str, int] = Field(default_factory=dict)
    sessions: int = 0
    covered: int = 0
    coverage: float = 0.0
    first_solution_seconds: float | None = None
    policy: str = "balanced"
    seed: int = 0
    workers: int = 1
    timings: dict[str, float] = Field(default_factory=dict)
    """Seconds by phase of the solve (and, from the command line, ``negotiate``
    and ``total``: the whole command up to writing the outputs)."""
    start_variables: int = 0
    """Sessions with a start window whose start the solver chose to the minute
    (0: every window was offered in steps)."""
