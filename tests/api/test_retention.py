"""Retention: due records are flagged to the owner; past the date they are served to nobody
else until the owner extends them with a reason (audited)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from interlink.audit import chain
from interlink.core import Envelope, Record
from interlink.core.record import make_entity
from interlink.store import Actor
from tests.api.test_story import DT, api  # noqa: F401 - the fixture


def test_review_dates(api) -> None:  # noqa: F811
    client, tok, store = api
    today = datetime.now(UTC).date()
    records = []
    for id_, review in (("old", today - timedelta(days=1)), ("soon", today + timedelta(days=30)),
                        ("later", today + timedelta(days=400))):
        entity = make_entity({"id": id_, "schema": "Person", "properties": {"name": [id_]}})
        records.append(Record(entity, Envelope(owner="MA-DGSN", purposes=[DT], tlp="GREEN",
                                               review_by=review)))
    store.write(records, Actor("ali", "MA-DGSN"))
    wholesale = client.post("/api/v1/grants", headers=tok["sara"], json={
        "recipient_agency": "FR-OFAST", "purposes": [DT]})  # all of MA-DGSN's: a supervisor's
    assert wholesale.status_code == 201, wholesale.text

    due = client.get("/api/v1/records/due", headers=tok["ali"]).json()
    assert [d["id"] for d in due] == ["old", "soon"]
    assert client.get("/api/v1/records/due", headers=tok["marie"]).json() == []

    read = lambda id_: client.get(f"/api/v1/records/{id_}",  # noqa: E731
                                  params={"purpose": DT}, headers=tok["marie"])
    assert read("old").status_code == 404  # past its date: not served to the partner
    assert read("soon").json()["hit_only"] is False
    assert client.get("/api/v1/records/old", headers=tok["ali"]).status_code == 200  # owner

    bad = client.post("/api/v1/records/old/extend", headers=tok["marie"],
                      json={"review_by": str(today + timedelta(days=365)), "reason": "mine"})
    assert bad.status_code == 400
    past = client.post("/api/v1/records/old/extend", headers=tok["ali"],
                       json={"review_by": str(today), "reason": "x"})
    assert past.status_code == 400
    ok = client.post("/api/v1/records/old/extend", headers=tok["ali"],
                     json={"review_by": str(today + timedelta(days=365)),
                           "reason": "trial pending, case 2026/114"})
    assert ok.status_code == 200 and ok.json()["version"] == 2
    assert read("old").json()["hit_only"] is False
    assert store.get("old", 1).envelope.review_by == today - timedelta(days=1)
    with store.engine.connect() as conn:
        last = list(chain.entries(conn, action="alteration"))[-1]
        assert chain.verify(conn).ok
    assert last.reason == "trial pending, case 2026/114" and last.subjects == ["old"]
