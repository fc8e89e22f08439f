"""Search (one box, any script), the entity page, and the request for information on a hit.

Both go through `interlink.access` (the API's path): full results and hit-only results come
back apart and are shown apart; a hit shows its owner and reference and nothing else. The
entity page shows the resolved entity with every member record the viewer sees in full, and
the links and timeline of all of them, so it is the same whichever member is opened.

With the scope "federation" the search also asks every peer node, exactly as the API's
`scope=federation` does (`interlink.access.federation.search_peers`: keyed pseudonyms travel,
each peer's own gate answers for the agency and purpose, both sides audit). A peer's answer is
shown per node: records in full only where its owner granted them, hits as owner and reference.
A request for information on a peer's hit goes to the owner's node (`rfi.open_remote`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from interlink.access import federation as access_federation
from interlink.access.entity import entity as access_entity
from interlink.access.records import read
from interlink.access.search import search
from interlink.cooperation.legal_requests import peer_of
from interlink.cooperation.rfi import open_remote, open_request
from interlink.core.envelope import Envelope
from interlink.core.errors import Conflict, InvalidInput, NotFound
from interlink.store import SQLStore
from interlink.web.common import REFUSALS, back, get_store, posted, refusal_status, signed_in
from interlink.web.listing import Listing, Paged, record_countries
from interlink.web.render import page, request_lang
from interlink.web.session import WebSession

router = APIRouter()
#: suggestions offered for a name typed in a record field
SUGGESTIONS = 8
#: results compared for a search shown a page at a time (the API's default is 50)
CANDIDATES = 200
RESULT_SORTS: dict[str, Any] = {"score": lambda r: r["score"], "name": lambda r: r["caption"],
                                "born": lambda r: (r["properties"].get("birthDate") or [""])[0]}
#: the types a search result can have, for its filter
SCHEMAS = ("Person", "Company", "Organization", "LegalEntity", "Vehicle", "Vessel",
           "BankAccount", "Address")
NAME_PROPS = ("name", "alias", "weakAlias", "previousName", "firstName", "lastName",
              "fatherName")


@router.get("/search")
def search_page(request: Request, q: str = "", scope: str = "local",
                session: WebSession = Depends(signed_in),
                store: SQLStore = Depends(get_store)) -> Response:
    q = q.strip()[:200]
    scope = "federation" if scope == "federation" else "local"
    result, error = None, ""
    peers: dict[str, dict[str, Any]] | None = None
    pages: dict[str, Paged[dict[str, Any]]] = {}

    def arrange(results: list[dict[str, Any]], hits: list[dict[str, Any]]
                ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """One page of each list, sorted and filtered, before the search is audited."""
        pages["results"] = Listing.of(request, tuple(RESULT_SORTS), "score").arrange(
            results, RESULT_SORTS, type=lambda r: r["schema"],
            country=lambda r: record_countries(r["schema"], r["properties"]))
        pages["hits"] = Listing.of(request, ("score",), "score", prefix="hits_").arrange(
            hits, {"score": lambda h: h["score"]})
        return pages["results"].items, pages["hits"].items

    if len(q) >= 2:
        if session.purpose is None:
            error = "purpose"
        else:
            try:
                result = search(store, session.viewer(), q, CANDIDATES, arrange=arrange)
                if scope == "federation":
                    peers = _peer_answers(access_federation.search_peers(
                        store, session.viewer(), q))
            except InvalidInput:
                error = "invalid"
    elif q:
        error = "short"
    return page(request, "search.html", session, q=q, scope=scope, result=result,
                error=error, agencies=_agency_names(store), results=pages.get("results"),
                hits=pages.get("hits"), schemas=SCHEMAS, peers=peers)


def _peer_answers(answers: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each peer's answer as the page shows it: a full result's envelope as an `Envelope` (for
    its badges), a refusal or an unreachable peer as its reason, never silently dropped."""
    shown: dict[str, dict[str, Any]] = {}
    for name, answer in answers.items():
        results = []
        for r in answer.get("results", []):
            envelope = Envelope.from_dict(r["envelope"]) if r.get("envelope") else None
            results.append({**r, "envelope": envelope})
        shown[name] = {"results": results, "hits": answer.get("hits", []),
                       "error": answer.get("error")}
    return shown


@router.get("/suggest")
def suggest(request: Request, q: str = Query("", max_length=200),
            scope: str = Query("full", pattern="^(full|own|any)$"),
            session: WebSession = Depends(signed_in),
            store: SQLStore = Depends(get_store)) -> JSONResponse:
    """Records to pick by name for a field that asks for a record id (web/static/picker.js):
    the search page's search (gated, and audited naming only the suggestions), records seen
    in full; `own` keeps the agency's own records (a notice's subject), `any` adds hits
    (owner and reference only: a request for information or a judicial request names them)."""
    q = q.strip()
    if session.purpose is None:
        return JSONResponse({"error": request_lang(request).gettext(
            "Declare a purpose (at the top of the page) before searching or analysing.")},
            status_code=400)
    if len(q) < 2:
        return JSONResponse({"results": []})
    agency = session.user.agency

    def narrow(results: list[dict[str, Any]], hits: list[dict[str, Any]]
               ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        if scope == "own":
            return [r for r in results if r["owner"] == agency][:SUGGESTIONS], []
        return results[:SUGGESTIONS], hits[:SUGGESTIONS] if scope == "any" else []

    try:
        found = search(store, session.viewer(), q, 50, arrange=narrow)
    except InvalidInput as exc:
        return JSONResponse({"error": str(request_lang(request).error(exc).striptags())},
                            status_code=400)
    rows = [{"id": r["id"], "caption": r["caption"], "schema": r["schema"],
             "owner": r["owner"], "hit": False} for r in found.results]
    rows += [{"id": h["id"], "caption": "", "schema": "", "owner": h["owner"], "hit": True}
             for h in found.hits]
    return JSONResponse({"results": rows})


def _agency_names(store: SQLStore) -> dict[str, Any]:
    return {a.code: a for a in store.list_agencies()}


@router.get("/entity/{record_id}")
def entity_page(request: Request, record_id: str, owner: str = Query("", max_length=64),
                session: WebSession = Depends(signed_in),
                store: SQLStore = Depends(get_store)) -> Response:
    """The entity, or its hit; with `owner` naming an agency a peer node serves, a peer's hit
    (from a federated search) with the form that asks its owner on that node. Nothing is read
    for it here: the record is on the owner's node."""
    remote = owner.strip().upper()
    if remote and peer_of(store, remote) is not None:
        return page(request, "hit.html", session, record_id=record_id, owner=remote,
                    agencies=_agency_names(store), remote=True)
    try:
        found = access_entity(store, session.viewer(), record_id)
    except NotFound:
        return page(request, "error.html", session, status_code=404, message_key="not_found")
    agencies = _agency_names(store)
    record = found.record
    timeline = None
    if found.timeline is not None:
        timeline = Listing.of(request, ("date",), "date", desc=False, prefix="tl_").arrange(
            found.timeline, {"date": lambda t: t.get("date")}, type=lambda t: t["schema"],
            when=lambda t: t.get("date"))
    if not found.shown.full:
        return page(request, "hit.html", session, record_id=record.id, owner=record.owner,
                    agencies=agencies)
    return page(request, "entity.html", session, record=record, sources=found.members,
                agencies=agencies, links=found.links, timeline=timeline,
                names=[(p, v) for p in NAME_PROPS for v in record.entity.get(p, quiet=True)])


@router.post("/requests")
def request_information(
    request: Request,
    record_id: Annotated[str, Form(max_length=255)],
    message: Annotated[str, Form(max_length=4000)] = "",
    owner: Annotated[str, Form(max_length=64)] = "",
    session: WebSession = Depends(posted),
    store: SQLStore = Depends(get_store),
) -> Response:
    """Ask a record's owner for it: an agency of this node (the hit was local), or, with
    `owner` naming an agency a peer node serves, that agency on its node (a federated hit)."""
    if owner.strip():
        return _request_remote(request, record_id, owner.strip().upper(), message, session,
                               store)
    try:
        made = open_request(store, session.viewer(), record_id, message)
    except LookupError:
        return page(request, "error.html", session, status_code=404, message_key="not_found")
    except REFUSALS as exc:  # the hit again, the message as typed, the refusal beside it
        # (the record is known to the viewer as a hit: open_request judged it so)
        owner = exc.params.get("agency") if isinstance(exc, Conflict) else None
        if not isinstance(owner, str):
            owner = read(store, session.viewer(), record_id, "hit").record.owner
        return page(request, "hit.html", session, status_code=refusal_status(exc),
                    record_id=record_id, owner=owner, agencies=_agency_names(store), error=exc,
                    typed={"message": message})
    return back(f"/entity/{record_id}", sent=made.id)


def _request_remote(request: Request, record_id: str, owner: str, message: str,
                    session: WebSession, store: SQLStore) -> Response:
    """The request for information sent to the owner's node; refused, the form again as typed
    with the refusal beside it."""
    from urllib.parse import quote, urlencode

    try:
        made = open_remote(store, session.viewer(), record_id, owner, message)
    except REFUSALS as exc:
        return page(request, "hit.html", session, status_code=refusal_status(exc),
                    record_id=record_id, owner=owner, agencies=_agency_names(store),
                    remote=True, error=exc, typed={"message": message})
    return RedirectResponse(f"/entity/{quote(record_id, safe='')}?" + urlencode(
        {"owner": owner, "sent": made.id}), status_code=303)
