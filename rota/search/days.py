"""Worker-days priced by the soft rules that judge a day alone (``Rule.day_local``:
split shifts, short days, long spans, travel), by those rules' own evaluation of
that day: the day-shaped greedy and the costliest-day neighbourhoods both read it."""

from __future__ import annotations

from collections.abc import Sequence

from ..rules import Rule
from ..solver.data import Compiled
from ..solver.plan import Plan


class DayPrices:
    """Day-local penalties, each day priced once (a cache by worker and visits)."""

    def __init__(self, data: Compiled, rules: Sequence[Rule]) -> None:
        self.data = data
        self.local = [r for r in rules if not r.hard and r.day_local and r.active(data)]
        self._seen: dict[tuple[int, tuple[int, ...]], int] = {}

    def day(self, worker: int, slots: Sequence[int]) -> int:
        """The penalty of one worker-day made of ``slots``."""
        key = (worker, tuple(sorted(slots)))
        if key not in self._seen:
            alone = Plan.from_pairs(self.data, [(worker, k) for k in key[1]])
            self._seen[key] = sum(r.evaluate(alone).penalty for r in self.local)
        return self._seen[key]

    def of(self, pairs: list[tuple[int, int]]) -> dict[tuple[int, int], int]:
        """Each (worker, day) of a rota that has a penalty, with it."""
        out = {}
        for key, day in Plan.from_pairs(self.data, pairs).days.items():
            price = self.day(day.worker, day.slots)
            if price:
                out[key] = price
        return out
