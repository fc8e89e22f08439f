"""Resolution discloses nothing through a hidden record: a resolved entity shown to a viewer
is computed only from records that viewer sees in full.

Found: the entity walk went through any record, so a chain ma-p1 - fr-red (TLP:RED, hidden
from Morocco) - es-p1 told Morocco that its record and Spain's shared one are one person.
"""

from __future__ import annotations

from datetime import UTC, datetime

from interlink.store.tables import match_candidates
from tests.security.conftest import DT, World


def _chain(world: World) -> None:
    now = datetime.now(UTC)
    with world.store.transaction() as conn:
        conn.execute(match_candidates.insert(), [
            {"left_id": "fr-red", "right_id": "ma-p1", "score": 0.97, "explanation": "{}",
             "accepted": True, "created_at": now},
            {"left_id": "es-p1", "right_id": "fr-red", "score": 0.97, "explanation": "{}",
             "accepted": True, "created_at": now},
        ])
    assert world.grant("pepe", "es-p1", "MA-DGSN").status_code == 201


def test_a_hidden_record_joins_nothing(world: World) -> None:
    _chain(world)
    entity = world.api.get("/api/v1/resolution/entities/ma-p1", params={"purpose": DT},
                           headers=world.as_("ali")).json()
    assert [m["id"] for m in entity["members"]] == ["ma-p1"]
    assert entity["hits"] == []
    page = world.browser("ali").get("/entity/ma-p1").text
    assert "es-p1" not in page and "fr-red" not in page
    # the owner of the middle record sees the whole chain it holds
    assert world.grant("pepe", "es-p1", "FR-OFAST").status_code == 201
    assert world.grant("ali", "ma-p1", "FR-OFAST").status_code == 201
    seen = world.api.get("/api/v1/resolution/entities/fr-red", params={"purpose": DT},
                         headers=world.as_("marie")).json()
    assert sorted(m["id"] for m in seen["members"]) == ["es-p1", "fr-red", "ma-p1"]


def test_the_entity_page_is_the_same_whichever_member_is_opened(world: World) -> None:
    now = datetime.now(UTC)
    with world.store.transaction() as conn:
        conn.execute(match_candidates.insert(), [
            {"left_id": "es-p1", "right_id": "ma-p1", "score": 0.97, "explanation": "{}",
             "accepted": True, "created_at": now}])
    assert world.grant("pepe", "es-p1", "MA-DGSN").status_code == 201
    browser = world.browser("ali")
    a, b = browser.get("/entity/ma-p1").text, browser.get("/entity/es-p1").text
    section = lambda html: html[html.index('data-testid="sources"'):]  # noqa: E731
    assert "es-p1" in section(a) and "ma-p1" in section(b)
    assert section(a).count("/entity/") == section(b).count("/entity/")
