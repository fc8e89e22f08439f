"""Search as a viewer (access/search.py): results in a stable order, and the content of a
candidate the gate hides never parsed."""

from __future__ import annotations

import pytest

from interlink import access
from interlink.core import Envelope, Record
from interlink.core.record import make_entity
from interlink.core.viewer import Viewer
from interlink.store import Actor
from interlink.store.sql import Candidate

DT = "drug_trafficking"


def _person(id_: str, owner: str, tlp: str = "AMBER") -> Record:
    entity = make_entity({"id": id_, "schema": "Person",
                          "properties": {"name": ["Driss Benali"]}})
    return Record(entity, Envelope(owner=owner, tlp=tlp, purposes=[DT]))


def test_ties_come_in_id_order_and_hidden_candidates_are_not_parsed(
        store, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    store.write([_person(i, "MA-DGSN") for i in ("p5", "p2", "p9", "p1")],
                Actor("ali", "MA-DGSN"))
    store.write([_person("red", "FR-OFAST", "RED")], Actor("marie", "FR-OFAST"))
    parsed: list[str] = []
    properties = Candidate.properties  # a candidate's content, read for the page only

    def counted(self: Candidate) -> dict[str, list[str]]:
        parsed.append(self.id)
        return properties(self)

    monkeypatch.setattr(Candidate, "properties", counted)
    found = access.search(store, Viewer("ali", "MA-DGSN", DT), "Driss Benali")
    assert [r["id"] for r in found.results] == ["p1", "p2", "p5", "p9"]  # same score: by id
    assert found.hits == []  # FR-OFAST's RED record: not even a hit
    assert "red" not in parsed  # nor was its content read
    assert sorted(parsed) == ["p1", "p2", "p5", "p9"]  # only the page's results were
    assert found.results[0]["caption"] == "Driss Benali"
    assert found.results[0]["properties"] == {"name": ["Driss Benali"]}
    assert access.search(store, Viewer("ali", "MA-DGSN", DT), "Driss Benali",
                         limit=2).records.keys() == {"p1", "p2"}
    assert sorted(parsed) == ["p1", "p1", "p2", "p2", "p5", "p9"]


@pytest.mark.parametrize("query", ["Mohamed Amra", "محمد عمره", "Driss Benali",
                                   "Atlas Shipping SARL"])
def test_the_scorer_gives_names_compare_score(query: str) -> None:
    """The search's scorer skips the explanation and memoises names, nothing else: the same
    score as `names.compare` for every name, in both kinds, asked twice."""
    from interlink.access.search import Scorer
    from interlink.names import compare

    names = ["Mohammed Omara", "محمد عمره", "Mohamed Amra", "Driss Ben Ali", "M. Amra",
             "Atlas Shipping", "ATLAS SHIPPING S.A.R.L.", "", "Karim"]
    scorer = Scorer(query)
    for kind in ("person", "company"):
        for _ in range(2):
            for name in names:
                assert scorer([name], kind) == compare(query, name, kind).score
            assert scorer(names, kind) == max(compare(query, n, kind).score for n in names)
    assert scorer([], "person") == 0.0
