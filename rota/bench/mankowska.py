"""Mankowska, Meisel & Bierwirth (2014) home health care instances and routes CSV.

An instance file is whitespace separated: a keyword line (``nbNodes``, ``r``, ``d``
...) followed by its numbers. Node 0 is the start depot, node N-1 the end depot and
1..N-2 the patients; caregivers and services are 0-based indexes. A solution is a
list of routes, one per caregiver, each a list of visits in the order made; the
depots are implicit at both ends of every route.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

KEYWORDS = (
    "nbNodes",
    "nbVehi",
    "nbServi",
    "r",
    "DS",
    "a",
    "x",
    "y",
    "d",
    "p",
    "mind",
    "maxd",
    "e",
    "l",
)
ROUTE_COLUMNS = ("caregiver", "position", "node", "service", "start")


class MankowskaFormatError(ValueError):
    """A Mankowska instance or routes file that does not follow the format.

    Parameters
    ----------
    path
        The file.
    line
        1-based line number of the offending line (0 when it concerns the whole
        file).
    message
        What was wrong and what was expected.
    """

    def __init__(self, path: str | Path, line: int, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}, line {line}" if line else self.path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class MankowskaInstance:
    """One HHCRSP instance, exactly the file's blocks with 0-based indexes.

    Attributes
    ----------
    requires
        ``requires[i][s]``: node i requires service s (the depot rows are all true
        in the files and mean nothing).
    double_service
        0-based nodes of the double-service patients (the file's DS is 1-based).
    qualified
        ``qualified[k][s]``: caregiver k may perform service s.
    distance
        Travel distance, equal to travel time, between nodes.
    duration
        ``duration[i][k][s]``: how long service s at node i takes caregiver k.
    delta_min, delta_max
        For a double-service patient, the allowed delay between the start of its
        lower-indexed service and the start of the other; both 0 = simultaneous.
    earliest, latest
        The window for the start of service at each node; starting after
        ``latest`` is allowed and counts as tardiness.
    """

    name: str
    n_nodes: int
    n_caregivers: int
    n_services: int
    requires: tuple[tuple[bool, ...], ...]
    double_service: frozenset[int]
    qualified: tuple[tuple[bool, ...], ...]
    x: tuple[float, ...]
    y: tuple[float, ...]
    distance: tuple[tuple[float, ...], ...]
    duration: tuple[tuple[tuple[float, ...], ...], ...]
    delta_min: tuple[float, ...]
    delta_max: tuple[float, ...]
    earliest: tuple[float, ...]
    latest: tuple[float, ...]

    @property
    def start_depot(self) -> int:
        """Node every route leaves from."""
        return 0

    @property
    def end_depot(self) -> int:
        """Node every route returns to."""
        return self.n_nodes - 1

    @property
    def patients(self) -> range:
        """Patient nodes."""
        return range(1, self.n_nodes - 1)

    @property
    def n_patients(self) -> int:
        """Number of patients."""
        return self.n_nodes - 2

    def services_required(self, node: int) -> tuple[int, ...]:
        """Services a patient node requires, in index order (none at a depot)."""
        if node not in self.patients:
            return ()
        return tuple(s for s, need in enumerate(self.requires[node]) if need)

    def is_simultaneous(self, node: int) -> bool:
        """True when a double service's two starts must be equal."""
        return self.delta_min[node] == 0 and self.delta_max[node] == 0


class Visit(NamedTuple):
    """One visit of a route: ``service`` done at ``node`` starting at ``start``."""

    node: int
    service: int
    start: float


Routes = Sequence[Sequence[Visit]]
"""One route per caregiver (index = caregiver), visits in the order made."""


def _blocks(path: Path) -> dict[str, tuple[int, list[tuple[int, list[str]]]]]:
    """Each keyword's line and its data lines (line number, tokens)."""
    blocks: dict[str, tuple[int, list[tuple[int, list[str]]]]] = {}
    current: list[tuple[int, list[str]]] | None = None
    with path.open(encoding="utf-8-sig") as handle:
        for number, raw in enumerate(handle, start=1):
            tokens = raw.split()
            if not tokens:
                continue
            if len(tokens) == 1 and tokens[0] in KEYWORDS:
                if tokens[0] in blocks:
                    raise MankowskaFormatError(path, number, f"{tokens[0]} repeated")
                current = []
                blocks[tokens[0]] = (number, current)
            elif current is None:
                raise MankowskaFormatError(
                    path, number, "data before the first keyword"
                )
            elif tokens[0][0].isalpha() and tokens[0] not in ("nan", "inf"):
                raise MankowskaFormatError(
                    path, number, f"unknown keyword {raw.strip()!r}"
                )
            else:
                current.append((number, tokens))
    missing = [k for k in KEYWORDS if k not in blocks]
    if missing:
        raise MankowskaFormatError(path, 0, f"missing block(s): {', '.join(missing)}")
    return blocks


@dataclass
class _Block:
    """One keyword's numbers, flattened, with the line each came from."""

    path: Path
    keyword: str
    line: int
    rows: list[tuple[int, list[str]]]

    def numbers(self, count: int, kind: type[int] | type[float]) -> list[float]:
        values: list[float] = []
        for number, tokens in self.rows:
            for token in tokens:
                try:
                    values.append(kind(token))
                except ValueError:
                    word = "whole number" if kind is int else "number"
                    raise MankowskaFormatError(
                        self.path, number, f"{self.keyword}: {token!r} is not a {word}"
                    ) from None
        if len(values) != count:
            raise MankowskaFormatError(
                self.path,
                self.line,
                f"{self.keyword}: expected {count} values, found {len(values)}",
            )
        return values

    def flags(self, rows: int, width: int) -> tuple[tuple[bool, ...], ...]:
        values = self.numbers(rows * width, int)
        if any(v not in (0, 1) for v in values):
            raise MankowskaFormatError(
                self.path, self.line, f"{self.keyword}: values must be 0 or 1"
            )
        return _rows([bool(v) for v in values], width)

    def data_line(self, index: int) -> int:
        """Line of the index-th data line, or the keyword's when there is none."""
        return self.rows[index][0] if index < len(self.rows) else self.line


def _rows(values: Sequence, width: int) -> tuple[tuple, ...]:
    return tuple(tuple(values[i : i + width]) for i in range(0, len(values), width))


def read_mankowska(path: str | Path) -> MankowskaInstance:
    """Read a Mankowska et al. HHCRSP instance file.

    Parameters
    ----------
    path
        An ``Instanz*_HCSRP_<patients>_<n>.txt`` file (or one in the same format).

    Returns
    -------
    MankowskaInstance
        The instance, named after the file's stem, with 0-based indexes throughout.

    Raises
    ------
    MankowskaFormatError
        For a malformed file; the message names the line and what was expected.
    """
    path = Path(path)
    raw = _blocks(path)
    block = {k: _Block(path, k, line, rows) for k, (line, rows) in raw.items()}
    n, k, s = (
        int(block[kw].numbers(1, int)[0]) for kw in ("nbNodes", "nbVehi", "nbServi")
    )
    if n < 2 or k < 1 or s < 1:
        raise MankowskaFormatError(
            path, block["nbNodes"].line, "need nbNodes >= 2, nbVehi >= 1, nbServi >= 1"
        )
    requires = block["r"].flags(n, s)
    ds = block["DS"]
    double: set[int] = set()
    for number, tokens in ds.rows:
        for token in tokens:
            if not token.isdigit() or not 2 <= int(token) <= n - 1:
                raise MankowskaFormatError(
                    path, number, f"DS: {token!r} is not a patient node (2..{n - 1})"
                )
            double.add(int(token) - 1)
    for node in range(1, n - 1):
        wanted = 2 if node in double else 1
        if sum(requires[node]) != wanted:
            kind = "double" if wanted == 2 else "single"
            raise MankowskaFormatError(
                path,
                block["r"].data_line(node),
                f"r: node {node} is a {kind}-service patient and must require "
                f"exactly {wanted} service(s), found {sum(requires[node])}",
            )
    distance = block["d"].numbers(n * n, float)
    duration = block["p"].numbers(n * k * s, float)
    single = {
        kw: tuple(block[kw].numbers(n, float)) for kw in ("mind", "maxd", "e", "l")
    }
    return MankowskaInstance(
        name=path.stem,
        n_nodes=n,
        n_caregivers=k,
        n_services=s,
        requires=requires,
        double_service=frozenset(double),
        qualified=block["a"].flags(k, s),
        x=tuple(block["x"].numbers(n, float)),
        y=tuple(block["y"].numbers(n, float)),
        distance=_rows(distance, n),
        duration=_rows(_rows(duration, s), k),
        delta_min=single["mind"],
        delta_max=single["maxd"],
        earliest=single["e"],
        latest=single["l"],
    )


def _whole(path: Path, line: int, column: str, text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise MankowskaFormatError(
            path, line, f"{column} must be a whole number >= 0, got {text!r}"
        )
    return value


def read_routes_csv(path: str | Path) -> list[list[Visit]]:
    """Read routes from a CSV with header ``caregiver,position,node,service,start``.

    Returns
    -------
    list[list[Visit]]
        One list per caregiver index from 0 to the largest in the file (empty for
        a caregiver with no rows), each ordered by ``position``.

    Raises
    ------
    MankowskaFormatError
        For a missing column, a bad number or a position used twice in a route.
    """
    path = Path(path)
    found: dict[int, dict[int, Visit]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.DictReader(handle)
        missing = [c for c in ROUTE_COLUMNS if c not in (rows.fieldnames or [])]
        if missing:
            raise MankowskaFormatError(
                path,
                1,
                f"missing column(s) {', '.join(missing)}; expected header "
                f"{','.join(ROUTE_COLUMNS)}",
            )
        for row in rows:
            line = rows.line_num
            cells = {c: (row.get(c) or "").strip() for c in ROUTE_COLUMNS}
            caregiver, position, node, service = (
                _whole(path, line, c, cells[c]) for c in ROUTE_COLUMNS[:4]
            )
            try:
                start = float(cells["start"])
            except ValueError:
                raise MankowskaFormatError(
                    path, line, f"start must be a number, got {cells['start']!r}"
                ) from None
            route = found.setdefault(caregiver, {})
            if position in route:
                raise MankowskaFormatError(
                    path, line, f"caregiver {caregiver} has position {position} twice"
                )
            route[position] = Visit(node, service, start)
    size = max(found, default=-1) + 1
    return [
        [visit for _, visit in sorted(found.get(c, {}).items())] for c in range(size)
    ]


def write_routes_csv(path: str | Path, routes: Routes) -> None:
    """Write routes as ``caregiver,position,node,service,start`` rows.

    Start times are written with ``repr`` so that they read back exactly.
    """
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(ROUTE_COLUMNS)
        for caregiver, route in enumerate(routes):
            for position, (node, service, start) in enumerate(route):
                writer.writerow(
                    [caregiver, position, node, service, repr(float(start))]
                )
