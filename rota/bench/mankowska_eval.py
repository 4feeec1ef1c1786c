"""Independent evaluation of Mankowska et al. routes, and earliest start times.

Written from the benchmark's own definition (see docs/benchmarks.md) without any
solver. The objective is ``(D + T + Tmax) / 3``: total travel distance, total
tardiness over all (patient, service) visits and the largest single tardiness.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from .mankowska import MankowskaInstance, Routes, Visit

HARD_RULES = (
    "unknown_reference",
    "route_depot",
    "service_not_required",
    "not_qualified",
    "service_missing",
    "service_repeated",
    "double_service_same_caregiver",
    "double_service_timing",
    "before_window",
    "travel_time",
)
"""Stable ids of the hard rules; every violation message starts with one and ':'."""

WEIGHT = 1 / 3
"""The paper's weight on each of D, T and Tmax (lambda 1 = lambda 2 = lambda 3)."""


@dataclass(frozen=True)
class MankowskaScore:
    """The benchmark's objective, its parts and every hard rule the routes break.

    Attributes
    ----------
    distance
        D: travel over all routes, start depot -> visits -> end depot.
    total_tardiness
        T: sum over visits at patients of ``max(0, start - latest)``.
    max_tardiness
        Tmax: the largest of those (0 with no visits).
    objective
        ``(D + T + Tmax) / 3``.
    hard_violations
        One message per breach, each starting with its rule id (see ``HARD_RULES``).
    """

    distance: float
    total_tardiness: float
    max_tardiness: float
    objective: float
    hard_violations: list[str] = field(default_factory=list)

    @property
    def breakdown(self) -> dict[str, float]:
        """The objective by weighted term; the values add up to ``objective``."""
        return {
            "distance": WEIGHT * self.distance,
            "total_tardiness": WEIGHT * self.total_tardiness,
            "max_tardiness": WEIGHT * self.max_tardiness,
        }

    @property
    def feasible(self) -> bool:
        """True when no hard rule is broken."""
        return not self.hard_violations

    def violations_of(self, rule: str) -> list[str]:
        """The violation messages of one hard rule."""
        return [v for v in self.hard_violations if v.startswith(f"{rule}:")]


@dataclass
class _Check:
    """Accumulates what one pass over the routes finds."""

    instance: MankowskaInstance
    tolerance: float
    violations: list[str] = field(default_factory=list)
    done: dict[tuple[int, int], list[tuple[int, float]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    distance: float = 0.0
    tardiness: list[float] = field(default_factory=list)

    def route(self, caregiver: int, route: Sequence[Visit]) -> None:
        """Travel, windows, skills and tardiness along one caregiver's route."""
        inst = self.instance
        who = f"caregiver {caregiver}"
        visits = [(position, Visit(*v)) for position, v in enumerate(route)]
        depart = inst.earliest[inst.start_depot]
        if visits and visits[0][1].node == inst.start_depot:
            depart = max(depart, float(visits[0][1].start))
            visits = visits[1:]
        end: tuple[int, Visit] | None = None
        if visits and visits[-1][1].node in (inst.start_depot, inst.end_depot):
            end = visits.pop()
        prev_node, ready = inst.start_depot, depart
        for position, visit in visits:
            node, service, start = visit.node, visit.service, float(visit.start)
            at = f"{who} position {position} (node {node}, service {service})"
            if not 0 <= node < inst.n_nodes or not 0 <= service < inst.n_services:
                self.violations.append(f"unknown_reference: {at}: no such node/service")
                continue
            if node not in inst.patients:
                self.violations.append(f"route_depot: {at}: depot inside a route")
                continue
            if service not in inst.services_required(node):
                self.violations.append(f"service_not_required: {at}")
            if not inst.qualified[caregiver][service]:
                self.violations.append(f"not_qualified: {at}")
            if start < inst.earliest[node] - self.tolerance:
                self.violations.append(
                    f"before_window: {at} starts at {start:g}, "
                    f"window opens at {inst.earliest[node]:g}"
                )
            arrive = ready + inst.distance[prev_node][node]
            if start < arrive - self.tolerance:
                self.violations.append(
                    f"travel_time: {at} starts at {start:g} but cannot arrive from "
                    f"node {prev_node} before {arrive:g}"
                )
            self.distance += inst.distance[prev_node][node]
            self.tardiness.append(max(0.0, start - inst.latest[node]))
            self.done[(node, service)].append((caregiver, start))
            prev_node = node
            ready = start + inst.duration[node][caregiver][service]
        self.distance += inst.distance[prev_node][inst.end_depot]
        if end is not None:
            arrive = ready + inst.distance[prev_node][inst.end_depot]
            if float(end[1].start) < arrive - self.tolerance:
                self.violations.append(
                    f"travel_time: {who} is back at the depot at {end[1].start:g} "
                    f"but cannot arrive before {arrive:g}"
                )

    def coverage(self) -> None:
        """Every required service once (twice, by two people, for a double)."""
        inst = self.instance
        for node in inst.patients:
            for service in inst.services_required(node):
                times = len(self.done.get((node, service), ()))
                if times == 0:
                    self.violations.append(
                        f"service_missing: node {node} service {service} is not done"
                    )
                elif times > 1:
                    self.violations.append(
                        f"service_repeated: node {node} service {service} is done "
                        f"{times} times"
                    )

    def synchronisation(self) -> None:
        """Two different caregivers, starts equal or within [delta_min, delta_max]."""
        inst = self.instance
        for node in sorted(inst.double_service):
            first, second = inst.services_required(node)
            a, b = self.done.get((node, first), []), self.done.get((node, second), [])
            if len(a) != 1 or len(b) != 1:
                continue
            (carer_a, start_a), (carer_b, start_b) = a[0], b[0]
            if carer_a == carer_b:
                self.violations.append(
                    f"double_service_same_caregiver: node {node} services {first} and "
                    f"{second} both by caregiver {carer_a}"
                )
            gap = start_b - start_a
            low, high = inst.delta_min[node], inst.delta_max[node]
            if not low - self.tolerance <= gap <= high + self.tolerance:
                self.violations.append(
                    f"double_service_timing: node {node} service {second} starts "
                    f"{gap:g} after service {first}, allowed [{low:g}, {high:g}]"
                )


def evaluate_mankowska(
    instance: MankowskaInstance, routes: Routes, *, tolerance: float = 1e-6
) -> MankowskaScore:
    """Score routes by the benchmark's definition and list their hard violations.

    Parameters
    ----------
    instance
        The instance the routes are for.
    routes
        One route per caregiver (fewer = the rest stay at the depot), each a list
        of visits in order. A route may begin with a visit to the start depot
        (its start is the departure time) and end with one to either depot
        (checked for arrival time); any other depot visit is a violation.
    tolerance
        Slack allowed on every time comparison, for rounded start times.

    Returns
    -------
    MankowskaScore
        Distance, total and maximum tardiness, ``(D + T + Tmax) / 3`` and every
        broken hard rule.
    """
    check = _Check(instance, tolerance)
    for caregiver, route in enumerate(routes):
        if caregiver >= instance.n_caregivers:
            if route:
                check.violations.append(
                    f"unknown_reference: caregiver {caregiver} does not exist "
                    f"(the instance has {instance.n_caregivers})"
                )
            continue
        check.route(caregiver, route)
    check.coverage()
    check.synchronisation()
    total = sum(check.tardiness)
    worst = max(check.tardiness, default=0.0)
    objective = WEIGHT * (check.distance + total + worst)
    return MankowskaScore(check.distance, total, worst, objective, check.violations)


def earliest_schedule(
    instance: MankowskaInstance, sequences: Sequence[Sequence[tuple[int, int]]]
) -> list[list[Visit]]:
    """Give each visit of fixed routes its earliest feasible start time.

    Starts respect the windows' opening times, travel and service durations, and
    the double services' synchronisation. Because every constraint is a lower
    bound ``start_b >= start_a + w``, the least solution is found by raising
    starts until nothing moves; it minimises every start at once, and so both
    tardiness terms, for the given routes.

    Parameters
    ----------
    instance
        The instance.
    sequences
        One list per caregiver of ``(node, service)`` patient visits, in order.

    Returns
    -------
    list[list[Visit]]
        The same routes with start times.

    Raises
    ------
    ValueError
        When the synchronisation constraints cannot all hold on these routes.
    """
    inst = instance
    keys = [(k, i) for k, seq in enumerate(sequences) for i in range(len(seq))]
    start = {
        (k, i): max(inst.earliest[node], inst.distance[inst.start_depot][node])
        for k, seq in enumerate(sequences)
        for i, (node, _) in enumerate(seq)
    }
    edges: list[tuple[tuple[int, int], tuple[int, int], float]] = []
    for k, seq in enumerate(sequences):
        for i in range(1, len(seq)):
            (a, sa), (b, _) = seq[i - 1], seq[i]
            gap = inst.duration[a][k][sa] + inst.distance[a][b]
            edges.append(((k, i - 1), (k, i), gap))
    where: defaultdict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for k, i in keys:
        node, service = sequences[k][i]
        where[(node, service)].append((k, i))
    for node in inst.double_service:
        first, second = inst.services_required(node)
        if len(where[(node, first)]) == 1 and len(where[(node, second)]) == 1:
            lead, follow = where[(node, first)][0], where[(node, second)][0]
            edges.append((lead, follow, inst.delta_min[node]))
            edges.append((follow, lead, -inst.delta_max[node]))
    for _ in range(len(keys) + 1):
        moved = False
        for before, after, gap in edges:
            if start[before] + gap > start[after] + 1e-9:
                start[after] = start[before] + gap
                moved = True
        if not moved:
            return [
                [Visit(node, s, start[(k, i)]) for i, (node, s) in enumerate(seq)]
                for k, seq in enumerate(sequences)
            ]
    raise ValueError("the double services' timing cannot hold on these routes")
