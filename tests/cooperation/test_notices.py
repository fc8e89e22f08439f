"""Notices: publication re-screens the store at once (alerts to owners, hits to the issuer),
reaches the agencies in scope, and withdrawal undoes both."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from interlink.audit import chain
from interlink.cooperation import notices as nt
from interlink.core.errors import InvalidInput
from interlink.core.viewer import Viewer
from interlink.policy import Visibility
from interlink.policy.sharing import judge
from interlink.store.tables import alerts
from tests.conftest import SAMPLES
from tests.cooperation.conftest import DT, ES, FR, MA, add, person


def seen(store, agency: str, rid: str) -> Visibility:  # type: ignore[no-untyped-def]
    return judge(store, [store.get(rid)], Viewer("u", agency, DT))[0]


def statuses(store, list_name: str) -> dict[tuple[str, str], str]:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        rows = conn.execute(select(alerts).where(alerts.c.list_name == list_name)).all()
    return {(r.agency, r.record_id): r.status for r in rows}


def test_publish_screens_and_withdrawal_cleans_up(coop) -> None:  # type: ignore[no-untyped-def]
    add(coop, ES, person("es-wl-7", "Youssef El-Hamdaoui"), tlp="RED")
    add(coop, ES, person("es-wl-8", "Yusuf Al Hamdawi"))
    assert seen(coop, "ES-DAVA", "ma-1") is Visibility.HIT
    pub = nt.issue_notice(coop, MA, "red", "ma-1", purpose=DT, reason="drug trafficking",
                          reference="2024/31877")
    notice = pub.notice
    assert notice.state == "published" and notice.scope == ["*"] and pub.grants == 2
    # on every agency's watchlist: what they see in full is what screening uses
    assert seen(coop, "ES-DAVA", "ma-1") is Visibility.FULL
    assert seen(coop, "FR-OFAST", "ma-1") is Visibility.FULL
    got = statuses(coop, f"notice:{notice.id}")
    # owners of the matching records are alerted; ma-2 (another man) and es-1 are not
    assert got[("FR-OFAST", "fr-1")] == "new" and got[("ES-DAVA", "es-wl-7")] == "new"
    assert ("MA-DGSN", "ma-2") not in got and ("ES-DAVA", "es-1") not in got
    # the issuer: hits only, and nothing of the TLP:RED record the gate hides from it
    assert ("MA-DGSN", "fr-1") in got and ("MA-DGSN", "es-wl-7") not in got
    assert {h["reference"] for h in pub.issuer_hits} >= {"fr-1"}
    assert "es-wl-7" not in {h["reference"] for h in pub.issuer_hits}
    (fr_alert,) = nt.notice_alerts(coop, "FR-OFAST", notice.id)
    assert "Youssef" in fr_alert["explanation"] and "red notice" in fr_alert["explanation"]
    ma_alerts = {a["record_id"]: a for a in nt.notice_alerts(coop, "MA-DGSN", notice.id)}
    assert ma_alerts["fr-1"]["explanation"] == "hit: held by FR-OFAST, reference fr-1"
    assert [n.id for n in nt.list_notices(coop, "ES-DAVA")] == [notice.id]

    with pytest.raises(LookupError):
        nt.end_notice(coop, FR, notice.id, "not mine")
    with pytest.raises(InvalidInput, match="reason"):
        nt.end_notice(coop, MA, notice.id, "")
    ended = nt.end_notice(coop, MA, notice.id, "arrested in Spain")
    assert ended.state == "withdrawn" and ended.ended_reason == "arrested in Spain"
    assert set(statuses(coop, f"notice:{notice.id}").values()) == {"closed"}
    assert seen(coop, "ES-DAVA", "ma-1") is Visibility.HIT  # off every watchlist
    assert nt.list_notices(coop, "ES-DAVA") == []
    with pytest.raises(InvalidInput, match="already withdrawn"):
        nt.end_notice(coop, MA, notice.id, "again", cancel=True)
    with coop.engine.connect() as conn:
        acts = [e.details.get("action") for e in chain.entries(conn, action="notice")]
        assert chain.verify(conn).ok
    assert acts == ["issue", "withdrawn"]


def test_scope_and_refusals(coop) -> None:  # type: ignore[no-untyped-def]
    pub = nt.issue_notice(coop, MA, "yellow", "ma-2", purpose=DT, scope=["FR-OFAST"])
    assert pub.notice.scope == ["FR-OFAST"] and pub.grants == 1
    assert seen(coop, "FR-OFAST", "ma-2") is Visibility.FULL
    assert seen(coop, "ES-DAVA", "ma-2") is Visibility.HIT
    with pytest.raises(LookupError):
        nt.get_notice(coop, "ES-DAVA", pub.notice.id)
    with pytest.raises(InvalidInput, match="unknown notice type"):
        nt.issue_notice(coop, MA, "pink", "ma-1", purpose=DT)
    with pytest.raises(InvalidInput, match="issuer's own record"):
        nt.issue_notice(coop, MA, "red", "fr-1", purpose=DT)
    with pytest.raises(InvalidInput, match="not collected"):
        nt.issue_notice(coop, MA, "red", "ma-1", purpose="terrorism")
    add(coop, FR, person("fr-red", "Secret Person"), tlp="RED")
    with pytest.raises(InvalidInput, match="TLP:RED"):
        nt.issue_notice(coop, FR, "red", "fr-red", purpose=DT)
    cancelled = nt.end_notice(coop, MA, pub.notice.id, "found alive", cancel=True)
    assert cancelled.state == "cancelled"


def test_interpol_public_notices_import(coop) -> None:  # type: ignore[no-untyped-def]
    published = nt.import_interpol(coop, ES, SAMPLES / "interpol_red_notices_list.json",
                                   purpose=DT)
    assert [p.notice.type for p in published] == ["red", "red", "red"]
    assert [p.notice.reference for p in published] == ["2024/31877", "2023/90412",
                                                      "2025/10233"]
    first = published[0]
    assert coop.get(first.notice.subject).owner == "ES-DAVA"
    # YOUSSEF EL HAMDAOUI born 1988-04-17 meets both agencies' records of him
    got = statuses(coop, f"notice:{first.notice.id}")
    assert got[("MA-DGSN", "ma-1")] == "new" and got[("FR-OFAST", "fr-1")] == "new"
    again = nt.import_interpol(coop, ES, SAMPLES / "interpol_red_notices_list.json",
                               purpose=DT)
    assert again == []  # still published: not issued twice
