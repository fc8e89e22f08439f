"""POST /screen matches only against what the viewer may use, and is audited."""

from __future__ import annotations

from interlink.audit import chain
from tests.api.test_story import DT, PERSON, api  # noqa: F401 - the fixture

QUERY = {"id": "pax-7", "name": "Mohammed Omara", "birth_date": "1990-01-02"}


def test_screen_against_what_the_viewer_may_use(api) -> None:  # noqa: F811
    client, tok, store = api
    client.post("/api/v1/records", headers=tok["ali"], json={
        "records": [PERSON], "terms": {"purposes": [DT], "source_ref": "wanted-list"}})
    own = client.post("/api/v1/screen", headers=tok["ali"],
                      json={"queries": [QUERY], "purpose": DT, "watchlist": "wanted-list"})
    assert own.status_code == 200, own.text
    alerts = own.json()["alerts"]
    assert [(a["query_id"], a["watchlist_id"]) for a in alerts] == [("pax-7", "ma-p1")]
    assert alerts[0]["score"] >= 0.8 and alerts[0]["explanation"]

    # the partner has no grant: the list is empty for her, no alert, nothing revealed
    theirs = client.post("/api/v1/screen", headers=tok["marie"],
                         json={"queries": [QUERY], "purpose": DT})
    assert theirs.json()["alerts"] == [] and theirs.json()["entries"] == 0
    client.post("/api/v1/grants", headers=tok["ali"], json={
        "record_id": "ma-p1", "recipient_agency": "FR-OFAST", "purposes": [DT]})
    granted = client.post("/api/v1/screen", headers=tok["marie"],
                          json={"queries": [QUERY], "purpose": DT})
    assert [a["watchlist_id"] for a in granted.json()["alerts"]] == ["ma-p1"]
    wrong = client.post("/api/v1/screen", headers=tok["marie"],
                        json={"queries": [QUERY], "purpose": "terrorism"})
    assert wrong.json()["alerts"] == []
    bad = client.post("/api/v1/screen", headers=tok["marie"], json={
        "queries": [{"id": "x", "name": "A B", "birth_date": "31/31/1990"}], "purpose": DT})
    assert bad.status_code == 400 and bad.json()["detail"]["field"] == "birth_date"

    with store.engine.connect() as conn:
        done = list(chain.entries(conn, action="screening"))
    assert done[0].purpose == DT and done[0].subjects == ["ma-p1"]
    assert done[1].subjects == [] and done[1].agency == "FR-OFAST"
