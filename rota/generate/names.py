"""Made-up names for sample staff and people supported."""

from __future__ import annotations

import random

FEMALE = (
    "Aileen", "Amy", "Ava", "Catriona", "Chloe", "Claire", "Eilidh", "Elaine",
    "Emma", "Fiona", "Gillian", "Grace", "Heather", "Isla", "Jacqueline", "Jade",
    "Janet", "Jennifer", "Joanne", "Karen", "Kirsty", "Laura", "Lesley", "Lorna",
    "Mairi", "Margaret", "Morag", "Nicola", "Priya", "Rachel", "Rhona", "Sandra",
    "Shona", "Sophie", "Susan", "Zainab",
)  # fmt: skip
MALE = (
    "Adam", "Ahmed", "Alan", "Alasdair", "Andrew", "Callum", "Colin", "Craig",
    "Daniel", "David", "Euan", "Fraser", "Gordon", "Graeme", "Hamish", "Iain",
    "James", "Jamie", "Kenneth", "Lewis", "Malcolm", "Neil", "Robert", "Ross",
    "Scott", "Stuart", "Tomasz",
)  # fmt: skip
SURNAMES = (
    "Anderson", "Bell", "Boyle", "Brown", "Campbell", "Clark", "Cunningham",
    "Docherty", "Donnelly", "Duncan", "Ferguson", "Fraser", "Gallagher", "Gibson",
    "Graham", "Hamilton", "Henderson", "Hughes", "Johnston", "Kelly", "Kerr",
    "Khan", "MacDonald", "MacKenzie", "MacLeod", "Martin", "McGregor", "McLean",
    "Miller", "Mitchell", "Morrison", "Murray", "Nowak", "Paterson", "Reid",
    "Robertson", "Ross", "Scott", "Shaw", "Sinclair", "Smith", "Stewart",
    "Thomson", "Walker", "Watson", "Wilson", "Young",
)  # fmt: skip


class NameBook:
    """Hands out full names, never the same one twice in a week."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def name(self, gender: str | None) -> str:
        """A new full name; ``gender`` 'female' or 'male' picks the first name."""
        if gender == "female":
            firsts: tuple[str, ...] = FEMALE
        elif gender == "male":
            firsts = MALE
        else:
            firsts = FEMALE + MALE
        for _ in range(50):
            full = f"{self._rng.choice(firsts)} {self._rng.choice(SURNAMES)}"
            if full not in self._used:
                break
        else:
            # Large weeks can exhaust the combinations; a middle initial keeps
            # names distinct without breaking the look of the list.
            initial = chr(ord("A") + len(self._used) % 26)
            full = f"{self._rng.choice(firsts)} {initial}. {self._rng.choice(SURNAMES)}"
        self._used.add(full)
        return full
