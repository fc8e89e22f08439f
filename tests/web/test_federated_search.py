"""The web search's federation switch and the request for information on a peer's hit, over
HTTP: the Moroccan node's page asks the French and Spanish nodes (keyed pseudonyms, answered
by each node's own gate), shows each node's answer apart (hits as owner and reference, in
full only where the owner granted), in the reader's language; a hit's owner is asked on its
node, and both sides keep the request."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from interlink.audit import chain
from interlink.cooperation import rfi
from interlink.federation import outbox, query
from interlink.identity import add_user
from interlink.policy.sharing import make_grant
from interlink.server import create_app
from interlink.store import SQLStore
from tests.federation.helpers import ADMIN, DT, FR_ADMIN, person, three_nodes

PASSWORD = "a long enough password"


@pytest.fixture
def nodes(make_store, monkeypatch):  # type: ignore[no-untyped-def]
    fr, ma, es = make_store(), make_store(fresh=True), make_store(fresh=True)
    wire_ = three_nodes(fr, ma, es, 18871)
    # the pages ask peers over HTTP; here the in-process wire stands in for it
    monkeypatch.setattr(query, "http_transport", wire_)
    fr.write([person("fr-y", ["Youssef El Amrani"], "FR-OFAST", "1984-03-12"),
              person("fr-g", ["Youssef Amrani Granted"], "FR-OFAST", "1984-03-12",
                     tlp="GREEN")], FR_ADMIN)
    make_grant(fr, FR_ADMIN, record_id="fr-g", recipient_agency="MA-DGSN", purposes=[DT])
    add_user(ma, "ali", "MA-DGSN", "analyst", ADMIN, password=PASSWORD)
    client = TestClient(create_app(ma))
    r = client.post("/login", data={"login": "ali", "password": PASSWORD, "purpose": DT,
                                     "next": "/"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return fr, ma, es, wire_, client


def _section(page: str, testid: str) -> str:
    found = re.search(rf'<section class="peer" data-testid="{testid}">(.*?)</section>', page,
                      re.S)
    assert found, f"no section {testid}"
    return found.group(1)


def _entries(store: SQLStore, action: str) -> list:  # type: ignore[type-arg]
    with store.reading() as conn:
        return list(chain.entries(conn, action=action))


def test_scope_federation_shows_each_peers_answer_apart(nodes) -> None:  # type: ignore[no-untyped-def]
    fr, ma, es, _, client = nodes
    local = client.get("/search", params={"q": "يوسف العمراني"})
    assert local.status_code == 200
    assert 'data-testid="peers"' not in local.text  # this node only: no peer asked
    assert not [e for e in _entries(fr, "search") if e.details.get("view") == "federation"]
    page = client.get("/search", params={"q": "يوسف العمراني", "scope": "federation"})
    assert page.status_code == 200
    assert 'name="scope" value="federation" checked' in page.text
    french = _section(page.text, "peer-fr")
    # the ungranted record: a hit, owner and reference, nothing of its content
    hits = re.search(r'data-testid="peer-hits">(.*?)</table>', french, re.S)
    assert hits and "fr-y" in hits.group(1) and "FR-OFAST" in hits.group(1)
    assert "/entity/fr-y?owner=FR-OFAST" in hits.group(1)
    assert "Youssef El Amrani" not in page.text
    # the granted one: in full, with its envelope
    full = re.search(r'data-testid="peer-results">(.*?)</table>', french, re.S)
    assert full and "Youssef Amrani Granted" in full.group(1) and "TLP:GREEN" in full.group(1)
    assert "fr-g" not in (hits.group(1))
    assert "No hit." in _section(page.text, "peer-es")
    # audited on the owner's node for the asking agency, with no text (pseudonyms), and here
    [theirs] = [e for e in _entries(fr, "search") if e.details.get("view") == "federation"]
    assert theirs.agency == "MA-DGSN" and theirs.details["query"] is None
    assert sorted(theirs.subjects) == ["fr-g", "fr-y"]
    [ours] = [e for e in _entries(ma, "search") if e.details.get("view") == "federation"]
    assert ours.details["peers"]["fr"]["hits"] == ["fr-y"]
    assert ours.details["peers"]["fr"]["results"] == ["fr-g"]


def test_a_peer_down_is_said_not_hidden_and_labels_read_in_arabic(nodes) -> None:  # type: ignore[no-untyped-def]
    _, _, _, wire_, client = nodes
    wire_.down.add("http://127.0.0.1:18873")  # the Spanish node
    client.cookies.set("lang", "ar")
    page = client.get("/search", params={"q": "Youssef El Amrani", "scope": "federation",
                                         "lang": "ar"})
    assert page.status_code == 200
    spanish = _section(page.text, "peer-es")
    assert 'data-testid="peer-error"' in spanish and "unreachable" in spanish
    assert "Where to search" not in page.text and "This node" not in page.text
    assert "fr-y" in _section(page.text, "peer-fr")


def test_request_information_on_a_peers_hit_goes_to_its_owners_node(nodes) -> None:  # type: ignore[no-untyped-def]
    fr, ma, _, wire_, client = nodes
    form = client.get("/entity/fr-y", params={"owner": "FR-OFAST"})
    assert form.status_code == 200 and 'name="owner" value="FR-OFAST"' in form.text
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', form.text)
    assert token
    sent = client.post("/requests", data={"record_id": "fr-y", "owner": "FR-OFAST",
                                          "message": "seen at Tanger Med",
                                          "csrf": token.group(1)}, follow_redirects=False)
    assert sent.status_code == 303 and "sent=" in sent.headers["location"]
    [mine] = rfi.list_requests(ma, "MA-DGSN", "outgoing")
    assert mine.owner == "FR-OFAST" and mine.record_id == "fr-y"
    outbox.sync(ma, transport=wire_)
    [theirs] = rfi.list_requests(fr, "FR-OFAST", "incoming")
    assert theirs.id == mine.id and theirs.message == "seen at Tanger Med"
    # the same again while the first waits: refused beside the form, the message as typed
    again = client.post("/requests", data={"record_id": "fr-y", "owner": "FR-OFAST",
                                           "message": "once more", "csrf": token.group(1)})
    assert again.status_code == 409 and "once more" in again.text
    assert 'data-testid="request-refused"' in again.text
    assert 'data-testid="remote"' in form.text
    # an agency of this node is no peer's: the local entity page, which has no such record
    local = client.get("/entity/fr-y", params={"owner": "MA-DGSN"})
    assert local.status_code == 404 and 'data-testid="remote"' not in local.text


def test_a_step_superseded_by_a_crossing_one_is_shown_so_on_the_request_page(nodes) -> None:  # type: ignore[no-untyped-def]
    from interlink.cooperation import legal_requests as machine
    from interlink.core.viewer import Viewer
    from interlink.store import Actor

    fr, ma, _, wire_, client = nodes
    asked = rfi.open_remote(ma, Viewer("ali", "MA-DGSN", DT), "fr-y", "FR-OFAST", "")
    outbox.sync(ma, transport=wire_)
    # the owner refuses while the asker withdraws: the two steps cross in flight
    machine.transition(fr, Actor("marie", "FR-OFAST"), asked.id, "refuse",
                       reason="not for this purpose")
    machine.transition(ma, Actor("ali", "MA-DGSN"), asked.id, "withdraw", reason="done")
    for store in (ma, fr):
        outbox.sync(store, transport=wire_)
    page = client.get(f"/legal-requests/{asked.id}")
    assert page.status_code == 200
    lines = re.findall(r"<li>(.*?)</li>", re.search(
        r'data-testid="history">(.*?)</ol>', page.text, re.S).group(1), re.S)  # type: ignore[union-attr]
    marked = [line for line in lines if 'data-testid="superseded"' in line]
    assert len(marked) == 1 and "done" in marked[0] and "FR-OFAST" in marked[0]
    assert "superseded by a step of" in marked[0]
    assert 'data-state="refused"' in page.text
    client.cookies.set("il_lang", "ar")
    arabic = client.get(f"/legal-requests/{asked.id}")
    assert "superseded by" not in arabic.text and "تقاطعت معها" in arabic.text
