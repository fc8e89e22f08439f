"""Issue 13: a name match made only of parts common on the list is weaker evidence than the
same match of rare parts (frequency-aware scoring, `Watchlist.commonness`)."""

from __future__ import annotations

import itertools

from interlink.names.compare import align_score
from interlink.names.parse import parse_name
from interlink.screen import Entry, Screener, Watchlist
from interlink.screen.index import COMMONNESS_CAP, MIN_ENTRIES_FOR_FREQUENCY


def _rare_words(count: int) -> list[str]:
    """Distinct made-up family names whose consonant keys differ from each other."""
    consonants = "bdfgklmnprtz"
    words = []
    for a, b, c in itertools.product(consonants, repeat=3):
        words.append(f"{a}a{b}o{c}ek".capitalize())
        if len(words) == count:
            break
    return words


def _list() -> Watchlist:
    rare = _rare_words(1200)
    entries = [Entry(id=f"S{i}", names=[f"Salem {w}"]) for i, w in enumerate(rare[:600])]
    entries += [Entry(id=f"E{i}", names=[f"Elie {w}"]) for i, w in enumerate(rare[600:])]
    entries += [Entry(id="common", names=["Elie Salem"]),
                Entry(id="rare", names=["Zbigniew Wawrzyniak"])]  # fmt: skip
    return Watchlist(entries)


def test_common_parts_lose_score_rare_parts_do_not() -> None:
    wl = _list()
    screener = Screener(wl, threshold=0.5)
    for query, target, penalised in (("Salim Elie", "common", True),
                                     ("Zbignew Wawrzyniak", "rare", False)):  # fmt: skip
        alert = next(a for a in screener.match(query) if a.watchlist_id == target)
        idx = next(i for i, e in enumerate(wl.entries) if e.id == target)
        raw = align_score(parse_name(query), wl.parsed[idx][0], wl.weight)[0]
        if penalised:
            assert raw - COMMONNESS_CAP <= alert.score < raw - 0.01, (query, raw, alert.score)
        else:
            assert alert.score == raw, (query, raw, alert.score)


def test_small_lists_are_left_alone() -> None:
    entries = [Entry(id=f"S{i}", names=[f"Salem {w}"]) for i, w in enumerate(_rare_words(50))]
    entries.append(Entry(id="common", names=["Elie Salem"]))
    wl = Watchlist(entries)
    assert len(wl) < MIN_ENTRIES_FOR_FREQUENCY
    parts = parse_name("Salim Elie")
    alignment = align_score(parts, wl.parsed[-1][0], wl.weight)
    assert wl.commonness(alignment[1], wl.parsed[-1][0]) == 0.0


def test_the_lowered_score_is_said_in_the_readers_language() -> None:
    """An alert whose score lost something to commonness says so (a code the catalogues
    translate); an alert of rare parts says nothing of the kind."""
    from interlink.names import explanation as x

    wl = _list()
    screener = Screener(wl, threshold=0.5)
    common = next(a for a in screener.match("Salim Elie") if a.watchlist_id == "common")
    rare = next(a for a in screener.match("Zbignew Wawrzyniak") if a.watchlist_id == "rare")
    assert "common on this list" not in rare.explanation
    assert all(i["code"] != "name.common_on_list" for i in x.codes(rare.explanation)["items"])
    explained = x.codes(common.explanation)
    assert not x.unknown(explained), common.explanation
    said = [i for i in explained["items"] if i["code"] == "name.common_on_list"]
    assert len(said) == 1, common.explanation
    idx = next(i for i, e in enumerate(wl.entries) if e.id == "common")
    raw = align_score(parse_name("Salim Elie"), wl.parsed[idx][0], wl.weight)[0]
    assert said[0]["params"]["lowered"] == round(raw - common.score, 2) > 0
    for lang, words in (("ar", "شائعة في هذه القائمة"), ("fr", "courantes sur cette liste"),
                        ("es", "comunes en esta lista")):  # fmt: skip
        shown = x.render(explained, lang)
        assert words in shown and "common on this list" not in shown, (lang, shown)


def test_a_same_key_match_across_scripts_counts_its_sound_keys_rarity() -> None:
    """ناصر meets Nasser through the sound key NSR, which three entries have, not through
    the coarse key NSR that the 600 Nazers share too: across scripts, where no spelling can
    be the same, that is the evidence the exact spelling is in Latin. Between two Latin
    spellings (Naser / Nasser) nothing is added: there the exact spelling is the evidence."""
    rare = _rare_words(1200)
    entries = [Entry(id=f"N{i}", names=[f"Nazer {w}"]) for i, w in enumerate(rare[:600])]
    entries += [Entry(id=f"E{i}", names=[f"Elie {w}"]) for i, w in enumerate(rare[600:])]
    entries += [Entry(id="nasser", names=["Nasser Elie"]),
                Entry(id="naser", names=["Naser Badokek"]),
                Entry(id="nasser2", names=["Nasser Fadokek"])]  # fmt: skip
    wl = Watchlist(entries)
    target = wl.parsed[-3][0]
    for query, across in (("ناصر ايلي", True), ("Naser Elie", False)):
        parts = parse_name(query)
        pairs = align_score(parts, target, wl.weight)[1]
        assert len(pairs) == 2, (query, pairs)
        without, with_query = wl.commonness(pairs, target), wl.commonness(pairs, target, parts)
        if across:
            assert 0 <= with_query < without, (query, with_query, without)
        else:
            assert with_query == without, (query, with_query, without)
    screener = Screener(wl, threshold=0.5)
    alert = next(a for a in screener.match("ناصر ايلي") if a.watchlist_id == "nasser")
    raw = align_score(parse_name("ناصر ايلي"), target, wl.weight)[0]
    assert raw - alert.score < wl.commonness(align_score(parse_name("ناصر ايلي"), target,
                                                          wl.weight)[1], target)


def test_part_weights_remembered_within_a_bound(monkeypatch) -> None:
    """A server's watchlist meets new query parts as long as it runs: the weights it remembers
    per part are forgotten past a bound, and a weight asked again is the same."""
    from interlink.screen import index

    monkeypatch.setattr(index, "PART_WEIGHTS_MAX", 50)
    wl = _list()
    first = {}
    for word in _rare_words(300):
        part = parse_name(f"Salem {word}")[1]
        first[word] = (part, wl.weight(part))
        assert len(wl._part_weights) <= 51
    for word, (part, weight) in first.items():
        assert wl.weight(part) == weight
        assert wl.weight(parse_name(f"Salem {word}")[1]) == weight
