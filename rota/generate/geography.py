"""A made-up town for sample weeks: neighbourhood clusters, homes and venues.

Points are drawn in kilometres around a centre and turned into WGS84 degrees, so
journey estimates from coordinates come out like a real town about 20 km across.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from ..model.travel import haversine_km
from ..policy import Limits

CENTRE = (55.8466, -4.4236)
"""A Scottish town centre (Paisley, Renfrewshire): only the shape of the map matters."""

TOWN_RADIUS_KM = 9.0
CLUSTER_RADIUS_KM = 7.0
CLUSTER_SPREAD_KM = 0.9
MIN_CLUSTER_GAP_KM = 3.0
KM_PER_DEGREE_LAT = 110.574
KM_PER_DEGREE_LON_EQUATOR = 111.320

Point = tuple[float, float]


def offset(origin: Point, east_km: float, north_km: float) -> Point:
    """The point ``east_km`` east and ``north_km`` north of ``origin``, in degrees."""
    lat, lon = origin
    new_lat = lat + north_km / KM_PER_DEGREE_LAT
    new_lon = lon + east_km / (KM_PER_DEGREE_LON_EQUATOR * math.cos(math.radians(lat)))
    return round(new_lat, 5), round(new_lon, 5)


@dataclass(frozen=True)
class Town:
    """The map of one sample week: neighbourhood centres and places to go out to."""

    centre: Point
    clusters: tuple[Point, ...]
    venues: tuple[Point, ...]

    def near_cluster(self, rng: random.Random, spread_km: float) -> Point:
        """A point scattered around a randomly chosen neighbourhood."""
        return self.around(rng, rng.choice(self.clusters), spread_km)

    def around(self, rng: random.Random, point: Point, spread_km: float) -> Point:
        """A point normally scattered around ``point`` (kept inside the town)."""
        for _ in range(20):
            candidate = offset(point, rng.gauss(0, spread_km), rng.gauss(0, spread_km))
            if _km_from(self.centre, candidate) <= TOWN_RADIUS_KM:
                return candidate
        return point

    def anywhere(self, rng: random.Random) -> Point:
        """A point uniformly inside the town's outer edge (villages, estates)."""
        return _in_disc(rng, self.centre, TOWN_RADIUS_KM)

    def home(self, rng: random.Random, *, clustered: float = 0.85) -> Point:
        """A home: mostly in a neighbourhood, otherwise anywhere in the area."""
        if rng.random() < clustered:
            return self.near_cluster(rng, CLUSTER_SPREAD_KM)
        return self.anywhere(rng)


def make_town(rng: random.Random, clusters: int) -> Town:
    """A town with ``clusters`` neighbourhoods at least a few km apart.

    Parameters
    ----------
    rng
        The generator's random source.
    clusters
        Number of neighbourhood clusters.
    """
    centres: list[Point] = []
    while len(centres) < clusters:
        # The gap is relaxed after many misses so that large counts still finish.
        gap = MIN_CLUSTER_GAP_KM
        for attempt in range(200):
            candidate = _in_disc(rng, CENTRE, CLUSTER_RADIUS_KM)
            if attempt > 100:
                gap = MIN_CLUSTER_GAP_KM / 2
            if all(_km_from(c, candidate) >= gap for c in centres):
                break
        centres.append(candidate)
    # Venues (leisure centre, park, shops) sit in the busier middle of the town.
    venues = tuple(_in_disc(rng, CENTRE, 4.0) for _ in range(6))
    return Town(CENTRE, tuple(centres), venues)


def journey_minutes(a: Point, b: Point, transport: str) -> int:
    """The contract's estimate of a journey, with the default policy's speeds."""
    limits = Limits()
    km = haversine_km(a, b) * limits.road_factor
    return math.ceil(km / limits.speeds()[transport] * 60 - 1e-9)


def _in_disc(rng: random.Random, centre: Point, radius_km: float) -> Point:
    distance = radius_km * math.sqrt(rng.random())
    angle = rng.uniform(0, 2 * math.pi)
    return offset(centre, distance * math.cos(angle), distance * math.sin(angle))


def _km_from(a: Point, b: Point) -> float:
    return haversine_km(a, b)
