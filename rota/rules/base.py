"""What every rule provides: its id, its CP-SAT encoding and its own evaluation.

A rule is written once. The engine calls :meth:`Rule.admits` and
:meth:`Rule.may_follow` to decide which variables exist, and :meth:`Rule.encode` to
add constraints and objective terms; the checker and the objective breakdown call
:meth:`Rule.evaluate` on a finished :class:`~rota.solver.plan.Plan`; the explainer
uses both, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from ..model.records import AgreementKind
from ..solver.data import SCALE, Compiled
from ..solver.model import RotaModel
from ..solver.plan import Plan
from .text import worker_name


@dataclass(frozen=True)
class Violation:
    """A hard rule broken by a rota, in plain words, with who and what it concerns."""

    rule: str
    message: str
    workers: tuple[int, ...] = ()
    sessions: tuple[int, ...] = ()


@dataclass
class Evaluation:
    """A rule's verdict on a rota: violations (hard) or a penalty with its parts."""

    rule: str
    violations: list[Violation] = field(default_factory=list)
    penalty: int = 0
    """In the objective's unit (1/SCALE point)."""
    details: list[tuple[str, int]] = field(default_factory=list)
    """(what, penalty) for each part of the penalty."""

    def add(self, what: str, amount: int) -> None:
        """Add a part of the penalty (zero parts are not recorded)."""
        if amount:
            self.penalty += amount
            self.details.append((what, amount))


class Rule:
    """Base class: a rule does nothing until it overrides a hook."""

    id: str
    hard: bool
    title: str
    per_person: bool = False
    """Judged over a person's sessions (their budget, a session's whole staff,
    published sessions) rather than one worker's days: the greedy places whole
    sessions and keeps these itself, so it does not check them per worker."""
    prices_cover: bool = False
    """The rule's penalty depends only on which sessions are covered: the coverage
    phase minimises these alone."""
    breaks_persist: bool = True
    """Adding visits to a rota that breaks the rule never mends it, so the coverage
    phase may cut off a set of visits that breaks it on its own. False for rules
    on which visit follows which (a visit between two may mend them)."""
    lower_bound: bool = False
    """A minimum (fewest hours, fewest days ...): a partial rota breaks it, so the
    construction and the coverage phase leave it to the full model."""
    day_local: bool = False
    """A soft rule whose penalty is a sum over worker-days, each judged from that
    day alone (split shifts, short days, travel): the neighbourhood search can
    price each day of a rota and free the costliest."""
    session_wide: bool = False
    """Judged for a session as a whole (its whole staff, its person's budget),
    never for one worker trying it: the explainer asks it once per session."""
    person_wish: bool = False
    """The person's own wish (who may support them): the short reason for an
    uncovered session names it first, whatever else stands in the way."""
    flexible_starts: bool = False
    """The rule's encoding holds where a slot's start is a model variable
    (``Slot.flexible``): it reads no times, or reads them through the model's
    ``start_of``/``first_start``/``last_end``. A week is solved with start
    variables only when every active rule says so."""
    label: str = ""
    """What the rule makes of a worker it stops, in a few words ("at their weekly
    maximum"), for unmet.csv's short reasons; empty: the rule's id."""
    asked_by: AgreementKind | None = None
    """The agreement that may lift the rule for one session (a worker's yes to
    hours outside their availability, to overtime, to a longer journey, to a
    short-notice change), or None when no ask can: the ask finder proposes that
    agreement when this rule is what stands in the way."""

    def short_label(self, message: str) -> str:
        """:attr:`label` for a worker this rule stops with ``message``."""
        return self.label or self.id

    def askable(self, data: Compiled, worker: int, slot: int) -> bool:
        """Whether :attr:`asked_by`'s agreement may lift the rule for this pair."""
        return self.asked_by is not None

    def why_not(self, plan: Plan, worker: int, slot: int, violation: Violation) -> str:
        """Why ``worker`` cannot take ``slot``, said of them ("at their weekly
        maximum ..."), from a violation that taking it in ``plan`` would cause. The
        default is the violation's own message without the worker's name."""
        text = violation.message
        name = worker_name(plan.data, worker)
        for prefix, replacement in ((f"{name}: ", ""), (f"{name}'s ", "their ")):
            if text.startswith(prefix):
                return replacement + text[len(prefix) :]
        return text.removeprefix(f"{name} ")

    def takes_start_variables(self, data: Compiled) -> bool:
        """Whether the encoding holds for this week with start variables
        (:attr:`flexible_starts`, unless the rule says more for a given week)."""
        return self.flexible_starts

    def active(self, data: Compiled) -> bool:
        """False when the policy switches the rule off (weight 0, no limit set)."""
        return True

    def admits(self, data: Compiled, worker: int, slot: int) -> str | None:
        """Why ``worker`` can never take ``slot`` under this rule, or None."""
        return None

    def blocks(self, data: Compiled, worker: int, slot: int) -> bool:
        """True when :meth:`admits` would give a reason (rules make this fast)."""
        return self.admits(data, worker, slot) is not None

    @property
    def filters_pairs(self) -> bool:
        """True when the rule refuses some worker-visit pairs outright (it has its
        own :meth:`admits` or :meth:`blocks`); the others are not asked of every
        pair (2.3 million on a 300-worker week)."""
        cls = type(self)
        return cls.admits is not Rule.admits or cls.blocks is not Rule.blocks

    def may_follow(self, data: Compiled, worker: int, a: int, b: int) -> bool:
        """May slot ``b`` directly follow slot ``a`` in the worker's day."""
        return True

    def impossible(self, data: Compiled) -> list[str]:
        """Why no rota can ever keep this rule, found before solving: one sentence
        per worker or session concerned, naming them and the figures."""
        return []

    def encode(self, m: RotaModel) -> list[cp_model.LinearExpr]:
        """Add constraints; return objective terms in 1/SCALE points."""
        return []

    def relax(self, m: RotaModel) -> None:
        """Encode the rule on a light model (``m.light``: no day circuits), never
        tighter than the rule: the coverage phase checks its rotas with
        :meth:`evaluate` and cuts off what breaks the rule. The default is the
        rule's own encoding, which the light model's lower-bound expressions keep a
        relaxation for caps; a rule whose encoding needs the circuits overrides it.
        Minimums are left out (their encoding on lower-bound hours would be tighter
        than the rule) unless the rule says its encoding is exact there
        (:meth:`light_exact`)."""
        if not self.lower_bound or self.light_exact(m.data):
            self.encode(m)

    def light_exact(self, data: Compiled) -> bool:
        """True when the rule's own encoding on a light model is exact (it reads
        only what the light model holds exactly: assignments and worked days), so
        a minimum may be kept there too."""
        return False

    def cover_price(self, data: Compiled, s: int) -> int:
        """What covering session ``s`` adds to this rule's penalty, all else kept
        (negative: covering saves). Rules that ``prices_cover`` say; the search
        covers interchangeable sessions in the order these prices give."""
        return 0

    def evaluate(self, plan: Plan) -> Evaluation:
        """Violations (hard) or penalty (soft) of a finished rota."""
        return Evaluation(self.id)


class SoftRule(Rule):
    """A penalty priced by the policy weight of the same id."""

    hard = False

    def weight(self, data: Compiled) -> int:
        """The rule's weight from the policy."""
        return int(getattr(data.policy.weights, self.id))

    def active(self, data: Compiled) -> bool:
        """A weight of 0 switches the penalty off."""
        return self.weight(data) > 0


class HardRule(Rule):
    """A limit no emitted rota may break."""

    hard = True


def per_event(weight: int) -> int:
    """The penalty of one event for a weight given per event."""
    return weight * SCALE


def hours(minutes: int) -> str:
    """Minutes as hours for messages, e.g. 37.5 or 42.8 (one decimal at most)."""
    return f"{minutes / 60:.1f}".removesuffix(".0")
