"""A person's weekly budget: covered sessions are never charged beyond it."""

from __future__ import annotations

from ..solver.data import Compiled
from ..solver.model import RotaModel, lsum
from ..solver.plan import Plan
from .base import Evaluation, HardRule, Violation


def pounds(pence: int) -> str:
    """Pence as '£12.50'."""
    return f"£{pence / 100:,.2f}"


def weekly_charges(data: Compiled, sessions: list[int]) -> dict[tuple[int, int], int]:
    """(user, week) -> pence charged for the given covered sessions."""
    out: dict[tuple[int, int], int] = {}
    for s in sessions:
        session = data.sessions[s]
        key = (session.user, session.start // (7 * 1440))
        out[key] = out.get(key, 0) + session.charge_pence
    return out


def covered_charges(plan: Plan) -> dict[tuple[int, int], int]:
    """(user, week) -> pence charged for the covered sessions of a finished rota."""
    data = plan.data
    return weekly_charges(
        data, [s.index for s in data.sessions if plan.covered(s.index)]
    )


class Budget(HardRule):
    """Budget: each week, charges for a person's covered sessions (charge rate x hours x
    workers) stay within their weekly budget."""

    flexible_starts = True

    id = "budget"
    session_wide = True
    per_person = True
    title = "Person's weekly budget"

    def encode(self, m: RotaModel) -> list:
        data = m.data
        groups: dict[tuple[int, int], list[int]] = {}
        for s in data.sessions:
            groups.setdefault((s.user, s.start // (7 * 1440)), []).append(s.index)
        for (u, _), members in groups.items():
            budget = data.users[u].budget_pence
            if budget is None:
                continue
            if sum(data.sessions[s].charge_pence for s in members) <= budget:
                continue
            m.cp.add(
                lsum(data.sessions[s].charge_pence * m.covered[s] for s in members)
                <= budget
            )
        return []

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        covered = [s.index for s in data.sessions if plan.covered(s.index)]
        for (u, week), charged in covered_charges(plan).items():
            budget = data.users[u].budget_pence
            if budget is not None and charged > budget:
                members = tuple(s for s in covered if data.sessions[s].user == u)
                result.violations.append(
                    Violation(
                        self.id,
                        f"{data.users[u].name}'s sessions in week {week + 1} would cost "
                        f"{pounds(charged)} against a budget of {pounds(budget)}",
                        (),
                        members,
                    )
                )
        return result
