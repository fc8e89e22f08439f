"""Issue 13: the index's postings built in bulk (`KeyPostings`) and the keys a name is posted
under (`index_keys`) give what the per-key lists and `key_groups` gave."""

from __future__ import annotations

import random

import pytest

from interlink.names.keys import index_keys, key_groups
from interlink.names.parse import parse_name
from interlink.screen import Entry, Watchlist
from interlink.screen.postings import KeyPostings

NAMES = [
    "Mohamed Ben Abdelkarim Alaoui", "محمد بن عبد الكريم العلوي", "Ali Asghar Karimi",
    "علي اصغر كريمي", "Abu Bakr al-Baghdadi", "Nour Eddine Benali", "van der Berg Johannes",
    "J. R. R. Tolkien", "Oumou Sangaré", "Ouldabdul Majid", "Hatami-kia Reza",
    "Mohammad-Reza Shajarian", "Aït Benali Driss", "Abdel Aziz Bouteflika",
]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("kind", ["person", "company"])
def test_index_keys_are_the_union_of_the_key_groups(name: str, kind: str) -> None:
    parts = parse_name(name, kind)
    union = {k for group in key_groups(parts) for k in group}
    assert index_keys(parts) == union


def test_company_generic_word_pairs_with_the_name() -> None:
    parts = parse_name("Acme Trading", "company")
    union = {k for group in key_groups(parts) for k in group}
    assert any("|" in k for k in union)
    assert index_keys(parts) == union


def _naive(posted: list[set[str]]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for idx, keys in enumerate(posted):
        for key in keys:
            out.setdefault(key, []).append(idx)
    return out


def test_postings_give_each_key_its_entries_ascending() -> None:
    rng = random.Random(3)
    vocabulary = [f"K{i}" for i in range(300)]
    posted = [set(rng.sample(vocabulary, rng.randint(0, 12))) for _ in range(2000)]
    postings = KeyPostings()
    for idx, keys in enumerate(posted[:1500]):
        postings.add(idx, keys)
    postings.seal()
    for idx, keys in enumerate(posted[1500:], start=1500):  # added after a sealing
        postings.add(idx, keys)
    expected = _naive(posted)
    asked = [*vocabulary, "absent", "K0|K1"]
    spans = postings.spans(asked)
    assert set(spans) == set(expected)
    for key, entries in expected.items():
        start, end = spans[key]
        assert postings.read(start, end) == entries
        assert postings.count(key) == len(entries)
        middle = entries[len(entries) // 2]
        assert postings.holds(middle, start, end)
        assert not postings.holds(-1, start, end)
    assert postings.count("absent") == 0
    assert len(postings) == len(expected)
    assert postings.total() == sum(len(v) for v in expected.values())


def test_empty_postings() -> None:
    postings = KeyPostings()
    assert postings.spans(["A"]) == {}
    assert postings.count("A") == 0
    assert len(postings) == 0 and postings.total() == 0


def test_an_entry_added_after_the_build_is_found() -> None:
    wl = Watchlist([Entry(id=f"F{i}", names=[f"Filler{i:04d} Person"]) for i in range(50)])
    wl.add(Entry(id="Z", names=["Youssef Ziani"]))
    found = wl.candidates([parse_name("يوسف الزياني")])
    assert [wl.entries[i].id for i in found] == ["Z"]
    assert wl.stats()["entries"] == 51


def test_entries_without_keys_leave_the_postings_empty() -> None:
    postings = KeyPostings()
    postings.add(0, set())
    postings.add(1, set())
    assert postings.spans(["A"]) == {} and postings.total() == 0
    postings.add(2, {"A"})
    start, end = postings.spans(["A"])["A"]
    assert postings.read(start, end) == [2]


def test_spans_of_many_keys_match_one_key_at_a_time() -> None:
    # absent keys among the present (hashes below, between and above every posted one: the
    # search's last position, the sentinel's, must not be taken for a key)
    posted = [{f"P{idx % 37}", f"Q{idx % 11}"} for idx in range(200)]
    postings = KeyPostings()
    for idx, keys in enumerate(posted):
        postings.add(idx, keys)
    expected = _naive(posted)
    asked = [f"{letter}{i}" for i in range(400) for letter in "PQX"]
    random.Random(5).shuffle(asked)
    spans = postings.spans(asked)
    assert set(spans) == set(expected)
    for key in asked:
        assert spans.get(key) == postings.spans([key]).get(key)
        assert postings.count(key) == len(expected.get(key, ()))
