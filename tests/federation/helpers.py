"""Nodes for federation tests: each a store of its own with its own node key, joined as peers.

`Wire` is an in-process transport (what the real one posts over HTTP, handed straight to the
other node's functions) with a switch to take a node down; the tests with real servers on
loopback ports are in test_servers.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from interlink.core import Agency, Envelope, Record
from interlink.core.record import make_entity
from interlink.federation import inbox, node, peers, query
from interlink.federation.outbox import INBOX_PATH, QUERY_PATH
from interlink.store import Actor, SQLStore

DT = "drug_trafficking"
ADMIN = Actor(user="admin", agency=None)
FR_ADMIN = Actor(user="fr-admin", agency="FR-OFAST")


@dataclass
class Wire:
    nodes: dict[str, SQLStore] = field(default_factory=dict)
    down: set[str] = field(default_factory=set)

    def __call__(self, url: str, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        if url in self.down:
            raise ConnectionError(f"{url} is down")
        store = self.nodes[url]
        if path == INBOX_PATH:
            return {"status_code": 200, "results": inbox.receive(store, payload["messages"])}
        assert path == QUERY_PATH
        code, body = query.answer(store, payload)
        return {"status_code": code, **body}


def make_node(store: SQLStore, name: str, port: int, agencies: list[tuple[str, str]]) -> str:
    url = f"http://127.0.0.1:{port}"
    node.ensure(store)
    node.set_identity(store, ADMIN, name=name, url=url)
    for code, country in agencies:
        store.add_agency(Agency.create(code, country, name=code), ADMIN)
    return url


def join(a: SQLStore, b: SQLStore) -> None:
    """Declare each node to the other, with the agencies it holds of its own."""
    for here, there in ((a, b), (b, a)):
        me = node.show(there)
        own = [x.code for x in there.list_agencies()
               if x.code not in {ag for p in peers.list_peers(there) for ag in p.agencies}]
        peers.add(here, ADMIN, me.name, me.url, me.public_key, own)


def three_nodes(fr: SQLStore, ma: SQLStore, es: SQLStore, port: int) -> Wire:
    """French, Moroccan (two agencies) and Spanish nodes on ports `port`..`port`+2, each
    declared to the others and their outboxes synced once, on one in-process wire."""
    from interlink.federation import outbox

    wire = Wire()
    wire.nodes[make_node(fr, "fr", port, [("FR-OFAST", "FR")])] = fr
    wire.nodes[make_node(ma, "ma", port + 1, [("MA-DGSN", "MA"), ("MA-DGST", "MA")])] = ma
    wire.nodes[make_node(es, "es", port + 2, [("ES-DAVA", "ES")])] = es
    join(fr, ma)
    join(fr, es)
    join(ma, es)
    for s in (fr, ma, es):
        outbox.sync(s, transport=wire)
    return wire


def person(id_: str, names: list[str], owner: str, birth: str = "", tlp: str = "AMBER",
           handling: str = "H0", conditions: str = "", **props: list[str]) -> Record:
    properties: dict[str, list[str]] = {"name": names, **props}
    if birth:
        properties["birthDate"] = [birth]
    entity = make_entity({"id": id_, "schema": "Person", "properties": properties})
    return Record(entity, Envelope(owner=owner, tlp=tlp, handling=handling, purposes=[DT],
                                   review_by="2030-01-01", conditions=conditions))
