"""Coverage: a session is covered by exactly staff_required workers at once, or not."""

from __future__ import annotations

from ..solver.plan import Plan
from .base import Evaluation, HardRule, Violation


class Coverage(HardRule):
    """Coverage: all or nothing; double-ups get both workers at the same time.

    The CP-SAT side is built into the model's slot variables (RotaModel._coverage).
    """

    flexible_starts = True

    id = "coverage"
    session_wide = True
    per_person = True
    title = "Whole sessions only (double-ups by both or neither)"

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        for session in data.sessions:
            used = plan.session_workers(session.index)
            if not used or plan.covered(session.index):
                continue
            if len(used) > 1:
                message = f"{session.id} is rostered at more than one time"
            else:
                (workers,) = used.values()
                message = (
                    f"{session.id} needs {session.staff} worker(s) at once, "
                    f"has {len(set(workers))}"
                )
            workers_all = tuple(sorted({w for ws in used.values() for w in ws}))
            result.violations.append(
                Violation(self.id, message, workers_all, (session.index,))
            )
        return result
