"""Each rule of the gate, and attempts to get around it."""

from __future__ import annotations

from datetime import date

import pytest

from interlink.core import Envelope, InvalidInput, Record
from interlink.core.record import make_entity
from interlink.core.viewer import Viewer
from interlink.policy import Grant, Level, PolicyContext, SharingGroup, Visibility, visibility

TODAY = date(2026, 11, 23)
DT = "drug_trafficking"
ML = "money_laundering"


def rec(tlp: str = "AMBER", handling: str = "H0", purposes=(DT,), review_by="2029-01-01",
        id_: str = "ma-p1") -> Record:  # type: ignore[no-untyped-def]
    entity = make_entity({"id": id_, "schema": "Person", "properties": {"name": ["محمد"]}})
    return Record(entity, Envelope(owner="MA-DGSN", tlp=tlp, handling=handling,
                                   purposes=purposes, review_by=review_by))


def grant(id_: str = "g1", **kw) -> Grant:  # type: ignore[no-untyped-def]
    base = {"grantor": "MA-DGSN", "recipient_agency": "FR-OFAST", "record_id": "ma-p1",
            "purposes": frozenset({DT})}
    base.update(kw)
    return Grant(id=id_, **base)


def ctx(*grants: Grant, **kw) -> PolicyContext:  # type: ignore[no-untyped-def]
    return PolicyContext(grants=grants, today=TODAY, **kw)


FR = Viewer("marie", "FR-OFAST", DT)


def test_owner_sees_everything_without_purpose() -> None:
    for tlp in ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"):
        assert visibility(rec(tlp), Viewer("ali", "MA-DGSN"), ctx()) is Visibility.FULL


def test_without_a_grant_others_get_a_hit_at_most() -> None:
    assert visibility(rec("AMBER"), FR, ctx()) is Visibility.HIT
    assert visibility(rec("RED"), FR, ctx()) is Visibility.NONE  # RED: not even a hit


def test_purpose_must_be_declared_and_match() -> None:
    assert visibility(rec(), Viewer("marie", "FR-OFAST"), ctx(grant())) is Visibility.NONE
    wrong = Viewer("marie", "FR-OFAST", "terrorism")
    assert visibility(rec(), wrong, ctx(grant())) is Visibility.NONE
    # a grant for laundering does not open a record to a drug-trafficking search
    assert visibility(rec(purposes=(DT, ML)), FR, ctx(grant(purposes=frozenset({ML})))) \
        is Visibility.HIT


def test_grant_gives_full_until_expired_or_revoked() -> None:
    assert visibility(rec(), FR, ctx(grant())) is Visibility.FULL
    assert visibility(rec(), FR, ctx(grant(valid_until=TODAY))) is Visibility.FULL
    assert visibility(rec(), FR, ctx(grant(valid_until=date(2026, 11, 22)))) is Visibility.HIT
    assert visibility(rec(), FR, ctx(grant(revoked=True))) is Visibility.HIT
    assert visibility(rec(), FR, ctx(grant(level=Level.HIT))) is Visibility.HIT


def test_grant_for_another_agency_or_record_does_nothing() -> None:
    es = Viewer("juan", "ES-DAVA", DT)
    assert visibility(rec(), es, ctx(grant())) is Visibility.HIT
    assert visibility(rec(id_="ma-p2"), FR, ctx(grant())) is Visibility.HIT
    wholesale = grant(record_id=None)
    assert visibility(rec(id_="ma-p2"), FR, ctx(wholesale)) is Visibility.FULL


def test_tlp_red_reaches_named_people_only() -> None:
    g = grant(users=frozenset({"marie"}))
    assert visibility(rec("RED"), FR, ctx(g)) is Visibility.FULL
    assert visibility(rec("RED"), Viewer("paul", "FR-OFAST", DT), ctx(g)) is Visibility.NONE
    assert visibility(rec("RED"), FR, ctx(grant())) is Visibility.NONE  # nobody named


def test_tlp_reach_of_served_agencies_and_community() -> None:
    served = {"FR-OFAST": frozenset({"FR-DOUANE"})}
    groups = {"andes": SharingGroup("andes", "Op Andes", frozenset({"FR-OFAST", "CO-DIRAN"}))}
    douane = Viewer("luc", "FR-DOUANE", DT)
    diran = Viewer("ana", "CO-DIRAN", DT)
    c = ctx(grant(), serves=served, groups=groups)
    assert visibility(rec("AMBER+STRICT"), douane, c) is Visibility.HIT
    assert visibility(rec("AMBER"), douane, c) is Visibility.FULL
    assert visibility(rec("AMBER"), diran, c) is Visibility.HIT
    assert visibility(rec("GREEN"), diran, c) is Visibility.FULL
    assert visibility(rec("CLEAR"), diran, ctx()) is Visibility.FULL


def test_group_grant_makes_each_member_a_recipient() -> None:
    groups = {"andes": SharingGroup("andes", "Op Andes", frozenset({"FR-OFAST", "CO-DIRAN"}))}
    g = grant(recipient_agency=None, recipient_group="andes")
    assert visibility(rec("AMBER+STRICT"), Viewer("ana", "CO-DIRAN", DT), ctx(g, groups=groups)) \
        is Visibility.FULL
    assert visibility(rec(), Viewer("x", "ES-DAVA", DT), ctx(g, groups=groups)) is Visibility.HIT
    empty = {"andes": SharingGroup("andes", "Op Andes", frozenset())}
    assert visibility(rec(), FR, ctx(g, groups=empty)) is Visibility.HIT  # empty: nobody


def test_h2_forbids_re_granting() -> None:
    to_es = grant("g2", grantor="FR-OFAST", recipient_agency="ES-DAVA", parent="g1")
    es = Viewer("juan", "ES-DAVA", DT)
    assert visibility(rec(handling="H0"), es, ctx(grant(), to_es)) is Visibility.FULL
    assert visibility(rec(handling="H2"), es, ctx(grant(), to_es)) is Visibility.HIT
    # no parent, a revoked parent, or a parent that does not reach the grantor: nothing
    orphan = grant("g2", grantor="FR-OFAST", recipient_agency="ES-DAVA")
    assert visibility(rec(), es, ctx(grant(), orphan)) is Visibility.HIT
    assert visibility(rec(), es, ctx(grant(revoked=True), to_es)) is Visibility.HIT
    cycle = grant("g3", grantor="FR-OFAST", recipient_agency="FR-OFAST", parent="g3")
    assert visibility(rec(), FR, ctx(cycle)) is Visibility.HIT
    # a recipient cannot share the owner's holdings wholesale
    wholesale = grant("g4", grantor="FR-OFAST", recipient_agency="ES-DAVA", record_id=None,
                      parent="g1")
    assert visibility(rec(), es, ctx(grant(), wholesale)) is Visibility.HIT


def test_past_review_date_is_served_to_nobody_else() -> None:
    old = rec(review_by="2026-11-22")
    assert visibility(old, FR, ctx(grant())) is Visibility.NONE
    assert visibility(old, Viewer("ali", "MA-DGSN"), ctx()) is Visibility.FULL


def test_viewer_codes_are_validated() -> None:
    assert Viewer("ali", "ma-dgsn", DT).agency == "MA-DGSN"
    with pytest.raises(InvalidInput):
        Viewer("ali", "DGSN")
    with pytest.raises(InvalidInput):
        Viewer("ali", "MA-DGSN", "curiosity")
