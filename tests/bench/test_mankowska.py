"""Mankowska et al. reader, routes CSV, earliest schedule and independent evaluator.

The tiny instance (data/mankowska_tiny.txt): depot 0 = end depot 4 at (0,0);
patient 1 at (3,4) needs service 0, window [0, 3], 10 minutes; patient 2 at (6,8)
needs service 1, window [20, 40], 20 minutes; patient 3 at (0,8) needs both (a
double service, DS = 4 one-based), window [10, 40], 15 minutes, service 1 to start
5..20 after service 0. Caregiver 0 may do services 0 and 1, caregiver 1 only 1.
Distances: d01 5, d02 10, d03 8, d12 5, d13 5, d23 6, back to the depot as from it.

Routes (data/mankowska_tiny_routes.csv), each start the earliest possible:
    caregiver 0: node 1 s0 at 5 (arrives 0+5), node 3 s0 at 26
    caregiver 1: node 2 s1 at 20 (arrives 10, waits for 20), node 3 s1 at 46
                 (20 + 20 + 6); so node 3 s0 may start no earlier than 46 - 20 = 26
    D    = (5 + 5 + 8) + (10 + 6 + 8) = 42
    T    = (5 - 3) at node 1 + (46 - 40) at node 3 s1 = 8;  Tmax = 6
    cost = (42 + 8 + 6) / 3 = 56 / 3
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest

from rota.bench import (
    MankowskaFormatError,
    MankowskaInstance,
    Visit,
    earliest_schedule,
    evaluate_mankowska,
    read_mankowska,
    read_routes_csv,
    write_routes_csv,
)
from rota.bench.mankowska_eval import HARD_RULES

DATA = Path(__file__).parent / "data"
SHARED = (
    Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "mankowska-hhcrsp"
)
GOOD = [
    [Visit(1, 0, 5.0), Visit(3, 0, 26.0)],
    [Visit(2, 1, 20.0), Visit(3, 1, 46.0)],
]


@pytest.fixture(scope="module")
def tiny() -> MankowskaInstance:
    return read_mankowska(DATA / "mankowska_tiny.txt")


def test_reader_keeps_every_block(tiny: MankowskaInstance) -> None:
    """Blocks land in the right fields, DS becomes 0-based and p is [node][k][s]."""
    assert (tiny.n_nodes, tiny.n_caregivers, tiny.n_services) == (5, 2, 2)
    assert (tiny.start_depot, tiny.end_depot, list(tiny.patients)) == (0, 4, [1, 2, 3])
    assert tiny.double_service == {3}
    assert [tiny.services_required(i) for i in range(5)] == [(), (0,), (1,), (0, 1), ()]
    assert tiny.qualified == ((True, True), (False, True))
    assert tiny.distance[1][3] == 5 and tiny.distance[3][2] == 6
    assert tiny.duration[2][1] == (20.0, 20.0) and tiny.duration[3][0][1] == 15.0
    assert (tiny.delta_min[3], tiny.delta_max[3]) == (5, 20)
    assert not tiny.is_simultaneous(3)
    assert (tiny.earliest[2], tiny.latest[2], tiny.latest[4]) == (20, 40, 1000)
    assert (tiny.x[2], tiny.y[2]) == (6, 8)


def test_tiny_routes_score_as_worked_out(tiny) -> None:
    """Distance, tardiness and the cost equal the hand computation above."""
    routes = read_routes_csv(DATA / "mankowska_tiny_routes.csv")
    assert routes == GOOD
    score = evaluate_mankowska(tiny, routes)
    assert score.hard_violations == []
    assert score.distance == pytest.approx(42)
    assert score.total_tardiness == pytest.approx(8)
    assert score.max_tardiness == pytest.approx(6)
    assert score.objective == pytest.approx(56 / 3)
    assert sum(score.breakdown.values()) == pytest.approx(score.objective)


def test_earliest_schedule_finds_the_worked_out_starts(tiny) -> None:
    """Starts follow travel, windows and the double service's maximum delay."""
    sequences = [[(v.node, v.service) for v in route] for route in GOOD]
    assert earliest_schedule(tiny, sequences) == GOOD


def test_earliest_schedule_rejects_impossible_timing(tiny) -> None:
    """A maximum delay that routes cannot meet is an error, not a bad schedule."""
    # Caregiver 0 does node 3 s1 then, 15 + 0 later, node 3 s0: s1 - s0 < 0 < 5.
    with pytest.raises(ValueError, match="cannot hold"):
        earliest_schedule(tiny, [[(3, 1), (3, 0)]])


def _with(routes: list[list[Visit]], caregiver: int, *visits: Visit) -> list:
    out = [list(r) for r in routes]
    out[caregiver] = list(visits)
    return out


# Each change breaks exactly the rules listed (worked out per case):
CASES = {
    # Caregiver 1 skips node 2: service 1 there is never done (0 -> 3 arrives 8).
    "service_missing": _with(GOOD, 1, Visit(3, 1, 46)),
    # Caregiver 0 also does node 2 s1 after node 3: 26 + 15 + 6 = 47.
    "service_repeated": _with(
        GOOD, 0, Visit(1, 0, 5), Visit(3, 0, 26), Visit(2, 1, 47)
    ),
    # Caregiver 1 may not do service 0 (travel: 5, then 15 + 5 = 20, 40 + 6 = 46).
    "not_qualified": [
        [Visit(3, 0, 26)],
        [Visit(1, 0, 5), Visit(2, 1, 20), Visit(3, 1, 46)],
    ],
    # Caregiver 0 does both services at node 3, 15 apart (0 travel in between).
    "double_service_same_caregiver": [
        [Visit(1, 0, 5), Visit(3, 0, 26), Visit(3, 1, 41)],
        [Visit(2, 1, 20)],
    ],
    # Node 3: 46 - 20 = 26 > 20 (20 is still reachable: 5 + 10 + 5).
    "double_service_timing": _with(GOOD, 0, Visit(1, 0, 5), Visit(3, 0, 20)),
    # Node 2's window opens at 20 (caregiver 1 could be there at 10).
    "before_window": _with(GOOD, 1, Visit(2, 1, 15), Visit(3, 1, 46)),
    # Node 3 s1 at 45 < 20 + 20 + 6; the delay 45 - 26 = 19 is still allowed.
    "travel_time": _with(GOOD, 1, Visit(2, 1, 20), Visit(3, 1, 45)),
    # A depot visit in the middle of a route.
    "route_depot": _with(GOOD, 0, Visit(1, 0, 5), Visit(0, 0, 15), Visit(3, 0, 26)),
    # A third caregiver where the instance has two.
    "unknown_reference": [*GOOD, [Visit(1, 0, 5)]],
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_hard_rule_is_reported_alone(tiny, rule: str) -> None:
    """A change that breaks one rule is reported under that rule and no other."""
    score = evaluate_mankowska(tiny, CASES[rule])
    assert [v.split(":")[0] for v in score.hard_violations] == [rule], (
        score.hard_violations
    )
    assert not score.feasible


def test_every_rule_has_a_case() -> None:
    """Each hard rule id except the mixed one has a single-rule case above."""
    assert set(HARD_RULES) - set(CASES) == {"service_not_required"}


def test_service_not_required_also_leaves_the_required_one_missing(tiny) -> None:
    """Doing service 1 at node 1 (which needs 0) is two breaches, both named."""
    routes = _with(GOOD, 0, Visit(1, 1, 5), Visit(3, 0, 26))
    score = evaluate_mankowska(tiny, routes)
    assert [v.split(":")[0] for v in score.hard_violations] == [
        "service_not_required",
        "service_missing",
    ]


def test_simultaneous_double_service(tiny) -> None:
    """With delta 0/0 the two starts must be equal: 26 vs 46 breaks it, 46/46 not."""
    same = dataclasses.replace(tiny, delta_max=(0, 0, 0, 0, 0), delta_min=(0,) * 5)
    assert same.is_simultaneous(3)
    rules = [v.split(":")[0] for v in evaluate_mankowska(same, GOOD).hard_violations]
    assert rules == ["double_service_timing"]
    both = _with(GOOD, 0, Visit(1, 0, 5), Visit(3, 0, 46))
    assert evaluate_mankowska(same, both).hard_violations == []
    sequences = [[(v.node, v.service) for v in r] for r in GOOD]
    assert earliest_schedule(same, sequences) == both


def test_depot_visits_at_the_ends_are_checked_not_counted(tiny) -> None:
    """Explicit depot visits first/last change neither D nor T; a late return
    time is checked (26 + 15 + 8 = 49 is the earliest caregiver 0 is back)."""
    ends = _with(
        GOOD, 0, Visit(0, 0, 0), Visit(1, 0, 5), Visit(3, 0, 26), Visit(4, 0, 49)
    )
    score = evaluate_mankowska(tiny, ends)
    assert score.hard_violations == []
    assert score.objective == pytest.approx(56 / 3)
    early = _with(GOOD, 0, Visit(1, 0, 5), Visit(3, 0, 26), Visit(0, 0, 48))
    assert [
        v.split(":")[0] for v in evaluate_mankowska(tiny, early).hard_violations
    ] == ["travel_time"]


def test_tolerance_absorbs_rounded_starts(tiny) -> None:
    """A start a hair early passes by default, fails with no tolerance."""
    close = _with(GOOD, 1, Visit(2, 1, 20 - 1e-9), Visit(3, 1, 46))
    assert evaluate_mankowska(tiny, close).hard_violations == []
    assert evaluate_mankowska(tiny, close, tolerance=0).hard_violations


def test_routes_csv_round_trip(tmp_path: Path, tiny) -> None:
    """Written routes read back exactly, empty caregivers kept as empty routes."""
    routes = [[], [Visit(2, 1, 20.125), Visit(3, 1, 46 + 1 / 3)], []]
    path = tmp_path / "routes.csv"
    write_routes_csv(path, routes)
    with path.open() as handle:
        header = next(csv.reader(handle))
    assert header == ["caregiver", "position", "node", "service", "start"]
    assert read_routes_csv(path) == routes[:2]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("caregiver,position,node,start\n", 1, "missing column(s) service"),
        ("caregiver,position,node,service,start\n0,0,1,0,x\n", 2, "start must be"),
        ("caregiver,position,node,service,start\n0,0,-1,0,1\n", 2, "node must be"),
        (
            "caregiver,position,node,service,start\n0,1,1,0,5\n1,0,2,1,20\n0,1,3,0,26\n",
            4,
            "caregiver 0 has position 1 twice",
        ),
    ],
)
def test_bad_routes_csv_names_the_line(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    """A malformed routes CSV raises an error naming its line."""
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(MankowskaFormatError) as caught:
        read_routes_csv(path)
    assert caught.value.line == line
    assert fragment in str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "line", "fragment"),
    [
        ("x\n0 3 6 0 0", "x\n0 3 six 0 0", 19, "x: 'six' is not a number"),
        ("y\n0 4 8 8 0", "y\n0 4 8 8", 20, "y: expected 5 values, found 4"),
        ("DS\n4\n", "DS\n7\n", 14, "DS: '7' is not a patient node"),
        ("DS\n4\n", "DS\n3\n", 10, "node 2 is a double-service patient"),
        ("a\n1 1\n", "a\n1 2\n", 15, "a: values must be 0 or 1"),
        ("mind\n", "minimum\n", 39, "unknown keyword 'minimum'"),
        ("nbVehi\n2\n", "", 0, "missing block(s): nbVehi"),
    ],
)
def test_malformed_instance_names_the_line(
    tmp_path: Path, old: str, new: str, line: int, fragment: str
) -> None:
    """A malformed instance file raises an error with its line and the cause."""
    text = (DATA / "mankowska_tiny.txt").read_text()
    assert old in text
    path = tmp_path / "broken.txt"
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(MankowskaFormatError) as caught:
        read_mankowska(path)
    assert caught.value.line == line, str(caught.value)
    assert fragment in str(caught.value)


def _best_known() -> list[dict[str, str]]:
    if not SHARED.is_dir():
        pytest.skip("the shared benchmark folder is not present")
    with (SHARED / "best_known.csv").open() as handle:
        return list(csv.DictReader(handle))


def test_every_published_instance_parses_with_its_sizes() -> None:
    """All 70 files (sets A-G) parse and match best_known.csv's size columns."""
    rows = _best_known()
    assert len(rows) == 70
    for row in rows:
        inst = read_mankowska(SHARED / row["file"])
        got = (inst.n_patients, inst.n_caregivers, len(inst.double_service))
        columns = ("patients", "caregivers", "double_service_patients")
        assert got == tuple(int(row[c]) for c in columns), row["file"]
        assert inst.n_services == 6


def _published_routes(path: Path) -> list[list[tuple[int, int]]]:
    """(node, service) sequences from a published arc list, following the arcs
    from the depot (node 0 stands for both depots in those files)."""
    lines = [
        [int(v) for v in line.split()]
        for line in path.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    sequences: dict[int, list[tuple[int, int]]] = {}
    index = 0
    while index < len(lines):
        vehicle, length = lines[index]
        arcs = {a[0]: (a[1], a[3]) for a in lines[index + 1 : index + 1 + length]}
        index += 1 + length
        route, node = [], 0
        while arcs[node][0] != 0:
            node, service = arcs[node]
            route.append((node, service))
        sequences[vehicle] = route
    return [sequences.get(k, []) for k in range(max(sequences) + 1)]


@pytest.mark.parametrize(
    ("solution", "instance", "cost", "distance", "tardiness", "worst"),
    [
        (
            "kummer_brkga_A1_seed13.txt",
            "InstanzCPLEX_HCSRP_10_1.txt",
            226.978,
            680.934,
            0,
            0,
        ),
        (
            "kummer_brkga_C3_seed6.txt",
            "InstanzCPLEX_HCSRP_50_3.txt",
            550.486,
            1642.25,
            4.60233,
            4.60233,
        ),
    ],
)
def test_published_solutions_score_their_published_values(
    solution: str,
    instance: str,
    cost: float,
    distance: float,
    tardiness: float,
    worst: float,
) -> None:
    """Published BRKGA routes, timed by earliest_schedule, are feasible and score
    the distance, tardiness and cost printed with them (to their printed digits)."""
    _best_known()
    inst = read_mankowska(SHARED / instance)
    routes = earliest_schedule(inst, _published_routes(DATA / solution))
    score = evaluate_mankowska(inst, routes)
    assert score.hard_violations == []
    assert score.distance == pytest.approx(distance, abs=0.01)
    assert score.total_tardiness == pytest.approx(tardiness, abs=1e-4)
    assert score.max_tardiness == pytest.approx(worst, abs=1e-4)
    assert score.objective == pytest.approx(cost, abs=1e-3)
