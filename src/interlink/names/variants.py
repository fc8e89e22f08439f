"""Learned spelling variants: sound classes a word takes that the rules do not give it.

`data/variants.tsv` is built by `python -m interlink.names.learn` from a parallel dictionary
(see data/README.md) and ships with the package; nothing is fetched or learned at run time.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PATH = Path(__file__).parent / "data" / "variants.tsv"
_enabled = True


def disable() -> None:
    """Rules only (the learner compares the rules alone with its dictionary)."""
    global _enabled
    _enabled = False
    _table.cache_clear()
    _known.cache_clear()


@cache
def _table() -> dict[str, tuple[str, ...]]:
    if not _enabled or not _PATH.exists():
        return {}
    table: dict[str, list[str]] = {}
    for line in _PATH.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        word, classes = line.split("\t")
        table.setdefault(word, []).append(classes)
    return {w: tuple(c) for w, c in table.items()}


def learned_classes(word: str) -> tuple[str, ...]:
    """Sound classes learned for a normalised word (empty for most words)."""
    return _table().get(word, ())


_KNOWN_PATH = Path(__file__).parent / "data" / "known_names.tsv"


@cache
def _known() -> tuple[dict[str, str], frozenset[str]]:
    if not _enabled or not _KNOWN_PATH.exists():
        return {}, frozenset()
    latin: dict[str, str] = {}
    for line in _KNOWN_PATH.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, arabic = line.split("\t")
            latin[word] = arabic
    return latin, frozenset(latin.values())


def known_name(word: str, arabic: bool) -> str:
    """The Arabic-script word a known name is written as (`data/known_names.tsv`, from the
    same dictionary): a Latin spelling the dictionary lists gives its Arabic word, an
    Arabic-script word the dictionary writes gives itself; "" for a word it does not know."""
    latin, written = _known()
    if arabic:
        return word if word in written else ""
    return latin.get(word, "")
