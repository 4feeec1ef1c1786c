"""One relaxation a worker or person would have to agree to: its price and words.

A :class:`Need` is what an :class:`~rota.model.Ask` asks for, before it has an id:
the agreement it would become if the answer were yes, what it costs by the policy's
ask weights, whether the party already said no to it, and the sentence to put to
them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Agreement
from ..model.records import AgreementKind
from ..model.time import MINUTES_PER_DAY
from ..rules.base import hours
from ..rules.consent import can_take
from ..rules.text import clock, day_name, when
from ..solver.data import Compiled


@dataclass(frozen=True)
class Need:
    """A relaxation of one party's rule, for one session.

    Attributes
    ----------
    kind
        As in agreements.csv: availability, move, overtime, travel or change.
    party
        The worker or person (user) id to ask.
    session
        Index of the session it is for.
    start, end
        Horizon minutes: the time to work (availability), the new time (move), or
        the session's time (overtime, travel).
    minutes
        Overtime: the extra minutes; travel: the longest journey; move, and a
        change of time the person is asked for: how far the start moves (signed).
    """

    kind: AgreementKind
    party: str
    session: int
    start: int
    end: int
    minutes: int = 0

    def agreement(self, data: Compiled, agreement_id: str) -> Agreement:
        """The 'yes' agreement this need becomes."""
        horizon = data.problem.period
        begin, finish = horizon.to_datetime(self.start), horizon.to_datetime(self.end)
        timed = self.kind in ("availability", "move") or self._person_change(data)
        return Agreement(
            agreement_id=agreement_id,
            party_id=self.party,
            kind=self.kind,
            session_id=(
                data.sessions[self.session].id
                if self.kind in ("move", "travel", "change")
                else None
            ),
            date=begin.date() if timed else None,
            start=begin.time() if timed else None,
            end=finish.time() if timed else None,
            extra_minutes=self.minutes if self.kind == "overtime" else None,
            answer="yes",
        )

    def _person_change(self, data: Compiled) -> bool:
        """A change of time asked of the session's person (else of a worker)."""
        return self.kind == "change" and self.party not in data.worker_index

    def hours_asked(self, data: Compiled) -> float:
        """How much is asked, in hours: worked, overtime, moved, taken on at short
        notice, or over the limit."""
        if self.kind == "availability":
            return (self.end - self.start) / 60
        if self.kind == "overtime":
            return self.minutes / 60
        if self.kind == "move" or self._person_change(data):
            return abs(self.minutes) / 60
        if self.kind == "change":
            return (self.end - self.start) / 60
        worker = data.workers[data.worker_index[self.party]]
        return max(0, self.minutes - worker.max_travel) / 60

    def cost(self, data: Compiled, earlier: int) -> float:
        """The policy's price of asking, given ``earlier`` asks to the same party."""
        weights = data.policy.asks
        base = float(getattr(weights, self.kind))
        price = base + weights.per_hour * self.hours_asked(data)
        if _unsocial(data, self.start, self.end):
            price *= weights.evening_multiplier
        if _weekend(data, self.start):
            price *= weights.weekend_multiplier
        return round(price + weights.repeat * earlier, 2)

    def refused(self, data: Compiled) -> bool:
        """True when the party already said no to this (or to less than this)."""
        horizon = data.problem.period
        session_id = data.sessions[self.session].id
        for no in data.refused:
            if no.party_id != self.party or no.kind != self.kind:
                continue
            if (
                self.kind in ("move", "travel", "change")
                and no.session_id == session_id
            ):
                return True
            if self.kind == "overtime" and (no.extra_minutes or 0) <= self.minutes:
                return True
            if self.kind == "availability" and no.date and no.start and no.end:
                start, end = horizon.interval(no.date, no.start, no.end)
                if start < self.end and self.start < end:
                    return True
        return False

    def message(self, data: Compiled) -> str:
        """One plain sentence to put to the party."""
        session = data.sessions[self.session]
        person = data.users[session.user].name
        for_whom = f"to support {person} (session {session.id})"
        if self.kind == "move":
            return (
                f"{person}, could session {session.id} on "
                f"{day_name(data, session.start)} run "
                f"{clock(data, self.start)}-{clock(data, self.end)} instead of "
                f"{clock(data, session.start)}-{clock(data, session.end)}?"
            )
        if self._person_change(data):
            published = data.published_start.get(self.session, session.start)
            return (
                f"{person}, could session {session.id} on "
                f"{day_name(data, session.start)} run "
                f"{clock(data, self.start)}-{clock(data, self.end)} instead of the "
                f"published {clock(data, published)}-"
                f"{clock(data, published + session.duration)}, at short notice?"
            )
        worker = data.workers[data.worker_index[self.party]]
        at = when(data, self.start, self.end)
        if self.kind == "change":
            told = sorted(data.published.get(self.session, frozenset()))
            names = " and ".join(data.workers[w].name for w in told) or "nobody"
            gone = not any(can_take(data, w, self.session) for w in told)
            return (
                f"{worker.name}, would you take on {at} {for_whom} at short notice? "
                f"It was published to {names}"
                + (", who can no longer do it." if gone else ".")
            )
        if self.kind == "availability":
            return (
                f"{worker.name}, would you work {at}, outside the hours you stated, "
                f"{for_whom}?"
            )
        if self.kind == "overtime":
            week = self.start // (7 * MINUTES_PER_DAY) + 1
            return (
                f"{worker.name}, would you work {_length(self.minutes)} above your "
                f"maximum of {hours(worker.max_week)} hours in week {week}, "
                f"{for_whom} on {at}?"
            )
        return (
            f"{worker.name}, would you make a {self.minutes}-minute journey (your "
            f"maximum is {worker.max_travel}) {for_whom} on {at}?"
        )


def _length(minutes: int) -> str:
    """'45 minutes', '1 hour', '3 hours 20 minutes'."""
    hours_part, rest = divmod(minutes, 60)
    parts = []
    if hours_part:
        parts.append("1 hour" if hours_part == 1 else f"{hours_part} hours")
    if rest or not hours_part:
        parts.append(f"{rest} minutes")
    return " ".join(parts)


def _unsocial(data: Compiled, start: int, end: int) -> bool:
    weights = data.policy.asks
    early = data.minutes_of(weights.early_before)
    late = data.minutes_of(weights.evening_after)
    begin = start % MINUTES_PER_DAY
    finish = begin + (end - start)
    return begin < early or finish > late


def _weekend(data: Compiled, start: int) -> bool:
    moment: dt.datetime = data.problem.period.to_datetime(start)
    return moment.weekday() >= 5
