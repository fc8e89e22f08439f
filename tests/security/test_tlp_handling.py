"""TLP 2.0 and handling codes in full: AMBER+STRICT never leaves the receiving organisation,
and H3 conditions travel with the record wherever it is shown.

Found: a recipient could re-grant an AMBER+STRICT record to another agency (only H2 was
checked), and H3 conditions were shown nowhere but in the raw envelope.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from interlink.store.tables import grants
from tests.security.conftest import DT, World


def test_amber_strict_is_never_re_granted(world: World) -> None:
    given = world.grant("marie", "fr-strict", "MA-DGSN")
    assert given.status_code == 201
    again = world.grant("sara", "fr-strict", "ES-DAVA", parent=given.json()["id"])
    assert again.status_code == 400 and "AMBER+STRICT" in again.json()["detail"]
    # a re-grant row written around make_grant gives nothing either: the gate says no
    with world.store.transaction() as conn:
        conn.execute(grants.insert().values(
            id=secrets.token_hex(8), grantor="MA-DGSN", recipient_agency="ES-DAVA",
            recipient_group=None, record_id="fr-strict", purposes=DT, users="[]",
            level="full", valid_until=None, revoked_at=None, parent=given.json()["id"],
            created_by="sara", created_at=datetime.now(UTC), reason="forged"))
    spain = world.api.get("/api/v1/records/fr-strict", params={"purpose": DT},
                          headers=world.as_("pepe")).json()
    assert spain.get("hit_only") is True
    morocco = world.api.get("/api/v1/records/fr-strict", params={"purpose": DT},
                            headers=world.as_("ali")).json()
    assert morocco["hit_only"] is False


def test_h3_conditions_shown_wherever_the_record_is(world: World) -> None:
    conditions = "Not for use in court without written consent"
    r = world.write("marie", {"id": "fr-h3", "schema": "Person",
                              "properties": {"name": ["Mohamed Amra"]}},
                    handling="H3", conditions=conditions)
    assert r.status_code == 201, r.text
    assert world.grant("marie", "fr-h3", "MA-DGSN").status_code == 201
    read = world.api.get("/api/v1/records/fr-h3", params={"purpose": DT},
                         headers=world.as_("ali")).json()
    assert read["envelope"]["conditions"] == conditions
    found = world.api.get("/api/v1/search", params={"q": "Mohamed Amra", "purpose": DT},
                          headers=world.as_("ali")).json()
    shown = [x for x in found["results"] if x["id"] == "fr-h3"]
    assert shown and shown[0]["envelope"]["conditions"] == conditions
    assert conditions in world.browser("ali").get("/entity/fr-h3").text
    assert conditions in world.browser("ali").get("/search", params={"q": "Mohamed Amra"}).text
