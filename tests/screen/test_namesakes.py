"""Issue 13: a listed record finds itself among many exact namesakes.

The candidate cut-off (TOP_K) ranked entries by the name keys they share; namesakes share all of
them, so which twenty were scored depended on the order of the list, and a record screened with
its own birth date could fall outside them. The birth date now ranks the namesakes, and a tie at
the cut-off is kept whole.
"""

from __future__ import annotations

from datetime import date, timedelta

from interlink.names import parse_name
from interlink.screen import Entry, Screener, Watchlist
from interlink.screen.index import PAIR_CAP, TIE_CAP, TOP_K


def _namesakes(n: int, name: str = "Mohamed Benali") -> list[Entry]:
    """`n` people of the same name, each born on another day (a week apart)."""
    first = date(1930, 1, 1)
    return [
        Entry(id=f"N{i}", names=[name],
              birth_dates=[(first + timedelta(days=7 * i)).isoformat()])
        for i in range(n)
    ]  # fmt: skip


def test_a_namesake_screened_with_its_birth_date_finds_its_own_entry() -> None:
    crowd = _namesakes(3 * TOP_K)
    screener = Screener(Watchlist(crowd))
    for own in (crowd[0], crowd[TOP_K + 5], crowd[-1]):
        alerts = screener.match(
            Entry(id="q", names=list(own.names), birth_dates=list(own.birth_dates))
        )
        found = [a for a in alerts if a.watchlist_id == own.id]
        assert found, own.id
        assert "same birth date" in found[0].explanation
        # namesakes born two years or more apart are other people
        years = {a.watchlist_id: int(crowd[int(a.watchlist_id[1:])].birth_dates[0][:4])
                 for a in alerts}  # fmt: skip
        assert all(abs(y - int(own.birth_dates[0][:4])) <= 1 for y in years.values()), own.id


def test_the_birth_date_ranks_the_namesakes_among_the_candidates() -> None:
    crowd = _namesakes(3 * TOP_K)
    wl = Watchlist(crowd)
    last = crowd[-1]
    ranked = wl.candidates([parse_name(last.names[0])], birth_dates=last.birth_dates)
    assert ranked[0] == len(crowd) - 1
    # a month shared ranks first those born that month (a week apart: four or five of them)
    month = last.birth_dates[0][:7]
    born_then = {i for i, e in enumerate(crowd) if e.birth_dates[0].startswith(month)}
    ranked = wl.candidates([parse_name(last.names[0])], birth_dates=[month])
    assert set(ranked[: len(born_then)]) == born_then


def test_a_birth_date_alone_makes_no_candidate() -> None:
    crowd = _namesakes(3 * TOP_K)
    other = Entry(id="X", names=["Kwame Mensah"], birth_dates=list(crowd[7].birth_dates))
    wl = Watchlist([*crowd, other])
    ranked = wl.candidates([parse_name("Mohamed Benali")], birth_dates=other.birth_dates)
    assert len(crowd) not in ranked
    alerts = Screener(wl).match(
        Entry(id="q", names=["Mohamed Benali"], birth_dates=list(other.birth_dates))
    )
    assert "X" not in {a.watchlist_id for a in alerts}


def test_the_cut_off_does_not_split_a_tie_of_identical_names() -> None:
    # no birth date in the query: nothing tells the namesakes apart, so all of them are
    # scored and alert (not the first twenty of the list's order)
    crowd = _namesakes(3 * TOP_K)
    alerts = Screener(Watchlist(crowd)).match("Mohamed Benali")
    assert {a.watchlist_id for a in alerts} == {e.id for e in crowd}


def test_a_tie_is_kept_up_to_its_cap() -> None:
    crowd = _namesakes(TIE_CAP + 50, name="Ahmed Tazi")
    wl = Watchlist(crowd)
    assert len(wl.candidates([parse_name("Ahmed Tazi")])) == TIE_CAP


def test_a_namesake_past_the_cap_of_a_common_pair_is_read_by_its_birth_date() -> None:
    # more namesakes than a common pair's posting is read for: the entry past the cap is
    # still found when the query carries its birth date
    crowd = _namesakes(PAIR_CAP + 100, name="Said Saidi")
    wl = Watchlist(crowd)
    own = crowd[PAIR_CAP + 60]
    ranked = wl.candidates([parse_name("Said Saidi")], birth_dates=own.birth_dates)
    assert ranked[0] == PAIR_CAP + 60
    alerts = Screener(wl).match(
        Entry(id="q", names=["Said Saidi"], birth_dates=list(own.birth_dates))
    )
    assert alerts[0].watchlist_id == own.id


def test_the_querys_own_spelling_outranks_near_namesakes_with_more_keys() -> None:
    # 40 near-namesakes whose aliases share more keys with the query (the glued and the
    # apart spelling) outrank, on keys alone, the one entry spelt as the query: without a
    # birth date, nothing but the spelling tells it from them, and it must be scored
    crowd = [
        Entry(id=f"A{i}", names=["Aly Bouzid", "Ali Bou Zid"]) for i in range(2 * TOP_K)
    ]
    own = Entry(id="own", names=["Ali Bouzid"])
    wl = Watchlist([*crowd, own])
    ranked = wl.candidates([parse_name("ALI BOUZID")])
    assert ranked[0] == len(crowd)
    assert "own" in {a.watchlist_id for a in Screener(wl).match("Ali Bouzid")}


def test_every_entry_spelt_as_the_query_is_kept_past_the_cut_off() -> None:
    # entries spelt as the query rank alike whatever their aliases add: a tie kept whole
    aliased = [Entry(id=f"B{i}", names=["Ali Bouzid", "Ali Bou Zid"]) for i in range(TOP_K)]
    plain = [Entry(id=f"P{i}", names=["Ali Bouzid"]) for i in range(TOP_K)]
    wl = Watchlist([*aliased, *plain])
    assert len(wl.candidates([parse_name("Ali Bouzid")])) == 2 * TOP_K
