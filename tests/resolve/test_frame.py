"""frame.parse_words: the parse of a name computed once per distinct word gives exactly what
interlink.names.parse_name gives for the whole name (issue 18's speed work must not change a
single part)."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

import pandas as pd
import pytest

from interlink.names.normalize import normalize
from interlink.names.parse import parse_name
from interlink.resolve.frame import (
    NAMES_SEP,
    WordCache,
    build,
    name_features,
    norm_names,
    norm_text,
    parse_words,
)

NAMES_TESTS = Path(__file__).parents[1] / "names"


def _corpus() -> list[str]:
    """Every string literal of the names tests (their stories: particles, articles, compounds,
    initials, both scripts), and combinations of words that parse with their neighbours."""
    found: set[str] = set()
    for path in sorted(NAMES_TESTS.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value.strip()
                if 0 < len(text) < 80 and "\n" not in text:
                    found.add(text)
    words = ["Mohamed", "ben", "Ali", "El", "Hassan", "abd", "el", "Kader", "Nour", "Eddine",
             "Bou", "Zid", "de", "la", "Cruz", "J.", "O'Brien", "al-Amin", "محمد", "بن",
             "علي", "عبد", "القادر", "أبو", "بكر", "ال", "نور", "الدين", "Ait", "Ould", "xy",
             "BENALI", "Abdelaziz", "ﷲ", "Ahmed-Ali"]
    for n in (1, 2, 3):
        for i, combo in enumerate(itertools.permutations(words, n)):
            if n < 3 or i % 7 == 0:
                found.add(" ".join(combo))
    return sorted(found)


def _shape(parts: tuple) -> list[tuple]:
    return [(p.text, p.variants, p.arabic, p.initial, p.note, p.generic) for p in parts]


def test_parse_words_equals_parse_name() -> None:
    cache = WordCache()
    corpus = _corpus()
    assert len(corpus) > 2000
    for name in corpus:
        expected = parse_name(name)
        assert _shape(parse_words(name, "person", cache)) == _shape(expected), name
        assert " ".join(cache.words(name)) == norm_text(name) == normalize(name), name
    assert cache.parts, "no name took the word-by-word path"


@pytest.mark.parametrize("kind", ["company", "vessel"])
def test_other_kinds_parse_whole(kind: str) -> None:
    cache = WordCache()
    name = "Oceania Agro Export SARL"
    assert _shape(parse_words(name, kind, cache)) == _shape(parse_name(name, kind))
    assert not cache.parts


def test_build_features_equal_name_features() -> None:
    names = ["محمد بن علي", "BENALI Mohamed", "Mohamed Benali", "Abd el Kader Ould Ahmed",
             "نور الدين الحسن", "Youssef O'Brien-Ali", "J. Smith", "يوسف",
             f"Mohamed Benali{NAMES_SEP}محمد بن علي{NAMES_SEP}MOHAMED  BENALI"]
    frame = build([str(i) for i in range(len(names))], pd.DataFrame({"name": names}))
    for i, name in enumerate(names):
        norm, keys, _first, _last, pair = name_features(name)
        assert frame.cols["name"].text(i) == norm == norm_names(name)
        assert frame.cols["name_keys"].text(i) == keys
        assert frame.cols["name_pair"].text(i) == pair
