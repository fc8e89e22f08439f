"""An attacker's requests to the two reads `api.fast` answers past FastAPI: each sent as raw
ASGI (path, query bytes and headers exactly as a server hands them over, no client tidying
them), once with the fast layer and once with it stepped around, on a running server (the
audit writer started, so the grants snapshot and the commit awaited on the event loop are the
ones in play). Both answers must be the same bytes, and each must leave the same audit
entries: the fast layer may only ever be a quicker way to the route's own answer.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from interlink.api import fast
from interlink.audit.chain import entries
from tests.api.fast_layer import counting
from tests.security.conftest import DT, World

Headers = list[tuple[bytes, bytes]]


@dataclass
class Live:
    """The world's app with its lifespan run (the audit writer started), and a raw driver."""

    world: World
    client: TestClient

    def token(self, login: str) -> bytes:
        return self.world.as_(login)["Authorization"].encode()

    def send(self, path: str, query: bytes = b"", headers: Headers | None = None,
             method: str = "GET", body: bytes = b"") -> tuple[int, bytes, dict[str, str]]:
        """One request as raw ASGI: status, body bytes, the headers a client reads."""
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
                 "method": method, "scheme": "http", "path": path,
                 "raw_path": quote(path, safe="/%").encode("latin-1", "replace"),
                 "query_string": query, "root_path": "", "headers": headers or [],
                 "client": ("127.0.0.1", 50000), "server": ("testserver", 80)}
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": body, "more_body": False}

        async def collect(message: dict[str, Any]) -> None:
            sent.append(message)

        async def run() -> None:
            await self.client.app(scope, receive, collect)

        self.client.portal.call(run)  # type: ignore[union-attr]
        start = next(m for m in sent if m["type"] == "http.response.start")
        got = {k.decode().lower(): v.decode("latin-1") for k, v in start.get("headers", [])}
        kept = {k: got[k] for k in ("content-type", "www-authenticate", "content-language",
                                    "retry-after") if k in got}
        return (start["status"], b"".join(m.get("body", b"") for m in sent
                                          if m["type"] == "http.response.body"), kept)


@pytest.fixture
def live(world: World) -> Iterator[Live]:
    with TestClient(world.app, raise_server_exceptions=False) as client:
        yield Live(world, client)


def _bearer(live: Live, login: str, **more: bytes) -> Headers:
    return [(b"authorization", live.token(login)), *[(k.encode(), v) for k, v in more.items()]]


def _audited(live: Live) -> list[tuple[Any, ...]]:
    with live.world.store.reading() as conn:
        return [(e.action, e.actor, e.purpose, tuple(e.subjects or ()),
                 (e.details or {}).get("result"), (e.details or {}).get("judged_again"))
                for e in entries(conn) if e.action in ("consultation", "search")]


LONG = "x" * 20_000
P = f"purpose={DT}".encode()
#: (who, path, query bytes, extra headers): the attacks on both reads
ATTACKS: list[tuple[str | None, str, bytes, list[tuple[str, bytes]]]] = [
    # ids: another agency's hidden record against absent ids of every shape
    ("pepe", "/api/v1/records/fr-red", P, []),
    ("pepe", "/api/v1/records/no-such", P, []),
    ("pepe", "/api/v1/records/fr-strict", P, []),  # AMBER+STRICT: a hit, no more
    ("pepe", f"/api/v1/records/{LONG}", P, []),
    ("pepe", "/api/v1/records/..", P, []),
    ("pepe", "/api/v1/records/.", P, []),
    ("pepe", "/api/v1/records/fr-red/..", P, []),
    ("pepe", "/api/v1/records/fr-red\n", P, []),
    ("pepe", "/api/v1/records/FR-RED", P, []),
    ("pepe", "/api/v1/records/ｆｒ-ｒｅｄ", P, []),  # fullwidth: not the same id
    ("pepe", "/api/v1/records/fr-red ", P, []),
    ("pepe", "/api/v1/records/%2F", P, []),  # a client's %2F left encoded in the path
    ("pepe", "/api/v1/records/ma-p1", P, []),  # AMBER: a hit
    ("marie", "/api/v1/records/fr-red", P, []),  # the owner: in full
    ("marie", "/api/v1/records/ma-p1", b"", []),  # no purpose: another agency's record
    ("marie", "/api/v1/records/ma-p1", b"purpose=not-a-purpose", []),
    ("marie", "/api/v1/records/ma-p1", b"purpose=%ZZ", []),
    ("marie", "/api/v1/records/ma-p1", b"purpose=%E2%82", []),  # a cut UTF-8 sequence
    ("marie", "/api/v1/records/ma-p1", P + b"&purpose=other", []),  # repeated
    ("marie", "/api/v1/records/ma-p1", P + b"&q=x&limit=-1", []),  # ignored extras
    ("marie", "/api/v1/records/ma-p1", P.replace(b"_", b"%5F"), []),
    ("marie", "/api/v1/records/ma-p1", P + b"%00", []),
    ("marie", "/api/v1/records/ma-p1", P, [("content-length", b"2")]),  # a body on GET
    ("marie", "/api/v1/records/ma-p1", P, [("transfer-encoding", b"chunked")]),
    # search: query tricks
    ("pepe", "/api/v1/search", b"q=Mohammed+Omara&" + P, []),
    ("pepe", "/api/v1/search", b"q=Mohammed%20Omara&q=Karim&" + P, []),
    ("pepe", "/api/v1/search", b"q=Karim+Strict&" + P, []),
    ("pepe", "/api/v1/search", b"q=RED-ID-99&" + P, []),
    ("pepe", "/api/v1/search", b"q=Mohamed&limit=0&" + P, []),
    ("pepe", "/api/v1/search", b"q=Mohamed&limit=501&" + P, []),
    ("pepe", "/api/v1/search", b"q=Mohamed&limit=500&" + P, []),
    ("pepe", "/api/v1/search", b"q=Mohamed&limit=1e3&" + P, []),
    ("pepe", "/api/v1/search", b"q=Mohamed&limit=+5&" + P, []),
    ("pepe", "/api/v1/search", b"q=Mohamed&limit=%2B5&" + P, []),
    ("pepe", "/api/v1/search", b"q=Mohamed&limit=005&" + P, []),
    ("pepe", "/api/v1/search", b"q=Mohamed&limit=%EF%BC%95&" + P, []),  # fullwidth 5
    ("pepe", "/api/v1/search", b"q=Mohamed&limit=", []),
    ("pepe", "/api/v1/search", b"q=Mohamed", []),  # purpose missing
    ("pepe", "/api/v1/search", b"q=Mohamed&purpose=not-a-purpose", []),
    ("pepe", "/api/v1/search", b"q=M&" + P, []),
    ("pepe", "/api/v1/search", b"q=Mo&" + P, []),
    ("pepe", "/api/v1/search", b"q=" + b"a" * 200 + b"&" + P, []),
    ("pepe", "/api/v1/search", b"q=" + b"a" * 201 + b"&" + P, []),
    ("pepe", "/api/v1/search", b"q=" + quote("م" * 200).encode() + b"&" + P, []),
    ("pepe", "/api/v1/search", b"q=" + quote("م" * 201).encode() + b"&" + P, []),
    ("pepe", "/api/v1/search", b"q=Moh%00amed&" + P, []),
    ("pepe", "/api/v1/search", b"q=Moh\x00amed&" + P, []),
    ("pepe", "/api/v1/search", b"q=%ZZ%E2%82Mohamed&" + P, []),
    ("pepe", "/api/v1/search", b"q=%FF&" + P, []),  # one replacement character: too short
    ("pepe", "/api/v1/search", b"%71=Mohamed&" + P, []),  # the name itself encoded
    ("pepe", "/api/v1/search", b"q=Mohamed;purpose=other&" + P, []),
    ("pepe", "/api/v1/search", b"q=Mohamed&" + P, [("content-length", b"0")]),
    ("pepe", "/api/v1/search/", b"q=Mohamed&" + P, []),
    # the same refusals in the reader's language, and a malformed Accept-Language
    ("pepe", "/api/v1/records/fr-red", P, [("accept-language", b"ar")]),
    ("pepe", "/api/v1/records/no-such", P, [("accept-language", b"ar")]),
    ("marie", "/api/v1/records/ma-p1", b"purpose=not-a-purpose", [("accept-language", b"fr")]),
    ("pepe", "/api/v1/search", b"q=Mohamed&purpose=x", [("accept-language", b"es")]),
    ("pepe", "/api/v1/search", b"q=M&" + P, [("accept-language", b"fr-FR,fr;q=0.9")]),
    ("pepe", "/api/v1/records/fr-red", P, [("accept-language", b"xx;q=bad, ar-MA;q=0.5,*")]),
    ("pepe", "/api/v1/records/fr-red", P, [("accept-language", b"\xff\xfe")]),
    (None, "/api/v1/records/fr-red", P, [("accept-language", b"ar")]),
]


def _without_query(body: bytes) -> bytes:
    """A search's answer without the query it echoes (the attacker's own words)."""
    try:
        answer = json.loads(body)
    except ValueError:
        return body
    if isinstance(answer, dict):
        answer.pop("query", None)
    return json.dumps(answer, ensure_ascii=False).encode()


def _request(live: Live, who: str | None, path: str, query: bytes,
             more: list[tuple[str, bytes]]) -> tuple[int, bytes, dict[str, str]]:
    headers = _bearer(live, who) if who else []
    return live.send(path, query, headers + [(k.encode(), v) for k, v in more])


def _each(live: Live) -> list[tuple[tuple[int, bytes, dict[str, str]], list[Any]]]:
    """Every attack's answer, with the audit entries it left."""
    out = []
    for attack in ATTACKS:
        before = len(_audited(live))
        answer = _request(live, *attack)
        out.append((answer, _audited(live)[before:]))
    return out


def test_every_attack_gets_the_routes_own_answer_and_audit(live: Live,
                                                           monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for who in ("pepe", "marie"):  # tokens held by the process, as after a first read
        live.client.get("/api/v1/records/no-such", headers=live.world.as_(who))
    taken = counting(monkeypatch)
    quick = _each(live)
    assert len(taken) >= 25  # the fast layer did answer most of them

    async def through(self, scope, receive, send):  # type: ignore[no-untyped-def]
        await self.app(scope, receive, send)

    monkeypatch.setattr(fast.FastReads, "__call__", through)
    slow = _each(live)
    for attack, (q_answer, q_audit), (s_answer, s_audit) in zip(ATTACKS, quick, slow,
                                                                strict=True):
        assert q_answer == s_answer, attack[:2]
        assert q_audit == s_audit, attack[:2]
        status, body, _ = q_answer
        assert status < 500, attack[:2]
        if attack[0] == "pepe":  # nothing of FR-OFAST's RED record, nor STRICT's name
            shown = _without_query(body)
            assert b"RED-ID-99" not in shown and b"Karim" not in shown, attack[:2]
            assert b"fr-red" not in shown and b"Omara" not in shown, attack[:2]
    # a hidden record reads exactly as an absent one, whatever the shape of the id
    # (and in the reader's language)
    seen = {(a[1], tuple(a[3])): ans for a, (ans, _) in zip(ATTACKS, quick, strict=True)
            if a[0] == "pepe"}
    for more in ((), (("accept-language", b"ar"),)):
        assert seen["/api/v1/records/fr-red", more] == seen["/api/v1/records/no-such", more]
        assert seen["/api/v1/records/no-such", more][0] == 404
    assert seen["/api/v1/records/no-such", (("accept-language", b"ar"),)][2][
        "content-language"] == "ar"


def test_every_fast_answer_has_one_audit_entry_of_what_it_showed(live: Live,
                                                                 monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A read shows a record in full, as a hit, or not at all; a search its ids: each fast
    answer leaves exactly one entry, naming exactly that."""
    grant = live.world.grant("marie", "fr-p1", "ES-DAVA")
    assert grant.status_code in (200, 201), grant.text
    live.client.get("/api/v1/records/no-such", headers=live.world.as_("pepe"))
    taken = counting(monkeypatch)
    pepe = _bearer(live, "pepe")
    for rid, result in (("fr-p1", "full"), ("ma-p1", "hit"), ("fr-red", None),
                        ("no-such", None), ("es-p1", "full")):
        before = len(_audited(live))
        status, body, _ = live.send(f"/api/v1/records/{rid}", P, pepe)
        new = _audited(live)[before:]
        assert len(new) == 1, (rid, new)
        action, actor, purpose, subjects, shown, again = new[0]
        assert (action, actor, purpose, again) == ("consultation", "pepe", DT, None)
        if result is None:
            assert status == 404 and shown == "none" and subjects == (rid,), (rid, new)
        else:
            assert status == 200 and shown == result and subjects == (rid,), (rid, new)
    before = len(_audited(live))
    status, body, _ = live.send("/api/v1/search", b"q=Mohamed+Amra&" + P, pepe)
    assert status == 200
    answer = json.loads(body)
    shown_ids = {r["id"] for r in answer["results"]} | {h["id"] for h in answer["hits"]}
    new = _audited(live)[before:]
    assert len(new) == 1 and new[0][0] == "search" and set(new[0][3]) == shown_ids
    assert "fr-p1" in shown_ids and "fr-red" not in shown_ids
    assert len(taken) == 6


def _header_attacks(live: Live) -> list[Headers]:
    """Authorization headers as an attacker shapes them, around marie's valid token."""
    good = live.token("marie")
    secret = good[len(b"Bearer "):]
    return [
        [(b"authorization", good), (b"authorization", b"Bearer il_0000000000000000_x")],
        [(b"authorization", b"Bearer il_0000000000000000_x"), (b"authorization", good)],
        [(b"authorization", b"Basic bWFyaWU6eA=="), (b"authorization", good)],
        [(b"authorization", b"bearer " + secret)],
        [(b"authorization", b"BEARER " + secret)],
        [(b"authorization", b"Bearer  " + secret)],
        [(b"authorization", b"Bearer " + secret + b"  ")],
        [(b"authorization", b"Bearer\t" + secret)],
        [(b"authorization", b"Bearer " + secret[:-1] + b" " + secret[-1:])],
        [(b"authorization", b"Bearer " + secret + b"\xff")],
        [(b"authorization", b"Bearer " + secret.upper())],
        [(b"authorization", b"Bearer")],
        [(b"authorization", b"Bearer ")],
        [(b"authorization", b"Token " + secret)],
        [(b"Authorization", good)],  # a server hands names lower-cased; an app may not
        [(b"authorization", good), (b"content-length", b"0")],
        [(b"authorization", good), (b"transfer-encoding", b"chunked")],
        [],
    ]


def test_every_authorization_trick_gets_fastapis_own_answer(live: Live, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    live.client.get("/api/v1/records/no-such", headers=live.world.as_("marie"))
    asked = [(path, query, h) for path, query in (
        ("/api/v1/records/fr-red", P), ("/api/v1/search", b"q=Mohammed+Omara&" + P))
        for h in _header_attacks(live)]
    quick = [live.send(*a) for a in asked]

    async def through(self, scope, receive, send):  # type: ignore[no-untyped-def]
        await self.app(scope, receive, send)

    monkeypatch.setattr(fast.FastReads, "__call__", through)
    slow = [live.send(*a) for a in asked]
    attacks = [(path, h) for path, _, h in asked]
    for i, (q, s) in enumerate(zip(quick, slow, strict=True)):
        assert q == s, attacks[i]
        assert q[0] in (200, 401), attacks[i]
        if q[0] == 401:
            assert b"RED-ID-99" not in q[1] and q[2].get("www-authenticate") == "Bearer"
