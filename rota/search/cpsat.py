"""One CP-SAT set-up for every search: the solver's parameters, hints, and turning
a rota of assignments into a complete hint of every variable."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from ..solver.model import RotaModel
from ..solver.plan import Plan
from ..solver.stopping import checkpoint, new_solver, stoppable
from .pools import in_order

log = logging.getLogger("rota")

FOUND = (cp_model.OPTIMAL, cp_model.FEASIBLE)
"""CP-SAT's statuses that come with a solution."""


def search_solver(
    time_limit: float, *, seed: int, workers: int, presolve: bool = True
) -> cp_model.CpSolver:
    """A CP-SAT solver for a search step: repeatable with one worker."""
    solver = new_solver()
    solver.parameters.max_time_in_seconds = max(0.01, time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.cp_model_presolve = presolve
    if workers == 1:
        solver.parameters.interleave_search = False
    return solver


def local_solver(time_limit: float, *, seed: int, workers: int) -> cp_model.CpSolver:
    """A CP-SAT solver running its local search alone (``use_ls_only``: violation
    local search from the hint, no tree search, no proof beyond a solution at the
    objective's trivial bound). Where a tree search wanders it finds rotas fast:
    a coverage model of a tight 30-worker week went to full cover in 1.6 s against
    none in 10 s, and a step freeing one nurse in 0.2 s against none in 10 s
    (docs/engine.md)."""
    solver = search_solver(time_limit, seed=seed, workers=workers, presolve=False)
    solver.parameters.use_ls_only = True
    return solver


def hint_solution(model: RotaModel, values: list[int]) -> None:
    """Hint every variable of the model with a solution's values (complete)."""
    hint = model.cp.proto.solution_hint
    hint.vars.clear()
    hint.values.clear()
    hint.vars.extend(range(len(values)))
    hint.values.extend(values)


@dataclass
class Values:
    """Every model variable's value in a solution, and its objective."""

    values: list[int]
    objective: int


def model_slot(model: RotaModel, k: int) -> int:
    """The model's slot for slot ``k`` of a rota: ``k`` itself, or, for a fixed
    slot made from a start variable (``Compiled.fixed_at``), the slot whose
    start range holds it (also when the fixed slot was made before the model
    was built: the model has no worker for it); for a pooled session's slot,
    its group's (``RotaModel.pools``)."""
    if k in model.pool_slot:
        return model.pool_slot[k]
    if model.by_slot.get(k):
        return k
    slot = model.data.slots[k]
    holder = model.data.moving_slot(slot.session, slot.start)
    return k if holder is None else holder


def modelled(model: RotaModel, pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The part of a rota the model can hold: its pairs the model has a variable
    for, less the teams that then fall short (a model's visit has its whole team
    or no one). A light model narrowed to each visit's requested start has no
    variable for a rota's visit moved within its window."""
    inside = [(w, k) for w, k in pairs if (w, model_slot(model, k)) in model.x]
    plan = Plan.from_pairs(model.data, inside)
    return [(w, k) for w, k in inside if plan.covered(model.data.slots[k].session)]


def hint_pairs(model: RotaModel, pairs: list[tuple[int, int]]) -> None:
    """Hint the assignments ``pairs`` (and the route literals they imply), the
    part the model can hold (``modelled``: a hint the model cannot take would be
    dropped whole), pooled groups first to last (``in_order``); a visit at a
    fixed time inside a start variable's range hints that start."""
    model.cp.clear_hints()
    pairs = modelled(model, in_order(model.data, model.pools, pairs))
    chosen = {(w, model_slot(model, k)) for w, k in pairs}
    values: dict[int, tuple[Any, int]] = {
        lit.Index(): (lit, int(key in chosen)) for key, lit in model.x.items()
    }
    # A one-visit day's first and last literals are its assignments: one hint each.
    for var, value in hint_routes(model, pairs).items():
        values[var.Index()] = (var, value)
    for var, value in values.values():
        model.cp.add_hint(var, value)


def complete_hint(
    model: RotaModel, *, time_limit: float, seed: int, stop: threading.Event | None
) -> Values | None:
    """Turn the model's hint of assignments into a complete hint of every variable.

    CP-SAT accepts a complete feasible hint as its first solution at once; from a
    partial one, a large model can spend its whole time limit in presolve. Fixing
    the hinted literals leaves only propagation to do, which is fast. None when the
    hint cannot be completed (it breaks a constraint, or time ran out).
    """
    helper = search_solver(time_limit, seed=seed, workers=1)
    helper.parameters.fix_variables_to_their_hinted_value = True
    with stoppable(helper, stop):
        code = helper.solve(model.cp)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        checkpoint(stop)  # stopped before the hint was complete: no rota yet
        return None
    values = list(helper.response_proto.solution)
    hint_solution(model, values)
    log.debug("complete hint in %.2fs", helper.wall_time)
    return Values(values, round(helper.objective_value))


def hint_routes(model: RotaModel, pairs: list[tuple[int, int]]) -> dict[Any, int]:
    """Values for the route literals that a set of pairs implies."""
    data = model.data
    plan = Plan.from_pairs(data, pairs)
    values: dict[Any, int] = {}
    for k, start in model.starts.items():
        values[start] = data.slots[k].start  # a plan's visit starts at its earliest
    for _, k in plan.pairs:
        holder = model.starts.get(model_slot(model, k))
        if holder is not None:
            values[holder] = data.slots[k].start
    for (w, d), route in model.routes.items():
        day = plan.days.get((w, d))
        members = [model_slot(model, k) for k in day.slots] if day else []
        values[route.worked] = int(bool(members))
        for k, lit in route.first.items():
            values[lit] = int(bool(members) and members[0] == k)
        for k, lit in route.last.items():
            values[lit] = int(bool(members) and members[-1] == k)
        following = set(zip(members, members[1:], strict=False))
        for ab, lit in route.arcs.items():
            values[lit] = int(ab in following)
    for s, cover in model.covered.items():
        values[cover] = int(plan.covered(s))
    taken = {model_slot(model, k) for _, k in plan.pairs}
    for k, pick in model.chosen.items():
        values[pick] = int(k in taken)
    return values


def solution_pairs(model: RotaModel, values: list[int]) -> list[tuple[int, int]]:
    """The (worker, slot) pairs of a solution, each visit whose start is a
    variable moved to the fixed slot at the start the solution gives it (so the
    rules evaluate the rota as it will run); a pooled group's workers each on
    one of its sessions, first to last."""
    pairs = []
    for (w, k), lit in model.x.items():
        if not values[lit.Index()]:
            continue
        start = model.starts.get(k)
        if start is not None:
            k = model.data.fixed_at(k, values[start.Index()])
        pairs.append((w, k))
    return in_order(model.data, model.pools, pairs)
