"""Made-up addresses for sample weeks: a street and number for each home, a name for
each venue, and the nearest locality of the area.

Addresses come from a random source of their own (seeded from the week's seed), so
adding them changed nothing else a sample week draws.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from ..model import ServiceUser, Session
from ..model.travel import haversine_km
from .geography import Point, Town

STREETS = (
    "Abbey", "Ashgrove", "Beech", "Birch", "Braeside", "Burnside", "Castle",
    "Church", "Elm", "Ferguslie", "Glen", "Gleniffer", "Hawthorn", "Heather",
    "Kelburn", "Kirk", "Lochview", "Maple", "Mill", "Moss", "Oak", "Park",
    "Rowan", "Station", "Thistle", "Well", "Willow", "Woodside",
)  # fmt: skip
KINDS = (
    "Street", "Road", "Avenue", "Crescent", "Drive", "Place", "Gardens",
    "Court", "Terrace", "Way",
)  # fmt: skip
LOCALITIES: tuple[tuple[str, Point], ...] = (
    ("Paisley", (55.8466, -4.4236)),
    ("Renfrew", (55.8739, -4.3897)),
    ("Johnstone", (55.8346, -4.5027)),
    ("Linwood", (55.8456, -4.4920)),
    ("Elderslie", (55.8311, -4.4829)),
    ("Barrhead", (55.7996, -4.3925)),
    ("Houston", (55.8680, -4.5510)),
    ("Erskine", (55.9010, -4.4580)),
)
"""Places around the sample town's centre, for the last line of an address."""
VENUES = (
    "Leisure Centre", "Abbey Park", "Central Library", "Community Centre",
    "Shopping Centre", "Swimming Pool",
)  # fmt: skip
FLAT_SHARE = 0.2
"""Homes in a tenement flat (``Flat 2/1``, floor and door, as Scottish flats go)."""


def locality(point: Point) -> str:
    """The name of the locality nearest ``point``."""
    return min(LOCALITIES, key=lambda item: haversine_km(item[1], point))[0]


class AddressBook:
    """Hands out home addresses, never the same one twice in a week."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(f"addresses-{seed}")
        self._used: set[str] = set()

    def home(self, point: Point) -> str:
        """A new address for a home at ``point``."""
        rng = self._rng
        while True:
            street = f"{rng.choice(STREETS)} {rng.choice(KINDS)}"
            text = f"{rng.randint(1, 150)} {street}, {locality(point)}"
            if rng.random() < FLAT_SHARE:
                text = f"Flat {rng.randint(0, 3)}/{rng.randint(1, 2)}, {text}"
            if text not in self._used:
                self._used.add(text)
                return text


def with_addresses(
    users: Sequence[ServiceUser], sessions: Sequence[Session], town: Town, seed: int
) -> tuple[list[ServiceUser], list[Session]]:
    """People with a home address each, and sessions at a venue with its name.

    Parameters
    ----------
    users, sessions
        The week's people and sessions.
    town
        The map the week was drawn on (its venues get names in order).
    seed
        The week's seed: the same seed gives the same addresses.
    """
    book = AddressBook(seed)
    people = [
        u.model_copy(update={"address": book.home((u.lat, u.lon))}) for u in users
    ]
    venues = {
        point: f"{VENUES[i % len(VENUES)]}, {locality(point)}"
        for i, point in enumerate(town.venues)
    }
    visits = []
    for s in sessions:
        if s.lat is not None and s.lon is not None and (s.lat, s.lon) in venues:
            s = s.model_copy(update={"address": venues[(s.lat, s.lon)]})
        visits.append(s)
    return people, visits
