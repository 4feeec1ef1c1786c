"""Journey times and distances between places.

A place is a worker's home (``worker_id``), a person's home (``user_id``) or a
session held away from home (``session_id``). Known journeys (travel.csv) win; other
pairs are estimated from coordinates as the data contract says.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from .records import TravelEntry

KM_PER_MILE = 1.609344
EARTH_RADIUS_KM = 6371.0088


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Journey:
    """One journey: whole minutes and miles."""

    minutes: int
    miles: float


@dataclass
class TravelMatrix:
    """Journeys between named places for a given transport.

    Parameters
    ----------
    places
        Coordinates of every place id.
    entries
        Known journeys from travel.csv; a row with a transport holds for that
        transport only and wins over a row without one.
    road_factor
        Straight-line distance times this gives the road distance.
    speeds_kmh
        Average speed for each transport, for estimated journeys.
    """

    places: Mapping[str, tuple[float, float]]
    entries: Iterable[TravelEntry] = ()
    road_factor: float = 1.3
    speeds_kmh: Mapping[str, float] = field(
        default_factory=lambda: {"car": 30.0, "walk": 4.8, "public": 18.0}
    )

    def __post_init__(self) -> None:
        self._known: dict[tuple[str, str, str | None], TravelEntry] = {}
        for entry in self.entries:
            self._known[(entry.from_id, entry.to_id, entry.transport)] = entry
        self._cache: dict[tuple[str, str, str], Journey] = {}

    def estimate(self, origin: str, destination: str, transport: str) -> Journey:
        """The contract's estimate: road distance at the transport's speed."""
        if origin == destination:
            return Journey(0, 0.0)
        km = haversine_km(self.places[origin], self.places[destination])
        road_km = km * self.road_factor
        minutes = math.ceil(road_km / self.speeds_kmh[transport] * 60 - 1e-9)
        return Journey(minutes, round(road_km / KM_PER_MILE, 2))

    def minutes_table(self, names: list[str], transport: str) -> list[list[int]]:
        """Journey minutes between every two of ``names`` (rows: origins).

        Estimates are computed for all pairs at once; known journeys then replace
        them, exactly as :meth:`journey` decides for one pair.
        """
        coords = np.radians(np.array([self.places[n] for n in names], dtype=float))
        lat, lon = coords[:, 0][:, None], coords[:, 1][:, None]
        h = (
            np.sin((lat.T - lat) / 2) ** 2
            + np.cos(lat) * np.cos(lat.T) * np.sin((lon.T - lon) / 2) ** 2
        )
        km = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
        minutes = np.ceil(
            km * self.road_factor / self.speeds_kmh[transport] * 60 - 1e-9
        )
        np.fill_diagonal(minutes, 0)
        table = minutes.astype(int).tolist()
        index = {n: i for i, n in enumerate(names)}
        for (origin, destination, mode), entry in self._known.items():
            if mode not in (None, transport):
                continue
            if mode is None and (origin, destination, transport) in self._known:
                continue  # a row for this transport wins
            if origin in index and destination in index:
                table[index[origin]][index[destination]] = entry.minutes
        return table

    def journey(self, origin: str, destination: str, transport: str) -> Journey:
        """The journey from ``origin`` to ``destination`` by ``transport``."""
        key = (origin, destination, transport)
        found = self._cache.get(key)
        if found is not None:
            return found
        entry = self._known.get((origin, destination, transport)) or self._known.get(
            (origin, destination, None)
        )
        if entry is not None:
            miles = entry.miles
            if miles is None:
                miles = self.estimate(origin, destination, transport).miles
            found = Journey(entry.minutes, miles)
        else:
            found = self.estimate(origin, destination, transport)
        self._cache[key] = found
        return found
