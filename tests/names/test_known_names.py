"""Two spellings the shipped name dictionary knows as two different names (issue 13)."""

from __future__ import annotations

import pytest

from interlink.names import compare, parse_name
from interlink.names.compare import FEMININE_DIFFERS, KNOWN_OTHER, MIN_PART, part_similarity
from interlink.names.explanation import how_codes
from interlink.names.variants import known_name


def _sim(a: str, b: str) -> tuple[float, str]:
    return part_similarity(parse_name(a)[0], parse_name(b)[0])


def test_the_dictionary_says_which_arabic_word_a_known_spelling_is() -> None:
    assert known_name("salem", arabic=False) == "سالم"
    assert known_name("salama", arabic=False) == "سلامه"
    assert known_name("سلامه", arabic=True) == "سلامه"
    assert known_name("qwzxv", arabic=False) == ""


@pytest.mark.parametrize(
    ("arabic", "other", "unknown"),
    [
        # Salama against Salem: two names; against Salamah, a spelling the dictionary does
        # not list, a respelling of the known one
        ("سلامه", "salem", "salamah"),
        # منى (Mona) against Mana, which the dictionary writes مانا; Muna is unlisted
        ("منى", "mana", "muna"),
    ],
)
def test_a_known_name_met_by_another_known_name_is_weaker(
    arabic: str, other: str, unknown: str
) -> None:
    known_score, how = _sim(arabic, other)
    assert "another known name" in how
    assert _sim(other, arabic)[0] == known_score  # either order
    assert known_score < _sim(arabic, unknown)[0]


def test_two_arabic_spellings_of_two_names() -> None:
    # عماره (Amara) and عمر (Omar) share the sound key AMR; each is a name of its own
    score, how = _sim("عماره", "عمر")
    assert "another known name" in how
    # the same sound key, less: a known other name, and the ta marbuta on one side only
    assert score == pytest.approx(0.95 - FEMININE_DIFFERS - KNOWN_OTHER)
    # behind the same particle too
    assert "another known name" in _sim("بن عماره", "بن عمر")[1]


def test_the_article_is_no_other_name() -> None:
    # the dictionary writes Sayed سيد; السيد is the same name with the article
    assert known_name("sayed", arabic=False) == "سيد"
    assert "another known name" not in _sim("السيد", "sayed")[1]


def test_weaker_evidence_is_not_a_conflict() -> None:
    # the dictionary holds one spelling per name: the pair still meets, at MIN_PART at least
    score, _ = _sim("سلامه", "salem")
    assert score >= MIN_PART
    assert compare("هيثم سلامه", "Haitham Salem").score > 0.5


def test_the_same_known_name_and_latin_pairs_are_left_alone() -> None:
    # the dictionary's own pair: no penalty
    assert "another known name" not in _sim("سالم", "salem")[1]
    # two Latin spellings: a Latin spelling may be several Arabic names (Zahar زهار / زاهر)
    assert "another known name" not in _sim("zahar", "zaher")[1]
    assert KNOWN_OTHER > 0


def test_the_explanation_has_a_code_for_it() -> None:
    _, how = _sim("عماره", "عمر")
    codes = [c["code"] for c in how_codes(how)]
    assert "name.other_known_name" in codes
    assert "name.other" not in codes
