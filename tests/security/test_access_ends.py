"""Every change of access ends access everywhere at once: the analysis graph, cached per
viewer, is never served after a revocation, a withdrawn notice, an erasure, the end of an
operation, or a review date passing.

Found: a withdrawn notice stayed visible in the web chart, the network page and GraphML,
because the graph cache did not count notices among the changes that end access.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from interlink.access import graph
from interlink.cooperation import notices, operations
from interlink.store import Actor
from tests.security.conftest import DT, World, surfaces

GRAPH_SURFACES = ("web chart", "web graphml", "web network", "web entity", "api read",
                  "api key actors")


def _shared_then_ended(world: World, share: Callable[[], object], end: Callable[[], object],
                       ) -> None:
    share()
    before = {name: surfaces()[name](world, "ali", "fr-p1") for name in GRAPH_SURFACES}
    assert "fr-p1" in before["api read"] and '"hit_only":false' in before["api read"]
    assert "Mohamed Amra" in before["web chart"] or "fr-p1" in before["web chart"]
    end()
    for name in GRAPH_SURFACES:
        text = surfaces()[name](world, "ali", "fr-p1")
        assert "Mohamed Amra" not in text, f"{name} still shows the record after the change"


@pytest.fixture
def linked(world: World) -> World:
    """fr-p1 shares ma-p1's phone once FR writes a new version, so it sits in ali's chart."""
    r = world.write("marie", {"id": "fr-p1", "schema": "Person", "properties": {
        "name": ["Mohamed Amra"], "birthDate": ["1990-01-02"], "phone": ["+212600000001"]}})
    assert r.status_code == 201
    return world


def test_revocation(linked: World) -> None:
    made: dict[str, str] = {}

    def share() -> None:
        made["id"] = linked.grant("marie", "fr-p1", "MA-DGSN").json()["id"]

    _shared_then_ended(linked, share, lambda: linked.api.delete(
        f"/api/v1/grants/{made['id']}", headers=linked.as_("marie")))


def test_notice_withdrawal(linked: World) -> None:
    actor = Actor("marie", "FR-OFAST")
    made: dict[str, str] = {}

    def share() -> None:
        made["id"] = notices.issue_notice(linked.store, actor, "red", "fr-p1", purpose=DT,
                                          scope=["MA-DGSN"]).notice.id

    _shared_then_ended(linked, share, lambda: notices.end_notice(
        linked.store, actor, made["id"], "arrested"))


def test_erasure(linked: World) -> None:
    linked.grant("marie", "fr-p1", "MA-DGSN")
    _shared_then_ended(linked, lambda: None, lambda: linked.store.erase(
        "fr-p1", Actor("marie", "FR-OFAST"), "court order"))


def test_operation_closed(linked: World) -> None:
    lead = Actor("marie", "FR-OFAST")
    made: dict[str, str] = {}

    def share() -> None:
        op = operations.create_operation(linked.store, lead, "Andes", partners=["MA-DGSN"],
                               purposes=[DT])
        operations.join(linked.store, Actor("sara", "MA-DGSN"), op.id)
        operations.share(linked.store, lead, op.id, ["fr-p1"])
        made["id"] = op.id

    _shared_then_ended(linked, share, lambda: operations.close(linked.store, lead, made["id"]))


def test_review_date_passing_rebuilds_the_graph(world: World, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """No action marks the day a review date passes: the graph's fingerprint holds the date."""
    before = graph.fingerprint(world.store)
    tomorrow = datetime.now(UTC) + timedelta(days=1)

    class Tomorrow(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
            return tomorrow

    monkeypatch.setattr(graph, "datetime", Tomorrow)
    assert graph.fingerprint(world.store) != before
