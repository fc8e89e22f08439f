"""Very common name parts, which weigh less in a comparison.

Sharing "Mohamed" says little: millions of people are called Mohamed Ahmed. Without
statistics from a watchlist (the screener supplies its own, see screen/index.py), these parts
get half weight. The list holds given names and nasab elements frequent across the Maghreb,
the Middle East and the Sahel; spellings do not matter, the coarse sound key is what is kept.
"""

from __future__ import annotations

from functools import cache

from interlink.names.parts import parse_person

COMMON_GIVEN_NAMES = (
    "mohamed ahmed ali hassan hussein mahmoud mustafa omar abdallah ibrahim youssef khalid "
    "said saad karim salah hamid hamza ismail yassine rachid adil nabil samir said abdelkader "
    "abderrahmane abdelaziz othman moussa issa younes ayoub amine mehdi hicham fouad jamal "
    "fatima aicha khadija zineb meryem amina nadia leila samira salma hanane naima latifa "
    "malika rachida souad karima sara hajar imane"
)

COMMON_WEIGHT = 0.5


@cache
def common_keys() -> frozenset[str]:
    """Coarse keys of the common names (computed once, from the spellings above)."""
    keys: set[str] = set()
    for name in COMMON_GIVEN_NAMES.split():
        for part in parse_person(name):
            keys.add(part.key.coarse)
    return frozenset(keys)


def default_weight(coarse: str) -> float:
    return COMMON_WEIGHT if coarse in common_keys() else 1.0
