"""Notices alert only agencies in their scope; an agency outside it learns nothing of the
subject.

Found: a notice's screening alerted the owner of every matching record, in scope or not,
with the subject's name and the notice in the alert.
"""

from __future__ import annotations

from interlink.cooperation import notices
from interlink.screen.decisions import list_alerts
from interlink.store import Actor
from tests.security.conftest import DT, World


def test_a_notice_scoped_to_morocco_tells_spain_nothing(world: World) -> None:
    published = notices.issue_notice(world.store, Actor("marie", "FR-OFAST"), "red", "fr-p1",
                                     purpose=DT, scope=["MA-DGSN"])
    assert published.notice.scope == ["MA-DGSN"]
    assert list_alerts(world.store, "ES-DAVA", "new", 50) == []
    assert all(h["owner"] != "ES-DAVA" for h in published.issuer_hits)
    spain = world.api.get("/api/v1/records/fr-p1", params={"purpose": DT},
                          headers=world.as_("pepe")).json()
    assert spain.get("hit_only") is True and "Mohamed" not in str(spain)
    # in scope, the same screening alerts: Spain's record would have matched
    everyone = notices.issue_notice(world.store, Actor("marie", "FR-OFAST"), "red", "fr-p1",
                                    purpose=DT, scope=["ES-DAVA"])
    assert everyone.owner_alerts >= 1
    assert [a.record_id for a in list_alerts(world.store, "ES-DAVA", "new", 50)] == ["es-p1"]
