"""Issue 13, candidate recall at a million names: the keys an index posts a name under for the
forms a query writes apart or drops that the entry writes as one part (`extra_index_keys`)."""

from __future__ import annotations

import pytest

from interlink.names import parse_name
from interlink.names.keys import article_halves, extra_index_keys, index_keys


@pytest.mark.parametrize(
    ("entry", "query"),
    [
        ("Mint Mohamed Farah", "Mint Farah"),  # a particle with the part after its compound
        ("Ould Waalid Sta", "Ould Sta"),
        ("Abdu Thandeka Kolade", "Abdu Kolade"),
        ("Mansoura Abdel Fahad", "Mansoura Fahad"),  # an abd compound's stem, paired
        ("ابوالقاسم رسا", "al-Qasim Rasa"),  # a word glued over an article: the half after it
        ("مجتبي مفتيالشيعه", "Mojtaba Mofti-ol-shia"),  # ... the half before it
        ("محمدرضا عزالدين شايان", "Mohammad Ezaddin Shayan"),  # ... the word without it
    ],
)
def test_the_entry_is_posted_under_a_key_of_the_query(entry: str, query: str) -> None:
    entry_parts, query_parts = parse_name(entry), parse_name(query)
    assert not index_keys(entry_parts) & index_keys(query_parts) - _singles(query_parts)
    assert extra_index_keys(entry_parts) & index_keys(query_parts)


def _singles(parts: tuple) -> set[str]:
    """The query's one-part keys that are also the entry's: too common to block on."""
    return {k for p in parts for k in p.retrieval_keys}


def test_plain_names_and_abd_compounds_get_none() -> None:
    assert extra_index_keys(parse_name("Mohamed Ali Hassan")) == set()
    assert extra_index_keys(parse_name("خالد الزعبي")) == set()  # the article leads the word
    assert extra_index_keys(parse_name("Farah")) == set()
    assert article_halves("عبدالرحمن") == ()  # the parser reads abd compounds its own way
    assert article_halves("غزالة") == ()  # one letter after: no name


def test_article_halves_are_the_halves_and_the_word_without_the_article() -> None:
    halves = article_halves("ابوالقاسم")
    assert "KSM" in halves
    assert "ASDN" in article_halves("عزالدين")  # "Ezaddin"
