"""The delivery timer's rounds: a failing peer backs off (doubling, capped) without holding
up the others, keeps its backlog and last error, and catches up once due and back."""

from __future__ import annotations

import pytest

from interlink import settings
from interlink.access import federation as access_federation
from interlink.core.viewer import Viewer
from interlink.federation import delivery, outbox, peers
from interlink.policy.sharing import make_grant
from interlink.store import SQLStore
from tests.federation.helpers import DT, FR_ADMIN, Wire, join, make_node, person


def test_backoff_doubles_and_is_capped() -> None:
    b = delivery.Backoff()
    delays = [b.failed("ma", 0.0, 5.0) for _ in range(9)]
    assert delays == [5, 10, 20, 40, 80, 160, 300, 300, 300]
    assert not b.due("ma", 299.0) and b.due("ma", 300.0)
    b.succeeded("ma")
    assert b.due("ma", 0.0) and "ma" not in b.failures


@pytest.fixture
def trio(make_store, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
         ) -> tuple[SQLStore, SQLStore, SQLStore, Wire]:
    monkeypatch.setattr(settings, "FEDERATION_DELIVERY_SECONDS", 5.0)
    fr, ma, es = make_store(), make_store(fresh=True), make_store(fresh=True)
    wire_ = Wire()
    wire_.nodes[make_node(fr, "fr", 18861, [("FR-OFAST", "FR")])] = fr
    wire_.nodes[make_node(ma, "ma", 18862, [("MA-DGSN", "MA")])] = ma
    wire_.nodes[make_node(es, "es", 18863, [("ES-DAVA", "ES")])] = es
    join(fr, ma)
    join(fr, es)
    return fr, ma, es, wire_


def test_a_failing_peer_backs_off_and_the_others_go_on(trio) -> None:  # type: ignore[no-untyped-def]
    fr, ma, es, wire_ = trio
    fr.write([person("fr-1", ["Samir Haddad"], "FR-OFAST")], FR_ADMIN)
    for agency in ("MA-DGSN", "ES-DAVA"):
        make_grant(fr, FR_ADMIN, record_id="fr-1", recipient_agency=agency, purposes=[DT])
    wire_.down.add("http://127.0.0.1:18862")
    backoff = delivery.Backoff()
    first = delivery.deliver_round(fr, backoff, wire_, now=100.0)
    assert {r["peer"]: r["delivered"] for r in first} == {"es": 2, "ma": 0}
    assert backoff.failures == {"ma": 1}
    assert access_federation.read_received(es, Viewer("p", "ES-DAVA", DT), "fr-1")
    # a new grant for Spain goes at the next round; Morocco is not tried until it is due
    fr.write([person("fr-2", ["Leila Haddad"], "FR-OFAST")], FR_ADMIN)
    for agency in ("MA-DGSN", "ES-DAVA"):
        make_grant(fr, FR_ADMIN, record_id="fr-2", recipient_agency=agency, purposes=[DT])
    wire_.down.clear()
    second = delivery.deliver_round(fr, backoff, wire_, now=101.0)
    assert [(r["peer"], r["delivered"]) for r in second] == [("es", 1)]
    [status] = [s for s in peers.status(fr) if s["peer"] == "ma"]
    assert status["backlog"] == 3 and "down" in status["last_error"]
    # due again: Morocco catches up, in order, and its backoff is reset
    third = delivery.deliver_round(fr, backoff, wire_, now=105.0)
    assert [(r["peer"], r["delivered"], r["error"]) for r in third] == [("ma", 3, None)]
    assert backoff.failures == {}
    assert len(access_federation.list_received(ma, Viewer("a", "MA-DGSN", DT))) == 2
    # nothing waiting: a round sends nothing
    assert delivery.deliver_round(fr, backoff, wire_, now=200.0) == []
    assert outbox.refresh(fr) == 0


def test_no_timer_when_the_interval_is_zero(make_store, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                            ) -> None:
    store = make_store()
    monkeypatch.setattr(settings, "FEDERATION_DELIVERY_SECONDS", 0.0)
    assert delivery.start(store) is None
    monkeypatch.setattr(settings, "FEDERATION_DELIVERY_SECONDS", 0.05)
    store.start_audit_writer()
    timer = delivery.start(store)
    assert timer is not None and timer._thread.is_alive()
    store.close()  # a closed store ends its timer (it would reopen the database otherwise)
    timer._thread.join(5)
    assert not timer._thread.is_alive()
