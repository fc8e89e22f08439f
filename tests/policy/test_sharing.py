"""Grants and groups in the store (both backends), seen through the gate."""

from __future__ import annotations

import pytest

from interlink.audit import chain
from interlink.core import Agency, Envelope, InvalidInput, Record
from interlink.core.errors import NotFound
from interlink.core.record import make_entity
from interlink.core.viewer import Viewer
from interlink.policy import Visibility, visibility
from interlink.policy.sharing import (
    add_group,
    add_serves,
    load_context,
    make_grant,
    revoke_grant,
    set_membership,
)
from interlink.store import Actor
from tests.conftest import ACTOR

MA = Actor("ali", "MA-DGSN")
FR = Actor("marie", "FR-OFAST")
DT = "drug_trafficking"


@pytest.fixture
def shared(store):  # type: ignore[no-untyped-def]
    for code, country in (("ES-DAVA", "ES"), ("CO-DIRAN", "CO")):
        store.add_agency(Agency.create(code, country, name=code), ACTOR)
    records = []
    for id_, tlp, handling in (("p-amber", "AMBER", "H0"), ("p-h2", "AMBER", "H2"),
                               ("p-red", "RED", "H0")):
        entity = make_entity({"id": id_, "schema": "Person", "properties": {"name": [id_]}})
        records.append(Record(entity, Envelope(owner="MA-DGSN", tlp=tlp, handling=handling,
                                               purposes=[DT, "money_laundering"])))
    store.write(records, MA)
    return store


def seen(store, record_id: str, user: str, agency: str, purpose: str = DT) -> Visibility:  # type: ignore[no-untyped-def]
    record = store.get(record_id)
    with store.engine.connect() as conn:
        ctx = load_context(conn, [record_id], [record.owner])
    return visibility(record, Viewer(user, agency, purpose), ctx)


def test_grant_then_revoke(shared) -> None:  # type: ignore[no-untyped-def]
    assert seen(shared, "p-amber", "marie", "FR-OFAST") is Visibility.HIT
    grant = make_grant(shared, MA, record_id="p-amber", recipient_agency="FR-OFAST",
                       purposes=[DT], reason="RFI 2026/88")
    assert seen(shared, "p-amber", "marie", "FR-OFAST") is Visibility.FULL
    assert seen(shared, "p-amber", "marie", "FR-OFAST", "money_laundering") is Visibility.HIT
    assert seen(shared, "p-amber", "juan", "ES-DAVA") is Visibility.HIT
    with pytest.raises(InvalidInput, match="of yours"):
        revoke_grant(shared, grant.id, FR)  # only the grantor revokes
    revoke_grant(shared, grant.id, MA, "case closed")
    assert seen(shared, "p-amber", "marie", "FR-OFAST") is Visibility.HIT
    with shared.engine.connect() as conn:
        entries = list(chain.entries(conn))
        assert chain.verify(conn).ok
    assert [e.action for e in entries][-2:] == ["grant", "revocation"]
    assert entries[-2].recipient == "FR-OFAST" and entries[-2].subjects == ["p-amber"]


def test_re_grant_allowed_unless_h2(shared) -> None:  # type: ignore[no-untyped-def]
    g = make_grant(shared, MA, record_id="p-amber", recipient_agency="FR-OFAST", purposes=[DT])
    make_grant(shared, FR, record_id="p-amber", recipient_agency="ES-DAVA", purposes=[DT],
               parent=g.id)
    assert seen(shared, "p-amber", "juan", "ES-DAVA") is Visibility.FULL
    revoke_grant(shared, g.id, MA)  # the owner's revocation ends the re-grant too
    assert seen(shared, "p-amber", "juan", "ES-DAVA") is Visibility.HIT

    h2 = make_grant(shared, MA, record_id="p-h2", recipient_agency="FR-OFAST", purposes=[DT])
    with pytest.raises(InvalidInput, match="H2: no onward sharing"):
        make_grant(shared, FR, record_id="p-h2", recipient_agency="ES-DAVA", purposes=[DT],
                   parent=h2.id)
    # Spain sees p-amber only as a hit now: to its grant, as to any record it may not see in
    # full, the answer is the one an absent record gets (no owner, no terms told)
    with pytest.raises(NotFound, match="no such record"):
        make_grant(shared, Actor("juan", "ES-DAVA"), record_id="p-amber",
                   recipient_agency="CO-DIRAN", purposes=[DT], parent=g.id)


def test_grants_the_gate_would_ignore_are_refused(shared) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput, match="named people only"):
        make_grant(shared, MA, record_id="p-red", recipient_agency="FR-OFAST", purposes=[DT])
    with pytest.raises(InvalidInput, match="not collected for: terrorism"):
        make_grant(shared, MA, record_id="p-amber", recipient_agency="FR-OFAST",
                   purposes=["terrorism"])
    with pytest.raises(InvalidInput, match="in the past"):
        make_grant(shared, MA, record_id="p-amber", recipient_agency="FR-OFAST",
                   purposes=[DT], valid_until="2020-01-01")
    with pytest.raises(InvalidInput, match="exactly one recipient"):
        make_grant(shared, MA, record_id="p-amber", purposes=[DT])
    with pytest.raises(InvalidInput, match="agency add"):
        make_grant(shared, MA, record_id="p-amber", recipient_agency="XX-NOPE", purposes=[DT])
    red = make_grant(shared, MA, record_id="p-red", recipient_agency="FR-OFAST", purposes=[DT],
                     users=["marie"])
    assert seen(shared, "p-red", "marie", "FR-OFAST") is Visibility.FULL
    assert seen(shared, "p-red", "paul", "FR-OFAST") is Visibility.NONE
    assert red.users == {"marie"}


def test_group_grant_and_leaving_the_group(shared) -> None:  # type: ignore[no-untyped-def]
    add_group(shared, "op-andes", "Operation Andes", ["FR-OFAST", "CO-DIRAN"], MA)
    make_grant(shared, MA, record_id=None, recipient_group="op-andes", purposes=[DT])
    assert seen(shared, "p-amber", "ana", "CO-DIRAN") is Visibility.FULL
    assert seen(shared, "p-h2", "ana", "CO-DIRAN") is Visibility.FULL  # wholesale grant
    assert seen(shared, "p-amber", "juan", "ES-DAVA") is Visibility.HIT
    set_membership(shared, "op-andes", "CO-DIRAN", False, MA)
    assert seen(shared, "p-amber", "ana", "CO-DIRAN") is Visibility.HIT


def test_served_agencies_see_amber(shared) -> None:  # type: ignore[no-untyped-def]
    add_serves(shared, "FR-OFAST", "ES-DAVA", ACTOR)
    make_grant(shared, MA, record_id="p-amber", recipient_agency="FR-OFAST", purposes=[DT])
    assert seen(shared, "p-amber", "juan", "ES-DAVA") is Visibility.FULL
