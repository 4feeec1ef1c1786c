"""What a session and its person require of the worker: skills, exclusions, gender."""

from __future__ import annotations

from ..solver.data import Compiled
from ..solver.plan import Plan
from .base import Evaluation, HardRule, Violation
from .text import slot_text, worker_name


class _PairRule(HardRule):
    """A rule decided by the worker and the session alone."""

    flexible_starts = True

    def admits(self, data: Compiled, worker: int, slot: int) -> str | None:
        raise NotImplementedError

    def evaluate(self, plan: Plan) -> Evaluation:
        data = plan.data
        result = Evaluation(self.id)
        for w, slot in plan.pairs:
            reason = self.admits(data, w, slot)
            if reason:
                message = f"{worker_name(data, w)} on {slot_text(data, slot)}: {reason}"
                result.violations.append(
                    Violation(self.id, message, (w,), (data.slots[slot].session,))
                )
        return result


class Skills(_PairRule):
    """Skills: every assigned worker has every skill the session requires."""

    id = "skills"
    label = "without the skills it needs"
    title = "Required skills"

    def admits(self, data: Compiled, worker: int, slot: int) -> str | None:
        session = data.sessions[data.slots[slot].session]
        missing = sorted(session.skills - data.workers[worker].skills)
        return f"lacks skill: {', '.join(missing)}" if missing else None


class Excluded(_PairRule):
    """Exclusions: a person's excluded workers are never sent."""

    id = "excluded_worker"
    label = "excluded by the person"
    person_wish = True
    title = "Person's excluded workers"

    def admits(self, data: Compiled, worker: int, slot: int) -> str | None:
        user = data.users[data.sessions[data.slots[slot].session].user]
        if data.workers[worker].id in user.excluded:
            return "the person has asked not to be sent this worker"
        return None


class Gender(_PairRule):
    """Gender preference: only workers whose gender matches the person's wish."""

    id = "gender"
    label = "not the gender the person asks for"
    person_wish = True
    title = "Person's gender preference"

    def admits(self, data: Compiled, worker: int, slot: int) -> str | None:
        user = data.users[data.sessions[data.slots[slot].session].user]
        wanted = user.gender_preference
        if wanted is not None and data.workers[worker].gender != wanted:
            return f"the person asks for a {wanted} worker"
        return None
