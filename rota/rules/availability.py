"""Stated availability is a limit: never outside it, never in an unavailable window."""

from __future__ import annotations

import bisect

from ortools.sat.python import cp_model

from ..solver.data import Compiled, Window
from ..solver.model import RotaModel
from ..solver.plan import Plan
from .base import Evaluation, HardRule, Violation
from .text import clock, slot_text, when, worker_name

_LAST = 1 << 62
"""Later than any minute: ``(start, _LAST)`` sorts after every span starting then."""


def _merged(windows: list[Window]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for w in sorted(windows, key=lambda x: x.start):
        if spans and w.start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], w.end))
        else:
            spans.append((w.start, w.end))
    return spans


class Availability(HardRule):
    """Availability: only inside stated windows (plus agreed ones); never unavailable."""

    flexible_starts = True

    id = "availability"
    label = "not available"
    asked_by = "availability"
    title = "Stated availability"

    def short_label(self, message: str) -> str:
        if message.startswith("unavailable"):
            return "on leave or unavailable"
        return self.label

    def askable(self, data: Compiled, worker: int, slot: int) -> bool:
        """Stated availability can be asked about, never an unavailable window
        (leave, appointments)."""
        k = data.slots[slot]
        return not any(
            w.start < k.end and k.start < w.end for w in data.workers[worker].blocked
        )

    def __init__(self) -> None:
        self._spans: dict[tuple[int, int], list[tuple[int, int]]] = {}

    def reason(self, data: Compiled, worker: int, start: int, end: int) -> str | None:
        """Why the worker is not available from ``start`` to ``end``, or None."""
        w = data.workers[worker]
        for window in w.blocked:
            if window.start < end and start < window.end:
                return f"unavailable {when(data, window.start, window.end)}"
        if not w.stated:
            return None
        key = (id(data), worker)
        spans = self._spans.get(key)
        if spans is None:
            spans = self._spans[key] = _merged(w.windows)
        if any(a <= start and end <= b for a, b in spans):
            return None
        same_day = [
            f"{clock(data, a)}-{clock(data, b)}"
            for a, b in spans
            if a // 1440 == start // 1440 or b // 1440 == start // 1440
        ]
        stated = (
            f"stated {', '.join(same_day)}" if same_day else "no hours stated that day"
        )
        return f"not available {when(data, start, end)} ({stated})"

    def starts(self, data: Compiled, worker: int, slot: int) -> list[tuple[int, int]]:
        """(first, last) runs of the starts at which a slot with a start variable
        is inside the worker's availability and clear of unavailable windows."""
        k = data.slots[slot]
        w = data.workers[worker]
        length = k.duration
        if w.stated:
            spans = self._spans_of(data, worker)
            runs = [
                (max(a, k.start), min(b - length, k.latest_start)) for a, b in spans
            ]
        else:
            runs = [(k.start, k.latest_start)]
        for b in sorted(w.blocked, key=lambda x: x.start):
            # A start in (b.start - length, b.end) overlaps the window.
            cut = []
            for lo, hi in runs:
                if lo <= b.start - length:
                    cut.append((lo, min(hi, b.start - length)))
                if hi >= b.end:
                    cut.append((max(lo, b.end), hi))
            runs = cut
        return [(lo, hi) for lo, hi in runs if lo <= hi]

    def encode(self, m: RotaModel) -> list:
        # Fixed times are kept by the pair filter; a start variable stays in the
        # starts the worker is free for.
        for (w, k), lit in m.x.items():
            if k not in m.starts:
                continue
            runs = self.starts(m.data, w, k)
            slot = m.data.slots[k]
            if runs != [(slot.start, slot.latest_start)]:
                domain = cp_model.Domain.from_intervals([list(r) for r in runs])
                m.cp.add_linear_expression_in_domain(
                    m.starts[k], domain
                ).only_enforce_if(lit)
        return []

    def blocks(self, data: Compiled, worker: int, slot: int) -> bool:
        k = data.slots[slot]
        w = data.workers[worker]
        if k.flexible:
            return not self.starts(data, worker, slot)
        if any(b.start < k.end and k.start < b.end for b in w.blocked):
            return True
        if not w.stated:
            return False
        # The merged spans are sorted and apart: only the last one starting by
        # the visit's start can hold it.
        spans = self._spans_of(data, worker)
        i = bisect.bisect_right(spans, (k.start, _LAST)) - 1
        return i < 0 or spans[i][1] < k.end

    def _spans_of(self, data: Compiled, worker: int) -> list[tuple[int, int]]:
        key = (id(data), worker)
        spans = self._spans.get(key)
        if spans is None:
            spans = self._spans[key] = _merged(data.workers[worker].windows)
        return spans

    def admits(self, data: Compiled, worker: int, slot: int) -> str | None:
        k = data.slots[slot]
        return self.reason(data, worker, k.start, k.end)

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        for w, slot in plan.pairs:
            reason = self.admits(data, w, slot)
            if reason:
                result.violations.append(
                    Violation(
                        self.id,
                        f"{worker_name(data, w)} on {slot_text(data, slot)}: {reason}",
                        (w,),
                        (data.slots[slot].session,),
                    )
                )
        return result
