"""Resolution blocks on the keys the screening index looks names up by (`Part.retrieval_keys`):
one names engine for screening, search and resolution (issue 13, nineteenth pass)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from interlink.names.blocking import keys as blocking_keys
from interlink.names.keys import index_keys
from interlink.names.parse import parse_name
from interlink.resolve.blocking import block
from interlink.resolve.frame import from_rows, name_features

MAGHREB = Path(__file__).parents[2] / "benchmarks" / "data" / "maghreb_names.tsv"


def _name_keys(name: str) -> set[str]:
    return set(name_features(name)[1].split())


@pytest.mark.parametrize(
    ("arabic", "latin", "shared"),
    [
        ("درياقلي داوود", "Darya Daud", "DD|DR"),
        ("اميرحسن علي", "Hassan Ali", "AL|HSN"),
        ("حسينخان بسيم", "Hossein Bassim", "BSM|HSN"),
    ],
)
def test_a_glued_word_blocks_with_its_halves_apart(arabic: str, latin: str, shared: str) -> None:
    # the rest of a glued Arabic-script word beside its known half is a retrieval key, not a
    # variant: resolution reading every variant's key (`coarse_keys`) never paired these
    assert shared in _name_keys(arabic)
    assert shared in _name_keys(latin)


@pytest.mark.parametrize(("name", "reading"), [("Jochen Wijland", "FLND"),
                                               ("Gerwin Smit", "KRFN")])
def test_scoring_only_readings_make_no_blocking_key(name: str, reading: str) -> None:
    # the German/Dutch readings score, but screening does not look names up by them
    assert not any(reading in k.split("|") for k in _name_keys(name))
    assert not any(reading in k.split("|") for k in index_keys(parse_name(name)))


def test_the_name_keys_are_the_screening_indexs() -> None:
    # every pair key resolution blocks on is one the screening index posts the name under
    with MAGHREB.open(encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")]
    rows = rows[1:301]
    arabic = [r[1] for r in rows]
    latin = [r[3].split("|")[0].split("=")[0] for r in rows]
    names = [f"{a} {b} {c}" for a, b, c in zip(arabic, arabic[1:], arabic[2:], strict=False)]
    names += [f"{a} {b} {c}" for a, b, c in zip(latin, latin[1:], latin[2:], strict=False)]
    names += ["درياقلي داوود", "اميرحسن علي صاحبالزماني", "Pieter van Wijk Jochen"]
    for name in names:
        assert _name_keys(name) <= blocking_keys(name), name
        assert _name_keys(name) <= index_keys(parse_name(name)), name


def test_resolution_pairs_a_glued_arabic_record_with_its_latin_one() -> None:
    frame = from_rows([
        {"id": "a", "source": "ma", "name": "درياقلي داوود"},
        {"id": "b", "source": "fr", "name": "Darya Daud"},
        {"id": "c", "source": "fr", "name": "Karim Daud"},
    ])
    found = block(frame, link_only=True)
    pairs = {frozenset((frame.ids[i], frame.ids[j]))
             for i, j in zip(found.left.tolist(), found.right.tolist(), strict=True)}
    assert frozenset(("a", "b")) in pairs
